//! Issue 3's collection rules, proven over loopback against the Cafe24 simulator through the
//! production Desk API: several shops, the shop's rules, claims and address changes arriving
//! between collections, interrupted runs, token expiry and dead refresh tokens, 429 bursts, the
//! run history, the schedule with Korean holidays, and product weights written back.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::{BTreeSet, HashMap};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use packdesk_core::clock::{Clock, kst_display};
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    CollectRequest, ConnectRequest, DayOffInfo, Desk, DeskError, DeskOptions, ParcelRow,
    PrintRequest, ShopRules, Stage,
};
use packdesk_schedule::{Calendar, Timetable};
use packdesk_sim::cafe24::{
    Cafe24Sim, Fault, ReceiverChange, SimConfig, SimOrder, SimProduct, SimReceiver, SimShop,
    SimVariant, demo_catalogue, demo_orders_between, demo_orders_for_shop,
};
use packdesk_sim::printer::VirtualPrinter;

const REDIRECT: &str = "http://127.0.0.1:9/callback";
const ORDERS: &str = "/api/v2/admin/orders";
const ORDER_COUNT: &str = "/api/v2/admin/orders/count";

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

/// The desk's clock: real time plus an offset a test moves, so successive runs still start at
/// distinct instants (as they do on a station) while a test can jump ahead or to a fixed date.
struct TestClock {
    offset: Mutex<Duration>,
}

impl TestClock {
    fn new() -> Arc<TestClock> {
        Arc::new(TestClock {
            offset: Mutex::new(Duration::zero()),
        })
    }

    fn advance(&self, by: Duration) {
        *self.offset.lock().unwrap() += by;
    }

    /// Puts the clock at `at` (it keeps running from there).
    fn set(&self, at: DateTime<Utc>) {
        *self.offset.lock().unwrap() = at - Utc::now();
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.lock().unwrap()
    }
}

struct World {
    dir: tempfile::TempDir,
    desk: Desk,
    sim: Cafe24Sim,
    printer: VirtualPrinter,
    clock: Arc<TestClock>,
}

impl World {
    fn secrets_file(&self) -> std::path::PathBuf {
        self.dir.path().join("secrets.json")
    }

    fn db(&self) -> packdesk_store::Connection {
        packdesk_store::Connection::open(self.desk.db_path()).unwrap()
    }

    fn shop_id(&self, shop_no: u32) -> i64 {
        self.desk
            .shops()
            .unwrap()
            .into_iter()
            .find(|s| s.shop_no == shop_no)
            .unwrap_or_else(|| panic!("shop {shop_no} is not connected"))
            .shop_id
    }

    fn parcel_of(&self, order_id: &str) -> ParcelRow {
        self.desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.order_ids.iter().any(|o| o == order_id))
            .unwrap_or_else(|| panic!("order {order_id} is in no parcel"))
    }

    /// Prints the given 연번 and waits until the printer has them all.
    async fn print(&self, nos: &[u32]) {
        let before = self.printer.labels().len();
        let range = nos.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        self.desk
            .print(PrintRequest {
                range,
                printer: None,
                format: None,
                ..PrintRequest::default()
            })
            .await
            .unwrap();
        self.printer
            .wait_for_labels(before + nos.len(), StdDuration::from_secs(10))
            .await
            .unwrap();
    }
}

/// A mall on the simulator with `shops`, a well-stocked catalogue and `orders`; a desk connected
/// to it (choosing `chosen` shop numbers), with a pool of CJ invoice numbers and a label printer.
async fn world_with(shops: Vec<SimShop>, orders: Vec<SimOrder>, chosen: Option<Vec<u32>>) -> World {
    let cfg = SimConfig {
        shops,
        ..SimConfig::default()
    };
    let sim = Cafe24Sim::start(cfg, loopback()).await.unwrap();
    sim.set_catalogue(stocked_catalogue());
    sim.add_orders(orders);
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let clock = TestClock::new();
    let desk = Desk::open(DeskOptions {
        db_path: dir.path().join("desk.sqlite"),
        secrets: Some(Box::new(FileSecrets::new(dir.path().join("secrets.json")))),
        clock: Some(clock.clone()),
    })
    .unwrap();
    desk.connect_cafe24(connect_request(&sim, chosen), |_| {})
        .await
        .unwrap();
    desk.add_invoice_pool("cj", "601234560001", 500).unwrap();
    desk.set_default_printer(&printer.uri()).unwrap();
    World {
        dir,
        desk,
        sim,
        printer,
        clock,
    }
}

async fn world(orders: Vec<SimOrder>) -> World {
    world_with(vec![SimShop::korean_default()], orders, None).await
}

fn connect_request(sim: &Cafe24Sim, shops: Option<Vec<u32>>) -> ConnectRequest {
    ConnectRequest {
        mall_id: "demoshop".into(),
        client_id: "demo-client".into(),
        client_secret: "demo-secret".into(),
        api_base: Some(sim.base_url().to_string()),
        code: Some(sim.issue_code(REDIRECT)),
        redirect_uri: Some(REDIRECT.into()),
        shops,
    }
}

/// The demo catalogue with every variant in stock, so parcels are printable.
fn stocked_catalogue() -> Vec<SimProduct> {
    let mut products = demo_catalogue(3);
    for v in products.iter_mut().flat_map(|p| p.variants.iter_mut()) {
        v.quantity = 500;
    }
    products
}

