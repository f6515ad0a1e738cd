//! Products with variants and inventory (`embed=variants`), and the mall's carriers.
//! A variant's option type is its product's (`Product::option_type`).

use serde::{Deserialize, Serialize};

use super::de;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    #[serde(deserialize_with = "de::u32_lenient")]
    pub product_no: u32,
    #[serde(deserialize_with = "de::string", default)]
    pub product_code: String,
    #[serde(deserialize_with = "de::string", default)]
    pub product_name: String,
    /// The names a warranty card or customs form may print instead (empty when not set).
    #[serde(deserialize_with = "de::string", default)]
    pub eng_product_name: String,
    #[serde(deserialize_with = "de::string", default)]
    pub supply_product_name: String,
    #[serde(deserialize_with = "de::string", default)]
    pub model_name: String,
    /// Kilograms as Cafe24 writes them ("1.00"), packaging included.
    #[serde(deserialize_with = "de::opt_string", default)]
    pub product_weight: Option<String>,
    /// `has_option`: the product is sold in options (its variants carry them).
    #[serde(deserialize_with = "de::flag", default)]
    pub has_option: bool,
    /// Cafe24's 옵션 구성방식 (`option_type`), which every variant of the product
    /// shares: `C` 조합 일체선택형, `S` 조합 분리선택형, `E` 상품 연동형,
    /// `F` 독립 선택형; older answers and products without options also send
    /// `T` 조합형. FASSTO cannot link `E` options — see
    /// [`Product::has_linked_options`]. (Values from the Admin API's product
    /// field doc as scraped in the reference's SH sources; the reference itself
    /// names the field only.)
    #[serde(deserialize_with = "de::opt_string", default)]
    pub option_type: Option<String>,
    #[serde(deserialize_with = "de::list", default)]
    pub variants: Vec<Variant>,
}

impl Product {
    /// True when the product's options are 상품 연동형 (`option_type` `E`), which
    /// FASSTO FMS cannot link to its goods: such variants must be flagged.
    pub fn has_linked_options(&self) -> bool {
        self.option_type.as_deref().map(str::trim) == Some("E")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    #[serde(deserialize_with = "de::string")]
    pub variant_code: String,
    #[serde(deserialize_with = "de::list", default)]
    pub options: Vec<VariantOption>,
    /// Inventory on hand.
    #[serde(deserialize_with = "de::i64_lenient", default)]
    pub quantity: i64,
    #[serde(deserialize_with = "de::opt_string", default)]
    pub custom_variant_code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantOption {
    #[serde(deserialize_with = "de::string", default)]
    pub name: String,
    #[serde(deserialize_with = "de::string", default)]
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Carrier {
    #[serde(deserialize_with = "de::u32_lenient", default)]
    pub carrier_id: u32,
    /// The code shipments use as `shipping_company_code` (e.g. "0006" CJ대한통운).
    #[serde(deserialize_with = "de::string", default)]
    pub shipping_carrier_code: String,
    #[serde(deserialize_with = "de::string", default)]
    pub shipping_carrier: String,
    #[serde(deserialize_with = "de::flag", default)]
    pub default_shipping_carrier: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_variant_sample_and_own_output_both_parse() {
        let v: Variant = serde_json::from_str(
            r#"{"shop_no": 1, "variant_code": "P000000R000C",
                "options": [{"name": "Color", "value": "Blue"}, {"name": "Size", "value": "Small"}],
                "custom_variant_code": "", "display": "T", "quantity": 6, "safety_inventory": 7}"#,
        )
        .unwrap();
        assert_eq!(v.quantity, 6);
        assert_eq!(v.custom_variant_code, None);
        assert_eq!(v.options[1].value, "Small");
        let c: Carrier = serde_json::from_str(
            r#"{"carrier_id": 1, "shipping_carrier_code": "0006", "shipping_carrier": "CJ대한통운", "default_shipping_carrier": "T"}"#,
        )
        .unwrap();
        assert!(c.default_shipping_carrier);
        let round: Carrier = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(round, c);
    }

    #[test]
    fn product_linked_options_are_recognised() {
        let linked: Product = serde_json::from_str(
            r#"{"shop_no":1,"product_no":7,"product_code":"P000000H","has_option":"T","option_type":"E"}"#,
        )
        .unwrap();
        assert!(linked.has_option && linked.has_linked_options());
        let combined: Product = serde_json::from_str(
            r#"{"product_no":24,"product_code":"P000000X","has_option":"F","option_type":"T"}"#,
        )
        .unwrap();
        assert!(!combined.has_linked_options());
        let older: Product = serde_json::from_str(r#"{"product_no":1}"#).unwrap();
        assert_eq!(older.option_type, None);
        assert!(!older.has_linked_options());
    }
}
