//! Orders of an overseas storefront (English/USD, Japanese/JPY): receivers abroad, prices and
//! shipping in the shop's currency. The flat shipping fees are what such a shop typically charges;
//! at the demo scale's 1.234 kg some are below the K-Packet fee, so the desk has parcels to flag.

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::super::model::SimReceiver;

/// The demo's example rate: 1 USD = 1,380 KRW, 1 JPY = 9.20 KRW (KRW per unit × 100).
fn krw_per_unit_e2(currency: &str) -> i64 {
    match currency {
        "JPY" => 920,
        _ => 138_000,
    }
}

fn minor_per_unit(currency: &str) -> i64 {
    match currency {
        "JPY" => 1,
        _ => 100,
    }
}

/// Won → minor units of `currency` at the example rate, rounded half up.
pub(super) fn from_won(won: i64, currency: &str) -> i64 {
    let num = won * minor_per_unit(currency) * 100;
    let den = krw_per_unit_e2(currency);
    (num * 2 + den) / (den * 2)
}

/// Flat international shipping by destination (in won, converted), free from 150 USD worth.
pub(super) fn shipping_fee(country: &str, price_minor: i64, currency: &str) -> i64 {
    if price_minor >= from_won(207_000, currency) {
        return 0;
    }
    let won = match country {
        "JP" => 12_420,        // $9.00
        "SG" => 16_560,        // $12.00
        "GB" | "DE" => 22_080, // $16.00
        _ => 19_320,           // $14.00: US, CA, AU
    };
    from_won(won, currency)
}

/// (country, zipcode, address1) — public landmarks, not anyone's home.
const ADDRESSES: &[(&str, &str, &str)] = &[
    ("US", "10001", "350 5th Ave, New York, NY"),
    ("US", "94105", "201 Mission St, San Francisco, CA"),
    ("US", "98101", "400 Pine St, Seattle, WA"),
    ("US", "60606", "233 S Wacker Dr, Chicago, IL"),
    ("JP", "150-0002", "東京都 渋谷区 渋谷2-21-1"),
    ("JP", "530-0001", "大阪府 大阪市北区 梅田3-1-3"),
    ("CA", "M5V 3L9", "290 Bremner Blvd, Toronto, ON"),
    ("AU", "2000", "1 Martin Pl, Sydney, NSW"),
    ("SG", "018956", "10 Bayfront Ave, Singapore"),
    ("GB", "WC2N 5DN", "Trafalgar Sq, London"),
];

const GIVEN: &[&str] = &[
    "Emily", "James", "Yuki", "Olivia", "Daniel", "Sakura", "Liam", "Chloe", "Ethan", "Mei",
];
const FAMILY: &[&str] = &[
    "Kim", "Park", "Smith", "Tanaka", "Tan", "Lee", "Johnson", "Sato", "Brown", "Wong",
];

/// A receiver abroad; about 10 % repeat an earlier one (so merging has work here too).
pub(super) fn pick_receiver(rng: &mut ChaCha8Rng, pool: &mut Vec<SimReceiver>) -> SimReceiver {
    if !pool.is_empty() && rng.gen_bool(0.1) {
        return pool[rng.gen_range(0..pool.len())].clone();
    }
    let (country, zipcode, address1) =
        ADDRESSES
            .choose(rng)
            .copied()
            .unwrap_or(("US", "10001", "350 5th Ave, New York, NY"));
    let name = format!(
        "{} {}",
        GIVEN.choose(rng).copied().unwrap_or("Emily"),
        FAMILY.choose(rng).copied().unwrap_or("Kim")
    );
    let phone = format!(
        "+1-555-{:03}-{:04}",
        rng.gen_range(100..1000),
        rng.gen_range(0..10_000)
    );
    let r = SimReceiver {
        name,
        phone: phone.clone(),
        cellphone: phone,
        zipcode: zipcode.to_owned(),
        address1: address1.to_owned(),
        address2: format!("Unit {}", rng.gen_range(1..40)),
        shipping_message: String::new(),
        country_code: country.to_owned(),
    };
    pool.push(r.clone());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_rate_conversion() {
        assert_eq!(from_won(13_800, "USD"), 1_000);
        assert_eq!(from_won(12_420, "USD"), 900);
        assert_eq!(from_won(19_320, "USD"), 1_400);
        assert_eq!(from_won(9_200, "JPY"), 1_000);
        // 29,000 won = 21.0144… USD → 2101 cents.
        assert_eq!(from_won(29_000, "USD"), 2_101);
    }

    #[test]
    fn free_shipping_from_150_dollars() {
        assert_eq!(shipping_fee("US", 14_999, "USD"), 1_400);
        assert_eq!(shipping_fee("US", 15_000, "USD"), 0);
        assert_eq!(shipping_fee("JP", 100, "USD"), 900);
    }
}
