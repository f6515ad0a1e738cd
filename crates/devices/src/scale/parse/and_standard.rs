//! A&D balance "standard format" (GX/GF/GH/FX/GC): `ST,+0001.234 kg`, `ST,+00081.72  g`,
//! overload `OL,+9999999E+19`. With the comparator on, a `LO`/`OK`/`HI` field may precede the
//! weight; `QT` is piece counting and carries no weight.
use super::fields::{Cursor, grams, search, unrecognized};
use crate::scale::{FrameError, Reading};

const HEADERS: [&[u8]; 4] = [b"ST", b"US", b"OL", b"QT"];
const COMPARATOR: [&[u8]; 3] = [b"LO,", b"OK,", b"HI,"];

pub(super) fn parse(frame: &[u8]) -> Result<Reading, FrameError> {
    search(frame, &HEADERS, parse_at)
}

fn parse_at(c: &mut Cursor<'_>) -> Result<Reading, FrameError> {
    let header = c.one_of(&HEADERS).ok_or_else(unrecognized)?;
    c.expect(b",")?;
    c.one_of(&COMPARATOR);
    match c.rest().first() {
        Some(b'+' | b'-' | b' ' | b'0'..=b'9') => {}
        _ => return Err(unrecognized()),
    }
    match header {
        b"OL" => return Ok(Reading::overload()),
        b"QT" => return Err(FrameError::NotAWeight { mode: "QT".into() }),
        _ => {}
    }
    let number = c.take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b' ' | b'+' | b'-'));
    let unit = c.take_while(|b| b.is_ascii_alphabetic());
    c.skip_spaces();
    c.expect_end()?;
    Ok(Reading::weight(grams(number, unit)?, header == b"ST"))
}
