//! Which FMS account to use and how hard to try.

use std::time::Duration;

use url::Url;

use crate::error::FmsError;

/// FASSTO's production API host (reference §1.2).
pub const PRODUCTION_BASE_URL: &str = "https://fmsapi.fassto.ai";
/// FASSTO's staging API host (reference §1.2).
pub const STAGING_BASE_URL: &str = "https://stg-fmsapi.fassto.ai";

/// One FMS customer account. `api_cd`/`api_key` are secrets issued by FASSTO;
/// `cst_cd` is the customer code that goes in almost every URL path (a separate
/// value from `api_cd`, e.g. `"00000"`).
#[derive(Clone)]
pub struct FmsConfig {
    pub base_url: Url,
    pub cst_cd: String,
    pub api_cd: String,
    pub api_key: String,
}

impl std::fmt::Debug for FmsConfig {
    // Both API credentials are secrets (reference §1.1): never in a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FmsConfig")
            .field("base_url", &self.base_url.as_str())
            .field("cst_cd", &self.cst_cd)
            .field("api_cd", &"<redacted>")
            .field("api_key", &"<redacted>")
            .finish()
    }
}

impl FmsConfig {
    pub(crate) fn validate(&self) -> Result<(), FmsError> {
        let empty = |setting: &str, value: &str| {
            if value.trim().is_empty() {
                Err(FmsError::Config {
                    setting: setting.to_owned(),
                    detail: "is empty".to_owned(),
                })
            } else {
                Ok(())
            }
        };
        empty("cst_cd", &self.cst_cd)?;
        empty("api_cd", &self.api_cd)?;
        empty("api_key", &self.api_key)?;
        if self.endpoint(&[]).is_none() {
            return Err(FmsError::Config {
                setting: "base_url".to_owned(),
                detail: format!("{} cannot be used as an API base URL", self.base_url),
            });
        }
        Ok(())
    }

    /// `{base}/api/v1/{segments…}`, each segment percent-encoded.
    pub(crate) fn endpoint(&self, segments: &[&str]) -> Option<Url> {
        let mut url = self.base_url.clone();
        {
            let mut path = url.path_segments_mut().ok()?;
            path.pop_if_empty().extend(["api", "v1"]);
            path.extend(segments);
        }
        Some(url)
    }
}

/// Retry and batching behaviour. Tests shrink the backoff to milliseconds.
#[derive(Clone, Debug)]
pub struct FmsOptions {
    /// Retries of a read after a 5xx, 429 or network failure (writes are only
    /// retried when they surely did not reach FASSTO).
    pub max_retries: u32,
    /// First backoff step; doubles each retry, times a random factor in [0.5, 1.5).
    pub backoff_base: Duration,
    /// Longest backoff step.
    pub backoff_max: Duration,
    /// Per-request timeout.
    pub request_timeout: Duration,
    /// Sign in again when the token has less than this left (reference §1.6:
    /// the token is cached until `expreDatetime`).
    pub token_refresh_ahead: chrono::Duration,
    /// Token lifetime assumed when FASSTO sends no readable `expreDatetime`;
    /// a refused token still triggers a fresh sign-in.
    pub fallback_token_ttl: chrono::Duration,
    /// Outbound requests per POST. FASSTO documents no limit on the array body;
    /// 100 keeps one failed call from leaving many orders in doubt.
    pub max_batch: usize,
}

impl Default for FmsOptions {
    fn default() -> Self {
        FmsOptions {
            max_retries: 3,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(8),
            request_timeout: Duration::from_secs(30),
            token_refresh_ahead: chrono::Duration::seconds(60),
            fallback_token_ttl: chrono::Duration::minutes(30),
            max_batch: 100,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(base: &str) -> FmsConfig {
        FmsConfig {
            base_url: Url::parse(base).unwrap(),
            cst_cd: "00000".into(),
            api_cd: "CODE".into(),
            api_key: "very-secret-key".into(),
        }
    }

    #[test]
    fn endpoints_sit_under_api_v1_and_encode_segments() {
        let c = cfg("http://127.0.0.1:9000");
        assert_eq!(
            c.endpoint(&["delivery", "detail", "00000", "A B"])
                .unwrap()
                .as_str(),
            "http://127.0.0.1:9000/api/v1/delivery/detail/00000/A%20B"
        );
        assert_eq!(
            cfg("https://fmsapi.fassto.ai/")
                .endpoint(&["auth", "connect"])
                .unwrap()
                .as_str(),
            "https://fmsapi.fassto.ai/api/v1/auth/connect"
        );
    }

    #[test]
    fn debug_hides_credentials() {
        let text = format!("{:?}", cfg("http://127.0.0.1:1"));
        assert!(!text.contains("very-secret-key"));
        assert!(!text.contains("CODE"));
        assert!(text.contains("00000"));
    }

    #[test]
    fn empty_settings_are_refused() {
        let mut c = cfg("http://127.0.0.1:1");
        c.api_key = " ".into();
        let e = c.validate().unwrap_err();
        assert_eq!(e.code(), "FMS_CONFIG");
        assert!(e.message_ko().contains("api_key"));
    }
}
