//! 미할당주문나누기: a 재고부족 parcel whose lines partly hold their stock is cut in two — the
//! lines holding stock stay and go to 송장대기 (ship now), the rest move to a new parcel for the
//! same receiver and carrier that waits at 재고부족. Item-level: one order's lines may end up in
//! both parcels; each then pushes only its own order_item_codes when it ships.

use chrono::{DateTime, Utc};
use packdesk_store::{Transaction, parcels, splits};

use super::error::AllocationError;
use super::view::SplitOutcome;
use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::{DeskError, Result};

impl Desk {
    /// Splits the unallocated lines off the parcel at 연번 `no`.
    pub fn split_unallocated(&self, no: u32) -> Result<SplitOutcome> {
        let now = self.inner.clock.now();
        let outcome = self.inner.store.write(|tx| {
            let parcel = parcels::by_position(tx, no)?
                .ok_or_else(|| DeskError::UnknownParcel(format!("no:{no}")))?;
            split_one(tx, parcel.id, now)
        })?;
        tracing::info!(
            parcel = outcome.parcel_id,
            new_parcel = outcome.new_parcel_id,
            moved = outcome.moved_lines,
            "split unallocated lines"
        );
        Ok(outcome)
    }

    /// Splits every 재고부족 parcel that holds stock for some of its lines.
    pub fn split_all_unallocated(&self) -> Result<Vec<SplitOutcome>> {
        let now = self.inner.clock.now();
        self.inner.store.write(|tx| {
            let ids: Vec<i64> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT DISTINCT p.id FROM parcels p
                     JOIN parcel_orders po ON po.parcel_id = p.id
                     JOIN order_items i ON i.order_id = po.order_id
                          AND (i.parcel_id IS NULL OR i.parcel_id = po.parcel_id)
                     WHERE p.stage = 'backorder' AND i.allocated > 0 ORDER BY p.id",
                )?;
                stmt.query_map([], |r| r.get(0))?
                    .collect::<packdesk_store::rusqlite::Result<Vec<_>>>()?
            };
            let mut out = Vec::new();
            for id in ids {
                match split_one(tx, id, now) {
                    Ok(o) => out.push(o),
                    // A parcel whose held lines are claimed ones, etc.: nothing to ship now.
                    Err(DeskError::Allocation(AllocationError::NotSplittable { .. })) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(out)
        })
    }
}

pub(crate) fn split_one(
    tx: &Transaction,
    parcel_id: i64,
    now: DateTime<Utc>,
) -> Result<SplitOutcome> {
    let no = parcels::position(tx, parcel_id)?;
    let refuse = |reason_en: &'static str, reason_ko: &'static str| {
        DeskError::Allocation(AllocationError::NotSplittable {
            no,
            reason_en,
            reason_ko,
        })
    };
    let parcel = parcels::get(tx, parcel_id)?
        .ok_or_else(|| DeskError::UnknownParcel(format!("{parcel_id}")))?;
    if parcel.stage != Stage::Backorder.as_str() {
        return Err(refuse(
            "only a 재고부족 (backorder) parcel is split",
            "재고부족 상태의 택배만 나눌 수 있습니다",
        ));
    }
    let lines = parcels::lines(tx, parcel_id)?;
    let holds = |l: &parcels::ParcelLine| {
        l.claim_reason.is_none() && l.variant_id.is_some() && l.allocated == l.quantity
    };
    if !lines.iter().any(holds) {
        return Err(refuse(
            "no line holds its stock: nothing would ship now",
            "재고가 할당된 품목이 없어 지금 보낼 것이 없습니다",
        ));
    }
    let moving: Vec<&parcels::ParcelLine> = lines.iter().filter(|l| !holds(l)).collect();
    if moving.is_empty() {
        return Err(refuse(
            "every line holds its stock",
            "모든 품목에 재고가 할당되어 있습니다",
        ));
    }
    // Partial holdings of the moving lines go back before they leave (whole lines only).
    for l in &moving {
        if let Some(v) = l.variant_id
            && l.allocated > 0
        {
            super::move_stock(tx, v, -l.allocated, now)?;
            parcels::set_item_allocated(tx, l.item_id, 0)?;
        }
    }
    let merge_key: String = tx.query_row(
        "SELECT merge_key FROM parcels WHERE id = ?1",
        [parcel_id],
        |r| r.get(0),
    )?;
    let new_parcel = parcels::create(
        tx,
        &merge_key,
        &parcel.carrier,
        Stage::Backorder.as_str(),
        now,
    )?;
    let item_ids: Vec<i64> = moving.iter().map(|l| l.item_id).collect();
    splits::move_lines(tx, parcel_id, new_parcel, &item_ids)?;
    let stage = super::plan_one(tx, parcel_id, now)?;
    let new_stage = super::plan_one(tx, new_parcel, now)?;
    Ok(SplitOutcome {
        parcel_id,
        no,
        stage: stage.as_str().into(),
        new_parcel_id: new_parcel,
        new_no: parcels::position(tx, new_parcel)?,
        new_stage: new_stage.as_str().into(),
        moved_lines: item_ids.len() as u32,
    })
}
