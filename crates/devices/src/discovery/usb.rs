//! USB devices worth showing on the device page: HID POS scales first of all, printers, and
//! the rest (so an operator can see that the cable is at least detected).
use crate::scale::hid::{HidDeviceInfo, hid_devices};

use super::UsbId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsbDeviceInfo {
    /// `usb:VVVV:PPPP:serial-or-path`; pass it to `ScaleReader::open_usb`.
    pub id: String,
    pub vid: u16,
    pub pid: u16,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
    pub class: UsbClass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UsbClass {
    /// A HID device with a POS scale collection (usage page 0x8D), or a known postal scale.
    HidScale,
    /// USB printer class (0x07).
    Printer,
    Other,
}

impl UsbClass {
    /// Stable identifier for the UI.
    pub fn id(self) -> &'static str {
        match self {
            UsbClass::HidScale => "hid_scale",
            UsbClass::Printer => "printer",
            UsbClass::Other => "other",
        }
    }
}

/// VID:PID of USB postal scales (erjiang/usbscale's scales.h, hardware reference §1.3). They
/// all declare usage page 0x8D; the list catches one whose descriptor could not be read.
const KNOWN_HID_SCALES: [(u16, u16); 11] = [
    (0x1446, 0x6a73), // Stamps.com 510
    (0x7b7c, 0x0100), // USPS / Elane PS311
    (0x2474, 0x0550), // Stamps.com 5 lb
    (0x2474, 0x3550), // Stamps.com 35 lb
    (0x0eb8, 0xf000), // Mettler Toledo USB postal
    (0x6096, 0x0158), // Sanford / Dymo 10 lb
    (0x0b67, 0x555e), // Fairbanks SCB-R9000
    (0x0922, 0x8003), // Dymo M10
    (0x0922, 0x8004), // Dymo M25
    (0x0922, 0x8009), // Dymo S180 / S250
    (0x0d8f, 0x0200), // Pitney Bowes 397-B
];

pub fn is_known_hid_scale(vid: u16, pid: u16) -> bool {
    KNOWN_HID_SCALES.contains(&(vid, pid))
}

const HID_CLASS: u8 = 0x03;
const PRINTER_CLASS: u8 = 0x07;

/// Every USB device found, HID scales first. Never fails: no USB bus, no `/sys`, or no
/// permission gives an empty (or shorter) list.
///
/// On Linux every USB device is listed from sysfs; elsewhere only HID devices are (through
/// hidapi), which covers scales, while printers there are found through the OS spooler.
pub fn list_usb_devices() -> Vec<UsbDeviceInfo> {
    let hid = hid_devices();
    let mut devices = platform_devices(&hid);
    // HID scales the platform listing missed (Bluetooth HID, sysfs unreadable).
    for scale in hid.iter().filter(|d| d.is_scale()) {
        let id = UsbId::new(scale.vid, scale.pid, scale.tail.clone()).to_string();
        if !devices.iter().any(|d| d.id == id) {
            devices.push(from_hid(scale));
        }
    }
    devices.sort_by_key(|d| (d.class != UsbClass::HidScale, d.id.clone()));
    devices
}

fn from_hid(device: &HidDeviceInfo) -> UsbDeviceInfo {
    UsbDeviceInfo {
        id: UsbId::new(device.vid, device.pid, device.tail.clone()).to_string(),
        vid: device.vid,
        pid: device.pid,
        manufacturer: device.manufacturer.clone(),
        product: device.product.clone(),
        class: if device.is_scale() {
            UsbClass::HidScale
        } else {
            UsbClass::Other
        },
    }
}

#[cfg(target_os = "linux")]
fn platform_devices(hid: &[HidDeviceInfo]) -> Vec<UsbDeviceInfo> {
    super::sysfs::usb_devices()
        .into_iter()
        .map(|d| {
            let tail = d.serial.clone().unwrap_or_else(|| d.port.clone());
            let scale_seen = hid
                .iter()
                .any(|h| h.is_scale() && h.vid == d.vid && h.pid == d.pid && h.tail == tail);
            let class = if scale_seen
                || (is_known_hid_scale(d.vid, d.pid) && d.interface_classes.contains(&HID_CLASS))
            {
                UsbClass::HidScale
            } else if d.interface_classes.contains(&PRINTER_CLASS) {
                UsbClass::Printer
            } else {
                UsbClass::Other
            };
            UsbDeviceInfo {
                id: UsbId::new(d.vid, d.pid, tail).to_string(),
                vid: d.vid,
                pid: d.pid,
                manufacturer: d.manufacturer,
                product: d.product,
                class,
            }
        })
        .collect()
}

#[cfg(not(target_os = "linux"))]
fn platform_devices(hid: &[HidDeviceInfo]) -> Vec<UsbDeviceInfo> {
    let mut devices: Vec<UsbDeviceInfo> = Vec::new();
    for device in hid {
        let info = from_hid(device);
        if !devices.iter().any(|d| d.id == info.id) {
            devices.push(info);
        }
    }
    devices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_without_usb_is_empty_not_an_error() {
        // This runs everywhere, including CI containers without a USB bus: it must return.
        let devices = list_usb_devices();
        for d in &devices {
            assert!(d.id.starts_with("usb:"), "{d:?}");
            assert!(d.id.parse::<UsbId>().is_ok(), "{d:?}");
        }
    }

    #[test]
    fn known_scales() {
        assert!(is_known_hid_scale(0x0922, 0x8003));
        assert!(!is_known_hid_scale(0x046d, 0xc52b));
    }
}
