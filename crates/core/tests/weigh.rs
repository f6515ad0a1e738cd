//! Issue 6's weighing and international fees, proven through the production Desk API against the
//! Cafe24 simulator over loopback: collection keeps each receiver's country, the desk prices
//! international parcels from the shipped rate tables (hand-computed below), converts at the
//! shop's fixed rate, flags underpayment beyond the tolerance, refuses parcels over a service
//! limit — also at the ship scan, which then ships nothing — and offers to save the weight of a
//! single-item parcel to its SKU.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration as StdDuration;

use chrono::{Duration, FixedOffset, Utc};
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    ConnectRequest, Desk, DeskOptions, FeeSettingsUpdate, PrintRequest, ShopRules, Stage,
    WeighOutcome, WeighRequest,
};
use packdesk_sim::cafe24::{
    Cafe24Sim, SimConfig, SimItem, SimOrder, SimProduct, SimReceiver, SimShop, demo_catalogue,
};
use packdesk_sim::printer::VirtualPrinter;
use packdesk_sim::scale::{SimScaleProtocol, VirtualScale};

const REDIRECT: &str = "http://127.0.0.1:9/callback";

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

/// Product 0 has no weight in the shop; product 1 weighs 0.5 kg; every variant is in stock.
fn catalogue() -> Vec<SimProduct> {
    let mut products = demo_catalogue(3);
    for v in products.iter_mut().flat_map(|p| p.variants.iter_mut()) {
        v.quantity = 500;
    }
    products[0].product_weight = String::new();
    products[1].product_weight = "0.50".into();
    products
}

/// One order to ship: `lines` are (product index, quantity); `fee` is the shipping the customer
/// paid in minor units of the shop's currency.
struct Spec {
    seq: u32,
    name: &'static str,
    country: &'static str,
    zipcode: &'static str,
    fee: i64,
    lines: &'static [(usize, u32)],
}

fn order(shop: &SimShop, products: &[SimProduct], s: &Spec) -> SimOrder {
    let kst = FixedOffset::east_opt(9 * 3600).unwrap();
    let paid = (Utc::now() - Duration::hours(2)).with_timezone(&kst);
    let order_id = format!(
        "{}-{:07}",
        paid.format("%Y%m%d"),
        shop.shop_no * 1_000_000 + s.seq
    );
    let items = s
        .lines
        .iter()
        .enumerate()
        .map(|(i, (p, qty))| {
            let product = &products[*p];
            SimItem::for_variant(
                &order_id,
                u32::try_from(i + 1).unwrap(),
                product,
                &product.variants[0],
                *qty,
            )
        })
        .collect();
    SimOrder {
        shop_no: shop.shop_no,
        order_id,
        currency: shop.currency_code.clone(),
        order_date: paid - Duration::minutes(3),
        payment_date: Some(paid),
        paid: true,
        canceled: false,
        member_id: None,
        billing_name: s.name.into(),
        shipping_fee: s.fee,
        order_place_id: "cafe24".into(),
        items,
        receivers: vec![SimReceiver {
            name: s.name.into(),
            cellphone: "010-2222-3333".into(),
            zipcode: s.zipcode.into(),
            address1: "1 Test Street".into(),
            address2: s.name.into(),
            country_code: s.country.into(),
            ..SimReceiver::default()
        }],
    }
}

struct World {
    _dir: tempfile::TempDir,
    desk: Desk,
    _sim: Cafe24Sim,
    printer: VirtualPrinter,
}

impl World {
    fn db(&self) -> packdesk_store::Connection {
        packdesk_store::Connection::open(self.desk.db_path()).unwrap()
    }

    fn no_of(&self, name: &str) -> u32 {
        let db = self.db();
        let parcel_id: i64 = db
            .query_row(
                "SELECT po.parcel_id FROM parcel_orders po JOIN receivers r ON r.order_id = po.order_id
                 WHERE r.name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap();
        self.desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.parcel_id == parcel_id)
            .unwrap()
            .no
    }

    fn weigh(&self, name: &str, grams: u32) -> WeighOutcome {
        self.weigh_with(name, grams, None, None)
    }

