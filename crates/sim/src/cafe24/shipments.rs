//! Shipment creation (single `POST /orders/{id}/shipments` and bulk
//! `POST /shipments`, ≤ 100 per call) and `GET /orders/{id}/shipments`.
//!
//! Each request entry is all-or-nothing: every listed line must be shippable
//! (paid, not cancelled/returned/exchanged, not already shipped), otherwise the
//! entry fails and nothing of it changes. A bulk call where some entries fail
//! answers 207 with one result per entry, in request order.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use super::model::{RecordedShipment, kst_time};
use super::state::SimState;
use super::wire::ApiError;
use super::{Cafe24Sim, wire};

const MAX_PER_CALL: usize = 100;
const MAX_TRACKING_NO: usize = 40;

#[derive(Debug, Default, Deserialize)]
struct CreateRequest {
    order_id: Option<String>,
    tracking_no: Option<String>,
    shipping_company_code: Option<String>,
    status: Option<String>,
    #[serde(default)]
    order_item_code: Option<Vec<String>>,
    carrier_id: Option<u32>,
}

#[derive(Debug, Deserialize)]
struct SingleBody {
    #[serde(default = "one")]
    shop_no: u32,
    request: CreateRequest,
}

#[derive(Debug, Deserialize)]
struct BulkBody {
    #[serde(default = "one")]
    shop_no: u32,
    requests: Vec<CreateRequest>,
}

fn one() -> u32 {
    1
}

/// Why one entry could not be applied.
struct Rejection {
    status: StatusCode,
    message: String,
}

fn reject(status: StatusCode, message: impl Into<String>) -> Rejection {
    Rejection {
        status,
        message: message.into(),
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("The request body is not valid JSON for this API: {e}"),
        )
    })
}

pub async fn create_for_order(
    State(sim): State<Cafe24Sim>,
    Path(order_id): Path<String>,
    body: Bytes,
) -> Response {
    let mut parsed: SingleBody = match parse_json(&body) {
        Ok(b) => b,
        Err(r) => return r.into_response(),
    };
    parsed.request.order_id = Some(order_id);
    let shop_no = parsed.shop_no;
    let outcome = sim.mutate(|s| apply(s, shop_no, &parsed.request));
    match outcome {
        Ok(created) => (
            StatusCode::CREATED,
            axum::Json(
                json!({"shipments": [created.to_created_wire(shop_no, parsed.request.carrier_id)]}),
            ),
        )
            .into_response(),
        Err(r) => wire::error(r.status, r.message),
    }
}

pub async fn create_bulk(State(sim): State<Cafe24Sim>, body: Bytes) -> Response {
    let parsed: BulkBody = match parse_json(&body) {
        Ok(b) => b,
        Err(r) => return r.into_response(),
    };
    if parsed.requests.is_empty() {
        return wire::error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "requests: at least one entry is required. (requests)",
        );
    }
    if parsed.requests.len() > MAX_PER_CALL {
        return wire::error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("requests: at most {MAX_PER_CALL} entries per call. (requests)"),
        );
    }
    let shop_no = parsed.shop_no;
    let results: Vec<Result<RecordedShipment, Rejection>> = sim.mutate(|s| {
        parsed
            .requests
            .iter()
            .map(|r| apply(s, shop_no, r))
            .collect()
    });
    let all_ok = results.iter().all(Result::is_ok);
    let entries: Vec<Value> = results
        .into_iter()
        .zip(&parsed.requests)
        .map(|(result, req)| match result {
            Ok(created) => created.to_created_wire(shop_no, req.carrier_id),
            Err(r) => json!({
                "shop_no": shop_no,
                "order_id": req.order_id,
                "order_item_code": req.order_item_code,
                "tracking_no": req.tracking_no,
                "error": {"code": r.status.as_u16(), "message": r.message},
            }),
        })
        .collect();
    let status = if all_ok {
        StatusCode::CREATED
    } else {
        StatusCode::MULTI_STATUS
    };
    (status, axum::Json(json!({"shipments": entries}))).into_response()
}