/// `n` shop-1 orders paid between `from_min` and `to_min` minutes ago (real time).
fn paid_ago(seed: u64, n: usize, from_min: i64, to_min: i64) -> Vec<SimOrder> {
    let now = Utc::now();
    demo_orders_between(
        seed,
        now - Duration::minutes(from_min),
        now - Duration::minutes(to_min),
        n,
    )
}

fn kst(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap())
}

fn receiver(name: &str, mobile: &str, address2: &str) -> SimReceiver {
    SimReceiver {
        name: name.into(),
        phone: String::new(),
        cellphone: mobile.into(),
        zipcode: "06236".into(),
        address1: "서울특별시 강남구 테헤란로 152".into(),
        address2: address2.into(),
        shipping_message: "문 앞에 놓아주세요".into(),
        ..SimReceiver::default()
    }
}

/// Exactly `r`'s name, phones and address (the message stays the order's own).
fn change_to(r: &SimReceiver) -> ReceiverChange {
    ReceiverChange {
        name: Some(r.name.clone()),
        phone: Some(r.phone.clone()),
        cellphone: Some(r.cellphone.clone()),
        zipcode: Some(r.zipcode.clone()),
        address1: Some(r.address1.clone()),
        address2: Some(r.address2.clone()),
        shipping_message: None,
    }
}

/// Every order id held in the working list, with how often it appears.
fn held_orders(desk: &Desk) -> HashMap<String, usize> {
    let mut held = HashMap::new();
    for p in desk.parcels().unwrap() {
        for id in p.order_ids {
            *held.entry(id).or_insert(0) += 1;
        }
    }
    held
}

fn ids(orders: &[SimOrder]) -> BTreeSet<String> {
    orders.iter().map(|o| o.order_id.clone()).collect()
}

