//! The walking skeleton end to end through the `packdesk` binary: a simulated Cafe24 shop and a
//! virtual TCP 9100 label printer on loopback, driven only through the CLI and real protocols.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

#[path = "support/cli_station.rs"]
mod cli_station;

use cli_station::{CliStation, REDIRECT, loopback};

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use chrono::Utc;
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders_between};
use packdesk_sim::printer::VirtualPrinter;
use packdesk_sim::printer::zpl::BarcodeKind;
use serde_json::Value;

struct Station {
    dir: tempfile::TempDir,
}

impl CliStation for Station {
    fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Station {
    fn new() -> Self {
        Station {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn parcels(&self) -> Vec<Value> {
        let out = self.ok(&["orders", "--json"]);
        serde_json::from_str::<Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

async fn shop_with_orders(n: usize) -> Cafe24Sim {
    let sim = Cafe24Sim::start(SimConfig::default(), loopback())
        .await
        .unwrap();
    // The demo catalogue and orders, without the demo's scripted cancellations: this test cancels by hand.
    // Paid 15 minutes to 11 hours ago (old enough), plus three paid a minute ago (too young).
    let now = Utc::now();
    sim.set_catalogue(demo_catalogue(7));
    sim.add_orders(demo_orders_between(
        7,
        now - chrono::Duration::hours(11),
        now - chrono::Duration::minutes(15),
        n,
    ));
    let mut young = demo_orders_between(
        8,
        now - chrono::Duration::minutes(2),
        now - chrono::Duration::minutes(1),
        3,
    );
    for (i, o) in young.iter_mut().enumerate() {
        o.order_id = format!("29991231-000000{i}");
    }
    sim.add_orders(young);
    sim
}

fn connect(st: &Station, sim: &Cafe24Sim) {
    let code = sim.issue_code(REDIRECT);
    let base = sim.base_url().to_string();
    let out = st.ok(&[
        "connect",
        "cafe24",
        "--mall-id",
        "demoshop",
        "--client-id",
        "demo-client",
        "--client-secret",
        "demo-secret",
        "--api-base",
        &base,
        "--code",
        &code,
        "--redirect-uri",
        REDIRECT,
    ]);
    assert!(out.contains("demoshop"), "{out}");
}

fn tracking(p: &Value) -> String {
    p["tracking_no"].as_str().unwrap_or_default().to_string()
}

/// 연번 of the first `n` rows that can be printed (the demo shop is short of a few items).
fn ready_nos(st: &Station, n: usize) -> Vec<u64> {
    let nos: Vec<u64> = st
        .parcels()
        .iter()
        .filter(|p| stage(p) == "ready")
        .map(|p| p["no"].as_u64().unwrap())
        .take(n)
        .collect();
    assert_eq!(nos.len(), n, "enough printable rows");
    nos
}

fn stage(p: &Value) -> &str {
    p["stage"].as_str().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collect_print_a_range_scan_and_push_tracking_numbers() {
    let sim = shop_with_orders(60).await;
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let st = Station::new();
    connect(&st, &sim);
    st.ok(&[
        "invoice",
        "pool",
        "add",
        "--carrier",
        "cj",
        "--first",
        "6012-3456-0001",
        "--count",
        "200",
    ]);

    let out = st.ok(&["collect"]);
    assert!(out.contains("새 주문 new"), "{out}");
    let parcels = st.parcels();
    // Orders paid less than 10 minutes ago wait; merged recipients make fewer parcels than orders.
    let ids: Vec<String> = parcels
        .iter()
        .flat_map(|p| {
            p["order_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        ids.len(),
        60,
        "every order old enough is in exactly one parcel"
    );
    assert!(
        ids.iter().all(|id| !id.starts_with("2999")),
        "orders paid a minute ago are not collected"
    );
    assert!(out.contains("건너뜀 skipped 3"), "{out}");
    let order_ids = ids.len();
    assert!(
        parcels.len() < order_ids,
        "repeated recipients must merge into one parcel"
    );
    let nos: Vec<u64> = parcels.iter().map(|p| p["no"].as_u64().unwrap()).collect();
    assert_eq!(
        nos,
        (1..=parcels.len() as u64).collect::<Vec<_>>(),
        "연번 is 1..N"
    );
    let printable: Vec<u64> = parcels
        .iter()
        .filter(|p| stage(p) == "ready")
        .map(|p| p["no"].as_u64().unwrap())
        .take(5)
        .collect();
    assert_eq!(
        printable.len(),
        5,
        "the demo shop has stock for most parcels"
    );
    let (a, b, c) = (printable[0], printable[1], printable[3]);
    let range = format!("{a}, {b}, {c}");

    let out = st.ok(&[
        "invoice",
        "print",
        "--range",
        &range,
        "--printer",
        &printer.uri(),
        "--format",
        "zpl",
    ]);
    assert!(out.contains("printed 3"), "{out}");
    let labels = printer
        .wait_for_labels(3, Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(labels.len(), 3, "exactly the rows named are printed");
    let parcels = st.parcels();
    for (label, no) in labels.iter().zip([a, b, c]) {
        let row = &parcels[no as usize - 1];
        assert_eq!(stage(row), "printed");
        let code = label
            .barcode(BarcodeKind::Code128)
            .expect("tracking barcode");
        assert!(
            label.barcodes.iter().any(|bc| bc.data == tracking(row)),
            "label for row {no} carries its tracking number; got {:?} first {}",
            label.barcodes,
            code.data
        );
        assert!(
            label.has_text(row["phone"].as_str().unwrap()),
            "masked phone printed for row {no}"
        );
    }
    // Nothing of a recipient's phone goes out unmasked.
    let job = String::from_utf8_lossy(&printer.jobs().concat()).into_owned();
    for o in sim.orders() {
        for r in &o.receivers {
            let digits: String = r.cellphone.chars().filter(char::is_ascii_digit).collect();
            assert!(
                digits.len() < 8 || !job.contains(&digits),
                "unmasked phone on a label"
            );
        }
    }
    let not_named = parcels
        .iter()
        .find(|p| p["no"].as_u64() == Some(printable[2]))
        .unwrap();
    assert_eq!(
        stage(not_named),
        "ready",
        "rows not in the range are untouched"
    );

    // A bad range is refused and prints nothing.
    let err = st.fails(&[
        "invoice",
        "print",
        "--range",
        "3-1",
        "--printer",
        &printer.uri(),
    ]);
    assert!(
        err.contains("RANGE_INVALID") && err.contains("3-1"),
        "{err}"
    );
    assert_eq!(
        printer.jobs().len(),
        3,
        "one job per label, none for the bad range"
    );

    // Scan the first waybill: shipped. Again: already shipped. Unknown: refused.
    let first = tracking(&parcels[a as usize - 1]);
    let hyphenated = format!("{}-{}-{}", &first[..4], &first[4..8], &first[8..]);
    let out = st.ok(&["ship", "--scan", &hyphenated]);
    assert!(out.contains(&first), "{out}");
    assert!(
        st.fails(&["ship", "--scan", &first])
            .contains("SCAN_ALREADY_SHIPPED")
    );
    assert!(
        st.fails(&["ship", "--scan", "999999999999"])
            .contains("SCAN_UNKNOWN")
    );

    // A cancellation that arrives after printing stops the parcel at the scan.
    let victim = &parcels[b as usize - 1];
    let victim_order = victim["order_ids"][0].as_str().unwrap().to_string();
    assert!(sim.cancel_order(&victim_order));
    let out = st.ok(&["collect"]);
    assert!(out.contains("클레임 claimed 1"), "{out}");
    let err = st.fails(&["ship", "--scan", &tracking(victim)]);
    // A parcel of one order is stopped whole; a merged one asks for the cancelled order's items
    // to be taken out first (`--removed-claimed`).
    let expected = if victim["order_ids"].as_array().unwrap().len() == 1 {
        "SCAN_CLAIMED"
    } else {
        "SCAN_PARTLY_CLAIMED"
    };
    assert!(err.contains(expected) && err.contains("출고 중지"), "{err}");

    // Sync pushes the shipped parcel's orders, once each.
    assert!(sim.shipments().is_empty(), "nothing is pushed before sync");
    let out = st.ok(&["sync"]);
    assert!(out.contains("대기 waiting 0"), "{out}");
    let shipped_orders: Vec<String> = parcels[a as usize - 1]["order_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let pushed = sim.shipments();
    assert_eq!(pushed.len(), shipped_orders.len());
    for s in &pushed {
        assert!(shipped_orders.contains(&s.order_id));
        assert_eq!(s.tracking_no, first);
        assert_eq!(s.shipping_company_code, "0006");
        assert_eq!(s.status, "shipping");
    }
    st.ok(&["sync"]);
    assert_eq!(
        sim.shipments().len(),
        pushed.len(),
        "a second sync sends nothing again"
    );
    let row = st
        .parcels()
        .into_iter()
        .find(|p| tracking(p) == first)
        .unwrap();
    assert_eq!(row["pushed"], Value::Bool(true));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pdf_printing_writes_a_file_with_the_waybills() {
    let sim = shop_with_orders(20).await;
    let st = Station::new();
    connect(&st, &sim);
    st.ok(&[
        "invoice",
        "pool",
        "add",
        "--carrier",
        "cj",
        "--first",
        "601234560001",
        "--count",
        "50",
    ]);
    st.ok(&["collect"]);
    let pdf = st.dir.path().join("labels.pdf");
    let uri = format!("file://{}", pdf.display());
    let nos = ready_nos(&st, 2);
    let range = format!("{}, {}", nos[0], nos[1]);
    let out = st.ok(&["invoice", "print", "--range", &range, "--printer", &uri]);
    assert!(out.contains("Pdf"), "file printers default to PDF: {out}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    let parcels = st.parcels();
    for p in nos.iter().map(|no| &parcels[*no as usize - 1]) {
        let t = tracking(p);
        let shown = format!("{}-{}-{}", &t[..4], &t[4..8], &t[8..]);
        assert!(
            text.contains(&shown) || text.contains(&t),
            "tracking {t} in the PDF text"
        );
    }
    assert!(Path::new(&pdf).exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refuses_bad_invoice_blocks_and_an_offline_printer_with_clear_errors() {
    let sim = shop_with_orders(10).await;
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let st = Station::new();
    connect(&st, &sim);
    let err = st.fails(&["collect", "--from", "2026-11-22", "--to", "2026-11-01"]);
    assert!(
        err.contains("INVALID_INPUT") && err.contains("시작일") && err.contains("is after"),
        "{err}"
    );
    let err = st.fails(&[
        "invoice",
        "pool",
        "add",
        "--carrier",
        "lotte",
        "--first",
        "255278883172",
        "--count",
        "5",
    ]);
    assert!(
        err.contains("INVOICE_FORMAT") && err.contains("mod 7"),
        "{err}"
    );
    let err = st.fails(&[
        "invoice",
        "pool",
        "add",
        "--carrier",
        "cj",
        "--first",
        "12345",
        "--count",
        "5",
    ]);
    assert!(err.contains("INVOICE_FORMAT"), "{err}");
    st.ok(&["collect"]);
    let no = ready_nos(&st, 1)[0].to_string();
    let idx = ready_nos(&st, 1)[0] as usize - 1;
    let err = st.fails(&[
        "invoice",
        "print",
        "--range",
        &no,
        "--printer",
        &printer.uri(),
    ]);
    assert!(
        err.contains("POOL_EMPTY"),
        "printing without invoice numbers is refused: {err}"
    );
    st.ok(&[
        "invoice",
        "pool",
        "add",
        "--carrier",
        "cj",
        "--first",
        "601234560001",
        "--count",
        "50",
    ]);
    printer.set_offline(true);
    let err = st.fails(&[
        "invoice",
        "print",
        "--range",
        &no,
        "--printer",
        &printer.uri(),
    ]);
    assert!(
        err.contains("PRINTER_OFFLINE") && err.contains("오류"),
        "{err}"
    );
    let row = &st.parcels()[idx];
    assert_ne!(
        stage(row),
        "printed",
        "a label that never reached the printer is not marked printed"
    );
    printer.set_offline(false);
    st.ok(&[
        "invoice",
        "print",
        "--range",
        &no,
        "--printer",
        &printer.uri(),
    ]);
    assert_eq!(stage(&st.parcels()[idx]), "printed");
}
