//! CAS ECR (ENQ/DC1) answer block: `SOH STX STA SIGN WW.WWW UU BCC ETX EOT`. STA is `S`
//! stable or `U` unstable, SIGN a blank, `-`, or `F` for overflow (Ohaus); the weight field is
//! 6 or 7 characters depending on firmware, so the block is located by STX/ETX and the BCC
//! (XOR of the bytes between STX and BCC) is checked instead of trusting offsets. A lone `ACK`
//! or `NAK` is the handshake, not a weight.
use super::fields::{grams, unrecognized};
use crate::scale::{DeviceFault, FrameError, Reading};

pub(crate) const STX: u8 = 0x02;
pub(crate) const ETX: u8 = 0x03;
pub(crate) const ACK: u8 = 0x06;
pub(crate) const NAK: u8 = 0x15;

pub(super) fn parse(frame: &[u8]) -> Result<Reading, FrameError> {
    match frame {
        [ACK] => {
            return Err(FrameError::NotAWeight { mode: "ACK".into() });
        }
        [NAK] => return Err(FrameError::Device(DeviceFault::Refused)),
        _ => {}
    }
    let start = frame
        .iter()
        .position(|&b| b == STX)
        .ok_or_else(unrecognized)?;
    // The block ends at the last ETX; the BCC is the byte before it (and may itself be 0x03).
    let end = frame
        .iter()
        .rposition(|&b| b == ETX)
        .filter(|&e| e > start + 1)
        .ok_or_else(unrecognized)?;
    let body = &frame[start + 1..end - 1];
    let got = frame[end - 1];
    let expected = bcc(body);
    if expected != got {
        return Err(FrameError::Checksum { expected, got });
    }
    parse_body(body)
}

/// XOR of `bytes`: the block check character CAS ECR scales append.
pub fn bcc(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |acc, b| acc ^ b)
}

fn parse_body(body: &[u8]) -> Result<Reading, FrameError> {
    let [status, sign, rest @ ..] = body else {
        return Err(unrecognized());
    };
    let stable = match status {
        b'S' => true,
        b'U' => false,
        _ => return Err(unrecognized()),
    };
    let split = rest
        .iter()
        .position(u8::is_ascii_alphabetic)
        .ok_or_else(unrecognized)?;
    let (number, unit) = rest.split_at(split);
    if number.is_empty()
        || !number
            .iter()
            .all(|&b| b.is_ascii_digit() || matches!(b, b'.' | b' '))
        || !unit.iter().all(u8::is_ascii_alphabetic)
    {
        return Err(unrecognized());
    }
    let negative = match sign {
        b' ' | b'+' => false,
        b'-' => true,
        b'F' => return Ok(Reading::overload()),
        _ => return Err(unrecognized()),
    };
    let magnitude = grams(number, unit)?;
    Ok(Reading::weight(
        if negative { -magnitude } else { magnitude },
        stable,
    ))
}
