//! The real app, driven like a packer would: tauri-driver → WebKitWebDriver → packdesk-app in
//! demo mode (simulated Cafe24 shop, TCP label printer and serial scale on loopback).
//!
//! Needs a display and a built app:
//!   cargo build -p packdesk-app && xvfb-run -a cargo test -p packdesk-e2e
//! `PACKDESK_APP_BIN` overrides the app binary, `TAURI_DRIVER` the driver.
//! One test function on purpose: tauri-driver's ports (4444/4445) are fixed.
// Test code may unwrap (project rule); clippy's test exemption misses the helpers below.
#![allow(clippy::unwrap_used)]

use fantoccini::{Client, Locator};
use packdesk_e2e::{
    Driver, ENTER, START_DEADLINE, STEP_DEADLINE, assert_display, click, empty_input, screenshot,
    wait_js,
};
use packdesk_sim::scanner::{SimScannerSettings, SimSymbology, SimTerminator, VirtualScanner};
use serde_json::Value;

const ROWS: &str = r#"
  return [...document.querySelectorAll('#parcel-table tbody tr[data-no]')].slice(0, 8).map(tr => ({
    no: Number(tr.dataset.no),
    stage: tr.dataset.stage,
    tracking: tr.querySelector('td.tracking').textContent.trim(),
    pushed: tr.querySelector('td.pushed').dataset.pushed === '1',
  }));
"#;

const BANNER: &str = r#"
  const b = document.getElementById('banner');
  return { kind: b.dataset.kind, code: b.dataset.code, text: b.innerText };
"#;

fn row(rows: &Value, no: u64) -> &Value {
    rows.as_array()
        .and_then(|rs| rs.iter().find(|r| r["no"] == no))
        .unwrap_or_else(|| panic!("row {no} missing in {rows}"))
}

fn is_waybill(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()))
}

async fn scan(c: &Client, code: &str) {
    let input = c.find(Locator::Id("scan-input")).await.unwrap();
    input.send_keys(&format!("{code}{ENTER}")).await.unwrap();
}

async fn wait_banner(c: &Client, kind: &str, code: &str) -> Value {
    let want = (kind.to_string(), code.to_string());
    wait_js(
        c,
        &format!("banner {kind} {code}"),
        STEP_DEADLINE,
        BANNER,
        move |b| b["kind"] == want.0.as_str() && b["code"] == want.1.as_str(),
    )
    .await
}

