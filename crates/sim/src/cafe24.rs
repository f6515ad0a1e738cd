//! A Cafe24 Admin API simulator: real HTTP over loopback TCP with Cafe24's paths,
//! payloads, status codes, OAuth (1-minute codes, 2-hour access tokens, rotating
//! 14-day refresh tokens with offset-less KST timestamps), a per-mall leaky
//! bucket (`X-Api-Call-Limit`) and usage quota (`X-Cafe24-Call-Usage`/`-Remain`),
//! scope checks, several shops (`shop_no`), shipments and product-weight writes.
//! Tests script a mall's day with hooks: claims on single lines
//! ([`Cafe24Sim::claim_item`]), address changes ([`Cafe24Sim::change_receiver`]),
//! faults (429 bursts, 5xx, slow answers) and dead refresh tokens
//! ([`Cafe24Sim::kill_refresh_tokens`]). Used by the client's tests and by demo mode.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use packdesk_sim::cafe24::{Cafe24Sim, SimConfig};
//! let sim = Cafe24Sim::start(SimConfig::default(), "127.0.0.1:0".parse().unwrap()).await?;
//! sim.seed_demo(7, chrono::Utc::now(), 300);
//! let code = sim.issue_code("http://127.0.0.1/callback");
//! // … exchange `code` at {sim.base_url()}/api/v2/oauth/token with the production client …
//! sim.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! Where the reference leaves Cafe24's behaviour open, the simulator picks one
//! and says so: a 207 bulk-shipment body lists one entry per request in request
//! order, either the created shipment or `{order_id, order_item_code, error:{code,message}}`;
//! token-endpoint errors use OAuth's `{"error":"invalid_grant","error_description":…}`.

mod carriers;
mod catalog;
mod claims;
mod demo;
mod fault;
mod gate;
mod index;
mod limiter;
mod model;
mod oauth;
mod orders;
mod persist;
mod product_update;
mod query;
mod receiver_change;
mod routes;
mod shipments;
mod shops;
mod state;
mod stats;
mod wire;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use parking_lot::Mutex;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use carriers::demo_carriers;
pub use claims::SimClaim;
pub use demo::{
    demo_cancel_picks, demo_catalogue, demo_hs_code, demo_orders, demo_orders_between,
    demo_orders_for_shop,
};
pub use fault::Fault;
pub use limiter::CallQuota;
pub use model::{
    RecordedShipment, SimCarrier, SimItem, SimOption, SimOrder, SimProduct, SimReceiver, SimVariant,
};
pub use receiver_change::ReceiverChange;
pub use shops::SimShop;
pub use stats::SimStats;

use fault::FaultQueue;
use limiter::Limiter;
use persist::StateFile;
use state::{CodeGrant, SimState};
use stats::StatsRecorder;

/// The scopes a simulated consent grants when none are asked for.
pub const ALL_SCOPES: &[&str] = &[
    "mall.read_order",
    "mall.write_order",
    "mall.read_product",
    "mall.write_product",
    "mall.read_shipping",
    "mall.read_store",
];

#[derive(Clone, Debug)]
pub struct SimConfig {
    pub mall_id: String,
    pub client_id: String,
    pub client_secret: String,
    /// `user_id` in token responses (the mall operator who consented).
    pub user_id: String,
    /// Leaky-bucket size (Cafe24: 40).
    pub bucket_capacity: u32,
    /// Calls drained per second (Cafe24: 2).
    pub leak_per_sec: f64,
    /// Usage quota behind `X-Cafe24-Call-Usage`; `None` sends no usage headers.
    pub call_quota: Option<CallQuota>,
    /// `GET /oauth/authorize` redirects straight back with a code instead of
    /// showing the consent page.
    pub auto_consent: bool,
    /// When set, state is loaded from this JSON file at start and saved after every mutation.
    pub state_file: Option<PathBuf>,
    /// Access-token lifetime (Cafe24: 2 hours).
    pub access_ttl: Duration,
    /// Refresh-token lifetime, re-based on every refresh (Cafe24: 14 days).
    pub refresh_ttl: Duration,
    /// Authorization-code lifetime (Cafe24: 1 minute).
    pub code_ttl: Duration,
    /// Largest `offset` accepted by `GET /orders` (Cafe24: 15000); tests lower it.
    pub max_offset: u32,
    /// Largest `offset` accepted by `GET /products` (Cafe24: 5000); tests lower it.
    pub max_product_offset: u32,
    /// The mall's shops, served by `GET /shops`; a request naming any other
    /// `shop_no` is refused with 422. Default: shop 1, Korean, KRW.
    pub shops: Vec<SimShop>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            mall_id: "demoshop".to_owned(),
            client_id: "demo-client".to_owned(),
            client_secret: "demo-secret".to_owned(),
            user_id: "demoadmin".to_owned(),
            bucket_capacity: 40,
            leak_per_sec: 2.0,
            call_quota: Some(CallQuota::default()),
            auto_consent: true,
            state_file: None,
            access_ttl: Duration::hours(2),
            refresh_ttl: Duration::days(14),
            code_ttl: Duration::minutes(1),
            max_offset: 15_000,
            max_product_offset: 5_000,
            shops: vec![SimShop::korean_default()],
        }
    }
}

