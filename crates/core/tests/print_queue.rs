//! The print queue against the virtual printer over real TCP: a printer going offline mid-batch
//! pauses the job, resume prints the rest exactly once; reprints need a reason and follow the
//! number policy into the audit log and the shop's shipment; a test label; ranges and documents
//! refused before anything is printed.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use chrono::Utc;
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    ConnectRequest, Desk, DeskOptions, PrintFormat, PrintJobStatus, PrintRequest, PrintSettings,
    ReprintPolicy, Stage,
};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders};
use packdesk_sim::printer::VirtualPrinter;
use packdesk_sim::printer::zpl::Label;

const REDIRECT: &str = "http://127.0.0.1:9/callback";
const WAIT: Duration = Duration::from_secs(10);

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

struct World {
    dir: tempfile::TempDir,
    desk: Desk,
    sim: Cafe24Sim,
    printer: VirtualPrinter,
}

async fn world(orders: usize) -> World {
    let sim = Cafe24Sim::start(SimConfig::default(), loopback())
        .await
        .unwrap();
    sim.set_catalogue(demo_catalogue(3));
    sim.add_orders(demo_orders(3, Utc::now(), orders));
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
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
    desk.add_invoice_pool("cj", "601234560001", 500).unwrap();
    desk.set_default_printer(&printer.uri()).unwrap();
    desk.collect(None, None).await.unwrap();
    World {
        dir,
        desk,
        sim,
        printer,
    }
}

impl World {
    /// The first `n` rows waiting for a label.
    fn ready(&self, n: usize) -> Vec<u32> {
        let ready: Vec<u32> = self
            .desk
            .parcels()
            .unwrap()
            .iter()
            .filter(|p| p.stage == Stage::Ready)
            .map(|p| p.no)
            .take(n)
            .collect();
        assert_eq!(ready.len(), n, "the simulated shop has {n} printable rows");
        ready
    }

    fn tracking(&self, no: u32) -> String {
        self.desk.parcels().unwrap()[no as usize - 1]
            .tracking_no
            .clone()
            .unwrap()
    }

    fn stage(&self, no: u32) -> Stage {
        self.desk.parcels().unwrap()[no as usize - 1].stage
    }
}

