//! Signing in: `POST /api/v1/auth/connect?apiCd=…&apiKey=…` (no body) answers
//! `data: {accessToken, expreDatetime: "yyyyMMddHHmmss"}` in Korea time; the token
//! then goes in the `accessToken` header and is cached until it expires
//! (reference §1.2, §1.6). `GET /api/v1/auth/disconnect` revokes it.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::Deserialize;

use super::transport::{ApiCall, Attempt};
use super::{FmsClient, describe};
use crate::de;
use crate::envelope::Envelope;
use crate::error::FmsError;
use crate::kst;

#[derive(Clone, PartialEq, Eq)]
pub(super) struct AccessToken {
    pub value: String,
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessToken")
            .field("value", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenData {
    #[serde(default, deserialize_with = "de::opt_string")]
    access_token: Option<String>,
    /// FASSTO's spelling (sic).
    #[serde(default, deserialize_with = "de::opt_string")]
    expre_datetime: Option<String>,
}

impl FmsClient {
    /// The cached token, or a fresh one when none is held or it expires within
    /// `token_refresh_ahead`.
    pub(super) async fn current_token(&self) -> Result<String, FmsError> {
        let mut slot = self.inner.token.lock().await;
        let ahead = self.inner.opts.token_refresh_ahead;
        if let Some(token) = slot.as_ref()
            && token.expires_at - ahead > Utc::now()
        {
            return Ok(token.value.clone());
        }
        let fresh = self.sign_in().await?;
        let value = fresh.value.clone();
        *slot = Some(fresh);
        Ok(value)
    }

    /// FASSTO refused `refused`: sign in again, unless another call already did.
    pub(super) async fn replace_token(&self, refused: &str) -> Result<String, FmsError> {
        let mut slot = self.inner.token.lock().await;
        if let Some(token) = slot.as_ref()
            && token.value != refused
        {
            return Ok(token.value.clone());
        }
        *slot = None;
        let fresh = self.sign_in().await?;
        let value = fresh.value.clone();
        *slot = Some(fresh);
        Ok(value)
    }

    /// Revokes the token (`GET /api/v1/auth/disconnect`) and forgets it. A token
    /// FASSTO no longer knows counts as revoked.
    pub async fn disconnect(&self) -> Result<(), FmsError> {
        let Some(token) = self.inner.token.lock().await.take() else {
            return Ok(());
        };
        let call = ApiCall::read("auth.disconnect", &["auth", "disconnect"], Vec::new());
        match self.send_once(&call, Some(&token.value)).await {
            Attempt::Reply { status, .. } if (200..300).contains(&status) || status == 401 => {
                tracing::info!(target: "packdesk_fassto", "fms token revoked");
                Ok(())
            }
            Attempt::Reply { status, body, .. } => {
                let env = Envelope::parse(&body).unwrap_or_default();
                Err(FmsError::Rejected {
                    code: env.error_code().unwrap_or_else(|| status.to_string()),
                    message: env.message().unwrap_or_else(|| format!("HTTP {status}")),
                })
            }
            Attempt::Transport { error, .. } => Err(FmsError::Network {
                message: describe(&error),
            }),
        }
    }

    /// One sign-in, retried on 5xx, 429 and network trouble: it only issues a
    /// token, so repeating it is harmless.
    async fn sign_in(&self) -> Result<AccessToken, FmsError> {
        let cfg = &self.inner.cfg;
        let call = ApiCall {
            op: "auth.connect",
            method: Method::POST,
            segments: vec!["auth".into(), "connect".into()],
            query: vec![
                ("apiCd", cfg.api_cd.trim().to_owned()),
                ("apiKey", cfg.api_key.trim().to_owned()),
            ],
            body: None,
            effect: super::transport::Effect::Read,
        };
        let max = self.inner.opts.max_retries;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let (status, body) = match self.send_once(&call, None).await {
                Attempt::Reply { status, body } => (status, body),
                Attempt::Transport { error, .. } => {
                    if attempt <= max {
                        self.backoff(attempt).await;
                        continue;
                    }
                    return Err(FmsError::Network {
                        message: describe(&error),
                    });
                }
            };
            let env = Envelope::parse(&body);
            let fms_code = env.as_ref().and_then(Envelope::code_number);
            let retryable =
                status >= 500 || status == 429 || fms_code.is_some_and(|c| c >= 500 || c == 429);
            if retryable {
                if attempt <= max {
                    self.backoff(attempt).await;
                    continue;
                }
                let message = env
                    .as_ref()
                    .and_then(Envelope::message)
                    .unwrap_or_else(|| format!("HTTP {status}"));
                return Err(if status == 429 || fms_code == Some(429) {
                    FmsError::RateLimited { attempts: attempt }
                } else {
                    FmsError::Server {
                        status,
                        attempts: attempt,
                        message,
                    }
                });
            }
            return match env {
                Some(env) if (200..300).contains(&status) && env.is_success() => {
                    self.read_token(env)
                }
                other => {
                    tracing::warn!(target: "packdesk_fassto", status, "fms sign-in refused");
                    Err(FmsError::AuthFailed {
                        message: other
                            .and_then(|e| e.message())
                            .unwrap_or_else(|| format!("HTTP {status}")),
                    })
                }
            };
        }
    }

    fn read_token(&self, env: Envelope) -> Result<AccessToken, FmsError> {
        let data: TokenData =
            serde_json::from_value(env.data).map_err(|e| super::decode_error("token", &e))?;
        let value = data.access_token.ok_or_else(|| FmsError::Decode {
            message: "sign-in answer has no accessToken".into(),
        })?;
        let expires_at = match data
            .expre_datetime
            .as_deref()
            .and_then(kst::parse_kst_datetime)
        {
            Some(t) => t,
            None => {
                tracing::warn!(
                    target: "packdesk_fassto",
                    "fms sign-in answer has no readable expreDatetime; assuming the fallback lifetime"
                );
                Utc::now() + self.inner.opts.fallback_token_ttl
            }
        };
        tracing::info!(target: "packdesk_fassto", %expires_at, "fms signed in");
        Ok(AccessToken { value, expires_at })
    }
}
