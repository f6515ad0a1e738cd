//! Scan-to-screen latency in the real app (goal: under 50 ms): how long from the scan being
//! complete to the result being painted on the station screen, for both ways a scan arrives.
//!
//! - Keyboard wedge: WebDriver types the waybill number and Enter into the scan field like a
//!   wedge scanner; the page notes the Enter key's event time and the first paint after the
//!   result banner changed (`window.__packdeskScanPaints`, ui/src/scan/latency.ts).
//! - Serial scanner: a virtual CDC-ACM scanner on a pty (packdesk-sim) is set as the station's
//!   scanner; the bench notes the wall-clock time it wrote the code, the page the wall-clock
//!   time of the paint (performance.timeOrigin + now; same machine, same clock).
//!
//! Run: `cargo xtask bench-scan` (builds the app, runs this under Xvfb). Not a test: it asserts
//! only that every scan was answered, and prints the distribution for docs/benchmarks.md.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fantoccini::{Client, Locator};
use packdesk_e2e::{
    Driver, ENTER, STEP_DEADLINE, assert_display, click, out_dir, wait_js, wait_started,
};
use packdesk_sim::scanner::{SimScannerSettings, SimSymbology, SimTerminator, VirtualScanner};
use serde_json::{Value, json};

const SCANS_PER_PATH: usize = 40;

fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs_f64()
        * 1000.0
}

async fn printed_tracking_numbers(c: &Client, n: usize) -> Vec<String> {
    click(c, "collect-btn").await;
    wait_js(
        c,
        "parcel rows",
        STEP_DEADLINE,
        "return document.querySelectorAll('#parcel-table tbody tr[data-no]').length;",
        |v| v.as_u64().is_some_and(|rows| rows as usize >= n),
    )
    .await;
    // An empty range prints every row waiting for a label (rows short of stock are skipped).
    let range = c.find(Locator::Id("range-input")).await.unwrap();
    range.clear().await.unwrap();
    click(c, "print-btn").await;
    let script = r#"return [...document.querySelectorAll('#parcel-table tbody tr[data-no]')]
             .filter(tr => tr.dataset.stage === 'printed')
             .map(tr => tr.querySelector('td.tracking').textContent.replace(/\D/g, ''));"#;
    let v = wait_js(c, "printed rows", STEP_DEADLINE, script, |v| {
        v.as_array().is_some_and(|a| a.len() >= n)
    })
    .await;
    v.as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .take(n)
        .collect()
}

/// Waits for the page's paint record number `index` (0-based), then for the list to show the
/// parcel shipped (the refresh that follows a scan), so the next scan does not queue behind the
/// previous one's refresh: a packer scans a parcel every few seconds, not back to back.
async fn paint(c: &Client, index: usize, code: &str) -> Value {
    let script = format!(
        "const p = window.__packdeskScanPaints || []; return p.length > {index} ? p[{index}] : null;"
    );
    let p = wait_js(
        c,
        "the scan's result painted",
        STEP_DEADLINE,
        &script,
        |v| !v.is_null(),
    )
    .await;
    if p["result"] == "SHIPPED" {
        let settled = format!(
            r#"return [...document.querySelectorAll('#parcel-table tbody tr[data-no]')].some(tr =>
                 tr.dataset.stage === 'shipped' && tr.querySelector('td.tracking').textContent.replace(/\D/g, '') === '{code}');"#
        );
        wait_js(c, "the list refreshed", STEP_DEADLINE, &settled, |v| {
            v == true
        })
        .await;
    }
    p
}

