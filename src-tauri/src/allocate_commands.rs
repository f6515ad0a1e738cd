//! Tauri commands for the 할당 tab: the 재고부족 parcels with their short lines, the allocation
//! policy, 재할당 (re-allocation), 미할당주문나누기 (one or all), and a SKU's stock with set-count
//! and ledger. Same shape as `commands.rs`: wait for the desk, run the synchronous calls on the
//! blocking pool (a re-allocation over many parcels holds the database for a while), map errors
//! to the `ErrorPayload`.

use packdesk_core::{
    AllocationPolicy, AllocationReport, BackorderParcel, SplitOutcome, StockLevel, StockMovement,
};
use tauri::State;

use crate::commands::{CmdResult, with_desk};
use crate::desk_slot::DeskSlot;

#[tauri::command]
pub async fn backorders(slot: State<'_, DeskSlot>) -> CmdResult<Vec<BackorderParcel>> {
    with_desk("backorders", &slot, |desk| desk.backorders()).await
}

#[tauri::command]
pub async fn allocation_policy(slot: State<'_, DeskSlot>) -> CmdResult<AllocationPolicy> {
    with_desk("allocation_policy", &slot, |desk| desk.allocation_policy()).await
}

#[tauri::command]
pub async fn set_allocation_policy(
    slot: State<'_, DeskSlot>,
    policy: AllocationPolicy,
) -> CmdResult<AllocationPolicy> {
    with_desk("set_allocation_policy", &slot, move |desk| {
        desk.set_allocation_policy(policy)?;
        desk.allocation_policy()
    })
    .await
}

/// 재할당 under `policy` (None = the saved setting).
#[tauri::command]
pub async fn reallocate(
    slot: State<'_, DeskSlot>,
    policy: Option<AllocationPolicy>,
) -> CmdResult<AllocationReport> {
    with_desk("reallocate", &slot, move |desk| desk.allocate(policy)).await
}

/// 미할당주문나누기 of the parcel at 연번 `no`.
#[tauri::command]
pub async fn split_unallocated(slot: State<'_, DeskSlot>, no: u32) -> CmdResult<SplitOutcome> {
    with_desk("split_unallocated", &slot, move |desk| {
        desk.split_unallocated(no)
    })
    .await
}

#[tauri::command]
pub async fn split_all_unallocated(slot: State<'_, DeskSlot>) -> CmdResult<Vec<SplitOutcome>> {
    with_desk("split_all_unallocated", &slot, |desk| {
        desk.split_all_unallocated()
    })
    .await
}

#[tauri::command]
pub async fn stock_levels(
    slot: State<'_, DeskSlot>,
    query: String,
    limit: Option<u32>,
) -> CmdResult<Vec<StockLevel>> {
    with_desk("stock_levels", &slot, move |desk| {
        desk.stock(&query, limit.unwrap_or(100))
    })
    .await
}

/// A counted stock for a SKU (ledger kind adjust); waiting parcels are re-planned.
#[tauri::command]
pub async fn set_stock(
    slot: State<'_, DeskSlot>,
    sku: String,
    on_hand: i64,
    reason: Option<String>,
) -> CmdResult<StockLevel> {
    with_desk("set_stock", &slot, move |desk| {
        desk.set_stock(&sku, on_hand, reason.as_deref().unwrap_or(""))
    })
    .await
}

#[tauri::command]
pub async fn stock_ledger(
    slot: State<'_, DeskSlot>,
    sku: String,
    limit: Option<u32>,
) -> CmdResult<Vec<StockMovement>> {
    with_desk("stock_ledger", &slot, move |desk| {
        desk.stock_ledger(&sku, limit.unwrap_or(50))
    })
    .await
}
