//! OAuth 2.0 as Cafe24 runs it: authorize (302 with a 1-minute code, or a consent
//! page), token (authorization_code / refresh_token, Basic or body client
//! credentials, rotating refresh tokens), revoke.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use chrono::{DateTime, SubsecRound, Utc};
use rand::Rng;
use rand::distributions::Alphanumeric;
use serde_json::json;

use super::state::{AccessGrant, CodeGrant, RefreshGrant};
use super::wire::ApiError;
use super::{ALL_SCOPES, Cafe24Sim, wire};

pub fn random_token(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

pub fn form(raw: &[u8]) -> HashMap<String, String> {
    url::form_urlencoded::parse(raw).into_owned().collect()
}

/// Cafe24's docs say space-separated, live clients send commas; accept both.
fn parse_scopes(raw: Option<&String>) -> Vec<String> {
    let scopes: Vec<String> = raw
        .map(|s| {
            s.split([',', ' ', '+'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if scopes.is_empty() {
        ALL_SCOPES.iter().map(|s| (*s).to_owned()).collect()
    } else {
        scopes
    }
}

pub async fn authorize(State(sim): State<Cafe24Sim>, RawQuery(query): RawQuery) -> Response {
    let p = form(query.unwrap_or_default().as_bytes());
    if let Err(r) = check_authorize_params(&sim, &p) {
        return r.into_response();
    }
    let redirect_uri = p.get("redirect_uri").cloned().unwrap_or_default();
    let state = p.get("state").cloned().unwrap_or_default();
    if sim.inner.cfg.auto_consent {
        let scopes = parse_scopes(p.get("scope"));
        return redirect_with_code(&sim, &redirect_uri, &state, scopes);
    }
    consent_page(&sim, &p)
}

fn check_authorize_params(sim: &Cafe24Sim, p: &HashMap<String, String>) -> Result<(), ApiError> {
    if p.get("response_type").map(String::as_str) != Some("code") {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "response_type must be code.",
        ));
    }
    if p.get("client_id") != Some(&sim.inner.cfg.client_id) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "Invalid client_id."));
    }
    match p.get("redirect_uri").map(|u| url::Url::parse(u)) {
        Some(Ok(_)) => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "Invalid redirect_uri.",
        )),
    }
}

fn redirect_with_code(
    sim: &Cafe24Sim,
    redirect_uri: &str,
    state: &str,
    scopes: Vec<String>,
) -> Response {
    let code = random_token(22);
    let grant = CodeGrant {
        redirect_uri: redirect_uri.to_owned(),
        scopes,
        expires_at: Utc::now() + sim.inner.cfg.code_ttl,
    };
    sim.mutate(|s| {
        s.codes.insert(code.clone(), grant);
    });
    redirect(redirect_uri, &[("code", &code), ("state", state)])
}

fn redirect(redirect_uri: &str, pairs: &[(&str, &str)]) -> Response {
    let Ok(mut target) = url::Url::parse(redirect_uri) else {
        return wire::error(StatusCode::BAD_REQUEST, "Invalid redirect_uri.");
    };
    target.query_pairs_mut().extend_pairs(pairs.iter());
    (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn consent_page(sim: &Cafe24Sim, p: &HashMap<String, String>) -> Response {
    let hidden: String = ["client_id", "redirect_uri", "state", "scope"]
        .iter()
        .map(|k| {
            format!(
                r#"<input type="hidden" name="{k}" value="{}">"#,
                escape(p.get(*k).map(String::as_str).unwrap_or(""))
            )
        })
        .collect();
    let scopes = parse_scopes(p.get("scope")).join(", ");
    Html(format!(
        r#"<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>Cafe24 앱 권한 동의</title></head>
<body><h1>{mall} 쇼핑몰</h1><p>Packdesk 앱이 다음 권한을 요청합니다: {scopes}</p>
<form method="post" action="/api/v2/oauth/authorize">{hidden}
<button type="submit" name="decision" value="allow">동의 (Allow)</button>
<button type="submit" name="decision" value="deny">거부</button></form></body></html>"#,
        mall = escape(&sim.inner.cfg.mall_id),
        scopes = escape(&scopes),
    ))
    .into_response()
}

/// The consent form's submit: back to the app with a code, or with `error=access_denied`.
pub async fn consent(State(sim): State<Cafe24Sim>, body: Bytes) -> Response {
    let mut p = form(&body);
    p.insert("response_type".to_owned(), "code".to_owned());
    if let Err(r) = check_authorize_params(&sim, &p) {
        return r.into_response();
    }
    let redirect_uri = p.get("redirect_uri").cloned().unwrap_or_default();
    let state = p.get("state").cloned().unwrap_or_default();
    if p.get("decision").map(String::as_str) == Some("allow") {
        redirect_with_code(&sim, &redirect_uri, &state, parse_scopes(p.get("scope")))
    } else {
        redirect(
            &redirect_uri,
            &[("error", "access_denied"), ("state", &state)],
        )
    }
}

/// Client credentials from `Authorization: Basic` or, as Cafe24's quick start
/// shows, from the form body.
fn client_ok(sim: &Cafe24Sim, headers: &HeaderMap, p: &HashMap<String, String>) -> bool {
    let cfg = &sim.inner.cfg;
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b64| {
            base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .ok()
        })
        .and_then(|raw| String::from_utf8(raw).ok());
    if let Some(pair) = basic {
        return pair == format!("{}:{}", cfg.client_id, cfg.client_secret);
    }
    p.get("client_id") == Some(&cfg.client_id) && p.get("client_secret") == Some(&cfg.client_secret)
}

pub async fn token(State(sim): State<Cafe24Sim>, headers: HeaderMap, body: Bytes) -> Response {
    let p = form(&body);
    if !client_ok(&sim, &headers, &p) {
        return wire::oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client_secret",
        );
    }
    let now = Utc::now().trunc_subsecs(0);
    match p.get("grant_type").map(String::as_str) {
        Some("authorization_code") => exchange_code(&sim, &p, now),
        Some("refresh_token") => refresh(&sim, &p, now),
        _ => wire::oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token",
        ),
    }
}

