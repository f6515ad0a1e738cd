//! The leaky bucket from the client's side: sustained calls never draw a 429,
//! the rate ceiling holds, 429s and `X-Cafe24-Call-Remain` are recovered from.
//! Lower bounds on elapsed time are what the bucket's arithmetic forces; no
//! upper bounds are asserted (speed belongs in benches).

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use std::time::{Duration, Instant};

use harness::*;
use packdesk_cafe24::{Cafe24Error, ClientOptions};
use packdesk_sim::cafe24::{CallQuota, Fault, SimConfig};

#[tokio::test]
async fn two_hundred_sequential_calls_draw_no_429() {
    // Cafe24's bucket (capacity 40) drained 20× faster so the test stays short;
    // the client is told the same leak rate, as it is told 2/s in production.
    let leak = 40.0;
    let sim = sim(SimConfig {
        leak_per_sec: leak,
        call_quota: None,
        ..SimConfig::default()
    })
    .await;
    let opts = ClientOptions {
        leak_per_sec: leak,
        max_requests_per_sec: 1000.0,
        ..ClientOptions::default()
    };
    let c = connect(&sim, opts).await;

    let started = Instant::now();
    for _ in 0..200 {
        c.client.carriers(1).await.unwrap();
    }
    let elapsed = started.elapsed();

    let stats = sim.stats();
    assert_eq!(stats.throttled_429, 0);
    assert_eq!(c.client.stats().throttled_429, 0);
    assert_eq!(stats.calls("GET", "/api/v2/admin/carriers"), 200);
    assert!(
        stats.peak_bucket_level >= 20,
        "the bucket was used, peak {}",
        stats.peak_bucket_level
    );
    assert!(
        stats.peak_bucket_level <= 38,
        "the margin was kept, peak {}",
        stats.peak_bucket_level
    );
    // 200 calls through a 40-slot bucket draining 40/s take at least (200 - 40) / 40 s.
    let floor = Duration::from_secs_f64((200.0 - 40.0) / leak);
    assert!(elapsed >= floor, "{elapsed:?} < {floor:?}");
    assert!(c.client.stats().waited_ms > 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn default_pacing_stays_below_ten_requests_per_second() {
    let sim = sim(SimConfig::default()).await;
    let c = connect(&sim, ClientOptions::default()).await;
    for _ in 0..20 {
        c.client.carriers(1).await.unwrap();
    }
    let stats = sim.stats();
    assert_eq!(stats.throttled_429, 0);
    assert!(
        stats.peak_requests_per_sec < 10,
        "peak {} calls in one second",
        stats.peak_requests_per_sec
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_client_that_misjudges_the_bucket_recovers_from_429s() {
    // The mall's bucket is smaller and slower than the client believes.
    let sim = sim(SimConfig {
        bucket_capacity: 10,
        leak_per_sec: 10.0,
        call_quota: None,
        ..SimConfig::default()
    })
    .await;
    let opts = ClientOptions {
        leak_per_sec: 200.0,
        max_requests_per_sec: 1000.0,
        bucket_margin: 0,
        backoff_base: Duration::from_millis(20),
        backoff_max: Duration::from_secs(1),
        ..ClientOptions::default()
    };
    let c = connect(&sim, opts).await;
    for _ in 0..40 {
        c.client.carriers(1).await.unwrap();
    }
    let throttled = c.client.stats().throttled_429;
    assert!(throttled > 0, "the sim did push back");
    assert_eq!(sim.stats().throttled_429, throttled);
    assert_eq!(
        sim.stats().calls("GET", "/api/v2/admin/carriers"),
        40 + throttled
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn call_remain_on_a_429_is_waited_out() {
    let sim = sim(SimConfig::default()).await;
    let c = connect(&sim, real_pacing_options()).await;
    sim.inject_fault(
        "/api/v2/admin/carriers",
        Fault::RateLimited { remain_secs: 1 },
    );
    let started = Instant::now();
    assert_eq!(c.client.carriers(1).await.unwrap().len(), 6);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(c.client.stats().throttled_429, 1);
    assert!(c.client.stats().waited_ms >= 1000);
    sim.shutdown().await;
}

#[tokio::test]
async fn throttling_that_never_ends_is_a_rate_limited_error() {
    let sim = sim(SimConfig::default()).await;
    let opts = ClientOptions {
        max_throttle_retries: 1,
        ..real_pacing_options()
    };
    let c = connect(&sim, opts).await;
    for _ in 0..2 {
        sim.inject_fault(
            "/api/v2/admin/carriers",
            Fault::RateLimited { remain_secs: 1 },
        );
    }
    let err = c.client.carriers(1).await.unwrap_err();
    assert!(
        matches!(err, Cafe24Error::RateLimited { attempts: 2 }),
        "{err:?}"
    );
    assert!(err.is_transient());
    assert_eq!(err.code(), "CAFE24_RATE_LIMITED");
    sim.shutdown().await;
}

#[tokio::test]
async fn the_usage_quota_is_respected_without_a_429() {
    // 12 calls per 2 s: the 12th answer says usage 100 % and how long to wait.
    let quota = CallQuota {
        calls: 12,
        window: Duration::from_secs(2),
    };
    let sim = sim(SimConfig {
        call_quota: Some(quota),
        ..fast_sim_config()
    })
    .await;
    let c = connect(&sim, fast_options()).await;
    let started = Instant::now();
    for _ in 0..20 {
        c.client.carriers(1).await.unwrap();
    }
    assert_eq!(sim.stats().throttled_429, 0, "the client held off as told");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "it waited for the window"
    );
    sim.shutdown().await;
}
