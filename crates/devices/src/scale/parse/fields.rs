//! The small matching toolkit the protocol parsers share: a cursor with regex-like steps,
//! header search, and weight/unit conversion to grams.
use crate::scale::{FrameError, Reading};

pub(super) struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    pub(super) fn rest(&self) -> &'a [u8] {
        self.rest
    }

    /// Consumes `tag` if the input starts with it.
    pub(super) fn tag(&mut self, tag: &[u8]) -> bool {
        match self.rest.strip_prefix(tag) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Consumes the first of `tags` the input starts with.
    pub(super) fn one_of(&mut self, tags: &[&'static [u8]]) -> Option<&'static [u8]> {
        let found = tags.iter().copied().find(|t| self.rest.starts_with(t))?;
        self.rest = &self.rest[found.len()..];
        Some(found)
    }

    pub(super) fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(first)
    }

    pub(super) fn take_while(&mut self, pred: impl Fn(u8) -> bool) -> &'a [u8] {
        let n = self.rest.iter().take_while(|&&b| pred(b)).count();
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        taken
    }

    pub(super) fn skip_spaces(&mut self) {
        self.take_while(|b| b == b' ');
    }

    pub(super) fn expect(&mut self, tag: &[u8]) -> Result<(), FrameError> {
        if self.tag(tag) {
            Ok(())
        } else {
            Err(unrecognized())
        }
    }

    pub(super) fn expect_end(&self) -> Result<(), FrameError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(unrecognized())
        }
    }
}

pub(super) fn unrecognized() -> FrameError {
    FrameError::Unrecognized { protocol: "" }
}

/// Tries `parse_at` at every position where one of `headers` starts, like an unanchored regex:
/// noise that slipped in before a frame's header does not cost the frame. The first specific
/// failure wins over "no match".
pub(super) fn search(
    frame: &[u8],
    headers: &[&'static [u8]],
    parse_at: impl Fn(&mut Cursor<'_>) -> Result<Reading, FrameError>,
) -> Result<Reading, FrameError> {
    let mut failure: Option<FrameError> = None;
    for start in 0..frame.len() {
        let at = &frame[start..];
        if !headers.iter().any(|h| at.starts_with(h)) {
            continue;
        }
        match parse_at(&mut Cursor::new(at)) {
            Ok(reading) => return Ok(reading),
            Err(e) => {
                if matches!(failure, None | Some(FrameError::Unrecognized { .. })) {
                    failure = Some(e);
                }
            }
        }
    }
    Err(failure.unwrap_or_else(unrecognized))
}

/// Nanograms per unit: every supported unit is an exact whole number of nanograms (the
/// avoirdupois ounce is 28.349523125 g), so conversion is exact before the final rounding.
fn nanograms_per(unit: &[u8]) -> Option<i128> {
    let unit = unit.to_ascii_lowercase();
    Some(match unit.as_slice() {
        b"g" => 1_000_000_000,
        b"kg" => 1_000_000_000_000,
        b"t" => 1_000_000_000_000_000,
        b"lb" => 453_592_370_000,
        b"oz" => 28_349_523_125,
        _ => return None,
    })
}

/// Converts a number field (spaces, optional sign, digits with at most one decimal point;
/// e.g. `+0001.234`, `  13.5`, `- 0.5`) and a unit to grams, rounded half away from zero.
pub(super) fn grams(number: &[u8], unit: &[u8]) -> Result<i64, FrameError> {
    let bad = || FrameError::BadWeight {
        field: String::from_utf8_lossy(number).into_owned(),
    };
    let unit = unit.trim_ascii();
    let per_unit = nanograms_per(unit).ok_or_else(|| FrameError::UnknownUnit {
        unit: String::from_utf8_lossy(unit).into_owned(),
    })?;
    let mut field = number.trim_ascii();
    let negative = match field.first() {
        Some(b'-') => true,
        Some(b'+') => false,
        _ => false,
    };
    if matches!(field.first(), Some(b'-' | b'+')) {
        field = field[1..].trim_ascii_start();
    }
    let mut mantissa: i128 = 0;
    let mut decimals: u32 = 0;
    let mut digits = 0;
    let mut seen_point = false;
    for &b in field {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 18 {
                    return Err(bad());
                }
                mantissa = mantissa * 10 + i128::from(b - b'0');
                if seen_point {
                    decimals += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => return Err(bad()),
        }
    }
    if digits == 0 {
        return Err(bad());
    }
    let divisor = 10i128.pow(decimals) * 1_000_000_000;
    let scaled = mantissa * per_unit;
    let rounded = (scaled + divisor / 2) / divisor;
    let value = i64::try_from(rounded).map_err(|_| bad())?;
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_units_exactly() {
        assert_eq!(grams(b"+0001.234", b"kg"), Ok(1234));
        assert_eq!(grams(b"000013.5", b"kg"), Ok(13_500));
        assert_eq!(grams(b"+00081.72", b"  g"), Ok(82));
        assert_eq!(grams(b"-0.5", b"KG"), Ok(-500));
        assert_eq!(grams(b"- 0.0004", b"kg"), Ok(0));
        assert_eq!(grams(b"1.5", b" t"), Ok(1_500_000));
        assert_eq!(grams(b"1", b"lb"), Ok(454));
        assert_eq!(grams(b"0012345", b"kg"), Ok(12_345_000));
        // 16 oz is exactly 1 lb (453.59237 g) only if the ounce is not truncated.
        assert_eq!(grams(b"16", b"oz"), Ok(454));
        assert_eq!(grams(b"1000", b"oz"), Ok(28_350));
        assert_eq!(grams(b"100", b"lb"), Ok(45_359));
        assert_eq!(grams(b"2.5", b"g"), Ok(3));
    }

    #[test]
    fn rejects_bad_numbers_and_units() {
        assert_eq!(
            grams(b"    .  ", b"kg").map_err(|e| e.code()),
            Err("SCALE_FRAME_BAD_WEIGHT")
        );
        assert_eq!(
            grams(b"1.2.3", b"kg").map_err(|e| e.code()),
            Err("SCALE_FRAME_BAD_WEIGHT")
        );
        assert_eq!(
            grams(b"1 2", b"kg").map_err(|e| e.code()),
            Err("SCALE_FRAME_BAD_WEIGHT")
        );
        assert_eq!(
            grams(b"1.2", b"pcs").map_err(|e| e.code()),
            Err("SCALE_FRAME_UNKNOWN_UNIT")
        );
        assert_eq!(
            grams(b"1.2", b"  ").map_err(|e| e.code()),
            Err("SCALE_FRAME_UNKNOWN_UNIT")
        );
    }
}
