//! The carrier-file route at 100,000 rows (goal: under 5 s each, memory flat): export of the
//! working list as XLSX and as CSV, and the carrier's file of 100,000 tracking numbers read back
//! (preview) and applied in one transaction.
//!
//! The store is a real SQLite file in WAL mode holding 100,000 parcels waiting for a number, filled
//! straight through SQL (shop, order, line, receiver, parcel) — the simulator would take minutes
//! to collect as many. Each figure is one run of the production `Desk` call on real files. Memory
//! is the peak resident set above the baseline taken just before the call (sampled every 10 ms);
//! the same call on 10,000 rows is measured beside it, so "flat" reads as: 10× the rows, about the
//! same memory.
//!
//! One-shot measurements over seconds, so a plain harness (like `collect`).

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::path::Path;
use std::time::Instant;

use packdesk_core::{CarrierExportRequest, CarrierFileFormat, Desk, DeskOptions};
use packdesk_store::params;

const PARCELS: i64 = 100_000;
/// `cargo test --benches` runs the same steps on this many, to stay quick.
const SMOKE: i64 = 2_000;

/// Resident memory of this process in KiB (Linux), None elsewhere.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Samples RSS every 10 ms until finished; reports the peak.
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
            peak.max(rss_kib().unwrap_or(0))
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

/// Runs `f`, prints its wall time and the memory it added, returns its value.
fn measure<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let baseline = rss_kib().unwrap_or(0);
    let peak = RssPeak::start();
    let started = Instant::now();
    let value = f();
    let took = started.elapsed();
    let peak = peak.finish();
    println!(
        "{what:<44} {:>7.3} s   RSS +{:>6.1} MiB (baseline {:.1} MiB)",
        took.as_secs_f64(),
        peak.saturating_sub(baseline) as f64 / 1024.0,
        baseline as f64 / 1024.0
    );
    value
}

fn fill(desk: &Desk, parcels: i64) {
    let mut conn = packdesk_store::Connection::open(desk.db_path()).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute(
        "INSERT INTO shops (mall_id, api_base, client_id, secret_ref, created_at)
         VALUES ('benchmall', 'http://127.0.0.1:9', 'c', 'cafe24:benchmall:1', '2026-11-22T00:00:00.000Z')",
        [],
    )
    .unwrap();
    {
        let mut order = tx
            .prepare(
                "INSERT INTO orders (id, shop_id, order_id, order_date, collected_at, updated_at)
                 VALUES (?1, 1, ?2, '2026-11-22T01:00:00.000Z', '2026-11-22T00:00:00.000Z', '2026-11-22T00:00:00.000Z')",
            )
            .unwrap();
        let mut item = tx
            .prepare(
                "INSERT INTO order_items (order_id, order_item_code, product_name, option_text, quantity, status, allocated)
                 VALUES (?1, ?2, '오버핏 코튼 티셔츠', '색상=화이트, 사이즈=L', 2, 'N20', 2)",
            )
            .unwrap();
        let mut receiver = tx
            .prepare(
                "INSERT INTO receivers (order_id, name, phone, mobile, zipcode, address1, address2, message)
                 VALUES (?1, '홍길동', '0212345678', '01012345678', '06236', '서울특별시 강남구 테헤란로 123', '4층 401호', '문 앞에 놓아 주세요')",
            )
            .unwrap();
        let mut parcel = tx
            .prepare(
                "INSERT INTO parcels (id, merge_key, stage, carrier, created_at)
                 VALUES (?1, ?1, 'ready', 'cj', '2026-11-22T00:00:00.000Z')",
            )
            .unwrap();
        let mut link = tx
            .prepare("INSERT INTO parcel_orders (parcel_id, order_id) VALUES (?1, ?1)")
            .unwrap();
        for i in 1..=parcels {
            let order_id = format!("20261122-{i:07}");
            order.execute(params![i, order_id]).unwrap();
            item.execute(params![i, format!("{order_id}-01")]).unwrap();
            receiver.execute([i]).unwrap();
            parcel.execute([i]).unwrap();
            link.execute([i]).unwrap();
        }
    }
    tx.commit().unwrap();
}

/// The carrier's file: a CJ number and the parcel code for each of the first `rows` parcels.
fn carrier_file(path: &Path, rows: i64, numbers: &[String]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory().unwrap();
    sheet.write_string(0, 0, "운송장번호").unwrap();
    sheet.write_string(0, 1, "고객주문번호").unwrap();
    sheet.write_string(0, 2, "받는분성명").unwrap();
    for i in 1..=rows {
        let r = i as u32;
        sheet.write_string(r, 0, &numbers[i as usize - 1]).unwrap();
        sheet.write_string(r, 1, format!("P{i:07}")).unwrap();
        sheet.write_string(r, 2, "홍길동").unwrap();
    }
    book.save(path).unwrap();
}

fn export(desk: &Desk, format: CarrierFileFormat, out: &Path, range: &str) -> u32 {
    desk.export_carrier_file(&CarrierExportRequest {
        carrier: "cj".into(),
        format,
        out: out.to_path_buf(),
        range: range.into(),
        layout: None,
    })
    .unwrap()
    .rows
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing useful: run small there.
    let parcels = if std::env::args().any(|a| a == "--bench") {
        PARCELS
    } else {
        SMOKE
    };
    let few = parcels / 10;
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(DeskOptions::new(dir.path().join("bench.sqlite"))).unwrap();
    let started = Instant::now();
    fill(&desk, parcels);
    // A station also keeps a pool of pre-issued numbers; every imported number is checked
    // against it.
    desk.add_invoice_pool("cj", "601000000001", 10_000).unwrap();
    println!(
        "store: {parcels} parcels waiting for a number, filled in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let range = format!("1-{few}");

    for format in [CarrierFileFormat::Xlsx, CarrierFileFormat::Csv] {
        let ext = format.id();
        let rows = measure(&format!("export {ext}, {few} rows"), || {
            export(
                &desk,
                format,
                &dir.path().join(format!("few.{ext}")),
                &range,
            )
        });
        assert_eq!(i64::from(rows), few);
        let out = dir.path().join(format!("all.{ext}"));
        let rows = measure(&format!("export {ext}, {parcels} rows"), || {
            export(&desk, format, &out, "")
        });
        assert_eq!(i64::from(rows), parcels);
        let size = std::fs::metadata(&out).unwrap().len();
        println!("  all.{ext}: {:.1} MiB", size as f64 / (1024.0 * 1024.0));
    }

    let numbers = packdesk_core::invoice::block("cj", "600000000001", parcels as u32)
        .ok()
        .unwrap();
    let few_file = dir.path().join("carrier-few.xlsx");
    let all_file = dir.path().join("carrier-all.xlsx");
    carrier_file(&few_file, few, &numbers);
    carrier_file(&all_file, parcels, &numbers);

    let preview = measure(&format!("import preview xlsx, {few} rows"), || {
        desk.preview_carrier_file(&few_file, None).unwrap()
    });
    assert_eq!(i64::from(preview.assign), few);
    let preview = measure(&format!("import preview xlsx, {parcels} rows"), || {
        desk.preview_carrier_file(&all_file, None).unwrap()
    });
    assert_eq!(i64::from(preview.assign), parcels);
    let report = measure(
        &format!("import apply (one transaction), {parcels} rows"),
        || desk.apply_carrier_import(preview.import_id).unwrap(),
    );
    assert_eq!(i64::from(report.assigned), parcels);
}
