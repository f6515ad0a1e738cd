//! OAuth tokens: Cafe24's token response (offset-less KST timestamps, `shop_no`
//! as a string), the authorization-code exchange and the refresh grant.

use std::time::Duration;

use base64::Engine;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Asia::Seoul;
use serde::{Deserialize, Serialize};

use crate::config::Cafe24Config;
use crate::envelope::ErrorEnvelope;
use crate::error::Cafe24Error;

/// What Packdesk keeps (in the OS keychain) for one connected mall. Times are UTC.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_at: DateTime<Utc>,
    pub refresh_token_expires_at: DateTime<Utc>,
    pub issued_at: DateTime<Utc>,
    pub scopes: Vec<String>,
    pub mall_id: String,
    pub user_id: Option<String>,
    pub shop_no: Option<u32>,
}

impl std::fmt::Debug for TokenSet {
    // Tokens never reach a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &"<redacted>")
            .field("refresh_token", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .field("refresh_token_expires_at", &self.refresh_token_expires_at)
            .field("issued_at", &self.issued_at)
            .field("scopes", &self.scopes)
            .field("mall_id", &self.mall_id)
            .field("user_id", &self.user_id)
            .field("shop_no", &self.shop_no)
            .finish()
    }
}

impl TokenSet {
    /// True when the refresh token can no longer be used: the operator must reconnect.
    pub fn refresh_expired(&self, now: DateTime<Utc>) -> bool {
        self.refresh_token_expires_at <= now
    }
}

/// Cafe24's token response, verbatim in shape.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    refresh_token: String,
    expires_at: String,
    refresh_token_expires_at: String,
    #[serde(default)]
    issued_at: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default)]
    mall_id: Option<String>,
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    shop_no: Option<serde_json::Value>,
}

/// Parses Cafe24 timestamps. Offset-less values (`2021-03-01T14:00:00.000`) are
/// Korea time — reading them as UTC would expire tokens nine hours late.
pub fn parse_cafe24_time(text: &str) -> Option<DateTime<Utc>> {
    parse_cafe24_datetime(text).map(|t| t.with_timezone(&Utc))
}

/// As [`parse_cafe24_time`], keeping the offset (KST for offset-less input).
pub fn parse_cafe24_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Seoul
                .from_local_datetime(&naive)
                .earliest()
                .map(|t| t.fixed_offset());
        }
    }
    None
}

