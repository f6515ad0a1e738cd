//! `POST /api/v1/auth/connect?apiCd=…&apiKey=…` → `{accessToken, expreDatetime}`;
//! `GET /api/v1/auth/disconnect` revokes the token in the `accessToken` header.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use rand::Rng;
use rand::distributions::Alphanumeric;
use serde_json::json;

use super::{FmsSim, wire};

pub async fn connect(
    State(sim): State<FmsSim>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let cfg = &sim.inner.cfg;
    let given = |k: &str| query.get(k).map(String::as_str).unwrap_or("");
    if given("apiCd") != cfg.api_cd || given("apiKey") != cfg.api_key {
        return wire::error(
            StatusCode::UNAUTHORIZED,
            "AUTH_FAILED",
            "API 인증 정보가 올바르지 않습니다.",
        );
    }
    let token: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(40)
        .map(char::from)
        .collect();
    let expires_at = Utc::now() + cfg.token_ttl;
    {
        let mut state = sim.inner.state.lock();
        state.tokens.insert(token.clone(), expires_at);
        state.sign_ins += 1;
    }
    wire::ok(json!({"accessToken": token, "expreDatetime": wire::kst_seconds(expires_at)}))
}

pub async fn disconnect(State(sim): State<FmsSim>, headers: HeaderMap) -> Response {
    let token = headers
        .get("accesstoken")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
        .to_owned();
    sim.inner.state.lock().tokens.remove(&token);
    wire::ok(serde_json::Value::Null)
}
