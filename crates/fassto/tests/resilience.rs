//! 5xx, timeouts, throttling and dead hosts: reads are retried with backoff;
//! a write that may have reached FASSTO is never sent twice.
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use std::time::Duration;

use harness::*;
use packdesk_fassto::{FmsClient, FmsError, FmsOptions, today_kst};
use packdesk_sim::fassto::Fault;

#[tokio::test]
async fn a_5xx_on_a_read_is_retried() {
    let sim = sim().await;
    let client = connected(&sim).await;
    sim.inject_fault("/api/v1/stock", Fault::Status(503));
    sim.inject_fault("/api/v1/stock", Fault::Status(500));
    let stock = client.stock().await.unwrap();
    assert_eq!(stock.len(), 2);
    assert_eq!(statuses(&sim, "/api/v1/stock"), vec![503, 500, 200]);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_read_gives_up_after_its_retries() {
    let sim = sim().await;
    let client = connected(&sim).await; // max_retries 3
    for _ in 0..4 {
        sim.inject_fault("/api/v1/goods", Fault::Status(502));
    }
    let err = client.goods().await.unwrap_err();
    assert_eq!(
        err,
        FmsError::Server {
            status: 502,
            attempts: 4,
            message: "Bad Gateway (simulated)".into()
        }
    );
    assert_eq!(err.code(), "FMS_SERVER");
    assert!(err.is_transient());
    assert_eq!(statuses(&sim, "/api/v1/goods"), vec![502; 4]);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_5xx_on_register_is_reported_not_retried() {
    let sim = sim().await;
    let client = connected(&sim).await;
    sim.inject_fault("/api/v1/delivery/parcel", Fault::Status(500));
    let results = client
        .register_outbound(&[
            request("ORD-1", "SKU-MUG", 1),
            request("ORD-2", "SKU-MUG", 1),
        ])
        .await;
    for r in &results {
        let err = r.outcome.as_ref().unwrap_err();
        assert_eq!(err.code(), "FMS_OUTCOME_UNKNOWN");
        assert!(err.to_string().contains("HTTP 500"), "{err}");
        assert!(has_hangul(&err.message_ko()));
    }
    assert_eq!(sim.count_requests("POST", "/api/v1/delivery/parcel"), 1);
    assert!(sim.outbounds().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn a_register_whose_answer_was_lost_can_be_found_by_order_number() {
    let sim = sim().await;
    let client = connected(&sim).await;
    sim.inject_fault("/api/v1/delivery/parcel", Fault::ApplyThenStatus(502));
    let results = client
        .register_outbound(&[request("ORD-1", "SKU-MUG", 1)])
        .await;
    assert_eq!(
        results[0].outcome.as_ref().unwrap_err().code(),
        "FMS_OUTCOME_UNKNOWN"
    );
    // Sent once, applied once: no duplicate parcel.
    assert_eq!(sim.count_requests("POST", "/api/v1/delivery/parcel"), 1);
    assert_eq!(sim.outbounds().len(), 1);
    let today = today_kst();
    let found = client
        .outbound_by_ord_no(today, today, "ORD-1")
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].slip_no, sim.outbounds()[0].slip_no);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_5xx_on_cancel_is_not_retried() {
    let sim = sim().await;
    let client = connected(&sim).await;
    let slip = client
        .register_outbound(&[request("ORD-1", "SKU-MUG", 1)])
        .await[0]
        .outcome
        .as_ref()
        .unwrap()
        .fms_slip_no
        .clone();
    sim.inject_fault("/api/v1/delivery/cancel", Fault::ApplyThenStatus(500));
    let err = client.cancel_outbound(&slip, "ORD-1").await.unwrap_err();
    assert_eq!(err.code(), "FMS_OUTCOME_UNKNOWN");
    assert_eq!(sim.count_requests("PATCH", "/api/v1/delivery/cancel"), 1);
    sim.shutdown().await;
}

fn short_timeout() -> FmsOptions {
    FmsOptions {
        request_timeout: Duration::from_millis(300),
        ..fast_options()
    }
}

#[tokio::test]
async fn a_timed_out_read_is_retried() {
    let sim = sim().await;
    let client = FmsClient::connect_with(config(&sim), short_timeout())
        .await
        .unwrap();
    sim.inject_fault("/api/v1/goods", Fault::Delay(Duration::from_secs(2)));
    let goods = client.goods().await.unwrap();
    assert_eq!(goods.len(), 2);
    assert_eq!(sim.count_requests("GET", "/api/v1/goods"), 1 + 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_timed_out_register_is_outcome_unknown() {
    let sim = sim().await;
    let client = FmsClient::connect_with(config(&sim), short_timeout())
        .await
        .unwrap();
    sim.inject_fault(
        "/api/v1/delivery/parcel",
        Fault::Delay(Duration::from_secs(2)),
    );
    let results = client
        .register_outbound(&[request("ORD-1", "SKU-MUG", 1)])
        .await;
    let err = results[0].outcome.as_ref().unwrap_err();
    assert_eq!(err.code(), "FMS_OUTCOME_UNKNOWN");
    assert!(err.to_string().contains("timed out"), "{err}");
    sim.shutdown().await;
}

#[tokio::test]
async fn throttling_is_retried_and_then_reported() {
    let sim = sim().await;
    let client = connected(&sim).await;
    sim.inject_fault("/api/v1/stock", Fault::Status(429));
    assert!(client.stock().await.is_ok());
    for _ in 0..4 {
        sim.inject_fault("/api/v1/stock", Fault::Status(429));
    }
    let err = client.stock().await.unwrap_err();
    assert_eq!(err, FmsError::RateLimited { attempts: 4 });
    assert_eq!(err.code(), "FMS_RATE_LIMITED");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_5xx_at_sign_in_is_retried() {
    let sim = sim().await;
    sim.inject_fault("/api/v1/auth/connect", Fault::Status(503));
    let client = connected(&sim).await;
    assert_eq!(statuses(&sim, "/api/v1/auth/connect"), vec![503, 200]);
    assert!(client.token_expires_at().await.is_some());
    sim.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_host_is_a_network_error() {
    // Bind then drop, so nothing listens on the port.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let sim = sim().await;
    let mut cfg = config(&sim);
    cfg.base_url = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let err = FmsClient::connect_with(cfg, fast_options())
        .await
        .err()
        .unwrap();
    assert_eq!(err.code(), "FMS_NETWORK");
    assert!(err.is_transient());
    assert!(has_hangul(&err.message_ko()));
    sim.shutdown().await;
}
