//! Display formatting and personal-data masking for names and phone numbers.
//!
//! The default rule follows the PIPC guidance since 2021: mask the middle of the name (`홍*동`) and
//! the last four digits of the phone (`010-1234-****`). Carriers still differ, so both parts are
//! configurable per carrier through [`MaskRule`].

use serde::{Deserialize, Serialize};

/// Which characters of a recipient's name are hidden.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NameMask {
    /// Keep the first and last character: `홍*동`, `남**수`; a 2-character name keeps the first: `홍*`.
    #[default]
    Middle,
    /// Hide the last character: `홍길*`.
    Last,
}

/// Which digits of a recipient's phone number are hidden.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PhoneMask {
    /// `010-1234-****`.
    #[default]
    Last4,
    /// `010-****-5678`.
    Middle4,
}

/// The masking applied to the recipient on a label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MaskRule {
    pub name: NameMask,
    pub phone: PhoneMask,
}

const MASK: char = '*';

/// Masking rule per carrier id (`cj`, `hanjin`, `lotte`, `epost`, `logen`, `ems`, `kpacket`),
/// with [`MaskRule::default`] (홍*동 / 010-1234-****) for any carrier not listed. Every built-in
/// carrier is on the PIPC direction today; a carrier that requires otherwise changes here (or
/// the shop's settings override it with [`MaskTable::set`]), never in a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaskTable {
    rules: Vec<(String, MaskRule)>,
}

/// Carriers with a rule of their own. All follow the PIPC guidance (2021, and the 2025 call for
/// one uniform rule): mixing rules across carriers is what lets two labels reveal a whole name.
const CARRIER_RULES: [(&str, MaskRule); 7] = [
    ("cj", MaskRule::PIPC),
    ("hanjin", MaskRule::PIPC),
    ("lotte", MaskRule::PIPC),
    ("epost", MaskRule::PIPC),
    ("logen", MaskRule::PIPC),
    ("ems", MaskRule::PIPC),
    ("kpacket", MaskRule::PIPC),
];

impl Default for MaskTable {
    fn default() -> Self {
        Self {
            rules: CARRIER_RULES
                .iter()
                .map(|(id, r)| (id.to_string(), *r))
                .collect(),
        }
    }
}

impl MaskTable {
    /// The rule for `carrier` (case-insensitive id), or the default rule.
    pub fn rule(&self, carrier: &str) -> MaskRule {
        let carrier = carrier.trim().to_ascii_lowercase();
        self.rules
            .iter()
            .find(|(id, _)| *id == carrier)
            .map(|(_, r)| *r)
            .unwrap_or_default()
    }

    /// Sets (or replaces) the rule of one carrier.
    pub fn set(&mut self, carrier: &str, rule: MaskRule) {
        let carrier = carrier.trim().to_ascii_lowercase();
        match self.rules.iter_mut().find(|(id, _)| *id == carrier) {
            Some((_, r)) => *r = rule,
            None => self.rules.push((carrier, rule)),
        }
    }
}

impl MaskRule {
    /// Middle of the name, last four digits: `홍*동`, `010-1234-****`.
    pub const PIPC: MaskRule = MaskRule {
        name: NameMask::Middle,
        phone: PhoneMask::Last4,
    };
}

/// Masks a name by `rule`. Whitespace stays visible so that a two-word name keeps its shape, and
/// a one-character name becomes `*` (keeping it would reveal the whole name).
pub fn mask_name(name: &str, rule: NameMask) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    let letters: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| i)
        .collect();
    let hidden: Vec<usize> = match (rule, letters.len()) {
        (_, 0) => Vec::new(),
        (_, 1) => letters.clone(),
        (NameMask::Middle, 2) => vec![letters[1]],
        (NameMask::Middle, n) => letters[1..n - 1].to_vec(),
        (NameMask::Last, n) => vec![letters[n - 1]],
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if hidden.contains(&i) { MASK } else { c })
        .collect()
}

/// Splits a Korean phone number (digits only; other characters are ignored) into its display
/// groups, or `None` when it matches no known pattern.
fn phone_groups(digits: &str) -> Option<Vec<&str>> {
    let d = digits;
    let n = d.len();
    let split = |a: usize, b: usize| Some(vec![&d[..a], &d[a..a + b], &d[a + b..]]);
    if d.starts_with("02") {
        // Seoul: 02-XXX-XXXX / 02-XXXX-XXXX.
        return match n {
            9 => split(2, 3),
            10 => split(2, 4),
            _ => None,
        };
    }
    if d.starts_with("050") && n == 12 {
        // 안심번호 / virtual numbers: 0504-1234-5678.
        return split(4, 4);
    }
    if d.starts_with('0') {
        // Mobile (01X) and the other area codes / 070: 0XX-XXX-XXXX or 0XX-XXXX-XXXX.
        return match n {
            10 => split(3, 3),
            11 => split(3, 4),
            _ => None,
        };
    }
    if n == 8 && (d.starts_with("15") || d.starts_with("16") || d.starts_with("18")) {
        // Representative numbers: 1588-1255.
        return Some(vec![&d[..4], &d[4..]]);
    }
    None
}

