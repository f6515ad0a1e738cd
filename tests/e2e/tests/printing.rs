//! The printing page (F10) and the print queue in the real app, driven like a packer would:
//! tauri-driver → WebKitWebDriver → packdesk-app in demo mode, printing over real TCP to a
//! `VirtualPrinter` this test starts, whose decoder reads back every label the app sent.
//!
//! 1. Test print: the printer is saved, made the default on the printing page, test-printed; the
//!    printer got one decodable ZPL label marked TEST and the page says so.
//! 2. A range from the station's list reaches that printer: exactly those labels, in order.
//! 3. Reprint: the dialog asks for a reason; Cancel prints nothing, a typed reason prints the
//!    label once more, marked 재출력, and the reason is in the audit log.
//! 4. The printer goes away after one label of three: the paused banner names the job; with the
//!    printer back, Shift+F4 at the station (and, for a second job, Resume on the printing page)
//!    prints the rest exactly once and the job is done in the jobs list.
//!
//! Needs a display and a built app, like `tests/app.rs`:
//!   cargo build -p packdesk-app && xvfb-run -a cargo test -p packdesk-e2e --test printing
//! `PACKDESK_E2E_SHOTS=DIR` puts the screenshots in DIR (default `tests/e2e/out`).
//! One test function on purpose: tauri-driver's ports (4444/4445) are fixed.
// Test code may unwrap (project rule); clippy's test exemption misses the helpers below.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use packdesk_e2e::{
    Driver, START_DEADLINE, STEP_DEADLINE, assert_display, click, invoke, press, screenshot_shot,
    wait_js, wait_started,
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
    input.clear().await.unwrap();
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

    // ── 1. The printing page: save the printer, make it the default, test print. ──
    open_printing_page(&c).await;
    // The page lists printers (default, saved, discovered) but has no form to add a network
    // printer by address: save it through the shell's own `save_printer` command, then let the
    // page's Refresh show it, as it would show one saved from the CLI.
    invoke(
        &c,
        "save_printer",
        json!({ "uri": uri, "name": "E2E 가상 프린터", "format": "zpl" }),
    )
    .await
    .unwrap_or_else(|e| panic!("save_printer: {e}"));
    click(&c, "printing-refresh").await;
    let row_sel = format!("#printers-table tbody tr[data-uri=\"{uri}\"]");
    let probe = format!(
        "const r = document.querySelector('{row_sel}'); return r ? {{ default: r.dataset.default, kind: r.dataset.kind, text: r.innerText }} : null;"
    );
    let listed = wait_js(&c, "the saved printer listed", STEP_DEADLINE, &probe, |v| {
        !v.is_null()
    })
    .await;
    assert_eq!(listed["kind"], "network", "printer row: {listed}");
    assert!(
        listed["text"].as_str().unwrap().contains("E2E 가상 프린터"),
        "printer row: {listed}"
    );

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
    screenshot_shot(&c, "printing-preview.png").await;
    eprintln!("printing scenario: {:.1?}", started.elapsed());
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
