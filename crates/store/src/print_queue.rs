//! The print queue: jobs, their labels (one item per label, in print order) and the reprint audit.
//!
//! A label item is `pending` until its bytes reached the printer, then `printed`. A job whose
//! printer went away mid-batch is `paused` with the reason; resuming sends its `pending` items
//! in order. Items of a paused job whose parcel another job printed meanwhile become
//! `superseded`, so a resume never prints a parcel twice.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc, parse_utc};

pub const RUNNING: &str = "running";
pub const PAUSED: &str = "paused";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";

pub const ITEM_PENDING: &str = "pending";
pub const ITEM_PRINTED: &str = "printed";
pub const ITEM_SUPERSEDED: &str = "superseded";
pub const ITEM_BLOCKED: &str = "blocked";

pub struct NewJob<'a> {
    pub printer: &'a str,
    pub format: &'a str,
    pub document: &'a str,
    pub range_text: &'a str,
    pub reason: Option<&'a str>,
}

#[derive(Clone, Debug)]
pub struct JobRow {
    pub id: i64,
    pub printer: String,
    pub format: String,
    pub document: String,
    pub range_text: String,
    pub status: String,
    pub error: Option<String>,
    pub paused_code: Option<String>,
    pub paused_reason_ko: Option<String>,
    pub paused_reason_en: Option<String>,
    pub reason: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub total: u32,
    pub printed: u32,
    pub pending: u32,
    pub reprints: u32,
}

#[derive(Clone, Debug)]
pub struct ItemRow {
    pub seq: i64,
    pub parcel_id: i64,
    pub tracking_no: String,
    pub reprint: bool,
    pub status: String,
}

pub fn create_job(conn: &Connection, job: &NewJob, now: DateTime<Utc>) -> Result<i64> {
    conn.execute(
        "INSERT INTO print_jobs (printer, format, document, range_text, reason, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6)",
        params![
            job.printer,
            job.format,
            job.document,
            job.range_text,
            job.reason,
            fmt_utc(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn add_item(
    conn: &Connection,
    job_id: i64,
    seq: i64,
    parcel_id: i64,
    tracking_no: &str,
    reprint: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO print_job_items (job_id, seq, parcel_id, tracking_no, reprint) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![job_id, seq, parcel_id, tracking_no, reprint],
    )?;
    Ok(())
}

/// The label reached the printer: the item is printed, the parcel counts one more print, and
/// the same parcel's label still waiting in a paused job is no longer owed.
pub fn mark_printed(
    conn: &Connection,
    job_id: i64,
    seq: i64,
    parcel_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE print_job_items SET status = 'printed', printed_at = ?3 WHERE job_id = ?1 AND seq = ?2",
        params![job_id, seq, fmt_utc(now)],
    )?;
    conn.execute(
        "UPDATE print_job_items SET status = 'superseded'
         WHERE parcel_id = ?1 AND status = 'pending' AND job_id <> ?2
           AND job_id IN (SELECT id FROM print_jobs WHERE status = 'paused')",
        params![parcel_id, job_id],
    )?;
    crate::parcels::mark_printed(conn, parcel_id, now)?;
    Ok(())
}

/// A piece of paperwork (packing slip, pick list, warranty card) reached the printer: only the
/// job's item is printed; the parcel's own 출력 is its shipping label's.
pub fn mark_item_printed(
    conn: &Connection,
    job_id: i64,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE print_job_items SET status = 'printed', printed_at = ?3 WHERE job_id = ?1 AND seq = ?2",
        params![job_id, seq, fmt_utc(now)],
    )?;
    Ok(())
}

pub fn set_item_status(conn: &Connection, job_id: i64, seq: i64, status: &str) -> Result<()> {
    conn.execute(
        "UPDATE print_job_items SET status = ?3 WHERE job_id = ?1 AND seq = ?2",
        params![job_id, seq, status],
    )?;
    Ok(())
}

/// Ends a job: `done`, or `failed` with the error.
pub fn finish(
    conn: &Connection,
    job_id: i64,
    status: &str,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE print_jobs SET status = ?2, error = ?3, finished_at = ?4,
             paused_code = NULL, paused_reason_ko = NULL, paused_reason_en = NULL
         WHERE id = ?1",
        params![job_id, status, error, fmt_utc(now)],
    )?;
    Ok(())
}

