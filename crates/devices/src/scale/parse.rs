//! Frame parsers, one pure function per protocol: `&[u8]` in, [`Reading`] out.
mod and_standard;
mod cas22;
mod fields;
mod generic;

use std::fmt;
use std::str::FromStr;

use super::{FrameError, Reading};

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
}

impl Protocol {
    pub const ALL: [Protocol; 4] = [
        Protocol::Auto,
        Protocol::Cas22,
        Protocol::AndStandard,
        Protocol::Generic,
    ];

    /// Stable identifier for settings files and the UI.
    pub fn id(self) -> &'static str {
        match self {
            Protocol::Auto => "auto",
            Protocol::Cas22 => "cas22",
            Protocol::AndStandard => "and-standard",
            Protocol::Generic => "generic",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Protocol::Auto => "any known scale",
            Protocol::Cas22 => "CAS 22-byte",
            Protocol::AndStandard => "A&D standard",
            Protocol::Generic => "ST,GS indicator",
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
        Protocol::Auto => parse_auto(frame),
    };
    result.map_err(|e| match e {
        FrameError::Unrecognized { .. } => FrameError::Unrecognized {
            protocol: protocol.label(),
        },
        other => other,
    })
}

/// The three formats are structurally exclusive (CAS has the ID/lamp field, A&D standard has
/// no second header), so at most one matches; the most specific failure is reported.
fn parse_auto(frame: &[u8]) -> Result<Reading, FrameError> {
    let mut failure = None;
    for parse in [cas22::parse, generic::parse, and_standard::parse] {
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
