//! Tracking-number pushes against the simulator: bulk in chunks of 100, 207
//! partial failures item by item, read-back, lost answers never re-sent.

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use chrono::Utc;
use harness::*;
use packdesk_cafe24::{ShipmentOutcome, ShipmentRequest};
use packdesk_sim::cafe24::{Fault, SimConfig, SimOrder, demo_orders};

const BULK: &str = "/api/v2/admin/shipments";

fn requests(orders: &[SimOrder]) -> Vec<ShipmentRequest> {
    orders
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let codes = o.items.iter().map(|i| i.order_item_code.clone()).collect();
            ShipmentRequest::shipping(&o.order_id, codes, format!("6{:011}", 10_000 + i), "0006")
        })
        .collect()
}

#[tokio::test]
async fn two_hundred_fifty_shipments_go_in_three_calls() {
    let sim = sim(fast_sim_config()).await;
    let orders = demo_orders(21, Utc::now(), 250);
    sim.add_orders(orders.clone());
    let c = connect(&sim, fast_options()).await;

    let reqs = requests(&orders);
    let outcomes = c.client.create_shipments(1, &reqs).await.unwrap();
    assert_eq!(outcomes.len(), 250);
    for (o, outcome) in orders.iter().zip(&outcomes) {
        assert_eq!(
            outcome,
            &ShipmentOutcome::Created {
                shipping_code: format!("D-{}-00", o.order_id)
            }
        );
    }
    assert_eq!(sim.stats().calls("POST", BULK), 3, "100 + 100 + 50");
    let recorded = sim.shipments();
    assert_eq!(recorded.len(), 250);
    assert_eq!(recorded[249].order_id, orders[249].order_id);
    assert_eq!(recorded[249].tracking_no, reqs[249].tracking_no);
    assert_eq!(recorded[249].status, "shipping");

    // The lines are now 배송중 with the tracking number on them.
    let ids: Vec<String> = orders.iter().take(3).map(|o| o.order_id.clone()).collect();
    let after = c.client.orders_by_id(1, &ids).await.unwrap();
    for (o, r) in after.iter().zip(&reqs) {
        assert!(o.items.iter().all(|i| i.order_status == "N30"));
        assert!(
            o.items
                .iter()
                .all(|i| i.tracking_no.as_deref() == Some(r.tracking_no.as_str()))
        );
        assert!(
            o.items
                .iter()
                .all(|i| i.shipping_company_code.as_deref() == Some("0006"))
        );
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_partly_failed_call_reports_each_request() {
    let sim = sim(SimConfig::default()).await;
    let orders = demo_orders(22, Utc::now(), 10);
    sim.add_orders(orders.clone());
    for i in [1, 4, 7] {
        sim.cancel_order(&orders[i].order_id);
    }
    let c = connect(&sim, real_pacing_options()).await;

    let outcomes = c
        .client
        .create_shipments(1, &requests(&orders))
        .await
        .unwrap();
    assert_eq!(sim.stats().per_status.get(&207), Some(&1));
    for (i, outcome) in outcomes.iter().enumerate() {
        match (i, outcome) {
            (1 | 4 | 7, ShipmentOutcome::Failed { message }) => {
                assert!(message.contains("cancelled"), "{message}");
                assert!(message.contains("C00"), "{message}");
            }
            (1 | 4 | 7, other) => panic!("request {i} should fail, got {other:?}"),
            (_, ShipmentOutcome::Created { shipping_code }) => {
                assert_eq!(shipping_code, &format!("D-{}-00", orders[i].order_id));
            }
            (_, other) => panic!("request {i} should succeed, got {other:?}"),
        }
    }
    assert_eq!(sim.shipments().len(), 7);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_pushed_shipment_reads_back_from_the_order() {
    let sim = sim(SimConfig::default()).await;
    let orders = demo_orders(23, Utc::now(), 2);
    sim.add_orders(orders.clone());
    let c = connect(&sim, real_pacing_options()).await;
    let reqs = requests(&orders[..1]);
    c.client.create_shipments(1, &reqs).await.unwrap();

    let shipments = c
        .client
        .order_shipments(1, &orders[0].order_id)
        .await
        .unwrap();
    assert_eq!(shipments.len(), 1);
    let s = &shipments[0];
    assert_eq!(s.shipping_code, format!("D-{}-00", orders[0].order_id));
    assert_eq!(s.tracking_no.as_deref(), Some(reqs[0].tracking_no.as_str()));
    assert_eq!(s.shipping_company_code.as_deref(), Some("0006"));
    assert_eq!(s.items.len(), orders[0].items.len());
    assert!(s.items.iter().all(|i| i.status == "shipping"));
    assert!(
        c.client
            .order_shipments(1, &orders[1].order_id)
            .await
            .unwrap()
            .is_empty()
    );

    // Shipping the same lines twice is refused, not duplicated.
    let again = c.client.create_shipments(1, &reqs).await.unwrap();
    assert!(
        matches!(&again[0], ShipmentOutcome::Failed { message } if message.contains("already")),
        "{again:?}"
    );
    assert_eq!(sim.shipments().len(), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_lost_answer_is_outcome_unknown_and_never_sent_twice() {
    let sim = sim(SimConfig::default()).await;
    let orders = demo_orders(24, Utc::now(), 2);
    sim.add_orders(orders.clone());
    let c = connect(&sim, real_pacing_options()).await;
    sim.inject_fault(BULK, Fault::ApplyThenStatus(500));

    let err = c
        .client
        .create_shipments(1, &requests(&orders))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "CAFE24_OUTCOME_UNKNOWN", "{err:?}");
    assert_eq!(
        sim.stats().calls("POST", BULK),
        1,
        "a write that may have landed is not retried"
    );
    assert_eq!(sim.shipments().len(), 2, "Cafe24 did apply it");
    // The caller's check: the shipment is there.
    let found = c
        .client
        .order_shipments(1, &orders[0].order_id)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn service_unavailable_on_a_write_is_retried() {
    let sim = sim(SimConfig::default()).await;
    let orders = demo_orders(25, Utc::now(), 1);
    sim.add_orders(orders.clone());
    let c = connect(&sim, real_pacing_options()).await;
    sim.inject_fault(BULK, Fault::Status(503));
    let outcomes = c
        .client
        .create_shipments(1, &requests(&orders))
        .await
        .unwrap();
    assert!(matches!(outcomes[0], ShipmentOutcome::Created { .. }));
    assert_eq!(sim.stats().calls("POST", BULK), 2);
    assert_eq!(c.client.stats().retries, 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn the_simulator_refuses_more_than_one_hundred_per_call() {
    let sim = sim(SimConfig::default()).await;
    let orders = demo_orders(26, Utc::now(), 101);
    sim.add_orders(orders.clone());
    let c = connect(&sim, real_pacing_options()).await;
    let body = serde_json::json!({
        "shop_no": 1,
        "requests": orders.iter().map(|o| serde_json::json!({
            "order_id": o.order_id, "tracking_no": "1", "shipping_company_code": "0006", "status": "shipping"
        })).collect::<Vec<_>>(),
    });
    let r = reqwest::Client::new()
        .post(sim.base_url().join("api/v2/admin/shipments").unwrap())
        .bearer_auth(&c.initial.access_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(sim.shipments().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn the_single_order_endpoint_creates_one_shipment() {
    let sim = sim(SimConfig::default()).await;
    let orders = demo_orders(27, Utc::now(), 1);
    sim.add_orders(orders.clone());
    let c = connect(&sim, real_pacing_options()).await;
    let order = &orders[0];
    let url = sim
        .base_url()
        .join(&format!("api/v2/admin/orders/{}/shipments", order.order_id))
        .unwrap();
    let body = serde_json::json!({"shop_no": 1, "request": {
        "tracking_no": "101080903", "shipping_company_code": "0079", "status": "standby",
        "order_item_code": [order.items[0].order_item_code],
    }});
    let r = reqwest::Client::new()
        .post(url)
        .bearer_auth(&c.initial.access_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(
        r.headers()["x-api-call-limit"]
            .to_str()
            .unwrap()
            .ends_with("/40")
    );
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        v["shipments"][0]["shipping_code"],
        format!("D-{}-00", order.order_id)
    );
    assert_eq!(v["shipments"][0]["status"], "standby");
    let after = c
        .client
        .orders_by_id(1, std::slice::from_ref(&order.order_id))
        .await
        .unwrap();
    assert_eq!(after[0].items[0].order_status, "N21", "standby → 배송대기");
    sim.shutdown().await;
}
