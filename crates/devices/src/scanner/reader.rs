//! A thread that owns a serial / CDC-ACM scanner port and delivers each scan as an event.
//! Scans are queued, never overwritten: a packer's scan must not be lost because the UI was
//! busy. Unplugging is reported and the port reopened when it comes back.
use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use serialport::{ClearBuffer, SerialPort};

use crate::scale::LineSettings;
use crate::serial_line;

use super::{Affixes, Scan, ScanFramer, ScannerError, Terminator};

/// Bounds how long `close` waits for the thread: the port is read with this timeout.
const READ_TIMEOUT: Duration = Duration::from_millis(100);

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
        let port = serial_line::open(
            path,
            LineSettings::new_8n1(config.baud),
            READ_TIMEOUT,
            ClearBuffer::Input,
        )
        .map_err(|e| open_error(e.to_string()))?;
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
        let settings = LineSettings::new_8n1(self.config.baud);
        serial_line::reopen(&self.path, settings, READ_TIMEOUT, &self.stop, |e| {
            tracing::debug!(port = %self.path, error = %e, "scanner still gone");
        })
    }

    fn stop_requested(&self) -> bool {
        serial_line::stop_requested(&self.stop)
    }
}
