//! GS1 element strings: the AI-tagged data inside GS1-128, GS1 DataMatrix and GS1 QR codes.
//!
//! Accepted input: the transmitted form (`0109501101530003` `10ABC` GS `17251231`, with GS
//! (0x1D) standing for FNC1), the same with FNC1 typed out as `<GS>` or `\x1d` (keyboard
//! wedges and copy-paste lose the control character), an optional GS1 AIM prefix (`]C1`,
//! `]d2`, `]Q3`, …), and the human-readable bracketed form `(01)09501101530003(10)ABC`.
//! Identifier AIs are check-digit verified and dates validated, because a misread barcode
//! must fail loudly rather than ship the wrong lot.
mod ai_table;
mod date;
mod error;

use std::fmt;

pub use ai_table::{Unit, gs1_check_digit};
pub use date::Gs1Date;
pub use error::Gs1Error;

use ai_table::{AiSpec, Format};

use super::aim::parse_aim;

/// FNC1 as transmitted by a scanner.
pub const GS: char = '\u{1d}';

/// A parsed element string: the elements in the order they appeared.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementString {
    pub elements: Vec<Element>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The AI as it appeared, e.g. `01` or `3102`.
    pub ai: String,
    /// GS1 data title, e.g. `GTIN`, `BATCH/LOT`.
    pub title: &'static str,
    /// The value exactly as encoded (digits with leading zeros kept).
    pub value: String,
    pub decoded: Decoded,
}

/// What the value means, where that is more than text.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    /// Identifiers, lots, serials, postcodes: the value is the meaning.
    Text,
    Date(Gs1Date),
    Measure {
        amount: Decimal,
        unit: Unit,
    },
    Count(u64),
    /// `currency` is the ISO 4217 numeric code for AIs 391n/393n.
    Money {
        amount: Decimal,
        currency: Option<String>,
    },
}

/// An exact decimal: `units / 10^decimals` (GS1 values are at most 15 digits, so `u64` fits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    pub units: u64,
    pub decimals: u8,
}

impl Decimal {
    pub fn to_f64(self) -> f64 {
        // Lossy by nature; exact arithmetic should use `units` and `decimals`.
        self.units as f64 / 10f64.powi(i32::from(self.decimals))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = format!(
            "{:0width$}",
            self.units,
            width = usize::from(self.decimals) + 1
        );
        let (int, frac) = digits.split_at(digits.len() - usize::from(self.decimals));
        if frac.is_empty() {
            f.write_str(int)
        } else {
            write!(f, "{int}.{frac}")
        }
    }
}

impl ElementString {
    /// The first element with exactly this AI.
    pub fn get(&self, ai: &str) -> Option<&Element> {
        self.elements.iter().find(|e| e.ai == ai)
    }

    pub fn value(&self, ai: &str) -> Option<&str> {
        self.get(ai).map(|e| e.value.as_str())
    }

    /// GTIN-14 from AI 01.
    pub fn gtin(&self) -> Option<&str> {
        self.value("01")
    }

    pub fn sscc(&self) -> Option<&str> {
        self.value("00")
    }

    pub fn lot(&self) -> Option<&str> {
        self.value("10")
    }

    pub fn serial(&self) -> Option<&str> {
        self.value("21")
    }

    /// AI 17 (use by / expiry).
    pub fn expiry(&self) -> Option<Gs1Date> {
        self.date("17")
    }

    pub fn best_before(&self) -> Option<Gs1Date> {
        self.date("15")
    }

    fn date(&self, ai: &str) -> Option<Gs1Date> {
        match self.get(ai)?.decoded {
            Decoded::Date(date) => Some(date),
            _ => None,
        }
    }

    /// Net weight from AI 310n (kg) or 320n (lb), in whole grams (rounded).
    pub fn net_weight_grams(&self) -> Option<u64> {
        self.elements.iter().find_map(|e| match e.decoded {
            Decoded::Measure { amount, unit }
                if e.ai.starts_with("310") || e.ai.starts_with("320") =>
            {
                let grams_per_unit = match unit {
                    Unit::Kilogram => 1000.0,
                    Unit::Pound => 453.592_37,
                    _ => return None,
                };
                // At most 6 digits: the f64 product is exact enough to round correctly.
                let grams = (amount.to_f64() * grams_per_unit).round();
                (grams >= 0.0).then_some(grams as u64)
            }
            _ => None,
        })
    }