pub fn pause(
    conn: &Connection,
    job_id: i64,
    code: &str,
    reason_ko: &str,
    reason_en: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE print_jobs SET status = 'paused', paused_code = ?2, paused_reason_ko = ?3,
             paused_reason_en = ?4, paused_at = ?5
         WHERE id = ?1",
        params![job_id, code, reason_ko, reason_en, fmt_utc(now)],
    )?;
    Ok(())
}

/// Takes a paused job back to running; false when it is not paused (already resumed, by this
/// or another process), so two resumes never send the same labels.
pub fn claim_paused(conn: &Connection, job_id: i64) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE print_jobs SET status = 'running' WHERE id = ?1 AND status = 'paused'",
        [job_id],
    )? == 1)
}

const JOB_COLUMNS: &str = "j.id, j.printer, j.format, j.document, j.range_text, j.status, j.error,
    j.paused_code, j.paused_reason_ko, j.paused_reason_en, j.reason, j.created_at, j.finished_at,
    (SELECT COUNT(*) FROM print_job_items i WHERE i.job_id = j.id),
    (SELECT COUNT(*) FROM print_job_items i WHERE i.job_id = j.id AND i.status = 'printed'),
    (SELECT COUNT(*) FROM print_job_items i WHERE i.job_id = j.id AND i.status = 'pending'),
    (SELECT COUNT(*) FROM print_job_items i WHERE i.job_id = j.id AND i.reprint = 1)";

fn job_from(r: &rusqlite::Row) -> rusqlite::Result<JobRow> {
    let time = |s: Option<String>| s.as_deref().and_then(parse_utc);
    Ok(JobRow {
        id: r.get(0)?,
        printer: r.get(1)?,
        format: r.get(2)?,
        document: r.get(3)?,
        range_text: r.get(4)?,
        status: r.get(5)?,
        error: r.get(6)?,
        paused_code: r.get(7)?,
        paused_reason_ko: r.get(8)?,
        paused_reason_en: r.get(9)?,
        reason: r.get(10)?,
        created_at: time(r.get(11)?),
        finished_at: time(r.get(12)?),
        total: r.get(13)?,
        printed: r.get(14)?,
        pending: r.get(15)?,
        reprints: r.get(16)?,
    })
}

pub fn job(conn: &Connection, id: i64) -> Result<Option<JobRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {JOB_COLUMNS} FROM print_jobs j WHERE j.id = ?1"),
            [id],
            job_from,
        )
        .optional()?)
}

/// The newest jobs first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<JobRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {JOB_COLUMNS} FROM print_jobs j ORDER BY j.id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit], job_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The items of a job in print order.
pub fn items(conn: &Connection, job_id: i64) -> Result<Vec<ItemRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, parcel_id, tracking_no, reprint, status FROM print_job_items
         WHERE job_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([job_id], |r| {
            Ok(ItemRow {
                seq: r.get(0)?,
                parcel_id: r.get(1)?,
                tracking_no: r.get(2)?,
                reprint: r.get(3)?,
                status: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[derive(Clone, Debug)]
pub struct AuditRow {
    pub id: i64,
    pub job_id: Option<i64>,
    pub parcel_id: i64,
    pub tracking_no_old: String,
    pub tracking_no_new: String,
    pub reason: String,
    /// "same" | "new"
    pub policy: String,
    pub at: Option<DateTime<Utc>>,
}

pub struct NewAudit<'a> {
    pub job_id: i64,
    pub parcel_id: i64,
    pub tracking_no_old: &'a str,
    pub tracking_no_new: &'a str,
    pub reason: &'a str,
    pub policy: &'a str,
}

pub fn add_audit(conn: &Connection, a: &NewAudit, now: DateTime<Utc>) -> Result<i64> {
    conn.execute(
        "INSERT INTO print_audit (job_id, parcel_id, tracking_no_old, tracking_no_new, reason, policy, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            a.job_id,
            a.parcel_id,
            a.tracking_no_old,
            a.tracking_no_new,
            a.reason,
            a.policy,
            fmt_utc(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The newest reprints first.
pub fn audit(conn: &Connection, limit: u32) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, job_id, parcel_id, tracking_no_old, tracking_no_new, reason, policy, at
         FROM print_audit ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                job_id: r.get(1)?,
                parcel_id: r.get(2)?,
                tracking_no_old: r.get(3)?,
                tracking_no_new: r.get(4)?,
                reason: r.get(5)?,
                policy: r.get(6)?,
                at: r.get::<_, String>(7).ok().as_deref().and_then(parse_utc),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
