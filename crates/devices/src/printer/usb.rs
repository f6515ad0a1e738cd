//! USB printer class (interface class 7) without a spooler: the job goes to the printer
//! interface's bulk OUT endpoint through libusb. On Linux the usblp driver usually owns that
//! interface; it is detached for the job and given back afterwards, so `/dev/usb/lpN` (also
//! accepted, written like a file) reappears. Listing needs no permission; printing needs
//! write access to the device (udev rule or the `lp` group).
//!
//! Not exercised by the automated tests: the CI containers have no USB bus at all.
use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;
use std::time::Duration;

use rusb::{Device, DeviceHandle, Direction, GlobalContext, TransferType, UsbContext as _};

use super::PrinterUri;
use super::error::{PrinterError, offline};

pub(crate) const PRINTER_CLASS: u8 = 0x07;
/// Bulk writes are split so a failure loses at most this much from the count of bytes sent
/// (libusb reports nothing of a transfer that timed out).
const CHUNK: usize = 4096;

/// An open, claimed printer interface. Dropping it releases the interface and gives it back
/// to the kernel driver it was taken from.
pub(super) struct UsbPrinter {
    handle: DeviceHandle<GlobalContext>,
    interface: u8,
    endpoint: u8,
    timeout: Duration,
    reattach: bool,
}

/// Where a printer interface's bulk OUT endpoint is.
struct PrinterInterface {
    interface: u8,
    setting: u8,
    endpoint: u8,
}

impl UsbPrinter {
    pub(super) fn open(
        uri: &PrinterUri,
        vid: u16,
        pid: u16,
        serial: Option<&str>,
        timeout: Duration,
    ) -> Result<Self, PrinterError> {
        let devices = rusb::devices()
            .map_err(|e| offline(uri, format!("cannot list USB devices: {e}"), Some(0)))?;
        let mut refused = None;
        for device in devices.iter() {
            let Ok(desc) = device.device_descriptor() else {
                continue;
            };
            if (desc.vendor_id(), desc.product_id()) != (vid, pid) {
                continue;
            }
            let handle = match device.open() {
                Ok(handle) => handle,
                Err(e) => {
                    // Not ours to open; another device with the same IDs may be.
                    refused = Some(e);
                    continue;
                }
            };
            let picked = serial.is_none_or(|want| {
                port_path(&device).as_deref() == Some(want)
                    || handle
                        .read_serial_number_string_ascii(&desc)
                        .ok()
                        .as_deref()
                        == Some(want)
            });
            if picked {
                return Self::claim(uri, &device, handle, timeout);
            }
        }
        Err(match refused {
            Some(rusb::Error::Access) => PrinterError::AccessDenied {
                uri: uri.to_string(),
                reason: "the USB device cannot be opened by this user".into(),
            },
            Some(e) => offline(uri, format!("cannot open the USB device: {e}"), Some(0)),
            None => offline(uri, "no such USB device is connected", Some(0)),
        })
    }

    fn claim(
        uri: &PrinterUri,
        device: &Device<GlobalContext>,
        handle: DeviceHandle<GlobalContext>,
        timeout: Duration,
    ) -> Result<Self, PrinterError> {
        let found = printer_interface(device).ok_or_else(|| PrinterError::Unsupported {
            uri: uri.to_string(),
            reason: "the USB device has no printer interface with a bulk OUT endpoint".into(),
        })?;
        let fail = |e: rusb::Error| usb_error(uri, e, Some(0));
        let reattach = rusb::supports_detach_kernel_driver()
            && handle
                .kernel_driver_active(found.interface)
                .unwrap_or(false);
        if reattach {
            handle.detach_kernel_driver(found.interface).map_err(fail)?;
        }
        let printer = Self {
            handle,
            interface: found.interface,
            endpoint: found.endpoint,
            timeout,
            reattach,
        };
        // From here on Drop gives the interface back, whatever fails.
        printer
            .handle
            .claim_interface(found.interface)
            .map_err(fail)?;
        if found.setting != 0 {
            printer
                .handle
                .set_alternate_setting(found.interface, found.setting)
                .map_err(fail)?;
        }
        tracing::debug!(printer = %uri, interface = found.interface, endpoint = found.endpoint, "USB printer claimed");
        Ok(printer)
    }

    /// Writes all of `bytes`, adding each chunk the device took to `sent`.
    pub(super) fn write(&self, bytes: &[u8], sent: &mut u64) -> Result<(), rusb::Error> {
        for chunk in bytes.chunks(CHUNK) {
            let mut done = 0;
            while done < chunk.len() {
                let n = self
                    .handle
                    .write_bulk(self.endpoint, &chunk[done..], self.timeout)?;
                if n == 0 {
                    return Err(rusb::Error::Io);
                }
                done += n;
                *sent += n as u64;
            }
        }
        Ok(())
    }
}

