//! Waybills, shipping and customs labels, packing slips, pick lists and warranty cards for Korean
//! shops, rendered to printer languages (ZPL, TSPL, ESC/POS), PDF and PNG previews, with other
//! people's personal data masked; plus display formatting of phones and tracking numbers and the
//! parser of the print-range box.
//!
//! Documents are JSON templates ([`template`]) drawn into one device-independent [`Document`];
//! every renderer draws that same document, so no two outputs can disagree about what is printed,
//! and masking happens in one place (the template field binding).

mod barcode;
mod docdata;
mod document;
mod error;
mod fonts;
mod layout;
mod mask;
mod picture;
mod preview;
mod waybill;

pub mod escpos;
pub mod pdf;
pub mod range;
pub mod raster;
pub mod samples;
pub mod template;
pub mod tspl;
pub mod zpl;

pub use barcode::Symbology;
pub use docdata::{
    CustomsCategory, CustomsItem, CustomsLabel, DataKind, DocData, IntlParty, PackingSlip,
    PickLine, PickList, PickTotal, ProductNameSource, SlipLine, WarrantyCard, format_money,
    format_won, s10_check_digit, strip_marketing,
};
pub use document::Document;
pub use error::LabelError;
pub use mask::{
    MaskRule, MaskTable, NameMask, PhoneMask, format_phone, format_tracking, mask_name, mask_phone,
};
pub use preview::{preview_png, rasterise};
pub use range::RangeError;
pub use waybill::{LabelItem, Party, Waybill};
