//! Whole waybills read back by the virtual printer's ZPL decoder (packdesk-sim): what a real
//! printer would be asked to print, including the compressed `^GFA` text bitmaps.

#[path = "support/sample.rs"]
mod sample;

use packdesk_labels::MaskRule;
use packdesk_labels::raster::render_text;
use packdesk_labels::zpl::{self, ZplOptions};
use packdesk_sim::printer::zpl::{BarcodeKind, decode};
use sample::{TRACKING, sample};

fn opts(dpi: u32) -> ZplOptions {
    ZplOptions {
        dpi,
        mask: MaskRule::default(),
    }
}

#[test]
fn the_printer_decodes_a_whole_waybill() {
    for (dpi, w, h) in [(203, 984, 800), (300, 1476, 1200)] {
        let labels = decode(&zpl::render(&sample(), &opts(dpi)))
            .unwrap_or_else(|e| panic!("{dpi} dpi: {} {e}", e.code()));
        assert_eq!(labels.len(), 1, "{dpi} dpi");
        let label = &labels[0];
        assert_eq!(
            (label.width_dots, label.length_dots),
            (Some(w), Some(h)),
            "{dpi} dpi"
        );

        let tracking: Vec<_> = label
            .barcodes
            .iter()
            .filter(|b| b.kind == BarcodeKind::Code128 && b.data == TRACKING)
            .collect();
        assert_eq!(tracking.len(), 2, "{dpi} dpi: {:?}", label.barcodes);
        for b in &tracking {
            assert!(b.module_width >= 2 && b.height > 0, "{dpi} dpi: {b:?}");
        }
        assert!(
            label.barcodes.iter().any(|b| b.data == "4W44-4g"),
            "{dpi} dpi sort code: {:?}",
            label.barcodes
        );
        assert!(label.has_text("010-1234-****"), "{dpi} dpi masked mobile");

        assert!(
            label.graphics.len() >= 15,
            "{dpi} dpi: {}",
            label.graphics.len()
        );
        for g in &label.graphics {
            assert!(
                g.x < w && g.y < h && g.x + g.width_dots() <= w + 8,
                "{dpi} dpi: graphic at {},{} off the label",
                g.x,
                g.y
            );
            assert_eq!(g.bits.len(), (g.width_bytes * g.height) as usize);
            assert!(g.ink() > 0, "{dpi} dpi: blank graphic at {},{}", g.x, g.y);
        }
        // The masked name, at the size the layout draws it (44 dots at 203 dpi, 66 at 300).
        let name = render_text("홍*동", if dpi == 203 { 44 } else { 66 }, true);
        assert!(
            label
                .graphics
                .iter()
                .any(|g| g.height == name.height && g.bits == name.bits),
            "{dpi} dpi: masked name bitmap"
        );
    }
}

#[test]
fn the_printer_decodes_a_batch_in_order() {
    let wbs = sample::batch(12);
    for dpi in [203, 300] {
        let labels = decode(&zpl::render_batch(&wbs, &opts(dpi)))
            .unwrap_or_else(|e| panic!("{dpi} dpi: {e}"));
        assert_eq!(labels.len(), wbs.len());
        for (wb, label) in wbs.iter().zip(&labels) {
            assert!(
                label
                    .barcodes
                    .iter()
                    .any(|b| b.kind == BarcodeKind::Code128 && b.data == wb.tracking_no),
                "{dpi} dpi: {} not among {:?}",
                wb.tracking_no,
                label.barcodes
            );
            assert!(label.graphics.len() >= 15);
        }
    }
}
