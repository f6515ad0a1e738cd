//! The one place a reader thread (serial or USB) changes the status everyone watches, so both
//! transports report frames, noise and link changes identically.
use std::time::Instant;

use tokio::sync::watch;

use super::{LinkState, ScaleStatus};
use crate::scale::{Decoded, FrameError};

pub(crate) struct Publisher {
    pub path: String,
    status: watch::Sender<ScaleStatus>,
    /// Handshake bytes (ECR ACK, Toledo echo) come out of a polled protocol's decoder as
    /// "not a weight": they are part of the protocol, not noise.
    polled: bool,
}

impl Publisher {
    pub fn new(path: &str, polled: bool) -> (Self, watch::Receiver<ScaleStatus>) {
        let (status, rx) = watch::channel(ScaleStatus {
            link: LinkState::Connected,
            reading: None,
            last_frame_at: None,
            frames: 0,
            garbled: 0,
            last_frame: None,
        });
        (
            Self {
                path: path.to_owned(),
                status,
                polled,
            },
            rx,
        )
    }

    pub fn on_frame(&self, frame: Decoded) {
        match frame.result {
            Ok(reading) => self.status.send_if_modified(|s| {
                s.frames += 1;
                s.last_frame_at = Some(Instant::now());
                let changed = s.reading != Some(reading);
                s.reading = Some(reading);
                s.last_frame = Some(frame);
                changed
            }),
            Err(FrameError::NotAWeight { .. }) if self.polled => false,
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

    /// Noise runs dropped unseen by the splitter.
    pub fn add_garbled(&self, n: u64) {
        self.status.send_modify(|s| s.garbled += n);
    }

    /// A lost link drops the reading at once: a weight from before the unplug must never be
    /// taken for a parcel weighed after it.
    pub fn set_link(&self, link: LinkState) {
        self.status.send_modify(|s| {
            if link != LinkState::Connected {
                s.reading = None;
                s.last_frame_at = None;
            }
            s.link = link;
        });
    }

    /// A failed reconnection attempt: updates the message, waking watchers only if it changed.
    pub fn still_disconnected(&self, message: String) {
        self.status.send_if_modified(|s| {
            let next = LinkState::Disconnected { message };
            let changed = s.link != next;
            s.link = next;
            changed
        });
    }
}
