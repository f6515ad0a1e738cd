//! Re-allocation (재할당): every parcel before its waybill gives back what it holds and the stock
//! is dealt out again in policy order. Planned in memory from one read of the lines and one of the
//! stock levels, then written as differences only — one UPDATE per line whose allocation changed,
//! one ledger row per SKU whose allocation moved (net), one UPDATE per parcel whose stage changed
//! — so 100,000 parcels take one pass and the ledger still explains every unit.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use packdesk_store::{Transaction, parcels, splits, stock_moves};

use super::policy::{self, AllocationPolicy, Priority, ServiceOrder};
use super::view::{AllocationReport, BackorderLine, BackorderParcel, StockNeed};
use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::Result;

const REALLOCATE_REF: &str = "reallocate";

impl Desk {
    /// The shop-wide allocation setting (default: fully shippable first, oldest first).
    pub fn allocation_policy(&self) -> Result<AllocationPolicy> {
        self.inner.store.read_as(policy::load)
    }

    pub fn set_allocation_policy(&self, policy: AllocationPolicy) -> Result<()> {
        self.inner.store.write(|tx| policy::save(tx, policy))
    }

    /// 재할당: re-plans every parcel before its waybill under `policy` (else the stored one).
    pub fn allocate(&self, policy: Option<AllocationPolicy>) -> Result<AllocationReport> {
        let now = self.inner.clock.now();
        let report = self.inner.store.write(|tx| {
            let policy = match policy {
                Some(p) => p,
                None => policy::load(tx)?,
            };
            reallocate(tx, policy, now)
        })?;
        tracing::info!(
            parcels = report.parcels,
            ready = report.ready,
            backorder = report.backorder,
            changed = report.lines_changed,
            "re-allocated"
        );
        Ok(report)
    }

    /// The 재고부족 parcels with their lines, short ones with what they need and what is there.
    pub fn backorders(&self) -> Result<Vec<BackorderParcel>> {
        self.inner.store.read_as(|c| {
            let ids: Vec<i64> = {
                let mut stmt = c.prepare_cached(
                    "SELECT id FROM parcels WHERE stage = 'backorder' AND archived = 0 ORDER BY id",
                )?;
                stmt.query_map([], |r| r.get(0))?
                    .collect::<packdesk_store::rusqlite::Result<Vec<_>>>()?
            };
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                out.push(backorder_parcel(c, id)?);
            }
            Ok(out)
        })
    }
}

fn backorder_parcel(c: &packdesk_store::Connection, id: i64) -> Result<BackorderParcel> {
    let lines = parcels::lines(c, id)?;
    let mut out = Vec::with_capacity(lines.len());
    for l in &lines {
        let short =
            l.claim_reason.is_none() && (l.variant_id.is_none() || l.allocated < l.quantity);
        let mut needs = Vec::new();
        if short && let Some(v) = l.variant_id {
            for (stock_variant, need) in super::merged_needs(stock_needs_ro(c, v, l.quantity)?) {
                let sku = packdesk_store::catalogue::variant_by_id(c, stock_variant)?
                    .map(|r| r.sku)
                    .unwrap_or_default();
                needs.push(StockNeed {
                    sku,
                    need,
                    available: packdesk_store::catalogue::available(c, stock_variant)?,
                });
            }
        }
        out.push(BackorderLine {
            item_id: l.item_id,
            order_id: l.order_id.clone(),
            order_item_code: l.order_item_code.clone(),
            product_name: l.product_name.clone(),
            option_text: l.option_text.clone(),
            quantity: l.quantity,
            allocated: l.allocated,
            short,
            needs,
        });
    }
    let splittable = out.iter().any(|l| !l.short && l.allocated > 0) && out.iter().any(|l| l.short);
    Ok(BackorderParcel {
        parcel_id: id,
        no: parcels::position(c, id)?,
        order_ids: crate::worklist::order_ids(&lines),
        lines: out,
        splittable,
    })
}

/// `matching::stock_needs` takes a transaction; a read wraps the connection in a deferred one
/// that is dropped (rolled back) unused.
fn stock_needs_ro(
    c: &packdesk_store::Connection,
    variant: i64,
    qty: i64,
) -> Result<Vec<(i64, i64)>> {
    let tx = packdesk_store::Transaction::new_unchecked(
        c,
        packdesk_store::rusqlite::TransactionBehavior::Deferred,
    )?;
    crate::matching::stock_needs(&tx, variant, qty)
}

