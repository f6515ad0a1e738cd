//! Station hardware: printer transports and serial scale protocols.
//!
//! Everything here is blocking or thread-based on purpose: printers and scales are slow,
//! stateful devices, and callers (the Tauri shell, the CLI) decide where to run them.
pub mod printer;
pub mod scale;
pub mod scanner;
mod serial_line;
