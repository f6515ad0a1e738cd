//! Parcels (one box, one waybill, one or more merged orders) and the numbered working list.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc, parse_utc};

/// Stages a parcel may still take new orders in (nothing printed yet).
pub const MERGEABLE_STAGES: &str = "('unmatched', 'backorder', 'ready')";

#[derive(Clone, Debug)]
pub struct ParcelCore {
    pub id: i64,
    pub stage: String,
    pub carrier: String,
    pub tracking_no: Option<String>,
    pub print_count: u32,
    pub shipped_at: Option<DateTime<Utc>>,
    /// Something a person must see before it leaves (receiver changed after printing …).
    pub alert: Option<String>,
}

/// One line of a parcel, with the order it belongs to.
#[derive(Clone, Debug)]
pub struct ParcelLine {
    pub order_pk: i64,
    pub order_id: String,
    pub shop_id: i64,
    pub order_item_code: String,
    pub variant_id: Option<i64>,
    pub product_name: String,
    pub option_text: String,
    pub quantity: i64,
    pub allocated: i64,
    pub item_id: i64,
    pub claim_reason: Option<String>,
}

fn core_from(r: &rusqlite::Row) -> rusqlite::Result<ParcelCore> {
    Ok(ParcelCore {
        id: r.get(0)?,
        stage: r.get(1)?,
        carrier: r.get(2)?,
        tracking_no: r.get(3)?,
        print_count: r.get(4)?,
        shipped_at: r
            .get::<_, Option<String>>(5)?
            .as_deref()
            .and_then(parse_utc),
        alert: r.get(6)?,
    })
}

const CORE_COLUMNS: &str = "id, stage, carrier, tracking_no, print_count, shipped_at, alert";

pub fn get(conn: &Connection, id: i64) -> Result<Option<ParcelCore>> {
    Ok(conn
        .query_row(
            &format!("SELECT {CORE_COLUMNS} FROM parcels WHERE id = ?1"),
            [id],
            core_from,
        )
        .optional()?)
}

pub fn by_tracking(conn: &Connection, tracking_no: &str) -> Result<Option<ParcelCore>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CORE_COLUMNS} FROM parcels WHERE tracking_no = ?1"
    ))?;
    Ok(stmt.query_row([tracking_no], core_from).optional()?)
}

/// The parcel at 연번 `no` of the working list (1-based).
pub fn by_position(conn: &Connection, no: u32) -> Result<Option<ParcelCore>> {
    if no == 0 {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CORE_COLUMNS} FROM parcels WHERE archived = 0 ORDER BY id LIMIT 1 OFFSET ?1"
    ))?;
    Ok(stmt.query_row([no - 1], core_from).optional()?)
}

pub fn find_mergeable(conn: &Connection, merge_key: &str, carrier: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id FROM parcels WHERE merge_key = ?1 AND carrier = ?2 AND stage IN {MERGEABLE_STAGES}
                 ORDER BY id LIMIT 1"
            ),
            params![merge_key, carrier],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn create(
    conn: &Connection,
    merge_key: &str,
    carrier: &str,
    stage: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO parcels (merge_key, stage, carrier, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![merge_key, stage, carrier, fmt_utc(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn attach_order(conn: &Connection, parcel_id: i64, order_pk: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO parcel_orders (parcel_id, order_id) VALUES (?1, ?2)",
        params![parcel_id, order_pk],
    )?;
    Ok(())
}

/// The parcel of an order; for an order split over two parcels (미할당주문나누기) the oldest one —
/// use [`all_of_order`] where every part matters.
pub fn of_order(conn: &Connection, order_pk: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT parcel_id FROM parcel_orders WHERE order_id = ?1 ORDER BY parcel_id LIMIT 1",
            [order_pk],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every parcel holding a line of the order (two after a split), oldest first.
pub fn all_of_order(conn: &Connection, order_pk: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT parcel_id FROM parcel_orders WHERE order_id = ?1 ORDER BY parcel_id",
    )?;
    let rows = stmt
        .query_map([order_pk], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_stage(conn: &Connection, id: i64, stage: &str) -> Result<()> {
    conn.execute(
        "UPDATE parcels SET stage = ?2 WHERE id = ?1",
        params![id, stage],
    )?;
    Ok(())
}

pub fn set_tracking(conn: &Connection, id: i64, tracking_no: &str, stage: &str) -> Result<()> {
    conn.execute(
        "UPDATE parcels SET tracking_no = ?2, stage = ?3 WHERE id = ?1",
        params![id, tracking_no, stage],
    )?;
    Ok(())
}

pub fn mark_printed(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE parcels SET print_count = print_count + 1, printed_at = ?2,
             stage = CASE WHEN stage = 'invoiced' THEN 'printed' ELSE stage END
         WHERE id = ?1",
        params![id, fmt_utc(now)],
    )?;
    Ok(())
}

pub fn mark_shipped(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE parcels SET stage = 'shipped', shipped_at = ?2 WHERE id = ?1",
        params![id, fmt_utc(now)],
    )?;
    Ok(())
}

/// Parcels shipped before `cutoff` (the start of the working day) leave the numbered list.
pub fn archive_shipped_before(conn: &Connection, cutoff: DateTime<Utc>) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE parcels SET archived = 1 WHERE archived = 0 AND shipped_at IS NOT NULL AND shipped_at < ?1",
        [fmt_utc(cutoff)],
    )?)
}

