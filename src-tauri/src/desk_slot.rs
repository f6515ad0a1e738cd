//! The managed state holding the `Desk`. It starts empty because the desk opens in the
//! background; commands wait for it instead of failing while the demo is still starting.

use std::sync::Arc;

use packdesk_core::Desk;
use packdesk_core::ErrorPayload;
use tokio::sync::watch;

#[derive(Clone)]
enum Slot {
    Starting,
    Ready(Desk),
    Failed(ErrorPayload),
}

/// Cheap to clone: background tasks hold a copy and always use the current desk, so replacing
/// it (demo → live after connecting a shop) needs no restart of those tasks.
#[derive(Clone)]
pub struct DeskSlot {
    tx: Arc<watch::Sender<Slot>>,
}

impl Default for DeskSlot {
    fn default() -> Self {
        Self::new()
    }
}

impl DeskSlot {
    pub fn new() -> Self {
        DeskSlot {
            tx: Arc::new(watch::Sender::new(Slot::Starting)),
        }
    }

    pub fn set_ready(&self, desk: Desk) {
        self.tx.send_replace(Slot::Ready(desk));
    }

    pub fn set_failed(&self, error: ErrorPayload) {
        self.tx.send_replace(Slot::Failed(error));
    }

    /// The desk if it is open now (never waits).
    pub fn current(&self) -> Option<Desk> {
        match &*self.tx.borrow() {
            Slot::Ready(desk) => Some(desk.clone()),
            Slot::Starting | Slot::Failed(_) => None,
        }
    }

    /// Resolves when the slot changes (the demo desk replaced by the live one): background loops
    /// bound to one desk stop then and start over on the new one.
    pub async fn changed(&self) {
        let mut rx = self.tx.subscribe();
        rx.mark_unchanged();
        if rx.changed().await.is_err() {
            // The slot is gone with the app: never resolve, the runtime is shutting down anyway.
            std::future::pending::<()>().await;
        }
    }

    /// The desk once it is open; the start-up error if it could not be opened.
    pub async fn desk(&self) -> Result<Desk, ErrorPayload> {
        let mut rx = self.tx.subscribe();
        let slot = rx
            .wait_for(|s| !matches!(s, Slot::Starting))
            .await
            .map_err(|_| internal("the desk slot closed"))?
            .clone();
        match slot {
            Slot::Ready(desk) => Ok(desk),
            Slot::Failed(e) => Err(e),
            Slot::Starting => Err(internal("the desk is still starting")),
        }
    }
}

/// For failures of the shell itself (a panicked worker thread), which have no `DeskError`.
pub fn internal(what: &str) -> ErrorPayload {
    ErrorPayload {
        code: "INTERNAL".into(),
        message_ko: format!("앱 내부 오류: {what}"),
        message_en: format!("internal error: {what}"),
    }
}
