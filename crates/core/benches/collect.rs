//! Collecting 10,000 and 100,000 orders from the simulated Cafe24 shop, over loopback HTTP, through
//! the production client: wall time against the leaky bucket's floor, the 429s drawn (goal: 0), and
//! the memory the collection adds while it runs (goal: bounded, not growing with the order count).
//!
//! The floor: Cafe24's bucket holds 40 calls and drains 2 per second, so N calls starting from an
//! empty bucket need at least (N − 40) / 2 seconds. Two runs:
//! - `desk`: `Desk::collect` as a station runs it (1,000 orders per page), orders stored, matched,
//!   merged and allocated, pages written as they arrive. At 10,000 the rate limit is not binding and
//!   the figure is Packdesk's own cost; at 100,000 (≥ 100 calls) the bucket paces it. Peak RSS above
//!   the pre-collection baseline is sampled every 10 ms (the simulator's own 100k orders are in the
//!   baseline, they are not the collector's);
//! - `paced`: the client listing the same orders 100 per page, so ~100 calls must be paced by the
//!   bucket — the figure shows how close the pacing runs to the floor without drawing a 429.
//!
//! One-shot measurements (a paced run takes ~30 s by design), so this is a plain bench harness.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Instant;

use chrono::{Duration, Utc};
use packdesk_cafe24::{Cafe24Client, Cafe24Config, OrderQuery, exchange_code};
use packdesk_core::{ConnectRequest, Desk, DeskOptions};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders_between};

const ORDERS: usize = 10_000;
const MANY_ORDERS: usize = 100_000;
const REDIRECT: &str = "http://127.0.0.1:9/callback";

fn floor_secs(calls: u64) -> f64 {
    (calls.saturating_sub(40)) as f64 / 2.0
}

/// Resident memory of this process in KiB (Linux), None elsewhere.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Samples RSS every 10 ms until dropped; reports the peak.
struct RssPeak {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: Option<std::thread::JoinHandle<u64>>,
}

impl RssPeak {
    fn start() -> RssPeak {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let handle = std::thread::spawn(move || {
            let mut peak = 0;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(rss_kib().unwrap_or(0));
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            peak
        });
        RssPeak {
            stop,
            handle: Some(handle),
        }
    }

    fn finish(mut self) -> u64 {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.handle.take().map(|h| h.join().unwrap()).unwrap_or(0)
    }
}

/// Orders paid over the last `days` days: a 100,000-order collection is a manual range (Cafe24
/// pages at most 16,000 orders of one day: offset ≤ 15,000 plus a 1,000 page).
async fn shop(orders: usize, days: i64) -> Cafe24Sim {
    let sim = Cafe24Sim::start(
        SimConfig::default(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    let now = Utc::now();
    sim.set_catalogue(demo_catalogue(1));
    sim.add_orders(demo_orders_between(
        1,
        now - Duration::hours(11).max(Duration::days(days)),
        now - Duration::minutes(15),
        orders,
    ));
    sim
}

async fn desk_run(orders: usize, days: i64) {
    let sim = shop(orders, days).await;
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(DeskOptions {
        db_path: dir.path().join("bench.sqlite"),
        secrets: Some(Box::new(packdesk_core::secrets::FileSecrets::new(
            dir.path().join("s.json"),
        ))),
        clock: None,
    })
    .unwrap();
    let code = sim.issue_code(REDIRECT);
    desk.connect_cafe24(
        ConnectRequest {
            mall_id: "demoshop".into(),
            client_id: "demo-client".into(),
            client_secret: "demo-secret".into(),
            api_base: Some(sim.base_url().to_string()),
            code: Some(code),
            redirect_uri: Some(REDIRECT.into()),
            shops: None,
        },
        |_| {},
    )
    .await
    .unwrap();
    sim.reset_stats();
    let baseline = rss_kib().unwrap_or(0);
    let peak = RssPeak::start();
    // RSS as the collection passes through the orders: flat = memory bounded, not growing with the
    // count (the allocator may reuse what an earlier run freed, so the shape matters, not the sum).
    let mut progress = desk.collect_progress();
    let samples = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(u64, u64)>::new()));
    let sink = samples.clone();
    let marks = tokio::spawn(async move {
        while progress.changed().await.is_ok() {
            let p = progress.borrow_and_update().clone();
            let mut v = sink.lock().unwrap();
            let next_mark = (v.len() as u64 + 1) * 20_000;
            if p.running && p.orders >= next_mark {
                v.push((p.orders, rss_kib().unwrap_or(0)));
            }
        }
    });
    let t = Instant::now();
    let from =
        (days > 0).then(|| packdesk_core::clock::kst_date(Utc::now() - Duration::days(days)));
    let report = desk.collect(from, None).await.unwrap();
    let wall = t.elapsed().as_secs_f64();
    let peak = peak.finish();
    marks.abort();
    let marks: Vec<String> = samples
        .lock()
        .unwrap()
        .iter()
        .map(|(n, kib)| {
            format!(
                "{}k: +{:.1}",
                n / 1000,
                kib.saturating_sub(baseline) as f64 / 1024.0
            )
        })
        .collect();
    let stats = sim.stats();
    let parcels = desk.parcels().unwrap().len();
    let floor = floor_secs(report.api_calls);
    let rate = if floor > 0.0 {
        format!("{:.2} of the allowed rate", floor / wall)
    } else {
        "bucket not binding".into()
    };
    println!(
        "collect/desk {orders}: {} orders → {parcels} parcels in {wall:.2} s; {} API calls, {} × 429; bucket floor \
         {floor:.1} s ({rate}); {:.0} orders/s; RSS +{:.1} MiB over the {:.1} MiB baseline at peak; \
         RSS by orders collected (MiB): [{}]",
        report.new,
        report.api_calls,
        stats.throttled_429,
        report.new as f64 / wall,
        peak.saturating_sub(baseline) as f64 / 1024.0,
        baseline as f64 / 1024.0,
        marks.join(", "),
    );
    assert_eq!(report.new as usize, orders);
}

async fn paced_run() {
    let sim = shop(ORDERS, 0).await;
    let cfg = Cafe24Config {
        mall_id: "demoshop".into(),
        api_base: Some(sim.base_url()),
        client_id: "demo-client".into(),
        client_secret: "demo-secret".into(),
        api_version: None,
    };
    let tokens = exchange_code(&cfg, &sim.issue_code(REDIRECT), REDIRECT)
        .await
        .unwrap();
    let client = Cafe24Client::new(cfg, tokens, std::sync::Arc::new(|_| {})).unwrap();
    sim.reset_stats();
    let today = packdesk_core::clock::kst_date(Utc::now());
    let query = OrderQuery {
        shop_no: 1,
        start: today - chrono::Days::new(1),
        end: today,
        date_type: "pay_date".into(),
        order_status: vec!["N20".into()],
        limit: 100,
    };
    let t = Instant::now();
    let orders = client.list_orders(&query).await.unwrap();
    let wall = t.elapsed().as_secs_f64();
    let stats = sim.stats();
    let calls = client.stats().requests;
    let floor = floor_secs(calls);
    println!(
        "collect/paced: {} orders, 100 per page: {calls} calls in {wall:.2} s; floor {floor:.1} s → {:.3}× the floor; {} × 429",
        orders.len(),
        wall / floor.max(f64::EPSILON),
        stats.throttled_429
    );
    assert_eq!(orders.len(), ORDERS);
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing useful: run quick there.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(desk_run(ORDERS, 0));
    if std::env::args().any(|a| a == "--bench") {
        rt.block_on(desk_run(MANY_ORDERS, 10));
        rt.block_on(paced_run());
    }
}
