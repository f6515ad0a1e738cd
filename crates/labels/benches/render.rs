//! 1,000 waybills to ZPL, TSPL, ESC/POS and PDF (goals: the printer languages under 1 s, PDF
//! under 3 s), and 1,000 of each other template (한진, 롯데, generic 100×150, EMS CN22, packing
//! slip, pick list, warranty card) to ZPL and PDF, each timed from the data to the bytes (template
//! → `Document` → printer language). Run: `cargo bench -p packdesk-labels --bench render`
//! (append `-- tspl`, `-- "1000 packing-slip"` etc. for one).

#[path = "../tests/support/sample.rs"]
mod sample;

use criterion::SamplingMode;
use criterion::{Criterion, criterion_group, criterion_main};
use packdesk_labels::escpos::{self, EscPosOptions};
use packdesk_labels::samples;
use packdesk_labels::template::{Template, TemplateId, render_document};
use packdesk_labels::tspl::{self, TsplOptions};
use packdesk_labels::zpl::{self, ZplOptions};
use packdesk_labels::{DocData, Document, MaskRule, pdf, s10_check_digit};
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
    let bytes = pdf::render(&wbs, MaskRule::default())
        .map(|p| p.len())
        .unwrap_or(0);
    eprintln!("pdf: {bytes} bytes per 1,000 pages (the font subset once)");
    group.bench_function("pdf", |b| {
        b.iter(|| {
            pdf::render(black_box(&wbs), MaskRule::default())
                .map(|p| p.len())
                .unwrap_or(0)
        })
    });
    group.finish();
}

/// `n` copies of a template's sample, each with its own parcel: numbers, recipient and batch
/// differ as they do in a real run (every number still passes its carrier's check), so no copy
/// is a byte-for-byte repeat of the one before.
fn copies(id: TemplateId, sample: &DocData, n: usize) -> Vec<DocData> {
    let parcels = samples::batch(n);
    parcels
        .into_iter()
        .enumerate()
        .map(|(i, wb)| match sample {
            DocData::Waybill(s) => {
                let mut w = wb;
                w.carrier_name = s.carrier_name.clone();
                w.sort_code = s.sort_code.clone();
                if matches!(id, TemplateId::WaybillHanjin | TemplateId::WaybillLotte) {
                    // Both carriers end the 12 digits with the first eleven mod 7.
                    let first = 25_527_888_317u64 + i as u64 * 13;
                    w.tracking_no = format!("{first:011}{}", first % 7);
                }
                DocData::Waybill(w)
            }
            DocData::CustomsLabel(s) => {
                let mut c = s.clone();
                let serial = format!("{:08}", 47_312_482 + i);
                let check = s10_check_digit(&serial).expect("eight digits");
                c.tracking_no = format!("EE{serial}{check}KR");
                c.recipient.name = format!("Recipient {i}");
                DocData::CustomsLabel(c)
            }
            DocData::PackingSlip(s) => {
                let mut p = s.clone();
                p.parcel_no = wb.parcel_no;
                p.parcel_code = format!("P{:08}", 12_345 + i);
                p.tracking_no = wb.tracking_no;
                p.recipient = wb.recipient;
                DocData::PackingSlip(p)
            }
            DocData::PickList(s) => {
                let mut p = s.clone();
                p.batch = format!("2025-03-14 {}차", i + 1);
                DocData::PickList(p)
            }
            DocData::WarrantyCard(s) => {
                let mut w = s.clone();
                w.warranty_no = format!("W-2025-{:06}", i + 1);
                w.owner_name = wb.recipient.name;
                DocData::WarrantyCard(w)
            }
        })
        .collect()
}

fn documents(template: &Template, data: &[DocData]) -> Vec<Document> {
    data.iter()
        .map(|d| render_document(template, d).expect("sample data fits its template"))
        .collect()
}

/// Every template but the CJ waybill (timed above through the waybill entry points), 1,000 each,
/// from its data: the template drawn into documents, then ZPL (203 dpi) or one PDF.
fn render_other_templates(c: &mut Criterion) {
    for (id, sample) in samples::all() {
        if id == TemplateId::WaybillCj {
            continue;
        }
        let template = Template::builtin(id).expect("built-in template");
        let data = copies(id, &sample, 1000);
        let zpl_opts = ZplOptions::default();
        // One untimed-by-criterion pass, to say how much of a run is drawing the template.
        let t = std::time::Instant::now();
        let docs = documents(&template, &data);
        let drawn = t.elapsed();
        let zpl_bytes = zpl::render_documents(&docs, &zpl_opts).len();
        let pdf_bytes = pdf::render_documents(&docs, template.name_ko.as_str())
            .expect("pdf")
            .len();
        eprintln!(
            "{}: template → 1,000 documents {:.0} ms (one pass); zpl 203 dpi {zpl_bytes} bytes \
             per 1,000, {} per label; pdf {pdf_bytes} bytes per 1,000, {} per page",
            id.id(),
            drawn.as_secs_f64() * 1e3,
            zpl_bytes / data.len(),
            pdf_bytes / data.len()
        );
        let mut group = c.benchmark_group(format!("1000 {}", id.id()));
        group.sample_size(10);
        group.sampling_mode(SamplingMode::Flat);
        group.measurement_time(Duration::from_secs(10));
        group.bench_function("zpl 203 dpi", |b| {
            b.iter(|| {
                let docs = documents(&template, black_box(&data));
                black_box(zpl::render_documents(&docs, &zpl_opts)).len()
            })
        });
        group.bench_function("pdf", |b| {
            b.iter(|| {
                let docs = documents(&template, black_box(&data));
                pdf::render_documents(&docs, template.name_ko.as_str())
                    .map(|p| p.len())
                    .unwrap_or(0)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, render_1000, render_other_templates);
criterion_main!(benches);
