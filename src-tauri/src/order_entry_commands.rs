//! Tauri commands for 주문등록 (orders by hand, the Excel template into Downloads, an uploaded
//! order file previewed row by row and registered as a batch, batches listed and deleted) and
//! 반품 입고 (a returned parcel looked up by its scan, received, the list).
//! Same shape as `commands.rs`: wait for the desk, run the synchronous call on the blocking pool,
//! map errors to the `ErrorPayload`. Logs carry counts and ids, never receivers.

use packdesk_core::{
    BatchDeleted, OrderBatchInfo, OrderEntry, OrderImport, OrderUpload, RegisteredOrder,
    ReturnCandidate, ReturnRecord, ReturnRequest,
};
use tauri::State;

use crate::commands::{CmdResult, with_desk};
use crate::desk_slot::DeskSlot;

#[tauri::command]
pub async fn register_order(
    slot: State<'_, DeskSlot>,
    entry: OrderEntry,
) -> CmdResult<RegisteredOrder> {
    let r = with_desk("register_order", &slot, move |desk| {
        desk.register_order(&entry)
    })
    .await?;
    tracing::info!(command = "register_order", order = %r.order_id, merged = r.merged, "done");
    Ok(r)
}

#[tauri::command]
pub async fn order_channels(slot: State<'_, DeskSlot>) -> CmdResult<Vec<String>> {
    with_desk("order_channels", &slot, |desk| desk.order_channels()).await
}

/// Writes 주문등록양식.xlsx into the Downloads folder and answers its path.
#[tauri::command]
pub async fn download_order_template(slot: State<'_, DeskSlot>) -> CmdResult<String> {
    with_desk("download_order_template", &slot, |desk| {
        desk.order_template_into(None)
    })
    .await
}

/// Reads an uploaded order file and checks every row; `apply` registers it as one batch (refused
/// with `ORDER_FILE_INVALID` while any row is bad).
#[tauri::command]
pub async fn import_order_upload(
    slot: State<'_, DeskSlot>,
    upload: OrderUpload,
    apply: bool,
) -> CmdResult<OrderImport> {
    let import = with_desk("import_order_upload", &slot, move |desk| {
        desk.import_order_upload(&upload, apply)
    })
    .await?;
    tracing::info!(
        command = "import_order_upload",
        orders = import.preview.orders,
        bad_rows = import.preview.bad_rows,
        batch = import.batch.as_ref().map(|b| b.id),
        "done"
    );
    Ok(import)
}

#[tauri::command]
pub async fn order_batches(slot: State<'_, DeskSlot>) -> CmdResult<Vec<OrderBatchInfo>> {
    with_desk("order_batches", &slot, |desk| desk.order_batches()).await
}

#[tauri::command]
pub async fn delete_order_batch(slot: State<'_, DeskSlot>, id: i64) -> CmdResult<BatchDeleted> {
    let d = with_desk("delete_order_batch", &slot, move |desk| {
        desk.delete_order_batch(id)
    })
    .await?;
    tracing::info!(
        command = "delete_order_batch",
        batch = id,
        orders = d.orders_deleted,
        "done"
    );
    Ok(d)
}

/// The shipped parcel a returned box's scan names, with its lines (nothing changes).
#[tauri::command]
pub async fn return_candidate(
    slot: State<'_, DeskSlot>,
    code: String,
) -> CmdResult<ReturnCandidate> {
    with_desk("return_candidate", &slot, move |desk| {
        desk.return_candidate(&code)
    })
    .await
}

#[tauri::command]
pub async fn receive_return(
    slot: State<'_, DeskSlot>,
    request: ReturnRequest,
) -> CmdResult<ReturnRecord> {
    let r = with_desk("receive_return", &slot, move |desk| {
        desk.receive_return(&request)
    })
    .await?;
    tracing::info!(
        command = "receive_return",
        return_id = r.id,
        parcel = r.parcel_id,
        "done"
    );
    Ok(r)
}

#[tauri::command]
pub async fn returns(slot: State<'_, DeskSlot>) -> CmdResult<Vec<ReturnRecord>> {
    with_desk("returns", &slot, |desk| desk.returns()).await
}
