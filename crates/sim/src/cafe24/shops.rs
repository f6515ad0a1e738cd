//! The mall's shops (멀티쇼핑몰, `shop_no`) and `GET /api/v2/admin/shops`.
//! Shop 1 is the default Korean shop; a mall may add e.g. an English/USD shop.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::model::SimOrder;
use super::query::Params;
use super::wire::ApiError;
use super::{Cafe24Sim, wire};

/// One shop of the simulated mall.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimShop {
    pub shop_no: u32,
    pub shop_name: String,
    /// Exactly one shop of a mall is the default (`"default": "T"`).
    pub is_default: bool,
    /// e.g. `ko_KR`, `en_US`.
    pub language_code: String,
    /// ISO 4217, e.g. `KRW`, `USD`.
    pub currency_code: String,
    /// IANA zone, e.g. `Asia/Seoul`.
    pub timezone: String,
    pub active: bool,
}

impl SimShop {
    /// Shop 1: the default Korean shop, in won.
    pub fn korean_default() -> SimShop {
        SimShop {
            shop_no: 1,
            shop_name: "기본 쇼핑몰".to_owned(),
            is_default: true,
            language_code: "ko_KR".to_owned(),
            currency_code: "KRW".to_owned(),
            timezone: "Asia/Seoul".to_owned(),
            active: true,
        }
    }

    /// An English shop selling in US dollars (still run from Seoul).
    pub fn english_usd(shop_no: u32) -> SimShop {
        SimShop {
            shop_no,
            shop_name: "English Shop".to_owned(),
            is_default: false,
            language_code: "en_US".to_owned(),
            currency_code: "USD".to_owned(),
            timezone: "Asia/Seoul".to_owned(),
            active: true,
        }
    }

    fn to_wire(&self, mall_id: &str) -> Value {
        let flag = |b: bool| if b { "T" } else { "F" };
        let (language_name, currency_name) =
            match (self.language_code.as_str(), self.currency_code.as_str()) {
                ("ko_KR", "KRW") => ("한국어", "South Korean Won (KRW)"),
                ("en_US", "USD") => ("English", "U.S. Dollar (USD)"),
                ("ja_JP", "JPY") => ("日本語", "Japanese Yen (JPY)"),
                _ => ("", ""),
            };
        let domain = if self.shop_no == 1 {
            format!("{mall_id}.cafe24.com")
        } else {
            format!("{mall_id}{}.cafe24.com", self.shop_no)
        };
        json!({
            "shop_no": self.shop_no,
            "default": flag(self.is_default),
            "shop_name": self.shop_name,
            "business_country_code": "KR",
            "language_code": self.language_code,
            "language_name": language_name,
            "currency_code": self.currency_code,
            "currency_name": currency_name,
            "reference_currency_code": if self.currency_code == "USD" { "KRW" } else { "USD" },
            "reference_currency_name": "",
            "pc_skin_no": self.shop_no.saturating_mul(2).saturating_sub(1),
            "mobile_skin_no": self.shop_no.saturating_mul(2),
            "base_domain": domain,
            "primary_domain": domain,
            "slave_domain": [],
            "active": flag(self.active),
            "timezone": self.timezone,
            "timezone_name": "(GMT+09:00) Seoul",
            "date_format": "YYYY-MM-DD",
            "time_format": "hh:mm:ss",
            "use_reference_currency": "F",
        })
    }
}

impl SimOrder {
    /// The same order placed in `shop` instead: its `shop_no` and currency.
    /// Amounts keep their numbers (the simulator does not convert currencies).
    pub fn in_shop(mut self, shop: &SimShop) -> SimOrder {
        self.shop_no = shop.shop_no;
        self.currency.clone_from(&shop.currency_code);
        self
    }
}

/// The `shop_no` of a request (default 1), refused with 422 when the mall has no such shop.
pub fn shop_param(sim: &Cafe24Sim, p: &Params) -> Result<u32, ApiError> {
    let shop_no = p.number("shop_no", 1, 1, u32::MAX)?;
    check_shop(sim, shop_no)?;
    Ok(shop_no)
}

/// 422 unless the mall has shop `shop_no`.
pub fn check_shop(sim: &Cafe24Sim, shop_no: u32) -> Result<(), ApiError> {
    if sim.inner.cfg.shops.iter().any(|s| s.shop_no == shop_no) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("shop_no: shop {shop_no} does not exist in this mall. (shop_no)"),
        ))
    }
}

pub async fn list(State(sim): State<Cafe24Sim>) -> Response {
    let shops: Vec<Value> = sim
        .inner
        .cfg
        .shops
        .iter()
        .map(|s| s.to_wire(&sim.inner.cfg.mall_id))
        .collect();
    if shops.is_empty() {
        return wire::error(StatusCode::NOT_FOUND, "No shop found. (shop_no)");
    }
    axum::Json(json!({ "shops": shops })).into_response()
}
