//! Sample waybills shared by the tests, the docs example and the bench (included by `#[path]`).
//! The recipient's name, phones and the middle character of the name appear nowhere else on the
//! label (not in the address, sender or items), so "not printed" assertions are meaningful.

#![allow(dead_code)]

use chrono::NaiveDate;
use packdesk_labels::{LabelItem, Party, Waybill};

pub const NAME: &str = "홍길동";
pub const MOBILE: &str = "01012345678";
pub const PHONE: &str = "0311234567";
pub const TRACKING: &str = "123456789012";

pub fn sample() -> Waybill {
    Waybill {
        tracking_no: TRACKING.into(),
        carrier_name: "CJ대한통운".into(),
        sort_code: "4W44-4g".into(),
        received: NaiveDate::from_ymd_opt(2025, 3, 14).expect("valid date"),
        copy: (1, 1),
        reprint: true,
        recipient: Party {
            name: NAME.into(),
            phone: PHONE.into(),
            mobile: MOBILE.into(),
            zipcode: "06234".into(),
            address: "서울특별시 강남구 테헤란로 123 한국타워 4층 401호 (역삼동)".into(),
        },
        short_address: "강남 테헤란 123".into(),
        sender: Party {
            name: "패크데스크 스토어".into(),
            phone: "0212345678".into(),
            mobile: String::new(),
            zipcode: "04524".into(),
            address: "서울특별시 중구 세종대로 110 3층".into(),
        },
        items: vec![
            LabelItem {
                name: "오버핏 코튼 티셔츠".into(),
                option: "색상=화이트, 사이즈=L".into(),
                qty: 2,
            },
            LabelItem {
                name: "데님 와이드 팬츠".into(),
                option: "사이즈=M".into(),
                qty: 1,
            },
            LabelItem {
                name: "양말 3족 세트".into(),
                option: String::new(),
                qty: 3,
            },
        ],
        message: "부재 시 문 앞에 놓아주세요. 벨은 누르지 말아 주세요.".into(),
        parcel_no: 12,
        order_ids: vec!["20250314-0000123".into(), "20250314-0000124".into()],
    }
}

/// `n` distinct waybills: different recipients, tracking numbers and item counts.
pub fn batch(n: usize) -> Vec<Waybill> {
    const FAMILY: [&str; 8] = ["김", "이", "박", "최", "정", "강", "조", "윤"];
    const GIVEN: [&str; 8] = [
        "민준", "서연", "도윤", "하은", "시우", "지유", "주원", "수아",
    ];
    (0..n)
        .map(|i| {
            let mut wb = sample();
            wb.tracking_no = format!("{:012}", 600_000_000_000u64 + i as u64 * 7);
            wb.recipient.name = format!("{}{}", FAMILY[i % 8], GIVEN[(i / 8) % 8]);
            wb.recipient.mobile = format!("010{:08}", 10_000_000 + i * 37);
            wb.parcel_no = i as u32 + 1;
            wb.reprint = i % 10 == 0;
            wb.items.truncate(1 + i % 3);
            wb
        })
        .collect()
}