async fn packer_day(c: Client) {
    // 1. The app opens in demo mode.
    let badge = wait_js(
        &c,
        "demo mode badge",
        START_DEADLINE,
        "const b = document.getElementById('mode-badge'); return b && b.dataset.mode !== 'starting' ? b.innerText : null;",
        |v| v.is_string(),
    )
    .await;
    assert!(
        badge.as_str().unwrap().contains("데모"),
        "mode badge: {badge}"
    );

    // 1b. The station screen shows the live weight from the demo's scale, a virtual serial scale
    // on a pty speaking a real indicator protocol, read by the production scale reader.
    let weight = wait_js(
        &c,
        "a stable weight from the pty scale in the header",
        START_DEADLINE,
        "const w = document.getElementById('weight'); return w ? { grams: w.dataset.grams, state: w.dataset.state, text: w.innerText } : null;",
        |v| v["state"] == "stable" && v["grams"].as_str().is_some_and(|g| g.parse::<i64>().is_ok_and(|g| g > 0)),
    )
    .await;
    assert!(
        weight["text"].as_str().unwrap_or("").contains("kg"),
        "weight shown as {weight}"
    );

    // 2. Collect: the demo shop's orders become rows.
    c.find(Locator::Id("collect-btn"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let count = wait_js(
        &c,
        "≥100 parcel rows",
        STEP_DEADLINE,
        "return document.querySelectorAll('#parcel-table tbody tr[data-no]').length;",
        |v| v.as_u64().is_some_and(|n| n >= 100),
    )
    .await;
    wait_banner(&c, "ok", "COLLECTED").await;
    let report = c
        .find(Locator::Id("collect-report"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(report.contains("새 주문"), "collect report: {report}");
    eprintln!("collected: {count} rows; {report}");

    // 2b. The collection panel: both shops of the demo mall (KRW and the USD storefront) with
    // their last result and their next scheduled collection.
    let shops = wait_js(
        &c,
        "two shops collected in the panel",
        STEP_DEADLINE,
        r#"return [...document.querySelectorAll('#collection-panel li.shop-line')].map(li => ({
             status: li.dataset.status,
             text: li.innerText,
             next: li.querySelector('.shop-next').dataset.next,
           }));"#,
        |v| {
            v.as_array()
                .is_some_and(|a| a.len() == 2 && a.iter().all(|s| s["status"] == "ok"))
        },
    )
    .await;
    let lines = shops.as_array().unwrap();
    assert!(
        lines
            .iter()
            .any(|s| s["text"].as_str().unwrap_or("").contains("USD")),
        "no USD shop in {shops}"
    );
    assert!(
        lines
            .iter()
            .all(|s| !s["next"].as_str().unwrap_or("").is_empty()),
        "a shop without a next collection time: {shops}"
    );

    // 3. Print 1-3 and 5 as ZPL to the built-in virtual label printer.
    let range = c.find(Locator::Id("range-input")).await.unwrap();
    empty_input(&c, "#range-input").await;
    range.send_keys("1-3, 5").await.unwrap();
    c.find(Locator::Id("format-select"))
        .await
        .unwrap()
        .select_by_value("zpl")
        .await
        .unwrap();
    c.find(Locator::Id("print-btn"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_banner(&c, "ok", "PRINTED").await;
    let rows = wait_js(&c, "rows 1,2,3,5 printed", STEP_DEADLINE, ROWS, |rows| {
        [1, 2, 3, 5].iter().all(|&n| {
            rows.as_array()
                .and_then(|rs| rs.iter().find(|r| r["no"] == n))
                .is_some_and(|r| r["stage"] == "printed")
        })
    })
    .await;
    for n in [1, 2, 3, 5] {
        let r = row(&rows, n);
        assert!(
            is_waybill(r["tracking"].as_str().unwrap()),
            "row {n} tracking: {r}"
        );
    }
    let r4 = row(&rows, 4);
    assert_ne!(r4["stage"], "printed", "row 4 was not in the range: {r4}");
    assert_eq!(r4["tracking"], "", "row 4 has no tracking number yet: {r4}");
    let labels = wait_js(
        &c,
        "the virtual printer to count 4 labels",
        STEP_DEADLINE,
        "const e = document.getElementById('vprinter-count'); return e ? Number(e.dataset.count) : null;",
        |v| v.as_u64() == Some(4),
    )
    .await;
    assert_eq!(labels, 4);

    // The desk gives the focus back to the scan field after a toolbar action.
    let focused = c
        .execute(
            "return document.activeElement && document.activeElement.id;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused, "scan-input");

    // 4. Scan row 1's waybill: shipped.
    let tracking = row(&rows, 1)["tracking"].as_str().unwrap().to_string();
    let digits: String = tracking.chars().filter(char::is_ascii_digit).collect();
    scan(&c, &digits).await;
    let banner = wait_banner(&c, "ok", "SHIPPED").await;
    let text = banner["text"].as_str().unwrap();
    assert!(
        text.contains("배송처리 완료") && text.contains("1번") && text.contains(&tracking),
        "banner: {text}"
    );
    wait_js(&c, "row 1 shipped", STEP_DEADLINE, ROWS, |rows| {
        row(rows, 1)["stage"] == "shipped"
    })
    .await;
    wait_js(
        &c,
        "one shipment waiting in the outbox",
        STEP_DEADLINE,
        "return Number(document.getElementById('outbox-count').dataset.count);",
        |v| v.as_u64().is_some_and(|n| n >= 1),
    )
    .await;

    // 5. The same waybill again: refused, loudly.
    scan(&c, &digits).await;
    let banner = wait_banner(&c, "error", "SCAN_ALREADY_SHIPPED").await;
    assert!(
        banner["text"].as_str().unwrap().contains("이미"),
        "banner: {banner}"
    );

    // 6. A waybill the desk never printed.
    scan(&c, "999999999999").await;
    wait_banner(&c, "error", "SCAN_UNKNOWN").await;
    screenshot(&c, "app-e2e-error.png").await;

    // 6b. The devices page: the demo's pty scale is connected with its protocol.
    click(&c, "nav-devices").await;
    let scale = wait_js(
        &c,
        "the scale connected on the devices page",
        STEP_DEADLINE,
        r#"const l = document.getElementById('scale-link'); const d = document.getElementById('scale-detected');
           return l && d ? { link: l.dataset.link, protocol: d.dataset.protocol } : null;"#,
        |v| v["link"] == "connected",
    )
    .await;
    assert_eq!(scale["protocol"], "generic", "devices page: {scale}");

    // 6c. A serial (CDC-ACM) scanner on a pty, chosen on the devices page by typing its path.
    let scanner = VirtualScanner::start(SimScannerSettings {
        prefix: vec![],
        suffix: vec![],
    })
    .unwrap();
    c.find(Locator::Id("scanner-port"))
        .await
        .unwrap()
        .select_by_value("__typed")
        .await
        .unwrap();
    c.find(Locator::Id("scanner-port-path"))
        .await
        .unwrap()
        .send_keys(scanner.path())
        .await
        .unwrap();
    click(&c, "scanner-connect").await;
    wait_js(
        &c,
        "the serial scanner connected",
        STEP_DEADLINE,
        "const l = document.getElementById('scanner-link'); return l ? l.dataset.link : null;",
        |v| v == "connected",
    )
    .await;
    screenshot(&c, "app-e2e-devices.png").await;

    // Back at the station, the packer scans row 2's waybill with the serial scanner (Code 128
    // with its AIM identifier, CR-terminated): shipped, shown like a wedge scan.
    click(&c, "nav-station").await;
    wait_js(
        &c,
        "the station screen",
        STEP_DEADLINE,
        "return !!document.getElementById('scan-input');",
        |v| v == true,
    )
    .await;
    let tracking2 = row(&rows, 2)["tracking"].as_str().unwrap().to_string();
    let digits2: String = tracking2.chars().filter(char::is_ascii_digit).collect();
    scanner
        .send(&digits2, SimSymbology::Code128, SimTerminator::Cr)
        .unwrap();
    let banner = wait_js(
        &c,
        "row 2 shipped by the serial scanner",
        STEP_DEADLINE,
        BANNER,
        |b| {
            b["kind"] == "ok"
                && b["code"] == "SHIPPED"
                && b["text"].as_str().is_some_and(|t| t.contains("2번"))
        },
    )
    .await;
    let text = banner["text"].as_str().unwrap();
    assert!(text.contains("시리얼"), "banner: {text}");
    wait_js(&c, "row 2 shipped", STEP_DEADLINE, ROWS, |rows| {
        row(rows, 2)["stage"] == "shipped"
    })
    .await;
    // The demo scale weighed it: the weigh card shows the parcel's weight.
    let card = wait_js(
        &c,
        "the weigh card for row 2",
        STEP_DEADLINE,
        "const w = document.getElementById('weigh-card'); return w ? { parcel: w.dataset.parcel, grams: w.dataset.grams } : null;",
        |v| v["parcel"] == "2",
    )
    .await;
    assert!(
        card["grams"]
            .as_str()
            .and_then(|g| g.parse::<u32>().ok())
            .is_some_and(|g| g > 0),
        "weigh card: {card}"
    );
    screenshot(&c, "app-e2e-serial-scan.png").await;

    // 7. Sync: the tracking number reaches the (simulated) shop.
    c.find(Locator::Id("sync-btn"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_js(&c, "row 1 pushed ✓", STEP_DEADLINE, ROWS, |rows| {
        row(rows, 1)["pushed"] == true
    })
    .await;
    wait_js(
        &c,
        "an empty outbox",
        STEP_DEADLINE,
        "return Number(document.getElementById('outbox-count').dataset.count);",
        |v| v.as_u64() == Some(0),
    )
    .await;

    screenshot(&c, "app-e2e.png").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packer_collects_prints_ships_and_syncs_in_demo_mode() {
    assert_display();
    let driver = Driver::start();
    let client = driver.session().await;

    // Run the scenario in its own task so a failed assertion still ends the session (which
    // closes the app) before the driver stops.
    let outcome = tokio::spawn(packer_day(client.clone())).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
