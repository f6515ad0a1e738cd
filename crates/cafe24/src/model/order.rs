//! Orders with their items and receivers (`embed=items,receivers`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::de;
use crate::error::Cafe24Error;
use crate::money::to_minor;
use crate::token::parse_cafe24_datetime;

/// A Cafe24 order. Money is in integer minor units of `currency` (KRW: won).
/// Cafe24 orders have no status of their own: see `items[].order_status`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub shop_no: u32,
    pub order_id: String,
    pub currency: String,
    pub order_date: DateTime<FixedOffset>,
    pub payment_date: Option<DateTime<FixedOffset>>,
    /// `paid == "T"` (fully paid).
    pub paid: bool,
    /// `canceled == "T"` (whole order cancelled; partial cancellations show on items).
    pub canceled: bool,
    /// `actual_order_amount.shipping_fee`.
    pub shipping_fee: i64,
    pub payment_amount: i64,
    pub items: Vec<OrderItem>,
    pub receivers: Vec<Receiver>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderItem {
    pub order_item_code: String,
    pub item_no: u32,
    pub variant_code: String,
    pub product_no: u32,
    pub product_code: String,
    pub product_name: String,
    /// e.g. `색상=화이트, 사이즈=M`.
    pub option_value: Option<String>,
    pub quantity: u32,
    /// Cafe24's raw code (N20 배송준비중, C00 취소신청, …); codes differ between API versions.
    pub order_status: String,
    /// Unit price in minor units.
    pub product_price: i64,
    /// Kilograms as Cafe24 writes them ("0.35").
    pub product_weight: Option<String>,
    pub shipping_code: Option<String>,
    pub tracking_no: Option<String>,
    pub shipping_company_code: Option<String>,
    /// The line's 옵션 구성방식: `T` 조합형, `E` 연동형 (상품 연동형, which FASSTO
    /// cannot link), `F` 독립형; `None` without options.
    #[serde(default)]
    pub option_type: Option<String>,
    /// The cancellation, return or exchange raised on this line, if any.
    #[serde(default)]
    pub claim: Option<ItemClaim>,
}

/// A claim on an order line, from the item's `claim_*` fields. Whether the line
/// is claimed *now* is its `order_status` (C…/R…/E…); this says what was asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemClaim {
    /// e.g. `C20190107-0000001`.
    pub claim_code: Option<String>,
    /// `C` 취소, `R` 반품, `E` 교환.
    pub claim_type: Option<String>,
    /// The buyer's reason class (`A` 고객변심, `B` 배송지연, `O` 고객변심 (교환/반품), …).
    pub reason_type: Option<String>,
    /// The buyer's words.
    pub reason: Option<String>,
    pub quantity: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receiver {
    #[serde(deserialize_with = "de::string", default)]
    pub name: String,
    #[serde(deserialize_with = "de::opt_string", default)]
    pub phone: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    pub cellphone: Option<String>,
    #[serde(deserialize_with = "de::string", default)]
    pub zipcode: String,
    #[serde(deserialize_with = "de::string", default)]
    pub address1: String,
    #[serde(deserialize_with = "de::opt_string", default)]
    pub address2: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    pub shipping_message: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    pub shipping_code: Option<String>,
    /// ISO 3166 alpha-2 destination (`KR`); absent or empty on older payloads.
    #[serde(deserialize_with = "de::opt_string", default)]
    pub country_code: Option<String>,
}

