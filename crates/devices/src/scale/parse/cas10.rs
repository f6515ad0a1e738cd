//! CAS "10 bytes" format: `DDDDDDDD CR LF` — eight characters of weight including the decimal
//! point (`000013.5`), in the indicator's unit (kg), and **no status at all**: the frame cannot
//! say whether the weight has settled, so readings are reported as not stable and
//! [`crate::scale::StableWeigher`] infers stability from repeated identical frames.
use super::fields::{grams, unrecognized};
use crate::scale::{FrameError, Reading};

const WIDTH: usize = 8;

pub(super) fn parse(frame: &[u8]) -> Result<Reading, FrameError> {
    // Noise that slipped in before the frame is skipped: the weight is the trailing field.
    let field_len = frame
        .iter()
        .rev()
        .take_while(|&&b| b.is_ascii_digit() || matches!(b, b'.' | b' ' | b'-' | b'+'))
        .count();
    if field_len < WIDTH || !frame[frame.len() - WIDTH..].iter().any(u8::is_ascii_digit) {
        return Err(unrecognized());
    }
    let field = &frame[frame.len() - WIDTH..];
    Ok(Reading::weight(grams(field, b"kg")?, false))
}
