//! One query for every 처리필요 count. Parcels are counted in the working list (archived parcels
//! are shipped ones of earlier days); a merge review counts only while both parcels can still
//! merge, the same rule `Desk::merge_reviews` lists by, so the badge never promises a pair the
//! tab will not show.

use packdesk_store::{Connection, parcels::MERGEABLE_STAGES};

use super::PipelineCounts;

pub(super) fn read(conn: &Connection) -> packdesk_store::Result<PipelineCounts> {
    let sql = format!(
        "SELECT
           (SELECT COUNT(*) FROM order_items i
              JOIN parcel_orders po ON po.order_id = i.order_id
              JOIN parcels p ON p.id = po.parcel_id
             WHERE p.archived = 0 AND p.stage = 'unmatched' AND i.variant_id IS NULL),
           (SELECT COUNT(*) FROM merge_reviews r
              JOIN parcels a ON a.id = r.parcel_a
              JOIN parcels b ON b.id = r.parcel_b
             WHERE r.status = 'open'
               AND a.stage IN {MERGEABLE_STAGES} AND a.tracking_no IS NULL
               AND b.stage IN {MERGEABLE_STAGES} AND b.tracking_no IS NULL
               AND EXISTS (SELECT 1 FROM parcel_orders WHERE parcel_id = a.id)
               AND EXISTS (SELECT 1 FROM parcel_orders WHERE parcel_id = b.id)),
           COALESCE(SUM(stage = 'backorder'), 0),
           COALESCE(SUM(stage = 'ready'), 0),
           COALESCE(SUM(stage IN ('invoiced', 'printed')), 0),
           COALESCE(SUM(stage = 'claimed'), 0),
           (SELECT COUNT(DISTINCT p.id) FROM parcels p
              JOIN parcel_orders po ON po.parcel_id = p.id
              JOIN orders o ON o.id = po.order_id
             WHERE p.stage = 'shipped' AND o.claim_reason LIKE '반품%'
               AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.parcel_id = p.id))
         FROM parcels WHERE archived = 0"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let counts = stmt.query_row([], |r| {
        let c = PipelineCounts {
            matching: r.get(0)?,
            merge: r.get(1)?,
            allocate: r.get(2)?,
            invoice: r.get(3)?,
            ship: r.get(4)?,
            claims: r.get(5)?,
            // Shipped parcels the shop says are coming back (반품요청) and not received yet:
            // the returns desk expects them.
            returns: r.get(6)?,
            ..PipelineCounts::default()
        };
        Ok(c)
    })?;
    Ok(counts)
}

/// The 처리필요 total: every stage's count, mismatches (filled in by the caller) included.
pub(super) fn total(c: &PipelineCounts) -> u32 {
    c.matching + c.merge + c.allocate + c.invoice + c.ship + c.mismatch + c.claims + c.returns
}
