//! The application identifiers Packdesk understands, with their data formats from the GS1
//! General Specifications (§3, "GS1 Application Identifiers"). Unknown AIs are an error rather
//! than a guess: without the table the end of a variable-length field cannot be known.

/// How the value after an AI is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// Exactly `len` digits; `check` = the digit range ending in a mod-10 check digit.
    Num {
        len: usize,
        check: Option<(usize, usize)>,
    },
    /// YYMMDD.
    Date,
    /// A 4-digit AI whose last digit (0–5) is the number of decimals of an N6 value.
    Measure(Unit),
    /// Up to `max` digits (counts).
    NumVar { max: usize },
    /// A 4-digit AI whose last digit (0–9) is the number of decimals; `iso` = an ISO 4217
    /// numeric currency code (N3) comes first. Up to 15 amount digits.
    Money { iso: bool },
    /// Up to `max` characters of the GS1 82-character set.
    Alnum { max: usize },
    /// `fixed` digits (with an optional check range) then up to `max` more characters.
    NumThenAlnum {
        fixed: usize,
        check: Option<(usize, usize)>,
        max: usize,
    },
    /// `fixed` digits (with an optional check range) then up to `max` more digits.
    NumThenNum {
        fixed: usize,
        check: Option<(usize, usize)>,
        max: usize,
    },
}

/// Units of the trade-measure AIs (31nn–36nn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Kilogram,
    Pound,
    Metre,
    SquareMetre,
    Litre,
    CubicMetre,
}

impl Unit {
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Kilogram => "kg",
            Unit::Pound => "lb",
            Unit::Metre => "m",
            Unit::SquareMetre => "m²",
            Unit::Litre => "l",
            Unit::CubicMetre => "m³",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct AiSpec {
    /// The AI, or for `Measure`/`Money` its first three digits (the fourth is the decimals).
    pub ai: &'static str,
    pub title: &'static str,
    pub format: Format,
}

impl AiSpec {
    /// Length of the AI itself in the data.
    pub fn ai_len(&self) -> usize {
        match self.format {
            Format::Measure(_) | Format::Money { .. } => 4,
            _ => self.ai.len(),
        }
    }

    /// The highest decimal-indicator digit the AI allows.
    fn max_decimals(&self) -> Option<u8> {
        match self.format {
            Format::Measure(_) => Some(5),
            Format::Money { .. } => Some(9),
            _ => None,
        }
    }

