//! Finding and opening HID POS scales through hidapi (hidraw on Linux, the OS HID stack on
//! Windows and macOS, where raw USB access to HID devices is not allowed).
use std::ffi::CString;

use hidapi::{HidApi, HidDevice};

use crate::discovery::{UsbId, is_known_hid_scale};

/// HID usage page of point-of-sale scales.
pub const HID_SCALE_USAGE_PAGE: u16 = 0x8D;

/// One HID device (all its top-level collections together).
#[derive(Debug, Clone)]
pub(crate) struct HidDeviceInfo {
    pub vid: u16,
    pub pid: u16,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
    /// The [`UsbId`] tail: serial number, else the USB port (Linux) or the OS device path.
    pub tail: String,
    pub path: CString,
    /// One of its collections is on usage page 0x8D.
    pub scale_page: bool,
}

impl HidDeviceInfo {
    pub fn is_scale(&self) -> bool {
        self.scale_page || is_known_hid_scale(self.vid, self.pid)
    }
}

/// Every HID device hidapi can see; empty (with a log line) when it cannot look.
pub(crate) fn hid_devices() -> Vec<HidDeviceInfo> {
    match HidApi::new() {
        Ok(api) => collect(&api),
        Err(e) => {
            tracing::debug!(error = %e, "HID devices cannot be listed");
            Vec::new()
        }
    }
}

fn collect(api: &HidApi) -> Vec<HidDeviceInfo> {
    let mut devices: Vec<HidDeviceInfo> = Vec::new();
    for info in api.device_list() {
        let scale_page = info.usage_page() == HID_SCALE_USAGE_PAGE;
        // hidapi lists each top-level collection of a device separately, with one path.
        if let Some(seen) = devices
            .iter_mut()
            .find(|d| d.path.as_c_str() == info.path())
        {
            seen.scale_page |= scale_page;
            continue;
        }
        let blank = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let path_text = info.path().to_string_lossy().into_owned();
        let tail = blank(info.serial_number())
            .or_else(|| usb_port(&path_text))
            .unwrap_or(path_text);
        devices.push(HidDeviceInfo {
            vid: info.vendor_id(),
            pid: info.product_id(),
            manufacturer: blank(info.manufacturer_string()),
            product: blank(info.product_string()),
            tail,
            path: info.path().to_owned(),
            scale_page,
        });
    }
    devices
}

#[cfg(target_os = "linux")]
fn usb_port(hidraw: &str) -> Option<String> {
    crate::discovery::usb_port_of_hidraw(hidraw)
}

#[cfg(not(target_os = "linux"))]
fn usb_port(_path: &str) -> Option<String> {
    None
}

/// Opens the HID scale `id` names. A full id whose tail no longer matches (the device path
/// changed on replug and it has no serial number) still opens the scale when exactly one with
/// the same vendor and product ID is attached.
pub(crate) fn open_scale(id: &UsbId) -> Result<(HidDevice, HidDeviceInfo), String> {
    let api = HidApi::new().map_err(|e| e.to_string())?;
    let scales: Vec<HidDeviceInfo> = collect(&api)
        .into_iter()
        .filter(HidDeviceInfo::is_scale)
        .collect();
    let chosen = scales
        .iter()
        .find(|d| id.matches(d.vid, d.pid, &d.tail))
        .or_else(|| {
            let same_model: Vec<&HidDeviceInfo> = scales
                .iter()
                .filter(|d| id.ids.is_some_and(|ids| ids == (d.vid, d.pid)))
                .collect();
            match same_model.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
        .ok_or_else(|| {
            if scales.is_empty() {
                "no USB HID scale is attached".to_owned()
            } else {
                format!("no attached USB HID scale matches {id}")
            }
        })?;
    let device = api.open_path(&chosen.path).map_err(|e| e.to_string())?;
    Ok((device, chosen.clone()))
}
