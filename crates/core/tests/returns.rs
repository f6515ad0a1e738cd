//! 반품 입고 through the production Desk API: parcels collected from the Cafe24 simulator over
//! loopback, printed to a file printer, shipped on scan, then scanned again when they come back —
//! the return window (counted from shipping), who pays the return shipping, restock and write-off
//! in the ledger, and the refusals (unknown code, not shipped, received twice).

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use packdesk_core::clock::Clock;
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    ConnectRequest, Desk, DeskOptions, Disposition, Payer, PrintRequest, ReturnReason,
    ReturnRequest, Stage,
};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders};

const REDIRECT: &str = "http://127.0.0.1:9/callback";

/// Real time plus an offset the test moves (days pass between shipping and the return).
struct TestClock {
    offset: Mutex<Duration>,
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.lock().unwrap()
    }
}

struct World {
    dir: tempfile::TempDir,
    desk: Desk,
    clock: Arc<TestClock>,
    _sim: Cafe24Sim,
}

async fn world() -> World {
    let sim = Cafe24Sim::start(
        SimConfig::default(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    sim.set_catalogue(demo_catalogue(5));
    sim.add_orders(demo_orders(5, Utc::now(), 12));
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(TestClock {
        offset: Mutex::new(Duration::zero()),
    });
    let desk = Desk::open(DeskOptions {
        db_path: dir.path().join("desk.sqlite"),
        secrets: Some(Box::new(FileSecrets::new(dir.path().join("secrets.json")))),
        clock: Some(clock.clone()),
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
    desk.collect(None, None).await.unwrap();
    desk.add_invoice_pool("cj", "601234560001", 500).unwrap();
    World {
        dir,
        desk,
        clock,
        _sim: sim,
    }
}

impl World {
    fn advance(&self, by: Duration) {
        *self.clock.offset.lock().unwrap() += by;
    }

    fn db(&self) -> packdesk_store::Connection {
        packdesk_store::Connection::open(self.desk.db_path()).unwrap()
    }

    /// Prints and ships `n` ready parcels; returns their (parcel id, tracking number).
    async fn ship(&self, n: usize) -> Vec<(i64, String)> {
        let ready: Vec<_> = self
            .desk
            .parcels()
            .unwrap()
            .into_iter()
            .filter(|p| p.stage == Stage::Ready)
            .take(n)
            .collect();
        assert_eq!(ready.len(), n, "enough ready parcels");
        let range = ready
            .iter()
            .map(|p| p.no.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let pdf = self.dir.path().join("labels.pdf");
        self.desk
            .print(PrintRequest {
                range,
                printer: Some(format!("file://{}", pdf.display())),
                ..PrintRequest::default()
            })
            .await
            .unwrap();
        let mut out = Vec::new();
        for p in ready {
            let row = self
                .desk
                .parcels()
                .unwrap()
                .into_iter()
                .find(|r| r.parcel_id == p.parcel_id)
                .unwrap();
            let tracking = row.tracking_no.unwrap();
            self.desk.ship_scan(&tracking).unwrap();
            out.push((p.parcel_id, tracking));
        }
        out
    }

    /// (on hand, ledger rows of `kind` for the return) of the first line's SKU.
    fn stock_of(&self, parcel_id: i64) -> (i64, i64, i64) {
        self.db()
            .query_row(
                "SELECT s.variant_id, s.on_hand, i.quantity FROM parcel_orders po
                 JOIN order_items i ON i.order_id = po.order_id
                 JOIN stock s ON s.variant_id = i.variant_id
                 WHERE po.parcel_id = ?1 ORDER BY i.id LIMIT 1",
                [parcel_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    }

    fn ledger(&self, variant_id: i64, kind: &str) -> Vec<i64> {
        let db = self.db();
        let mut stmt = db
            .prepare(
                "SELECT delta FROM stock_ledger WHERE variant_id = ?1 AND kind = ?2 ORDER BY id",
            )
            .unwrap();
        stmt.query_map(packdesk_store::params![variant_id, kind], |r| r.get(0))
            .unwrap()
            .collect::<Result<Vec<i64>, _>>()
            .unwrap()
    }
}

fn request(code: &str, reason: ReturnReason, disposition: Disposition) -> ReturnRequest {
    ReturnRequest {
        code: code.into(),
        reason,
        disposition,
        per_line: Vec::new(),
    }
}

#[tokio::test]
async fn a_change_of_mind_inside_the_window_is_restocked_and_paid_by_the_customer() {
    let w = world().await;
    let shipped = w.ship(1).await;
    let (parcel, tracking) = &shipped[0];
    let (variant, on_hand_before, qty) = w.stock_of(*parcel);
    w.advance(Duration::days(3));
    let candidate = w.desk.return_candidate(tracking).unwrap();
    assert_eq!(candidate.parcel_id, *parcel);
    assert_eq!(candidate.days_since_shipped, 3);
    assert!(!candidate.lines.is_empty());

    let r = w
        .desk
        .receive_return(&request(
            tracking,
            ReturnReason::ChangeOfMind,
            Disposition::Restock,
        ))
        .unwrap();
    assert_eq!(r.parcel_id, *parcel);
    assert!(r.within_window);
    assert_eq!(r.window_days, 7);
    assert_eq!(r.payer, Payer::Customer);
    assert!(
        r.lines
            .iter()
            .all(|l| l.disposition == Some(Disposition::Restock))
    );
    let (_, on_hand_after, _) = w.stock_of(*parcel);
    assert_eq!(on_hand_after, on_hand_before + qty, "back on the shelf");
    assert_eq!(w.ledger(variant, "return"), vec![qty]);
    assert_eq!(w.desk.returns().unwrap(), vec![r.clone()]);

    // The same box scanned again is refused, by any of its codes.
    let again = w
        .desk
        .receive_return(&request(
            tracking,
            ReturnReason::ChangeOfMind,
            Disposition::Restock,
        ))
        .unwrap_err();
    assert_eq!(again.code(), "RETURN_ALREADY_RECEIVED");
    let by_code = w
        .desk
        .receive_return(&request(
            &format!("P{parcel:07}"),
            ReturnReason::Defect,
            Disposition::Restock,
        ))
        .unwrap_err();
    assert_eq!(by_code.code(), "RETURN_ALREADY_RECEIVED");
    assert_eq!(w.ledger(variant, "return"), vec![qty], "restocked once");
}

#[tokio::test]
async fn outside_seven_days_change_of_mind_is_late_but_a_defect_is_not_and_the_seller_pays() {
    let w = world().await;
    let shipped = w.ship(2).await;
    w.advance(Duration::days(10));
    let late = w
        .desk
        .receive_return(&request(
            &shipped[0].1,
            ReturnReason::ChangeOfMind,
            Disposition::Restock,
        ))
        .unwrap();
    assert!(!late.within_window, "10 days after shipping");
    assert_eq!(late.payer, Payer::Customer);

    // A defect found by an order id in the parcel: 3 months, the seller pays.
    let order_id: String = w
        .db()
        .query_row(
            "SELECT o.order_id FROM orders o JOIN parcel_orders po ON po.order_id = o.id
             WHERE po.parcel_id = ?1 LIMIT 1",
            [shipped[1].0],
            |r| r.get(0),
        )
        .unwrap();
    let defect = w
        .desk
        .receive_return(&request(
            &order_id,
            ReturnReason::Defect,
            Disposition::WriteOff,
        ))
        .unwrap();
    assert_eq!(defect.parcel_id, shipped[1].0);
    assert!(defect.within_window);
    assert!(
        (89..=92).contains(&defect.window_days),
        "{}",
        defect.window_days
    );
    assert_eq!(defect.payer, Payer::Seller);
    assert_eq!(w.desk.returns().unwrap().len(), 2);
}

#[tokio::test]
async fn a_written_off_line_is_in_the_ledger_and_leaves_stock_alone() {
    let w = world().await;
    let shipped = w.ship(1).await;
    let (parcel, tracking) = &shipped[0];
    let (_, on_hand_before, qty) = w.stock_of(*parcel);
    let candidate = w.desk.return_candidate(tracking).unwrap();
    // Every line written off except the first, which is restocked.
    let first = candidate.lines[0].item_id;
    let mut req = request(tracking, ReturnReason::WrongItem, Disposition::WriteOff);
    req.per_line = vec![(first, Disposition::Restock)];
    let r = w.desk.receive_return(&req).unwrap();
    assert_eq!(r.payer, Payer::Seller);
    assert_eq!(r.lines[0].disposition, Some(Disposition::Restock));
    assert!(
        r.lines[1..]
            .iter()
            .all(|l| l.disposition == Some(Disposition::WriteOff))
    );
    assert_eq!(w.stock_of(*parcel).1, on_hand_before + qty);

    // Now a parcel written off whole: stock unchanged, the loss on record.
    let shipped = w.ship(1).await;
    let (parcel, tracking) = &shipped[0];
    let (variant2, on_hand_before, qty) = w.stock_of(*parcel);
    let returns_before = w.ledger(variant2, "return");
    let r = w
        .desk
        .receive_return(&request(
            tracking,
            ReturnReason::Defect,
            Disposition::WriteOff,
        ))
        .unwrap();
    assert_eq!(
        r.written_off_units,
        r.lines.iter().map(|l| l.quantity).sum::<i64>()
    );
    assert_eq!(r.restocked_units, 0);
    assert_eq!(w.stock_of(*parcel).1, on_hand_before, "on hand unchanged");
    assert_eq!(w.ledger(variant2, "writeoff").last(), Some(&0));
    assert_eq!(w.ledger(variant2, "return"), returns_before);
    let refs: String = w
        .db()
        .query_row(
            "SELECT ref FROM stock_ledger WHERE variant_id = ?1 AND kind = 'writeoff' ORDER BY id DESC LIMIT 1",
            [variant2],
            |r| r.get(0),
        )
        .unwrap();
    assert!(refs.ends_with(&format!("x{qty}")), "{refs}");
}

#[tokio::test]
async fn unknown_and_unshipped_parcels_are_refused() {
    let w = world().await;
    let err = w
        .desk
        .receive_return(&request(
            "609999999999",
            ReturnReason::Defect,
            Disposition::Restock,
        ))
        .unwrap_err();
    assert_eq!(err.code(), "RETURN_UNKNOWN_PARCEL");
    assert!(err.message_ko().contains("609999999999"));
    let waiting = w.desk.parcels().unwrap()[0].parcel_id;
    let err = w
        .desk
        .receive_return(&request(
            &format!("P{waiting:07}"),
            ReturnReason::Defect,
            Disposition::Restock,
        ))
        .unwrap_err();
    assert_eq!(err.code(), "RETURN_NOT_SHIPPED");
    assert!(w.desk.returns().unwrap().is_empty());
    assert_eq!(
        ReturnReason::parse("change-of-mind"),
        Some(ReturnReason::ChangeOfMind)
    );
    assert_eq!(
        ReturnReason::parse("wrong-item"),
        Some(ReturnReason::WrongItem)
    );
}
