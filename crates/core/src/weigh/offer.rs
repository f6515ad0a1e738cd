//! A single-item parcel weighs what its one product weighs (plus the box, which the tolerance
//! absorbs): when the SKU has no weight or one more than 10 % off, the desk offers to save it.

use packdesk_store::{Connection, catalogue, parcels};

use crate::dto::SaveWeightOffer;
use crate::error::Result;

/// How far the stored weight may be off before the desk offers the measured one (percent).
const DIFFERS_PCT: u64 = 10;

pub(crate) fn for_parcel(
    conn: &Connection,
    parcel_id: i64,
    grams: u32,
) -> Result<Option<SaveWeightOffer>> {
    let lines = parcels::lines(conn, parcel_id)?;
    let [line] = &lines[..] else {
        return Ok(None);
    };
    if line.quantity != 1 {
        return Ok(None);
    }
    let Some(variant_id) = line.variant_id else {
        return Ok(None);
    };
    let Some(v) = catalogue::variant_by_id(conn, variant_id)? else {
        return Ok(None);
    };
    let current = v
        .weight_g
        .filter(|g| *g > 0)
        .and_then(|g| u32::try_from(g).ok());
    let offer = match current {
        None => true,
        Some(c) => u64::from(c.abs_diff(grams)) * 100 > u64::from(c) * DIFFERS_PCT,
    };
    Ok(offer.then_some(SaveWeightOffer {
        sku: v.sku,
        name: v.name,
        current_grams: current,
        grams,
    }))
}