fn is_korean(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

// 1. Several shops ---------------------------------------------------------------------------

fn two_shop_orders() -> (Vec<SimOrder>, Vec<SimOrder>) {
    let now = Utc::now();
    let (from, to) = (now - Duration::hours(6), now - Duration::hours(1));
    let krw = demo_orders_for_shop(11, &SimShop::korean_default(), from, to, 8);
    let usd = demo_orders_for_shop(12, &SimShop::english_usd(2), from, to, 6);
    (krw, usd)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shop_of_the_mall_is_listed_and_its_orders_labelled_with_it() {
    let (krw, usd) = two_shop_orders();
    let all: Vec<SimOrder> = krw.iter().chain(&usd).cloned().collect();
    let w = world_with(
        vec![SimShop::korean_default(), SimShop::english_usd(2)],
        all.clone(),
        None,
    )
    .await;

    let shops = w.desk.shops().unwrap();
    let listed: Vec<(u32, String, String, bool)> = shops
        .iter()
        .map(|s| {
            (
                s.shop_no,
                s.shop_name.clone(),
                s.currency.clone(),
                s.collect,
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![
            (1, "기본 쇼핑몰".to_string(), "KRW".to_string(), true),
            (2, "English Shop".to_string(), "USD".to_string(), true),
        ],
        "both shops of the mall, named, with their currency, chosen by default"
    );

    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.new as usize, all.len());
    let per_shop: Vec<(u32, u32)> = report.shops.iter().map(|s| (s.shop_no, s.new)).collect();
    assert_eq!(per_shop, vec![(1, 8), (2, 6)]);
    let held = held_orders(&w.desk);
    assert_eq!(held.keys().cloned().collect::<BTreeSet<_>>(), ids(&all));

    // Each stored order carries the shop it came from and that shop's currency.
    let db = w.db();
    let mut stmt = db
        .prepare(
            "SELECT o.order_id, s.shop_no, o.currency FROM orders o JOIN shops s ON s.id = o.shop_id",
        )
        .unwrap();
    let stored: HashMap<String, (u32, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(stored.len(), all.len());
    for o in &all {
        assert_eq!(
            stored[&o.order_id],
            (o.shop_no, o.currency.clone()),
            "order {} is labelled with its shop and currency",
            o.order_id
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_chosen_shops_are_collected_and_one_shop_can_be_collected_on_demand() {
    let (krw, usd) = two_shop_orders();
    let all: Vec<SimOrder> = krw.iter().chain(&usd).cloned().collect();
    let w = world_with(
        vec![SimShop::korean_default(), SimShop::english_usd(2)],
        all,
        Some(vec![2]),
    )
    .await;
    let chosen: Vec<(u32, bool)> = w
        .desk
        .shops()
        .unwrap()
        .iter()
        .map(|s| (s.shop_no, s.collect))
        .collect();
    assert_eq!(chosen, vec![(1, false), (2, true)]);
    let scheduled: Vec<String> = w
        .desk
        .schedule()
        .unwrap()
        .into_iter()
        .map(|e| e.target)
        .collect();
    assert_eq!(
        scheduled,
        vec![format!("shop:{}", w.shop_id(2))],
        "only the chosen shop is on the schedule"
    );

    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.shops.len(), 1);
    assert_eq!(report.shops[0].shop_no, 2);
    let held: BTreeSet<String> = held_orders(&w.desk).into_keys().collect();
    assert_eq!(held, ids(&usd), "only shop 2's orders came in");

    // 수집 for one shop collects it even though it is not on the schedule.
    let one = w
        .desk
        .collect_with(CollectRequest {
            shop_id: Some(w.shop_id(1)),
            ..CollectRequest::default()
        })
        .await
        .unwrap();
    assert_eq!(one.shops.len(), 1);
    assert_eq!(one.shops[0].shop_no, 1);
    assert_eq!(one.new as usize, krw.len());
    let held: BTreeSet<String> = held_orders(&w.desk).into_keys().collect();
    let both: BTreeSet<String> = ids(&krw).union(&ids(&usd)).cloned().collect();
    assert_eq!(held, both);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_shop_does_not_fetch_the_catalogue_again_on_every_run() {
    let (krw, usd) = two_shop_orders();
    let all: Vec<SimOrder> = krw.iter().chain(&usd).cloned().collect();
    let w = world_with(
        vec![SimShop::korean_default(), SimShop::english_usd(2)],
        all,
        None,
    )
    .await;
    let products = |w: &World| w.sim.stats().calls("GET", "/api/v2/admin/products");
    w.desk.collect(None, None).await.unwrap();
    let first = products(&w);
    assert!(first >= 1);
    // Nothing changed in the shop: the next run needs no catalogue (every call counts against
    // the mall's rate limit, and a large catalogue is many pages).
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(
        products(&w) - first,
        0,
        "GET /products calls on a run where every SKU is already known"
    );
}

// 2. The shop's rules ------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_rule_n10_collects_only_orders_in_product_preparation() {
    let mut orders = paid_ago(21, 10, 300, 60);
    let mut n10 = BTreeSet::new();
    for o in orders.iter_mut().step_by(2) {
        for item in &mut o.items {
            item.order_status = "N10".into();
        }
        n10.insert(o.order_id.clone());
    }
    let w = world(orders).await;
    let id = w.shop_id(1);
    let summary = w
        .desk
        .set_shop_rules(
            id,
            ShopRules {
                collect_status: Some("N10".into()),
                ..ShopRules::default()
            },
        )
        .unwrap();
    assert_eq!(summary.collect_status, "N10");
    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.new as usize, n10.len());
    let held: BTreeSet<String> = held_orders(&w.desk).into_keys().collect();
    assert_eq!(held, n10, "N20 (배송준비중) orders are left alone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_younger_than_the_minimum_age_waits_for_a_later_run() {
    let mut orders = paid_ago(22, 4, 300, 60);
    let young_id = "20990101-0000001".to_string();
    let mut young = orders[0].clone();
    young.order_id.clone_from(&young_id);
    for item in &mut young.items {
        item.order_item_code = format!("{young_id}-{:02}", item.item_no);
    }
    let paid = Utc::now() - Duration::minutes(3);
    young.payment_date = Some(kst(paid));
    young.order_date = kst(paid - Duration::minutes(1));
    orders.push(young);
    let w = world(orders).await;
    assert_eq!(
        w.desk.shops().unwrap()[0].min_age_minutes,
        10,
        "the default"
    );

    let first = w.desk.collect(None, None).await.unwrap();
    assert_eq!(first.new, 4);
    assert!(first.skipped >= 1);
    assert!(
        !held_orders(&w.desk).contains_key(&young_id),
        "paid 3 minutes ago: not yet"
    );

    w.clock.advance(Duration::minutes(10));
    let second = w.desk.collect(None, None).await.unwrap();
    assert_eq!(second.new, 1, "old enough now");
    assert_eq!(held_orders(&w.desk).get(&young_id), Some(&1));

    let third = w.desk.collect(None, None).await.unwrap();
    assert_eq!(third.new, 0, "and never twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_rule_values_are_refused_in_korean_and_change_nothing() {
    let w = world(paid_ago(23, 2, 120, 60)).await;
    let id = w.shop_id(1);
    let bad = [
        ShopRules {
            collect_status: Some("N30".into()),
            ..ShopRules::default()
        },
        ShopRules {
            min_age_minutes: Some(-5),
            ..ShopRules::default()
        },
        ShopRules {
            min_age_minutes: Some(24 * 60 + 1),
            ..ShopRules::default()
        },
        ShopRules {
            range_days: Some(0),
            ..ShopRules::default()
        },
        ShopRules {
            range_days: Some(91),
            ..ShopRules::default()
        },
        ShopRules {
            fulfilment: Some("amazon".into()),
            ..ShopRules::default()
        },
    ];
    for rules in bad {
        let shown = format!("{rules:?}");
        let err = w.desk.set_shop_rules(id, rules).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT", "{shown}");
        assert!(
            is_korean(&err.message_ko()),
            "{shown}: {}",
            err.message_ko()
        );
    }
    let unknown = w
        .desk
        .set_shop_rules(9999, ShopRules::default())
        .unwrap_err();
    assert_eq!(unknown.code(), "UNKNOWN_SHOP");
    let s = &w.desk.shops().unwrap()[0];
    assert_eq!(
        (
            s.collect_status.as_str(),
            s.min_age_minutes,
            s.range_days,
            s.fulfilment.as_str()
        ),
        ("N20", 10, 7, "self"),
        "refused values changed nothing"
    );
}

// 3. A cancellation after collection stops the parcel at the desk ------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancellation_arriving_after_printing_blocks_the_scan() {
    let mut orders = paid_ago(31, 2, 300, 60);
    orders[0].receivers = vec![receiver("김하나", "010-2000-0001", "101동 101호")];
    orders[1].receivers = vec![receiver("이두리", "010-2000-0002", "102동 202호")];
    let (cancelled, kept) = (orders[0].order_id.clone(), orders[1].order_id.clone());
    let w = world(orders).await;
    let id = w.shop_id(1);
    w.desk.set_schedule(&id.to_string(), "every 10m").unwrap();
    w.desk.collect(None, None).await.unwrap();
    let a = w.parcel_of(&cancelled);
    let b = w.parcel_of(&kept);
    assert_eq!((a.stage, b.stage), (Stage::Ready, Stage::Ready));
    w.print(&[a.no, b.no]).await;
    let a = w.parcel_of(&cancelled);
    let b = w.parcel_of(&kept);
    assert_eq!(a.stage, Stage::Printed);

    // The buyer cancels the whole order after the label is on the box (one line of several is a
    // partial claim: crates/core/tests/allocation.rs and ship_pipeline.rs cover that).
    assert!(w.sim.cancel_order(&cancelled));
    let now = w.clock.now();
    let ran = w
        .desk
        .run_due(now - Duration::minutes(11), now)
        .await
        .unwrap();
    assert_eq!(ran.len(), 1, "the 10-minute timetable fired once: {ran:?}");
    assert_eq!(ran[0].target, format!("shop:{id}"));
    assert!(ran[0].error.is_none(), "{:?}", ran[0].error);

    let blocked = w.parcel_of(&cancelled);
    assert_eq!(blocked.stage, Stage::Claimed);
    assert!(blocked.blocked_reason.unwrap().contains("C00"));
    let err = w
        .desk
        .ship_scan(a.tracking_no.as_deref().unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "SCAN_CLAIMED");
    assert!(is_korean(&err.message_ko()));
    // The other parcel of the same print job still ships.
    let shipped = w.desk.ship_scan(b.tracking_no.as_deref().unwrap()).unwrap();
    assert_eq!(shipped.order_ids, vec![kept]);
    let last = &w.desk.last_collections().unwrap()[0];
    assert_eq!(
        (last.trigger.as_str(), last.claimed),
        ("schedule", 1),
        "the run history shows the scheduled run and its claim"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_cancellation_makes_the_parcel_shippable_again() {
    let w = world(paid_ago(32, 2, 300, 60)).await;
    w.desk.collect(None, None).await.unwrap();
    let order = w.sim.orders()[0].clone();
    let id = order.order_id.clone();
    for item in &order.items {
        assert!(w.sim.claim_item(&id, item.item_no, "C00"));
    }
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.parcel_of(&id).stage, Stage::Claimed);

    // The buyer withdraws the request (the lines are back in 배송준비중): the order ships after all.
    for item in &order.items {
        assert!(w.sim.claim_item(&id, item.item_no, "N20"));
    }
    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.updated, 1, "the change is seen");
    let row = w.parcel_of(&id);
    assert_eq!(
        (row.stage, row.blocked_reason.as_deref()),
        (Stage::Ready, None),
        "no claim is left, so nothing may block the parcel"
    );
    w.print(&[row.no]).await;
    assert_eq!(w.parcel_of(&id).stage, Stage::Printed);
}

// 4. Address changes ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_change_before_printing_merges_the_parcels() {
    let mut orders = paid_ago(41, 2, 300, 60);
    let ra = receiver("박서준", "010-3000-0001", "103동 303호");
    orders[0].receivers = vec![ra.clone()];
    orders[1].receivers = vec![receiver("최유진", "010-3000-0002", "104동 404호")];
    let (a, b) = (orders[0].order_id.clone(), orders[1].order_id.clone());
    let w = world(orders).await;
    w.desk.collect(None, None).await.unwrap();
    assert_ne!(w.parcel_of(&a).parcel_id, w.parcel_of(&b).parcel_id);
    let parcels_before = w.desk.parcels().unwrap().len();

    assert!(w.sim.change_receiver(&b, &change_to(&ra)));
    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.receivers_changed, 1);
    let merged = w.parcel_of(&a);
    let mut in_it = merged.order_ids.clone();
    in_it.sort();
    let mut both = vec![a.clone(), b.clone()];
    both.sort();
    assert_eq!(in_it, both, "one parcel (합포) for the same receiver");
    assert_eq!(w.parcel_of(&b).parcel_id, merged.parcel_id);
    assert_eq!(
        w.desk.parcels().unwrap().len(),
        parcels_before - 1,
        "B's empty parcel is gone"
    );

    // B moves away again: it leaves the merged parcel for one of its own.
    let elsewhere = receiver("최유진", "010-3000-0002", "109동 909호");
    assert!(w.sim.change_receiver(&b, &change_to(&elsewhere)));
    w.desk.collect(None, None).await.unwrap();
    let (pa, pb) = (w.parcel_of(&a), w.parcel_of(&b));
    assert_ne!(pa.parcel_id, pb.parcel_id);
    assert_eq!((pa.order_ids, pb.order_ids), (vec![a], vec![b]));
    assert_eq!((pa.stage, pb.stage), (Stage::Ready, Stage::Ready));
    assert_eq!(w.desk.parcels().unwrap().len(), parcels_before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_change_after_printing_keeps_the_parcel_and_alerts() {
    let mut orders = paid_ago(42, 2, 300, 60);
    orders[0].receivers = vec![receiver("정민수", "010-4000-0001", "105동 505호")];
    let rd = receiver("한지민", "010-4000-0002", "106동 606호");
    orders[1].receivers = vec![rd.clone()];
    let (c, d) = (orders[0].order_id.clone(), orders[1].order_id.clone());
    let w = world(orders).await;
    w.desk.collect(None, None).await.unwrap();
    let printed = w.parcel_of(&c);
    w.print(&[printed.no]).await;
    let printed = w.parcel_of(&c);
    assert_eq!(printed.stage, Stage::Printed);
    assert!(printed.blocked_reason.is_none());

    // The buyer moves the order to the other parcel's address after the label printed.
    assert!(w.sim.change_receiver(&c, &change_to(&rd)));
    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.receivers_changed, 1);
    let after = w.parcel_of(&c);
    assert_eq!(after.parcel_id, printed.parcel_id, "the parcel stays");
    assert_eq!(
        after.order_ids,
        vec![c.clone()],
        "not merged after printing"
    );
    assert_eq!(after.tracking_no, printed.tracking_no);
    assert_eq!(after.stage, Stage::Printed);
    let alert = after.blocked_reason.expect("the packer is told");
    assert!(alert.contains("송장을 다시 출력"), "{alert}");
    assert_eq!(w.parcel_of(&d).order_ids, vec![d]);
}

// 5. An interrupted run resumes without duplicates ------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_interrupted_on_the_second_page_resumes_without_duplicates_or_gaps() {
    let orders = paid_ago(51, 1500, 11 * 60, 15);
    let expected = ids(&orders);
    assert_eq!(expected.len(), 1500);
    let w = world(orders).await;
    // The count and the first page (1000 orders) pass; the second page fails every attempt the
    // client makes (one try plus three retries).
    w.sim
        .inject_fault(ORDER_COUNT, Fault::Delay(StdDuration::ZERO));
    w.sim.inject_fault(ORDERS, Fault::Delay(StdDuration::ZERO));
    for _ in 0..4 {
        w.sim.inject_fault(ORDERS, Fault::Status(500));
    }
    let err = w.desk.collect(None, None).await.unwrap_err();
    assert!(err.code().starts_with("CAFE24_"), "{}", err.code());
    let half = held_orders(&w.desk);
    assert_eq!(half.len(), 1000, "the first page was kept");
    let last = &w.desk.last_collections().unwrap()[0];
    assert_eq!(last.status, "failed");
    assert_eq!(last.new, 1000);

    let second = w.desk.collect(None, None).await.unwrap();
    assert_eq!(second.new, 500, "only the missing page is new");
    let held = held_orders(&w.desk);
    assert!(
        held.values().all(|n| *n == 1),
        "an order in two parcels: {:?}",
        held.iter().find(|(_, n)| **n > 1)
    );
    assert_eq!(held.keys().cloned().collect::<BTreeSet<_>>(), expected);
    let stored: i64 = w
        .db()
        .query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, 1500, "no order stored twice");
    let lines: i64 = w
        .db()
        .query_row("SELECT COUNT(*) FROM order_items", [], |r| r.get(0))
        .unwrap();
    let sim_lines: usize = w.sim.orders().iter().map(|o| o.items.len()).sum();
    assert_eq!(lines as usize, sim_lines, "no order line stored twice");
}

// 6. Tokens -----------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_tokens_are_refreshed_mid_run_and_the_rotation_is_kept() {
    let w = world(paid_ago(61, 1200, 11 * 60, 15)).await;
    let before = std::fs::read_to_string(w.secrets_file()).unwrap();
    // The access token dies between the first and the second page.
    w.sim
        .inject_fault(ORDER_COUNT, Fault::Delay(StdDuration::ZERO));
    w.sim.inject_fault(ORDERS, Fault::Delay(StdDuration::ZERO));
    w.sim.inject_fault(ORDERS, Fault::Status(401));
    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.new, 1200);
    assert_eq!(w.sim.stats().refreshes, 1);
    let rotated = std::fs::read_to_string(w.secrets_file()).unwrap();
    assert_ne!(before, rotated, "the new refresh token is kept");

    // All of the mall's access tokens expire between runs.
    w.sim.expire_access_tokens();
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.sim.stats().refreshes, 2);
    assert_ne!(rotated, std::fs::read_to_string(w.secrets_file()).unwrap());
    assert!(w.desk.shops().unwrap()[0].paused.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_refresh_token_pauses_the_shop_until_it_is_reconnected() {
    let w = world(paid_ago(62, 5, 300, 60)).await;
    w.desk.collect(None, None).await.unwrap();
    let id = w.shop_id(1);
    w.desk.set_schedule(&id.to_string(), "every 10m").unwrap();

    w.sim.kill_refresh_tokens();
    w.sim.expire_access_tokens();
    let err = w.desk.collect(None, None).await.unwrap_err();
    assert_eq!(err.code(), "CAFE24_RECONNECT_REQUIRED");
    assert!(is_korean(&err.message_ko()));

    let shop = &w.desk.shops().unwrap()[0];
    let paused = shop.paused.as_ref().expect("collection is paused");
    assert_eq!(paused.code, "CAFE24_RECONNECT_REQUIRED");
    assert!(shop.next_collect_kst.is_none(), "no next collection shown");
    let entry = &w.desk.schedule().unwrap()[0];
    assert!(entry.paused.is_some(), "the schedule shows the pause");
    let last = &w.desk.last_collections().unwrap()[0];
    assert_eq!(last.status, "paused");
    assert_eq!(
        last.error.as_ref().map(|e| e.code.as_str()),
        Some("CAFE24_RECONNECT_REQUIRED")
    );

    // The schedule leaves a paused shop alone: not one request.
    let requests = w.sim.stats().requests;
    let now = w.clock.now();
    let ran = w
        .desk
        .run_due(now - Duration::minutes(30), now)
        .await
        .unwrap();
    assert!(ran.is_empty(), "{ran:?}");
    assert_eq!(w.sim.stats().requests, requests);

    // Reconnecting lifts the pause and collection works again.
    w.desk
        .connect_cafe24(connect_request(&w.sim, None), |_| {})
        .await
        .unwrap();
    assert!(w.desk.shops().unwrap()[0].paused.is_none());
    assert!(w.desk.schedule().unwrap()[0].paused.is_none());
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.desk.last_collections().unwrap()[0].status, "ok");
}

// 7. Rate limit ---------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_429s_is_waited_out_and_then_no_more_come() {
    let w = world(paid_ago(71, 1200, 11 * 60, 15)).await;
    w.sim.inject_429_burst(ORDERS, 3);
    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.new, 1200, "every order arrived");
    assert_eq!(report.throttled, 3, "the burst was met and waited out");
    let stats = w.sim.stats();
    assert_eq!(stats.throttled_429, 3, "no 429 beyond the injected burst");
    assert!(stats.peak_bucket_level <= 40);
    assert_eq!(held_orders(&w.desk).len(), 1200);
}

