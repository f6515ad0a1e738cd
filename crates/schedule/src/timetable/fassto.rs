//! FASSTO FMS's default Cafe24 collection timetable (seed `001`, FASSTO's
//! "카페24 주문 연동 시각" table).
//!
//! Business days: 08–21h at :10 and :30, plus :40 in 14–18h, without 11:10,
//! 11:30, 19:10 and 19:30 — the seed lists the 26 times explicitly and they
//! are copied here as listed.
//!
//! The seed's table has two more rows whose day labels were lost: one row
//! "수집하지 않음" and one "[0시-1시] [9-18시] 매시 10분 (11:10 제외)". We read
//! them as Saturday = the reduced row and Sunday/holiday = no collection:
//! the 00:10 run picks up the orders that arrived after the previous
//! business day's last run (20:30), and the 11:10 gap mirrors the weekday
//! lunch gap, which both point at a half-staffed working Saturday. This
//! reading is an inference; a shop that sees otherwise can switch to a
//! `times … sat … other …` timetable.

use crate::WallTime;

const fn t(hour: u8, minute: u8) -> WallTime {
    match WallTime::new(hour, minute) {
        Some(time) => time,
        None => panic!("FASSTO timetable constant is not a valid time"),
    }
}

/// The 26 business-day collection times, as listed in the seed.
pub const FASSTO_BUSINESS_DAY_TIMES: [WallTime; 26] = [
    t(8, 10),
    t(8, 30),
    t(9, 10),
    t(9, 30),
    t(10, 10),
    t(10, 30),
    t(12, 10),
    t(12, 30),
    t(13, 10),
    t(13, 30),
    t(14, 10),
    t(14, 30),
    t(14, 40),
    t(15, 10),
    t(15, 30),
    t(15, 40),
    t(16, 10),
    t(16, 30),
    t(16, 40),
    t(17, 10),
    t(17, 30),
    t(17, 40),
    t(18, 10),
    t(18, 30),
    t(20, 10),
    t(20, 30),
];

/// The reduced row (00:10, and 9–18h at :10 without 11:10), applied to
/// Saturdays that are not holidays.
pub const FASSTO_SATURDAY_TIMES: [WallTime; 9] = [
    t(0, 10),
    t(9, 10),
    t(10, 10),
    t(12, 10),
    t(13, 10),
    t(14, 10),
    t(15, 10),
    t(16, 10),
    t(17, 10),
];
