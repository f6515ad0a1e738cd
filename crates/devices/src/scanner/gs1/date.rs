//! GS1 dates (YYMMDD): day `00` means the last day of the month, and the century is chosen by
//! the GS1 General Specifications' sliding window around the current year (§7.12).
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Gs1Date {
    pub year: i32,
    pub month: u8,
    /// Resolved day: for a `00` day this is the month's last day.
    pub day: u8,
    /// The barcode said `00` ("no particular day"): shown to the packer as a month only.
    pub day_unspecified: bool,
}

impl fmt::Display for Gs1Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `digits` must be six ASCII digits; `None` when the month or day is out of range.
pub(super) fn parse_yymmdd(digits: &str, current_year: i32) -> Option<Gs1Date> {
    let bytes = digits.as_bytes();
    if bytes.len() != 6 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let two = |i: usize| i32::from(bytes[i] - b'0') * 10 + i32::from(bytes[i + 1] - b'0');
    let (yy, month, day) = (two(0), two(2), two(4));
    if !(1..=12).contains(&month) {
        return None;
    }
    let year = resolve_century(yy, current_year);
    let last = days_in_month(year, month);
    if day > last {
        return None;
    }
    let month = u8::try_from(month).ok()?;
    Some(Gs1Date {
        year,
        month,
        day: u8::try_from(if day == 0 { last } else { day }).ok()?,
        day_unspecified: day == 0,
    })
}

fn resolve_century(yy: i32, current_year: i32) -> i32 {
    let century = current_year.div_euclid(100) * 100;
    let diff = yy - current_year.rem_euclid(100);
    if diff >= 51 {
        century - 100 + yy
    } else if diff <= -50 {
        century + 100 + yy
    } else {
        century + yy
    }
}

fn days_in_month(year: i32, month: i32) -> i32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The current UTC year, without pulling a date library into the device layer.
pub(super) fn current_year() -> i32 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + i64::from(mp >= 10);
    i32::try_from(year).unwrap_or(2000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn century_window_follows_the_gs1_rule() {
        assert_eq!(resolve_century(25, 2025), 2025);
        assert_eq!(resolve_century(75, 2025), 2075);
        assert_eq!(resolve_century(76, 2025), 1976);
        assert_eq!(resolve_century(10, 2090), 2110);
        assert_eq!(resolve_century(41, 2090), 2041);
    }

    #[test]
    fn day_zero_is_the_last_day_of_the_month() {
        let leap = parse_yymmdd("240200", 2025).unwrap();
        assert_eq!((leap.year, leap.month, leap.day), (2024, 2, 29));
        assert!(leap.day_unspecified);
        assert_eq!(parse_yymmdd("250200", 2025).unwrap().day, 28);
        assert_eq!(parse_yymmdd("250229", 2025), None);
        assert_eq!(parse_yymmdd("251300", 2025), None);
    }

    #[test]
    fn current_year_is_plausible() {
        assert!((2024..2200).contains(&current_year()));
    }
}
