//! Client-side model of Cafe24's per-mall leaky bucket, so steady collection
//! never draws a 429. The model is re-anchored on every response's
//! `X-Api-Call-Limit: n/40`, drains at the documented 2 calls/s between
//! responses, counts requests still in flight, and keeps a margin below capacity
//! for other apps sharing the mall. It also enforces a hard request-rate ceiling
//! and any `X-Cafe24-Call-Remain` block.

use std::time::{Duration, Instant};

use parking_lot::Mutex;

use crate::config::ClientOptions;

/// What the limit headers of one response said.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LimitHeaders {
    /// `X-Api-Call-Limit`: (calls in the bucket, capacity).
    pub call_limit: Option<(u32, u32)>,
    /// `X-Cafe24-Call-Usage` in percent.
    pub usage: Option<f64>,
    /// `X-Cafe24-Call-Remain` in seconds (present only when usage ≥ 100).
    pub remain_secs: Option<f64>,
}

impl LimitHeaders {
    pub fn from_headers(headers: &reqwest::header::HeaderMap) -> LimitHeaders {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let call_limit = text("x-api-call-limit").and_then(|v| {
            let (n, cap) = v.split_once('/')?;
            Some((n.trim().parse().ok()?, cap.trim().parse().ok()?))
        });
        LimitHeaders {
            call_limit,
            usage: text("x-cafe24-call-usage").and_then(|v| v.parse().ok()),
            remain_secs: text("x-cafe24-call-remain").and_then(|v| v.parse().ok()),
        }
    }
}

#[derive(Debug)]
pub struct Bucket {
    capacity: f64,
    leak_per_sec: f64,
    margin: f64,
    /// Calls in the bucket at `at`, per the last response.
    level: f64,
    at: Instant,
    inflight: u32,
    blocked_until: Option<Instant>,
    min_interval: Duration,
    last_send: Option<Instant>,
}

/// Cafe24's documented bucket size, used until a response says otherwise.
const DEFAULT_CAPACITY: f64 = 40.0;
/// How long to hold off when usage is ≥ 100 % but no `Remain` header came.
const USAGE_FALLBACK_BLOCK: Duration = Duration::from_secs(1);

impl Bucket {
    pub fn new(opts: &ClientOptions, now: Instant) -> Bucket {
        let min_interval = if opts.max_requests_per_sec > 0.0 {
            Duration::from_secs_f64(1.0 / opts.max_requests_per_sec)
        } else {
            Duration::ZERO
        };
        Bucket {
            capacity: DEFAULT_CAPACITY,
            leak_per_sec: opts.leak_per_sec.max(0.01),
            margin: f64::from(opts.bucket_margin),
            level: 0.0,
            at: now,
            inflight: 0,
            blocked_until: None,
            min_interval,
            last_send: None,
        }
    }

    fn drained_level(&self, now: Instant) -> f64 {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        (self.level - elapsed * self.leak_per_sec).max(0.0)
    }

    /// Estimated calls in the bucket right now, ours in flight included.
    pub fn estimate(&self, now: Instant) -> f64 {
        self.drained_level(now) + f64::from(self.inflight)
    }

    /// Reserves a slot for one request at `now`, or says how long to wait.
    pub fn try_reserve(&mut self, now: Instant) -> Result<(), Duration> {
        if let Some(until) = self.blocked_until {
            if now < until {
                return Err(until - now);
            }
            self.blocked_until = None;
        }
        if let Some(last) = self.last_send {
            let next = last + self.min_interval;
            if now < next {
                return Err(next - now);
            }
        }
        // Sending must leave the bucket at most `capacity - margin` full.
        let ceiling = (self.capacity - self.margin).max(1.0);
        let after = self.estimate(now) + 1.0;
        if after > ceiling + 1e-9 {
            let excess = after - ceiling;
            return Err(
                Duration::from_secs_f64(excess / self.leak_per_sec).max(Duration::from_millis(1))
            );
        }
        self.inflight += 1;
        self.last_send = Some(now);
        Ok(())
    }

    /// A reserved request finished (with or without limit headers).
    pub fn complete(&mut self, now: Instant, limits: &LimitHeaders) {
        self.inflight = self.inflight.saturating_sub(1);
        match limits.call_limit {
            Some((level, capacity)) if capacity > 0 => {
                self.capacity = f64::from(capacity);
                self.level = f64::from(level);
                self.at = now;
            }
            // No header (network error, proxy): assume the call counted.
            _ => {
                self.level = self.drained_level(now) + 1.0;
                self.at = now;
            }
        }
        let blocked = limits.usage.is_some_and(|u| u >= 100.0);
        if let Some(secs) = limits.remain_secs.filter(|s| *s > 0.0) {
            self.block_for(now, Duration::from_secs_f64(secs));
        } else if blocked {
            self.block_for(now, USAGE_FALLBACK_BLOCK);
        }
    }

