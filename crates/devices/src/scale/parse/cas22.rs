//! CAS indicators' 22-byte stream (CI-150A/200/400/600D/6000A, NT-200, PDS):
//! `HH , GG , I L , DDDDDDDD sep UU` where `I` is the device ID, `L` a **binary** lamp byte
//! (b7 always 1, b6 stable), `sep` a blank (or a relay-status byte on relay models) and `UU`
//! `kg` or ` t`.
use super::fields::{Cursor, grams, search, unrecognized};
use crate::scale::{FrameError, Reading};

const HEADERS: [&[u8]; 3] = [b"ST", b"US", b"OL"];
const WEIGHT_KINDS: [&[u8]; 2] = [b"GS", b"NT"];
const LAMP_MARKER: u8 = 0x80;
const LAMP_STABLE: u8 = 0x40;

pub(super) fn parse(frame: &[u8]) -> Result<Reading, FrameError> {
    search(frame, &HEADERS, parse_at)
}

fn parse_at(c: &mut Cursor<'_>) -> Result<Reading, FrameError> {
    let header = c.one_of(&HEADERS).ok_or_else(unrecognized)?;
    c.expect(b",")?;
    c.one_of(&WEIGHT_KINDS).ok_or_else(unrecognized)?;
    c.expect(b",")?;
    let device_id = c.byte().ok_or_else(unrecognized)?;
    let lamp = c.byte().ok_or_else(unrecognized)?;
    if !device_id.is_ascii_graphic() || lamp & LAMP_MARKER == 0 {
        return Err(unrecognized());
    }
    c.expect(b",")?;
    // The tail is read from its end: the unit is the last two bytes and the byte before it is
    // a separator that relay models overwrite, so it must not be interpreted.
    let tail = c.rest();
    let [data @ .., _separator, u1, u2] = tail else {
        return Err(unrecognized());
    };
    if header == b"OL" {
        return Ok(Reading::overload());
    }
    let stable = header == b"ST" && lamp & LAMP_STABLE != 0;
    Ok(Reading::weight(grams(data, &[*u1, *u2])?, stable))
}
