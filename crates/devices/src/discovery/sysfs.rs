//! Linux: USB devices read from `/sys/bus/usb/devices` (what `lsusb` shows), without libusb
//! or libudev. Missing directories or unreadable files just mean fewer details.
use std::path::{Path, PathBuf};

const USB_DEVICES: &str = "/sys/bus/usb/devices";
const HUB_CLASS: u8 = 0x09;

pub(super) struct SysfsUsbDevice {
    /// Where it is plugged in, e.g. `1-1.2` (bus 1, port 1, hub port 2): stable across replugs
    /// into the same socket.
    pub port: String,
    pub vid: u16,
    pub pid: u16,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
    pub serial: Option<String>,
    /// `bInterfaceClass` of each interface (0x03 HID, 0x07 printer, …).
    pub interface_classes: Vec<u8>,
}

pub(super) fn usb_devices() -> Vec<SysfsUsbDevice> {
    let Ok(entries) = std::fs::read_dir(USB_DEVICES) else {
        return Vec::new();
    };
    let mut devices: Vec<SysfsUsbDevice> = entries
        .filter_map(Result::ok)
        .filter_map(|e| read_device(&e.path()))
        .collect();
    devices.sort_by(|a, b| a.port.cmp(&b.port));
    devices
}

fn read_device(dir: &Path) -> Option<SysfsUsbDevice> {
    let port = dir.file_name()?.to_str()?.to_owned();
    // Interfaces (`1-1.2:1.0`) and root hubs (`usb1`) are not devices to show.
    if port.contains(':') || port.starts_with("usb") {
        return None;
    }
    if read_hex_u8(dir, "bDeviceClass") == Some(HUB_CLASS) {
        return None;
    }
    let vid = read_hex_u16(dir, "idVendor")?;
    let pid = read_hex_u16(dir, "idProduct")?;
    let interface_classes = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_name()
                        .to_str()
                        .is_some_and(|n| n.starts_with(&format!("{port}:")))
                })
                .filter_map(|e| read_hex_u8(&e.path(), "bInterfaceClass"))
                .collect()
        })
        .unwrap_or_default();
    Some(SysfsUsbDevice {
        vid,
        pid,
        manufacturer: read_text(dir, "manufacturer"),
        product: read_text(dir, "product"),
        serial: read_text(dir, "serial"),
        interface_classes,
        port,
    })
}

/// The USB port (`1-1.2`) a hidraw node (`/dev/hidraw3`) belongs to: hidraw numbers change on
/// every replug, the port does not.
pub(crate) fn usb_port_of_hidraw(hidraw: &str) -> Option<String> {
    let name = Path::new(hidraw).file_name()?;
    let device: PathBuf = Path::new("/sys/class/hidraw")
        .join(name)
        .join("device")
        .canonicalize()
        .ok()?;
    device
        .ancestors()
        .find(|dir| dir.join("idVendor").is_file())
        .and_then(|dir| dir.file_name()?.to_str().map(str::to_owned))
}

fn read_text(dir: &Path, file: &str) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(file)).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn read_hex_u16(dir: &Path, file: &str) -> Option<u16> {
    u16::from_str_radix(&read_text(dir, file)?, 16).ok()
}

fn read_hex_u8(dir: &Path, file: &str) -> Option<u8> {
    u8::from_str_radix(&read_text(dir, file)?, 16).ok()
}
