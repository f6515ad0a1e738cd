//! The carrier-file route through the production code, with real files on disk and the Cafe24
//! simulator over loopback: export the waiting parcels in a carrier's layout (XLSX and CSV), let
//! "the carrier" fill in its numbers, read the file back with a row-by-row preview, apply it in one
//! transaction, and ship the parcels on scan. Bad rows, duplicates, claimed and shipped parcels,
//! numbers in use, and malformed files that must fail clearly and change nothing.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use calamine::{Reader, open_workbook_auto};
use chrono::Utc;
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    CarrierExportRequest, CarrierFileFormat, CarrierImportPreview, ConnectRequest, Desk,
    DeskOptions, ImportOutcome, ParcelRow, Stage,
};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders};

const REDIRECT: &str = "http://127.0.0.1:9/callback";

struct World {
    dir: tempfile::TempDir,
    desk: Desk,
    sim: Cafe24Sim,
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
    World { dir, desk, sim }
}

impl World {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn rows(&self) -> Vec<ParcelRow> {
        self.desk.parcels().unwrap()
    }

    fn row(&self, parcel_id: i64) -> ParcelRow {
        self.rows()
            .into_iter()
            .find(|p| p.parcel_id == parcel_id)
            .unwrap()
    }

    /// Rows waiting for a number.
    fn waiting(&self) -> Vec<ParcelRow> {
        self.rows()
            .into_iter()
            .filter(|p| p.stage == Stage::Ready)
            .collect()
    }

    fn export(&self, carrier: &str, format: CarrierFileFormat, name: &str, range: &str) -> PathBuf {
        let out = self.path(name);
        let report = self
            .desk
            .export_carrier_file(&CarrierExportRequest {
                carrier: carrier.into(),
                format,
                out: out.clone(),
                range: range.into(),
                layout: None,
            })
            .unwrap();
        assert_eq!(report.path, out.display().to_string());
        out
    }

    /// Every parcel's (stage, tracking number): what must not move while nothing is applied.
    fn snapshot(&self) -> Vec<(i64, Stage, Option<String>)> {
        self.rows()
            .into_iter()
            .map(|p| (p.parcel_id, p.stage, p.tracking_no))
            .collect()
    }
}

fn code(parcel_id: i64) -> String {
    format!("P{parcel_id:07}")
}

/// `n` consecutive valid CJ numbers from `first`.
fn cj_numbers(first: &str, n: u32) -> Vec<String> {
    packdesk_core::invoice::block("cj", first, n).ok().unwrap()
}

fn read_sheet(path: &Path) -> (String, Vec<Vec<String>>) {
    let mut book = open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let rows = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    (name, rows)
}

/// The carrier's file: any headers, any rows, as an XLSX written by a different library path
/// than the export (the standard, not constant-memory, workbook).
fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let text: String = rows.iter().map(|r| r.join(",") + "\r\n").collect();
    std::fs::write(path, text).unwrap();
}

