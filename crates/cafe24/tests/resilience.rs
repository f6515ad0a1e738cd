//! Server trouble: 5xx and timeouts on reads are retried with backoff, bounded;
//! typed errors otherwise; the simulator's state file survives a restart.

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use std::time::Duration;

use chrono::Utc;
use harness::*;
use packdesk_cafe24::{Cafe24Error, ClientOptions, ShipmentRequest};
use packdesk_sim::cafe24::{Fault, SimConfig};

const CARRIERS: &str = "/api/v2/admin/carriers";

#[tokio::test]
async fn server_errors_on_reads_are_retried() {
    let sim = sim(SimConfig::default()).await;
    let c = connect(&sim, real_pacing_options()).await;
    sim.inject_fault(CARRIERS, Fault::Status(500));
    sim.inject_fault(CARRIERS, Fault::Status(502));
    assert_eq!(c.client.carriers(1).await.unwrap().len(), 6);
    assert_eq!(sim.stats().calls("GET", CARRIERS), 3);
    assert_eq!(c.client.stats().retries, 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn retries_are_bounded() {
    let sim = sim(SimConfig::default()).await;
    let opts = ClientOptions {
        max_retries: 2,
        ..real_pacing_options()
    };
    let c = connect(&sim, opts).await;
    for _ in 0..3 {
        sim.inject_fault(CARRIERS, Fault::Status(503));
    }
    let err = c.client.carriers(1).await.unwrap_err();
    match &err {
        Cafe24Error::Http {
            status, message, ..
        } => {
            assert_eq!(*status, 503);
            assert!(message.contains("Service Unavailable"), "{message}");
        }
        other => panic!("expected Http, got {other:?}"),
    }
    assert!(err.is_transient());
    assert_eq!(sim.stats().calls("GET", CARRIERS), 3);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_timed_out_read_is_retried() {
    let sim = sim(SimConfig::default()).await;
    let opts = ClientOptions {
        request_timeout: Duration::from_millis(300),
        ..real_pacing_options()
    };
    let c = connect(&sim, opts).await;
    sim.inject_fault(CARRIERS, Fault::Delay(Duration::from_secs(2)));
    assert_eq!(c.client.carriers(1).await.unwrap().len(), 6);
    assert_eq!(sim.stats().calls("GET", CARRIERS), 2);
    assert_eq!(c.client.stats().retries, 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_timed_out_write_is_outcome_unknown_not_repeated() {
    let sim = sim(SimConfig::default()).await;
    let orders = packdesk_sim::cafe24::demo_orders(31, Utc::now(), 1);
    sim.add_orders(orders.clone());
    let opts = ClientOptions {
        request_timeout: Duration::from_millis(300),
        ..real_pacing_options()
    };
    let c = connect(&sim, opts).await;
    sim.inject_fault(
        "/api/v2/admin/shipments",
        Fault::Delay(Duration::from_secs(1)),
    );
    let req = ShipmentRequest::shipping(&orders[0].order_id, vec![], "612345678901", "0018");
    let err = c.client.create_shipments(1, &[req]).await.unwrap_err();
    assert_eq!(err.code(), "CAFE24_OUTCOME_UNKNOWN", "{err:?}");
    // Sent once, not repeated (the simulator is still sitting on it).
    assert_eq!(sim.stats().calls("POST", "/api/v2/admin/shipments"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn client_errors_carry_cafe24_messages() {
    let sim = sim(SimConfig::default()).await;
    let c = connect(&sim, real_pacing_options()).await;
    let err = c
        .client
        .order_shipments(1, "20990101-0000001")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "CAFE24_NOT_FOUND");
    assert!(err.to_string().contains("20990101-0000001"));
    let err = c
        .client
        .create_shipments(
            1,
            &[ShipmentRequest::shipping(
                "20990101-0000001",
                vec![],
                "",
                "0006",
            )],
        )
        .await
        .unwrap();
    assert!(
        matches!(&err[0], packdesk_cafe24::ShipmentOutcome::Failed { message } if message.contains("tracking_no"))
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_mall_is_a_network_error() {
    // Bind a port, then free it: nothing listens there.
    let sim = sim(SimConfig::default()).await;
    let c = connect(
        &sim,
        ClientOptions {
            max_retries: 1,
            ..real_pacing_options()
        },
    )
    .await;
    sim.shutdown().await;
    let err = c.client.carriers(1).await.unwrap_err();
    assert_eq!(err.code(), "CAFE24_NETWORK");
    assert!(err.is_transient());
}

#[tokio::test]
async fn the_state_file_keeps_orders_tokens_and_shipments_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = SimConfig {
        state_file: Some(dir.path().join("cafe24-sim.json")),
        ..SimConfig::default()
    };
    let first = sim(cfg.clone()).await;
    first.seed_demo(4, Utc::now(), 20);
    let c = connect(&first, real_pacing_options()).await;
    let order = first.orders().remove(0);
    let req = ShipmentRequest::shipping(&order.order_id, vec![], "600000000001", "0006");
    c.client.create_shipments(1, &[req]).await.unwrap();
    let tokens = c.client.tokens();
    first.shutdown().await;

    let second = sim(cfg).await;
    assert_eq!(second.orders().len(), 20);
    assert_eq!(second.shipments().len(), 1);
    assert_eq!(second.products().len(), first_len_of_catalogue());
    // The app's stored tokens still work against the restarted mall.
    let (client, _) = client_with(&second, tokens, real_pacing_options());
    let shipments = client.order_shipments(1, &order.order_id).await.unwrap();
    assert_eq!(shipments[0].tracking_no.as_deref(), Some("600000000001"));
    second.shutdown().await;
}

fn first_len_of_catalogue() -> usize {
    packdesk_sim::cafe24::demo_catalogue(4).len()
}
