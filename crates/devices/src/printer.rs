//! Raw printer transports: a network printer's TCP 9100 (JetDirect/RAW) port or a file.
//!
//! The bytes (ZPL, TSPL, ESC/POS, PDF) come from the label renderer; this module only moves them.
mod connection;
mod error;
mod uri;

pub use connection::{PrinterConnection, print_raw};
pub use error::PrinterError;
pub use uri::{DEFAULT_RAW_PORT, PrinterUri};
