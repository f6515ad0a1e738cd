//! Statements for applying a page of collected orders set-wise (`collect::apply` in core): the
//! same rows the one-at-a-time repositories write, through cached prepared statements, so a page
//! of 1,000 orders does not prepare tens of thousands of statements.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use crate::Result;
use crate::fmt_utc;
use crate::orders::{OrderIn, claim_reason};
use crate::parcels::MERGEABLE_STAGES;

/// Which of `order_ids` a shop already has — one query for a page.
pub fn existing_order_ids(
    conn: &Connection,
    shop_id: i64,
    order_ids: &[&str],
) -> Result<HashSet<String>> {
    let mut found = HashSet::new();
    // SQLite's bound-parameter limit is 32,766; pages are far smaller, chunk anyway.
    for chunk in order_ids.chunks(10_000) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql =
            format!("SELECT order_id FROM orders WHERE shop_id = ? AND order_id IN ({marks})");
        let mut stmt = conn.prepare(&sql)?;
        let args = std::iter::once(rusqlite::types::Value::Integer(shop_id)).chain(
            chunk
                .iter()
                .map(|s| rusqlite::types::Value::Text((*s).to_string())),
        );
        let rows = stmt
            .query_map(params_from_iter(args), |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        found.extend(rows);
    }
    Ok(found)
}

/// Inserts an order the shop does not have yet — the rows `orders::upsert` writes for a new order
/// followed by `orders::mark_seen` — and returns its id and its items' ids in input order.
pub fn insert_new_order(
    conn: &Connection,
    o: &OrderIn,
    now: DateTime<Utc>,
    seen_at: DateTime<Utc>,
) -> Result<(i64, Vec<i64>)> {
    let now_s = fmt_utc(now);
    let mut order = conn.prepare_cached(
        "INSERT INTO orders (shop_id, order_id, order_date, payment_date, currency, shipping_fee, payment_amount,
                             claim_reason, collected_at, updated_at, seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
    )?;
    order.execute(params![
        o.shop_id,
        o.order_id,
        o.order_date.map(fmt_utc),
        o.payment_date.map(fmt_utc),
        o.currency,
        o.shipping_fee,
        o.payment_amount,
        claim_reason(&o.items),
        now_s,
        fmt_utc(seen_at)
    ])?;
    let id = conn.last_insert_rowid();
    let mut item = conn.prepare_cached(
        "INSERT INTO order_items (order_id, order_item_code, variant_code, variant_id, product_name, option_text,
                                  quantity, status, unit_price)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut item_ids = Vec::with_capacity(o.items.len());
    for i in &o.items {
        item.execute(params![
            id,
            i.order_item_code,
            i.variant_code,
            i.variant_id,
            i.product_name,
            i.option_text,
            i.quantity,
            i.status,
            i.unit_price
        ])?;
        item_ids.push(conn.last_insert_rowid());
    }
    let r = &o.receiver;
    let mut receiver = conn.prepare_cached(
        "INSERT INTO receivers (order_id, name, phone, mobile, zipcode, address1, address2, message, shipping_code,
                                country_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    receiver.execute(params![
        id,
        r.name,
        r.phone,
        r.mobile,
        r.zipcode,
        r.address1,
        r.address2,
        r.message,
        r.shipping_code,
        r.country_code
    ])?;
    Ok((id, item_ids))
}

/// `catalogue::variant_id_by_code` through a cached statement.
pub fn variant_id_by_code(conn: &Connection, variant_code: &str) -> Result<Option<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM variants WHERE variant_code = ?1 OR sku = ?1")?;
    Ok(stmt.query_row([variant_code], |r| r.get(0)).optional()?)
}

/// `parcels::find_mergeable` through a cached statement.
pub fn find_mergeable(conn: &Connection, merge_key: &str, carrier: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id FROM parcels WHERE merge_key = ?1 AND carrier = ?2 AND stage IN {MERGEABLE_STAGES}
         ORDER BY id LIMIT 1"
    ))?;
    Ok(stmt
        .query_row(params![merge_key, carrier], |r| r.get(0))
        .optional()?)
}

/// For each (merge key, carrier) of `slots`, the parcel `parcels::find_mergeable` would answer
/// (the oldest in a mergeable stage) — one query per 500 slots instead of one per slot.
pub fn mergeable_parcels(
    conn: &Connection,
    slots: &[(String, String)],
) -> Result<HashMap<(String, String), i64>> {
    let mut keys: Vec<&str> = slots.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let wanted: HashSet<&(String, String)> = slots.iter().collect();
    let mut found = HashMap::new();
    for chunk in keys.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!(
            "SELECT merge_key, carrier, MIN(id) FROM parcels
             WHERE merge_key IN ({marks}) AND stage IN {MERGEABLE_STAGES}
             GROUP BY merge_key, carrier"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(chunk.iter()), |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    r.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        found.extend(rows.into_iter().filter(|(slot, _)| wanted.contains(slot)));
    }
    Ok(found)
}

/// `parcels::create` through a cached statement.
pub fn create_parcel(
    conn: &Connection,
    merge_key: &str,
    carrier: &str,
    stage: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO parcels (merge_key, stage, carrier, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    stmt.execute(params![merge_key, stage, carrier, fmt_utc(now)])?;
    Ok(conn.last_insert_rowid())
}

/// `parcels::attach_order` through a cached statement.
pub fn attach_order(conn: &Connection, parcel_id: i64, order_pk: i64) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO parcel_orders (parcel_id, order_id) VALUES (?1, ?2)")?;
    stmt.execute(params![parcel_id, order_pk])?;
    Ok(())
}

/// `parcels::set_item_allocated` through a cached statement.
pub fn set_item_allocated(conn: &Connection, item_id: i64, allocated: i64) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE order_items SET allocated = ?2 WHERE id = ?1")?;
    stmt.execute(params![item_id, allocated])?;
    Ok(())
}

/// `parcels::set_stage` through a cached statement.
pub fn set_stage(conn: &Connection, id: i64, stage: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE parcels SET stage = ?2 WHERE id = ?1")?;
    stmt.execute(params![id, stage])?;
    Ok(())
}

/// `catalogue::available` through a cached statement.
pub fn available(conn: &Connection, variant_id: i64) -> Result<i64> {
    let mut stmt =
        conn.prepare_cached("SELECT on_hand - allocated FROM stock WHERE variant_id = ?1")?;
    Ok(stmt
        .query_row([variant_id], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}
