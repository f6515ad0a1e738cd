//! Work the shell does on its own: deliver the outbox periodically, stream the scale, forward
//! the station devices' events (serial scans, hot-plug) and the scanner test screen's scans.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use packdesk_core::ScannerTest;
use packdesk_core::dto::{ScanTestEvent, WeightReading};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Runtime};

use crate::desk_slot::DeskSlot;
use crate::events::{COLLECT_PROGRESS, DEVICES_CHANGED, OUTBOX_SYNCED, SERIAL_SCAN, SYNC_FAILED};

/// How often tracking numbers owed to the shop are pushed without anyone pressing 전송.
const SYNC_EVERY: Duration = Duration::from_secs(30);
/// How often a stream checks that it is still wanted (a newer page may have replaced it).
const STILL_WANTED_EVERY: Duration = Duration::from_secs(1);

/// Delivers the outbox every `SYNC_EVERY` for as long as the app runs, and tells the UI.
pub async fn sync_outbox_forever<R: Runtime>(app: AppHandle<R>, slot: DeskSlot) {
    let mut tick = tokio::time::interval(SYNC_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.tick().await; // the first tick is immediate; the desk has only just opened
    loop {
        tick.tick().await;
        let Some(desk) = slot.current() else { continue };
        let emitted = match desk.sync().await {
            Ok(report) => {
                if !report.sent.is_empty() {
                    tracing::info!(
                        sent = report.sent.len(),
                        waiting = report.waiting,
                        "outbox delivered"
                    );
                }
                app.emit(OUTBOX_SYNCED, report)
            }
            Err(e) => {
                tracing::warn!(code = e.code(), "outbox delivery failed; retrying later");
                app.emit(SYNC_FAILED, e.payload())
            }
        };
        if let Err(e) = emitted {
            tracing::warn!(error = %e, "could not notify the UI");
        }
    }
}

/// Runs the collection schedule of whatever desk is open; starts over when the desk is replaced.
pub async fn schedule_forever(slot: DeskSlot) {
    loop {
        let Ok(desk) = slot.desk().await else { return };
        tracing::info!("collection schedule running");
        desk.run_scheduler(slot.changed()).await;
    }
}

/// Forwards collection progress (scheduled runs included) to the UI, which shows a progress line
/// and refreshes the list when a run ends.
pub async fn forward_progress<R: Runtime>(app: AppHandle<R>, slot: DeskSlot) {
    loop {
        let Ok(desk) = slot.desk().await else { return };
        let mut rx = desk.collect_progress();
        loop {
            tokio::select! {
                changed = rx.changed() => {
                    if changed.is_err() {
                        break;
                    }
                    let progress = rx.borrow_and_update().clone();
                    if let Err(e) = app.emit(COLLECT_PROGRESS, progress) {
                        tracing::warn!(error = %e, "could not notify the UI");
                    }
                }
                _ = slot.changed() => break,
            }
        }
    }
}

/// Only the newest `watch_weight` stream runs: a page reload must not leave old loops behind.
#[derive(Clone, Default)]
pub struct WeightWatchers(Arc<AtomicU64>);

impl WeightWatchers {
    pub fn next_ticket(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }

    fn is_current(&self, ticket: u64) -> bool {
        self.0.load(Ordering::SeqCst) == ticket
    }
}

fn same(a: &Option<WeightReading>, b: &Option<WeightReading>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.grams == b.grams && a.stable == b.stable && a.state == b.state,
        _ => false,
    }
}