/// 연번 of a parcel in the working list (0 when it is archived).
pub fn position(conn: &Connection, id: i64) -> Result<u32> {
    let mut stmt =
        conn.prepare_cached("SELECT COUNT(*) FROM parcels WHERE archived = 0 AND id <= ?1")?;
    Ok(stmt.query_row([id], |r| r.get(0))?)
}

pub fn working_cores(conn: &Connection) -> Result<Vec<ParcelCore>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CORE_COLUMNS} FROM parcels WHERE archived = 0 ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([], core_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// `claim_reason` is per line: the order's claim when this line is itself claimed (its item status
/// is a cancel/return/exchange one), or when the claim names no line at all (an order-level claim).
/// A merged or multi-line order with one item cancelled therefore keeps its other lines going.
const LINE_COLUMNS: &str = "o.id, o.order_id, o.shop_id, i.order_item_code, i.variant_id, i.product_name, \
                            i.option_text, i.quantity, i.allocated, i.id, \
                            CASE WHEN o.claim_reason IS NULL THEN NULL \
                                 WHEN substr(i.status, 1, 1) IN ('C', 'R', 'E') AND i.status NOT IN \
                                      ('C11', 'R11', 'E11', 'E41', 'E50', 'E51') THEN o.claim_reason \
                                 WHEN EXISTS (SELECT 1 FROM order_items c WHERE c.order_id = o.id \
                                      AND substr(c.status, 1, 1) IN ('C', 'R', 'E') AND c.status NOT IN \
                                      ('C11', 'R11', 'E11', 'E41', 'E50', 'E51')) THEN NULL \
                                 ELSE o.claim_reason END";

/// The join condition that puts each line of a split order in its own parcel (migration 0009).
pub const LINE_IN_PARCEL: &str = "(i.parcel_id IS NULL OR i.parcel_id = po.parcel_id)";

/// Reads a [`ParcelLine`] from LINE_COLUMNS starting at column `at`.
fn line_from(r: &rusqlite::Row, at: usize) -> rusqlite::Result<ParcelLine> {
    Ok(ParcelLine {
        order_pk: r.get(at)?,
        order_id: r.get(at + 1)?,
        shop_id: r.get(at + 2)?,
        order_item_code: r.get(at + 3)?,
        variant_id: r.get(at + 4)?,
        product_name: r.get(at + 5)?,
        option_text: r.get(at + 6)?,
        quantity: r.get(at + 7)?,
        allocated: r.get(at + 8)?,
        item_id: r.get(at + 9)?,
        claim_reason: r.get(at + 10)?,
    })
}

pub fn lines(conn: &Connection, parcel_id: i64) -> Result<Vec<ParcelLine>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINE_COLUMNS}
         FROM parcel_orders po
         JOIN orders o ON o.id = po.order_id
         JOIN order_items i ON i.order_id = o.id AND {LINE_IN_PARCEL}
         WHERE po.parcel_id = ?1
         ORDER BY o.id, i.id"
    ))?;
    let rows = stmt
        .query_map([parcel_id], |r| line_from(r, 0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// All lines of the working list at once (for building the list without a query per row).
pub fn working_lines(conn: &Connection) -> Result<Vec<(i64, ParcelLine)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT po.parcel_id, {LINE_COLUMNS}
         FROM parcels p
         JOIN parcel_orders po ON po.parcel_id = p.id
         JOIN orders o ON o.id = po.order_id
         JOIN order_items i ON i.order_id = o.id AND {LINE_IN_PARCEL}
         WHERE p.archived = 0
         ORDER BY p.id, o.id, i.id"
    ))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, line_from(r, 1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The receiver of a parcel: all its orders share one (that is what merging means).
pub fn receiver(conn: &Connection, parcel_id: i64) -> Result<Option<crate::orders::ReceiverIn>> {
    let order_pk: Option<i64> = conn
        .query_row(
            "SELECT order_id FROM parcel_orders WHERE parcel_id = ?1 ORDER BY order_id LIMIT 1",
            [parcel_id],
            |r| r.get(0),
        )
        .optional()?;
    match order_pk {
        Some(pk) => crate::orders::receiver_of(conn, pk),
        None => Ok(None),
    }
}

/// Working-list parcels whose stage may change when stock or catalogue changes.
/// Parcels waiting for a SKU or stock that were created before `before` (those of the running
/// collection were planned as they arrived), oldest first.
pub fn awaiting_allocation(conn: &Connection, before: DateTime<Utc>) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM parcels WHERE stage IN ('unmatched', 'backorder') AND created_at < ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([fmt_utc(before)], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn set_item_allocated(conn: &Connection, item_id: i64, allocated: i64) -> Result<()> {
    conn.execute(
        "UPDATE order_items SET allocated = ?2 WHERE id = ?1",
        params![item_id, allocated],
    )?;
    Ok(())
}

/// Per parcel in the working list: (outbox rows owed, outbox rows delivered).
pub fn push_state(conn: &Connection) -> Result<std::collections::HashMap<i64, (u32, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.parcel_id, COUNT(*), SUM(o.status = 'sent') FROM outbox o
         JOIN parcels p ON p.id = o.parcel_id WHERE p.archived = 0 GROUP BY o.parcel_id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                (r.get::<_, u32>(1)?, r.get::<_, u32>(2)?),
            ))
        })?
        .collect::<rusqlite::Result<std::collections::HashMap<_, _>>>()?;
    Ok(rows)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM parcels", [], |r| r.get(0))?)
}

