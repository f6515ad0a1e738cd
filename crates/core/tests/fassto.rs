//! FASSTO FMS fulfilment end to end over loopback: a simulated Cafe24 shop and a simulated FASSTO
//! account, driven only through the desk's service API. Ready parcels of a shop that outsources
//! packing become FASSTO outbound requests; FASSTO's invoice numbers come back and reach the shop
//! through the same ship → outbox → Cafe24 path as a scan at the desk.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    ConnectRequest, Desk, DeskOptions, FasstoConnectRequest, FasstoOutbound, ParcelRow,
    PrintRequest, ShopRules, Stage,
};
use packdesk_sim::cafe24::{
    Cafe24Sim, SimConfig, SimItem, SimOption, SimOrder, SimProduct, SimReceiver, SimVariant,
};
use packdesk_sim::fassto::{Fault, FmsSim, FmsSimConfig, SimGoods, SimOutbound, SimOutboundStatus};

const REDIRECT: &str = "http://127.0.0.1:9/callback";
/// The simulator's paths (customer code `00000`).
const REGISTER_PATH: &str = "/api/v1/delivery/parcel";
const LIST_PATH: &str = "/api/v1/delivery/00000/";
/// 1 + `FmsOptions::default().max_retries`: enough 5xx answers to make a status read give up.
const READ_ATTEMPTS: usize = 4;

const TUMBLER: &str = "P000000A000A";
const TEE_WHITE_M: &str = "P000000B000A";
const TEE_BLACK_L: &str = "P000000B000B";
const ECOBAG: &str = "P000000C000A";
const GIFT_SET: &str = "P000000D000A";

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

fn kst(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap())
}

fn product(no: u32, code: &str, name: &str, variants: &[(&str, &[(&str, &str)])]) -> SimProduct {
    SimProduct {
        product_no: no,
        product_code: code.into(),
        product_name: name.into(),
        price: 19_000,
        product_weight: "0.40".into(),
        variants: variants
            .iter()
            .enumerate()
            .map(|(i, (suffix, options))| SimVariant {
                variant_code: format!("{code}{suffix}"),
                options: options
                    .iter()
                    .map(|(n, v)| SimOption {
                        name: (*n).into(),
                        value: (*v).into(),
                    })
                    .collect(),
                quantity: 100,
                custom_variant_code: format!("PD{no:03}-{:02}", i + 1),
            })
            .collect(),
        option_type: None,
        shop_nos: Vec::new(),
        eng_product_name: String::new(),
        model_name: String::new(),
    }
}

fn catalogue() -> Vec<SimProduct> {
    let mut gift = product(14, "P000000D", "선물세트 (텀블러+에코백)", &[("000A", &[])]);
    // 상품 연동형: FASSTO cannot link these options (seed 001).
    gift.option_type = Some("E".into());
    vec![
        product(11, "P000000A", "스테인리스 텀블러 350ml", &[("000A", &[])]),
        product(
            12,
            "P000000B",
            "오버핏 코튼 티셔츠",
            &[
                ("000A", &[("색상", "화이트"), ("사이즈", "M")]),
                ("000B", &[("색상", "블랙"), ("사이즈", "L")]),
            ],
        ),
        product(13, "P000000C", "캔버스 에코백", &[("000A", &[])]),
        gift,
    ]
}

/// FASSTO goods registered under our own variant codes, so they link themselves.
fn goods() -> Vec<SimGoods> {
    vec![
        SimGoods::new(TUMBLER, "스테인리스 텀블러 350ml", 100),
        SimGoods::new(TEE_WHITE_M, "오버핏 코튼 티셔츠 화이트 M", 100),
        SimGoods::new(TEE_BLACK_L, "오버핏 코튼 티셔츠 블랙 L", 100),
    ]
}

struct Person {
    name: &'static str,
    mobile: &'static str,
    address1: &'static str,
    address2: &'static str,
    message: &'static str,
}

const KIM: Person = Person {
    name: "김민준",
    mobile: "010-1234-5678",
    address1: "서울특별시 마포구 와우산로29바길 12",
    address2: "101호",
    message: "문 앞에 놓아주세요",
};
const LEE: Person = Person {
    name: "이서연",
    mobile: "010-2345-6789",
    address1: "부산광역시 해운대구 센텀중앙로 79",
    address2: "2002호",
    message: "",
};
const PARK: Person = Person {
    name: "박지호",
    mobile: "010-3456-7890",
    address1: "대전광역시 유성구 대학로 99",
    address2: "3층",
    message: "경비실에 맡겨주세요",
};
const CHOI: Person = Person {
    name: "최유나",
    mobile: "010-4567-8901",
    address1: "광주광역시 북구 용봉로 77",
    address2: "5동 201호",
    message: "",
};

