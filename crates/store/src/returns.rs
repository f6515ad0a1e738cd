//! Returned parcels taken in at the desk (반품 입고): what came back, why, who pays the return
//! shipping, and what happened to each line — back on the shelf or written off, both in the ledger.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc, parse_utc};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnIn {
    pub parcel_id: i64,
    pub scanned_code: String,
    /// change_of_mind | defect | wrong_item
    pub reason: String,
    pub shipped_at: DateTime<Utc>,
    pub window_days: i64,
    pub window_ends_at: DateTime<Utc>,
    pub within_window: bool,
    /// customer | seller
    pub payer: String,
    pub received_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnLineIn {
    pub item_id: i64,
    pub order_id: String,
    pub product_name: String,
    pub option_text: String,
    pub variant_id: Option<i64>,
    pub quantity: i64,
    /// restock | writeoff
    pub disposition: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnRow {
    pub id: i64,
    pub record: ReturnIn,
    pub tracking_no: Option<String>,
    pub lines: Vec<ReturnLineIn>,
}

pub fn by_parcel(conn: &Connection, parcel_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM returns WHERE parcel_id = ?1",
            [parcel_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn insert(conn: &Connection, r: &ReturnIn, lines: &[ReturnLineIn]) -> Result<i64> {
    conn.execute(
        "INSERT INTO returns (parcel_id, scanned_code, reason, shipped_at, window_days, window_ends_at,
                              within_window, payer, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            r.parcel_id,
            r.scanned_code,
            r.reason,
            fmt_utc(r.shipped_at),
            r.window_days,
            fmt_utc(r.window_ends_at),
            r.within_window,
            r.payer,
            fmt_utc(r.received_at)
        ],
    )?;
    let id = conn.last_insert_rowid();
    for l in lines {
        conn.execute(
            "INSERT INTO return_lines (return_id, item_id, order_id, product_name, option_text, variant_id,
                                       quantity, disposition)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                l.item_id,
                l.order_id,
                l.product_name,
                l.option_text,
                l.variant_id,
                l.quantity,
                l.disposition
            ],
        )?;
    }
    Ok(id)
}

/// A returned unit back on the shelf: on hand goes up, the ledger says why.
pub fn restock(
    conn: &Connection,
    variant_id: i64,
    qty: i64,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO stock (variant_id, on_hand, allocated) VALUES (?1, ?2, 0)
         ON CONFLICT(variant_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand",
        params![variant_id, qty],
    )?;
    ledger(conn, variant_id, qty, "return", reference, now)
}

/// A returned unit that cannot be sold again. It left the stock when it shipped, so nothing
/// changes on hand; the ledger keeps a zero movement naming the quantity, so the loss is on record.
pub fn write_off(
    conn: &Connection,
    variant_id: i64,
    qty: i64,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    ledger(
        conn,
        variant_id,
        0,
        "writeoff",
        &format!("{reference} x{qty}"),
        now,
    )
}

fn ledger(
    conn: &Connection,
    variant_id: i64,
    delta: i64,
    kind: &str,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO stock_ledger (variant_id, delta, kind, ref, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![variant_id, delta, kind, reference, fmt_utc(now)],
    )?;
    Ok(())
}

fn time(s: String) -> DateTime<Utc> {
    parse_utc(&s).unwrap_or_default()
}

/// Every return, newest first, with its lines.
pub fn list(conn: &Connection, limit: u32) -> Result<Vec<ReturnRow>> {
    rows(conn, "ORDER BY r.id DESC LIMIT ?1", i64::from(limit))
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<ReturnRow>> {
    Ok(rows(conn, "WHERE r.id = ?1", id)?.into_iter().next())
}

fn rows(conn: &Connection, tail: &str, arg: i64) -> Result<Vec<ReturnRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.parcel_id, r.scanned_code, r.reason, r.shipped_at, r.window_days, r.window_ends_at,
                r.within_window, r.payer, r.received_at, p.tracking_no
         FROM returns r JOIN parcels p ON p.id = r.parcel_id {tail}"
    ))?;
    let mut rows = stmt
        .query_map([arg], |r| {
            Ok(ReturnRow {
                id: r.get(0)?,
                record: ReturnIn {
                    parcel_id: r.get(1)?,
                    scanned_code: r.get(2)?,
                    reason: r.get(3)?,
                    shipped_at: time(r.get(4)?),
                    window_days: r.get(5)?,
                    window_ends_at: time(r.get(6)?),
                    within_window: r.get(7)?,
                    payer: r.get(8)?,
                    received_at: time(r.get(9)?),
                },
                tracking_no: r.get(10)?,
                lines: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut lines = conn.prepare_cached(
        "SELECT item_id, order_id, product_name, option_text, variant_id, quantity, disposition
         FROM return_lines WHERE return_id = ?1 ORDER BY item_id",
    )?;
    for row in &mut rows {
        row.lines = lines
            .query_map([row.id], |r| {
                Ok(ReturnLineIn {
                    item_id: r.get(0)?,
                    order_id: r.get(1)?,
                    product_name: r.get(2)?,
                    option_text: r.get(3)?,
                    variant_id: r.get(4)?,
                    quantity: r.get(5)?,
                    disposition: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(rows)
}
