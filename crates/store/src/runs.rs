//! The history of collection runs, so the desk shows the last result of every shop and connector.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{Result, fmt_utc, parse_utc};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunCounts {
    pub new_orders: i64,
    pub updated: i64,
    pub claimed: i64,
    pub failed: i64,
    pub skipped: i64,
    pub api_calls: i64,
    pub throttled: i64,
}

#[derive(Clone, Debug)]
pub struct RunRow {
    pub id: i64,
    pub target: String,
    pub trigger: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// running | ok | failed | paused
    pub status: String,
    pub counts: RunCounts,
    pub error_code: Option<String>,
    /// Korean, as the desk shows it.
    pub error_message: Option<String>,
    pub error_message_en: Option<String>,
    /// JSON array written by the collector.
    pub failures: String,
}

const COLUMNS: &str = "id, target, trigger, started_at, finished_at, status, new_orders, updated, claimed, \
                       failed, skipped, api_calls, throttled, error_code, error_message, failures, \
                       error_message_en";

fn from_row(r: &Row) -> rusqlite::Result<RunRow> {
    Ok(RunRow {
        id: r.get(0)?,
        target: r.get(1)?,
        trigger: r.get(2)?,
        started_at: parse_utc(&r.get::<_, String>(3)?).unwrap_or_default(),
        finished_at: r
            .get::<_, Option<String>>(4)?
            .as_deref()
            .and_then(parse_utc),
        status: r.get(5)?,
        counts: RunCounts {
            new_orders: r.get(6)?,
            updated: r.get(7)?,
            claimed: r.get(8)?,
            failed: r.get(9)?,
            skipped: r.get(10)?,
            api_calls: r.get(11)?,
            throttled: r.get(12)?,
        },
        error_code: r.get(13)?,
        error_message: r.get(14)?,
        failures: r.get(15)?,
        error_message_en: r.get(16)?,
    })
}

pub fn start(conn: &Connection, target: &str, trigger: &str, now: DateTime<Utc>) -> Result<i64> {
    conn.execute(
        "INSERT INTO collect_runs (target, trigger, started_at, status) VALUES (?1, ?2, ?3, 'running')",
        params![target, trigger, fmt_utc(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub struct Finish<'a> {
    pub status: &'a str,
    pub counts: &'a RunCounts,
    /// (code, Korean message, English message)
    pub error: Option<(&'a str, &'a str, &'a str)>,
    pub failures_json: &'a str,
}

pub fn finish(conn: &Connection, id: i64, f: &Finish, now: DateTime<Utc>) -> Result<()> {
    let c = f.counts;
    conn.execute(
        "UPDATE collect_runs SET finished_at = ?2, status = ?3, new_orders = ?4, updated = ?5, claimed = ?6,
                failed = ?7, skipped = ?8, api_calls = ?9, throttled = ?10, error_code = ?11,
                error_message = ?12, failures = ?13, error_message_en = ?14
         WHERE id = ?1",
        params![
            id,
            fmt_utc(now),
            f.status,
            c.new_orders,
            c.updated,
            c.claimed,
            c.failed,
            c.skipped,
            c.api_calls,
            c.throttled,
            f.error.map(|e| e.0),
            f.error.map(|e| e.1),
            f.failures_json,
            f.error.map(|e| e.2)
        ],
    )?;
    Ok(())
}

/// The most recent run of a target (finished or not).
pub fn last(conn: &Connection, target: &str) -> Result<Option<RunRow>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM collect_runs WHERE target = ?1 ORDER BY id DESC LIMIT 1"
            ),
            [target],
            from_row,
        )
        .optional()?)
}
