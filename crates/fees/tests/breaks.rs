//! Every weight break of the shipped tables, at the break and one gram over it. The expected
//! prices are typed in from the reference (carriers-fassto-rates.md §3.5 for EMS Japan, §3.6 for
//! the synthetic express card) and the synthetic K-Packet card, not read from the asset files:
//! a mistyped or shifted row in `assets/rates/` fails here.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use packdesk_fees::{Currency, ExchangeRate, ServiceId, quote, shipped};

/// Freight only (the export declaration is its own line).
fn freight(id: ServiceId, country: &str, grams: u32) -> u64 {
    let svc = shipped(id).unwrap().with_export_declaration_krw(0);
    quote(&svc, country, grams, None).unwrap().total_krw
}

/// EMS Korea → Japan, 2020 (reference §3.5): (break in grams, KRW).
const EMS_JP: &[(u32, u64)] = &[
    (500, 23_500),
    (750, 24_500),
    (1_000, 25_500),
    (1_250, 27_500),
    (1_500, 28_500),
    (1_750, 31_000),
    (2_000, 33_000),
    (2_500, 34_500),
    (3_000, 36_500),
    (3_500, 38_000),
    (4_000, 40_000),
    (4_500, 41_500),
    (5_000, 43_000),
    (5_500, 45_000),
    (6_000, 46_500),
    (6_500, 48_500),
    (7_000, 50_000),
    (7_500, 51_500),
    (8_000, 53_500),
    (8_500, 55_000),
    (9_000, 57_000),
    (9_500, 58_500),
    (10_000, 60_000),
    (10_500, 62_000),
    (11_000, 63_500),
    (11_500, 65_500),
    (12_000, 67_000),
    (12_500, 69_000),
    (13_000, 70_500),
    (13_500, 71_500),
    (14_000, 73_500),
    (14_500, 75_000),
    (15_000, 76_500),
    (15_500, 78_000),
    (16_000, 79_500),
    (16_500, 81_000),
    (17_000, 82_500),
    (17_500, 84_000),
    (18_000, 85_500),
    (18_500, 87_000),
    (19_000, 88_500),
    (19_500, 90_000),
    (20_000, 91_500),
    (20_500, 93_000),
    (21_000, 94_500),
    (21_500, 96_000),
    (22_000, 97_500),
    (22_500, 99_000),
    (23_000, 100_500),
    (23_500, 102_000),
    (24_000, 103_500),
    (24_500, 105_000),
    (25_000, 106_500),
    (25_500, 108_000),
    (26_000, 109_500),
    (26_500, 111_000),
    (27_000, 112_500),
    (27_500, 114_000),
    (28_000, 115_500),
    (28_500, 117_000),
    (29_000, 118_500),
    (29_500, 120_000),
    (30_000, 121_500),
];

#[test]
fn ems_japan_every_break_and_one_gram_over() {
    assert_eq!(EMS_JP.len(), 63, "the complete 2020 table");
    assert_eq!(
        freight(ServiceId::Ems, "JP", 1),
        23_500,
        "the first break covers 1 g"
    );
    for (i, (break_g, krw)) in EMS_JP.iter().enumerate() {
        assert_eq!(
            freight(ServiceId::Ems, "JP", *break_g),
            *krw,
            "at {break_g} g"
        );
        if let Some((next_g, next_krw)) = EMS_JP.get(i + 1) {
            assert_eq!(
                freight(ServiceId::Ems, "JP", break_g + 1),
                *next_krw,
                "{} g takes the {next_g} g price",
                break_g + 1
            );
        }
    }
    // The last break is the 30 kg limit: one gram more is refused, not priced.
    let svc = shipped(ServiceId::Ems).unwrap();
    assert_eq!(
        quote(&svc, "JP", 30_001, None).unwrap_err().code(),
        "FEE_OVER_WEIGHT"
    );
}

/// Synthetic K-Packet, zone 3 (US, CA, AU, NZ): 7,000 KRW for 100 g, +1,400 per 100 g to 2 kg.
#[test]
fn k_packet_every_100g_step_to_the_2kg_limit() {
    for step in 1..=20u32 {
        let expected = 7_000 + 1_400 * u64::from(step - 1);
        let g = step * 100;
        assert_eq!(freight(ServiceId::Kpacket, "US", g), expected, "at {g} g");
        // One gram into a step is the whole next step (100 g rounding).
        assert_eq!(
            freight(ServiceId::Kpacket, "US", g - 99),
            expected,
            "at {} g",
            g - 99
        );
        if step < 20 {
            assert_eq!(
                freight(ServiceId::Kpacket, "US", g + 1),
                expected + 1_400,
                "at {} g",
                g + 1
            );
        }
    }
    let svc = shipped(ServiceId::Kpacket).unwrap();
    assert_eq!(
        quote(&svc, "US", 2_001, None).unwrap_err().code(),
        "FEE_OVER_WEIGHT"
    );
}

/// Synthetic express card (reference §3.6), zone 2 (SG …), 500 g rounding, before the 20 % fuel:
/// every break, one gram over it, and per started kg beyond 10 kg.
#[test]
fn express_every_break_and_per_kg_beyond() {
    let zone2: &[(u32, u64)] = &[
        (500, 34_000),
        (1_000, 42_000),
        (1_500, 50_000),
        (2_000, 58_000),
        (2_500, 65_000),
        (3_000, 72_000),
        (5_000, 95_000),
        (10_000, 150_000),
    ];
    let svc = shipped(ServiceId::Express)
        .unwrap()
        .with_export_declaration_krw(0);
    let freight_line = |g: u32| quote(&svc, "SG", g, None).unwrap().lines[0].krw;
    for (i, (break_g, krw)) in zone2.iter().enumerate() {
        assert_eq!(freight_line(*break_g), *krw, "at {break_g} g");
        if let Some((_, next)) = zone2.get(i + 1) {
            assert_eq!(freight_line(break_g + 1), *next, "at {} g", break_g + 1);
        }
    }
    // 10.001 kg rounds to 10.5 kg: one started kg over 10 → 150,000 + 12,000.
    assert_eq!(freight_line(10_001), 162_000);
    assert_eq!(freight_line(11_000), 162_000);
    assert_eq!(freight_line(11_001), 174_000);
    // With 20 % fuel: 162,000 × 1.2 = 194,400.
    assert_eq!(quote(&svc, "SG", 10_001, None).unwrap().total_krw, 194_400);
    // The 70 kg limit.
    assert!(quote(&svc, "SG", 70_000, None).is_ok());
    assert_eq!(
        quote(&svc, "SG", 70_001, None).unwrap_err().code(),
        "FEE_OVER_WEIGHT"
    );
}

#[test]
fn a_payment_in_the_shop_currency_back_to_krw() {
    let usd = ExchangeRate::new(Currency::Usd, "1380").unwrap();
    assert_eq!(usd.to_krw(1_400), 19_320); // $14.00
    assert_eq!(usd.to_krw(1), 14); // 1 cent = 13.8 won → 14
    let usd = ExchangeRate::new(Currency::Usd, "1385.5").unwrap();
    assert_eq!(usd.to_krw(2_000), 27_710); // $20.00
    assert_eq!(usd.to_krw(3), 42); // 41.565 → 42
    let jpy = ExchangeRate::new(Currency::Jpy, "9.12").unwrap();
    assert_eq!(jpy.to_krw(1_000), 9_120);
    assert_eq!(jpy.to_krw(1), 9); // 9.12 → 9
    // Converting there and back lands on the same won for whole cents.
    assert_eq!(usd.to_krw(usd.convert(27_710)), 27_710);
}