impl TokenResponse {
    fn into_token_set(self, fallback_mall: &str) -> Result<TokenSet, Cafe24Error> {
        let time = |field: &str, text: &str| {
            parse_cafe24_time(text).ok_or_else(|| Cafe24Error::Decode {
                message: format!("token response {field} is not a Cafe24 timestamp: {text:?}"),
            })
        };
        let expires_at = time("expires_at", &self.expires_at)?;
        let refresh_token_expires_at =
            time("refresh_token_expires_at", &self.refresh_token_expires_at)?;
        let issued_at = match &self.issued_at {
            Some(t) => time("issued_at", t)?,
            None => Utc::now(),
        };
        let shop_no = match self.shop_no {
            Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
            Some(serde_json::Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
            _ => None,
        };
        Ok(TokenSet {
            access_token: self.access_token,
            refresh_token: self.refresh_token,
            expires_at,
            refresh_token_expires_at,
            issued_at,
            scopes: self.scopes,
            mall_id: self.mall_id.unwrap_or_else(|| fallback_mall.to_owned()),
            user_id: self.user_id.filter(|u| !u.is_empty()),
            shop_no,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Grant {
    AuthorizationCode,
    RefreshToken,
}

pub(crate) fn http_client(timeout: Duration) -> Result<reqwest::Client, Cafe24Error> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("packdesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Cafe24Error::Config {
            message: format!("cannot build the HTTP client: {e}"),
        })
}

/// Trades the code from the authorize redirect for tokens
/// (`POST /api/v2/oauth/token`, Basic client auth, `grant_type=authorization_code`).
pub async fn exchange_code(
    cfg: &Cafe24Config,
    code: &str,
    redirect_uri: &str,
) -> Result<TokenSet, Cafe24Error> {
    let http = http_client(Duration::from_secs(30))?;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
    ];
    token_request(&http, cfg, &form, Grant::AuthorizationCode).await
}

/// The refresh grant. Cafe24 rotates the refresh token: the one sent here is
/// dead once this succeeds, so callers must serialise refreshes.
pub(crate) async fn refresh_grant(
    http: &reqwest::Client,
    cfg: &Cafe24Config,
    refresh_token: &str,
) -> Result<TokenSet, Cafe24Error> {
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
    ];
    token_request(http, cfg, &form, Grant::RefreshToken).await
}

async fn token_request(
    http: &reqwest::Client,
    cfg: &Cafe24Config,
    form: &[(&str, &str)],
    grant: Grant,
) -> Result<TokenSet, Cafe24Error> {
    let url = cfg
        .endpoint(&["oauth", "token"])
        .ok_or_else(|| Cafe24Error::Config {
            message: "api_base cannot carry a path".into(),
        })?;
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", cfg.client_id, cfg.client_secret));
    // Only failures where the request surely never reached Cafe24 are retried:
    // a refresh that reached it has already killed the old refresh token.
    let mut attempt = 0;
    let response = loop {
        let sent = http
            .post(url.clone())
            .header(reqwest::header::AUTHORIZATION, format!("Basic {basic}"))
            .form(form)
            .send()
            .await;
        match sent {
            Ok(r) if r.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE && attempt < 2 => {}
            Ok(r) => break r,
            Err(e) if e.is_connect() && attempt < 2 => {}
            Err(e) => {
                return Err(Cafe24Error::Network {
                    message: format!("token endpoint: {}", crate::client::describe(&e)),
                });
            }
        }
        attempt += 1;
        tokio::time::sleep(Duration::from_millis(300 * (1 << attempt))).await;
    };
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(|e| Cafe24Error::Network {
        message: format!("token endpoint: {}", crate::client::describe(&e)),
    })?;
    tracing::debug!(target: "packdesk_cafe24::http", method = "POST", path = "/api/v2/oauth/token", status, "token request");
    if (200..300).contains(&status) {
        let parsed: TokenResponse =
            serde_json::from_slice(&body).map_err(|e| Cafe24Error::Decode {
                message: format!("token response: {e}"),
            })?;
        return parsed.into_token_set(&cfg.mall_id);
    }
    let envelope = ErrorEnvelope::parse(&body);
    let message = envelope.message_or(status);
    let code = envelope.code.as_deref().unwrap_or("");
    Err(match (status, code, grant) {
        (_, "invalid_client", _) | (401, _, Grant::AuthorizationCode) => {
            Cafe24Error::ClientRejected { message }
        }
        (400 | 401, _, Grant::RefreshToken) => Cafe24Error::ReconnectRequired {
            reason: format!("the refresh token was refused: {message}"),
        },
        (400, _, Grant::AuthorizationCode) => Cafe24Error::AuthCodeRejected { message },
        (status, _, _) => Cafe24Error::Http {
            status,
            code: envelope.code,
            message,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_less_timestamps_are_korea_time() {
        let t = parse_cafe24_time("2021-03-01T14:00:00.000").unwrap();
        assert_eq!(t, Utc.with_ymd_and_hms(2021, 3, 1, 5, 0, 0).unwrap());
        let with_offset = parse_cafe24_time("2018-07-04T11:21:35+09:00").unwrap();
        assert_eq!(
            with_offset,
            Utc.with_ymd_and_hms(2018, 7, 4, 2, 21, 35).unwrap()
        );
        let item_style = parse_cafe24_time("2017-07-10 15:55:51").unwrap();
        assert_eq!(
            item_style,
            Utc.with_ymd_and_hms(2017, 7, 10, 6, 55, 51).unwrap()
        );
        assert!(parse_cafe24_time("yesterday").is_none());
    }

    #[test]
    fn official_sample_token_response_parses() {
        let body = r#"{
            "access_token": "0iqR5nM5EJIq", "expires_at": "2021-03-01T14:00:00.000",
            "refresh_token": "JeTJ7XpnFC0P", "refresh_token_expires_at": "2021-03-15T12:00:00.000",
            "client_id": "BrIfqEKoPxeE", "mall_id": "yourmall", "user_id": "test",
            "scopes": ["mall.read_order", "mall.read_product", "mall.read_store"],
            "issued_at": "2021-03-01T12:00:00.000", "shop_no": "1", "token_type": "Bearer"}"#;
        let parsed: TokenResponse = serde_json::from_str(body).unwrap();
        let t = parsed.into_token_set("fallback").unwrap();
        assert_eq!(t.mall_id, "yourmall");
        assert_eq!(t.shop_no, Some(1));
        assert_eq!(t.user_id.as_deref(), Some("test"));
        assert_eq!(t.expires_at - t.issued_at, chrono::Duration::hours(2));
        assert_eq!(
            t.issued_at,
            Utc.with_ymd_and_hms(2021, 3, 1, 3, 0, 0).unwrap()
        );
        assert!(!format!("{t:?}").contains("0iqR5nM5EJIq"));
    }
}
