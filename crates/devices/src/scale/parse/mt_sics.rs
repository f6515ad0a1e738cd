//! MT-SICS (Mettler Toledo Standard Interface Command Set): answers to `S` / `SI` / `SIR` are
//! `S S      1.234 kg` (stable), `S D      1.250 kg` (dynamic), `S I` (busy / not settled),
//! `S +` / `S -` (over / under the range); general errors are `ES`, `ET`, `EL`. Fields are
//! split on whitespace because widths vary between balances.
use super::fields::{grams, unrecognized};
use crate::scale::{DeviceFault, FrameError, Reading, ScaleState};

pub(super) fn parse(frame: &[u8]) -> Result<Reading, FrameError> {
    let mut failure = None;
    for start in 0..frame.len() {
        let boundary = start == 0 || !frame[start - 1].is_ascii_alphanumeric();
        if !boundary || !matches!(frame[start], b'S' | b'E') {
            continue;
        }
        match parse_at(&frame[start..]) {
            Ok(reading) => return Ok(reading),
            Err(FrameError::Unrecognized { .. }) => {}
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
    }
    Err(failure.unwrap_or_else(unrecognized))
}

fn parse_at(frame: &[u8]) -> Result<Reading, FrameError> {
    if !frame.is_ascii() {
        return Err(unrecognized());
    }
    let mut tokens = frame
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty());
    let id = tokens.next().ok_or_else(unrecognized)?;
    let status = tokens.next();
    let rest: Vec<&[u8]> = tokens.collect();
    match (id, status) {
        (b"ES", None) => Err(FrameError::Device(DeviceFault::Syntax)),
        (b"ET", None) => Err(FrameError::Device(DeviceFault::Transmission)),
        (b"EL", None) => Err(FrameError::Device(DeviceFault::Logical)),
        (b"S", Some(b"I")) if rest.is_empty() => Err(FrameError::Device(DeviceFault::Busy)),
        (b"S", Some(b"+")) if rest.is_empty() => Ok(Reading::overload()),
        (b"S", Some(b"-")) if rest.is_empty() => Ok(Reading::status_only(ScaleState::UnderZero)),
        (b"S", Some(kind @ (b"S" | b"D"))) => match rest.as_slice() {
            [number, unit] => Ok(Reading::weight(grams(number, unit)?, kind == b"S")),
            // Some balances put the sign apart from the digits: `S S -  0.120 g`.
            [sign @ (b"-" | b"+"), number, unit] => {
                let joined = [*sign, *number].concat();
                Ok(Reading::weight(grams(&joined, unit)?, kind == b"S"))
            }
            _ => Err(unrecognized()),
        },
        _ => Err(unrecognized()),
    }
}
