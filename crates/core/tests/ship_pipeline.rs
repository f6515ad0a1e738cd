//! 배송 in the pipeline, over loopback against the Cafe24 simulator through the production Desk
//! API: shipping a selected range, the partly claimed parcel at the scan (refused, then shipped
//! without its claimed lines once the packer confirms), the mismatch view with each of its fixes,
//! and the 합포 options (domestic only, per seller).

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    ConnectRequest, Desk, DeskOptions, FixAction, MismatchKind, ParcelRow, PrintRequest,
    ShipRequest, Stage,
};
use packdesk_sim::cafe24::{
    Cafe24Sim, SimConfig, SimOrder, SimProduct, SimReceiver, SimShop, demo_catalogue,
    demo_orders_between, demo_orders_for_shop,
};
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

impl World {
    fn parcel_of(&self, order_id: &str) -> ParcelRow {
        self.desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.order_ids.iter().any(|o| o == order_id))
            .unwrap_or_else(|| panic!("order {order_id} is in no parcel"))
    }

    /// Prints every waiting label and waits until the printer has them.
    async fn print_all(&self) {
        let before = self.printer.labels().len();
        let report = self
            .desk
            .print(PrintRequest {
                range: String::new(),
                printer: None,
                format: None,
                ..PrintRequest::default()
            })
            .await
            .unwrap();
        assert!(!report.printed.is_empty(), "{report:?}");
        self.printer
            .wait_for_labels(before + report.printed.len(), StdDuration::from_secs(10))
            .await
            .unwrap();
    }

    fn tracking_of(&self, order_id: &str) -> String {
        self.parcel_of(order_id).tracking_no.unwrap()
    }

    /// Order ids the shop received a tracking number for, in order.
    fn pushed(&self) -> Vec<String> {
        self.sim
            .shipments()
            .into_iter()
            .map(|s| s.order_id)
            .collect()
    }

    /// Sets every line of the order to `status` at the shop.
    fn set_shop_status(&self, order_id: &str, status: &str) {
        let items = self.sim.order(order_id).unwrap().items;
        for i in items {
            assert!(self.sim.claim_item(order_id, i.item_no, status));
        }
    }

    fn outbox_count(&self) -> i64 {
        let db = packdesk_store::Connection::open(self.desk.db_path()).unwrap();
        db.query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))
            .unwrap()
    }
}

async fn world_with(shops: Vec<SimShop>, orders: Vec<SimOrder>) -> World {
    let cfg = SimConfig {
        shops,
        ..SimConfig::default()
    };
    let sim = Cafe24Sim::start(cfg, loopback()).await.unwrap();
    sim.set_catalogue(stocked_catalogue());
    sim.add_orders(orders);
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(DeskOptions {
        db_path: dir.path().join("desk.sqlite"),
        secrets: Some(Box::new(FileSecrets::new(dir.path().join("secrets.json")))),
        clock: None,
    })
    .unwrap();
    desk.connect_cafe24(
        ConnectRequest {
            mall_id: "demoshop".into(),
            client_id: "demo-client".into(),
            client_secret: "demo-secret".into(),
            api_base: Some(sim.base_url().to_string()),
            code: Some(sim.issue_code(REDIRECT)),
            redirect_uri: Some(REDIRECT.into()),
            shops: None,
        },
        |_| {},
    )
    .await
    .unwrap();
    desk.add_invoice_pool("cj", "601234560001", 500).unwrap();
    desk.set_default_printer(&printer.uri()).unwrap();
    World {
        _dir: dir,
        desk,
        sim,
        printer,
    }
}

fn stocked_catalogue() -> Vec<SimProduct> {
    let mut products = demo_catalogue(3);
    for v in products.iter_mut().flat_map(|p| p.variants.iter_mut()) {
        v.quantity = 500;
    }
    products
}

/// `n` shop-1 orders paid between 5 hours and 1 hour ago, each to its own receiver.
fn orders(seed: u64, n: usize) -> Vec<SimOrder> {
    let now = Utc::now();
    let mut orders =
        demo_orders_between(seed, now - Duration::hours(5), now - Duration::hours(1), n);
    for (i, o) in orders.iter_mut().enumerate() {
        o.receivers = vec![receiver(
            &format!("수령인{i}"),
            &format!("010-7000-{i:04}"),
            "KR",
        )];
    }
    orders
}

fn receiver(name: &str, mobile: &str, country: &str) -> SimReceiver {
    SimReceiver {
        name: name.into(),
        cellphone: mobile.into(),
        zipcode: "06236".into(),
        address1: "서울특별시 강남구 테헤란로 152".into(),
        address2: "101동 101호".into(),
        country_code: country.into(),
        ..SimReceiver::default()
    }
}

