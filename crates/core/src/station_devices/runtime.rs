//! The station's device runtime, held by the desk: the configured scale and serial scanner
//! (opened from the settings, re-opened when they change), the channels the shell listens on
//! (`serial-scan`, `devices-changed`), and the scanner test mode.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use packdesk_devices::scale::{LinkState, Protocol, detect};
use parking_lot::Mutex;
use tokio::sync::{broadcast, watch};

use crate::desk::{Desk, Inner};
use crate::dto::{
    DeviceLink, DeviceList, ScaleDeviceState, ScaleProtocolDto, ScanSource, ScanTestEvent,
    ScannerDeviceState, SerialScanEvent, WeightReading,
};

use super::config::{self, ScaleConfig, ScannerSetup};
use super::discovery;
use super::error::{DeviceError, DeviceRole};
use super::scale::{StationScale, disconnected};
use super::scan_test;
use super::scanner::{ScanSink, StationScanner};
use super::threads::Notify;
use super::watcher::Watcher;

/// A port that failed to open (busy, detection found nothing) is tried again after this.
const RETRY_FAILED_AFTER: Duration = Duration::from_secs(10);
/// Serial scans kept for a slow listener before the oldest are dropped (the scan itself is
/// never lost: it is shipped and logged whether or not anyone listens).
const SCAN_EVENTS: usize = 256;

/// Korean and English, for the device page.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    ko: String,
    en: String,
}

impl From<&DeviceError> for Problem {
    fn from(e: &DeviceError) -> Self {
        match e {
            // A configured device that is unplugged: it opens by itself when it comes back.
            DeviceError::PortNotFound { port, role } => Problem {
                ko: format!(
                    "{} 포트 {port}가 연결되어 있지 않습니다. 다시 연결하면 자동으로 열립니다.",
                    role.ko()
                ),
                en: format!(
                    "the {} port {port} is not connected; it opens when plugged back in",
                    role.en()
                ),
            },
            other => Problem {
                ko: other.message_ko(),
                en: other.to_string(),
            },
        }
    }
}

#[derive(Default)]
struct Slots {
    /// What the settings say (may be `auto`); the open scale has the detected protocol.
    scale_config: Option<ScaleConfig>,
    scale: Option<StationScale>,
    scale_problem: Option<Problem>,
    scale_retry_at: Option<Instant>,
    scanner_setup: Option<ScannerSetup>,
    scanner: Option<StationScanner>,
    scanner_problem: Option<Problem>,
    scanner_retry_at: Option<Instant>,
}

pub(crate) struct StationDevices {
    slots: Mutex<Slots>,
    /// One opener at a time (set/clear commands and the hot-plug watcher). Never taken while
    /// `slots` is held.
    opening: Mutex<()>,
    changed: Arc<watch::Sender<u64>>,
    /// The live reading of the configured scale, as `Desk::weight` would answer now.
    weights: Arc<watch::Sender<Option<WeightReading>>>,
    scans: broadcast::Sender<SerialScanEvent>,
    tests: broadcast::Sender<ScanTestEvent>,
    testers: Arc<AtomicUsize>,
    watcher: Mutex<Option<Watcher>>,
}

impl Default for StationDevices {
    fn default() -> Self {
        Self {
            slots: Mutex::new(Slots::default()),
            opening: Mutex::new(()),
            changed: Arc::new(watch::Sender::new(0)),
            weights: Arc::new(watch::Sender::new(None)),
            scans: broadcast::channel(SCAN_EVENTS).0,
            tests: broadcast::channel(SCAN_EVENTS).0,
            testers: Arc::new(AtomicUsize::new(0)),
            watcher: Mutex::new(None),
        }
    }
}

/// While a value of this lives, serial scans are shown on the scanner test screen and NOT
/// shipped. Dropping it (the test screen closed) returns the scanner to the station.
pub struct ScannerTest {
    rx: broadcast::Receiver<ScanTestEvent>,
    testers: Arc<AtomicUsize>,
}

