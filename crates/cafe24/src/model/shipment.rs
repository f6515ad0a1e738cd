//! Tracking-number pushes (`POST /shipments`) and what Cafe24 reports back.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::de;
use crate::error::Cafe24Error;

/// One shipment to create: these lines of this order left with this tracking number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentRequest {
    pub order_id: String,
    /// Empty ships every line Cafe24 can ship.
    pub order_item_codes: Vec<String>,
    pub tracking_no: String,
    /// A code from [`crate::Cafe24Client::carriers`] (e.g. "0006").
    pub shipping_company_code: String,
    /// `shipping` (배송중) or `standby` (배송대기).
    pub status: String,
}

impl ShipmentRequest {
    /// A request with status `shipping` (lines move to N30 배송중).
    pub fn shipping(
        order_id: impl Into<String>,
        order_item_codes: Vec<String>,
        tracking_no: impl Into<String>,
        shipping_company_code: impl Into<String>,
    ) -> ShipmentRequest {
        ShipmentRequest {
            order_id: order_id.into(),
            order_item_codes,
            tracking_no: tracking_no.into(),
            shipping_company_code: shipping_company_code.into(),
            status: "shipping".to_owned(),
        }
    }

    pub(crate) fn to_wire(&self) -> Value {
        let mut entry = json!({
            "order_id": self.order_id,
            "tracking_no": self.tracking_no,
            "shipping_company_code": self.shipping_company_code,
            "status": self.status,
        });
        if !self.order_item_codes.is_empty()
            && let Some(obj) = entry.as_object_mut()
        {
            obj.insert("order_item_code".to_owned(), json!(self.order_item_codes));
        }
        entry
    }
}

/// What Cafe24 answered for one [`ShipmentRequest`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShipmentOutcome {
    /// Created; Cafe24's shipping code (`D-{order_id}-NN`).
    Created { shipping_code: String },
    /// Rejected by Cafe24 (cancelled line, already shipped, unknown carrier …); nothing was applied.
    Failed { message: String },
}

/// A shipment as `GET /orders/{order_id}/shipments` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    #[serde(deserialize_with = "de::string", default)]
    pub shipping_code: String,
    #[serde(deserialize_with = "de::string", default)]
    pub order_id: String,
    #[serde(deserialize_with = "de::opt_string", default)]
    pub tracking_no: Option<String>,
    #[serde(deserialize_with = "de::opt_string", default)]
    pub shipping_company_code: Option<String>,
    #[serde(deserialize_with = "de::list", default)]
    pub items: Vec<ShipmentItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentItem {
    #[serde(deserialize_with = "de::string", default)]
    pub order_item_code: String,
    /// `standby`, `shipping` or `shipped`.
    #[serde(deserialize_with = "de::trimmed", default)]
    pub status: String,
}

fn item_codes(entry: &Value) -> Vec<&str> {
    entry
        .get("order_item_code")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Does this response entry answer `req`? Same order, and the same lines when both list them.
fn answers(entry: &Value, req: &ShipmentRequest) -> bool {
    if entry.get("order_id").and_then(Value::as_str) != Some(req.order_id.as_str()) {
        return false;
    }
    let codes = item_codes(entry);
    codes.is_empty()
        || req.order_item_codes.is_empty()
        || req
            .order_item_codes
            .iter()
            .any(|c| codes.contains(&c.as_str()))
}

/// `None` when the entry says neither "created" nor "failed".
fn outcome_of(entry: &Value) -> Option<ShipmentOutcome> {
    if let Some(error) = entry.get("error").filter(|e| !e.is_null()) {
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| error.to_string());
        return Some(ShipmentOutcome::Failed { message });
    }
    match entry.get("shipping_code").and_then(Value::as_str) {
        Some(code) if !code.is_empty() => Some(ShipmentOutcome::Created {
            shipping_code: code.to_owned(),
        }),
        _ => None,
    }
}