fn exchange_code(sim: &Cafe24Sim, p: &HashMap<String, String>, now: DateTime<Utc>) -> Response {
    let code = p.get("code").cloned().unwrap_or_default();
    let redirect_uri = p.get("redirect_uri").cloned().unwrap_or_default();
    let outcome = sim.mutate(|s| {
        // Codes are single-use: taken out whether or not the rest checks out.
        let grant = s
            .codes
            .remove(&code)
            .ok_or("authorization code is invalid or already used")?;
        if grant.expires_at <= now {
            return Err("authorization code has expired");
        }
        if grant.redirect_uri != redirect_uri {
            return Err("redirect_uri does not match the authorization request");
        }
        Ok(mint(s, &sim.inner.cfg, grant.scopes, now))
    });
    match outcome {
        Ok(body) => {
            sim.inner.stats.lock().stats.code_exchanges += 1;
            axum::Json(body).into_response()
        }
        Err(why) => wire::oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", why),
    }
}

fn refresh(sim: &Cafe24Sim, p: &HashMap<String, String>, now: DateTime<Utc>) -> Response {
    let presented = p.get("refresh_token").cloned().unwrap_or_default();
    let outcome = sim.mutate(|s| {
        let grant = s
            .refresh_tokens
            .get_mut(&presented)
            .ok_or("refresh_token is invalid")?;
        if grant.rotated {
            return Err("refresh_token is invalid: it was already used and has been replaced");
        }
        if grant.expires_at <= now {
            return Err("refresh_token has expired");
        }
        grant.rotated = true;
        let scopes = grant.scopes.clone();
        Ok(mint(s, &sim.inner.cfg, scopes, now))
    });
    match outcome {
        Ok(body) => {
            sim.inner.stats.lock().stats.refreshes += 1;
            axum::Json(body).into_response()
        }
        Err(why) => wire::oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", why),
    }
}

/// New access and refresh tokens; the body is Cafe24's token response verbatim in shape.
fn mint(
    s: &mut super::state::SimState,
    cfg: &super::SimConfig,
    scopes: Vec<String>,
    now: DateTime<Utc>,
) -> serde_json::Value {
    let access_token = random_token(22);
    let refresh_token = random_token(22);
    let expires_at = now + cfg.access_ttl;
    let refresh_expires_at = now + cfg.refresh_ttl;
    s.access_tokens.insert(
        access_token.clone(),
        AccessGrant {
            scopes: scopes.clone(),
            expires_at,
        },
    );
    s.refresh_tokens.insert(
        refresh_token.clone(),
        RefreshGrant {
            scopes: scopes.clone(),
            expires_at: refresh_expires_at,
            rotated: false,
        },
    );
    json!({
        "access_token": access_token,
        "expires_at": wire::kst_naive(expires_at),
        "refresh_token": refresh_token,
        "refresh_token_expires_at": wire::kst_naive(refresh_expires_at),
        "client_id": cfg.client_id,
        "mall_id": cfg.mall_id,
        "user_id": cfg.user_id,
        "scopes": scopes,
        "issued_at": wire::kst_naive(now),
        "shop_no": "1",
        "token_type": "Bearer",
    })
}

pub async fn revoke(State(sim): State<Cafe24Sim>, headers: HeaderMap, body: Bytes) -> Response {
    let p = form(&body);
    if !client_ok(&sim, &headers, &p) {
        return wire::oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client_secret",
        );
    }
    let token = p.get("token").cloned().unwrap_or_default();
    sim.mutate(|s| {
        s.access_tokens.remove(&token);
        s.refresh_tokens.remove(&token);
    });
    StatusCode::OK.into_response()
}
