//! Deterministic demo data: a catalogue of a Korean fashion/lifestyle shop and
//! paid orders waiting for shipment. Same seed → same data, so demos and tests
//! are reproducible.

mod abroad;
mod data;

use chrono::{DateTime, Duration, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::{SimItem, SimOption, SimOrder, SimProduct, SimReceiver, SimVariant, kst_time};
use super::shops::SimShop;
use super::wire::kst_date;
use data::Cut;

/// Product numbers start above Cafe24's sample range, as in a shop that has deleted a few.
const FIRST_PRODUCT_NO: u32 = 11;
/// Free shipping from this order amount (won); below it 3,000 won, plus 3,000 to Jeju.
const FREE_SHIPPING_FROM: i64 = 50_000;
const BASE_SHIPPING_FEE: i64 = 3_000;
const JEJU_SURCHARGE: i64 = 3_000;
/// The demo's gift product sells with 상품 연동형 options, which FASSTO cannot link.
const LINKED_OPTION_PRODUCT: usize = 4;

/// Cafe24-style code: `prefix` + base-36 of `n`, upper case, zero-padded to `width`.
fn base36(n: u32, width: usize) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = Vec::new();
    let mut v = n;
    loop {
        out.push(DIGITS[(v % 36) as usize]);
        v /= 36;
        if v == 0 {
            break;
        }
    }
    while out.len() < width {
        out.push(b'0');
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// About 40 products with variants (`P000000B` + `000A` …) and inventory;
/// a few variants are out of stock so shortages show up in allocation.
pub fn demo_catalogue(seed: u64) -> Vec<SimProduct> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xCA7A_1061);
    let mut products = Vec::with_capacity(data::PRODUCTS.len());
    for (i, (name, price, weight, cut)) in data::PRODUCTS.iter().enumerate() {
        let product_no = FIRST_PRODUCT_NO + u32::try_from(i).unwrap_or(0);
        // Product codes count from "A" like Cafe24's (P000000A, P000000B, …).
        let product_code = format!("P{}", base36(product_no - FIRST_PRODUCT_NO + 10, 7));
        let option_sets: Vec<Vec<SimOption>> = match cut {
            Cut::ColorSize(colors, sizes) => colors
                .iter()
                .flat_map(|c| {
                    sizes
                        .iter()
                        .map(move |s| vec![opt("색상", c), opt("사이즈", s)])
                })
                .collect(),
            Cut::Color(colors) => colors.iter().map(|c| vec![opt("색상", c)]).collect(),
            Cut::Size(sizes) => sizes.iter().map(|s| vec![opt("사이즈", s)]).collect(),
            Cut::Single => vec![Vec::new()],
        };
        let variants = option_sets
            .into_iter()
            .enumerate()
            .map(|(vi, options)| {
                let vi = u32::try_from(vi).unwrap_or(0);
                let quantity = if rng.gen_bool(0.07) {
                    0
                } else {
                    rng.gen_range(3..=60)
                };
                SimVariant {
                    variant_code: format!("{product_code}{}", base36(vi + 10, 4)),
                    options,
                    quantity,
                    custom_variant_code: format!("PD{product_no:03}-{:02}", vi + 1),
                }
            })
            .collect();
        products.push(SimProduct {
            product_no,
            product_code,
            product_name: (*name).to_owned(),
            price: *price,
            product_weight: (*weight).to_owned(),
            variants,
            option_type: (i == LINKED_OPTION_PRODUCT).then(|| "E".to_owned()),
            shop_nos: Vec::new(),
            eng_product_name: data::ENGLISH
                .get(i)
                .map(|(en, _)| (*en).to_owned())
                .unwrap_or_default(),
            model_name: format!("PD-{product_no}"),
        });
    }
    ensure_some_sold_out(&mut products);
    products
}

/// The demo's HS code of a product (by `product_no`), which Cafe24 does not carry: the demo desk
/// stores it as the shop would type it.
pub fn demo_hs_code(product_no: u32) -> Option<&'static str> {
    let i = usize::try_from(product_no.checked_sub(FIRST_PRODUCT_NO)?).ok()?;
    data::ENGLISH.get(i).map(|(_, hs)| *hs)
}

/// Guarantees at least four sold-out variants whatever the seed.
fn ensure_some_sold_out(products: &mut [SimProduct]) {
    let zeros = products
        .iter()
        .flat_map(|p| &p.variants)
        .filter(|v| v.quantity == 0)
        .count();
    if zeros >= 4 {
        return;
    }
    for idx in [0usize, 2, 5, 13] {
        if let Some(v) = products.get_mut(idx).and_then(|p| p.variants.get_mut(1)) {
            v.quantity = 0;
        }
    }
}

