//! Simulators that speak the real wire protocols over real sockets and ptys.
//! Used by demo mode (in-process, on loopback) and by tests through the production client code.
pub mod cafe24;
pub mod printer;
pub mod scale;
