//! The device page and the scanner test screen: the station's scale and serial scanner
//! (discovery, set/clear with validation), keyboard scans decoded without shipping, and the
//! serial scanner's raw scans streamed while the test screen is open.

use packdesk_core::DeviceError;
use packdesk_core::dto::{DeviceList, ScaleDeviceState, ScanTestEvent, ScannerDeviceState};
use tauri::State;
use tauri::ipc::Channel;

use crate::background::{self, ScannerWatchers};
use crate::commands::{CmdResult, blocking};
use crate::desk_slot::DeskSlot;

#[tauri::command]
pub async fn devices(slot: State<'_, DeskSlot>) -> CmdResult<DeviceList> {
    let desk = slot.desk().await?;
    blocking("devices", move || Ok::<_, DeviceError>(desk.devices())).await
}

/// `protocol`: `auto` (detected now) or an id from `devices().protocols`.
#[tauri::command]
pub async fn set_scale(
    slot: State<'_, DeskSlot>,
    port: String,
    protocol: String,
    baud: Option<u32>,
) -> CmdResult<ScaleDeviceState> {
    let desk = slot.desk().await?;
    blocking("set_scale", move || desk.set_scale(&port, &protocol, baud)).await
}

#[tauri::command]
pub async fn clear_scale(slot: State<'_, DeskSlot>) -> CmdResult<()> {
    let desk = slot.desk().await?;
    blocking("clear_scale", move || desk.clear_scale()).await
}

#[tauri::command]
pub async fn set_scanner(
    slot: State<'_, DeskSlot>,
    port: String,
    baud: Option<u32>,
) -> CmdResult<ScannerDeviceState> {
    let desk = slot.desk().await?;
    blocking("set_scanner", move || desk.set_scanner(&port, baud)).await
}

#[tauri::command]
pub async fn clear_scanner(slot: State<'_, DeskSlot>) -> CmdResult<()> {
    let desk = slot.desk().await?;
    blocking("clear_scanner", move || desk.clear_scanner()).await
}

/// A keyboard-wedge scan on the test screen: decoded and explained, never shipped.
#[tauri::command]
pub async fn decode_scan(slot: State<'_, DeskSlot>, raw: String) -> CmdResult<ScanTestEvent> {
    let desk = slot.desk().await?;
    blocking("decode_scan", move || {
        Ok::<_, DeviceError>(desk.decode_scan(&raw))
    })
    .await
}

/// Streams the serial scanner's scans to the test screen over `on_event`. While it runs the
/// scanner is in test mode: its scans ship nothing. It ends when the page calls
/// `unwatch_scanner`, a newer page asks again, the webview drops the channel, or the desk is
/// replaced.
#[tauri::command]
pub async fn watch_scanner(
    slot: State<'_, DeskSlot>,
    watchers: State<'_, ScannerWatchers>,
    on_event: Channel<ScanTestEvent>,
) -> CmdResult<()> {
    let desk = slot.desk().await?;
    let ticket = watchers.next_ticket();
    // Test mode starts before the command answers: a scan right after it is not shipped.
    let test = desk.scanner_test();
    tauri::async_runtime::spawn(background::stream_scanner_test(
        slot.inner().clone(),
        watchers.inner().clone(),
        ticket,
        test,
        on_event,
    ));
    Ok(())
}

/// The test screen closed: the serial scanner ships parcels again.
#[tauri::command]
pub async fn unwatch_scanner(watchers: State<'_, ScannerWatchers>) -> CmdResult<()> {
    watchers.stop_all();
    Ok(())
}
