//! Multi-shop malls: `/shops` lists every shop with its language and currency,
//! and orders and products are read per `shop_no`.

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use harness::*;
use packdesk_cafe24::{Cafe24Error, OrderQuery};
use packdesk_sim::cafe24::{
    SimConfig, SimShop, demo_catalogue, demo_orders_between, demo_orders_for_shop,
};

fn two_shops() -> SimConfig {
    SimConfig {
        shops: vec![SimShop::korean_default(), SimShop::english_usd(2)],
        ..fast_sim_config()
    }
}

fn query(shop_no: u32) -> OrderQuery {
    OrderQuery {
        shop_no,
        ..OrderQuery::paid_awaiting_shipment(
            NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 4, 30).unwrap(),
        )
    }
}

#[tokio::test]
async fn shops_are_listed_with_language_and_currency() {
    let sim = sim(two_shops()).await;
    let c = connect(&sim, fast_options()).await;
    let shops = c.client.shops().await.unwrap();
    assert_eq!(shops.len(), 2);
    assert_eq!(shops[0].shop_no, 1);
    assert!(shops[0].is_default);
    assert_eq!(
        (
            shops[0].language_code.as_str(),
            shops[0].currency_code.as_str()
        ),
        ("ko_KR", "KRW")
    );
    assert_eq!(shops[1].shop_no, 2);
    assert!(!shops[1].is_default);
    assert_eq!(
        (
            shops[1].language_code.as_str(),
            shops[1].currency_code.as_str()
        ),
        ("en_US", "USD")
    );
    assert_eq!(shops[1].shop_name, "English Shop");
    assert_eq!(shops[1].timezone.as_deref(), Some("Asia/Seoul"));
    assert!(shops.iter().all(|s| s.active));
    assert_eq!(sim.stats().calls("GET", "/api/v2/admin/shops"), 1);

    // A mall without extra shops lists just the default one.
    let single = harness::sim(SimConfig::default()).await;
    let c1 = connect(&single, real_pacing_options()).await;
    let only = c1.client.shops().await.unwrap();
    assert_eq!(only.len(), 1);
    assert!(only[0].is_default && only[0].currency_code == "KRW");
    single.shutdown().await;
    sim.shutdown().await;
}

#[tokio::test]
async fn orders_and_products_are_read_per_shop() {
    let sim = sim(two_shops()).await;
    let (from, to) = (utc(2025, 4, 2, 0), utc(2025, 4, 20, 0));
    let korean = demo_orders_between(21, from, to, 60);
    let english = demo_orders_for_shop(22, &SimShop::english_usd(2), from, to, 40);
    sim.add_orders(korean.clone());
    sim.add_orders(english.clone());
    let mut catalogue = demo_catalogue(21);
    catalogue[0].shop_nos = vec![1];
    sim.set_catalogue(catalogue.clone());
    let c = connect(&sim, fast_options()).await;

    let ids = |orders: &[packdesk_cafe24::Order]| -> BTreeSet<String> {
        orders.iter().map(|o| o.order_id.clone()).collect()
    };
    let got1 = c.client.list_orders(&query(1)).await.unwrap();
    let got2 = c.client.list_orders(&query(2)).await.unwrap();
    let want1: BTreeSet<String> = korean.iter().map(|o| o.order_id.clone()).collect();
    let want2: BTreeSet<String> = english.iter().map(|o| o.order_id.clone()).collect();
    assert_eq!(
        want1.intersection(&want2).count(),
        0,
        "ids are mall-wide unique"
    );
    assert_eq!(ids(&got1), want1);
    assert_eq!(ids(&got2), want2);
    assert!(got1.iter().all(|o| o.shop_no == 1 && o.currency == "KRW"));
    assert!(got2.iter().all(|o| o.shop_no == 2 && o.currency == "USD"));
    // Dollars are kept in cents: the simulator keeps cents too and writes them as "12.90".
    let sim_order = english
        .iter()
        .find(|o| o.order_id == got2[0].order_id)
        .unwrap();
    assert_eq!(got2[0].payment_amount, sim_order.payment_amount());
    assert!(
        got2.iter().any(|o| o.payment_amount % 100 != 0),
        "some USD amounts have cents"
    );

    // An order id of one shop is not found through the other.
    let cross = c
        .client
        .orders_by_id(2, &[korean[0].order_id.clone()])
        .await
        .unwrap();
    assert!(cross.is_empty());

    let products1 = c.client.products_with_variants(1).await.unwrap();
    let products2 = c.client.products_with_variants(2).await.unwrap();
    assert_eq!(products1.len(), catalogue.len());
    assert_eq!(products2.len(), catalogue.len() - 1);
    assert!(
        !products2
            .iter()
            .any(|p| p.product_no == catalogue[0].product_no)
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_shop_the_mall_does_not_have_is_refused() {
    let sim = sim(two_shops()).await;
    let c = connect(&sim, fast_options()).await;
    let err = c.client.list_orders(&query(3)).await.unwrap_err();
    match &err {
        Cafe24Error::InvalidRequest { status, message } => {
            assert_eq!(*status, 422);
            assert!(message.contains("shop_no"), "{message}");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(
        c.client.carriers(3).await.unwrap_err().code(),
        "CAFE24_INVALID_REQUEST"
    );
    sim.shutdown().await;
}
