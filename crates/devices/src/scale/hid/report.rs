//! The HID POS scale input report (usage page 0x8D, Scale Data Report): six bytes
//! `03 status unit exponent weight-LSB weight-MSB`, weight = u16 LE × 10^exponent in `unit`.
use crate::scale::{DeviceFault, FrameError, Reading, ScaleState};

/// Report ID of the Scale Data Report.
pub const SCALE_DATA_REPORT_ID: u8 = 0x03;
/// Bytes of a Scale Data Report, report ID included.
pub const SCALE_DATA_REPORT_LEN: usize = 6;
const PROTOCOL: &str = "USB HID scale";

/// Parses one input report into a [`Reading`].
///
/// Leading `0x00` bytes are skipped (some HID stacks prepend a zero report-ID byte) and bytes
/// past the sixth are ignored (Mettler postal scales are read with 8-byte reads). A report
/// of nothing but zeros is [`FrameError::Empty`]: scales send them while waking up, and
/// taking them as "0 g" would make the display flicker.
pub fn parse_hid_report(report: &[u8]) -> Result<Reading, FrameError> {
    let start = report.iter().take_while(|&&b| b == 0).count();
    let report = &report[start..];
    if report.is_empty() {
        return Err(FrameError::Empty);
    }
    let &[id, status, unit, exponent, lsb, msb, ..] = report else {
        return Err(FrameError::Unrecognized { protocol: PROTOCOL });
    };
    if id != SCALE_DATA_REPORT_ID {
        return Err(FrameError::Unrecognized { protocol: PROTOCOL });
    }
    let raw = u16::from_le_bytes([lsb, msb]);
    // The unit and exponent only matter when the status carries a weight.
    let weight = || grams(raw, unit, exponent as i8);
    match status {
        1 => Err(FrameError::Device(DeviceFault::Fault)),
        2 => Ok(Reading::weight(0, true)),
        3 => Ok(Reading::weight(weight()?, false)),
        4 => Ok(Reading::weight(weight()?, true)),
        // The weight field holds the magnitude below zero (often 0): the state is what counts.
        5 => Ok(Reading {
            grams: -weight()?,
            stable: false,
            state: ScaleState::UnderZero,
        }),
        6 => Ok(Reading::overload()),
        7 => Err(FrameError::Device(DeviceFault::NeedsCalibration)),
        8 => Err(FrameError::Device(DeviceFault::NeedsRezero)),
        _ => Err(FrameError::Unrecognized { protocol: PROTOCOL }),
    }
}

/// Nanograms per HID weight unit (unit byte = usage − 0x50). Every unit with a legal definition
/// is a whole number of nanograms, so conversion is exact until the final rounding. The tael
/// has several national definitions and is refused rather than guessed.
fn nanograms_per_unit(unit: u8) -> Option<i128> {
    Some(match unit {
        1 => 1_000_000,             // milligram
        2 => 1_000_000_000,         // gram
        3 => 1_000_000_000_000,     // kilogram
        4 => 200_000_000,           // metric carat
        6 => 64_798_910,            // grain
        7 => 1_555_173_840,         // pennyweight = 24 grains
        8 => 1_000_000_000_000_000, // metric ton
        9 => 907_184_740_000_000,   // avoirdupois (short) ton = 2000 lb
        10 => 31_103_476_800,       // troy ounce = 480 grains
        11 => 28_349_523_125,       // avoirdupois ounce
        12 => 453_592_370_000,      // pound
        _ => return None,
    })
}

/// The unit's name for error messages.
fn unit_name(unit: u8) -> String {
    match unit {
        5 => "tael".into(),
        other => format!("HID unit {other}"),
    }
}

/// `raw × 10^exponent` units in grams, rounded half up (the value is never negative).
fn grams(raw: u16, unit: u8, exponent: i8) -> Result<i64, FrameError> {
    let per_unit = nanograms_per_unit(unit).ok_or_else(|| FrameError::UnknownUnit {
        unit: unit_name(unit),
    })?;
    let bad = || FrameError::BadWeight {
        field: format!("{raw}e{exponent}"),
    };
    let nanograms = i128::from(raw) * per_unit;
    const NG_PER_G: i128 = 1_000_000_000;
    let rounded = if exponent >= 0 {
        let scaled = 10i128
            .checked_pow(u32::from(exponent.unsigned_abs()))
            .and_then(|scale| nanograms.checked_mul(scale))
            .ok_or_else(bad)?;
        scaled.checked_add(NG_PER_G / 2).ok_or_else(bad)? / NG_PER_G
    } else {
        match 10i128
            .checked_pow(u32::from(exponent.unsigned_abs()))
            .and_then(|s| s.checked_mul(NG_PER_G))
        {
            Some(divisor) => (nanograms + divisor / 2) / divisor,
            // A divisor beyond i128 dwarfs any u16 × unit: the weight rounds to nothing.
            None => 0,
        }
    };
    i64::try_from(rounded).map_err(|_| bad())
}
