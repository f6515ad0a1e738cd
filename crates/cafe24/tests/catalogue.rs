//! Catalogue writes and flags: product weights written back from the desk's
//! scale (kg with two decimals, never blindly repeated) and the option type that
//! tells which products FASSTO cannot link (상품 연동형).

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use chrono::Utc;
use harness::*;
use packdesk_cafe24::Cafe24Error;
use packdesk_sim::cafe24::{Fault, SimConfig, demo_catalogue, demo_orders};

const PRODUCT_PUT: &str = "/api/v2/admin/products/{product_no}";

fn weight_of(sim: &packdesk_sim::cafe24::Cafe24Sim, product_no: u32) -> String {
    sim.products()
        .into_iter()
        .find(|p| p.product_no == product_no)
        .unwrap()
        .product_weight
}

#[tokio::test]
async fn a_measured_weight_is_written_in_kilograms() {
    let sim = sim(SimConfig::default()).await;
    sim.set_catalogue(demo_catalogue(5));
    let product_no = demo_catalogue(5)[2].product_no;
    let c = connect(&sim, real_pacing_options()).await;

    c.client
        .update_product_weight(1, product_no, 1234)
        .await
        .unwrap();
    assert_eq!(weight_of(&sim, product_no), "1.23");
    assert_eq!(sim.stats().calls("PUT", PRODUCT_PUT), 1);

    // The same weight again: Cafe24 answers 409 (identical content), which is success.
    c.client
        .update_product_weight(1, product_no, 1229)
        .await
        .unwrap();
    assert_eq!(sim.stats().per_status.get(&409), Some(&1));

    // The catalogue read shows it.
    let products = c.client.products_with_variants(1).await.unwrap();
    let p = products
        .iter()
        .find(|p| p.product_no == product_no)
        .unwrap();
    assert_eq!(p.product_weight.as_deref(), Some("1.23"));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_failed_weight_write_is_not_repeated() {
    let sim = sim(SimConfig::default()).await;
    sim.set_catalogue(demo_catalogue(5));
    let product_no = demo_catalogue(5)[0].product_no;
    let before = weight_of(&sim, product_no);
    let c = connect(&sim, real_pacing_options()).await;

    sim.inject_fault("/api/v2/admin/products", Fault::Status(500));
    let err = c
        .client
        .update_product_weight(1, product_no, 2000)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "CAFE24_OUTCOME_UNKNOWN", "{err:?}");
    assert_eq!(sim.stats().calls("PUT", PRODUCT_PUT), 1, "sent once");
    assert_eq!(weight_of(&sim, product_no), before);

    // A 429 means Cafe24 did not take it: that one is sent again.
    sim.inject_429_burst("/api/v2/admin/products", 1);
    c.client
        .update_product_weight(1, product_no, 2000)
        .await
        .unwrap();
    assert_eq!(weight_of(&sim, product_no), "2.00");
    assert_eq!(sim.stats().calls("PUT", PRODUCT_PUT), 3);

    let err = c
        .client
        .update_product_weight(1, 9999, 100)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "CAFE24_NOT_FOUND");
    sim.shutdown().await;
}

#[tokio::test]
async fn writing_weights_needs_the_write_product_scope() {
    let sim = sim(SimConfig::default()).await;
    sim.set_catalogue(demo_catalogue(5));
    let code = sim.issue_code_with_scopes(REDIRECT, &["mall.read_product"]);
    let tokens = packdesk_cafe24::exchange_code(&client_config(&sim), &code, REDIRECT)
        .await
        .unwrap();
    let (client, _) = client_with(&sim, tokens, real_pacing_options());
    let err = client
        .update_product_weight(1, demo_catalogue(5)[0].product_no, 500)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Cafe24Error::InsufficientScope { .. }),
        "{err:?}"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn product_linked_options_are_flagged_on_products_and_order_lines() {
    let sim = sim(fast_sim_config()).await;
    sim.seed_demo(8, Utc::now(), 0);
    let catalogue = demo_catalogue(8);
    let linked: Vec<u32> = catalogue
        .iter()
        .filter(|p| p.option_type.as_deref() == Some("E"))
        .map(|p| p.product_no)
        .collect();
    assert_eq!(linked.len(), 1, "the demo has one 상품 연동형 product");
    let c = connect(&sim, fast_options()).await;

    let products = c.client.products_with_variants(1).await.unwrap();
    let flagged: Vec<u32> = products
        .iter()
        .filter(|p| p.has_linked_options())
        .map(|p| p.product_no)
        .collect();
    assert_eq!(flagged, linked);
    let with_options = products
        .iter()
        .find(|p| !p.has_linked_options() && p.has_option);
    assert_eq!(with_options.unwrap().option_type.as_deref(), Some("S"));

    // An order line of that product says so too (`option_type` E).
    let orders = demo_orders(8, Utc::now(), 200);
    let order = orders
        .iter()
        .find(|o| o.items.iter().any(|i| i.product_no == linked[0]))
        .unwrap();
    sim.add_orders(vec![order.clone()]);
    let got = c
        .client
        .orders_by_id(1, std::slice::from_ref(&order.order_id))
        .await
        .unwrap();
    for item in &got[0].items {
        let product = catalogue
            .iter()
            .find(|p| p.product_no == item.product_no)
            .unwrap();
        let has_options = product.variants.iter().any(|v| !v.options.is_empty());
        let expected = match (item.product_no == linked[0], has_options) {
            (true, _) => Some("E"),
            (false, true) => Some("T"),
            (false, false) => None,
        };
        assert_eq!(
            item.option_type.as_deref(),
            expected,
            "{}",
            item.product_name
        );
    }
    sim.shutdown().await;
}