/// Validates one entry and, if every line can ship, moves the lines to N30
/// (`shipping`) or N21 (`standby`) and records the shipment.
fn apply(
    s: &mut SimState,
    shop_no: u32,
    req: &CreateRequest,
) -> Result<RecordedShipment, Rejection> {
    let unprocessable = |m: String| reject(StatusCode::UNPROCESSABLE_ENTITY, m);
    let order_id = req
        .order_id
        .clone()
        .ok_or_else(|| unprocessable("order_id is required. (order_id)".to_owned()))?;
    let tracking_no = req.tracking_no.clone().unwrap_or_default();
    if tracking_no.trim().is_empty() || tracking_no.chars().count() > MAX_TRACKING_NO {
        return Err(unprocessable(format!(
            "tracking_no is required and may have at most {MAX_TRACKING_NO} characters. (tracking_no)"
        )));
    }
    let company = req.shipping_company_code.clone().unwrap_or_default();
    if !s
        .carriers
        .iter()
        .any(|c| c.shipping_carrier_code == company)
    {
        return Err(unprocessable(format!(
            "shipping_company_code '{company}' is not a carrier registered for this mall. (shipping_company_code)"
        )));
    }
    let status = req.status.clone().unwrap_or_default();
    let new_item_status = match status.as_str() {
        "shipping" => "N30",
        "standby" => "N21",
        _ => {
            return Err(unprocessable(
                "status must be standby or shipping. (status)".to_owned(),
            ));
        }
    };
    let shipment_no = s
        .shipments
        .iter()
        .filter(|x| x.order_id == order_id)
        .count();
    let order = s
        .order_mut(&order_id)
        .filter(|o| o.shop_no == shop_no)
        .ok_or_else(|| {
            reject(
                StatusCode::NOT_FOUND,
                format!("No order found. ({order_id})"),
            )
        })?;
    let codes: Vec<String> = match &req.order_item_code {
        Some(codes) if !codes.is_empty() => codes.clone(),
        _ => order
            .items
            .iter()
            .filter(|i| !i.order_status.starts_with(['C', 'R', 'E']))
            .map(|i| i.order_item_code.clone())
            .collect(),
    };
    if codes.is_empty() {
        return Err(unprocessable(format!(
            "order {order_id} has no line that can be shipped."
        )));
    }
    for code in &codes {
        let item = order
            .items
            .iter()
            .find(|i| i.order_item_code == *code)
            .ok_or_else(|| {
                unprocessable(format!(
                    "order_item_code {code} does not belong to order {order_id}. (order_item_code)"
                ))
            })?;
        let st = item.order_status.as_str();
        if st.starts_with(['C', 'R', 'E']) {
            return Err(unprocessable(format!(
                "order item {code} is cancelled or in a claim ({st}) and cannot be shipped."
            )));
        }
        if matches!(st, "N30" | "N40" | "N50") {
            return Err(unprocessable(format!(
                "order item {code} has already been shipped ({st})."
            )));
        }
        if st == "N00" || !order.paid {
            return Err(unprocessable(format!(
                "order item {code} is not paid yet ({st})."
            )));
        }
    }
    let shipping_code = format!("D-{order_id}-{shipment_no:02}");
    let now = Utc::now();
    for item in order
        .items
        .iter_mut()
        .filter(|i| codes.contains(&i.order_item_code))
    {
        item.order_status = new_item_status.to_owned();
        item.tracking_no = Some(tracking_no.clone());
        item.shipping_company_code = Some(company.clone());
        item.shipping_code = Some(shipping_code.clone());
        if new_item_status == "N30" {
            item.shipped_date = Some(kst_time(now));
        }
    }
    let record = RecordedShipment {
        shipping_code,
        order_id,
        order_item_codes: codes,
        tracking_no,
        shipping_company_code: company,
        status,
        created_at: now,
    };
    s.shipments.push(record.clone());
    Ok(record)
}

pub async fn list_for_order(
    State(sim): State<Cafe24Sim>,
    Path(order_id): Path<String>,
) -> Response {
    let found = sim.read(|s| {
        let order = s.order(&order_id)?;
        let shipments: Vec<Value> = s
            .shipments
            .iter()
            .filter(|x| x.order_id == order_id)
            .map(|x| {
                let items: Vec<Value> = x
                    .order_item_codes
                    .iter()
                    .map(|code| {
                        let status = order
                            .items
                            .iter()
                            .find(|i| i.order_item_code == *code)
                            .map(|i| match i.order_status.as_str() {
                                "N21" => "standby",
                                "N40" | "N50" => "shipped",
                                _ => "shipping",
                            })
                            .unwrap_or("shipping");
                        json!({"order_item_code": code, "status": status})
                    })
                    .collect();
                json!({
                    "shop_no": order.shop_no,
                    "shipping_code": x.shipping_code,
                    "order_id": x.order_id,
                    "tracking_no": x.tracking_no,
                    "tracking_no_updated_date": kst_time(x.created_at).to_rfc3339(),
                    "shipping_company_code": x.shipping_company_code,
                    "items": items,
                })
            })
            .collect();
        Some(shipments)
    });
    match found {
        Some(shipments) => axum::Json(json!({"shipments": shipments})).into_response(),
        None => wire::error(
            StatusCode::NOT_FOUND,
            format!("No order found. ({order_id})"),
        ),
    }
}
