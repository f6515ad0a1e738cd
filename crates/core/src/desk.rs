//! The facade: what the app and the CLI hold. Cheap to clone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use packdesk_cafe24::{Cafe24Client, Cafe24Config, TokenSet};
use packdesk_store::{Store, outbox, pool, settings, shops};

use crate::clock::{Clock, SystemClock, kst_display};
use crate::demo::DemoRuntime;
use crate::dto::*;
use crate::error::{DeskError, Result};
use crate::secrets::{FileSecrets, SecretStore};

pub struct DeskOptions {
    pub db_path: PathBuf,
    /// None = the OS keychain when it works, else a private file beside the database.
    pub secrets: Option<Box<dyn SecretStore>>,
    pub clock: Option<Arc<dyn Clock>>,
}

impl DeskOptions {
    pub fn new(db_path: impl Into<PathBuf>) -> Self {
        DeskOptions {
            db_path: db_path.into(),
            secrets: None,
            clock: None,
        }
    }
}

#[derive(Clone)]
pub struct Desk {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Secrets of real shops.
    pub secrets: Box<dyn SecretStore>,
    /// Simulator tokens of demo shops: not secret, kept out of the user's keychain.
    pub demo_secrets: FileSecrets,
    /// One client per mall (keyed by its keychain entry), shared by the mall's shops: the
    /// rate-limit bucket is the mall's, and a refresh rotates the one token set they all use.
    pub clients: Mutex<HashMap<String, Cafe24Client>>,
    pub demo: Mutex<Option<DemoRuntime>>,
    /// Serialises outbox deliveries within this process.
    pub sync_lock: tokio::sync::Mutex<()>,
    /// Serialises collections within this process (schedule and 수집 button).
    pub collect_lock: tokio::sync::Mutex<()>,
    /// The collection in progress, for the app's progress line.
    pub progress: tokio::sync::watch::Sender<CollectProgress>,
    /// Wakes the scheduler when a timetable or a shop's rules change.
    pub schedule_changed: tokio::sync::Notify,
    pub fassto: Mutex<Option<packdesk_fassto::FmsClient>>,
    /// The station's scale and serial scanner (live and demo).
    pub devices: crate::station_devices::StationDevices,
}

/// What is kept in the keychain entry of a shop.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct ShopSecret {
    pub client_secret: String,
    pub tokens: TokenSet,
}

impl Desk {
    pub fn open(opts: DeskOptions) -> Result<Desk> {
        let store = Store::open(&opts.db_path)?;
        let dir = opts
            .db_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let stem = opts
            .db_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("packdesk")
            .to_string();
        let secrets = opts.secrets.unwrap_or_else(|| {
            crate::secrets::for_station(dir.join(format!("{stem}.secrets.json")))
        });
        Ok(Desk {
            inner: Arc::new(Inner {
                store,
                clock: opts.clock.unwrap_or_else(|| Arc::new(SystemClock)),
                secrets,
                demo_secrets: FileSecrets::new(dir.join(format!("{stem}.demo-secrets.json"))),
                clients: Mutex::new(HashMap::new()),
                demo: Mutex::new(None),
                sync_lock: tokio::sync::Mutex::new(()),
                collect_lock: tokio::sync::Mutex::new(()),
                progress: tokio::sync::watch::Sender::new(CollectProgress::default()),
                schedule_changed: tokio::sync::Notify::new(),
                fassto: Mutex::new(None),
                devices: crate::station_devices::StationDevices::default(),
            }),
        })
    }

    /// The station database (`PACKDESK_DB` or the data directory).
    pub fn open_default() -> Result<Desk> {
        Desk::open(DeskOptions::new(crate::paths::default_db()))
    }