/// An OLE compound file with one 4 KiB stream named `stream`: how Excel stores an XLSX saved
/// with a password (`EncryptedPackage`), and also how a Word document (`WordDocument`) looks.
/// Sector 0 is the FAT, sector 1 the directory, sectors 2–9 the stream.
fn compound_file(stream: &str) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FAT_SECTOR: u32 = 0xFFFF_FFFD;
    fn put16(b: &mut [u8], at: usize, v: u16) {
        b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    }
    fn put32(b: &mut [u8], at: usize, v: u32) {
        b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put16(&mut header, 24, 0x003E); // minor version
    put16(&mut header, 26, 3); // major version: 512-byte sectors
    put16(&mut header, 28, 0xFFFE); // little endian
    put16(&mut header, 30, 9); // sector shift
    put16(&mut header, 32, 6); // mini sector shift
    put32(&mut header, 44, 1); // FAT sectors
    put32(&mut header, 48, 1); // first directory sector
    put32(&mut header, 56, 0x1000); // mini stream cutoff
    put32(&mut header, 60, END); // no mini FAT
    put32(&mut header, 68, END); // no DIFAT sectors
    put32(&mut header, 76, 0); // the FAT is sector 0
    for i in 1..109 {
        put32(&mut header, 76 + 4 * i, FREE);
    }
    let mut fat = vec![0u8; 512];
    let mut chain = vec![FREE; 128];
    chain[0] = FAT_SECTOR;
    chain[1] = END;
    for (s, next) in chain.iter_mut().enumerate().take(9).skip(2) {
        *next = s as u32 + 1;
    }
    chain[9] = END;
    for (i, v) in chain.iter().enumerate() {
        put32(&mut fat, 4 * i, *v);
    }
    let mut dir = vec![0u8; 512];
    let entry =
        |dir: &mut Vec<u8>, i: usize, name: &str, kind: u8, child: u32, start: u32, len: u32| {
            let e = &mut dir[i * 128..(i + 1) * 128];
            let utf16: Vec<u16> = name.encode_utf16().collect();
            for (j, u) in utf16.iter().enumerate() {
                put16(e, 2 * j, *u);
            }
            put16(e, 64, (utf16.len() as u16 + 1) * 2);
            e[66] = kind;
            e[67] = 1; // black
            put32(e, 68, FREE); // left sibling
            put32(e, 72, FREE); // right sibling
            put32(e, 76, child);
            put32(e, 116, start);
            put32(e, 120, len);
        };
    entry(&mut dir, 0, "Root Entry", 5, 1, END, 0);
    entry(&mut dir, 1, stream, 2, FREE, 2, 4096);
    for i in 2..4 {
        put32(&mut dir[i * 128..], 68, FREE);
        put32(&mut dir[i * 128..], 72, FREE);
        put32(&mut dir[i * 128..], 76, FREE);
    }
    let data: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8).collect();
    [header, fat, dir, data].concat()
}

fn row_of(preview: &CarrierImportPreview, file_row: u32) -> &packdesk_core::CarrierImportRow {
    preview.rows.iter().find(|r| r.row == file_row).unwrap()
}

