//! Carrier invoice (tracking) number formats, and blocks of pre-issued numbers.
//! Facts: reference/carriers-fassto-rates.md §2.1 — validate length and digits per carrier; the
//! mod-7 check digit only for 롯데 (CJ's is refuted by real samples); UPU S10 for EMS.

pub struct FormatError {
    pub en: String,
    pub ko: String,
}

fn err(en: impl Into<String>, ko: impl Into<String>) -> FormatError {
    FormatError {
        en: en.into(),
        ko: ko.into(),
    }
}

/// Input as people type it: hyphens and spaces allowed.
pub fn clean(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase()
}

fn lengths(carrier: &str) -> Option<&'static [usize]> {
    Some(match carrier {
        "cj" => &[10, 12],
        "lotte" => &[12],
        "hanjin" => &[10, 12, 14],
        "epost" => &[13],
        "logen" => &[11],
        _ => return None,
    })
}

pub fn validate(carrier: &str, number: &str) -> Result<(), FormatError> {
    if carrier == EMS {
        return validate_s10(number);
    }
    let Some(lens) = lengths(carrier) else {
        return Err(err(
            format!("unknown carrier {carrier}"),
            format!("알 수 없는 택배사 {carrier}"),
        ));
    };
    if !number.chars().all(|c| c.is_ascii_digit()) {
        return Err(err("digits only", "숫자만 입력하세요"));
    }
    if !lens.contains(&number.len()) {
        let want = lens
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("/");
        return Err(err(
            format!("{} digits, expected {want}", number.len()),
            format!("{}자리입니다 ({want}자리여야 합니다)", number.len()),
        ));
    }
    if carrier == "lotte" && !lotte_check_ok(number) {
        return Err(err(
            "check digit (mod 7) does not match",
            "검증번호(mod 7)가 맞지 않습니다",
        ));
    }
    Ok(())
}

/// International parcels (EMS / K-Packet): UPU S10 numbers.
pub const EMS: &str = "ems";

/// `EE123456785KR`: two letters, an 8-digit serial, its check digit, the country.
fn validate_s10(number: &str) -> Result<(), FormatError> {
    let b = number.as_bytes();
    let shaped = b.len() == 13
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..11].iter().all(u8::is_ascii_digit)
        && b[11..].iter().all(u8::is_ascii_uppercase);
    if !shaped {
        return Err(err(
            "an S10 number is 2 letters, 9 digits, 2 letters (EE123456785KR)",
            "국제우편 번호는 영문 2자, 숫자 9자리, 영문 2자입니다 (예: EE123456785KR)",
        ));
    }
    let check = packdesk_labels::s10_check_digit(&number[2..10]);
    if check != Some(u32::from(b[10] - b'0')) {
        return Err(err(
            "S10 check digit does not match",
            "국제우편 번호의 검증번호가 맞지 않습니다",
        ));
    }
    Ok(())
}

/// 롯데: the last digit is the first eleven digits, as a number, mod 7.
fn lotte_check_ok(number: &str) -> bool {
    let (body, check) = number.split_at(number.len() - 1);
    match (body.parse::<u64>(), check.parse::<u64>()) {
        (Ok(b), Ok(c)) => b % 7 == c,
        _ => false,
    }
}

/// The `count` numbers of a block starting at `first`. Carriers issue blocks as consecutive
/// serials; for 롯데 the serial is the first 11 digits and each number gets its own check digit.
pub fn block(carrier: &str, first: &str, count: u32) -> Result<Vec<String>, FormatError> {
    validate(carrier, first)?;
    if carrier == EMS {
        return s10_block(first, count);
    }
    let width = first.len();
    let (serial_str, with_check) = if carrier == "lotte" {
        (&first[..width - 1], true)
    } else {
        (first, false)
    };
    let serial_width = serial_str.len();
    let start: u64 = serial_str
        .parse()
        .map_err(|_| err("not a number", "숫자가 아닙니다"))?;
    let last = start
        .checked_add(u64::from(count.saturating_sub(1)))
        .filter(|l| l.to_string().len() <= serial_width)
        .ok_or_else(|| {
            err(
                "the block runs past the largest number",
                "대역이 최대 번호를 넘습니다",
            )
        })?;
    Ok((start..=last)
        .map(|s| {
            let serial = format!("{s:0serial_width$}");
            if with_check {
                format!("{serial}{}", s % 7)
            } else {
                serial
            }
        })
        .collect())
}

/// S10 blocks: consecutive 8-digit serials between the same letters, each with its check digit.
fn s10_block(first: &str, count: u32) -> Result<Vec<String>, FormatError> {
    let (prefix, suffix) = (&first[..2], &first[11..]);
    let start: u32 = first[2..10]
        .parse()
        .map_err(|_| err("not a number", "숫자가 아닙니다"))?;
    let last = start
        .checked_add(count.saturating_sub(1))
        .filter(|l| *l <= 99_999_999)
        .ok_or_else(|| {
            err(
                "the block runs past the largest number",
                "대역이 최대 번호를 넘습니다",
            )
        })?;
    Ok((start..=last)
        .map(|s| {
            let serial = format!("{s:08}");
            let check = packdesk_labels::s10_check_digit(&serial).unwrap_or_default();
            format!("{prefix}{serial}{check}{suffix}")
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carrier_lengths() {
        assert!(validate("cj", "601234567890").is_ok());
        assert!(validate("cj", "6012345678").is_ok());
        assert!(validate("cj", "60123456789").is_err());
        assert!(validate("cj", "60123456789a").is_err());
        assert!(validate("epost", "6078616932735").is_ok());
        assert!(validate("logen", "12345678901").is_ok());
        assert!(validate("dhl", "1").is_err());
    }

    #[test]
    fn ems_numbers_are_s10_with_their_check_digit() {
        assert!(validate("ems", "RR473124829GB").is_ok());
        assert!(validate("ems", "RR473124828GB").is_err());
        assert!(validate("ems", "EE12345678KR").is_err());
        let b = block("ems", "RR473124829GB", 3).ok().unwrap();
        assert_eq!(b[0], "RR473124829GB");
        assert!(b[1].starts_with("RR47312483") && b[1].ends_with("GB"));
        assert!(b.iter().all(|n| validate("ems", n).is_ok()));
        assert!(block("ems", "EE999999995KR", 2).is_err());
    }

    #[test]
    fn lotte_check_digit_from_the_reference_sample() {
        assert!(validate("lotte", "255278883171").is_ok());
        assert!(validate("lotte", "255278883172").is_err());
    }

    #[test]
    fn blocks_are_consecutive_and_lotte_blocks_carry_check_digits() {
        assert_eq!(
            block("cj", "601234567898", 3).ok().unwrap(),
            ["601234567898", "601234567899", "601234567900"]
        );
        let lotte = block("lotte", "255278883171", 2).ok().unwrap();
        assert_eq!(lotte[0], "255278883171");
        assert!(validate("lotte", &lotte[1]).is_ok());
        assert!(block("cj", "999999999999", 2).is_err());
    }
}
