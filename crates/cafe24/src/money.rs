//! Cafe24 sends money as decimal strings ("30000.00"); Packdesk keeps integer
//! minor units. KRW (and JPY, VND) have no minor unit, so "3000.00" → 3000.

/// Minor-unit digits for an ISO 4217 code (the zero-decimal ones Cafe24 shops use).
pub fn minor_digits(currency: &str) -> u32 {
    match currency.to_ascii_uppercase().as_str() {
        "KRW" | "JPY" | "VND" | "CLP" | "ISK" | "TWD" => 0,
        _ => 2,
    }
}

/// "30000.00" in `currency` → integer minor units. Extra fraction digits round half up.
pub fn to_minor(amount: &str, currency: &str) -> Result<i64, String> {
    let digits = minor_digits(currency);
    let text = amount.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let bad = || format!("not a money amount: {amount:?}");
    if whole.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let scale = 10_i64.pow(digits);
    let kept: String = frac
        .chars()
        .chain(std::iter::repeat('0'))
        .take(digits as usize)
        .collect();
    let mut minor = whole
        .checked_mul(scale)
        .and_then(|w| {
            w.checked_add(if kept.is_empty() {
                0
            } else {
                kept.parse::<i64>().unwrap_or(0)
            })
        })
        .ok_or_else(bad)?;
    if frac.chars().nth(digits as usize).is_some_and(|c| c >= '5') {
        minor += 1;
    }
    Ok(if negative { -minor } else { minor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn won_has_no_minor_unit() {
        assert_eq!(to_minor("3000.00", "KRW"), Ok(3000));
        assert_eq!(to_minor("30000", "KRW"), Ok(30000));
        assert_eq!(to_minor("0.00", "KRW"), Ok(0));
        assert_eq!(to_minor("1999.50", "KRW"), Ok(2000));
    }

    #[test]
    fn dollars_become_cents() {
        assert_eq!(to_minor("12.34", "USD"), Ok(1234));
        assert_eq!(to_minor("12.3", "USD"), Ok(1230));
        assert_eq!(to_minor("-1.005", "USD"), Ok(-101));
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(to_minor("", "KRW").is_err());
        assert!(to_minor("12,000", "KRW").is_err());
        assert!(to_minor("abc", "USD").is_err());
    }
}
