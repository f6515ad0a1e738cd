//! FASSTO FMS: goods linked to our SKUs and one outbound request per parcel.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc};

#[derive(Clone, Debug, PartialEq)]
pub struct GoodsRow {
    pub cst_god_cd: String,
    pub god_cd: String,
    pub name: String,
    pub barcode: String,
    pub variant_id: Option<i64>,
    /// The linked SKU, when there is one.
    pub sku: Option<String>,
    pub stock: i64,
}

/// Records FASSTO goods. A goods code equal to one of our SKUs, 품목코드 or barcodes links itself;
/// a link a person set is kept.
pub fn upsert_goods(
    conn: &Connection,
    cst_god_cd: &str,
    god_cd: &str,
    name: &str,
    barcode: &str,
    stock: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO fms_goods (cst_god_cd, god_cd, name, barcode, stock, synced_at, variant_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                 (SELECT id FROM variants WHERE sku = ?1 OR variant_code = ?1
                     OR (barcode IS NOT NULL AND barcode <> '' AND barcode = ?4) LIMIT 1))
         ON CONFLICT(cst_god_cd) DO UPDATE SET god_cd = excluded.god_cd, name = excluded.name,
             barcode = excluded.barcode, stock = excluded.stock, synced_at = excluded.synced_at,
             variant_id = COALESCE(fms_goods.variant_id, excluded.variant_id)",
    )?;
    stmt.execute(params![
        cst_god_cd,
        god_cd,
        name,
        barcode,
        stock,
        fmt_utc(now)
    ])?;
    Ok(())
}

/// Links a FASSTO goods code to a SKU by hand. False when the goods code is unknown.
pub fn link(conn: &Connection, cst_god_cd: &str, variant_id: i64) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE fms_goods SET variant_id = ?2 WHERE cst_god_cd = ?1",
        params![cst_god_cd, variant_id],
    )? == 1)
}

pub fn goods(conn: &Connection) -> Result<Vec<GoodsRow>> {
    let mut stmt = conn.prepare(
        "SELECT g.cst_god_cd, g.god_cd, g.name, g.barcode, g.variant_id, v.sku, g.stock
         FROM fms_goods g LEFT JOIN variants v ON v.id = g.variant_id ORDER BY g.cst_god_cd",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(GoodsRow {
                cst_god_cd: r.get(0)?,
                god_cd: r.get(1)?,
                name: r.get(2)?,
                barcode: r.get(3)?,
                variant_id: r.get(4)?,
                sku: r.get(5)?,
                stock: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The FASSTO goods code of a SKU.
pub fn goods_code_of(conn: &Connection, variant_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT cst_god_cd FROM fms_goods WHERE variant_id = ?1 ORDER BY cst_god_cd LIMIT 1",
            [variant_id],
            |r| r.get(0),
        )
        .optional()?)
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutboundRow {
    pub parcel_id: i64,
    pub ord_no: String,
    pub slip_no: Option<String>,
    pub status: String,
    pub invoice_no: Option<String>,
    pub parcel_cd: Option<String>,
    pub error: Option<String>,
}

fn outbound_from(r: &rusqlite::Row) -> rusqlite::Result<OutboundRow> {
    Ok(OutboundRow {
        parcel_id: r.get(0)?,
        ord_no: r.get(1)?,
        slip_no: r.get(2)?,
        status: r.get(3)?,
        invoice_no: r.get(4)?,
        parcel_cd: r.get(5)?,
        error: r.get(6)?,
    })
}

const OUTBOUND_COLUMNS: &str = "parcel_id, ord_no, slip_no, status, invoice_no, parcel_cd, error";

/// Records a request before it is sent (status `sending`), so a crash between sending and
/// recording is seen as "ask FMS first", never as "send again".
pub fn begin_outbound(
    conn: &Connection,
    parcel_id: i64,
    ord_no: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO fms_outbounds (parcel_id, ord_no, status, requested_at, updated_at)
         VALUES (?1, ?2, 'sending', ?3, ?3)
         ON CONFLICT(parcel_id) DO UPDATE SET status = 'sending', error = NULL, updated_at = excluded.updated_at",
        params![parcel_id, ord_no, fmt_utc(now)],
    )?;
    Ok(())
}

pub fn set_outbound(
    conn: &Connection,
    parcel_id: i64,
    status: &str,
    slip_no: Option<&str>,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE fms_outbounds SET status = ?2, slip_no = COALESCE(?3, slip_no), error = ?4, updated_at = ?5
         WHERE parcel_id = ?1",
        params![parcel_id, status, slip_no, error, fmt_utc(now)],
    )?;
    Ok(())
}

pub fn set_invoice(
    conn: &Connection,
    parcel_id: i64,
    invoice_no: &str,
    parcel_cd: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE fms_outbounds SET status = 'shipped', invoice_no = ?2, parcel_cd = ?3, updated_at = ?4
         WHERE parcel_id = ?1",
        params![parcel_id, invoice_no, parcel_cd, fmt_utc(now)],
    )?;
    Ok(())
}

/// Requests FASSTO still works on (not shipped, cancelled or failed).
pub fn open_outbounds(conn: &Connection) -> Result<Vec<OutboundRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {OUTBOUND_COLUMNS} FROM fms_outbounds
         WHERE status NOT IN ('shipped', 'cancelled', 'failed') ORDER BY parcel_id"
    ))?;
    let rows = stmt
        .query_map([], outbound_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn all_outbounds(conn: &Connection) -> Result<Vec<OutboundRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {OUTBOUND_COLUMNS} FROM fms_outbounds ORDER BY parcel_id"
    ))?;
    let rows = stmt
        .query_map([], outbound_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Drops a request FASSTO never received (its answer was lost before it arrived).
pub fn forget_outbound(conn: &Connection, parcel_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM fms_outbounds WHERE parcel_id = ?1",
        [parcel_id],
    )?;
    Ok(())
}
