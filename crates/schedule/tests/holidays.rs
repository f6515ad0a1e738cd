//! The embedded Korean holiday table and the calendar built on it.

#![allow(clippy::unwrap_used)]

use chrono::{Datelike, NaiveDate, Weekday};
use packdesk_schedule::{Calendar, DayKind, HolidayKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn embedded_table_covers_2024_to_2030_and_names_its_source() {
    let cal = Calendar::korean_default().unwrap();
    assert_eq!(cal.data_years(), Some((2024, 2030)));
    assert!(cal.covers(d(2024, 1, 1)) && cal.covers(d(2030, 12, 31)));
    assert!(!cal.covers(d(2031, 1, 1)));
    assert!(cal.source().contains("공휴일"));
    for year in 2024..=2030 {
        let count = cal
            .public_holidays()
            .filter(|(date, _)| date.year() == year)
            .count();
        // 15 fixed/lunar days at minimum, plus substitutes and elections.
        assert!((15..=25).contains(&count), "{year}: {count} holidays");
        // Every year has 신정, 설날, 추석 and 기독탄신일.
        for name in ["신정", "설날", "추석", "기독탄신일"] {
            assert!(
                cal.public_holidays()
                    .any(|(date, h)| date.year() == year && h.name.split(", ").any(|n| n == name)),
                "{year} lacks {name}"
            );
        }
    }
}

#[test]
fn constitution_day_is_a_holiday_again_from_2026() {
    let cal = Calendar::korean_default().unwrap();
    assert_eq!(cal.holiday_name(d(2026, 7, 17)), Some("제헌절"));
    assert!(!cal.is_business_day(d(2026, 7, 17)));
    // 2025-07-17 was a Thursday and an ordinary working day.
    assert_eq!(cal.holiday_name(d(2025, 7, 17)), None);
    assert!(cal.is_business_day(d(2025, 7, 17)));
    assert_eq!(cal.holiday_name(d(2024, 7, 17)), None);
}

#[test]
fn substitute_holidays_from_the_reference_are_present() {
    let cal = Calendar::korean_default().unwrap();
    // carriers-fassto-rates.md §4.2 names these 대체공휴일.
    for (date, name) in [
        (d(2026, 3, 2), "3·1절 대체공휴일"),
        (d(2026, 8, 17), "광복절 대체공휴일"),
        (d(2025, 5, 6), "부처님오신날·어린이날 대체공휴일"),
        (d(2027, 12, 27), "기독탄신일 대체공휴일"),
    ] {
        assert_eq!(cal.holiday_name(date), Some(name), "{date}");
        assert_eq!(
            cal.public_holiday(date).unwrap().kind,
            HolidayKind::Substitute
        );
        assert!(!cal.is_business_day(date));
    }
}

#[test]
fn substitutes_fall_on_weekdays_right_after_their_holiday() {
    let cal = Calendar::korean_default().unwrap();
    for (date, holiday) in cal.public_holidays() {
        if holiday.kind != HolidayKind::Substitute {
            continue;
        }
        assert!(
            !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
            "{date} {} is on a weekend",
            holiday.name
        );
        // The day before is a weekend day or another holiday (the run it extends).
        let before = date.pred_opt().unwrap();
        assert!(
            cal.day_kind(before) != DayKind::BusinessDay,
            "{date} {} does not follow a day off",
            holiday.name
        );
    }
}

#[test]
fn lunar_holidays_have_their_solar_dates() {
    let cal = Calendar::korean_default().unwrap();
    // 설날 (lunar 1/1), 부처님오신날 (4/8), 추석 (8/15), checked against KASI's tables.
    let expected = [
        (2024, d(2024, 2, 10), d(2024, 5, 15), d(2024, 9, 17)),
        (2025, d(2025, 1, 29), d(2025, 5, 5), d(2025, 10, 6)),
        (2026, d(2026, 2, 17), d(2026, 5, 24), d(2026, 9, 25)),
        (2027, d(2027, 2, 7), d(2027, 5, 13), d(2027, 9, 15)),
        (2028, d(2028, 1, 27), d(2028, 5, 2), d(2028, 10, 3)),
        (2029, d(2029, 2, 13), d(2029, 5, 20), d(2029, 9, 22)),
        (2030, d(2030, 2, 3), d(2030, 5, 9), d(2030, 9, 12)),
    ];
    for (year, seollal, buddha, chuseok) in expected {
        for (date, name) in [
            (seollal, "설날"),
            (buddha, "부처님오신날"),
            (chuseok, "추석"),
        ] {
            let got = cal.holiday_name(date).unwrap_or_default();
            assert!(
                got.split(", ").any(|n| n == name),
                "{year}: {date} is '{got}', want {name}"
            );
        }
        // The days either side of 설날 and 추석 are holidays too.
        for centre in [seollal, chuseok] {
            assert!(cal.public_holiday(centre.pred_opt().unwrap()).is_some());
            assert!(cal.public_holiday(centre.succ_opt().unwrap()).is_some());
        }
    }
}

#[test]
fn election_days_fixed_by_law() {
    let cal = Calendar::korean_default().unwrap();
    for date in [
        d(2024, 4, 10),
        d(2026, 6, 3),
        d(2028, 4, 12),
        d(2030, 6, 12),
    ] {
        assert_eq!(
            cal.public_holiday(date).unwrap().kind,
            HolidayKind::Election,
            "{date}"
        );
    }
    // The 2027 presidential election moved away with the 2025 early election.
    assert!(cal.public_holiday(d(2027, 3, 3)).is_none());
}

#[test]
fn weekends_and_ordinary_days() {
    let cal = Calendar::korean_default().unwrap();
    assert_eq!(cal.day_kind(d(2026, 7, 15)), DayKind::BusinessDay); // Wednesday
    assert_eq!(cal.day_kind(d(2026, 7, 18)), DayKind::Saturday);
    assert_eq!(cal.day_kind(d(2026, 7, 19)), DayKind::Holiday); // Sunday
    assert_eq!(cal.holiday_name(d(2026, 7, 19)), None);
    // 추석 다음날 on a Saturday is a holiday, not a working Saturday.
    assert_eq!(cal.day_kind(d(2026, 9, 26)), DayKind::Holiday);
    assert_eq!(cal.next_business_day(d(2026, 9, 23)), Some(d(2026, 9, 28)));
}

#[test]
fn user_days_can_be_added_and_removed() {
    let mut cal = Calendar::korean_default().unwrap();
    let day = d(2026, 8, 14); // Friday
    assert!(cal.is_business_day(day));

    cal.add_carrier_rest_day(day, "택배없는날");
    assert!(!cal.is_business_day(day));
    assert_eq!(cal.holiday_name(day), Some("택배없는날"));
    assert_eq!(
        cal.carrier_rest_days().collect::<Vec<_>>(),
        vec![(day, "택배없는날")]
    );

    // A temporary holiday the same day takes precedence in the name.
    cal.add_extra_holiday(day, "임시공휴일");
    assert_eq!(cal.holiday_name(day), Some("임시공휴일"));
    assert!(cal.remove_extra_holiday(day));
    assert!(!cal.remove_extra_holiday(day));
    assert_eq!(cal.holiday_name(day), Some("택배없는날"));
    assert!(cal.remove_carrier_rest_day(day));
    assert!(cal.is_business_day(day));
    assert_eq!(cal.extra_holidays().count(), 0);

    // A public holiday's own name wins over a user's label.
    cal.add_extra_holiday(d(2026, 7, 17), "휴무");
    assert_eq!(cal.holiday_name(d(2026, 7, 17)), Some("제헌절"));
}

#[test]
fn weekends_only_calendar_knows_no_holidays() {
    let cal = Calendar::weekends_only();
    assert!(cal.is_business_day(d(2026, 7, 17)));
    assert_eq!(cal.data_years(), None);
    assert!(!cal.covers(d(2026, 1, 1)));
}

#[test]
fn bad_holiday_data_is_refused_with_codes_and_korean_messages() {
    let doc = |format: u32, entries: &str| {
        format!(
            r#"{{"format": {format}, "first_year": 2026, "last_year": 2026, "source": "test", "holidays": [{entries}]}}"#
        )
    };
    let one = r#"{"date": "2026-07-17", "name": "제헌절", "kind": "fixed"}"#;

    let cal = Calendar::from_holiday_json(&doc(1, one)).unwrap();
    assert_eq!(cal.holiday_name(d(2026, 7, 17)), Some("제헌절"));

    let dup = Calendar::from_holiday_json(&doc(1, &format!("{one}, {one}"))).unwrap_err();
    assert_eq!(dup.code(), "HOLIDAY_DATA_DUPLICATE_DATE");
    assert!(
        dup.message_ko().contains("2026-07-17"),
        "{}",
        dup.message_ko()
    );
    assert!(dup.to_string().contains("2026-07-17"));

    let out = Calendar::from_holiday_json(&doc(
        1,
        r#"{"date": "2027-07-17", "name": "제헌절", "kind": "fixed"}"#,
    ))
    .unwrap_err();
    assert_eq!(out.code(), "HOLIDAY_DATA_DATE_OUT_OF_RANGE");
    assert!(out.message_ko().contains("2027-07-17"));

    let version = Calendar::from_holiday_json(&doc(2, one)).unwrap_err();
    assert_eq!(version.code(), "HOLIDAY_DATA_INVALID");

    let kind = Calendar::from_holiday_json(&doc(
        1,
        r#"{"date": "2026-07-17", "name": "제헌절", "kind": "lunarish"}"#,
    ))
    .unwrap_err();
    assert_eq!(kind.code(), "HOLIDAY_DATA_INVALID");
    assert!(kind.to_string().contains("lunarish"), "{kind}");

    let unnamed = Calendar::from_holiday_json(&doc(
        1,
        r#"{"date": "2026-07-17", "name": " ", "kind": "fixed"}"#,
    ))
    .unwrap_err();
    assert_eq!(unnamed.code(), "HOLIDAY_DATA_INVALID");
}