    fn weigh_with(
        &self,
        name: &str,
        grams: u32,
        dims: Option<&str>,
        service: Option<&str>,
    ) -> WeighOutcome {
        self.desk
            .weigh_parcel(WeighRequest {
                parcel: format!("no:{}", self.no_of(name)),
                grams: Some(grams),
                dims: dims.map(str::to_string),
                service: service.map(str::to_string),
            })
            .unwrap()
    }

    /// Prints the parcel of `name` and returns its tracking number.
    async fn print(&self, name: &str) -> String {
        let no = self.no_of(name);
        let before = self.printer.labels().len();
        self.desk
            .print(PrintRequest {
                range: no.to_string(),
                printer: None,
                format: None,
                ..PrintRequest::default()
            })
            .await
            .unwrap();
        self.printer
            .wait_for_labels(before + 1, StdDuration::from_secs(10))
            .await
            .unwrap();
        let row = self
            .desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.no == no)
            .unwrap();
        row.tracking_no.unwrap()
    }

    fn shop_id(&self, shop_no: u32) -> i64 {
        self.desk
            .shops()
            .unwrap()
            .into_iter()
            .find(|s| s.shop_no == shop_no)
            .unwrap()
            .shop_id
    }

    fn outbox_rows(&self, parcel_no: u32) -> i64 {
        let parcel_id = self
            .desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.no == parcel_no)
            .unwrap()
            .parcel_id;
        self.db()
            .query_row(
                "SELECT COUNT(*) FROM outbox WHERE parcel_id = ?1",
                [parcel_id],
                |r| r.get(0),
            )
            .unwrap()
    }
}

const KRW_SHOP: &[Spec] = &[
    Spec {
        seq: 101,
        name: "김국내",
        country: "KR",
        zipcode: "06236",
        fee: 3_000,
        lines: &[(1, 1)],
    },
    Spec {
        seq: 102,
        name: "Yuki Tanaka",
        country: "JP",
        zipcode: "150-0002",
        fee: 25_000,
        lines: &[(1, 1)],
    },
    Spec {
        seq: 103,
        name: "Sato Kenji",
        country: "JP",
        zipcode: "530-0001",
        fee: 20_000,
        lines: &[(0, 1), (2, 1)],
    },
    Spec {
        seq: 104,
        name: "Mei Wong",
        country: "JP",
        zipcode: "150-0002",
        fee: 20_000,
        lines: &[(0, 1)],
    },
    Spec {
        seq: 105,
        name: "Liam Brown",
        country: "JP",
        zipcode: "150-0002",
        fee: 20_000,
        lines: &[(1, 2)],
    },
];
const USD_SHOP: &[Spec] = &[
    Spec {
        seq: 201,
        name: "Emily Smith",
        country: "JP",
        zipcode: "150-0002",
        fee: 2_000,
        lines: &[(1, 1)],
    },
    Spec {
        seq: 202,
        name: "James Lee",
        country: "US",
        zipcode: "10001",
        fee: 1_400,
        lines: &[(1, 1)],
    },
];

/// A mall with a KRW shop and a USD storefront, the orders above collected, a printer and a pool.
async fn world() -> World {
    let (krw, usd) = (SimShop::korean_default(), SimShop::english_usd(2));
    let products = catalogue();
    let orders: Vec<SimOrder> = KRW_SHOP
        .iter()
        .map(|s| order(&krw, &products, s))
        .chain(USD_SHOP.iter().map(|s| order(&usd, &products, s)))
        .collect();
    let sim = Cafe24Sim::start(
        SimConfig {
            shops: vec![krw, usd],
            ..SimConfig::default()
        },
        loopback(),
    )
    .await
    .unwrap();
    sim.set_catalogue(products);
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
    desk.add_invoice_pool("cj", "601234560001", 100).unwrap();
    desk.add_invoice_pool("ems", "EE100000003KR", 100).unwrap();
    desk.set_default_printer(&printer.uri()).unwrap();
    let report = desk.collect(None, None).await.unwrap();
    assert_eq!(report.new as usize, KRW_SHOP.len() + USD_SHOP.len());
    World {
        _dir: dir,
        desk,
        _sim: sim,
        printer,
    }
}

