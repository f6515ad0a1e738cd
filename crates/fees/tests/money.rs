//! Conversion to the shop's currency and the undercharge flag.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use packdesk_fees::{Currency, ExchangeRate, ServiceId, Tolerance, quote, shipped, undercharged};

#[test]
fn usd_rounds_half_up_to_the_cent() {
    let rate = ExchangeRate::new(Currency::Usd, "1000").unwrap();
    assert_eq!(rate.convert(4), 0); // 0.4 cent
    assert_eq!(rate.convert(5), 1); // 0.5 cent → up
    assert_eq!(rate.convert(15), 2); // 1.5 cents → up
    assert_eq!(rate.convert(28_000), 2_800);
    // 28,000 / 1,380.50 = 20.2825… USD → 20.28.
    let rate = ExchangeRate::new(Currency::Usd, "1380.50").unwrap();
    assert_eq!(rate.convert(28_000), 2_028);
    assert_eq!(Currency::Usd.format_minor(2_028), "USD 20.28");
    assert_eq!(Currency::Usd.format_minor(1_234_567), "USD 12,345.67");
}

#[test]
fn jpy_rounds_half_up_to_the_yen() {
    let rate = ExchangeRate::new(Currency::Jpy, "10").unwrap();
    assert_eq!(rate.convert(24), 2); // 2.4 yen
    assert_eq!(rate.convert(25), 3); // 2.5 yen → up
    // 28,000 / 9.1234 = 3,069.03… → 3,069 yen.
    let rate = ExchangeRate::new(Currency::Jpy, "9.1234").unwrap();
    assert_eq!(rate.convert(28_000), 3_069);
    assert_eq!(Currency::Jpy.format_minor(3_069), "JPY 3,069");
}

#[test]
fn a_quote_converts_line_by_line_and_total_from_krw() {
    // EMS JP 1.25 kg = 27,500 + 500 = 28,000 KRW; at 1,380.50: 19.92 + 0.36, total 20.28.
    let q = quote(&shipped(ServiceId::Ems).unwrap(), "JP", 1_250, None).unwrap();
    let c = q.in_currency(ExchangeRate::new(Currency::Usd, "1380.50").unwrap());
    let minors: Vec<u64> = c.lines.iter().map(|l| l.minor).collect();
    assert_eq!(minors, [1_992, 36]);
    assert_eq!(c.total_minor, 2_028);
    assert_eq!(c.total_display(), "USD 20.28");
}

#[test]
fn bad_exchange_rates_are_refused() {
    for bad in ["0", "-1380", "abc", "1380.12345", "", "1,380"] {
        let e = ExchangeRate::new(Currency::Usd, bad).unwrap_err();
        assert_eq!(e.code(), "FEE_BAD_RATE", "{bad:?}");
    }
    assert_eq!(Currency::parse("usd"), Some(Currency::Usd));
    assert_eq!(Currency::parse("EUR"), None);
}

#[test]
fn undercharge_beyond_tolerance_is_flagged() {
    assert_eq!(
        undercharged(28_000, 25_000, Tolerance::Krw(1_000)),
        Some(3_000)
    );
    assert_eq!(undercharged(28_000, 27_000, Tolerance::Krw(1_000)), None); // exactly the tolerance
    assert_eq!(
        undercharged(28_000, 26_999, Tolerance::Krw(1_000)),
        Some(1_001)
    );
    assert_eq!(undercharged(28_000, 30_000, Tolerance::Krw(0)), None);
    // 10 % of 28,000 = 2,800.
    assert_eq!(undercharged(28_000, 25_200, Tolerance::Percent(10)), None);
    assert_eq!(
        undercharged(28_000, 25_000, Tolerance::Percent(10)),
        Some(3_000)
    );
}
