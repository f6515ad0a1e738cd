//! 1-D symbols (Code 128, Code 39, Interleaved 2 of 5) and QR matrices shared by every renderer,
//! so ZPL, PDF, the PNG preview and the other printer languages print the same bars.
//!
//! Code 39 and ITF are drawn with a 3:1 wide-to-narrow ratio (the top of the 2.0–3.0 range the
//! specs allow): at 203 dpi a narrow bar is only 2 dots, and a wider ratio is what keeps the
//! symbol readable when thermal bars bleed. ZPL's `^BY` ratio is set to the same 3.0.

use serde::{Deserialize, Serialize};

/// Which 1-D symbology a barcode uses. Carriers differ: CJ and 한진 print Code 128 throughout,
/// 롯데 prints its 도착지 code in Code 39 and the invoice number in Interleaved 2 of 5.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Symbology {
    #[default]
    Code128,
    /// Code 39 without a check character: `0-9 A-Z - . space $ / + %`.
    Code39,
    /// Interleaved 2 of 5: an even number of digits, encoded as given (any check digit is the
    /// carrier's and already part of the number, as 롯데's mod-7 digit is).
    Itf,
}

impl Symbology {
    /// Stable id, as written in template files.
    pub fn id(self) -> &'static str {
        match self {
            Self::Code128 => "code128",
            Self::Code39 => "code39",
            Self::Itf => "itf",
        }
    }

    /// Bar/space modules (1 = bar) from start to stop pattern, without quiet zones, or `None`
    /// when `data` cannot be encoded in this symbology (nothing is drawn then; the human-readable
    /// text still prints).
    pub fn modules(self, data: &str) -> Option<Vec<u8>> {
        match self {
            Self::Code128 => Code128::for_data(data)?.modules(),
            Self::Code39 => code39_modules(data),
            Self::Itf => itf_modules(data),
        }
    }
}

/// Wide elements of Code 39 and ITF are this many modules.
pub(crate) const WIDE: usize = 3;

/// Code 39 characters and their 9-element patterns (bar, space, bar, …; bit 8 = first element,
/// 1 = wide). Three of the nine elements are wide.
const CODE39: [(char, u16); 44] = [
    ('0', 0x034),
    ('1', 0x121),
    ('2', 0x061),
    ('3', 0x160),
    ('4', 0x031),
    ('5', 0x130),
    ('6', 0x070),
    ('7', 0x025),
    ('8', 0x124),
    ('9', 0x064),
    ('A', 0x109),
    ('B', 0x049),
    ('C', 0x148),
    ('D', 0x019),
    ('E', 0x118),
    ('F', 0x058),
    ('G', 0x00D),
    ('H', 0x10C),
    ('I', 0x04C),
    ('J', 0x01C),
    ('K', 0x103),
    ('L', 0x043),
    ('M', 0x142),
    ('N', 0x013),
    ('O', 0x112),
    ('P', 0x052),
    ('Q', 0x007),
    ('R', 0x106),
    ('S', 0x046),
    ('T', 0x016),
    ('U', 0x181),
    ('V', 0x0C1),
    ('W', 0x1C0),
    ('X', 0x091),
    ('Y', 0x190),
    ('Z', 0x0D0),
    ('-', 0x085),
    ('.', 0x184),
    (' ', 0x0C4),
    ('$', 0x0A8),
    ('/', 0x0A2),
    ('+', 0x08A),
    ('%', 0x02A),
    ('*', 0x094),
];

fn push_elements(out: &mut Vec<u8>, widths: impl IntoIterator<Item = (bool, bool)>) {
    // (is_bar, is_wide)
    for (bar, wide) in widths {
        let n = if wide { WIDE } else { 1 };
        out.extend(std::iter::repeat_n(u8::from(bar), n));
    }
}

fn code39_pattern(c: char) -> Option<u16> {
    CODE39.iter().find(|(k, _)| *k == c).map(|(_, p)| *p)
}

