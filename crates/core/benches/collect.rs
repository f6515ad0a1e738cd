//! Collecting 10,000 orders from the simulated Cafe24 shop, over loopback HTTP, through the
//! production client: wall time against the leaky bucket's floor, and the 429s drawn (goal: 0).
//!
//! The floor: Cafe24's bucket holds 40 calls and drains 2 per second, so N calls starting from an
//! empty bucket need at least (N − 40) / 2 seconds. Two runs:
//! - `desk`: `Desk::collect` as a station runs it (1,000 orders per page), orders stored, matched,
//!   merged and allocated — here the rate limit is not binding and the figure is Packdesk's own cost;
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
const REDIRECT: &str = "http://127.0.0.1:9/callback";

fn floor_secs(calls: u64) -> f64 {
    (calls.saturating_sub(40)) as f64 / 2.0
}

async fn shop() -> Cafe24Sim {
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
        now - Duration::hours(11),
        now - Duration::minutes(15),
        ORDERS,
    ));
    sim
}

async fn desk_run() {
    let sim = shop().await;
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
    let t = Instant::now();
    let report = desk.collect(None, None).await.unwrap();
    let wall = t.elapsed().as_secs_f64();
    let stats = sim.stats();
    let parcels = desk.parcels().unwrap().len();
    println!(
        "collect/desk: {} orders → {parcels} parcels in {wall:.2} s; {} API calls, {} × 429; bucket floor {:.1} s; \
         {:.0} orders/s",
        report.new,
        report.api_calls,
        stats.throttled_429,
        floor_secs(report.api_calls),
        report.new as f64 / wall
    );
    assert_eq!(report.new as usize, ORDERS);
}

async fn paced_run() {
    let sim = shop().await;
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
    rt.block_on(desk_run());
    if std::env::args().any(|a| a == "--bench") {
        rt.block_on(paced_run());
    }
}
