//! A page of orders that are all new to the store, applied set-wise: one query for which exist,
//! rows written through cached statements, 품목코드 looked up once per code, the parcels the
//! page's merge keys already have looked up in one query (the parcels it makes remembered in
//! memory), and the page's new parcels planned in one pass from an in-memory view of the stock.
//!
//! The results are those of the one-order-at-a-time path (`apply::page`), step for step: orders
//! are placed in page order (so parcel ids, 합포 and 확인필요 notes come out the same) and parcels
//! are planned in id order, each line taking its stock whole or not at all, with the same ledger
//! rows. A parcel the in-memory pass cannot decide (one that existed before the page, or with a
//! claimed or unmatched line) is planned by `allocate::plan` at its place in that order.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use packdesk_cafe24::Order;
use packdesk_store::orders::ReceiverIn;
use packdesk_store::{Transaction, bulk, stock_moves};

use super::merge_options::{self, MergeOptions};
use super::{PageRules, Tally, carrier_for, is_abroad, to_store_with};
use crate::dto::Stage;
use crate::error::Result;
use crate::normalize::merge_key;

/// Ledger reference of the reservations a plan makes (as `allocate::plan` writes them).
const PLAN_REF: &str = "plan";

/// Cached statements the page runs in its loops; SQLite's default cache (16) would evict them.
const STATEMENT_CACHE: usize = 64;

/// Whether `fetched` can take the set-wise path: none of its orders is known yet and none is
/// listed twice (a repeated order is "unchanged" the second time in the per-order path).
pub(crate) fn applies(tx: &Transaction, shop_id: i64, fetched: &[Order]) -> Result<bool> {
    let ids: Vec<&str> = fetched.iter().map(|o| o.order_id.as_str()).collect();
    let distinct: HashSet<&str> = ids.iter().copied().collect();
    if distinct.len() != ids.len() {
        return Ok(false);
    }
    Ok(bulk::existing_order_ids(tx, shop_id, &ids)?.is_empty())
}

/// A line of a parcel made in this page, as planned in memory.
struct NewLine {
    item_id: i64,
    variant_id: Option<i64>,
    quantity: i64,
}

/// A parcel the page placed orders in.
#[derive(Default)]
struct Placed {
    /// Made by this page (else it existed: planned by `allocate::plan`).
    created: bool,
    /// Some order in it came with a claim (planned by `allocate::plan`).
    claimed: bool,
    lines: Vec<NewLine>,
}

/// Applies a page of new orders (see [`applies`]).
pub(crate) fn page(
    tx: &Transaction,
    rules: &PageRules,
    fetched: &[Order],
    tally: &mut Tally,
) -> Result<()> {
    tx.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    let opts = merge_options::load(tx)?;
    let mut codes: HashMap<String, Option<i64>> = HashMap::new();
    let mut parcel_of_key: HashMap<(String, String), i64> = HashMap::new();
    let mut placed: HashMap<i64, Placed> = HashMap::new();
    // First the page's orders in the store's shape (nothing written yet), so the parcels their
    // merge keys already have can be looked up in one query.
    let mut inputs = Vec::with_capacity(fetched.len());
    for order in fetched {
        let paid = order.payment_date.map(|d| d.with_timezone(&Utc));
        let too_young = paid.is_none_or(|p| p > rules.min_paid_before);
        let too_old = matches!((rules.lower_bound, paid), (Some(lb), Some(p)) if p < lb);
        if too_young || too_old {
            tally.skipped += 1;
            continue;
        }
        let lookup = |code: &str| -> Result<Option<i64>> {
            if let Some(hit) = codes.get(code) {
                return Ok(*hit);
            }
            bulk::variant_id_by_code(tx, code).map_err(Into::into)
        };
        let Some(input) = to_store_with(rules.shop_id, order, lookup)? else {
            tally.fail(super::no_receiver(&order.order_id));
            continue;
        };
        for i in &input.items {
            if let Some(code) = &i.variant_code {
                codes.entry(code.clone()).or_insert(i.variant_id);
            }
        }
        inputs.push(input);
    }
    // A locked key (abroad under "domestic only") names its order's id: looked up one by one.
    let locked = |r: &ReceiverIn| opts.domestic_only && is_abroad(r);
    let slots: Vec<(String, String)> = inputs
        .iter()
        .filter(|i| !locked(&i.receiver))
        .map(|i| {
            (
                key_of(opts, &i.receiver, rules.shop_id, 0),
                carrier_for(&i.receiver, rules.carrier).to_string(),
            )
        })
        .collect();
    // Nothing the page does before planning changes a parcel's stage or key, so these answers
    // hold for the whole page (parcels it makes are remembered in `parcel_of_key`).
    let existing = bulk::mergeable_parcels(tx, &slots)?;
    for input in inputs {
        let (order_pk, item_ids) =
            bulk::insert_new_order(tx, &input, rules.now, rules.run_started)?;
        tally.new += 1;
        let key = key_of(opts, &input.receiver, rules.shop_id, order_pk);
        let carrier = carrier_for(&input.receiver, rules.carrier);
        let slot = (key, carrier.to_string());
        let parcel = match parcel_of_key.get(&slot) {
            Some(p) => *p,
            None => {
                let found = if locked(&input.receiver) {
                    bulk::find_mergeable(tx, &slot.0, carrier)?
                } else {
                    existing.get(&slot).copied()
                };
                let (p, created) = match found {
                    Some(p) => (p, false),
                    None => {
                        let p = bulk::create_parcel(
                            tx,
                            &slot.0,
                            carrier,
                            Stage::Ready.as_str(),
                            rules.now,
                        )?;
                        crate::merge_review::note_new_parcel(tx, p, &slot.0, carrier, rules.now)?;
                        tally.parcels_created += 1;
                        (p, true)
                    }
                };
                placed.entry(p).or_default().created = created;
                parcel_of_key.insert(slot, p);
                p
            }
        };
        bulk::attach_order(tx, parcel, order_pk)?;
        let entry = placed.entry(parcel).or_default();
        entry.claimed |= packdesk_store::orders::claim_reason(&input.items).is_some();
        entry.lines.extend(
            input
                .items
                .iter()
                .zip(item_ids)
                .map(|(i, item_id)| NewLine {
                    item_id,
                    variant_id: i.variant_id,
                    quantity: i.quantity,
                }),
        );
    }
    plan(tx, placed, rules.now)
}

