//! 할당: decide a parcel's stage from its lines — claimed, unmatched, short of stock, or ready —
//! and reserve stock for it, line by line. A line takes all its units or none (a Cafe24 order
//! line ships whole), a parcel holds what it could get and stays 재고부족 showing which lines
//! are short. Every reservation goes through the ledger (`stock_moves::reserve`), through
//! `matching::stock_needs` so a bundle takes and gives back its components.
//!
//! Submodules: [`policy`] (the shop-wide setting), [`reallocate`] (re-allocation of every parcel
//! before its waybill in policy order), [`split`] (미할당주문나누기), [`stock`] (counts and
//! ledger), [`view`] (the 할당 tab's DTOs), [`error`].

mod bench_hook;
mod error;
mod policy;
mod reallocate;
mod split;
mod stock;
mod view;

use chrono::{DateTime, Utc};
use packdesk_store::{Transaction, parcels, splits, stock_moves};

use crate::dto::Stage;
use crate::error::Result;

pub use error::AllocationError;
pub use policy::{AllocationPolicy, Priority, ServiceOrder};
pub use view::{
    AllocationReport, BackorderLine, BackorderParcel, SplitOutcome, StockLevel, StockMovement,
    StockNeed,
};

/// The alert a printed parcel gets when some of its lines were claimed (the scan reads the
/// claimed lines; this tells the packer what to take out).
pub(crate) const PARTLY_CLAIMED_ALERT_PREFIX: &str = "일부 취소/반품";

/// Ledger reference of the reservations a plan makes.
const PLAN_REF: &str = "plan";

/// [`plan`] with the time the ledger rows get.
pub(crate) fn plan(tx: &Transaction, parcel_id: i64, now: DateTime<Utc>) -> Result<Stage> {
    let stage = plan_one(tx, parcel_id, now)?;
    for sibling in splits::siblings(tx, parcel_id)? {
        plan_one(tx, sibling, now)?;
    }
    Ok(stage)
}

/// Re-plans one parcel. Before its waybill: claimed lines give their stock back, the rest is
/// matched and allocated line by line (Ready when every unclaimed line holds its stock, else
/// Backorder). With a waybill the stage stays; claimed lines give their stock back and the parcel
/// gets an alert naming them. All lines claimed → Claimed (unless shipped).
pub(crate) fn plan_one(tx: &Transaction, parcel_id: i64, now: DateTime<Utc>) -> Result<Stage> {
    let Some(parcel) = parcels::get(tx, parcel_id)? else {
        return Ok(Stage::Ready);
    };
    let stage = Stage::parse(&parcel.stage).unwrap_or(Stage::Ready);
    let lines = parcels::lines(tx, parcel_id)?;
    if stage == Stage::Shipped {
        return Ok(stage);
    }
    if !lines.is_empty() && lines.iter().all(|l| l.claim_reason.is_some()) {
        release_lines(tx, lines.iter(), now)?;
        parcels::set_stage(tx, parcel_id, Stage::Claimed.as_str())?;
        return Ok(Stage::Claimed);
    }
    if stage == Stage::Claimed {
        // The claim was withdrawn or refused: the parcel goes back into the pipeline.
        return replan_after_withdrawn_claim(tx, &parcel, now);
    }
    release_lines(tx, lines.iter().filter(|l| l.claim_reason.is_some()), now)?;
    if !stage.before_waybill() {
        return keep_printed(tx, &parcel, &lines, now);
    }
    let lines = take_out_claimed(tx, &parcel, lines, now)?;
    // Lines that came in before their SKU existed match now if the catalogue has caught up.
    let unmatched: Vec<parcels::ParcelLine> = lines
        .iter()
        .filter(|l| l.variant_id.is_none() && l.claim_reason.is_none())
        .cloned()
        .collect();
    let lines = if unmatched.is_empty() {
        lines
    } else {
        crate::matching::rematch(tx, &unmatched)?;
        parcels::lines(tx, parcel_id)?
    };
    let active: Vec<&parcels::ParcelLine> =
        lines.iter().filter(|l| l.claim_reason.is_none()).collect();
    if active.iter().any(|l| l.variant_id.is_none()) {
        parcels::set_stage(tx, parcel_id, Stage::Unmatched.as_str())?;
        return Ok(Stage::Unmatched);
    }
    let mut short = false;
    for l in &active {
        if !take_line(tx, l, now)? {
            short = true;
        }
    }
    let planned = if short {
        Stage::Backorder
    } else {
        Stage::Ready
    };
    parcels::set_stage(tx, parcel_id, planned.as_str())?;
    Ok(planned)
}

