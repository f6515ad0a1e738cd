//! OAuth against the simulator: authorize redirect, code exchange with KST
//! timestamps, refresh rotation, serialised refresh, 401 → refresh → retry.

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use chrono::{Duration, Utc};
use harness::*;
use packdesk_cafe24::{
    Cafe24Error, DEFAULT_SCOPES, ShipmentRequest, TokenSet, authorize_url, exchange_code,
};
use packdesk_sim::cafe24::SimConfig;

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn query_value(url: &url::Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test]
async fn authorize_redirect_and_code_exchange_read_expiry_as_korea_time() {
    let sim = sim(SimConfig::default()).await;
    let cfg = client_config(&sim);
    let url = authorize_url(&cfg, REDIRECT, "csrf-123", DEFAULT_SCOPES);
    let response = no_redirects().get(url).send().await.unwrap();
    assert_eq!(response.status(), 302);
    let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
    assert!(location.as_str().starts_with(REDIRECT));
    assert_eq!(query_value(&location, "state").as_deref(), Some("csrf-123"));
    let code = query_value(&location, "code").unwrap();

    let before = Utc::now();
    let tokens = exchange_code(&cfg, &code, REDIRECT).await.unwrap();
    // Offset-less "…T14:00:00.000" is KST: read as UTC it would be 9 hours off.
    let two_hours = tokens.expires_at - before;
    assert!(
        two_hours > Duration::minutes(119) && two_hours <= Duration::minutes(121),
        "{two_hours}"
    );
    let fourteen_days = tokens.refresh_token_expires_at - before;
    assert!(
        fourteen_days > Duration::days(14) - Duration::minutes(1)
            && fourteen_days <= Duration::days(14) + Duration::minutes(1)
    );
    assert!((tokens.issued_at - before).num_seconds().abs() <= 2);
    assert_eq!(tokens.shop_no, Some(1));
    assert_eq!(tokens.mall_id, "demoshop");
    assert_eq!(
        tokens.scopes,
        DEFAULT_SCOPES
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );

    // Codes are single-use.
    let again = exchange_code(&cfg, &code, REDIRECT).await.unwrap_err();
    assert_eq!(again.code(), "CAFE24_AUTH_CODE_REJECTED");
    sim.shutdown().await;
}