// 8. Run history and orders that fail to link ----------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_run_history_lists_unlinked_orders_until_their_product_exists() {
    let mut orders = paid_ago(81, 4, 300, 60);
    let unknown_code = "P00000ZZ000A";
    let stray = orders[3].order_id.clone();
    {
        let item = &mut orders[3].items[0];
        item.variant_code = unknown_code.into();
        item.product_no = 999;
        item.product_code = "P00000ZZ".into();
        item.product_name = "신상 머그컵".into();
        item.option_value = String::new();
    }
    let w = world(orders).await;
    let never = &w.desk.last_collections().unwrap()[0];
    assert_eq!(never.status, "never");

    w.sim.inject_fault(ORDER_COUNT, Fault::Status(404));
    w.desk.collect(None, None).await.unwrap_err();
    let failed = &w.desk.last_collections().unwrap()[0];
    assert_eq!(failed.status, "failed");
    let code = &failed.error.as_ref().expect("the reason is kept").code;
    assert!(code.starts_with("CAFE24_"), "{code}");

    let report = w.desk.collect(None, None).await.unwrap();
    assert_eq!(report.new, 4);
    assert_eq!(report.failed, 1);
    let ok = &w.desk.last_collections().unwrap()[0];
    assert_eq!(ok.status, "ok");
    assert!(ok.error.is_none());
    assert_eq!((ok.new, ok.failed), (4, 1));
    assert_eq!(ok.failures.len(), 1);
    let f = &ok.failures[0];
    assert_eq!(
        (f.order_id.as_str(), f.code.as_str()),
        (stray.as_str(), "UNMATCHED_SKU")
    );
    assert!(f.reason_ko.contains(unknown_code), "{}", f.reason_ko);
    assert_eq!(w.parcel_of(&stray).stage, Stage::Unmatched);

    // The owner adds the product in Cafe24; the next run links the order by itself.
    let mut products = stocked_catalogue();
    products.push(SimProduct {
        product_no: 999,
        product_code: "P00000ZZ".into(),
        product_name: "신상 머그컵".into(),
        price: 12_000,
        product_weight: "0.40".into(),
        variants: vec![SimVariant {
            variant_code: unknown_code.into(),
            options: Vec::new(),
            quantity: 50,
            custom_variant_code: "PD999-01".into(),
        }],
        option_type: None,
        shop_nos: Vec::new(),
        eng_product_name: String::new(),
        model_name: String::new(),
    });
    w.sim.set_catalogue(products);
    let fixed = w.desk.collect(None, None).await.unwrap();
    assert_eq!(fixed.failed, 0);
    assert_eq!(fixed.new, 0, "re-collected, not collected twice");
    let last = &w.desk.last_collections().unwrap()[0];
    assert_eq!(last.status, "ok");
    assert!(last.failures.is_empty(), "{:?}", last.failures);
    assert_eq!(w.parcel_of(&stray).stage, Stage::Ready);
}

