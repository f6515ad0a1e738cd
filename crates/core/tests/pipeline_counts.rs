//! The 주문처리 page's 처리필요 counts through the production Desk API, against the Cafe24
//! simulator and a virtual label printer over loopback: an order with an unknown SKU, a 확인필요
//! pair, a parcel short of stock and parcels waiting for numbers; then the counts move as a person
//! merges, matches, prints, ships and as a cancellation arrives. The invoice pools warn when low.
//! The app's file hand-overs (an export into a folder, an upload as base64) round-trip.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration as StdDuration;

use base64::Engine;
use chrono::{Duration, Utc};
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    CarrierExportChoice, CarrierFileFormat, CarrierUpload, ConnectRequest, Desk, DeskOptions,
    ImportOutcome, ParcelRow, PipelineCounts, PrintRequest, Stage,
};
use packdesk_sim::cafe24::{
    Cafe24Sim, SimConfig, SimOrder, SimProduct, SimReceiver, SimVariant, demo_catalogue,
    demo_orders_between,
};
use packdesk_sim::printer::VirtualPrinter;

const REDIRECT: &str = "http://127.0.0.1:9/callback";
const UNKNOWN_CODE: &str = "P00000ZZ000A";

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

struct World {
    dir: tempfile::TempDir,
    desk: Desk,
    sim: Cafe24Sim,
    printer: VirtualPrinter,
    ids: Vec<String>,
}

fn stocked_catalogue() -> Vec<SimProduct> {
    let mut products = demo_catalogue(3);
    for v in products.iter_mut().flat_map(|p| p.variants.iter_mut()) {
        v.quantity = 500;
    }
    products
}

fn receiver(name: &str, mobile: &str, address2: &str) -> SimReceiver {
    SimReceiver {
        name: name.into(),
        phone: String::new(),
        cellphone: mobile.into(),
        zipcode: "06236".into(),
        address1: "서울특별시 강남구 테헤란로 152".into(),
        address2: address2.into(),
        shipping_message: String::new(),
        ..SimReceiver::default()
    }
}

/// Eight orders, one line each, every receiver their own except a 확인필요 pair:
/// 0 has a SKU the shop does not know (매칭), 1 and 2 share name and address but not the mobile
/// (합포 확인필요), 3 wants more than the stock (할당), 4–7 are ready for a number (송장).
fn orders() -> Vec<SimOrder> {
    let now = Utc::now();
    let mut orders = demo_orders_between(
        57,
        now - Duration::minutes(300),
        now - Duration::minutes(60),
        8,
    );
    for (i, o) in orders.iter_mut().enumerate() {
        o.items.truncate(1);
        o.items[0].quantity = 1;
        o.receivers = vec![receiver(
            &format!("고객{i}"),
            &format!("010-7000-{i:04}"),
            &format!("{i}01동 101호"),
        )];
    }
    {
        let item = &mut orders[0].items[0];
        item.variant_code = UNKNOWN_CODE.into();
        item.product_no = 999;
        item.product_code = "P00000ZZ".into();
        item.product_name = "신상 머그컵".into();
        item.option_value = String::new();
    }
    orders[2].receivers = vec![receiver("고객1", "010-7000-9999", "101동 101호")];
    orders[3].items[0].quantity = 10_000;
    orders
}

async fn world() -> World {
    let sim = Cafe24Sim::start(SimConfig::default(), loopback())
        .await
        .unwrap();
    sim.set_catalogue(stocked_catalogue());
    let orders = orders();
    let ids = orders.iter().map(|o| o.order_id.clone()).collect();
    sim.add_orders(orders);
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
    desk.set_default_printer(&printer.uri()).unwrap();
    desk.collect(None, None).await.unwrap();
    World {
        dir,
        desk,
        sim,
        printer,
        ids,
    }
}

impl World {
    fn counts(&self) -> PipelineCounts {
        self.desk.pipeline_counts().unwrap()
    }

    fn rows(&self) -> Vec<ParcelRow> {
        self.desk.parcels().unwrap()
    }

    fn parcel_of(&self, order: usize) -> ParcelRow {
        let id = &self.ids[order];
        self.rows()
            .into_iter()
            .find(|p| p.order_ids.contains(id))
            .unwrap_or_else(|| panic!("order {id} is in no parcel"))
    }

    fn in_stage(&self, stage: Stage) -> u32 {
        self.rows().iter().filter(|p| p.stage == stage).count() as u32
    }

