//! The 주문처리 page (F5) in the real app, driven like a shop owner would: tauri-driver →
//! WebKitWebDriver → packdesk-app in demo mode.
//!
//! 1. After a collection, F5 opens the page; every stage tab's 처리필요 badge says what the desk
//!    counts (`pipeline_counts`), the 송장 count is the parcels waiting for a number, and the
//!    header's badge is the total.
//! 2. 합포: the 확인필요 pairs listed are the desk's; an order locked against merging is confirmed.
//! 3. 송장: the pools table shows the demo CJ pool; a block added with the form grows it; a CSV
//!    carrier file is exported into the (throwaway) home folder and its path shown.
//! 4. The carrier's file of numbers (four good, one bad) is chosen in the file input: the preview
//!    says 4 to assign and 1 failed with BAD_NUMBER, nothing applied yet; 적용 Apply gives the four
//!    parcels exactly those numbers and the 송장 badge drops by four.
//!
//! Needs a display and a built app (with the UI built into it):
//!   (cd ui && npm run build) && cargo build -p packdesk-app &&
//!   xvfb-run -a cargo test -p packdesk-e2e --test pipeline
//! Screenshots: tests/e2e/out/pipeline-*.png (or `PACKDESK_E2E_SHOTS=DIR`).
//! One test function on purpose: tauri-driver's ports (4444/4445) are fixed.
// Test code may unwrap (project rule); clippy's test exemption misses the helpers below.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Instant;

use fantoccini::{Client, Locator};
use packdesk_e2e::{
    Driver, START_DEADLINE, STEP_DEADLINE, assert_display, click, fill, invoke, press,
    screenshot_ticking, wait_js, wait_shown, wait_started,
};
use serde_json::{Value, json};

/// WebDriver key codes (W3C WebDriver §17.4.2).
const F5: &str = "\u{E035}";

const STAGES: [&str; 8] = [
    "match", "merge", "allocate", "invoice", "ship", "claims", "register", "returns",
];

/// Every stage tab's badge as the page shows it, and the header's total.
const BADGES: &str = r#"
  const out = {};
  for (const b of document.querySelectorAll('.stage-tab')) out[b.id.replace('stage-tab-', '')] = Number(b.dataset.count);
  const nav = document.getElementById('nav-pipeline');
  out.header = nav ? Number(nav.dataset.count) : null;
  const t = document.getElementById('pipeline-total');
  out.total = t ? Number(t.dataset.count) : null;
  return out;
"#;

const NOTICE: &str = r#"
  const n = document.getElementById('pipeline-notice');
  return n ? { kind: n.dataset.kind, code: n.dataset.code, text: n.innerText } : null;
"#;

const PREVIEW: &str = r#"
  const p = document.getElementById('import-preview');
  if (!p) return null;
  const reasons = {};
  for (const r of p.querySelectorAll('.reason-count')) reasons[r.dataset.code] = Number(r.dataset.rows);
  const rows = [...p.querySelectorAll('#import-rows tbody tr')].map(tr => ({
    row: Number(tr.dataset.row), outcome: tr.dataset.outcome, code: tr.dataset.code }));
  const apply = document.getElementById('import-apply');
  return { import: Number(p.dataset.import), status: p.dataset.status, total: Number(p.dataset.total),
           assign: Number(p.dataset.assign), failed: Number(p.dataset.failed), reasons, rows,
           applyEnabled: apply ? !apply.disabled : false };
"#;

/// A CJ number outside the demo pool (601234560001…): 12 digits, CJ checks the length.
fn cj_number(i: u64) -> String {
    format!("{}", 689_900_000_001_u64 + i)
}

fn parcel_code(parcel_id: i64) -> String {
    format!("P{parcel_id:07}")
}

async fn counts(c: &Client) -> Value {
    invoke(c, "pipeline_counts", json!({}))
        .await
        .unwrap_or_else(|e| panic!("pipeline_counts: {e}"))
}

