//! Shared set-up for the integration tests: a simulator on loopback and a
//! production client connected to it through the real OAuth code exchange.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use packdesk_cafe24::{Cafe24Client, Cafe24Config, ClientOptions, TokenSet, exchange_code};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig};

pub const REDIRECT: &str = "http://127.0.0.1:1/callback";

pub async fn sim(cfg: SimConfig) -> Cafe24Sim {
    Cafe24Sim::start(cfg, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
}

/// A simulator whose bucket drains 25× faster than Cafe24's, for tests that make many calls.
pub fn fast_sim_config() -> SimConfig {
    SimConfig {
        leak_per_sec: 50.0,
        ..SimConfig::default()
    }
}

/// Client options matching [`fast_sim_config`], with short backoffs.
pub fn fast_options() -> ClientOptions {
    ClientOptions {
        leak_per_sec: 50.0,
        max_requests_per_sec: 500.0,
        backoff_base: Duration::from_millis(5),
        backoff_max: Duration::from_millis(40),
        ..ClientOptions::default()
    }
}

/// Default (Cafe24-faithful) pacing, short backoffs.
pub fn real_pacing_options() -> ClientOptions {
    ClientOptions {
        backoff_base: Duration::from_millis(5),
        backoff_max: Duration::from_millis(40),
        ..ClientOptions::default()
    }
}

pub fn client_config(sim: &Cafe24Sim) -> Cafe24Config {
    let c = sim.config();
    Cafe24Config {
        mall_id: c.mall_id.clone(),
        api_base: Some(sim.base_url()),
        client_id: c.client_id.clone(),
        client_secret: c.client_secret.clone(),
        api_version: Some("2025-12-01".into()),
    }
}

pub struct Connected {
    pub client: Cafe24Client,
    /// Every TokenSet the client handed to its sink, in order.
    pub rotated: mpsc::Receiver<TokenSet>,
    /// The tokens from the code exchange.
    pub initial: TokenSet,
}

pub fn client_with(
    sim: &Cafe24Sim,
    tokens: TokenSet,
    opts: ClientOptions,
) -> (Cafe24Client, mpsc::Receiver<TokenSet>) {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let sink = Arc::new(move |t: &TokenSet| {
        let _ = tx.lock().unwrap().send(t.clone());
    });
    let client = Cafe24Client::with_options(client_config(sim), tokens, sink, opts).unwrap();
    (client, rx)
}

/// Consent (simulated), code exchange, client.
pub async fn connect(sim: &Cafe24Sim, opts: ClientOptions) -> Connected {
    let code = sim.issue_code(REDIRECT);
    let initial = exchange_code(&client_config(sim), &code, REDIRECT)
        .await
        .unwrap();
    let (client, rotated) = client_with(sim, initial.clone(), opts);
    Connected {
        client,
        rotated,
        initial,
    }
}

pub fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}
