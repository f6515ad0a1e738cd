//! Which mall and app to talk to, the authorize URL, and client tuning.

use std::time::Duration;

use url::Url;

/// The scopes Packdesk asks for: read/write orders (shipments need
/// `mall.write_order`), read/write products (weights), carriers, shop info.
pub const DEFAULT_SCOPES: &[&str] = &[
    "mall.read_order",
    "mall.write_order",
    "mall.read_product",
    "mall.write_product",
    "mall.read_shipping",
    "mall.read_store",
];

#[derive(Clone, Default)]
pub struct Cafe24Config {
    pub mall_id: String,
    /// Overrides `https://{mall_id}.cafe24api.com` (simulators, proxies).
    pub api_base: Option<Url>,
    pub client_id: String,
    pub client_secret: String,
    /// Sent as `X-Cafe24-Api-Version` (e.g. `2025-12-01`); `None` uses the app's setting.
    pub api_version: Option<String>,
}

impl std::fmt::Debug for Cafe24Config {
    // The client secret never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cafe24Config")
            .field("mall_id", &self.mall_id)
            .field("api_base", &self.api_base.as_ref().map(Url::as_str))
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("api_version", &self.api_version)
            .finish()
    }
}

impl Cafe24Config {
    /// `api_base`, else `https://{mall_id}.cafe24api.com`.
    pub fn base_url(&self) -> Url {
        if let Some(base) = &self.api_base {
            return base.clone();
        }
        Url::parse(&format!("https://{}.cafe24api.com", self.mall_id)).unwrap_or_else(|_| {
            // A mall id that cannot form a host name: point at a host that
            // cannot resolve so calls fail as network errors, never elsewhere.
            Url::parse("https://invalid-mall-id.invalid").expect("constant URL parses")
        })
    }

    /// `{base}/api/v2/{segments…}`.
    pub(crate) fn endpoint(&self, segments: &[&str]) -> Option<Url> {
        let mut url = self.base_url();
        {
            let mut path = url.path_segments_mut().ok()?;
            path.pop_if_empty().extend(["api", "v2"]);
            path.extend(segments);
        }
        Some(url)
    }
}

/// `{base}/api/v2/oauth/authorize?response_type=code&client_id&state&redirect_uri&scope`
/// with comma-separated scopes (what live clients send; Cafe24 grants them all).
pub fn authorize_url(cfg: &Cafe24Config, redirect_uri: &str, state: &str, scopes: &[&str]) -> Url {
    let mut url = cfg
        .endpoint(&["oauth", "authorize"])
        .unwrap_or_else(|| cfg.base_url());
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &cfg.client_id)
        .append_pair("state", state)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", &scopes.join(","));
    url
}

/// How the client paces and retries. The defaults match Cafe24's documented
/// limits; tests shrink them to run against a faster simulator.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// Calls the bucket drains per second (Cafe24: 2).
    pub leak_per_sec: f64,
    /// Slots kept free below the bucket's capacity, for other apps on the same
    /// mall and for rounding in `X-Api-Call-Limit`.
    pub bucket_margin: u32,
    /// Hard ceiling on request rate; Cafe24 may flag ≥ 10 calls/s from one IP.
    pub max_requests_per_sec: f64,
    /// Largest `offset` `GET /orders` accepts (Cafe24: 15000).
    pub max_order_offset: u32,
    /// Largest `offset` `GET /products` accepts before `since_product_no` (Cafe24: 5000).
    pub max_product_offset: u32,
    /// Retries of 5xx answers and timeouts (reads) / unsent requests (writes).
    pub max_retries: u32,
    /// Retries after a 429.
    pub max_throttle_retries: u32,
    /// First backoff step; doubles each retry, with jitter.
    pub backoff_base: Duration,
    /// Longest backoff step.
    pub backoff_max: Duration,
    /// Per-request timeout.
    pub request_timeout: Duration,
    /// Refresh the access token when less than this is left.
    pub refresh_ahead: chrono::Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            leak_per_sec: 2.0,
            bucket_margin: 2,
            // Spacing of 125 ms keeps any one-second window at 8 calls.
            max_requests_per_sec: 8.0,
            max_order_offset: 15_000,
            max_product_offset: 5_000,
            max_retries: 3,
            max_throttle_retries: 6,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(8),
            request_timeout: Duration::from_secs(30),
            refresh_ahead: chrono::Duration::minutes(5),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(base: Option<&str>) -> Cafe24Config {
        Cafe24Config {
            mall_id: "myshop".into(),
            api_base: base.map(|b| Url::parse(b).unwrap()),
            client_id: "cid".into(),
            client_secret: "secret".into(),
            api_version: None,
        }
    }

    #[test]
    fn base_url_defaults_to_the_mall_host() {
        assert_eq!(
            cfg(None).base_url().as_str(),
            "https://myshop.cafe24api.com/"
        );
        assert_eq!(
            cfg(Some("http://127.0.0.1:9000"))
                .endpoint(&["admin", "orders"])
                .unwrap()
                .as_str(),
            "http://127.0.0.1:9000/api/v2/admin/orders"
        );
    }

    #[test]
    fn authorize_url_carries_comma_separated_scopes() {
        let url = authorize_url(
            &cfg(None),
            "http://127.0.0.1:5000/cb",
            "xyz",
            &["mall.read_order", "mall.write_order"],
        );
        assert_eq!(url.path(), "/api/v2/oauth/authorize");
        let q: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(
            q,
            vec![
                ("response_type".into(), "code".into()),
                ("client_id".into(), "cid".into()),
                ("state".into(), "xyz".into()),
                ("redirect_uri".into(), "http://127.0.0.1:5000/cb".into()),
                ("scope".into(), "mall.read_order,mall.write_order".into()),
            ]
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        assert!(!format!("{:?}", cfg(None)).contains("secret\""));
        assert!(format!("{:?}", cfg(None)).contains("<redacted>"));
    }
}