fn is_korean(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

// 선택 배송처리 -------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ship_selected_ships_printed_rows_like_a_scan_and_reports_every_row() {
    let orders = orders(51, 4);
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let w = world_with(vec![SimShop::korean_default()], orders).await;
    w.desk.collect(None, None).await.unwrap();
    // Rows 1-3 printed, row 4 not.
    w.desk
        .print(PrintRequest {
            range: "1-3".into(),
            ..PrintRequest::default()
        })
        .await
        .unwrap();
    w.printer
        .wait_for_labels(3, StdDuration::from_secs(10))
        .await
        .unwrap();
    let row4 = w
        .desk
        .parcels()
        .unwrap()
        .into_iter()
        .find(|p| p.no == 4)
        .unwrap();
    assert_ne!(row4.stage, Stage::Printed);
    // Row 3 shipped by scan first: selecting it again is the scan's "already shipped".
    let third = w.desk.parcels().unwrap()[2].clone();
    w.desk
        .ship_scan(third.tracking_no.as_deref().unwrap())
        .unwrap();

    let report = w.desk.ship_selected("1-2, 3,4", false).unwrap();
    assert_eq!(report.shipped, 2, "{report:?}");
    assert_eq!(report.refused, 2);
    let codes: Vec<Option<String>> = report
        .rows
        .iter()
        .map(|r| r.error.as_ref().map(|e| e.code.clone()))
        .collect();
    assert_eq!(
        codes,
        vec![
            None,
            None,
            Some("SCAN_ALREADY_SHIPPED".into()),
            Some("NOT_PRINTED".into())
        ]
    );
    let not_printed = report.rows[3].error.as_ref().unwrap();
    assert!(is_korean(&not_printed.message_ko));
    // Each shipped row queued its order's push, which reaches the shop.
    let shipped: Vec<&String> = report
        .rows
        .iter()
        .filter_map(|r| r.shipped.as_ref())
        .flat_map(|o| &o.order_ids)
        .collect();
    assert_eq!(shipped.len(), 2);
    let sync = w.desk.sync().await.unwrap();
    assert_eq!(sync.sent.len(), 3, "{sync:?}");
    for p in w.desk.parcels().unwrap().iter().take(3) {
        assert_eq!(p.stage, Stage::Shipped, "row {}", p.no);
    }
    let pushed = w.pushed();
    assert!(row4.order_ids.iter().all(|o| !pushed.contains(o)));
    assert_eq!(pushed.len(), 3);
    assert!(ids.iter().filter(|o| pushed.contains(o)).count() == 3);
    // A bad range is refused before anything ships.
    assert!(w.desk.ship_selected("9", false).is_err());
    assert!(w.desk.ship_selected("  ", false).is_err());
}

// 부분 클레임 at the scan -------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partly_claimed_parcel_is_refused_then_ships_only_its_unclaimed_order() {
    let mut orders = orders(52, 3);
    // Orders 0 and 1 go to one receiver: one merged parcel.
    orders[1].receivers = orders[0].receivers.clone();
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let w = world_with(vec![SimShop::korean_default()], orders).await;
    w.desk.collect(None, None).await.unwrap();
    let merged = w.parcel_of(&ids[0]);
    assert_eq!(merged.order_ids.len(), 2, "{merged:?}");
    w.print_all().await;
    let tracking = w.tracking_of(&ids[0]);

    // The buyer of order 0 cancels after the label was printed.
    assert!(w.sim.cancel_order(&ids[0]));
    w.desk.collect(None, None).await.unwrap();
    let claims = w.desk.claimed_parcels().unwrap();
    let c = claims
        .iter()
        .find(|c| c.parcel_id == merged.parcel_id)
        .unwrap_or_else(|| panic!("{claims:?}"));
    assert!(c.partly && c.printed, "{c:?}");
    let cancelled = c.orders.iter().find(|o| o.order_id == ids[0]).unwrap();
    assert!(cancelled.claimed && cancelled.reason.is_some());
    assert!(
        !c.orders
            .iter()
            .find(|o| o.order_id == ids[1])
            .unwrap()
            .claimed
    );
    assert!(is_korean(&c.todo_ko));

    // The scan refuses loudly, naming the order to take out.
    let err = w.desk.ship_scan(&tracking).unwrap_err();
    assert_eq!(err.code(), "SCAN_PARTLY_CLAIMED");
    assert!(err.to_string().contains(&ids[0]), "{err}");
    assert!(err.message_ko().contains(&ids[0]) && is_korean(&err.message_ko()));
    // So does the selection without the confirmation.
    let report = w.desk.ship_selected(&merged.no.to_string(), false).unwrap();
    assert_eq!(
        report.rows[0].error.as_ref().unwrap().code,
        "SCAN_PARTLY_CLAIMED"
    );
    assert_eq!(w.outbox_count(), 0, "nothing queued by a refused scan");

    // Confirmed: the parcel ships with the other order only.
    let shipped = w
        .desk
        .ship(&ShipRequest {
            code: tracking.clone(),
            removed_claimed: true,
        })
        .unwrap();
    assert_eq!(shipped.order_ids, vec![ids[1].clone()]);
    assert_eq!(shipped.queued, 1);
    w.desk.sync().await.unwrap();
    assert_eq!(w.pushed(), vec![ids[1].clone()]);
    // Cancelled lines stay cancelled at the shop; the other order is on its way.
    let shop0 = w.sim.order(&ids[0]).unwrap();
    assert!(shop0.items.iter().all(|i| i.order_status.starts_with('C')));
    let shop1 = w.sim.order(&ids[1]).unwrap();
    assert!(shop1.items.iter().all(|i| i.order_status == "N30"));
    // Shipped: off the claims list.
    assert!(
        w.desk
            .claimed_parcels()
            .unwrap()
            .iter()
            .all(|c| c.parcel_id != merged.parcel_id)
    );
}

