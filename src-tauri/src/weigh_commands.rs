//! Tauri commands for weighing and international fees: weigh a parcel, the owner's list of
//! flagged parcels, and saving a measured weight to a SKU. Same shape as `commands.rs`: wait for
//! the desk, run the synchronous call on the blocking pool, map errors to the `ErrorPayload`.

use packdesk_core::dto::{FeeFlagRow, WeighOutcome, WeighRequest, WeightSaved};
use tauri::State;

use crate::commands::{CmdResult, with_desk};
use crate::desk_slot::DeskSlot;

/// Weighs a parcel (`no:12`, tracking number or scan) with `grams` or the scale's stable weight.
#[tauri::command]
pub async fn weigh_parcel(slot: State<'_, DeskSlot>, req: WeighRequest) -> CmdResult<WeighOutcome> {
    with_desk("weigh_parcel", &slot, move |desk| desk.weigh_parcel(req)).await
}

/// Parcels flagged for the owner: undercharged shipping, or over a service limit.
#[tauri::command]
pub async fn undercharged(slot: State<'_, DeskSlot>) -> CmdResult<Vec<FeeFlagRow>> {
    with_desk("undercharged", &slot, |desk| desk.undercharged_parcels()).await
}

/// Saves a measured weight to a SKU and queues it for the shop's product (`product_weight`).
#[tauri::command]
pub async fn save_product_weight(
    slot: State<'_, DeskSlot>,
    sku: String,
    grams: u32,
) -> CmdResult<WeightSaved> {
    with_desk("save_product_weight", &slot, move |desk| {
        desk.save_product_weight(&sku, grams)
    })
    .await
}
