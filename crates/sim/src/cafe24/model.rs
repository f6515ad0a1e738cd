//! The simulator's own records (orders, products, carriers) and how each one is
//! rendered in Cafe24's wire shape. Money is kept as whole won (KRW has no minor
//! unit) and rendered as Cafe24's two-decimal strings.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::claims::{self, SimClaim};
use super::wire::{kst, money};

/// One order as the simulator stores it. `items[].order_status` carries the
/// status (Cafe24 orders have no order-level status).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimOrder {
    pub shop_no: u32,
    pub order_id: String,
    pub currency: String,
    pub order_date: DateTime<FixedOffset>,
    pub payment_date: Option<DateTime<FixedOffset>>,
    pub paid: bool,
    pub canceled: bool,
    pub member_id: Option<String>,
    pub billing_name: String,
    /// Minor units of `currency`: whole won for KRW, cents for USD.
    pub shipping_fee: i64,
    pub order_place_id: String,
    pub items: Vec<SimItem>,
    pub receivers: Vec<SimReceiver>,
}

/// One order line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimItem {
    pub item_no: u32,
    pub order_item_code: String,
    pub variant_code: String,
    pub product_no: u32,
    pub product_code: String,
    pub product_name: String,
    /// Cafe24's display form, e.g. `색상=화이트, 사이즈=M`; empty without options.
    pub option_value: String,
    pub quantity: u32,
    /// Per unit, in minor units of the order's currency (whole won for KRW, cents for USD).
    pub product_price: i64,
    pub order_status: String,
    /// Kilograms as Cafe24 sends them ("0.35").
    pub product_weight: String,
    pub shipping_code: Option<String>,
    pub tracking_no: Option<String>,
    pub shipping_company_code: Option<String>,
    pub shipped_date: Option<DateTime<FixedOffset>>,
    /// The line's `option_type` (order-items doc: `T` 조합형, `E` 연동형, `F` 독립형);
    /// `None` for a product without options.
    #[serde(default)]
    pub option_type: Option<String>,
    /// Set when the line moved to a C/R/E status (see [`Cafe24Sim::claim_item`](super::Cafe24Sim::claim_item)).
    #[serde(default)]
    pub claim: Option<SimClaim>,
}

/// Where an order goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimReceiver {
    pub name: String,
    pub phone: String,
    pub cellphone: String,
    pub zipcode: String,
    pub address1: String,
    pub address2: String,
    pub shipping_message: String,
    /// ISO 3166 alpha-2 destination; `KR` unless the order goes abroad.
    #[serde(default = "korea")]
    pub country_code: String,
}

fn korea() -> String {
    "KR".to_owned()
}