/// Before a waybill, claimed lines leave the parcel for a parcel of their own at 클레임 (same
/// receiver and carrier), so the label, the paperwork, the carrier file and the tracking push of
/// the parcel that ships name only what is in the box. Returns the lines that stay.
fn take_out_claimed(
    tx: &Transaction,
    parcel: &parcels::ParcelCore,
    lines: Vec<parcels::ParcelLine>,
    now: DateTime<Utc>,
) -> Result<Vec<parcels::ParcelLine>> {
    let claimed: Vec<i64> = lines
        .iter()
        .filter(|l| l.claim_reason.is_some())
        .map(|l| l.item_id)
        .collect();
    if claimed.is_empty() {
        return Ok(lines);
    }
    let merge_key: String = tx.query_row(
        "SELECT merge_key FROM parcels WHERE id = ?1",
        [parcel.id],
        |r| r.get(0),
    )?;
    let out = parcels::create(
        tx,
        &merge_key,
        &parcel.carrier,
        Stage::Claimed.as_str(),
        now,
    )?;
    splits::move_lines(tx, parcel.id, out, &claimed)?;
    tracing::info!(
        parcel = parcel.id,
        claimed_parcel = out,
        lines = claimed.len(),
        "claimed lines taken out"
    );
    Ok(lines
        .into_iter()
        .filter(|l| l.claim_reason.is_none())
        .collect())
}

/// Makes one line hold exactly its quantity if the stock is there; otherwise it holds nothing
/// (whole lines only). Returns whether it holds its quantity.
fn take_line(tx: &Transaction, l: &parcels::ParcelLine, now: DateTime<Utc>) -> Result<bool> {
    let Some(v) = l.variant_id else {
        return Ok(false);
    };
    if l.allocated == l.quantity {
        return Ok(true);
    }
    if l.allocated > l.quantity {
        // The quantity went down: give back what it no longer needs.
        move_stock(tx, v, -(l.allocated - l.quantity), now)?;
        parcels::set_item_allocated(tx, l.item_id, l.quantity)?;
        return Ok(true);
    }
    let missing = l.quantity - l.allocated;
    let needs = merged_needs(crate::matching::stock_needs(tx, v, missing)?);
    let mut enough = true;
    for (stock_variant, qty) in &needs {
        if packdesk_store::catalogue::available(tx, *stock_variant)? < *qty {
            enough = false;
        }
    }
    if !enough {
        if l.allocated > 0 {
            move_stock(tx, v, -l.allocated, now)?;
            parcels::set_item_allocated(tx, l.item_id, 0)?;
        }
        return Ok(false);
    }
    for (stock_variant, qty) in needs {
        stock_moves::reserve(tx, stock_variant, qty, PLAN_REF, now)?;
    }
    parcels::set_item_allocated(tx, l.item_id, l.quantity)?;
    Ok(true)
}

/// One entry per stock SKU (a bundle may list the same component twice).
pub(crate) fn merged_needs(needs: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(needs.len());
    for (v, q) in needs {
        match out.iter_mut().find(|(id, _)| *id == v) {
            Some((_, n)) => *n += q,
            None => out.push((v, q)),
        }
    }
    out
}

