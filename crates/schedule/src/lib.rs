//! Collection timetables as data, and when they fire next.
//!
//! A [`Timetable`] says at which wall-clock times (Asia/Seoul) a shop's orders
//! are collected: every N minutes, FASSTO FMS's default timetable, a custom
//! list of times, or never. A [`Calendar`] says which days are business days:
//! Korean public holidays from `assets/holidays-kr.json` (embedded), plus the
//! user's temporary holidays and carrier rest days.
//!
//! Pure library: no IO, no async. The scheduler that sleeps until
//! [`Timetable::next_after`] lives with the collectors.

mod calendar;
mod error;
mod kst;
mod timetable;
mod wall_time;

pub use calendar::{Calendar, CalendarError, DayKind, Holiday, HolidayKind};
pub use error::{Expected, TimetableError};
pub use kst::{kst, kst_to_utc, utc_to_kst};
pub use timetable::Timetable;
pub use timetable::fassto::{FASSTO_BUSINESS_DAY_TIMES, FASSTO_SATURDAY_TIMES};
pub use wall_time::WallTime;
