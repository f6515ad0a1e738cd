//! The station's serial scanner: a thread that takes each scan off the devices crate's reader
//! and hands its bytes to the desk (which ships, or shows it on the test screen).
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use packdesk_devices::scanner::{ScannerConfig, ScannerEvent, ScannerReader};
use parking_lot::Mutex;

use super::config::ScannerSetup;
use super::error::DeviceError;
use super::threads::{Notify, join_unless_self};

/// Bounds how long closing waits for the thread.
const RECV_EVERY: Duration = Duration::from_millis(100);

/// What a scan's bytes are handed to (on the scanner's thread, one scan at a time, in order).
pub type ScanSink = Arc<dyn Fn(Vec<u8>) + Send + Sync>;

#[derive(Debug, Default)]
pub struct ScannerShared {
    /// Why the port is gone, while it is.
    pub lost: Mutex<Option<String>>,
    pub scans: AtomicU64,
}

pub struct StationScanner {
    pub shared: Arc<ScannerShared>,
    stop: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl StationScanner {
    pub fn open(
        setup: ScannerSetup,
        sink: ScanSink,
        on_change: Notify,
    ) -> Result<Self, DeviceError> {
        let config = ScannerConfig {
            baud: setup.baud.unwrap_or(ScannerConfig::default().baud),
            ..ScannerConfig::default()
        };
        let reader = ScannerReader::open(&setup.port, config)?;
        let shared = Arc::new(ScannerShared::default());
        let (stop, stop_rx) = mpsc::channel();
        let worker = Worker {
            reader,
            shared: shared.clone(),
            sink,
            on_change,
            stop: stop_rx,
        };
        let thread = std::thread::Builder::new()
            .name("station-scanner".into())
            .spawn(move || worker.run())
            .map_err(|e| {
                DeviceError::Scanner(packdesk_devices::scanner::ScannerError::Open {
                    path: setup.port.clone(),
                    reason: e.to_string(),
                })
            })?;
        Ok(Self {
            shared,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for StationScanner {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take() {
            join_unless_self(thread, "station scanner");
        }
    }
}

struct Worker {
    reader: ScannerReader,
    shared: Arc<ScannerShared>,
    sink: ScanSink,
    on_change: Notify,
    stop: mpsc::Receiver<()>,
}

impl Worker {
    fn run(self) {
        loop {
            if !matches!(self.stop.try_recv(), Err(mpsc::TryRecvError::Empty)) {
                return;
            }
            match self.reader.recv_timeout(RECV_EVERY) {
                Ok(ScannerEvent::Scan(scan)) => {
                    self.shared.scans.fetch_add(1, Ordering::Relaxed);
                    (self.sink)(scan.raw);
                }
                Ok(ScannerEvent::Disconnected { message }) => {
                    tracing::warn!(reason = %message, "station scanner disconnected");
                    *self.shared.lost.lock() = Some(message);
                    (self.on_change)();
                }
                Ok(ScannerEvent::Reconnected) => {
                    tracing::info!("station scanner reconnected");
                    *self.shared.lost.lock() = None;
                    (self.on_change)();
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}
