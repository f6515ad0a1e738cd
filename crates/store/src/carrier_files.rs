//! The carrier-file route (송장 파일): what an export wrote, and every row of a carrier's file of
//! tracking numbers with its 예상처리결과 / 실패사유, kept so a preview can be confirmed later.
//!
//! Reads of the working list come in pages keyed by parcel id, so a 100,000-row export holds one
//! page in memory at a time and never keeps the connection for the whole file.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::orders::ReceiverIn;
use crate::{Result, fmt_utc, parse_utc};

/// One line of an exported parcel, with the order it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportLine {
    pub order_id: String,
    pub ordered: Option<DateTime<Utc>>,
    pub product_name: String,
    pub option_text: String,
    pub quantity: i64,
}

/// A parcel of the working list with what a carrier's file needs of it.
#[derive(Clone, Debug)]
pub struct ExportParcel {
    pub id: i64,
    pub stage: String,
    pub carrier: String,
    pub tracking_no: Option<String>,
    /// The receiver of the parcel's first order (all its orders share one: that is merging).
    pub receiver: Option<ReceiverIn>,
    pub lines: Vec<ExportLine>,
}

/// How many parcels the working list has (the 연번 run 1..=N).
pub fn working_count(conn: &Connection) -> Result<u32> {
    Ok(
        conn.query_row("SELECT COUNT(*) FROM parcels WHERE archived = 0", [], |r| {
            r.get(0)
        })?,
    )
}

/// Up to `limit` working-list parcels after parcel id `after`, in list order, with their lines
/// and receiver.
pub fn working_page(conn: &Connection, after: i64, limit: u32) -> Result<Vec<ExportParcel>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, stage, carrier, tracking_no FROM parcels
         WHERE archived = 0 AND id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let mut page = stmt
        .query_map(params![after, limit], |r| {
            Ok(ExportParcel {
                id: r.get(0)?,
                stage: r.get(1)?,
                carrier: r.get(2)?,
                tracking_no: r.get(3)?,
                receiver: None,
                lines: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (Some(first), Some(last)) = (page.first().map(|p| p.id), page.last().map(|p| p.id)) else {
        return Ok(page);
    };
    let mut lines = conn.prepare_cached(
        "SELECT po.parcel_id, o.order_id, COALESCE(o.order_date, o.payment_date), i.product_name,
                i.option_text, i.quantity, r.name, r.phone, r.mobile, r.zipcode, r.address1,
                r.address2, r.message, r.shipping_code, r.country_code
         FROM parcel_orders po
         JOIN orders o ON o.id = po.order_id
         JOIN order_items i ON i.order_id = o.id
              AND (i.parcel_id IS NULL OR i.parcel_id = po.parcel_id)
         LEFT JOIN receivers r ON r.order_id = o.id
         WHERE po.parcel_id BETWEEN ?1 AND ?2
         ORDER BY po.parcel_id, o.id, i.id",
    )?;
    let mut rows = lines.query(params![first, last])?;
    // Both queries walk parcel ids upwards, so the lines are merged into the page in one pass.
    let mut at = 0;
    while let Some(r) = rows.next()? {
        let parcel_id: i64 = r.get(0)?;
        while at < page.len() && page[at].id < parcel_id {
            at += 1;
        }
        let Some(p) = page.get_mut(at).filter(|p| p.id == parcel_id) else {
            // A parcel archived between the two reads: not part of this page.
            continue;
        };
        if p.receiver.is_none() {
            p.receiver = match r.get::<_, Option<String>>(6)? {
                Some(name) => Some(ReceiverIn {
                    name,
                    phone: r.get(7)?,
                    mobile: r.get(8)?,
                    zipcode: r.get(9)?,
                    address1: r.get(10)?,
                    address2: r.get(11)?,
                    message: r.get(12)?,
                    shipping_code: r.get(13)?,
                    country_code: r.get(14)?,
                }),
                None => None,
            };
        }
        p.lines.push(ExportLine {
            order_id: r.get(1)?,
            ordered: r
                .get::<_, Option<String>>(2)?
                .as_deref()
                .and_then(parse_utc),
            product_name: r.get(3)?,
            option_text: r.get(4)?,
            quantity: r.get(5)?,
        });
    }
    Ok(page)
}

pub struct NewExport<'a> {
    pub carrier: &'a str,
    pub layout: &'a str,
    pub format: &'a str,
    pub file_name: &'a str,
}

/// Records a written file and the parcels in it.
pub fn record_export(
    conn: &Connection,
    export: &NewExport,
    parcel_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO carrier_exports (carrier, layout, format, file_name, rows, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            export.carrier,
            export.layout,
            export.format,
            export.file_name,
            parcel_ids.len() as i64,
            fmt_utc(now)
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO carrier_export_parcels (export_id, parcel_id) VALUES (?1, ?2)",
    )?;
    for p in parcel_ids {
        stmt.execute(params![id, p])?;
    }
    Ok(id)
}

/// The carrier of the latest file a parcel was exported in.
pub fn exported_carrier(conn: &Connection, parcel_id: i64) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.carrier FROM carrier_export_parcels ep
         JOIN carrier_exports e ON e.id = ep.export_id
         WHERE ep.parcel_id = ?1 ORDER BY ep.export_id DESC LIMIT 1",
    )?;
    Ok(stmt.query_row([parcel_id], |r| r.get(0)).optional()?)
}

