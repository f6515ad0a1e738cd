//! Documents × printer languages: the one place a label becomes bytes.
//!
//! A job names a document: `waybill` (each parcel's carrier waybill — CJ, 한진 and 롯데 have
//! their own layouts, other carriers print the generic 100×150 label, parcels abroad the EMS label
//! with its CN22 declaration) or one template id. Templates are the built-in ones or the shop's
//! copy in `<data dir>/templates/<id>.json`; a broken copy answers its error *before* a job is
//! created, so it never takes invoice numbers or half-prints a batch.

use packdesk_labels::escpos::{self, EscPosOptions};
use packdesk_labels::template::{Template, TemplateId, render_document_with};
use packdesk_labels::tspl::{self, TsplOptions};
use packdesk_labels::{DocData, Document, MaskTable, pdf, zpl};

use crate::dto::PrintFormat;
use crate::error::{DeskError, Result};

/// A job's document when none was asked for: each parcel's carrier waybill.
pub(crate) const CARRIER_WAYBILL: &str = "waybill";

/// Where a shop's own template copies live (`<data dir>/templates/<id>.json`).
pub(crate) fn user_template_dir() -> std::path::PathBuf {
    crate::paths::data_dir().join("templates")
}

/// A template as it prints: the shop's copy when there is one, else the built-in one.
pub(crate) fn template(id: TemplateId) -> Result<Template> {
    Ok(Template::load(id, Some(&user_template_dir()))?)
}

/// The template a parcel of `carrier` prints for the job's `document`.
pub(crate) fn document_for(document: &str, carrier: &str) -> String {
    if document != CARRIER_WAYBILL {
        return document.to_string();
    }
    if carrier == crate::invoice::EMS {
        return TemplateId::LabelEmsCn22.id().to_string();
    }
    TemplateId::waybill_for_carrier(carrier).id().to_string()
}

/// Normalises a requested document id: None/blank = the carrier's waybill.
pub(crate) fn requested(document: Option<&str>) -> Result<String> {
    match document.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(CARRIER_WAYBILL.to_string()),
        Some(d) if d == CARRIER_WAYBILL => Ok(d.to_string()),
        Some(d) => Ok(template_id(d)?.id().to_string()),
    }
}

/// True for documents that are the parcel's shipping label: they carry its invoice number
/// (taken from the pool when the parcel has none), count as its 출력, and a second print is a
/// reprint that needs a reason. Packing slips, warranty cards and pick lists are paperwork.
pub(crate) fn is_shipping_label(document: &str) -> bool {
    document == CARRIER_WAYBILL
        || matches!(
            TemplateId::parse(document),
            Ok(TemplateId::WaybillCj
                | TemplateId::WaybillHanjin
                | TemplateId::WaybillLotte
                | TemplateId::LabelGeneric100x150
                | TemplateId::LabelEmsCn22)
        )
}

/// True for a document printed once for the whole batch (the pick list), not per parcel.
pub(crate) fn per_batch(document: &str) -> bool {
    matches!(TemplateId::parse(document), Ok(TemplateId::PickList))
}

/// True when the format is one document for the whole job (a PDF), not one stream per label.
pub(crate) fn whole_job(format: PrintFormat) -> bool {
    matches!(format, PrintFormat::Pdf)
}

/// The template a (per-parcel) document id names; `UNKNOWN_DOCUMENT` otherwise.
pub(crate) fn template_id(document: &str) -> Result<TemplateId> {
    TemplateId::parse(document).map_err(|_| DeskError::UnknownDocument(document.to_string()))
}

/// Refuses a template that cannot be loaded (a broken user copy), before anything is printed.
pub(crate) fn check(document: &str) -> Result<()> {
    template(template_id(document)?).map(|_| ())
}

/// Lays out `data` with `document`'s template, masking by the template carrier's rule.
pub(crate) fn lay_out(document: &str, data: &[DocData]) -> Result<Vec<Document>> {
    let template = template(template_id(document)?)?;
    let masks = MaskTable::default();
    data.iter()
        .map(|d| Ok(render_document_with(&template, d, &masks)?))
        .collect()
}

/// Renders `data` as `document` in `format`: one byte stream per document for the label
/// languages, a single stream holding every page for PDF ([`whole_job`]).
pub(crate) fn render(
    format: PrintFormat,
    document: &str,
    data: &[DocData],
) -> Result<Vec<Vec<u8>>> {
    let docs = lay_out(document, data)?;
    Ok(match format {
        PrintFormat::Zpl => {
            let opts = zpl::ZplOptions::default();
            docs.iter()
                .map(|d| zpl::render_document(d, &opts))
                .collect()
        }
        PrintFormat::Tspl => {
            let opts = TsplOptions::default();
            docs.iter()
                .map(|d| tspl::render_document(d, &opts))
                .collect()
        }
        // An 80 mm receipt printer (the usual ESC/POS desk printer); the document is scaled to it.
        PrintFormat::EscPos => {
            let opts = EscPosOptions::receipt_80mm();
            docs.iter()
                .map(|d| escpos::render_document(d, &opts))
                .collect()
        }
        PrintFormat::Pdf => vec![pdf::render_documents(&docs, document)?],
    })
}