// 판매처와 배송상태 불일치 ---------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mismatches_are_found_and_each_fix_settles_them() {
    let orders = orders(53, 4);
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let w = world_with(vec![SimShop::korean_default()], orders).await;
    w.desk.collect(None, None).await.unwrap();
    w.print_all().await;
    // 0 and 1 ship and their pushes are confirmed; 3 ships but is cancelled at the shop before
    // the push goes; 2 stays on the desk.
    for id in [&ids[0], &ids[1], &ids[3]] {
        w.desk.ship_scan(&w.tracking_of(id)).unwrap();
    }
    let item3 = w.sim.order(&ids[3]).unwrap().items[0].item_no;
    assert!(w.sim.claim_item(&ids[3], item3, "C00"));
    let sync = w.desk.sync().await.unwrap();
    assert_eq!(sync.sent.len(), 2, "{sync:?}");
    assert_eq!(sync.failed.len(), 1, "{sync:?}");
    assert!(w.desk.recheck_shipped().await.unwrap().orders_checked >= 2);
    let kinds = |w: &World| -> Vec<(String, MismatchKind)> {
        w.desk
            .mismatches()
            .unwrap()
            .into_iter()
            .map(|m| (m.order_id, m.kind))
            .collect()
    };
    // The confirmed pushes show 배송중 at the shop: only the refused one disagrees.
    assert_eq!(kinds(&w), vec![(ids[3].clone(), MismatchKind::PushFailed)]);

    // The shop withdrew the cancellation: retry sends the push again.
    assert!(w.sim.claim_item(&ids[3], item3, "N20"));
    let m3 = w.desk.mismatches().unwrap().remove(0);
    assert_eq!(m3.fix, FixAction::RetryPush);
    assert!(is_korean(&m3.detail_ko));
    // Another fix than the one that applies is refused.
    assert_eq!(
        w.desk
            .fix_mismatch(m3.id, Some(FixAction::MarkShipped))
            .unwrap_err()
            .code(),
        "MISMATCH_FIX_NOT_APPLICABLE"
    );
    assert_eq!(w.desk.fix_mismatch(m3.id, None).unwrap().queued, 1);
    assert!(w.desk.mismatches().unwrap().is_empty());
    w.desk.sync().await.unwrap();
    assert!(w.pushed().contains(&ids[3]));

    // Order 0's shipment vanished at the shop (back to 배송준비중): a re-check sees it.
    w.set_shop_status(&ids[0], "N20");
    w.desk.recheck_shipped().await.unwrap();
    assert_eq!(
        kinds(&w),
        vec![(ids[0].clone(), MismatchKind::PushNotApplied)]
    );
    assert_eq!(w.desk.mismatch_count().unwrap(), 1);
    let m0 = w.desk.mismatches().unwrap().remove(0);
    assert_eq!(m0.stage, Some(Stage::Shipped));
    let fixed = w.desk.fix_mismatch(m0.id, None).unwrap();
    assert_eq!(fixed.action, FixAction::RequeuePush);
    let pushes_before = w.pushed().iter().filter(|o| **o == ids[0]).count();
    w.desk.sync().await.unwrap();
    assert_eq!(
        w.pushed().iter().filter(|o| **o == ids[0]).count(),
        pushes_before + 1
    );
    w.desk.recheck_shipped().await.unwrap();
    assert!(w.desk.mismatches().unwrap().is_empty());

    // Order 2 was shipped by hand in the admin: the next collection sees 배송중.
    w.set_shop_status(&ids[2], "N30");
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(
        kinds(&w),
        vec![(ids[2].clone(), MismatchKind::ShippedElsewhere)]
    );
    let outbox = w.outbox_count();
    let m2 = w.desk.mismatches().unwrap().remove(0);
    assert_eq!(m2.stage, Some(Stage::Printed));
    let fixed = w.desk.fix_mismatch(m2.id, None).unwrap();
    assert_eq!((fixed.action, fixed.queued), (FixAction::MarkShipped, 0));
    assert_eq!(
        w.outbox_count(),
        outbox,
        "no push for a parcel shipped elsewhere"
    );
    assert_eq!(w.parcel_of(&ids[2]).stage, Stage::Shipped);
    assert!(w.desk.mismatches().unwrap().is_empty());
    assert_eq!(
        w.desk.fix_mismatch(m2.id, None).unwrap_err().code(),
        "UNKNOWN_MISMATCH"
    );
}

