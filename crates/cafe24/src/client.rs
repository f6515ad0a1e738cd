//! The client handle: configuration, tokens, pacing and counters shared by every
//! clone. The calls themselves live in the submodules, one per resource.

mod auth;
mod orders;
mod pager;
mod products;
mod shipments;
mod shops;
mod transport;

use std::sync::Arc;

use parking_lot::RwLock;

use crate::config::{Cafe24Config, ClientOptions};
use crate::error::Cafe24Error;
use crate::pacing::Pacer;
use crate::stats::{ClientStats, StatsCounters};
use crate::token::{TokenSet, http_client};

pub use orders::OrderQuery;
pub use pager::{OrderPager, PageStats};

/// Called with the new tokens after every refresh, so the caller can persist
/// them (the previous refresh token is dead from that moment).
pub type TokenSink = Arc<dyn Fn(&TokenSet) + Send + Sync>;

/// A connection to one mall. Cheap to clone; clones share tokens, the bucket
/// model and the counters.
#[derive(Clone)]
pub struct Cafe24Client {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: Cafe24Config,
    opts: ClientOptions,
    http: reqwest::Client,
    tokens: RwLock<TokenSet>,
    /// Held for the whole refresh exchange: two refreshes with the same refresh
    /// token would leave one caller holding a revoked token.
    refresh_lock: tokio::sync::Mutex<()>,
    /// Set once the refresh token was refused; later calls fail fast.
    dead: RwLock<Option<String>>,
    sink: TokenSink,
    pacer: Pacer,
    stats: StatsCounters,
}

impl Cafe24Client {
    pub fn new(cfg: Cafe24Config, tokens: TokenSet, sink: TokenSink) -> Result<Self, Cafe24Error> {
        Self::with_options(cfg, tokens, sink, ClientOptions::default())
    }

    pub fn with_options(
        cfg: Cafe24Config,
        tokens: TokenSet,
        sink: TokenSink,
        opts: ClientOptions,
    ) -> Result<Self, Cafe24Error> {
        if cfg.endpoint(&[]).is_none() {
            return Err(Cafe24Error::Config {
                message: format!("{} cannot be used as an API base URL", cfg.base_url()),
            });
        }
        if cfg.client_id.is_empty() {
            return Err(Cafe24Error::Config {
                message: "client_id is empty".into(),
            });
        }
        let http = http_client(opts.request_timeout)?;
        Ok(Cafe24Client {
            inner: Arc::new(Inner {
                pacer: Pacer::new(&opts),
                cfg,
                opts,
                http,
                tokens: RwLock::new(tokens),
                refresh_lock: tokio::sync::Mutex::new(()),
                dead: RwLock::new(None),
                sink,
                stats: StatsCounters::default(),
            }),
        })
    }

    /// The current tokens (after any refresh).
    pub fn tokens(&self) -> TokenSet {
        self.inner.tokens.read().clone()
    }

    pub fn stats(&self) -> ClientStats {
        self.inner.stats.snapshot()
    }

    pub fn config(&self) -> &Cafe24Config {
        &self.inner.cfg
    }
}

/// A reqwest error in one line, without the URL (its query may name people).
pub(crate) fn describe(e: &reqwest::Error) -> String {
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
