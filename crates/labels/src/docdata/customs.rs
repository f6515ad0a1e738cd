//! EMS / K-Packet address label with the CN22 customs declaration (UPU form, in Latin script:
//! the destination's customs officers read it).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An international sender or recipient, romanised.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntlParty {
    pub name: String,
    /// As dialled internationally, digits (and `+`) only, e.g. `+81312345678`.
    pub phone: String,
    /// Street lines, e.g. `["1-2-3 Shibuya", "Shibuya-ku"]`.
    pub address: Vec<String>,
    pub city: String,
    pub postcode: String,
    /// Country name in English, e.g. `JAPAN`.
    pub country: String,
    /// ISO 3166 alpha-2, e.g. `JP`.
    pub country_code: String,
}

/// The CN22 category box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CustomsCategory {
    Gift,
    Documents,
    CommercialSample,
    ReturnedGoods,
    #[default]
    SaleOfGoods,
    Other,
}

impl CustomsCategory {
    pub fn label(self) -> &'static str {
        match self {
            Self::Gift => "Gift",
            Self::Documents => "Documents",
            Self::CommercialSample => "Commercial sample",
            Self::ReturnedGoods => "Returned goods",
            Self::SaleOfGoods => "Sale of goods",
            Self::Other => "Other",
        }
    }
}

/// One CN22 content line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomsItem {
    /// Detailed description in English, e.g. `Cotton T-shirt`.
    pub description: String,
    pub qty: u32,
    pub weight_g: u32,
    /// Value of the line (not per unit) in `CustomsLabel::currency`.
    pub value: f64,
    /// HS tariff number, e.g. `610910`.
    pub hs_code: String,
    /// Country of origin, ISO alpha-2, e.g. `KR`.
    pub origin: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomsLabel {
    /// `EMS` or `K-Packet`.
    pub service: String,
    /// UPU S10 number, e.g. `EE123456785KR`; checked before drawing.
    pub tracking_no: String,
    pub sender: IntlParty,
    /// Masked when drawn (name and phone), like every recipient.
    pub recipient: IntlParty,
    pub items: Vec<CustomsItem>,
    /// ISO 4217, e.g. `USD`.
    pub currency: String,
    pub category: CustomsCategory,
    pub posted: Option<NaiveDate>,
}

impl CustomsLabel {
    pub fn total_weight_g(&self) -> u32 {
        self.items.iter().map(|i| i.weight_g).sum()
    }

    pub fn total_value(&self) -> f64 {
        self.items.iter().map(|i| i.value).sum()
    }
}

/// The S10 check digit of an 8-digit serial: weights 8 6 4 2 3 5 9 7, 11 − (sum mod 11),
/// 10 → 0, 11 → 5. `None` unless `serial` is exactly 8 digits.
pub fn s10_check_digit(serial: &str) -> Option<u32> {
    if serial.len() != 8 || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    const W: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let sum: u32 = serial
        .bytes()
        .zip(W)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        d => d,
    })
}

/// `AA` + 8 digits + check digit + 2-letter country, with a correct check digit.
pub(crate) fn is_valid_s10(no: &str) -> bool {
    let b = no.as_bytes();
    b.len() == 13
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[11..].iter().all(u8::is_ascii_uppercase)
        && s10_check_digit(&no[2..10]) == Some(u32::from(b[10].wrapping_sub(b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s10_check_digits() {
        // 47312482: 4·8+7·6+3·4+1·2+2·3+4·5+8·9+2·7 = 200, 200 mod 11 = 2, 11 − 2 = 9.
        assert_eq!(s10_check_digit("47312482"), Some(9));
        assert!(is_valid_s10("RR473124829GB"));
        assert!(!is_valid_s10("RR473124828GB"));
        assert!(!is_valid_s10("rr473124829GB"));
        assert!(!is_valid_s10("RR47312482GB"));
        assert_eq!(s10_check_digit("1234567"), None);
    }
}
