//! Structural tests of the ZPL output, read back with a minimal parser.

#[path = "support/sample.rs"]
mod sample;
#[path = "support/zpl_fields.rs"]
mod zpl_fields;

use packdesk_labels::raster::{Bitmap, render_text};
use packdesk_labels::zpl::{self, ZplOptions};
use packdesk_labels::{LabelItem, MaskRule, NameMask, PhoneMask};
use sample::{MOBILE, NAME, PHONE, TRACKING, sample};
use zpl_fields::{Label, contains_image, parse, same_bitmap};

fn one_label(zpl: &[u8]) -> Label {
    let mut labels = parse(zpl);
    assert_eq!(labels.len(), 1, "one ^XA..^XZ per label");
    labels.remove(0)
}

fn opts(dpi: u32) -> ZplOptions {
    ZplOptions {
        dpi,
        mask: MaskRule::default(),
    }
}

/// Does some `^GFA` field hold exactly `text` as render_text draws it at that field's height?
fn has_text_graphic(label: &Label, text: &str) -> bool {
    label.graphics().iter().any(|(_, _, g)| {
        [false, true]
            .iter()
            .any(|&bold| same_bitmap(g, &render_text(text, g.height, bold)))
    })
}

/// Does `text`'s ink appear inside any `^GFA` field, alone or as part of a longer line?
fn text_ink_anywhere(label: &Label, text: &str) -> bool {
    label.graphics().iter().any(|(_, _, g)| {
        [false, true]
            .iter()
            .any(|&bold| contains_image(g, &render_text(text, g.height, bold)))
    })
}

#[test]
fn the_label_is_one_utf8_format_of_the_cj_size() {
    for (dpi, w, h) in [(203, 984, 800), (300, 1476, 1200)] {
        let zpl = zpl::render(&sample(), &opts(dpi));
        let text = String::from_utf8(zpl.clone()).unwrap();
        assert!(text.starts_with("^XA"), "{dpi}");
        assert!(text.trim_end().ends_with("^XZ"), "{dpi}");
        let label = one_label(&zpl);
        assert_eq!(label.setup("CI"), Some("28"));
        assert_eq!(label.setup("PW"), Some(w.to_string().as_str()));
        assert_eq!(label.setup("LL"), Some(h.to_string().as_str()));
        for f in &label.fields {
            assert!(
                f.x < w && f.y < h,
                "field at {},{} off the {w}×{h} label",
                f.x,
                f.y
            );
        }
    }
}

#[test]
fn both_tracking_barcodes_and_the_sort_barcode_are_native_code128() {
    for dpi in [203, 300] {
        let label = one_label(&zpl::render(&sample(), &opts(dpi)));
        let codes = label.data_with("BC");
        let tracking = format!(">;{TRACKING}");
        assert_eq!(
            codes.iter().filter(|d| **d == tracking).count(),
            2,
            "small and large tracking barcodes in subset C: {codes:?}"
        );
        assert!(codes.contains(&">:4W44-4g".to_string()), "{codes:?}");
        for f in label.fields.iter().filter(|f| f.cmd("BC").is_some()) {
            let by: u32 = f.cmd("BY").unwrap().parse().unwrap();
            assert!(by >= 2, "module width {by} too thin to scan");
            assert!(f.cmd("BC").unwrap().ends_with(",N,N,N"));
        }
    }
}

#[test]
fn printer_font_fields_show_masked_phones_and_never_the_full_ones() {
    let label = one_label(&zpl::render(&sample(), &opts(203)));
    let a0 = label.data_with("A0");
    assert!(a0.contains(&"010-1234-****".to_string()), "{a0:?}");
    assert!(a0.contains(&"031-123-****".to_string()), "{a0:?}");
    assert!(a0.contains(&"1234-5678-9012".to_string()), "{a0:?}");
    assert!(a0.contains(&"2025-03-14".to_string()), "{a0:?}");
    assert!(a0.contains(&"4W44-4g".to_string()), "{a0:?}");
    assert!(a0.iter().any(|d| d.contains("20250314-0000123")), "{a0:?}");
    // The shop's number is printed as is.
    assert!(a0.contains(&"02-1234-5678".to_string()), "{a0:?}");
    let all = String::from_utf8(zpl::render(&sample(), &opts(203))).unwrap();
    for secret in [MOBILE, "010-1234-5678", PHONE, "031-123-4567"] {
        assert!(!all.contains(secret), "{secret} appears in the ZPL");
    }
}

