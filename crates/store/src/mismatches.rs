//! 판매처와 배송상태 불일치: where our parcel's stage and the shop's item status disagree, the
//! outbox rows behind a fix, and the status re-check of shipped orders (collection never reads an
//! order again once it shipped, so this is the only way to see what the shop shows after a push).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::{Result, fmt_utc};

/// We shipped and the push was confirmed, but a status read after it still shows the line waiting.
pub const PUSH_NOT_APPLIED: &str = "push_not_applied";
/// The shop shows 배송중/배송완료 but the parcel has not left here.
pub const SHIPPED_ELSEWHERE: &str = "shipped_elsewhere";
/// The shop refused our push for good (the outbox row is `failed`).
pub const PUSH_FAILED: &str = "push_failed";

/// Item statuses that mean "not shipped yet" at the shop (입금확인 … 배송보류).
const WAITING_STATUSES: &str = "('N00', 'N10', 'N20', 'N21', 'N22')";
/// Item statuses that mean the shop shipped it (배송중, 배송완료).
const SHIPPED_STATUSES: &str = "('N30', 'N40')";
/// Same rule as `orders::claim_reason`: a C/R/E status other than a refused or withdrawn request.
const NOT_CLAIMED: &str = "NOT (substr(i.status, 1, 1) IN ('C', 'R', 'E') \
                           AND i.status NOT IN ('C11', 'R11', 'E11', 'E41', 'E50', 'E51'))";
/// Joins an outbox shipment row to its order (the payload names the order; the shop is the row's).
const OUTBOX_ORDER: &str = "orders o ON o.shop_id = ob.shop_id \
                            AND o.order_id = json_extract(ob.payload, '$.order_id')";

/// One order whose status disagrees, with what it takes to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MismatchRow {
    pub order_pk: i64,
    pub order_id: String,
    pub shop_id: i64,
    /// One of [`PUSH_NOT_APPLIED`], [`SHIPPED_ELSEWHERE`], [`PUSH_FAILED`].
    pub kind: &'static str,
    pub parcel_id: Option<i64>,
    /// The outbox row to send again (push kinds).
    pub outbox_id: Option<i64>,
    /// The shop's item statuses of the order, e.g. `N20` or `N30,N40`.
    pub shop_status: String,
    /// The shop's refusal of a failed push.
    pub last_error: Option<String>,
}