/// A paid order (N20) of `lines` (variant code, quantity) to `to`, paid about two hours ago.
fn order(seq: u32, to: &Person, lines: &[(&str, u32)]) -> SimOrder {
    let paid = Utc::now() - Duration::hours(2) + Duration::minutes(i64::from(seq));
    let ordered = kst(paid - Duration::minutes(3));
    let order_id = format!("{}-{:07}", ordered.format("%Y%m%d"), 1000 + seq);
    let cat = catalogue();
    let items = lines
        .iter()
        .enumerate()
        .map(|(i, (code, qty))| {
            let p = cat
                .iter()
                .find(|p| p.variants.iter().any(|v| v.variant_code == *code))
                .unwrap();
            let v = p.variants.iter().find(|v| v.variant_code == *code).unwrap();
            SimItem::for_variant(&order_id, i as u32 + 1, p, v, *qty)
        })
        .collect();
    SimOrder {
        shop_no: 1,
        order_id,
        currency: "KRW".into(),
        order_date: ordered,
        payment_date: Some(kst(paid)),
        paid: true,
        canceled: false,
        member_id: None,
        billing_name: to.name.into(),
        shipping_fee: 0,
        order_place_id: "cafe24".into(),
        items,
        receivers: vec![SimReceiver {
            name: to.name.into(),
            phone: to.mobile.into(),
            cellphone: to.mobile.into(),
            zipcode: "04066".into(),
            address1: to.address1.into(),
            address2: to.address2.into(),
            shipping_message: to.message.into(),
            ..SimReceiver::default()
        }],
    }
}

struct World {
    dir: tempfile::TempDir,
    desk: Desk,
    shop: Cafe24Sim,
    fms: FmsSim,
}

fn open_desk(dir: &Path) -> Desk {
    Desk::open(DeskOptions {
        db_path: dir.join("desk.sqlite"),
        secrets: Some(Box::new(FileSecrets::new(dir.join("secrets.json")))),
        clock: None,
    })
    .unwrap()
}

fn fassto_login(fms: &FmsSim) -> FasstoConnectRequest {
    let cfg = fms.config();
    FasstoConnectRequest {
        cst_cd: cfg.cst_cd.clone(),
        api_cd: cfg.api_cd.clone(),
        api_key: cfg.api_key.clone(),
        api_base: Some(fms.base_url().to_string()),
    }
}

/// The shop connected, its packing outsourced to FASSTO, and — with `connect_fassto` — FASSTO
/// connected too. Nothing collected yet.
async fn world(orders: Vec<SimOrder>, fms_goods: Vec<SimGoods>, connect_fassto: bool) -> World {
    let shop = Cafe24Sim::start(SimConfig::default(), loopback())
        .await
        .unwrap();
    shop.set_catalogue(catalogue());
    shop.add_orders(orders);
    let fms = FmsSim::start(FmsSimConfig::default(), loopback())
        .await
        .unwrap();
    fms.set_goods(fms_goods);
    let dir = tempfile::tempdir().unwrap();
    let desk = open_desk(dir.path());
    desk.connect_cafe24(
        ConnectRequest {
            mall_id: "demoshop".into(),
            client_id: "demo-client".into(),
            client_secret: "demo-secret".into(),
            api_base: Some(shop.base_url().to_string()),
            code: Some(shop.issue_code(REDIRECT)),
            redirect_uri: Some(REDIRECT.into()),
            shops: None,
        },
        |_| {},
    )
    .await
    .unwrap();
    for s in desk.shops().unwrap() {
        let after = desk
            .set_shop_rules(
                s.shop_id,
                ShopRules {
                    fulfilment: Some("fassto".into()),
                    ..ShopRules::default()
                },
            )
            .unwrap();
        assert_eq!(after.fulfilment, "fassto");
    }
    if connect_fassto {
        let info = desk.connect_fassto(fassto_login(&fms)).await.unwrap();
        assert_eq!(info.cst_cd, "00000");
    }
    World {
        dir,
        desk,
        shop,
        fms,
    }
}

