//! Waybills for Korean parcel carriers, rendered to ZPL (thermal label printers) and to PDF, with
//! the recipient's personal data masked; plus display formatting of phones and tracking numbers
//! and the parser of the print-range box.
//!
//! Both renderers draw the same device-independent layout (`layout`), built in one place from
//! the masked recipient, so the two outputs cannot disagree about what is printed.

mod barcode;
mod error;
mod fonts;
mod layout;
mod mask;
mod waybill;

pub mod pdf;
pub mod range;
pub mod raster;
pub mod zpl;

pub use error::LabelError;
pub use mask::{
    MaskRule, NameMask, PhoneMask, format_phone, format_tracking, mask_name, mask_phone,
};
pub use range::RangeError;
pub use waybill::{LabelItem, Party, Waybill};
