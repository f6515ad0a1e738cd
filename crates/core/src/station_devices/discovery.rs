//! What is plugged in, from the devices crate's discovery, as the device page's DTOs.
use packdesk_devices::discovery::{UsbId, list_serial_ports, list_usb_devices};

use crate::dto::{SerialPortDto, UsbDeviceDto};

/// Serial ports the OS lists. Pseudo-terminals (simulators) are not listed; the device page
/// adds the configured ones itself.
pub fn serial_ports() -> Vec<SerialPortDto> {
    list_serial_ports()
        .into_iter()
        .map(|p| SerialPortDto {
            path: p.path,
            kind: p.kind.id().into(),
            vid: p.vid,
            pid: p.pid,
            manufacturer: p.manufacturer,
            product: p.product,
            in_use: None,
        })
        .collect()
}

/// USB devices (HID scales, printers).
pub fn usb_devices() -> Vec<UsbDeviceDto> {
    list_usb_devices()
        .into_iter()
        .map(|u| UsbDeviceDto {
            id: u.id,
            vid: u.vid,
            pid: u.pid,
            manufacturer: u.manufacturer,
            product: u.product,
            class: u.class.id().into(),
        })
        .collect()
}

/// A USB HID scale id (`usb`, `usb:VVVV:PPPP[:…]`) rather than a serial path.
pub fn is_usb(port: &str) -> bool {
    UsbId::is_usb_id(port)
}

/// Whether `port` can be opened now: listed by the OS, or a device node that exists (ptys,
/// `/dev/serial/by-id/…` links, adapters the OS enumeration missed). A USB id must match an
/// attached device (`usb` alone: any HID scale).
pub fn port_present(port: &str, listed: &[SerialPortDto], usb: &[UsbDeviceDto]) -> bool {
    if is_usb(port) {
        let Ok(id) = port.parse::<UsbId>() else {
            return false;
        };
        return usb
            .iter()
            .any(|u| u.class == "hid_scale" && (u.id == port || id_matches(&id, u)));
    }
    listed.iter().any(|p| p.path == port) || std::path::Path::new(port).exists()
}

fn id_matches(id: &UsbId, u: &UsbDeviceDto) -> bool {
    let tail = u.id.splitn(4, ':').nth(3).unwrap_or_default();
    id.matches(u.vid, u.pid, tail)
}