async fn parcels(c: &Client) -> Vec<Value> {
    invoke(c, "parcels", json!({}))
        .await
        .unwrap_or_else(|e| panic!("parcels: {e}"))
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// What the page's badge for `stage` should say, from the desk's counts.
fn expected_badge(counts: &Value, stage: &str) -> u64 {
    let n = |k: &str| counts[k].as_u64().unwrap_or(0);
    match stage {
        "match" => n("matching"),
        "ship" => n("ship") + n("mismatch"),
        "register" => 0,
        other => n(other),
    }
}

/// Waits until every badge agrees with the desk's counts read at the same moment.
async fn badges_agree(c: &Client) -> (Value, Value) {
    let until = Instant::now() + STEP_DEADLINE;
    loop {
        let want = counts(c).await;
        let shown = c.execute(BADGES, vec![]).await.unwrap();
        let agree = STAGES
            .iter()
            .all(|s| shown[*s].as_u64() == Some(expected_badge(&want, s)))
            && shown["total"] == want["total"]
            && shown["header"] == want["total"];
        if agree {
            return (want, shown);
        }
        assert!(
            Instant::now() < until,
            "badges never agreed with the desk: shown {shown}, desk {want}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

async fn wait_notice(c: &Client, what: &str, kind: &str) -> Value {
    let kind = kind.to_string();
    wait_js(c, what, STEP_DEADLINE, NOTICE, move |n| {
        n["kind"] == kind.as_str()
    })
    .await
}

/// Chooses `path` in the file input `id`, as the file dialog would. WebDriver's send-keys on a
/// file input is the standard way; if this driver refuses it, the same bytes are handed to the
/// input through a DataTransfer, which fires the same `change` event the page listens to.
async fn choose_file(c: &Client, id: &str, path: &Path) {
    let input = c.find(Locator::Id(id)).await.unwrap();
    if input.send_keys(&path.display().to_string()).await.is_ok() {
        let chosen = c
            .execute(
                &format!("const i = document.getElementById('{id}'); return i.files ? i.files.length : 0;"),
                vec![],
            )
            .await
            .unwrap();
        if chosen == 1 {
            return;
        }
    }
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    c.execute(
        r#"const [id, name, bytes] = arguments;
           const input = document.getElementById(id);
           const dt = new DataTransfer();
           dt.items.add(new File([new Uint8Array(bytes)], name));
           input.files = dt.files;
           input.dispatchEvent(new Event('change', { bubbles: true }));
           return input.files.length;"#,
        vec![json!(id), json!(name), json!(bytes)],
    )
    .await
    .unwrap();
}

async fn pipeline_day(c: Client, home: std::path::PathBuf) {
    let started = Instant::now();
    let badge = wait_started(&c).await;
    assert!(badge.contains("데모"), "mode badge: {badge}");

    // The demo shop's orders are collected at the station.
    click(&c, "collect-btn").await;
    wait_js(
        &c,
        "≥20 parcel rows",
        START_DEADLINE,
        "return document.querySelectorAll('#parcel-table tbody tr[data-no]').length;",
        |v| v.as_u64().is_some_and(|n| n >= 20),
    )
    .await;

    // ── 1. F5: the page, its tabs and their badges. ──
    eprintln!("[{:.1?}] step 1", started.elapsed());
    press(&c, F5).await;
    wait_shown(&c, "pipeline-page").await;
    let (want, shown) = badges_agree(&c).await;
    let ready: Vec<Value> = parcels(&c)
        .await
        .into_iter()
        .filter(|p| p["stage"] == "ready")
        .collect();
    assert_eq!(
        want["invoice"].as_u64(),
        Some(ready.len() as u64),
        "송장 counts the parcels waiting for a number: {want}"
    );
    assert!(want["total"].as_u64().unwrap() > 0, "{want}");
    eprintln!("counts {want} shown {shown}");
    // The page opens on the first stage that needs a person, its tab focused for ←/→.
    let first = STAGES
        .iter()
        .find(|s| expected_badge(&want, s) > 0)
        .unwrap();
    wait_js(
        &c,
        "the first stage with work open and focused",
        STEP_DEADLINE,
        "const t = document.querySelector('.stage-tab[aria-selected=\"true\"]'); return t && document.activeElement === t ? t.id : null;",
        |v| v == format!("stage-tab-{first}").as_str(),
    )
    .await;
    screenshot_ticking(&c, "pipeline-tabs.png").await;

    // ── 2. 합포: the desk's 확인필요 pairs; a never-merge lock. ──
    eprintln!("[{:.1?}] step 2", started.elapsed());
    click(&c, "stage-tab-merge").await;
    wait_shown(&c, "merge-reviews").await;
    let reviews = invoke(&c, "merge_reviews", json!({})).await.unwrap();
    let n_reviews = reviews.as_array().map_or(0, Vec::len);
    wait_js(
        &c,
        "the 확인필요 pairs listed",
        STEP_DEADLINE,
        "return document.getElementById('merge-empty') ? 0 : document.querySelectorAll('.merge-pair').length;",
        |v| v.as_u64() == Some(n_reviews as u64),
    )
    .await;
    if n_reviews > 0 {
        // The side-by-side view marks the differing field.
        let marked = c
            .execute(
                "return document.querySelectorAll('.merge-pair .merge-diff').length;",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            marked.as_u64().unwrap() > 0,
            "a differing field is highlighted"
        );
    }
    let lock_order = ready[0]["order_ids"][0].as_str().unwrap().to_string();
    fill(&c, "merge-lock-order", &lock_order).await;
    click(&c, "merge-lock-btn").await;
    let locked = wait_notice(&c, "lock confirmed", "ok").await;
    assert!(
        locked["text"].as_str().unwrap().contains(&lock_order),
        "{locked}"
    );
    screenshot_ticking(&c, "pipeline-merge.png").await;

    // ── 3. 송장: pools, a block added, a CSV export. ──
    eprintln!("[{:.1?}] step 3", started.elapsed());
    click(&c, "stage-tab-invoice").await;
    wait_shown(&c, "invoice-pools").await;
    let cj_left = "const r = document.querySelector('#pools-table tr[data-carrier=\"cj\"] td.num'); return r ? Number(r.innerText.replace(/[^0-9]/g, '')) : null;";
    let before = wait_js(&c, "the CJ pool row", STEP_DEADLINE, cj_left, |v| {
        v.as_u64().is_some_and(|n| n > 0)
    })
    .await
    .as_u64()
    .unwrap();
    c.find(Locator::Id("pool-add-carrier"))
        .await
        .unwrap()
        .select_by_value("cj")
        .await
        .unwrap();
    fill(&c, "pool-add-first", "689800000001").await;
    fill(&c, "pool-add-count", "10").await;
    click(&c, "pool-add").await;
    wait_notice(&c, "the block added", "ok").await;
    wait_js(&c, "the CJ pool grown by 10", STEP_DEADLINE, cj_left, |v| {
        v.as_u64() == Some(before + 10)
    })
    .await;

    c.find(Locator::Id("export-carrier"))
        .await
        .unwrap()
        .select_by_value("cj")
        .await
        .unwrap();
    click(&c, "export-format-csv").await;
    click(&c, "export-btn").await;
    let path = wait_js(
        &c,
        "the exported file's path",
        STEP_DEADLINE,
        "const p = document.getElementById('export-path'); return p ? p.innerText.trim() : null;",
        |v| v.is_string(),
    )
    .await
    .as_str()
    .unwrap()
    .to_string();
    let exported = Path::new(&path);
    assert!(exported.exists(), "{path} was written");
    assert!(
        exported.starts_with(&home),
        "{path} is in the user's folders ({})",
        home.display()
    );
    let name = exported.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("cj-") && name.ends_with(".csv"),
        "named carrier-date-time: {name}"
    );
    let text = std::fs::read_to_string(exported).unwrap();
    assert!(text.contains("운송장번호"), "the CJ layout's headers");
    screenshot_ticking(&c, "pipeline-invoice-export.png").await;

    // ── 4. The carrier's file back: preview, then apply. ──
    eprintln!("[{:.1?}] step 4", started.elapsed());
    let ready: Vec<Value> = parcels(&c)
        .await
        .into_iter()
        .filter(|p| p["stage"] == "ready" && p["carrier"] == "cj")
        .take(5)
        .collect();
    assert_eq!(ready.len(), 5, "five CJ parcels waiting");
    let mut csv = String::from("고객주문번호,운송장번호\n");
    for (i, p) in ready.iter().enumerate() {
        let number = if i == 2 {
            "12345".to_string()
        } else {
            cj_number(i as u64)
        };
        csv.push_str(&format!(
            "{},{number}\n",
            parcel_code(p["parcel_id"].as_i64().unwrap())
        ));
    }
    let upload = home.join("cj-송장결과.csv");
    std::fs::write(&upload, csv).unwrap();
    let invoice_before = counts(&c).await["invoice"].as_u64().unwrap();
    choose_file(&c, "import-file", &upload).await;
    let preview = wait_js(&c, "the preview", STEP_DEADLINE, PREVIEW, |p| {
        p["total"].as_u64() == Some(5)
    })
    .await;
    assert_eq!(preview["status"], "preview", "{preview}");
    assert_eq!(preview["assign"], 4, "{preview}");
    assert_eq!(preview["failed"], 1, "{preview}");
    assert_eq!(preview["reasons"]["BAD_NUMBER"], 1, "{preview}");
    assert!(preview["applyEnabled"].as_bool().unwrap(), "{preview}");
    let bad_row = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["outcome"] == "failed")
        .cloned()
        .unwrap();
    assert_eq!(
        bad_row["row"], 4,
        "the third data row (file row 4): {preview}"
    );
    assert_eq!(bad_row["code"], "BAD_NUMBER");
    // Nothing applied yet.
    assert_eq!(
        counts(&c).await["invoice"].as_u64(),
        Some(invoice_before),
        "a preview changes nothing"
    );
    screenshot_ticking(&c, "pipeline-import-preview.png").await;

    click(&c, "import-apply").await;
    let result = wait_js(
        &c,
        "the apply result",
        STEP_DEADLINE,
        "const r = document.getElementById('import-result'); return r ? { assigned: Number(r.dataset.assigned), failed: Number(r.dataset.failed) } : null;",
        |v| v.is_object(),
    )
    .await;
    assert_eq!(result["assigned"], 4, "{result}");
    assert_eq!(result["failed"], 1, "{result}");
    let now = parcels(&c).await;
    for (i, p) in ready.iter().enumerate() {
        let id = p["parcel_id"].as_i64().unwrap();
        let row = now.iter().find(|r| r["parcel_id"] == id).unwrap();
        if i == 2 {
            assert!(
                row["tracking_no"].is_null(),
                "the bad row got nothing: {row}"
            );
        } else {
            assert_eq!(row["tracking_no"], cj_number(i as u64), "{row}");
        }
    }
    let after = counts(&c).await["invoice"].as_u64().unwrap();
    assert_eq!(after, invoice_before - 4, "four parcels left 송장");
    badges_agree(&c).await;
    wait_js(
        &c,
        "the apply button off",
        STEP_DEADLINE,
        "return document.getElementById('import-apply').disabled;",
        |v| v == true,
    )
    .await;
    // The table now says what was done, row by row.
    wait_js(&c, "the rows as applied", STEP_DEADLINE, PREVIEW, |p| {
        let rows = p["rows"].as_array().cloned().unwrap_or_default();
        p["status"] == "applied"
            && rows.iter().filter(|r| r["outcome"] == "assigned").count() == 4
            && rows.iter().filter(|r| r["outcome"] == "failed").count() == 1
    })
    .await;
    screenshot_ticking(&c, "pipeline-import-applied.png").await;

    // F5 again: back at the station.
    press(&c, F5).await;
    wait_shown(&c, "scan-input").await;
    eprintln!("[{:.1?}] done", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pipeline_page_counts_stages_reviews_merges_and_round_trips_a_carrier_file() {
    assert_display();
    let driver = Driver::start();
    let client = driver.session().await;
    let home = driver.home().to_path_buf();
    // Run the scenario in its own task so a failed assertion still ends the session (which
    // closes the app) before the driver stops.
    let outcome = tokio::spawn(pipeline_day(client.clone(), home)).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
