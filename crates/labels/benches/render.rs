//! 1,000 waybills to ZPL, TSPL, ESC/POS and PDF (goals: the printer languages under 1 s, PDF
//! under 3 s). Run: `cargo bench -p packdesk-labels --bench render` (append `-- tspl` etc. for one).

#[path = "../tests/support/sample.rs"]
mod sample;

use criterion::{Criterion, criterion_group, criterion_main};
use packdesk_labels::escpos::{self, EscPosOptions};
use packdesk_labels::tspl::{self, TsplOptions};
use packdesk_labels::zpl::{self, ZplOptions};
use packdesk_labels::{MaskRule, pdf};
use std::hint::black_box;
use std::time::Duration;

fn render_1000(c: &mut Criterion) {
    let wbs = sample::batch(1000);
    let mut group = c.benchmark_group("1000 waybills");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for dpi in [203, 300] {
        let opts = ZplOptions {
            dpi,
            mask: MaskRule::default(),
        };
        // Size is the other half of the job: it is what travels to the printer over port 9100.
        let bytes = zpl::render_batch(&wbs, &opts).len();
        eprintln!(
            "zpl {dpi} dpi: {bytes} bytes per 1,000 labels, {} bytes per label",
            bytes / wbs.len()
        );
        group.bench_function(format!("zpl {dpi} dpi"), |b| {
            b.iter(|| black_box(zpl::render_batch(black_box(&wbs), &opts)).len())
        });
    }
    for dpi in [203, 300] {
        let opts = TsplOptions {
            dpi,
            ..TsplOptions::default()
        };
        let bytes = tspl::render_batch(&wbs, &opts).len();
        eprintln!(
            "tspl {dpi} dpi: {bytes} bytes per 1,000 labels, {} bytes per label",
            bytes / wbs.len()
        );
        group.bench_function(format!("tspl {dpi} dpi"), |b| {
            b.iter(|| black_box(tspl::render_batch(black_box(&wbs), &opts)).len())
        });
    }
    for (paper, opts) in [
        ("80mm", EscPosOptions::receipt_80mm()),
        ("58mm", EscPosOptions::receipt_58mm()),
    ] {
        let bytes = escpos::render_batch(&wbs, &opts).len();
        eprintln!(
            "escpos {paper}: {bytes} bytes per 1,000 labels, {} bytes per label",
            bytes / wbs.len()
        );
        group.bench_function(format!("escpos {paper}"), |b| {
            b.iter(|| black_box(escpos::render_batch(black_box(&wbs), &opts)).len())
        });
    }
    group.bench_function("pdf", |b| {
        b.iter(|| {
            pdf::render(black_box(&wbs), MaskRule::default())
                .map(|p| p.len())
                .unwrap_or(0)
        })
    });
    group.finish();
}

criterion_group!(benches, render_1000);
criterion_main!(benches);
