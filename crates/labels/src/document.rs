//! A rendered-ready document: the drawing of one label or page (203-dpi dots, top-left origin)
//! and its page size. Every output (ZPL, TSPL, ESC/POS, PDF, PNG preview) draws from this, so
//! they cannot disagree about what is printed; masking happened before, while it was built.

use crate::layout::{DOTS_PER_MM, Element};

/// One page or label, ready for any renderer.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Template id it was built from, e.g. `waybill-cj`.
    pub(crate) template: String,
    /// Page size in layout dots (8 per mm).
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) elements: Vec<Element>,
}

impl Document {
    pub(crate) fn new(template: &str, width: u32, height: u32, elements: Vec<Element>) -> Self {
        Self {
            template: template.to_string(),
            width,
            height,
            elements,
        }
    }

    /// The id of the template this document was rendered from.
    pub fn template_id(&self) -> &str {
        &self.template
    }

    /// Width in dots at 203 dpi (8 dots/mm).
    pub fn width_dots(&self) -> u32 {
        self.width
    }

    /// Height in dots at 203 dpi (8 dots/mm).
    pub fn height_dots(&self) -> u32 {
        self.height
    }

    pub fn width_mm(&self) -> f32 {
        self.width as f32 / DOTS_PER_MM
    }

    pub fn height_mm(&self) -> f32 {
        self.height as f32 / DOTS_PER_MM
    }

    pub(crate) fn elements(&self) -> &[Element] {
        &self.elements
    }
}
