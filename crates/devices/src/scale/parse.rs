//! Frame parsers, one pure function per protocol: `&[u8]` in, [`Reading`] out.
mod adam;
mod and_standard;
mod cas10;
mod cas22;
pub(crate) mod cas_ecr;
mod fields;
mod generic;
mod mt_sics;
mod toledo;

use std::fmt;
use std::str::FromStr;

use super::{FrameError, LineSettings, Reading};

/// The wire format a scale speaks. `Auto` tries every format that can be told apart from a
/// single frame; use it only when the operator has not picked one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Protocol {
    #[default]
    Auto,
    /// CAS indicators' 22-byte stream: `ST,GS,1<lamp>,000013.5 kg` (lamp is a binary byte).
    Cas22,
    /// A&D balance standard format: `ST,+0001.234 kg`.
    AndStandard,
    /// The `ST,GS,+0001.234kg` indicator family (A&D indicators, CAS "AND" mode, many OEMs).
    Generic,
    /// CAS 10-byte stream: `000013.5` CR LF, weight only, no status.
    Cas10,
    /// CAS ECR: host sends ENQ, scale ACKs, host sends DC1, scale answers an STX…ETX block.
    CasEcr,
    /// Mettler Toledo 8217: host sends `W`, scale answers `STX 01.234 CR` or `STX ? status CR`.
    Toledo8217,
    /// MT-SICS: host sends `SI` CR LF, balance answers `S S      1.234 kg`.
    MtSics,
    /// Adam Equipment: host sends `P` CR LF, scale prints `  1.234kg` for a new stable weight.
    Adam,
}

/// How a protocol's byte stream is cut into frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Framing {
    /// Lines ended by CR, LF or CR LF.
    Lines,
    /// `STX … CR` (Toledo 8217), where the status byte may be any value.
    StxCr,
    /// `SOH STX … BCC ETX EOT` blocks and single `ACK`/`NAK` bytes (CAS ECR).
    EcrBlock,
}

impl Protocol {
    pub const ALL: [Protocol; 9] = [
        Protocol::Auto,
        Protocol::Cas22,
        Protocol::AndStandard,
        Protocol::Generic,
        Protocol::Cas10,
        Protocol::CasEcr,
        Protocol::Toledo8217,
        Protocol::MtSics,
        Protocol::Adam,
    ];

    /// The protocols that stream on their own, tried by listening during auto-detection.
    pub const STREAMING: [Protocol; 4] = [
        Protocol::Cas22,
        Protocol::Generic,
        Protocol::AndStandard,
        Protocol::Cas10,
    ];

    /// The default port settings from the hardware reference (§1.1). A pty ignores them, a
    /// real port garbles everything when they are wrong.
    pub fn line_settings(self) -> LineSettings {
        match self {
            Protocol::Auto
            | Protocol::Cas22
            | Protocol::Generic
            | Protocol::Cas10
            | Protocol::CasEcr
            | Protocol::MtSics => LineSettings::new_8n1(9600),
            Protocol::AndStandard | Protocol::Toledo8217 => LineSettings::new_7e1(9600),
            Protocol::Adam => LineSettings::new_8n1(4800),
        }
    }

    pub fn framing(self) -> Framing {
        match self {
            Protocol::CasEcr => Framing::EcrBlock,
            Protocol::Toledo8217 => Framing::StxCr,
            _ => Framing::Lines,
        }
    }

    /// The scale only talks when asked (the reader polls it).
    pub fn is_polled(self) -> bool {
        matches!(
            self,
            Protocol::CasEcr | Protocol::Toledo8217 | Protocol::MtSics | Protocol::Adam
        )
    }

    /// Whether frames say if the weight has settled. CAS 10-byte frames don't.
    pub fn reports_stability(self) -> bool {
        self != Protocol::Cas10
    }

    /// Stable identifier for settings files and the UI.
    pub fn id(self) -> &'static str {
        match self {
            Protocol::Auto => "auto",
            Protocol::Cas22 => "cas22",
            Protocol::AndStandard => "and-standard",
            Protocol::Generic => "generic",
            Protocol::Cas10 => "cas10",
            Protocol::CasEcr => "cas-ecr",
            Protocol::Toledo8217 => "toledo",
            Protocol::MtSics => "mtsics",
            Protocol::Adam => "adam",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Protocol::Auto => "any known scale",
            Protocol::Cas22 => "CAS 22-byte",
            Protocol::AndStandard => "A&D standard",
            Protocol::Generic => "ST,GS indicator",
            Protocol::Cas10 => "CAS 10-byte",
            Protocol::CasEcr => "CAS ECR",
            Protocol::Toledo8217 => "Mettler Toledo 8217",
            Protocol::MtSics => "MT-SICS",
            Protocol::Adam => "Adam",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Protocol {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Protocol::ALL
            .into_iter()
            .find(|p| p.id().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown scale protocol '{s}'"))
    }
}

/// Parses one complete frame, with or without its CR LF.
pub fn parse_frame(frame: &[u8], protocol: Protocol) -> Result<Reading, FrameError> {
    let frame = trim_delimiters(frame);
    if frame.is_empty() {
        return Err(FrameError::Empty);
    }
    let result = match protocol {
        Protocol::Cas22 => cas22::parse(frame),
        Protocol::AndStandard => and_standard::parse(frame),
        Protocol::Generic => generic::parse(frame),
        Protocol::Cas10 => cas10::parse(frame),
        Protocol::CasEcr => cas_ecr::parse(frame),
        Protocol::Toledo8217 => toledo::parse(frame),
        Protocol::MtSics => mt_sics::parse(frame),
        Protocol::Adam => adam::parse(frame),
        Protocol::Auto => parse_auto(frame),
    };
    result.map_err(|e| match e {
        FrameError::Unrecognized { .. } => FrameError::Unrecognized {
            protocol: protocol.label(),
        },
        other => other,
    })
}

/// The self-describing line formats are structurally exclusive (CAS has the ID/lamp field, A&D
/// standard has no second header, MT-SICS is space-separated), so at most one matches; the most
/// specific failure is reported. CAS 10-byte and Adam lines are bare numbers that any noise
/// could resemble, so they are only parsed when chosen.
fn parse_auto(frame: &[u8]) -> Result<Reading, FrameError> {
    let mut failure = None;
    for parse in [
        cas22::parse,
        generic::parse,
        and_standard::parse,
        mt_sics::parse,
    ] {
        match parse(frame) {
            Ok(reading) => return Ok(reading),
            Err(FrameError::Unrecognized { .. }) => {}
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
    }
    Err(failure.unwrap_or(FrameError::Unrecognized { protocol: "" }))
}

fn trim_delimiters(mut frame: &[u8]) -> &[u8] {
    while let [rest @ .., b'\r' | b'\n'] = frame {
        frame = rest;
    }
    while let [b'\r' | b'\n', rest @ ..] = frame {
        frame = rest;
    }
    frame
}
