//! Connected shops. Credentials themselves are in the OS keychain; this row holds only metadata
//! and the name of the keychain entry.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{Result, fmt_utc, parse_utc};

#[derive(Clone, Debug)]
pub struct ShopRow {
    pub id: i64,
    pub mall_id: String,
    pub shop_no: u32,
    pub api_base: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub secret_ref: String,
    pub collect_status: String,
    pub min_age_minutes: i64,
    pub collect_cursor: Option<DateTime<Utc>>,
    pub collect_floor: Option<DateTime<Utc>>,
    pub last_collect_at: Option<DateTime<Utc>>,
    pub demo: bool,
    pub shop_name: String,
    pub currency: String,
    /// The owner chose to collect this shop_no.
    pub collect_enabled: bool,
    /// 일일수집범위 in days.
    pub range_days: i64,
    /// Collection waits for a person: (stable code, message).
    pub paused: Option<(String, String)>,
    /// 'self' or 'fassto'.
    pub fulfilment: String,
    pub refresh_expires_at: Option<DateTime<Utc>>,
    /// Fixed exchange rate, KRW per unit of `currency`, as typed (None for KRW shops / unset).
    pub krw_per_unit: Option<String>,
    /// International service its parcels are priced with (ems | kpacket | express).
    pub intl_service: String,
}

#[derive(Clone, Debug)]
pub struct NewShop<'a> {
    pub mall_id: &'a str,
    pub shop_no: u32,
    pub api_base: &'a str,
    pub client_id: &'a str,
    pub scopes: &'a [String],
    pub token_expires_at: DateTime<Utc>,
    pub refresh_expires_at: DateTime<Utc>,
    pub secret_ref: &'a str,
    pub demo: bool,
    pub shop_name: &'a str,
    pub currency: &'a str,
}

const COLUMNS: &str = "id, mall_id, shop_no, api_base, client_id, scopes, token_expires_at, secret_ref, \
                       collect_status, min_age_minutes, collect_cursor, last_collect_at, demo, collect_floor, \
                       shop_name, currency, collect_enabled, range_days, paused_code, paused_message, \
                       fulfilment, refresh_expires_at, krw_per_unit, intl_service";

fn from_row(r: &Row) -> rusqlite::Result<ShopRow> {
    let scopes: String = r.get(5)?;
    Ok(ShopRow {
        id: r.get(0)?,
        mall_id: r.get(1)?,
        shop_no: r.get(2)?,
        api_base: r.get(3)?,
        client_id: r.get(4)?,
        scopes: scopes
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        token_expires_at: r
            .get::<_, Option<String>>(6)?
            .as_deref()
            .and_then(parse_utc),
        secret_ref: r.get(7)?,
        collect_status: r.get(8)?,
        min_age_minutes: r.get(9)?,
        collect_cursor: r
            .get::<_, Option<String>>(10)?
            .as_deref()
            .and_then(parse_utc),
        last_collect_at: r
            .get::<_, Option<String>>(11)?
            .as_deref()
            .and_then(parse_utc),
        demo: r.get(12)?,
        collect_floor: r
            .get::<_, Option<String>>(13)?
            .as_deref()
            .and_then(parse_utc),
        shop_name: r.get(14)?,
        currency: r.get(15)?,
        collect_enabled: r.get(16)?,
        range_days: r.get(17)?,
        paused: match (
            r.get::<_, Option<String>>(18)?,
            r.get::<_, Option<String>>(19)?,
        ) {
            (Some(code), msg) => Some((code, msg.unwrap_or_default())),
            _ => None,
        },
        fulfilment: r.get(20)?,
        refresh_expires_at: r
            .get::<_, Option<String>>(21)?
            .as_deref()
            .and_then(parse_utc),
        krw_per_unit: r.get(22)?,
        intl_service: r.get(23)?,
    })
}

