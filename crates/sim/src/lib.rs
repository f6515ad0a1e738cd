//! Simulators that speak the real wire protocols over real sockets and ptys.
//! Used by demo mode (in-process, on loopback) and by tests through the production client code.
// serde_json's json! macro nests deeply for Cafe24's payloads; the default limit was hit once.
#![recursion_limit = "256"]

pub mod cafe24;
pub mod fassto;
pub mod printer;
pub mod scale;
pub mod scanner;