/// The parcels holding an order with this shop order id (any shop; normally one).
pub fn parcels_of_order(conn: &Connection, order_id: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT po.parcel_id FROM orders o
         JOIN parcel_orders po ON po.order_id = o.id
         WHERE o.order_id = ?1 ORDER BY po.parcel_id",
    )?;
    let rows = stmt
        .query_map([order_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The parcel the invoice pool tied `number` to (Some(None) when it is in the pool unused).
pub fn pool_holder(conn: &Connection, number: &str) -> Result<Option<Option<i64>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT parcel_id FROM invoice_pool WHERE number = ?1 ORDER BY seq LIMIT 1",
    )?;
    Ok(stmt.query_row([number], |r| r.get(0)).optional()?)
}

/// Marks an unused pool number as taken by `parcel_id`, so the pool never hands it out again
/// after it came in through a carrier file. False when it is not a free pool number.
pub fn take_pool_number(
    conn: &Connection,
    number: &str,
    parcel_id: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "UPDATE invoice_pool SET parcel_id = ?2, used_at = ?3 WHERE number = ?1 AND parcel_id IS NULL",
    )?;
    Ok(stmt.execute(params![number, parcel_id, fmt_utc(now)])? > 0)
}

pub const IMPORT_READING: &str = "reading";
pub const IMPORT_PREVIEW: &str = "preview";
pub const IMPORT_APPLIED: &str = "applied";
pub const IMPORT_FAILED: &str = "failed";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportHead {
    pub id: i64,
    pub file_name: String,
    pub format: String,
    pub carrier: Option<String>,
    pub status: String,
    pub created_at: Option<DateTime<Utc>>,
    pub applied_at: Option<DateTime<Utc>>,
}

