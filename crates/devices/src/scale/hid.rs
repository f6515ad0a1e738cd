//! USB HID POS scales (Dymo, Stamps.com, Mettler USB postal, Fairbanks, Pitney Bowes): the
//! 6-byte Scale Data Report parsed into a [`super::Reading`], devices found by usage page 0x8D,
//! and the reader thread behind [`super::ScaleReader::open_usb`].
mod device;
mod report;
mod worker;

pub use device::HID_SCALE_USAGE_PAGE;
pub(crate) use device::{HidDeviceInfo, hid_devices, open_scale};
pub use report::{SCALE_DATA_REPORT_ID, SCALE_DATA_REPORT_LEN, parse_hid_report};
pub(crate) use worker::HidWorker;
