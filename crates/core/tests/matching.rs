//! 매칭 through the production Desk API against the Cafe24 simulator over loopback: lines without a
//! 품목코드 wait unmatched, a person matches one by hand and the mapping matches the next line of
//! the same name and (reordered) option by itself; a barcode in the code field matches; bundles
//! take and ship their components' stock; a mapping file with bad rows changes nothing until it
//! is applied and then writes only the good rows; 상품 연동형 products are flagged.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    BundleComponentInput, ConnectRequest, Desk, DeskOptions, MappingRowOutcome, MatchTarget,
    ParcelRow, Stage,
};
use packdesk_sim::cafe24::{
    Cafe24Sim, SimConfig, SimItem, SimOrder, SimProduct, SimReceiver, demo_catalogue,
    demo_orders_between,
};

const REDIRECT: &str = "http://127.0.0.1:9/callback";

struct World {
    dir: tempfile::TempDir,
    desk: Desk,
    sim: Cafe24Sim,
    catalogue: Vec<SimProduct>,
    template: SimOrder,
    next_order: u32,
}

/// The demo catalogue with every variant at `stock`; the desk connected and the catalogue
/// collected (no orders yet).
async fn world(stock: i64, adjust: impl FnOnce(&mut Vec<SimProduct>)) -> World {
    let sim = Cafe24Sim::start(
        SimConfig::default(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    let mut catalogue = demo_catalogue(3);
    for v in catalogue.iter_mut().flat_map(|p| p.variants.iter_mut()) {
        v.quantity = stock;
    }
    adjust(&mut catalogue);
    sim.set_catalogue(catalogue.clone());
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
    let now = Utc::now();
    let template = demo_orders_between(5, now - Duration::hours(3), now - Duration::hours(2), 1)
        .pop()
        .unwrap();
    World {
        dir,
        desk,
        sim,
        catalogue,
        template,
        next_order: 0,
    }
}

/// One order line: `code` as the line's 품목코드 ("" for none), the name and option as sent.
fn item(code: &str, name: &str, option: &str, qty: u32) -> (String, String, String, u32) {
    (code.into(), name.into(), option.into(), qty)
}

impl World {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Puts a paid order with `lines` on the shop, to a receiver of its own (so it is not
    /// merged with another), and returns its id.
    fn order(&mut self, lines: &[(String, String, String, u32)]) -> String {
        self.next_order += 1;
        let n = self.next_order;
        let mut o = self.template.clone();
        let date = o.order_id.split('-').next().unwrap().to_string();
        o.order_id = format!("{date}-{:07}", 9_000_000 + n);
        let base = o.items[0].clone();
        o.items = lines
            .iter()
            .enumerate()
            .map(|(i, (code, name, option, qty))| SimItem {
                item_no: i as u32 + 1,
                order_item_code: format!("{}-{:02}", o.order_id, i + 1),
                variant_code: code.clone(),
                product_name: name.clone(),
                option_value: option.clone(),
                quantity: *qty,
                option_type: None,
                claim: None,
                ..base.clone()
            })
            .collect();
        o.receivers.truncate(1);
        o.receivers[0] = SimReceiver {
            name: format!("수령인{n}"),
            cellphone: format!("010-5555-{n:04}"),
            zipcode: "06236".into(),
            address1: "서울특별시 강남구 테헤란로 152".into(),
            address2: format!("{n}호"),
            ..SimReceiver::default()
        };
        let id = o.order_id.clone();
        self.sim.add_orders(vec![o]);
        id
    }

    async fn collect(&self) {
        self.desk.collect(None, None).await.unwrap();
    }

    fn parcel_of(&self, order_id: &str) -> ParcelRow {
        self.desk
            .parcels()
            .unwrap()
            .into_iter()
            .find(|p| p.order_ids.iter().any(|o| o == order_id))
            .unwrap_or_else(|| panic!("order {order_id} is in no parcel"))
    }

    fn db(&self) -> packdesk_store::Connection {
        packdesk_store::Connection::open(self.desk.db_path()).unwrap()
    }

    /// (on_hand, allocated) of a SKU.
    fn stock(&self, sku: &str) -> (i64, i64) {
        self.db()
            .query_row(
                "SELECT s.on_hand, s.allocated FROM stock s JOIN variants v ON v.id = s.variant_id
                 WHERE v.sku = ?1",
                [sku],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }

    /// A product whose variants have both 색상 and 사이즈 options, with its first two variants.
    fn color_size_product(&self) -> (&SimProduct, String, String) {
        let p = self
            .catalogue
            .iter()
            .find(|p| {
                p.option_type.is_none() && p.variants.len() >= 2 && p.variants[0].options.len() == 2
            })
            .unwrap();
        (
            p,
            p.variants[0].variant_code.clone(),
            p.variants[1].variant_code.clone(),
        )
    }
}

fn option_text(p: &SimProduct, variant: usize) -> String {
    p.variants[variant]
        .options
        .iter()
        .map(|o| format!("{}={}", o.name, o.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The same options listed the other way round, without spaces.
fn reversed_option_text(p: &SimProduct, variant: usize) -> String {
    p.variants[variant]
        .options
        .iter()
        .rev()
        .map(|o| format!("{}={}", o.name, o.value))
        .collect::<Vec<_>>()
        .join(",")
}

fn write_csv(path: &Path, rows: &[[&str; 3]]) {
    let text: String = rows
        .iter()
        .map(|r| format!("\"{}\",\"{}\",\"{}\"\n", r[0], r[1], r[2]))
        .collect();
    std::fs::write(path, text).unwrap();
}

fn write_xlsx(path: &Path, rows: &[[&str; 3]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_matched_by_hand_is_remembered_and_the_same_name_with_reordered_options_matches_next_time()
 {
    let mut w = world(50, |_| {}).await;
    let (p, sku_l, sku_other) = w.color_size_product();
    let (p, sku_l, sku_other) = (p.clone(), sku_l, sku_other);
    // Another channel's name for the product, and the option as that channel writes it.
    let name = format!("[스마트스토어] {}", p.product_name);
    let first = w.order(&[item("", &name, &option_text(&p, 0), 2)]);
    let other_option = w.order(&[item("", &name, &option_text(&p, 1), 1)]);
    w.collect().await;

    assert_eq!(w.parcel_of(&first).stage, Stage::Unmatched);
    let groups = w.desk.unmatched_groups().unwrap();
    assert_eq!(groups.len(), 2, "one group per name+option: {groups:?}");
    let g = groups
        .iter()
        .find(|g| g.option_text == option_text(&p, 0))
        .unwrap();
    assert_eq!((g.lines, g.orders, g.quantity), (1, 1, 2));
    assert!(!g.linked_option);
    assert_eq!(g.flag_ko, None);
    assert!(
        !g.channels.is_empty(),
        "the shop the order came from is named"
    );

    // The packer searches by a word of the name and the option value and finds the SKU.
    let word = p.product_name.split_whitespace().last().unwrap();
    let value = &p.variants[0].options[0].value;
    let hits = w.desk.search_skus(&format!("{word} {value}"), 20).unwrap();
    let hit = hits.iter().find(|h| h.sku == sku_l).unwrap();
    assert_eq!(hit.available, 50);
    for h in &hits {
        let text = format!("{} {}", h.product_name, h.option_text);
        assert!(
            text.contains(word) && text.contains(value.as_str()),
            "every hit has every word: {h:?}"
        );
    }
    assert_eq!(
        w.desk.search_skus(&sku_l, 5).unwrap()[0].sku,
        sku_l,
        "an exact code comes first"
    );

    // Matched once, remembered.
    let done = w
        .desk
        .match_line(
            &MatchTarget::Item {
                item_id: g.first_item_id,
            },
            &sku_l,
            true,
        )
        .unwrap();
    assert_eq!((done.matched_lines, done.parcels, done.ready), (1, 1, 1));
    assert!(done.mapping_id.is_some());
    assert_eq!(w.parcel_of(&first).stage, Stage::Ready);
    assert_eq!(w.stock(&sku_l), (50, 2), "the matched line took its stock");
    assert_eq!(
        w.parcel_of(&other_option).stage,
        Stage::Unmatched,
        "another option of the same product is another SKU: not matched by the name alone"
    );
    let mappings = w.desk.sku_mappings().unwrap();
    assert_eq!(mappings.len(), 1);
    assert_eq!(
        (mappings[0].sku.as_str(), mappings[0].source.as_str()),
        (sku_l.as_str(), "hand")
    );

    // The next order of that name and option — spelled with other spaces and case, the options
    // listed the other way round — matches by itself at collection.
    let spelled = format!("  [스마트스토어]   {}  ", p.product_name).to_uppercase();
    let next = w.order(&[item("", &spelled, &reversed_option_text(&p, 0), 1)]);
    w.collect().await;
    assert_eq!(w.parcel_of(&next).stage, Stage::Ready);
    assert_eq!(w.stock(&sku_l), (50, 3));
    let waiting = w.desk.unmatched_groups().unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].option_text, option_text(&p, 1));

    // Matched without remembering: this line only, and nothing is kept.
    let once = w
        .desk
        .match_line(
            &MatchTarget::Group {
                product_name: name.clone(),
                option_text: option_text(&p, 1),
            },
            &sku_other,
            false,
        )
        .unwrap();
    assert_eq!((once.matched_lines, once.mapping_id), (1, None));
    assert_eq!(w.parcel_of(&other_option).stage, Stage::Ready);
    assert_eq!(w.desk.sku_mappings().unwrap().len(), 1);
    let again = w.order(&[item("", &name, &option_text(&p, 1), 1)]);
    w.collect().await;
    assert_eq!(w.parcel_of(&again).stage, Stage::Unmatched);

    // Unknown SKUs and lines are refused with their codes; a forgotten mapping matches no more.
    let err = w
        .desk
        .match_line(&MatchTarget::Item { item_id: 999_999 }, &sku_l, true)
        .unwrap_err();
    assert_eq!(err.code(), "MATCH_UNKNOWN_ITEM");
    let err = w
        .desk
        .match_line(
            &MatchTarget::Group {
                product_name: name.clone(),
                option_text: option_text(&p, 1),
            },
            "NO-SUCH-SKU",
            true,
        )
        .unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_SKU");
    w.desk.delete_mapping(mappings[0].id).unwrap();
    assert_eq!(
        w.desk.delete_mapping(mappings[0].id).unwrap_err().code(),
        "MAPPING_UNKNOWN"
    );
    let after = w.order(&[item("", &name, &option_text(&p, 0), 1)]);
    w.collect().await;
    assert_eq!(w.parcel_of(&after).stage, Stage::Unmatched);
    assert_eq!(
        w.parcel_of(&first).stage,
        Stage::Ready,
        "matched lines keep their SKU"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_barcode_or_sku_code_in_the_code_field_matches_and_an_edited_mapping_applies_to_new_lines()
 {
    let mut w = world(50, |_| {}).await;
    let (_, sku_a, sku_b) = w.color_size_product();
    w.db()
        .execute(
            "UPDATE variants SET barcode = '8801234567893' WHERE sku = ?1",
            [&sku_b],
        )
        .unwrap();
    let by_barcode = w.order(&[item("8801234567893", "외부몰 상품", "", 1)]);
    w.collect().await;
    assert_eq!(w.parcel_of(&by_barcode).stage, Stage::Ready);
    assert_eq!(w.stock(&sku_b), (50, 1));

    let first = w.order(&[item("", "수기 상품", "색상=블랙", 1)]);
    w.collect().await;
    let m = w
        .desk
        .match_line(
            &MatchTarget::Group {
                product_name: "수기 상품".into(),
                option_text: "색상=블랙".into(),
            },
            &sku_a,
            true,
        )
        .unwrap();
    assert_eq!(w.parcel_of(&first).stage, Stage::Ready);
    let edited = w.desk.edit_mapping(m.mapping_id.unwrap(), &sku_b).unwrap();
    assert_eq!(edited.sku, sku_b);
    let next = w.order(&[item("", "수기 상품", "색상=블랙", 1)]);
    w.collect().await;
    assert_eq!(w.parcel_of(&next).stage, Stage::Ready);
    assert_eq!(
        w.stock(&sku_b),
        (50, 2),
        "the edited mapping's SKU took the new line"
    );
    assert_eq!(w.stock(&sku_a), (50, 1), "the first line kept its SKU");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bundle_takes_each_components_stock_and_shipping_ships_the_components() {
    // The sold set and two of its components, with known stock.
    let mut w = world(50, |c| {
        c[1].variants[0].quantity = 7;
        c[2].variants[0].quantity = 3;
    })
    .await;
    let sold = w.catalogue[0].variants[0].variant_code.clone();
    let x = w.catalogue[1].variants[0].variant_code.clone();
    let y = w.catalogue[2].variants[0].variant_code.clone();
    let info = w
        .desk
        .set_bundle(
            &sold,
            &[
                BundleComponentInput {
                    sku: x.clone(),
                    count: 2,
                },
                BundleComponentInput {
                    sku: y.clone(),
                    count: 1,
                },
            ],
        )
        .unwrap();
    assert_eq!(info.components.len(), 2);
    assert_eq!(w.desk.bundles().unwrap(), vec![info.clone()]);
    let hit = w.desk.search_skus(&sold, 1).unwrap().remove(0);
    assert!(hit.bundle);
    assert_eq!(hit.available, 3, "min(7 / 2, 3 / 1) whole sets");

    // Bundles do not nest or contain themselves; counts are whole.
    let nested = w
        .desk
        .set_bundle(
            &x,
            &[BundleComponentInput {
                sku: sold.clone(),
                count: 1,
            }],
        )
        .unwrap_err();
    assert_eq!(nested.code(), "BUNDLE_NESTED");
    let zero = w
        .desk
        .set_bundle(
            &sold,
            &[BundleComponentInput {
                sku: x.clone(),
                count: 0,
            }],
        )
        .unwrap_err();
    assert_eq!(zero.code(), "BUNDLE_BAD_COUNT");

    let sold_before = w.stock(&sold);
    let product = w.catalogue[0].product_name.clone();
    let two_sets = w.order(&[item(
        &sold,
        &product,
        &option_text(&w.catalogue[0].clone(), 0),
        2,
    )]);
    w.collect().await;
    assert_eq!(w.parcel_of(&two_sets).stage, Stage::Ready);
    assert_eq!(w.stock(&x), (7, 4), "2 sets × 2");
    assert_eq!(w.stock(&y), (3, 2), "2 sets × 1");
    assert_eq!(
        w.stock(&sold),
        sold_before,
        "the sold SKU's own stock is not taken"
    );

    // Only one more set's worth of Y is left: a parcel of two sets waits for stock.
    let short = w.order(&[item(&sold, &product, "", 2)]);
    w.collect().await;
    assert_eq!(w.parcel_of(&short).stage, Stage::Backorder);
    assert_eq!(
        w.stock(&y),
        (3, 2),
        "a parcel that cannot be whole holds nothing"
    );

    // While stock is held for it, the bundle cannot change.
    let busy = w
        .desk
        .set_bundle(
            &sold,
            &[BundleComponentInput {
                sku: y.clone(),
                count: 1,
            }],
        )
        .unwrap_err();
    assert_eq!(busy.code(), "BUNDLE_IN_USE");
    assert_eq!(
        w.desk.delete_bundle(&sold).unwrap_err().code(),
        "BUNDLE_IN_USE"
    );

    // Ship the first parcel via a carrier file: the components leave the building.
    let parcel = w.parcel_of(&two_sets);
    let number = packdesk_core::invoice::block("cj", "601234560001", 1)
        .ok()
        .unwrap()
        .remove(0);
    let file = w.path("cj-return.csv");
    std::fs::write(
        &file,
        format!(
            "고객주문번호,운송장번호\nP{:07},{number}\n",
            parcel.parcel_id
        ),
    )
    .unwrap();
    let preview = w.desk.preview_carrier_file(&file, Some("cj")).unwrap();
    w.desk.apply_carrier_import(preview.import_id).unwrap();
    w.desk.ship_scan(&number).unwrap();
    assert_eq!(w.parcel_of(&two_sets).stage, Stage::Shipped);
    assert_eq!(w.stock(&x), (3, 0));
    assert_eq!(w.stock(&y), (1, 0));
    assert_eq!(w.stock(&sold), sold_before);
    let ledger: Vec<(String, i64)> = {
        let db = w.db();
        let mut stmt = db
            .prepare(
                "SELECT v.sku, l.delta FROM stock_ledger l JOIN variants v ON v.id = l.variant_id
                 WHERE l.kind = 'ship' ORDER BY l.id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(ledger, vec![(x.clone(), -4), (y.clone(), -2)]);

    // Nothing held any more: the bundle can be dissolved.
    w.desk.delete_bundle(&sold).unwrap();
    assert!(w.desk.bundles().unwrap().is_empty());
    assert_eq!(
        w.desk.delete_bundle(&sold).unwrap_err().code(),
        "BUNDLE_UNKNOWN"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mapping_file_with_bad_rows_applies_nothing_until_confirmed_and_then_only_the_good_rows()
{
    let mut w = world(50, |_| {}).await;
    let (_, sku_a, sku_b) = w.color_size_product();
    let waiting_a = w.order(&[item("", "엑셀 상품 A", "색상=화이트, 사이즈=L", 1)]);
    let waiting_b = w.order(&[item("", "엑셀 상품 B", "", 1)]);
    w.collect().await;
    // Already remembered: C → sku_a (the file says sku_b: a conflict).
    let c = w.order(&[item("", "엑셀 상품 C", "", 1)]);
    w.collect().await;
    w.desk
        .match_line(
            &MatchTarget::Group {
                product_name: "엑셀 상품 C".into(),
                option_text: String::new(),
            },
            &sku_a,
            true,
        )
        .unwrap();
    assert_eq!(w.parcel_of(&c).stage, Stage::Ready);

    let rows: Vec<[&str; 3]> = vec![
        ["상품 매칭표", "", ""],
        ["상품명", "옵션", "SKU(품목코드 또는 바코드)"],
        ["엑셀 상품 A", "사이즈=L, 색상=화이트", sku_a.as_str()],
        ["엑셀 상품 X", "", "NO-SUCH-SKU"],
        ["", "색상=블랙", sku_a.as_str()],
        ["엑셀 상품 A", "색상=화이트,사이즈=L", sku_a.as_str()],
        ["엑셀 상품 C", "", sku_b.as_str()],
        ["엑셀 상품 B", "", sku_b.as_str()],
    ];
    for (name, write) in [
        ("mapping.xlsx", write_xlsx as fn(&Path, &[[&str; 3]])),
        ("mapping.csv", write_csv),
    ] {
        let file = w.path(name);
        write(&file, &rows);
        let preview = w.desk.import_mappings(&file, false).unwrap();
        assert!(!preview.applied);
        let outcomes: Vec<(u32, MappingRowOutcome)> =
            preview.rows.iter().map(|r| (r.row_no, r.outcome)).collect();
        assert_eq!(
            outcomes,
            vec![
                (3, MappingRowOutcome::Ok),
                (4, MappingRowOutcome::UnknownSku),
                (5, MappingRowOutcome::EmptyName),
                (6, MappingRowOutcome::DuplicateInFile),
                (7, MappingRowOutcome::Conflict),
                (8, MappingRowOutcome::Ok),
            ],
            "{name}"
        );
        assert_eq!((preview.ok, preview.failed), (2, 4));
        assert!(
            preview.rows[4]
                .detail_ko
                .as_deref()
                .unwrap()
                .contains(&sku_a)
        );
        // A preview writes nothing and matches nothing.
        assert_eq!(w.desk.sku_mappings().unwrap().len(), 1);
        assert_eq!(w.parcel_of(&waiting_a).stage, Stage::Unmatched);
        assert_eq!(w.parcel_of(&waiting_b).stage, Stage::Unmatched);
    }

    let applied = w
        .desk
        .import_mappings(&w.path("mapping.xlsx"), true)
        .unwrap();
    assert!(applied.applied);
    assert_eq!((applied.ok, applied.failed, applied.written), (2, 4, 2));
    assert_eq!(applied.matched_lines, 2);
    assert_eq!(w.parcel_of(&waiting_a).stage, Stage::Ready);
    assert_eq!(w.parcel_of(&waiting_b).stage, Stage::Ready);
    let mut kept: Vec<(String, String, String)> = w
        .desk
        .sku_mappings()
        .unwrap()
        .into_iter()
        .map(|m| (m.product_name, m.sku, m.source))
        .collect();
    kept.sort();
    assert_eq!(
        kept,
        vec![
            ("엑셀 상품 A".into(), sku_a.clone(), "excel".into()),
            ("엑셀 상품 B".into(), sku_b.clone(), "excel".into()),
            ("엑셀 상품 C".into(), sku_a.clone(), "hand".into()),
        ],
        "the conflicting row did not overwrite the mapping a person made"
    );

    // Applying the same file again writes nothing new.
    let again = w
        .desk
        .import_mappings(&w.path("mapping.csv"), true)
        .unwrap();
    assert_eq!((again.ok, again.written), (2, 0));

    // The app sends the file's bytes as base64: the same preview, and the user's file name in
    // messages.
    use base64::Engine as _;
    let bytes = std::fs::read(w.path("mapping.xlsx")).unwrap();
    let upload = w
        .desk
        .import_mapping_upload(
            "매칭표.xlsx",
            &base64::engine::general_purpose::STANDARD.encode(&bytes),
            false,
        )
        .unwrap();
    assert_eq!((upload.ok, upload.failed), (2, 4));
    let junk = base64::engine::general_purpose::STANDARD.encode([0u8, 1, 2, 3, 4, 5, 6, 7]);
    let err = w
        .desk
        .import_mapping_upload("매칭표.xlsx", &junk, false)
        .unwrap_err();
    assert_eq!(err.code(), "MAPPING_FILE_NOT_SPREADSHEET");
    assert!(
        err.message_ko().contains("매칭표.xlsx"),
        "{}",
        err.message_ko()
    );
    assert_eq!(
        w.desk
            .import_mapping_upload("x.csv", "@@@", false)
            .unwrap_err()
            .code(),
        "UPLOAD_NOT_BASE64",
        "every upload from the app fails the same way when its bytes did not arrive"
    );

    // Files that are not mapping files are refused as a whole.
    let junk = w.path("junk.xlsx");
    std::fs::write(&junk, [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    assert_eq!(
        w.desk.import_mappings(&junk, false).unwrap_err().code(),
        "MAPPING_FILE_NOT_SPREADSHEET"
    );
    let no_header = w.path("no-header.csv");
    write_csv(&no_header, &[["이름", "수량", "가격"], ["a", "1", "2"]]);
    assert_eq!(
        w.desk
            .import_mappings(&no_header, false)
            .unwrap_err()
            .code(),
        "MAPPING_FILE_NO_HEADER"
    );
    let header_only = w.path("header-only.csv");
    write_csv(&header_only, &[["상품명", "옵션", "SKU"]]);
    assert_eq!(
        w.desk
            .import_mappings(&header_only, false)
            .unwrap_err()
            .code(),
        "MAPPING_FILE_NO_ROWS"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linked_option_products_are_flagged_in_the_unmatched_list_and_the_search() {
    let mut w = world(50, |_| {}).await;
    let linked = w
        .catalogue
        .iter()
        .find(|p| p.option_type.as_deref() == Some("E"))
        .unwrap()
        .clone();
    let plain = w
        .catalogue
        .iter()
        .find(|p| p.option_type.is_none())
        .unwrap()
        .clone();
    w.order(&[item("", &linked.product_name, "포장=선물포장", 1)]);
    w.order(&[item("", &plain.product_name, "색상=없는색", 1)]);
    w.collect().await;
    let groups = w.desk.unmatched_groups().unwrap();
    assert_eq!(groups.len(), 2);
    let flagged = groups
        .iter()
        .find(|g| g.product_name == linked.product_name)
        .unwrap();
    assert!(flagged.linked_option);
    assert!(flagged.flag_ko.as_deref().unwrap().contains("연동형"));
    assert!(
        flagged
            .flag_en
            .as_deref()
            .unwrap()
            .contains("linked option")
    );
    let unflagged = groups
        .iter()
        .find(|g| g.product_name == plain.product_name)
        .unwrap();
    assert!(!unflagged.linked_option);

    let hits = w
        .desk
        .search_skus(&linked.variants[0].variant_code, 5)
        .unwrap();
    assert!(hits[0].linked_option);
    let hits = w
        .desk
        .search_skus(&plain.variants[0].variant_code, 5)
        .unwrap();
    assert!(!hits[0].linked_option);
}
