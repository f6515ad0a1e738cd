//! Ship-on-scan latency in the core on a store of 100,000 parcels (goal: p99 under 5 ms).
//!
//! The store is a real SQLite file in WAL mode, filled the way the pipeline fills it (shop, order,
//! line, receiver, parcel with its waybill number, stock): 90,000 parcels shipped on earlier days
//! (history) and 10,000 printed today and waiting to be scanned — a busy desk after a year. Each
//! measured scan is the full `Desk::ship_scan`: lookup, claim check, stock out, outbox rows, scan
//! log, one commit.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use packdesk_core::{Desk, DeskOptions};
use packdesk_store::params;

const PARCELS: i64 = 100_000;
/// Parcels in today's working list (printed, not yet scanned); the rest is history.
const TODAY: i64 = 10_000;
const HISTORY: i64 = PARCELS - TODAY;

fn tracking(i: i64) -> String {
    format!("6{:011}", i)
}

fn fill(desk: &Desk) {
    let db = desk.db_path().to_path_buf();
    let mut conn = packdesk_store::Connection::open(db).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute(
        "INSERT INTO shops (mall_id, api_base, client_id, secret_ref, created_at)
         VALUES ('benchmall', 'http://127.0.0.1:9', 'c', 'cafe24:benchmall:1', '2026-11-22T00:00:00.000Z')",
        [],
    )
    .unwrap();
    tx.execute("INSERT INTO products (shop_id, product_no, product_code, name) VALUES (1, 1, 'P000000A', '티셔츠')", [])
        .unwrap();
    tx.execute(
        "INSERT INTO variants (product_id, sku, variant_code, option_text) VALUES (1, 'P000000A000A', 'P000000A000A', '색상=화이트')",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO stock (variant_id, on_hand, allocated) VALUES (1, ?1, ?1)",
        [PARCELS],
    )
    .unwrap();
    {
        let mut order = tx
            .prepare(
                "INSERT INTO orders (id, shop_id, order_id, collected_at, updated_at)
                 VALUES (?1, 1, ?2, '2026-11-22T00:00:00.000Z', '2026-11-22T00:00:00.000Z')",
            )
            .unwrap();
        let mut item = tx
            .prepare(
                "INSERT INTO order_items (order_id, order_item_code, variant_code, variant_id, product_name, quantity, status, allocated)
                 VALUES (?1, ?2, 'P000000A000A', 1, '티셔츠', 1, 'N20', 1)",
            )
            .unwrap();
        let mut receiver = tx
            .prepare("INSERT INTO receivers (order_id, name, mobile, address1) VALUES (?1, '홍길동', '01012345678', '서울 강남구')")
            .unwrap();
        let mut parcel = tx
            .prepare(
                "INSERT INTO parcels (id, merge_key, stage, tracking_no, print_count, shipped_at, archived, created_at)
                 VALUES (?1, ?1, ?3, ?2, 1, ?4, ?5, '2026-11-22T00:00:00.000Z')",
            )
            .unwrap();
        let mut link = tx
            .prepare("INSERT INTO parcel_orders (parcel_id, order_id) VALUES (?1, ?1)")
            .unwrap();
        for i in 1..=PARCELS {
            let order_id = format!("20261122-{i:07}");
            order.execute(params![i, order_id]).unwrap();
            item.execute(params![i, format!("{order_id}-01")]).unwrap();
            receiver.execute([i]).unwrap();
            let history = i <= HISTORY;
            let (stage, shipped_at) = if history {
                ("shipped", Some("2025-11-22T00:00:00.000Z"))
            } else {
                ("printed", None)
            };
            parcel
                .execute(params![i, tracking(i), stage, shipped_at, history])
                .unwrap();
            link.execute([i]).unwrap();
        }
    }
    tx.commit().unwrap();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(DeskOptions::new(dir.path().join("bench.sqlite"))).unwrap();
    fill(&desk);

    // Percentiles over every parcel of today's list, each shipped by its scan.
    let mut samples = Vec::with_capacity(TODAY as usize);
    for i in HISTORY + 1..=PARCELS {
        let code = tracking(i);
        let t = Instant::now();
        desk.ship_scan(&code).unwrap();
        samples.push(t.elapsed());
    }
    samples.sort();
    let p50 = percentile(&samples, 0.50);
    let p99 = percentile(&samples, 0.99);
    let max = samples[samples.len() - 1];
    println!(
        "ship_scan on {PARCELS} parcels: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (goal p99 < 5 ms: {:.1}× headroom)",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        5.0 / (p99.as_secs_f64() * 1e3)
    );

    // A scan of a waybill that already left (the packer scans twice): lookup, refusal, scan log.
    let mut next = 1;
    c.bench_function("scan_already_shipped_100k_store", |b| {
        b.iter(|| {
            next = next % PARCELS + 1;
            let refused = desk.ship_scan(&tracking(next));
            assert!(refused.is_err());
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