/// The order as Cafe24 sends it; converted to [`Order`] once the currency is known.
#[derive(Deserialize)]
pub(crate) struct WireOrder {
    #[serde(deserialize_with = "de::u32_lenient", default = "one")]
    shop_no: u32,
    #[serde(deserialize_with = "de::string")]
    order_id: String,
    #[serde(deserialize_with = "de::opt_string", default)]
    currency: Option<String>,
    #[serde(deserialize_with = "de::string", default)]
    order_date: String,
    #[serde(deserialize_with = "de::opt_string", default)]
    payment_date: Option<String>,
    #[serde(deserialize_with = "de::flag", default)]
    paid: bool,
    #[serde(deserialize_with = "de::flag", default)]
    canceled: bool,
    #[serde(deserialize_with = "de::opt_string", default)]
    payment_amount: Option<String>,
    #[serde(default)]
    actual_order_amount: Option<WireAmounts>,
    #[serde(deserialize_with = "de::list", default)]
    items: Vec<WireItem>,
    #[serde(deserialize_with = "de::list", default)]
    receivers: Vec<Receiver>,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
struct WireAmounts {
    #[serde(deserialize_with = "de::opt_string", default)]
    shipping_fee: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    payment_amount: Option<String>,
}

#[derive(Deserialize)]
struct WireItem {
    #[serde(deserialize_with = "de::string")]
    order_item_code: String,
    #[serde(deserialize_with = "de::u32_lenient", default)]
    item_no: u32,
    #[serde(deserialize_with = "de::string", default)]
    variant_code: String,
    #[serde(deserialize_with = "de::u32_lenient", default)]
    product_no: u32,
    #[serde(deserialize_with = "de::string", default)]
    product_code: String,
    #[serde(deserialize_with = "de::string", default)]
    product_name: String,
    #[serde(deserialize_with = "de::opt_string", default)]
    option_value: Option<String>,
    #[serde(deserialize_with = "de::u32_lenient", default)]
    quantity: u32,
    #[serde(deserialize_with = "de::string", default)]
    order_status: String,
    #[serde(deserialize_with = "de::opt_string", default)]
    product_price: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    product_weight: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    shipping_code: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    tracking_no: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    shipping_company_code: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    option_type: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    claim_code: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    claim_type: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    claim_reason_type: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    claim_reason: Option<String>,
    #[serde(deserialize_with = "de::u32_lenient", default)]
    claim_quantity: u32,
}

impl WireItem {
    fn claim(&self) -> Option<ItemClaim> {
        if self.claim_code.is_none() && self.claim_type.is_none() {
            return None;
        }
        Some(ItemClaim {
            claim_code: self.claim_code.clone(),
            claim_type: self.claim_type.clone(),
            reason_type: self.claim_reason_type.clone(),
            reason: self.claim_reason.clone(),
            quantity: self.claim_quantity,
        })
    }
}

fn decode(order_id: &str, what: &str, why: impl std::fmt::Display) -> Cafe24Error {
    Cafe24Error::Decode {
        message: format!("order {order_id}: {what}: {why}"),
    }
}

impl WireOrder {
    pub(crate) fn into_order(self) -> Result<Order, Cafe24Error> {
        let id = self.order_id.clone();
        let currency = self.currency.unwrap_or_else(|| "KRW".to_owned());
        let money = |what: &str, text: Option<&str>| -> Result<i64, Cafe24Error> {
            match text {
                None => Ok(0),
                Some(t) => to_minor(t, &currency).map_err(|e| decode(&id, what, e)),
            }
        };
        let order_date = parse_cafe24_datetime(&self.order_date)
            .ok_or_else(|| decode(&id, "order_date", &self.order_date))?;
        let payment_date = match &self.payment_date {
            None => None,
            Some(t) => {
                Some(parse_cafe24_datetime(t).ok_or_else(|| decode(&id, "payment_date", t))?)
            }
        };
        let amounts = self.actual_order_amount.as_ref();
        let shipping_fee = money(
            "shipping_fee",
            amounts.and_then(|a| a.shipping_fee.as_deref()),
        )?;
        let payment_amount = money(
            "payment_amount",
            self.payment_amount
                .as_deref()
                .or_else(|| amounts.and_then(|a| a.payment_amount.as_deref())),
        )?;
        let items = self
            .items
            .into_iter()
            .map(|i| {
                Ok(OrderItem {
                    product_price: money("product_price", i.product_price.as_deref())?,
                    claim: i.claim(),
                    order_item_code: i.order_item_code,
                    item_no: i.item_no,
                    variant_code: i.variant_code,
                    product_no: i.product_no,
                    product_code: i.product_code,
                    product_name: i.product_name,
                    option_value: i.option_value,
                    quantity: i.quantity,
                    order_status: i.order_status,
                    product_weight: i.product_weight,
                    shipping_code: i.shipping_code,
                    tracking_no: i.tracking_no,
                    shipping_company_code: i.shipping_company_code,
                    option_type: i.option_type,
                })
            })
            .collect::<Result<Vec<_>, Cafe24Error>>()?;
        Ok(Order {
            shop_no: self.shop_no,
            order_id: self.order_id,
            currency,
            order_date,
            payment_date,
            paid: self.paid,
            canceled: self.canceled,
            shipping_fee,
            payment_amount,
            items,
            receivers: self.receivers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sample A of the reference (official field names and formats).
    const SAMPLE: &str = r#"{
      "shop_no": 1, "currency": "KRW", "order_id": "20170710-0000013", "market_id": "self",
      "market_order_no": null, "member_id": "sampleid", "billing_name": "Test",
      "payment_method": ["card"], "paid": "T", "canceled": "F",
      "order_date": "2017-07-10T15:55:51+09:00", "payment_date": "2017-07-10T15:56:02+09:00",
      "payment_amount": "30000.00",
      "actual_order_amount": {"order_price_amount": "30000.00", "shipping_fee": "3000.00", "payment_amount": "33000.00"},
      "items": [{
          "shop_no": 1, "item_no": 1, "order_item_code": "20170710-0000013-01",
          "variant_code": "P000000N000A", "product_no": 14, "product_code": "P000000N",
          "option_id": "000A", "option_value": "", "product_name": "iPhone X",
          "product_price": "30000.00", "quantity": 1, "tracking_no": null,
          "shipping_code": "D-20170710-0000013-00", "order_status": "N20",
          "shipping_company_code": null, "ordered_date": "2017-07-10 15:55:51", "product_weight": "1.00",
          "some_future_field": {"nested": true}
      }],
      "receivers": [{
          "shop_no": 1, "name": "John Doe", "phone": "02-0000-0000", "cellphone": "010-0000-0000",
          "virtual_phone_no": null, "zipcode": "06258", "address1": "Sindaebang dong Dongjak-gu, Seoul",
          "address2": "", "shipping_message": "Sample shipping message", "shipping_code": "D-20170710-0000013-00"
      }]
    }"#;

    #[test]
    fn official_sample_order_converts() {
        let wire: WireOrder = serde_json::from_str(SAMPLE).unwrap();
        let o = wire.into_order().unwrap();
        assert_eq!(o.order_id, "20170710-0000013");
        assert!(o.paid && !o.canceled);
        assert_eq!(o.shipping_fee, 3000);
        assert_eq!(o.payment_amount, 30000);
        assert_eq!(o.order_date.to_rfc3339(), "2017-07-10T15:55:51+09:00");
        let item = &o.items[0];
        assert_eq!(item.product_price, 30000);
        assert_eq!(item.order_status, "N20");
        assert_eq!(item.option_value, None);
        assert_eq!(item.tracking_no, None);
        assert_eq!(item.product_weight.as_deref(), Some("1.00"));
        let r = &o.receivers[0];
        assert_eq!(r.address2, None);
        assert_eq!(r.cellphone.as_deref(), Some("010-0000-0000"));
        assert_eq!(r.country_code, None, "the sample predates country_code");
    }

    #[test]
    fn receiver_country_code_is_read() {
        let abroad = SAMPLE.replace(
            "\"shipping_message\": \"Sample shipping message\"",
            r#""shipping_message": "", "country_code": "US", "country_name_en": "United States""#,
        );
        let o = serde_json::from_str::<WireOrder>(&abroad)
            .unwrap()
            .into_order()
            .unwrap();
        assert_eq!(o.receivers[0].country_code.as_deref(), Some("US"));
    }

    #[test]
    fn claim_fields_of_the_items_sample_become_a_claim() {
        let claimed = SAMPLE.replace(
            "\"order_status\": \"N20\"",
            r#""order_status": "C00", "claim_code": "C20190107-0000001", "claim_type": "C",
               "claim_reason_type": "A", "claim_reason": "Damaged product", "claim_quantity": 1,
               "option_type": "E""#,
        );
        let o = serde_json::from_str::<WireOrder>(&claimed)
            .unwrap()
            .into_order()
            .unwrap();
        let item = &o.items[0];
        assert_eq!(item.order_status, "C00");
        assert_eq!(item.option_type.as_deref(), Some("E"));
        assert_eq!(
            item.claim,
            Some(ItemClaim {
                claim_code: Some("C20190107-0000001".into()),
                claim_type: Some("C".into()),
                reason_type: Some("A".into()),
                reason: Some("Damaged product".into()),
                quantity: 1,
            })
        );
        // The sample itself has no claim.
        let plain = serde_json::from_str::<WireOrder>(SAMPLE)
            .unwrap()
            .into_order()
            .unwrap();
        assert_eq!(plain.items[0].claim, None);
    }

    #[test]
    fn bad_money_names_the_order() {
        let broken = SAMPLE.replace("\"30000.00\", \"quantity\"", "\"thirty\", \"quantity\"");
        let wire: WireOrder = serde_json::from_str(&broken).unwrap();
        let e = wire.into_order().unwrap_err();
        assert_eq!(e.code(), "CAFE24_DECODE");
        assert!(e.to_string().contains("20170710-0000013"));
    }
}
