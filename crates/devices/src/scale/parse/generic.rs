//! `ST,GS,+0001.234kg` — the comma family of indicators (A&D indicator format, CAS "18 bytes
//! for AND", Selleton, Vector, XK3190, Tiger TI-02 with `US,NT, 001.234,kg`).
//!
//! Shape: `(ST|US|OL) , (GS|NT|TR) , [sign] number [,] [spaces] unit`.
use super::fields::{Cursor, grams, search};
use crate::scale::{FrameError, Reading};

const HEADERS: [&[u8]; 3] = [b"ST", b"US", b"OL"];
const WEIGHT_KINDS: [&[u8]; 3] = [b"GS", b"NT", b"TR"];

pub(super) fn parse(frame: &[u8]) -> Result<Reading, FrameError> {
    search(frame, &HEADERS, parse_at)
}

fn parse_at(c: &mut Cursor<'_>) -> Result<Reading, FrameError> {
    let header = c.one_of(&HEADERS).ok_or_else(super::fields::unrecognized)?;
    c.expect(b",")?;
    c.one_of(&WEIGHT_KINDS)
        .ok_or_else(super::fields::unrecognized)?;
    c.expect(b",")?;
    if header == b"OL" {
        // Overload frames replace the digits with blanks or dashes; there is no weight to read.
        return Ok(Reading::overload());
    }
    let number = c.take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b' ' | b'+' | b'-'));
    c.tag(b",");
    c.skip_spaces();
    let unit = c.take_while(|b| b.is_ascii_alphabetic());
    c.skip_spaces();
    c.expect_end()?;
    Ok(Reading::weight(grams(number, unit)?, header == b"ST"))
}