fn digits_only(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// `01012345678` → `010-1234-5678`, `0212345678` → `02-1234-5678`, `050412345678` →
/// `0504-1234-5678`, `15881255` → `1588-1255`. Anything else is returned as its bare digits.
pub fn format_phone(digits: &str) -> String {
    let d = digits_only(digits);
    match phone_groups(&d) {
        Some(groups) => groups.join("-"),
        None => d,
    }
}

/// Formats and masks a phone number: `010-1234-****` (Last4) or `010-****-5678` (Middle4).
/// Numbers that match no pattern still lose four digits (the last four, or the four before them).
pub fn mask_phone(digits: &str, rule: PhoneMask) -> String {
    let d = digits_only(digits);
    let stars = |s: &str| MASK.to_string().repeat(s.len());
    match phone_groups(&d) {
        Some(mut groups) => {
            let k = match rule {
                PhoneMask::Last4 => groups.len() - 1,
                PhoneMask::Middle4 => groups.len().saturating_sub(2),
            };
            let masked = stars(groups[k]);
            groups[k] = &masked;
            groups.join("-")
        }
        None => {
            let n = d.len();
            let (from, to) = match rule {
                PhoneMask::Last4 => (n.saturating_sub(4), n),
                PhoneMask::Middle4 if n >= 8 => (n - 8, n - 4),
                PhoneMask::Middle4 => (0, n.min(4)),
            };
            format!("{}{}{}", &d[..from], stars(&d[from..to]), &d[to..])
        }
    }
}

/// 12-digit tracking numbers print as `XXXX-XXXX-XXXX`; any other length prints unchanged.
pub fn format_tracking(digits: &str) -> String {
    if digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &digits[..4], &digits[4..8], &digits[8..])
    } else {
        digits.to_string()
    }
}

/// Hides the recipient inside free text (배송메시지, addresses): their full name becomes the
/// masked name, and anything shaped like a Korean phone number (digits with optional `-`, `.`,
/// space or `)` separators, as in `031)123-4567`) is masked by `rule`. Customers often type "홍길동님 010-1234-5678로 연락".
pub(crate) fn scrub(text: &str, name: &str, rule: MaskRule) -> String {
    let name = name.trim();
    let named = if name.chars().count() >= 2 {
        text.replace(name, &mask_name(name, rule.name))
    } else {
        text.to_string()
    };
    scrub_phones(&named, rule.phone)
}

fn scrub_phones(text: &str, rule: PhoneMask) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // Longest run of digits joined by single separators.
        let mut end = i;
        let mut j = i;
        let mut digits = String::new();
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                digits.push(chars[j]);
                j += 1;
                end = j;
            } else if matches!(chars[j], '-' | '.' | ' ' | ')')
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        if phone_groups(&digits).is_some() {
            out.push_str(&mask_phone(&digits, rule));
        } else {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_loses_the_name_and_phone_numbers() {
        let rule = MaskRule::default();
        let table = [
            (
                "홍길동님 010-1234-5678로 연락",
                "홍*동님 010-1234-****로 연락",
            ),
            ("01012345678 부재시", "010-1234-**** 부재시"),
            ("010 1234 5678", "010-1234-****"),
            ("010.1234.5678!", "010-1234-****!"),
            ("경비실 02-123-4567", "경비실 02-123-****"),
            ("031)123-4567", "031-123-****"),
            // Not phones: short numbers, house numbers, dates, the shop's order numbers.
            ("테헤란로 123-45 4층", "테헤란로 123-45 4층"),
            ("2025-03-14 도착", "2025-03-14 도착"),
            ("주문 20250314-0000123", "주문 20250314-0000123"),
            ("", ""),
        ];
        for (text, want) in table {
            assert_eq!(scrub(text, "홍길동", rule), want, "{text}");
        }
        // A one-character name would blank out every occurrence of that syllable; leave it.
        assert_eq!(scrub("김포 공항", "김", rule), "김포 공항");
    }

    #[test]
    fn carriers_have_rules_and_unknown_ones_get_the_default() {
        let mut t = MaskTable::default();
        assert_eq!(t.rule("CJ"), MaskRule::PIPC);
        assert_eq!(t.rule("lotte"), MaskRule::PIPC);
        assert_eq!(t.rule("nobody"), MaskRule::default());
        let last = MaskRule {
            name: NameMask::Last,
            phone: PhoneMask::Middle4,
        };
        t.set("Hanjin", last);
        assert_eq!(t.rule("hanjin"), last);
        t.set("new", last);
        assert_eq!(t.rule("NEW"), last);
        assert_eq!(MaskRule::PIPC, MaskRule::default());
    }

    #[test]
    fn phone_groups_reject_unknown_shapes() {
        assert_eq!(phone_groups("12345"), None);
        assert_eq!(phone_groups("021234"), None);
        assert_eq!(phone_groups(""), None);
    }
}
