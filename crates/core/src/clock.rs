//! Business logic takes the time as a value; this is where the value comes from.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Seoul;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Today's date in Asia/Seoul, where the shop and its carriers live.
pub fn kst_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Seoul).date_naive()
}

/// The start of the KST day containing `t`, in UTC: the working list turns over here.
pub fn kst_day_start(t: DateTime<Utc>) -> DateTime<Utc> {
    let date = kst_date(t);
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    Seoul
        .from_local_datetime(&midnight)
        .single()
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(t)
}

pub fn kst_display(t: DateTime<Utc>) -> String {
    t.with_timezone(&Seoul).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kst_day_turns_over_at_15_utc() {
        let before = Utc.with_ymd_and_hms(2026, 11, 22, 14, 59, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 11, 22, 15, 0, 0).unwrap();
        assert_eq!(kst_date(before).to_string(), "2026-11-22");
        assert_eq!(kst_date(after).to_string(), "2026-11-23");
        assert_eq!(kst_day_start(after), after);
        assert_eq!(
            kst_day_start(before),
            Utc.with_ymd_and_hms(2026, 11, 21, 15, 0, 0).unwrap()
        );
    }
}
