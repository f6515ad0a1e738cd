//! Invoice-number pools: blocks of pre-issued carrier numbers, so the desk prints offline.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc};

pub struct Carrier {
    pub code: String,
    pub name: String,
    pub cafe24_code: Option<String>,
}

pub fn carrier(conn: &Connection, code: &str) -> Result<Option<Carrier>> {
    Ok(conn
        .query_row(
            "SELECT code, name, cafe24_code FROM carriers WHERE code = ?1",
            [code],
            |r| {
                Ok(Carrier {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    cafe24_code: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Adds numbers in the given order; numbers already in the pool are skipped. Returns how many were new.
pub fn add(
    conn: &Connection,
    carrier: &str,
    numbers: &[String],
    now: DateTime<Utc>,
) -> Result<u32> {
    let mut seq: i64 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM invoice_pool WHERE carrier = ?1",
        [carrier],
        |r| r.get(0),
    )?;
    let now_s = fmt_utc(now);
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO invoice_pool (carrier, number, seq, added_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut added = 0;
    for n in numbers {
        seq += 1;
        added += stmt.execute(params![carrier, n, seq, now_s])? as u32;
    }
    Ok(added)
}

/// Takes the next free number for `parcel_id`, or None when the pool is empty.
pub fn take_next(
    conn: &Connection,
    carrier: &str,
    parcel_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let next: Option<String> = conn
        .query_row(
            "SELECT number FROM invoice_pool WHERE carrier = ?1 AND parcel_id IS NULL ORDER BY seq LIMIT 1",
            [carrier],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(number) = &next {
        conn.execute(
            "UPDATE invoice_pool SET parcel_id = ?3, used_at = ?4 WHERE carrier = ?1 AND number = ?2",
            params![carrier, number, parcel_id, fmt_utc(now)],
        )?;
    }
    Ok(next)
}

pub fn remaining(conn: &Connection, carrier: &str) -> Result<u64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM invoice_pool WHERE carrier = ?1 AND parcel_id IS NULL",
        [carrier],
        |r| r.get(0),
    )?)
}

/// Records the shipping_company_code the mall uses for one of our carriers.
pub fn set_cafe24_code(conn: &Connection, carrier: &str, cafe24_code: &str) -> Result<()> {
    conn.execute(
        "UPDATE carriers SET cafe24_code = ?2 WHERE code = ?1",
        rusqlite::params![carrier, cafe24_code],
    )?;
    Ok(())
}

/// Voids a number a reprint replaced: it stays tied to its parcel, so it is never handed out
/// again. Returns false when the number did not come from the pool (imported from a carrier file).
pub fn void(conn: &Connection, carrier: &str, number: &str, now: DateTime<Utc>) -> Result<bool> {
    let n = conn.execute(
        "UPDATE invoice_pool SET voided_at = ?3 WHERE carrier = ?1 AND number = ?2",
        params![carrier, number, fmt_utc(now)],
    )?;
    Ok(n == 1)
}

/// When `number` was voided by a reprint, if it was.
pub fn voided_at(conn: &Connection, number: &str) -> Result<Option<DateTime<Utc>>> {
    let at: Option<Option<String>> = conn
        .query_row(
            "SELECT voided_at FROM invoice_pool WHERE number = ?1 AND voided_at IS NOT NULL",
            [number],
            |r| r.get(0),
        )
        .optional()?;
    Ok(at.flatten().as_deref().and_then(crate::parse_utc))
}
