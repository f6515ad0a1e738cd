//! Documents × printer languages: the one place a label becomes bytes.
//!
//! Every (document, format) pair the desk can print is a match arm here. The pairs the label
//! crate cannot draw yet answer `NOT_YET_AVAILABLE` *before* a job is created, so asking for
//! them never takes invoice numbers or half-prints a batch. When the templates (한진/롯데
//! waybills, packing slip, pick list, CN22, …) and the TSPL/ESC-POS renderers land, their arms
//! are filled in here and nothing else in the queue changes.

use packdesk_labels::escpos::{self, EscPosOptions};
use packdesk_labels::tspl::{self, TsplOptions};
use packdesk_labels::{MaskRule, Waybill, pdf, zpl};

use crate::dto::PrintFormat;
use crate::error::{DeskError, Result};

/// A job's document when none was asked for: each parcel's carrier waybill.
pub(crate) const CARRIER_WAYBILL: &str = "waybill";

/// The template ids of issue 5; ids outside this list are `UNKNOWN_DOCUMENT`.
pub(crate) const DOCUMENTS: &[&str] = &[
    "waybill-cj",
    "waybill-hanjin",
    "waybill-lotte",
    "label-generic-100x150",
    "label-ems-cn22",
    "packing-slip",
    "pick-list",
    "warranty-card",
];

/// What one label is drawn from. Today every document is drawn from the waybill data; it becomes
/// `labels::template::DocData` when the templates land.
pub(crate) type LabelData = Waybill;

/// The template a parcel of `carrier` prints for the job's `document`.
pub(crate) fn document_for(document: &str, carrier: &str) -> String {
    if document != CARRIER_WAYBILL {
        return document.to_string();
    }
    // The CJ standard waybill is the layout every carrier prints on until their own templates
    // land; then: "hanjin" => "waybill-hanjin", "lotte" => "waybill-lotte".
    let _ = carrier;
    "waybill-cj".to_string()
}

/// Normalises a requested document id: None/blank = the carrier's waybill.
pub(crate) fn requested(document: Option<&str>) -> Result<String> {
    match document.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(CARRIER_WAYBILL.to_string()),
        Some(d) if d == CARRIER_WAYBILL || DOCUMENTS.contains(&d) => Ok(d.to_string()),
        Some(d) => Err(DeskError::UnknownDocument(d.to_string())),
    }
}

/// True when the format is one document for the whole job (a PDF), not one stream per label.
pub(crate) fn whole_job(format: PrintFormat) -> bool {
    matches!(format, PrintFormat::Pdf)
}

/// Refuses a pair that cannot be drawn yet, before anything is printed.
pub(crate) fn check(format: PrintFormat, document: &str) -> Result<()> {
    let _ = format; // every format draws every document the label crate has
    match document {
        "waybill-cj" => Ok(()),
        // labels::template::render_document(&Template, &DocData) (helper T).
        other if DOCUMENTS.contains(&other) => Err(not_yet(
            &format!("document '{other}'"),
            &format!("문서 '{other}'"),
        )),
        other => Err(DeskError::UnknownDocument(other.to_string())),
    }
}

/// Renders `labels` of `document` in `format`: one byte stream per label for the label
/// languages, a single stream holding every page for PDF ([`whole_job`]).
pub(crate) fn render(
    format: PrintFormat,
    document: &str,
    labels: &[LabelData],
) -> Result<Vec<Vec<u8>>> {
    check(format, document)?;
    let mask = MaskRule::default();
    match format {
        PrintFormat::Zpl => {
            let opts = zpl::ZplOptions { dpi: 203, mask };
            Ok(labels.iter().map(|wb| zpl::render(wb, &opts)).collect())
        }
        PrintFormat::Tspl => {
            let opts = TsplOptions {
                mask,
                ..TsplOptions::default()
            };
            Ok(labels.iter().map(|wb| tspl::render(wb, &opts)).collect())
        }
        // An 80 mm receipt printer (the usual ESC/POS desk printer); the label is scaled to it.
        PrintFormat::EscPos => {
            let opts = EscPosOptions {
                mask,
                ..EscPosOptions::receipt_80mm()
            };
            Ok(labels.iter().map(|wb| escpos::render(wb, &opts)).collect())
        }
        PrintFormat::Pdf => Ok(vec![pdf::render(labels, mask)?]),
    }
}

fn not_yet(en: &str, ko: &str) -> DeskError {
    DeskError::NotYetAvailable {
        what_en: en.to_string(),
        what_ko: ko.to_string(),
    }
}