fn opt(name: &str, value: &str) -> SimOption {
    SimOption {
        name: name.to_owned(),
        value: value.to_owned(),
    }
}

/// `n` orders paid within the 11 hours before `now`, all in N20 (배송준비중).
/// A few (5 when n ≥ 20) were paid less than 10 minutes before `now`, so a
/// minimum-age rule skips them on the first collection.
pub fn demo_orders(seed: u64, now: DateTime<Utc>, n: usize) -> Vec<SimOrder> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0D0E_5EED);
    let recent = if n >= 20 { 5 } else { n / 4 };
    let mut paid_at: Vec<DateTime<Utc>> = (0..n)
        .map(|i| {
            let ago = if i < recent {
                rng.gen_range(30..600)
            } else {
                rng.gen_range(600..11 * 3600)
            };
            now - Duration::seconds(ago)
        })
        .collect();
    paid_at.sort();
    build_orders(
        &mut rng,
        &demo_catalogue(seed),
        paid_at,
        &Placement::default(),
    )
}

/// `n` orders with payment times spread evenly at random over `[from, to)` —
/// for tests that need orders across many days or months. Linear in `n`:
/// 100,000 orders are fine.
pub fn demo_orders_between(
    seed: u64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    n: usize,
) -> Vec<SimOrder> {
    orders_between(seed, from, to, n, &Placement::default())
}

/// As [`demo_orders_between`], placed in `shop` (its `shop_no` and currency).
/// Order ids stay unique across the mall as Cafe24's are: each shop numbers its
/// orders from its own block (`shop_no` × 1,000,000 + …) of the daily sequence
/// (seven digits, so shops 2–9).
pub fn demo_orders_for_shop(
    seed: u64,
    shop: &SimShop,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    n: usize,
) -> Vec<SimOrder> {
    let placement = Placement {
        shop_no: shop.shop_no,
        currency: shop.currency_code.clone(),
        first_seq: if shop.shop_no <= 1 {
            0
        } else {
            shop.shop_no.saturating_mul(1_000_000)
        },
    };
    orders_between(seed, from, to, n, &placement)
}

/// Which shop generated orders belong to, and where their daily sequence starts.
struct Placement {
    shop_no: u32,
    currency: String,
    first_seq: u32,
}

impl Default for Placement {
    fn default() -> Self {
        Placement {
            shop_no: 1,
            currency: "KRW".to_owned(),
            first_seq: 0,
        }
    }
}

fn orders_between(
    seed: u64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    n: usize,
    placement: &Placement,
) -> Vec<SimOrder> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xB37_3EE1);
    let span = (to - from).num_seconds().max(1);
    let mut paid_at: Vec<DateTime<Utc>> = (0..n)
        .map(|_| from + Duration::seconds(rng.gen_range(0..span)))
        .collect();
    paid_at.sort();
    build_orders(&mut rng, &demo_catalogue(seed), paid_at, placement)
}

/// Three order ids from `orders` (chosen by `seed`) that the demo turns into
/// cancellation requests after they are first collected.
pub fn demo_cancel_picks(seed: u64, orders: &[SimOrder]) -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xCA9C_E100);
    let mut ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    ids.shuffle(&mut rng);
    ids.truncate(3);
    ids
}

fn build_orders(
    rng: &mut ChaCha8Rng,
    catalogue: &[SimProduct],
    paid_at: Vec<DateTime<Utc>>,
    placement: &Placement,
) -> Vec<SimOrder> {
    let mut recipients: Vec<SimReceiver> = Vec::new();
    let mut orders = Vec::with_capacity(paid_at.len());
    // Per KST day: order times are payment times minus a few minutes, so around midnight they
    // cross back and forth between two days; each day keeps its own rising sequence.
    let mut day_seq: std::collections::HashMap<chrono::NaiveDate, u32> =
        std::collections::HashMap::new();
    for paid in paid_at {
        let order_time = kst_time(paid - Duration::seconds(rng.gen_range(20..900)));
        let day = kst_date(&order_time);
        let seq = match day_seq.get(&day) {
            Some(s) => s + rng.gen_range(1..=3),
            None => placement.first_seq + rng.gen_range(100..400),
        };
        day_seq.insert(day, seq);
        let order_id = format!("{}-{seq:07}", day.format("%Y%m%d"));

        // An overseas storefront ships abroad and prices in its own currency; the Korean shop
        // keeps exactly the rng sequence it always had (same seed → same demo).
        let abroad = placement.currency != "KRW";
        let receiver = if abroad {
            abroad::pick_receiver(rng, &mut recipients)
        } else {
            pick_receiver(rng, &mut recipients)
        };
        let mut items = pick_items(rng, catalogue, &order_id);
        if abroad {
            for i in &mut items {
                i.product_price = abroad::from_won(i.product_price, &placement.currency);
            }
        }
        let price: i64 = items
            .iter()
            .map(|i| i.product_price * i64::from(i.quantity))
            .sum();
        let shipping_fee = if abroad {
            abroad::shipping_fee(&receiver.country_code, price, &placement.currency)
        } else {
            let mut fee = if price >= FREE_SHIPPING_FROM {
                0
            } else {
                BASE_SHIPPING_FEE
            };
            if receiver.address1.starts_with("제주") {
                fee += JEJU_SURCHARGE;
            }
            fee
        };
        let member_id = if rng.gen_bool(0.7) {
            let prefix = data::MEMBER_PREFIXES
                .choose(rng)
                .copied()
                .unwrap_or("member");
            Some(format!("{prefix}{}", rng.gen_range(10..9999)))
        } else {
            None
        };
        orders.push(SimOrder {
            shop_no: placement.shop_no,
            order_id,
            currency: placement.currency.clone(),
            order_date: order_time,
            payment_date: Some(kst_time(paid)),
            paid: true,
            canceled: false,
            member_id,
            billing_name: receiver.name.clone(),
            shipping_fee,
            order_place_id: if rng.gen_bool(0.6) {
                "mobile"
            } else {
                "cafe24"
            }
            .to_owned(),
            items,
            receivers: vec![receiver],
        });
    }
    orders
}

