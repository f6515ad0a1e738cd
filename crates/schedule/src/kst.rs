//! Asia/Seoul time. Korea has kept UTC+09:00 without daylight saving since
//! 1988, so a fixed offset is exact for every date this app schedules and
//! needs no time-zone database (which Windows lacks).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use crate::WallTime;

const KST_SECONDS_EAST: i32 = 9 * 3600;

/// The Asia/Seoul offset, +09:00.
pub fn kst() -> FixedOffset {
    FixedOffset::east_opt(KST_SECONDS_EAST).expect("+09:00 is a valid UTC offset")
}

/// The instant `time` on `date`, Seoul wall clock. `24:00` is midnight at the
/// end of `date`.
pub fn kst_to_utc(date: NaiveDate, time: WallTime) -> DateTime<Utc> {
    let local: NaiveDateTime = date.and_time(NaiveTime::MIN)
        + TimeDelta::minutes(i64::from(time.minutes_since_midnight()));
    let utc = local - TimeDelta::seconds(i64::from(KST_SECONDS_EAST));
    DateTime::from_naive_utc_and_offset(utc, Utc)
}

/// `at` on the Seoul wall clock.
pub fn utc_to_kst(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&kst())
}
