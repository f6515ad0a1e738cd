//! Orders from channels other than Cafe24 (주문등록): the channel's shop row, generated order ids,
//! and the Excel batches orders came in with, which are deleted as a whole.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc, parse_utc};

/// `shops.platform` of a channel whose orders are registered by hand or by file.
pub const MANUAL_PLATFORM: &str = "manual";

/// The shop row of a channel (스마트스토어, 쿠팡, 전화주문 …), created on first use. It has no API
/// and no token; `shop_no` 0 keeps it apart from any Cafe24 mall of the same name.
pub fn channel_shop(conn: &Connection, channel: &str, now: DateTime<Utc>) -> Result<i64> {
    if let Some(id) = find_channel(conn, channel)? {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO shops (platform, mall_id, shop_no, api_base, client_id, secret_ref, shop_name,
                            collect_enabled, created_at)
         VALUES (?1, ?2, 0, '', '', '', ?2, 0, ?3)",
        params![MANUAL_PLATFORM, channel, fmt_utc(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn find_channel(conn: &Connection, channel: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM shops WHERE platform = ?1 AND mall_id = ?2",
            params![MANUAL_PLATFORM, channel],
            |r| r.get(0),
        )
        .optional()?)
}

/// Channels used so far, by name.
pub fn channels(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT mall_id FROM shops WHERE platform = ?1 ORDER BY mall_id")?;
    let rows = stmt
        .query_map([MANUAL_PLATFORM], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The highest sequence among generated order ids starting with `prefix` (e.g. `M20261123`) in
/// any channel, 0 if none: generated ids are unique across channels, so a phone call can name one.
pub fn last_generated_seq(conn: &Connection, prefix: &str) -> Result<u32> {
    let mut stmt = conn.prepare(
        "SELECT o.order_id FROM orders o JOIN shops s ON s.id = o.shop_id
         WHERE s.platform = ?1 AND o.order_id LIKE ?2 || '%'",
    )?;
    let ids = stmt
        .query_map(params![MANUAL_PLATFORM, prefix], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids
        .iter()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchRow {
    pub id: i64,
    pub file_name: String,
    pub channel: String,
    pub order_count: i64,
    pub line_count: i64,
    pub created_at: DateTime<Utc>,
}

pub fn create(
    conn: &Connection,
    file_name: &str,
    channel: &str,
    order_count: i64,
    line_count: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO order_batches (file_name, channel, order_count, line_count, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![file_name, channel, order_count, line_count, fmt_utc(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_batch(conn: &Connection, order_pk: i64, batch_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE orders SET batch_id = ?2 WHERE id = ?1",
        params![order_pk, batch_id],
    )?;
    Ok(())
}

fn batch_from(r: &rusqlite::Row) -> rusqlite::Result<BatchRow> {
    Ok(BatchRow {
        id: r.get(0)?,
        file_name: r.get(1)?,
        channel: r.get(2)?,
        order_count: r.get(3)?,
        line_count: r.get(4)?,
        created_at: r
            .get::<_, String>(5)
            .map(|s| parse_utc(&s).unwrap_or_default())?,
    })
}

const BATCH_COLUMNS: &str = "id, file_name, channel, order_count, line_count, created_at";

/// Every batch, newest first.
pub fn list(conn: &Connection) -> Result<Vec<BatchRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {BATCH_COLUMNS} FROM order_batches ORDER BY id DESC"
    ))?;
    let rows = stmt
        .query_map([], batch_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<BatchRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {BATCH_COLUMNS} FROM order_batches WHERE id = ?1"),
            [id],
            batch_from,
        )
        .optional()?)
}

/// An order of a batch with the parcel it is in and how far that parcel got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchOrder {
    pub order_pk: i64,
    pub order_id: String,
    pub parcel_id: Option<i64>,
    pub stage: Option<String>,
    pub tracking_no: Option<String>,
    pub print_count: u32,
}

pub fn orders_of(conn: &Connection, batch_id: i64) -> Result<Vec<BatchOrder>> {
    let mut stmt = conn.prepare(
        "SELECT o.id, o.order_id, p.id, p.stage, p.tracking_no, COALESCE(p.print_count, 0)
         FROM orders o
         LEFT JOIN parcel_orders po ON po.order_id = o.id
         LEFT JOIN parcels p ON p.id = po.parcel_id
         WHERE o.batch_id = ?1 ORDER BY o.id",
    )?;
    let rows = stmt
        .query_map([batch_id], |r| {
            Ok(BatchOrder {
                order_pk: r.get(0)?,
                order_id: r.get(1)?,
                parcel_id: r.get(2)?,
                stage: r.get(3)?,
                tracking_no: r.get(4)?,
                print_count: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Deletes one order with its lines and receiver (the caller detached it from its parcel and
/// gave back its stock first).
pub fn delete_order(conn: &Connection, order_pk: i64) -> Result<()> {
    conn.execute("DELETE FROM parcel_orders WHERE order_id = ?1", [order_pk])?;
    conn.execute("DELETE FROM orders WHERE id = ?1", [order_pk])?;
    Ok(())
}

/// Deletes a parcel left without orders and never numbered, with the 확인필요 pairs naming it.
pub fn delete_empty_parcel(conn: &Connection, parcel_id: i64) -> Result<bool> {
    let empty: bool = conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM parcel_orders WHERE parcel_id = ?1)",
        [parcel_id],
        |r| r.get(0),
    )?;
    if !empty {
        return Ok(false);
    }
    conn.execute(
        "DELETE FROM merge_reviews WHERE parcel_a = ?1 OR parcel_b = ?1",
        [parcel_id],
    )?;
    Ok(conn.execute(
        "DELETE FROM parcels WHERE id = ?1 AND tracking_no IS NULL AND print_count = 0",
        [parcel_id],
    )? == 1)
}

pub fn delete_batch(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM order_batches WHERE id = ?1", [id])?;
    Ok(())
}