#[test]
fn no_field_data_contains_hangul_or_other_non_ascii() {
    for dpi in [203, 300] {
        let label = one_label(&zpl::render(&sample(), &opts(dpi)));
        let mut n = 0;
        for f in &label.fields {
            if let Some(d) = f.data() {
                n += 1;
                assert!(d.is_ascii(), "^FD with non-ASCII text: {d}");
            }
        }
        assert!(n >= 10, "expected the ASCII fields, found {n}");
        let graphics = label.graphics();
        assert!(
            graphics.len() >= 15,
            "Korean text went to ^GFA: {}",
            graphics.len()
        );
    }
}

#[test]
fn graphic_field_byte_counts_match_width_and_height() {
    // zpl_fields::gfa asserts b == c, b = rows × bytes_per_row and that the printer decoder
    // expands the compressed data to exactly b bytes; here the rows must also equal the
    // text's rendered height and the width the rendered width.
    let label = one_label(&zpl::render(&sample(), &opts(203)));
    for (_, _, g) in label.graphics() {
        assert!(
            g.height >= 16 && g.height <= 80,
            "odd text height {}",
            g.height
        );
        assert_eq!(g.bits.len() as u32, g.bytes_per_row * g.height);
        assert!(g.ink() > 0, "blank graphic fields are a waste of bytes");
    }
    let name = render_text("홍*동", 44, true);
    let field = label
        .graphics()
        .into_iter()
        .find(|(_, _, g)| same_bitmap(g, &name))
        .expect("name field");
    assert_eq!(field.2.bytes_per_row, name.width.div_ceil(8));
}

#[test]
fn the_masked_name_is_drawn_and_the_real_name_is_not() {
    for dpi in [203, 300] {
        let label = one_label(&zpl::render(&sample(), &opts(dpi)));
        assert!(
            has_text_graphic(&label, "홍*동"),
            "masked name bitmap at {dpi} dpi"
        );
        assert!(
            !has_text_graphic(&label, NAME),
            "full name bitmap at {dpi} dpi"
        );
        // Stronger: the hidden character's ink is nowhere, not even inside a longer line…
        assert!(
            !text_ink_anywhere(&label, "길"),
            "'길' is drawn somewhere at {dpi} dpi"
        );
        // …and the search does find characters that are there.
        assert!(
            text_ink_anywhere(&label, "동"),
            "search control failed at {dpi} dpi"
        );
        assert!(
            text_ink_anywhere(&label, "테헤란"),
            "address control at {dpi} dpi"
        );
    }
}

#[test]
fn a_name_or_number_typed_into_the_message_is_masked_too() {
    let mut wb = sample();
    wb.message = "홍길동님 010-1234-5678 또는 031)123-4567로 연락".into();
    let label = one_label(&zpl::render(&wb, &opts(203)));
    assert!(!text_ink_anywhere(&label, "길"), "name in the message");
    assert!(!text_ink_anywhere(&label, "5678"), "mobile in the message");
    assert!(!text_ink_anywhere(&label, "4567"), "phone in the message");
    assert!(
        text_ink_anywhere(&label, "홍*동님"),
        "masked name in the message"
    );
}

#[test]
fn masking_rules_are_configurable() {
    let rule = MaskRule {
        name: NameMask::Last,
        phone: PhoneMask::Middle4,
    };
    let zpl = zpl::render(
        &sample(),
        &ZplOptions {
            dpi: 203,
            mask: rule,
        },
    );
    let label = one_label(&zpl);
    assert!(has_text_graphic(&label, "홍길*"));
    assert!(!has_text_graphic(&label, "홍*동"));
    assert!(
        !text_ink_anywhere(&label, "길동"),
        "last character must be hidden"
    );
    let a0 = label.data_with("A0");
    assert!(a0.contains(&"010-****-5678".to_string()), "{a0:?}");
    assert!(!a0.contains(&"010-1234-****".to_string()));
}

