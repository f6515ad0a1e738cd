//! Fire times of interval and custom timetables.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use packdesk_schedule::{Calendar, Timetable, WallTime, kst};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn w(h: u8, m: u8) -> WallTime {
    WallTime::new(h, m).unwrap()
}

fn seoul(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    kst()
        .with_ymd_and_hms(y, m, day, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn tt(text: &str) -> Timetable {
    text.parse().unwrap()
}

#[test]
fn every_ten_minutes_all_day() {
    let cal = Calendar::korean_default().unwrap();
    let every = Timetable::marketplus_default();
    assert_eq!(every, tt("every 10m"));
    let fires = every.fires_on(d(2026, 7, 17), &cal); // a holiday: still fires
    assert_eq!(fires.len(), 144);
    assert_eq!(fires.first(), Some(&w(0, 0)));
    assert_eq!(fires.last(), Some(&w(23, 50)));
    // Across midnight.
    assert_eq!(
        every.next_after(seoul(2026, 7, 17, 23, 55), &cal),
        Some(seoul(2026, 7, 18, 0, 0))
    );
    // Strictly after: on the dot gives the next slot; a second later too.
    assert_eq!(
        every.next_after(seoul(2026, 7, 17, 9, 0), &cal),
        Some(seoul(2026, 7, 17, 9, 10))
    );
    assert_eq!(
        every.next_after(seoul(2026, 7, 17, 8, 59) + TimeDelta::seconds(59), &cal),
        Some(seoul(2026, 7, 17, 9, 0))
    );
}

#[test]
fn range_end_is_inclusive_and_the_grid_starts_at_start() {
    let cal = Calendar::korean_default().unwrap();
    let fires = tt("every 30m 08:00-21:00").fires_on(d(2026, 7, 15), &cal);
    assert_eq!(fires.len(), 27);
    assert_eq!(fires.first(), Some(&w(8, 0)));
    assert_eq!(fires.last(), Some(&w(21, 0)));

    let odd = tt("every 25m 09:05-10:00").fires_on(d(2026, 7, 15), &cal);
    assert_eq!(odd, vec![w(9, 5), w(9, 30), w(9, 55)]);

    // Late evening: next is tomorrow's start.
    assert_eq!(
        tt("every 30m 08:00-21:00").next_after(seoul(2026, 7, 15, 21, 0), &cal),
        Some(seoul(2026, 7, 16, 8, 0))
    );
}

#[test]
fn business_days_only_skips_weekends_and_holidays() {
    let cal = Calendar::korean_default().unwrap();
    let every = tt("every 1h 09:00-18:00 business-days");
    assert_eq!(every.fires_on(d(2026, 7, 16), &cal).len(), 10);
    assert!(every.fires_on(d(2026, 7, 17), &cal).is_empty()); // 제헌절
    assert!(every.fires_on(d(2026, 7, 18), &cal).is_empty()); // Saturday
    assert_eq!(
        every.next_after(seoul(2026, 7, 16, 18, 0), &cal),
        Some(seoul(2026, 7, 20, 9, 0))
    );
}

#[test]
fn custom_times_by_day_kind() {
    let cal = Calendar::korean_default().unwrap();
    let custom = tt("times 09:00,13:30,16:00 sat 10:00 other 12:00");
    assert_eq!(
        custom.fires_on(d(2026, 7, 16), &cal),
        vec![w(9, 0), w(13, 30), w(16, 0)]
    );
    assert_eq!(custom.fires_on(d(2026, 7, 17), &cal), vec![w(12, 0)]); // holiday
    assert_eq!(custom.fires_on(d(2026, 7, 18), &cal), vec![w(10, 0)]); // Saturday
    assert_eq!(custom.fires_on(d(2026, 7, 19), &cal), vec![w(12, 0)]); // Sunday

    // Without a Saturday row, Saturdays use the other-days row.
    let two_rows = tt("times 09:00 other 11:00");
    assert_eq!(two_rows.fires_on(d(2026, 7, 18), &cal), vec![w(11, 0)]);

    // Business days only.
    let weekdays = tt("times 09:00,16:00");
    assert!(weekdays.fires_on(d(2026, 7, 18), &cal).is_empty());
    assert_eq!(
        weekdays.next_after(seoul(2026, 7, 16, 16, 0), &cal),
        Some(seoul(2026, 7, 20, 9, 0))
    );
}

#[test]
fn off_and_empty_timetables_never_fire() {
    let cal = Calendar::korean_default().unwrap();
    let now = seoul(2026, 7, 15, 12, 0);
    assert_eq!(Timetable::Off.next_after(now, &cal), None);
    assert!(
        Timetable::Off
            .fires_between(now, now + TimeDelta::days(7), &cal)
            .is_empty()
    );
    assert_eq!(tt("times none").next_after(now, &cal), None);
}

#[test]
fn fires_between_is_half_open_and_windows_tile() {
    let cal = Calendar::korean_default().unwrap();
    let every = tt("every 10m 08:00-09:00");
    let from = seoul(2026, 7, 15, 8, 0);
    let to = seoul(2026, 7, 15, 8, 30);
    // (08:00, 08:30]: 08:10, 08:20, 08:30.
    assert_eq!(
        every.fires_between(from, to, &cal),
        vec![seoul(2026, 7, 15, 8, 10), seoul(2026, 7, 15, 8, 20), to]
    );
    assert!(every.fires_between(to, from, &cal).is_empty());

    // Consecutive windows over a fortnight give each fire exactly once,
    // and walking next_after gives the same sequence.
    let start = seoul(2026, 9, 20, 0, 0);
    let end = start + TimeDelta::days(14);
    let whole = Timetable::Fassto.fires_between(start, end, &cal);
    let mut tiled = Vec::new();
    let mut cursor = start;
    while cursor < end {
        let next = (cursor + TimeDelta::hours(5)).min(end);
        tiled.extend(Timetable::Fassto.fires_between(cursor, next, &cal));
        cursor = next;
    }
    assert_eq!(tiled, whole);
    let mut walked = Vec::new();
    let mut at = start;
    while let Some(next) = Timetable::Fassto.next_after(at, &cal) {
        if next > end {
            break;
        }
        walked.push(next);
        at = next;
    }
    assert_eq!(walked, whole);
    assert!(!whole.is_empty());
}

#[test]
fn fires_between_uses_seoul_days_across_utc_midnight() {
    let cal = Calendar::korean_default().unwrap();
    // 2026-07-15 00:10 KST is 2026-07-14 15:10 UTC.
    let fires = tt("times 00:10").fires_between(
        Utc.with_ymd_and_hms(2026, 7, 14, 15, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 7, 14, 16, 0, 0).unwrap(),
        &cal,
    );
    assert_eq!(
        fires,
        vec![Utc.with_ymd_and_hms(2026, 7, 14, 15, 10, 0).unwrap()]
    );
}
