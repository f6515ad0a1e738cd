//! The data each kind of document prints: plain values that core fills from the store. This crate
//! only formats, masks and draws them; nothing here is masked yet (see `template::bind`).

pub(crate) mod customs;
mod picklist;
mod warranty;

pub use customs::{CustomsCategory, CustomsItem, CustomsLabel, IntlParty, s10_check_digit};
pub use picklist::{PickLine, PickList, PickTotal};
pub use warranty::{ProductNameSource, WarrantyCard, strip_marketing};

use crate::waybill::{Party, Waybill};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything a template can be rendered from; the template's `data` says which variant it takes.
#[derive(Clone, Debug, PartialEq)]
pub enum DocData {
    Waybill(Waybill),
    PackingSlip(PackingSlip),
    PickList(PickList),
    WarrantyCard(WarrantyCard),
    CustomsLabel(CustomsLabel),
}

/// Which [`DocData`] variant a template binds to (the `data` key of a template file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataKind {
    Waybill,
    PackingSlip,
    PickList,
    WarrantyCard,
    CustomsLabel,
}

impl DataKind {
    pub fn id(self) -> &'static str {
        match self {
            Self::Waybill => "waybill",
            Self::PackingSlip => "packing-slip",
            Self::PickList => "pick-list",
            Self::WarrantyCard => "warranty-card",
            Self::CustomsLabel => "customs-label",
        }
    }
}

impl DocData {
    pub fn kind(&self) -> DataKind {
        match self {
            Self::Waybill(_) => DataKind::Waybill,
            Self::PackingSlip(_) => DataKind::PackingSlip,
            Self::PickList(_) => DataKind::PickList,
            Self::WarrantyCard(_) => DataKind::WarrantyCard,
            Self::CustomsLabel(_) => DataKind::CustomsLabel,
        }
    }
}

/// One product line of a packing slip. Money in whole won.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipLine {
    pub sku: String,
    pub name: String,
    pub option: String,
    pub qty: u32,
    pub unit_price: i64,
}

fn krw() -> String {
    "KRW".into()
}

/// 주문서 / 거래명세서 packed with a parcel. The parcel barcode is what the packer scans to
/// call the parcel up at the desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackingSlip {
    /// Scannable parcel code (Code 128), e.g. `P000123`.
    pub parcel_code: String,
    /// 연번 within the print batch.
    pub parcel_no: u32,
    pub order_ids: Vec<String>,
    pub ordered: NaiveDate,
    /// The shop (printed unmasked: its own business contact).
    pub shop: Party,
    /// 사업자등록번호, printed as given.
    pub business_no: String,
    /// Masked when drawn.
    pub recipient: Party,
    pub carrier_name: String,
    pub tracking_no: String,
    pub lines: Vec<SlipLine>,
    pub shipping_fee: i64,
    pub discount: i64,
    /// 배송메시지 (scrubbed of the recipient's name and numbers when drawn).
    pub message: String,
    /// ISO currency of the amounts, which are in its minor units (KRW: won; USD: cents).
    #[serde(default = "krw")]
    pub currency: String,
}

impl PackingSlip {
    pub fn subtotal(&self) -> i64 {
        self.lines
            .iter()
            .map(|l| l.unit_price * i64::from(l.qty))
            .sum()
    }

    pub fn total(&self) -> i64 {
        self.subtotal() + self.shipping_fee - self.discount
    }
}

/// An amount in minor units of `currency` as a slip prints it: won as `12,300`, cents as
/// `1,234.50`, yen as `3,069`.
pub fn format_money(minor: i64, currency: &str) -> String {
    match currency.trim().to_ascii_uppercase().as_str() {
        "" | "KRW" | "JPY" | "VND" | "TWD" => format_won(minor),
        _ => {
            let sign = if minor < 0 { "-" } else { "" };
            let abs = minor.unsigned_abs();
            format!("{sign}{}.{:02}", format_won((abs / 100) as i64), abs % 100)
        }
    }
}

/// `1234567` → `1,234,567`.
pub fn format_won(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn won_has_thousands_separators() {
        assert_eq!(format_won(0), "0");
        assert_eq!(format_won(999), "999");
        assert_eq!(format_won(1000), "1,000");
        assert_eq!(format_won(1234567), "1,234,567");
        assert_eq!(format_won(-25000), "-25,000");
    }

    #[test]
    fn money_keeps_cents_for_currencies_that_have_them() {
        assert_eq!(format_money(12_300, "KRW"), "12,300");
        assert_eq!(format_money(123_450, "USD"), "1,234.50");
        assert_eq!(format_money(-5, "USD"), "-0.05");
        assert_eq!(format_money(3_069, "jpy"), "3,069");
    }
}
