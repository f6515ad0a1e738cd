//! A time of day on the Seoul wall clock, minute precision, written `HH:MM`.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::TimetableError;

const MINUTES_PER_DAY: u16 = 24 * 60;

/// Minutes since midnight, `00:00` to `24:00`. `24:00` exists only as the end
/// of a range ("until midnight"); timetables never fire at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallTime(u16);

impl WallTime {
    pub const MIDNIGHT: WallTime = WallTime(0);
    /// Midnight at the end of the day, for range ends.
    pub const END_OF_DAY: WallTime = WallTime(MINUTES_PER_DAY);

    /// `hour:minute`; `24:00` is allowed, anything later is not.
    pub const fn new(hour: u8, minute: u8) -> Option<WallTime> {
        if minute >= 60 {
            return None;
        }
        let total = hour as u16 * 60 + minute as u16;
        if total > MINUTES_PER_DAY {
            return None;
        }
        Some(WallTime(total))
    }

    /// Builds from minutes since midnight (0..=1440).
    pub const fn from_minutes(minutes: u16) -> Option<WallTime> {
        if minutes > MINUTES_PER_DAY {
            None
        } else {
            Some(WallTime(minutes))
        }
    }

    pub const fn minutes_since_midnight(self) -> u16 {
        self.0
    }

    pub const fn hour(self) -> u8 {
        (self.0 / 60) as u8
    }

    pub const fn minute(self) -> u8 {
        (self.0 % 60) as u8
    }

    /// True for `24:00`, which names the end of a day rather than a moment in it.
    pub const fn is_end_of_day(self) -> bool {
        self.0 == MINUTES_PER_DAY
    }

    /// The same time as a chrono time; `None` for `24:00`.
    pub fn to_naive_time(self) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(u32::from(self.hour()), u32::from(self.minute()), 0)
    }

    /// Parses `H:MM` or `HH:MM` (the seed writes `8:10`). Accepts `24:00`;
    /// callers that need a moment inside the day reject it themselves.
    pub(crate) fn parse(text: &str) -> Option<WallTime> {
        let (h, m) = text.trim().split_once(':')?;
        let digits = |s: &str, max_len: usize| {
            !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
            return None;
        }
        WallTime::new(h.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for WallTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl FromStr for WallTime {
    type Err = TimetableError;

    /// A moment inside the day, `00:00`..=`23:59`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match WallTime::parse(s) {
            Some(t) if !t.is_end_of_day() => Ok(t),
            _ => Err(TimetableError::BadTime {
                value: s.trim().to_owned(),
            }),
        }
    }
}

impl Serialize for WallTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WallTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        WallTime::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("bad time '{text}' (expected HH:MM)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        assert_eq!(WallTime::parse("8:10"), WallTime::new(8, 10));
        assert_eq!(
            WallTime::parse("08:10").map(|t| t.to_string()).as_deref(),
            Some("08:10")
        );
        assert_eq!(WallTime::parse("24:00"), Some(WallTime::END_OF_DAY));
        for bad in [
            "24:01", "25:00", "12:60", "12:5", "123:00", "ab:cd", "1200", "", ":30", "-1:00",
        ] {
            assert_eq!(WallTime::parse(bad), None, "{bad}");
        }
        assert!("24:00".parse::<WallTime>().is_err());
        assert_eq!("23:59".parse::<WallTime>().ok(), WallTime::new(23, 59));
    }
}