/// The distribution of one path; `goal` only for the end-to-end figures (the others are parts).
fn summary(name: &str, ms: Vec<f64>, goal: Option<f64>) -> Value {
    let slowest = ms
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(0, |(i, _)| i + 1);
    let mut sorted = ms;
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
    let vs_goal = goal.map_or(String::new(), |g| {
        format!("  (goal < {g} ms; p95 = {:.2}× goal)", at(0.95) / g)
    });
    println!(
        "{name:<10} n {:>3}  p50 {:>6.1} ms  p95 {:>6.1} ms  p99 {:>6.1} ms  max {:>6.1} ms (scan #{slowest}){vs_goal}",
        sorted.len(),
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    );
    json!({
        "path": name, "n": sorted.len(), "p50_ms": at(0.5), "p95_ms": at(0.95),
        "p99_ms": at(0.99), "max_ms": at(1.0), "slowest_scan": slowest, "goal_ms": goal,
    })
}

async fn measure(c: Client) -> Value {
    wait_started(&c).await;
    let codes = printed_tracking_numbers(&c, SCANS_PER_PATH * 2).await;
    assert!(
        codes.len() >= SCANS_PER_PATH * 2 - 8,
        "printed only {}",
        codes.len()
    );
    let (wedge_codes, serial_codes) = codes.split_at(codes.len() / 2);
    let mut seen = 0;

    // The IPC round trip alone: a command that only reads memory.
    let ipc = c
        .execute_async(
            r#"const done = arguments[0]; (async () => {
                 const ms = [];
                 for (let i = 0; i < 40; i++) {
                   const t = performance.now();
                   await window.__TAURI__.core.invoke('weight');
                   ms.push(performance.now() - t);
                 }
                 done(ms);
               })();"#,
            vec![],
        )
        .await
        .unwrap();
    let ipc: Vec<f64> = ipc
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_f64)
        .collect();

    // Keyboard wedge.
    let mut wedge = Vec::new();
    let mut answered = Vec::new();
    let mut queued = Vec::new();
    for code in wedge_codes {
        let input = c.find(Locator::Id("scan-input")).await.unwrap();
        input.send_keys(&format!("{code}{ENTER}")).await.unwrap();
        let p = paint(&c, seen, code).await;
        seen += 1;
        let enter = p["enter_at"].as_f64().unwrap();
        queued.push(enter - p["key_event_at"].as_f64().unwrap());
        answered.push(p["answered_at"].as_f64().unwrap() - enter);
        wedge.push(p["painted_at"].as_f64().unwrap() - enter);
    }

    // Serial scanner on a pty, set as the station's scanner through the app's own command.
    let scanner = VirtualScanner::start(SimScannerSettings {
        prefix: vec![],
        suffix: vec![],
    })
    .unwrap();
    let set = format!(
        "const done = arguments[0]; window.__TAURI__.core.invoke('set_scanner', {{ port: {:?} }}).then(s => done(s), e => done({{ error: e }}));",
        scanner.path()
    );
    let state = c.execute_async(&set, vec![]).await.unwrap();
    assert!(state["error"].is_null(), "set_scanner: {state}");
    let mut serial = Vec::new();
    let mut serial_answered = Vec::new();
    for code in serial_codes {
        let sent_at = epoch_ms();
        scanner
            .send(code, SimSymbology::Code128, SimTerminator::Cr)
            .unwrap();
        let p = paint(&c, seen, code).await;
        seen += 1;
        assert_eq!(p["source"], "serial", "paint record {p}");
        serial_answered.push(p["answered_at"].as_f64().unwrap() - sent_at);
        serial.push(p["painted_at"].as_f64().unwrap() - sent_at);
    }
    json!([
        summary("ipc", ipc, None),
        summary("keyboard", wedge, Some(50.0)),
        summary("kb→answer", answered, None),
        summary("key queue", queued, None),
        summary("serial", serial, Some(50.0)),
        summary("ser→event", serial_answered, None),
    ])
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` lists bench targets; nothing to list here
    }
    assert_display();
    let driver = Driver::start();
    let client = driver.session().await;
    let outcome = tokio::spawn(measure(client.clone())).await;
    let _ = client.close().await;
    drop(driver);
    match outcome {
        Ok(result) => {
            let path = out_dir().join("scan-latency.json");
            std::fs::write(&path, serde_json::to_string_pretty(&result).unwrap()).unwrap();
            println!("written to {}", path.display());
        }
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}
