//! Waybills in TSPL, sent over TCP through the production printer connection to the virtual
//! printer, and read back by its TSPL decoder: barcodes, device text and the rasterised Hangul.

#[path = "support/sample.rs"]
mod sample;
#[path = "support/virtual_printer.rs"]
mod virtual_printer;
#[path = "support/zpl_fields.rs"]
mod zpl_fields;

use packdesk_labels::raster::{Bitmap, render_text};
use packdesk_labels::tspl::{self, TsplOptions};
use packdesk_labels::{MaskRule, format_phone};
use packdesk_sim::printer::tspl::{BarcodeKind, DecodeError, Label, decode};
use sample::{MOBILE, NAME, PHONE, TRACKING, sample};
use zpl_fields::{contains_image, same_bitmap};

fn opts(dpi: u32) -> TsplOptions {
    TsplOptions {
        dpi,
        gap_mm: 2,
        mask: MaskRule::default(),
    }
}

fn bitmaps(label: &Label) -> Vec<Bitmap> {
    label
        .bitmaps
        .iter()
        .map(|b| Bitmap {
            width: b.width_bytes * 8,
            height: b.height,
            bytes_per_row: b.width_bytes,
            bits: b.bits.clone(),
        })
        .collect()
}

/// Some BITMAP is exactly `text` as render_text draws it at that bitmap's height.
fn has_text_bitmap(label: &Label, text: &str) -> bool {
    bitmaps(label).iter().any(|g| {
        [false, true]
            .iter()
            .any(|&bold| same_bitmap(g, &render_text(text, g.height, bold)))
    })
}

/// `text`'s ink appears inside some BITMAP, alone or within a longer line.
fn text_ink_anywhere(label: &Label, text: &str) -> bool {
    bitmaps(label).iter().any(|g| {
        [false, true]
            .iter()
            .any(|&bold| contains_image(g, &render_text(text, g.height, bold)))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printer_reads_a_whole_waybill_sent_over_tcp() {
    for (dpi, name_px) in [(203, 44), (300, 66)] {
        let printed = virtual_printer::print(tspl::render(&sample(), &opts(dpi)), 1).await;
        let label = printed[0].as_tspl().expect("recognised as TSPL");
        assert_eq!(
            label.size,
            Some(("123 mm".into(), "100 mm".into())),
            "{dpi}"
        );
        assert_eq!(label.copies, 1);

        let tracking: Vec<_> = label
            .barcodes_of(BarcodeKind::Code128)
            .filter(|b| b.data == TRACKING)
            .collect();
        assert_eq!(tracking.len(), 2, "{dpi} dpi: {:?}", label.barcodes);
        for b in &tracking {
            assert!(b.narrow >= 2 && b.height > 0, "{dpi} dpi: {b:?}");
        }
        assert!(
            label
                .barcodes_of(BarcodeKind::Code128)
                .any(|b| b.data == "4W44-4g"),
            "{dpi} dpi sort code: {:?}",
            label.barcodes
        );
        // The big sort code and the masked mobile are device text in font "0".
        assert!(
            label
                .texts
                .iter()
                .any(|t| t.text == "4W44-4g" && t.font == "0")
        );
        assert!(label.has_text("010-1234-****"), "{dpi} dpi masked mobile");
        assert!(label.has_text("031-123-****"), "{dpi} dpi masked phone");
        assert!(label.has_text(&format_phone("0212345678")), "sender phone");
        for unmasked in [format_phone(MOBILE), format_phone(PHONE), MOBILE.into()] {
            assert!(!label.has_text(&unmasked), "{dpi} dpi: {unmasked} printed");
        }

        // The masked name, as the layout draws it (bold, 44 dots at 203 dpi).
        let name = render_text("홍*동", name_px, true);
        assert!(
            bitmaps(label).iter().any(|g| same_bitmap(g, &name)),
            "{dpi} dpi: masked name bitmap"
        );
        // The stacked section tag 보내는분 is one bitmap per syllable.
        assert!(has_text_bitmap(label, "보"), "{dpi} dpi: section tag");
        assert!(
            text_ink_anywhere(label, "패크데스크"),
            "{dpi} dpi: the sender's name"
        );
        assert!(!text_ink_anywhere(label, NAME), "{dpi} dpi: unmasked name");
        assert!(
            !text_ink_anywhere(label, "길"),
            "{dpi} dpi: the masked syllable"
        );
        assert!(
            label.bitmaps.len() >= 15,
            "{dpi} dpi: {}",
            label.bitmaps.len()
        );
        for b in &label.bitmaps {
            assert!(b.ink() > 0, "{dpi} dpi: blank bitmap at {},{}", b.x, b.y);
        }
        assert!(!label.bars.is_empty() && !label.boxes.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_prints_every_label_in_order() {
    let wbs = sample::batch(12);
    let printed = virtual_printer::print(tspl::render_batch(&wbs, &opts(203)), 12).await;
    for (wb, p) in wbs.iter().zip(&printed) {
        let label = p.as_tspl().unwrap();
        assert_eq!(
            label
                .barcodes_of(BarcodeKind::Code128)
                .filter(|b| b.data == wb.tracking_no)
                .count(),
            2,
            "{}",
            wb.tracking_no
        );
    }
}

#[test]
fn a_cut_off_stream_is_an_error_not_a_label() {
    let bytes = tspl::render(&sample(), &opts(203));
    let start = bytes.windows(5).position(|w| w == b"CLS\r\n").unwrap() + 5;
    for cut in (start + 1..bytes.len() - 2).step_by(97) {
        match decode(&bytes[..cut]) {
            Err(DecodeError::Truncated { .. } | DecodeError::Unterminated { .. }) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

#[test]
fn garbage_is_an_error() {
    let mut bytes = tspl::render(&sample(), &opts(203));
    let at = bytes.windows(4).position(|w| w == b"BAR ").unwrap();
    bytes[at..at + 4].copy_from_slice(b"\x01\x02\x03\x04");
    assert!(matches!(
        decode(&bytes),
        Err(DecodeError::UnknownCommand { .. })
    ));
}