impl ScannerTest {
    /// The next serial scan; None once the desk is gone.
    pub async fn recv(&mut self) -> Option<ScanTestEvent> {
        loop {
            match self.rx.recv().await {
                Ok(event) => return Some(event),
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }
}

impl Drop for ScannerTest {
    fn drop(&mut self) {
        self.testers.fetch_sub(1, Ordering::SeqCst);
    }
}

fn validate_baud(baud: Option<u32>) -> Result<(), DeviceError> {
    match baud {
        Some(b) if !(50..=4_000_000).contains(&b) => Err(DeviceError::BadBaud(b)),
        _ => Ok(()),
    }
}

impl StationDevices {
    pub fn notify(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    fn notifier(&self) -> Notify {
        let changed = self.changed.clone();
        Arc::new(move || changed.send_modify(|n| *n = n.wrapping_add(1)))
    }

    pub fn changes(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    pub fn weights(&self) -> watch::Receiver<Option<WeightReading>> {
        self.weights.subscribe()
    }

    /// Something was opened or closed: the live reading follows.
    fn publish_weight(&self) {
        super::scale::publish(&self.weights, self.weight());
    }

    pub fn serial_scans(&self) -> broadcast::Receiver<SerialScanEvent> {
        self.scans.subscribe()
    }

    pub fn scanner_test(&self) -> ScannerTest {
        let rx = self.tests.subscribe();
        self.testers.fetch_add(1, Ordering::SeqCst);
        ScannerTest {
            rx,
            testers: self.testers.clone(),
        }
    }

    /// Hands serial scans to whatever desk is still open (the thread must not keep it alive).
    fn scan_sink(desk: &Desk) -> ScanSink {
        let weak: Weak<Inner> = Arc::downgrade(&desk.inner);
        Arc::new(move |raw: Vec<u8>| {
            let Some(inner) = weak.upgrade() else { return };
            let desk = Desk { inner };
            desk.inner.devices.handle_serial_scan(&desk, &raw);
        })
    }

    /// A serial scan goes the keyboard wedge's way: decoded, shipped (or refused), announced.
    fn handle_serial_scan(&self, desk: &Desk, raw: &[u8]) {
        let test = scan_test::build(desk, ScanSource::Serial, raw);
        if self.testers.load(Ordering::SeqCst) > 0 {
            // Test mode: the packer is trying the scanner, not shipping.
            let _ = self.tests.send(test);
            return;
        }
        let text = String::from_utf8_lossy(raw);
        let event = match desk.ship_scan(&text) {
            Ok(outcome) => SerialScanEvent {
                outcome: Some(outcome),
                error: None,
                test,
            },
            Err(e) => SerialScanEvent {
                outcome: None,
                error: Some(e.payload()),
                test,
            },
        };
        let _ = self.scans.send(event);
    }

    pub fn ensure_watcher(&self, desk: &Desk) {
        let mut watcher = self.watcher.lock();
        if watcher.is_none() {
            match Watcher::start(Arc::downgrade(&desk.inner)) {
                Ok(w) => *watcher = Some(w),
                Err(e) => tracing::warn!(error = %e, "device watcher not started"),
            }
        }
    }

    /// Opens what the settings name and is not open yet; closes what they no longer name.
    /// `wait`: block for a concurrent opener (commands) or skip this round (the watcher).
    pub fn reconcile(&self, desk: &Desk, wait: bool) {
        let _opening = if wait {
            self.opening.lock()
        } else {
            match self.opening.try_lock() {
                Some(guard) => guard,
                None => return,
            }
        };
        let configured = match config::load(&desk.inner.store) {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(code = e.code(), "device settings could not be read");
                return;
            }
        };
        let mut changed = false;
        let now = Instant::now();
        let due = |at: Option<Instant>| at.is_none_or(|at| now >= at);
        let (old_scale, old_scanner, want_scale, want_scanner) = {
            let mut s = self.slots.lock();
            let mut old_scale = None;
            let mut old_scanner = None;
            if s.scale_config != configured.scale {
                old_scale = s.scale.take();
                s.scale_config = configured.scale;
                s.scale_problem = None;
                s.scale_retry_at = None;
                changed = true;
            }
            if s.scanner_setup != configured.scanner {
                old_scanner = s.scanner.take();
                s.scanner_setup = configured.scanner;
                s.scanner_problem = None;
                s.scanner_retry_at = None;
                changed = true;
            }
            let want_scale = s
                .scale_config
                .clone()
                .filter(|_| s.scale.is_none() && due(s.scale_retry_at));
            let want_scanner = s
                .scanner_setup
                .clone()
                .filter(|_| s.scanner.is_none() && due(s.scanner_retry_at));
            (old_scale, old_scanner, want_scale, want_scanner)
        };
        // Closing joins threads; the scanner's may be waiting for `slots` (take_stable_weight).
        drop(old_scale);
        drop(old_scanner);
        let (listed, usb) = if want_scale.is_some() || want_scanner.is_some() {
            (discovery::serial_ports(), discovery::usb_devices())
        } else {
            (Vec::new(), Vec::new())
        };
        if let Some(cfg) = want_scale {
            let result = if discovery::port_present(&cfg.port, &listed, &usb) {
                self.open_scale(cfg)
            } else {
                Err(DeviceError::PortNotFound {
                    port: cfg.port.clone(),
                    role: DeviceRole::Scale,
                })
            };
            let mut s = self.slots.lock();
            changed |= match result {
                Ok(scale) => {
                    s.scale = Some(scale);
                    s.scale_problem = None;
                    true
                }
                Err(e) => {
                    if !matches!(e, DeviceError::PortNotFound { .. }) {
                        s.scale_retry_at = Some(now + RETRY_FAILED_AFTER);
                    }
                    let problem = Some(Problem::from(&e));
                    let new = s.scale_problem != problem;
                    s.scale_problem = problem;
                    new
                }
            };
        }
        if let Some(setup) = want_scanner {
            let result = if discovery::port_present(&setup.port, &listed, &usb) {
                StationScanner::open(setup.clone(), Self::scan_sink(desk), self.notifier())
            } else {
                Err(DeviceError::PortNotFound {
                    port: setup.port.clone(),
                    role: DeviceRole::Scanner,
                })
            };
            let mut s = self.slots.lock();
            changed |= match result {
                Ok(scanner) => {
                    s.scanner = Some(scanner);
                    s.scanner_problem = None;
                    true
                }
                Err(e) => {
                    if !matches!(e, DeviceError::PortNotFound { .. }) {
                        s.scanner_retry_at = Some(now + RETRY_FAILED_AFTER);
                    }
                    let problem = Some(Problem::from(&e));
                    let new = s.scanner_problem != problem;
                    s.scanner_problem = problem;
                    new
                }
            };
        }
        if changed {
            self.publish_weight();
            self.notify();
        }
    }

    /// Opens a scale, detecting its protocol first when the config says `auto`.
    fn open_scale(&self, mut cfg: ScaleConfig) -> Result<StationScale, DeviceError> {
        if cfg.protocol == Protocol::Auto && !cfg.is_usb() {
            let found = detect(&cfg.port)?;
            tracing::info!(protocol = %found.protocol, "scale protocol detected");
            cfg.protocol = found.protocol;
            cfg.detected = true;
        }
        StationScale::open(cfg, self.notifier(), self.weights.clone())
    }

    pub fn set_scale(
        &self,
        desk: &Desk,
        port: &str,
        protocol: &str,
        baud: Option<u32>,
    ) -> Result<ScaleDeviceState, DeviceError> {
        let port = port.trim();
        let protocol: Protocol = protocol.parse().map_err(|_| DeviceError::UnknownProtocol {
            given: protocol.to_owned(),
            known: Protocol::ALL
                .iter()
                .filter(|p| **p != Protocol::Auto)
                .map(|p| p.id())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
        validate_baud(baud)?;
        if protocol == Protocol::Auto && baud.is_some() {
            return Err(DeviceError::AutoWithBaud);
        }
        let opening = self.opening.lock();
        let listed = discovery::serial_ports();
        let usb = discovery::usb_devices();
        if port.is_empty() || !discovery::port_present(port, &listed, &usb) {
            return Err(DeviceError::PortNotFound {
                port: port.to_owned(),
                role: DeviceRole::Scale,
            });
        }
        if self
            .slots
            .lock()
            .scanner_setup
            .as_ref()
            .is_some_and(|s| s.port == port)
        {
            return Err(DeviceError::PortInUse {
                port: port.to_owned(),
                by: DeviceRole::Scanner,
            });
        }
        // The port may be the one open now: close it so detection can open it.
        let old = self.slots.lock().scale.take();
        drop(old);
        let cfg = ScaleConfig {
            port: port.to_owned(),
            protocol,
            baud,
            detected: false,
        };
        let opened = self.open_scale(cfg).and_then(|scale| {
            config::save_scale(&desk.inner.store, Some(&scale.config))?;
            Ok(scale)
        });
        match opened {
            Ok(scale) => {
                let mut s = self.slots.lock();
                s.scale_config = Some(scale.config.clone());
                s.scale = Some(scale);
                s.scale_problem = None;
                s.scale_retry_at = None;
            }
            Err(e) => {
                // Back to what the settings still say.
                self.slots.lock().scale_retry_at = None;
                drop(opening);
                self.reconcile(desk, true);
                return Err(e);
            }
        }
        drop(opening);
        self.publish_weight();
        self.notify();
        self.ensure_watcher(desk);
        Ok(self.scale_state())
    }

    pub fn clear_scale(&self, desk: &Desk) -> Result<(), DeviceError> {
        let _opening = self.opening.lock();
        config::save_scale(&desk.inner.store, None)?;
        let old = {
            let mut s = self.slots.lock();
            s.scale_config = None;
            s.scale_problem = None;
            s.scale.take()
        };
        drop(old);
        self.publish_weight();
        self.notify();
        Ok(())
    }

    pub fn set_scanner(
        &self,
        desk: &Desk,
        port: &str,
        baud: Option<u32>,
    ) -> Result<ScannerDeviceState, DeviceError> {
        let port = port.trim();
        validate_baud(baud)?;
        let opening = self.opening.lock();
        let listed = discovery::serial_ports();
        if port.is_empty()
            || discovery::is_usb(port)
            || !discovery::port_present(port, &listed, &[])
        {
            return Err(DeviceError::PortNotFound {
                port: port.to_owned(),
                role: DeviceRole::Scanner,
            });
        }
        if self
            .slots
            .lock()
            .scale_config
            .as_ref()
            .is_some_and(|s| s.port == port)
        {
            return Err(DeviceError::PortInUse {
                port: port.to_owned(),
                by: DeviceRole::Scale,
            });
        }
        let old = self.slots.lock().scanner.take();
        drop(old);
        let setup = ScannerSetup {
            port: port.to_owned(),
            baud,
        };
        let opened = StationScanner::open(setup.clone(), Self::scan_sink(desk), self.notifier())
            .and_then(|scanner| {
                config::save_scanner(&desk.inner.store, Some(&setup))?;
                Ok(scanner)
            });
        match opened {
            Ok(scanner) => {
                let mut s = self.slots.lock();
                s.scanner_setup = Some(setup);
                s.scanner = Some(scanner);
                s.scanner_problem = None;
                s.scanner_retry_at = None;
            }
            Err(e) => {
                self.slots.lock().scanner_retry_at = None;
                drop(opening);
                self.reconcile(desk, true);
                return Err(e);
            }
        }
        drop(opening);
        self.notify();
        self.ensure_watcher(desk);
        Ok(self.scanner_state())
    }

    pub fn clear_scanner(&self, desk: &Desk) -> Result<(), DeviceError> {
        let _opening = self.opening.lock();
        config::save_scanner(&desk.inner.store, None)?;
        let old = {
            let mut s = self.slots.lock();
            s.scanner_setup = None;
            s.scanner_problem = None;
            s.scanner.take()
        };
        drop(old);
        self.notify();
        Ok(())
    }

    pub fn weight(&self) -> Option<WeightReading> {
        let s = self.slots.lock();
        s.scale_config.as_ref()?;
        match &s.scale {
            Some(scale) => scale.weight(),
            None => Some(disconnected()),
        }
    }

    pub fn take_stable_weight(&self) -> Option<u32> {
        let grams = self.slots.lock().scale.as_ref()?.take()?;
        tracing::info!(grams, "stable weight taken for a parcel");
        Some(grams)
    }

    pub fn offered_stable_weight(&self) -> Option<u32> {
        self.slots.lock().scale.as_ref()?.offered()
    }

    pub fn use_stable_weight(&self, grams: u32) -> bool {
        let used = self
            .slots
            .lock()
            .scale
            .as_ref()
            .is_some_and(|s| s.take_if(grams));
        if used {
            tracing::info!(grams, "stable weight used for a parcel");
        }
        used
    }

    pub fn scale_state(&self) -> ScaleDeviceState {
        let s = self.slots.lock();
        let Some(cfg) = &s.scale_config else {
            return ScaleDeviceState {
                port: None,
                protocol: None,
                detected: false,
                baud: None,
                link: DeviceLink::NotConfigured,
                message_ko: None,
                message_en: None,
                frames: 0,
                garbled: 0,
                last_frame: None,
            };
        };
        let Some(scale) = &s.scale else {
            return ScaleDeviceState {
                port: Some(cfg.port.clone()),
                protocol: Some(cfg.protocol.id().to_owned()),
                detected: cfg.detected,
                baud: (!cfg.is_usb()).then(|| cfg.line_settings().baud),
                link: DeviceLink::Disconnected,
                message_ko: s.scale_problem.as_ref().map(|p| p.ko.clone()),
                message_en: s.scale_problem.as_ref().map(|p| p.en.clone()),
                frames: 0,
                garbled: 0,
                last_frame: None,
            };
        };
        let status = scale.status();
        let (link, message_ko, message_en) = match &status.link {
            LinkState::Connected => (DeviceLink::Connected, None, None),
            LinkState::Disconnected { message } => (
                DeviceLink::Disconnected,
                Some(format!(
                    "저울 연결이 끊겼습니다 ({message}). 케이블을 확인해 주세요. 다시 연결되면 자동으로 이어집니다."
                )),
                Some(format!(
                    "the scale is disconnected ({message}); it resumes when plugged back in"
                )),
            ),
        };
        ScaleDeviceState {
            port: Some(scale.config.port.clone()),
            protocol: Some(scale.protocol_id().to_owned()),
            detected: scale.config.detected,
            baud: (!scale.config.is_usb()).then(|| scale.config.line_settings().baud),
            link,
            message_ko,
            message_en,
            frames: status.frames,
            garbled: status.garbled,
            last_frame: status.last_frame.map(|f| f.raw.escape_ascii().to_string()),
        }
    }

    pub fn scanner_state(&self) -> ScannerDeviceState {
        let s = self.slots.lock();
        let Some(setup) = &s.scanner_setup else {
            return ScannerDeviceState {
                port: None,
                baud: None,
                link: DeviceLink::NotConfigured,
                message_ko: None,
                message_en: None,
                scans: 0,
            };
        };
        let baud = Some(setup.baud.unwrap_or(9600));
        let Some(scanner) = &s.scanner else {
            return ScannerDeviceState {
                port: Some(setup.port.clone()),
                baud,
                link: DeviceLink::Disconnected,
                message_ko: s.scanner_problem.as_ref().map(|p| p.ko.clone()),
                message_en: s.scanner_problem.as_ref().map(|p| p.en.clone()),
                scans: 0,
            };
        };
        let lost = scanner.shared.lost.lock().clone();
        let (link, message_ko, message_en) = match lost {
            None => (DeviceLink::Connected, None, None),
            Some(message) => (
                DeviceLink::Disconnected,
                Some(format!(
                    "스캐너 연결이 끊겼습니다 ({message}). 다시 연결되면 자동으로 이어집니다."
                )),
                Some(format!(
                    "the scanner is disconnected ({message}); it resumes when plugged back in"
                )),
            ),
        };
        ScannerDeviceState {
            port: Some(setup.port.clone()),
            baud,
            link,
            message_ko,
            message_en,
            scans: scanner.shared.scans.load(Ordering::Relaxed),
        }
    }

    pub fn device_list(&self) -> DeviceList {
        let mut serial = discovery::serial_ports();
        let usb = discovery::usb_devices();
        let (scale_port, scanner_port) = {
            let s = self.slots.lock();
            (
                s.scale_config.as_ref().map(|c| c.port.clone()),
                s.scanner_setup.as_ref().map(|c| c.port.clone()),
            )
        };
        for (port, role) in [(scale_port, "scale"), (scanner_port, "scanner")] {
            let Some(port) = port else { continue };
            if discovery::is_usb(&port) {
                continue;
            }
            match serial.iter_mut().find(|p| p.path == port) {
                Some(listed) => listed.in_use = Some(role.into()),
                // Simulators' ptys are not enumerated by the OS: show them while they exist.
                None if std::path::Path::new(&port).exists() => {
                    serial.push(crate::dto::SerialPortDto {
                        kind: if std::fs::canonicalize(&port)
                            .is_ok_and(|p| p.starts_with("/dev/pts"))
                        {
                            "virtual".into()
                        } else {
                            "unknown".into()
                        },
                        path: port,
                        vid: None,
                        pid: None,
                        manufacturer: None,
                        product: None,
                        in_use: Some(role.into()),
                    });
                }
                None => {}
            }
        }
        DeviceList {
            serial,
            usb,
            scale: self.scale_state(),
            scanner: self.scanner_state(),
            protocols: Protocol::ALL
                .iter()
                .map(|p| ScaleProtocolDto {
                    id: p.id().to_owned(),
                    name: match p {
                        Protocol::Auto => "Auto-detect (자동 감지)".to_owned(),
                        other => other.label().to_owned(),
                    },
                })
                .collect(),
        }
    }
}
