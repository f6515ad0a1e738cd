//! What the desk weighed and what an international parcel's fee came to, and what it needs to
//! know to price one (destination, the shop's fixed rate and service, the shipping the customer paid).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc};

/// Everything needed to price one parcel, read in one query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeContext {
    pub parcel_id: i64,
    pub shop_id: i64,
    /// The shop's currency (KRW, USD, JPY).
    pub shop_currency: String,
    /// KRW per unit of the shop currency, as the owner typed it.
    pub krw_per_unit: Option<String>,
    pub intl_service: String,
    /// ISO alpha-2 destination; KR when the parcel has no receiver row.
    pub country: String,
    pub postcode: String,
    /// The currency the orders were paid in.
    pub order_currency: String,
    /// orders.shipping_fee summed over the parcel's (merged) orders, minor units.
    pub paid_minor: i64,
    /// Weighed before (weighed_at set).
    pub weighed: bool,
}

pub fn context(conn: &Connection, parcel_id: i64) -> Result<Option<FeeContext>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.currency, s.krw_per_unit, s.intl_service,
                COALESCE(r.country_code, 'KR'), COALESCE(r.zipcode, ''), o.currency,
                (SELECT COALESCE(SUM(o2.shipping_fee), 0) FROM parcel_orders po2
                   JOIN orders o2 ON o2.id = po2.order_id WHERE po2.parcel_id = p.id
                    -- An order split over parcels paid its shipping once: it counts in its first.
                    AND po2.parcel_id = (SELECT MIN(po3.parcel_id) FROM parcel_orders po3
                                          WHERE po3.order_id = o2.id)),
                p.weighed_at IS NOT NULL
         FROM parcels p
         JOIN parcel_orders po ON po.parcel_id = p.id
         JOIN orders o ON o.id = po.order_id
         JOIN shops s ON s.id = o.shop_id
         LEFT JOIN receivers r ON r.order_id = o.id
         WHERE p.id = ?1 ORDER BY o.id LIMIT 1",
    )?;
    Ok(stmt
        .query_row([parcel_id], |r| {
            Ok(FeeContext {
                parcel_id,
                shop_id: r.get(0)?,
                shop_currency: r.get(1)?,
                krw_per_unit: r.get(2)?,
                intl_service: r.get(3)?,
                country: r.get(4)?,
                postcode: r.get(5)?,
                order_currency: r.get(6)?,
                paid_minor: r.get(7)?,
                weighed: r.get(8)?,
            })
        })
        .optional()?)
}

/// Where a parcel goes and what its last weighing said: the one question the ship scan asks
/// (cheap: primary keys only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    /// ISO alpha-2; KR when the parcel has no receiver row.
    pub country: String,
    pub weighed: bool,
    pub fee_flag: Option<String>,
}

pub fn destination(conn: &Connection, parcel_id: i64) -> Result<Option<Destination>> {
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(r.country_code, 'KR'), p.weighed_at IS NOT NULL, p.fee_flag
         FROM parcels p
         JOIN parcel_orders po ON po.parcel_id = p.id
         LEFT JOIN receivers r ON r.order_id = po.order_id
         WHERE p.id = ?1 ORDER BY po.order_id LIMIT 1",
    )?;
    Ok(stmt
        .query_row([parcel_id], |r| {
            Ok(Destination {
                country: r.get(0)?,
                weighed: r.get(1)?,
                fee_flag: r.get(2)?,
            })
        })
        .optional()?)
}

/// The outcome JSON of the parcel's last weighing, if any.
pub fn last_outcome(conn: &Connection, parcel_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT fee_json FROM parcels WHERE id = ?1",
            [parcel_id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// Whether a scale is configured on this station (`scale.port` set), asked on every scan, so
/// the statement is cached.
pub fn scale_configured(conn: &Connection) -> Result<bool> {
    let mut stmt = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?1 AND value <> '')")?;
    Ok(stmt.query_row([crate::settings::SCALE_PORT], |r| r.get(0))?)
}

/// One weighing of a parcel.
#[derive(Clone, Debug)]
pub struct FeeRecord<'a> {
    pub weight_g: u32,
    /// None for domestic parcels and refused ones.
    pub fee_krw: Option<u64>,
    /// None | "undercharged" | "over_limit".
    pub flag: Option<&'a str>,
    /// The weighing outcome as the desk showed it.
    pub json: &'a str,
}

/// Records a weighing; the latest one replaces the earlier (a repacked parcel is weighed again).
pub fn record(
    conn: &Connection,
    parcel_id: i64,
    rec: &FeeRecord<'_>,
    at: DateTime<Utc>,
) -> Result<()> {
    let fee = rec.fee_krw.map(|f| i64::try_from(f).unwrap_or(i64::MAX));
    conn.execute(
        "UPDATE parcels SET weight_g = ?2, fee_krw = ?3, fee_flag = ?4, fee_json = ?5, weighed_at = ?6
         WHERE id = ?1",
        params![parcel_id, rec.weight_g, fee, rec.flag, rec.json, fmt_utc(at)],
    )?;
    Ok(())
}

/// A parcel flagged for the owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flagged {
    pub parcel_id: i64,
    pub tracking_no: Option<String>,
    pub archived: bool,
    pub fee_json: String,
}

/// Flagged parcels, most recently weighed first, at most `limit`.
pub fn flagged(conn: &Connection, limit: u32) -> Result<Vec<Flagged>> {
    let mut stmt = conn.prepare(
        "SELECT id, tracking_no, archived, COALESCE(fee_json, '') FROM parcels
         WHERE fee_flag IS NOT NULL ORDER BY weighed_at DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(Flagged {
                parcel_id: r.get(0)?,
                tracking_no: r.get(1)?,
                archived: r.get(2)?,
                fee_json: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
