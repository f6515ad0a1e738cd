//! Templates and their previews for the printing page: every built-in template (or the user's
//! copy in the data directory's `templates/`), drawn at 203 dpi as a PNG. With a parcel number a
//! template shows what it prints for that parcel (masked as printed); otherwise the library's
//! SYNTHETIC sample data — and the preview says so.

use base64::Engine as _;
use packdesk_labels::template::{Template, TemplateId, render_document};
use packdesk_labels::{DocData, preview_png, samples};

use super::documents::{self, Target};
use crate::desk::Desk;
use crate::dto::{Preview, TemplateInfo};
use crate::error::{DeskError, Result};

fn load(id: TemplateId) -> Result<Template> {
    super::render::template(id)
}

pub(crate) fn templates() -> Result<Vec<TemplateInfo>> {
    TemplateId::ALL
        .iter()
        .map(|&id| {
            let t = load(id)?;
            Ok(TemplateInfo {
                id: id.id().to_string(),
                name_ko: t.name_ko,
                name_en: t.name_en,
                kind: t.kind.id().to_string(),
            })
        })
        .collect()
}

pub(crate) fn preview(desk: &Desk, document: &str, parcel_no: Option<u32>) -> Result<Preview> {
    let id = TemplateId::parse(document)?;
    let template = load(id)?;
    let (data, data_status) = match parcel_no {
        Some(no) => (parcel_document(desk, id, no)?, "parcel"),
        None => (sample_for(id)?, "synthetic"),
    };
    let doc = render_document(&template, &data)?;
    Ok(Preview {
        png_base64: base64::engine::general_purpose::STANDARD.encode(preview_png(&doc)),
        data_status: data_status.to_string(),
    })
}

fn sample_for(id: TemplateId) -> Result<DocData> {
    samples::all()
        .into_iter()
        .find_map(|(t, data)| (t == id).then_some(data))
        .ok_or_else(|| DeskError::UnknownDocument(id.id().to_string()))
}

/// The first page `id` prints for row `no` of today's list, as it prints (the pick list of that
/// row alone, its first warranty card).
fn parcel_document(desk: &Desk, id: TemplateId, no: u32) -> Result<DocData> {
    let inner = &desk.inner;
    let list = crate::worklist::current(inner)?;
    let parcel = list
        .get((no as usize).wrapping_sub(1))
        .ok_or_else(|| DeskError::UnknownParcel(format!("no:{no}")))?;
    let now = inner.clock.now();
    let target = Target {
        parcel_id: parcel.id,
        no,
        reprint: false,
    };
    let docs = inner
        .store
        .read_as(|c| documents::build(c, id, &[target], now))?;
    docs.into_iter()
        .next()
        .ok_or_else(|| DeskError::UnknownParcel(format!("no:{no}")))
}
