//! One Admin API call, end to end: a fresh token, a slot from the bucket model,
//! the request, then by status — 2xx back to the caller; 401 → one refresh and a
//! retry; 429 → wait as the headers say and retry; 5xx/timeouts → jittered
//! exponential backoff (reads always; writes only when the request surely was
//! not applied); other 4xx → a typed error.

use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::Method;
use serde_json::Value;

use super::{Cafe24Client, describe};
use crate::envelope::ErrorEnvelope;
use crate::error::Cafe24Error;
use crate::pacing::LimitHeaders;

/// Whether repeating the request could apply it twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Effect {
    Read,
    Write,
}

pub(super) struct ApiCall<'a> {
    pub method: Method,
    /// Path below `/api/v2/admin/`.
    pub segments: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<&'a Value>,
    pub effect: Effect,
}

impl<'a> ApiCall<'a> {
    pub fn get(segments: &[&str], query: Vec<(&'static str, String)>) -> ApiCall<'a> {
        ApiCall {
            method: Method::GET,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query,
            body: None,
            effect: Effect::Read,
        }
    }

    pub fn post(segments: &[&str], body: &'a Value) -> ApiCall<'a> {
        ApiCall {
            method: Method::POST,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: Some(body),
            effect: Effect::Write,
        }
    }

    pub fn put(segments: &[&str], body: &'a Value) -> ApiCall<'a> {
        ApiCall {
            method: Method::PUT,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: Some(body),
            effect: Effect::Write,
        }
    }

    fn path(&self) -> String {
        format!("/api/v2/admin/{}", self.segments.join("/"))
    }
}

pub(super) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json<T: serde::de::DeserializeOwned>(&self, what: &str) -> Result<T, Cafe24Error> {
        serde_json::from_slice(&self.body).map_err(|e| Cafe24Error::Decode {
            message: format!("{what}: {e}"),
        })
    }
}

enum Attempt {
    Done(Reply),
    /// The request failed before an HTTP status came back.
    Transport {
        error: reqwest::Error,
        sent: bool,
    },
}

impl Cafe24Client {
    pub(super) async fn call(&self, call: &ApiCall<'_>) -> Result<Reply, Cafe24Error> {
        let opts = &self.inner.opts;
        let mut refreshed = false;
        let mut retries = 0u32;
        let mut throttles = 0u32;
        loop {
            let token = self.fresh_access_token().await?;
            let waited = self.inner.pacer.acquire().await;
            self.inner.stats.waited(waited);
            self.inner.stats.request();
            let started = Instant::now();
            let attempt = self.send_once(call, &token).await;
            let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let reply = match attempt {
                Attempt::Done(reply) => reply,
                Attempt::Transport { error, sent } => {
                    tracing::debug!(
                        target: "packdesk_cafe24::http",
                        method = %call.method,
                        path = %call.path(),
                        error = %describe(&error),
                        duration_ms = elapsed_ms,
                        "request failed"
                    );
                    let retry_safe = call.effect == Effect::Read || !sent;
                    if retry_safe && retries < opts.max_retries {
                        retries += 1;
                        self.inner.stats.retried();
                        self.backoff(retries).await;
                        continue;
                    }
                    return Err(if retry_safe {
                        Cafe24Error::Network {
                            message: describe(&error),
                        }
                    } else {
                        Cafe24Error::OutcomeUnknown {
                            message: describe(&error),
                        }
                    });
                }
            };
            match reply.status {
                200..=299 => return Ok(reply),
                401 if !refreshed => {
                    refreshed = true;
                    self.refresh_replacing(&token).await?;
                }
                429 => {
                    self.inner.stats.throttled();
                    throttles += 1;
                    if throttles > opts.max_throttle_retries {
                        return Err(Cafe24Error::RateLimited {
                            attempts: throttles,
                        });
                    }
                    // The bucket model already waits for the drain; a second
                    // 429 in a row means the model is off (another app on the
                    // mall, a different bucket), so back off on top of it.
                    if throttles >= 2 {
                        self.backoff(throttles - 1).await;
                    }
                }
                status @ 500..=599 => {
                    // 503 means Cafe24 did not take the request; other 5xx on a
                    // write may have been applied.
                    let retry_safe = call.effect == Effect::Read || status == 503;
                    let envelope = ErrorEnvelope::parse(&reply.body);
                    if retry_safe && retries < opts.max_retries {
                        retries += 1;
                        self.inner.stats.retried();
                        self.backoff(retries).await;
                        continue;
                    }
                    let message = envelope.message_or(status);
                    return Err(if retry_safe {
                        Cafe24Error::Http {
                            status,
                            code: envelope.code,
                            message,
                        }
                    } else {
                        Cafe24Error::OutcomeUnknown {
                            message: format!("HTTP {status}: {message}"),
                        }
                    });
                }
                status => return Err(client_error(status, &reply.body)),
            }
        }
    }

    async fn send_once(&self, call: &ApiCall<'_>, token: &str) -> Attempt {
        let mut segments: Vec<&str> = vec!["admin"];
        segments.extend(call.segments.iter().map(String::as_str));
        let Some(url) = self.inner.cfg.endpoint(&segments) else {
            // Checked in `Cafe24Client::new`; unreachable in practice.
            return Attempt::Done(Reply {
                status: 400,
                body: br#"{"error":{"code":400,"message":"invalid API base URL"}}"#.to_vec(),
            });
        };
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), url)
            .bearer_auth(token)
            .query(&call.query);
        if let Some(version) = &self.inner.cfg.api_version {
            request = request.header("X-Cafe24-Api-Version", version);
        }
        if let Some(body) = call.body {
            request = request.json(body);
        }
        let started = Instant::now();
        let response = match request.send().await {
            Ok(r) => r,
            Err(error) => {
                self.inner.pacer.complete(&LimitHeaders::default());
                let sent = !(error.is_connect() || error.is_builder());
                return Attempt::Transport { error, sent };
            }
        };
        let status = response.status().as_u16();
        let limits = LimitHeaders::from_headers(response.headers());
        self.inner.pacer.complete(&limits);
        if status == 429 {
            self.inner.pacer.throttled(&limits);
        }
        tracing::debug!(
            target: "packdesk_cafe24::http",
            method = %call.method,
            path = %call.path(),
            status,
            bucket = %limits.call_limit.map(|(n, c)| format!("{n}/{c}")).unwrap_or_else(|| "-".into()),
            usage = limits.usage.unwrap_or(0.0),
            duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            "cafe24 request"
        );
        match response.bytes().await {
            Ok(body) => Attempt::Done(Reply {
                status,
                body: body.to_vec(),
            }),
            Err(error) => Attempt::Transport { error, sent: true },
        }
    }

    /// Sleeps `base · 2^(attempt-1)`, capped, times a random factor in [0.5, 1.5).
    async fn backoff(&self, attempt: u32) {
        let opts = &self.inner.opts;
        let exp = opts
            .backoff_base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(opts.backoff_max);
        let jitter: f64 = rand::thread_rng().gen_range(0.5..1.5);
        let wait = Duration::from_secs_f64(exp.as_secs_f64() * jitter);
        self.inner.stats.waited(wait);
        tokio::time::sleep(wait).await;
    }
}

/// 4xx → typed error with Cafe24's message.
fn client_error(status: u16, body: &[u8]) -> Cafe24Error {
    let envelope = ErrorEnvelope::parse(body);
    let message = envelope.message_or(status);
    match status {
        401 => Cafe24Error::Unauthorized { message },
        403 if message.contains("scope")
            || envelope.code.as_deref() == Some("insufficient_scope") =>
        {
            Cafe24Error::InsufficientScope { message }
        }
        404 => Cafe24Error::NotFound { message },
        400 | 409 | 422 => Cafe24Error::InvalidRequest { status, message },
        _ => Cafe24Error::Http {
            status,
            code: envelope.code,
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_errors_map_to_types() {
        let scope = client_error(403, br#"{"error":{"code":403,"message":"[mall.write_order] scope is required. (insufficient_scope)"}}"#);
        assert_eq!(scope.code(), "CAFE24_INSUFFICIENT_SCOPE");
        let https = client_error(403, br#"{"error":{"code":403,"message":"HTTPS only"}}"#);
        assert_eq!(https.code(), "CAFE24_HTTP");
        let spec = client_error(
            422,
            br#"{"error":{"code":"422","message":"limit: out of range"}}"#,
        );
        assert!(
            matches!(spec, Cafe24Error::InvalidRequest { status: 422, ref message } if message == "limit: out of range")
        );
        assert_eq!(client_error(404, b"").code(), "CAFE24_NOT_FOUND");
    }
}
