//! Tracking-number pushes in bulk (≤ 100 per call) with one outcome per request,
//! and the read-back used to verify a push whose answer was lost.

use serde::Deserialize;
use serde_json::{Value, json};

use super::Cafe24Client;
use super::transport::ApiCall;
use crate::error::Cafe24Error;
use crate::model::{Shipment, ShipmentOutcome, ShipmentRequest, outcomes_from_reply};

/// `POST /shipments` takes at most 100 requests per call.
const SHIPMENTS_PER_CALL: usize = 100;

#[derive(Deserialize)]
struct ShipmentsPage {
    #[serde(default)]
    shipments: Vec<Shipment>,
}

impl Cafe24Client {
    /// Creates shipments, 100 per call, returning one outcome per request in order
    /// (207 answers are split into per-request `Created` / `Failed`).
    ///
    /// On `Err`, some requests may already exist on Cafe24: those of earlier
    /// calls, and — for [`Cafe24Error::OutcomeUnknown`] (an answer lost to a
    /// timeout or a 5xx after sending) — those of the failed call too. Verify
    /// with [`Cafe24Client::order_shipments`] before sending any of them again.
    /// Writes are retried only when Cafe24 surely did not take them (429, 503,
    /// connection refused).
    pub async fn create_shipments(
        &self,
        shop_no: u32,
        reqs: &[ShipmentRequest],
    ) -> Result<Vec<ShipmentOutcome>, Cafe24Error> {
        let mut outcomes = Vec::with_capacity(reqs.len());
        for chunk in reqs.chunks(SHIPMENTS_PER_CALL) {
            let body = json!({
                "shop_no": shop_no,
                "requests": chunk.iter().map(ShipmentRequest::to_wire).collect::<Vec<Value>>(),
            });
            let reply = self.call(&ApiCall::post(&["shipments"], &body)).await?;
            outcomes.extend(outcomes_from_reply(&reply.body, chunk)?);
        }
        Ok(outcomes)
    }

    /// The shipments Cafe24 holds for one order.
    pub async fn order_shipments(
        &self,
        shop_no: u32,
        order_id: &str,
    ) -> Result<Vec<Shipment>, Cafe24Error> {
        let reply = self
            .call(&ApiCall::get(
                &["orders", order_id, "shipments"],
                vec![("shop_no", shop_no.to_string())],
            ))
            .await?;
        Ok(reply.json::<ShipmentsPage>("shipments")?.shipments)
    }
}