/// One parcel in the plan.
struct Planned {
    id: i64,
    stage: Stage,
    /// Indexes into the rows.
    lines: std::ops::Range<usize>,
    first_date: Option<String>,
    shop_id: i64,
    units: i64,
    amount: i64,
}

pub(crate) fn reallocate(
    tx: &Transaction,
    policy: AllocationPolicy,
    now: DateTime<Utc>,
) -> Result<AllocationReport> {
    let mut rows = splits::replannable_lines(tx)?;
    if rows.iter().any(|r| r.variant_id.is_none() && !r.claimed) {
        // The catalogue may have caught up since these came in.
        let mut parcels_to_match: Vec<i64> = rows
            .iter()
            .filter(|r| r.variant_id.is_none() && !r.claimed)
            .map(|r| r.parcel_id)
            .collect();
        parcels_to_match.dedup();
        for p in parcels_to_match {
            let lines = parcels::lines(tx, p)?;
            crate::matching::rematch(tx, &lines)?;
        }
        rows = splits::replannable_lines(tx)?;
    }

    // Stock per unit of each sold SKU, asked once per SKU (stock_needs is linear in the quantity).
    let mut per_unit: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    for r in &rows {
        if let Some(v) = r.variant_id
            && !per_unit.contains_key(&v)
        {
            per_unit.insert(
                v,
                super::merged_needs(crate::matching::stock_needs(tx, v, 1)?),
            );
        }
    }
    let needs_of = |v: i64| per_unit.get(&v).map(Vec::as_slice).unwrap_or(&[]);

    // What is free once every re-planned line has given back what it holds.
    let levels = stock_moves::levels(tx)?;
    let mut pool: HashMap<i64, i64> = levels
        .iter()
        .map(|(v, (on_hand, allocated))| (*v, on_hand - allocated))
        .collect();
    for r in &rows {
        if let Some(v) = r.variant_id
            && r.allocated > 0
        {
            for (sv, n) in needs_of(v) {
                *pool.entry(*sv).or_insert(0) += n * r.allocated;
            }
        }
    }

    let mut planned: Vec<Planned> = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let id = rows[start].parcel_id;
        let mut end = start;
        while end < rows.len() && rows[end].parcel_id == id {
            end += 1;
        }
        let part = &rows[start..end];
        let active = part.iter().filter(|r| !r.claimed);
        planned.push(Planned {
            id,
            stage: Stage::parse(&rows[start].stage).unwrap_or(Stage::Ready),
            first_date: part.iter().filter_map(|r| r.order_date.clone()).min(),
            shop_id: part.iter().map(|r| r.shop_id).min().unwrap_or(0),
            units: active.clone().map(|r| r.quantity).sum(),
            amount: active.map(|r| r.amount).sum(),
            lines: start..end,
        });
        start = end;
    }
    sort_by_priority(&mut planned, policy.priority);

    let mut new_alloc: Vec<i64> = vec![0; rows.len()];
    let takes = |line: &splits::AllocRow, pool: &HashMap<i64, i64>| -> bool {
        line.variant_id.is_some_and(|v| {
            needs_of(v)
                .iter()
                .all(|(sv, n)| pool.get(sv).copied().unwrap_or(0) >= n * line.quantity)
        })
    };
    let take = |line: &splits::AllocRow, pool: &mut HashMap<i64, i64>| {
        if let Some(v) = line.variant_id {
            for (sv, n) in needs_of(v) {
                *pool.entry(*sv).or_insert(0) -= n * line.quantity;
            }
        }
    };
    let eligible = |p: &Planned| {
        let part = &rows[p.lines.clone()];
        part.iter().any(|r| !r.claimed) && part.iter().all(|r| r.claimed || r.variant_id.is_some())
    };
    let mut whole_done = vec![false; planned.len()];
    if policy.order == ServiceOrder::FullFirst {
        for (k, p) in planned.iter().enumerate() {
            if !eligible(p) {
                continue;
            }
            // Does the whole parcel fit? Try on a scratch copy of the SKUs it touches.
            let mut scratch: HashMap<i64, i64> = HashMap::new();
            let mut fits = true;
            for r in rows[p.lines.clone()].iter().filter(|r| !r.claimed) {
                for (sv, n) in r.variant_id.map(needs_of).unwrap_or(&[]) {
                    let left = scratch
                        .entry(*sv)
                        .or_insert_with(|| pool.get(sv).copied().unwrap_or(0));
                    *left -= n * r.quantity;
                    fits &= *left >= 0;
                }
            }
            if fits {
                for i in p.lines.clone() {
                    if !rows[i].claimed {
                        take(&rows[i], &mut pool);
                        new_alloc[i] = rows[i].quantity;
                    }
                }
                whole_done[k] = true;
            }
        }
    }
    for (k, p) in planned.iter().enumerate() {
        if whole_done[k] || !eligible(p) {
            continue;
        }
        for i in p.lines.clone() {
            if !rows[i].claimed && takes(&rows[i], &pool) {
                take(&rows[i], &mut pool);
                new_alloc[i] = rows[i].quantity;
            }
        }
    }

    // Write the differences.
    let mut report = AllocationReport {
        policy,
        parcels: planned.len() as u32,
        ..AllocationReport::default()
    };
    let mut sku_delta: HashMap<i64, i64> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if new_alloc[i] != r.allocated {
            report.lines_changed += 1;
            parcels::set_item_allocated(tx, r.item_id, new_alloc[i])?;
            if let Some(v) = r.variant_id {
                for (sv, n) in needs_of(v) {
                    *sku_delta.entry(*sv).or_insert(0) += n * (new_alloc[i] - r.allocated);
                }
            }
        }
    }
    // Releases first, so a SKU's allocated never passes on_hand between two statements.
    let mut deltas: Vec<(i64, i64)> = sku_delta.into_iter().filter(|(_, d)| *d != 0).collect();
    deltas.sort_by_key(|(v, d)| (*d > 0, *v));
    for (sv, d) in deltas {
        stock_moves::reserve(tx, sv, d, REALLOCATE_REF, now)?;
    }
    for p in &planned {
        let part = &rows[p.lines.clone()];
        let active: Vec<usize> = p.lines.clone().filter(|&i| !rows[i].claimed).collect();
        let stage = if active.is_empty() {
            Stage::Claimed
        } else if part.iter().any(|r| !r.claimed && r.variant_id.is_none()) {
            Stage::Unmatched
        } else if active.iter().all(|&i| new_alloc[i] == rows[i].quantity) {
            Stage::Ready
        } else {
            Stage::Backorder
        };
        for &i in &active {
            if new_alloc[i] == rows[i].quantity {
                report.lines_allocated += 1;
            } else {
                report.lines_short += 1;
            }
        }
        match stage {
            Stage::Ready => report.ready += 1,
            Stage::Backorder => {
                report.backorder += 1;
                if active.iter().any(|&i| new_alloc[i] > 0) {
                    report.partial += 1;
                }
            }
            Stage::Unmatched => report.unmatched += 1,
            _ => report.claimed += 1,
        }
        if stage != p.stage {
            report.stages_changed += 1;
            parcels::set_stage(tx, p.id, stage.as_str())?;
        }
    }
    Ok(report)
}

fn sort_by_priority(planned: &mut [Planned], priority: Priority) {
    // A parcel without a date sorts after the dated ones; ties go to the older parcel.
    let date = |p: &Planned| (p.first_date.is_none(), p.first_date.clone());
    match priority {
        Priority::Date => planned.sort_by(|a, b| date(a).cmp(&date(b)).then(a.id.cmp(&b.id))),
        Priority::Seller => planned.sort_by(|a, b| {
            a.shop_id
                .cmp(&b.shop_id)
                .then(date(a).cmp(&date(b)))
                .then(a.id.cmp(&b.id))
        }),
        Priority::Quantity => planned.sort_by(|a, b| {
            a.units
                .cmp(&b.units)
                .then(date(a).cmp(&date(b)))
                .then(a.id.cmp(&b.id))
        }),
        Priority::Amount => planned.sort_by(|a, b| {
            b.amount
                .cmp(&a.amount)
                .then(date(a).cmp(&date(b)))
                .then(a.id.cmp(&b.id))
        }),
    }
}
