//! Hot-plug: every second, list the ports and USB devices (a change is announced on the desk's
//! `devices_changed` channel) and open configured devices that were missing or whose settings
//! changed (the CLI may have changed them). Lost links of open devices are the readers' job:
//! they reopen the same port when it comes back.
use std::sync::{Weak, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::desk::{Desk, Inner};

use super::discovery;
use super::threads::join_unless_self;

const WATCH_EVERY: Duration = Duration::from_secs(1);

pub struct Watcher {
    stop: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    pub fn start(desk: Weak<Inner>) -> std::io::Result<Self> {
        let (stop, stop_rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("device-watcher".into())
            .spawn(move || run(&desk, &stop_rx))?;
        Ok(Self {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take() {
            join_unless_self(thread, "device watcher");
        }
    }
}

fn run(desk: &Weak<Inner>, stop: &mpsc::Receiver<()>) {
    let mut last: Option<(Vec<String>, Vec<String>)> = None;
    loop {
        match stop.recv_timeout(WATCH_EVERY) {
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        let Some(inner) = desk.upgrade() else { return };
        let desk = Desk { inner };
        let seen = (
            discovery::serial_ports()
                .into_iter()
                .map(|p| p.path)
                .collect::<Vec<_>>(),
            discovery::usb_devices()
                .into_iter()
                .map(|u| u.id)
                .collect::<Vec<_>>(),
        );
        if last.as_ref().is_some_and(|l| *l != seen) {
            tracing::info!(
                serial = seen.0.len(),
                usb = seen.1.len(),
                "devices plugged or unplugged"
            );
            desk.inner.devices.notify();
        }
        last = Some(seen);
        desk.inner.devices.reconcile(&desk, false);
    }
}
