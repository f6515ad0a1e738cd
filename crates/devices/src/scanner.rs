//! Barcode scanners: AIM symbology identifiers, GS1 element strings, the Korean IME guard for
//! keyboard-wedge input, and a reader thread for serial / CDC-ACM scanners.
//!
//! Everything but the reader is pure and shared by the serial path and the keyboard-wedge path
//! in the app, so a code means the same thing whichever way it arrived.
mod aim;
mod error;
mod framing;
pub mod gs1;
mod ime;
mod reader;
mod scan;

pub use aim::{AimId, Symbology, parse_aim};
pub use error::ScannerError;
pub use framing::{MAX_FRAME, ScanFramer, Terminator};
pub use gs1::{
    Decimal, Decoded, Element, ElementString, Gs1Date, Gs1Error, Unit, parse_element_string,
    parse_element_string_at, parse_gtin,
};
pub use ime::ime_to_latin;
pub use reader::{ScannerConfig, ScannerEvent, ScannerReader};
pub use scan::{Affixes, Scan};
