//! Orders as collected from a shop: the order, its lines and its receiver.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc};

#[derive(Clone, Debug)]
pub struct OrderIn {
    pub shop_id: i64,
    pub order_id: String,
    pub order_date: Option<DateTime<Utc>>,
    pub payment_date: Option<DateTime<Utc>>,
    pub currency: String,
    pub shipping_fee: i64,
    pub payment_amount: i64,
    pub items: Vec<ItemIn>,
    pub receiver: ReceiverIn,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemIn {
    pub order_item_code: String,
    pub variant_code: Option<String>,
    pub variant_id: Option<i64>,
    pub product_name: String,
    pub option_text: String,
    pub quantity: i64,
    /// The shop's item status code (N20, C00, R00, ...).
    pub status: String,
    /// Unit price in minor units of the order's currency (KRW: won).
    pub unit_price: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiverIn {
    pub name: String,
    /// Digits only.
    pub phone: String,
    /// Digits only.
    pub mobile: String,
    pub zipcode: String,
    pub address1: String,
    pub address2: String,
    pub message: String,
    pub shipping_code: Option<String>,
    /// ISO 3166 alpha-2 destination country (KR = domestic).
    pub country_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Upserted {
    New {
        id: i64,
    },
    /// Something changed. `claim` is set when the order just turned into a claim.
    Changed {
        id: i64,
        claim: Option<String>,
        receiver_changed: bool,
    },
    Unchanged {
        id: i64,
    },
}

/// Claim statuses that mean the request was refused or withdrawn: the order goes on as before
/// (C11 취소접수거부, R11 반품 접수 거부, E11 교환접수거부, E41/E50/E51 교환철회).
const NOT_A_CLAIM: &[&str] = &["C11", "R11", "E11", "E41", "E50", "E51"];

/// Item status codes that mean a cancel (C), return (R) or exchange (E) request: the parcel must stop.
pub fn claim_reason(items: &[ItemIn]) -> Option<String> {
    items
        .iter()
        .filter(|i| !NOT_A_CLAIM.contains(&i.status.as_str()))
        .find(|i| matches!(i.status.as_bytes().first(), Some(b'C' | b'R' | b'E')))
        .map(|i| {
            let kind = match i.status.as_bytes().first() {
                Some(b'C') => "취소",
                Some(b'R') => "반품",
                _ => "교환",
            };
            format!("{kind} {}", i.status)
        })
}

pub fn exists(conn: &Connection, shop_id: i64, order_id: &str) -> Result<bool> {
    let mut stmt =
        conn.prepare_cached("SELECT 1 FROM orders WHERE shop_id = ?1 AND order_id = ?2")?;
    Ok(stmt.exists(params![shop_id, order_id])?)
}

pub fn upsert(conn: &Connection, o: &OrderIn, now: DateTime<Utc>) -> Result<Upserted> {
    let existing: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT id, claim_reason FROM orders WHERE shop_id = ?1 AND order_id = ?2",
            params![o.shop_id, o.order_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let now_s = fmt_utc(now);
    let claim = claim_reason(&o.items);
    let Some((id, old_claim)) = existing else {
        conn.execute(
            "INSERT INTO orders (shop_id, order_id, order_date, payment_date, currency, shipping_fee, payment_amount,
                                 claim_reason, collected_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                o.shop_id,
                o.order_id,
                o.order_date.map(fmt_utc),
                o.payment_date.map(fmt_utc),
                o.currency,
                o.shipping_fee,
                o.payment_amount,
                claim,
                now_s
            ],
        )?;
        let id = conn.last_insert_rowid();
        for item in &o.items {
            insert_item(conn, id, item)?;
        }
        write_receiver(conn, id, &o.receiver)?;
        return Ok(Upserted::New { id });
    };

    let old_items = items_of(conn, id)?;
    let old_receiver = receiver_of(conn, id)?;
    let items_changed = old_items.len() != o.items.len()
        || o.items.iter().any(|n| {
            !old_items.iter().any(|x| {
                x.order_item_code == n.order_item_code
                    && x.status == n.status
                    && x.quantity == n.quantity
            })
        });
    let receiver_changed = old_receiver.as_ref() != Some(&o.receiver);
    if !items_changed && !receiver_changed {
        return Ok(Upserted::Unchanged { id });
    }
    for item in &o.items {
        let updated = conn.execute(
            "UPDATE order_items SET status = ?3, quantity = ?4, unit_price = ?5
             WHERE order_id = ?1 AND order_item_code = ?2",
            params![
                id,
                item.order_item_code,
                item.status,
                item.quantity,
                item.unit_price
            ],
        )?;
        if updated == 0 {
            insert_item(conn, id, item)?;
        }
    }
    if receiver_changed {
        write_receiver(conn, id, &o.receiver)?;
    }
    conn.execute(
        "UPDATE orders SET claim_reason = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, claim, now_s],
    )?;
    let newly_claimed = if old_claim.is_none() { claim } else { None };
    Ok(Upserted::Changed {
        id,
        claim: newly_claimed,
        receiver_changed,
    })
}

fn insert_item(conn: &Connection, order_pk: i64, item: &ItemIn) -> Result<()> {
    conn.execute(
        "INSERT INTO order_items (order_id, order_item_code, variant_code, variant_id, product_name, option_text,
                                  quantity, status, unit_price)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            order_pk,
            item.order_item_code,
            item.variant_code,
            item.variant_id,
            item.product_name,
            item.option_text,
            item.quantity,
            item.status,
            item.unit_price
        ],
    )?;
    Ok(())
}

fn write_receiver(conn: &Connection, order_pk: i64, r: &ReceiverIn) -> Result<()> {
    conn.execute(
        "INSERT INTO receivers (order_id, name, phone, mobile, zipcode, address1, address2, message, shipping_code,
                                country_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(order_id) DO UPDATE SET name = excluded.name, phone = excluded.phone, mobile = excluded.mobile,
             zipcode = excluded.zipcode, address1 = excluded.address1, address2 = excluded.address2,
             message = excluded.message, shipping_code = excluded.shipping_code,
             country_code = excluded.country_code",
        params![
            order_pk,
            r.name,
            r.phone,
            r.mobile,
            r.zipcode,
            r.address1,
            r.address2,
            r.message,
            r.shipping_code,
            r.country_code
        ],
    )?;
    Ok(())
}

pub fn items_of(conn: &Connection, order_pk: i64) -> Result<Vec<ItemIn>> {
    let mut stmt = conn.prepare_cached(
        "SELECT order_item_code, variant_code, variant_id, product_name, option_text, quantity, status,
                unit_price
         FROM order_items WHERE order_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([order_pk], |r| {
            Ok(ItemIn {
                order_item_code: r.get(0)?,
                variant_code: r.get(1)?,
                variant_id: r.get(2)?,
                product_name: r.get(3)?,
                option_text: r.get(4)?,
                quantity: r.get(5)?,
                status: r.get(6)?,
                unit_price: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn receiver_of(conn: &Connection, order_pk: i64) -> Result<Option<ReceiverIn>> {
    Ok(conn
        .query_row(
            "SELECT name, phone, mobile, zipcode, address1, address2, message, shipping_code, country_code
             FROM receivers WHERE order_id = ?1",
            [order_pk],
            |r| {
                Ok(ReceiverIn {
                    name: r.get(0)?,
                    phone: r.get(1)?,
                    mobile: r.get(2)?,
                    zipcode: r.get(3)?,
                    address1: r.get(4)?,
                    address2: r.get(5)?,
                    message: r.get(6)?,
                    shipping_code: r.get(7)?,
                    country_code: r.get(8)?,
                })
            },
        )
        .optional()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))?)
}

/// Notes that a collection run started at `run_started` saw this order.
pub fn mark_seen(conn: &Connection, order_pk: i64, run_started: DateTime<Utc>) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE orders SET seen_at = ?2 WHERE id = ?1")?;
    stmt.execute(params![order_pk, fmt_utc(run_started)])?;
    Ok(())
}

/// Orders of a shop still on their way through the desk that the run started at `run_started` has not
/// seen yet: re-read by id so their cancellations and address changes still arrive. Parcels
/// blocked by a claim since `claims_since` are re-read too, so a withdrawn claim releases them.
pub fn open_unseen_ids(
    conn: &Connection,
    shop_id: i64,
    run_started: DateTime<Utc>,
    claims_since: DateTime<Utc>,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT o.order_id FROM orders o
         JOIN parcel_orders po ON po.order_id = o.id
         JOIN parcels p ON p.id = po.parcel_id
         WHERE o.shop_id = ?1 AND p.stage <> 'shipped'
           AND (p.stage <> 'claimed' OR o.updated_at >= ?3)
           AND (o.seen_at IS NULL OR o.seen_at < ?2)
         ORDER BY o.id",
    )?;
    let rows = stmt
        .query_map(
            params![shop_id, fmt_utc(run_started), fmt_utc(claims_since)],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Orders of a shop whose lines have no SKU yet (매칭 실패), oldest first, at most `limit`.
pub fn unmatched(conn: &Connection, shop_id: i64, limit: u32) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT o.order_id, COALESCE(i.variant_code, i.product_name) FROM order_items i
         JOIN orders o ON o.id = i.order_id
         WHERE o.shop_id = ?1 AND i.variant_id IS NULL AND o.claim_reason IS NULL
         ORDER BY o.id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![shop_id, limit], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many orders of a shop still have a line without a SKU.
pub fn unmatched_count(conn: &Connection, shop_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(DISTINCT o.id) FROM order_items i JOIN orders o ON o.id = i.order_id
         WHERE o.shop_id = ?1 AND i.variant_id IS NULL AND o.claim_reason IS NULL",
        [shop_id],
        |r| r.get(0),
    )?)
}
