//! `PUT /api/v2/admin/products/{product_no}` with `{"shop_no":1,"request":{…}}`.
//! Only `product_weight` (kg, 0–999999.99, two decimals) is simulated; a request
//! that would change nothing answers 409, as Cafe24's status table says for
//! "updating a resource with identical content".

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use super::model::kst_time;
use super::query::invalid;
use super::shops::check_shop;
use super::wire::ApiError;
use super::{Cafe24Sim, wire};

#[derive(Deserialize)]
struct Body {
    #[serde(default = "one")]
    shop_no: u32,
    request: Option<Value>,
}

fn one() -> u32 {
    1
}

/// Hundredths of a kilogram from `"1.25"` or `1.25`; at most two decimals.
fn parse_weight(v: &Value) -> Result<u64, ApiError> {
    let text = match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return Err(invalid("product_weight", "must be a number")),
    };
    let bad = || invalid("product_weight", "must be between 0 and 999999.99");
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let whole: u64 = whole.parse().map_err(|_| bad())?;
    let frac: u64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let hundredths = whole.checked_mul(100).and_then(|w| w.checked_add(frac));
    hundredths.filter(|h| *h <= 99_999_999).ok_or_else(bad)
}

pub async fn update(
    State(sim): State<Cafe24Sim>,
    Path(product_no): Path<u32>,
    body: Bytes,
) -> Response {
    let parsed: Body = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => {
            return wire::error(
                StatusCode::BAD_REQUEST,
                format!("The request body is not valid JSON for this API: {e}"),
            );
        }
    };
    if let Err(r) = check_shop(&sim, parsed.shop_no) {
        return r.into_response();
    }
    let Some(weight) = parsed
        .request
        .as_ref()
        .and_then(|r| r.get("product_weight"))
    else {
        return invalid(
            "request",
            "product_weight is the only field this simulator updates",
        )
        .into_response();
    };
    let hundredths = match parse_weight(weight) {
        Ok(h) => h,
        Err(r) => return r.into_response(),
    };
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    let shop_no = parsed.shop_no;
    let outcome = sim.mutate(|s| {
        let product = s
            .products
            .iter_mut()
            .find(|p| p.product_no == product_no && p.in_shop(shop_no))
            .ok_or_else(|| {
                ApiError::new(StatusCode::NOT_FOUND, "No product found. (product_no)")
            })?;
        if product.product_weight == text {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "The requested content is identical to the current one. (product_weight)",
            ));
        }
        product.product_weight.clone_from(&text);
        Ok(product.to_wire(shop_no, false))
    });
    match outcome {
        Ok(mut product) => {
            if let Some(obj) = product.as_object_mut() {
                obj.insert(
                    "updated_date".to_owned(),
                    Value::String(kst_time(Utc::now()).to_rfc3339()),
                );
            }
            axum::Json(json!({ "product": product })).into_response()
        }
        Err(r) => r.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_take_at_most_two_decimals_within_range() {
        assert_eq!(parse_weight(&json!("1.25")).unwrap(), 125);
        assert_eq!(parse_weight(&json!("0.5")).unwrap(), 50);
        assert_eq!(parse_weight(&json!(2)).unwrap(), 200);
        assert_eq!(parse_weight(&json!("999999.99")).unwrap(), 99_999_999);
        assert!(parse_weight(&json!("1000000.00")).is_err());
        assert!(parse_weight(&json!("1.255")).is_err());
        assert!(parse_weight(&json!("-1.00")).is_err());
        assert!(parse_weight(&json!(null)).is_err());
    }
}