    /// The counts agree with the working list the station shows, stage by stage.
    fn assert_agrees_with_list(&self) {
        let c = self.counts();
        assert_eq!(c.allocate, self.in_stage(Stage::Backorder), "{c:?}");
        assert_eq!(c.invoice, self.in_stage(Stage::Ready), "{c:?}");
        assert_eq!(
            c.ship,
            self.in_stage(Stage::Invoiced) + self.in_stage(Stage::Printed),
            "{c:?}"
        );
        assert_eq!(c.claims, self.in_stage(Stage::Claimed), "{c:?}");
        assert_eq!(
            c.merge as usize,
            self.desk.merge_reviews().unwrap().len(),
            "{c:?}"
        );
        assert_eq!(
            c.total,
            c.matching
                + c.merge
                + c.allocate
                + c.invoice
                + c.ship
                + c.mismatch
                + c.claims
                + c.returns
        );
    }

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

/// (matching, merge, allocate, invoice, ship, claims)
fn stages(c: &PipelineCounts) -> (u32, u32, u32, u32, u32, u32) {
    (c.matching, c.merge, c.allocate, c.invoice, c.ship, c.claims)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_move_as_parcels_move_through_the_stages() {
    let w = world().await;
    assert_eq!(w.parcel_of(0).stage, Stage::Unmatched);
    assert_eq!(w.parcel_of(3).stage, Stage::Backorder);
    assert_ne!(w.parcel_of(1).parcel_id, w.parcel_of(2).parcel_id);

    let c = w.counts();
    assert_eq!(stages(&c), (1, 1, 1, 6, 0, 0), "{c:?}");
    assert_eq!(c.total, 9);
    assert_eq!((c.mismatch, c.returns), (0, 0));
    w.assert_agrees_with_list();

    // 합포: merging the pair makes one parcel out of two waiting ones.
    let review = w.desk.merge_reviews().unwrap().remove(0);
    w.desk.decide_merge(review.id, true).unwrap();
    assert_eq!(stages(&w.counts()), (1, 0, 1, 5, 0, 0));
    w.assert_agrees_with_list();

    // 매칭: the product appears in the shop; the next run links the line and it waits for a number.
    let mut products = stocked_catalogue();
    products.push(SimProduct {
        product_no: 999,
        product_code: "P00000ZZ".into(),
        product_name: "신상 머그컵".into(),
        price: 12_000,
        product_weight: "0.40".into(),
        variants: vec![SimVariant {
            variant_code: UNKNOWN_CODE.into(),
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
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.parcel_of(0).stage, Stage::Ready);
    assert_eq!(stages(&w.counts()), (0, 0, 1, 6, 0, 0));

    // 송장 → 배송: printing gives two parcels numbers; they wait to be shipped.
    w.desk.add_invoice_pool("cj", "601234560001", 500).unwrap();
    let (a, b) = (w.parcel_of(4), w.parcel_of(5));
    w.print(&[a.no, b.no]).await;
    assert_eq!(stages(&w.counts()), (0, 0, 1, 4, 2, 0));
    w.assert_agrees_with_list();

    // 배송: a scan ships one; it needs nobody any more.
    let tracking = w.parcel_of(4).tracking_no.unwrap();
    w.desk.ship_scan(&tracking).unwrap();
    assert_eq!(stages(&w.counts()), (0, 0, 1, 4, 1, 0));

    // 클레임: a buyer cancels a waiting order; the parcel leaves 송장 for 클레임.
    assert!(w.sim.cancel_order(&w.ids[6]));
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.parcel_of(6).stage, Stage::Claimed);
    let c = w.counts();
    assert_eq!(stages(&c), (0, 0, 1, 3, 1, 1), "{c:?}");
    assert_eq!(c.total, 6);
    w.assert_agrees_with_list();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pool_warns_when_it_runs_low_and_only_if_the_carrier_ever_had_one() {
    let w = world().await;
    let pool = |carrier: &str| {
        w.desk
            .invoice_pools()
            .unwrap()
            .into_iter()
            .find(|p| p.carrier == carrier)
            .unwrap()
    };
    // No pool anywhere yet: carriers used through carrier files must not nag.
    assert!(w.counts().pools_low.is_empty());
    let hanjin = pool("hanjin");
    assert_eq!((hanjin.remaining, hanjin.used, hanjin.low), (0, 0, false));
    let cj = pool("cj");
    assert!(cj.is_default);
    assert_eq!(cj.waiting, 6, "{cj:?}");

    // 50 numbers: fewer than the low mark.
    w.desk.add_invoice_pool("cj", "601234560001", 50).unwrap();
    assert_eq!(w.counts().pools_low, vec!["cj".to_string()]);
    assert!(pool("cj").low);

    // Another 150: enough again. Printing uses numbers: used goes up, waiting down.
    w.desk.add_invoice_pool("cj", "601234560051", 150).unwrap();
    assert!(w.counts().pools_low.is_empty());
    let nos: Vec<u32> = [4, 5, 7].iter().map(|&i| w.parcel_of(i).no).collect();
    w.print(&nos).await;
    let cj = pool("cj");
    assert_eq!(
        (cj.remaining, cj.used, cj.waiting, cj.low),
        (197, 3, 3, false)
    );
    assert!(w.counts().pools_low.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_lands_in_the_folder_and_comes_back_as_an_upload_with_its_preview() {
    let w = world().await;
    let out = w.dir.path().join("downloads");
    let choice = CarrierExportChoice {
        carrier: "cj".into(),
        format: CarrierFileFormat::Csv,
        range: String::new(),
        layout: None,
    };
    let first = w
        .desk
        .export_carrier_file_into(&choice, Some(&out))
        .unwrap();
    let second = w
        .desk
        .export_carrier_file_into(&choice, Some(&out))
        .unwrap();
    let first_name = std::path::Path::new(&first.path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        first_name.starts_with("cj-") && first_name.ends_with(".csv"),
        "{first_name}"
    );
    assert_ne!(
        first.path, second.path,
        "the second export does not overwrite the first"
    );
    assert_eq!(first.rows, 6);

    // The webview sends the file back as base64 with its name; the preview reads it.
    let bytes = std::fs::read(&first.path).unwrap();
    let upload = CarrierUpload {
        file_name: first_name.clone(),
        data_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
        carrier: Some("cj".into()),
    };
    let preview = w.desk.preview_carrier_upload(&upload).unwrap();
    assert_eq!(preview.file_name, first_name);
    assert_eq!(preview.total, 6);
    // The exported file has no numbers filled in yet: every row says why it cannot go.
    assert!(
        preview
            .rows
            .iter()
            .all(|r| r.outcome == ImportOutcome::Failed),
        "{:?}",
        preview.rows
    );

    let garbage = CarrierUpload {
        file_name: "x.csv".into(),
        data_base64: "@@@".into(),
        carrier: None,
    };
    let err = w.desk.preview_carrier_upload(&garbage).unwrap_err();
    assert_eq!(err.code(), "UPLOAD_NOT_BASE64");
    assert!(err.message_ko().contains("x.csv"));
}
