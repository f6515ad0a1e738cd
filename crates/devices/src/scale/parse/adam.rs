//! Adam Equipment print output (AZextra label format 3: `  1.234kg`; CBK/CBW tickets:
//! `GS 1.234 kg`, then `No. 1`, `Total…` lines that carry no weight). Adam scales send only
//! for a new, non-zero, stable weight (on `P` or the PRINT key), so every weight is stable.
use super::fields::{grams, unrecognized};
use crate::scale::{FrameError, Reading};

const LABELS: [&[u8]; 6] = [b"Gross", b"Net", b"GS", b"NT", b"G", b"N"];

pub(super) fn parse(frame: &[u8]) -> Result<Reading, FrameError> {
    let mut rest = frame.trim_ascii();
    if let Some(label) = LABELS.iter().find(|l| rest.starts_with(l)) {
        rest = rest[label.len()..].trim_ascii_start();
        rest = rest.strip_prefix(b":").unwrap_or(rest).trim_ascii_start();
    }
    let number_len = rest
        .iter()
        .take_while(|&&b| b.is_ascii_digit() || matches!(b, b'.' | b' ' | b'-' | b'+'))
        .count();
    let (number, unit) = rest.split_at(number_len);
    if !number.iter().any(u8::is_ascii_digit)
        || unit.is_empty()
        || !unit.iter().all(u8::is_ascii_alphabetic)
    {
        return Err(unrecognized());
    }
    Ok(Reading::weight(grams(number, unit)?, true))
}
