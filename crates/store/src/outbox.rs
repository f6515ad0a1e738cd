//! The outbox: what Packdesk owes remote systems, written in the same transaction as the change
//! that owes it, delivered later by a worker, exactly once.
//!
//! A row is `pending` until a delivery attempt starts; the attempt is committed as `inflight`
//! *before* the request leaves, so after a crash or a lost response the worker knows it must first
//! ask the remote side whether the item already arrived, instead of sending it again.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::{Result, fmt_utc};

#[derive(Clone, Debug)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub shop_id: i64,
    pub parcel_id: Option<i64>,
    pub key: String,
    pub payload: String,
    pub status: String,
    pub attempts: u32,
}

pub struct NewItem<'a> {
    pub kind: &'a str,
    pub shop_id: i64,
    pub parcel_id: Option<i64>,
    pub key: &'a str,
    pub payload: &'a str,
}

/// Queues an item. Returns false when an item with the same idempotency key already exists.
pub fn enqueue(conn: &Connection, item: &NewItem, now: DateTime<Utc>) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO outbox (kind, shop_id, parcel_id, idempotency_key, payload, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?;
    let n = stmt.execute(params![
        item.kind,
        item.shop_id,
        item.parcel_id,
        item.key,
        item.payload,
        fmt_utc(now)
    ])?;
    Ok(n == 1)
}

/// Items due for delivery (pending or inflight whose retry time has come), oldest first.
pub fn due(conn: &Connection, now: DateTime<Utc>, limit: u32) -> Result<Vec<OutboxRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, shop_id, parcel_id, idempotency_key, payload, status, attempts FROM outbox
         WHERE status IN ('pending', 'inflight') AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![fmt_utc(now), limit], |r| {
            Ok(OutboxRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                shop_id: r.get(2)?,
                parcel_id: r.get(3)?,
                key: r.get(4)?,
                payload: r.get(5)?,
                status: r.get(6)?,
                attempts: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Claims a due item for one delivery attempt: only if nobody else (another sync in this or another
/// process) claimed it since `row` was read. The item is held until `hold_until`.
pub fn claim(conn: &Connection, row: &OutboxRow, hold_until: DateTime<Utc>) -> Result<bool> {
    let n = conn.execute(
        "UPDATE outbox SET status = 'inflight', attempts = attempts + 1, next_attempt_at = ?4
         WHERE id = ?1 AND status = ?2 AND attempts = ?3",
        params![row.id, row.status, row.attempts, fmt_utc(hold_until)],
    )?;
    Ok(n == 1)
}

pub fn mark_sent(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE outbox SET status = 'sent', sent_at = ?2, last_error = NULL WHERE id = ?1",
        params![id, fmt_utc(now)],
    )?;
    Ok(())
}

/// The outcome of the attempt is unknown (network error): keep it inflight, verify at `retry_at`.
pub fn defer_inflight(
    conn: &Connection,
    id: i64,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE outbox SET last_error = ?2, next_attempt_at = ?3 WHERE id = ?1",
        params![id, error, fmt_utc(retry_at)],
    )?;
    Ok(())
}

/// The remote side refused the item for good: keep it for a person to look at.
pub fn mark_failed(conn: &Connection, id: i64, error: &str) -> Result<()> {
    conn.execute(
        "UPDATE outbox SET status = 'failed', last_error = ?2 WHERE id = ?1",
        params![id, error],
    )?;
    Ok(())
}

pub fn pending_count(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'inflight')",
        [],
        |r| r.get(0),
    )?)
}

pub fn failed(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT payload, COALESCE(last_error, '') FROM outbox WHERE status = 'failed' ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
