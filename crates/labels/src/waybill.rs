//! The data a waybill prints. Plain values: the caller (core) fills them from the store, this crate
//! only formats, masks and draws them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A sender or recipient as stored (unmasked). Masking happens only while drawing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    /// Digits only, e.g. `0212345678`.
    pub phone: String,
    /// Digits only, e.g. `01012345678`.
    pub mobile: String,
    pub zipcode: String,
    /// `address1 + " " + address2`.
    pub address: String,
}

/// One product line printed in the items block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelItem {
    pub name: String,
    /// Option text as the shop shows it, e.g. `색상=화이트, 사이즈=L`.
    pub option: String,
    pub qty: u32,
}

/// Everything printed on one CJ-style 표준운송장 (123 × 100 mm).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waybill {
    /// Digits only; printed 4-4-4 hyphenated when it has 12 digits.
    pub tracking_no: String,
    /// e.g. `CJ대한통운`.
    pub carrier_name: String,
    /// 분류코드 (`도착지코드-서브코드`), e.g. `4W44-4g`.
    pub sort_code: String,
    /// 접수일자.
    pub received: NaiveDate,
    /// 출력매수 `(n, of)`, printed `n/of`.
    pub copy: (u32, u32),
    /// Prints the 재출력 mark.
    pub reprint: bool,
    pub recipient: Party,
    /// 주소약칭, printed in large type.
    pub short_address: String,
    /// The shop: printed unmasked.
    pub sender: Party,
    pub items: Vec<LabelItem>,
    /// 배송메시지.
    pub message: String,
    /// 연번 (sequence number within the print batch).
    pub parcel_no: u32,
    pub order_ids: Vec<String>,
}