/// About 15 % repeat an earlier recipient exactly (same name, address, phone and
/// mobile) so merging has work; about 3 % share name and address with a different
/// mobile (a family member's phone) — those must not merge on phone.
fn pick_receiver(rng: &mut ChaCha8Rng, pool: &mut Vec<SimReceiver>) -> SimReceiver {
    let roll: f64 = rng.r#gen();
    if !pool.is_empty() && roll < 0.15 {
        let mut again = pool[rng.gen_range(0..pool.len())].clone();
        again.shipping_message = message(rng);
        return again;
    }
    if !pool.is_empty() && roll < 0.18 {
        let base = pool[rng.gen_range(0..pool.len())].clone();
        let cellphone = mobile(rng);
        let phone = if base.phone == base.cellphone {
            cellphone.clone()
        } else {
            base.phone.clone()
        };
        let r = SimReceiver {
            cellphone,
            phone,
            shipping_message: message(rng),
            ..base
        };
        pool.push(r.clone());
        return r;
    }
    let name = format!(
        "{}{}",
        data::SURNAMES.choose(rng).copied().unwrap_or("김"),
        data::GIVEN_NAMES.choose(rng).copied().unwrap_or("민준")
    );
    let (area, zipcode, address1) = data::ADDRESSES.choose(rng).copied().unwrap_or((
        "02",
        "06236",
        "서울특별시 강남구 테헤란로 152",
    ));
    let cellphone = mobile(rng);
    let phone = match rng.gen_range(0..100) {
        0..25 => landline(rng, area),
        25..60 => String::new(),
        _ => cellphone.clone(),
    };
    let r = SimReceiver {
        name,
        phone,
        cellphone,
        zipcode: zipcode.to_owned(),
        address1: address1.to_owned(),
        address2: address2(rng),
        shipping_message: message(rng),
        country_code: "KR".to_owned(),
    };
    pool.push(r.clone());
    r
}

fn mobile(rng: &mut ChaCha8Rng) -> String {
    format!(
        "010-{:04}-{:04}",
        rng.gen_range(2000..10_000),
        rng.gen_range(0..10_000)
    )
}

fn landline(rng: &mut ChaCha8Rng, area: &str) -> String {
    if area == "02" {
        format!(
            "02-{:04}-{:04}",
            rng.gen_range(2000..9999),
            rng.gen_range(0..10_000)
        )
    } else {
        format!(
            "{area}-{:03}-{:04}",
            rng.gen_range(200..999),
            rng.gen_range(0..10_000)
        )
    }
}

fn address2(rng: &mut ChaCha8Rng) -> String {
    match rng.gen_range(0..10) {
        0..=5 => format!(
            "{}동 {}{:02}호",
            rng.gen_range(101..=115),
            rng.gen_range(1..=25),
            rng.gen_range(1..=4)
        ),
        6 | 7 => format!("{}층", rng.gen_range(2..=12)),
        8 => format!("{}0{}호", rng.gen_range(1..=4), rng.gen_range(1..=6)),
        _ => String::new(),
    }
}

fn message(rng: &mut ChaCha8Rng) -> String {
    data::SHIPPING_MESSAGES
        .choose(rng)
        .copied()
        .unwrap_or("")
        .to_owned()
}