/// One outcome per request of `chunk`, from a 201 or 207 answer. Entries are
/// matched by position when the answer lists one per request, else by order id
/// and lines; failures may sit in the entry (`"error"`) or in a top-level `errors` list.
/// A request the answer does not settle makes the whole answer `OutcomeUnknown`:
/// the caller then verifies with `order_shipments` instead of guessing.
pub(crate) fn outcomes_from_reply(
    body: &[u8],
    chunk: &[ShipmentRequest],
) -> Result<Vec<ShipmentOutcome>, Cafe24Error> {
    let parsed: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let empty = Vec::new();
    let entries = parsed
        .get("shipments")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let errors = parsed
        .get("errors")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let positional = entries.len() == chunk.len();
    let mut used = vec![false; entries.len()];
    chunk
        .iter()
        .enumerate()
        .map(|(i, req)| {
            if positional && answers(&entries[i], req) && !used[i] {
                used[i] = true;
                return outcome_of(&entries[i]);
            }
            if let Some(j) = (0..entries.len()).find(|&j| !used[j] && answers(&entries[j], req)) {
                used[j] = true;
                return outcome_of(&entries[j]);
            }
            if let Some(e) = errors.iter().find(|e| answers(e, req)) {
                let mut failed = e.clone();
                if failed.get("error").is_none()
                    && let Some(obj) = failed.as_object_mut()
                {
                    let message = obj.get("message").cloned().unwrap_or(Value::Null);
                    obj.insert("error".to_owned(), json!({ "message": message }));
                }
                return outcome_of(&failed);
            }
            None
        })
        .map(|outcome| {
            outcome.ok_or_else(|| Cafe24Error::OutcomeUnknown {
                message: "Cafe24's answer does not settle every shipment request".to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(order: &str, items: &[&str]) -> ShipmentRequest {
        ShipmentRequest::shipping(
            order,
            items.iter().map(|s| (*s).to_owned()).collect(),
            "123",
            "0006",
        )
    }

    #[test]
    fn official_bulk_sample_maps_in_order() {
        let body = br#"{"shipments":[
            {"shop_no":1,"shipping_code":"D-20190320-0000024-00","order_id":"20190320-0000024","status":"shipping",
             "tracking_no":"101080903","shipping_company_code":"0001","order_item_code":["20190320-0000024-01"]},
            {"shop_no":1,"shipping_code":"D-20190320-0000025-00","order_id":"20190320-0000025","status":"shipping"}]}"#;
        let out = outcomes_from_reply(
            body,
            &[
                req("20190320-0000024", &["20190320-0000024-01"]),
                req("20190320-0000025", &[]),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            vec![
                ShipmentOutcome::Created {
                    shipping_code: "D-20190320-0000024-00".into()
                },
                ShipmentOutcome::Created {
                    shipping_code: "D-20190320-0000025-00".into()
                },
            ]
        );
    }

    #[test]
    fn per_entry_and_top_level_errors_fail_their_request_only() {
        let body = br#"{"shipments":[
            {"order_id":"B","shipping_code":"D-B-00","order_item_code":["B-01"]},
            {"order_id":"A","order_item_code":["A-01"],"error":{"code":422,"message":"cancelled"}}],
          "errors":[{"order_id":"C","message":"already shipped"}]}"#;
        let out = outcomes_from_reply(
            body,
            &[req("A", &["A-01"]), req("B", &["B-01"]), req("C", &[])],
        )
        .unwrap();
        assert_eq!(
            out[0],
            ShipmentOutcome::Failed {
                message: "cancelled".into()
            }
        );
        assert_eq!(
            out[1],
            ShipmentOutcome::Created {
                shipping_code: "D-B-00".into()
            }
        );
        assert_eq!(
            out[2],
            ShipmentOutcome::Failed {
                message: "already shipped".into()
            }
        );
    }

    #[test]
    fn an_answer_that_leaves_a_request_unsettled_is_outcome_unknown() {
        let body = br#"{"shipments":[{"order_id":"A","shipping_code":"D-A-00"}]}"#;
        let err = outcomes_from_reply(body, &[req("A", &[]), req("D", &[])]).unwrap_err();
        assert_eq!(err.code(), "CAFE24_OUTCOME_UNKNOWN");
        let garbage = outcomes_from_reply(b"<html>504</html>", &[req("A", &[])]).unwrap_err();
        assert_eq!(garbage.code(), "CAFE24_OUTCOME_UNKNOWN");
    }

    #[test]
    fn official_list_sample_trims_status() {
        let s: Shipment = serde_json::from_str(
            r#"{"shop_no":1,"shipping_code":"D-20180627-0000017-00","order_id":"20180627-0000017",
                "tracking_no":"101080903","tracking_no_updated_date":"2018-09-03T17:20:49+09:00",
                "shipping_company_code":"0001","items":[{"order_item_code":"20180627-0000017-01","status":"standby"},
                {"order_item_code":"20180627-0000017-02","status":"shipping "}]}"#,
        )
        .unwrap();
        assert_eq!(s.items[1].status, "shipping");
    }
}
