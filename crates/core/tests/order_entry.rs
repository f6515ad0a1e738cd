//! 주문등록 through the production Desk API, beside orders collected from the Cafe24 simulator
//! over loopback: a hand order merging with a collected order of the same receiver, an Excel/CSV
//! file with a bad row in the middle (nothing stored, every reason listed), batches listed and
//! deleted, a delete refused once a label was printed, and a shipped hand order that owes Cafe24
//! nothing.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use chrono::Utc;
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    ConnectRequest, Desk, DeskOptions, EntryLine, OrderEntry, PrintRequest, Stage,
};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders};

const REDIRECT: &str = "http://127.0.0.1:9/callback";

struct World {
    dir: tempfile::TempDir,
    desk: Desk,
    _sim: Cafe24Sim,
}

async fn world(orders: usize) -> World {
    let sim = Cafe24Sim::start(
        SimConfig::default(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    sim.set_catalogue(demo_catalogue(3));
    sim.add_orders(demo_orders(3, Utc::now(), orders));
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
    desk.collect(None, None).await.unwrap();
    desk.add_invoice_pool("cj", "601234560001", 500).unwrap();
    World {
        dir,
        desk,
        _sim: sim,
    }
}

impl World {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> packdesk_store::Connection {
        packdesk_store::Connection::open(self.desk.db_path()).unwrap()
    }

    fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// A SKU with at least `n` units free.
    fn stocked_sku(&self, n: i64) -> String {
        self.db()
            .query_row(
                "SELECT v.sku FROM variants v JOIN stock s ON s.variant_id = v.id
                 WHERE s.on_hand - s.allocated >= ?1 ORDER BY v.id LIMIT 1",
                [n],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn free_stock(&self, sku: &str) -> i64 {
        self.db()
            .query_row(
                "SELECT s.on_hand - s.allocated FROM stock s JOIN variants v ON v.id = s.variant_id
                 WHERE v.sku = ?1",
                [sku],
                |r| r.get(0),
            )
            .unwrap()
    }

    async fn print_parcel(&self, parcel_id: i64) -> String {
        let row = self
            .desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.parcel_id == parcel_id)
            .unwrap();
        let pdf = self.path(&format!("labels-{parcel_id}.pdf"));
        self.desk
            .print(PrintRequest {
                range: row.no.to_string(),
                printer: Some(format!("file://{}", pdf.display())),
                ..PrintRequest::default()
            })
            .await
            .unwrap();
        self.desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.parcel_id == parcel_id)
            .unwrap()
            .tracking_no
            .unwrap()
    }
}

fn phone_order(channel: &str, name: &str, lines: Vec<EntryLine>) -> OrderEntry {
    OrderEntry {
        channel: channel.into(),
        order_id: None,
        name: name.into(),
        phone: String::new(),
        mobile: "010-5555-1234".into(),
        zipcode: "06236".into(),
        address1: "서울특별시 강남구 테헤란로 1".into(),
        address2: "101호".into(),
        message: String::new(),
        country: String::new(),
        lines,
        shipping_fee: 3000,
    }
}

fn line(name: &str, qty: i64, sku: Option<&str>) -> EntryLine {
    EntryLine {
        product_name: name.into(),
        option_text: "기본".into(),
        sku: sku.map(str::to_string),
        quantity: qty,
        unit_price: 10_000,
    }
}

const HEADER: &str = "판매처,주문번호,수령인,전화번호,휴대전화,우편번호,주소,상세주소,배송메시지,국가,상품명,옵션,SKU,수량,단가,배송비";

fn write_csv(w: &World, name: &str, rows: &[String]) -> PathBuf {
    let path = w.path(name);
    let mut text = format!("{HEADER}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn csv_row(
    order_id: &str,
    name: &str,
    zipcode: &str,
    product: &str,
    qty: &str,
    sku: &str,
) -> String {
    format!(
        "쿠팡,{order_id},{name},,010-7777-{:04},{zipcode},경기도 성남시 분당구 판교로 2,{},,KR,{product},블랙,{sku},{qty},12000,0",
        name.chars().count() * 1111,
        name.len()
    )
}

#[tokio::test]
async fn a_hand_order_merges_with_the_collected_order_of_the_same_receiver() {
    let w = world(6).await;
    // A collected order's receiver, as the desk stored it.
    let (order_id, name, phone, mobile, zipcode, a1, a2): (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ) = w
        .db()
        .query_row(
            "SELECT o.order_id, r.name, r.phone, r.mobile, r.zipcode, r.address1, r.address2
             FROM orders o JOIN receivers r ON r.order_id = o.id
             JOIN parcel_orders po ON po.order_id = o.id JOIN parcels p ON p.id = po.parcel_id
             WHERE p.stage IN ('ready', 'backorder', 'unmatched') AND r.country_code = 'KR'
             ORDER BY o.id LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .unwrap();
    let collected_parcel = w
        .desk
        .parcels()
        .unwrap()
        .into_iter()
        .find(|p| p.order_ids.contains(&order_id))
        .unwrap()
        .parcel_id;
    let mut entry = phone_order("전화주문", &name, vec![line("사은품 양말", 1, None)]);
    // Typed the way a person types: hyphens and the long province name.
    entry.phone = phone;
    entry.mobile = format!("{}-{}", &mobile[..3], &mobile[3..]);
    entry.zipcode = zipcode;
    entry.address1 = a1;
    entry.address2 = a2;
    let registered = w.desk.register_order(&entry).unwrap();
    assert!(registered.merged, "joined the collected order's parcel");
    assert_eq!(registered.parcel_id, collected_parcel);
    assert!(
        registered.order_id.starts_with('M'),
        "{}",
        registered.order_id
    );
    assert_eq!(registered.unmatched_lines, 1);
    // A line without a SKU waits in 매칭: the parcel cannot go yet.
    assert_eq!(registered.stage, Stage::Unmatched);
    let row = w
        .desk
        .parcels()
        .unwrap()
        .into_iter()
        .find(|p| p.parcel_id == collected_parcel)
        .unwrap();
    assert!(row.order_ids.contains(&order_id));
    assert!(row.order_ids.contains(&registered.order_id));
    // The hand order belongs to its channel's own shop row, not to the Cafe24 mall.
    let platform: String = w
        .db()
        .query_row(
            "SELECT s.platform FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.order_id = ?1",
            [&registered.order_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(platform, "manual");
    // …which no Cafe24 path lists.
    assert!(
        w.desk
            .shops()
            .unwrap()
            .iter()
            .all(|s| s.mall_id == "demoshop")
    );
}

#[tokio::test]
async fn a_hand_order_is_refused_with_every_reason_and_ids_are_unique_per_channel() {
    let w = world(2).await;
    let before = w.count("SELECT COUNT(*) FROM orders");
    let mut bad = phone_order("", " ", vec![line("", 0, Some("NO-SUCH-SKU"))]);
    bad.mobile = String::new();
    bad.zipcode = "1234".into();
    bad.address1 = String::new();
    let err = w.desk.register_order(&bad).unwrap_err();
    assert_eq!(err.code(), "ORDER_INVALID");
    let packdesk_core::DeskError::OrderEntry(packdesk_core::OrderEntryError::Invalid { issues }) =
        &err
    else {
        panic!("{err:?}");
    };
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    for want in [
        "CHANNEL_MISSING",
        "NAME_MISSING",
        "PHONE_MISSING",
        "ADDRESS_MISSING",
        "POSTCODE_BAD",
        "PRODUCT_MISSING",
        "QTY_BAD",
        "SKU_UNKNOWN",
    ] {
        assert!(codes.contains(&want), "{want} missing from {codes:?}");
    }
    assert!(
        err.message_ko().contains("우편번호"),
        "{}",
        err.message_ko()
    );
    assert_eq!(
        w.count("SELECT COUNT(*) FROM orders"),
        before,
        "nothing stored"
    );

    let mut ok = phone_order("스마트스토어", "김철수", vec![line("티셔츠", 2, None)]);
    ok.order_id = Some("SS-1001".into());
    w.desk.register_order(&ok).unwrap();
    let dup = w.desk.register_order(&ok).unwrap_err();
    assert_eq!(dup.code(), "ORDER_INVALID");
    assert!(dup.to_string().contains("already registered"), "{dup}");
    // The same id in another channel is another order.
    ok.channel = "쿠팡".into();
    w.desk.register_order(&ok).unwrap();
    let mut channels = w.desk.order_channels().unwrap();
    channels.sort();
    assert_eq!(
        channels,
        vec!["스마트스토어".to_string(), "쿠팡".to_string()]
    );
    // Generated ids count up within the day.
    let a = w
        .desk
        .register_order(&phone_order(
            "전화주문",
            "이영희",
            vec![line("컵", 1, None)],
        ))
        .unwrap();
    let b = w
        .desk
        .register_order(&phone_order(
            "전화주문",
            "박민수",
            vec![line("컵", 1, None)],
        ))
        .unwrap();
    assert_ne!(a.order_id, b.order_id);
    assert_eq!(a.order_id.len(), 13, "{}", a.order_id);
    assert!(b.order_id > a.order_id);
}

#[tokio::test]
async fn a_file_with_a_bad_row_in_the_middle_stores_nothing_and_lists_every_reason() {
    let w = world(2).await;
    let sku = w.stocked_sku(3);
    let path = write_csv(
        &w,
        "orders.csv",
        &[
            csv_row("CP-1", "정하늘", "13487", "후드티", "1", &sku),
            csv_row("CP-2", "오바다", "1348", "맨투맨", "0", ""),
            csv_row("CP-3", "유구름", "13487", "모자", "2", ""),
        ],
    );
    let orders_before = w.count("SELECT COUNT(*) FROM orders");
    let preview = w.desk.preview_order_file(&path, None).unwrap();
    assert_eq!(preview.orders, 3);
    assert_eq!(preview.bad_rows, 1);
    assert!(!preview.can_apply);
    let bad: Vec<_> = preview.rows.iter().filter(|r| !r.ok).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].row, 3, "the header is row 1");
    let codes: Vec<&str> = bad[0].issues.iter().map(|i| i.code.as_str()).collect();
    assert!(codes.contains(&"POSTCODE_BAD"), "{codes:?}");
    assert!(codes.contains(&"QTY_BAD"), "{codes:?}");
    assert!(
        bad[0]
            .issues
            .iter()
            .all(|i| !i.message_ko.is_empty() && !i.message_en.is_empty())
    );
    assert_eq!(bad[0].receiver, "오*다", "names are masked in the preview");

    let err = w.desk.import_order_file(&path, None, true).unwrap_err();
    assert_eq!(err.code(), "ORDER_FILE_INVALID");
    assert!(err.message_ko().contains("3행"), "{}", err.message_ko());
    assert_eq!(w.count("SELECT COUNT(*) FROM orders"), orders_before);
    assert!(w.desk.order_batches().unwrap().is_empty());
    // Nothing reserved either.
    assert_eq!(
        w.count("SELECT COUNT(*) FROM shops WHERE platform = 'manual'"),
        0
    );
}

#[tokio::test]
async fn a_batch_is_listed_and_deleted_as_a_whole_giving_its_stock_back() {
    let w = world(2).await;
    let sku = w.stocked_sku(3);
    let free_before = w.free_stock(&sku);
    // CP-10 has two lines (two rows with the same 주문번호); CP-11 is another receiver.
    let path = write_csv(
        &w,
        "batch.csv",
        &[
            csv_row("CP-10", "정하늘", "13487", "후드티", "2", &sku),
            csv_row("CP-10", "정하늘", "13487", "양말", "1", ""),
            csv_row("CP-11", "유구름", "13487", "모자", "1", &sku),
        ],
    );
    let preview = w.desk.preview_order_file(&path, None).unwrap();
    assert!(preview.can_apply, "{:?}", preview.issues);
    assert_eq!((preview.orders, preview.lines), (2, 3));
    // A preview stores nothing.
    assert!(w.desk.order_batches().unwrap().is_empty());

    let import = w.desk.import_order_file(&path, None, true).unwrap();
    let batch = import.batch.unwrap();
    assert_eq!((batch.orders, batch.lines), (2, 3));
    assert_eq!(batch.channel, "쿠팡");
    assert_eq!(w.desk.order_batches().unwrap(), vec![batch.clone()]);
    // CP-11's parcel is complete and took its stock (CP-10 waits for 매칭 and holds none).
    assert_eq!(w.free_stock(&sku), free_before - 1);
    let parcels_before = w.count("SELECT COUNT(*) FROM parcels");

    let deleted = w.desk.delete_order_batch(batch.id).unwrap();
    assert_eq!(deleted.orders_deleted, 2);
    assert_eq!(deleted.parcels_deleted, 2);
    assert!(w.desk.order_batches().unwrap().is_empty());
    assert_eq!(
        w.count("SELECT COUNT(*) FROM orders WHERE order_id IN ('CP-10', 'CP-11')"),
        0
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM parcels"), parcels_before - 2);
    assert_eq!(w.free_stock(&sku), free_before, "stock given back");
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM stock_ledger WHERE kind = 'release' AND ref = 'order-batch:{}' AND delta = -1",
            batch.id
        )),
        1,
        "the ledger says why the stock came back"
    );
    let again = w.desk.delete_order_batch(batch.id).unwrap_err();
    assert_eq!(again.code(), "ORDER_BATCH_UNKNOWN");
    // The ids are free again: the same file registers anew.
    w.desk.import_order_file(&path, None, true).unwrap();
}

#[tokio::test]
async fn deleting_a_batch_is_refused_once_a_label_was_printed() {
    let w = world(2).await;
    let sku = w.stocked_sku(2);
    let path = write_csv(
        &w,
        "printed.csv",
        &[
            csv_row("CP-20", "정하늘", "13487", "후드티", "1", &sku),
            csv_row("CP-21", "유구름", "13487", "모자", "1", &sku),
        ],
    );
    let batch = w
        .desk
        .import_order_file(&path, None, true)
        .unwrap()
        .batch
        .unwrap();
    let parcel: i64 = w
        .db()
        .query_row(
            "SELECT po.parcel_id FROM orders o JOIN parcel_orders po ON po.order_id = o.id
             WHERE o.order_id = 'CP-20'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    w.print_parcel(parcel).await;
    let err = w.desk.delete_order_batch(batch.id).unwrap_err();
    assert_eq!(err.code(), "ORDER_BATCH_LOCKED");
    assert!(err.to_string().contains("CP-20"), "{err}");
    assert!(
        !err.to_string().contains("CP-21"),
        "only the blockers are named: {err}"
    );
    assert!(err.message_ko().contains("출력"), "{}", err.message_ko());
    assert_eq!(
        w.count("SELECT COUNT(*) FROM orders WHERE order_id IN ('CP-20', 'CP-21')"),
        2,
        "nothing deleted"
    );
    assert_eq!(w.desk.order_batches().unwrap().len(), 1);
}

#[tokio::test]
async fn a_shipped_hand_order_queues_no_cafe24_push() {
    let w = world(2).await;
    let sku = w.stocked_sku(1);
    let registered = w
        .desk
        .register_order(&phone_order(
            "전화주문",
            "한가람",
            vec![line("텀블러", 1, Some(&sku))],
        ))
        .unwrap();
    assert_eq!(
        registered.stage,
        Stage::Ready,
        "matched by its SKU and allocated"
    );
    let tracking = w.print_parcel(registered.parcel_id).await;
    let outbox_before = w.count("SELECT COUNT(*) FROM outbox");
    let shipped = w.desk.ship_scan(&tracking).unwrap();
    assert_eq!(shipped.parcel_id, registered.parcel_id);
    assert_eq!(shipped.queued, 0);
    assert_eq!(w.count("SELECT COUNT(*) FROM outbox"), outbox_before);
    // A delivery run has nothing to send for it and does not try to reach a "manual" mall.
    let report = w.desk.sync().await.unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
}

#[tokio::test]
async fn the_template_reads_back_and_its_example_row_is_skipped() {
    let w = world(1).await;
    let path = w.path("downloads/주문등록양식.xlsx");
    w.desk.order_template(&path).unwrap();
    // Only the example row: nothing to register.
    let err = w.desk.preview_order_file(&path, Some("쿠팡")).unwrap_err();
    assert_eq!(err.code(), "ORDER_FILE_EMPTY");
    // A file without the receiver column is refused as a whole.
    let bad = w.path("nocols.csv");
    std::fs::write(&bad, "상품명,수량\n티셔츠,1\n").unwrap();
    let err = w.desk.preview_order_file(&bad, Some("쿠팡")).unwrap_err();
    assert_eq!(err.code(), "ORDER_FILE_COLUMNS");
    // Rows without a 판매처 take the channel chosen at upload; rows without one fail.
    let path = w.path("nochannel.csv");
    std::fs::write(
        &path,
        "수령인,휴대전화,우편번호,주소,상품명,수량\n김하나,010-1111-2222,04524,서울 중구 세종대로 110,컵,1\n",
    )
    .unwrap();
    let p = w.desk.preview_order_file(&path, Some("직접입력")).unwrap();
    assert!(p.can_apply, "{:?}", p.issues);
    assert_eq!(p.channels, vec!["직접입력".to_string()]);
    let p = w.desk.preview_order_file(&path, None).unwrap();
    assert_eq!(p.issues[0].code, "CHANNEL_MISSING");
}

#[tokio::test]
async fn the_app_downloads_the_template_and_uploads_a_file_as_base64() {
    use base64::Engine;
    let w = world(1).await;
    let dir = w.path("Downloads");
    let first = w.desk.order_template_into(Some(&dir)).unwrap();
    let second = w.desk.order_template_into(Some(&dir)).unwrap();
    assert!(first.ends_with("주문등록양식.xlsx"), "{first}");
    assert!(
        second.ends_with("주문등록양식-2.xlsx"),
        "never over an existing file: {second}"
    );

    let csv = "수령인,휴대전화,우편번호,주소,상품명,수량\n김하나,010-1111-2222,04524,서울 중구 세종대로 110,컵,1\n";
    let upload = packdesk_core::OrderUpload {
        file_name: "스마트스토어 주문.csv".into(),
        // As a browser's FileReader gives it.
        data_base64: format!(
            "data:text/csv;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(csv)
        ),
        channel: Some("스마트스토어".into()),
    };
    let preview = w.desk.import_order_upload(&upload, false).unwrap();
    assert_eq!(preview.preview.file_name, "스마트스토어 주문.csv");
    assert!(preview.batch.is_none());
    let applied = w.desk.import_order_upload(&upload, true).unwrap();
    let batch = applied.batch.unwrap();
    assert_eq!(batch.file_name, "스마트스토어 주문.csv");
    assert_eq!(batch.channel, "스마트스토어");
}
