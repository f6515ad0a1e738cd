//! Tauri commands for the 매칭 tab: the lines waiting for a SKU, the SKU search, matching by hand
//! (remembered by default), the remembered mappings, bundles (세트상품), and a mapping file the
//! webview uploads as base64 (preview, then 적용). Same shape as `commands.rs`: wait for the
//! desk, run the synchronous call on the blocking pool, map errors to the `ErrorPayload`.

use packdesk_core::{
    BundleComponentInput, BundleInfo, MappingImport, MatchResult, MatchTarget, SkuHit, SkuMapping,
    UnmatchedGroup,
};
use tauri::State;

use crate::commands::{CmdResult, with_desk};
use crate::desk_slot::DeskSlot;

/// The waiting lines grouped by product name + option, with the 연동형 flag.
#[tauri::command]
pub async fn unmatched_groups(slot: State<'_, DeskSlot>) -> CmdResult<Vec<UnmatchedGroup>> {
    with_desk("unmatched_groups", &slot, |desk| desk.unmatched_groups()).await
}

/// SKUs by code, barcode, product name or option (every word must appear).
#[tauri::command]
pub async fn search_skus(
    slot: State<'_, DeskSlot>,
    query: String,
    limit: Option<u32>,
) -> CmdResult<Vec<SkuHit>> {
    with_desk("search_skus", &slot, move |desk| {
        desk.search_skus(&query, limit.unwrap_or(30))
    })
    .await
}

/// Gives the waiting line(s) of `target` the SKU; `remember` keeps the mapping for next time.
#[tauri::command]
pub async fn match_line(
    slot: State<'_, DeskSlot>,
    target: MatchTarget,
    sku: String,
    remember: bool,
) -> CmdResult<MatchResult> {
    let result = with_desk("match_line", &slot, move |desk| {
        desk.match_line(&target, &sku, remember)
    })
    .await?;
    tracing::info!(
        command = "match_line",
        lines = result.matched_lines,
        remembered = result.mapping_id.is_some(),
        "done"
    );
    Ok(result)
}

#[tauri::command]
pub async fn sku_mappings(slot: State<'_, DeskSlot>) -> CmdResult<Vec<SkuMapping>> {
    with_desk("sku_mappings", &slot, |desk| desk.sku_mappings()).await
}

#[tauri::command]
pub async fn delete_mapping(slot: State<'_, DeskSlot>, id: i64) -> CmdResult<()> {
    with_desk("delete_mapping", &slot, move |desk| desk.delete_mapping(id)).await
}

#[tauri::command]
pub async fn edit_mapping(
    slot: State<'_, DeskSlot>,
    id: i64,
    sku: String,
) -> CmdResult<SkuMapping> {
    with_desk("edit_mapping", &slot, move |desk| {
        desk.edit_mapping(id, &sku)
    })
    .await
}

#[tauri::command]
pub async fn bundles(slot: State<'_, DeskSlot>) -> CmdResult<Vec<BundleInfo>> {
    with_desk("bundles", &slot, |desk| desk.bundles()).await
}

/// Makes `sku` a bundle of `components` (replacing its previous components).
#[tauri::command]
pub async fn set_bundle(
    slot: State<'_, DeskSlot>,
    sku: String,
    components: Vec<BundleComponentInput>,
) -> CmdResult<BundleInfo> {
    with_desk("set_bundle", &slot, move |desk| {
        desk.set_bundle(&sku, &components)
    })
    .await
}

#[tauri::command]
pub async fn delete_bundle(slot: State<'_, DeskSlot>, sku: String) -> CmdResult<()> {
    with_desk("delete_bundle", &slot, move |desk| desk.delete_bundle(&sku)).await
}

/// A mapping file read by the webview (base64): judged row by row; written only with `apply`.
#[tauri::command]
pub async fn import_mapping_upload(
    slot: State<'_, DeskSlot>,
    file_name: String,
    data_base64: String,
    apply: bool,
) -> CmdResult<MappingImport> {
    let report = with_desk("import_mapping_upload", &slot, move |desk| {
        desk.import_mapping_upload(&file_name, &data_base64, apply)
    })
    .await?;
    tracing::info!(
        command = "import_mapping_upload",
        applied = report.applied,
        ok = report.ok,
        failed = report.failed,
        "done"
    );
    Ok(report)
}
