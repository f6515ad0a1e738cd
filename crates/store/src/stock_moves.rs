//! Stock movements that allocation and manual counts make, each written to `stock_ledger` in the
//! same statement group: `allocate`/`release` move `stock.allocated`, `adjust` moves `on_hand`.
//! So for a SKU: on_hand = Σ delta of every kind but allocate/release, and
//! allocated = Σ delta of allocate, release and ship (shipping takes allocated stock out).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc};

/// Reserves (`delta` > 0, ledger `allocate`) or gives back (`delta` < 0, ledger `release`) stock.
/// The CHECKs on `stock` refuse going below zero or above on_hand; a SKU without a stock row has
/// nothing to reserve and is left alone.
pub fn reserve(
    conn: &Connection,
    variant_id: i64,
    delta: i64,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if delta == 0 {
        return Ok(());
    }
    let mut current = conn.prepare_cached("SELECT allocated FROM stock WHERE variant_id = ?1")?;
    let Some(allocated): Option<i64> = current.query_row([variant_id], |r| r.get(0)).optional()?
    else {
        return Ok(());
    };
    // Giving back more than is held (a bundle redefined between taking and giving back) stops
    // at zero, and the ledger records what really moved.
    let delta = delta.max(-allocated);
    if delta == 0 {
        return Ok(());
    }
    let mut update =
        conn.prepare_cached("UPDATE stock SET allocated = allocated + ?2 WHERE variant_id = ?1")?;
    update.execute(params![variant_id, delta])?;
    let kind = if delta > 0 { "allocate" } else { "release" };
    write_ledger(conn, variant_id, delta, kind, Some(reference), now)
}

/// A manual count: on_hand becomes `on_hand` (ledger `adjust` with the reason). Returns the old count.
pub fn set_count(
    conn: &Connection,
    variant_id: i64,
    on_hand: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let old: i64 = conn
        .query_row(
            "SELECT on_hand FROM stock WHERE variant_id = ?1",
            [variant_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    conn.execute(
        "INSERT INTO stock (variant_id, on_hand, allocated) VALUES (?1, ?2, 0)
         ON CONFLICT(variant_id) DO UPDATE SET on_hand = excluded.on_hand",
        params![variant_id, on_hand],
    )?;
    if on_hand != old {
        write_ledger(conn, variant_id, on_hand - old, "adjust", Some(reason), now)?;
    }
    Ok(old)
}

fn write_ledger(
    conn: &Connection,
    variant_id: i64,
    delta: i64,
    kind: &str,
    reference: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO stock_ledger (variant_id, delta, kind, ref, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    stmt.execute(params![variant_id, delta, kind, reference, fmt_utc(now)])?;
    Ok(())
}

/// (on_hand, allocated) of every SKU with a stock row.
pub fn levels(conn: &Connection) -> Result<std::collections::HashMap<i64, (i64, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT variant_id, on_hand, allocated FROM stock")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<std::collections::HashMap<_, _>>>()?;
    Ok(rows)
}

/// One SKU's stock as the 할당 screen lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockRow {
    pub variant_id: i64,
    pub sku: String,
    pub product_name: String,
    pub option_text: String,
    pub on_hand: i64,
    pub allocated: i64,
}

/// SKUs whose SKU code, product name or option contains `query` ('' = all), by SKU, at most `limit`.
pub fn list(conn: &Connection, query: &str, limit: u32) -> Result<Vec<StockRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.sku, p.name, v.option_text, COALESCE(s.on_hand, 0), COALESCE(s.allocated, 0)
         FROM variants v JOIN products p ON p.id = v.product_id
         LEFT JOIN stock s ON s.variant_id = v.id
         WHERE ?1 = '' OR instr(v.sku, ?1) > 0 OR instr(p.name, ?1) > 0 OR instr(v.option_text, ?1) > 0
         ORDER BY v.sku LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![query, limit], |r| {
            Ok(StockRow {
                variant_id: r.get(0)?,
                sku: r.get(1)?,
                product_name: r.get(2)?,
                option_text: r.get(3)?,
                on_hand: r.get(4)?,
                allocated: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One ledger movement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerRow {
    pub id: i64,
    pub delta: i64,
    pub kind: String,
    pub reference: Option<String>,
    pub at: String,
}

/// The newest `limit` movements of a SKU, newest first.
pub fn ledger(conn: &Connection, variant_id: i64, limit: u32) -> Result<Vec<LedgerRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, delta, kind, ref, at FROM stock_ledger WHERE variant_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![variant_id, limit], |r| {
            Ok(LedgerRow {
                id: r.get(0)?,
                delta: r.get(1)?,
                kind: r.get(2)?,
                reference: r.get(3)?,
                at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Per SKU: (Σ on_hand movements, Σ allocated movements) as the module doc defines them.
pub fn ledger_sums(conn: &Connection) -> Result<std::collections::HashMap<i64, (i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT variant_id,
                SUM(CASE WHEN kind IN ('allocate', 'release') THEN 0 ELSE delta END),
                SUM(CASE WHEN kind IN ('allocate', 'release', 'ship') THEN delta ELSE 0 END)
         FROM stock_ledger GROUP BY variant_id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<std::collections::HashMap<_, _>>>()?;
    Ok(rows)
}
