//! A virtual serial label printer on a pseudo-terminal: the station opens the slave path like
//! `/dev/ttyUSB0` and writes its job; the printer reads the master, keeps every byte and decodes
//! each ZPL label as its `^XZ` arrives. `unplug` closes the master, so the station's next write
//! fails as it would with the cable pulled.
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use super::{WaitTimeout, zpl};

/// How long one read of the master waits, bounding how late an unplug is noticed.
const READ_SLICE: Duration = Duration::from_millis(20);

pub struct VirtualSerialPrinter {
    path: String,
    shared: Arc<Shared>,
    /// Stops the reader thread, which owns (and on stopping closes) the pty master.
    stop: Mutex<Option<(mpsc::Sender<()>, JoinHandle<()>)>>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    bytes: Vec<u8>,
    labels: Vec<zpl::Label>,
    errors: Vec<zpl::DecodeError>,
}

impl VirtualSerialPrinter {
    /// Opens a pty pair and starts reading. Unix only (there are no ptys elsewhere).
    pub fn start() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use serialport::SerialPort as _;

            let (mut master, slave) = serialport::TTYPort::pair().map_err(std::io::Error::from)?;
            let path = slave
                .name()
                .ok_or_else(|| std::io::Error::other("the pty has no slave path"))?;
            // Our own slave handle stays open: when the last slave handle closes, Linux may drop
            // bytes the station wrote just before closing that we had not read yet (a real
            // printer would have them).
            master.set_timeout(READ_SLICE)?;
            let shared = Arc::new(Shared::default());
            let (stop_tx, stop_rx) = mpsc::channel();
            let reader = {
                let shared = shared.clone();
                std::thread::Builder::new()
                    .name("virtual-serial-printer".into())
                    .spawn(move || read_loop(master, slave, &shared, &stop_rx))?
            };
            tracing::debug!(port = %path, "virtual serial printer started");
            Ok(Self {
                path,
                shared,
                stop: Mutex::new(Some((stop_tx, reader))),
            })
        }
        #[cfg(not(unix))]
        {
            Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "the virtual serial printer needs a pseudo-terminal and is not supported on this OS",
            ))
        }
    }

    /// The serial device path the station opens (e.g. `/dev/pts/3`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `serial:///dev/pts/N?baud=9600`, the form the station's printer settings take.
    pub fn uri(&self) -> String {
        format!("serial://{}?baud=9600", self.path)
    }

    /// Every byte received so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.shared.state.lock().bytes.clone()
    }

    /// Every label printed so far, in the order received.
    pub fn labels(&self) -> Vec<zpl::Label> {
        self.shared.state.lock().labels.clone()
    }

    /// ZPL the printer could not make sense of.
    pub fn decode_errors(&self) -> Vec<zpl::DecodeError> {
        self.shared.state.lock().errors.clone()
    }

    /// Waits until at least `n` bytes have arrived; returns all of them.
    pub fn wait_for_bytes(&self, n: usize, timeout: Duration) -> Result<Vec<u8>, WaitTimeout> {
        self.wait(timeout, "bytes", n, |s| (s.bytes.len(), s.bytes.clone()))
    }

    /// Waits until at least `n` labels have been printed; returns all of them.
    pub fn wait_for_labels(
        &self,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<zpl::Label>, WaitTimeout> {
        self.wait(timeout, "labels", n, |s| (s.labels.len(), s.labels.clone()))
    }

    fn wait<T>(
        &self,
        timeout: Duration,
        what: &'static str,
        wanted: usize,
        read: impl Fn(&State) -> (usize, T),
    ) -> Result<T, WaitTimeout> {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.state.lock();
        loop {
            let (got, value) = read(&state);
            if got >= wanted {
                return Ok(value);
            }
            if self
                .shared
                .changed
                .wait_until(&mut state, deadline)
                .timed_out()
            {
                let (got, _) = read(&state);
                return Err(WaitTimeout { what, wanted, got });
            }
        }
    }

    /// Closes the pty master (returning once it is closed): the station's writes fail from now
    /// on, like a printer whose cable was pulled. Bytes already received are kept.
    pub fn unplug(&self) {
        if let Some((stop, reader)) = self.stop.lock().take() {
            let _ = stop.send(());
            if reader.join().is_err() {
                tracing::error!("virtual serial printer reader panicked");
            }
        }
    }

    pub fn is_plugged(&self) -> bool {
        self.stop.lock().is_some()
    }
}

impl Drop for VirtualSerialPrinter {
    fn drop(&mut self) {
        self.unplug();
    }
}

/// Reads until stopped; returning drops `master`, which hangs the pty up. `_slave` is only held
/// open (see `start`).
#[cfg(unix)]
fn read_loop(
    mut master: serialport::TTYPort,
    _slave: serialport::TTYPort,
    shared: &Shared,
    stop: &mpsc::Receiver<()>,
) {
    use std::io::Read as _;

    let mut decoder = zpl::Decoder::new();
    let mut decoded_upto = 0;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match stop.try_recv() {
            Err(mpsc::TryRecvError::Empty) => {}
            Ok(()) | Err(mpsc::TryRecvError::Disconnected) => return,
        }
        match master.read(&mut buf) {
            Ok(0) => {}
            Ok(n) => {
                let mut state = shared.state.lock();
                state.bytes.extend_from_slice(&buf[..n]);
                while let Some(len) = label_end(&state.bytes[decoded_upto..]) {
                    let segment = state.bytes[decoded_upto..decoded_upto + len].to_vec();
                    decoded_upto += len;
                    match decoder.decode(&segment) {
                        Ok(labels) => state.labels.extend(labels),
                        Err(e) => {
                            tracing::warn!(error = %e, "virtual serial printer got undecodable ZPL");
                            state.errors.push(e);
                        }
                    }
                }
                drop(state);
                shared.changed.notify_all();
            }
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(e) => {
                tracing::warn!(error = %e, "virtual serial printer cannot read its pty");
                return;
            }
        }
    }
}

/// Length of the prefix of `bytes` that ends with the first `^XZ`.
fn label_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(3)
        .position(|w| w.eq_ignore_ascii_case(b"^XZ"))
        .map(|start| start + 3)
}
