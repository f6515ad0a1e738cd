//! 할당: decide a parcel's stage from its lines — claimed, unmatched, short of stock, or ready —
//! and reserve stock for it. Thin policy for now: a parcel is allocated whole or not at all
//! (fully shippable first), oldest parcel first; the store refuses negative stock.

use packdesk_store::{Transaction, catalogue, parcels};

use crate::dto::Stage;
use crate::error::Result;

/// Re-plans one parcel that has not been invoiced yet; invoiced, printed and shipped parcels keep
/// their stage except that a claim always blocks them.
pub(crate) fn plan(tx: &Transaction, parcel_id: i64) -> Result<Stage> {
    let Some(parcel) = parcels::get(tx, parcel_id)? else {
        return Ok(Stage::Ready);
    };
    let stage = Stage::parse(&parcel.stage).unwrap_or(Stage::Ready);
    let lines = parcels::lines(tx, parcel_id)?;
    if lines.iter().any(|l| l.claim_reason.is_some()) {
        if stage != Stage::Shipped {
            release_all(tx, &lines)?;
            parcels::set_stage(tx, parcel_id, Stage::Claimed.as_str())?;
            return Ok(Stage::Claimed);
        }
        return Ok(stage);
    }
    if stage == Stage::Claimed {
        // The claim was withdrawn or refused: the parcel goes back into the pipeline.
        return replan_after_withdrawn_claim(tx, &parcel);
    }
    if !stage.before_waybill() {
        return Ok(stage);
    }
    // Lines that came in before their SKU existed match now if the catalogue has caught up.
    crate::matching::rematch(tx, &lines)?;
    let lines = parcels::lines(tx, parcel_id)?;
    if lines.iter().any(|l| l.variant_id.is_none()) {
        parcels::set_stage(tx, parcel_id, Stage::Unmatched.as_str())?;
        return Ok(Stage::Unmatched);
    }
    // A line whose quantity went down gives back what it no longer needs.
    for l in lines.iter().filter(|l| l.allocated > l.quantity) {
        if let Some(v) = l.variant_id {
            release_stock(tx, v, l.allocated - l.quantity)?;
            parcels::set_item_allocated(tx, l.item_id, l.quantity)?;
        }
    }
    let lines = parcels::lines(tx, parcel_id)?;
    let mut need: Vec<(i64, i64)> = Vec::new();
    for l in &lines {
        let missing = l.quantity - l.allocated;
        if let Some(v) = l.variant_id
            && missing > 0
        {
            for (stock_variant, qty) in crate::matching::stock_needs(tx, v, missing)? {
                match need.iter_mut().find(|(id, _)| *id == stock_variant) {
                    Some((_, q)) => *q += qty,
                    None => need.push((stock_variant, qty)),
                }
            }
        }
    }
    for (variant, qty) in &need {
        if catalogue::available(tx, *variant)? < *qty {
            // Whole parcels only: what it held goes back for other parcels to use.
            release_all(tx, &lines)?;
            parcels::set_stage(tx, parcel_id, Stage::Backorder.as_str())?;
            return Ok(Stage::Backorder);
        }
    }
    for (variant, qty) in &need {
        catalogue::allocate(tx, *variant, *qty)?;
    }
    for l in &lines {
        parcels::set_item_allocated(tx, l.item_id, l.quantity)?;
    }
    parcels::set_stage(tx, parcel_id, Stage::Ready.as_str())?;
    Ok(Stage::Ready)
}

/// A parcel whose claim went away. Without a waybill it is planned like a new one; with one, its
/// stock is taken again and it returns to 출력완료/미출력 with an alert, so the packer knows the
/// label already printed is good again.
fn replan_after_withdrawn_claim(tx: &Transaction, parcel: &parcels::ParcelCore) -> Result<Stage> {
    parcels::set_stage(tx, parcel.id, Stage::Ready.as_str())?;
    let planned = plan(tx, parcel.id)?;
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

fn release_all(tx: &Transaction, lines: &[parcels::ParcelLine]) -> Result<()> {
    for l in lines {
        if let Some(v) = l.variant_id
            && l.allocated > 0
        {
            release_stock(tx, v, l.allocated)?;
            parcels::set_item_allocated(tx, l.item_id, 0)?;
        }
    }
    Ok(())
}

/// Gives back the stock `qty` units of the sold SKU held (its components for a bundle).
fn release_stock(tx: &Transaction, variant_id: i64, qty: i64) -> Result<()> {
    for (stock_variant, n) in crate::matching::stock_needs(tx, variant_id, qty)? {
        catalogue::release(tx, stock_variant, n)?;
    }
    Ok(())
}
