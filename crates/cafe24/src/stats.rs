//! Counters the benches and the status screen read.

use std::sync::atomic::{AtomicU64, Ordering};

/// Totals since the client was created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientStats {
    /// Admin API requests sent (retries included; token calls excluded).
    pub requests: u64,
    /// 429 answers received.
    pub throttled_429: u64,
    /// Access-token refreshes performed.
    pub refreshes: u64,
    /// Milliseconds spent waiting for the bucket, the rate ceiling or a
    /// `X-Cafe24-Call-Remain` block.
    pub waited_ms: u64,
    /// Requests repeated after a 5xx, a timeout or a network error.
    pub retries: u64,
}

#[derive(Debug, Default)]
pub(crate) struct StatsCounters {
    requests: AtomicU64,
    throttled_429: AtomicU64,
    refreshes: AtomicU64,
    waited_ms: AtomicU64,
    retries: AtomicU64,
}

impl StatsCounters {
    pub fn request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }
    pub fn throttled(&self) {
        self.throttled_429.fetch_add(1, Ordering::Relaxed);
    }
    pub fn refreshed(&self) {
        self.refreshes.fetch_add(1, Ordering::Relaxed);
    }
    pub fn waited(&self, d: std::time::Duration) {
        let ms = u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        self.waited_ms.fetch_add(ms, Ordering::Relaxed);
    }
    pub fn retried(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }
    pub fn snapshot(&self) -> ClientStats {
        ClientStats {
            requests: self.requests.load(Ordering::Relaxed),
            throttled_429: self.throttled_429.load(Ordering::Relaxed),
            refreshes: self.refreshes.load(Ordering::Relaxed),
            waited_ms: self.waited_ms.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
        }
    }
}
