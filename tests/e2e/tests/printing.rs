//! The printing page (F10) and the print queue in the real app, driven like a packer would:
//! tauri-driver → WebKitWebDriver → packdesk-app in demo mode, printing over real TCP to a
//! `VirtualPrinter` this test starts, whose decoder reads back every label the app sent.
//!
//! 1. Test print: the printer is added with the printing page's form (a bad URI is refused first,
//!    in Korean and English), made the default, test-printed; the printer got one decodable ZPL
//!    label marked TEST and the page says so.
//! 2. A range from the station's list reaches that printer: exactly those labels, in order.
//! 3. Reprint: the dialog asks for a reason; Cancel prints nothing, a typed reason prints the
//!    label once more, marked 재출력, and the reason is in the audit log.
//! 4. The printer goes away after one label of three: the paused banner names the job; with the
//!    printer back, Shift+F4 at the station (and, for a second job, Resume on the printing page)
//!    prints the rest exactly once and the job is done in the jobs list. Previews of any template
//!    for a row say "parcel data"; without a row, "synthetic sample".
//! 5. Document settings: a bad QR address is refused with its reason (nothing stored); the saved
//!    settings are what the page shows when opened again and what the desk stored.
//! 6. Paperwork from the station's document select: a pick list for five rows is ONE label; packing
//!    slips for `1-2` are two labels, each with its parcel's `P…` Code 128; neither asks for a
//!    reprint reason nor changes the rows' 출력 state. The jobs list names every document in Korean.
//! 7. A SKU's location set with the page's SKU form (after an unknown SKU and a bad HS code were
//!    refused) is printed on the next pick list.
//!
//! Needs a display and a built app, like `tests/app.rs`:
//!   cargo build -p packdesk-app && xvfb-run -a cargo test -p packdesk-e2e --test printing
//! `PACKDESK_E2E_SHOTS=DIR` puts the screenshots in DIR (default `tests/e2e/out`). The open
//! document select is captured from the X screen (ImageMagick `import`, `xdotool`) when present.
//! One test function on purpose: tauri-driver's ports (4444/4445) are fixed.
// Test code may unwrap (project rule); clippy's test exemption misses the helpers below.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use packdesk_e2e::{
    Driver, ENTER, START_DEADLINE, STEP_DEADLINE, assert_display, click, empty_input, fill, invoke,
    press, screenshot_shot, shots_dir, wait_js, wait_started,
};
use packdesk_sim::printer::zpl::{BarcodeKind, Graphic, Label};
use packdesk_sim::printer::{Printed, VirtualPrinter};
use serde_json::{Value, json};

/// WebDriver key codes (W3C WebDriver §17.4.2).
const SHIFT: &str = "\u{E008}";
const ESCAPE: &str = "\u{E00C}";
const F4: &str = "\u{E034}";
const F10: &str = "\u{E03A}";

/// How long the virtual printer may take to see labels the app already reported sent.
const PRINTER_WAIT: Duration = Duration::from_secs(20);

/// The reprint mark sits in the waybill's top band (the CJ layout's first 7 mm, 56 dots at 203 dpi).
const TOP_BAND_DOTS: u32 = 56;

const ROWS: &str = r#"
  return [...document.querySelectorAll('#parcel-table tbody tr[data-no]')].map(tr => ({
    no: Number(tr.dataset.no),
    stage: tr.dataset.stage,
    tracking: tr.querySelector('td.tracking').dataset.raw,
  }));
"#;

const BANNER: &str = r#"
  const b = document.getElementById('banner');
  if (!b) return null;
  const r = document.getElementById('banner-resume');
  return { kind: b.dataset.kind, code: b.dataset.code, seq: Number(b.dataset.seq), text: b.innerText,
           resume: r ? r.innerText : null };
"#;

const NOTICE: &str = r#"
  const n = document.getElementById('printing-notice');
  return n ? { kind: n.dataset.kind, code: n.dataset.code, text: n.innerText } : null;