/// A running simulator. Cheap to clone; every clone is a handle to the same mall.
/// Call [`Cafe24Sim::shutdown`] to stop it (the server task otherwise lives as
/// long as the tokio runtime).
#[derive(Clone)]
pub struct Cafe24Sim {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: SimConfig,
    addr: SocketAddr,
    state: Mutex<Versioned>,
    limiter: Mutex<Limiter>,
    stats: Mutex<StatsRecorder>,
    faults: Mutex<FaultQueue>,
    state_file: Option<StateFile>,
    shutdown: Mutex<Option<(oneshot::Sender<()>, JoinHandle<()>)>>,
}

struct Versioned {
    state: SimState,
    generation: u64,
}

impl Cafe24Sim {
    /// Binds `bind` (port 0 picks a free port) and serves on the current tokio runtime.
    pub async fn start(cfg: SimConfig, bind: SocketAddr) -> std::io::Result<Cafe24Sim> {
        let state_file = cfg.state_file.clone().map(StateFile::new);
        let mut state = match &state_file {
            Some(file) => file.load()?.unwrap_or_default(),
            None => SimState::default(),
        };
        if state.carriers.is_empty() {
            state.carriers = demo_carriers();
        }
        state.reindex();
        let listener = tokio::net::TcpListener::bind(bind).await?;
        let addr = listener.local_addr()?;
        let limiter = Limiter::new(
            cfg.bucket_capacity,
            cfg.leak_per_sec,
            cfg.call_quota,
            Instant::now(),
        );
        let sim = Cafe24Sim {
            inner: Arc::new(Inner {
                cfg,
                addr,
                state: Mutex::new(Versioned {
                    state,
                    generation: 0,
                }),
                limiter: Mutex::new(limiter),
                stats: Mutex::new(StatsRecorder::default()),
                faults: Mutex::new(FaultQueue::default()),
                state_file,
                shutdown: Mutex::new(None),
            }),
        };
        let app = routes::router(sim.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::warn!(error = %e, "cafe24 simulator stopped with an error");
            }
        });
        *sim.inner.shutdown.lock() = Some((tx, task));
        tracing::info!(%addr, mall = %sim.inner.cfg.mall_id, "cafe24 simulator listening");
        Ok(sim)
    }

    /// `http://127.0.0.1:PORT` — use as the client's `api_base`.
    pub fn base_url(&self) -> url::Url {
        let ip = if self.inner.addr.ip().is_unspecified() {
            std::net::IpAddr::from([127, 0, 0, 1])
        } else {
            self.inner.addr.ip()
        };
        let text = format!("http://{}/", SocketAddr::new(ip, self.inner.addr.port()));
        url::Url::parse(&text).expect("a socket address always forms a valid URL")
    }

    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    pub fn config(&self) -> &SimConfig {
        &self.inner.cfg
    }

    /// Loads the demo catalogue for `seed` and `orders` demo orders paid in the
    /// 11 hours before `now` (see [`demo_orders`]); three of them turn into
    /// cancellation requests right after a list call first returns them.
    pub fn seed_demo(&self, seed: u64, now: DateTime<Utc>, orders: usize) {
        let catalogue = demo_catalogue(seed);
        let orders = demo_orders(seed, now, orders);
        let picks = demo_cancel_picks(seed, &orders);
        self.mutate(|s| {
            s.products = catalogue;
            s.upsert_orders(orders);
            s.cancel_after_list.extend(picks);
        });
    }

    /// Replaces the product catalogue.
    pub fn set_catalogue(&self, products: Vec<SimProduct>) {
        self.mutate(|s| s.products = products);
    }

    /// Adds orders; an order whose `order_id` already exists replaces it.
    /// Build them with [`demo_orders_between`] or by hand with [`SimItem::for_variant`].
    pub fn add_orders(&self, orders: Vec<SimOrder>) {
        self.mutate(|s| s.upsert_orders(orders));
    }

    /// Moves the order's unshipped lines to C00 (취소신청), each with its claim
    /// fields (see [`Cafe24Sim::claim_item`]). False if unknown.
    pub fn cancel_order(&self, order_id: &str) -> bool {
        self.mutate(|s| s.cancel_order(order_id))
    }

    /// Moves line `item_no` (Cafe24's 1-based `item_no`) of `order_id` to
    /// `status` — any code of the reference's item-status table: `C00` 취소신청,
    /// `C10` 취소접수, `C40` 취소완료, `R00` 반품신청, `E00` 교환신청, … or back
    /// to an N code. A C/R/E status fills the claim fields Cafe24 returns
    /// (`claim_code`, `claim_type`, `claim_reason_type`, `claim_reason`,
    /// `claim_quantity`, the `*_request_date`); the next list call sees it.
    /// False when the order, the line or the status code is unknown.
    pub fn claim_item(&self, order_id: &str, item_no: u32, status: &str) -> bool {
        self.mutate(|s| s.claim_item(order_id, item_no, status))
    }

    /// Changes the order's receiver (every receiver of a multi-address order),
    /// as when the buyer edits the address before shipping. False if unknown.
    pub fn change_receiver(&self, order_id: &str, change: &ReceiverChange) -> bool {
        self.mutate(|s| s.change_receiver(order_id, change))
    }

    /// Makes `order_id` become a cancellation request right after the next list call returns it.
    pub fn cancel_after_first_list(&self, order_id: &str) {
        self.mutate(|s| {
            s.cancel_after_list.insert(order_id.to_owned());
        });
    }

    pub fn order(&self, order_id: &str) -> Option<SimOrder> {
        self.read(|s| s.order(order_id).cloned())
    }

    pub fn orders(&self) -> Vec<SimOrder> {
        self.read(|s| s.orders.clone())
    }

    pub fn products(&self) -> Vec<SimProduct> {
        self.read(|s| s.products.clone())
    }

    /// Mints an authorization code (valid for `code_ttl`, one minute by default)
    /// for every scope in [`ALL_SCOPES`], as if the operator had consented.
    pub fn issue_code(&self, redirect_uri: &str) -> String {
        self.issue_code_with_scopes(redirect_uri, ALL_SCOPES)
    }

    /// As [`Cafe24Sim::issue_code`], granting only `scopes`.
    pub fn issue_code_with_scopes(&self, redirect_uri: &str, scopes: &[&str]) -> String {
        let code = oauth::random_token(22);
        let grant = CodeGrant {
            redirect_uri: redirect_uri.to_owned(),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            expires_at: Utc::now() + self.inner.cfg.code_ttl,
        };
        self.mutate(|s| {
            s.codes.insert(code.clone(), grant);
        });
        code
    }

    /// Every shipment created so far, oldest first.
    pub fn shipments(&self) -> Vec<RecordedShipment> {
        self.read(|s| s.shipments.clone())
    }

    pub fn stats(&self) -> SimStats {
        self.inner.stats.lock().stats.clone()
    }

    pub fn reset_stats(&self) {
        self.inner.stats.lock().reset();
    }

    /// Ends every access token's life now, so the next admin call gets Cafe24's
    /// 401 "access_token time expired" and the client must refresh.
    pub fn expire_access_tokens(&self) {
        let past = Utc::now() - Duration::seconds(1);
        self.mutate(|s| {
            for grant in s.access_tokens.values_mut() {
                grant.expires_at = past;
            }
        });
    }

    /// Kills every refresh token issued so far, as when one went 14 days unused:
    /// the token endpoint refuses it with `invalid_grant` and the connection
    /// must be authorised again. Access tokens keep working until they expire
    /// (pair with [`Cafe24Sim::expire_access_tokens`] to force the refresh now).
    pub fn kill_refresh_tokens(&self) {
        let past = Utc::now() - Duration::seconds(1);
        self.mutate(|s| {
            for grant in s.refresh_tokens.values_mut() {
                grant.expires_at = past;
            }
        });
    }

    /// Queues `count` × [`Fault::BucketFull`] for requests under `path_prefix`:
    /// the next `count` of them are answered 429 with a full bucket.
    pub fn inject_429_burst(&self, path_prefix: &str, count: usize) {
        let mut faults = self.inner.faults.lock();
        for _ in 0..count {
            faults.push(path_prefix, Fault::BucketFull);
        }
    }

    /// Queues `fault` for the next admin request whose path starts with
    /// `path_prefix` (e.g. `"/api/v2/admin/carriers"`; `""` matches any).
    pub fn inject_fault(&self, path_prefix: &str, fault: Fault) {
        self.inner.faults.lock().push(path_prefix, fault);
    }

    /// Stops serving and waits (briefly) for open connections to close.
    pub async fn shutdown(self) {
        let pending = self.inner.shutdown.lock().take();
        if let Some((tx, task)) = pending {
            let _ = tx.send(());
            let abort = task.abort_handle();
            if tokio::time::timeout(std::time::Duration::from_secs(3), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }

    pub(crate) fn read<R>(&self, f: impl FnOnce(&SimState) -> R) -> R {
        f(&self.inner.state.lock().state)
    }

    /// Applies a change and, with a state file, saves the result.
    pub(crate) fn mutate<R>(&self, f: impl FnOnce(&mut SimState) -> R) -> R {
        let (result, snapshot) = {
            let mut guard = self.inner.state.lock();
            let result = f(&mut guard.state);
            guard.generation += 1;
            let snapshot = self
                .inner
                .state_file
                .as_ref()
                .map(|_| (guard.generation, serde_json::to_vec(&guard.state)));
            (result, snapshot)
        };
        if let (Some(file), Some((generation, json))) = (&self.inner.state_file, snapshot) {
            let saved = json
                .map_err(std::io::Error::other)
                .and_then(|json| file.save(generation, &json));
            if let Err(e) = saved {
                tracing::warn!(error = %e, "could not save the cafe24 simulator state");
            }
        }
        result
    }
}