    /// The bracketed human-readable form, e.g. `(01)09501101530003(10)ABC`.
    pub fn to_hri(&self) -> String {
        self.elements
            .iter()
            .map(|e| format!("({}){}", e.ai, e.value))
            .collect()
    }
}

/// Parses an element string, resolving two-digit years around the current year.
pub fn parse_element_string(input: &str) -> Result<ElementString, Gs1Error> {
    parse_element_string_at(input, date::current_year())
}

/// Like [`parse_element_string`] with an explicit "current year" for the century window, so
/// results do not depend on the clock (tests, replays).
pub fn parse_element_string_at(input: &str, current_year: i32) -> Result<ElementString, Gs1Error> {
    let text = normalize(input);
    if text.is_empty() {
        return Err(Gs1Error::Empty);
    }
    let elements = if text.starts_with('(') {
        split_bracketed(&text)?
            .into_iter()
            .map(|(spec, ai, value)| decode(spec, ai, value, current_year))
            .collect::<Result<Vec<_>, _>>()?
    } else {
        parse_transmitted(&text, current_year)?
    };
    reject_conflicting_duplicates(&elements)?;
    Ok(ElementString { elements })
}

/// Turns a bare GTIN (EAN-13, UPC-A as 12 digits, EAN-8, ITF-14) into a one-element string
/// with AI 01, zero-padded to 14 digits and check-digit verified.
pub fn parse_gtin(digits: &str) -> Result<ElementString, Gs1Error> {
    let digits = digits.trim();
    if digits.is_empty() {
        return Err(Gs1Error::Empty);
    }
    if let Some(ch) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(Gs1Error::BadCharacter {
            ai: "01".into(),
            ch,
        });
    }
    if !matches!(digits.len(), 8 | 12 | 13 | 14) {
        return Err(if digits.len() > 14 {
            Gs1Error::TooLong {
                ai: "01".into(),
                max: 14,
            }
        } else {
            Gs1Error::Truncated {
                ai: "01".into(),
                expected: 14,
                got: digits.len(),
            }
        });
    }
    let gtin = format!("{digits:0>14}");
    parse_element_string_at(&format!("01{gtin}"), 2000)
}

/// Strips a GS1 AIM prefix and turns typed-out FNC1 into GS; leading/trailing FNC1 carry no
/// data (some scanners transmit the start FNC1).
fn normalize(input: &str) -> String {
    let mut text = input.trim_matches(['\r', '\n']);
    if let Some((id, used)) = parse_aim(text.as_bytes())
        && id.symbology().is_gs1()
    {
        text = &text[used..];
    }
    let text = text
        .replace("<GS>", "\u{1d}")
        .replace("<gs>", "\u{1d}")
        .replace("\\x1d", "\u{1d}")
        .replace("\\x1D", "\u{1d}");
    text.trim_matches(GS).to_owned()
}

fn parse_transmitted(text: &str, current_year: i32) -> Result<Vec<Element>, Gs1Error> {
    let mut elements = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let spec = ai_table::lookup_prefix(rest).ok_or_else(|| Gs1Error::BadAi {
            ai: rest.chars().take(4).filter(|c| *c != GS).collect(),
            at: pos,
        })?;
        let ai = &rest[..spec.ai_len()];
        let after_ai = &rest[spec.ai_len()..];
        let field_end = after_ai.find(GS).unwrap_or(after_ai.len());
        let value_len = match fixed_len(spec.format) {
            // A fixed-length field needs no separator: take exactly its length.
            Some(len) if field_end < len => {
                return Err(Gs1Error::Truncated {
                    ai: ai.into(),
                    expected: len,
                    got: field_end,
                });
            }
            Some(len) => len,
            None => field_end,
        };
        // `value_len` chars are all before any GS, and GS is ASCII: the slice is on a boundary
        // unless a fixed field cuts a multi-byte character, which `get` rejects.
        let value = after_ai
            .get(..value_len)
            .ok_or_else(|| Gs1Error::BadCharacter {
                ai: ai.into(),
                ch: after_ai.chars().find(|c| !c.is_ascii()).unwrap_or(GS),
            })?;
        elements.push(decode(spec, ai, value, current_year)?);
        pos += spec.ai_len() + value_len;
        if text[pos..].starts_with(GS) {
            pos += GS.len_utf8();
        }
    }
    Ok(elements)
}