fn push_rows(conn: &Connection, kind: &'static str, filter: &str) -> Result<Vec<MismatchRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT o.id, o.order_id, o.shop_id, ob.parcel_id, ob.id,
                (SELECT group_concat(DISTINCT i.status) FROM order_items i WHERE i.order_id = o.id),
                ob.last_error
         FROM outbox ob JOIN {OUTBOX_ORDER}
         WHERE ob.kind = 'cafe24.shipment' AND {filter}
         ORDER BY o.id, ob.id"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok(MismatchRow {
                order_pk: r.get(0)?,
                order_id: r.get(1)?,
                shop_id: r.get(2)?,
                kind,
                parcel_id: r.get(3)?,
                outbox_id: Some(r.get(4)?),
                shop_status: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                last_error: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn shipped_elsewhere(conn: &Connection) -> Result<Vec<MismatchRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT o.id, o.order_id, o.shop_id, MIN(p.id),
                (SELECT group_concat(DISTINCT s.status) FROM order_items s WHERE s.order_id = o.id)
         FROM parcels p
         JOIN parcel_orders po ON po.parcel_id = p.id
         JOIN orders o ON o.id = po.order_id
         JOIN order_items i ON i.order_id = o.id AND (i.parcel_id IS NULL OR i.parcel_id = p.id)
         WHERE p.stage NOT IN ('shipped', 'claimed') AND i.status IN {SHIPPED_STATUSES}
         GROUP BY o.id
         ORDER BY o.id"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok(MismatchRow {
                order_pk: r.get(0)?,
                order_id: r.get(1)?,
                shop_id: r.get(2)?,
                kind: SHIPPED_ELSEWHERE,
                parcel_id: r.get(3)?,
                outbox_id: None,
                shop_status: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                last_error: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every mismatch, one per order (a failed push first, then an unapplied one, then a shipment
/// made elsewhere), in order-row order.
pub fn list(conn: &Connection) -> Result<Vec<MismatchRow>> {
    let failed = push_rows(conn, PUSH_FAILED, "ob.status = 'failed'")?;
    let not_applied = push_rows(
        conn,
        PUSH_NOT_APPLIED,
        &format!(
            "ob.status = 'sent' AND o.status_checked_at IS NOT NULL AND o.status_checked_at > ob.sent_at
             AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id
                         AND i.status IN {WAITING_STATUSES} AND {NOT_CLAIMED})"
        ),
    )?;
    let elsewhere = shipped_elsewhere(conn)?;
    let mut out: Vec<MismatchRow> = Vec::new();
    for row in failed.into_iter().chain(not_applied).chain(elsewhere) {
        if !out.iter().any(|r| r.order_pk == row.order_pk) {
            out.push(row);
        }
    }
    out.sort_by_key(|r| r.order_pk);
    Ok(out)
}

/// Puts an outbox row back in line as if it were new (a fix: retry or re-send).
pub fn requeue(conn: &Connection, outbox_id: i64, now: DateTime<Utc>) -> Result<bool> {
    let n = conn.execute(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?2, last_error = NULL,
                           sent_at = NULL
         WHERE id = ?1 AND status IN ('failed', 'sent')",
        params![outbox_id, fmt_utc(now)],
    )?;
    Ok(n == 1)
}

pub fn record_fix(
    conn: &Connection,
    order_pk: i64,
    kind: &str,
    action: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO mismatch_fixes (order_id, kind, action, fixed_at) VALUES (?1, ?2, ?3, ?4)",
        params![order_pk, kind, action, fmt_utc(now)],
    )?;
    Ok(())
}

/// Order ids of a shop to re-read: in parcels shipped since `since` whose shipment push was sent.
pub fn recheck_candidates(
    conn: &Connection,
    shop_id: i64,
    since: DateTime<Utc>,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT o.order_id FROM outbox ob JOIN {OUTBOX_ORDER}
         JOIN parcels p ON p.id = ob.parcel_id
         WHERE ob.shop_id = ?1 AND ob.kind = 'cafe24.shipment' AND ob.status = 'sent'
           AND p.stage = 'shipped' AND p.shipped_at >= ?2
         ORDER BY o.order_id"
    ))?;
    let rows = stmt
        .query_map(params![shop_id, fmt_utc(since)], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Writes the shop's status of one line as re-read (lines the desk does not hold are ignored).
pub fn set_item_status(
    conn: &Connection,
    shop_id: i64,
    order_id: &str,
    order_item_code: &str,
    status: &str,
) -> Result<bool> {
    let n = conn.execute(
        "UPDATE order_items SET status = ?4
         WHERE order_item_code = ?3
           AND order_id = (SELECT id FROM orders WHERE shop_id = ?1 AND order_id = ?2)",
        params![shop_id, order_id, order_item_code, status],
    )?;
    Ok(n == 1)
}

/// Records that the order's statuses were read from the shop at `now`.
pub fn stamp_checked(
    conn: &Connection,
    shop_id: i64,
    order_id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE orders SET status_checked_at = ?3 WHERE shop_id = ?1 AND order_id = ?2",
        params![shop_id, order_id, fmt_utc(now)],
    )?;
    Ok(())
}

/// True when every line of the order in `parcel_id` already shows 배송중/배송완료 at the shop:
/// a push for it would be refused (the shop shipped it).
pub fn shipped_at_shop(conn: &Connection, order_pk: i64, parcel_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        &format!(
            "SELECT COUNT(*) > 0 AND SUM(i.status IN {SHIPPED_STATUSES}) = COUNT(*)
             FROM order_items i
             WHERE i.order_id = ?1 AND (i.parcel_id IS NULL OR i.parcel_id = ?2)"
        ),
        params![order_pk, parcel_id],
        |r| r.get(0),
    )?)
}
