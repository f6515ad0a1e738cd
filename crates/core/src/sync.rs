//! Delivers the outbox: tracking numbers and statuses owed to the shop, exactly once.
//!
//! An item is committed as `inflight` before its request leaves. If the answer is lost (network
//! down, crash), the next run first asks Cafe24 whether the shipment already exists
//! (`GET /orders/{id}/shipments`) and only sends it again when it does not.

use std::collections::BTreeMap;

use chrono::Duration;
use packdesk_cafe24::{Cafe24Client, ShipmentOutcome, ShipmentRequest};
use packdesk_store::outbox::{self, OutboxRow};
use packdesk_store::shops;

use crate::desk::Desk;
use crate::dto::{FailedPush, SentShipment, SyncReport};
use crate::error::{DeskError, Result};
use crate::ship::{SHIPMENT_KIND, ShipmentPush};
use crate::weights::WEIGHT_KIND;

const BATCH: u32 = 1000;
/// How long a claimed item is held from other syncs: longer than the slowest attempt (paced calls
/// of 100 with 429 waits and retries), so nobody re-sends while a request may still be in flight.
const HOLD: Duration = Duration::minutes(15);

fn backoff(attempts: u32) -> Duration {
    Duration::seconds((30_i64 << attempts.min(7)).min(3600))
}

pub(crate) async fn run(desk: &Desk) -> Result<SyncReport> {
    // One delivery at a time per process; other processes are kept out by the row claims.
    let _one_at_a_time = desk.inner.sync_lock.lock().await;
    let store = &desk.inner.store;
    let now = desk.inner.clock.now();
    let due = store.read(|c| outbox::due(c, now, BATCH))?;
    // Claim before anything leaves: a row another sync claimed first is skipped.
    let claimed: Vec<OutboxRow> = store.write(|tx| {
        let mut mine = Vec::new();
        for row in due
            .into_iter()
            .filter(|r| r.kind == SHIPMENT_KIND || r.kind == WEIGHT_KIND)
        {
            if outbox::claim(tx, &row, now + HOLD)? {
                mine.push(row);
            }
        }
        Ok::<_, DeskError>(mine)
    })?;
    let mut report = SyncReport::default();
    let mut by_shop: BTreeMap<i64, Vec<OutboxRow>> = BTreeMap::new();
    for row in claimed {
        by_shop.entry(row.shop_id).or_default().push(row);
    }
    let mut first_error = None;
    for (shop_id, rows) in by_shop {
        let Some(shop) = store.read(|c| shops::get(c, shop_id))? else {
            continue;
        };
        let client = desk.client(&shop)?;
        let (weights, shipments): (Vec<_>, Vec<_>) =
            rows.into_iter().partition(|r| r.kind == WEIGHT_KIND);
        if let Err(e) = deliver(desk, &client, shop.shop_no, shipments, &mut report).await {
            tracing::warn!(code = e.code(), "outbox delivery stopped: {e}");
            first_error.get_or_insert(e);
        }
        if !weights.is_empty() {
            match crate::weights::deliver(desk, &client, shop.shop_no, weights).await {
                Ok(n) => report.weights_sent += n,
                Err(e) => {
                    tracing::warn!(code = e.code(), "weight write-back stopped: {e}");
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    report.waiting = store.read(outbox::pending_count)?;
    // The periodic delivery is also the station's quiet moment to fold the WAL into the database.
    store.checkpoint()?;
    // Nothing went out and the shop could not be reached: say so (the CLI exits non-zero, the app
    // shows it offline). The items stay owed and go out on a later run.
    match first_error {
        Some(e)
            if report.sent.is_empty() && report.failed.is_empty() && report.weights_sent == 0 =>
        {
            Err(e)
        }
        _ => Ok(report),
    }
}

async fn deliver(
    desk: &Desk,
    client: &Cafe24Client,
    shop_no: u32,
    rows: Vec<OutboxRow>,
    report: &mut SyncReport,
) -> Result<()> {
    let store = &desk.inner.store;
    let now = desk.inner.clock.now();
    let mut to_send: Vec<(OutboxRow, ShipmentPush)> = Vec::new();
    for row in rows {
        let push: ShipmentPush = match serde_json::from_str(&row.payload) {
            Ok(p) => p,
            Err(e) => {
                store.read(|c| outbox::mark_failed(c, row.id, &format!("corrupt payload: {e}")))?;
                continue;
            }
        };
        // `status` is as read before the claim: "inflight" means an earlier attempt may have arrived.
        if row.status == "inflight" {
            // Ask before sending again.
            match client.order_shipments(shop_no, &push.order_id).await {
                Ok(existing)
                    if existing
                        .iter()
                        .any(|s| s.tracking_no.as_deref() == Some(push.tracking_no.as_str())) =>
                {
                    store.read(|c| outbox::mark_sent(c, row.id, now))?;
                    report.sent.push(SentShipment {
                        order_id: push.order_id,
                        tracking_no: push.tracking_no,
                    });
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    store.read(|c| {
                        outbox::defer_inflight(
                            c,
                            row.id,
                            &e.to_string(),
                            now + backoff(row.attempts),
                        )
                    })?;
                    return Err(e.into());
                }
            }
        }
        to_send.push((row, push));
    }
    if to_send.is_empty() {
        return Ok(());
    }
    let requests: Vec<ShipmentRequest> = to_send
        .iter()
        .map(|(_, p)| ShipmentRequest {
            order_id: p.order_id.clone(),
            order_item_codes: p.order_item_codes.clone(),
            tracking_no: p.tracking_no.clone(),
            shipping_company_code: p.shipping_company_code.clone(),
            status: p.status.clone(),
        })
        .collect();
    let outcomes = match client.create_shipments(shop_no, &requests).await {
        Ok(o) => o,
        Err(e) => {
            // Unknown whether (some of) it arrived: the items stay inflight and are verified next run.
            let msg = e.to_string();
            store.write(|tx| {
                for (row, _) in &to_send {
                    outbox::defer_inflight(tx, row.id, &msg, now + backoff(row.attempts))?;
                }
                Ok::<_, DeskError>(())
            })?;
            return Err(e.into());
        }
    };
    store.write(|tx| {
        for ((row, push), outcome) in to_send.iter().zip(&outcomes) {
            match outcome {
                ShipmentOutcome::Created { .. } => {
                    outbox::mark_sent(tx, row.id, now)?;
                    report.sent.push(SentShipment {
                        order_id: push.order_id.clone(),
                        tracking_no: push.tracking_no.clone(),
                    });
                }
                ShipmentOutcome::Failed { message, .. } => {
                    outbox::mark_failed(tx, row.id, message)?;
                    report.failed.push(FailedPush {
                        order_id: push.order_id.clone(),
                        reason: message.clone(),
                    });
                }
            }
        }
        Ok::<_, DeskError>(())
    })?;
    Ok(())
}