    /// What the desktop app opens: the station database when a real shop is connected to it,
    /// otherwise demo mode — its own database and the built-in simulators, started in-process.
    pub async fn open_app() -> Result<Desk> {
        let explicit_db = std::env::var_os("PACKDESK_DB").is_some();
        let station = Desk::open_default()?;
        match station.mode()? {
            Mode::Live => {
                // A scale or scanner that cannot be opened now is shown on the device page.
                if let Err(e) = station.open_devices() {
                    tracing::warn!(code = e.code(), "station devices not opened");
                }
                return Ok(station);
            }
            // A database named on purpose runs demo mode in place.
            Mode::Demo | Mode::Unconfigured if explicit_db => {
                station.start_demo().await?;
                return Ok(station);
            }
            Mode::Demo | Mode::Unconfigured => {}
        }
        let demo = Desk::open(DeskOptions::new(
            crate::paths::demo_dir().join("packdesk-demo.sqlite"),
        ))?;
        demo.start_demo().await?;
        Ok(demo)
    }

    pub fn db_path(&self) -> &Path {
        self.inner.store.path()
    }

    pub fn mode(&self) -> Result<Mode> {
        let all = self.inner.store.read(shops::all)?;
        Ok(if all.iter().any(|s| !s.demo) {
            Mode::Live
        } else if all.is_empty() {
            Mode::Unconfigured
        } else {
            Mode::Demo
        })
    }

    pub fn status(&self) -> Result<DeskStatus> {
        let store = &self.inner.store;
        let shop = store.read(shops::all)?.into_iter().next();
        let carrier = self.default_carrier()?;
        Ok(DeskStatus {
            mode: self.mode()?,
            shop: shop.as_ref().map(|s| ShopInfo {
                mall_id: s.mall_id.clone(),
                shop_no: s.shop_no,
                api_base: s.api_base.clone(),
                scopes: s.scopes.clone(),
                token_expires_kst: s.token_expires_at.map(kst_display).unwrap_or_default(),
                shops: Vec::new(),
            }),
            printer: store.read(|c| settings::get(c, settings::DEFAULT_PRINTER))?,
            scale_port: store.read(|c| settings::get(c, settings::SCALE_PORT))?,
            outbox_pending: store.read(outbox::pending_count)?,
            pool_remaining: store.read(|c| pool::remaining(c, &carrier))?,
            last_collect_kst: shop.and_then(|s| s.last_collect_at).map(kst_display),
            db_path: store.path().display().to_string(),
        })
    }

    /// Collects what `req` names: one shop or every chosen one, the rolling window or a date range.
    pub async fn collect_with(&self, req: CollectRequest) -> Result<CollectReport> {
        let report = crate::collect::run(self, req).await?;
        crate::demo::after_collect(self);
        Ok(report)
    }

    /// The last collection result of every connected shop (new/updated/claimed/failed, reasons).
    pub fn last_collections(&self) -> Result<Vec<ShopCollectResult>> {
        crate::collect::last_results(self)
    }

    /// Follows a running collection (pages and orders so far).
    pub fn collect_progress(&self) -> tokio::sync::watch::Receiver<CollectProgress> {
        self.inner.progress.subscribe()
    }