#[tokio::test]
async fn consent_page_then_allow_redirects_with_a_code() {
    let sim = sim(SimConfig {
        auto_consent: false,
        ..SimConfig::default()
    })
    .await;
    let cfg = client_config(&sim);
    let http = no_redirects();
    let page = http
        .get(authorize_url(&cfg, REDIRECT, "s1", &["mall.read_order"]))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("동의"), "{html}");
    assert!(html.contains(r#"name="state" value="s1""#));

    let submit = sim.base_url().join("api/v2/oauth/authorize").unwrap();
    let allowed = http
        .post(submit)
        .form(&[
            ("client_id", cfg.client_id.as_str()),
            ("redirect_uri", REDIRECT),
            ("state", "s1"),
            ("scope", "mall.read_order"),
            ("decision", "allow"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), 302);
    let location = url::Url::parse(allowed.headers()["location"].to_str().unwrap()).unwrap();
    let code = query_value(&location, "code").unwrap();
    let tokens = exchange_code(&cfg, &code, REDIRECT).await.unwrap();
    assert_eq!(tokens.scopes, vec!["mall.read_order".to_string()]);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_wrong_client_secret_is_reported_as_such() {
    let sim = sim(SimConfig::default()).await;
    let mut cfg = client_config(&sim);
    cfg.client_secret = "wrong".into();
    let code = sim.issue_code(REDIRECT);
    let err = exchange_code(&cfg, &code, REDIRECT).await.unwrap_err();
    assert_eq!(err.code(), "CAFE24_CLIENT_REJECTED");
    sim.shutdown().await;
}

#[tokio::test]
async fn expired_access_token_is_refreshed_once_and_the_old_refresh_token_dies() {
    let sim = sim(SimConfig::default()).await;
    let c = connect(&sim, real_pacing_options()).await;
    sim.expire_access_tokens();

    let carriers = c.client.carriers(1).await.unwrap();
    assert_eq!(
        carriers.len(),
        6,
        "the demo mall lists five domestic carriers and EMS"
    );
    assert_eq!(
        sim.stats().per_status.get(&401),
        Some(&1),
        "the first try met the expired token"
    );
    assert_eq!(sim.stats().refreshes, 1);
    assert_eq!(c.client.stats().refreshes, 1);

    let rotated = c.rotated.try_recv().expect("the sink saw the new tokens");
    assert_ne!(rotated.refresh_token, c.initial.refresh_token);
    assert_ne!(rotated.access_token, c.initial.access_token);
    assert_eq!(rotated, c.client.tokens());
    assert!(rotated.refresh_token_expires_at >= c.initial.refresh_token_expires_at);
    assert!(c.rotated.try_recv().is_err(), "exactly one rotation");

    // A second holder of the old tokens (say, a stale copy) cannot refresh any more.
    sim.expire_access_tokens();
    let (stale, _) = client_with(&sim, c.initial.clone(), real_pacing_options());
    let err = stale.carriers(1).await.unwrap_err();
    assert!(
        matches!(err, Cafe24Error::ReconnectRequired { .. }),
        "{err:?}"
    );
    // …and fails fast afterwards without touching the token endpoint again.
    let refreshes_before = sim.stats().refreshes;
    assert_eq!(
        stale.carriers(1).await.unwrap_err().code(),
        "CAFE24_RECONNECT_REQUIRED"
    );
    assert_eq!(sim.stats().refreshes, refreshes_before);
    sim.shutdown().await;
}

#[tokio::test]
async fn concurrent_callers_that_all_meet_a_401_share_one_refresh() {
    let sim = sim(SimConfig::default()).await;
    let c = connect(&sim, real_pacing_options()).await;
    sim.expire_access_tokens();

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let client = c.client.clone();
        tasks.spawn(async move { client.carriers(1).await.map(|v| v.len()) });
    }
    while let Some(result) = tasks.join_next().await {
        assert_eq!(result.unwrap().unwrap(), 6);
    }
    assert_eq!(sim.stats().refreshes, 1, "one refresh for eight callers");
    assert_eq!(c.client.stats().refreshes, 1);
    assert_eq!(c.rotated.try_iter().count(), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn tokens_close_to_expiry_are_refreshed_before_the_call() {
    let sim = sim(SimConfig {
        access_ttl: Duration::minutes(4),
        ..SimConfig::default()
    })
    .await;
    let c = connect(&sim, real_pacing_options()).await;
    c.client.carriers(1).await.unwrap();
    assert_eq!(sim.stats().refreshes, 1);
    assert_eq!(
        sim.stats().per_status.get(&401),
        None,
        "refreshed ahead, never met a 401"
    );
    assert_ne!(c.client.tokens().access_token, c.initial.access_token);
    sim.shutdown().await;
}

#[tokio::test]
async fn an_expired_refresh_token_asks_for_reconnection_without_a_request() {
    let sim = sim(SimConfig::default()).await;
    let now = Utc::now();
    let tokens = TokenSet {
        access_token: "stale".into(),
        refresh_token: "stale-refresh".into(),
        expires_at: now - Duration::days(20),
        refresh_token_expires_at: now - Duration::days(6),
        issued_at: now - Duration::days(20),
        scopes: vec!["mall.read_order".into()],
        mall_id: "demoshop".into(),
        user_id: None,
        shop_no: Some(1),
    };
    let (client, _) = client_with(&sim, tokens, real_pacing_options());
    let err = client.carriers(1).await.unwrap_err();
    assert_eq!(err.code(), "CAFE24_RECONNECT_REQUIRED");
    assert!(!err.message_ko().is_empty());
    assert_eq!(sim.stats().requests, 0, "nothing was sent");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_missing_scope_is_insufficient_scope() {
    let sim = sim(SimConfig::default()).await;
    sim.add_orders(packdesk_sim::cafe24::demo_orders(1, Utc::now(), 2));
    let order = sim.orders().remove(0);
    let code = sim.issue_code_with_scopes(REDIRECT, &["mall.read_order", "mall.read_shipping"]);
    let tokens = exchange_code(&client_config(&sim), &code, REDIRECT)
        .await
        .unwrap();
    let (client, _) = client_with(&sim, tokens, real_pacing_options());
    let req = ShipmentRequest::shipping(&order.order_id, vec![], "600012345678", "0006");
    let err = client.create_shipments(1, &[req]).await.unwrap_err();
    assert!(
        matches!(err, Cafe24Error::InsufficientScope { .. }),
        "{err:?}"
    );
    assert!(sim.shipments().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn a_dead_refresh_token_mid_run_asks_for_reconnection_and_stops_calling() {
    let sim = sim(SimConfig::default()).await;
    sim.add_orders(packdesk_sim::cafe24::demo_orders(3, Utc::now(), 30));
    let c = connect(&sim, real_pacing_options()).await;
    let today = Utc::now()
        .with_timezone(&chrono_tz::Asia::Seoul)
        .date_naive();
    let q = packdesk_cafe24::OrderQuery {
        limit: 10,
        ..packdesk_cafe24::OrderQuery::paid_awaiting_shipment(today - Duration::days(1), today)
    };
    let mut pager = c.client.order_pager(&q);
    assert_eq!(pager.next_page().await.unwrap().unwrap().len(), 10);

    // The refresh token went 14 days unused; the access token expires mid-run.
    sim.kill_refresh_tokens();
    sim.expire_access_tokens();
    let err = pager.next_page().await.unwrap_err();
    assert_eq!(err.code(), "CAFE24_RECONNECT_REQUIRED", "{err:?}");
    assert!(err.message_ko().contains("다시 연결"));
    assert_eq!(sim.stats().refreshes, 0, "the refresh was refused");

    // From now on nothing reaches Cafe24: not the pager, not other calls.
    let sent = sim.stats().requests;
    assert_eq!(
        pager.next_page().await.unwrap_err().code(),
        "CAFE24_RECONNECT_REQUIRED"
    );
    assert_eq!(
        c.client.carriers(1).await.unwrap_err().code(),
        "CAFE24_RECONNECT_REQUIRED"
    );
    assert_eq!(sim.stats().requests, sent, "no further requests");
    assert!(c.rotated.try_recv().is_err(), "no tokens to store");
    sim.shutdown().await;
}

#[tokio::test]
async fn killed_refresh_tokens_do_not_stop_a_still_valid_access_token() {
    let sim = sim(SimConfig::default()).await;
    let c = connect(&sim, real_pacing_options()).await;
    sim.kill_refresh_tokens();
    assert_eq!(c.client.carriers(1).await.unwrap().len(), 6);
    assert_eq!(sim.stats().refreshes, 0);
    sim.shutdown().await;
}
