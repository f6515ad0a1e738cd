//! Mettler Toledo 8217 / 8213 (Ariva-S protocol option 3, Viva, DIVA, Brecknell/Salter 8217):
//! the host sends `W`, the scale answers `STX WW.WWW CR` (kg), `STX 0WW.WW CR` (lb), a trailing
//! `N` for net, or `STX ? <status> CR` when it has no weight to give. The echo probe answer
//! `STX E CR` is recognised too. The unit is not on the wire: the documented layouts put three
//! decimals in kg and two in lb, which is how the unit is told.
use super::fields::{grams, unrecognized};
use crate::scale::{DeviceFault, FrameError, Reading, ScaleState};

const STX: u8 = 0x02;
const MOTION: u8 = 0x01;
const OVER_CAPACITY: u8 = 0x02;
const UNDER_ZERO: u8 = 0x04;
const OUTSIDE_ZERO_RANGE: u8 = 0x08;
const CENTER_OF_ZERO: u8 = 0x10;

pub(super) fn parse(frame: &[u8]) -> Result<Reading, FrameError> {
    // The last STX starts the frame; anything before it is noise.
    let start = frame
        .iter()
        .rposition(|&b| b == STX)
        .ok_or_else(unrecognized)?;
    let body = &frame[start + 1..];
    match body {
        [b'?', status] => parse_status(*status),
        [b'E'] => Err(FrameError::NotAWeight {
            mode: "echo".into(),
        }),
        [b'?'] => Err(FrameError::Device(DeviceFault::Refused)),
        _ => parse_weight(body),
    }
}

fn parse_weight(body: &[u8]) -> Result<Reading, FrameError> {
    let (number, _net) = match body {
        [number @ .., b'N'] => (number, true),
        number => (number, false),
    };
    if number.is_empty()
        || !number
            .iter()
            .all(|&b| b.is_ascii_digit() || matches!(b, b'.' | b' '))
        || !number.iter().any(u8::is_ascii_digit)
    {
        return Err(unrecognized());
    }
    let decimals = number
        .iter()
        .position(|&b| b == b'.')
        .map_or(0, |p| number.len() - p - 1);
    let unit: &[u8] = if decimals == 2 { b"lb" } else { b"kg" };
    // The scale only sends a weight when no status bit is set: it is settled and in range.
    Ok(Reading::weight(grams(number, unit)?, true))
}

/// Status bits per the 8217 manual and Odoo's Ariva script (`?A`/`?Q` moving, `?B` over,
/// `?D` negative). Bit 7 is parity on a 7-bit line and bits 5–6 are fixed, so they are masked.
fn parse_status(status: u8) -> Result<Reading, FrameError> {
    let status = status & 0x1F;
    if status & OVER_CAPACITY != 0 {
        Ok(Reading::overload())
    } else if status & UNDER_ZERO != 0 {
        Ok(Reading::status_only(ScaleState::UnderZero))
    } else if status & MOTION != 0 {
        Ok(Reading::status_only(ScaleState::Motion))
    } else if status & OUTSIDE_ZERO_RANGE != 0 {
        Err(FrameError::Device(DeviceFault::OutsideZeroRange))
    } else if status & CENTER_OF_ZERO != 0 {
        Ok(Reading::weight(0, true))
    } else {
        Err(FrameError::Device(DeviceFault::Refused))
    }
}