    pub async fn collect(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<CollectReport> {
        let req = CollectRequest {
            from,
            to,
            ..CollectRequest::default()
        };
        self.collect_with(req).await
    }

    /// Connected shops with their collection rules and state.
    pub fn shops(&self) -> Result<Vec<ShopSummary>> {
        crate::shops::list(self)
    }

    /// Changes a shop's collection rules (status, minimum age, daily range, collect or not).
    pub fn set_shop_rules(&self, shop_id: i64, rules: ShopRules) -> Result<ShopSummary> {
        crate::shops::set_rules(self, shop_id, rules)
    }

    /// Every schedule target with its timetable and next fire times (Asia/Seoul).
    pub fn schedule(&self) -> Result<Vec<ScheduleEntry>> {
        crate::scheduler::show(self)
    }

    /// Sets the timetable of `target` (`shop:<id>`, a shop id, or `fassto`) from text such as
    /// `every 10m`, `every 30m 08:00-21:00`, `fassto`, `times 09:00,13:30,16:00` or `off`.
    pub fn set_schedule(&self, target: &str, timetable: &str) -> Result<ScheduleEntry> {
        crate::scheduler::set(self, target, timetable)
    }

    /// Upcoming public holidays plus the owner's temporary holidays and carrier rest days.
    pub fn days_off(&self) -> Result<Vec<DayOffInfo>> {
        crate::scheduler::days_off(self)
    }

    pub fn add_day_off(&self, day: DayOffInfo) -> Result<()> {
        crate::scheduler::add_day_off(self, day)
    }

    pub fn remove_day_off(&self, day: NaiveDate, kind: &str) -> Result<bool> {
        crate::scheduler::remove_day_off(self, day, kind)
    }

    /// Runs every schedule target whose fire time lies in `(since, now]` (the scheduler's step).
    pub async fn run_due(
        &self,
        since: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<TickOutcome>> {
        crate::scheduler::tick(self, since, now).await
    }

    /// Runs the collection schedule until `stop` completes (the app and `packdesk schedule run`).
    pub async fn run_scheduler(&self, stop: impl std::future::Future<Output = ()>) {
        crate::scheduler::run_loop(self.clone(), stop).await
    }

    /// SKUs without a weight (most ordered first), for the owner to weigh.
    pub fn unweighed_skus(&self, limit: u32) -> Result<Vec<UnweighedSku>> {
        crate::weights::missing(self, limit)
    }

    /// Saves a weight measured at the desk to a SKU and queues it for the shop's product.
    pub fn save_product_weight(&self, code: &str, grams: u32) -> Result<WeightSaved> {
        crate::weights::save(self, code, grams)
    }

    /// Connects FASSTO FMS (signs in first; the API key goes to the keychain).
    pub async fn connect_fassto(&self, req: FasstoConnectRequest) -> Result<FasstoInfo> {
        crate::fassto::connect(self, req).await
    }

    /// One FASSTO run now: goods and stock, claims cancelled, new requests, invoices read back.
    pub async fn fassto_run(&self) -> Result<FasstoRunReport> {
        crate::fassto::run(self, CollectTrigger::Manual).await
    }

    pub fn fassto_goods(&self) -> Result<Vec<FasstoGoods>> {
        crate::fassto::goods(self)
    }

    /// Links a FASSTO goods code to a SKU (SKU, 품목코드 or barcode).
    pub fn fassto_link(&self, cst_god_cd: &str, sku: &str) -> Result<()> {
        crate::fassto::link(self, cst_god_cd, sku)
    }

    pub fn fassto_outbounds(&self) -> Result<Vec<FasstoOutbound>> {
        crate::fassto::outbounds(self)
    }

    pub fn parcels(&self) -> Result<Vec<ParcelRow>> {
        crate::worklist::rows(&self.inner)
    }

    pub async fn print(&self, req: PrintRequest) -> Result<PrintReport> {
        crate::print::run(self, req).await
    }

    /// Continues a paused print job from its first label not printed (PRINT_PAUSED again if the
    /// printer fails again; PRINT_JOB_NOT_PAUSED if it is not paused).
    pub async fn resume_print(&self, job_id: i64) -> Result<PrintReport> {
        crate::print::resume(self, job_id).await
    }

    /// The recent print jobs, newest first, with 출력/미출력 counts and why a job is paused.
    pub fn print_jobs(&self) -> Result<Vec<PrintJobSummary>> {
        crate::print::jobs(&self.inner)
    }

    /// Prints a sample label ("TEST 테스트") on `printer` (None = the default) in its format.
    pub async fn test_print(&self, printer: Option<String>) -> Result<TestPrintReport> {
        crate::print::test_print(self, printer).await
    }

    /// The default printer, the saved ones and the ones found on this PC.
    pub fn printers(&self) -> Result<Vec<PrinterEntry>> {
        crate::print::printers(&self.inner)
    }

    /// Saves a printer (name, format) in the station's list.
    pub fn save_printer(&self, uri: &str, name: &str, format: Option<PrintFormat>) -> Result<()> {
        let parsed: packdesk_devices::printer::PrinterUri = uri.parse()?;
        self.inner
            .store
            .read_as(|c| crate::print::save_printer(c, &parsed, name, format))
    }

    /// Every document template (the shop's own copy where there is one).
    pub fn templates(&self) -> Result<Vec<TemplateInfo>> {
        crate::print::preview::templates()
    }

    /// `document` drawn as a PNG: row `parcel_no`'s waybill, or sample data.
    pub fn preview(&self, document: &str, parcel_no: Option<u32>) -> Result<Preview> {
        crate::print::preview::preview(self, document, parcel_no)
    }

    /// The default printer, the format a print to it uses, and the reprint policy.
    pub fn print_settings(&self) -> Result<PrintSettings> {
        crate::print::print_settings(&self.inner)
    }

    /// Saves the printing page's settings: the default printer and its format, the policy.
    pub fn set_print_settings(&self, s: PrintSettings) -> Result<PrintSettings> {
        if let Some(uri) = s
            .default_printer
            .as_deref()
            .filter(|u| !u.trim().is_empty())
        {
            let name = self
                .printers()?
                .into_iter()
                .find(|p| p.uri == uri)
                .map_or_else(|| uri.to_owned(), |p| p.name);
            self.set_default_printer(uri)?;
            self.save_printer(uri, &name, Some(s.default_format))?;
        }
        self.set_reprint_policy(s.reprint_policy)?;
        self.print_settings()
    }

    pub fn reprint_policy(&self) -> Result<ReprintPolicy> {
        crate::print::reprint_policy(&self.inner)
    }

    /// A SKU's shelf location and customs facts (UNKNOWN_SKU when it is not in the catalogue).
    pub fn sku_facts(&self, sku: &str) -> Result<SkuFacts> {
        self.inner
            .store
            .read_as(|c| crate::print::facts::sku_facts(c, sku))
    }

    /// Sets a SKU's shelf location and its product's English name, HS code and origin.
    pub fn set_sku_facts(&self, sku: &str, update: SkuFactsUpdate) -> Result<SkuFacts> {
        self.inner
            .store
            .write(|tx| crate::print::facts::set_sku_facts(tx, sku, &update))
    }

    /// What packing slips and warranty cards print beyond the sender.
    pub fn document_settings(&self) -> Result<DocumentSettings> {
        self.inner
            .store
            .read_as(crate::print::facts::document_settings)
    }

    pub fn set_document_settings(&self, s: DocumentSettings) -> Result<DocumentSettings> {
        self.inner
            .store
            .write(|tx| crate::print::facts::set_document_settings(tx, &s))?;
        self.document_settings()
    }

    pub fn set_reprint_policy(&self, policy: ReprintPolicy) -> Result<()> {
        crate::print::set_reprint_policy(&self.inner, policy)
    }

    /// The reprint audit log, newest first.
    pub fn reprint_audit(&self, limit: u32) -> Result<Vec<ReprintAudit>> {
        crate::print::reprint_audit(&self.inner, limit)
    }

    pub fn ship_scan(&self, code: &str) -> Result<ShipOutcome> {
        crate::ship::scan(self, code)
    }

    pub async fn sync(&self) -> Result<SyncReport> {
        crate::sync::run(self).await
    }

    pub fn add_invoice_pool(&self, carrier: &str, first: &str, count: u32) -> Result<PoolReport> {
        crate::ship::add_pool(&self.inner, carrier, first, count)
    }

    pub async fn connect_cafe24(
        &self,
        req: ConnectRequest,
        on_consent_url: impl Fn(&str) + Send + Sync,
    ) -> Result<ShopInfo> {
        crate::connect::connect(self, req, &on_consent_url, true, false).await
    }

    /// Starts the simulated shop, label printer and scale on loopback and points this database at them.
    pub async fn start_demo(&self) -> Result<DemoInfo> {
        crate::demo::start(self).await
    }

    pub fn set_default_printer(&self, uri: &str) -> Result<()> {
        let parsed: packdesk_devices::printer::PrinterUri = uri.parse()?;
        self.inner
            .store
            .read(|c| settings::set(c, settings::DEFAULT_PRINTER, &parsed.to_string()))?;
        Ok(())
    }

    /// The configured scale's live reading (live or demo); `disconnected` while it is unplugged.
    pub fn weight(&self) -> Option<WeightReading> {
        self.station_weight()
    }

    pub fn virtual_printer(&self) -> Option<VirtualPrinterInfo> {
        let demo = self.inner.demo.lock().unwrap_or_else(|p| p.into_inner());
        demo.as_ref().map(DemoRuntime::printer_info)
    }

    pub(crate) fn default_carrier(&self) -> Result<String> {
        Ok(self
            .inner
            .store
            .read(|c| settings::get(c, settings::DEFAULT_CARRIER))?
            .unwrap_or_else(|| "cj".into()))
    }

    pub(crate) fn secrets_for(&self, demo: bool) -> &dyn SecretStore {
        if demo {
            &self.inner.demo_secrets
        } else {
            self.inner.secrets.as_ref()
        }
    }

    /// The API client of a shop, kept per process and rebuilt when the keychain entry moved on.
    pub(crate) fn client(&self, shop: &shops::ShopRow) -> Result<Cafe24Client> {
        let raw = self
            .secrets_for(shop.demo)
            .get(&shop.secret_ref)?
            .ok_or(DeskError::NotConnected)?;
        let secret: ShopSecret = serde_json::from_str(&raw)
            .map_err(|e| DeskError::Secrets(format!("{}: {e}", shop.secret_ref)))?;
        let mut clients = self.inner.clients.lock().unwrap_or_else(|p| p.into_inner());
        // Reuse the client unless another process (the CLI beside the app) refreshed the tokens:
        // Cafe24 killed our refresh token then, and the keychain holds the live one.
        if let Some(c) = clients.get(&shop.secret_ref)
            && c.tokens().refresh_token == secret.tokens.refresh_token
        {
            return Ok(c.clone());
        }
        let cfg = Cafe24Config {
            mall_id: shop.mall_id.clone(),
            api_base: Some(url::Url::parse(&shop.api_base).map_err(|e| {
                DeskError::invalid(
                    format!("stored API base {}: {e}", shop.api_base),
                    format!(
                        "저장된 API 주소 {}가 올바르지 않습니다 ({e})",
                        shop.api_base
                    ),
                )
            })?),
            client_id: shop.client_id.clone(),
            client_secret: secret.client_secret.clone(),
            api_version: None,
        };
        let sink = self.token_sink(shop, secret.client_secret);
        let client = Cafe24Client::new(cfg, secret.tokens, sink)?;
        clients.insert(shop.secret_ref.clone(), client.clone());
        Ok(client)
    }

    /// Persists rotated tokens: Cafe24 kills the old refresh token the moment a new one is issued,
    /// so losing the new one would mean reconnecting the shop.
    fn token_sink(
        &self,
        shop: &shops::ShopRow,
        client_secret: String,
    ) -> packdesk_cafe24::TokenSink {
        let weak = Arc::downgrade(&self.inner);
        let secret_ref = shop.secret_ref.clone();
        let demo = shop.demo;
        let mall_id = shop.mall_id.clone();
        Arc::new(move |tokens: &TokenSet| {
            let Some(inner) = weak.upgrade() else { return };
            let desk = Desk { inner };
            let value = ShopSecret {
                client_secret: client_secret.clone(),
                tokens: tokens.clone(),
            };
            let saved = serde_json::to_string(&value)
                .map_err(|e| DeskError::Secrets(e.to_string()))
                .and_then(|json| desk.secrets_for(demo).set(&secret_ref, &json));
            if let Err(e) = saved {
                tracing::error!(
                    code = e.code(),
                    "could not save refreshed Cafe24 tokens: {e}"
                );
            }
            let expiry = desk.inner.store.read(|c| {
                shops::set_token_expiry(
                    c,
                    &mall_id,
                    tokens.expires_at,
                    tokens.refresh_token_expires_at,
                )
            });
            if let Err(e) = expiry {
                tracing::warn!("could not record token expiry: {e}");
            }
        })
    }

    /// Forgets cached clients (after reconnecting a shop or moving the demo simulator).
    pub(crate) fn drop_clients(&self) {
        self.inner
            .clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}
