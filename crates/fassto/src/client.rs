//! The client handle: settings, the HTTP client and the cached access token,
//! shared by every clone. The calls live in the submodules, one per resource.

mod auth;
mod catalog;
mod outbound;
mod transport;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::{FmsConfig, FmsOptions};
use crate::error::FmsError;

use auth::AccessToken;

/// A signed-in connection to one FMS customer account. Cheap to clone; clones
/// share the token.
#[derive(Clone)]
pub struct FmsClient {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: FmsConfig,
    opts: FmsOptions,
    http: reqwest::Client,
    /// Held across a sign-in so concurrent calls that find the token stale
    /// sign in once, not once each.
    token: tokio::sync::Mutex<Option<AccessToken>>,
}

impl FmsClient {
    /// Signs in (`POST /api/v1/auth/connect`) with default options; fails with
    /// `FMS_AUTH_FAILED` when FASSTO refuses the credentials.
    pub async fn connect(cfg: FmsConfig) -> Result<FmsClient, FmsError> {
        Self::connect_with(cfg, FmsOptions::default()).await
    }

    pub async fn connect_with(cfg: FmsConfig, opts: FmsOptions) -> Result<FmsClient, FmsError> {
        cfg.validate()?;
        let http = reqwest::Client::builder()
            .timeout(opts.request_timeout)
            .connect_timeout(std::time::Duration::from_secs(10))
            .user_agent(concat!("packdesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| FmsError::Config {
                setting: "http".into(),
                detail: format!("cannot build the HTTP client: {e}"),
            })?;
        let client = FmsClient {
            inner: Arc::new(Inner {
                cfg,
                opts,
                http,
                token: tokio::sync::Mutex::new(None),
            }),
        };
        client.current_token().await?;
        Ok(client)
    }

    pub fn config(&self) -> &FmsConfig {
        &self.inner.cfg
    }

    /// When the cached token runs out (`expreDatetime`), if one is held.
    pub async fn token_expires_at(&self) -> Option<DateTime<Utc>> {
        self.inner.token.lock().await.as_ref().map(|t| t.expires_at)
    }

    fn cst_cd(&self) -> &str {
        self.inner.cfg.cst_cd.trim()
    }
}

/// `data` as a list: FASSTO sends an array, sometimes a lone object (reference
/// §1.2 for register answers), `null` for none.
fn rows<T: DeserializeOwned>(data: Value, what: &str) -> Result<Vec<T>, FmsError> {
    let items = match data {
        Value::Null => Vec::new(),
        Value::Array(items) => items,
        one @ Value::Object(_) => vec![one],
        _ => {
            return Err(FmsError::Decode {
                message: format!("{what}: data is neither a list nor an object"),
            });
        }
    };
    items
        .into_iter()
        .map(|item| serde_json::from_value(item).map_err(|e| decode_error(what, &e)))
        .collect()
}

/// A serde error without the offending value (it could be a name or a phone).
fn decode_error(what: &str, e: &serde_json::Error) -> FmsError {
    FmsError::Decode {
        message: format!(
            "{what}: {:?} error at line {} column {}",
            e.classify(),
            e.line(),
            e.column()
        ),
    }
}

/// A reqwest error in one line, without the URL (the sign-in URL carries the key).
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "reading the answer failed"
    } else if e.is_request() {
        "sending the request failed"
    } else {
        "HTTP error"
    };
    let mut source = std::error::Error::source(e);
    let mut detail = String::new();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    if detail.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {detail}")
    }
}
