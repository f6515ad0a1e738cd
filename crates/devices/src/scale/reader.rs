//! A thread that owns the serial port, re-frames the stream, keeps the latest reading and
//! publishes status on a `watch` channel (the UI's live weight, the station's "take weight").
use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serialport::{ClearBuffer, SerialPort};
use tokio::sync::watch;

use crate::serial_line;

use super::{Decoded, Decoder, LineSettings, Poller, Protocol, Reading, ScaleError};

/// A reading older than this is not offered by [`ScaleReader::latest`]: a scale that went
/// silent must not keep answering with its last weight.
pub const STALE_AFTER: Duration = Duration::from_secs(3);
/// Bounds how long `close` waits for the thread: the port is read with this timeout.
const READ_TIMEOUT: Duration = Duration::from_millis(100);
/// How often a polled scale is asked for its weight (the 8217 needs ≥ 200 ms between commands).
const POLL_EVERY: Duration = Duration::from_millis(200);

#[derive(Debug, Clone, PartialEq)]
pub struct ScaleStatus {
    pub link: LinkState,
    /// The last successfully parsed reading since (re)connecting.
    pub reading: Option<Reading>,
    /// When the last good frame arrived.
    pub last_frame_at: Option<Instant>,
    /// Good frames since open. Updated silently: subscribers are woken only when the reading,
    /// the link or the garbled count changes, not 10 times a second for the same weight.
    pub frames: u64,
    /// Frames that did not parse (noise, wrong protocol or line settings), since open.
    pub garbled: u64,
    /// The last frame received, raw and decoded, for a test screen. Updated silently.
    pub last_frame: Option<Decoded>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    Connected,
    Disconnected { message: String },
}

pub struct ScaleReader {
    path: String,
    status: watch::Receiver<ScaleStatus>,
    stop: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl ScaleReader {
    /// Opens `path` at `baud`, 8N1.
    pub fn open(path: &str, baud: u32, protocol: Protocol) -> Result<Self, ScaleError> {
        Self::open_with(path, LineSettings::new_8n1(baud), protocol)
    }

    /// Opens the port now (so a wrong path fails here) and starts the reader thread.
    pub fn open_with(
        path: &str,
        settings: LineSettings,
        protocol: Protocol,
    ) -> Result<Self, ScaleError> {
        let port =
            serial_line::open(path, settings, READ_TIMEOUT, ClearBuffer::Input).map_err(|e| {
                ScaleError::Open {
                    path: path.to_owned(),
                    reason: e.to_string(),
                }
            })?;
        let (status_tx, status) = watch::channel(ScaleStatus {
            link: LinkState::Connected,
            reading: None,
            last_frame_at: None,
            frames: 0,
            garbled: 0,
            last_frame: None,
        });
        let (stop, stop_rx) = mpsc::channel();
        let worker = Worker {
            path: path.to_owned(),
            settings,
            protocol,
            status: status_tx,
            stop: stop_rx,
        };
        let thread = std::thread::Builder::new()
            .name("scale-reader".into())
            .spawn(move || worker.run(port))
            .map_err(|e| ScaleError::Open {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        tracing::info!(port = path, %protocol, baud = settings.baud, "scale reader started");
        Ok(Self {
            path: path.to_owned(),
            status,
            stop,
            thread: Some(thread),
        })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The current reading, if the port is connected and a frame arrived within [`STALE_AFTER`].
    pub fn latest(&self) -> Option<Reading> {
        let status = self.status.borrow();
        let fresh = status
            .last_frame_at
            .is_some_and(|at| at.elapsed() < STALE_AFTER);
        (status.link == LinkState::Connected && fresh)
            .then_some(status.reading)
            .flatten()
    }

    pub fn status(&self) -> ScaleStatus {
        self.status.borrow().clone()
    }

    pub fn subscribe(&self) -> watch::Receiver<ScaleStatus> {
        self.status.clone()
    }

    /// Stops the thread and closes the port (within about 100 ms).
    pub fn close(self) {
        drop(self);
    }
}

impl Drop for ScaleReader {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!(port = %self.path, "scale reader thread panicked");
        }
    }
}

struct Worker {
    path: String,
    settings: LineSettings,
    protocol: Protocol,
    status: watch::Sender<ScaleStatus>,
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
            tracing::warn!(port = %self.path, reason = %message, "scale disconnected");
            self.set_link(LinkState::Disconnected { message });
            port = match self.reconnect() {
                Some(port) => port,
                None => return,
            };
            tracing::info!(port = %self.path, "scale reconnected");
            self.set_link(LinkState::Connected);
        }
    }

    fn read_until_lost(&self, port: &mut dyn SerialPort) -> Ended {
        let mut frames = Decoder::new(self.protocol);
        let poller = Poller::new(self.protocol);
        let mut last_poll: Option<Instant> = None;
        let mut buf = [0u8; 256];
        let mut overflows_seen = 0;
        loop {
            if self.stop_requested() {
                return Ended::Stopped;
            }
            if let Some(request) = poller.request()
                && last_poll.is_none_or(|at| at.elapsed() >= POLL_EVERY)
            {
                last_poll = Some(Instant::now());
                if let Err(e) = port.write_all(request) {
                    return Ended::PortLost(e.to_string());
                }
            }
            match port.read(&mut buf) {
                Ok(0) => return Ended::PortLost("the port was closed".into()),
                Ok(n) => {
                    frames.push(&buf[..n]);
                    while let Some(frame) = frames.next_decoded() {
                        if let Some(reply) = poller.reply_to(&frame.raw)
                            && let Err(e) = port.write_all(reply)
                        {
                            return Ended::PortLost(e.to_string());
                        }
                        self.on_frame(frame);
                    }
                    if frames.overflows() != overflows_seen {
                        let new = frames.overflows() - overflows_seen;
                        overflows_seen = frames.overflows();
                        self.status.send_modify(|s| s.garbled += new);
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

    fn on_frame(&self, frame: Decoded) {
        match frame.result {
            Ok(reading) => self.status.send_if_modified(|s| {
                s.frames += 1;
                s.last_frame_at = Some(Instant::now());
                let changed = s.reading != Some(reading);
                s.reading = Some(reading);
                s.last_frame = Some(frame);
                changed
            }),
            // Handshake bytes (ECR ACK, Toledo echo) are part of the protocol, not noise.
            Err(super::FrameError::NotAWeight { .. }) if self.protocol.is_polled() => false,
            Err(ref e) => {
                tracing::debug!(port = %self.path, frame = %frame.raw.escape_ascii(), error = %e, "garbled scale frame");
                self.status.send_modify(|s| {
                    s.garbled += 1;
                    s.last_frame = Some(frame);
                });
                true
            }
        };
    }

    fn set_link(&self, link: LinkState) {
        self.status.send_modify(|s| {
            if link != LinkState::Connected {
                s.reading = None;
                s.last_frame_at = None;
            }
            s.link = link;
        });
    }

    /// Retries until the port opens again or the reader is closed.
    fn reconnect(&self) -> Option<Box<dyn SerialPort>> {
        serial_line::reopen(&self.path, self.settings, READ_TIMEOUT, &self.stop, |e| {
            let message = e.to_string();
            self.status.send_if_modified(|s| {
                let next = LinkState::Disconnected { message };
                let changed = s.link != next;
                s.link = next;
                changed
            });
        })
    }

    fn stop_requested(&self) -> bool {
        serial_line::stop_requested(&self.stop)
    }
}