/// Another mergeable parcel with this key than `except` (re-merging an order that moved address).
pub fn find_mergeable_except(
    conn: &Connection,
    merge_key: &str,
    carrier: &str,
    except: i64,
) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id FROM parcels WHERE merge_key = ?1 AND carrier = ?2 AND id <> ?3
                 AND stage IN {MERGEABLE_STAGES} ORDER BY id LIMIT 1"
            ),
            params![merge_key, carrier, except],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn order_count(conn: &Connection, parcel_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM parcel_orders WHERE parcel_id = ?1",
        [parcel_id],
        |r| r.get(0),
    )?)
}

/// Takes the order out of its parcel(s); a split order becomes whole again (its line overrides
/// go), so attaching it somewhere puts all its lines there.
pub fn detach_order(conn: &Connection, order_pk: i64) -> Result<()> {
    conn.execute("DELETE FROM parcel_orders WHERE order_id = ?1", [order_pk])?;
    conn.execute(
        "UPDATE order_items SET parcel_id = NULL WHERE order_id = ?1 AND parcel_id IS NOT NULL",
        [order_pk],
    )?;
    Ok(())
}

/// Deletes a parcel that no longer holds an order and never got a waybill.
pub fn delete_unprinted(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute(
        &format!(
            "DELETE FROM parcels WHERE id = ?1 AND tracking_no IS NULL AND stage IN {MERGEABLE_STAGES}
             AND NOT EXISTS (SELECT 1 FROM parcel_orders WHERE parcel_id = ?1)"
        ),
        [id],
    )? == 1)
}

pub fn set_merge_key(conn: &Connection, id: i64, merge_key: &str) -> Result<()> {
    conn.execute(
        "UPDATE parcels SET merge_key = ?2 WHERE id = ?1",
        params![id, merge_key],
    )?;
    Ok(())
}

/// Something a person must see before the parcel leaves (None clears it).
pub fn set_alert(conn: &Connection, id: i64, alert: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE parcels SET alert = ?2 WHERE id = ?1",
        params![id, alert],
    )?;
    Ok(())
}

/// A tracking number assigned elsewhere (FASSTO) with its carrier.
pub fn set_carrier_tracking(
    conn: &Connection,
    id: i64,
    carrier: &str,
    tracking_no: &str,
    stage: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE parcels SET carrier = ?2, tracking_no = ?3, stage = ?4 WHERE id = ?1",
        params![id, carrier, tracking_no, stage],
    )?;
    Ok(())
}

/// Parcels ready to go out of the shops whose packing is outsourced to FASSTO, oldest first.
pub fn ready_for_fulfilment(conn: &Connection, fulfilment: &str, limit: u32) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT p.id FROM parcels p
         JOIN parcel_orders po ON po.parcel_id = p.id
         JOIN orders o ON o.id = po.order_id
         JOIN shops s ON s.id = o.shop_id
         WHERE p.stage = 'ready' AND s.fulfilment = ?1
           AND NOT EXISTS (SELECT 1 FROM fms_outbounds f WHERE f.parcel_id = p.id)
         ORDER BY p.id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![fulfilment, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Moves a parcel from `from` to `to`, and only from there (a claim that arrived meanwhile wins).
pub fn set_stage_if(conn: &Connection, id: i64, from: &str, to: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE parcels SET stage = ?3 WHERE id = ?1 AND stage = ?2",
        params![id, from, to],
    )? == 1)
}