// 9. The schedule -------------------------------------------------------------------------------

/// 20:20 KST on Friday 2026-08-14: Saturday is 광복절, Monday its substitute holiday.
fn friday_evening_before_liberation_day() -> DateTime<Utc> {
    FixedOffset::east_opt(9 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 8, 14, 20, 20, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn next_fires(tt: &Timetable, cal: &Calendar, mut after: DateTime<Utc>, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    while out.len() < n {
        let at = tt.next_after(after, cal).unwrap();
        out.push(kst_display(at));
        after = at;
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fassto_timetable_skips_a_holiday_weekend_and_the_owners_days_off() {
    let w = world(Vec::new()).await;
    let start = friday_evening_before_liberation_day();
    w.clock.set(start);
    let id = w.shop_id(1);
    let set = w.desk.set_schedule(&id.to_string(), "fassto").unwrap();
    assert_eq!(set.target, format!("shop:{id}"));
    assert_eq!(set.timetable, "fassto");

    let mut cal = Calendar::korean_default().unwrap();
    let entry = w.desk.schedule().unwrap().remove(0);
    assert_eq!(
        entry.next_kst,
        next_fires(&Timetable::Fassto, &cal, start, 5),
        "the desk agrees with the timetable"
    );
    assert_eq!(
        entry.next_kst,
        vec![
            "2026-08-14 20:30",
            // Sat 15 광복절, Sun 16, Mon 17 대체공휴일: nothing until Tuesday.
            "2026-08-18 08:10",
            "2026-08-18 08:30",
            "2026-08-18 09:10",
            "2026-08-18 09:30",
        ]
    );
    assert_eq!(
        w.desk.shops().unwrap()[0].next_collect_kst.as_deref(),
        Some("2026-08-14 20:30")
    );

    // The owner closes on Tuesday; the carrier rests on Wednesday.
    let tuesday = NaiveDate::from_ymd_opt(2026, 8, 18).unwrap();
    let wednesday = NaiveDate::from_ymd_opt(2026, 8, 19).unwrap();
    w.desk
        .add_day_off(DayOffInfo {
            day: tuesday,
            kind: "holiday".into(),
            name: "여름 휴가".into(),
        })
        .unwrap();
    w.desk
        .add_day_off(DayOffInfo {
            day: wednesday,
            kind: "carrier_rest".into(),
            name: "택배 없는 날".into(),
        })
        .unwrap();
    cal.add_extra_holiday(tuesday, "여름 휴가");
    cal.add_carrier_rest_day(wednesday, "택배 없는 날");
    let entry = w.desk.schedule().unwrap().remove(0);
    assert_eq!(
        entry.next_kst,
        next_fires(&Timetable::Fassto, &cal, start, 5)
    );
    assert_eq!(entry.next_kst[0], "2026-08-14 20:30");
    assert_eq!(
        entry.next_kst[1], "2026-08-20 08:10",
        "{:?}",
        entry.next_kst
    );
    let days_off = w.desk.days_off().unwrap();
    assert!(
        days_off
            .iter()
            .any(|d| d.day == tuesday && d.kind == "holiday")
    );
    assert!(
        days_off
            .iter()
            .any(|d| d.day == wednesday && d.kind == "carrier_rest")
    );

    // A bad day-off kind and bad timetable text are refused, with the timetable left as it was.
    let bad_kind = w
        .desk
        .add_day_off(DayOffInfo {
            day: tuesday,
            kind: "vacation".into(),
            name: String::new(),
        })
        .unwrap_err();
    assert_eq!(bad_kind.code(), "INVALID_INPUT");
    for text in [
        "",
        "sometimes",
        "every 0m",
        "every 30m 21:00-08:00",
        "times 25:00",
    ] {
        let err: DeskError = w.desk.set_schedule(&id.to_string(), text).unwrap_err();
        assert!(
            err.code().starts_with("TIMETABLE_"),
            "{text:?}: {}",
            err.code()
        );
        assert!(
            is_korean(&err.message_ko()),
            "{text:?}: {}",
            err.message_ko()
        );
    }
    assert_eq!(w.desk.schedule().unwrap()[0].timetable, "fassto");
    let unknown = w.desk.set_schedule("shop:9999", "every 10m").unwrap_err();
    assert_eq!(unknown.code(), "UNKNOWN_SHOP");
}

// 10. Product weights ----------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_weight_measured_at_the_desk_is_written_back_to_the_shop_product() {
    let w = world(paid_ago(101, 3, 300, 60)).await;
    w.desk.collect(None, None).await.unwrap();
    let product = w.sim.products()[0].clone();
    assert_ne!(product.product_weight, "1.25");
    let code = product.variants[0].variant_code.clone();

    let saved = w.desk.save_product_weight(&code, 1250).unwrap();
    assert_eq!(saved.grams, 1250);
    assert!(saved.queued_for_shop);
    let report = w.desk.sync().await.unwrap();
    assert_eq!(report.weights_sent, 1);
    let after = w
        .sim
        .products()
        .into_iter()
        .find(|p| p.product_no == product.product_no)
        .unwrap();
    assert_eq!(after.product_weight, "1.25");
    assert_eq!(
        w.sim
            .stats()
            .calls("PUT", "/api/v2/admin/products/{product_no}"),
        1
    );

    let again = w.desk.sync().await.unwrap();
    assert_eq!(again.weights_sent, 0, "sent once");

    // Weighed twice before the next delivery: only the newest weight goes out.
    w.desk.save_product_weight(&code, 1100).unwrap();
    w.clock.advance(Duration::seconds(1));
    w.desk.save_product_weight(&code, 1300).unwrap();
    let newest = w.desk.sync().await.unwrap();
    assert_eq!(newest.weights_sent, 1);
    let after = w
        .sim
        .products()
        .into_iter()
        .find(|p| p.product_no == product.product_no)
        .unwrap();
    assert_eq!(after.product_weight, "1.30");
    assert_eq!(
        w.sim
            .stats()
            .calls("PUT", "/api/v2/admin/products/{product_no}"),
        2
    );
    let err = w.desk.save_product_weight(&code, 0).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skus_without_a_weight_are_listed_until_weighed() {
    let w = world(paid_ago(102, 0, 300, 60)).await;
    // The shop never entered a weight for its first product.
    let mut products = stocked_catalogue();
    products[0].product_weight = "0.00".into();
    let unweighed: Vec<String> = products[0]
        .variants
        .iter()
        .map(|v| v.variant_code.clone())
        .collect();
    w.sim.set_catalogue(products);
    w.desk.collect(None, None).await.unwrap();

    let listed: Vec<String> = w
        .desk
        .unweighed_skus(500)
        .unwrap()
        .into_iter()
        .map(|s| s.sku)
        .collect();
    for code in &unweighed {
        assert!(listed.contains(code), "{code} missing from {listed:?}");
    }
    assert_eq!(listed.len(), unweighed.len(), "only the unweighed product");

    w.desk.save_product_weight(&unweighed[0], 420).unwrap();
    let after: Vec<String> = w
        .desk
        .unweighed_skus(500)
        .unwrap()
        .into_iter()
        .map(|s| s.sku)
        .collect();
    assert!(!after.contains(&unweighed[0]), "weighed SKU still listed");
    assert_eq!(after.len(), unweighed.len() - 1);
}

// 합포 확인필요: same name and address, different phones ----------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_differing_only_by_hyphens_merges_but_a_different_phone_asks_a_person() {
    let mut orders = paid_ago(41, 4, 300, 60);
    orders[0].receivers = vec![receiver("한가람", "010-5000-0001", "201동 101호")];
    // The same number typed without hyphens: one person, merged without asking.
    orders[1].receivers = vec![receiver("한가람", "01050000001", "201동 101호")];
    // The same name and address with another mobile: maybe two people — a person decides.
    orders[2].receivers = vec![receiver("한가람", "010-5000-0099", "201동 101호")];
    orders[3].receivers = vec![receiver("한가람", "010-5000-0077", "201동 101호")];
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let w = world(orders).await;
    w.desk.collect(None, None).await.unwrap();
    let (a, b, c, d) = (
        w.parcel_of(&ids[0]),
        w.parcel_of(&ids[1]),
        w.parcel_of(&ids[2]),
        w.parcel_of(&ids[3]),
    );
    assert_eq!(
        a.parcel_id, b.parcel_id,
        "hyphens are not a different phone"
    );
    assert_ne!(a.parcel_id, c.parcel_id, "never merged without a person");
    assert_ne!(c.parcel_id, d.parcel_id);

    let reviews = w.desk.merge_reviews().unwrap();
    assert_eq!(
        reviews.len(),
        3,
        "every pair of the three parcels: {reviews:?}"
    );
    let pair_with = |x: i64, y: i64| {
        reviews
            .iter()
            .find(|r| {
                let ids: Vec<i64> = r.parcels.iter().map(|p| p.parcel_id).collect();
                ids.contains(&x) && ids.contains(&y)
            })
            .unwrap()
            .clone()
    };
    let ac = pair_with(a.parcel_id, c.parcel_id);
    // Shown masked, like the list.
    assert!(ac.parcels.iter().all(|p| p.recipient == "한*람"), "{ac:?}");
    assert!(ac.parcels.iter().all(|p| p.mobile.ends_with("****")));

    // Keep a and d apart; merge a and c: c's order joins a's parcel and keeps its own id.
    let ad = pair_with(a.parcel_id, d.parcel_id);
    assert_eq!(
        w.desk.decide_merge(ad.id, false).unwrap().decision,
        "kept_apart"
    );
    let merged = w.desk.decide_merge(ac.id, true).unwrap();
    assert_eq!(merged.parcel_id, Some(a.parcel_id));
    let a = w.parcel_of(&ids[0]);
    assert_eq!(w.parcel_of(&ids[2]).parcel_id, a.parcel_id);
    assert_eq!(a.order_ids.len(), 3, "{:?}", a.order_ids);
    assert_eq!(
        held_orders(&w.desk).values().max(),
        Some(&1),
        "no order twice"
    );
    // Decided pairs are not asked again; the c–d pair is gone with c's parcel.
    assert!(w.desk.merge_reviews().unwrap().is_empty());
    assert_eq!(
        w.desk.decide_merge(ac.id, true).unwrap_err().code(),
        "MERGE_REVIEW_CLOSED"
    );
    assert_eq!(
        w.desk.decide_merge(999, true).unwrap_err().code(),
        "UNKNOWN_MERGE_REVIEW"
    );

    // Locking an order splits it off its unprinted parcel and it never merges again.
    let own = w.desk.lock_merge(&ids[1]).unwrap();
    assert_ne!(own, a.parcel_id);
    assert_eq!(w.parcel_of(&ids[1]).parcel_id, own);
    assert_eq!(w.parcel_of(&ids[0]).order_ids.len(), 2);
    let again = w.desk.collect(None, None).await.unwrap();
    assert_eq!(again.new, 0);
    assert_eq!(
        w.parcel_of(&ids[1]).parcel_id,
        own,
        "still apart after a run"
    );
    assert!(
        w.desk.merge_reviews().unwrap().is_empty(),
        "a locked order is nobody's candidate"
    );
    let err = w.desk.lock_merge("20990101-0000000").unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_ORDER");
    assert!(err.message_ko().contains("주문"));
}
