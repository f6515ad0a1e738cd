//! The CJ대한통운 표준운송장 (123 × 100 mm). Its layout is the built-in `waybill-cj` template
//! (`assets/templates/waybill-cj.json`); this is the waybill-only entry the printer languages use.

use crate::document::Document;
use crate::mask::MaskRule;
use crate::waybill::Waybill;

/// The CJ waybill of `wb`, the recipient masked by `mask`.
pub(crate) fn document(wb: &Waybill, mask: MaskRule) -> Document {
    crate::template::cj_document(wb, mask)
}
