//! Tauri commands for the 주문처리 page: the 처리필요 counts it polls, the 합포 확인필요 pairs
//! (merge, keep apart, never-merge lock), the carrier-file route (layouts, export into the
//! Downloads folder, an uploaded file's row-by-row preview, apply) and the invoice pools.
//! Same shape as `commands.rs`: wait for the desk, run the synchronous call on the blocking pool
//! (a 100,000-row apply holds the database about 1.5 s), map errors to the `ErrorPayload`.

use packdesk_core::dto::PoolReport;
use packdesk_core::{
    CarrierExportChoice, CarrierExportReport, CarrierFileFormat, CarrierImportPreview,
    CarrierImportReport, CarrierImportRow, CarrierLayoutInfo, CarrierUpload, InvoicePool,
    MergeDecision, MergeReview, PipelineCounts,
};
use tauri::State;

use crate::commands::{CmdResult, with_desk};
use crate::desk_slot::DeskSlot;

/// 처리필요 per stage (the page polls it every few seconds: one cheap read).
#[tauri::command]
pub async fn pipeline_counts(slot: State<'_, DeskSlot>) -> CmdResult<PipelineCounts> {
    with_desk("pipeline_counts", &slot, |desk| desk.pipeline_counts()).await
}

/// The open 확인필요 pairs, masked like the list.
#[tauri::command]
pub async fn merge_reviews(slot: State<'_, DeskSlot>) -> CmdResult<Vec<MergeReview>> {
    with_desk("merge_reviews", &slot, |desk| desk.merge_reviews()).await
}

/// 합포 (`merge` true) or 따로 (false) for review `id`; never asked again.
#[tauri::command]
pub async fn decide_merge(
    slot: State<'_, DeskSlot>,
    id: i64,
    merge: bool,
) -> CmdResult<MergeDecision> {
    let decision = with_desk("decide_merge", &slot, move |desk| {
        desk.decide_merge(id, merge)
    })
    .await?;
    tracing::info!(command = "decide_merge", review = id, decision = %decision.decision, "done");
    Ok(decision)
}

/// Never merge order `order_id` (split off its unprinted parcel); answers its parcel id.
#[tauri::command]
pub async fn lock_merge(slot: State<'_, DeskSlot>, order_id: String) -> CmdResult<i64> {
    with_desk("lock_merge", &slot, move |desk| desk.lock_merge(&order_id)).await
}

#[tauri::command]
pub async fn carrier_layouts(slot: State<'_, DeskSlot>) -> CmdResult<Vec<CarrierLayoutInfo>> {
    with_desk("carrier_layouts", &slot, |desk| desk.carrier_layouts()).await
}

/// Writes the carrier file into the Downloads folder (`<carrier>-YYYYMMDD-HHMM.xlsx`, never over
/// an existing file) and answers where it went.
#[tauri::command]
pub async fn export_carrier_file(
    slot: State<'_, DeskSlot>,
    carrier: String,
    format: CarrierFileFormat,
    range: Option<String>,
    layout: Option<String>,
) -> CmdResult<CarrierExportReport> {
    let choice = CarrierExportChoice {
        carrier,
        format,
        range: range.unwrap_or_default(),
        layout,
    };
    let report = with_desk("export_carrier_file", &slot, move |desk| {
        desk.export_carrier_file_into(&choice, None)
    })
    .await?;
    tracing::info!(command = "export_carrier_file", rows = report.rows, carrier = %report.carrier, "done");
    Ok(report)
}

/// Reads a carrier's file the webview sends as base64 and keeps its row-by-row preview;
/// nothing is applied.
#[tauri::command]
pub async fn preview_carrier_upload(
    slot: State<'_, DeskSlot>,
    upload: CarrierUpload,
) -> CmdResult<CarrierImportPreview> {
    let preview = with_desk("preview_carrier_upload", &slot, move |desk| {
        desk.preview_carrier_upload(&upload)
    })
    .await?;
    tracing::info!(
        command = "preview_carrier_upload",
        import = preview.import_id,
        rows = preview.total,
        "done"
    );
    Ok(preview)
}

/// Rows of a preview after file row `after_row` (the preview itself carries the first 500).
#[tauri::command]
pub async fn carrier_import_rows(
    slot: State<'_, DeskSlot>,
    import_id: i64,
    after_row: u32,
    limit: u32,
    failed_only: bool,
) -> CmdResult<Vec<CarrierImportRow>> {
    with_desk("carrier_import_rows", &slot, move |desk| {
        desk.carrier_import_rows(import_id, after_row, limit, failed_only)
    })
    .await
}

/// 적용: gives every valid row its number in one transaction.
#[tauri::command]
pub async fn apply_carrier_import(
    slot: State<'_, DeskSlot>,
    import_id: i64,
) -> CmdResult<CarrierImportReport> {
    let report = with_desk("apply_carrier_import", &slot, move |desk| {
        desk.apply_carrier_import(import_id)
    })
    .await?;
    tracing::info!(
        command = "apply_carrier_import",
        import = import_id,
        assigned = report.assigned,
        failed = report.failed,
        "done"
    );
    Ok(report)
}

/// Every carrier's pool: numbers left, used, parcels waiting, low warning.
#[tauri::command]
pub async fn invoice_pools(slot: State<'_, DeskSlot>) -> CmdResult<Vec<InvoicePool>> {
    with_desk("invoice_pools", &slot, |desk| desk.invoice_pools()).await
}

/// Registers a block of `count` pre-issued numbers from `first` (check digits computed).
#[tauri::command]
pub async fn add_invoice_pool(
    slot: State<'_, DeskSlot>,
    carrier: String,
    first: String,
    count: u32,
) -> CmdResult<PoolReport> {
    with_desk("add_invoice_pool", &slot, move |desk| {
        desk.add_invoice_pool(&carrier, &first, count)
    })
    .await
}