fn fixed_len(format: Format) -> Option<usize> {
    match format {
        Format::Num { len, .. } => Some(len),
        Format::Date | Format::Measure(_) => Some(6),
        _ => None,
    }
}

/// Splits `(01)…(10)…` into (spec, ai, value) triples. A value runs to the next `(` that opens
/// a 2–4 digit AI, so values may contain other brackets.
fn split_bracketed(text: &str) -> Result<Vec<(&'static AiSpec, &str, &str)>, Gs1Error> {
    let opens: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| c == '(' && bracketed_ai_at(text, i).is_some())
        .map(|(i, _)| i)
        .collect();
    if opens.first() != Some(&0) {
        return Err(Gs1Error::BadHri { at: 0 });
    }
    let mut parts = Vec::with_capacity(opens.len());
    for (n, &open) in opens.iter().enumerate() {
        let ai = bracketed_ai_at(text, open).ok_or(Gs1Error::BadHri { at: open })?;
        let value_start = open + ai.len() + 2;
        let value_end = opens.get(n + 1).copied().unwrap_or(text.len());
        let spec = ai_table::lookup_exact(ai).ok_or_else(|| Gs1Error::BadAi {
            ai: ai.into(),
            at: open + 1,
        })?;
        let value = text[value_start..value_end].trim_end_matches(GS);
        parts.push((spec, ai, value));
    }
    Ok(parts)
}

fn bracketed_ai_at(text: &str, open: usize) -> Option<&str> {
    let inner = text.get(open + 1..)?;
    let close = inner.find(')')?;
    let ai = &inner[..close];
    ((2..=4).contains(&ai.len()) && ai.bytes().all(|b| b.is_ascii_digit())).then_some(ai)
}

fn decode(
    spec: &'static AiSpec,
    ai: &str,
    value: &str,
    current_year: i32,
) -> Result<Element, Gs1Error> {
    let ai_owned = || ai.to_owned();
    if value.is_empty() {
        return Err(Gs1Error::EmptyValue { ai: ai_owned() });
    }
    let decimals = ai.as_bytes().get(3).map(|d| d.wrapping_sub(b'0'));
    let decoded = match spec.format {
        Format::Num { len, check } => {
            exact_len(ai, value, len)?;
            digits_only(ai, value)?;
            verify_check(ai, value, check)?;
            Decoded::Text
        }
        Format::Date => {
            exact_len(ai, value, 6)?;
            digits_only(ai, value)?;
            let date =
                date::parse_yymmdd(value, current_year).ok_or_else(|| Gs1Error::BadDate {
                    ai: ai_owned(),
                    value: value.to_owned(),
                })?;
            Decoded::Date(date)
        }
        Format::Measure(unit) => {
            exact_len(ai, value, 6)?;
            Decoded::Measure {
                amount: decimal(ai, value, decimals.unwrap_or(0))?,
                unit,
            }
        }
        Format::NumVar { max } => {
            max_len(ai, value, max)?;
            digits_only(ai, value)?;
            Decoded::Count(value.parse().map_err(|_| Gs1Error::TooLong {
                ai: ai_owned(),
                max,
            })?)
        }
        Format::Money { iso } => {
            let (currency, amount) = if iso {
                split_fixed(ai, value, 3)?
            } else {
                ("", value)
            };
            if amount.is_empty() {
                return Err(Gs1Error::EmptyValue { ai: ai_owned() });
            }
            max_len(ai, amount, 15)?;
            digits_only(ai, currency)?;
            Decoded::Money {
                amount: decimal(ai, amount, decimals.unwrap_or(0))?,
                currency: iso.then(|| currency.to_owned()),
            }
        }
        Format::Alnum { max } => {
            max_len(ai, value, max)?;
            cset82_only(ai, value)?;
            Decoded::Text
        }
        Format::NumThenAlnum { fixed, check, max } => {
            let (head, tail) = split_fixed(ai, value, fixed)?;
            digits_only(ai, head)?;
            verify_check(ai, head, check)?;
            max_len(ai, tail, max)?;
            cset82_only(ai, tail)?;
            Decoded::Text
        }
        Format::NumThenNum { fixed, check, max } => {
            let (head, tail) = split_fixed(ai, value, fixed)?;
            digits_only(ai, value)?;
            verify_check(ai, head, check)?;
            max_len(ai, tail, max)?;
            Decoded::Text
        }
    };
    Ok(Element {
        ai: ai_owned(),
        title: spec.title,
        value: value.to_owned(),
        decoded,
    })
}

