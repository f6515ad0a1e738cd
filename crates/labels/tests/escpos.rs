//! Waybills in ESC/POS (80 mm, 58 mm, label mode), sent over TCP through the production printer
//! connection to the virtual printer, and read back by its ESC/POS decoder: native barcodes and
//! the raster picture, searched for the masked and unmasked text.

#[path = "support/sample.rs"]
mod sample;
#[path = "support/virtual_printer.rs"]
mod virtual_printer;
#[path = "support/zpl_fields.rs"]
mod zpl_fields;

use packdesk_labels::escpos::{self, BAND_ROWS, EscPosOptions};
use packdesk_labels::raster::{Bitmap, render_text};
use packdesk_sim::printer::escpos::{BarcodeKind, DecodeError, Finish, Label, decode};
use sample::{NAME, TRACKING, sample};
use zpl_fields::contains_image;

/// The CJ layout is 984 dots wide; an 80 mm roll has 576.
const FACTOR_80: f32 = 576.0 / 984.0;

fn picture(label: &Label) -> Bitmap {
    let p = &label.picture;
    Bitmap {
        width: p.width_bytes * 8,
        height: p.height,
        bytes_per_row: p.width_bytes,
        bits: p.bits.clone(),
    }
}

fn scaled(px: u32) -> u32 {
    (px as f32 * FACTOR_80).round() as u32
}

/// `text` drawn at any of `heights` (bold or regular) appears in the picture.
fn ink_at_any(pic: &Bitmap, text: &str, heights: impl IntoIterator<Item = u32>) -> bool {
    heights.into_iter().any(|h| {
        [false, true]
            .iter()
            .any(|&bold| contains_image(pic, &render_text(text, h, bold)))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printer_reads_a_whole_waybill_sent_over_tcp() {
    let bytes = escpos::render(&sample(), &EscPosOptions::receipt_80mm());
    let printed = virtual_printer::print(bytes, 1).await;
    let label = printed[0].as_escpos().expect("recognised as ESC/POS");
    assert_eq!(label.finish, Finish::FullCut);
    assert_eq!(label.picture.width_bytes, 72, "576 dots");
    assert!(
        label
            .picture
            .bands
            .iter()
            .all(|(_, rows)| *rows <= BAND_ROWS)
    );

    let codes: Vec<_> = label
        .barcodes
        .iter()
        .map(|b| (b.kind, b.data.as_str()))
        .collect();
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == (BarcodeKind::Code128, TRACKING))
            .count(),
        2,
        "{codes:?}"
    );
    assert!(
        codes.contains(&(BarcodeKind::Code128, "4W44-4g")),
        "{codes:?}"
    );
    for b in &label.barcodes {
        assert!((2..=6).contains(&b.module) && b.height >= 40, "{b:?}");
        assert!(b.left < 576, "{b:?}");
    }
    // Top of the label first: the sort band's symbols before the footer's large one.
    assert!(label.barcodes.windows(2).all(|w| w[0].row <= w[1].row));

    let pic = picture(label);
    // The masked name (bold 44 dots in the layout) at the 80 mm scale; the phones are device
    // text (rasterised bold here) that the layout may shrink to fit, down to 60 %.
    assert!(
        contains_image(&pic, &render_text("홍*동", scaled(44), true)),
        "masked name"
    );
    assert!(
        ink_at_any(&pic, "010-1234-****", scaled(22)..=scaled(36)),
        "masked mobile"
    );
    assert!(
        ink_at_any(&pic, "02-1234-5678", scaled(16)..=scaled(26)),
        "sender phone"
    );
    assert!(
        ink_at_any(&pic, "패크데스크", scaled(20)..=scaled(26)),
        "sender name"
    );
    assert!(!ink_at_any(&pic, NAME, 8..=30), "unmasked name");
    assert!(!ink_at_any(&pic, "길", 8..=30), "the masked syllable");
    assert!(
        !ink_at_any(&pic, "010-1234-5", scaled(22)..=scaled(36)),
        "unmasked mobile"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn narrow_rolls_and_label_mode_keep_every_symbol_on_the_paper() {
    let wbs = sample::batch(3);
    for (opts, bytes_per_row, finish) in [
        (EscPosOptions::receipt_58mm(), 48, Finish::FullCut),
        (EscPosOptions::label(100), 100, Finish::LabelFeed),
    ] {
        let printed = virtual_printer::print(escpos::render_batch(&wbs, &opts), 3).await;
        for (wb, p) in wbs.iter().zip(&printed) {
            let label = p.as_escpos().unwrap();
            assert_eq!(label.picture.width_bytes, bytes_per_row);
            assert_eq!(label.finish, finish);
            let tracking: Vec<_> = label
                .barcodes_of(BarcodeKind::Code128)
                .filter(|b| b.data == wb.tracking_no)
                .collect();
            assert_eq!(tracking.len(), 2, "{}", wb.tracking_no);
            for b in tracking {
                // Code 128 in set C: 12 digits are 101 modules.
                assert!(b.left + 101 * b.module <= opts.width_dots, "{b:?}");
            }
        }
    }
}

#[test]
fn a_cut_off_stream_is_an_error_not_a_label() {
    let bytes = escpos::render(&sample(), &EscPosOptions::default());
    for cut in (3..bytes.len()).step_by(211) {
        match decode(&bytes[..cut]) {
            Err(DecodeError::Truncated { .. } | DecodeError::Unterminated { .. }) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

#[test]
fn garbage_is_an_error() {
    let mut bytes = escpos::render(&sample(), &EscPosOptions::default());
    // The first GS k becomes an unknown GS command.
    let at = bytes.windows(2).position(|w| w == [0x1D, 0x6B]).unwrap();
    bytes[at + 1] = 0xEE;
    assert!(matches!(
        decode(&bytes),
        Err(DecodeError::UnknownCommand { .. })
    ));
}