    /// Whether `ai` (the exact digits from the data) is this AI.
    fn matches(&self, ai: &str) -> bool {
        match self.max_decimals() {
            Some(max) => {
                ai.len() == 4
                    && ai.starts_with(self.ai)
                    && ai
                        .as_bytes()
                        .get(3)
                        .is_some_and(|d| d.is_ascii_digit() && d - b'0' <= max)
            }
            None => ai == self.ai,
        }
    }
}

const fn num(len: usize) -> Format {
    Format::Num { len, check: None }
}
const fn checked(len: usize) -> Format {
    Format::Num {
        len,
        check: Some((0, len)),
    }
}
const fn x(max: usize) -> Format {
    Format::Alnum { max }
}
const fn spec(ai: &'static str, title: &'static str, format: Format) -> AiSpec {
    AiSpec { ai, title, format }
}

pub(super) const TABLE: &[AiSpec] = &[
    spec("00", "SSCC", checked(18)),
    spec("01", "GTIN", checked(14)),
    spec("02", "CONTENT", checked(14)),
    spec("10", "BATCH/LOT", x(20)),
    spec("11", "PROD DATE", Format::Date),
    spec("12", "DUE DATE", Format::Date),
    spec("13", "PACK DATE", Format::Date),
    spec("15", "BEST BEFORE", Format::Date),
    spec("16", "SELL BY", Format::Date),
    spec("17", "USE BY OR EXPIRY", Format::Date),
    spec("20", "VARIANT", num(2)),
    spec("21", "SERIAL", x(20)),
    spec("22", "CPV", x(20)),
    spec("235", "TPX", x(28)),
    spec("240", "ADDITIONAL ID", x(30)),
    spec("241", "CUST. PART No.", x(30)),
    spec("242", "MTO VARIANT", Format::NumVar { max: 6 }),
    spec("243", "PCN", x(20)),
    spec("250", "SECONDARY SERIAL", x(30)),
    spec("251", "REF. TO SOURCE", x(30)),
    spec(
        "253",
        "GDTI",
        Format::NumThenAlnum {
            fixed: 13,
            check: Some((0, 13)),
            max: 17,
        },
    ),
    spec("254", "GLN EXTENSION COMPONENT", x(20)),
    spec(
        "255",
        "GCN",
        Format::NumThenNum {
            fixed: 13,
            check: Some((0, 13)),
            max: 12,
        },
    ),
    spec("30", "VAR. COUNT", Format::NumVar { max: 8 }),
    spec("310", "NET WEIGHT (kg)", Format::Measure(Unit::Kilogram)),
    spec("311", "LENGTH (m)", Format::Measure(Unit::Metre)),
    spec("312", "WIDTH (m)", Format::Measure(Unit::Metre)),
    spec("313", "HEIGHT (m)", Format::Measure(Unit::Metre)),
    spec("314", "AREA (m²)", Format::Measure(Unit::SquareMetre)),
    spec("315", "NET VOLUME (l)", Format::Measure(Unit::Litre)),
    spec("316", "NET VOLUME (m³)", Format::Measure(Unit::CubicMetre)),
    spec("320", "NET WEIGHT (lb)", Format::Measure(Unit::Pound)),
    spec("330", "GROSS WEIGHT (kg)", Format::Measure(Unit::Kilogram)),
    spec("340", "GROSS WEIGHT (lb)", Format::Measure(Unit::Pound)),
    spec("37", "COUNT", Format::NumVar { max: 8 }),
    spec("390", "AMOUNT", Format::Money { iso: false }),
    spec("391", "AMOUNT", Format::Money { iso: true }),
    spec("392", "PRICE", Format::Money { iso: false }),
    spec("393", "PRICE", Format::Money { iso: true }),
    spec("400", "ORDER NUMBER", x(30)),
    spec("401", "GINC", x(30)),
    spec("402", "GSIN", checked(17)),
    spec("403", "ROUTE", x(30)),
    spec("410", "SHIP TO LOC", checked(13)),
    spec("411", "BILL TO", checked(13)),
    spec("412", "PURCHASE FROM", checked(13)),
    spec("413", "SHIP FOR LOC", checked(13)),
    spec("414", "LOC No.", checked(13)),
    spec("415", "PAY TO", checked(13)),
    spec("416", "PROD/SERV LOC", checked(13)),
    spec("417", "PARTY", checked(13)),
    spec("420", "SHIP TO POST", x(20)),
    spec(
        "421",
        "SHIP TO POST",
        Format::NumThenAlnum {
            fixed: 3,
            check: None,
            max: 9,
        },
    ),
    spec("422", "ORIGIN", num(3)),
    spec(
        "423",
        "COUNTRY - INITIAL PROCESS",
        Format::NumThenNum {
            fixed: 3,
            check: None,
            max: 12,
        },
    ),
    spec("424", "COUNTRY - PROCESS", num(3)),
    spec(
        "425",
        "COUNTRY - DISASSEMBLY",
        Format::NumThenNum {
            fixed: 3,
            check: None,
            max: 12,
        },
    ),
    spec("426", "COUNTRY - FULL PROCESS", num(3)),
    spec("7003", "EXPIRY TIME", num(10)),
    spec(
        "8003",
        "GRAI",
        Format::NumThenAlnum {
            fixed: 14,
            check: Some((1, 14)),
            max: 16,
        },
    ),
    spec("8004", "GIAI", x(30)),
    spec("8005", "PRICE PER UNIT", num(6)),
    spec(
        "8006",
        "ITIP",
        Format::Num {
            len: 18,
            check: Some((0, 14)),
        },
    ),
    spec("8018", "GSRN - RECIPIENT", checked(18)),
    spec("8020", "REF No.", x(25)),
    spec("8200", "PRODUCT URL", x(70)),
    spec("90", "INTERNAL", x(30)),
    spec("91", "INTERNAL", x(90)),
    spec("92", "INTERNAL", x(90)),
    spec("93", "INTERNAL", x(90)),
    spec("94", "INTERNAL", x(90)),
    spec("95", "INTERNAL", x(90)),
    spec("96", "INTERNAL", x(90)),
    spec("97", "INTERNAL", x(90)),
    spec("98", "INTERNAL", x(90)),
    spec("99", "INTERNAL", x(90)),
];

/// Finds the AI at the start of `digits` (GS1 AIs are prefix-free, so at most one matches).
pub(super) fn lookup_prefix(digits: &str) -> Option<&'static AiSpec> {
    TABLE.iter().find(|spec| {
        digits
            .get(..spec.ai_len())
            .is_some_and(|candidate| spec.matches(candidate))
    })
}

/// Finds the AI written exactly as `ai` (bracketed input).
pub(super) fn lookup_exact(ai: &str) -> Option<&'static AiSpec> {
    TABLE.iter().find(|spec| spec.matches(ai))
}

/// GS1 mod-10 check digit over `digits` (check digit excluded): weights 3,1,3,… from the right.
pub fn gs1_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    u8::try_from((10 - sum % 10) % 10).unwrap_or(0)
}

/// The GS1 AI encodable character set 82 (General Specifications figure 7.11-1).
pub(super) fn is_cset82(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_prefix_free() {
        for a in TABLE {
            for b in TABLE {
                if std::ptr::eq(a, b) {
                    continue;
                }
                assert!(
                    !a.ai.starts_with(b.ai),
                    "{} and {} overlap: parsing would be ambiguous",
                    a.ai,
                    b.ai
                );
            }
        }
    }

    #[test]
    fn check_digit_matches_published_gtins() {
        // GS1's own example GTIN-13 5901234123457 and the hardware.md vector 09501101530003.
        assert_eq!(gs1_check_digit(b"590123412345"), 7);
        assert_eq!(gs1_check_digit(b"0950110153000"), 3);
    }
}
