//! Cafe24's two request limits for one mall: the leaky bucket (capacity 40,
//! draining 2 per second) behind `X-Api-Call-Limit`, and the usage quota behind
//! `X-Cafe24-Call-Usage` / `X-Cafe24-Call-Remain`. Time is monotonic.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// A usage quota: at most `calls` admin calls in any sliding `window`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CallQuota {
    pub calls: u32,
    pub window: Duration,
}

impl Default for CallQuota {
    /// The quota integrators report (3,000 calls per 10 minutes; unconfirmed).
    fn default() -> Self {
        CallQuota {
            calls: 3000,
            window: Duration::from_secs(600),
        }
    }
}

/// What the limiter says about one call, rendered into response headers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LimitReport {
    pub admitted: bool,
    /// Calls in the bucket after this one, rounded up.
    pub level: u32,
    pub capacity: u32,
    /// Percent of the usage quota consumed, when a quota is configured.
    pub usage_percent: Option<f64>,
    /// Seconds until calls may resume; only when usage ≥ 100 %.
    pub remain_secs: Option<u64>,
}

#[derive(Debug)]
pub struct Limiter {
    capacity: f64,
    leak_per_sec: f64,
    level: f64,
    at: Instant,
    quota: Option<CallQuota>,
    calls: VecDeque<Instant>,
}

impl Limiter {
    pub fn new(capacity: u32, leak_per_sec: f64, quota: Option<CallQuota>, now: Instant) -> Self {
        Limiter {
            capacity: f64::from(capacity.max(1)),
            leak_per_sec: leak_per_sec.max(0.0),
            level: 0.0,
            at: now,
            quota,
            calls: VecDeque::new(),
        }
    }

    fn drain(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.level = (self.level - elapsed * self.leak_per_sec).max(0.0);
        self.at = now;
    }

    /// Decides one admin call at `now`. A refused call does not enter the
    /// bucket, but does count against the usage quota (calling while blocked
    /// lengthens the block, as Cafe24 documents).
    pub fn admit(&mut self, now: Instant) -> LimitReport {
        self.drain(now);
        let mut quota_blocked = false;
        if let Some(q) = self.quota {
            while self
                .calls
                .front()
                .is_some_and(|t| now.saturating_duration_since(*t) >= q.window)
            {
                self.calls.pop_front();
            }
            quota_blocked = self.calls.len() >= q.calls as usize;
            self.calls.push_back(now);
        }
        let bucket_full = self.level + 1.0 > self.capacity + 1e-9;
        let admitted = !quota_blocked && !bucket_full;
        if admitted {
            self.level += 1.0;
        }
        let (usage_percent, remain_secs) = match self.quota {
            Some(q) => {
                let usage = self.calls.len() as f64 * 100.0 / f64::from(q.calls.max(1));
                let remain = (usage >= 100.0).then(|| self.quota_remain(q, now));
                (Some(usage), remain)
            }
            None => (None, None),
        };
        LimitReport {
            admitted,
            level: (self.level.ceil() as u32).min(self.capacity as u32),
            capacity: self.capacity as u32,
            usage_percent,
            remain_secs,
        }
    }

    /// Seconds until the window holds fewer than `q.calls` calls again.
    fn quota_remain(&self, q: CallQuota, now: Instant) -> u64 {
        let over = self.calls.len() + 1 - q.calls as usize;
        match self.calls.get(over - 1) {
            Some(t) => {
                let free_at = *t + q.window;
                free_at.saturating_duration_since(now).as_secs_f64().ceil() as u64
            }
            None => 0,
        }
    }

    pub fn level(&mut self, now: Instant) -> f64 {
        self.drain(now);
        self.level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_fills_to_capacity_then_refuses_then_drains() {
        let t0 = Instant::now();
        let mut l = Limiter::new(40, 2.0, None, t0);
        for i in 1..=40 {
            let r = l.admit(t0);
            assert!(r.admitted);
            assert_eq!(r.level, i);
        }
        let r = l.admit(t0);
        assert!(!r.admitted);
        assert_eq!((r.level, r.capacity), (40, 40));
        // Half a second later one call has leaked out.
        let r = l.admit(t0 + Duration::from_millis(500));
        assert!(r.admitted);
        assert!(!l.admit(t0 + Duration::from_millis(500)).admitted);
        assert!((l.level(t0 + Duration::from_secs(30)) - 0.0).abs() < 1e-9);
    }

    #[test]
    fn quota_reports_usage_and_remain_only_when_exhausted() {
        let t0 = Instant::now();
        let q = CallQuota {
            calls: 4,
            window: Duration::from_secs(10),
        };
        let mut l = Limiter::new(40, 2.0, Some(q), t0);
        let r = l.admit(t0);
        assert_eq!(r.usage_percent, Some(25.0));
        assert_eq!(r.remain_secs, None);
        l.admit(t0 + Duration::from_secs(1));
        l.admit(t0 + Duration::from_secs(2));
        let r = l.admit(t0 + Duration::from_secs(3));
        assert!(r.admitted);
        assert_eq!(r.usage_percent, Some(100.0));
        // The oldest call leaves the window at t0+10 s.
        assert_eq!(r.remain_secs, Some(7));
        let r = l.admit(t0 + Duration::from_secs(4));
        assert!(!r.admitted);
        assert!(r.usage_percent.unwrap() > 100.0);
        let r = l.admit(t0 + Duration::from_secs(12));
        assert!(r.admitted, "calls resume once old ones leave the window");
    }
}
