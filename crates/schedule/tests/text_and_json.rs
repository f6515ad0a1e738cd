//! The CLI text form, the stored JSON form, and the Korean description.

#![allow(clippy::unwrap_used)]

use packdesk_schedule::{Expected, Timetable, TimetableError, WallTime};

fn w(h: u8, m: u8) -> WallTime {
    WallTime::new(h, m).unwrap()
}

/// Canonical strings: parse → format gives the same text back, and the
/// value survives JSON too.
#[test]
fn canonical_text_round_trips() {
    for text in [
        "off",
        "fassto",
        "every 10m",
        "every 30m 08:00-21:00",
        "every 60m 09:00-18:00 business-days",
        "every 15m business-days",
        "every 1440m",
        "every 5m 00:00-12:00",
        "every 10m 22:00-24:00",
        "times 09:00,13:30,16:00",
        "times 09:00 other 11:00",
        "times 09:00,13:30 sat 10:00 other 12:00,18:00",
        "times none sat 10:00",
        "times 08:10 sat none",
        "times none",
    ] {
        let parsed: Timetable = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(parsed.to_string(), text);
        let json = parsed.to_json();
        assert_eq!(Timetable::from_json(&json).unwrap(), parsed, "{json}");
    }
}

#[test]
fn every_value_formats_and_parses_back() {
    let values = vec![
        Timetable::Off,
        Timetable::Fassto,
        Timetable::marketplus_default(),
        Timetable::fassto_as_times(),
        Timetable::every_minutes(7, w(6, 3), WallTime::END_OF_DAY, true).unwrap(),
        Timetable::times(vec![w(16, 0), w(9, 0), w(9, 0)], None, vec![]).unwrap(),
        Timetable::times(vec![], Some(vec![]), vec![w(0, 10)]).unwrap(),
    ];
    for value in values {
        let text = value.to_string();
        assert_eq!(text.parse::<Timetable>().unwrap(), value, "{text}");
    }
}

#[test]
fn lenient_input_normalises() {
    let cases = [
        ("  EVERY 10m  ", "every 10m"),
        ("every 10 08:00 - 21:00", "every 10m 08:00-21:00"),
        (
            "every 2h 8:00–20:00 영업일",
            "every 120m 08:00-20:00 business-days",
        ),
        ("every 10min", "every 10m"),
        ("every 30분", "every 30m"),
        ("every business-days 10m", "__error__"),
        ("파스토", "fassto"),
        ("times 16:00, 9:00, 13:30", "times 09:00,13:30,16:00"),
        ("times 9:00,9:00", "times 09:00"),
        (
            "times 09:00 SAT 10:00 Other 11:00",
            "times 09:00 sat 10:00 other 11:00",
        ),
        ("times 09:00 other none", "times 09:00"),
    ];
    for (input, want) in cases {
        match input.parse::<Timetable>() {
            Ok(t) => assert_eq!(t.to_string(), want, "{input}"),
            Err(e) => assert_eq!(want, "__error__", "{input}: {e}"),
        }
    }
}

#[track_caller]
fn assert_error(input: &str, code: &str, bad_part: &str) -> TimetableError {
    let err = input.parse::<Timetable>().unwrap_err();
    assert_eq!(err.code(), code, "{input}: {err}");
    assert!(
        err.to_string().contains(bad_part),
        "{input}: English '{err}' lacks '{bad_part}'"
    );
    assert!(
        err.message_ko().contains(bad_part),
        "{input}: Korean '{}' lacks '{bad_part}'",
        err.message_ko()
    );
    err
}

