//! Times are stored as UTC RFC 3339 strings with milliseconds, which sort correctly as text.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn fmt_utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn round_trips_and_sorts_as_text() {
        let a = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let b = a + chrono::Duration::milliseconds(1500);
        assert_eq!(parse_utc(&fmt_utc(a)), Some(a));
        assert!(fmt_utc(a) < fmt_utc(b));
    }
}
