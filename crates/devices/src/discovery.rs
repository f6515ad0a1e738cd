//! What is plugged into the station: serial ports (scales, scanners in USB-COM mode) and USB
//! devices (HID POS scales, printers). Listing never fails: a machine without USB, without
//! `/sys`, or without permission to look simply has nothing to list, and a port path the
//! operator types in is usable whether or not it was listed.
mod serial;
#[cfg(target_os = "linux")]
mod sysfs;
mod usb;
mod usb_id;

pub use serial::{SerialPortInfo, SerialPortKind, list_serial_ports};
#[cfg(target_os = "linux")]
pub(crate) use sysfs::usb_port_of_hidraw;
pub use usb::{UsbClass, UsbDeviceInfo, is_known_hid_scale, list_usb_devices};
pub use usb_id::{UsbId, UsbIdError};
