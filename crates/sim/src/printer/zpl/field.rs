//! Field data: `^FH` hex escapes, the `^CI` character set, and barcode data conventions.
use super::BarcodeKind;

pub(super) enum FieldError {
    BadHex,
    Utf8,
}

pub(super) struct FieldData<'a> {
    pub raw: &'a [u8],
    pub hex_indicator: Option<u8>,
    pub utf8: bool,
}

impl FieldData<'_> {
    pub(super) fn decode(&self) -> Result<String, FieldError> {
        let bytes = match self.hex_indicator {
            Some(indicator) => unescape_hex(self.raw, indicator)?,
            None => self.raw.to_vec(),
        };
        if self.utf8 {
            String::from_utf8(bytes).map_err(|_| FieldError::Utf8)
        } else {
            // Zebra's default code page (^CI0) is Latin-1 for the printable range.
            Ok(bytes.iter().map(|&b| char::from(b)).collect())
        }
    }
}

/// `_E2_80_94` → bytes E2 80 94 (with `_` as the indicator set by `^FH`).
fn unescape_hex(raw: &[u8], indicator: u8) -> Result<Vec<u8>, FieldError> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == indicator {
            let hex = raw.get(i + 1..i + 3).ok_or(FieldError::BadHex)?;
            let text = std::str::from_utf8(hex).map_err(|_| FieldError::BadHex)?;
            out.push(u8::from_str_radix(text, 16).map_err(|_| FieldError::BadHex)?);
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    Ok(out)
}

pub(super) fn barcode_data(kind: BarcodeKind, text: &str) -> String {
    match kind {
        BarcodeKind::Code128 => code128_data(text),
        BarcodeKind::Qr => qr_data(text),
        BarcodeKind::Code39 | BarcodeKind::I2of5 => text.to_owned(),
    }
}

/// Resolves ^BC invocation codes (`>` + one character) to the data a scanner would read.
fn code128_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '>' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('<') => out.push('^'),
            Some('0') => out.push('>'),
            Some('=') => out.push('~'),
            // FNC1 first in the symbol marks GS1-128 and is not data; later it separates fields.
            Some('8') if !out.is_empty() => out.push('\u{1D}'),
            // Start codes (>9 >: >;), subset switches (>5 >6 >7), FNC2/3, shift: not data.
            Some(_) => {}
            None => out.push('>'),
        }
    }
    out
}

/// `^BQ` field data is `<ecc><mode>,<data>`; manual byte mode adds `B` and a 4-digit length.
fn qr_data(text: &str) -> String {
    let Some((prefix, data)) = text.split_once(',') else {
        return text.to_owned();
    };
    if prefix.len() != 2 {
        return text.to_owned();
    }
    if prefix.ends_with('M') {
        let mut chars = data.chars();
        return match chars.next() {
            Some('B') => chars.skip(4).collect(),
            Some(_) => chars.collect(),
            None => String::new(),
        };
    }
    data.to_owned()
}