/// `*DATA*`, one narrow space between characters. Lower case is refused rather than
/// upper-cased, so the symbol never reads differently from the text printed under it.
fn code39_modules(data: &str) -> Option<Vec<u8>> {
    if data.is_empty() || data.contains('*') {
        return None;
    }
    let patterns: Vec<u16> = std::iter::once('*')
        .chain(data.chars())
        .chain(std::iter::once('*'))
        .map(code39_pattern)
        .collect::<Option<_>>()?;
    let mut out = Vec::with_capacity(patterns.len() * 16);
    for (i, p) in patterns.iter().enumerate() {
        if i > 0 {
            out.push(0);
        }
        push_elements(
            &mut out,
            (0..9).map(|k| (k % 2 == 0, p & (1 << (8 - k)) != 0)),
        );
    }
    Some(out)
}

/// Digit patterns of 2 of 5 (1 = wide), five elements each.
const TWO_OF_FIVE: [[bool; 5]; 10] = {
    const N: bool = false;
    const W: bool = true;
    [
        [N, N, W, W, N],
        [W, N, N, N, W],
        [N, W, N, N, W],
        [W, W, N, N, N],
        [N, N, W, N, W],
        [W, N, W, N, N],
        [N, W, W, N, N],
        [N, N, N, W, W],
        [W, N, N, W, N],
        [N, W, N, W, N],
    ]
};

/// Start `nnnn`, digit pairs (first digit in the bars, second in the spaces), stop `Wnn`.
fn itf_modules(data: &str) -> Option<Vec<u8>> {
    let digits: Vec<usize> = data
        .bytes()
        .map(|b| b.is_ascii_digit().then(|| usize::from(b - b'0')))
        .collect::<Option<_>>()?;
    if digits.is_empty() || !digits.len().is_multiple_of(2) {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() * 9 + 9);
    push_elements(
        &mut out,
        [(true, false), (false, false), (true, false), (false, false)],
    );
    for pair in digits.chunks(2) {
        let (bars, spaces) = (TWO_OF_FIVE[pair[0]], TWO_OF_FIVE[pair[1]]);
        push_elements(
            &mut out,
            (0..5).flat_map(|k| [(true, bars[k]), (false, spaces[k])]),
        );
    }
    push_elements(&mut out, [(true, true), (false, false), (true, false)]);
    Some(out)
}

/// A QR symbol's dark modules, row by row, without the quiet zone. Error correction level M
/// (15 %): enough for a thermal print scuffed in the parcel, still a small symbol for a URL.
pub(crate) fn qr_modules(data: &str) -> Option<Vec<Vec<bool>>> {
    let code =
        qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M).ok()?;
    let n = code.width();
    let colors = code.to_colors();
    Some(
        colors
            .chunks(n)
            .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
            .collect(),
    )
}

/// A QR code asks for a quiet zone of four modules on each side.
pub(crate) const QR_QUIET_MODULES: u32 = 4;

/// The data of one Code 128 symbol and the subset it starts in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Code128 {
    /// An even number of digits, packed two per symbol (subset C) — tracking numbers.
    Digits(String),
    /// Text in subset B — sort codes such as `4W44-4g`.
    Text(String),
}

impl Code128 {
    /// Picks the subset for `data`, or `None` when it cannot (or should not) be encoded: empty,
    /// or characters outside the conservative set that survives a ZPL `^FD` unescaped.
    pub(crate) fn for_data(data: &str) -> Option<Self> {
        if data.is_empty() {
            return None;
        }
        if data.len().is_multiple_of(2) && data.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Self::Digits(data.to_string()));
        }
        let safe = |b: u8| b.is_ascii_alphanumeric() || b" -./+%$".contains(&b);
        data.bytes().all(safe).then(|| Self::Text(data.to_string()))
    }

    /// The `^FD` payload of a ZPL `^BC` field: the subset start code (`>;` = C, `>:` = B), then data.
    pub(crate) fn zpl_data(&self) -> String {
        match self {
            Self::Digits(d) => format!(">;{d}"),
            Self::Text(t) => format!(">:{t}"),
        }
    }

    /// Bar/space modules (1 = bar) from start to stop pattern, without quiet zones.
    pub(crate) fn modules(&self) -> Option<Vec<u8>> {
        let tagged = match self {
            Self::Digits(d) => format!("Ć{d}"),
            Self::Text(t) => format!("Ɓ{t}"),
        };
        barcoders::sym::code128::Code128::new(tagged)
            .ok()
            .map(|c| c.encode())
    }
}

