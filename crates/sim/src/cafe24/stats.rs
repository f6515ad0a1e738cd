//! Counters a test or benchmark reads back: how many calls, how many were
//! throttled, how many token refreshes, and the busiest second.

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

/// A snapshot of what the simulator has served since start (or `reset_stats`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimStats {
    /// Every HTTP request, OAuth included.
    pub requests: u64,
    /// Requests under `/api/v2/admin` (the ones the bucket counts).
    pub admin_requests: u64,
    /// 429 responses returned.
    pub throttled_429: u64,
    /// Successful `grant_type=refresh_token` exchanges.
    pub refreshes: u64,
    /// Successful `grant_type=authorization_code` exchanges.
    pub code_exchanges: u64,
    /// Admin requests per `"METHOD /api/v2/admin/path/{param}"`.
    pub per_path: BTreeMap<String, u64>,
    /// Admin responses per HTTP status.
    pub per_status: BTreeMap<u16, u64>,
    /// Most admin requests seen inside any one-second window (Cafe24 may flag ≥ 10).
    pub peak_requests_per_sec: u32,
    /// Highest `X-Api-Call-Limit` level reported.
    pub peak_bucket_level: u32,
}

impl SimStats {
    /// Requests for one method and path pattern, e.g. `("GET", "/api/v2/admin/orders")`.
    pub fn calls(&self, method: &str, path: &str) -> u64 {
        self.per_path
            .get(&format!("{method} {path}"))
            .copied()
            .unwrap_or(0)
    }
}

#[derive(Debug, Default)]
pub struct StatsRecorder {
    pub stats: SimStats,
    recent: VecDeque<Instant>,
}

impl StatsRecorder {
    pub fn any_request(&mut self) {
        self.stats.requests += 1;
    }

    pub fn admin_request(&mut self, key: String, now: Instant) {
        self.stats.admin_requests += 1;
        *self.stats.per_path.entry(key).or_default() += 1;
        while self
            .recent
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= Duration::from_secs(1))
        {
            self.recent.pop_front();
        }
        self.recent.push_back(now);
        let in_window = u32::try_from(self.recent.len()).unwrap_or(u32::MAX);
        self.stats.peak_requests_per_sec = self.stats.peak_requests_per_sec.max(in_window);
    }

    pub fn admin_response(&mut self, status: u16, level: u32) {
        *self.stats.per_status.entry(status).or_default() += 1;
        if status == 429 {
            self.stats.throttled_429 += 1;
        }
        self.stats.peak_bucket_level = self.stats.peak_bucket_level.max(level);
    }

    pub fn reset(&mut self) {
        *self = StatsRecorder::default();
    }
}
