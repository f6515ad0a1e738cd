//! A thread that owns a serial / CDC-ACM scanner port and delivers each scan as an event.
//! Scans are queued, never overwritten: a packer's scan must not be lost because the UI was
//! busy. Unplugging is reported and the port reopened when it comes back.
use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use serialport::{ClearBuffer, SerialPort};

use super::{Affixes, Scan, ScanFramer, ScannerError, Terminator};

/// Bounds how long `close` waits for the thread: the port is read with this timeout.
const READ_TIMEOUT: Duration = Duration::from_millis(100);
/// How often a lost port (scanner unplugged) is tried again.
const RECONNECT_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannerConfig {
    /// Ignored by CDC-ACM (USB) scanners; matters for real RS-232 ones (9600 8N1 by default).
    pub baud: u32,
    pub terminator: Terminator,
    /// Prefix/suffix the scanner was programmed to add; stripped when present.
    pub affixes: Affixes,
}

impl Default for ScannerConfig {
    fn default() -> Self {
        Self {
            baud: 9600,
            terminator: Terminator::Any,
            affixes: Affixes::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScannerEvent {
    Scan(Scan),
    /// The port went away (unplugged, closed); the reader keeps trying to reopen it.
    Disconnected {
        message: String,
    },
    Reconnected,
}

pub struct ScannerReader {
    path: String,
    events: mpsc::Receiver<ScannerEvent>,
    stop: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl ScannerReader {
    /// Opens the port now (so a wrong path fails here) and starts the reader thread.
    pub fn open(path: &str, config: ScannerConfig) -> Result<Self, ScannerError> {
        let open_error = |reason: String| ScannerError::Open {
            path: path.to_owned(),
            reason,
        };
        let port = open_port(path, config.baud).map_err(|e| open_error(e.to_string()))?;
        let (events_tx, events) = mpsc::channel();
        let (stop, stop_rx) = mpsc::channel();
        let worker = Worker {
            path: path.to_owned(),
            config,
            events: events_tx,
            stop: stop_rx,
        };
        let thread = std::thread::Builder::new()
            .name("scanner-reader".into())
            .spawn(move || worker.run(port))
            .map_err(|e| open_error(e.to_string()))?;
        tracing::info!(port = path, "scanner reader started");
        Ok(Self {
            path: path.to_owned(),
            events,
            stop,
            thread: Some(thread),
        })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Waits up to `timeout` for the next event.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<ScannerEvent, mpsc::RecvTimeoutError> {
        self.events.recv_timeout(timeout)
    }

    pub fn try_recv(&self) -> Result<ScannerEvent, mpsc::TryRecvError> {
        self.events.try_recv()
    }

    /// Stops the thread and closes the port (within about 100 ms).
    pub fn close(self) {
        drop(self);
    }
}

impl Drop for ScannerReader {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!(port = %self.path, "scanner reader thread panicked");
        }
    }
}

fn open_port(path: &str, baud: u32) -> serialport::Result<Box<dyn SerialPort>> {
    let port = serialport::new(path, baud)
        .flow_control(serialport::FlowControl::None)
        .timeout(READ_TIMEOUT)
        .open()?;
    // A half scan left over from before we opened would glue onto the first real one.
    if let Err(e) = port.clear(ClearBuffer::Input) {
        tracing::debug!(port = path, error = %e, "could not clear scanner input buffer");
    }
    Ok(port)
}

struct Worker {
    path: String,
    config: ScannerConfig,
    events: mpsc::Sender<ScannerEvent>,
    stop: mpsc::Receiver<()>,
}

enum Ended {
    Stopped,
    PortLost(String),
}

impl Worker {
    fn run(self, mut port: Box<dyn SerialPort>) {
        loop {
            let message = match self.read_until_lost(port.as_mut()) {
                Ended::Stopped => return,
                Ended::PortLost(message) => message,
            };
            drop(port);
            tracing::warn!(port = %self.path, reason = %message, "scanner disconnected");
            if self
                .events
                .send(ScannerEvent::Disconnected { message })
                .is_err()
            {
                return;
            }
            port = match self.reconnect() {
                Some(port) => port,
                None => return,
            };
            tracing::info!(port = %self.path, "scanner reconnected");
            if self.events.send(ScannerEvent::Reconnected).is_err() {
                return;
            }
        }
    }

    fn read_until_lost(&self, port: &mut dyn SerialPort) -> Ended {
        let mut framer = ScanFramer::new(self.config.terminator);
        let mut buf = [0u8; 512];
        loop {
            if self.stop_requested() {
                return Ended::Stopped;
            }
            match port.read(&mut buf) {
                Ok(0) => return Ended::PortLost("the port was closed".into()),
                Ok(n) => {
                    for frame in framer.push(&buf[..n]) {
                        let scan = Scan::decode(&frame, &self.config.affixes);
                        // Barcodes can be personal data (waybills): log the shape, not the text.
                        tracing::debug!(port = %self.path, symbology = %scan.symbology, len = frame.len(), "scan");
                        if self.events.send(ScannerEvent::Scan(scan)).is_err() {
                            return Ended::Stopped;
                        }
                    }
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::TimedOut
                            | io::ErrorKind::WouldBlock
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Ended::PortLost(e.to_string()),
            }
        }
    }

    /// Retries until the port opens again or the reader is closed.
    fn reconnect(&self) -> Option<Box<dyn SerialPort>> {
        loop {
            match self.stop.recv_timeout(RECONNECT_EVERY) {
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            }
            match open_port(&self.path, self.config.baud) {
                Ok(port) => return Some(port),
                Err(e) => tracing::debug!(port = %self.path, error = %e, "scanner still gone"),
            }
        }
    }

    fn stop_requested(&self) -> bool {
        !matches!(self.stop.try_recv(), Err(mpsc::TryRecvError::Empty))
    }
}