#[test]
fn bad_input_names_the_bad_part() {
    assert_error("hourly", "TIMETABLE_UNKNOWN_KIND", "hourly");
    assert_error("every 0m", "TIMETABLE_BAD_INTERVAL", "0m");
    assert_error("every 1441m", "TIMETABLE_BAD_INTERVAL", "1441m");
    assert_error("every 25h", "TIMETABLE_BAD_INTERVAL", "25h");
    assert_error("every tenm", "TIMETABLE_BAD_INTERVAL", "tenm");
    assert_error("every 10m 08:00-25:00", "TIMETABLE_BAD_TIME", "25:00");
    assert_error("every 10m 8.00-21:00", "TIMETABLE_BAD_TIME", "8.00");
    assert_error(
        "every 10m 21:00-08:00",
        "TIMETABLE_BAD_RANGE",
        "21:00-08:00",
    );
    assert_error("every 10m 08:00-", "TIMETABLE_BAD_RANGE", "08:00-");
    assert_error(
        "every 10m 08:00-21:00 09:00-10:00",
        "TIMETABLE_UNEXPECTED_TOKEN",
        "09:00-10:00",
    );
    assert_error(
        "every 10m weekdays",
        "TIMETABLE_UNEXPECTED_TOKEN",
        "weekdays",
    );
    assert_error("times 09:00,24:00", "TIMETABLE_BAD_TIME", "24:00");
    assert_error("times 09:00,9:7", "TIMETABLE_BAD_TIME", "9:7");
    assert_error("times 09:00,,10:00", "TIMETABLE_UNEXPECTED_TOKEN", ",");
    assert_error(
        "times 09:00 sat 10:00 sat 11:00",
        "TIMETABLE_UNEXPECTED_TOKEN",
        "sat",
    );
    assert_error("off now", "TIMETABLE_UNEXPECTED_TOKEN", "now");
    assert_error("fassto 10m", "TIMETABLE_UNEXPECTED_TOKEN", "10m");

    let missing = assert_error("every", "TIMETABLE_MISSING_VALUE", "every");
    assert_eq!(
        missing,
        TimetableError::Missing {
            after: "every".into(),
            expected: Expected::Interval
        }
    );
    assert!(missing.message_ko().contains("간격"));
    let missing = assert_error("times 09:00 sat", "TIMETABLE_MISSING_VALUE", "sat");
    assert!(missing.message_ko().contains("시각 목록"));
    assert_error("times", "TIMETABLE_MISSING_VALUE", "times");

    let empty = "   ".parse::<Timetable>().unwrap_err();
    assert_eq!(empty.code(), "TIMETABLE_EMPTY");
    assert!(empty.message_ko().contains("비어"));
}

#[test]
fn stored_json_is_stable() {
    assert_eq!(Timetable::Off.to_json(), r#"{"kind":"off"}"#);
    assert_eq!(Timetable::Fassto.to_json(), r#"{"kind":"fassto"}"#);
    assert_eq!(
        "every 30m 08:00-21:00"
            .parse::<Timetable>()
            .unwrap()
            .to_json(),
        r#"{"kind":"every_minutes","minutes":30,"start":"08:00","end":"21:00","business_days_only":false}"#
    );
    assert_eq!(
        "times 09:00,13:30 other 11:00"
            .parse::<Timetable>()
            .unwrap()
            .to_json(),
        r#"{"kind":"times","business_days":["09:00","13:30"],"other_days":["11:00"]}"#
    );
    assert_eq!(
        "times 09:00 sat none"
            .parse::<Timetable>()
            .unwrap()
            .to_json(),
        r#"{"kind":"times","business_days":["09:00"],"saturdays":[],"other_days":[]}"#
    );
}

#[test]
fn stored_json_is_checked_and_normalised() {
    // Hand-edited: unsorted, single-digit hour, other_days omitted.
    let t = Timetable::from_json(r#"{"kind":"times","business_days":["13:30","9:00"]}"#).unwrap();
    assert_eq!(t.to_string(), "times 09:00,13:30");

    for (json, code) in [
        (r#"{"kind":"hourly"}"#, "TIMETABLE_INVALID_JSON"),
        (
            r#"{"kind":"times","business_days":["25:00"]}"#,
            "TIMETABLE_INVALID_JSON",
        ),
        (
            r#"{"kind":"times","business_days":["24:00"]}"#,
            "TIMETABLE_BAD_TIME",
        ),
        (
            r#"{"kind":"every_minutes","minutes":0,"start":"08:00","end":"21:00","business_days_only":false}"#,
            "TIMETABLE_BAD_INTERVAL",
        ),
        (
            r#"{"kind":"every_minutes","minutes":10,"start":"21:00","end":"08:00","business_days_only":false}"#,
            "TIMETABLE_BAD_RANGE",
        ),
        ("not json", "TIMETABLE_INVALID_JSON"),
    ] {
        let err = Timetable::from_json(json).unwrap_err();
        assert_eq!(err.code(), code, "{json}: {err}");
        assert!(!err.message_ko().is_empty());
    }
}

#[test]
fn korean_descriptions() {
    let cases = [
        ("every 10m 08:00-21:00", "10분마다 (08:00–21:00)"),
        ("every 10m", "10분마다"),
        ("every 2h business-days", "2시간마다 (영업일만)"),
        (
            "every 30m 09:00-18:00 business-days",
            "30분마다 (09:00–18:00, 영업일만)",
        ),
        ("off", "자동 수집 안 함"),
        (
            "times 09:00,13:30",
            "지정 시각: 영업일 09:00, 13:30 / 주말·공휴일 수집 안 함",
        ),
        (
            "times 09:00 sat 10:00 other none",
            "지정 시각: 영업일 09:00 / 토요일 10:00 / 일요일·공휴일 수집 안 함",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(
            text.parse::<Timetable>().unwrap().describe_ko(),
            want,
            "{text}"
        );
    }
    let fassto = Timetable::Fassto.describe_ko();
    assert!(fassto.starts_with("파스토 기본 시간표"), "{fassto}");
    assert!(
        fassto.contains("26회") && fassto.contains("9회"),
        "{fassto}"
    );
}
