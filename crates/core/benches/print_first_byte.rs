//! "Print" → the first byte of the job at the printer (goal: under 200 ms; a thermal printer
//! takes ~1 s per label, so the printer must always be the bottleneck).
//!
//! A real `Desk` on a temp SQLite file, its orders collected over loopback HTTP from the Cafe24
//! simulator, an invoice pool, and the virtual TCP 9100 printer as the default printer. Each
//! sample is one `Desk::print` of one row (`range: "N"`), timed from the call to the moment the
//! printer's connection task read the job's first byte off its socket
//! (`VirtualPrinter::job_starts`, stamped before decoding). Between the two: the range check, the
//! transaction that takes the invoice number and creates the job, the waybill read back, the
//! render, the TCP connect and the first write.
//!
//! Percentiles are printed first, per format:
//! - `first print`: rows printed for the first time, each taking a fresh number from the pool
//!   (the path a morning's printing takes);
//! - `batch of 100` / `batch of 1000`: one range naming 100 (or 1,000) fresh rows, to the first
//!   byte of the first label — the desk takes every number in one transaction first; a PDF to a
//!   printer goes in jobs of 50 pages, so only the first 50 are drawn before its first byte leaves. Each 1,000-label
//!   batch runs once, on a larger shop of its own (a fresh work list per format);
//! - `reprint`: an already printed row again, with a reason (same-number policy, audit row).
//!
//! Criterion then times reprints (they can repeat without end, fresh rows cannot), for its mean.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{ConnectRequest, Desk, DeskOptions, PrintFormat, PrintRequest, Stage};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders};
use packdesk_sim::printer::VirtualPrinter;
use tokio::runtime::Runtime;

const REDIRECT: &str = "http://127.0.0.1:9/callback";
const WAIT: Duration = Duration::from_secs(30);
/// Orders in the simulated shop; enough printable rows for every fresh sample below (about
/// half the rows are printable: the rest wait for stock or a SKU match).
const ORDERS: usize = 2_200;
/// A shop for one 1,000-label batch (the demo catalogue's stock leaves ~40 % of rows printable).
const BIG_ORDERS: usize = 3_000;
const BIG_BATCH: usize = 1_000;
/// Fresh rows printed one by one, per format.
const SINGLES: usize = 100;
/// Batches of `BATCH` fresh rows, per batch format.
const BATCHES: usize = 3;
const BATCH: usize = 100;
/// Reprints timed for the percentiles, per format.
const REPRINTS: usize = 100;
const GOAL: Duration = Duration::from_millis(200);
const FORMATS: [PrintFormat; 4] = [
    PrintFormat::Zpl,
    PrintFormat::Tspl,
    PrintFormat::EscPos,
    PrintFormat::Pdf,
];
const BATCH_FORMATS: [PrintFormat; 2] = [PrintFormat::Zpl, PrintFormat::Pdf];

struct World {
    _dir: tempfile::TempDir,
    _sim: Cafe24Sim,
    desk: Desk,
    printer: VirtualPrinter,
}

async fn world(orders: usize) -> World {
    let loopback = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let sim = Cafe24Sim::start(SimConfig::default(), loopback)
        .await
        .unwrap();
    sim.set_catalogue(demo_catalogue(3));
    sim.add_orders(demo_orders(3, Utc::now(), orders));
    let printer = VirtualPrinter::start(loopback).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(DeskOptions {
        db_path: dir.path().join("desk.sqlite"),
        secrets: Some(Box::new(FileSecrets::new(dir.path().join("secrets.json")))),
        clock: None,
    })
    .unwrap();
    let req = ConnectRequest {
        mall_id: "demoshop".into(),
        client_id: "demo-client".into(),
        client_secret: "demo-secret".into(),
        api_base: Some(sim.base_url().to_string()),
        code: Some(sim.issue_code(REDIRECT)),
        redirect_uri: Some(REDIRECT.into()),
        shops: None,
    };
    desk.connect_cafe24(req, |_| {}).await.unwrap();
    desk.add_invoice_pool("cj", "601234560001", orders as u32 * 2)
        .unwrap();
    desk.set_default_printer(&printer.uri()).unwrap();
    desk.collect(None, None).await.unwrap();
    World {
        _dir: dir,
        _sim: sim,
        desk,
        printer,
    }
}

/// One timed print.
struct Sample {
    /// The call → the printer read the job's first byte.
    first_byte: Duration,
    /// The call → `print` returned (every label of the range taken by the printer).
    done: Duration,
}

impl World {
    /// Rows still waiting for their first label, in list order.
    fn ready(&self) -> Vec<u32> {
        self.desk
            .parcels()
            .unwrap()
            .iter()
            .filter(|p| p.stage == Stage::Ready)
            .map(|p| p.no)
            .collect()
    }

