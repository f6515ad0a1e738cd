//! Grams and millimetres are the only units inside the crate (integers: no float drift at a
//! weight break); these helpers turn them into what people read.

/// `1250` → `"1.25 kg"`, `500` → `"0.5 kg"`, `2001` → `"2.001 kg"`.
pub fn fmt_kg(grams: u32) -> String {
    let whole = grams / 1000;
    let frac = grams % 1000;
    if frac == 0 {
        format!("{whole} kg")
    } else {
        let digits = format!("{frac:03}");
        format!("{whole}.{} kg", digits.trim_end_matches('0'))
    }
}

/// `1500` → `"150 cm"`, `905` → `"90.5 cm"`.
pub fn fmt_cm(mm: u32) -> String {
    if mm.is_multiple_of(10) {
        format!("{} cm", mm / 10)
    } else {
        format!("{}.{} cm", mm / 10, mm % 10)
    }
}

/// `1234567` → `"1,234,567"`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A decimal such as `"1.25"` times 10^`scale`, exactly, or None when it has more decimals than
/// `scale`, a sign, or is not a number. Rate files and the CLI give kilograms with up to 3 decimals.
pub fn parse_fixed(s: &str, scale: u32) -> Option<u64> {
    let s = s.trim();
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if frac.len() > scale as usize {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut frac_val: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    for _ in frac.len()..scale as usize {
        frac_val = frac_val.checked_mul(10)?;
    }
    whole
        .checked_mul(10u64.checked_pow(scale)?)?
        .checked_add(frac_val)
}

/// A weight as people type it: `1250`, `1250g`, `1.25kg` → grams (to the gram).
pub fn parse_weight_g(s: &str) -> Option<u32> {
    let t = s.trim().to_ascii_lowercase();
    let grams = if let Some(kg) = t.strip_suffix("kg") {
        parse_fixed(kg.trim(), 3)
    } else {
        parse_fixed(t.strip_suffix('g').unwrap_or(&t).trim(), 0)
    };
    grams.and_then(|g| u32::try_from(g).ok())
}

/// A box size as people type it: `30x20x10cm`, `30×20×10` (cm), `300x200x100mm` → millimetres
/// (cm to one decimal). None for anything else, or a side of zero.
pub fn parse_dims(s: &str) -> Option<crate::weight::Dims> {
    let t = s.trim().to_ascii_lowercase().replace('×', "x");
    let (body, scale) = if let Some(mm) = t.strip_suffix("mm") {
        (mm, 0)
    } else {
        (t.strip_suffix("cm").unwrap_or(&t), 1)
    };
    let sides = body
        .split('x')
        .map(|p| {
            parse_fixed(p, scale)
                .and_then(|v| u32::try_from(v).ok())
                .filter(|v| *v > 0)
        })
        .collect::<Option<Vec<u32>>>()?;
    match sides[..] {
        [l, w, h] => Some(crate::weight::Dims::new(l, w, h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt_kg(1250), "1.25 kg");
        assert_eq!(fmt_kg(500), "0.5 kg");
        assert_eq!(fmt_kg(2001), "2.001 kg");
        assert_eq!(fmt_kg(30000), "30 kg");
        assert_eq!(fmt_cm(1500), "150 cm");
        assert_eq!(fmt_cm(905), "90.5 cm");
        assert_eq!(group_thousands(1234567), "1,234,567");
        assert_eq!(group_thousands(500), "500");
        assert_eq!(group_thousands(0), "0");
    }

    #[test]
    fn fixed_point() {
        assert_eq!(parse_fixed("1.25", 3), Some(1250));
        assert_eq!(parse_fixed("0.501", 3), Some(501));
        assert_eq!(parse_fixed("30", 3), Some(30000));
        assert_eq!(parse_fixed(".5", 3), Some(500));
        assert_eq!(parse_fixed("1.2345", 3), None);
        assert_eq!(parse_fixed("-1", 3), None);
        assert_eq!(parse_fixed("1e3", 3), None);
        assert_eq!(parse_fixed("", 3), None);
        assert_eq!(parse_fixed(".", 3), None);
    }

    #[test]
    fn typed_weights_and_sizes() {
        use crate::weight::Dims;
        assert_eq!(parse_weight_g("1.25kg"), Some(1250));
        assert_eq!(parse_weight_g("1250g"), Some(1250));
        assert_eq!(parse_weight_g("1250"), Some(1250));
        assert_eq!(parse_weight_g("0.501KG"), Some(501));
        assert_eq!(parse_weight_g("1.2345kg"), None);
        assert_eq!(parse_weight_g("heavy"), None);
        assert_eq!(parse_dims("30x20x10cm"), Some(Dims::new(300, 200, 100)));
        assert_eq!(parse_dims("30×20×10"), Some(Dims::new(300, 200, 100)));
        assert_eq!(parse_dims("30.5x20x10"), Some(Dims::new(305, 200, 100)));
        assert_eq!(parse_dims("300x200x100mm"), Some(Dims::new(300, 200, 100)));
        assert_eq!(parse_dims("30x20"), None);
        assert_eq!(parse_dims("30x0x10"), None);
        assert_eq!(parse_dims("30x20x10in"), None);
    }
}