// 합포 options ------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_options_keep_abroad_and_other_sellers_apart_until_turned_off() {
    let now = Utc::now();
    let (from, to) = (now - Duration::hours(5), now - Duration::hours(1));
    let krw = SimShop::korean_default();
    let other = SimShop::english_usd(2);
    let mut shop1 = demo_orders_for_shop(61, &krw, from, to, 4);
    let mut shop2 = demo_orders_for_shop(62, &other, from, to, 2);
    let home = receiver("김합포", "010-8000-0001", "KR");
    let abroad = receiver("Tanaka", "010-8000-0002", "JP");
    // One receiver at home buying from both sellers; one abroad buying twice from seller 1.
    shop1[0].receivers = vec![home.clone()];
    shop2[0].receivers = vec![home.clone()];
    shop1[1].receivers = vec![abroad.clone()];
    shop1[2].receivers = vec![abroad.clone()];
    // A second wave, collected after the options are turned off.
    let home2 = receiver("박합포", "010-8000-0003", "KR");
    let abroad2 = receiver("Suzuki", "010-8000-0004", "JP");
    let mut later1 = demo_orders_for_shop(63, &krw, from, to, 3);
    let mut later2 = demo_orders_for_shop(64, &other, from, to, 1);
    later1[0].receivers = vec![home2.clone()];
    later2[0].receivers = vec![home2.clone()];
    later1[1].receivers = vec![abroad2.clone()];
    later1[2].receivers = vec![abroad2.clone()];
    shop1.truncate(3);
    shop2.truncate(1);

    let w = world_with(
        vec![krw, other],
        shop1.iter().chain(&shop2).cloned().collect(),
    )
    .await;
    assert_eq!(w.desk.merge_options().unwrap(), Default::default());
    let on = w.desk.set_merge_options(Some(true), Some(true)).unwrap();
    assert!(on.domestic_only && on.per_seller);
    assert_eq!(w.desk.merge_options().unwrap(), on);
    w.desk.collect(None, None).await.unwrap();
    assert_ne!(
        w.parcel_of(&shop1[0].order_id).parcel_id,
        w.parcel_of(&shop2[0].order_id).parcel_id,
        "per seller: two shops' orders to one receiver stay apart"
    );
    assert_ne!(
        w.parcel_of(&shop1[1].order_id).parcel_id,
        w.parcel_of(&shop1[2].order_id).parcel_id,
        "domestic only: two parcels abroad stay apart"
    );
    // Neither pair is a 확인필요 (they are not "maybe one").
    assert!(w.desk.merge_reviews().unwrap().is_empty());

    let off = w.desk.set_merge_options(Some(false), Some(false)).unwrap();
    assert!(!off.domestic_only && !off.per_seller);
    w.sim
        .add_orders(later1.iter().chain(&later2).cloned().collect());
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(
        w.parcel_of(&later1[0].order_id).parcel_id,
        w.parcel_of(&later2[0].order_id).parcel_id,
        "across sellers: merged"
    );
    assert_eq!(
        w.parcel_of(&later1[1].order_id).parcel_id,
        w.parcel_of(&later1[2].order_id).parcel_id,
        "abroad allowed: merged"
    );
    // The first wave was placed under the old rule and is not re-merged.
    assert_ne!(
        w.parcel_of(&shop1[0].order_id).parcel_id,
        w.parcel_of(&shop2[0].order_id).parcel_id
    );
    // Only one option changed: the other keeps its value.
    let one = w.desk.set_merge_options(None, Some(true)).unwrap();
    assert!(!one.domestic_only && one.per_seller);
}