impl World {
    fn parcel_of(&self, order_id: &str) -> ParcelRow {
        self.desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.order_ids.iter().any(|o| o == order_id))
            .unwrap_or_else(|| panic!("no parcel holds {order_id}"))
    }

    fn outbound_of(&self, parcel_id: i64) -> Option<FasstoOutbound> {
        self.desk
            .fassto_outbounds()
            .unwrap()
            .into_iter()
            .find(|o| o.parcel_id == parcel_id)
    }

    /// What FASSTO holds for one of our parcels (by the order number we sent).
    fn at_fassto(&self, parcel_id: i64) -> Vec<SimOutbound> {
        let Some(ours) = self.outbound_of(parcel_id) else {
            return Vec::new();
        };
        self.fms
            .outbounds()
            .into_iter()
            .filter(|o| o.ord_no == ours.ord_no)
            .collect()
    }

    fn register_posts(&self) -> usize {
        self.fms.count_requests("POST", REGISTER_PATH)
    }
}

fn items_of(o: &SimOutbound) -> Vec<(String, i64)> {
    let mut items: Vec<(String, i64)> = o
        .items
        .iter()
        .map(|i| (i.cst_god_cd.clone(), i.ord_qty))
        .collect();
    items.sort();
    items
}

fn expected(items: &[(&str, i64)]) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = items.iter().map(|(c, q)| ((*c).into(), *q)).collect();
    v.sort();
    v
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('가'..='힣').contains(&c))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fassto_ships_the_ready_parcels_and_its_invoices_reach_the_shop_once() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 2)]),
        order(2, &KIM, &[(TEE_WHITE_M, 1)]),
        order(3, &LEE, &[(TEE_BLACK_L, 3)]),
        order(4, &PARK, &[(TUMBLER, 1), (TEE_BLACK_L, 1)]),
    ];
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let w = world(orders, goods(), true).await;

    // The API key is a secret: in the secret store, never in the database.
    let secrets = std::fs::read_to_string(w.dir.path().join("secrets.json")).unwrap();
    assert!(secrets.contains("demo-api-key"));
    for db_file in ["desk.sqlite", "desk.sqlite-wal"] {
        if let Ok(bytes) = std::fs::read(w.dir.path().join(db_file)) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("demo-api-key"),
                "{db_file} holds the API key"
            );
        }
    }

    let collected = w.desk.collect(None, None).await.unwrap();
    assert_eq!(collected.new, 4);
    let before = w.desk.parcels().unwrap();
    assert_eq!(before.len(), 3, "김민준's two orders share one box");
    assert!(before.iter().all(|p| p.stage == Stage::Ready), "{before:?}");
    let merged = w.parcel_of(&ids[0]);
    assert_eq!(merged.order_ids, vec![ids[0].clone(), ids[1].clone()]);
    let lee = w.parcel_of(&ids[2]);
    let park = w.parcel_of(&ids[3]);

    let report = w.desk.fassto_run().await.unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.goods, 3);
    assert_eq!(report.requested, 3, "one outbound request per ready parcel");
    assert_eq!(report.invoices, 0);

    // Goods registered under our variant codes linked themselves, with FASSTO's stock.
    let linked = w.desk.fassto_goods().unwrap();
    assert_eq!(linked.len(), 3);
    for g in &linked {
        assert_eq!(g.sku.as_deref(), Some(g.cst_god_cd.as_str()), "{g:?}");
        assert_eq!(g.stock, 100);
    }

    // FASSTO has exactly one request per parcel, with the parcel's goods and receiver.
    assert_eq!(w.fms.outbounds().len(), 3);
    assert_eq!(w.register_posts(), 1, "one batch");
    let cases = [
        (&merged, &KIM, expected(&[(TUMBLER, 2), (TEE_WHITE_M, 1)])),
        (&lee, &LEE, expected(&[(TEE_BLACK_L, 3)])),
        (&park, &PARK, expected(&[(TUMBLER, 1), (TEE_BLACK_L, 1)])),
    ];
    for (parcel, person, items) in &cases {
        let ours = w.outbound_of(parcel.parcel_id).unwrap();
        assert_eq!(ours.status, "requested");
        let at = w.at_fassto(parcel.parcel_id);
        assert_eq!(at.len(), 1, "{} sent once", ours.ord_no);
        let at = &at[0];
        assert_eq!(ours.slip_no.as_deref(), Some(at.slip_no.as_str()));
        assert_eq!(items_of(at), *items, "{}", person.name);
        assert_eq!(at.status, SimOutboundStatus::Ordered);
        assert_eq!(at.cust_nm, person.name);
        assert_eq!(at.cust_tel_no, person.mobile.replace('-', ""));
        assert!(
            at.cust_addr.contains(person.address1) && at.cust_addr.contains(person.address2),
            "{}",
            at.cust_addr
        );
        assert_eq!(at.ship_req_term, person.message);
    }

    // FASSTO packs them now: the desk neither lists them as waiting nor prints them.
    let outsourced = w.desk.parcels().unwrap();
    for p in &outsourced {
        assert_eq!(p.stage, Stage::Outsourced, "{p:?}");
        assert_eq!(p.stage_ko, "파스토 출고요청");
        assert_eq!(p.tracking_no, None);
    }
    let refused = w
        .desk
        .print(PrintRequest {
            range: merged.no.to_string(),
            printer: None,
            format: None,
            ..PrintRequest::default()
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "NOT_PRINTABLE");
    assert!(has_hangul(&refused.message_ko()));
    let all = w
        .desk
        .print(PrintRequest {
            range: String::new(),
            printer: None,
            format: None,
            ..PrintRequest::default()
        })
        .await
        .unwrap_err();
    assert_eq!(all.code(), "NOTHING_TO_PRINT", "print-all skips them");

    // A run before FASSTO ships changes nothing and sends nothing again.
    let idle = w.desk.fassto_run().await.unwrap();
    assert_eq!((idle.requested, idle.invoices, idle.cancelled), (0, 0, 0));
    assert_eq!(w.register_posts(), 1);
    assert_eq!(w.fms.outbounds().len(), 3);

    let shipped = w.fms.ship_all_pending(638_991_190_880);
    assert_eq!(shipped.len(), 3);
    // The token ran out meanwhile, and the station restarted: the stored key signs in again.
    w.fms.expire_tokens();
    let sign_ins = w.fms.sign_ins();
    let restarted = open_desk(w.dir.path());
    let back = restarted.fassto_run().await.unwrap();
    assert!(back.failed.is_empty(), "{:?}", back.failed);
    assert_eq!(back.invoices, 3);
    assert_eq!(back.requested, 0);
    assert!(w.fms.sign_ins() > sign_ins);
    // FASSTO's stock after shipping: 3 tumblers left the warehouse.
    let tumbler = restarted
        .fassto_goods()
        .unwrap()
        .into_iter()
        .find(|g| g.cst_god_cd == TUMBLER)
        .unwrap();
    assert_eq!(tumbler.stock, 97);

    for (parcel, _, _) in &cases {
        let ours = w.outbound_of(parcel.parcel_id).unwrap();
        let slip = ours.slip_no.clone().unwrap();
        let invoice = shipped
            .iter()
            .find(|(s, _)| *s == slip)
            .map(|(_, i)| i.clone())
            .unwrap();
        assert_eq!(ours.status, "shipped");
        assert_eq!(ours.invoice_no.as_deref(), Some(invoice.as_str()));
        assert_eq!(ours.parcel_cd.as_deref(), Some("04"));
        let row = w.parcel_of(&parcel.order_ids[0]);
        assert_eq!(row.stage, Stage::Shipped);
        assert_eq!(row.carrier, "cj");
        assert_eq!(row.tracking_no.as_deref(), Some(invoice.as_str()));
    }

    // Every order's tracking number reaches the shop, once.
    let sync = w.desk.sync().await.unwrap();
    assert_eq!(sync.waiting, 0);
    let pushed = w.shop.shipments();
    assert_eq!(pushed.len(), 4, "one shipment per order: {pushed:?}");
    for id in &ids {
        let of_order: Vec<_> = pushed.iter().filter(|s| &s.order_id == id).collect();
        assert_eq!(of_order.len(), 1, "{id}");
        let row = w.parcel_of(id);
        assert_eq!(Some(&of_order[0].tracking_no), row.tracking_no.as_ref());
        assert_eq!(of_order[0].shipping_company_code, "0006", "CJ대한통운");
        assert!(row.pushed);
    }
    let again = w.desk.fassto_run().await.unwrap();
    assert_eq!((again.requested, again.invoices), (0, 0));
    w.desk.sync().await.unwrap();
    assert_eq!(w.shop.shipments().len(), 4, "nothing pushed twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_after_the_request_cancels_it_at_fassto() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 1)]),
        order(2, &LEE, &[(TEE_BLACK_L, 2)]),
        order(3, &PARK, &[(TEE_WHITE_M, 1)]),
    ];
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let w = world(orders, goods(), true).await;
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.desk.fassto_run().await.unwrap().requested, 3);
    let lee = w.parcel_of(&ids[1]);
    let slip = w.outbound_of(lee.parcel_id).unwrap().slip_no.unwrap();

    // The buyer cancels after the request left; the next collection sees it.
    assert!(w.shop.cancel_order(&ids[1]));
    assert_eq!(w.desk.collect(None, None).await.unwrap().claimed, 1);
    assert_eq!(w.parcel_of(&ids[1]).stage, Stage::Claimed);

    let run = w.desk.fassto_run().await.unwrap();
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    assert_eq!(run.cancelled, 1);
    assert_eq!(
        w.fms.outbound(&slip).unwrap().status,
        SimOutboundStatus::Cancelled
    );
    assert_eq!(w.outbound_of(lee.parcel_id).unwrap().status, "cancelled");

    // FASSTO ships the rest — one with 한진 — and never the cancelled one.
    let kim_slip = w
        .outbound_of(w.parcel_of(&ids[0]).parcel_id)
        .unwrap()
        .slip_no
        .unwrap();
    assert!(w.fms.ship(&kim_slip, "420123456781", "05"));
    let shipped = w.fms.ship_all_pending(638_991_190_900);
    assert_eq!(shipped.len(), 1);
    assert!(
        !w.fms.ship(&slip, "638991190999", "04"),
        "cancelled at FASSTO"
    );
    let back = w.desk.fassto_run().await.unwrap();
    assert_eq!(back.invoices, 2);
    assert_eq!(back.cancelled, 0, "cancelled once");

    let kim = w.parcel_of(&ids[0]);
    assert_eq!(kim.stage, Stage::Shipped);
    assert_eq!(kim.carrier, "hanjin");
    assert_eq!(kim.tracking_no.as_deref(), Some("420123456781"));
    let claimed = w.parcel_of(&ids[1]);
    assert_eq!(claimed.stage, Stage::Claimed);
    assert_eq!(claimed.tracking_no, None);

    w.desk.sync().await.unwrap();
    let pushed = w.shop.shipments();
    assert_eq!(pushed.len(), 2, "{pushed:?}");
    assert!(pushed.iter().all(|s| s.order_id != ids[1]));
    let hanjin = pushed.iter().find(|s| s.order_id == ids[0]).unwrap();
    assert_eq!(hanjin.shipping_company_code, "0018", "한진택배");
    assert_eq!(hanjin.tracking_no, "420123456781");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_fassto_cannot_stop_is_flagged_for_recall_and_not_pushed() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 1)]),
        order(2, &LEE, &[(TEE_BLACK_L, 2)]),
    ];
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let w = world(orders, goods(), true).await;
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.desk.fassto_run().await.unwrap().requested, 2);
    let lee = w.parcel_of(&ids[1]);
    let slip = w.outbound_of(lee.parcel_id).unwrap().slip_no.unwrap();
    // FASSTO starts picking, then the buyer cancels.
    assert!(w.fms.start_work(&slip));
    assert!(w.shop.cancel_order(&ids[1]));
    w.desk.collect(None, None).await.unwrap();

    let run = w.desk.fassto_run().await.unwrap();
    assert_eq!(run.cancelled, 0);
    assert_eq!(run.failed.len(), 1, "{:?}", run.failed);
    assert_eq!(run.failed[0].code, "FMS_REJECTED");
    assert!(
        run.failed[0].reason_ko.contains("취소할 수 없습니다"),
        "FASSTO's reason is shown: {}",
        run.failed[0].reason_ko
    );

    // FASSTO ships it anyway: the desk must not ship it or push it, and must say to recall it.
    assert_eq!(w.fms.ship_all_pending(638_991_191_000).len(), 2);
    w.desk.fassto_run().await.unwrap();
    let row = w.parcel_of(&ids[1]);
    assert_eq!(row.stage, Stage::Claimed);
    let invoice = w.outbound_of(lee.parcel_id).unwrap().invoice_no;
    assert!(invoice.is_some(), "FASSTO's invoice is kept to recall it");
    w.desk.sync().await.unwrap();
    let pushed = w.shop.shipments();
    assert_eq!(pushed.len(), 1);
    assert_eq!(pushed[0].order_id, ids[0]);
    let reason = row.blocked_reason.unwrap_or_default();
    assert!(
        reason.contains("회수"),
        "the working list tells the owner to recall the parcel FASSTO shipped after the claim; \
         it shows only: {reason:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unlinked_goods_are_held_back_until_linked() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 1)]),
        order(2, &CHOI, &[(ECOBAG, 1)]),
    ];
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let mut fms_goods = goods();
    // FASSTO knows the bag under its own code, not our variant code.
    fms_goods.push(SimGoods::new("ECO-NAT", "캔버스 에코백 내추럴", 30));
    let w = world(orders, fms_goods, true).await;
    w.desk.collect(None, None).await.unwrap();

    let run = w.desk.fassto_run().await.unwrap();
    assert_eq!(run.requested, 1);
    assert_eq!(run.failed.len(), 1, "{:?}", run.failed);
    let f = &run.failed[0];
    assert_eq!(f.code, "FMS_GOODS_UNLINKED");
    assert_eq!(f.order_id, ids[1]);
    assert!(has_hangul(&f.reason_ko), "{}", f.reason_ko);
    assert!(f.reason_ko.contains("캔버스 에코백"), "{}", f.reason_ko);
    let choi = w.parcel_of(&ids[1]);
    assert_eq!(choi.stage, Stage::Ready, "not sent");
    assert!(w.outbound_of(choi.parcel_id).is_none());
    assert_eq!(w.fms.outbounds().len(), 1);
    let bag = w
        .desk
        .fassto_goods()
        .unwrap()
        .into_iter()
        .find(|g| g.cst_god_cd == "ECO-NAT")
        .unwrap();
    assert_eq!(bag.sku, None);
    assert_eq!(bag.stock, 30);

    // Still unlinked: the next run says so again and sends nothing twice.
    let again = w.desk.fassto_run().await.unwrap();
    assert_eq!(again.requested, 0);
    assert_eq!(again.failed.len(), 1);
    assert_eq!(w.fms.outbounds().len(), 1);

    let no_sku = w.desk.fassto_link("ECO-NAT", "NO-SUCH-SKU").unwrap_err();
    assert_eq!(no_sku.code(), "INVALID_INPUT");
    let no_goods = w.desk.fassto_link("NO-SUCH-GOODS", ECOBAG).unwrap_err();
    assert_eq!(no_goods.code(), "INVALID_INPUT");
    assert!(has_hangul(&no_goods.message_ko()));

    w.desk.fassto_link("ECO-NAT", ECOBAG).unwrap();
    let linked = w.desk.fassto_run().await.unwrap();
    assert!(linked.failed.is_empty(), "{:?}", linked.failed);
    assert_eq!(linked.requested, 1);
    let at = w.at_fassto(choi.parcel_id);
    assert_eq!(at.len(), 1);
    assert_eq!(items_of(&at[0]), expected(&[("ECO-NAT", 1)]));
    assert_eq!(w.parcel_of(&ids[1]).stage, Stage::Outsourced);
    // The goods sync of that run kept the link a person made.
    let bag = w
        .desk
        .fassto_goods()
        .unwrap()
        .into_iter()
        .find(|g| g.cst_god_cd == "ECO-NAT")
        .unwrap();
    assert_eq!(bag.sku.as_deref(), Some(ECOBAG));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_of_type_linked_product_are_flagged_not_sent() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 1)]),
        order(2, &LEE, &[(GIFT_SET, 1)]),
    ];
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let mut fms_goods = goods();
    fms_goods.push(SimGoods::new(GIFT_SET, "선물세트", 10));
    let w = world(orders, fms_goods, true).await;
    w.desk.collect(None, None).await.unwrap();
    let run = w.desk.fassto_run().await.unwrap();
    assert_eq!(run.requested, 1);
    assert_eq!(run.failed.len(), 1, "{:?}", run.failed);
    assert_eq!(run.failed[0].code, "FMS_OPTION_UNLINKABLE");
    assert_eq!(run.failed[0].order_id, ids[1]);
    assert!(run.failed[0].reason_ko.contains("상품 연동형"));
    assert!(w.outbound_of(w.parcel_of(&ids[1]).parcel_id).is_none());
    assert_eq!(w.fms.outbounds().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_register_answer_is_looked_up_not_sent_again() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 1)]),
        order(2, &LEE, &[(TEE_BLACK_L, 2)]),
    ];
    let w = world(orders, goods(), true).await;
    w.desk.collect(None, None).await.unwrap();
    // FASSTO registers the batch, but its answer is lost.
    w.fms
        .inject_fault(REGISTER_PATH, Fault::ApplyThenStatus(500));
    let first = w.desk.fassto_run().await.unwrap();
    assert!(
        first.failed.is_empty(),
        "an unknown outcome is not a failure: {:?}",
        first.failed
    );
    assert_eq!(w.fms.outbounds().len(), 2);
    assert_eq!(w.register_posts(), 1);
    for p in w.desk.parcels().unwrap() {
        assert_eq!(p.stage, Stage::Outsourced, "not back on the desk's list");
    }

    let second = w.desk.fassto_run().await.unwrap();
    assert!(second.failed.is_empty(), "{:?}", second.failed);
    assert_eq!(w.register_posts(), 1, "never registered twice");
    for p in w.desk.parcels().unwrap() {
        let ours = w.outbound_of(p.parcel_id).unwrap();
        let at = w.at_fassto(p.parcel_id);
        assert_eq!(at.len(), 1);
        assert_eq!(ours.status, "requested");
        assert_eq!(ours.slip_no.as_deref(), Some(at[0].slip_no.as_str()));
    }
    assert_eq!(w.fms.ship_all_pending(638_991_192_000).len(), 2);
    assert_eq!(w.desk.fassto_run().await.unwrap().invoices, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_interrupted_after_sending_resumes_by_order_number() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 1)]),
        order(2, &LEE, &[(TEE_BLACK_L, 2)]),
    ];
    let w = world(orders, goods(), true).await;
    w.desk.collect(None, None).await.unwrap();
    // The answer is lost and FASSTO stays unreachable for the rest of the run.
    w.fms
        .inject_fault(REGISTER_PATH, Fault::ApplyThenStatus(500));
    for _ in 0..READ_ATTEMPTS {
        w.fms.inject_fault(LIST_PATH, Fault::Status(503));
    }
    let first = w.desk.fassto_run().await.unwrap_err();
    assert!(first.code().starts_with("FMS_"), "{}", first.code());
    assert!(has_hangul(&first.message_ko()));
    for p in w.desk.parcels().unwrap() {
        assert_eq!(p.stage, Stage::Outsourced, "{p:?}");
        let ours = w.outbound_of(p.parcel_id).unwrap();
        assert_eq!(ours.status, "sending", "outcome unknown");
        assert_eq!(ours.slip_no, None);
    }
    assert_eq!(w.fms.outbounds().len(), 2);

    let second = w.desk.fassto_run().await.unwrap();
    assert!(second.failed.is_empty(), "{:?}", second.failed);
    assert_eq!(
        w.register_posts(),
        1,
        "found by order number, not sent again"
    );
    assert_eq!(w.fms.outbounds().len(), 2);
    for p in w.desk.parcels().unwrap() {
        let at = w.at_fassto(p.parcel_id);
        assert_eq!(at.len(), 1);
        let ours = w.outbound_of(p.parcel_id).unwrap();
        assert_eq!(ours.status, "requested");
        assert_eq!(ours.slip_no.as_deref(), Some(at[0].slip_no.as_str()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_fassto_never_received_is_sent_again_once() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 1)]),
        order(2, &LEE, &[(TEE_BLACK_L, 2)]),
    ];
    let w = world(orders, goods(), true).await;
    w.desk.collect(None, None).await.unwrap();
    // A 500 before FASSTO applied anything: the client cannot know that, so it asks.
    w.fms.inject_fault(REGISTER_PATH, Fault::Status(500));
    let first = w.desk.fassto_run().await.unwrap();
    assert_eq!(first.requested, 0);
    assert!(w.fms.outbounds().is_empty());
    let second = w.desk.fassto_run().await.unwrap();
    assert!(second.failed.is_empty(), "{:?}", second.failed);
    assert_eq!(second.requested, 2);
    assert_eq!(w.register_posts(), 2);
    for p in w.desk.parcels().unwrap() {
        assert_eq!(p.stage, Stage::Outsourced);
        assert_eq!(w.at_fassto(p.parcel_id).len(), 1, "exactly once");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_on_an_unsent_request_stays_blocked_and_is_never_sent() {
    let orders = vec![
        order(1, &KIM, &[(TUMBLER, 1)]),
        order(2, &LEE, &[(TEE_BLACK_L, 2)]),
    ];
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    let w = world(orders, goods(), true).await;
    w.desk.collect(None, None).await.unwrap();
    // The batch never reaches FASSTO and the run stops before it can find out.
    w.fms.inject_fault(REGISTER_PATH, Fault::Status(500));
    for _ in 0..READ_ATTEMPTS {
        w.fms.inject_fault(LIST_PATH, Fault::Status(503));
    }
    w.desk.fassto_run().await.unwrap_err();
    assert!(w.fms.outbounds().is_empty());
    // Meanwhile the buyer cancels.
    assert!(w.shop.cancel_order(&ids[1]));
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.parcel_of(&ids[1]).stage, Stage::Claimed);

    w.desk.fassto_run().await.unwrap();
    assert_eq!(
        w.parcel_of(&ids[1]).stage,
        Stage::Claimed,
        "a claimed parcel must not go back to 송장대기 (printable) when FASSTO never got it"
    );
    w.desk.fassto_run().await.unwrap();
    let lee = w.parcel_of(&ids[1]);
    assert!(
        w.at_fassto(lee.parcel_id).is_empty()
            && w.fms.outbounds().iter().all(|o| o.cust_nm != LEE.name),
        "a cancelled order was sent to FASSTO"
    );
    assert_eq!(w.fms.outbounds().len(), 1, "김민준's parcel went");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_credentials_save_nothing() {
    let w = world(vec![order(1, &KIM, &[(TUMBLER, 1)])], goods(), false).await;
    let mut bad = fassto_login(&w.fms);
    bad.api_key = "wrong-key".into();
    let e = w.desk.connect_fassto(bad).await.unwrap_err();
    assert_eq!(e.code(), "FMS_AUTH_FAILED");
    assert!(has_hangul(&e.message_ko()));
    let run = w.desk.fassto_run().await.unwrap_err();
    assert_eq!(run.code(), "FMS_NOT_CONNECTED");
    assert!(has_hangul(&run.message_ko()));
    let secrets = std::fs::read_to_string(w.dir.path().join("secrets.json")).unwrap_or_default();
    assert!(!secrets.contains("fassto"), "no key kept: {secrets}");
    assert!(!secrets.contains("wrong-key"));
    // A fresh process does not find a half-made connection either.
    let restarted = open_desk(w.dir.path());
    assert_eq!(
        restarted.fassto_run().await.unwrap_err().code(),
        "FMS_NOT_CONNECTED"
    );
    // The shop's parcels stay on the desk's list, untouched.
    w.desk.collect(None, None).await.unwrap();
    assert!(
        w.desk
            .parcels()
            .unwrap()
            .iter()
            .all(|p| p.stage == Stage::Ready)
    );
    assert!(w.fms.outbounds().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_customer_code_is_refused_at_connect() {
    let w = world(vec![order(1, &KIM, &[(TUMBLER, 1)])], goods(), false).await;
    let mut wrong = fassto_login(&w.fms);
    // Good apiCd/apiKey, but someone else's 고객사 코드: FASSTO signs in, then refuses every path.
    wrong.cst_cd = "99999".into();
    let e = w.desk.connect_fassto(wrong).await;
    assert!(
        e.is_err(),
        "connect must prove the customer code too, not only the key"
    );
    assert_eq!(
        w.desk.fassto_run().await.unwrap_err().code(),
        "FMS_NOT_CONNECTED"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_carrier_packdesk_does_not_know_is_not_pushed_as_cj() {
    let orders = vec![order(1, &KIM, &[(TUMBLER, 1)])];
    let id = orders[0].order_id.clone();
    let w = world(orders, goods(), true).await;
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.desk.fassto_run().await.unwrap().requested, 1);
    let slip = w
        .outbound_of(w.parcel_of(&id).parcel_id)
        .unwrap()
        .slip_no
        .unwrap();
    // 일양로지스 (Sweet Tracker "11"): not one of the desk's carriers.
    assert!(w.fms.ship(&slip, "3012345678", "11"));
    w.desk.fassto_run().await.unwrap();
    w.desk.sync().await.unwrap();
    let wrong: Vec<_> = w
        .shop
        .shipments()
        .into_iter()
        .filter(|s| s.order_id == id && s.shipping_company_code == "0006")
        .collect();
    assert!(
        wrong.is_empty(),
        "an 일양로지스 invoice was pushed to the shop as CJ대한통운: {wrong:?}"
    );
}
