//! The core services against the simulated shop and printer, over loopback: exactly-once pushes
//! when a response is lost, tokens rotated and kept, claims stopping a parcel.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use chrono::Utc;
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{ConnectRequest, Desk, DeskOptions, PrintRequest, Stage};
use packdesk_sim::cafe24::{Cafe24Sim, Fault, SimConfig, demo_catalogue, demo_orders};
use packdesk_sim::printer::VirtualPrinter;

const REDIRECT: &str = "http://127.0.0.1:9/callback";

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

struct World {
    _dir: tempfile::TempDir,
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
    World {
        _dir: dir,
        desk,
        sim,
        printer,
    }
}

/// Prints the first `n` ready rows and ships them by scan; returns their tracking numbers.
async fn print_and_ship(w: &World, n: usize) -> Vec<String> {
    w.desk.collect(None, None).await.unwrap();
    let ready: Vec<u32> = w
        .desk
        .parcels()
        .unwrap()
        .iter()
        .filter(|p| p.stage == Stage::Ready)
        .map(|p| p.no)
        .take(n)
        .collect();
    let range = ready
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    w.desk
        .print(PrintRequest {
            range,
            printer: None,
            format: None,
            ..PrintRequest::default()
        })
        .await
        .unwrap();
    w.printer
        .wait_for_labels(n, Duration::from_secs(10))
        .await
        .unwrap();
    let rows = w.desk.parcels().unwrap();
    ready
        .iter()
        .map(|no| {
            let t = rows[*no as usize - 1].tracking_no.clone().unwrap();
            w.desk.ship_scan(&t).unwrap();
            t
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_response_is_verified_not_resent() {
    let w = world(30).await;
    let shipped = print_and_ship(&w, 2).await;
    // Cafe24 applies the bulk shipment, but the answer never comes back.
    w.sim
        .inject_fault("/api/v2/admin/shipments", Fault::ApplyThenStatus(504));
    let first = w.desk.sync().await.unwrap_err();
    assert_eq!(
        first.code(),
        "CAFE24_OUTCOME_UNKNOWN",
        "nothing is confirmed without an answer"
    );
    assert!(
        w.desk.status().unwrap().outbox_pending > 0,
        "the items are still owed"
    );
    let created = w.sim.shipments().len();
    assert!(created > 0, "the simulator did apply the request");
    // Make the items due now and deliver again: they are found on the shop, not sent twice.
    let db = w.desk.db_path().to_path_buf();
    let conn = packdesk_store::Connection::open(db).unwrap();
    conn.execute(
        "UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z'",
        [],
    )
    .unwrap();
    let second = w.desk.sync().await.unwrap();
    assert_eq!(second.waiting, 0);
    assert_eq!(
        w.sim.shipments().len(),
        created,
        "no shipment was created twice"
    );
    for t in shipped {
        assert!(w.sim.shipments().iter().any(|s| s.tracking_no == t));
    }
    assert!(
        w.desk
            .parcels()
            .unwrap()
            .iter()
            .filter(|p| p.stage == Stage::Shipped)
            .all(|p| p.pushed)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_shop_keeps_the_pushes_and_sends_them_later() {
    let w = world(20).await;
    print_and_ship(&w, 1).await;
    w.sim
        .inject_fault("/api/v2/admin/shipments", Fault::Status(503));
    w.sim
        .inject_fault("/api/v2/admin/shipments", Fault::Status(503));
    w.sim
        .inject_fault("/api/v2/admin/shipments", Fault::Status(503));
    w.sim
        .inject_fault("/api/v2/admin/shipments", Fault::Status(503));
    let offline = w.desk.sync().await.unwrap_err();
    assert!(offline.code().starts_with("CAFE24_"), "{}", offline.code());
    assert!(!offline.message_ko().is_empty());
    assert!(
        w.desk.status().unwrap().outbox_pending >= 1,
        "nothing is lost"
    );
    assert!(w.sim.shipments().is_empty());
    let conn = packdesk_store::Connection::open(w.desk.db_path()).unwrap();
    conn.execute(
        "UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z'",
        [],
    )
    .unwrap();
    let r = w.desk.sync().await.unwrap();
    assert_eq!(r.waiting, 0);
    assert_eq!(w.sim.shipments().len(), r.sent.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_access_tokens_are_refreshed_and_the_new_ones_kept() {
    let w = world(10).await;
    w.desk.collect(None, None).await.unwrap();
    let before = std::fs::read_to_string(w._dir.path().join("secrets.json")).unwrap();
    w.sim.expire_access_tokens();
    w.desk.collect(None, None).await.unwrap();
    let after = std::fs::read_to_string(w._dir.path().join("secrets.json")).unwrap();
    assert_ne!(before, after, "the rotated refresh token is persisted");
    assert!(w.sim.stats().refreshes >= 1);
    // A fresh process (new Desk on the same files) can still talk to the shop.
    let again = Desk::open(DeskOptions {
        db_path: w.desk.db_path().to_path_buf(),
        secrets: Some(Box::new(FileSecrets::new(
            w._dir.path().join("secrets.json"),
        ))),
        clock: None,
    })
    .unwrap();
    again.collect(None, None).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_blocks_printing_and_releases_stock() {
    let w = world(15).await;
    w.desk.collect(None, None).await.unwrap();
    let row = w
        .desk
        .parcels()
        .unwrap()
        .into_iter()
        // A parcel of one order: a merged parcel with one order cancelled is re-planned instead
        // (crates/core/tests/allocation.rs covers that).
        .find(|p| p.stage == Stage::Ready && p.order_ids.len() == 1)
        .unwrap();
    assert!(w.sim.cancel_order(&row.order_ids[0]));
    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.claimed, 1);
    let after = w
        .desk
        .parcels()
        .unwrap()
        .into_iter()
        .find(|p| p.parcel_id == row.parcel_id)
        .unwrap();
    assert_eq!(after.stage, Stage::Claimed);
    assert!(after.blocked_reason.unwrap().contains("C00"));
    let err = w
        .desk
        .print(PrintRequest {
            range: after.no.to_string(),
            printer: None,
            format: None,
            ..PrintRequest::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), "NOT_PRINTABLE");
    assert!(w.printer.jobs().is_empty(), "nothing printed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_mode_connects_through_the_loopback_oauth_flow_and_collects() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(DeskOptions {
        db_path: dir.path().join("demo.sqlite"),
        secrets: Some(Box::new(FileSecrets::new(dir.path().join("secrets.json")))),
        clock: None,
    })
    .unwrap();
    let info = desk.start_demo().await.unwrap();
    assert_eq!(info.orders_waiting, 300);
    let status = desk.status().unwrap();
    assert_eq!(status.mode, packdesk_core::Mode::Demo);
    let shop = status.shop.unwrap();
    assert_eq!(
        shop.api_base, info.api_base,
        "the station points at the simulator"
    );
    assert!(shop.scopes.iter().any(|s| s == "mall.write_order"));
    assert_eq!(status.printer.as_deref(), Some(info.printer.as_str()));
    // The tokens came through the real code exchange and stay out of the station's keychain.
    assert!(dir.path().join("demo.demo-secrets.json").exists());
    let report = desk.collect(None, None).await.unwrap();
    assert!(
        report.new >= 280,
        "most demo orders are old enough: {}",
        report.new
    );
    assert_eq!(report.throttled, 0);
    assert!(
        desk.parcels().unwrap().len() < report.new as usize,
        "repeated recipients merged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_syncs_at_once_never_send_a_shipment_twice() {
    let w = world(30).await;
    let shipped = print_and_ship(&w, 3).await;
    // The app's background sync and a CLI `packdesk sync` in another process, at the same moment.
    let other = Desk::open(DeskOptions {
        db_path: w.desk.db_path().to_path_buf(),
        secrets: Some(Box::new(FileSecrets::new(
            w._dir.path().join("secrets.json"),
        ))),
        clock: None,
    })
    .unwrap();
    let (a, b) = tokio::join!(w.desk.sync(), other.sync());
    let sent = a.map(|r| r.sent.len()).unwrap_or(0) + b.map(|r| r.sent.len()).unwrap_or(0);
    let pushed = w.sim.shipments();
    assert_eq!(sent, pushed.len(), "every send is reported once");
    let mut keys: Vec<(String, String)> = pushed
        .iter()
        .map(|s| (s.order_id.clone(), s.tracking_no.clone()))
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        pushed.len(),
        "no order got the same shipment twice"
    );
    for t in shipped {
        assert!(pushed.iter().any(|s| s.tracking_no == t));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_range_prints_every_waiting_row_once() {
    let w = world(12).await;
    w.desk.collect(None, None).await.unwrap();
    let waiting = w
        .desk
        .parcels()
        .unwrap()
        .iter()
        .filter(|p| p.stage == Stage::Ready)
        .count();
    let report = w
        .desk
        .print(PrintRequest {
            range: String::new(),
            printer: None,
            format: None,
            ..PrintRequest::default()
        })
        .await
        .unwrap();
    assert_eq!(
        report.printed.len(),
        waiting,
        "blocked rows are skipped, not an error"
    );
    assert_eq!(report.reprinted, 0);
    w.printer
        .wait_for_labels(waiting, Duration::from_secs(10))
        .await
        .unwrap();
    let again = w
        .desk
        .print(PrintRequest {
            range: " ".into(),
            printer: None,
            format: None,
            ..PrintRequest::default()
        })
        .await;
    assert_eq!(
        again.unwrap_err().code(),
        "NOTHING_TO_PRINT",
        "printed rows are not printed again by 'all'"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_older_than_the_first_runs_window_need_a_date_range() {
    let w = world(5).await;
    let now = Utc::now();
    let mut old = packdesk_sim::cafe24::demo_orders_between(
        9,
        now - chrono::Duration::hours(30),
        now - chrono::Duration::hours(20),
        2,
    );
    for (i, o) in old.iter_mut().enumerate() {
        o.order_id = format!("19990101-000000{i}");
    }
    w.sim.add_orders(old);
    let first = w.desk.collect(None, None).await.unwrap();
    let second = w.desk.collect(None, None).await.unwrap();
    let held = |d: &Desk| {
        d.parcels()
            .unwrap()
            .iter()
            .flat_map(|p| p.order_ids.clone())
            .filter(|id| id.starts_with("1999"))
            .count()
    };
    assert_eq!(
        held(&w.desk),
        0,
        "neither the first run ({}) nor the next ({}) takes them",
        first.new,
        second.new
    );
    let from = packdesk_core::clock::kst_date(now - chrono::Duration::hours(31));
    w.desk.collect(Some(from), None).await.unwrap();
    assert_eq!(held(&w.desk), 2, "a manual range does");
}

/// Scanners set to send an AIM symbology identifier (`]C0` = Code 128) still ship the parcel,
/// and the tracking number is what gets logged and pushed, not the prefix.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scan_with_an_aim_prefix_ships_the_parcel() {
    let w = world(6).await;
    w.desk.collect(None, None).await.unwrap();
    let first = w
        .desk
        .parcels()
        .unwrap()
        .into_iter()
        .find(|p| p.stage == Stage::Ready)
        .unwrap();
    w.desk
        .print(PrintRequest {
            range: first.no.to_string(),
            printer: None,
            format: None,
            ..PrintRequest::default()
        })
        .await
        .unwrap();
    w.printer
        .wait_for_labels(1, Duration::from_secs(10))
        .await
        .unwrap();
    let tracking = w.desk.parcels().unwrap()[first.no as usize - 1]
        .tracking_no
        .clone()
        .unwrap();
    let shipped = w.desk.ship_scan(&format!("]C0{tracking}")).unwrap();
    assert_eq!(shipped.tracking_no, tracking);
    assert!(!shipped.ime_converted);
    let again = w.desk.ship_scan(&tracking).unwrap_err();
    assert_eq!(again.code(), "SCAN_ALREADY_SHIPPED");
}