"#;

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// `[3, 4, 5, 8]` → `"3-5, 8"`: the range box's own syntax.
fn range_text(nos: &[u64]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < nos.len() {
        let mut j = i;
        while j + 1 < nos.len() && nos[j + 1] == nos[j] + 1 {
            j += 1;
        }
        parts.push(if j == i {
            nos[i].to_string()
        } else {
            format!("{}-{}", nos[i], nos[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}

fn row(rows: &Value, no: u64) -> &Value {
    rows.as_array()
        .and_then(|rs| rs.iter().find(|r| r["no"] == no))
        .unwrap_or_else(|| panic!("row {no} missing"))
}

fn tracking_of(rows: &Value, no: u64) -> String {
    let t = digits(row(rows, no)["tracking"].as_str().unwrap_or(""));
    assert!(
        t.len() >= 10,
        "row {no} has no tracking number: {}",
        row(rows, no)
    );
    t
}

fn zpl(p: &Printed) -> &Label {
    p.as_zpl()
        .unwrap_or_else(|| panic!("expected a ZPL label, got {:?}", p.language()))
}

/// The invoice numbers a label's Code 128 barcodes carry: all digits and long (a sort code is
/// short, and may be all digits too).
fn label_tracking(label: &Label) -> Vec<String> {
    let mut out: Vec<String> = label
        .barcodes
        .iter()
        .filter(|b| {
            b.kind == BarcodeKind::Code128
                && b.data.len() >= 10
                && b.data.chars().all(|c| c.is_ascii_digit())
        })
        .map(|b| b.data.clone())
        .collect();
    out.dedup();
    out
}

/// How many labels carry each wanted invoice number.
fn labels_per_tracking(printed: &[Printed], wanted: &[String]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = wanted.iter().map(|t| (t.clone(), 0)).collect();
    for p in printed {
        if let Some(label) = p.as_zpl() {
            for t in label_tracking(label) {
                if let Some(n) = counts.get_mut(&t) {
                    *n += 1;
                }
            }
        }
    }
    counts
}

/// The banner's sequence number now: every new banner (even the same text again) bumps it.
async fn banner_seq(c: &Client) -> u64 {
    let b = c.execute(BANNER, vec![]).await.unwrap();
    b["seq"]
        .as_u64()
        .unwrap_or_else(|| panic!("no banner: {b}"))
}

/// Waits for a banner newer than `after` that `want` accepts.
async fn wait_banner(c: &Client, what: &str, after: u64, want: impl Fn(&Value) -> bool) -> Value {
    wait_js(c, what, STEP_DEADLINE, BANNER, |b| {
        b["seq"].as_u64().is_some_and(|s| s > after) && want(b)
    })
    .await
}

async fn wait_notice(c: &Client, kind: &str, code: &str) -> Value {
    let want = (kind.to_string(), code.to_string());
    wait_js(
        c,
        &format!("notice {kind} {code}"),
        STEP_DEADLINE,
        NOTICE,
        move |n| n["kind"] == want.0.as_str() && n["code"] == want.1.as_str(),
    )
    .await
}

async fn wait_for_id(c: &Client, id: &str, present: bool) {
    wait_js(
        c,
        &format!("#{id} {}", if present { "shown" } else { "gone" }),
        STEP_DEADLINE,
        &format!("return !!document.getElementById('{id}');"),
        move |v| v == present,
    )
    .await;
}

/// Waits for a printing-page form's result line of `kind` ("ok" | "error").
async fn wait_form_result(c: &Client, id: &str, kind: &str) -> Value {
    wait_js(
        c,
        &format!("#{id} {kind}"),
        STEP_DEADLINE,
        &format!(
            "const r = document.getElementById('{id}'); return r ? {{ kind: r.dataset.kind, code: r.dataset.code, text: r.innerText }} : null;"
        ),
        |v| v["kind"] == kind,
    )
    .await
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|ch| ('가'..='힣').contains(&ch))
}

/// An error shown by a form: a Korean line and an English one.
fn assert_korean_and_english(result: &Value) {
    let text = result["text"].as_str().unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert!(
        lines.iter().any(|l| has_hangul(l)),
        "a Korean message: {result}"
    );
    assert!(
        lines
            .iter()
            .any(|l| !has_hangul(l) && l.chars().filter(char::is_ascii_alphabetic).count() > 10),
        "an English message: {result}"
    );
}

/// The printers table's row for `uri` (null when not listed).
fn printer_probe(uri: &str) -> String {
    format!(
        "const r = document.querySelector('#printers-table tbody tr[data-uri=\"{uri}\"]'); return r ? {{ default: r.dataset.default, kind: r.dataset.kind, text: r.innerText }} : null;"
    )
}

async fn printer_row(c: &Client, uri: &str) -> Value {
    c.execute(&printer_probe(uri), vec![]).await.unwrap()
}

/// The desk's own view of rows `nos`: (연번, stage, print count), for "did not change" checks.
async fn desk_rows(c: &Client, nos: &[u64]) -> Vec<(u64, String, u64)> {
    let parcels = invoke(c, "parcels", json!({})).await.unwrap();
    nos.iter()
        .map(|&n| {
            let p = parcels
                .as_array()
                .and_then(|ps| ps.iter().find(|p| p["no"] == n))
                .unwrap_or_else(|| panic!("row {n} not in the desk's list"));
            (
                n,
                p["stage"].as_str().unwrap_or_default().to_owned(),
                p["print_count"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// The rows' invoice numbers, once the list shows them all (it reloads after the banner).
async fn wait_tracking(c: &Client, nos: &[u64]) -> Vec<String> {
    let rows = wait_js(
        c,
        &format!("tracking numbers on rows {nos:?}"),
        STEP_DEADLINE,
        ROWS,
        |rows| {
            nos.iter().all(|&n| {
                rows.as_array()
                    .and_then(|rs| rs.iter().find(|r| r["no"] == n))
                    .is_some_and(|r| {
                        r["tracking"]
                            .as_str()
                            .is_some_and(|t| digits(t).len() >= 10)
                    })
            })
        },
    )
    .await;
    nos.iter().map(|&n| tracking_of(&rows, n)).collect()
}

/// Types `range` into the range box and presses the print button.
async fn print_range(c: &Client, range: &str) {
    let input = c.find(Locator::Id("range-input")).await.unwrap();
    empty_input(c, "#range-input").await;
    input.send_keys(range).await.unwrap();
    click(c, "print-btn").await;
}

async fn open_printing_page(c: &Client) {
    press(c, F10).await;
    wait_for_id(c, "printing-page", true).await;
}

async fn back_to_station(c: &Client) {
    press(c, ESCAPE).await;
    wait_for_id(c, "scan-input", true).await;
}

async fn jobs(c: &Client) -> Vec<Value> {
    invoke(c, "print_jobs", json!({}))
        .await
        .unwrap_or_else(|e| panic!("print_jobs: {e}"))
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The job number the paused banner names ("… — 작업 #12").
fn job_in(text: &str) -> i64 {
    let at = text
        .find("작업 #")
        .unwrap_or_else(|| panic!("no job number in {text:?}"));
    text[at + "작업 #".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

async fn printing_day(c: Client, printer: VirtualPrinter) {
    let started = Instant::now();
    let badge = wait_started(&c).await;
    assert!(badge.contains("데모"), "mode badge: {badge}");
    let uri = printer.uri();

    // The demo shop's orders become rows to print.
    let seq = banner_seq(&c).await;
    click(&c, "collect-btn").await;
    let banner = wait_banner(&c, "orders collected", seq, |b| b["kind"] != "idle").await;
    assert_eq!(banner["code"], "COLLECTED", "banner: {banner}");
    let rows = wait_js(&c, "≥20 parcel rows", START_DEADLINE, ROWS, |v| {
        v.as_array().is_some_and(|a| a.len() >= 20)
    })
    .await;
    // Rows a print accepts, in list order: the scenario takes 2 + 3 + 3 of them.
    let printable: Vec<u64> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["stage"] == "ready" || r["stage"] == "invoiced")
        .map(|r| r["no"].as_u64().unwrap())
        .take(8)
        .collect();
    assert_eq!(printable.len(), 8, "not enough printable rows: {rows}");
    let demo_count = "const e = document.getElementById('vprinter-count'); return e ? Number(e.dataset.count) : null;";
    let demo_labels_before = c.execute(demo_count, vec![]).await.unwrap();

    // ── 1. The printing page: add the printer by its URI, make it the default, test print. ──
    eprintln!("[{:.1?}] step 1", started.elapsed());
    open_printing_page(&c).await;
    // A URI the desk cannot read: the form says why, in Korean and English, and saves nothing.
    fill(&c, "add-printer-name", "E2E 가상 프린터").await;
    fill(&c, "add-printer-uri", "lpd://127.0.0.1").await;
    click(&c, "add-printer-save").await;
    let refused = wait_form_result(&c, "add-printer-result", "error").await;
    assert_eq!(refused["code"], "PRINTER_BAD_URI", "{refused}");
    assert_korean_and_english(&refused);
    assert!(
        printer_row(&c, "lpd://127.0.0.1").await.is_null(),
        "a refused printer is not listed"
    );
    let known = invoke(&c, "printers", json!({})).await.unwrap();
    assert!(
        !known.to_string().contains("lpd://"),
        "the desk saved nothing: {known}"
    );
    fill(&c, "add-printer-uri", &uri).await;
    c.find(Locator::Id("add-printer-format"))
        .await
        .unwrap()
        .select_by_value("zpl")
        .await
        .unwrap();
    click(&c, "add-printer-save").await;
    let saved = wait_form_result(&c, "add-printer-result", "ok").await;
    assert_eq!(saved["code"], "PRINTER_SAVED", "{saved}");
    // The form emptied itself for the next printer.
    let cleared = c
        .execute(
            "return [document.getElementById('add-printer-name').value, document.getElementById('add-printer-uri').value];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(cleared, json!(["", ""]), "the form is cleared after a save");
    let row_sel = format!("#printers-table tbody tr[data-uri=\"{uri}\"]");
    let listed = wait_js(
        &c,
        "the saved printer listed",
        STEP_DEADLINE,
        &printer_probe(&uri),
        |v| !v.is_null(),
    )
    .await;
    assert_eq!(listed["kind"], "network", "printer row: {listed}");
    assert!(
        listed["text"].as_str().unwrap().contains("E2E 가상 프린터"),
        "printer row: {listed}"
    );
    let entry = invoke(&c, "printers", json!({}))
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["uri"] == uri.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("{uri} not in the desk's printers"));
    assert_eq!(
        entry["format"], "zpl",
        "the desk keeps the chosen format: {entry}"
    );
    assert_eq!(entry["name"], "E2E 가상 프린터", "{entry}");
    screenshot_shot(&c, "printing-add-printer.png").await;
    let probe = printer_probe(&uri);

    c.find(Locator::Id("default-printer"))
        .await
        .unwrap()
        .select_by_value(&uri)
        .await
        .unwrap();
    wait_notice(&c, "ok", "PRINT_SETTINGS_SAVED").await;
    wait_js(
        &c,
        "the printer marked default",
        STEP_DEADLINE,
        &probe,
        |v| v["default"] == "1",
    )
    .await;
    let settings = invoke(&c, "print_settings", json!({})).await.unwrap();
    assert_eq!(settings["default_printer"], uri.as_str(), "{settings}");
    assert_eq!(settings["default_format"], "zpl", "{settings}");

    c.find(Locator::Css(&format!("{row_sel} button.test-print")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let notice = wait_notice(&c, "ok", "TEST_PRINTED").await;
    assert!(
        notice["text"]
            .as_str()
            .unwrap()
            .contains("테스트 인쇄 완료"),
        "notice: {notice}"
    );
    wait_js(
        &c,
        "the row's test result",
        STEP_DEADLINE,
        &format!("const t = document.querySelector('{row_sel} .test-result'); return t ? t.dataset.result : null;"),
        |v| v == "ok",
    )
    .await;
    let got = printer.wait_for_printed(1, PRINTER_WAIT).await.unwrap();
    assert_eq!(got.len(), 1, "one test label");
    let test = zpl(&got[0]);
    assert!(
        test.barcodes
            .iter()
            .any(|b| b.kind == BarcodeKind::Code128 && b.data.starts_with("TEST-")),
        "test label barcodes: {:?}",
        test.barcodes
    );
    assert!(test.has_text("TEST"), "test label texts: {:?}", test.texts);
    assert!(
        label_tracking(test).is_empty(),
        "a test label carries no invoice number: {:?}",
        test.barcodes
    );
    assert!(
        printer.job_errors().is_empty(),
        "{:?}",
        printer.job_errors()
    );
    screenshot_shot(&c, "printing-page.png").await;

    // ── 2. A range from the station's list, to the new default printer. ──
    eprintln!("[{:.1?}] step 2", started.elapsed());
    back_to_station(&c).await;
    let format = c
        .execute(
            "return document.getElementById('format-select').value;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(format, "zpl", "the station takes the printer's format");
    let first = &printable[..2];
    let seq = banner_seq(&c).await;
    print_range(&c, &range_text(first)).await;
    let banner = wait_banner(&c, "printed", seq, |_| true).await;
    assert_eq!(banner["code"], "PRINTED", "banner: {banner}");
    assert!(
        banner["text"].as_str().unwrap().contains(&uri),
        "printed to the default printer: {banner}"
    );
    let rows = wait_js(&c, "the range printed", STEP_DEADLINE, ROWS, |rows| {
        first.iter().all(|&n| row(rows, n)["stage"] == "printed")
    })
    .await;
    let tracking_first: Vec<String> = first.iter().map(|&n| tracking_of(&rows, n)).collect();
    let got = printer.wait_for_printed(3, PRINTER_WAIT).await.unwrap();
    // The print returned (the banner) after its last label left: nothing more is on its way.
    assert_eq!(
        got.len(),
        3,
        "the test label and exactly the range's labels"
    );
    for (i, want) in tracking_first.iter().enumerate() {
        assert_eq!(
            label_tracking(zpl(&got[1 + i])),
            vec![want.clone()],
            "label {} of the range",
            i + 1
        );
    }
    let demo_labels = c.execute(demo_count, vec![]).await.unwrap();
    assert_eq!(
        demo_labels, demo_labels_before,
        "nothing went to the demo's own printer"
    );

    // ── 3. Reprint: a reason or nothing. ──
    eprintln!("[{:.1?}] step 3", started.elapsed());
    let again = printable[0];
    let jobs_before = jobs(&c).await.len();
    print_range(&c, &again.to_string()).await;
    wait_for_id(&c, "reprint-dialog", true).await;
    let dialog = c
        .execute(
            r#"const d = document.getElementById('reprint-dialog');
               const p = document.getElementById('reprint-policy-note');
               return { count: d.dataset.count, nos: document.getElementById('reprint-nos').innerText,
                        policy: p ? p.dataset.policy : null,
                        confirm_disabled: document.getElementById('reprint-confirm').disabled,
                        focused: document.activeElement && document.activeElement.id };"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(dialog["count"], "1", "dialog: {dialog}");
    assert!(
        dialog["nos"].as_str().unwrap().contains(&again.to_string()),
        "dialog: {dialog}"
    );
    assert_eq!(dialog["policy"], "same", "dialog: {dialog}");
    assert_eq!(dialog["confirm_disabled"], true, "no reason yet: {dialog}");
    assert_eq!(dialog["focused"], "reprint-reason", "dialog: {dialog}");
    screenshot_shot(&c, "reprint-dialog.png").await;

    click(&c, "reprint-cancel").await;
    wait_for_id(&c, "reprint-dialog", false).await;
    // Cancel hands the range box back (its last effect): by then nothing was asked of the desk.
    wait_js(
        &c,
        "the range box focused after cancel",
        STEP_DEADLINE,
        "return document.activeElement && document.activeElement.id;",
        |v| v == "range-input",
    )
    .await;
    assert_eq!(jobs(&c).await.len(), jobs_before, "cancel made no job");
    assert_eq!(printer.printed().len(), 3, "cancel printed nothing");

    click(&c, "print-btn").await;
    wait_for_id(&c, "reprint-dialog", true).await;
    let reason = "용지 걸림 e2e";
    c.find(Locator::Id("reprint-reason"))
        .await
        .unwrap()
        .send_keys(reason)
        .await
        .unwrap();
    wait_js(
        &c,
        "the typed reason",
        STEP_DEADLINE,
        "return document.getElementById('reprint-reason').value;",
        |v| v == reason,
    )
    .await;
    let seq = banner_seq(&c).await;
    click(&c, "reprint-confirm").await;
    let banner = wait_banner(&c, "reprinted", seq, |_| true).await;
    assert_eq!(banner["code"], "PRINTED", "banner: {banner}");
    assert!(
        banner["text"].as_str().unwrap().contains("재출력 1"),
        "banner: {banner}"
    );
    let got = printer.wait_for_printed(4, PRINTER_WAIT).await.unwrap();
    assert_eq!(got.len(), 4, "one reprinted label");
    let (original, reprint) = (zpl(&got[1]), zpl(&got[3]));
    assert_eq!(
        label_tracking(reprint),
        vec![tracking_first[0].clone()],
        "same-number policy"
    );
    assert_reprint_mark(original, reprint);
    let audit = invoke(&c, "reprint_audit", json!({ "limit": 5 }))
        .await
        .unwrap();
    let last = &audit[0];
    assert_eq!(last["reason"], reason, "audit: {audit}");
    assert_eq!(
        last["tracking_no_old"], last["tracking_no_new"],
        "audit: {audit}"
    );
    assert_eq!(
        digits(last["tracking_no_old"].as_str().unwrap()),
        tracking_first[0]
    );

    // ── 4a. Paused after one label of three; resumed with Shift+F4 at the station. ──
    eprintln!("[{:.1?}] step 4a", started.elapsed());
    let batch_a = &printable[2..5];
    let (job_a, tracking_a) = paused_batch(&c, &printer, batch_a, 4).await;
    screenshot_shot(&c, "paused-banner.png").await;
    printer.set_offline(false);
    let seq = banner_seq(&c).await;
    press(&c, &format!("{SHIFT}{F4}")).await;
    let banner = wait_banner(&c, "resumed", seq, |_| true).await;
    assert_eq!(banner["code"], "RESUMED", "banner: {banner}");
    assert!(
        banner["resume"].is_null(),
        "the paused banner went: {banner}"
    );
    let got = printer.wait_for_printed(7, PRINTER_WAIT).await.unwrap();
    assert_eq!(got.len(), 7, "the two labels left, once");
    let counts = labels_per_tracking(&got, &tracking_a);
    assert!(counts.values().all(|&n| n == 1), "per tracking: {counts:?}");
    wait_js(
        &c,
        "no paused job in the header",
        STEP_DEADLINE,
        "return document.getElementById('nav-printing').dataset.paused;",
        |v| v == "0",
    )
    .await;

    // ── 4b. Paused again; resumed from the printing page's Resume button. ──
    eprintln!("[{:.1?}] step 4b", started.elapsed());
    let batch_b = &printable[5..8];
    let (job_b, tracking_b) = paused_batch(&c, &printer, batch_b, 7).await;
    open_printing_page(&c).await;
    let card = wait_js(
        &c,
        "the paused job on the printing page",
        STEP_DEADLINE,
        r#"const p = document.getElementById('paused-job');
           return p ? { job: p.dataset.job, reason: document.getElementById('paused-reason').innerText, text: p.innerText } : null;"#,
        |v| !v.is_null(),
    )
    .await;
    assert_eq!(card["job"], job_b.to_string(), "card: {card}");
    assert!(
        card["text"].as_str().unwrap().contains("1 / 3장"),
        "card: {card}"
    );
    assert!(
        card["reason"]
            .as_str()
            .unwrap()
            .chars()
            .any(|ch| ('가'..='힣').contains(&ch)),
        "the reason in Korean: {card}"
    );
    screenshot_shot(&c, "printing-paused.png").await;
    printer.set_offline(false);
    click(&c, "paused-resume").await;
    let notice = wait_js(&c, "resumed on the page", STEP_DEADLINE, NOTICE, |n| {
        n["code"] == "RESUMED" || n["kind"] == "error"
    })
    .await;
    assert_eq!(notice["code"], "RESUMED", "notice: {notice}");
    wait_for_id(&c, "paused-job", false).await;
    let got = printer.wait_for_printed(10, PRINTER_WAIT).await.unwrap();
    assert_eq!(got.len(), 10, "the two labels left, once");
    let statuses = wait_js(
        &c,
        "both jobs done in the jobs list",
        STEP_DEADLINE,
        &format!(
            r#"const s = (id) => {{ const r = document.querySelector('#print-jobs tr[data-job="' + id + '"]'); return r ? r.dataset.status : null; }};
               return [s({job_a}), s({job_b})];"#
        ),
        |v| v[0] == "done" && v[1] == "done",
    )
    .await;
    assert_eq!(statuses, json!(["done", "done"]));
    let mut all = tracking_first.clone();
    all.extend(tracking_a);
    all.extend(tracking_b);
    let counts = labels_per_tracking(&got, &all);
    let mut want: HashMap<String, usize> = all.iter().map(|t| (t.clone(), 1)).collect();
    want.insert(tracking_first[0].clone(), 2);
    assert_eq!(
        counts, want,
        "labels per tracking number over the whole day"
    );
    assert!(
        printer.job_errors().is_empty(),
        "{:?}",
        printer.job_errors()
    );
    screenshot_shot(&c, "printing-done.png").await;

    // The preview of row 1's own waybill (the one printed twice), for the screenshot review.
    c.find(Locator::Id("preview-parcel"))
        .await
        .unwrap()
        .send_keys(&printable[0].to_string())
        .await
        .unwrap();
    click(&c, "preview-btn").await;
    wait_js(
        &c,
        "the preview image drawn",
        STEP_DEADLINE,
        r#"const i = document.getElementById('preview-img');
           if (!i || !i.complete || i.naturalWidth === 0) return false;
           document.getElementById('preview-section').scrollIntoView();
           return i.dataset.parcel;"#,
        |v| v == printable[0].to_string().as_str(),
    )
    .await;
    let tag = preview_tag(&c).await;
    assert_eq!(tag["status"], "parcel", "row 1's own data: {tag}");
    assert!(
        tag["text"]
            .as_str()
            .unwrap()
            .contains("실제 택배 데이터 parcel data"),
        "the data tag in both languages: {tag}"
    );
    screenshot_shot(&c, "printing-preview.png").await;
    // Any template takes a row number, not only waybills; without one it is a synthetic sample.
    preview(&c, "packing-slip", Some(printable[0])).await;
    assert_eq!(preview_tag(&c).await["status"], "parcel");
    preview(&c, "pick-list", None).await;
    let tag = preview_tag(&c).await;
    assert_eq!(tag["status"], "synthetic", "{tag}");
    assert!(
        tag["text"]
            .as_str()
            .unwrap()
            .contains("샘플(합성) synthetic sample"),
        "{tag}"
    );

    // ── 5. Document settings: saved on the page, refused with a reason, read back. ──
    eprintln!("[{:.1?}] step 5", started.elapsed());
    document_settings(&c).await;

    // ── 6. Paperwork from the station's list: a pick list, then packing slips. ──
    eprintln!("[{:.1?}] step 6", started.elapsed());
    back_to_station(&c).await;
    // Job B was resumed on the printing page: the station no longer offers to resume it.
    let banner = wait_js(
        &c,
        "the station's banner after B resumed",
        STEP_DEADLINE,
        BANNER,
        |b| b["code"] == "RESUMED",
    )
    .await;
    assert!(banner["resume"].is_null(), "no stale Resume: {banner}");
    assert!(
        banner["text"]
            .as_str()
            .unwrap()
            .contains(&format!("작업 #{job_b}")),
        "{banner}"
    );
    let batch = &printable[..5];
    let picked = print_paperwork(&c, &printer, "pick-list", &range_text(batch), 1).await;
    assert!(
        picked
            .banner
            .contains(&format!("피킹리스트 1장 ({}건)", batch.len())),
        "banner: {}",
        picked.banner
    );
    let pick = zpl(&picked.labels[0]);
    assert!(
        label_tracking(pick).is_empty(),
        "a pick list carries no invoice barcode: {:?}",
        pick.barcodes
    );
    let lines = pick_lines(pick);
    assert!(
        !lines.is_empty(),
        "the pick list has lines: {:?}",
        pick.texts
    );

    let slips = print_paperwork(&c, &printer, "packing-slip", "1-2", 2).await;
    assert!(
        slips.banner.contains("거래명세서 2장"),
        "banner: {}",
        slips.banner
    );
    let parcels = invoke(&c, "parcels", json!({})).await.unwrap();
    for (i, no) in [1u64, 2].into_iter().enumerate() {
        let parcel_id = parcels
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["no"] == no))
            .and_then(|p| p["parcel_id"].as_i64())
            .unwrap_or_else(|| panic!("row {no} has no parcel id"));
        let slip = zpl(&slips.labels[i]);
        let codes: Vec<&str> = slip
            .barcodes
            .iter()
            .filter(|b| b.kind == BarcodeKind::Code128 && b.data.starts_with('P'))
            .map(|b| b.data.as_str())
            .collect();
        assert_eq!(
            codes,
            vec![format!("P{parcel_id:07}").as_str()],
            "packing slip {} carries its parcel's code",
            i + 1
        );
    }
    screenshot_shot(&c, "station-paperwork-printed.png").await;

    // ── 7. A SKU's shelf location, set on the printing page, is on the next pick list. ──
    eprintln!("[{:.1?}] step 7", started.elapsed());
    open_printing_page(&c).await;
    job_documents_named(&c).await;
    let sku = lines[0].1.clone();
    let location = "Z-99-01";
    sku_location(&c, &sku, location).await;
    back_to_station(&c).await;
    let again = print_paperwork(&c, &printer, "pick-list", &range_text(batch), 1).await;
    let lines = pick_lines(zpl(&again.labels[0]));
    assert!(
        lines.contains(&(location.to_owned(), sku.clone())),
        "{sku} is listed at its new shelf {location}: {lines:?}"
    );
    assert!(
        printer.job_errors().is_empty(),
        "{:?}",
        printer.job_errors()
    );
    // Last: after a real X click opened a <select>, WebKitWebDriver stops answering synthetic
    // Enter keys (it waits forever), so nothing that types Enter may follow this.
    screenshot_select_open(&c, "document-select", "station-document-select.png").await;
    eprintln!("printing scenario: {:.1?}", started.elapsed());
}

/// The jobs list names each job's document in Korean — never the raw id ("waybill").
async fn job_documents_named(c: &Client) {
    let docs = wait_js(
        c,
        "the jobs list with waybill and paperwork jobs",
        STEP_DEADLINE,
        "return [...document.querySelectorAll('#print-jobs td.job-document')].map(td => [td.dataset.document, td.innerText.trim()]);",
        |v| {
            v.as_array().is_some_and(|rows| {
                ["waybill", "pick-list", "packing-slip"]
                    .iter()
                    .all(|d| rows.iter().any(|r| r[0] == *d))
            })
        },
    )
    .await;
    for row in docs.as_array().unwrap() {
        let (id, shown) = (row[0].as_str().unwrap(), row[1].as_str().unwrap());
        assert!(
            has_hangul(shown) && shown != id,
            "job document {id} shown as {shown:?}"
        );
        let want = match id {
            "waybill" => "송장 (택배사별)",
            "pick-list" => "피킹",
            "packing-slip" => "거래명세서",
            _ => "",
        };
        assert!(shown.contains(want), "job document {id} shown as {shown:?}");
    }
    c.execute(
        "document.getElementById('print-jobs-section').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    screenshot_shot(c, "printing-jobs-paperwork.png").await;
}

/// A pick list's lines as printed: (location, SKU), the first two device-font texts of each
/// table row (the rest are quantities and 연번).
fn pick_lines(label: &Label) -> Vec<(String, String)> {
    let mut rows: Vec<(u32, Vec<(u32, String)>)> = Vec::new();
    for t in &label.texts {
        match rows.iter_mut().find(|(y, _)| *y == t.y) {
            Some((_, cells)) => cells.push((t.x, t.text.trim().to_owned())),
            None => rows.push((t.y, vec![(t.x, t.text.trim().to_owned())])),
        }
    }
    rows.sort_by_key(|(y, _)| *y);
    rows.into_iter()
        .filter_map(|(_, mut cells)| {
            cells.sort_by_key(|(x, _)| *x);
            let mut texts = cells.into_iter().map(|(_, t)| t);
            Some((texts.next()?, texts.next()?))
        })
        .collect()
}

/// The preview's data tag: "parcel" or "synthetic", and its text.
async fn preview_tag(c: &Client) -> Value {
    c.execute(
        "const t = document.getElementById('preview-data-status'); return t ? { status: t.dataset.status, text: t.innerText } : null;",
        vec![],
    )
    .await
    .unwrap()
}

/// Previews `document` (for row `no`, or a sample) and waits for the image.
async fn preview(c: &Client, document: &str, no: Option<u64>) {
    c.find(Locator::Id("preview-document"))
        .await
        .unwrap()
        .select_by_value(document)
        .await
        .unwrap();
    fill(
        c,
        "preview-parcel",
        &no.map(|n| n.to_string()).unwrap_or_default(),
    )
    .await;
    click(c, "preview-btn").await;
    let want = (
        document.to_owned(),
        no.map(|n| n.to_string()).unwrap_or_default(),
    );
    wait_js(
        c,
        &format!("the preview of {document} {no:?}"),
        STEP_DEADLINE,
        r#"const i = document.getElementById('preview-img');
           if (!i || !i.complete || i.naturalWidth === 0) return null;
           return [i.dataset.document, i.dataset.parcel];"#,
        |v| v[0] == want.0.as_str() && v[1] == want.1.as_str(),
    )
    .await;
}

/// Fills and saves the document settings; a bad QR address is refused with its reason; the
/// saved values are what the page shows when it is opened again, and what the desk stored.
async fn document_settings(c: &Client) {
    let want = [
        ("doc-business-no", "business_no", "123-45-67890"),
        ("doc-support-contact", "support_contact", "1588-0000"),
        (
            "doc-warranty-url",
            "warranty_url",
            "https://e2e.example/warranty",
        ),
        ("doc-warranty-period", "warranty_period", "구입일로부터 2년"),
    ];
    wait_js(
        c,
        "the document settings read",
        STEP_DEADLINE,
        "return !document.getElementById('doc-business-no').disabled;",
        |v| v == true,
    )
    .await;
    for (id, _, value) in want {
        fill(c, id, value).await;
    }
    c.find(Locator::Id("doc-warranty-name-source"))
        .await
        .unwrap()
        .select_by_value("model")
        .await
        .unwrap();
    // Refused first: the QR must be a web address.
    fill(c, "doc-warranty-url", "ftp://e2e.example/warranty").await;
    click(c, "doc-settings-save").await;
    let refused = wait_form_result(c, "doc-settings-result", "error").await;
    assert_eq!(refused["code"], "BAD_PRODUCT_FACT", "{refused}");
    assert!(
        refused["text"].as_str().unwrap().contains("https://"),
        "the reason names what is expected: {refused}"
    );
    assert_korean_and_english(&refused);
    let stored = invoke(c, "document_settings", json!({})).await.unwrap();
    assert_ne!(
        stored["business_no"], "123-45-67890",
        "a refused save stores nothing: {stored}"
    );

    fill(c, "doc-warranty-url", "https://e2e.example/warranty").await;
    click(c, "doc-settings-save").await;
    let saved = wait_form_result(c, "doc-settings-result", "ok").await;
    assert_eq!(saved["code"], "DOCUMENT_SETTINGS_SAVED", "{saved}");
    c.execute(
        "document.getElementById('document-settings-section').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    screenshot_shot(c, "printing-forms.png").await;

    // Read back through the page: leave it and open it again (the form reads the desk anew).
    back_to_station(c).await;
    open_printing_page(c).await;
    let shown = wait_js(
        c,
        "the saved document settings on the page",
        STEP_DEADLINE,
        r#"const v = (id) => { const e = document.getElementById(id); return e && !e.disabled ? e.value : null; };
           return { business_no: v('doc-business-no'), support_contact: v('doc-support-contact'),
                    warranty_url: v('doc-warranty-url'), warranty_period: v('doc-warranty-period'),
                    warranty_name_source: v('doc-warranty-name-source') };"#,
        |v| v["business_no"] == "123-45-67890",
    )
    .await;
    let stored = invoke(c, "document_settings", json!({})).await.unwrap();
    for (_, key, value) in want {
        assert_eq!(shown[key], value, "the page shows {key}: {shown}");
        assert_eq!(stored[key], value, "the desk stored {key}: {stored}");
    }
    assert_eq!(shown["warranty_name_source"], "model", "{shown}");
    assert_eq!(stored["warranty_name_source"], "model", "{stored}");
}

/// Sets `sku`'s shelf location with the page's SKU form (typed like a scan: text + Enter),
/// after an unknown SKU and a bad HS code were refused with their reasons.
async fn sku_location(c: &Client, sku: &str, location: &str) {
    fill(c, "sku-input", "NO-SUCH-SKU").await;
    press(c, ENTER).await;
    let unknown = wait_form_result(c, "sku-facts-result", "error").await;
    assert_eq!(unknown["code"], "UNKNOWN_SKU", "{unknown}");
    assert_korean_and_english(&unknown);

    fill(c, "sku-input", sku).await;
    press(c, ENTER).await;
    let want = sku.to_owned();
    wait_js(
        c,
        &format!("the facts of {sku}"),
        STEP_DEADLINE,
        "const f = document.getElementById('sku-facts-form'); return f ? f.dataset.sku : null;",
        |v| v == want.as_str(),
    )
    .await;
    let before = invoke(c, "sku_facts", json!({ "sku": sku })).await.unwrap();
    fill(c, "sku-hs-code", "12").await;
    click(c, "sku-facts-save").await;
    let refused = wait_form_result(c, "sku-facts-result", "error").await;
    assert_eq!(refused["code"], "BAD_PRODUCT_FACT", "{refused}");
    assert_korean_and_english(&refused);
    let unchanged = invoke(c, "sku_facts", json!({ "sku": sku })).await.unwrap();
    assert_eq!(unchanged, before, "a refused save changes nothing");

    fill(c, "sku-hs-code", before["hs_code"].as_str().unwrap_or("")).await;
    fill(c, "sku-location", location).await;
    click(c, "sku-facts-save").await;
    let saved = wait_form_result(c, "sku-facts-result", "ok").await;
    assert_eq!(saved["code"], "SKU_FACTS_SAVED", "{saved}");
    let after = invoke(c, "sku_facts", json!({ "sku": sku })).await.unwrap();
    assert_eq!(after["location"], location, "{after}");
    assert_eq!(
        after["hs_code"], before["hs_code"],
        "only the location changed: {after}"
    );
    assert_eq!(after["name_en"], before["name_en"], "{after}");
    c.execute(
        "document.getElementById('sku-facts-section').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    screenshot_shot(c, "printing-sku-facts.png").await;
}

/// What a paperwork print from the station produced.
struct Paperwork {
    banner: String,
    labels: Vec<Printed>,
}

/// Chooses `document` in the station's document select, prints `range`, and checks it is
/// paperwork: no reprint dialog, `labels` labels at the printer, the rows' 출력 state as before.
async fn print_paperwork(
    c: &Client,
    printer: &VirtualPrinter,
    document: &str,
    range: &str,
    labels: usize,
) -> Paperwork {
    c.find(Locator::Id("document-select"))
        .await
        .unwrap()
        .select_by_value(document)
        .await
        .unwrap();
    let want = document.to_owned();
    wait_js(
        c,
        &format!("{document} chosen"),
        STEP_DEADLINE,
        "return document.querySelector('.doc-picker').dataset.document;",
        |v| v == want.as_str(),
    )
    .await;
    let nos: Vec<u64> = match parse_nos(range) {
        nos if nos.is_empty() => panic!("range {range}"),
        nos => nos,
    };
    let rows_before = desk_rows(c, &nos).await;
    let before = printer.printed().len();
    let jobs_before = jobs(c).await.len();
    let seq = banner_seq(c).await;
    print_range(c, range).await;
    let banner = wait_banner(c, &format!("{document} printed"), seq, |_| true).await;
    assert_eq!(banner["code"], "PRINTED", "banner: {banner}");
    assert!(
        c.find(Locator::Id("reprint-dialog")).await.is_err(),
        "paperwork asks no reprint reason"
    );
    let got = printer
        .wait_for_printed(before + labels, PRINTER_WAIT)
        .await
        .unwrap();
    assert_eq!(got.len(), before + labels, "{labels} {document} label(s)");
    assert_eq!(
        desk_rows(c, &nos).await,
        rows_before,
        "출력 state unchanged"
    );
    let newest = jobs(c).await;
    assert_eq!(newest.len(), jobs_before + 1, "one job");
    assert_eq!(newest[0]["document"], document, "{}", newest[0]);
    Paperwork {
        banner: banner["text"].as_str().unwrap().to_owned(),
        labels: got[before..].to_vec(),
    }
}

/// `"1-3, 5"` → `[1, 2, 3, 5]` (the test's own ranges only).
fn parse_nos(range: &str) -> Vec<u64> {
    range
        .split(',')
        .flat_map(|part| {
            let (a, b) = part
                .trim()
                .split_once('-')
                .unwrap_or((part.trim(), part.trim()));
            let (a, b): (u64, u64) = (a.trim().parse().unwrap(), b.trim().parse().unwrap());
            a..=b
        })
        .collect()
}

/// Whether a command-line tool is on PATH.
fn have_tool(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool} >/dev/null")])
        .status()
        .is_ok_and(|s| s.success())
}

/// How many of the app's windows are mapped (an open <select> list is one more).
fn visible_windows() -> usize {
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--classname", "packdesk-app"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).lines().count())
        .unwrap_or(0)
}

/// A screenshot of the whole X screen with `id`'s option list open: WebKitGTK draws an open
/// <select> as a GTK menu outside the page, which a WebDriver screenshot does not show. For
/// review only; skipped (said so) without ImageMagick's `import` and `xdotool`.
async fn screenshot_select_open(c: &Client, id: &str, name: &str) {
    if !(have_tool("import") && have_tool("xdotool")) {
        eprintln!("skipping {name}: needs ImageMagick `import` and `xdotool`");
        return;
    }
    // A real pointer click: WebDriver's element click selects without opening the list. The
    // element is measured again before each try: the header's counts can move the toolbar.
    const TRIES: u32 = 3;
    for attempt in 1..=TRIES {
        let before = visible_windows();
        click_at_element(c, id).await;
        let until = Instant::now() + Duration::from_secs(10);
        while visible_windows() <= before && Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if visible_windows() <= before {
            eprintln!("{name}: the option list of #{id} did not open (try {attempt} of {TRIES})");
            continue;
        }
        let path = shots_dir().join(name);
        let shot = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .unwrap();
        assert!(shot.success(), "import -window root {}", path.display());
        let closed = Command::new("xdotool")
            .args(["mousemove", "640", "780", "click", "1"])
            .status()
            .unwrap();
        assert!(closed.success(), "xdotool click outside");
        let until = Instant::now() + STEP_DEADLINE;
        while visible_windows() > before {
            assert!(
                Instant::now() < until,
                "the option list of #{id} did not close"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        return;
    }
    // Review-only: a missing picture of a native menu is said, not failed (the scenario's
    // assertions all ran before this).
    eprintln!("{name} not taken: the option list of #{id} never opened under this X server");
}

/// Clicks the middle of element `id` with the real X pointer.
async fn click_at_element(c: &Client, id: &str) {
    let at = c
        .execute(
            &format!(
                "const r = document.getElementById('{id}').getBoundingClientRect(); return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];"
            ),
            vec![],
        )
        .await
        .unwrap();
    let window = Command::new("xdotool")
        .args([
            "search",
            "--onlyvisible",
            "--name",
            "^Packdesk ",
            "getwindowgeometry",
            "--shell",
        ])
        .output()
        .unwrap();
    let geometry = String::from_utf8_lossy(&window.stdout).into_owned();
    let origin = |key: &str| -> i64 {
        geometry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {key} in the window geometry: {geometry:?}"))
    };
    let (x, y) = (
        origin("X") + at[0].as_i64().unwrap(),
        origin("Y") + at[1].as_i64().unwrap(),
    );
    let clicked = Command::new("xdotool")
        .args(["mousemove", &x.to_string(), &y.to_string(), "click", "1"])
        .status()
        .unwrap();
    assert!(clicked.success(), "xdotool click at {x},{y}");
}

/// Arms the printer to go away after one label, prints `nos` from the station and waits for
/// the paused banner. Returns the paused job's number and the rows' invoice numbers (taken when
/// the job was made). `printed_before` labels were already in.
async fn paused_batch(
    c: &Client,
    printer: &VirtualPrinter,
    nos: &[u64],
    printed_before: usize,
) -> (i64, Vec<String>) {
    printer.set_offline_after_labels(Some(1));
    let seq = banner_seq(c).await;
    print_range(c, &range_text(nos)).await;
    let banner = wait_banner(c, "the paused banner", seq, |_| true).await;
    let text = banner["text"].as_str().unwrap();
    assert!(banner["resume"].is_string(), "a Resume action: {banner}");
    assert!(text.contains("인쇄 일시정지"), "banner: {banner}");
    assert!(text.contains("1/3장 출력"), "banner: {banner}");
    let job = job_in(text);
    assert!(
        banner["resume"]
            .as_str()
            .unwrap()
            .contains(&format!("#{job}")),
        "banner: {banner}"
    );
    let got = printer
        .wait_for_printed(printed_before + 1, PRINTER_WAIT)
        .await
        .unwrap();
    assert_eq!(
        got.len(),
        printed_before + 1,
        "one label before the printer went away"
    );
    let tracking = wait_tracking(c, nos).await;
    assert_eq!(
        label_tracking(zpl(&got[printed_before])),
        tracking[..1],
        "the batch's first label"
    );
    wait_js(
        c,
        "the paused job in the header",
        STEP_DEADLINE,
        "return document.getElementById('nav-printing').dataset.paused;",
        |v| v == "1",
    )
    .await;
    let summary = jobs(c).await.into_iter().find(|j| j["job_id"] == job);
    let summary = summary.unwrap_or_else(|| panic!("job {job} not in print_jobs"));
    assert_eq!(summary["status"], "paused", "{summary}");
    assert_eq!(
        (summary["printed"].as_u64(), summary["total"].as_u64()),
        (Some(1), Some(3)),
        "{summary}"
    );
    (job, tracking)
}

/// The reprint of a waybill is the original plus the 재출력 mark: the same barcodes and every
/// bitmap of the original, and one more bitmap, boxed, in the top band.
fn assert_reprint_mark(original: &Label, reprint: &Label) {
    assert_eq!(reprint.barcodes, original.barcodes, "same barcodes");
    let mut extra: Vec<&Graphic> = reprint.graphics.iter().collect();
    for g in &original.graphics {
        let at = extra
            .iter()
            .position(|e| *e == g)
            .unwrap_or_else(|| panic!("the reprint lost the bitmap at {},{}", g.x, g.y));
        extra.remove(at);
    }
    assert_eq!(
        extra.len(),
        1,
        "exactly one mark: {:?}",
        extra.iter().map(|g| (g.x, g.y)).collect::<Vec<_>>()
    );
    let mark = extra[0];
    let width = original.width_dots.unwrap_or(984);
    assert!(
        mark.y < TOP_BAND_DOTS && mark.x > width / 2 && mark.ink() > 0,
        "the mark at {},{} ({} dots of ink)",
        mark.x,
        mark.y,
        mark.ink()
    );
    assert_eq!(reprint.boxes, original.boxes + 1, "the mark is boxed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packer_test_prints_prints_reprints_and_resumes_a_paused_job() {
    assert_display();
    let printer = VirtualPrinter::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .unwrap();
    let driver = Driver::start();
    let client = driver.session().await;

    // Run the scenario in its own task so a failed assertion still ends the session (which
    // closes the app) before the driver stops.
    let outcome = tokio::spawn(printing_day(client.clone(), printer)).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