fn range(nos: &[u32]) -> String {
    nos.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn request(range: String) -> PrintRequest {
    PrintRequest {
        range,
        ..PrintRequest::default()
    }
}

fn reprint(range: String, reason: &str) -> PrintRequest {
    PrintRequest {
        range,
        reason: Some(reason.into()),
        ..PrintRequest::default()
    }
}

/// How many labels the printer got for each tracking number (the invoice barcode).
fn labels_per_tracking(labels: &[Label], tracking: &[String]) -> HashMap<String, usize> {
    tracking
        .iter()
        .map(|t| {
            let n = labels
                .iter()
                .filter(|l| l.barcodes.iter().any(|b| &b.data == t))
                .count();
            (t.clone(), n)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_printer_going_offline_mid_batch_pauses_and_resume_prints_the_rest_once() {
    let w = world(30).await;
    let nos = w.ready(6);
    w.printer.set_offline_after_labels(Some(2));

    let err = w.desk.print(request(range(&nos))).await.unwrap_err();
    assert_eq!(err.code(), "PRINT_PAUSED", "{err}");
    assert!(err.to_string().contains("PRINTER_OFFLINE"), "{err}");
    assert!(err.to_string().contains("2 of 6"), "{err}");
    assert!(
        err.message_ko().contains("일시정지"),
        "{}",
        err.message_ko()
    );
    assert!(
        err.message_ko().contains("4장 미출력"),
        "{}",
        err.message_ko()
    );

    let job = &w.desk.print_jobs().unwrap()[0];
    assert_eq!(job.status, PrintJobStatus::Paused);
    assert_eq!((job.total, job.printed, job.pending), (6, 2, 4));
    let paused = job.paused.as_ref().expect("the pause reason is kept");
    assert_eq!(paused.code, "PRINTER_OFFLINE");
    assert!(!paused.message_ko.is_empty() && !paused.message_en.is_empty());

    // Exactly the first two reached the printer and are 출력; the rest are 미출력.
    let tracking: Vec<String> = nos.iter().map(|&no| w.tracking(no)).collect();
    let got = w.printer.labels();
    assert_eq!(got.len(), 2);
    let counts = labels_per_tracking(&got, &tracking);
    for (i, t) in tracking.iter().enumerate() {
        assert_eq!(counts[t], usize::from(i < 2), "label {} ({t})", nos[i]);
    }
    for (i, &no) in nos.iter().enumerate() {
        let want = if i < 2 {
            Stage::Printed
        } else {
            Stage::Invoiced
        };
        assert_eq!(w.stage(no), want, "row {no}");
    }

    // Resuming while the printer is still off pauses again and sends nothing twice.
    let again = w.desk.resume_print(job.job_id).await.unwrap_err();
    assert_eq!(again.code(), "PRINT_PAUSED");
    assert_eq!(w.printer.labels().len(), 2);

    // The printer is back on the same port: resume sends the four left, each once.
    w.printer.set_offline(false);
    let report = w.desk.resume_print(job.job_id).await.unwrap();
    assert_eq!(report.printed, nos[2..].to_vec());
    assert!(report.skipped.is_empty());
    let got = w.printer.wait_for_labels(6, WAIT).await.unwrap();
    assert_eq!(got.len(), 6, "no label twice");
    let counts = labels_per_tracking(&got, &tracking);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
    assert!(nos.iter().all(|&no| w.stage(no) == Stage::Printed));

    let job = &w.desk.print_jobs().unwrap()[0];
    assert_eq!(job.status, PrintJobStatus::Done);
    assert_eq!((job.printed, job.pending), (6, 0));
    assert!(job.paused.is_none());
    let done = w.desk.resume_print(job.job_id).await.unwrap_err();
    assert_eq!(done.code(), "PRINT_JOB_NOT_PAUSED");
    let unknown = w.desk.resume_print(9999).await.unwrap_err();
    assert_eq!(unknown.code(), "UNKNOWN_PRINT_JOB");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_job_blocks_nothing_else_and_never_prints_a_parcel_twice() {
    let w = world(30).await;
    let nos = w.ready(4);
    w.printer.set_offline_after_labels(Some(1));
    let err = w.desk.print(request(range(&nos[..3]))).await.unwrap_err();
    assert_eq!(err.code(), "PRINT_PAUSED");
    let job_id = w.desk.print_jobs().unwrap()[0].job_id;
    w.printer.set_offline(false);

    // Meanwhile the desk goes on: another job prints a row the paused job still owes, and a
    // fourth row; the printed first row ships.
    let other = w
        .desk
        .print(request(range(&[nos[2], nos[3]])))
        .await
        .unwrap();
    assert_eq!(other.printed, vec![nos[2], nos[3]]);
    w.desk.ship_scan(&w.tracking(nos[0])).unwrap();

    let report = w.desk.resume_print(job_id).await.unwrap();
    assert_eq!(report.printed, vec![nos[1]], "only the label still owed");
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].no, nos[2]);
    assert_eq!(report.skipped[0].why, "superseded");

    let tracking: Vec<String> = nos.iter().map(|&no| w.tracking(no)).collect();
    let got = w.printer.wait_for_labels(4, WAIT).await.unwrap();
    assert_eq!(got.len(), 4);
    let counts = labels_per_tracking(&got, &tracking);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reprint_needs_a_reason_and_same_policy_keeps_the_number() {
    let w = world(6).await;
    let nos = w.ready(2);
    w.desk.print(request(range(&nos))).await.unwrap();
    let first = w.tracking(nos[0]);
    assert_eq!(w.desk.reprint_policy().unwrap(), ReprintPolicy::Same);

    for reason in [None, Some("   ")] {
        let req = PrintRequest {
            range: format!("{}, {}", nos[1], nos[0]),
            reason: reason.map(str::to_string),
            ..PrintRequest::default()
        };
        let err = w.desk.print(req).await.unwrap_err();
        assert_eq!(err.code(), "PRINT_REASON_REQUIRED");
        assert!(
            err.message_ko().contains("재출력 사유"),
            "{}",
            err.message_ko()
        );
        assert!(err.to_string().contains(&nos[0].to_string()), "{err}");
    }
    assert_eq!(
        w.printer.labels().len(),
        2,
        "nothing printed without a reason"
    );

    let report = w
        .desk
        .print(reprint(nos[0].to_string(), "라벨 훼손"))
        .await
        .unwrap();
    assert_eq!(report.printed, vec![nos[0]]);
    assert_eq!(report.reprinted, 1);
    assert!(report.renumbered.is_empty());
    assert_eq!(w.tracking(nos[0]), first, "same number");
    let got = w.printer.wait_for_labels(3, WAIT).await.unwrap();
    assert_eq!(
        labels_per_tracking(&got, std::slice::from_ref(&first))[&first],
        2
    );

    let audit = w.desk.reprint_audit(10).unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].tracking_no_old, first);
    assert_eq!(audit[0].tracking_no_new, first);
    assert_eq!(audit[0].reason, "라벨 훼손");
    assert_eq!(audit[0].policy, ReprintPolicy::Same);
    assert_eq!(audit[0].job_id, Some(report.job_id));
    let job = &w.desk.print_jobs().unwrap()[0];
    assert_eq!(job.reprints, 1);
    assert_eq!(job.reason.as_deref(), Some("라벨 훼손"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_number_policy_voids_the_old_number_and_the_shop_gets_the_new_one() {
    let w = world(6).await;
    let no = w.ready(1)[0];
    w.desk.print(request(no.to_string())).await.unwrap();
    let old = w.tracking(no);
    w.desk.set_reprint_policy(ReprintPolicy::New).unwrap();
    let pool_before = w.desk.status().unwrap().pool_remaining;

    let report = w
        .desk
        .print(reprint(no.to_string(), "송장 분실"))
        .await
        .unwrap();
    assert_eq!(report.reprinted, 1);
    assert_eq!(report.renumbered.len(), 1);
    let new = report.renumbered[0].new.clone();
    assert_eq!(report.renumbered[0].old, old);
    assert_ne!(new, old);
    assert_eq!(w.tracking(no), new, "the parcel carries the new number");
    assert_eq!(report.pool_remaining, pool_before - 1);

    let got = w.printer.wait_for_labels(2, WAIT).await.unwrap();
    assert!(
        got[1].barcodes.iter().any(|b| b.data == new),
        "reprint has the new number"
    );
    assert!(!got[1].barcodes.iter().any(|b| b.data == old));

    let audit = &w.desk.reprint_audit(10).unwrap()[0];
    assert_eq!(
        (
            audit.tracking_no_old.as_str(),
            audit.tracking_no_new.as_str()
        ),
        (old.as_str(), new.as_str())
    );
    assert_eq!(audit.policy, ReprintPolicy::New);
    assert_eq!(audit.reason, "송장 분실");

    // The old label is void: scanning it ships nothing; the new one ships and is pushed.
    assert_eq!(w.desk.ship_scan(&old).unwrap_err().code(), "SCAN_UNKNOWN");
    w.desk.ship_scan(&new).unwrap();
    w.desk.sync().await.unwrap();
    let shipments = w.sim.shipments();
    assert!(
        shipments.iter().any(|s| s.tracking_no == new),
        "the shop got the new number"
    );
    assert!(
        !shipments.iter().any(|s| s.tracking_no == old),
        "never the old one"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_label_is_decodable_and_marked_test() {
    let w = world(1).await;
    let report = w.desk.test_print(None).await.unwrap();
    assert_eq!(report.format, PrintFormat::Zpl);
    assert_eq!(report.printer, w.printer.uri());
    let label = w.printer.wait_for_labels(1, WAIT).await.unwrap().remove(0);
    assert!(w.printer.decode_errors().is_empty());
    assert!(label.has_text("TEST"), "{:?}", label.texts);
    assert!(
        label.barcodes.iter().any(|b| b.data.starts_with("TEST-")),
        "{:?}",
        label.barcodes
    );
    assert!(
        w.desk.print_jobs().unwrap().is_empty(),
        "a test label is no job"
    );

    // A file printer gets the PDF test page.
    let pdf = w.dir.path().join("test.pdf");
    let uri = format!("file://{}", pdf.display());
    let report = w.desk.test_print(Some(uri)).await.unwrap();
    assert_eq!(report.format, PrintFormat::Pdf);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(bytes.len(), report.bytes);

    // An unreachable printer says so.
    w.printer.set_offline(true);
    let err = w.desk.test_print(None).await.unwrap_err();
    assert_eq!(err.code(), "PRINTER_OFFLINE");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_ranges_and_unknown_documents_print_nothing_and_take_no_number() {
    let w = world(4).await;
    let pool = w.desk.status().unwrap().pool_remaining;
    let err = w.desk.print(request("1-2, 7x".into())).await.unwrap_err();
    assert!(err.code().starts_with("RANGE_"), "{}", err.code());
    assert!(
        err.to_string().contains("7x"),
        "the bad part is named: {err}"
    );
    let req = PrintRequest {
        range: "1".into(),
        document: Some("menu-card".into()),
        ..PrintRequest::default()
    };
    let err = w.desk.print(req).await.unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_DOCUMENT");
    assert_eq!(w.desk.status().unwrap().pool_remaining, pool);
    assert!(w.desk.print_jobs().unwrap().is_empty());
    assert!(w.printer.jobs().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn printers_lists_the_default_and_saved_ones_and_a_saved_format_is_used() {
    let w = world(3).await;
    let pdf = w.dir.path().join("office.pdf");
    let office = format!("file://{}", pdf.display());
    w.desk.save_printer(&office, "사무실 프린터", None).unwrap();
    w.desk
        .save_printer(&w.printer.uri(), "포장대 Zebra", Some(PrintFormat::Zpl))
        .unwrap();
    let list = w.desk.printers().unwrap();
    assert_eq!(list[0].uri, w.printer.uri());
    assert!(list[0].is_default);
    assert_eq!(list[0].name, "포장대 Zebra");
    assert_eq!(list[0].kind, "tcp");
    let saved = list.iter().find(|p| p.uri == office).unwrap();
    assert_eq!(
        (saved.kind.as_str(), saved.source.as_str()),
        ("file", "saved")
    );
    assert_eq!(list.iter().filter(|p| p.uri == w.printer.uri()).count(), 1);

    let no = w.ready(1)[0];
    let req = PrintRequest {
        range: no.to_string(),
        printer: Some(office),
        ..PrintRequest::default()
    };
    let report = w.desk.print(req).await.unwrap();
    assert_eq!(report.format, PrintFormat::Pdf, "a file prints PDF");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

/// The barcodes zbarimg reads in a PNG (`TYPE:data` lines).
fn barcodes_in_png(png: &[u8], dir: &std::path::Path) -> Vec<String> {
    let path = dir.join("preview.png");
    std::fs::write(&path, png).unwrap();
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", path.to_str().unwrap()])
        .output()
        .expect("zbarimg (installed by installer/setup-linux.sh)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_template_previews_and_a_printed_row_previews_its_own_waybill() {
    use base64::Engine as _;
    let w = world(2).await;
    let templates = w.desk.templates().unwrap();
    let ids: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
    for id in [
        "waybill-cj",
        "waybill-hanjin",
        "waybill-lotte",
        "label-generic-100x150",
        "label-ems-cn22",
        "packing-slip",
        "pick-list",
        "warranty-card",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
        let p = w.desk.preview(id, None).unwrap();
        assert_eq!(p.data_status, "synthetic", "{id}: sample data is said so");
        let png = base64::engine::general_purpose::STANDARD
            .decode(&p.png_base64)
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{id}: not a PNG");
    }
    assert_eq!(
        w.desk.preview("no-such-template", None).unwrap_err().code(),
        "LABEL_TEMPLATE_UNKNOWN"
    );

    // Row 1 printed: its preview is its own waybill, whose barcode reads its tracking number.
    w.desk.print(request(range(&[1]))).await.unwrap();
    let tracking = w.tracking(1);
    let p = w.desk.preview("waybill-cj", Some(1)).unwrap();
    assert_eq!(p.data_status, "parcel");
    let png = base64::engine::general_purpose::STANDARD
        .decode(&p.png_base64)
        .unwrap();
    let codes = barcodes_in_png(&png, w.dir.path());
    assert!(
        codes.iter().any(|c| c == &format!("CODE-128:{tracking}")),
        "{codes:?} lacks {tracking}"
    );
    assert_eq!(
        w.desk.preview("waybill-cj", Some(99)).unwrap_err().code(),
        "UNKNOWN_PARCEL"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printing_page_settings_are_what_a_print_uses() {
    let w = world(2).await;
    let before = w.desk.print_settings().unwrap();
    assert_eq!(
        before.default_printer.as_deref(),
        Some(w.printer.uri().as_str())
    );
    assert_eq!(
        before.default_format,
        PrintFormat::Zpl,
        "a raw network printer's norm"
    );

    let saved = w
        .desk
        .set_print_settings(PrintSettings {
            default_printer: Some(w.printer.uri()),
            default_format: PrintFormat::Tspl,
            reprint_policy: ReprintPolicy::New,
        })
        .unwrap();
    assert_eq!(saved.default_format, PrintFormat::Tspl);
    assert_eq!(saved.reprint_policy, ReprintPolicy::New);
    assert_eq!(w.desk.print_settings().unwrap(), saved);

    // A print that names no format uses the one the page shows.
    let no = w.ready(1)[0];
    let report = w.desk.print(request(no.to_string())).await.unwrap();
    assert_eq!(report.format, PrintFormat::Tspl);
    let printed = w.printer.wait_for_printed(1, WAIT).await.unwrap();
    assert!(
        matches!(printed[0], packdesk_sim::printer::Printed::Tspl(_)),
        "the printer got {:?}",
        printed[0].language()
    );
}

fn document(range: String, document: &str) -> PrintRequest {
    PrintRequest {
        range,
        document: Some(document.into()),
        ..PrintRequest::default()
    }
}

/// Every variant code of the simulated catalogue (what `world` collected).
fn catalogue_skus() -> Vec<String> {
    demo_catalogue(3)
        .iter()
        .flat_map(|p| p.variants.iter().map(|v| v.variant_code.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packing_slips_carry_a_scannable_parcel_code_and_take_no_invoice_number() {
    let w = world(12).await;
    let nos = w.ready(3);
    let before = w.desk.parcels().unwrap();
    let report = w
        .desk
        .print(document(range(&nos), "packing-slip"))
        .await
        .unwrap();
    assert_eq!(report.printed, nos);
    assert_eq!(report.assigned, 0, "paperwork takes no invoice number");
    let got = w.printer.wait_for_labels(3, WAIT).await.unwrap();
    assert_eq!(got.len(), 3, "one slip per parcel");
    for (label, &no) in got.iter().zip(&nos) {
        let row = &before[no as usize - 1];
        let code = format!("P{:07}", row.parcel_id);
        assert!(
            label.barcodes.iter().any(|b| b.data == code),
            "slip {no} lacks its parcel code {code}: {:?}",
            label.barcodes
        );
        // The total is printed in the device font: the demo's prices are whole won.
        assert!(
            label.texts.iter().any(
                |t| t.text.chars().all(|c| c.is_ascii_digit() || c == ',') && t.text.len() >= 4
            ),
            "slip {no} shows no amount: {:?}",
            label.texts
        );
    }
    // Nothing about the parcels changed: no number, still waiting for the waybill, no 출력.
    let after = w.desk.parcels().unwrap();
    for &no in &nos {
        let (b, a) = (&before[no as usize - 1], &after[no as usize - 1]);
        assert_eq!(
            (a.stage, a.print_count),
            (b.stage, b.print_count),
            "row {no}"
        );
        assert!(a.tracking_no.is_none(), "row {no} took a number");
    }
    // Printing again needs no reason (it is not a waybill reprint).
    w.desk
        .print(document(range(&nos[..1]), "packing-slip"))
        .await
        .unwrap();

    // Once the waybill is printed, scanning the slip's code ships the parcel like the waybill.
    w.desk.print(request(range(&nos[..1]))).await.unwrap();
    let code = format!("P{:07}", before[nos[0] as usize - 1].parcel_id);
    let shipped = w.desk.ship_scan(&code).unwrap();
    assert_eq!(shipped.no, nos[0]);
    assert_eq!(w.stage(nos[0]), Stage::Shipped);
    // A slip of a parcel without a waybill names nothing to ship by.
    let code = format!("P{:07}", before[nos[1] as usize - 1].parcel_id);
    assert_eq!(w.desk.ship_scan(&code).unwrap_err().code(), "SCAN_UNKNOWN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pick_list_walks_the_shelves_in_order_and_totals_the_batch() {
    let w = world(12).await;
    // Locations numbered against the catalogue order, so the walk order is not the order bought.
    let skus = catalogue_skus();
    let n = skus.len();
    for (i, sku) in skus.iter().enumerate() {
        let loc = format!("A-{}", n - i);
        let f = w
            .desk
            .set_sku_facts(
                sku,
                packdesk_core::SkuFactsUpdate {
                    location: Some(loc.clone()),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(f.location.as_deref(), Some(loc.as_str()));
    }
    assert_eq!(
        w.desk
            .set_sku_facts("NO-SUCH-SKU", Default::default())
            .unwrap_err()
            .code(),
        "UNKNOWN_SKU"
    );
    let nos = w.ready(5);
    let rows = w.desk.parcels().unwrap();
    let units: u32 = nos.iter().map(|&no| rows[no as usize - 1].item_count).sum();

    let report = w
        .desk
        .print(document(range(&nos), "pick-list"))
        .await
        .unwrap();
    assert_eq!(report.printed, nos);
    let got = w.printer.wait_for_labels(1, WAIT).await.unwrap();
    assert_eq!(got.len(), 1, "one pick list for the batch");
    let list = &got[0];
    // Locations are printed top to bottom in natural order (A-2 before A-10).
    let mut locs: Vec<(u32, u32)> = list
        .texts
        .iter()
        .filter_map(|t| {
            t.text
                .strip_prefix("A-")
                .and_then(|n| n.parse().ok())
                .map(|n| (t.y, n))
        })
        .collect();
    assert!(!locs.is_empty(), "no locations printed: {:?}", list.texts);
    locs.sort();
    let order: Vec<u32> = locs.iter().map(|(_, n)| *n).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "walk order");
    // Each (location, SKU) once: the batch is totalled, not listed per parcel.
    let mut unique = order.clone();
    unique.dedup();
    assert_eq!(
        unique.len(),
        order.len(),
        "a location listed twice: {order:?}"
    );
    // The 수량 column (158–170 mm from the left edge at 8 dots/mm) adds up to every unit.
    let picked: u32 = locs
        .iter()
        .map(|(y, _)| {
            list.texts
                .iter()
                .filter(|t| t.y.abs_diff(*y) <= 8 && (158 * 8..170 * 8).contains(&t.x))
                .filter_map(|t| t.text.trim().parse::<u32>().ok())
                .sum::<u32>()
        })
        .sum();
    assert_eq!(picked, units, "quantities on the list: {:?}", list.texts);
    let stages: Vec<Stage> = nos.iter().map(|&no| w.stage(no)).collect();
    assert!(stages.iter().all(|s| *s == Stage::Ready), "{stages:?}");
}

/// Renders every page of a PDF at 203 dpi and reads its barcodes with zbarimg.
fn barcodes_in_pdf(pdf: &std::path::Path) -> Vec<String> {
    let dir = pdf.with_extension("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join("page");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "203", "-gray", "-png"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (installed by installer/setup-linux.sh)");
    assert!(status.success());
    let mut codes = Vec::new();
    for page in std::fs::read_dir(&dir).unwrap() {
        let png = std::fs::read(page.unwrap().path()).unwrap();
        codes.extend(barcodes_in_png(&png, &dir));
    }
    codes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_document_prints_as_a_pdf_whose_barcodes_scan() {
    let w = world(12).await;
    w.desk
        .set_document_settings(packdesk_core::DocumentSettings {
            warranty_url: "https://shop.example/warranty".into(),
            warranty_name_source: "name".into(),
            ..Default::default()
        })
        .unwrap();
    let nos = w.ready(4);
    let rows = w.desk.parcels().unwrap();
    // Each waybill layout on its own row (a second label on a row would be a reprint).
    for (&no, doc) in nos.iter().zip([
        "waybill-cj",
        "waybill-hanjin",
        "waybill-lotte",
        "label-generic-100x150",
    ]) {
        let pdf = w.dir.path().join(format!("{doc}.pdf"));
        w.desk
            .print(PrintRequest {
                range: no.to_string(),
                printer: Some(format!("file://{}", pdf.display())),
                document: Some(doc.into()),
                ..PrintRequest::default()
            })
            .await
            .unwrap();
        let tracking = w.tracking(no);
        let codes = barcodes_in_pdf(&pdf);
        // 롯데 prints the invoice number in Interleaved 2 of 5, the others in Code 128.
        let want = if doc == "waybill-lotte" {
            format!("I2/5:{tracking}")
        } else {
            format!("CODE-128:{tracking}")
        };
        assert!(codes.contains(&want), "{doc}: {codes:?} lacks {want}");
    }
    let range = range(&nos);
    let pdf = w.dir.path().join("slips.pdf");
    w.desk
        .print(PrintRequest {
            range: range.clone(),
            printer: Some(format!("file://{}", pdf.display())),
            document: Some("packing-slip".into()),
            ..PrintRequest::default()
        })
        .await
        .unwrap();
    let codes = barcodes_in_pdf(&pdf);
    for &no in &nos {
        let want = format!("CODE-128:P{:07}", rows[no as usize - 1].parcel_id);
        assert!(
            codes.contains(&want),
            "packing slips: {codes:?} lacks {want}"
        );
    }
    let pdf = w.dir.path().join("cards.pdf");
    w.desk
        .print(PrintRequest {
            range: nos[0].to_string(),
            printer: Some(format!("file://{}", pdf.display())),
            document: Some("warranty-card".into()),
            ..PrintRequest::default()
        })
        .await
        .unwrap();
    let codes = barcodes_in_pdf(&pdf);
    let order = &rows[nos[0] as usize - 1].order_ids[0];
    let units = rows[nos[0] as usize - 1].item_count as usize;
    let qr: Vec<&String> = codes
        .iter()
        .filter(|c| c.starts_with("QR-Code:https://shop.example/warranty/"))
        .collect();
    assert_eq!(qr.len(), units, "one card per unit: {codes:?}");
    assert!(qr.iter().all(|c| c.contains(order.as_str())), "{qr:?}");
}
