//! Signing in with apiCd/apiKey, the `accessToken` header, and getting a new
//! token without the caller noticing when FASSTO refuses the old one.
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use chrono::{Duration, Utc};
use harness::*;
use packdesk_fassto::{FmsClient, FmsError, FmsOptions};
use packdesk_sim::fassto::{Fault, FmsSimConfig};

#[tokio::test]
async fn connect_signs_in_and_reads_the_korea_time_expiry() {
    let sim = sim().await;
    let before = Utc::now();
    let client = connected(&sim).await;
    assert_eq!(sim.sign_ins(), 1);
    // The sim's token lives 1 hour; expreDatetime is KST wall time — read as
    // UTC it would be 9 hours off.
    let left = client.token_expires_at().await.unwrap() - before;
    assert!(
        left > Duration::minutes(58) && left <= Duration::minutes(61),
        "{left}"
    );
    // The token works as the `accessToken` header.
    assert_eq!(client.goods().await.unwrap().len(), 2);
    assert_eq!(statuses(&sim, "/api/v1/goods"), vec![200]);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_wrong_api_key_is_auth_failed() {
    let sim = sim().await;
    let mut cfg = config(&sim);
    cfg.api_key = "not-the-key".into();
    let err = FmsClient::connect_with(cfg, fast_options())
        .await
        .err()
        .unwrap();
    assert_eq!(err.code(), "FMS_AUTH_FAILED");
    assert!(has_hangul(&err.message_ko()));
    assert!(matches!(&err, FmsError::AuthFailed { message } if message.contains("API 인증")));
    assert_eq!(sim.sign_ins(), 0);
    // Refused credentials are not retried.
    assert_eq!(statuses(&sim, "/api/v1/auth/connect"), vec![401]);
    sim.shutdown().await;
}

#[tokio::test]
async fn empty_settings_fail_before_any_request() {
    let sim = sim().await;
    let mut cfg = config(&sim);
    cfg.cst_cd = String::new();
    let err = FmsClient::connect(cfg).await.err().unwrap();
    assert_eq!(err.code(), "FMS_CONFIG");
    assert!(sim.requests().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn an_expired_token_is_replaced_transparently() {
    let sim = sim().await;
    let client = connected(&sim).await;
    sim.expire_tokens();
    let stock = client.stock().await.unwrap();
    assert_eq!(stock.len(), 2);
    assert_eq!(sim.sign_ins(), 2);
    assert_eq!(statuses(&sim, "/api/v1/stock"), vec![401, 200]);
    // The new token is kept: the next call needs no sign-in.
    client.goods().await.unwrap();
    assert_eq!(sim.sign_ins(), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_write_refused_for_its_token_is_sent_again_after_signing_in() {
    // A refused token means FASSTO did not apply the request: repeating is safe.
    let sim = sim().await;
    let client = connected(&sim).await;
    sim.expire_tokens();
    let results = client
        .register_outbound(&[request("ORD-1", "SKU-MUG", 1)])
        .await;
    assert!(results[0].outcome.is_ok(), "{:?}", results[0].outcome);
    assert_eq!(statuses(&sim, "/api/v1/delivery/parcel"), vec![401, 200]);
    assert_eq!(sim.outbounds().len(), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_token_about_to_expire_is_renewed_before_the_call() {
    let sim = sim_with(FmsSimConfig {
        token_ttl: Duration::seconds(30),
        ..FmsSimConfig::default()
    })
    .await;
    let opts = FmsOptions {
        token_refresh_ahead: Duration::seconds(60),
        ..fast_options()
    };
    let client = FmsClient::connect_with(config(&sim), opts).await.unwrap();
    client.goods().await.unwrap();
    assert_eq!(sim.sign_ins(), 2);
    // Renewed ahead of time, so FASSTO never refused a token.
    assert!(!sim.requests().iter().any(|r| r.status == 401));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_token_refused_twice_is_unauthorized_not_a_loop() {
    let sim = sim().await;
    let client = connected(&sim).await;
    sim.inject_fault("/api/v1/stock", Fault::Status(401));
    sim.inject_fault("/api/v1/stock", Fault::Status(401));
    let err = client.stock().await.unwrap_err();
    assert_eq!(err.code(), "FMS_UNAUTHORIZED");
    assert!(has_hangul(&err.message_ko()));
    assert_eq!(statuses(&sim, "/api/v1/stock"), vec![401, 401]);
    assert_eq!(sim.sign_ins(), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_foreign_customer_code_is_rejected() {
    let sim = sim().await;
    let mut cfg = config(&sim);
    cfg.cst_cd = "99999".into();
    let client = FmsClient::connect_with(cfg, fast_options()).await.unwrap();
    let err = client.goods().await.unwrap_err();
    assert!(
        matches!(&err, FmsError::Rejected { code, message } if code == "FORBIDDEN" && message == "Access Denied"),
        "{err:?}"
    );
    assert_eq!(statuses(&sim, "/api/v1/goods"), vec![403]);
    sim.shutdown().await;
}

#[tokio::test]
async fn disconnect_revokes_the_token() {
    let sim = sim().await;
    let client = connected(&sim).await;
    client.disconnect().await.unwrap();
    assert_eq!(client.token_expires_at().await, None);
    assert_eq!(statuses(&sim, "/api/v1/auth/disconnect"), vec![200]);
    // The next call signs in again instead of sending a revoked token.
    client.goods().await.unwrap();
    assert_eq!(sim.sign_ins(), 2);
    assert!(!sim.requests().iter().any(|r| r.status == 401));
    sim.shutdown().await;
}
