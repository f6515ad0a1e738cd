//! Normalising receivers so the same person at the same address merges into one parcel (합포),
//! whatever spacing, hyphens or spelling of the province the shop sent.

/// Digits only: phones are stored and compared this way (010-1234-5678 → 01012345678).
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Long 시·도 names as shops send them, and the short form carriers and people use.
const PROVINCES: &[(&str, &str)] = &[
    ("서울특별시", "서울"),
    ("부산광역시", "부산"),
    ("대구광역시", "대구"),
    ("인천광역시", "인천"),
    ("광주광역시", "광주"),
    ("대전광역시", "대전"),
    ("울산광역시", "울산"),
    ("세종특별자치시", "세종"),
    ("경기도", "경기"),
    ("강원특별자치도", "강원"),
    ("강원도", "강원"),
    ("충청북도", "충북"),
    ("충청남도", "충남"),
    ("전북특별자치도", "전북"),
    ("전라북도", "전북"),
    ("전라남도", "전남"),
    ("경상북도", "경북"),
    ("경상남도", "경남"),
    ("제주특별자치도", "제주"),
];

fn short_province(address: &str) -> String {
    let trimmed = address.trim_start();
    for (long, short) in PROVINCES {
        if let Some(rest) = trimmed.strip_prefix(long) {
            return format!("{short}{rest}");
        }
    }
    trimmed.to_string()
}

/// Address compared without spaces, hyphens, brackets or commas, with the province shortened.
pub fn address_key(address1: &str, address2: &str) -> String {
    let joined = format!("{} {}", short_province(address1), address2);
    joined
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')' | ',' | '.'))
        .collect()
}

/// Merge key: receivers are one parcel when name, address, phone and mobile are all equal.
pub fn merge_key(name: &str, address1: &str, address2: &str, phone: &str, mobile: &str) -> String {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    format!(
        "{}|{}|{}|{}",
        name,
        address_key(address1, address2),
        digits(phone),
        digits(mobile)
    )
}

/// 주소약칭 for the waybill: province and district in short form ("서울 강남구").
pub fn short_address(address1: &str) -> String {
    short_province(address1)
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_person_spelled_differently_gets_one_key() {
        let a = merge_key(
            "홍길동",
            "서울특별시 강남구 테헤란로 123",
            "101동 1203호",
            "02-123-4567",
            "010-1234-5678",
        );
        let b = merge_key(
            "홍 길동",
            "서울 강남구 테헤란로 123",
            "101동1203호",
            "021234567",
            "01012345678",
        );
        assert_eq!(a, b);
    }

    #[test]
    fn a_different_phone_is_a_different_key() {
        let a = merge_key(
            "홍길동",
            "서울 강남구 테헤란로 123",
            "",
            "",
            "010-1234-5678",
        );
        let b = merge_key(
            "홍길동",
            "서울 강남구 테헤란로 123",
            "",
            "",
            "010-9999-5678",
        );
        assert_ne!(a, b);
    }

    #[test]
    fn short_address_is_province_and_district() {
        assert_eq!(
            short_address("경기도 성남시 분당구 판교역로 235"),
            "경기 성남시"
        );
        assert_eq!(
            short_address("부산광역시 해운대구 우동 1408"),
            "부산 해운대구"
        );
    }
}