impl Default for SimReceiver {
    /// An empty domestic receiver: tests fill in what they need and take the rest from here.
    fn default() -> Self {
        SimReceiver {
            name: String::new(),
            phone: String::new(),
            cellphone: String::new(),
            zipcode: String::new(),
            address1: String::new(),
            address2: String::new(),
            shipping_message: String::new(),
            country_code: korea(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimProduct {
    pub product_no: u32,
    pub product_code: String,
    pub product_name: String,
    /// Whole won.
    pub price: i64,
    /// Kilograms as Cafe24 sends them ("0.35").
    pub product_weight: String,
    pub variants: Vec<SimVariant>,
    /// Cafe24's product `option_type` (옵션 구성방식): `C` 조합 일체선택형,
    /// `S` 조합 분리선택형, `E` 상품 연동형, `F` 독립 선택형. `None` renders
    /// `S` for a product with options and `T` (as the official sample does) without.
    #[serde(default)]
    pub option_type: Option<String>,
    /// The shops (`shop_no`) that sell the product; empty means every shop.
    #[serde(default)]
    pub shop_nos: Vec<u32>,
    /// `eng_product_name` and `model_name` (empty when the shop never set them).
    #[serde(default)]
    pub eng_product_name: String,
    #[serde(default)]
    pub model_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimVariant {
    pub variant_code: String,
    pub options: Vec<SimOption>,
    pub quantity: i64,
    pub custom_variant_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimOption {
    pub name: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimCarrier {
    pub carrier_id: u32,
    pub shipping_carrier_code: String,
    pub shipping_carrier: String,
    pub is_default: bool,
}

/// A shipment the simulator created, as the tests and the demo read it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedShipment {
    pub shipping_code: String,
    pub order_id: String,
    pub order_item_codes: Vec<String>,
    pub tracking_no: String,
    pub shipping_company_code: String,
    /// `standby` or `shipping`.
    pub status: String,
    pub created_at: DateTime<Utc>,
}

impl SimVariant {
    /// Cafe24's `option_value` display string for an order line.
    pub fn option_value(&self) -> String {
        self.options
            .iter()
            .map(|o| format!("{}={}", o.name, o.value))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl SimItem {
    /// A line for `quantity` of `variant` of `product`, in status N20 (배송준비중).
    pub fn for_variant(
        order_id: &str,
        item_no: u32,
        product: &SimProduct,
        variant: &SimVariant,
        quantity: u32,
    ) -> SimItem {
        SimItem {
            item_no,
            order_item_code: format!("{order_id}-{item_no:02}"),
            variant_code: variant.variant_code.clone(),
            product_no: product.product_no,
            product_code: product.product_code.clone(),
            product_name: product.product_name.clone(),
            option_value: variant.option_value(),
            quantity,
            product_price: product.price,
            order_status: "N20".to_owned(),
            product_weight: product.product_weight.clone(),
            shipping_code: Some(format!("D-{order_id}-00")),
            tracking_no: None,
            shipping_company_code: None,
            shipped_date: None,
            option_type: product.item_option_type(),
            claim: None,
        }
    }

    /// The claim's request date, when the line has a claim of `kind`.
    fn request_date(&self, kind: &str) -> Option<String> {
        self.claim
            .as_ref()
            .filter(|c| c.claim_type == kind)
            .map(|c| c.requested_at.format("%Y-%m-%d %H:%M:%S").to_string())
    }
}

impl SimOrder {
    pub fn order_price_amount(&self) -> i64 {
        self.items
            .iter()
            .map(|i| i.product_price * i64::from(i.quantity))
            .sum()
    }

    pub fn payment_amount(&self) -> i64 {
        self.order_price_amount() + self.shipping_fee
    }

    /// Cafe24's order-level `shipping_status`: F 배송전, M 배송중 (some or all
    /// lines on their way), T 배송완료.
    fn shipping_status(&self) -> &'static str {
        let live: Vec<&SimItem> = self
            .items
            .iter()
            .filter(|i| i.order_status.starts_with('N'))
            .collect();
        if !live.is_empty() && live.iter().all(|i| i.order_status == "N40") {
            "T"
        } else if live.iter().any(|i| i.order_status == "N30") {
            "M"
        } else {
            "F"
        }
    }

    /// An amount of this order (minor units of its currency) as Cafe24 writes it.
    fn money(&self, minor: i64) -> String {
        super::wire::money_in(minor, &self.currency)
    }

    /// The order in the shape of `GET /api/v2/admin/orders`, with the requested embeds.
    pub fn to_wire(&self, embed_items: bool, embed_receivers: bool) -> Value {
        let flag = |b: bool| if b { "T" } else { "F" };
        let mut order = object(vec![
            json!({
                "shop_no": self.shop_no,
                "currency": self.currency,
                "order_id": self.order_id,
                "market_id": "self",
                "market_order_no": null,
                "member_id": self.member_id,
                "member_email": null,
                "member_authentication": "T",
                "billing_name": self.billing_name,
                "bank_code": null,
                "payment_method": ["card"],
                "payment_method_name": ["신용카드"],
                "paid": flag(self.paid),
                "canceled": flag(self.canceled),
                "order_date": self.order_date.to_rfc3339(),
                "first_order": "F",
                "payment_date": self.payment_date.map(|d| d.to_rfc3339()),
                "order_from_mobile": "T",
                "use_escrow": "F",
                "group_no_when_ordering": 1,
                "initial_order_amount": {
                    "order_price_amount": self.money(self.order_price_amount()),
                    "shipping_fee": self.money(self.shipping_fee),
                    "points_spent_amount": "0.00",
                    "credits_spent_amount": "0.00",
                    "coupon_discount_price": "0.00",
                    "payment_amount": self.money(self.payment_amount()),
                },
                "actual_order_amount": {
                    "order_price_amount": self.money(self.order_price_amount()),
                    "shipping_fee": self.money(self.shipping_fee),
                    "points_spent_amount": "0.00",
                    "credits_spent_amount": "0.00",
                    "coupon_discount_price": "0.00",
                    "payment_amount": self.money(self.payment_amount()),
                },
                "payment_amount": self.money(self.payment_amount()),
                "cancel_date": null,
                "order_place_name": "PC쇼핑몰",
            }),
            json!({
                "order_place_id": self.order_place_id,
                "payment_confirmation": null,
                "commission": "0.00",
                "postpay": "F",
                "admin_additional_amount": "0.00",
                "additional_shipping_fee": "0.00",
                "international_shipping_insurance": "0.00",
                "additional_handling_fee": "0.00",
                "shipping_type": "A",
                "shipping_type_text": "국내배송",
                "shipping_status": self.shipping_status(),
                "wished_delivery_date": "",
                "wished_delivery_time": null,
                "wished_carrier_id": null,
                "wished_carrier_name": null,
                "return_confirmed_date": null,
                "total_supply_price": self.money(self.order_price_amount()),
                "naver_point": null,
                "additional_order_info_list": [],
                "store_pickup": "F",
                "easypay_name": "",
                "loan_status": null,
                "subscription": "F",
                "multiple_addresses": "F",
                "exchange_rate": "1.00",
            }),
            json!({
                "first_payment_methods": ["card"],
                "include_tax": "T",
                "tax_detail": [],
                "show_shipping_address": "T",
                "social_member_code": null,
                "social_name": null,
                "customer_group_no_when_ordering": "1",
                "benefits": null,
                "coupons": null,
                "refunds": null,
                "shipping_fee_detail": [{
                    "shipping_group_code": 1,
                    "supplier_code": "S0000000",
                    "shipping_fee": self.money(self.shipping_fee),
                    "cancel_shipping_fee": "0.00",
                    "additional_shipping_fee": "0.00",
                    "refunded_shipping_fee": "0.00",
                    "items": self.items.iter().map(|i| i.order_item_code.clone()).collect::<Vec<_>>(),
                }],
            }),
        ]);
        if let Some(obj) = order.as_object_mut() {
            if embed_items {
                let items: Vec<Value> = self.items.iter().map(|i| self.item_wire(i)).collect();
                obj.insert("items".to_owned(), Value::Array(items));
            }
            if embed_receivers {
                let shipping_code = self
                    .items
                    .first()
                    .and_then(|i| i.shipping_code.clone())
                    .unwrap_or_else(|| format!("D-{}-00", self.order_id));
                let receivers: Vec<Value> = self
                    .receivers
                    .iter()
                    .map(|r| r.to_wire(self.shop_no, &shipping_code))
                    .collect();
                obj.insert("receivers".to_owned(), Value::Array(receivers));
            }
        }
        order
    }

    fn item_wire(&self, i: &SimItem) -> Value {
        let ordered = self.order_date.format("%Y-%m-%d %H:%M:%S").to_string();
        let option_id = i
            .variant_code
            .get(i.product_code.len()..)
            .unwrap_or("000A")
            .to_owned();
        object(vec![
            json!({
                "shop_no": self.shop_no,
                "item_no": i.item_no,
                "order_item_code": i.order_item_code,
                "variant_code": i.variant_code,
                "product_no": i.product_no,
                "product_code": i.product_code,
                "internal_product_name": null,
                "custom_product_code": "",
                "custom_variant_code": "",
                "eng_product_name": null,
                "option_id": option_id,
                "option_value": i.option_value,
                "option_value_default": i.option_value,
                "additional_option_value": "",
                "additional_option_values": [],
                "product_name": i.product_name,
                "product_name_default": i.product_name,
                "product_price": self.money(i.product_price),
                "option_price": "0.00",
                "additional_discount_price": "0.00",
                "coupon_discount_price": "0.00",
                "app_item_discount_amount": null,
                "payment_amount": self.money(i.product_price * i64::from(i.quantity)),
                "quantity": i.quantity,
                "product_tax_type": "A",
            }),
            json!({
                "tax_rate": 10,
                "supplier_product_name": "",
                "supplier_transaction_type": "D",
                "supplier_id": "S0000000",
                "supplier_name": "자체공급",
                "tracking_no": i.tracking_no,
                "shipping_code": i.shipping_code,
                "post_express_flag": null,
                "order_status": i.order_status,
                "status_code": claims::status_code(&i.order_status),
                "status_text": claims::status_text(&i.order_status),
                "open_market_status": "",
                "bundled_shipping_type": "N",
                "shipping_company_id": i.shipping_company_code.as_ref().map(|_| "2"),
                "shipping_company_name": i.shipping_company_code.as_deref().map(super::carriers::carrier_name),
                "shipping_company_code": i.shipping_company_code,
                "product_bundle": "F",
                "product_bundle_no": null,
                "product_bundle_name": null,
                "product_bundle_name_default": null,
                "product_bundle_type": null,
                "was_product_bundle": null,
                "original_bundle_item_no": null,
                "naver_pay_order_id": null,
                "naver_pay_claim_status": null,
            }),
            json!({
                "individual_shipping_fee": "0.00",
                "shipping_fee_type": "X",
                "shipping_fee_type_text": "기본배송",
                "shipping_payment_option": "P",
                "payment_info_id": null,
                "original_item_no": [],
                "store_pickup": "F",
                "ordered_date": ordered,
                "shipped_date": i.shipped_date.map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string()),
                "delivered_date": null,
                "purchaseconfirmation_date": null,
                "cancel_date": null,
                "return_confirmed_date": null,
                "return_request_date": i.request_date("R"),
                "cancel_request_date": i.request_date("C"),
                "refund_date": null,
                "exchange_request_date": i.request_date("E"),
                "exchange_date": null,
                "product_material": null,
                "clearance_category": null,
                "clearance_category_info": null,
                "clearance_category_code": null,
                "hs_code": "",
                "one_plus_n_event": null,
                "origin_place": "국내",
            }),
            json!({
                "origin_place_no": null,
                "made_in_code": "KR",
                "origin_place_value": "",
                "gift": "F",
                "item_granting_gift": null,
                "subscription": "F",
                "product_weight": i.product_weight,
                "volume_size": null,
                "volume_size_weight": null,
                "options": [],
                "option_type": i.option_type,
                "claim_type": i.claim.as_ref().map(|c| c.claim_type.clone()),
                "claim_reason_type": i.claim.as_ref().map(|c| c.claim_reason_type.clone()),
                "claim_reason": i.claim.as_ref().map(|c| c.claim_reason.clone()),
                "refund_bank_name": null,
                "refund_bank_account_no": null,
                "refund_bank_account_holder": null,
                "claim_code": i.claim.as_ref().map(|c| c.claim_code.clone()),
                "claim_quantity": i.claim.as_ref().map_or(0, |c| c.claim_quantity),
                "multi_invoice": null,
                "supply_price": self.money(i.product_price),
            }),
        ])
    }
}

impl SimReceiver {
    fn to_wire(&self, shop_no: u32, shipping_code: &str) -> Value {
        let (state, city, street) = split_address(&self.address1);
        json!({
            "shop_no": shop_no,
            "name": self.name,
            "name_furigana": "",
            "phone": self.phone,
            "cellphone": self.cellphone,
            "virtual_phone_no": null,
            "zipcode": self.zipcode,
            "address1": self.address1,
            "address2": self.address2,
            "address_state": state,
            "address_city": city,
            "address_street": street,
            "address_full": format!("{} {}", self.address1, self.address2).trim().to_owned(),
            "name_en": "",
            "city_en": "",
            "state_en": "",
            "street_en": "",
            "country_code": self.country_code,
            "country_name": country_name(&self.country_code).0,
            "country_name_en": country_name(&self.country_code).1,
            "shipping_message": self.shipping_message,
            "clearance_information_type": null,
            "clearance_information": null,
            "wished_delivery_date": "",
            "wished_delivery_time": null,
            "shipping_code": shipping_code,
        })
    }
}

/// Cafe24's country names (Korean, English) for the destinations the simulator uses.
fn country_name(code: &str) -> (&'static str, &'static str) {
    match code {
        "KR" => ("대한민국", "Republic of Korea"),
        "US" => ("미국", "United States"),
        "JP" => ("일본", "Japan"),
        "SG" => ("싱가포르", "Singapore"),
        "CA" => ("캐나다", "Canada"),
        "AU" => ("호주", "Australia"),
        "GB" => ("영국", "United Kingdom"),
        "DE" => ("독일", "Germany"),
        "HK" => ("홍콩", "Hong Kong"),
        "TW" => ("대만", "Taiwan"),
        _ => ("", ""),
    }
}

/// `서울특별시 강남구 테헤란로 152` → (`서울특별시`, `강남구`, `테헤란로 152`).
fn split_address(address1: &str) -> (String, String, String) {
    let mut parts = address1.splitn(3, ' ');
    let state = parts.next().unwrap_or("").to_owned();
    let city = parts.next().unwrap_or("").to_owned();
    let street = parts.next().unwrap_or("").to_owned();
    (state, city, street)
}

impl SimProduct {
    fn has_options(&self) -> bool {
        self.variants.iter().any(|v| !v.options.is_empty())
    }

    /// The product's `option_type` as rendered (see the field's doc).
    pub fn option_type_code(&self) -> String {
        match &self.option_type {
            Some(t) => t.clone(),
            None if self.has_options() => "S".to_owned(),
            None => "T".to_owned(),
        }
    }

    /// The `option_type` an order line of this product carries: `E` for 상품 연동형,
    /// `F` for 독립 선택형, `T` for the combination types, `None` without options.
    fn item_option_type(&self) -> Option<String> {
        if !self.has_options() {
            return None;
        }
        Some(
            match self.option_type_code().as_str() {
                "E" => "E",
                "F" => "F",
                _ => "T",
            }
            .to_owned(),
        )
    }

    /// Whether shop `shop_no` sells this product.
    pub fn in_shop(&self, shop_no: u32) -> bool {
        self.shop_nos.is_empty() || self.shop_nos.contains(&shop_no)
    }

    /// The product in the shape of `GET /api/v2/admin/products`.
    pub fn to_wire(&self, shop_no: u32, embed_variants: bool) -> Value {
        let sold_out = self.variants.iter().all(|v| v.quantity <= 0);
        let mut product = object(vec![
            json!({
                "shop_no": shop_no,
                "product_no": self.product_no,
                "product_code": self.product_code,
                "custom_product_code": "",
                "product_name": self.product_name,
                "eng_product_name": self.eng_product_name,
                "supply_product_name": "",
                "internal_product_name": "",
                "model_name": self.model_name,
                "price_excluding_tax": money(self.price * 10 / 11),
                "price": money(self.price),
                "retail_price": "0.00",
                "supply_price": money(self.price / 2),
                "display": "T",
                "selling": "T",
                "product_condition": "N",
                "product_used_month": null,
                "summary_description": "",
                "product_tag": [],
                "margin_rate": "50.00",
                "tax_calculation": "A",
                "tax_type": "A",
                "tax_rate": 10,
                "price_content": null,
                "buy_limit_by_product": "F",
            }),
            json!({
                "buy_limit_type": "F",
                "buy_group_list": [],
                "buy_member_id_list": [],
                "repurchase_restriction": "F",
                "single_purchase_restriction": "F",
                "points_by_product": "F",
                "except_member_points": "F",
                "product_volume": { "use_product_volume": "F" },
                "adult_certification": "F",
                "detail_image": null,
                "list_image": null,
                "tiny_image": null,
                "small_image": null,
                "use_naverpay": "T",
                "naverpay_type": "C",
                "manufacturer_code": "M0000000",
                "trend_code": "T0000000",
                "brand_code": "B0000000",
                "supplier_code": "S0000000",
                "made_date": "",
                "release_date": "",
                "expiration_date": { "start_date": null, "end_date": null },
                "origin_classification": "F",
                "origin_place_no": 1798,
                "origin_place_value": "",
            }),
            json!({
                "made_in_code": "KR",
                "icon_show_period": { "start_date": null, "end_date": null },
                "icon": [],
                "hscode": "",
                "product_weight": self.product_weight,
                "product_material": "",
                "created_date": "2024-03-04T10:12:00+09:00",
                "updated_date": "2025-01-15T09:30:00+09:00",
                "english_product_material": null,
                "cloth_fabric": null,
                "list_icon": { "soldout_icon": sold_out, "recommend_icon": false, "new_icon": false },
                "approve_status": "",
                "classification_code": "C000000A",
                "sold_out": if sold_out { "T" } else { "F" },
                "additional_price": "0.00",
                "clearance_category_eng": null,
                "clearance_category_kor": null,
                "clearance_category_code": null,
                "exposure_limit_type": "A",
                "exposure_group_list": [],
                "set_product_type": null,
                "use_kakaopay": "T",
                "shipping_fee_by_product": "F",
                "shipping_fee_type": "T",
                "main": [],
            }),
            json!({
                "channeldiscount_prd_price": null,
                "origin_product_no": null,
                "has_option": if self.has_options() { "T" } else { "F" },
                "option_type": self.option_type_code(),
            }),
        ]);
        if embed_variants && let Some(obj) = product.as_object_mut() {
            let variants: Vec<Value> = self.variants.iter().map(|v| v.to_wire(shop_no)).collect();
            obj.insert("variants".to_owned(), Value::Array(variants));
        }
        product
    }
}

impl SimVariant {
    pub fn to_wire(&self, shop_no: u32) -> Value {
        json!({
            "shop_no": shop_no,
            "variant_code": self.variant_code,
            "options": self.options,
            "custom_variant_code": self.custom_variant_code,
            "display": "T",
            "selling": "T",
            "additional_amount": "0.00",
            "use_inventory": "T",
            "important_inventory": "A",
            "inventory_control_type": "A",
            "display_soldout": "T",
            "quantity": self.quantity,
            "safety_inventory": 0,
            "image": null,
        })
    }
}

impl SimCarrier {
    pub fn to_wire(&self, shop_no: u32) -> Value {
        json!({
            "shop_no": shop_no,
            "carrier_id": self.carrier_id,
            "shipping_carrier_code": self.shipping_carrier_code,
            "shipping_carrier": self.shipping_carrier,
            "track_shipment_url": super::carriers::tracking_url(&self.shipping_carrier_code),
            "contact": "",
            "email": "",
            "default_shipping_carrier": if self.is_default { "T" } else { "F" },
            "shipping_fee_setting": "T",
        })
    }
}

impl RecordedShipment {
    /// Shape of one entry of a shipment-creation response.
    pub fn to_created_wire(&self, shop_no: u32, carrier_id: Option<u32>) -> Value {
        json!({
            "shop_no": shop_no,
            "shipping_code": self.shipping_code,
            "order_id": self.order_id,
            "status": self.status,
            "tracking_no": self.tracking_no,
            "shipping_company_code": self.shipping_company_code,
            "order_item_code": self.order_item_codes,
            "carrier_id": carrier_id,
        })
    }
}

/// A KST wall-clock time for `t`, as Cafe24 writes order dates.
pub fn kst_time(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&kst())
}

/// Merges several `json!` objects into one — Cafe24 objects have more keys than
/// one `json!` invocation can expand.
fn object(parts: Vec<Value>) -> Value {
    let mut map = Map::new();
    for part in parts {
        if let Value::Object(m) = part {
            map.extend(m);
        }
    }
    Value::Object(map)
}
