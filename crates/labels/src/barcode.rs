//! Code 128 symbols shared by the ZPL and PDF renderers, so both print the same bars.

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

/// Code 128 asks for a quiet zone of at least ten modules on each side.
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

    #[test]
    fn unsafe_data_is_refused() {
        assert_eq!(Code128::for_data(""), None);
        assert_eq!(Code128::for_data("A^B"), None);
        assert_eq!(Code128::for_data("분류"), None);
    }
}
