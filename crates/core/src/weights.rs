//! Product weights measured at the desk: saved to the SKU and written back to the shop's product
//! (`product_weight`, kilograms) through the outbox, so a flaky network loses nothing.

use packdesk_cafe24::Cafe24Client;
use packdesk_store::catalogue;
use packdesk_store::outbox::{self, OutboxRow};

use crate::desk::Desk;
use crate::dto::{UnweighedSku, WeightSaved};
use crate::error::{DeskError, Result};

pub(crate) const WEIGHT_KIND: &str = "cafe24.product_weight";

#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct WeightPush {
    pub product_no: u32,
    pub grams: u32,
}

/// Heaviest parcel a desk scale plausibly weighs; anything above is a typo (kg typed as g).
const MAX_GRAMS: u32 = 100_000;

pub(crate) fn save(desk: &Desk, code: &str, grams: u32) -> Result<WeightSaved> {
    if grams == 0 || grams > MAX_GRAMS {
        return Err(DeskError::invalid(
            format!("weight {grams} g is outside 1 g – 100 kg"),
            format!("무게 {grams} g은(는) 1 g – 100 kg 범위를 벗어납니다"),
        ));
    }
    let now = desk.inner.clock.now();
    desk.inner.store.write(|tx| {
        let v = catalogue::find_variant(tx, code)?.ok_or_else(|| {
            DeskError::invalid(
                format!("no SKU, 품목코드 or barcode {code}"),
                format!("{code}에 해당하는 SKU/품목코드/바코드가 없습니다"),
            )
        })?;
        catalogue::set_weight(tx, v.variant_id, i64::from(grams))?;
        let queued = match (v.shop_id, v.product_no) {
            (Some(shop_id), Some(product_no)) => {
                let payload = serde_json::to_string(&WeightPush {
                    product_no: u32::try_from(product_no).unwrap_or_default(),
                    grams,
                })
                .map_err(|e| DeskError::Internal(e.to_string()))?;
                let key = format!(
                    "{WEIGHT_KIND}:{shop_id}:{product_no}:{}",
                    now.timestamp_millis()
                );
                outbox::enqueue(
                    tx,
                    &outbox::NewItem {
                        kind: WEIGHT_KIND,
                        shop_id,
                        parcel_id: None,
                        key: &key,
                        payload: &payload,
                    },
                    now,
                )?
            }
            _ => false,
        };
        Ok(WeightSaved {
            sku: v.sku,
            name: v.name,
            grams,
            previous_grams: v.weight_g.and_then(|g| u32::try_from(g).ok()),
            queued_for_shop: queued,
        })
    })
}

/// Sends weight rows of one shop. Only the newest weight per product matters: older rows are
/// marked sent without a call. A PUT of a weight is idempotent, so an unknown outcome is resent.
pub(crate) async fn deliver(
    desk: &Desk,
    client: &Cafe24Client,
    shop_no: u32,
    rows: Vec<OutboxRow>,
) -> Result<u32> {
    let store = &desk.inner.store;
    let mut newest: Vec<(OutboxRow, WeightPush)> = Vec::new();
    for row in rows {
        let Ok(push) = serde_json::from_str::<WeightPush>(&row.payload) else {
            store.read(|c| outbox::mark_failed(c, row.id, "corrupt payload"))?;
            continue;
        };
        let now = desk.inner.clock.now();
        if let Some(pos) = newest
            .iter()
            .position(|(_, p)| p.product_no == push.product_no)
        {
            let (older, _) = std::mem::replace(&mut newest[pos], (row, push));
            store.read(|c| outbox::mark_sent(c, older.id, now))?;
        } else {
            newest.push((row, push));
        }
    }
    let mut sent = 0;
    for (row, push) in newest {
        match client
            .update_product_weight(shop_no, push.product_no, push.grams)
            .await
        {
            Ok(()) => {
                let now = desk.inner.clock.now();
                store.read(|c| outbox::mark_sent(c, row.id, now))?;
                sent += 1;
            }
            Err(e) if e.is_transient() => {
                let now = desk.inner.clock.now();
                store.read(|c| {
                    outbox::defer_inflight(
                        c,
                        row.id,
                        &e.to_string(),
                        now + chrono::Duration::minutes(5),
                    )
                })?;
                return Err(e.into());
            }
            Err(e) => {
                store.read(|c| outbox::mark_failed(c, row.id, &e.to_string()))?;
            }
        }
    }
    Ok(sent)
}

/// SKUs the desk has no weight for, most ordered first: the ones to put on the scale next.
pub(crate) fn missing(desk: &Desk, limit: u32) -> Result<Vec<UnweighedSku>> {
    Ok(desk
        .inner
        .store
        .read(|c| catalogue::without_weight(c, limit))?
        .into_iter()
        .map(|(v, ordered)| UnweighedSku {
            sku: v.sku,
            name: v.name,
            option_text: v.option_text,
            ordered,
        })
        .collect())
}
