//! Work the shell does on its own: deliver the outbox periodically and stream the scale.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use packdesk_core::dto::WeightReading;
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Runtime};

use crate::desk_slot::DeskSlot;
use crate::events::{COLLECT_PROGRESS, OUTBOX_SYNCED, SYNC_FAILED};

/// How often tracking numbers owed to the shop are pushed without anyone pressing 전송.
const SYNC_EVERY: Duration = Duration::from_secs(30);
/// Scale poll period: fast enough that the number settles as the parcel settles.
const WEIGHT_EVERY: Duration = Duration::from_millis(200);

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

pub async fn stream_weight(
    slot: DeskSlot,
    watchers: WeightWatchers,
    ticket: u64,
    channel: Channel<Option<WeightReading>>,
) {
    let mut tick = tokio::time::interval(WEIGHT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut last: Option<Option<WeightReading>> = None;
    while watchers.is_current(ticket) {
        tick.tick().await;
        let now = slot.current().and_then(|desk| desk.weight());
        if last.as_ref().is_some_and(|l| same(l, &now)) {
            continue;
        }
        if channel.send(now.clone()).is_err() {
            break; // the page that asked is gone
        }
        last = Some(now);
    }
}
