//! The USB HID scale's reader thread: reads input reports, publishes them like serial frames,
//! and on unplug reports Disconnected and looks for the scale again every second.
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hidapi::HidDevice;

use crate::discovery::UsbId;
use crate::scale::reader::Publisher;
use crate::scale::{Decoded, FrameError, LinkState};
use crate::serial_line::{RECONNECT_EVERY, stop_requested};

use super::{SCALE_DATA_REPORT_ID, open_scale, parse_hid_report};

/// Bounds how long a stop waits for the thread.
const READ_TIMEOUT_MS: i32 = 100;
/// Scales that report only on change are asked for a report (GET_REPORT) after this much
/// silence, so a parcel resting on the platform keeps a fresh reading.
const ASK_AFTER: Duration = Duration::from_millis(1_000);

pub(crate) struct HidWorker {
    publisher: Publisher,
    id: UsbId,
    stop: mpsc::Receiver<()>,
}

enum Ended {
    Stopped,
    Lost(String),
}

impl HidWorker {
    pub fn new(publisher: Publisher, id: UsbId, stop: mpsc::Receiver<()>) -> Self {
        Self {
            publisher,
            id,
            stop,
        }
    }

    pub fn run(self, mut device: HidDevice) {
        loop {
            let message = match self.read_until_lost(&device) {
                Ended::Stopped => return,
                Ended::Lost(message) => message,
            };
            drop(device);
            tracing::warn!(port = %self.publisher.path, reason = %message, "USB scale disconnected");
            self.publisher.set_link(LinkState::Disconnected { message });
            device = match self.reconnect() {
                Some(device) => device,
                None => return,
            };
            tracing::info!(port = %self.publisher.path, "USB scale reconnected");
            self.publisher.set_link(LinkState::Connected);
        }
    }

    fn read_until_lost(&self, device: &HidDevice) -> Ended {
        let mut buf = [0u8; 64];
        // The first report after opening can be stale (usbscale discards one).
        let mut skip_first = true;
        let mut last_report = Instant::now();
        let mut can_ask = true;
        loop {
            if stop_requested(&self.stop) {
                return Ended::Stopped;
            }
            match device.read_timeout(&mut buf, READ_TIMEOUT_MS) {
                Ok(0) => {
                    if can_ask && last_report.elapsed() >= ASK_AFTER {
                        last_report = Instant::now();
                        can_ask = self.ask(device);
                    }
                }
                Ok(n) => {
                    last_report = Instant::now();
                    if std::mem::take(&mut skip_first) {
                        continue;
                    }
                    self.on_report(&buf[..n]);
                }
                Err(e) => return Ended::Lost(e.to_string()),
            }
        }
    }

    /// Requests a Scale Data Report over the control pipe; false when the scale (or the OS
    /// backend) does not support it, so it is not asked again until reconnected.
    fn ask(&self, device: &HidDevice) -> bool {
        let mut buf = [0u8; 8];
        buf[0] = SCALE_DATA_REPORT_ID;
        match device.get_input_report(&mut buf) {
            Ok(n) => {
                self.on_report(&buf[..n.min(buf.len())]);
                true
            }
            Err(e) => {
                tracing::debug!(port = %self.publisher.path, error = %e, "the USB scale does not answer GET_REPORT");
                false
            }
        }
    }

    fn on_report(&self, report: &[u8]) {
        let result = parse_hid_report(report);
        // All-zero reports come while the scale wakes up: neither a weight nor noise.
        if result == Err(FrameError::Empty) {
            return;
        }
        self.publisher.on_frame(Decoded {
            raw: report.to_vec(),
            result,
        });
    }

    fn reconnect(&self) -> Option<HidDevice> {
        loop {
            match self.stop.recv_timeout(RECONNECT_EVERY) {
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            }
            match open_scale(&self.id) {
                Ok((device, _)) => return Some(device),
                Err(message) => self.publisher.still_disconnected(message),
            }
        }
    }
}
