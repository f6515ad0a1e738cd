//! The station's own scale and serial scanner, for live and demo desks alike: opened from the
//! settings (`scale.port`, `scale.protocol`, `scale.baud`, `scanner.port`, `scanner.baud`) when
//! the desk opens and re-opened when they change; hot-plug watched; serial scans shipped the
//! way keyboard-wedge scans are.
mod config;
mod discovery;
mod error;
mod runtime;
mod scale;
mod scan_test;
mod scanner;
mod threads;
mod watcher;
mod weighing;

pub(crate) use config::{SCALE_BAUD, SCALE_DETECTED, SCALE_PROTOCOL};
pub use error::{DeviceError, DeviceRole};
pub use runtime::ScannerTest;
pub(crate) use runtime::StationDevices;

use tokio::sync::{broadcast, watch};

use crate::desk::Desk;
use crate::dto::{
    DeviceList, ScaleDeviceState, ScanSource, ScanTestEvent, ScannerDeviceState, SerialScanEvent,
    WeightReading,
};

impl Desk {
    /// Opens the configured scale and scanner and starts watching for hot-plug. Devices that
    /// cannot be opened now are reported on the device page and retried; only a database
    /// failure is an error.
    pub fn open_devices(&self) -> crate::Result<()> {
        crate::station_devices::config::load(&self.inner.store)?;
        self.inner.devices.reconcile(self, true);
        self.inner.devices.ensure_watcher(self);
        Ok(())
    }

    /// The configured scale's live reading (None when no scale is set up or it is silent).
    pub(crate) fn station_weight(&self) -> Option<WeightReading> {
        self.inner.devices.weight()
    }

    /// The live reading of the configured scale whenever it changes (what [`Desk::weight`]
    /// answers), for streaming it to the UI.
    pub fn weight_updates(&self) -> watch::Receiver<Option<WeightReading>> {
        self.inner.devices.weights()
    }

    /// A settled, non-zero weight not yet used for another parcel, taken (so it never carries
    /// over to the next parcel: the platform must be seen empty before another is offered).
    /// None when no scale is configured, it is disconnected or silent, or nothing settled.
    pub fn take_stable_weight(&self) -> Option<u32> {
        self.inner.devices.take_stable_weight()
    }

    /// The settled weight on the platform that a parcel may use, without using it up: a scan
    /// reads it first and calls [`Desk::use_stable_weight`] only once a parcel was weighed with
    /// it (an unknown or repeated scan must not use up the weight of the parcel on the scale).
    pub fn stable_weight(&self) -> Option<u32> {
        self.inner.devices.offered_stable_weight()
    }

    /// Uses up `grams` if it is still the offered weight; false if the platform changed.
    pub fn use_stable_weight(&self, grams: u32) -> bool {
        let used = self.inner.devices.use_stable_weight(grams);
        if used {
            let demo = self.inner.demo.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(demo) = demo.as_ref() {
                demo.next_parcel_on_scale();
            }
        }
        used
    }

    /// Ports and USB devices, the station's scale and scanner, the scale protocols.
    pub fn devices(&self) -> DeviceList {
        self.inner.devices.device_list()
    }

    pub fn scale_state(&self) -> ScaleDeviceState {
        self.inner.devices.scale_state()
    }

    pub fn scanner_state(&self) -> ScannerDeviceState {
        self.inner.devices.scanner_state()
    }

    /// Sets the station's scale: `port` a serial path or USB id, `protocol` an id or `auto`
    /// (detected now, by listening and probing), `baud` overriding the protocol's speed.
    /// The scale is opened before anything is saved; on failure the previous one stays.
    pub fn set_scale(
        &self,
        port: &str,
        protocol: &str,
        baud: Option<u32>,
    ) -> Result<ScaleDeviceState, DeviceError> {
        self.inner.devices.set_scale(self, port, protocol, baud)
    }

    pub fn clear_scale(&self) -> Result<(), DeviceError> {
        self.inner.devices.clear_scale(self)
    }

    /// Sets the station's serial / CDC-ACM scanner; its scans ship parcels like wedge scans.
    pub fn set_scanner(
        &self,
        port: &str,
        baud: Option<u32>,
    ) -> Result<ScannerDeviceState, DeviceError> {
        self.inner.devices.set_scanner(self, port, baud)
    }

    pub fn clear_scanner(&self) -> Result<(), DeviceError> {
        self.inner.devices.clear_scanner(self)
    }

    /// What the scanner test screen shows for a keyboard-wedge scan (nothing is shipped).
    pub fn decode_scan(&self, raw: &str) -> ScanTestEvent {
        scan_test::build(self, ScanSource::Keyboard, raw.as_bytes())
    }

    /// Every serial scan the station handled: the shipment or the refusal, and the decoding.
    pub fn serial_scans(&self) -> broadcast::Receiver<SerialScanEvent> {
        self.inner.devices.serial_scans()
    }

    /// Changes on every hot-plug (a port or USB device came or went) and link change.
    pub fn devices_changed(&self) -> watch::Receiver<u64> {
        self.inner.devices.changes()
    }

    /// Scanner test mode: while the returned value lives, serial scans are delivered to it and
    /// NOT shipped. Drop it when the test screen closes.
    pub fn scanner_test(&self) -> ScannerTest {
        self.inner.devices.scanner_test()
    }
}
