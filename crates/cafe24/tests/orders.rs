//! Order collection and catalogue reads against the simulator: paging along
//! `links`, 3-month windows, offset-cap splitting, status filters, lookups by
//! id, late cancellations, products with variants, carriers.

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use std::collections::{BTreeSet, HashSet};

use chrono::{Duration, NaiveDate, Utc};
use harness::*;
use packdesk_cafe24::{Cafe24Error, OrderQuery};
use packdesk_sim::cafe24::{
    SimConfig, SimOrder, SimProduct, demo_catalogue, demo_orders, demo_orders_between,
};

const ORDERS: &str = "/api/v2/admin/orders";
const COUNT: &str = "/api/v2/admin/orders/count";

fn kst_day(o: &SimOrder) -> NaiveDate {
    o.payment_date.unwrap().date_naive()
}

fn query(start: NaiveDate, end: NaiveDate, limit: u32) -> OrderQuery {
    OrderQuery {
        limit,
        ..OrderQuery::paid_awaiting_shipment(start, end)
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[tokio::test]
async fn pages_follow_links_until_a_short_page() {
    let sim = sim(SimConfig::default()).await;
    let orders = demo_orders_between(5, utc(2025, 3, 3, 0), utc(2025, 3, 5, 0), 25);
    sim.add_orders(orders.clone());
    let c = connect(&sim, real_pacing_options()).await;

    let got = c
        .client
        .list_orders(&query(d(2025, 3, 1), d(2025, 3, 10), 10))
        .await
        .unwrap();
    assert_eq!(got.len(), 25);
    let ids: BTreeSet<&str> = got.iter().map(|o| o.order_id.as_str()).collect();
    let expected: BTreeSet<&str> = orders.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(ids, expected);
    let stats = sim.stats();
    assert_eq!(stats.calls("GET", ORDERS), 3, "10 + 10 + 5");
    assert_eq!(stats.calls("GET", COUNT), 1);

    // Items and receivers came along, with money in won and Korean text intact.
    let first = got
        .iter()
        .find(|o| o.order_id == orders[0].order_id)
        .unwrap();
    let sim_order = &orders[0];
    assert_eq!(first.items.len(), sim_order.items.len());
    assert_eq!(first.items[0].variant_code, sim_order.items[0].variant_code);
    assert_eq!(
        first.items[0].product_price,
        sim_order.items[0].product_price
    );
    assert_eq!(first.items[0].order_status, "N20");
    assert_eq!(first.shipping_fee, sim_order.shipping_fee);
    assert_eq!(first.payment_amount, sim_order.payment_amount());
    assert_eq!(first.receivers[0].name, sim_order.receivers[0].name);
    assert_eq!(first.receivers[0].address1, sim_order.receivers[0].address1);
    assert_eq!(first.payment_date, sim_order.payment_date);
    sim.shutdown().await;
}

#[tokio::test]
async fn ranges_longer_than_three_months_are_split() {
    let sim = sim(fast_sim_config()).await;
    let orders = demo_orders_between(6, utc(2024, 1, 1, 0), utc(2024, 8, 31, 0), 80);
    sim.add_orders(orders.clone());
    let c = connect(&sim, fast_options()).await;

    let (start, end) = (d(2024, 1, 10), d(2024, 7, 31));
    let got = c
        .client
        .list_orders(&query(start, end, 1000))
        .await
        .unwrap();
    let expected: BTreeSet<&str> = orders
        .iter()
        .filter(|o| (start..=end).contains(&kst_day(o)))
        .map(|o| o.order_id.as_str())
        .collect();
    let ids: BTreeSet<&str> = got.iter().map(|o| o.order_id.as_str()).collect();
    assert!(expected.len() > 40);
    assert_eq!(ids, expected);
    let stats = sim.stats();
    assert_eq!(stats.calls("GET", COUNT), 3, "three windows of ≤ 3 months");
    assert_eq!(stats.per_status.get(&422), None, "no window was refused");
    sim.shutdown().await;
}

#[tokio::test]
async fn the_simulator_refuses_a_range_over_three_months() {
    let sim = sim(SimConfig::default()).await;
    let c = connect(&sim, real_pacing_options()).await;
    let url = sim
        .base_url()
        .join("api/v2/admin/orders?start_date=2024-01-01&end_date=2024-04-02&date_type=pay_date")
        .unwrap();
    let r = reqwest::Client::new()
        .get(url)
        .bearer_auth(&c.initial.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.headers().contains_key("x-api-call-limit"));
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("3 months")
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn windows_deeper_than_the_offset_cap_are_halved() {
    let sim = sim(SimConfig {
        max_offset: 20,
        ..fast_sim_config()
    })
    .await;
    let orders = demo_orders_between(7, utc(2025, 5, 1, 0), utc(2025, 5, 13, 0), 120);
    sim.add_orders(orders.clone());
    let opts = packdesk_cafe24::ClientOptions {
        max_order_offset: 20,
        ..fast_options()
    };
    let c = connect(&sim, opts).await;

    let got = c
        .client
        .list_orders(&query(d(2025, 5, 1), d(2025, 5, 31), 10))
        .await
        .unwrap();
    assert_eq!(got.len(), 120);
    let unique: HashSet<&str> = got.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(unique.len(), 120, "each order once");
    let stats = sim.stats();
    assert!(
        stats.calls("GET", COUNT) > 4,
        "the month was split: {:?}",
        stats.per_path
    );
    assert_eq!(
        stats.per_status.get(&422),
        None,
        "never asked past the offset cap"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_single_day_beyond_the_offset_cap_is_a_clear_error() {
    let sim = sim(SimConfig {
        max_offset: 20,
        ..fast_sim_config()
    })
    .await;
    sim.add_orders(demo_orders_between(
        8,
        utc(2025, 5, 2, 1),
        utc(2025, 5, 2, 12),
        45,
    ));
    let opts = packdesk_cafe24::ClientOptions {
        max_order_offset: 20,
        ..fast_options()
    };
    let c = connect(&sim, opts).await;
    let err = c
        .client
        .list_orders(&query(d(2025, 5, 1), d(2025, 5, 3), 10))
        .await
        .unwrap_err();
    match &err {
        Cafe24Error::WindowTooLarge { day, count, max } => {
            assert_eq!(*day, d(2025, 5, 2));
            assert_eq!((*count, *max), (45, 30));
        }
        other => panic!("expected WindowTooLarge, got {other:?}"),
    }
    assert!(err.message_ko().contains("2025-05-02"));
    sim.shutdown().await;
}

#[tokio::test]
async fn status_filter_matches_any_line_and_lookups_by_id_chunk_at_100() {
    let sim = sim(fast_sim_config()).await;
    let now = Utc::now();
    let orders = demo_orders(9, now, 150);
    sim.add_orders(orders.clone());
    assert!(sim.cancel_order(&orders[3].order_id));
    assert!(sim.cancel_order(&orders[40].order_id));
    let c = connect(&sim, fast_options()).await;

    let today = now.with_timezone(&chrono_tz::Asia::Seoul).date_naive();
    let got = c
        .client
        .list_orders(&query(today - Duration::days(1), today, 1000))
        .await
        .unwrap();
    assert_eq!(got.len(), 148, "cancelled orders have no N20 line left");
    assert!(!got.iter().any(|o| o.order_id == orders[3].order_id));

    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    sim.reset_stats();
    let by_id = c.client.orders_by_id(1, &ids).await.unwrap();
    assert_eq!(by_id.len(), 150);
    assert_eq!(sim.stats().calls("GET", ORDERS), 2, "100 + 50 ids");
    let cancelled = by_id
        .iter()
        .find(|o| o.order_id == orders[3].order_id)
        .unwrap();
    assert!(cancelled.items.iter().all(|i| i.order_status == "C00"));
    sim.shutdown().await;
}

#[tokio::test]
async fn demo_orders_turn_into_cancellations_after_their_first_collection() {
    let sim = sim(fast_sim_config()).await;
    let now = Utc::now();
    sim.seed_demo(11, now, 40);
    let c = connect(&sim, fast_options()).await;
    let today = now.with_timezone(&chrono_tz::Asia::Seoul).date_naive();
    let q = query(today - Duration::days(1), today, 1000);

    let first = c.client.list_orders(&q).await.unwrap();
    assert_eq!(first.len(), 40, "all still 배송준비중 when first collected");
    let second = c.client.list_orders(&q).await.unwrap();
    assert_eq!(second.len(), 37);
    let gone: Vec<String> = first
        .iter()
        .filter(|o| !second.iter().any(|s| s.order_id == o.order_id))
        .map(|o| o.order_id.clone())
        .collect();
    let now_cancelled = c.client.orders_by_id(1, &gone).await.unwrap();
    assert_eq!(now_cancelled.len(), 3);
    assert!(
        now_cancelled
            .iter()
            .all(|o| o.items.iter().all(|i| i.order_status == "C00"))
    );
    sim.shutdown().await;
}

/// 250 products: the demo catalogue repeated with fresh product numbers.
fn big_catalogue() -> Vec<SimProduct> {
    let base = demo_catalogue(3);
    (0..250u32)
        .map(|i| {
            let mut p = base[(i as usize) % base.len()].clone();
            p.product_no = 1000 + i;
            p.product_code = format!("P{:07}", 1000 + i);
            for (n, v) in p.variants.iter_mut().enumerate() {
                v.variant_code = format!("{}{:04}", p.product_code, n);
            }
            p
        })
        .collect()
}

#[tokio::test]
async fn products_page_by_offset_then_by_since_product_no() {
    let sim = sim(SimConfig {
        max_product_offset: 100,
        ..fast_sim_config()
    })
    .await;
    let catalogue = big_catalogue();
    sim.set_catalogue(catalogue.clone());
    let opts = packdesk_cafe24::ClientOptions {
        max_product_offset: 100,
        ..fast_options()
    };
    let c = connect(&sim, opts).await;

    let products = c.client.products_with_variants(1).await.unwrap();
    assert_eq!(products.len(), 250);
    assert_eq!(sim.stats().calls("GET", "/api/v2/admin/products"), 3);
    assert_eq!(
        sim.stats().per_status.get(&422),
        None,
        "offset never passed the cap"
    );
    let p = products.iter().find(|p| p.product_no == 1001).unwrap();
    let expected = &catalogue[1];
    assert_eq!(p.product_name, expected.product_name);
    assert_eq!(
        p.product_weight.as_deref(),
        Some(expected.product_weight.as_str())
    );
    assert_eq!(p.variants.len(), expected.variants.len());
    assert_eq!(p.variants[0].quantity, expected.variants[0].quantity);
    assert_eq!(
        p.variants[0].options.len(),
        expected.variants[0].options.len()
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn demo_catalogue_carries_inventory_and_carriers_are_listed() {
    let sim = sim(SimConfig::default()).await;
    sim.seed_demo(2, Utc::now(), 0);
    let c = connect(&sim, real_pacing_options()).await;
    let products = c.client.products_with_variants(1).await.unwrap();
    assert_eq!(products.len(), demo_catalogue(2).len());
    assert_eq!(products[0].product_code, "P000000A");
    assert_eq!(products[0].variants[0].variant_code, "P000000A000A");
    assert_eq!(products[0].variants[0].options[0].name, "색상");
    assert!(
        products
            .iter()
            .flat_map(|p| &p.variants)
            .any(|v| v.quantity == 0)
    );

    let carriers = c.client.carriers(1).await.unwrap();
    let codes: Vec<&str> = carriers
        .iter()
        .map(|c| c.shipping_carrier_code.as_str())
        .collect();
    assert_eq!(codes, ["0006", "0018", "0079", "0004", "0012", "9001"]);
    let default: Vec<&str> = carriers
        .iter()
        .filter(|c| c.default_shipping_carrier)
        .map(|c| c.shipping_carrier.as_str())
        .collect();
    assert_eq!(default, ["CJ대한통운"]);
    sim.shutdown().await;
}
