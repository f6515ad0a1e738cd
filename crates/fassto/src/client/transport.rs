//! One API call, end to end: a token, the request, then by answer — success back
//! to the caller; a refused token (HTTP 401 or `header.code` 401) → sign in once
//! more and repeat (a refused request was not applied); 429, 5xx and network
//! failures → jittered exponential backoff for reads, and for writes only when
//! the request surely never reached FASSTO; anything else → back to the caller,
//! who knows how to read per-item results.

use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::Method;
use serde_json::Value;

use super::{FmsClient, describe};
use crate::envelope::Envelope;
use crate::error::FmsError;

/// Whether repeating the request could apply it twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Effect {
    Read,
    Write,
}

pub(super) struct ApiCall {
    /// Names the operation in logs (`"outbound.register"`).
    pub op: &'static str,
    pub method: Method,
    /// Path below `/api/v1/`.
    pub segments: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Value>,
    pub effect: Effect,
}

impl ApiCall {
    pub fn read(
        op: &'static str,
        segments: &[&str],
        query: Vec<(&'static str, String)>,
    ) -> ApiCall {
        ApiCall {
            op,
            method: Method::GET,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query,
            body: None,
            effect: Effect::Read,
        }
    }

    pub fn write(op: &'static str, method: Method, segments: &[&str], body: Value) -> ApiCall {
        ApiCall {
            op,
            method,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: Some(body),
            effect: Effect::Write,
        }
    }
}

pub(super) enum Attempt {
    Reply {
        status: u16,
        body: Vec<u8>,
    },
    /// No HTTP answer. `sent` is false when the request surely never left.
    Transport {
        error: reqwest::Error,
        sent: bool,
    },
}

/// A finished answer that is neither a refused token, a throttle nor a server
/// error: success, or a refusal the caller interprets.
pub(super) struct Reply {
    pub status: u16,
    pub envelope: Envelope,
}

impl Reply {
    /// The envelope when FASSTO reported success, else `FMS_REJECTED` with its reason.
    pub fn into_success(self) -> Result<Envelope, FmsError> {
        if (200..300).contains(&self.status) && self.envelope.is_success() {
            Ok(self.envelope)
        } else {
            Err(self.rejection())
        }
    }

    pub fn rejection(&self) -> FmsError {
        FmsError::Rejected {
            code: self
                .envelope
                .error_code()
                .unwrap_or_else(|| self.status.to_string()),
            message: self
                .envelope
                .message()
                .unwrap_or_else(|| format!("HTTP {}", self.status)),
        }
    }
}

impl FmsClient {
    pub(super) async fn call(&self, call: &ApiCall) -> Result<Reply, FmsError> {
        let max = self.inner.opts.max_retries;
        let mut token = self.current_token().await?;
        let mut signed_in_again = false;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let (status, body) = match self.send_once(call, Some(&token)).await {
                Attempt::Reply { status, body } => (status, body),
                Attempt::Transport { error, sent } => {
                    let retry_safe = call.effect == Effect::Read || !sent;
                    if retry_safe && attempt <= max {
                        self.retry_after_backoff(call, attempt, "network").await;
                        continue;
                    }
                    let message = describe(&error);
                    return Err(self.give_up(
                        call,
                        if retry_safe {
                            FmsError::Network { message }
                        } else {
                            FmsError::OutcomeUnknown { message }
                        },
                    ));
                }
            };
            let envelope = Envelope::parse(&body);
            // Some failures come inside an HTTP 200, in `header.code`.
            let fms_code = envelope
                .as_ref()
                .filter(|_| (200..300).contains(&status))
                .and_then(Envelope::code_number);
            let effective = fms_code.filter(|c| *c >= 400).unwrap_or(status);
            match effective {
                401 if !signed_in_again => {
                    signed_in_again = true;
                    tracing::info!(target: "packdesk_fassto", op = call.op, "fms token refused; signing in again");
                    token = self.replace_token(&token).await?;
                    // A sign-in is not a retry of the request itself.
                    attempt -= 1;
                }
                401 => {
                    let message = message_of(envelope.as_ref(), status);
                    return Err(self.give_up(call, FmsError::Unauthorized { message }));
                }
                429 => {
                    // A throttled request was not applied: safe to repeat for writes too.
                    if attempt <= max {
                        self.retry_after_backoff(call, attempt, "throttled").await;
                        continue;
                    }
                    return Err(self.give_up(call, FmsError::RateLimited { attempts: attempt }));
                }
                500..=599 => {
                    let message = message_of(envelope.as_ref(), effective);
                    if call.effect == Effect::Write {
                        // The write may have been applied before the server failed.
                        return Err(self.give_up(
                            call,
                            FmsError::OutcomeUnknown {
                                message: format!("HTTP {effective}: {message}"),
                            },
                        ));
                    }
                    if attempt <= max {
                        self.retry_after_backoff(call, attempt, "server error")
                            .await;
                        continue;
                    }
                    return Err(self.give_up(
                        call,
                        FmsError::Server {
                            status: effective,
                            attempts: attempt,
                            message,
                        },
                    ));
                }
                _ => {
                    let Some(envelope) = envelope else {
                        let error = if (200..300).contains(&status) {
                            FmsError::Decode {
                                message: format!(
                                    "{}: the answer is not FASSTO's JSON envelope",
                                    call.op
                                ),
                            }
                        } else {
                            FmsError::Rejected {
                                code: status.to_string(),
                                message: format!("HTTP {status}"),
                            }
                        };
                        return Err(self.give_up(call, error));
                    };
                    return Ok(Reply { status, envelope });
                }
            }
        }
    }

