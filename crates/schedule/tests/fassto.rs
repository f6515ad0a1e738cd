//! FASSTO's default timetable (seed 001) on real calendar weeks.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use packdesk_schedule::{Calendar, Timetable, WallTime, kst, kst_to_utc, utc_to_kst};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A Seoul wall-clock instant as UTC.
fn seoul(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
    kst()
        .with_ymd_and_hms(y, m, day, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn hhmm(times: &[WallTime]) -> Vec<String> {
    times.iter().map(WallTime::to_string).collect()
}

/// The seed's list for 영업일, verbatim ("8:10, 8:30, 9:10, …").
const SEED_BUSINESS_DAY: &str = "8:10, 8:30, 9:10, 9:30, 10:10, 10:30, 12:10, 12:30, 13:10, 13:30, 14:10, 14:30, 14:40, 15:10, 15:30, 15:40, 16:10, 16:30, 16:40, 17:10, 17:30, 17:40, 18:10, 18:30, 20:10, 20:30";
const SEED_REDUCED_DAY: &str = "00:10, 9:10, 10:10, 12:10, 13:10, 14:10, 15:10, 16:10, 17:10";

fn seed_list(text: &str) -> Vec<String> {
    text.split(", ")
        .map(|t| t.parse::<WallTime>().unwrap().to_string())
        .collect()
}

#[test]
fn ordinary_business_day_lists_exactly_the_seed_times() {
    let cal = Calendar::korean_default().unwrap();
    let wednesday = d(2026, 7, 15);
    let fires = Timetable::Fassto.fires_on(wednesday, &cal);
    assert_eq!(hhmm(&fires), seed_list(SEED_BUSINESS_DAY));
    assert_eq!(fires.len(), 26);

    // The rule the seed states in words gives the same list.
    let mut by_rule = Vec::new();
    for hour in 8..21u8 {
        for minute in [10u8, 30, 40] {
            let t = WallTime::new(hour, minute).unwrap();
            let in_window = minute != 40 || (14..18).contains(&hour);
            let excluded = matches!((hour, minute), (11, 10) | (11, 30) | (19, 10) | (19, 30));
            if in_window && !excluded {
                by_rule.push(t);
            }
        }
    }
    assert_eq!(fires, by_rule);
}

#[test]
fn plain_saturday_uses_the_reduced_row() {
    let cal = Calendar::korean_default().unwrap();
    let fires = Timetable::Fassto.fires_on(d(2026, 7, 18), &cal);
    assert_eq!(hhmm(&fires), seed_list(SEED_REDUCED_DAY));
}

#[test]
fn chuseok_week_2026() {
    let cal = Calendar::korean_default().unwrap();
    // Mon 21 – Sun 27 September 2026: 추석 전날 Thu 24, 추석 Fri 25,
    // 추석 다음날 Sat 26 (no substitute: none of them falls on a Sunday).
    let from = seoul(2026, 9, 21, 0, 0) - chrono::TimeDelta::seconds(1);
    let to = seoul(2026, 9, 28, 0, 0) - chrono::TimeDelta::seconds(1);
    let fires = Timetable::Fassto.fires_between(from, to, &cal);

    let per_day = |day: u32| {
        fires
            .iter()
            .filter(|at| utc_to_kst(**at).date_naive() == d(2026, 9, day))
            .count()
    };
    assert_eq!(
        (21..=27).map(per_day).collect::<Vec<_>>(),
        vec![26, 26, 26, 0, 0, 0, 0]
    );
    assert_eq!(fires.len(), 78);
    // First and last fire of the week, exactly.
    assert_eq!(fires.first(), Some(&seoul(2026, 9, 21, 8, 10)));
    assert_eq!(fires.last(), Some(&seoul(2026, 9, 23, 20, 30)));
    // Fires come out in time order with no repeats.
    assert!(fires.windows(2).all(|w| w[0] < w[1]));

    // After Wednesday's last run the next one is Monday morning.
    assert_eq!(
        Timetable::Fassto.next_after(seoul(2026, 9, 23, 20, 30), &cal),
        Some(seoul(2026, 9, 28, 8, 10))
    );
}

#[test]
fn constitution_day_week_2026_has_a_working_saturday() {
    let cal = Calendar::korean_default().unwrap();
    // Mon 13 – Sun 19 July 2026: 제헌절 on Friday 17.
    let from = seoul(2026, 7, 12, 23, 59);
    let to = seoul(2026, 7, 19, 23, 59);
    let fires = Timetable::Fassto.fires_between(from, to, &cal);
    let per_day: Vec<usize> = (13..=19)
        .map(|day| {
            fires
                .iter()
                .filter(|at| utc_to_kst(**at).date_naive() == d(2026, 7, day))
                .count()
        })
        .collect();
    assert_eq!(per_day, vec![26, 26, 26, 26, 0, 9, 0]);
}

#[test]
fn friday_evening_skips_to_the_saturday_row_then_to_monday() {
    let cal = Calendar::korean_default().unwrap();
    let tt = Timetable::Fassto;
    // Friday 2026-07-10 after the last business-day run.
    assert_eq!(
        tt.next_after(seoul(2026, 7, 10, 20, 45), &cal),
        Some(seoul(2026, 7, 11, 0, 10))
    );
    // Exactly at 20:30 is not "after" 20:30; 20:29 still gets it.
    assert_eq!(
        tt.next_after(seoul(2026, 7, 10, 20, 29), &cal),
        Some(seoul(2026, 7, 10, 20, 30))
    );
    assert_eq!(
        tt.next_after(seoul(2026, 7, 10, 20, 30), &cal),
        Some(seoul(2026, 7, 11, 0, 10))
    );
    // Saturday morning: 00:10 is done, 9:10 next; no 11:10.
    assert_eq!(
        tt.next_after(seoul(2026, 7, 11, 10, 10), &cal),
        Some(seoul(2026, 7, 11, 12, 10))
    );
    // After Saturday's last run, Sunday collects nothing: Monday 08:10.
    assert_eq!(
        tt.next_after(seoul(2026, 7, 11, 17, 10), &cal),
        Some(seoul(2026, 7, 13, 8, 10))
    );
}

#[test]
fn friday_before_a_holiday_saturday_goes_to_the_next_business_day() {
    let cal = Calendar::korean_default().unwrap();
    // Friday 2026-08-14; Saturday 15 is 광복절 and Monday 17 its 대체공휴일.
    assert_eq!(
        Timetable::Fassto.next_after(seoul(2026, 8, 14, 21, 0), &cal),
        Some(seoul(2026, 8, 18, 8, 10))
    );
}

#[test]
fn user_rest_days_remove_fires() {
    let mut cal = Calendar::korean_default().unwrap();
    cal.add_carrier_rest_day(d(2026, 7, 14), "택배없는날");
    assert!(Timetable::Fassto.fires_on(d(2026, 7, 14), &cal).is_empty());
    assert_eq!(
        Timetable::Fassto.next_after(seoul(2026, 7, 13, 20, 30), &cal),
        Some(seoul(2026, 7, 15, 8, 10))
    );
    cal.add_extra_holiday(d(2026, 7, 18), "임시휴무");
    assert!(Timetable::Fassto.fires_on(d(2026, 7, 18), &cal).is_empty());
}

#[test]
fn fassto_written_out_as_times_behaves_identically() {
    let cal = Calendar::korean_default().unwrap();
    let times = Timetable::fassto_as_times();
    let start = d(2026, 9, 14);
    for day in start.iter_days().take(21) {
        assert_eq!(
            times.fires_on(day, &cal),
            Timetable::Fassto.fires_on(day, &cal),
            "{day}"
        );
    }
}

#[test]
fn wall_times_are_seoul_not_utc() {
    // 08:10 in Seoul is 23:10 UTC the previous day.
    let at = kst_to_utc(d(2026, 7, 15), WallTime::new(8, 10).unwrap());
    assert_eq!(at, Utc.with_ymd_and_hms(2026, 7, 14, 23, 10, 0).unwrap());
    let cal = Calendar::korean_default().unwrap();
    assert_eq!(
        Timetable::Fassto.next_after(Utc.with_ymd_and_hms(2026, 7, 14, 23, 0, 0).unwrap(), &cal),
        Some(at)
    );
}
