//! Every check an order typed by hand or read from a file must pass before anything is stored,
//! each with a stable code and a reason in Korean and English.

use packdesk_store::{Connection, catalogue, order_batches, orders};

use super::{EntryIssue, OrderEntry};
use crate::error::Result;
use crate::normalize::digits;

/// Column names as the template spells them (the UI and the messages use them too).
pub(crate) mod col {
    pub const CHANNEL: &str = "판매처";
    pub const ORDER_ID: &str = "주문번호";
    pub const NAME: &str = "수령인";
    pub const PHONE: &str = "전화번호";
    pub const MOBILE: &str = "휴대전화";
    pub const ZIPCODE: &str = "우편번호";
    pub const ADDRESS1: &str = "주소";
    pub const ADDRESS2: &str = "상세주소";
    pub const MESSAGE: &str = "배송메시지";
    pub const COUNTRY: &str = "국가";
    pub const PRODUCT: &str = "상품명";
    pub const OPTION: &str = "옵션";
    pub const SKU: &str = "SKU";
    pub const QTY: &str = "수량";
    pub const PRICE: &str = "단가";
    pub const SHIPPING_FEE: &str = "배송비";
}

pub(crate) fn issue(
    column: &str,
    code: &str,
    ko: impl Into<String>,
    en: impl Into<String>,
) -> EntryIssue {
    EntryIssue {
        row: None,
        order_id: None,
        column: column.to_string(),
        code: code.to_string(),
        message_ko: ko.into(),
        message_en: en.into(),
    }
}

/// The receiver and money checks of one order (no database needed).
pub(crate) fn receiver_issues(e: &OrderEntry) -> Vec<EntryIssue> {
    let mut out = Vec::new();
    if e.channel.trim().is_empty() {
        out.push(issue(
            col::CHANNEL,
            "CHANNEL_MISSING",
            "판매처(채널)를 입력하세요 (예: 스마트스토어, 쿠팡, 전화주문)",
            "the sales channel is missing (e.g. 스마트스토어, 쿠팡, 전화주문)",
        ));
    }
    if e.name.trim().is_empty() {
        out.push(issue(
            col::NAME,
            "NAME_MISSING",
            "수령인 이름이 없습니다",
            "the receiver's name is missing",
        ));
    }
    let (phone, mobile) = (digits(&e.phone), digits(&e.mobile));
    if phone.is_empty() && mobile.is_empty() {
        out.push(issue(
            col::MOBILE,
            "PHONE_MISSING",
            "전화번호나 휴대전화 중 하나는 있어야 합니다",
            "a phone or mobile number is required",
        ));
    }
    for (column, number) in [(col::PHONE, &phone), (col::MOBILE, &mobile)] {
        if !number.is_empty() && !(8..=12).contains(&number.len()) {
            out.push(issue(
                column,
                "PHONE_BAD",
                format!("{column} '{number}'의 자릿수가 올바르지 않습니다 (8~12자리)"),
                format!("{column} '{number}' has the wrong number of digits (8 to 12)"),
            ));
        }
    }
    if e.address1.trim().is_empty() {
        out.push(issue(
            col::ADDRESS1,
            "ADDRESS_MISSING",
            "주소가 없습니다",
            "the address is missing",
        ));
    }
    let country = country_of(e);
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
        out.push(issue(
            col::COUNTRY,
            "COUNTRY_BAD",
            format!(
                "국가 '{}'는 두 글자 국가코드여야 합니다 (예: KR, US)",
                e.country.trim()
            ),
            format!(
                "country '{}' must be a two-letter code (e.g. KR, US)",
                e.country.trim()
            ),
        ));
    } else if country == "KR" {
        let zip = e.zipcode.trim();
        if zip.len() != 5 || !zip.chars().all(|c| c.is_ascii_digit()) {
            out.push(issue(
                col::ZIPCODE,
                "POSTCODE_BAD",
                format!("우편번호 '{zip}'는 숫자 5자리여야 합니다"),
                format!("postcode '{zip}' must be 5 digits"),
            ));
        }
    } else if e.zipcode.trim().is_empty() {
        out.push(issue(
            col::ZIPCODE,
            "POSTCODE_BAD",
            "해외 배송은 우편번호가 필요합니다",
            "a postcode is required for a parcel abroad",
        ));
    }
    if e.shipping_fee < 0 {
        out.push(issue(
            col::SHIPPING_FEE,
            "SHIPPING_FEE_BAD",
            "배송비는 0 이상이어야 합니다",
            "the shipping fee cannot be negative",
        ));
    }
    if e.lines.is_empty() {
        out.push(issue(
            col::PRODUCT,
            "NO_LINES",
            "주문 상품이 없습니다",
            "the order has no lines",
        ));
    }
    out
}

/// ISO code of the destination, KR when left empty.
pub(crate) fn country_of(e: &OrderEntry) -> String {
    let c = e.country.trim().to_ascii_uppercase();
    match c.as_str() {
        "" | "한국" | "대한민국" | "KOREA" => "KR".into(),
        _ => c,
    }
}

/// Checks of one line. `Ok(Some(variant))` when its SKU is known.
pub(crate) fn line_issues(
    conn: &Connection,
    line: &super::EntryLine,
    out: &mut Vec<EntryIssue>,
) -> Result<Option<i64>> {
    if line.product_name.trim().is_empty() {
        out.push(issue(
            col::PRODUCT,
            "PRODUCT_MISSING",
            "상품명이 없습니다",
            "the product name is missing",
        ));
    }
    if line.quantity <= 0 {
        out.push(issue(
            col::QTY,
            "QTY_BAD",
            format!("수량 {}은(는) 1 이상이어야 합니다", line.quantity),
            format!("quantity {} must be at least 1", line.quantity),
        ));
    }
    if line.unit_price < 0 {
        out.push(issue(
            col::PRICE,
            "PRICE_BAD",
            "단가는 0 이상이어야 합니다",
            "the unit price cannot be negative",
        ));
    }
    let sku = line.sku.as_deref().map(str::trim).unwrap_or_default();
    if sku.is_empty() {
        return Ok(None);
    }
    match catalogue::find_variant(conn, sku)? {
        Some(v) => Ok(Some(v.variant_id)),
        None => {
            out.push(issue(
                col::SKU,
                "SKU_UNKNOWN",
                format!("SKU '{sku}'가 상품 목록에 없습니다 (비워 두면 매칭 단계에서 연결합니다)"),
                format!("SKU '{sku}' is not in the catalogue (leave it empty to match it later)"),
            ));
            Ok(None)
        }
    }
}

/// The order id is free in its channel.
pub(crate) fn duplicate_issue(
    conn: &Connection,
    channel: &str,
    order_id: &str,
) -> Result<Option<EntryIssue>> {
    let Some(shop) = order_batches::find_channel(conn, channel.trim())? else {
        return Ok(None);
    };
    Ok(orders::exists(conn, shop, order_id)?.then(|| {
        issue(
            col::ORDER_ID,
            "ORDER_ID_DUPLICATE",
            format!("주문번호 {order_id}는 {channel}에 이미 등록되어 있습니다"),
            format!("order {order_id} is already registered for {channel}"),
        )
    }))
}
