//! Tauri commands of the 배송 and 클레임 tabs: ship with the packer's confirmation of a partly
//! claimed parcel, ship a selected range, the mismatch view (re-check, list, fix), the claims
//! list, and the 합포 options. Same shape as `commands.rs`: wait for the desk, run synchronous
//! calls on the blocking pool, map errors to the `ErrorPayload`.

use packdesk_core::{
    ClaimedParcel, FixAction, FixOutcome, MergeOptions, Mismatch, RecheckReport, ShipOutcome,
    ShipRequest, ShipSelectedReport,
};
use tauri::State;

use crate::commands::{CmdResult, fail, with_desk};
use crate::desk_slot::DeskSlot;

/// A scan with `removed_claimed` (the confirm dialog of a partly claimed parcel said yes).
#[tauri::command]
pub async fn ship_confirmed(slot: State<'_, DeskSlot>, req: ShipRequest) -> CmdResult<ShipOutcome> {
    let shipped = with_desk("ship_confirmed", &slot, move |desk| desk.ship(&req)).await?;
    tracing::info!(
        command = "ship_confirmed",
        no = shipped.no,
        queued = shipped.queued,
        "done"
    );
    Ok(shipped)
}

/// 선택 배송처리: the printed rows of `range` ("1-3, 5"), each with its own result.
#[tauri::command]
pub async fn ship_selected(
    slot: State<'_, DeskSlot>,
    range: String,
    removed_claimed: bool,
) -> CmdResult<ShipSelectedReport> {
    let report = with_desk("ship_selected", &slot, move |desk| {
        desk.ship_selected(&range, removed_claimed)
    })
    .await?;
    tracing::info!(
        command = "ship_selected",
        shipped = report.shipped,
        refused = report.refused,
        "done"
    );
    Ok(report)
}

/// Re-reads recently shipped orders from the shops (network), so the mismatch list is current.
#[tauri::command]
pub async fn recheck_shipped(slot: State<'_, DeskSlot>) -> CmdResult<RecheckReport> {
    let desk = slot.desk().await?;
    desk.recheck_shipped()
        .await
        .map_err(fail("recheck_shipped"))
}

#[tauri::command]
pub async fn mismatches(slot: State<'_, DeskSlot>) -> CmdResult<Vec<Mismatch>> {
    with_desk("mismatches", &slot, |desk| desk.mismatches()).await
}

/// The fix of mismatch `id`; `action` None = the one that applies.
#[tauri::command]
pub async fn fix_mismatch(
    slot: State<'_, DeskSlot>,
    id: i64,
    action: Option<FixAction>,
) -> CmdResult<FixOutcome> {
    with_desk("fix_mismatch", &slot, move |desk| {
        desk.fix_mismatch(id, action)
    })
    .await
}

#[tauri::command]
pub async fn claimed_parcels(slot: State<'_, DeskSlot>) -> CmdResult<Vec<ClaimedParcel>> {
    with_desk("claimed_parcels", &slot, |desk| desk.claimed_parcels()).await
}

#[tauri::command]
pub async fn merge_options(slot: State<'_, DeskSlot>) -> CmdResult<MergeOptions> {
    with_desk("merge_options", &slot, |desk| desk.merge_options()).await
}

/// Sets the options given (None keeps one); they apply to orders placed from now on.
#[tauri::command]
pub async fn set_merge_options(
    slot: State<'_, DeskSlot>,
    domestic_only: Option<bool>,
    per_seller: Option<bool>,
) -> CmdResult<MergeOptions> {
    with_desk("set_merge_options", &slot, move |desk| {
        desk.set_merge_options(domestic_only, per_seller)
    })
    .await
}