/// Sends the configured scale's reading on every change (and `None` while there is no desk or
/// no scale), following the desk when it is replaced.
pub async fn stream_weight(
    slot: DeskSlot,
    watchers: WeightWatchers,
    ticket: u64,
    channel: Channel<Option<WeightReading>>,
) {
    let mut last: Option<Option<WeightReading>> = None;
    let mut send = |now: Option<WeightReading>| {
        if last.as_ref().is_some_and(|l| same(l, &now)) {
            return true;
        }
        last = Some(now.clone());
        channel.send(now).is_ok() // false: the page that asked is gone
    };
    while watchers.is_current(ticket) {
        let Some(desk) = slot.current() else {
            if !send(None) {
                return;
            }
            let _ = tokio::time::timeout(STILL_WANTED_EVERY, slot.changed()).await;
            continue;
        };
        let mut rx = desk.weight_updates();
        if !send(rx.borrow_and_update().clone()) {
            return;
        }
        loop {
            tokio::select! {
                changed = rx.changed() => {
                    if changed.is_err() {
                        break;
                    }
                    let now = rx.borrow_and_update().clone();
                    if !send(now) {
                        return;
                    }
                }
                _ = slot.changed() => break,
                _ = tokio::time::sleep(STILL_WANTED_EVERY) => {
                    if !watchers.is_current(ticket) {
                        return;
                    }
                }
            }
        }
    }
}

/// Forwards every serial scan the station handled to the UI (`serial-scan`).
pub async fn forward_serial_scans<R: Runtime>(app: AppHandle<R>, slot: DeskSlot) {
    loop {
        let Ok(desk) = slot.desk().await else { return };
        let mut rx = desk.serial_scans();
        loop {
            tokio::select! {
                event = rx.recv() => match event {
                    Ok(event) => {
                        if let Err(e) = app.emit(SERIAL_SCAN, event) {
                            tracing::warn!(error = %e, "could not notify the UI");
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        // Shipped and logged all the same; only the banners were skipped.
                        tracing::warn!(skipped = n, "serial scan events dropped for a slow UI");
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                },
                _ = slot.changed() => break,
            }
        }
    }
}

/// Tells the UI when ports come and go or a device's link changes (`devices-changed`).
pub async fn forward_device_changes<R: Runtime>(app: AppHandle<R>, slot: DeskSlot) {
    loop {
        let Ok(desk) = slot.desk().await else { return };
        let mut rx = desk.devices_changed();
        // A new desk has other devices: the page re-reads them.
        if let Err(e) = app.emit(DEVICES_CHANGED, ()) {
            tracing::warn!(error = %e, "could not notify the UI");
        }
        loop {
            tokio::select! {
                changed = rx.changed() => {
                    if changed.is_err() {
                        break;
                    }
                    rx.mark_unchanged();
                    if let Err(e) = app.emit(DEVICES_CHANGED, ()) {
                        tracing::warn!(error = %e, "could not notify the UI");
                    }
                }
                _ = slot.changed() => break,
            }
        }
    }
}

/// Only the newest `watch_scanner` stream runs; `unwatch_scanner` ends it. While one runs the
/// serial scanner is in test mode (ships nothing), so ending it promptly matters.
#[derive(Clone, Default)]
pub struct ScannerWatchers(Arc<(AtomicU64, tokio::sync::Notify)>);

impl ScannerWatchers {
    pub fn next_ticket(&self) -> u64 {
        let ticket = self.0.0.fetch_add(1, Ordering::SeqCst) + 1;
        self.0.1.notify_waiters();
        ticket
    }

    pub fn stop_all(&self) {
        self.next_ticket();
    }

    fn is_current(&self, ticket: u64) -> bool {
        self.0.0.load(Ordering::SeqCst) == ticket
    }
}

/// Sends the serial scanner's scans to the test screen until it stops watching; the scanner
/// returns to shipping when `test` is dropped here.
pub async fn stream_scanner_test(
    slot: DeskSlot,
    watchers: ScannerWatchers,
    ticket: u64,
    mut test: ScannerTest,
    channel: Channel<ScanTestEvent>,
) {
    while watchers.is_current(ticket) {
        tokio::select! {
            event = test.recv() => match event {
                Some(event) => {
                    if channel.send(event).is_err() {
                        break;
                    }
                }
                None => break,
            },
            _ = watchers.0.1.notified() => {}
            // A stop that raced the line above is still seen within a second.
            _ = tokio::time::sleep(STILL_WANTED_EVERY) => {}
            _ = slot.changed() => break,
        }
    }
    drop(test);
    tracing::info!("scanner test mode ended");
}
