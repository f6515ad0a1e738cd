//! Table tests for the print-range parser, including every error and the part it names.

use packdesk_labels::RangeError;
use packdesk_labels::range::parse;

#[test]
fn accepted_inputs() {
    let table: &[(&str, usize, &[usize])] = &[
        ("1-3, 5, 7", 10, &[1, 2, 3, 5, 7]),
        ("1-3,5,7", 10, &[1, 2, 3, 5, 7]),
        ("  7 , 1 - 2 ", 10, &[7, 1, 2]),
        ("5, 1-3", 10, &[5, 1, 2, 3]),
        ("3, 1-5", 10, &[3, 1, 2, 4, 5]),
        ("2, 2, 2", 10, &[2]),
        ("1-3, 2-4", 10, &[1, 2, 3, 4]),
        ("4-4", 10, &[4]),
        ("10", 10, &[10]),
        ("1-10", 10, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        // Full-width digits, comma and hyphen as a Korean IME leaves them.
        ("１-３，５", 10, &[1, 2, 3, 5]),
        ("１－３", 10, &[1, 2, 3]),
        ("１０", 10, &[10]),
        ("2~4", 10, &[2, 3, 4]),
        ("2～4", 10, &[2, 3, 4]),
        ("2–4", 10, &[2, 3, 4]),
        ("2—4", 10, &[2, 3, 4]),
        ("1、3", 10, &[1, 3]),
        ("\u{3000}2\u{3000}", 10, &[2]),
        ("007", 10, &[7]),
        // Blank means everything.
        ("", 4, &[1, 2, 3, 4]),
        ("   ", 3, &[1, 2, 3]),
        ("\u{3000}", 2, &[1, 2]),
        ("", 0, &[]),
    ];
    for (input, len, want) in table {
        assert_eq!(
            parse(input, *len).as_deref(),
            Ok(*want),
            "{input:?} of {len}"
        );
    }
}

/// Every rejected input, the error it gives, and that both messages quote the bad part.
#[test]
fn rejected_inputs_name_the_bad_part() {
    let table: &[(&str, usize, RangeError, &str)] = &[
        (
            "1, a, 3",
            10,
            RangeError::NotANumber { part: "a".into() },
            "'a'",
        ),
        (
            "1.5",
            10,
            RangeError::NotANumber { part: "1.5".into() },
            "'1.5'",
        ),
        (
            "5-",
            10,
            RangeError::NotANumber { part: "5-".into() },
            "'5-'",
        ),
        (
            "-3",
            10,
            RangeError::NotANumber { part: "-3".into() },
            "'-3'",
        ),
        (
            "1-2-3",
            10,
            RangeError::NotANumber {
                part: "1-2-3".into(),
            },
            "'1-2-3'",
        ),
        (
            "1 3",
            10,
            RangeError::NotANumber { part: "1 3".into() },
            "'1 3'",
        ),
        (
            "+2",
            10,
            RangeError::NotANumber { part: "+2".into() },
            "'+2'",
        ),
        (
            "일",
            10,
            RangeError::NotANumber { part: "일".into() },
            "'일'",
        ),
        ("0", 10, RangeError::Zero { part: "0".into() }, "'0'"),
        (
            "2, 0-3",
            10,
            RangeError::Zero { part: "0-3".into() },
            "'0-3'",
        ),
        (
            "0-99",
            10,
            RangeError::Zero {
                part: "0-99".into(),
            },
            "'0-99'",
        ),
        ("０", 10, RangeError::Zero { part: "０".into() }, "'０'"),
        (
            "1, 5-3",
            10,
            RangeError::Reversed {
                part: "5-3".into(),
                start: 5,
                end: 3,
            },
            "'5-3'",
        ),
        (
            "５～３",
            10,
            RangeError::Reversed {
                part: "５～３".into(),
                start: 5,
                end: 3,
            },
            "'５～３'",
        ),
        (
            "11",
            10,
            RangeError::BeyondList {
                part: "11".into(),
                len: 10,
            },
            "'11'",
        ),
        (
            "8-12",
            10,
            RangeError::BeyondList {
                part: "8-12".into(),
                len: 10,
            },
            "'8-12'",
        ),
        (
            "99999999999999999999999",
            10,
            RangeError::BeyondList {
                part: "99999999999999999999999".into(),
                len: 10,
            },
            "'99999999999999999999999'",
        ),
        (
            "1",
            0,
            RangeError::BeyondList {
                part: "1".into(),
                len: 0,
            },
            "'1'",
        ),
        (
            "1,,2",
            10,
            RangeError::EmptyPart {
                position: 2,
                input: "1,,2".into(),
            },
            "'1,,2'",
        ),
        (
            "1, ,2",
            10,
            RangeError::EmptyPart {
                position: 2,
                input: "1, ,2".into(),
            },
            "'1, ,2'",
        ),
        (
            ",1",
            10,
            RangeError::EmptyPart {
                position: 1,
                input: ",1".into(),
            },
            "',1'",
        ),
        (
            "1,2,",
            10,
            RangeError::EmptyPart {
                position: 3,
                input: "1,2,".into(),
            },
            "'1,2,'",
        ),
    ];
    for (input, len, want, quoted) in table {
        let err = parse(input, *len).expect_err(input);
        assert_eq!(&err, want, "{input:?}");
        assert_eq!(err.code(), "RANGE_INVALID");
        let en = err.to_string();
        let ko = err.message_ko();
        assert!(
            en.contains(quoted),
            "English message for {input:?} lacks {quoted}: {en}"
        );
        assert!(
            ko.contains(quoted),
            "Korean message for {input:?} lacks {quoted}: {ko}"
        );
        assert!(
            ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "message_ko is not Korean: {ko}"
        );
    }
}

#[test]
fn the_first_bad_part_is_reported() {
    let err = parse("1, x, 0, 9-2", 10).unwrap_err();
    assert_eq!(err, RangeError::NotANumber { part: "x".into() });
}

#[test]
fn specific_messages_say_what_to_do() {
    let err = parse("5-3", 10).unwrap_err();
    assert!(err.to_string().contains("3-5"), "{err}");
    assert!(err.message_ko().contains("3-5"), "{}", err.message_ko());
    let err = parse("12", 10).unwrap_err();
    assert!(err.to_string().contains("10"), "{err}");
    assert!(err.message_ko().contains("10건"), "{}", err.message_ko());
}

#[test]
fn a_huge_range_is_rejected_without_expanding_it() {
    let err = parse(&format!("1-{}", usize::MAX), 1000).unwrap_err();
    assert!(matches!(err, RangeError::BeyondList { len: 1000, .. }));
}