fn lines(w: &WeighOutcome) -> Vec<(String, u64)> {
    w.quote
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .map(|l| (l.kind.clone(), l.krw))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collection_keeps_the_receivers_country() {
    let w = world().await;
    let db = w.db();
    let country = |name: &str| -> String {
        db.query_row(
            "SELECT country_code FROM receivers WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(country("김국내"), "KR");
    assert_eq!(country("Yuki Tanaka"), "JP");
    assert_eq!(country("James Lee"), "US");
    // The USD storefront's shipping arrived in cents.
    let cents: i64 = db
        .query_row(
            "SELECT o.shipping_fee FROM orders o JOIN receivers r ON r.order_id = o.id WHERE r.name = 'James Lee'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cents, 1_400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_domestic_parcel_records_its_weight_without_a_fee() {
    let w = world().await;
    let out = w.weigh("김국내", 1_234);
    assert!(out.domestic);
    assert_eq!(out.country, "KR");
    assert_eq!(out.grams, 1_234);
    assert!(
        out.quote.is_none(),
        "domestic parcels go at the flat contract fee"
    );
    assert_eq!(out.paid.display, "₩3,000");
    assert_eq!(out.paid_krw, Some(3_000));
    assert_eq!(out.undercharged_krw, None);
    assert!(out.refused.is_none());
    let stored: (i64, Option<i64>, Option<String>) = w
        .db()
        .query_row(
            "SELECT weight_g, fee_krw, fee_flag FROM parcels WHERE id = ?1",
            [out.parcel_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(stored, (1_234, None, None));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ems_to_japan_at_its_breaks_and_by_volume() {
    let w = world().await;
    // 2020 EMS Japan table + 500 KRW export declaration (paid: 25,000 KRW, tolerance 10 %).
    let at_500 = w.weigh("Yuki Tanaka", 500);
    assert_eq!(
        lines(&at_500),
        [
            ("freight".to_string(), 23_500),
            ("export_declaration".to_string(), 500)
        ]
    );
    let q = at_500.quote.as_ref().unwrap();
    assert_eq!((q.chargeable_g, q.total_krw), (500, 24_000));
    assert_eq!(q.data_status, "historical");
    assert_eq!(q.total_shop.display, "₩24,000");
    assert_eq!(at_500.undercharged_krw, None);

    // One gram over the 0.5 kg break takes the 0.75 kg price.
    let at_501 = w.weigh("Yuki Tanaka", 501);
    assert_eq!(at_501.quote.as_ref().unwrap().total_krw, 24_500 + 500);
    assert_eq!(at_501.undercharged_krw, None);

    // 1.25 kg: 27,500 + 500 = 28,000; paid 25,000 → 3,000 short, more than 10 % (2,800).
    let at_1250 = w.weigh("Yuki Tanaka", 1_250);
    assert_eq!(at_1250.quote.as_ref().unwrap().total_krw, 28_000);
    assert_eq!(at_1250.undercharged_krw, Some(3_000));

    // 40×30×20 cm at /6000 = 4 kg volumetric beats 1 kg actual: 40,000 + 500.
    let boxed = w.weigh_with("Yuki Tanaka", 1_000, Some("40x30x20cm"), None);
    let q = boxed.quote.as_ref().unwrap();
    assert_eq!(
        (q.actual_g, q.volumetric_g, q.chargeable_g),
        (1_000, Some(4_000), 4_000)
    );
    assert_eq!(q.total_krw, 40_500);
    assert_eq!(boxed.undercharged_krw, Some(15_500));

    // The owner's list shows the latest weighing of the parcel, once.
    let flagged = w.desk.undercharged_parcels().unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].flag, "undercharged");
    assert_eq!(flagged[0].fee.display, "₩40,500");
    assert_eq!(flagged[0].paid.display, "₩25,000");
    assert!(
        flagged[0].message_ko.contains("부족"),
        "{}",
        flagged[0].message_ko
    );
    assert!(
        flagged[0].message_en.contains("short"),
        "{}",
        flagged[0].message_en
    );

    // Weighed again lighter: no longer flagged.
    w.weigh("Yuki Tanaka", 500);
    assert!(w.desk.undercharged_parcels().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tolerance_is_the_line_between_fine_and_flagged() {
    let w = world().await;
    // Fee 28,000, paid 25,000: 3,000 short.
    for (tolerance, flagged) in [
        ("3000", false),
        ("2999", true),
        ("11%", false),
        ("10%", true),
    ] {
        w.desk
            .set_fee_settings(FeeSettingsUpdate {
                tolerance: Some(tolerance.into()),
                export_declaration_krw: None,
            })
            .unwrap();
        let out = w.weigh("Yuki Tanaka", 1_250);
        assert_eq!(
            out.undercharged_krw.is_some(),
            flagged,
            "tolerance {tolerance}: {:?}",
            out.undercharged_krw
        );
    }
    // The export declaration fee is the station's setting.
    let s = w
        .desk
        .set_fee_settings(FeeSettingsUpdate {
            tolerance: None,
            export_declaration_krw: Some(1_000),
        })
        .unwrap();
    assert_eq!(
        (s.tolerance.as_str(), s.export_declaration_krw),
        ("10%", 1_000)
    );
    assert_eq!(w.weigh("Yuki Tanaka", 500).quote.unwrap().total_krw, 24_500);
    let bad = w
        .desk
        .set_fee_settings(FeeSettingsUpdate {
            tolerance: Some("lots".into()),
            export_declaration_krw: None,
        })
        .unwrap_err();
    assert_eq!(bad.code(), "INVALID_INPUT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn k_packet_over_2kg_is_refused_with_the_reason() {
    let w = world().await;
    let ok = w.weigh_with("Yuki Tanaka", 2_000, None, Some("kpacket"));
    // Synthetic K-Packet zone 1 at 2.0 kg: 17,800 + 500.
    assert_eq!(ok.quote.as_ref().unwrap().total_krw, 18_300);
    assert_eq!(ok.quote.as_ref().unwrap().data_status, "synthetic");
    assert!(ok.refused.is_none());

    let over = w.weigh_with("Yuki Tanaka", 2_001, None, Some("kpacket"));
    assert!(over.quote.is_none());
    let reason = over.refused.as_ref().unwrap();
    assert_eq!(reason.code, "FEE_OVER_WEIGHT");
    assert!(reason.message_en.contains("2 kg"), "{}", reason.message_en);
    let flagged = w.desk.undercharged_parcels().unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].flag, "over_limit");
    assert!(
        flagged[0].message_ko.contains("한도"),
        "{}",
        flagged[0].message_ko
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_usd_shop_converts_at_its_fixed_rate() {
    let w = world().await;
    let usd = w.shop_id(2);
    // Without a rate the fee stays in KRW and the dollars paid cannot be compared.
    let no_rate = w.weigh("Emily Smith", 1_250);
    assert_eq!(no_rate.paid.display, "$20.00");
    assert_eq!(no_rate.paid_krw, None);
    assert_eq!(no_rate.undercharged_krw, None);
    assert_eq!(
        no_rate.quote.as_ref().unwrap().total_shop.display,
        "₩28,000"
    );

    let summary = w
        .desk
        .set_shop_rules(
            usd,
            ShopRules {
                krw_per_unit: Some("1380".into()),
                intl_service: Some("ems".into()),
                ..ShopRules::default()
            },
        )
        .unwrap();
    assert_eq!(summary.krw_per_unit.as_deref(), Some("1380"));
    assert_eq!(summary.intl_service, "ems");

    // 28,000 KRW / 1,380 = 20.2898… → $20.29; $20.00 paid = 27,600 KRW: 400 short, tolerated.
    let out = w.weigh("Emily Smith", 1_250);
    let q = out.quote.as_ref().unwrap();
    assert_eq!(q.total_shop.currency, "USD");
    assert_eq!(q.total_shop.minor, 2_029);
    assert_eq!(q.total_shop.display, "$20.29");
    assert_eq!(out.paid_krw, Some(27_600));
    assert_eq!(out.undercharged_krw, None);

    // K-Packet to the US at 1.3 kg (synthetic zone 3): 23,800 + 500 = 24,300;
    // $14.00 paid = 19,320 KRW → 4,980 short, beyond 10 % (2,430).
    w.desk
        .set_shop_rules(
            usd,
            ShopRules {
                intl_service: Some("kpacket".into()),
                ..ShopRules::default()
            },
        )
        .unwrap();
    let us = w.weigh("James Lee", 1_234);
    assert_eq!(us.quote.as_ref().unwrap().total_krw, 24_300);
    assert_eq!(us.quote.as_ref().unwrap().total_shop.display, "$17.61");
    assert_eq!(us.paid_krw, Some(19_320));
    assert_eq!(us.undercharged_krw, Some(4_980));

    // Bad settings are refused in Korean too.
    for rules in [
        ShopRules {
            krw_per_unit: Some("abc".into()),
            ..ShopRules::default()
        },
        ShopRules {
            krw_per_unit: Some("-5".into()),
            ..ShopRules::default()
        },
        ShopRules {
            intl_service: Some("ups".into()),
            ..ShopRules::default()
        },
    ] {
        let e = w.desk.set_shop_rules(usd, rules).unwrap_err();
        assert_eq!(e.code(), "INVALID_INPUT");
        assert!(e.message_ko().contains("입력 오류"));
    }
    let krw_shop = w.shop_id(1);
    let e = w
        .desk
        .set_shop_rules(
            krw_shop,
            ShopRules {
                krw_per_unit: Some("1380".into()),
                ..ShopRules::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT", "a KRW shop has no exchange rate");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parcel_over_the_limit_is_refused_at_the_scan_and_nothing_ships() {
    let w = world().await;
    let tracking = w.print("Yuki Tanaka").await;
    let no = w.no_of("Yuki Tanaka");
    let refused = w.weigh_with("Yuki Tanaka", 2_500, None, Some("kpacket"));
    assert_eq!(refused.refused.as_ref().unwrap().code, "FEE_OVER_WEIGHT");

    let e = w.desk.ship_scan(&tracking).unwrap_err();
    assert_eq!(e.code(), "SCAN_OVER_LIMIT");
    assert!(e.message_ko().contains("출고 중지"), "{}", e.message_ko());
    let row = w
        .desk
        .parcels()
        .unwrap()
        .into_iter()
        .find(|p| p.no == no)
        .unwrap();
    assert_eq!(row.stage, Stage::Printed, "nothing shipped");
    assert_eq!(w.outbox_rows(no), 0, "no tracking push queued");

    // Repacked and weighed within the limit: the scan ships it, with the weighing attached.
    w.weigh_with("Yuki Tanaka", 1_900, None, Some("kpacket"));
    let shipped = w.desk.ship_scan(&tracking).unwrap();
    assert_eq!(shipped.no, no);
    let weighed = shipped.weighed.unwrap();
    assert_eq!(weighed.grams, 1_900);
    assert!(weighed.refused.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_scale_an_unweighed_international_parcel_needs_the_scale() {
    let w = world().await;
    let abroad = w.print("Yuki Tanaka").await;
    let home = w.print("김국내").await;
    // A configured scale with nothing stable on it.
    w.db()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('scale.port', '/dev/null-packdesk-test')
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [],
        )
        .unwrap();

    let e = w.desk.ship_scan(&abroad).unwrap_err();
    assert_eq!(e.code(), "SCAN_NEEDS_WEIGHT");
    assert!(
        e.message_ko().contains("저울에 올려 주세요"),
        "{}",
        e.message_ko()
    );
    assert_eq!(w.outbox_rows(w.no_of("Yuki Tanaka")), 0);

    // Domestic parcels never wait for the scale.
    let shipped = w.desk.ship_scan(&home).unwrap();
    assert!(shipped.weighed.is_none());

    // Weighed (undercharged): it ships, and stays flagged for the owner.
    w.weigh("Yuki Tanaka", 1_250);
    let shipped = w.desk.ship_scan(&abroad).unwrap();
    assert_eq!(shipped.weighed.unwrap().undercharged_krw, Some(3_000));
    let flagged = w.desk.undercharged_parcels().unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].tracking_no.as_deref(), Some(abroad.as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_scale_an_international_parcel_ships_unweighed() {
    let w = world().await;
    let abroad = w.print("Yuki Tanaka").await;
    let shipped = w.desk.ship_scan(&abroad).unwrap();
    assert!(shipped.weighed.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_single_item_parcel_offers_to_save_its_weight() {
    let w = world().await;
    // Product 0 has no weight: one item, quantity 1 → offer.
    let offer = w.weigh("Mei Wong", 420).save_weight.unwrap();
    assert_eq!(offer.current_grams, None);
    assert_eq!(offer.grams, 420);
    // Saved: the same weight again is no offer.
    w.desk.save_product_weight(&offer.sku, offer.grams).unwrap();
    assert!(w.weigh("Mei Wong", 420).save_weight.is_none());

    // Product 1 weighs 500 g: within 10 % no offer, beyond it an offer.
    assert!(w.weigh("Yuki Tanaka", 550).save_weight.is_none());
    let off = w.weigh("Yuki Tanaka", 551).save_weight.unwrap();
    assert_eq!(off.current_grams, Some(500));
    assert!(w.weigh("Yuki Tanaka", 449).save_weight.is_some());

    // Two lines, or one line of two: never.
    assert!(w.weigh("Sato Kenji", 900).save_weight.is_none());
    assert!(w.weigh("Liam Brown", 900).save_weight.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_parcel_is_said_so() {
    let w = world().await;
    let e = w
        .desk
        .weigh_parcel(WeighRequest {
            parcel: "no:999".into(),
            grams: Some(100),
            ..WeighRequest::default()
        })
        .unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_PARCEL");
    let e = w
        .desk
        .weigh_parcel(WeighRequest {
            parcel: "no:1".into(),
            grams: Some(100),
            dims: Some("big".into()),
            ..WeighRequest::default()
        })
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
}

/// Waits until the station's live reading is a stable `grams` (the feeder publishes after the
/// weigher saw the frame, so the weight is usable once it shows).
async fn scale_shows(desk: &Desk, grams: i64) {
    let mut rx = desk.weight_updates();
    let seen = tokio::time::timeout(
        StdDuration::from_secs(15),
        rx.wait_for(|r| {
            r.as_ref()
                .is_some_and(|r| r.state == "stable" && r.grams == grams)
        }),
    )
    .await;
    assert!(seen.is_ok(), "the scale never showed a stable {grams} g");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scales_weight_goes_to_the_scanned_parcel_once_and_never_to_a_wrong_scan() {
    let w = world().await;
    let first = w.print("Yuki Tanaka").await;
    let second = w.print("Liam Brown").await;
    // A real indicator protocol on a pty, read by the station's own scale runtime.
    let scale =
        VirtualScale::start(SimScaleProtocol::Generic, StdDuration::from_millis(20)).unwrap();
    w.desk
        .set_scale(&scale.port_path(), "generic", None)
        .unwrap();
    scale.set_weight(1_250);
    scale_shows(&w.desk, 1_250).await;

    // A wrong scan (unknown number) leaves the weight for the parcel on the platform.
    assert_eq!(
        w.desk.ship_scan("999999999999").unwrap_err().code(),
        "SCAN_UNKNOWN"
    );
    assert_eq!(w.desk.stable_weight(), Some(1_250));

    // The right scan weighs and prices its parcel with it: EMS JP 1.25 kg = 27,500 + 500.
    let shipped = w.desk.ship_scan(&first).unwrap();
    let weighed = shipped.weighed.unwrap();
    assert_eq!(weighed.grams, 1_250);
    assert_eq!(weighed.quote.as_ref().unwrap().total_krw, 28_000);
    assert_eq!(w.desk.stable_weight(), None, "the weight was used up");

    // The next parcel cannot inherit it: refused until the platform was emptied and it settled.
    assert_eq!(
        w.desk.ship_scan(&second).unwrap_err().code(),
        "SCAN_NEEDS_WEIGHT"
    );
    scale.set_weight(0);
    scale_shows(&w.desk, 0).await;
    scale.set_weight(800);
    scale_shows(&w.desk, 800).await;
    let shipped = w.desk.ship_scan(&second).unwrap();
    assert_eq!(shipped.weighed.unwrap().grams, 800);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_destination_outside_the_rate_table_ships_with_the_reason_instead_of_a_fee() {
    let w = world().await;
    // The shipped EMS table (historical) covers Japan only.
    let weighed = w.weigh_with("James Lee", 500, None, Some("ems"));
    assert!(weighed.quote.is_none());
    assert!(
        weighed.refused.is_none(),
        "no rate is not a reason to hold the parcel"
    );
    let why = weighed.unpriced.unwrap();
    assert_eq!(why.code, "FEE_NO_ZONE");
    assert!(why.message_en.contains("US"), "{}", why.message_en);
    assert!(!why.message_ko.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parcel_abroad_prints_the_ems_label_with_its_customs_declaration() {
    let w = world().await;
    let products = catalogue();
    let sku = products[1].variants[0].variant_code.clone();
    let facts = w
        .desk
        .set_sku_facts(
            &sku,
            packdesk_core::SkuFactsUpdate {
                name_en: Some("Cotton T-shirt".into()),
                hs_code: Some("610910".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(facts.hs_code.as_deref(), Some("6109.10"), "normalised");
    assert_eq!(facts.origin, "KR");
    let bad = w
        .desk
        .set_sku_facts(
            &sku,
            packdesk_core::SkuFactsUpdate {
                hs_code: Some("61-09".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(bad.code(), "BAD_PRODUCT_FACT");

    let (abroad, home) = (w.no_of("Yuki Tanaka"), w.no_of("김국내"));
    let rows = w.desk.parcels().unwrap();
    assert_eq!(
        rows[abroad as usize - 1].carrier,
        "ems",
        "goes by Korea Post abroad"
    );
    assert_eq!(rows[home as usize - 1].carrier, "cj");

    w.desk
        .print(PrintRequest {
            range: format!("{abroad}, {home}"),
            ..PrintRequest::default()
        })
        .await
        .unwrap();
    let labels = w
        .printer
        .wait_for_labels(2, StdDuration::from_secs(10))
        .await
        .unwrap();
    let rows = w.desk.parcels().unwrap();
    let ems_no = rows[abroad as usize - 1].tracking_no.clone().unwrap();
    assert!(
        ems_no.starts_with("EE") && ems_no.ends_with("KR") && ems_no.len() == 13,
        "an S10 number from the EMS pool: {ems_no}"
    );
    let cj_no = rows[home as usize - 1].tracking_no.clone().unwrap();
    assert!(cj_no.chars().all(|c| c.is_ascii_digit()), "{cj_no}");

    let ems = &labels[0];
    assert!(
        ems.barcodes.iter().any(|b| b.data == ems_no),
        "EMS label barcode: {:?}",
        ems.barcodes
    );
    let text: Vec<&str> = ems.texts.iter().map(|t| t.text.as_str()).collect();
    // HS code, origin and the declared value (the line's price, in the order's currency).
    let value = format!("{}.00", products[1].price);
    for want in ["6109.10", "KR", value.as_str()] {
        assert!(
            text.iter().any(|t| t.contains(want)),
            "{want} not in {text:?}"
        );
    }
    assert!(
        labels[1].barcodes.iter().any(|b| b.data == cj_no),
        "the domestic parcel prints its CJ waybill"
    );

    // The same label as a PDF (an office printer): its S10 barcode scans from the rendered page.
    let pdf = w._dir.path().join("ems.pdf");
    w.desk
        .print(PrintRequest {
            range: abroad.to_string(),
            printer: Some(format!("file://{}", pdf.display())),
            reason: Some("사무실 프린터로 재출력".into()),
            ..PrintRequest::default()
        })
        .await
        .unwrap();
    let png = w._dir.path().join("ems");
    assert!(
        std::process::Command::new("pdftoppm")
            .args(["-r", "203", "-gray", "-png", "-singlefile"])
            .arg(&pdf)
            .arg(&png)
            .status()
            .unwrap()
            .success()
    );
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet"])
        .arg(png.with_extension("png"))
        .output()
        .unwrap();
    let codes = String::from_utf8_lossy(&out.stdout);
    assert!(
        codes.lines().any(|l| l == format!("CODE-128:{ems_no}")),
        "{codes}"
    );
}
