//! Sample data for every template: the app's previews without a parcel, the docs images, the
//! tests and the benches. SYNTHETIC — made-up people, shops and numbers (tracking numbers pass
//! their carriers' checks). The recipients' full names and numbers appear nowhere else on a
//! document, so the tests' "not printed" assertions mean something.

use crate::LabelItem;
use crate::template::TemplateId;
use crate::{
    CustomsCategory, CustomsItem, CustomsLabel, DocData, IntlParty, PackingSlip, Party, PickLine,
    PickList, ProductNameSource, SlipLine, WarrantyCard, Waybill,
};
use chrono::NaiveDate;

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

/// 롯데: 12 digits whose last is the first eleven mod 7.
pub const LOTTE_TRACKING: &str = "255278883171";
pub const LOTTE_SORT: &str = "A21-07";
pub const HANJIN_TRACKING: &str = "573871357113";
pub const HANJIN_SORT: &str = "S215";
pub const EMS_TRACKING: &str = "EE473124829KR";
pub const INTL_NAME: &str = "Tanaka Hanako";
pub const INTL_PHONE: &str = "+81312345678";
pub const PARCEL_CODE: &str = "P00012345";
pub const WARRANTY_URL: &str = "https://warranty.example.com/w/7F3K9Q2M";

pub fn waybill_cj() -> Waybill {
    sample()
}

pub fn waybill_hanjin() -> Waybill {
    let mut wb = sample();
    wb.carrier_name = "한진택배".into();
    wb.tracking_no = HANJIN_TRACKING.into();
    wb.sort_code = HANJIN_SORT.into();
    wb
}

pub fn waybill_lotte() -> Waybill {
    let mut wb = sample();
    wb.carrier_name = "롯데택배".into();
    wb.tracking_no = LOTTE_TRACKING.into();
    wb.sort_code = LOTTE_SORT.into();
    wb
}

pub fn customs() -> CustomsLabel {
    CustomsLabel {
        service: "EMS".into(),
        tracking_no: EMS_TRACKING.into(),
        sender: IntlParty {
            name: "Packdesk Store".into(),
            phone: "+82212345678".into(),
            address: vec!["3F, 110 Sejong-daero".into(), "Jung-gu".into()],
            city: "Seoul".into(),
            postcode: "04524".into(),
            country: "Republic of Korea".into(),
            country_code: "KR".into(),
        },
        recipient: IntlParty {
            name: INTL_NAME.into(),
            phone: INTL_PHONE.into(),
            address: vec!["2-21-1 Shibuya, Hikarie 11F".into(), "Shibuya-ku".into()],
            city: "Tokyo".into(),
            postcode: "150-8510".into(),
            country: "Japan".into(),
            country_code: "JP".into(),
        },
        items: vec![
            CustomsItem {
                description: "Cotton T-shirt".into(),
                qty: 2,
                weight_g: 400,
                value: 36.0,
                hs_code: "610910".into(),
                origin: "KR".into(),
            },
            CustomsItem {
                description: "Denim trousers".into(),
                qty: 1,
                weight_g: 650,
                value: 42.5,
                hs_code: "620342".into(),
                origin: "KR".into(),
            },
        ],
        currency: "USD".into(),
        category: CustomsCategory::SaleOfGoods,
        posted: NaiveDate::from_ymd_opt(2025, 3, 14),
    }
}

pub fn packing_slip() -> PackingSlip {
    let wb = sample();
    PackingSlip {
        parcel_code: PARCEL_CODE.into(),
        parcel_no: 12,
        order_ids: wb.order_ids.clone(),
        ordered: NaiveDate::from_ymd_opt(2025, 3, 14).expect("date"),
        shop: wb.sender.clone(),
        business_no: "123-45-67890".into(),
        recipient: wb.recipient.clone(),
        carrier_name: "CJ대한통운".into(),
        tracking_no: TRACKING.into(),
        lines: vec![
            SlipLine {
                sku: "TS-WH-L".into(),
                name: "오버핏 코튼 티셔츠".into(),
                option: "색상=화이트, 사이즈=L".into(),
                qty: 2,
                unit_price: 19_800,
            },
            SlipLine {
                sku: "DP-M".into(),
                name: "데님 와이드 팬츠".into(),
                option: "사이즈=M".into(),
                qty: 1,
                unit_price: 45_000,
            },
            SlipLine {
                sku: "SK-3".into(),
                name: "양말 3족 세트".into(),
                option: String::new(),
                qty: 3,
                unit_price: 6_900,
            },
        ],
        shipping_fee: 3_000,
        discount: 5_000,
        message: wb.message.clone(),
        currency: "KRW".into(),
    }
}

