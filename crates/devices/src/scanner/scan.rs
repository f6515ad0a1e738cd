//! One decoded scan: what came in, which symbology the scanner said it was, and the GS1 data
//! Packdesk found in it. Shared by the serial reader and the keyboard-wedge path.
use super::aim::{AimId, Symbology, parse_aim};
use super::gs1::{self, ElementString, Gs1Error};
use super::ime::ime_to_latin;

#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    /// The frame as received (terminator removed, configured prefix/suffix still in), for the
    /// scanner test screen.
    pub raw: Vec<u8>,
    /// The AIM identifier, when the scanner sent one.
    pub aim: Option<AimId>,
    pub symbology: Symbology,
    /// The barcode data: prefix, suffix and AIM identifier removed; GS (0x1D) kept as FNC1.
    pub text: String,
    /// `Some` when the data is (or claims to be) GS1: the parsed element string or why it
    /// failed. For EAN/UPC/ITF-14 this is the GTIN as AI 01.
    pub gs1: Option<Result<ElementString, Gs1Error>>,
    /// The text arrived as Hangul (keyboard in 한글 mode) and was mapped back to Latin keys.
    pub ime_corrected: bool,
}

/// Affixes the scanner was programmed to add around the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affixes {
    pub prefix: Vec<u8>,
    pub suffix: Vec<u8>,
}

impl Scan {
    /// Decodes one frame from a serial scanner (terminator already removed).
    pub fn decode(raw: &[u8], affixes: &Affixes) -> Scan {
        let mut data = raw;
        if !affixes.prefix.is_empty()
            && let Some(rest) = data.strip_prefix(affixes.prefix.as_slice())
        {
            data = rest;
        }
        if !affixes.suffix.is_empty()
            && let Some(rest) = data.strip_suffix(affixes.suffix.as_slice())
        {
            data = rest;
        }
        let (aim, data) = match parse_aim(data) {
            Some((id, used)) => (Some(id), &data[used..]),
            None => (None, data),
        };
        // Scanners send ASCII (or UTF-8 for QR); anything else is shown, not dropped.
        let text = String::from_utf8_lossy(data).into_owned();
        Self::from_parts(raw.to_vec(), aim, text, false)
    }

    /// Decodes text typed by a keyboard-wedge scanner: undoes the Korean IME and accepts FNC1
    /// typed out as `<GS>` or `\x1d`.
    pub fn decode_typed(typed: &str, affixes: &Affixes) -> Scan {
        let (latin, corrected) = match ime_to_latin(typed) {
            Some(latin) => (latin, true),
            None => (typed.to_owned(), false),
        };
        let fnc1 = latin
            .replace("<GS>", "\u{1d}")
            .replace("\\x1d", "\u{1d}")
            .replace("\\x1D", "\u{1d}");
        let mut scan = Self::decode(fnc1.as_bytes(), affixes);
        scan.raw = typed.as_bytes().to_vec();
        scan.ime_corrected = corrected;
        scan
    }

    fn from_parts(raw: Vec<u8>, aim: Option<AimId>, text: String, ime_corrected: bool) -> Scan {
        let symbology = aim
            .as_ref()
            .map_or(Symbology::Unidentified, AimId::symbology);
        let gs1 = if symbology.is_gs1() {
            Some(gs1::parse_element_string(&text))
        } else if symbology.carries_gtin() {
            // EAN/UPC with an add-on carries extra digits after the GTIN; only the base is a GTIN.
            let base = match symbology {
                Symbology::EanUpcAddOn => text.get(..13).unwrap_or(&text),
                _ => text.as_str(),
            };
            Some(gs1::parse_gtin(base))
        } else if symbology == Symbology::Unidentified && looks_like_gs1(&text) {
            Some(gs1::parse_element_string(&text))
        } else {
            None
        };
        Scan {
            raw,
            aim,
            symbology,
            text,
            gs1,
            ime_corrected,
        }
    }
}

/// Without an AIM identifier, a GS in the data or the bracketed `(01)` form is a strong sign of
/// GS1; plain digits are not (an order number is digits too).
fn looks_like_gs1(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.contains(gs1::GS)
        || (bytes.first() == Some(&b'(')
            && bytes
                .get(1..3)
                .is_some_and(|ai| ai.iter().all(u8::is_ascii_digit)))
}
