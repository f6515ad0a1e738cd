//! A FASSTO FMS Open API simulator: real HTTP over loopback TCP with FASSTO's
//! paths (`/api/v1/…`, customer code in the path), its envelope
//! (`{"header":{"code","msg","dataCount"},"data",…,"errorInfo"}`), token sign-in
//! with `apiCd`/`apiKey` and the `accessToken` header, parcel outbound requests,
//! their status list with invoice numbers, cancel, goods and stock. Facts:
//! `shared/reference/carriers-fassto-rates.md` §1.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use packdesk_sim::fassto::{FmsSim, FmsSimConfig, SimGoods};
//! let sim = FmsSim::start(FmsSimConfig::default(), "127.0.0.1:0".parse().unwrap()).await?;
//! sim.set_goods(vec![SimGoods::new("SKU-1", "텀블러 350ml", 20)]);
//! // … register outbound requests at {sim.base_url()} with the production client …
//! sim.ship_all_pending(638_991_190_880);
//! sim.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! Where the reference leaves FASSTO's behaviour open, the simulator picks one
//! and says so:
//! - a refused or expired token is HTTP 401 with `header.code` `"401"`; refused
//!   credentials at sign-in likewise; a wrong customer code is 403;
//! - errors carry `header.msg` with FASSTO's `"null:"` prefix and the plain text
//!   in `errorInfo.errorMessage`;
//! - a register body with a missing required field is refused as a whole (400);
//!   an unknown `cstGodCd` fails only its own item (`code` `"400"`), the batch
//!   answering `header.code` `"200"`;
//! - not enough orderable stock still registers the request, in 재고부족결품,
//!   with `outOfStockGoodsDetail` listing `{cstGodCd, ordQty, canStockQty}`;
//! - `wrkStat` is `"1"` for 출고요청 (documented) and `"2"`…`"6"` for the other
//!   states (invented; clients should read `wrkStatNm`);
//! - a request can be cancelled in 출고요청 or 재고부족결품 only;
//! - tokens live [`FmsSimConfig::token_ttl`] (FASSTO's lifetime is not documented).

mod auth;
mod catalog;
mod fault;
mod gate;
mod model;
mod outbound;
mod routes;
mod state;
mod wire;

use std::net::SocketAddr;
use std::sync::Arc;

use chrono::{Duration, Utc};
use parking_lot::Mutex;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use fault::Fault;
pub use model::{RecordedRequest, SimGoods, SimOutbound, SimOutboundItem, SimOutboundStatus};

use fault::FaultQueue;
use state::FmsState;

#[derive(Clone, Debug)]
pub struct FmsSimConfig {
    /// Customer code (고객사코드) expected in every path.
    pub cst_cd: String,
    pub cst_nm: String,
    pub api_cd: String,
    pub api_key: String,
    /// Warehouse code; also the prefix of slip numbers (`TESTOO260121000042`).
    pub wh_cd: String,
    pub wh_nm: String,
    /// Access-token lifetime.
    pub token_ttl: Duration,
}

impl Default for FmsSimConfig {
    fn default() -> Self {
        FmsSimConfig {
            cst_cd: "00000".to_owned(),
            cst_nm: "패킹데스크 데모".to_owned(),
            api_cd: "demo-api-cd".to_owned(),
            api_key: "demo-api-key".to_owned(),
            wh_cd: "TEST".to_owned(),
            wh_nm: "테스트".to_owned(),
            token_ttl: Duration::hours(1),
        }
    }
}

/// A running simulator. Cheap to clone; every clone is a handle to the same
/// account. Call [`FmsSim::shutdown`] to stop it.
#[derive(Clone)]
pub struct FmsSim {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: FmsSimConfig,
    addr: SocketAddr,
    state: Mutex<FmsState>,
    faults: Mutex<FaultQueue>,
    requests: Mutex<Vec<RecordedRequest>>,
    shutdown: Mutex<Option<(oneshot::Sender<()>, JoinHandle<()>)>>,
}