fn s(v: &str) -> String {
    v.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xlsx_round_trip_assigns_numbers_and_the_parcels_then_ship_on_scan() {
    let w = world(20).await;
    let waiting = w.waiting();
    assert!(waiting.len() >= 5, "the shop has parcels waiting");
    let out = w.export("cj", CarrierFileFormat::Xlsx, "cj.xlsx", "");
    assert!(!w.path("cj.xlsx.partial").exists(), "no partial file left");

    // The file is in the CJ layout, one row per waiting parcel, keyed by the parcel code, with
    // the recipient unmasked (it is for the carrier) and the number column blank.
    let (sheet, rows) = read_sheet(&out);
    assert_eq!(sheet, "송장등록");
    let header = &rows[0];
    assert_eq!(header[0], "연번");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (code_col, number_col, name_col, orders_col) = (
        col("고객주문번호"),
        col("운송장번호"),
        col("받는분성명"),
        col("주문번호"),
    );
    assert_eq!(rows.len() - 1, waiting.len());
    for (row, p) in rows[1..].iter().zip(&waiting) {
        assert_eq!(row[0], p.no.to_string());
        assert_eq!(row[code_col], code(p.parcel_id));
        assert_eq!(row[orders_col], p.order_ids.join(", "));
        assert!(row[number_col].is_empty());
        assert!(
            !row[name_col].is_empty() && !row[name_col].contains('*'),
            "{}",
            row[name_col]
        );
    }

    // The carrier sends back its own file: a title line above the header, its own spelling of
    // the headers, the numbers hyphenated as printed.
    let numbers = cj_numbers("601234560001", waiting.len() as u32);
    let mut back = vec![
        vec![s("CJ대한통운 송장번호 출력자료 2026-11-23")],
        vec![s("받는분성명"), s("고객주문번호"), s("운송장 번호")],
    ];
    for (row, n) in rows[1..].iter().zip(&numbers) {
        let hyphenated = format!("{}-{}-{}", &n[..4], &n[4..8], &n[8..]);
        back.push(vec![
            row[name_col].clone(),
            row[code_col].clone(),
            hyphenated,
        ]);
    }
    let returned = w.path("cj-return.xlsx");
    write_xlsx(&returned, &back);

    let before = w.snapshot();
    let preview = w.desk.preview_carrier_file(&returned, None).unwrap();
    assert_eq!(preview.format, "xlsx");
    assert_eq!(preview.status, "preview");
    assert_eq!(
        (preview.total, preview.assign, preview.failed),
        (waiting.len() as u32, waiting.len() as u32, 0)
    );
    assert_eq!(
        preview.rows[0].row, 3,
        "rows are numbered as the spreadsheet numbers them"
    );
    assert!(
        preview
            .rows
            .iter()
            .all(|r| r.outcome == ImportOutcome::Assign)
    );
    assert_eq!(w.snapshot(), before, "a preview changes nothing");

    let report = w.desk.apply_carrier_import(preview.import_id).unwrap();
    assert_eq!((report.assigned, report.failed), (waiting.len() as u32, 0));
    for (p, n) in waiting.iter().zip(&numbers) {
        let now = w.row(p.parcel_id);
        assert_eq!(now.stage, Stage::Invoiced);
        assert_eq!(now.tracking_no.as_deref(), Some(n.as_str()));
    }
    // A preview applies once.
    let again = w.desk.apply_carrier_import(preview.import_id).unwrap_err();
    assert_eq!(again.code(), "CARRIER_IMPORT_NOT_PENDING");

    // The numbers are the parcels' now: scanning one ships it and queues the shop's push.
    let shipped = w.desk.ship_scan(&numbers[0]).unwrap();
    assert_eq!(shipped.parcel_id, waiting[0].parcel_id);
    assert_eq!(w.row(waiting[0].parcel_id).stage, Stage::Shipped);
    w.desk.sync().await.unwrap();
    let pushed = w.sim.shipments();
    assert!(
        pushed.iter().any(|s| s.tracking_no == numbers[0]),
        "the shop got the imported number"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_with_a_bad_row_in_the_middle_previews_its_reason_and_applies_the_others_only() {
    let w = world(20).await;
    let waiting = w.waiting();
    let out = w.export("cj", CarrierFileFormat::Csv, "cj.csv", "");
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 with BOM for Excel"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.lines().next().unwrap().contains("운송장번호"));
    for p in &waiting {
        assert!(text.contains(&code(p.parcel_id)));
    }

    let numbers = cj_numbers("601234570001", waiting.len() as u32);
    let bad_at = waiting.len() / 2;
    let mut back = vec![vec![s("고객주문번호"), s("송장번호")]];
    for (i, (p, n)) in waiting.iter().zip(&numbers).enumerate() {
        // 11 digits: not a CJ number.
        let number = if i == bad_at {
            n[..11].to_string()
        } else {
            n.clone()
        };
        back.push(vec![code(p.parcel_id), number]);
    }
    let returned = w.path("return.csv");
    write_csv(&returned, &back);

    let before = w.snapshot();
    let preview = w.desk.preview_carrier_file(&returned, Some("cj")).unwrap();
    assert_eq!(preview.format, "csv");
    assert_eq!(preview.failed, 1);
    assert_eq!(preview.assign as usize, waiting.len() - 1);
    let bad = row_of(&preview, bad_at as u32 + 2);
    assert_eq!(bad.outcome, ImportOutcome::Failed);
    assert_eq!(bad.code.as_deref(), Some("BAD_NUMBER"));
    assert!(
        bad.reason_ko.as_deref().unwrap().contains("11자리"),
        "{bad:?}"
    );
    assert_eq!(
        bad.parcel_code.as_deref(),
        Some(code(waiting[bad_at].parcel_id).as_str())
    );
    assert_eq!(bad.no, Some(waiting[bad_at].no));
    assert_eq!(w.snapshot(), before, "nothing applied until confirmed");

    let report = w.desk.apply_carrier_import(preview.import_id).unwrap();
    assert_eq!(report.assigned as usize, waiting.len() - 1);
    assert_eq!(report.failed, 1);
    assert_eq!(report.failed_rows.len(), 1);
    assert_eq!(report.failed_rows[0].code.as_deref(), Some("BAD_NUMBER"));
    for (i, p) in waiting.iter().enumerate() {
        let now = w.row(p.parcel_id);
        if i == bad_at {
            assert_eq!((now.stage, now.tracking_no), (Stage::Ready, None));
        } else {
            assert_eq!(now.tracking_no.as_deref(), Some(numbers[i].as_str()));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicates_in_the_file_fail_every_row_they_involve() {
    let w = world(20).await;
    let p = w.waiting();
    assert!(p.len() >= 6);
    let n = cj_numbers("601234580001", 6);
    let back = vec![
        vec![s("운송장번호"), s("고객주문번호")],
        // row 2, 3: one number for two parcels — which is right cannot be told.
        vec![n[0].clone(), code(p[0].parcel_id)],
        vec![n[0].clone(), code(p[1].parcel_id)],
        // row 4, 5: one parcel, two numbers.
        vec![n[1].clone(), code(p[2].parcel_id)],
        vec![n[2].clone(), code(p[2].parcel_id)],
        // row 6, 7: the same row twice — the repeat fails, the first stands.
        vec![n[3].clone(), code(p[3].parcel_id)],
        vec![n[3].clone(), code(p[3].parcel_id)],
        // row 8: a clean row.
        vec![n[4].clone(), code(p[4].parcel_id)],
    ];
    let returned = w.path("dups.xlsx");
    write_xlsx(&returned, &back);
    let preview = w.desk.preview_carrier_file(&returned, None).unwrap();
    let outcome = |row| {
        let r = row_of(&preview, row);
        (r.outcome, r.code.clone())
    };
    let dup = (ImportOutcome::Failed, Some(s("DUPLICATE_IN_FILE")));
    for row in [2, 3, 4, 5, 7] {
        assert_eq!(outcome(row), dup, "row {row}");
    }
    assert_eq!(outcome(6), (ImportOutcome::Assign, None));
    assert_eq!(outcome(8), (ImportOutcome::Assign, None));
    assert!(
        row_of(&preview, 3)
            .reason_ko
            .as_deref()
            .unwrap()
            .contains("2행")
    );

    let report = w.desk.apply_carrier_import(preview.import_id).unwrap();
    assert_eq!((report.assigned, report.failed), (2, 5));
    assert_eq!(
        w.row(p[3].parcel_id).tracking_no.as_deref(),
        Some(n[3].as_str())
    );
    assert_eq!(
        w.row(p[4].parcel_id).tracking_no.as_deref(),
        Some(n[4].as_str())
    );
    for q in &p[..3] {
        assert_eq!(w.row(q.parcel_id).tracking_no, None);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claimed_shipped_numbered_and_unknown_parcels_each_get_their_reason() {
    let w = world(20).await;
    let p = w.waiting();
    assert!(p.len() >= 7);
    let n = cj_numbers("601234590001", 8);

    // First file: parcels 0..3 get numbers; parcel 0 ships.
    let first = w.path("first.csv");
    write_csv(
        &first,
        &[
            vec![s("고객주문번호"), s("송장번호")],
            vec![code(p[0].parcel_id), n[0].clone()],
            vec![code(p[1].parcel_id), n[1].clone()],
            vec![code(p[2].parcel_id), n[2].clone()],
        ],
    );
    let done = w.desk.preview_carrier_file(&first, None).unwrap();
    w.desk.apply_carrier_import(done.import_id).unwrap();
    w.desk.ship_scan(&n[0]).unwrap();
    // Parcel 3 is cancelled at the shop.
    assert!(w.sim.cancel_order(&p[3].order_ids[0]));
    w.desk.collect(None, None).await.unwrap();
    assert_eq!(w.row(p[3].parcel_id).stage, Stage::Claimed);

    let second = w.path("second.xlsx");
    write_xlsx(
        &second,
        &[
            vec![s("주문번호"), s("고객주문번호"), s("등기번호")],
            // row 2: shipped already.
            vec![s(""), code(p[0].parcel_id), n[5].clone()],
            // row 3: has this very number: unchanged.
            vec![s(""), code(p[1].parcel_id), n[1].clone()],
            // row 4: has another number: not overwritten.
            vec![s(""), code(p[2].parcel_id), n[6].clone()],
            // row 5: claimed.
            vec![s(""), code(p[3].parcel_id), n[7].clone()],
            // row 6: a number parcel 1 has.
            vec![s(""), code(p[4].parcel_id), n[1].clone()],
            // row 7: no such parcel or order.
            vec![s("20990101-0000001"), s("P9999999"), n[3].clone()],
            // row 8: known by its order id only (the carrier echoed the shop's order number).
            vec![p[5].order_ids[0].clone(), s(""), n[4].clone()],
        ],
    );
    let preview = w.desk.preview_carrier_file(&second, None).unwrap();
    let code_at = |row| row_of(&preview, row).code.clone();
    assert_eq!(code_at(2).as_deref(), Some("ALREADY_SHIPPED"));
    assert_eq!(row_of(&preview, 3).outcome, ImportOutcome::Unchanged);
    assert_eq!(code_at(4).as_deref(), Some("ALREADY_HAS_NUMBER"));
    assert_eq!(code_at(5).as_deref(), Some("CLAIMED"));
    assert!(
        row_of(&preview, 5)
            .reason_ko
            .as_deref()
            .unwrap()
            .contains("취소")
    );
    assert_eq!(code_at(6).as_deref(), Some("NUMBER_IN_USE"));
    assert_eq!(code_at(7).as_deref(), Some("UNKNOWN_ORDER"));
    assert_eq!(row_of(&preview, 8).outcome, ImportOutcome::Assign);
    assert_eq!(
        row_of(&preview, 8).parcel_code.as_deref(),
        Some(code(p[5].parcel_id).as_str())
    );

    let report = w.desk.apply_carrier_import(preview.import_id).unwrap();
    assert_eq!(
        (report.assigned, report.unchanged, report.failed),
        (1, 1, 5)
    );
    assert_eq!(
        w.row(p[2].parcel_id).tracking_no.as_deref(),
        Some(n[2].as_str())
    );
    assert_eq!(
        w.row(p[5].parcel_id).tracking_no.as_deref(),
        Some(n[4].as_str())
    );
    assert_eq!(w.row(p[3].parcel_id).tracking_no, None);
    let err = w.desk.ship_scan(&n[7]).unwrap_err();
    assert_eq!(
        err.code(),
        "SCAN_UNKNOWN",
        "the claimed parcel never got its number"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parcel_claimed_between_preview_and_apply_is_not_given_its_number() {
    let w = world(20).await;
    let p = w.waiting();
    let n = cj_numbers("601234600001", 3);
    let file = w.path("late-claim.csv");
    write_csv(
        &file,
        &[
            vec![s("고객주문번호"), s("송장번호")],
            vec![code(p[0].parcel_id), n[0].clone()],
            vec![code(p[1].parcel_id), n[1].clone()],
            vec![code(p[2].parcel_id), n[2].clone()],
        ],
    );
    let preview = w.desk.preview_carrier_file(&file, None).unwrap();
    assert_eq!(preview.assign, 3);
    assert!(w.sim.cancel_order(&p[1].order_ids[0]));
    w.desk.collect(None, None).await.unwrap();

    let report = w.desk.apply_carrier_import(preview.import_id).unwrap();
    assert_eq!(
        (report.assigned, report.failed, report.failed_since_preview),
        (2, 1, 1)
    );
    assert_eq!(report.failed_rows[0].code.as_deref(), Some("CLAIMED"));
    assert_eq!(w.row(p[1].parcel_id).tracking_no, None);
    assert_eq!(w.row(p[1].parcel_id).stage, Stage::Claimed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_files_fail_clearly_and_lose_nothing() {
    let w = world(20).await;
    let p = w.waiting();
    let before = w.snapshot();
    let check = |path: &Path, expected: &str| {
        let err = w.desk.preview_carrier_file(path, None).unwrap_err();
        assert_eq!(err.code(), expected, "{}: {err}", path.display());
        let ko = err.message_ko();
        assert!(
            ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "Korean: {ko}"
        );
        assert!(!err.to_string().is_empty());
        // Nothing kept: no preview to apply.
        assert_eq!(
            w.desk.apply_carrier_import(1).unwrap_err().code(),
            "CARRIER_IMPORT_UNKNOWN"
        );
    };

    // Random bytes under a spreadsheet's name.
    let random = w.path("random.xlsx");
    let noise: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&random, &noise).unwrap();
    check(&random, "CARRIER_FILE_NOT_SPREADSHEET");

    // Nothing at all.
    let empty = w.path("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    check(&empty, "CARRIER_FILE_EMPTY");

    // A workbook whose sheet is empty.
    let blank = w.path("blank.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet();
    book.save(&blank).unwrap();
    check(&blank, "CARRIER_FILE_EMPTY");

    // A header row without the number column.
    let no_number = w.path("no-number.xlsx");
    write_xlsx(
        &no_number,
        &[
            vec![s("고객주문번호"), s("받는분성명")],
            vec![code(p[0].parcel_id), s("홍길동")],
        ],
    );
    check(&no_number, "CARRIER_FILE_NO_NUMBER_COLUMN");
    let err = w.desk.preview_carrier_file(&no_number, None).unwrap_err();
    assert!(
        err.to_string().contains("받는분성명"),
        "quotes the headers it found: {err}"
    );

    // A number column but nothing to find the parcel by.
    let no_key = w.path("no-key.csv");
    write_csv(
        &no_key,
        &[
            vec![s("받는분"), s("운송장번호")],
            vec![s("홍길동"), s("601234560001")],
        ],
    );
    check(&no_key, "CARRIER_FILE_NO_KEY_COLUMN");

    // The header and no rows.
    let header_only = w.path("header-only.csv");
    write_csv(&header_only, &[vec![s("고객주문번호"), s("운송장번호")]]);
    check(&header_only, "CARRIER_FILE_NO_ROWS");

    // A real workbook cut in half (a download that stopped).
    let good = w.path("good.xlsx");
    write_xlsx(
        &good,
        &[
            vec![s("고객주문번호"), s("운송장번호")],
            vec![code(p[0].parcel_id), s("601234560001")],
        ],
    );
    let whole = std::fs::read(&good).unwrap();
    let cut = w.path("cut.xlsx");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let err = w.desk.preview_carrier_file(&cut, None).unwrap_err();
    assert!(
        ["CARRIER_FILE_CORRUPT", "CARRIER_FILE_NOT_SPREADSHEET"].contains(&err.code()),
        "{err}"
    );

    // Saved with a password in Excel: refused with what to do, never read as garbage.
    let locked = w.path("locked.xlsx");
    std::fs::write(&locked, compound_file("EncryptedPackage")).unwrap();
    check(&locked, "CARRIER_FILE_ENCRYPTED");
    let err = w.desk.preview_carrier_file(&locked, None).unwrap_err();
    assert!(err.message_ko().contains("암호"), "{}", err.message_ko());

    // A Word document (also a compound file) under a spreadsheet's name.
    let word = w.path("letter.xls");
    std::fs::write(&word, compound_file("WordDocument")).unwrap();
    check(&word, "CARRIER_FILE_NOT_SPREADSHEET");

    // A file that is not there.
    let err = w
        .desk
        .preview_carrier_file(&w.path("missing.xlsx"), None)
        .unwrap_err();
    assert_eq!(err.code(), "CARRIER_FILE_READ");

    assert_eq!(w.snapshot(), before, "nothing changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_range_exports_just_those_rows_and_a_row_that_cannot_go_refuses_the_file() {
    let w = world(20).await;
    let p = w.waiting();
    assert!(p.len() >= 5);
    // Typed out of order: the file keeps the list's order.
    let range = format!("{}, {}, {}", p[3].no, p[0].no, p[1].no);
    let out = w.export("hanjin", CarrierFileFormat::Xlsx, "range.xlsx", &range);
    let (sheet, rows) = read_sheet(&out);
    assert_eq!(sheet, "Sheet1");
    assert_eq!(rows[0][3], "운송장번호", "the 한진 layout");
    let nos: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
    let want = [p[0].no, p[1].no, p[3].no];
    assert_eq!(nos, want.iter().map(u32::to_string).collect::<Vec<_>>());

    // A claimed row named in the range: refused, and no file under the name asked for.
    assert!(w.sim.cancel_order(&p[4].order_ids[0]));
    w.desk.collect(None, None).await.unwrap();
    let refused = w.path("refused.xlsx");
    let err = w
        .desk
        .export_carrier_file(&CarrierExportRequest {
            carrier: "cj".into(),
            format: CarrierFileFormat::Xlsx,
            out: refused.clone(),
            range: format!("{}, {}", p[0].no, p[4].no),
            layout: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "CARRIER_FILE_NOT_EXPORTABLE");
    assert!(err.message_ko().contains(&p[4].no.to_string()));
    assert!(!refused.exists());
    assert!(!w.path("refused.xlsx.partial").exists());

    let err = w
        .desk
        .export_carrier_file(&CarrierExportRequest {
            carrier: "dhl".into(),
            format: CarrierFileFormat::Csv,
            out: w.path("dhl.csv"),
            range: String::new(),
            layout: None,
        })
        .unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_CARRIER");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_are_checked_against_the_carrier_the_parcel_was_exported_to() {
    let w = world(20).await;
    let p = w.waiting();
    // Exported for 롯데: the numbers coming back are 롯데's (mod-7 check digit), and the parcel
    // moves to 롯데 when it takes one.
    w.export("lotte", CarrierFileFormat::Csv, "lotte.csv", "");
    let lotte = packdesk_core::invoice::block("lotte", "255278883171", 2)
        .ok()
        .unwrap();
    let wrong_check = format!(
        "{}{}",
        &lotte[1][..11],
        (lotte[1].as_bytes()[11] - b'0' + 1) % 10
    );
    let file = w.path("lotte-return.csv");
    write_csv(
        &file,
        &[
            vec![s("운송장번호"), s("고객주문번호")],
            vec![lotte[0].clone(), code(p[0].parcel_id)],
            vec![wrong_check, code(p[1].parcel_id)],
        ],
    );
    let preview = w.desk.preview_carrier_file(&file, None).unwrap();
    assert_eq!(row_of(&preview, 2).carrier.as_deref(), Some("lotte"));
    assert_eq!(row_of(&preview, 2).outcome, ImportOutcome::Assign);
    assert_eq!(row_of(&preview, 3).code.as_deref(), Some("BAD_NUMBER"));
    assert!(
        row_of(&preview, 3)
            .reason_ko
            .as_deref()
            .unwrap()
            .contains("mod 7")
    );
    w.desk.apply_carrier_import(preview.import_id).unwrap();
    let now = w.row(p[0].parcel_id);
    assert_eq!(
        (now.carrier.as_str(), now.tracking_no.as_deref()),
        ("lotte", Some(lotte[0].as_str()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cp949_csv_from_a_carrier_system_is_read() {
    let w = world(20).await;
    let p = w.waiting();
    let n = cj_numbers("601234610001", 2);
    let text = format!(
        "운송장번호\t고객주문번호\t받는분\r\n{}\t{}\t홍길동\r\n{}\t{}\t김철수\r\n",
        n[0],
        code(p[0].parcel_id),
        n[1],
        code(p[1].parcel_id)
    );
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(&text);
    let file = w.path("cp949.txt");
    std::fs::write(&file, &bytes).unwrap();
    let preview = w.desk.preview_carrier_file(&file, Some("cj")).unwrap();
    assert_eq!((preview.assign, preview.failed), (2, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_row_of_a_large_preview_can_be_listed_and_layouts_are_listed() {
    let w = world(20).await;
    let layouts = w.desk.carrier_layouts().unwrap();
    for id in ["cj", "hanjin", "lotte", "epost", "logen", "generic"] {
        let l = layouts.iter().find(|l| l.id == id).unwrap();
        assert!(
            l.note.to_lowercase().contains("typical") || id == "generic",
            "{id}"
        );
    }
    // 700 rows of unknown parcels: the preview carries the first 500, the rest are paged.
    let mut rows = vec![vec![s("고객주문번호"), s("송장번호")]];
    for i in 0..700 {
        rows.push(vec![
            format!("P{:07}", 900_000 + i),
            format!("6012346{:05}", i),
        ]);
    }
    let file = w.path("many.csv");
    write_csv(&file, &rows);
    let preview = w.desk.preview_carrier_file(&file, None).unwrap();
    assert_eq!((preview.total, preview.failed), (700, 700));
    assert_eq!(preview.reasons[0].code, "UNKNOWN_ORDER");
    assert_eq!(preview.rows.len(), 500);
    let rest = w
        .desk
        .carrier_import_rows(
            preview.import_id,
            preview.rows.last().unwrap().row,
            1000,
            true,
        )
        .unwrap();
    assert_eq!(rest.len(), 200);
    assert_eq!(rest.last().unwrap().row, 701);
}