/// A parcel with a waybill: its stage stays. Claimed lines (already released) are named in an
/// alert so the packer takes them out; when no line is claimed any more, that alert goes and the
/// lines take their stock again where it is there.
fn keep_printed(
    tx: &Transaction,
    parcel: &parcels::ParcelCore,
    lines: &[parcels::ParcelLine],
    now: DateTime<Utc>,
) -> Result<Stage> {
    let stage = Stage::parse(&parcel.stage).unwrap_or(Stage::Printed);
    let claimed: Vec<&parcels::ParcelLine> =
        lines.iter().filter(|l| l.claim_reason.is_some()).collect();
    let ours = parcel
        .alert
        .as_deref()
        .is_some_and(|a| a.starts_with(PARTLY_CLAIMED_ALERT_PREFIX));
    if claimed.is_empty() {
        if ours {
            let mut all = true;
            for l in lines {
                all &= take_line(tx, l, now)?;
            }
            if all {
                parcels::set_alert(tx, parcel.id, None)?;
            }
        }
        return Ok(stage);
    }
    if parcel.alert.is_none() || ours {
        parcels::set_alert(tx, parcel.id, Some(&partly_claimed_alert(&claimed)))?;
    }
    Ok(stage)
}

/// "일부 취소/반품 — 빼고 포장하세요: 20240101-0000001 티셔츠 (L) ×1 (partly claimed — take out: …)".
pub(crate) fn partly_claimed_alert(claimed: &[&parcels::ParcelLine]) -> String {
    let items: Vec<String> = claimed
        .iter()
        .map(|l| {
            let option = if l.option_text.is_empty() {
                String::new()
            } else {
                format!(" ({})", l.option_text)
            };
            format!(
                "{} {}{} ×{}",
                l.order_id, l.product_name, option, l.quantity
            )
        })
        .collect();
    let list = items.join(", ");
    format!(
        "{PARTLY_CLAIMED_ALERT_PREFIX} — 빼고 포장하세요: {list} (partly claimed — take out: {list})"
    )
}

/// A parcel whose claim went away. Without a waybill it is planned like a new one; with one, its
/// stock is taken again and it returns to 출력완료/미출력 with an alert, so the packer knows the
/// label already printed is good again.
fn replan_after_withdrawn_claim(
    tx: &Transaction,
    parcel: &parcels::ParcelCore,
    now: DateTime<Utc>,
) -> Result<Stage> {
    parcels::set_stage(tx, parcel.id, Stage::Ready.as_str())?;
    let planned = plan_one(tx, parcel.id, now)?;
    if parcel.tracking_no.is_none() || planned != Stage::Ready {
        return Ok(planned);
    }
    let back = if parcel.print_count > 0 {
        Stage::Printed
    } else {
        Stage::Invoiced
    };
    parcels::set_stage(tx, parcel.id, back.as_str())?;
    parcels::set_alert(
        tx,
        parcel.id,
        Some("취소/반품 요청 철회됨 — 다시 출고 가능 (claim withdrawn: ship as normal)"),
    )?;
    Ok(back)
}

fn release_lines<'a>(
    tx: &Transaction,
    lines: impl Iterator<Item = &'a parcels::ParcelLine>,
    now: DateTime<Utc>,
) -> Result<()> {
    for l in lines {
        if let Some(v) = l.variant_id
            && l.allocated > 0
        {
            move_stock(tx, v, -l.allocated, now)?;
            parcels::set_item_allocated(tx, l.item_id, 0)?;
        }
    }
    Ok(())
}

/// Takes (`units` > 0) or gives back (< 0) the stock `units` of the sold SKU need (its components
/// for a bundle), through the ledger.
fn move_stock(tx: &Transaction, variant_id: i64, units: i64, now: DateTime<Utc>) -> Result<()> {
    let sign = units.signum();
    for (stock_variant, n) in crate::matching::stock_needs(tx, variant_id, units.abs())? {
        stock_moves::reserve(tx, stock_variant, sign * n, PLAN_REF, now)?;
    }
    Ok(())
}