/// The merge key `apply::order_key` gives, with the options read once for the page.
fn key_of(opts: MergeOptions, r: &ReceiverIn, shop_id: i64, order_pk: i64) -> String {
    let base = merge_key(&r.name, &r.address1, &r.address2, &r.phone, &r.mobile);
    merge_options::scoped_key(opts, &base, shop_id, is_abroad(r), order_pk)
}

/// Plans the page's parcels in id order. A new parcel whose lines are all matched and unclaimed is
/// planned in memory — each line takes its whole quantity if every stock SKU it needs has it free,
/// else nothing — and only its writes reach the store; any other goes through `allocate::plan`,
/// after which the remembered stock levels are read afresh.
fn plan(tx: &Transaction, placed: HashMap<i64, Placed>, now: DateTime<Utc>) -> Result<()> {
    let mut ids: Vec<i64> = placed.keys().copied().collect();
    ids.sort_unstable();
    let mut unit_needs: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    let mut free: HashMap<i64, i64> = HashMap::new();
    for id in ids {
        let Some(p) = placed.get(&id) else { continue };
        let simple = p.created
            && !p.claimed
            && !p.lines.is_empty()
            && p.lines.iter().all(|l| l.variant_id.is_some());
        if !simple {
            crate::allocate::plan(tx, id, now)?;
            free.clear();
            continue;
        }
        let mut short = false;
        for l in &p.lines {
            let Some(v) = l.variant_id else { continue };
            if let Entry::Vacant(e) = unit_needs.entry(v) {
                e.insert(per_unit(tx, v)?);
            }
            let needs: Vec<(i64, i64)> = unit_needs
                .get(&v)
                .map(|n| n.iter().map(|(sv, k)| (*sv, k * l.quantity)).collect())
                .unwrap_or_default();
            let mut enough = true;
            for (sv, qty) in &needs {
                if let Entry::Vacant(e) = free.entry(*sv) {
                    e.insert(bulk::available(tx, *sv)?);
                }
                if free.get(sv).copied().unwrap_or(0) < *qty {
                    enough = false;
                }
            }
            if !enough {
                short = true;
                continue;
            }
            for (sv, qty) in needs {
                stock_moves::reserve(tx, sv, qty, PLAN_REF, now)?;
                if let Some(left) = free.get_mut(&sv) {
                    *left -= qty;
                }
            }
            bulk::set_item_allocated(tx, l.item_id, l.quantity)?;
        }
        // The parcel was made at 준비 (ready) in this page: only a short one changes stage.
        if short {
            bulk::set_stage(tx, id, Stage::Backorder.as_str())?;
        }
    }
    Ok(())
}

/// The stock one unit of sold SKU `v` takes, one entry per stock SKU (`matching::stock_needs` is
/// linear in the quantity, so a line's needs are these times its quantity).
fn per_unit(tx: &Transaction, v: i64) -> Result<Vec<(i64, i64)>> {
    Ok(crate::allocate::merged_needs(crate::matching::stock_needs(
        tx, v, 1,
    )?))
}
