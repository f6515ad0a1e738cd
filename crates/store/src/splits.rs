//! 미할당주문나누기 and re-allocation: the parcel-line queries allocation needs that the other
//! modules don't — every line waiting for stock in one read, the parcels sharing an order after a
//! split, and moving lines into a new parcel (see migration 0009 for the line-override model).

use rusqlite::{Connection, params};

use crate::Result;

/// One line of a parcel that has no waybill yet, with what priority rules sort parcels by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocRow {
    pub parcel_id: i64,
    pub stage: String,
    pub item_id: i64,
    pub order_pk: i64,
    pub shop_id: i64,
    /// 주문일 (else 결제일) as stored: RFC 3339 UTC, sortable as text.
    pub order_date: Option<String>,
    pub variant_id: Option<i64>,
    pub quantity: i64,
    pub allocated: i64,
    /// unit_price × quantity, minor units.
    pub amount: i64,
    /// The line itself is under a cancel/return/exchange request (see parcels' line claim rule).
    pub claimed: bool,
}

/// Every line of every parcel before its waybill (매칭필요, 재고부족, 송장대기), by parcel then line.
/// One statement, so a re-allocation over 100,000 parcels reads them in one pass.
pub fn replannable_lines(conn: &Connection) -> Result<Vec<AllocRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.stage, i.id, o.id, o.shop_id, COALESCE(o.order_date, o.payment_date),
                i.variant_id, i.quantity, i.allocated, i.unit_price * i.quantity,
                o.claim_reason IS NOT NULL AND (
                    (substr(i.status, 1, 1) IN ('C', 'R', 'E') AND i.status NOT IN {NOT_A_CLAIM})
                    OR NOT EXISTS (SELECT 1 FROM order_items c WHERE c.order_id = o.id
                        AND substr(c.status, 1, 1) IN ('C', 'R', 'E') AND c.status NOT IN {NOT_A_CLAIM}))
         FROM parcels p
         JOIN parcel_orders po ON po.parcel_id = p.id
         JOIN orders o ON o.id = po.order_id
         JOIN order_items i ON i.order_id = o.id AND {}
         WHERE p.stage IN {}
         ORDER BY p.id, o.id, i.id",
        crate::parcels::LINE_IN_PARCEL,
        crate::parcels::MERGEABLE_STAGES,
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok(AllocRow {
                parcel_id: r.get(0)?,
                stage: r.get(1)?,
                item_id: r.get(2)?,
                order_pk: r.get(3)?,
                shop_id: r.get(4)?,
                order_date: r.get(5)?,
                variant_id: r.get(6)?,
                quantity: r.get(7)?,
                allocated: r.get(8)?,
                amount: r.get(9)?,
                claimed: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The claim statuses that are a refusal or withdrawal, not a claim (as orders::claim_reason).
const NOT_A_CLAIM: &str = "('C11', 'R11', 'E11', 'E41', 'E50', 'E51')";

/// Other parcels that hold lines of an order this parcel holds (the other half of a split).
pub fn siblings(conn: &Connection, parcel_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT b.parcel_id FROM parcel_orders a
         JOIN parcel_orders b ON b.order_id = a.order_id AND b.parcel_id <> a.parcel_id
         WHERE a.parcel_id = ?1 ORDER BY b.parcel_id",
    )?;
    let rows = stmt
        .query_map([parcel_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Moves the lines `item_ids` (all in parcel `from`) into parcel `to`. An order whose lines all
/// move just changes parcel; an order whose lines part joins both parcels and every line of it
/// in `from` gets its parcel written down, so each line stays in exactly one parcel.
pub fn move_lines(conn: &Connection, from: i64, to: i64, item_ids: &[i64]) -> Result<()> {
    let mut orders: Vec<i64> = Vec::new();
    for &item in item_ids {
        let order_pk: i64 = conn.query_row(
            "SELECT order_id FROM order_items WHERE id = ?1",
            [item],
            |r| r.get(0),
        )?;
        if !orders.contains(&order_pk) {
            orders.push(order_pk);
        }
    }
    for order_pk in orders {
        let in_from: Vec<i64> = {
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM order_items WHERE order_id = ?1 AND (parcel_id IS NULL OR parcel_id = ?2)",
            )?;
            stmt.query_map(params![order_pk, from], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        let all_move = in_from.iter().all(|i| item_ids.contains(i));
        let has_override: bool = conn.query_row(
            "SELECT COUNT(*) > 0 FROM parcel_orders WHERE order_id = ?1 AND parcel_id <> ?2",
            params![order_pk, from],
            |r| r.get(0),
        )?;
        if all_move {
            conn.execute(
                "UPDATE parcel_orders SET parcel_id = ?3 WHERE order_id = ?1 AND parcel_id = ?2",
                params![order_pk, from, to],
            )?;
            if has_override {
                conn.execute(
                    "UPDATE order_items SET parcel_id = ?3 WHERE order_id = ?1 AND parcel_id = ?2",
                    params![order_pk, from, to],
                )?;
            }
            continue;
        }
        conn.execute(
            "INSERT OR IGNORE INTO parcel_orders (parcel_id, order_id) VALUES (?1, ?2)",
            params![to, order_pk],
        )?;
        for item in in_from {
            let target = if item_ids.contains(&item) { to } else { from };
            conn.execute(
                "UPDATE order_items SET parcel_id = ?2 WHERE id = ?1",
                params![item, target],
            )?;
        }
    }
    Ok(())
}

/// Lines that are in no parcel or in more than one (the split model's invariant; tests use it).
pub fn misplaced_lines(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT i.id, (SELECT COUNT(*) FROM parcel_orders po WHERE po.order_id = i.order_id AND {}) AS n
         FROM order_items i WHERE EXISTS (SELECT 1 FROM parcel_orders po2 WHERE po2.order_id = i.order_id)
         AND n <> 1",
        crate::parcels::LINE_IN_PARCEL
    ))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
