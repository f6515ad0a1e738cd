//! The station's open scale: the devices crate's reader, plus a feeder thread that shows every
//! new frame to the desk's [`Weighing`] — the "return to zero" between two parcels must be
//! seen even when nobody is asking for a weight.
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use packdesk_devices::scale::{LinkState, STALE_AFTER, ScaleReader, ScaleState, ScaleStatus};
use parking_lot::Mutex;
use tokio::sync::watch;

use crate::dto::WeightReading;

use super::config::ScaleConfig;
use super::error::DeviceError;
use super::threads::{Notify, join_unless_self};
use super::weighing::Weighing;

/// How often the feeder looks for new frames: twice per frame of a 10 Hz indicator. Polling,
/// because the reader only wakes subscribers when the reading changes, and a scale without a
/// stability flag settles by *repeated* identical frames.
const FEED_EVERY: Duration = Duration::from_millis(50);

pub struct StationScale {
    pub config: ScaleConfig,
    reader: ScaleReader,
    weighing: Arc<Mutex<Weighing>>,
    stop: mpsc::Sender<()>,
    feeder: Option<JoinHandle<()>>,
}

impl StationScale {
    /// Opens the port (a wrong path or a busy port fails here) and starts feeding.
    /// `config.protocol` must not be `Auto` (detect first).
    /// `weights` hears every change of the live reading.
    pub fn open(
        config: ScaleConfig,
        on_change: Notify,
        weights: Arc<watch::Sender<Option<WeightReading>>>,
    ) -> Result<Self, DeviceError> {
        // A USB id opens the HID scale; anything else is a serial path.
        let reader = ScaleReader::open_any(&config.port, config.line_settings(), config.protocol)?;
        let weighing = Arc::new(Mutex::new(Weighing::new(config.protocol)));
        let (stop, stop_rx) = mpsc::channel();
        let feeder = Feeder {
            status: reader.subscribe(),
            weighing: weighing.clone(),
            on_change,
            weights,
            stop: stop_rx,
        };
        let feeder = std::thread::Builder::new()
            .name("station-scale".into())
            .spawn(move || feeder.run())
            .map_err(|e| {
                DeviceError::Scale(packdesk_devices::scale::ScaleError::Open {
                    path: config.port.clone(),
                    reason: e.to_string(),
                })
            })?;
        Ok(Self {
            config,
            reader,
            weighing,
            stop,
            feeder: Some(feeder),
        })
    }

    pub fn status(&self) -> ScaleStatus {
        self.reader.status()
    }

    /// The protocol's id (`cas22`, …) or `usb-hid`.
    pub fn protocol_id(&self) -> &'static str {
        self.reader.protocol_id()
    }

    /// The live reading for the UI; `disconnected` while the port is gone.
    pub fn weight(&self) -> Option<WeightReading> {
        reading_of(&self.reader.status())
    }

    /// The settled weight of the parcel on the platform, not taking it.
    pub fn offered(&self) -> Option<u32> {
        self.reader.latest()?;
        let grams = self.weighing.lock().offered()?;
        u32::try_from(grams).ok()
    }

    /// Takes the offered weight only if it is still `grams` (the platform did not change between
    /// a scan reading it and the scan using it).
    pub fn take_if(&self, grams: u32) -> bool {
        if self.reader.latest().is_none() {
            return false;
        }
        let mut weighing = self.weighing.lock();
        if weighing.offered() != Some(i64::from(grams)) {
            return false;
        }
        weighing.take().is_some()
    }

    /// Takes the settled weight of the parcel on the platform (once per parcel).
    pub fn take(&self) -> Option<u32> {
        // Disconnected or silent: the feeder may not have noticed yet; take nothing stale.
        self.reader.latest()?;
        let grams = self.weighing.lock().take()?;
        u32::try_from(grams).ok()
    }
}

/// What the UI shows for a reader's status: nothing while it is silent (no frame for
/// [`STALE_AFTER`]), `disconnected` while the port is gone.
pub fn reading_of(status: &ScaleStatus) -> Option<WeightReading> {
    if let LinkState::Disconnected { .. } = status.link {
        return Some(disconnected());
    }
    let fresh = status
        .last_frame_at
        .is_some_and(|at| at.elapsed() < STALE_AFTER);
    let r = status.reading.filter(|_| fresh)?;
    let state = match r.state {
        ScaleState::Stable => "stable",
        ScaleState::Motion => "motion",
        ScaleState::Overload => "overload",
        ScaleState::UnderZero => "under_zero",
    };
    Some(WeightReading {
        grams: r.grams,
        stable: r.stable,
        state: state.into(),
    })
}

pub fn same_weight(a: &Option<WeightReading>, b: &Option<WeightReading>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.grams == b.grams && a.stable == b.stable && a.state == b.state,
        _ => false,
    }
}

/// Publishes `now` unless it is what subscribers already have.
pub fn publish(tx: &watch::Sender<Option<WeightReading>>, now: Option<WeightReading>) {
    tx.send_if_modified(|current| {
        if same_weight(current, &now) {
            return false;
        }
        *current = now;
        true
    });
}

pub fn disconnected() -> WeightReading {
    WeightReading {
        grams: 0,
        stable: false,
        state: "disconnected".into(),
    }
}

impl Drop for StationScale {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(feeder) = self.feeder.take() {
            join_unless_self(feeder, "station scale feeder");
        }
        // The reader closes its port when it drops, after this.
    }
}

struct Feeder {
    status: tokio::sync::watch::Receiver<ScaleStatus>,
    weighing: Arc<Mutex<Weighing>>,
    on_change: Notify,
    weights: Arc<watch::Sender<Option<WeightReading>>>,
    stop: mpsc::Receiver<()>,
}

impl Feeder {
    fn run(self) {
        let mut frames_seen = 0;
        let mut link = LinkState::Connected;
        loop {
            match self.stop.recv_timeout(FEED_EVERY) {
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
            if self.status.has_changed().is_err() {
                return; // the reader is gone
            }
            let status = self.status.borrow().clone();
            self.feed(&status, &mut link, &mut frames_seen);
            // After feeding: whoever sees this reading can take the weight it offers.
            publish(&self.weights, reading_of(&status));
        }
    }

    fn feed(&self, status: &ScaleStatus, link: &mut LinkState, frames_seen: &mut u64) {
        if status.link != *link {
            *link = status.link.clone();
            if *link != LinkState::Connected {
                self.weighing.lock().link_lost();
            }
            tracing::info!(
                connected = *link == LinkState::Connected,
                "scale link changed"
            );
            (self.on_change)();
        }
        if *link != LinkState::Connected {
            return;
        }
        let fresh = status
            .last_frame_at
            .is_some_and(|at| at.elapsed() < STALE_AFTER);
        if !fresh {
            self.weighing.lock().silent();
            return;
        }
        if status.frames != *frames_seen {
            *frames_seen = status.frames;
            if let Some(reading) = status.reading {
                self.weighing.lock().feed(reading);
            }
        }
    }
}