#[test]
fn the_reprint_mark_follows_the_flag() {
    let mut wb = sample();
    wb.reprint = true;
    assert!(has_text_graphic(
        &one_label(&zpl::render(&wb, &opts(203))),
        "재출력"
    ));
    wb.reprint = false;
    assert!(!has_text_graphic(
        &one_label(&zpl::render(&wb, &opts(203))),
        "재출력"
    ));
}

#[test]
fn items_that_do_not_fit_collapse_into_a_count() {
    let mut wb = sample();
    wb.items = (1..=7)
        .map(|i| LabelItem {
            name: format!("상품{i}"),
            option: String::new(),
            qty: 1,
        })
        .collect();
    let label = one_label(&zpl::render(&wb, &opts(203)));
    assert!(has_text_graphic(&label, "상품1"));
    assert!(has_text_graphic(&label, "상품3"));
    assert!(!has_text_graphic(&label, "상품4"));
    assert!(has_text_graphic(&label, "외 4건"));

    wb.items.truncate(4);
    let label = one_label(&zpl::render(&wb, &opts(203)));
    assert!(has_text_graphic(&label, "상품4"));
    assert!(!text_ink_anywhere(&label, "외"));
}

#[test]
fn long_free_text_is_cut_with_an_ellipsis_not_run_off_the_label() {
    let mut wb = sample();
    wb.items[0].name = "아주 긴 상품명 ".repeat(20);
    wb.message = "문 앞에 놓아주세요 ".repeat(30);
    let label = one_label(&zpl::render(&wb, &opts(203)));
    for (x, _, g) in label.graphics() {
        // Padding to whole bytes may stick out by < 8 dots; ink must not.
        let ink_right = (0..g.width)
            .rev()
            .find(|&cx| (0..g.height).any(|cy| g.get(cx, cy)))
            .unwrap_or(0);
        assert!(
            x + ink_right < 984 - 8,
            "ink runs to {} (field at {x})",
            x + ink_right
        );
    }
    assert!(text_ink_anywhere(&label, "…"));
}

#[test]
fn reserved_characters_in_ascii_fields_are_escaped() {
    let mut wb = sample();
    wb.order_ids = vec!["A^B~C_D".into()];
    let zpl = zpl::render(&wb, &opts(203));
    let label = one_label(&zpl);
    let ids: Vec<String> = label.data_with("A0");
    assert!(ids.contains(&"A^B~C_D".to_string()), "{ids:?}");
    let raw = String::from_utf8(zpl).unwrap();
    assert!(
        raw.contains("^FHA") || raw.contains("^FH^FDA_5EB_7EC_5FD"),
        "{raw}"
    );
}

#[test]
fn a_batch_is_one_format_per_waybill_in_order() {
    let wbs = sample::batch(5);
    let labels = parse(&zpl::render_batch(&wbs, &opts(203)));
    assert_eq!(labels.len(), 5);
    for (wb, label) in wbs.iter().zip(&labels) {
        let codes = label.data_with("BC");
        assert!(
            codes.contains(&format!(">;{}", wb.tracking_no)),
            "{codes:?}"
        );
    }
}

#[test]
fn nothing_breaks_on_an_empty_waybill() {
    let mut wb = sample();
    wb.tracking_no.clear();
    wb.sort_code.clear();
    wb.recipient = Default::default();
    wb.sender = Default::default();
    wb.items.clear();
    wb.order_ids.clear();
    wb.message.clear();
    let label = one_label(&zpl::render(&wb, &opts(203)));
    assert!(label.data_with("BC").is_empty());
    assert!(has_text_graphic(&label, "받"));
}

/// Keeps the helper honest: an image search for something absent must fail.
#[test]
fn image_search_rejects_absent_text() {
    let hay = render_text("서울특별시 강남구", 28, false);
    assert!(contains_image(&hay, &render_text("강남", 28, false)));
    assert!(!contains_image(&hay, &render_text("길", 28, false)));
    assert!(!contains_image(&hay, &Bitmap::new(4, 4)));
}