pub fn create_import(
    conn: &Connection,
    file_name: &str,
    format: &str,
    carrier: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO carrier_imports (file_name, format, carrier, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![file_name, format, carrier, IMPORT_READING, fmt_utc(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn import(conn: &Connection, id: i64) -> Result<Option<ImportHead>> {
    Ok(conn
        .query_row(
            "SELECT id, file_name, format, carrier, status, created_at, applied_at
             FROM carrier_imports WHERE id = ?1",
            [id],
            |r| {
                Ok(ImportHead {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    format: r.get(2)?,
                    carrier: r.get(3)?,
                    status: r.get(4)?,
                    created_at: r
                        .get::<_, Option<String>>(5)?
                        .as_deref()
                        .and_then(parse_utc),
                    applied_at: r
                        .get::<_, Option<String>>(6)?
                        .as_deref()
                        .and_then(parse_utc),
                })
            },
        )
        .optional()?)
}

/// Moves an import from `from` to `to` (false when it is not at `from`: applied twice, …).
pub fn set_import_status(
    conn: &Connection,
    id: i64,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let applied_at = (to == IMPORT_APPLIED).then(|| fmt_utc(now));
    Ok(conn.execute(
        "UPDATE carrier_imports SET status = ?3, applied_at = COALESCE(?4, applied_at)
         WHERE id = ?1 AND status = ?2",
        params![id, from, to, applied_at],
    )? == 1)
}

/// Removes an import that could not be read to the end (its rows go with it).
pub fn delete_import(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM carrier_import_rows WHERE import_id = ?1", [id])?;
    conn.execute("DELETE FROM carrier_imports WHERE id = ?1", [id])?;
    Ok(())
}

/// One row of a carrier's file and what reading it decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportRow {
    pub row_no: u32,
    pub key_text: String,
    pub raw_number: String,
    pub tracking_no: String,
    pub parcel_id: Option<i64>,
    pub carrier: Option<String>,
    pub outcome: String,
    pub code: Option<String>,
    pub reason_en: Option<String>,
    pub reason_ko: Option<String>,
}

const ROW_COLUMNS: &str = "row_no, key_text, raw_number, tracking_no, parcel_id, carrier, outcome, code, \
                           reason_en, reason_ko";

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<ImportRow> {
    Ok(ImportRow {
        row_no: r.get(0)?,
        key_text: r.get(1)?,
        raw_number: r.get(2)?,
        tracking_no: r.get(3)?,
        parcel_id: r.get(4)?,
        carrier: r.get(5)?,
        outcome: r.get(6)?,
        code: r.get(7)?,
        reason_en: r.get(8)?,
        reason_ko: r.get(9)?,
    })
}

pub fn insert_row(conn: &Connection, import_id: i64, row: &ImportRow) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO carrier_import_rows (import_id, {ROW_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))?;
    stmt.execute(params![
        import_id,
        row.row_no,
        row.key_text,
        row.raw_number,
        row.tracking_no,
        row.parcel_id,
        row.carrier,
        row.outcome,
        row.code,
        row.reason_en,
        row.reason_ko
    ])?;
    Ok(())
}

/// Rewrites a row's outcome (a later row turned it into a duplicate; applying decided it).
pub fn set_outcome(conn: &Connection, import_id: i64, row: &ImportRow) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE carrier_import_rows
         SET parcel_id = ?3, carrier = ?4, outcome = ?5, code = ?6, reason_en = ?7, reason_ko = ?8
         WHERE import_id = ?1 AND row_no = ?2",
    )?;
    stmt.execute(params![
        import_id,
        row.row_no,
        row.parcel_id,
        row.carrier,
        row.outcome,
        row.code,
        row.reason_en,
        row.reason_ko
    ])?;
    Ok(())
}

/// Earlier rows of the same file with this number or this parcel (duplicates in the file).
pub fn rows_sharing(
    conn: &Connection,
    import_id: i64,
    tracking_no: &str,
    parcel_id: Option<i64>,
) -> Result<Vec<ImportRow>> {
    // Two indexed lookups, sorted here: an OR over both columns, or an ORDER BY row_no, makes
    // SQLite walk the whole import for every row read (quadratic on a 100,000-row file).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM carrier_import_rows
         WHERE import_id = ?1 AND tracking_no = ?2 AND ?2 <> ''
         UNION
         SELECT {ROW_COLUMNS} FROM carrier_import_rows
         WHERE import_id = ?1 AND parcel_id = ?3"
    ))?;
    let mut rows = stmt
        .query_map(params![import_id, tracking_no, parcel_id], row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.sort_by_key(|r| r.row_no);
    Ok(rows)
}

/// Rows after `after_row`, in file order, optionally only the failed ones.
pub fn rows(
    conn: &Connection,
    import_id: i64,
    after_row: u32,
    limit: u32,
    failed_only: bool,
) -> Result<Vec<ImportRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM carrier_import_rows
         WHERE import_id = ?1 AND row_no > ?2 AND (?4 = 0 OR outcome = 'failed')
         ORDER BY row_no LIMIT ?3"
    ))?;
    let rows = stmt
        .query_map(params![import_id, after_row, limit, failed_only], row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// (outcome, failure code or "", rows) of an import.
pub fn outcome_counts(conn: &Connection, import_id: i64) -> Result<Vec<(String, String, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT outcome, COALESCE(code, ''), COUNT(*) FROM carrier_import_rows
         WHERE import_id = ?1 GROUP BY outcome, COALESCE(code, '') ORDER BY outcome, 2",
    )?;
    let rows = stmt
        .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// 연번 of a parcel in today's list; None once it left the list (shipped on an earlier day).
pub fn list_position(conn: &Connection, parcel_id: i64) -> Result<Option<u32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT (SELECT COUNT(*) FROM parcels q WHERE q.archived = 0 AND q.id <= p.id)
         FROM parcels p WHERE p.id = ?1 AND p.archived = 0",
    )?;
    Ok(stmt.query_row([parcel_id], |r| r.get(0)).optional()?)
}
