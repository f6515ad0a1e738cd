//! Raw printer transports: a network printer's TCP 9100 (JetDirect/RAW) port, a serial port,
//! a USB printer-class device, the OS print spooler, or a file; and the list of printers this
//! station can see.
//!
//! The bytes (ZPL, TSPL, ESC/POS, PDF) come from the label renderer; this module only moves them.
mod connection;
mod error;
mod list;
mod serial;
mod spooler;
mod tcp;
mod uri;
mod usb;

pub use connection::{PrinterConnection, print_raw};
pub use error::PrinterError;
pub use list::{KIND_NETWORK, KIND_SERIAL, KIND_SPOOLER, KIND_USB, PrinterInfo, list_printers};
pub use uri::{DEFAULT_RAW_PORT, DEFAULT_SERIAL_BAUD, PrinterUri, SerialFlow, UsbPrinterId};
