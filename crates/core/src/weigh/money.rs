//! Amounts as the desk shows them, and the shop's fixed exchange rate.

use packdesk_fees::{Currency, ExchangeRate, group_thousands};

use crate::dto::Money;

/// `3000 KRW` → "₩3,000", `1250 USD` → "$12.50", `3069 JPY` → "¥3,069"; other currencies by code.
pub(crate) fn money(currency: &str, minor: i64) -> Money {
    let code = currency.trim().to_ascii_uppercase();
    let digits = packdesk_cafe24::minor_digits(&code);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let amount = if digits == 2 {
        format!("{}.{:02}", group_thousands(abs / 100), abs % 100)
    } else {
        group_thousands(abs)
    };
    let display = match code.as_str() {
        "KRW" => format!("{sign}₩{amount}"),
        "USD" => format!("{sign}${amount}"),
        "JPY" => format!("{sign}¥{amount}"),
        _ => format!("{sign}{code} {amount}"),
    };
    Money {
        currency: code,
        minor,
        display,
    }
}

pub(crate) fn krw(amount: u64) -> Money {
    money("KRW", i64::try_from(amount).unwrap_or(i64::MAX))
}

/// The shop's fixed rate, when it has a currency the fee tables can convert to and a rate set.
/// None for KRW shops (nothing to convert) and for shops without a rate: their fees stay in KRW
/// and their customers' payments cannot be compared (said in the log, shown as `paid_krw: null`).
pub(crate) fn shop_rate(currency: &str, krw_per_unit: Option<&str>) -> Option<ExchangeRate> {
    let c = Currency::parse(currency).filter(|c| *c != Currency::Krw)?;
    let Some(rate) = krw_per_unit else {
        tracing::warn!(
            currency,
            "shop has no fixed exchange rate: fees are not converted (set it with `packdesk shop set N --rate`)"
        );
        return None;
    };
    ExchangeRate::new(c, rate).ok()
}

/// What a payment in `currency` is worth in KRW at the shop's rate; None when it cannot be said.
pub(crate) fn to_krw(currency: &str, minor: i64, rate: Option<ExchangeRate>) -> Option<u64> {
    let minor = u64::try_from(minor.max(0)).unwrap_or(0);
    if currency.eq_ignore_ascii_case("KRW") {
        return Some(minor);
    }
    let rate = rate?;
    rate.currency
        .code()
        .eq_ignore_ascii_case(currency)
        .then(|| rate.to_krw(minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays() {
        assert_eq!(money("KRW", 3000).display, "₩3,000");
        assert_eq!(money("usd", 1250).display, "$12.50");
        assert_eq!(money("USD", 123_456).display, "$1,234.56");
        assert_eq!(money("JPY", 3069).display, "¥3,069");
        assert_eq!(money("EUR", 5).display, "EUR 0.05");
        assert_eq!(money("KRW", -500).display, "-₩500");
    }

    #[test]
    fn payments_in_krw() {
        let usd = ExchangeRate::new(Currency::Usd, "1380").ok();
        assert_eq!(to_krw("KRW", 3000, None), Some(3000));
        assert_eq!(to_krw("USD", 1400, usd), Some(19_320));
        assert_eq!(to_krw("USD", 1400, None), None);
        assert_eq!(
            to_krw("JPY", 1000, usd),
            None,
            "a rate for another currency"
        );
    }
}