    /// After a 429 without `Remain`: treat the bucket as full so the next
    /// request waits for it to drain below the margin.
    pub fn throttled(&mut self, now: Instant, limits: &LimitHeaders) {
        if limits.remain_secs.is_none() {
            self.level = self.drained_level(now).max(self.capacity);
            self.at = now;
        }
    }

    pub fn block_for(&mut self, now: Instant, d: Duration) {
        let until = now + d;
        if self.blocked_until.is_none_or(|b| b < until) {
            self.blocked_until = Some(until);
        }
    }
}

/// The bucket shared by every clone of a client.
#[derive(Debug)]
pub struct Pacer {
    bucket: Mutex<Bucket>,
}

impl Pacer {
    pub fn new(opts: &ClientOptions) -> Pacer {
        Pacer {
            bucket: Mutex::new(Bucket::new(opts, Instant::now())),
        }
    }

    /// Waits until a request may be sent and reserves it. Returns the time waited.
    pub async fn acquire(&self) -> Duration {
        let started = Instant::now();
        loop {
            let wait = match self.bucket.lock().try_reserve(Instant::now()) {
                Ok(()) => return started.elapsed(),
                Err(wait) => wait,
            };
            tokio::time::sleep(wait).await;
        }
    }

    pub fn complete(&self, limits: &LimitHeaders) {
        self.bucket.lock().complete(Instant::now(), limits);
    }

    pub fn throttled(&self, limits: &LimitHeaders) {
        self.bucket.lock().throttled(Instant::now(), limits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(rate: f64) -> ClientOptions {
        ClientOptions {
            max_requests_per_sec: rate,
            ..ClientOptions::default()
        }
    }

    fn limit(n: u32) -> LimitHeaders {
        LimitHeaders {
            call_limit: Some((n, 40)),
            ..LimitHeaders::default()
        }
    }

    #[test]
    fn a_fresh_bucket_allows_a_burst_up_to_the_margin() {
        let t0 = Instant::now();
        let mut b = Bucket::new(&opts(0.0), t0);
        for n in 1..=38 {
            assert!(b.try_reserve(t0).is_ok(), "call {n}");
            b.complete(t0, &limit(n));
        }
        // 39 would leave 39/40: one over the margin, so wait 0.5 s (1 call at 2/s).
        let wait = b.try_reserve(t0).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        assert!(b.try_reserve(t0 + wait).is_ok());
    }

    #[test]
    fn in_flight_requests_count_against_the_bucket() {
        let t0 = Instant::now();
        let mut b = Bucket::new(&opts(0.0), t0);
        b.complete(t0, &limit(36));
        assert!(b.try_reserve(t0).is_ok());
        assert!(b.try_reserve(t0).is_ok());
        // 36 + 2 in flight: a third would make 39.
        assert!(b.try_reserve(t0).is_err());
    }

    #[test]
    fn the_rate_ceiling_spaces_requests() {
        let t0 = Instant::now();
        let mut b = Bucket::new(&opts(8.0), t0);
        assert!(b.try_reserve(t0).is_ok());
        assert_eq!(b.try_reserve(t0).unwrap_err(), Duration::from_millis(125));
        assert!(b.try_reserve(t0 + Duration::from_millis(125)).is_ok());
    }

    #[test]
    fn call_remain_blocks_every_request() {
        let t0 = Instant::now();
        let mut b = Bucket::new(&opts(0.0), t0);
        assert!(b.try_reserve(t0).is_ok());
        b.complete(
            t0,
            &LimitHeaders {
                call_limit: Some((3, 40)),
                usage: Some(120.04),
                remain_secs: Some(32.0),
            },
        );
        assert_eq!(
            b.try_reserve(t0 + Duration::from_secs(2)).unwrap_err(),
            Duration::from_secs(30)
        );
        assert!(b.try_reserve(t0 + Duration::from_secs(32)).is_ok());
    }

    #[test]
    fn a_429_without_headers_waits_for_the_bucket_to_drain_below_the_margin() {
        let t0 = Instant::now();
        let mut b = Bucket::new(&opts(0.0), t0);
        assert!(b.try_reserve(t0).is_ok());
        b.complete(t0, &LimitHeaders::default());
        b.throttled(t0, &LimitHeaders::default());
        // Full (40) → must reach 37 before sending: 3 calls at 2/s.
        assert_eq!(b.try_reserve(t0).unwrap_err(), Duration::from_millis(1500));
    }

    #[test]
    fn headers_parse() {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert("x-api-call-limit", "12/40".parse().unwrap());
        h.insert("x-cafe24-call-usage", "120.04".parse().unwrap());
        h.insert("x-cafe24-call-remain", "32".parse().unwrap());
        let l = LimitHeaders::from_headers(&h);
        assert_eq!(l.call_limit, Some((12, 40)));
        assert_eq!(l.usage, Some(120.04));
        assert_eq!(l.remain_secs, Some(32.0));
    }
}
