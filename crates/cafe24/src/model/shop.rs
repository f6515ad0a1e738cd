//! One shop of a mall (`GET /shops`): its number, name, language and currency.

use serde::{Deserialize, Serialize};

use super::de;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shop {
    #[serde(deserialize_with = "de::u32_lenient")]
    pub shop_no: u32,
    #[serde(deserialize_with = "de::string", default)]
    pub shop_name: String,
    /// The mall's default shop (`"default": "T"`): requests without `shop_no` read it.
    #[serde(rename = "default", deserialize_with = "de::flag", default)]
    pub is_default: bool,
    /// e.g. `ko_KR`, `en_US`, `ja_JP`.
    #[serde(deserialize_with = "de::string", default)]
    pub language_code: String,
    /// ISO 4217 (`KRW`, `USD`, …): the currency of the shop's orders and prices.
    #[serde(deserialize_with = "de::string", default)]
    pub currency_code: String,
    /// IANA zone, e.g. `Asia/Seoul`.
    #[serde(deserialize_with = "de::opt_string", default)]
    pub timezone: Option<String>,
    /// `active`; shops that leave it out are taken as active.
    #[serde(deserialize_with = "de::flag", default = "active")]
    pub active: bool,
}

fn active() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_sample_parses() {
        let shops: Vec<Shop> = serde_json::from_str(
            r#"[{"shop_no":1,"default":"T","shop_name":"My Shop","language_code":"ko_KR",
                 "currency_code":"KRW","timezone":"Asia/Seoul"},
                {"shop_no":2,"default":"F","currency_code":"USD"}]"#,
        )
        .unwrap();
        assert_eq!(shops[0].shop_no, 1);
        assert!(shops[0].is_default && shops[0].active);
        assert_eq!(shops[0].timezone.as_deref(), Some("Asia/Seoul"));
        assert!(!shops[1].is_default);
        assert_eq!(shops[1].currency_code, "USD");
        assert_eq!(shops[1].shop_name, "");
        let round: Shop = serde_json::from_str(&serde_json::to_string(&shops[0]).unwrap()).unwrap();
        assert_eq!(round, shops[0]);
    }
}