fn pick_items(rng: &mut ChaCha8Rng, catalogue: &[SimProduct], order_id: &str) -> Vec<SimItem> {
    let lines = match rng.gen_range(0..100) {
        0..60 => 1,
        60..88 => 2,
        _ => 3,
    };
    let chosen: Vec<&SimProduct> = catalogue.choose_multiple(rng, lines).collect();
    chosen
        .into_iter()
        .enumerate()
        .filter_map(|(i, product)| {
            let variant = product.variants.choose(rng)?;
            let quantity = match rng.gen_range(0..100) {
                0..85 => 1,
                85..97 => 2,
                _ => 3,
            };
            let item_no = u32::try_from(i + 1).ok()?;
            Some(SimItem::for_variant(
                order_id, item_no, product, variant, quantity,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::HashSet;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 14, 6, 0, 0).unwrap()
    }

    #[test]
    fn catalogue_is_deterministic_with_codes_in_cafe24_form() {
        let a = demo_catalogue(7);
        assert_eq!(a, demo_catalogue(7));
        assert!(a.len() >= 38, "about 40 products, got {}", a.len());
        assert_eq!(a[0].product_code, "P000000A");
        assert_eq!(a[0].variants[0].variant_code, "P000000A000A");
        assert_eq!(a[0].variants[1].variant_code, "P000000A000B");
        let tee_opts = &a[0].variants[4].options;
        assert_eq!(tee_opts[0].name, "색상");
        assert_eq!(tee_opts[1].name, "사이즈");
        for p in &a {
            assert!(p.product_code.len() == 8 && p.product_code.starts_with('P'));
            for v in &p.variants {
                assert_eq!(v.variant_code.len(), 12);
                assert!(v.variant_code.starts_with(&p.product_code));
            }
        }
        let zeros = a
            .iter()
            .flat_map(|p| &p.variants)
            .filter(|v| v.quantity == 0)
            .count();
        assert!(zeros >= 4, "some variants out of stock, got {zeros}");
    }

    #[test]
    fn orders_are_recent_paid_n20_with_valid_ids() {
        let orders = demo_orders(42, now(), 300);
        assert_eq!(orders.len(), 300);
        assert_eq!(orders, demo_orders(42, now(), 300));
        let ids: HashSet<&str> = orders.iter().map(|o| o.order_id.as_str()).collect();
        assert_eq!(ids.len(), 300, "order ids are unique");
        let mut fresh = 0;
        for o in &orders {
            let paid = o.payment_date.unwrap().with_timezone(&Utc);
            assert!(paid <= now() && paid >= now() - Duration::hours(11));
            if now() - paid < Duration::minutes(10) {
                fresh += 1;
            }
            let (date, seq) = o.order_id.split_once('-').unwrap();
            assert_eq!(date, o.order_date.format("%Y%m%d").to_string());
            assert_eq!(seq.len(), 7);
            assert!((1..=3).contains(&o.items.len()));
            assert!(o.items.iter().all(|i| i.order_status == "N20"));
            assert_eq!(o.items[0].order_item_code, format!("{}-01", o.order_id));
            assert!(o.receivers[0].cellphone.starts_with("010-"));
            assert_eq!(o.receivers[0].zipcode.len(), 5);
        }
        assert_eq!(fresh, 5);
    }

    #[test]
    fn order_ids_stay_unique_when_the_window_crosses_kst_midnight() {
        // 00:30 KST: orders placed just before and just after midnight interleave.
        let just_after_midnight = Utc.with_ymd_and_hms(2025, 3, 14, 15, 30, 0).unwrap();
        for seed in 0..20 {
            let orders = demo_orders(seed, just_after_midnight, 300);
            let ids: HashSet<&str> = orders.iter().map(|o| o.order_id.as_str()).collect();
            assert_eq!(ids.len(), orders.len(), "seed {seed}: duplicate order ids");
        }
    }

    #[test]
    fn some_recipients_repeat_and_some_share_address_with_another_phone() {
        let orders = demo_orders(3, now(), 300);
        let key = |r: &SimReceiver| (r.name.clone(), r.address1.clone(), r.address2.clone());
        let mut exact: HashSet<(String, String, String, String, String)> = HashSet::new();
        let mut repeats = 0;
        for o in &orders {
            let r = &o.receivers[0];
            let k = (
                r.name.clone(),
                r.address1.clone(),
                r.address2.clone(),
                r.phone.clone(),
                r.cellphone.clone(),
            );
            if !exact.insert(k) {
                repeats += 1;
            }
        }
        assert!(
            (25..=70).contains(&repeats),
            "about 15 % repeat, got {repeats}"
        );
        let mut by_addr: std::collections::HashMap<_, HashSet<String>> = Default::default();
        for o in &orders {
            by_addr
                .entry(key(&o.receivers[0]))
                .or_default()
                .insert(o.receivers[0].cellphone.clone());
        }
        assert!(by_addr.values().any(|phones| phones.len() > 1));
    }
}