/// Inserts the shop, or refreshes its connection data when the same mall + shop_no reconnects
/// (keeping its collection cursor and settings).
pub fn upsert(conn: &Connection, shop: &NewShop, now: DateTime<Utc>) -> Result<i64> {
    conn.execute(
        "INSERT INTO shops (mall_id, shop_no, api_base, client_id, scopes, token_expires_at, refresh_expires_at,
                            secret_ref, demo, created_at, shop_name, currency)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT(mall_id, shop_no) DO UPDATE SET
            api_base = excluded.api_base, client_id = excluded.client_id, scopes = excluded.scopes,
            token_expires_at = excluded.token_expires_at, refresh_expires_at = excluded.refresh_expires_at,
            secret_ref = excluded.secret_ref, demo = excluded.demo, shop_name = excluded.shop_name,
            currency = excluded.currency, paused_code = NULL, paused_message = NULL",
        params![
            shop.mall_id,
            shop.shop_no,
            shop.api_base,
            shop.client_id,
            shop.scopes.join(","),
            fmt_utc(shop.token_expires_at),
            fmt_utc(shop.refresh_expires_at),
            shop.secret_ref,
            shop.demo,
            fmt_utc(now),
            shop.shop_name,
            shop.currency
        ],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM shops WHERE mall_id = ?1 AND shop_no = ?2",
        params![shop.mall_id, shop.shop_no],
        |r| r.get(0),
    )?)
}

pub fn all(conn: &Connection) -> Result<Vec<ShopRow>> {
    // Channels of hand-registered orders (platform 'manual') have no API: nothing Cafe24 lists them.
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM shops WHERE platform <> 'manual' ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<ShopRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM shops WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn set_api_base(conn: &Connection, id: i64, api_base: &str) -> Result<()> {
    conn.execute(
        "UPDATE shops SET api_base = ?2 WHERE id = ?1",
        params![id, api_base],
    )?;
    Ok(())
}

pub fn set_token_expiry(
    conn: &Connection,
    mall_id: &str,
    access: DateTime<Utc>,
    refresh: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE shops SET token_expires_at = ?2, refresh_expires_at = ?3 WHERE mall_id = ?1",
        params![mall_id, fmt_utc(access), fmt_utc(refresh)],
    )?;
    Ok(())
}

/// Records a finished run; the first run also fixes the floor below which unknown orders are left
/// for a manual date range.
pub fn record_collect(
    conn: &Connection,
    id: i64,
    cursor: DateTime<Utc>,
    floor: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE shops SET collect_cursor = ?2, last_collect_at = ?3, collect_floor = COALESCE(collect_floor, ?4)
         WHERE id = ?1",
        params![id, fmt_utc(cursor), fmt_utc(at), fmt_utc(floor)],
    )?;
    Ok(())
}

/// Collection rules a shop owner sets per shop (DOMAIN.md stage 1). None leaves a rule as it is.
#[derive(Clone, Debug, Default)]
pub struct RulesUpdate {
    pub collect_enabled: Option<bool>,
    /// N10 (상품준비중) or N20 (배송준비중).
    pub collect_status: Option<String>,
    pub min_age_minutes: Option<i64>,
    pub range_days: Option<i64>,
    pub fulfilment: Option<String>,
}

pub fn update_rules(conn: &Connection, id: i64, r: &RulesUpdate) -> Result<bool> {
    let n = conn.execute(
        "UPDATE shops SET collect_enabled = COALESCE(?2, collect_enabled),
                          collect_status = COALESCE(?3, collect_status),
                          min_age_minutes = COALESCE(?4, min_age_minutes),
                          range_days = COALESCE(?5, range_days),
                          fulfilment = COALESCE(?6, fulfilment)
         WHERE id = ?1",
        params![
            id,
            r.collect_enabled,
            r.collect_status,
            r.min_age_minutes,
            r.range_days,
            r.fulfilment
        ],
    )?;
    Ok(n == 1)
}

/// Fee settings of a shop. `krw_per_unit`: None leaves it, Some(None) clears it.
#[derive(Clone, Debug, Default)]
pub struct FeeUpdate {
    pub krw_per_unit: Option<Option<String>>,
    pub intl_service: Option<String>,
}

pub fn update_fees(conn: &Connection, id: i64, f: &FeeUpdate) -> Result<bool> {
    let n = conn.execute(
        "UPDATE shops SET krw_per_unit = CASE WHEN ?2 THEN ?3 ELSE krw_per_unit END,
                          intl_service = COALESCE(?4, intl_service)
         WHERE id = ?1",
        params![
            id,
            f.krw_per_unit.is_some(),
            f.krw_per_unit.clone().flatten(),
            f.intl_service
        ],
    )?;
    Ok(n == 1)
}

/// Stops scheduled collection of every shop of the mall until the owner acts (reconnect, grant a
/// scope); the code and message are what the desk shows.
pub fn pause_mall(conn: &Connection, mall_id: &str, code: &str, message: &str) -> Result<()> {
    conn.execute(
        "UPDATE shops SET paused_code = ?2, paused_message = ?3 WHERE mall_id = ?1",
        params![mall_id, code, message],
    )?;
    Ok(())
}