    /// Prints `range` in `format` and times it; asserts every label of the range reached the
    /// printer as a job it could read.
    async fn print(
        &self,
        range: String,
        format: PrintFormat,
        reason: Option<&str>,
        labels: usize,
    ) -> Sample {
        // Forget the previous print's jobs: the first start recorded is this print's.
        self.printer.clear();
        let req = PrintRequest {
            range,
            format: Some(format),
            reason: reason.map(str::to_owned),
            ..PrintRequest::default()
        };
        let t0 = Instant::now();
        let report = self.desk.print(req).await.unwrap();
        let done = t0.elapsed();
        let starts = self.printer.wait_for_job_starts(1, WAIT).await.unwrap();
        assert_eq!(report.printed.len(), labels, "{report:?}");
        assert!(
            self.printer.job_errors().is_empty(),
            "{:?}",
            self.printer.job_errors()
        );
        Sample {
            first_byte: starts[0].duration_since(t0),
            done,
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn report(what: &str, samples: &[Sample]) {
    let mut first: Vec<Duration> = samples.iter().map(|s| s.first_byte).collect();
    let mut done: Vec<Duration> = samples.iter().map(|s| s.done).collect();
    first.sort();
    done.sort();
    let p95 = percentile(&first, 0.95);
    println!(
        "{what:<28} n={:<4} first byte p50 {:7.2} ms  p95 {:7.2} ms  max {:7.2} ms  \
         (p95 = {:.3}× the 200 ms goal, {:.3}× a 1 s label)  | print returned p50 {:.2} ms, max {:.2} ms",
        samples.len(),
        ms(percentile(&first, 0.50)),
        ms(p95),
        ms(first[first.len() - 1]),
        p95.as_secs_f64() / GOAL.as_secs_f64(),
        p95.as_secs_f64(),
        ms(percentile(&done, 0.50)),
        ms(done[done.len() - 1]),
    );
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let w = rt.block_on(world(ORDERS));
    let ready = w.ready();
    let rows = w.desk.parcels().unwrap().len();
    let needed = FORMATS.len() * SINGLES + BATCH_FORMATS.len() * BATCHES * BATCH;
    assert!(
        ready.len() >= needed,
        "{} printable rows of {rows}; the bench needs {needed}",
        ready.len()
    );
    println!(
        "print → first byte at the virtual TCP printer; work list of {rows} rows ({} waiting)",
        ready.len()
    );
    let mut fresh = ready.into_iter();

    rt.block_on(async {
        for format in FORMATS {
            let samples: Vec<Sample> = {
                let mut out = Vec::with_capacity(SINGLES);
                for no in fresh.by_ref().take(SINGLES) {
                    out.push(w.print(no.to_string(), format, None, 1).await);
                }
                out
            };
            report(&format!("{} first print", format.id()), &samples);
        }
    });
    // Any printed row will do for reprints: the first one.
    let printed_row = w
        .desk
        .parcels()
        .unwrap()
        .iter()
        .find(|p| p.stage == Stage::Printed)
        .map(|p| p.no)
        .unwrap();

    rt.block_on(async {
        for format in BATCH_FORMATS {
            let mut samples = Vec::with_capacity(BATCHES);
            for _ in 0..BATCHES {
                let rows: Vec<u32> = fresh.by_ref().take(BATCH).collect();
                samples.push(w.print(range(&rows), format, None, BATCH).await);
            }
            report(&format!("{} batch of {BATCH}", format.id()), &samples);
        }
        for format in FORMATS {
            let mut samples = Vec::with_capacity(REPRINTS);
            for _ in 0..REPRINTS {
                samples.push(
                    w.print(printed_row.to_string(), format, Some("벤치 재출력"), 1)
                        .await,
                );
            }
            report(&format!("{} reprint", format.id()), &samples);
        }
    });

    big_batches(&rt);

    let mut group = c.benchmark_group("print → first byte (reprint of one row)");
    for format in FORMATS {
        group.bench_function(format.id(), |b| {
            b.iter_custom(|iters| reprints(&rt, &w, printed_row, format, iters))
        });
    }
    group.finish();
}

/// The rows waiting are not always adjacent (a backordered row between), so the range names
/// each; the parser and the typed order are part of the path.
fn range(rows: &[u32]) -> String {
    rows.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Print these 1,000" once per batch format, each on a shop of its own (fresh rows for every
/// sample would cost a collection each; one sample is what the morning's big print is).
fn big_batches(rt: &Runtime) {
    for format in BATCH_FORMATS {
        rt.block_on(async {
            let w = world(BIG_ORDERS).await;
            let ready = w.ready();
            let rows = w.desk.parcels().unwrap().len();
            assert!(
                ready.len() >= BIG_BATCH,
                "{} printable rows of {rows}",
                ready.len()
            );
            let what = format!("{} batch of {BIG_BATCH} (list of {rows})", format.id());
            let sample = w
                .print(range(&ready[..BIG_BATCH]), format, None, BIG_BATCH)
                .await;
            report(&what, &[sample]);
        });
    }
}

/// `iters` reprints; the sum of their print → first byte times.
fn reprints(rt: &Runtime, w: &World, row: u32, format: PrintFormat, iters: u64) -> Duration {
    rt.block_on(async {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            total += w
                .print(row.to_string(), format, Some("벤치 재출력"), 1)
                .await
                .first_byte;
        }
        total
    })
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(8));
    targets = bench
}
criterion_main!(benches);
