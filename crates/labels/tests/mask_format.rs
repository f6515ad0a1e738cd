//! Table tests for name/phone masking and phone/tracking formatting.

use packdesk_labels::{
    MaskRule, NameMask, PhoneMask, format_phone, format_tracking, mask_name, mask_phone,
};

#[test]
fn names_masked_in_the_middle_by_default() {
    assert_eq!(MaskRule::default().name, NameMask::Middle);
    let table = [
        ("홍길동", "홍*동"),
        ("홍길", "홍*"),
        ("남궁민수", "남**수"),
        ("황보세종대", "황***대"),
        ("김", "*"),
        ("", ""),
        ("  홍길동  ", "홍*동"),
        ("John Smith", "J*** ****h"),
        ("AB", "A*"),
    ];
    for (name, want) in table {
        assert_eq!(mask_name(name, NameMask::Middle), want, "{name:?}");
    }
}

#[test]
fn names_masked_at_the_end_on_request() {
    let table = [
        ("홍길동", "홍길*"),
        ("홍길", "홍*"),
        ("남궁민수", "남궁민*"),
        ("김", "*"),
        ("", ""),
        ("Jo Ann", "Jo An*"),
    ];
    for (name, want) in table {
        assert_eq!(mask_name(name, NameMask::Last), want, "{name:?}");
    }
}

#[test]
fn a_masked_name_never_equals_the_name() {
    for name in ["홍길동", "홍길", "김", "남궁민수", "Lee"] {
        for rule in [NameMask::Middle, NameMask::Last] {
            assert_ne!(mask_name(name, rule), name, "{name} {rule:?}");
            assert!(mask_name(name, rule).contains('*'));
        }
    }
}

#[test]
fn phones_format_by_korean_numbering() {
    let table = [
        ("01012345678", "010-1234-5678"),
        ("0111234567", "011-123-4567"),
        ("0212345678", "02-1234-5678"),
        ("021234567", "02-123-4567"),
        ("0311234567", "031-123-4567"),
        ("03112345678", "031-1234-5678"),
        ("07012345678", "070-1234-5678"),
        ("050412345678", "0504-1234-5678"),
        ("050512345678", "0505-1234-5678"),
        ("15881255", "1588-1255"),
        ("16001234", "1600-1234"),
        ("18001234", "1800-1234"),
        // Stray separators are tolerated; unknown shapes come back as bare digits.
        ("010-1234-5678", "010-1234-5678"),
        ("12345", "12345"),
        ("0212", "0212"),
        ("", ""),
    ];
    for (digits, want) in table {
        assert_eq!(format_phone(digits), want, "{digits:?}");
    }
}

#[test]
fn phones_masked_last_four_by_default() {
    assert_eq!(MaskRule::default().phone, PhoneMask::Last4);
    let table = [
        ("01012345678", "010-1234-****"),
        ("0212345678", "02-1234-****"),
        ("021234567", "02-123-****"),
        ("0311234567", "031-123-****"),
        ("050412345678", "0504-1234-****"),
        ("15881255", "1588-****"),
        ("1234567", "123****"),
        ("123", "***"),
        ("", ""),
    ];
    for (digits, want) in table {
        assert_eq!(mask_phone(digits, PhoneMask::Last4), want, "{digits:?}");
    }
}

#[test]
fn phones_masked_in_the_middle_on_request() {
    let table = [
        ("01012345678", "010-****-5678"),
        ("0212345678", "02-****-5678"),
        ("021234567", "02-***-4567"),
        ("050412345678", "0504-****-5678"),
        ("15881255", "****-1255"),
        ("123456789", "1****6789"),
        ("12345", "****5"),
    ];
    for (digits, want) in table {
        assert_eq!(mask_phone(digits, PhoneMask::Middle4), want, "{digits:?}");
    }
}

#[test]
fn a_masked_phone_hides_at_least_three_digits() {
    for digits in [
        "01012345678",
        "021234567",
        "050412345678",
        "15881255",
        "99999",
    ] {
        for rule in [PhoneMask::Last4, PhoneMask::Middle4] {
            let masked = mask_phone(digits, rule);
            assert!(
                masked.matches('*').count() >= 3,
                "{digits} {rule:?}: {masked}"
            );
            let shown: String = masked.chars().filter(char::is_ascii_digit).collect();
            assert_ne!(shown, digits);
        }
    }
}

#[test]
fn tracking_numbers_group_in_fours() {
    let table = [
        ("123456789012", "1234-5678-9012"),
        ("000000000000", "0000-0000-0000"),
        ("12345678901", "12345678901"),
        ("1234567890123", "1234567890123"),
        ("12345678901A", "12345678901A"),
        ("", ""),
    ];
    for (digits, want) in table {
        assert_eq!(format_tracking(digits), want, "{digits:?}");
    }
}
