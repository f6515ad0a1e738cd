//! The Tauri commands: each waits for the desk, calls one `Desk` method and maps its error to
//! the `ErrorPayload` the UI shows. All are async so none runs on the UI thread; the synchronous
//! desk calls (SQLite) go to the blocking pool.

use chrono::NaiveDate;
use packdesk_core::Desk;
use packdesk_core::dto::{
    CollectReport, CollectRequest, CollectTrigger, ConnectRequest, DeskStatus, ParcelRow,
    ScheduleEntry, ShipOutcome, ShopCollectResult, ShopInfo, ShopRules, ShopSummary, SyncReport,
    VirtualPrinterInfo, WeightReading,
};
use packdesk_core::{DeskError, ErrorPayload};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::background::{self, WeightWatchers};
use crate::desk_slot::{DeskSlot, internal};
use crate::events::CONSENT_URL;

pub(crate) type CmdResult<T> = Result<T, ErrorPayload>;

/// An error a command hands to the UI: the desk's, or the device runtime's.
pub(crate) trait Failure {
    fn code(&self) -> &'static str;
    fn payload(&self) -> ErrorPayload;
}

impl Failure for DeskError {
    fn code(&self) -> &'static str {
        DeskError::code(self)
    }
    fn payload(&self) -> ErrorPayload {
        DeskError::payload(self)
    }
}

impl Failure for packdesk_core::DeviceError {
    fn code(&self) -> &'static str {
        packdesk_core::DeviceError::code(self)
    }
    fn payload(&self) -> ErrorPayload {
        packdesk_core::DeviceError::payload(self)
    }
}

/// Logs the failure by code only (messages can carry order data) and hands the payload over.
pub(crate) fn fail<E: Failure>(command: &'static str) -> impl Fn(E) -> ErrorPayload {
    move |e| {
        tracing::warn!(command, code = e.code(), "command failed");
        e.payload()
    }
}

/// Runs a synchronous desk call (SQLite, ports) on the blocking pool, off the async workers.
pub(crate) async fn blocking<T, E, F>(command: &'static str, f: F) -> CmdResult<T>
where
    T: Send + 'static,
    E: Failure + Send + 'static,
    F: FnOnce() -> Result<T, E> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|_| internal("a worker thread stopped"))?
        .map_err(fail(command))
}

/// Waits for the desk, then runs `f` with it on the blocking pool.
pub(crate) async fn with_desk<T, F>(
    command: &'static str,
    slot: &State<'_, DeskSlot>,
    f: F,
) -> CmdResult<T>
where
    T: Send + 'static,
    F: FnOnce(Desk) -> packdesk_core::Result<T> + Send + 'static,
{
    let desk = slot.desk().await?;
    blocking(command, move || f(desk)).await
}

async fn desk(slot: &State<'_, DeskSlot>) -> CmdResult<Desk> {
    slot.desk().await
}

#[tauri::command]
pub async fn status(slot: State<'_, DeskSlot>) -> CmdResult<DeskStatus> {
    let desk = desk(&slot).await?;
    blocking("status", move || desk.status()).await
}

#[tauri::command]
pub async fn parcels(slot: State<'_, DeskSlot>) -> CmdResult<Vec<ParcelRow>> {
    let desk = desk(&slot).await?;
    let rows = blocking("parcels", move || desk.parcels()).await?;
    // Debug level: the UI refreshes often. scripts/screenshot.sh waits for the first one.
    tracing::debug!(command = "parcels", rows = rows.len(), "done");
    Ok(rows)
}

/// 수집: every chosen shop, or one (`shop_id`), optionally for a date range.
#[tauri::command]
pub async fn collect(
    slot: State<'_, DeskSlot>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    shop_id: Option<i64>,
) -> CmdResult<CollectReport> {
    let desk = desk(&slot).await?;
    let req = CollectRequest {
        shop_id,
        from,
        to,
        trigger: CollectTrigger::Manual,
    };
    let report = desk.collect_with(req).await.map_err(fail("collect"))?;
    tracing::info!(
        command = "collect",
        new = report.new,
        updated = report.updated,
        skipped = report.skipped,
        "done"
    );
    Ok(report)
}

