//! When each connector collects (a timetable as JSON, owned by packdesk-schedule) and the days off
//! the owner adds beyond the public-holiday file.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc};

/// The schedule key of a Cafe24 shop.
pub fn shop_target(shop_id: i64) -> String {
    format!("shop:{shop_id}")
}

/// The schedule key of the FASSTO FMS connector.
pub const FASSTO_TARGET: &str = "fassto";

pub fn get(conn: &Connection, target: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT timetable FROM schedules WHERE target = ?1",
            [target],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set(
    conn: &Connection,
    target: &str,
    timetable_json: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO schedules (target, timetable, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(target) DO UPDATE SET timetable = excluded.timetable, updated_at = excluded.updated_at",
        params![target, timetable_json, fmt_utc(now)],
    )?;
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayOff {
    pub day: NaiveDate,
    /// `holiday` (a temporary holiday of the shop) or `carrier_rest` (택배 없는 날 …).
    pub kind: String,
    pub name: String,
}

pub fn days_off(conn: &Connection) -> Result<Vec<DayOff>> {
    let mut stmt = conn.prepare("SELECT day, kind, name FROM calendar_days ORDER BY day, kind")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(day, kind, name)| {
            let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?;
            Some(DayOff { day, kind, name })
        })
        .collect())
}

pub fn add_day_off(conn: &Connection, d: &DayOff) -> Result<()> {
    conn.execute(
        "INSERT INTO calendar_days (day, kind, name) VALUES (?1, ?2, ?3)
         ON CONFLICT(day, kind) DO UPDATE SET name = excluded.name",
        params![d.day.format("%Y-%m-%d").to_string(), d.kind, d.name],
    )?;
    Ok(())
}

pub fn remove_day_off(conn: &Connection, day: NaiveDate, kind: &str) -> Result<bool> {
    let n = conn.execute(
        "DELETE FROM calendar_days WHERE day = ?1 AND kind = ?2",
        params![day.format("%Y-%m-%d").to_string(), kind],
    )?;
    Ok(n == 1)
}
