//! Every template rendered from sample data and checked the way a person or a scanner would:
//! the 203-dpi preview PNG through `zbarimg` (barcodes scan to the right data), the PDF through
//! `pdftotext` (masked text present, the real name and numbers absent), the ZPL through the
//! virtual printer's decoder (native Code 39 / I2of5 / QR fields). Missing tools fail loudly.

#![allow(clippy::unwrap_used)] // helpers of a test: a panic is a test failure

#[path = "support/documents.rs"]
mod documents;

use documents::*;
use packdesk_labels::template::{
    Template, TemplateId, TemplateSource, render_document, render_document_with,
};
use packdesk_labels::zpl::{self, ZplOptions};
use packdesk_labels::{
    DocData, Document, LabelError, MaskRule, MaskTable, NameMask, PhoneMask, pdf, preview_png,
};
use packdesk_sim::printer::zpl::{BarcodeKind, decode};
use std::path::Path;
use std::process::Command;

fn render(id: TemplateId, data: &DocData) -> Document {
    let t = Template::builtin(id).unwrap_or_else(|e| panic!("{}: {e}", id.id()));
    render_document(&t, data).unwrap_or_else(|e| panic!("{}: {e}", id.id()))
}

fn tool(tool: &str, package: &str, args: &[&str], file: &Path) -> (bool, String) {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("`{tool}` could not be run ({e}); install `{package}`"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Symbols zbarimg reads from the document's preview, as `TYPE:data` lines.
fn scan(doc: &Document) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("doc.png");
    std::fs::write(&png, preview_png(doc)).unwrap();
    // Exit status 4 = no symbol found: the caller's assertions say what was missing.
    let (_, out) = tool("zbarimg", "zbar-tools", &["-q"], &png);
    out.lines().map(str::to_string).collect()
}

fn pdf_text(doc: &Document) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(
        &path,
        pdf::render_documents(std::slice::from_ref(doc), "test").unwrap(),
    )
    .unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_template_renders_at_its_size_and_its_barcodes_scan() {
    let expected: [(TemplateId, &[&str]); 8] = [
        (
            TemplateId::WaybillCj,
            &["CODE-128:123456789012", "CODE-128:4W44-4g"],
        ),
        (
            TemplateId::WaybillHanjin,
            &["CODE-128:573871357113", "CODE-128:S215"],
        ),
        (
            TemplateId::WaybillLotte,
            &["I2/5:255278883171", "CODE-39:A21-07"],
        ),
        (TemplateId::LabelGeneric100x150, &["CODE-128:123456789012"]),
        (TemplateId::LabelEmsCn22, &["CODE-128:EE473124829KR"]),
        (TemplateId::PackingSlip, &["CODE-128:P00012345"]),
        (TemplateId::PickList, &[]),
        (
            TemplateId::WarrantyCard,
            &["QR-Code:https://warranty.example.com/w/7F3K9Q2M"],
        ),
    ];
    for ((id, data), (want_id, codes)) in all().into_iter().zip(expected) {
        assert_eq!(id, want_id);
        let doc = render(id, &data);
        let t = Template::builtin(id).unwrap();
        assert_eq!(doc.template_id(), id.id());
        assert!((doc.width_mm() - t.width_mm).abs() < 0.2, "{}", id.id());
        assert!((doc.height_mm() - t.height_mm).abs() < 0.2, "{}", id.id());
        let got = scan(&doc);
        for code in codes {
            assert!(
                got.iter().any(|g| g == code),
                "{}: {code} not in {got:?}",
                id.id()
            );
        }
        // Nothing scans that should not (another template's data, a wrong symbology).
        for g in &got {
            assert!(codes.contains(&g.as_str()), "{}: unexpected {g}", id.id());
        }
    }
}

#[test]
fn waybills_print_the_tracking_barcode_twice() {
    for id in [TemplateId::WaybillCj, TemplateId::WaybillLotte] {
        let data = all().into_iter().find(|(i, _)| *i == id).unwrap().1;
        let zpl = zpl::render_document(&render(id, &data), &ZplOptions::default());
        let label = &decode(&zpl).unwrap()[0];
        let tracking = match id {
            TemplateId::WaybillLotte => LOTTE_TRACKING,
            _ => TRACKING,
        };
        let n = label.barcodes.iter().filter(|b| b.data == tracking).count();
        assert_eq!(n, 2, "{}: {:?}", id.id(), label.barcodes);
    }
}

#[test]
fn lotte_uses_code39_and_interleaved_2_of_5_natively_in_zpl() {
    let doc = render(TemplateId::WaybillLotte, &DocData::Waybill(waybill_lotte()));
    for dpi in [203, 300] {
        let zpl = zpl::render_document(
            &doc,
            &ZplOptions {
                dpi,
                ..Default::default()
            },
        );
        let label = &decode(&zpl).unwrap()[0];
        let kinds: Vec<(BarcodeKind, &str)> = label
            .barcodes
            .iter()
            .map(|b| (b.kind, b.data.as_str()))
            .collect();
        assert!(
            kinds.contains(&(BarcodeKind::Code39, LOTTE_SORT)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(BarcodeKind::I2of5, LOTTE_TRACKING)),
            "{kinds:?}"
        );
        assert!(
            !kinds.iter().any(|(k, _)| *k == BarcodeKind::Code128),
            "{kinds:?}"
        );
        let raw = String::from_utf8(zpl).unwrap();
        assert!(raw.contains(",3.0^B3N,N,"), "3:1 ratio for Code 39");
        assert!(raw.contains(",3.0^B2N,"), "3:1 ratio for ITF");
    }
}

#[test]
fn the_warranty_qr_reaches_the_printer_as_a_native_qr_field() {
    let doc = render(TemplateId::WarrantyCard, &DocData::WarrantyCard(warranty()));
    let zpl = zpl::render_document(&doc, &ZplOptions::default());
    let label = &decode(&zpl).unwrap()[0];
    let qr = label.barcode(BarcodeKind::Qr).expect("a ^BQ field");
    assert_eq!(qr.data, WARRANTY_URL);
    // The product photo went out as a graphic field.
    assert!(label.graphics.iter().any(|g| g.width_bytes * 8 >= 200));
}

#[test]
fn recipients_are_masked_on_every_document_and_never_printed_whole() {
    let masked: [(TemplateId, &[&str]); 8] = [
        (
            TemplateId::WaybillCj,
            &["홍*동", "010-1234-****", "031-123-****"],
        ),
        (TemplateId::WaybillHanjin, &["홍*동", "010-1234-****"]),
        (TemplateId::WaybillLotte, &["홍*동", "010-1234-****"]),
        (TemplateId::LabelGeneric100x150, &["홍*동", "010-1234-****"]),
        (TemplateId::LabelEmsCn22, &["T***** *****o", "+8131234****"]),
        (TemplateId::PackingSlip, &["홍*동", "010-1234-****"]),
        (TemplateId::PickList, &[]),
        (TemplateId::WarrantyCard, &["홍*동"]),
    ];
    for ((id, data), (_, want)) in all().into_iter().zip(masked) {
        let doc = render(id, &data);
        let text = pdf_text(&doc);
        for m in want {
            assert!(text.contains(m), "{}: {m} missing:\n{text}", id.id());
        }
        for secret in secrets() {
            assert!(
                !text.contains(secret),
                "{}: {secret} printed:\n{text}",
                id.id()
            );
        }
        let zpl = String::from_utf8(zpl::render_document(&doc, &ZplOptions::default())).unwrap();
        for secret in secrets().into_iter().filter(|s| s.is_ascii()) {
            assert!(!zpl.contains(secret), "{}: {secret} in ZPL", id.id());
        }
    }
}

#[test]
fn the_carrier_rule_comes_from_the_mask_table() {
    let mut masks = MaskTable::default();
    masks.set(
        "hanjin",
        MaskRule {
            name: NameMask::Last,
            phone: PhoneMask::Middle4,
        },
    );
    let t = Template::builtin(TemplateId::WaybillHanjin).unwrap();
    let doc = render_document_with(&t, &DocData::Waybill(waybill_hanjin()), &masks).unwrap();
    let text = pdf_text(&doc);
    assert!(text.contains("홍길*"), "{text}");
    assert!(text.contains("010-****-5678"), "{text}");
    assert!(
        !text.contains("홍*동") && !text.contains("홍길동"),
        "{text}"
    );
    // Other carriers keep the default.
    let cj = Template::builtin(TemplateId::WaybillCj).unwrap();
    let text =
        pdf_text(&render_document_with(&cj, &DocData::Waybill(waybill_cj()), &masks).unwrap());
    assert!(text.contains("홍*동"), "{text}");
}

#[test]
fn the_pick_list_is_in_shelf_order_with_totals() {
    let text = pdf_text(&render(
        TemplateId::PickList,
        &DocData::PickList(pick_list()),
    ));
    let order: Vec<usize> = ["A-2-03", "A-2-04", "A-10-02", "B-10-01", "GIFT-01"]
        .iter()
        .map(|l| {
            text.find(l)
                .unwrap_or_else(|| panic!("{l} missing:\n{text}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{text}");
    assert!(text.contains("품목 5종 · 수량 14개 · 송장 5건"), "{text}");
    let a203 = text.lines().find(|l| l.contains("A-2-03")).unwrap();
    assert!(a203.contains(" 3 ") && a203.contains("1, 3"), "{a203}");
}

#[test]
fn the_warranty_card_prints_the_chosen_name_without_marketing() {
    let mut card = warranty();
    let text = pdf_text(&render(
        TemplateId::WarrantyCard,
        &DocData::WarrantyCard(card.clone()),
    ));
    assert!(text.contains("무선 블루투스 이어폰 X1"), "{text}");
    for promo in ["특가", "착용", "예약배송", "★"] {
        assert!(!text.contains(promo), "{promo}:\n{text}");
    }
    card.name_source = packdesk_labels::ProductNameSource::Model;
    let text = pdf_text(&render(
        TemplateId::WarrantyCard,
        &DocData::WarrantyCard(card),
    ));
    assert!(text.contains("TWS-X1"), "{text}");
    assert!(!text.contains("이어폰"), "{text}");
}

#[test]
fn a_packing_slip_adds_up() {
    let text = pdf_text(&render(
        TemplateId::PackingSlip,
        &DocData::PackingSlip(packing_slip()),
    ));
    for want in [
        "39,600", "45,000", "20,700", "105,300", "3,000", "-5,000", "103,300", "총 6개",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
}

#[test]
fn a_user_copy_overrides_the_built_in_template() {
    let dir = tempfile::tempdir().unwrap();
    let json = TemplateId::PackingSlip
        .builtin_json()
        .replace("주문서 / 거래명세서 (100×150)", "우리 가게 명세서");
    std::fs::write(dir.path().join("packing-slip.json"), json).unwrap();
    let t = Template::load(TemplateId::PackingSlip, Some(dir.path())).unwrap();
    assert_eq!(t.name_ko, "우리 가게 명세서");
    assert_eq!(
        t.source,
        TemplateSource::User(dir.path().join("packing-slip.json"))
    );
    let other = Template::load(TemplateId::PickList, Some(dir.path())).unwrap();
    assert_eq!(other.source, TemplateSource::BuiltIn);
    let (all, errors) = Template::load_all(Some(dir.path()));
    assert_eq!(all.len(), 8);
    assert!(errors.is_empty(), "{errors:?}");
}

fn load_broken(json: &str) -> LabelError {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("waybill-cj.json"), json).unwrap();
    Template::load(TemplateId::WaybillCj, Some(dir.path())).unwrap_err()
}

#[test]
fn a_broken_template_file_says_what_and_where() {
    let good = TemplateId::WaybillCj.builtin_json();

    let err = load_broken(&good.replacen("\"elements\": [", "\"elements\": [,", 1));
    assert_eq!(err.code(), "LABEL_TEMPLATE_INVALID");
    assert!(err.to_string().contains("line "), "{err}");
    assert!(err.to_string().contains("waybill-cj.json"), "{err}");
    assert!(
        err.message_ko().contains("양식 파일"),
        "{}",
        err.message_ko()
    );

    // A field that does not exist — in particular, no unmasked name to bind to.
    let err = load_broken(&good.replace("\"recipient.name\"", "\"recipient.real_name\""));
    assert_eq!(err.code(), "LABEL_TEMPLATE_INVALID");
    assert!(
        err.to_string().contains("no field 'recipient.real_name'"),
        "{err}"
    );

    let err = load_broken(&good.replace("{ \"after\": \"carrier\"", "{ \"after\": \"nowhere\""));
    assert!(
        err.to_string()
            .contains("'nowhere' is not the id of an earlier element"),
        "{err}"
    );

    let err = load_broken(&good.replace("\"type\": \"hline\"", "\"type\": \"squiggle\""));
    assert!(err.to_string().contains("squiggle"), "{err}");

    let err = load_broken(&good.replace("\"symbology\": \"code128\"", "\"symbology\": \"ean13\""));
    assert!(err.to_string().contains("ean13"), "{err}");

    let err =
        load_broken(&good.replacen("\"id\": \"waybill-cj\"", "\"id\": \"waybill-hanjin\"", 1));
    assert!(
        err.to_string().contains("file name says 'waybill-cj'"),
        "{err}"
    );

    let err = load_broken(&good.replacen("\"x\": 0.5", "\"xx\": 0.5", 1));
    assert!(err.to_string().contains("xx"), "{err}");

    // A broken copy does not stop the list: the built-in stands in and the error is reported.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pick-list.json"), "{ not json").unwrap();
    let (all, errors) = Template::load_all(Some(dir.path()));
    assert_eq!(all.len(), 8);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code(), "LABEL_TEMPLATE_INVALID");
}

#[test]
fn wrong_data_and_bad_numbers_are_errors_with_codes() {
    let t = Template::builtin(TemplateId::PickList).unwrap();
    let err = render_document(&t, &DocData::Waybill(waybill_cj())).unwrap_err();
    assert_eq!(err.code(), "LABEL_TEMPLATE_DATA_MISMATCH");
    assert!(err.to_string().contains("pick-list"), "{err}");

    let mut c = customs();
    c.tracking_no = "EE473124828KR".into();
    let t = Template::builtin(TemplateId::LabelEmsCn22).unwrap();
    let err = render_document(&t, &DocData::CustomsLabel(c)).unwrap_err();
    assert_eq!(err.code(), "LABEL_TRACKING_INVALID");

    let mut w = warranty();
    w.image = Some(b"not a picture".to_vec());
    let t = Template::builtin(TemplateId::WarrantyCard).unwrap();
    let err = render_document(&t, &DocData::WarrantyCard(w)).unwrap_err();
    assert_eq!(err.code(), "LABEL_IMAGE_INVALID");

    assert_eq!(
        TemplateId::parse("waybill-dhl").unwrap_err().code(),
        "LABEL_TEMPLATE_UNKNOWN"
    );
}

/// A test template: one barcode of `symbology` across a wide page, bound to `field`.
fn strip_template(symbology: &str, field: &str) -> Template {
    let json = format!(
        r#"{{ "id": "waybill-lotte", "name_ko": "시험", "name_en": "test", "kind": "waybill",
             "data": "waybill", "width_mm": 320, "height_mm": 30,
             "elements": [ {{ "type": "barcode", "field": "{field}", "symbology": "{symbology}",
                             "x": 10, "y": 5, "module": 0.25, "height": 15 }} ] }}"#
    );
    Template::parse(&json, "test").unwrap()
}

#[test]
fn every_code39_character_and_every_itf_digit_pair_scans() {
    let t = strip_template("code39", "sort_code");
    let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";
    let chars: Vec<char> = alphabet.chars().collect();
    for chunk in chars.chunks(15) {
        let data: String = chunk.iter().collect();
        let mut wb = waybill_lotte();
        wb.sort_code = data.clone();
        let got = scan(&render_document(&t, &DocData::Waybill(wb)).unwrap());
        assert_eq!(got, [format!("CODE-39:{data}")], "{data}");
    }
    let t = strip_template("itf", "tracking.barcode");
    for data in ["0123456789", "9876543210", "135792468024"] {
        let mut wb = waybill_lotte();
        wb.tracking_no = data.into();
        let got = scan(&render_document(&t, &DocData::Waybill(wb)).unwrap());
        assert_eq!(got, [format!("I2/5:{data}")], "{data}");
    }
}