    pub(super) async fn send_once(&self, call: &ApiCall, token: Option<&str>) -> Attempt {
        let segments: Vec<&str> = call.segments.iter().map(String::as_str).collect();
        let Some(url) = self.inner.cfg.endpoint(&segments) else {
            // Checked by `FmsConfig::validate` at connect; unreachable in practice.
            return Attempt::Reply {
                status: 400,
                body: br#"{"header":{"code":"400","msg":"invalid API base URL"}}"#.to_vec(),
            };
        };
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), url)
            .header("Accept", "application/json")
            .query(&call.query);
        if let Some(token) = token {
            request = request.header("accessToken", token);
        }
        if let Some(body) = &call.body {
            // `.json` sets Content-Type: application/json.
            request = request.json(body);
        }
        // The path only: the sign-in query carries the API key.
        let path = url_path(&self.inner.cfg, &segments);
        let started = Instant::now();
        let outcome = match request.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                match response.bytes().await {
                    Ok(body) => Attempt::Reply {
                        status,
                        body: body.to_vec(),
                    },
                    Err(error) => Attempt::Transport { error, sent: true },
                }
            }
            Err(error) => {
                let sent = !(error.is_connect() || error.is_builder());
                Attempt::Transport { error, sent }
            }
        };
        match &outcome {
            Attempt::Reply { status, .. } => tracing::debug!(
                target: "packdesk_fassto::http",
                op = call.op,
                method = %call.method,
                path = %path,
                status = *status,
                duration_ms = millis(started),
                "fms request"
            ),
            Attempt::Transport { error, sent } => tracing::debug!(
                target: "packdesk_fassto::http",
                op = call.op,
                method = %call.method,
                path = %path,
                error = %describe(error),
                sent = *sent,
                duration_ms = millis(started),
                "fms request got no answer"
            ),
        }
        outcome
    }

    /// Sleeps `base · 2^(attempt-1)`, capped, times a random factor in [0.5, 1.5).
    pub(super) async fn backoff(&self, attempt: u32) {
        let opts = &self.inner.opts;
        let exp = opts
            .backoff_base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(opts.backoff_max);
        let jitter: f64 = rand::thread_rng().gen_range(0.5..1.5);
        tokio::time::sleep(Duration::from_secs_f64(exp.as_secs_f64() * jitter)).await;
    }

    async fn retry_after_backoff(&self, call: &ApiCall, attempt: u32, why: &'static str) {
        tracing::debug!(target: "packdesk_fassto", op = call.op, attempt, why, "fms request will be retried");
        self.backoff(attempt).await;
    }

    fn give_up(&self, call: &ApiCall, error: FmsError) -> FmsError {
        tracing::warn!(
            target: "packdesk_fassto",
            op = call.op,
            code = error.code(),
            "fms request failed"
        );
        error
    }
}

fn url_path(cfg: &crate::config::FmsConfig, segments: &[&str]) -> String {
    cfg.endpoint(segments)
        .map(|u| u.path().to_owned())
        .unwrap_or_default()
}

fn message_of(envelope: Option<&Envelope>, status: u16) -> String {
    envelope
        .and_then(Envelope::message)
        .unwrap_or_else(|| format!("HTTP {status}"))
}

fn millis(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}
