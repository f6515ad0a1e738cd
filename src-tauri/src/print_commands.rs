//! Tauri commands for printing and the print queue: print a range, the printers, a test label,
//! the jobs with 출력/미출력 counts, resume a paused job, the reprint policy and audit log, the
//! templates and their previews, and the facts paperwork prints (document settings, SKU facts).
//! Same shape as `commands.rs`: wait for the desk, run synchronous calls on the blocking pool,
//! map errors to the `ErrorPayload` (a paused job is `PRINT_PAUSED`; the job is in `print_jobs`).

use packdesk_core::dto::{
    DocumentSettings, Preview, PrintFormat, PrintJobSummary, PrintReport, PrintRequest,
    PrintSettings, PrinterEntry, ReprintAudit, ReprintPolicy, SkuFacts, SkuFactsUpdate,
    TemplateInfo, TestPrintReport,
};
use tauri::State;

use crate::commands::{CmdResult, fail, with_desk};
use crate::desk_slot::DeskSlot;

/// 송장출력: the rows `range` names (empty = all waiting) on `printer` (None = the default).
/// `reason` is required when a row was printed before (`PRINT_REASON_REQUIRED`).
#[tauri::command]
pub async fn print(
    slot: State<'_, DeskSlot>,
    range: String,
    printer: Option<String>,
    format: Option<PrintFormat>,
    document: Option<String>,
    reason: Option<String>,
) -> CmdResult<PrintReport> {
    let desk = slot.desk().await?;
    let req = PrintRequest {
        range,
        printer,
        format,
        document,
        reason,
    };
    let report = desk.print(req).await.map_err(fail("print"))?;
    tracing::info!(
        command = "print",
        job = report.job_id,
        labels = report.printed.len(),
        "done"
    );
    Ok(report)
}

/// Continues a paused job from its first label not printed.
#[tauri::command]
pub async fn resume_print(slot: State<'_, DeskSlot>, job_id: i64) -> CmdResult<PrintReport> {
    let desk = slot.desk().await?;
    let report = desk
        .resume_print(job_id)
        .await
        .map_err(fail("resume_print"))?;
    tracing::info!(
        command = "resume_print",
        job = job_id,
        labels = report.printed.len(),
        "done"
    );
    Ok(report)
}

#[tauri::command]
pub async fn print_jobs(slot: State<'_, DeskSlot>) -> CmdResult<Vec<PrintJobSummary>> {
    with_desk("print_jobs", &slot, |desk| desk.print_jobs()).await
}

#[tauri::command]
pub async fn printers(slot: State<'_, DeskSlot>) -> CmdResult<Vec<PrinterEntry>> {
    with_desk("printers", &slot, |desk| desk.printers()).await
}

/// A sample label ("TEST 테스트") on `printer` (None = the default) in its format.
#[tauri::command]
pub async fn test_print(
    slot: State<'_, DeskSlot>,
    printer: Option<String>,
) -> CmdResult<TestPrintReport> {
    let desk = slot.desk().await?;
    desk.test_print(printer).await.map_err(fail("test_print"))
}

#[tauri::command]
pub async fn reprint_policy(slot: State<'_, DeskSlot>) -> CmdResult<ReprintPolicy> {
    with_desk("reprint_policy", &slot, |desk| desk.reprint_policy()).await
}

#[tauri::command]
pub async fn set_reprint_policy(
    slot: State<'_, DeskSlot>,
    policy: ReprintPolicy,
) -> CmdResult<ReprintPolicy> {
    with_desk("set_reprint_policy", &slot, move |desk| {
        desk.set_reprint_policy(policy)?;
        desk.reprint_policy()
    })
    .await
}

#[tauri::command]
pub async fn reprint_audit(
    slot: State<'_, DeskSlot>,
    limit: Option<u32>,
) -> CmdResult<Vec<ReprintAudit>> {
    with_desk("reprint_audit", &slot, move |desk| {
        desk.reprint_audit(limit.unwrap_or(100))
    })
    .await
}

/// Saves a printer (its name and format) in the station's list; returns the list.
#[tauri::command]
pub async fn save_printer(
    slot: State<'_, DeskSlot>,
    uri: String,
    name: String,
    format: Option<PrintFormat>,
) -> CmdResult<Vec<PrinterEntry>> {
    with_desk("save_printer", &slot, move |desk| {
        desk.save_printer(&uri, &name, format)?;
        desk.printers()
    })
    .await
}

/// The printing page's settings: default printer and format, reprint policy.
#[tauri::command]
pub async fn print_settings(slot: State<'_, DeskSlot>) -> CmdResult<PrintSettings> {
    with_desk("print_settings", &slot, |desk| desk.print_settings()).await
}

#[tauri::command]
pub async fn set_print_settings(
    slot: State<'_, DeskSlot>,
    settings: PrintSettings,
) -> CmdResult<PrintSettings> {
    with_desk("set_print_settings", &slot, move |desk| {
        desk.set_print_settings(settings)
    })
    .await
}

/// Every document template, for the printing page's preview.
#[tauri::command]
pub async fn templates(slot: State<'_, DeskSlot>) -> CmdResult<Vec<TemplateInfo>> {
    with_desk("templates", &slot, |desk| desk.templates()).await
}

/// `document` drawn as a PNG from row `parcel_no`'s data (any template), or the library's
/// synthetic samples without a row; `data_status` says which.
#[tauri::command]
pub async fn preview(
    slot: State<'_, DeskSlot>,
    document: String,
    parcel_no: Option<u32>,
) -> CmdResult<Preview> {
    with_desk("preview", &slot, move |desk| {
        desk.preview(&document, parcel_no)
    })
    .await
}

/// What packing slips and warranty cards print beyond the sender (사업자등록번호, the warranty
/// card's QR address, period, support line and product-name source).
#[tauri::command]
pub async fn document_settings(slot: State<'_, DeskSlot>) -> CmdResult<DocumentSettings> {
    with_desk("document_settings", &slot, |desk| desk.document_settings()).await
}

/// Saves the document settings and answers them as stored (BAD_PRODUCT_FACT on a bad source
/// or URL; nothing is saved then).
#[tauri::command]
pub async fn set_document_settings(
    slot: State<'_, DeskSlot>,
    settings: DocumentSettings,
) -> CmdResult<DocumentSettings> {
    with_desk("set_document_settings", &slot, move |desk| {
        desk.set_document_settings(settings)
    })
    .await
}

/// A SKU's shelf location and customs facts (UNKNOWN_SKU when it is not in the catalogue).
#[tauri::command]
pub async fn sku_facts(slot: State<'_, DeskSlot>, sku: String) -> CmdResult<SkuFacts> {
    with_desk("sku_facts", &slot, move |desk| desk.sku_facts(&sku)).await
}

/// Sets a SKU's location, English name, HS code and origin; a `None` field stays as it is.
#[tauri::command]
pub async fn set_sku_facts(
    slot: State<'_, DeskSlot>,
    sku: String,
    update: SkuFactsUpdate,
) -> CmdResult<SkuFacts> {
    with_desk("set_sku_facts", &slot, move |desk| {
        desk.set_sku_facts(&sku, update)
    })
    .await
}
