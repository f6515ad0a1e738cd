//! Station hardware: printer transports, serial and USB HID scale protocols, scanners, and
//! discovery of the ports and USB devices they are plugged into.
//!
//! Everything here is blocking or thread-based on purpose: printers and scales are slow,
//! stateful devices, and callers (the Tauri shell, the CLI) decide where to run them.
pub mod discovery;
pub mod printer;
pub mod scale;
pub mod scanner;
mod serial_line;
