//! A thread that owns the scale's port (serial, or a USB HID scale), re-frames the stream,
//! keeps the latest reading and publishes status on a `watch` channel (the UI's live weight,
//! the station's "take weight"). Both transports share this type so callers treat them alike.
mod publish;

pub(crate) use publish::Publisher;

use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serialport::{ClearBuffer, SerialPort};
use tokio::sync::watch;

use crate::discovery::UsbId;
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

/// What the reader is reading from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleSource {
    Serial {
        protocol: Protocol,
        settings: LineSettings,
    },
    /// A USB HID POS scale (usage page 0x8D): one report format, nothing to configure.
    UsbHid,
}

/// The protocol id a USB HID scale shows where serial scales show theirs (`cas22`, …).
pub const USB_HID_PROTOCOL_ID: &str = "usb-hid";

pub struct ScaleReader {
    path: String,
    source: ScaleSource,
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
        let (publisher, status) = Publisher::new(path, protocol.is_polled());
        let (stop, stop_rx) = mpsc::channel();
        let worker = Worker {
            publisher,
            settings,
            protocol,
            stop: stop_rx,
        };
        let thread = spawn("scale-reader", path, move || worker.run(port))?;
        tracing::info!(port = path, %protocol, baud = settings.baud, "scale reader started");
        Ok(Self {
            path: path.to_owned(),
            source: ScaleSource::Serial { protocol, settings },
            status,
            stop,
            thread: Some(thread),
        })
    }

    /// Opens a USB HID POS scale by id: `usb` (the first HID scale attached), `usb:VVVV:PPPP`
    /// or the full `usb:VVVV:PPPP:serial-or-path` from `discovery::list_usb_devices`. The
    /// scale must be attached now (so a wrong id fails here); afterwards unplugging and
    /// replugging behave as for a serial scale. [`ScaleReader::path`] returns `id` as given.
    pub fn open_usb(id: &str) -> Result<Self, ScaleError> {
        let usb_id: UsbId =
            id.parse()
                .map_err(|e: crate::discovery::UsbIdError| ScaleError::Open {
                    path: id.to_owned(),
                    reason: e.to_string(),
                })?;
        let (device, info) =
            super::hid::open_scale(&usb_id).map_err(|reason| ScaleError::Open {
                path: id.to_owned(),
                reason,
            })?;
        let (publisher, status) = Publisher::new(id, false);
        let (stop, stop_rx) = mpsc::channel();
        let worker = super::hid::HidWorker::new(publisher, usb_id, stop_rx);
        let thread = spawn("usb-scale-reader", id, move || worker.run(device))?;
        tracing::info!(
            port = id,
            vid = format_args!("{:04x}", info.vid),
            pid = format_args!("{:04x}", info.pid),
            "USB HID scale reader started"
        );
        Ok(Self {
            path: id.to_owned(),
            source: ScaleSource::UsbHid,
            status,
            stop,
            thread: Some(thread),
        })
    }

    /// Opens `port` whichever kind it is: a USB id (`usb…`) as [`ScaleReader::open_usb`],
    /// anything else as a serial path with `protocol` and `settings`.
    pub fn open_any(
        port: &str,
        settings: LineSettings,
        protocol: Protocol,
    ) -> Result<Self, ScaleError> {
        if UsbId::is_usb_id(port) {
            Self::open_usb(port)
        } else {
            Self::open_with(port, settings, protocol)
        }
    }

    /// The serial path or USB id this reader was opened with.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn source(&self) -> ScaleSource {
        self.source
    }

    /// The protocol's id (`cas22`, `toledo`, …) or [`USB_HID_PROTOCOL_ID`].
    pub fn protocol_id(&self) -> &'static str {
        match self.source {
            ScaleSource::Serial { protocol, .. } => protocol.id(),
            ScaleSource::UsbHid => USB_HID_PROTOCOL_ID,
        }
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

fn spawn(
    name: &str,
    path: &str,
    body: impl FnOnce() + Send + 'static,
) -> Result<JoinHandle<()>, ScaleError> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(body)
        .map_err(|e| ScaleError::Open {
            path: path.to_owned(),
            reason: e.to_string(),
        })
}

struct Worker {
    publisher: Publisher,
    settings: LineSettings,
    protocol: Protocol,
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
            tracing::warn!(port = %self.publisher.path, reason = %message, "scale disconnected");
            self.publisher.set_link(LinkState::Disconnected { message });
            port = match self.reconnect() {
                Some(port) => port,
                None => return,
            };
            tracing::info!(port = %self.publisher.path, "scale reconnected");
            self.publisher.set_link(LinkState::Connected);
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
                        self.publisher.on_frame(frame);
                    }
                    if frames.overflows() != overflows_seen {
                        let new = frames.overflows() - overflows_seen;
                        overflows_seen = frames.overflows();
                        self.publisher.add_garbled(new);
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
        serial_line::reopen(
            &self.publisher.path,
            self.settings,
            READ_TIMEOUT,
            &self.stop,
            |e| self.publisher.still_disconnected(e.to_string()),
        )
    }

    fn stop_requested(&self) -> bool {
        serial_line::stop_requested(&self.stop)
    }
}
