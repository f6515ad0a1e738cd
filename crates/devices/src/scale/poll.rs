//! What to send to a scale that only talks when asked. The timing (at least 200 ms between
//! commands for the 8217) is the caller's; this only knows the bytes and the ECR handshake.
use super::Protocol;
use super::parse::cas_ecr::{ACK, NAK};

pub const ENQ: u8 = 0x05;
pub const DC1: u8 = 0x11;

/// Request bytes per protocol and the ECR two-step handshake (ENQ → ACK → DC1 → block).
#[derive(Debug)]
pub struct Poller {
    protocol: Protocol,
}

impl Poller {
    pub fn new(protocol: Protocol) -> Self {
        Self { protocol }
    }

    /// The request to send on each poll tick; `None` for streaming protocols.
    pub fn request(&self) -> Option<&'static [u8]> {
        match self.protocol {
            Protocol::Toledo8217 => Some(b"W"),
            // `SI` (immediate) rather than `S`: `S` blocks until stable, which hides motion
            // from the live display.
            Protocol::MtSics => Some(b"SI\r\n"),
            Protocol::CasEcr => Some(&[ENQ]),
            // Adam answers only a new, non-zero, stable weight and beeps on repeats; there is
            // no other way to ask.
            Protocol::Adam => Some(b"P\r\n"),
            _ => None,
        }
    }

    /// What to send in answer to a received frame (the DC1 after the ECR ACK, a fresh ENQ
    /// after a NAK).
    pub fn reply_to(&self, raw: &[u8]) -> Option<&'static [u8]> {
        match (self.protocol, raw) {
            (Protocol::CasEcr, [ACK]) => Some(&[DC1]),
            (Protocol::CasEcr, [NAK]) => Some(&[ENQ]),
            _ => None,
        }
    }
}