#[tauri::command]
pub async fn shops(slot: State<'_, DeskSlot>) -> CmdResult<Vec<ShopSummary>> {
    let desk = desk(&slot).await?;
    blocking("shops", move || desk.shops()).await
}

#[tauri::command]
pub async fn last_collections(slot: State<'_, DeskSlot>) -> CmdResult<Vec<ShopCollectResult>> {
    let desk = desk(&slot).await?;
    blocking("last_collections", move || desk.last_collections()).await
}

#[tauri::command]
pub async fn schedule(slot: State<'_, DeskSlot>) -> CmdResult<Vec<ScheduleEntry>> {
    let desk = desk(&slot).await?;
    blocking("schedule", move || desk.schedule()).await
}

#[tauri::command]
pub async fn set_schedule(
    slot: State<'_, DeskSlot>,
    target: String,
    timetable: String,
) -> CmdResult<ScheduleEntry> {
    let desk = desk(&slot).await?;
    blocking("set_schedule", move || {
        desk.set_schedule(&target, &timetable)
    })
    .await
}

#[tauri::command]
pub async fn set_shop_rules(
    slot: State<'_, DeskSlot>,
    shop_id: i64,
    rules: ShopRules,
) -> CmdResult<ShopSummary> {
    let desk = desk(&slot).await?;
    blocking("set_shop_rules", move || {
        desk.set_shop_rules(shop_id, rules)
    })
    .await
}

#[tauri::command]
pub async fn ship_scan(slot: State<'_, DeskSlot>, code: String) -> CmdResult<ShipOutcome> {
    let desk = desk(&slot).await?;
    let shipped = blocking("ship_scan", move || desk.ship_scan(&code)).await?;
    tracing::info!(
        command = "ship_scan",
        no = shipped.no,
        queued = shipped.queued,
        "done"
    );
    Ok(shipped)
}

#[tauri::command]
pub async fn sync(slot: State<'_, DeskSlot>) -> CmdResult<SyncReport> {
    let desk = desk(&slot).await?;
    let report = desk.sync().await.map_err(fail("sync"))?;
    tracing::info!(
        command = "sync",
        sent = report.sent.len(),
        waiting = report.waiting,
        "done"
    );
    Ok(report)
}

/// Connects a real shop to the station database — not to the demo database the app may be
/// showing — then reopens the desk, which is now live, and swaps it in.
#[tauri::command]
pub async fn connect_cafe24<R: Runtime>(
    app: AppHandle<R>,
    slot: State<'_, DeskSlot>,
    req: ConnectRequest,
) -> CmdResult<ShopInfo> {
    desk(&slot).await?;
    let station = Desk::open_default().map_err(fail("connect_cafe24"))?;
    let on_consent_url = move |url: &str| {
        if let Err(e) = app.emit(CONSENT_URL, url) {
            tracing::warn!(error = %e, "could not show the consent URL");
        }
    };
    let shop = station
        .connect_cafe24(req, on_consent_url)
        .await
        .map_err(fail("connect_cafe24"))?;
    let live = Desk::open_app().await.map_err(fail("connect_cafe24"))?;
    slot.set_ready(live);
    tracing::info!("shop connected; the desk is live");
    Ok(shop)
}

#[tauri::command]
pub async fn weight(slot: State<'_, DeskSlot>) -> CmdResult<Option<WeightReading>> {
    Ok(desk(&slot).await?.weight())
}

#[tauri::command]
pub async fn virtual_printer(slot: State<'_, DeskSlot>) -> CmdResult<Option<VirtualPrinterInfo>> {
    Ok(desk(&slot).await?.virtual_printer())
}

/// Streams scale readings to the UI over `on_weight` until the webview drops the channel or a
/// newer page load asks again.
#[tauri::command]
pub async fn watch_weight(
    slot: State<'_, DeskSlot>,
    watchers: State<'_, WeightWatchers>,
    on_weight: Channel<Option<WeightReading>>,
) -> CmdResult<()> {
    desk(&slot).await?;
    let ticket = watchers.next_ticket();
    let slot = slot.inner().clone();
    tauri::async_runtime::spawn(background::stream_weight(
        slot,
        watchers.inner().clone(),
        ticket,
        on_weight,
    ));
    Ok(())
}