/// Code 128, Code 39 and ITF ask for a quiet zone of at least ten modules on each side.
pub(crate) const QUIET_MODULES: u32 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_digits_take_101_modules_in_subset_c() {
        // start(11) + 6 pairs(66) + check(11) + stop(13)
        let c = Code128::for_data("123456789012").unwrap();
        assert_eq!(c.zpl_data(), ">;123456789012");
        assert_eq!(c.modules().unwrap().len(), 101);
    }

    #[test]
    fn sort_code_is_subset_b() {
        let c = Code128::for_data("4W44-4g").unwrap();
        assert_eq!(c.zpl_data(), ">:4W44-4g");
        // start(11) + 7 chars(77) + check(11) + stop(13)
        assert_eq!(c.modules().unwrap().len(), 112);
    }

    #[test]
    fn odd_digit_counts_fall_back_to_subset_b() {
        assert!(matches!(Code128::for_data("12345"), Some(Code128::Text(_))));
    }

    /// Widths of the runs of equal modules.
    fn runs(m: &[u8]) -> Vec<usize> {
        let mut out = vec![];
        let mut i = 0;
        while i < m.len() {
            let j = (i..m.len()).find(|&j| m[j] != m[i]).unwrap_or(m.len());
            out.push(j - i);
            i = j;
        }
        out
    }

    #[test]
    fn code39_characters_have_three_wide_elements_of_nine() {
        for (c, p) in CODE39 {
            assert_eq!(p.count_ones(), 3, "{c}");
        }
        // *A*: 3 characters × (6 narrow + 3 wide × 3) + 2 gaps.
        let m = Symbology::Code39.modules("A").unwrap();
        assert_eq!(m.len(), 3 * 15 + 2);
        assert_eq!(m[0], 1);
        assert_eq!(*m.last().unwrap(), 1);
        assert!(runs(&m).iter().all(|&r| r == 1 || r == WIDE));
    }

    #[test]
    fn code39_refuses_what_it_cannot_encode() {
        assert_eq!(Symbology::Code39.modules(""), None);
        assert_eq!(Symbology::Code39.modules("4w44"), None);
        assert_eq!(Symbology::Code39.modules("A*B"), None);
        assert!(Symbology::Code39.modules("4W44-4G").is_some());
    }

    #[test]
    fn itf_needs_an_even_number_of_digits() {
        assert_eq!(Symbology::Itf.modules("12345"), None);
        assert_eq!(Symbology::Itf.modules("12a4"), None);
        assert_eq!(Symbology::Itf.modules(""), None);
        // start 4 + pairs × (6 narrow + 4 wide × 3) + stop (3 + 1 + 1)
        let m = Symbology::Itf.modules("255278883171").unwrap();
        assert_eq!(m.len(), 4 + 6 * 18 + 5);
        assert_eq!(&m[..4], &[1, 0, 1, 0]);
        assert_eq!(&m[m.len() - 5..], &[1, 1, 1, 0, 1]);
    }

    #[test]
    fn qr_matrix_is_square_and_has_finder_patterns() {
        let m = qr_modules("https://example.com/w/ABC123").unwrap();
        let n = m.len();
        assert!(n >= 21 && (n - 17).is_multiple_of(4), "{n}");
        assert!(m.iter().all(|r| r.len() == n));
        // Finder pattern: a dark 7×7 ring at the top-left corner.
        assert!((0..7).all(|i| m[0][i] && m[6][i] && m[i][0] && m[i][6]));
        assert!(!m[1][1] && m[2][2]);
    }

    #[test]
    fn unsafe_data_is_refused() {
        assert_eq!(Code128::for_data(""), None);
        assert_eq!(Code128::for_data("A^B"), None);
        assert_eq!(Code128::for_data("분류"), None);
    }
}