impl FmsSim {
    /// Binds `bind` (port 0 picks a free port) and serves on the current tokio runtime.
    pub async fn start(cfg: FmsSimConfig, bind: SocketAddr) -> std::io::Result<FmsSim> {
        let listener = tokio::net::TcpListener::bind(bind).await?;
        let addr = listener.local_addr()?;
        let sim = FmsSim {
            inner: Arc::new(Inner {
                cfg,
                addr,
                state: Mutex::new(FmsState::default()),
                faults: Mutex::new(FaultQueue::default()),
                requests: Mutex::new(Vec::new()),
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
                tracing::warn!(error = %e, "fassto simulator stopped with an error");
            }
        });
        *sim.inner.shutdown.lock() = Some((tx, task));
        tracing::info!(%addr, "fassto simulator listening");
        Ok(sim)
    }

    /// `http://127.0.0.1:PORT/` — use as the client's base URL.
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

    pub fn config(&self) -> &FmsSimConfig {
        &self.inner.cfg
    }

    /// Replaces the goods and their stock. A good without `god_cd` gets
    /// FASSTO's pattern, customer code + `cstGodCd` (`00000IBA00001`).
    pub fn set_goods(&self, goods: Vec<SimGoods>) {
        let cst_cd = self.inner.cfg.cst_cd.clone();
        let goods = goods
            .into_iter()
            .map(|mut g| {
                if g.god_cd.is_empty() {
                    g.god_cd = format!("{cst_cd}{}", g.cst_god_cd);
                }
                g
            })
            .collect();
        self.inner.state.lock().goods = goods;
    }

    pub fn goods(&self) -> Vec<SimGoods> {
        self.inner.state.lock().goods.clone()
    }

    /// Orderable quantity of a good now (stock − unusable − open requests).
    pub fn can_stock_qty(&self, cst_god_cd: &str) -> Option<i64> {
        let state = self.inner.state.lock();
        state.good(cst_god_cd).map(|_| state.can_stock(cst_god_cd))
    }

    /// Every outbound request received, oldest first.
    pub fn outbounds(&self) -> Vec<SimOutbound> {
        self.inner.state.lock().outbounds.clone()
    }

    pub fn outbound(&self, slip_no: &str) -> Option<SimOutbound> {
        self.inner.state.lock().outbound(slip_no).cloned()
    }

    /// Starts picking: 출고요청 → 출고작업중. False unless the request is in 출고요청.
    pub fn start_work(&self, slip_no: &str) -> bool {
        self.inner.state.lock().start_work(slip_no)
    }

    /// Ships a request with this invoice: 출고완료, `invoiceNo`/`parcelCd` set,
    /// stock taken. False for an unknown, cancelled or already shipped slip.
    pub fn ship(&self, slip_no: &str, invoice_no: &str, parcel_cd: &str) -> bool {
        self.inner.state.lock().ship(slip_no, invoice_no, parcel_cd)
    }

    /// Ships every request in 출고요청 or 출고작업중 with CJ (`parcelCd` `"04"`)
    /// and invoices `first_invoice`, `first_invoice + 1`, … in slip order.
    /// Returns `(slipNo, invoiceNo)` pairs.
    pub fn ship_all_pending(&self, first_invoice: u64) -> Vec<(String, String)> {
        self.inner.state.lock().ship_all_pending(first_invoice)
    }

    /// Ends every issued token's life now, so the next call gets 401 and the
    /// client must sign in again.
    pub fn expire_tokens(&self) {
        let past = Utc::now() - Duration::seconds(1);
        for expiry in self.inner.state.lock().tokens.values_mut() {
            *expiry = past;
        }
    }

    /// How many sign-ins (`/auth/connect` with good credentials) succeeded.
    pub fn sign_ins(&self) -> usize {
        self.inner.state.lock().sign_ins
    }

    /// Queues `fault` for the next request whose path starts with `path_prefix`
    /// (e.g. `"/api/v1/delivery/parcel"`; `""` matches any).
    pub fn inject_fault(&self, path_prefix: &str, fault: Fault) {
        self.inner.faults.lock().push(path_prefix, fault);
    }

    /// Every request served, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.inner.requests.lock().clone()
    }

    /// Requests with this method whose path starts with `path_prefix`.
    pub fn count_requests(&self, method: &str, path_prefix: &str) -> usize {
        self.inner
            .requests
            .lock()
            .iter()
            .filter(|r| r.method.eq_ignore_ascii_case(method) && r.path.starts_with(path_prefix))
            .count()
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
}
