//! AIM symbology identifiers (ISO/IEC 15424): the `]` + code character + modifier prefix a
//! scanner can put in front of the data so the host knows which barcode was read.
//!
//! The GS1 meaning of each identifier follows hardware.md §2.3 (from jodal/biip): it decides
//! whether the data is a GS1 element string, a bare GTIN, or plain text.
use std::fmt;

/// The raw identifier: code character and modifier, e.g. `C` + `1` for `]C1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AimId {
    pub code: char,
    /// One character, except for `]Y` (system expansion) where the first digit says how many
    /// more characters follow.
    pub modifier: String,
}

impl AimId {
    /// The identifier as transmitted, e.g. `]C1`.
    pub fn prefix(&self) -> String {
        format!("]{}{}", self.code, self.modifier)
    }

    pub fn symbology(&self) -> Symbology {
        Symbology::from_aim(self.code, &self.modifier)
    }
}

impl fmt::Display for AimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "]{}{}", self.code, self.modifier)
    }
}

/// Splits a leading AIM identifier off `data`: returns it and the number of bytes it used.
/// `None` when `data` does not start with a well-formed identifier, so data that merely starts
/// with `]` is left alone.
pub fn parse_aim(data: &[u8]) -> Option<(AimId, usize)> {
    let (&bracket, rest) = data.split_first()?;
    if bracket != b']' {
        return None;
    }
    let (&code, rest) = rest.split_first()?;
    if !code.is_ascii_alphabetic() {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    if !first.is_ascii_alphanumeric() {
        return None;
    }
    let mut modifier = String::from(first as char);
    if code == b'Y' {
        // `]Y`: the modifier's first digit n means n more modifier characters (ISO/IEC 15424).
        let more = usize::from(first.checked_sub(b'0').filter(|n| *n <= 9)?);
        let extra = rest.get(..more)?;
        if !extra.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        modifier.extend(extra.iter().map(|b| *b as char));
    }
    let used = 2 + modifier.len();
    Some((
        AimId {
            code: code as char,
            modifier,
        },
        used,
    ))
}

/// What kind of barcode was read, as far as the station cares.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Symbology {
    /// `]C1`: an element string with AIs.
    Gs1_128,
    /// `]C0`, `]C2`, `]C4`: plain Code 128 (C2 = FNC1 in second position, C4 = ISBT concatenated).
    Code128,
    /// `]E0`: EAN-13, UPC-A or UPC-E (transmitted as 13 digits).
    Ean13,
    /// `]E1` / `]E2`: EAN-13 with a 2- or 5-digit add-on.
    Ean13AddOn,
    /// `]E3`: EAN/UPC with an add-on, transmitted as one string.
    EanUpcAddOn,
    /// `]E4`: EAN-8.
    Ean8,
    /// `]A*`: Code 39.
    Code39,
    /// `]F*`
    Codabar,
    /// `]G*`
    Code93,
    /// `]I1`: ITF-14, a GTIN.
    Itf14,
    /// `]I0` and other `]I*`: interleaved 2 of 5 without a GS1 meaning.
    Itf,
    /// `]L*`
    Pdf417,
    /// `]Q3`: QR Code carrying an element string.
    Gs1Qr,
    /// `]Q*` other than Q3.
    Qr,
    /// `]d2`: Data Matrix carrying an element string.
    Gs1DataMatrix,
    /// `]d*` other than d2.
    DataMatrix,
    /// `]e0`
    Gs1DataBar,
    /// `]e1`, `]e2`
    Gs1Composite,
    /// `]J1`
    Gs1DotCode,
    /// `]z*`
    Aztec,
    /// `]U*`
    MaxiCode,
    /// An identifier we have no name for (kept so the test screen can still show it).
    Other(AimId),
    /// The scanner sent no AIM identifier.
    Unidentified,
}

impl Symbology {
    fn from_aim(code: char, modifier: &str) -> Self {
        match (code, modifier) {
            ('C', "1") => Self::Gs1_128,
            ('C', _) => Self::Code128,
            ('E', "0") => Self::Ean13,
            ('E', "1" | "2") => Self::Ean13AddOn,
            ('E', "3") => Self::EanUpcAddOn,
            ('E', "4") => Self::Ean8,
            ('A', _) => Self::Code39,
            ('F', _) => Self::Codabar,
            ('G', _) => Self::Code93,
            ('I', "1") => Self::Itf14,
            ('I', _) => Self::Itf,
            ('L', _) => Self::Pdf417,
            ('Q', "3") => Self::Gs1Qr,
            ('Q', _) => Self::Qr,
            ('d', "2") => Self::Gs1DataMatrix,
            ('d', _) => Self::DataMatrix,
            ('e', "0") => Self::Gs1DataBar,
            ('e', "1" | "2") => Self::Gs1Composite,
            ('J', "1") => Self::Gs1DotCode,
            ('z', _) => Self::Aztec,
            ('U', _) => Self::MaxiCode,
            _ => Self::Other(AimId {
                code,
                modifier: modifier.to_owned(),
            }),
        }
    }

    /// Name for the scanner test screen.
    pub fn display_name(&self) -> &'static str {
        match self {
            Self::Gs1_128 => "GS1-128",
            Self::Code128 => "Code 128",
            Self::Ean13 => "EAN-13 / UPC",
            Self::Ean13AddOn => "EAN-13 + add-on",
            Self::EanUpcAddOn => "EAN/UPC + add-on",
            Self::Ean8 => "EAN-8",
            Self::Code39 => "Code 39",
            Self::Codabar => "Codabar",
            Self::Code93 => "Code 93",
            Self::Itf14 => "ITF-14",
            Self::Itf => "Interleaved 2 of 5",
            Self::Pdf417 => "PDF417",
            Self::Gs1Qr => "GS1 QR Code",
            Self::Qr => "QR Code",
            Self::Gs1DataMatrix => "GS1 DataMatrix",
            Self::DataMatrix => "Data Matrix",
            Self::Gs1DataBar => "GS1 DataBar",
            Self::Gs1Composite => "GS1 Composite",
            Self::Gs1DotCode => "GS1 DotCode",
            Self::Aztec => "Aztec",
            Self::MaxiCode => "MaxiCode",
            Self::Other(_) => "Other symbology",
            Self::Unidentified => "Unidentified",
        }
    }

    /// The data is a GS1 element string (AIs, FNC1 as GS) and should go through the GS1 parser.
    pub fn is_gs1(&self) -> bool {
        matches!(
            self,
            Self::Gs1_128
                | Self::Gs1Qr
                | Self::Gs1DataMatrix
                | Self::Gs1DataBar
                | Self::Gs1Composite
                | Self::Gs1DotCode
        )
    }

    /// The data is a bare GTIN (EAN-13/UPC/EAN-8/ITF-14), without AIs.
    pub fn carries_gtin(&self) -> bool {
        matches!(
            self,
            Self::Ean13 | Self::EanUpcAddOn | Self::Ean8 | Self::Itf14
        )
    }
}

impl fmt::Display for Symbology {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Other(id) => write!(f, "{} ({id})", self.display_name()),
            _ => f.write_str(self.display_name()),
        }
    }
}