fn exact_len(ai: &str, value: &str, len: usize) -> Result<(), Gs1Error> {
    let got = value.chars().count();
    if got < len {
        Err(Gs1Error::Truncated {
            ai: ai.into(),
            expected: len,
            got,
        })
    } else {
        max_len(ai, value, len)
    }
}

fn max_len(ai: &str, value: &str, max: usize) -> Result<(), Gs1Error> {
    if value.chars().count() > max {
        Err(Gs1Error::TooLong { ai: ai.into(), max })
    } else {
        Ok(())
    }
}

fn split_fixed<'v>(ai: &str, value: &'v str, fixed: usize) -> Result<(&'v str, &'v str), Gs1Error> {
    match value.get(..fixed) {
        Some(head) if head.len() == fixed => Ok((head, &value[fixed..])),
        _ => Err(Gs1Error::Truncated {
            ai: ai.into(),
            expected: fixed,
            got: value.chars().count(),
        }),
    }
}

fn digits_only(ai: &str, value: &str) -> Result<(), Gs1Error> {
    match value.chars().find(|c| !c.is_ascii_digit()) {
        Some(ch) => Err(Gs1Error::BadCharacter { ai: ai.into(), ch }),
        None => Ok(()),
    }
}

fn cset82_only(ai: &str, value: &str) -> Result<(), Gs1Error> {
    match value.chars().find(|c| !ai_table::is_cset82(*c)) {
        Some(ch) => Err(Gs1Error::BadCharacter { ai: ai.into(), ch }),
        None => Ok(()),
    }
}

fn decimal(ai: &str, digits: &str, decimals: u8) -> Result<Decimal, Gs1Error> {
    digits_only(ai, digits)?;
    let units = digits.parse().map_err(|_| Gs1Error::TooLong {
        ai: ai.into(),
        max: 15,
    })?;
    Ok(Decimal { units, decimals })
}

fn verify_check(ai: &str, value: &str, check: Option<(usize, usize)>) -> Result<(), Gs1Error> {
    let Some((start, end)) = check else {
        return Ok(());
    };
    let Some(covered) = value.as_bytes().get(start..end) else {
        return Err(Gs1Error::Truncated {
            ai: ai.into(),
            expected: end,
            got: value.len(),
        });
    };
    let Some((&given, data)) = covered.split_last() else {
        return Ok(());
    };
    let expected = gs1_check_digit(data);
    if given.wrapping_sub(b'0') == expected {
        Ok(())
    } else {
        Err(Gs1Error::BadCheckDigit {
            ai: ai.into(),
            value: value.to_owned(),
            expected,
        })
    }
}

fn reject_conflicting_duplicates(elements: &[Element]) -> Result<(), Gs1Error> {
    for (i, a) in elements.iter().enumerate() {
        if elements[..i]
            .iter()
            .any(|b| b.ai == a.ai && b.value != a.value)
        {
            return Err(Gs1Error::DuplicateAi { ai: a.ai.clone() });
        }
    }
    Ok(())
}
