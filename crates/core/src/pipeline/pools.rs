//! Invoice-number pools per carrier as the 송장 tab shows them, and when one runs low.
//!
//! Only a carrier that has had a pool can run low: a shop using the carrier-file route for a
//! carrier never adds blocks for it, and warning about that empty pool every few seconds would
//! teach the packer to ignore the warning.

use packdesk_store::Connection;
use serde::{Deserialize, Serialize};

/// Below this many free numbers a pool warns: roughly a busy morning's parcels for a small shop,
/// time enough to ask the carrier for the next block before printing stops.
pub const POOL_LOW_AT: u64 = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePool {
    /// cj | hanjin | lotte | logen | epost | ems
    pub carrier: String,
    /// The carrier's Korean name (CJ대한통운 …).
    pub name: String,
    /// Numbers not given to a parcel yet.
    pub remaining: u64,
    /// Numbers given to parcels.
    pub used: u64,
    /// Parcels of this carrier waiting for a number now (송장대기).
    pub waiting: u64,
    /// The pool has had numbers and has fewer than [`POOL_LOW_AT`] left, or fewer than waiting.
    pub low: bool,
    /// The station's default carrier (the one printing takes numbers for).
    pub is_default: bool,
}

pub(super) fn all(conn: &Connection) -> packdesk_store::Result<Vec<InvoicePool>> {
    let default = packdesk_store::settings::get(conn, packdesk_store::settings::DEFAULT_CARRIER)?
        .unwrap_or_else(|| "cj".into());
    let mut stmt = conn.prepare_cached(
        "SELECT c.code, c.name,
                (SELECT COUNT(*) FROM invoice_pool WHERE carrier = c.code AND parcel_id IS NULL),
                (SELECT COUNT(*) FROM invoice_pool WHERE carrier = c.code AND parcel_id IS NOT NULL),
                COALESCE(w.n, 0)
         FROM carriers c
         LEFT JOIN (SELECT carrier, COUNT(*) AS n FROM parcels
                     WHERE archived = 0 AND stage = 'ready' GROUP BY carrier) w
                ON w.carrier = c.code
         ORDER BY c.rowid",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let carrier: String = r.get(0)?;
            let remaining: u64 = r.get(2)?;
            let used: u64 = r.get(3)?;
            let waiting: u64 = r.get(4)?;
            let had_pool = remaining + used > 0;
            Ok(InvoicePool {
                is_default: carrier == default,
                carrier,
                name: r.get(1)?,
                remaining,
                used,
                waiting,
                low: had_pool && (remaining < POOL_LOW_AT || remaining < waiting),
            })
        })?
        .collect::<packdesk_store::rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