impl Drop for UsbPrinter {
    fn drop(&mut self) {
        if let Err(e) = self.handle.release_interface(self.interface) {
            tracing::debug!(error = %e, "could not release the USB printer interface");
        }
        if self.reattach
            && let Err(e) = self.handle.attach_kernel_driver(self.interface)
        {
            tracing::debug!(error = %e, "could not give the USB printer back to its kernel driver");
        }
    }
}

pub(super) fn usb_error(uri: &PrinterUri, e: rusb::Error, sent: Option<u64>) -> PrinterError {
    match e {
        rusb::Error::Access => PrinterError::AccessDenied {
            uri: uri.to_string(),
            reason: e.to_string(),
        },
        rusb::Error::Busy => offline(
            uri,
            "the printer is in use by another program (a spooler's USB backend?)",
            sent,
        ),
        // Unplugged, stalled, timed out (no paper, lid open, switched off mid-job) …
        other => offline(uri, other, sent),
    }
}

/// The first interface (and alternate setting) of class 7 with a bulk OUT endpoint.
fn printer_interface<T: rusb::UsbContext>(device: &Device<T>) -> Option<PrinterInterface> {
    let config = device
        .active_config_descriptor()
        .or_else(|_| device.config_descriptor(0))
        .ok()?;
    config.interfaces().find_map(|interface| {
        interface.descriptors().find_map(|setting| {
            if setting.class_code() != PRINTER_CLASS {
                return None;
            }
            setting
                .endpoint_descriptors()
                .find(|ep| {
                    ep.direction() == Direction::Out && ep.transfer_type() == TransferType::Bulk
                })
                .map(|ep| PrinterInterface {
                    interface: setting.interface_number(),
                    setting: setting.setting_number(),
                    endpoint: ep.address(),
                })
        })
    })
}

/// Where the device is plugged in, spelled like Linux sysfs (`1-1.2`): the printer's stand-in
/// for a serial number when it has none, stable while it stays in the same socket.
fn port_path<T: rusb::UsbContext>(device: &Device<T>) -> Option<String> {
    let ports = device.port_numbers().ok()?;
    if ports.is_empty() {
        return None;
    }
    let ports: Vec<String> = ports.iter().map(u8::to_string).collect();
    Some(format!("{}-{}", device.bus_number(), ports.join(".")))
}

/// A USB printer on this machine, as listed by libusb (Windows, macOS: Linux lists from sysfs).
#[cfg_attr(target_os = "linux", allow(dead_code))]
pub(super) struct FoundUsbPrinter {
    pub vid: u16,
    pub pid: u16,
    pub tail: Option<String>,
    pub product: Option<String>,
    pub manufacturer: Option<String>,
}

/// Every USB device with a printer interface libusb can see; nothing when it cannot look.
#[cfg_attr(target_os = "linux", allow(dead_code))]
pub(super) fn usb_printers() -> Vec<FoundUsbPrinter> {
    let Ok(context) = rusb::Context::new() else {
        return Vec::new();
    };
    let Ok(devices) = context.devices() else {
        return Vec::new();
    };
    devices
        .iter()
        .filter(|d| printer_interface(d).is_some())
        .filter_map(|device| {
            let desc = device.device_descriptor().ok()?;
            // Strings need the device opened; without permission we still list it by IDs.
            let handle = device.open().ok();
            let string = |read: fn(
                &DeviceHandle<rusb::Context>,
                &rusb::DeviceDescriptor,
            ) -> rusb::Result<String>| {
                handle
                    .as_ref()
                    .and_then(|h| read(h, &desc).ok())
                    .filter(|s| !s.trim().is_empty())
            };
            let serial = string(|h, d| h.read_serial_number_string_ascii(d));
            Some(FoundUsbPrinter {
                vid: desc.vendor_id(),
                pid: desc.product_id(),
                tail: serial.or_else(|| port_path(&device)),
                product: string(|h, d| h.read_product_string_ascii(d)),
                manufacturer: string(|h, d| h.read_manufacturer_string_ascii(d)),
            })
        })
        .collect()
}

/// Opens a Linux usblp node (`/dev/usb/lp0`) for writing.
pub(super) fn open_node(uri: &PrinterUri, path: &Path) -> Result<File, PrinterError> {
    OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => PrinterError::AccessDenied {
                uri: uri.to_string(),
                reason: e.to_string(),
            },
            // Missing node (unplugged) or a device that went away.
            _ => offline(uri, e, Some(0)),
        })
}