pub fn pick_list() -> PickList {
    let l =
        |location: &str, sku: &str, name: &str, option: &str, qty: u32, parcel_no: u32| PickLine {
            location: location.into(),
            sku: sku.into(),
            name: name.into(),
            option: option.into(),
            qty,
            parcel_no,
        };
    PickList {
        batch: "2025-03-14 오전 1차".into(),
        printed_at: "2025-03-14 09:30".into(),
        lines: vec![
            l("B-10-01", "DP-M", "데님 와이드 팬츠", "사이즈=M", 1, 1),
            l(
                "A-2-03",
                "TS-WH-L",
                "오버핏 코튼 티셔츠",
                "색상=화이트, 사이즈=L",
                2,
                1,
            ),
            l("A-10-02", "SK-3", "양말 3족 세트", "", 3, 2),
            l(
                "A-2-03",
                "TS-WH-L",
                "오버핏 코튼 티셔츠",
                "색상=화이트, 사이즈=L",
                1,
                3,
            ),
            l("B-10-01", "DP-M", "데님 와이드 팬츠", "사이즈=M", 2, 4),
            l(
                "A-2-04",
                "TS-BK-M",
                "오버핏 코튼 티셔츠",
                "색상=블랙, 사이즈=M",
                1,
                4,
            ),
            l("", "GIFT-01", "사은품 에코백", "", 4, 5),
        ],
    }
}

/// A 240 × 240 product "photo": a grey disc on a light background, as PNG bytes.
pub fn product_png() -> Vec<u8> {
    let img = image::GrayImage::from_fn(240, 240, |x, y| {
        let (dx, dy) = (x as f32 - 120.0, y as f32 - 120.0);
        let r = (dx * dx + dy * dy).sqrt();
        image::Luma([if r < 90.0 { (60.0 + r) as u8 } else { 235 }])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode png");
    out.into_inner()
}

pub fn warranty() -> WarrantyCard {
    WarrantyCard {
        shop_name: "패크데스크 스토어".into(),
        product_name: "[특가할인] ★아이유착용★ 무선 블루투스 이어폰 X1 (예약배송)".into(),
        product_name_en: "Wireless Earbuds X1".into(),
        supplier_product_name: "TWS-X1 블랙".into(),
        model_name: "TWS-X1".into(),
        name_source: ProductNameSource::Name,
        strip_marketing: true,
        marketing_phrases: vec![],
        option: "색상=블랙".into(),
        details: vec![
            ("제조사".into(), "패크전자".into()),
            ("원산지".into(), "대한민국".into()),
            ("품질보증기준".into(), "소비자분쟁해결기준에 따름".into()),
        ],
        image: Some(product_png()),
        warranty_url: WARRANTY_URL.into(),
        warranty_no: "W-2025-000123".into(),
        owner_name: NAME.into(),
        order_id: "20250314-0000123".into(),
        purchased: NaiveDate::from_ymd_opt(2025, 3, 14),
        period: "구매일로부터 1년".into(),
        support: "고객센터 1588-1234".into(),
    }
}

/// One sample per template.
pub fn all() -> Vec<(TemplateId, DocData)> {
    vec![
        (TemplateId::WaybillCj, DocData::Waybill(waybill_cj())),
        (
            TemplateId::WaybillHanjin,
            DocData::Waybill(waybill_hanjin()),
        ),
        (TemplateId::WaybillLotte, DocData::Waybill(waybill_lotte())),
        (
            TemplateId::LabelGeneric100x150,
            DocData::Waybill(waybill_cj()),
        ),
        (TemplateId::LabelEmsCn22, DocData::CustomsLabel(customs())),
        (
            TemplateId::PackingSlip,
            DocData::PackingSlip(packing_slip()),
        ),
        (TemplateId::PickList, DocData::PickList(pick_list())),
        (TemplateId::WarrantyCard, DocData::WarrantyCard(warranty())),
    ]
}

/// Recipient strings that must never be printed, per sample.
pub fn secrets() -> Vec<&'static str> {
    vec![
        NAME,
        MOBILE,
        "010-1234-5678",
        PHONE,
        "031-123-4567",
        INTL_NAME,
        "Tanaka",
        "312345678",
    ]
}

pub fn party_unused() -> Party {
    Party::default()
}
