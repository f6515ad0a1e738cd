//! GS1 element strings from documented examples (hardware.md §6, GS1 General Specifications).
use packdesk_devices::scanner::{
    Decoded, Gs1Error, Unit, parse_element_string, parse_element_string_at, parse_gtin,
};

const YEAR: i32 = 2025;

fn parse(input: &str) -> packdesk_devices::scanner::ElementString {
    parse_element_string_at(input, YEAR).unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

fn error(input: &str) -> Gs1Error {
    match parse_element_string_at(input, YEAR) {
        Ok(parsed) => panic!("{input:?} parsed as {parsed:?}"),
        Err(e) => e,
    }
}

#[test]
fn hardware_md_vector_fixed_fields_need_no_separator() {
    let parsed = parse("]C101095011015300031725123110ABC123");
    assert_eq!(parsed.gtin(), Some("09501101530003"));
    assert_eq!(
        parsed.expiry().map(|d| d.to_string()).as_deref(),
        Some("2025-12-31")
    );
    assert_eq!(parsed.lot(), Some("ABC123"));
    assert_eq!(parsed.to_hri(), "(01)09501101530003(17)251231(10)ABC123");
}

#[test]
fn hardware_md_vector_gs_ends_a_variable_field() {
    let parsed = parse("]C1010950110153000310ABC\u{1d}17251231");
    assert_eq!(parsed.lot(), Some("ABC"));
    assert_eq!(
        parsed.expiry().map(|d| (d.year, d.month, d.day)),
        Some((2025, 12, 31))
    );
    assert_eq!(parsed.elements.len(), 3);
}

#[test]
fn fnc1_typed_as_text_is_a_separator() {
    for input in [
        "010950110153000310ABC<GS>17251231",
        "010950110153000310ABC\\x1d17251231",
        "010950110153000310ABC\\x1D17251231",
        // A leading FNC1 (some scanners transmit it) and a trailing one carry no data.
        "\u{1d}010950110153000310ABC\u{1d}17251231\u{1d}",
    ] {
        let parsed = parse(input);
        assert_eq!(parsed.lot(), Some("ABC"), "{input:?}");
        assert_eq!(parsed.expiry().map(|d| d.day), Some(31), "{input:?}");
    }
}

#[test]
fn bracketed_human_readable_input() {
    let parsed = parse("(01)09501101530003(17)251231(10)ABC123");
    assert_eq!(parsed.gtin(), Some("09501101530003"));
    assert_eq!(parsed.lot(), Some("ABC123"));
    // A value may contain brackets as long as they do not open a 2–4 digit AI.
    assert_eq!(parse("(10)A(1)B(21)X").lot(), Some("A(1)B"));
    // An unclosed bracket is not an AI, so it runs into the GTIN's value.
    assert_eq!(error("(01)09501101530003(99").code(), "GS1_VALUE_TOO_LONG");
    assert_eq!(error("(9)1").code(), "GS1_BAD_HRI");
    assert_eq!(error("(01)").code(), "GS1_EMPTY_VALUE");
}

#[test]
fn sscc_and_gln_check_digits() {
    assert_eq!(
        parse("00106141411234567897").sscc(),
        Some("106141411234567897")
    );
    let e = error("00106141411234567898");
    assert_eq!(e.code(), "GS1_BAD_CHECK_DIGIT");
    assert!(matches!(e, Gs1Error::BadCheckDigit { expected: 7, .. }));
    assert_eq!(
        parse("4108801234567893").value("410"),
        Some("8801234567893")
    );
    assert_eq!(error("4108801234567890").code(), "GS1_BAD_CHECK_DIGIT");
}

#[test]
fn wrong_gtin_check_digit() {
    let e = error("]C10109501101530004");
    assert_eq!(e.code(), "GS1_BAD_CHECK_DIGIT");
    assert!(matches!(&e, Gs1Error::BadCheckDigit { ai, expected: 3, .. } if ai == "01"));
    assert!(e.message_ko().contains("검증 숫자"));
    assert_eq!(error("(02)09501101530004").code(), "GS1_BAD_CHECK_DIGIT");
}

#[test]
fn truncated_fields() {
    assert!(matches!(
        error("01095011015300"),
        Gs1Error::Truncated {
            expected: 14,
            got: 12,
            ..
        }
    ));
    assert_eq!(error("0109501101530003172512").code(), "GS1_TRUNCATED");
    // A GS inside a fixed-length field means the field was cut short.
    assert_eq!(error("0109501101\u{1d}10ABC").code(), "GS1_TRUNCATED");
    assert_eq!(error("(17)2512").code(), "GS1_TRUNCATED");
    assert_eq!(error("01").code(), "GS1_TRUNCATED");
}

#[test]
fn unknown_ai() {
    let e = error("2312345");
    assert_eq!(e.code(), "GS1_BAD_AI");
    assert!(matches!(&e, Gs1Error::BadAi { at: 0, .. }));
    let after_gtin = error("0109501101530003ABC");
    assert!(matches!(after_gtin, Gs1Error::BadAi { at: 16, .. }));
    assert_eq!(error("(23)123").code(), "GS1_BAD_AI");
    // 310n allows 0–5 decimals only.
    assert_eq!(error("3107000123").code(), "GS1_BAD_AI");
    assert!(!error("2312345").message_ko().is_empty());
}

#[test]
fn dates_validate_month_day_and_day_zero() {
    assert_eq!(error("17251301").code(), "GS1_BAD_DATE");
    assert_eq!(error("17250230").code(), "GS1_BAD_DATE");
    assert_eq!(error("1525A231").code(), "GS1_BAD_CHARACTER");
    let month_only = parse("17250200").expiry().unwrap();
    assert_eq!(
        (month_only.year, month_only.month, month_only.day),
        (2025, 2, 28)
    );
    assert!(month_only.day_unspecified);
    let leap = parse("15240200").best_before().unwrap();
    assert_eq!((leap.month, leap.day), (2, 29));
    for (ai, title) in [
        ("11", "PROD DATE"),
        ("13", "PACK DATE"),
        ("15", "BEST BEFORE"),
    ] {
        let parsed = parse(&format!("{ai}250101"));
        assert_eq!(parsed.elements[0].title, title);
        assert!(matches!(parsed.elements[0].decoded, Decoded::Date(_)));
    }
    // Century window: ±50 years around the current year.
    assert_eq!(
        parse_element_string_at("17991231", 2025)
            .unwrap()
            .expiry()
            .unwrap()
            .year,
        1999
    );
    assert_eq!(
        parse_element_string_at("17751231", 2025)
            .unwrap()
            .expiry()
            .unwrap()
            .year,
        2075
    );
    assert!(parse_element_string("17251231").is_ok());
}

#[test]
fn serial_lot_and_length_limits() {
    let parsed = parse("010950110153000321SN-0001\u{1d}10L.42/7");
    assert_eq!(parsed.serial(), Some("SN-0001"));
    assert_eq!(parsed.lot(), Some("L.42/7"));
    assert!(matches!(
        error(&format!("10{}", "A".repeat(21))),
        Gs1Error::TooLong { max: 20, .. }
    ));
    assert_eq!(
        parse(&format!("10{}", "A".repeat(20))).lot().map(str::len),
        Some(20)
    );
    assert_eq!(error("10\u{1d}17251231").code(), "GS1_EMPTY_VALUE");
    assert_eq!(error("10AB CD").code(), "GS1_BAD_CHARACTER");
    assert_eq!(error("").code(), "GS1_EMPTY");
    assert_eq!(error("]C1").code(), "GS1_EMPTY");
}

#[test]
fn counts_weights_and_decimal_indicator() {
    let parsed = parse("0209501101530003\u{1d}3724\u{1d}3102000123");
    assert_eq!(parsed.value("02"), Some("09501101530003"));
    assert_eq!(parsed.get("37").unwrap().decoded, Decoded::Count(24));
    match &parsed.get("3102").unwrap().decoded {
        Decoded::Measure { amount, unit } => {
            assert_eq!(*unit, Unit::Kilogram);
            assert_eq!(amount.to_string(), "1.23");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(parsed.net_weight_grams(), Some(1230));
    assert_eq!(parse("3100000005").net_weight_grams(), Some(5000));
    assert_eq!(parse("3105001250").net_weight_grams(), Some(13));
    // 2.50 lb = 1133.98 g.
    assert_eq!(parse("3202000250").net_weight_grams(), Some(1134));
    assert_eq!(
        parse("30123").get("30").unwrap().decoded,
        Decoded::Count(123)
    );
    assert_eq!(error("30123456789").code(), "GS1_VALUE_TOO_LONG");
    assert_eq!(error("3102").code(), "GS1_TRUNCATED");
}

#[test]
fn order_number_and_ship_to_postcode() {
    let parsed = parse("]C1400PO-2024-0001\u{1d}42006236\u{1d}4214100623");
    assert_eq!(parsed.value("400"), Some("PO-2024-0001"));
    assert_eq!(parsed.value("420"), Some("06236"));
    assert_eq!(parsed.value("421"), Some("4100623"));
    assert_eq!(parsed.get("420").unwrap().title, "SHIP TO POST");
    match &parse("3912410995").get("3912").unwrap().decoded {
        Decoded::Money { amount, currency } => {
            assert_eq!(currency.as_deref(), Some("410"));
            assert_eq!(amount.to_string(), "9.95");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn conflicting_duplicate_ai_is_rejected() {
    assert_eq!(error("10A\u{1d}10B").code(), "GS1_DUPLICATE_AI");
    assert_eq!(parse("10A\u{1d}10A").elements.len(), 2);
}

#[test]
fn bare_gtins_from_ean_upc_itf() {
    assert_eq!(
        parse_gtin("8801234567893").unwrap().gtin(),
        Some("08801234567893")
    );
    assert_eq!(
        parse_gtin("036000291452").unwrap().gtin(),
        Some("00036000291452")
    );
    assert_eq!(
        parse_gtin("96385074").unwrap().gtin(),
        Some("00000096385074")
    );
    assert_eq!(
        parse_gtin("8801234567890").unwrap_err().code(),
        "GS1_BAD_CHECK_DIGIT"
    );
    assert_eq!(
        parse_gtin("88012345").unwrap_err().code(),
        "GS1_BAD_CHECK_DIGIT"
    );
    assert_eq!(parse_gtin("1234").unwrap_err().code(), "GS1_TRUNCATED");
    assert_eq!(
        parse_gtin("88012345678931").unwrap_err().code(),
        "GS1_BAD_CHECK_DIGIT"
    );
    assert_eq!(
        parse_gtin("880123456789A").unwrap_err().code(),
        "GS1_BAD_CHARACTER"
    );
}

#[test]
fn every_error_has_code_and_korean_message() {
    for input in [
        "",
        "2312345",
        "0109501101530004",
        "01095011",
        "17251301",
        "10AB CD",
        "30123456789",
        "10\u{1d}",
        "10A\u{1d}10B",
        "(9",
    ] {
        let e = error(input);
        assert!(e.code().starts_with("GS1_"), "{input:?}");
        assert!(
            e.message_ko().chars().any(|c| ('가'..='힣').contains(&c)),
            "{input:?}"
        );
        assert!(!e.to_string().is_empty());
    }
}
