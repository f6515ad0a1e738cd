//! 합포 확인필요: pairs of unprinted parcels whose receivers have the same name and address but
//! different phone numbers — maybe one person with two phones, maybe two people at one address.
//! A person merges them or keeps them apart; a decision is never asked twice.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::parcels::MERGEABLE_STAGES;
use crate::{Result, fmt_utc};

pub const OPEN: &str = "open";
pub const MERGED: &str = "merged";
pub const KEPT_APART: &str = "kept_apart";
/// One of the parcels was printed, shipped, emptied or locked before anyone decided.
pub const GONE: &str = "gone";

/// Marks a merge key as locked for `order_pk`: the suffix makes it equal to no other key.
pub fn locked_key(key: &str, order_pk: i64) -> String {
    format!("{key}|lock:{order_pk}")
}

/// The name-and-address part of a merge key (`name|address|phone|mobile`).
pub fn near_key(key: &str) -> Option<&str> {
    let mut cut = key.match_indices('|').map(|(i, _)| i);
    let _ = cut.next()?;
    let end = cut.next()?;
    Some(&key[..end])
}

/// Unprinted parcels of `carrier` other than `except` whose key shares name and address with
/// `key` but not the whole key (so not merged automatically) and that are not locked.
pub fn near_parcels(conn: &Connection, key: &str, carrier: &str, except: i64) -> Result<Vec<i64>> {
    let Some(near) = near_key(key) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(&format!(
        // A range on the key (what `near|` starts with: from 'near|' up to 'near}', the next
        // character) so the merge-key index answers it; a substr() test scanned every parcel
        // for every new one, quadratic in a 100,000-order collection.
        "SELECT id FROM parcels
         WHERE merge_key >= ?1 || '|' AND merge_key < ?1 || '}}' AND merge_key <> ?2
           AND merge_key NOT LIKE '%|lock:%' AND carrier = ?3 AND id <> ?4
           AND stage IN {MERGEABLE_STAGES}
         ORDER BY id"
    ))?;
    let rows = stmt
        .query_map(params![near, key, carrier, except], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(rows)
}

/// Opens a review of the pair unless it was ever opened or decided.
pub fn open(conn: &Connection, a: i64, b: i64, now: DateTime<Utc>) -> Result<()> {
    let (a, b) = (a.min(b), a.max(b));
    conn.execute(
        "INSERT OR IGNORE INTO merge_reviews (parcel_a, parcel_b, created_at) VALUES (?1, ?2, ?3)",
        params![a, b, fmt_utc(now)],
    )?;
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRow {
    pub id: i64,
    pub parcel_a: i64,
    pub parcel_b: i64,
    pub status: String,
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<ReviewRow> {
    Ok(ReviewRow {
        id: r.get(0)?,
        parcel_a: r.get(1)?,
        parcel_b: r.get(2)?,
        status: r.get(3)?,
    })
}

/// Open reviews, oldest first.
pub fn open_reviews(conn: &Connection) -> Result<Vec<ReviewRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, parcel_a, parcel_b, status FROM merge_reviews WHERE status = 'open' ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<ReviewRow>> {
    Ok(conn
        .query_row(
            "SELECT id, parcel_a, parcel_b, status FROM merge_reviews WHERE id = ?1",
            [id],
            row,
        )
        .optional()?)
}

pub fn decide(conn: &Connection, id: i64, status: &str, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE merge_reviews SET status = ?2, decided_at = ?3 WHERE id = ?1",
        params![id, status, fmt_utc(now)],
    )?;
    Ok(())
}

/// Moves every order of parcel `from` into `into` (both unprinted); `from` is left empty.
pub fn move_orders(conn: &Connection, from: i64, into: i64) -> Result<()> {
    conn.execute(
        "UPDATE parcel_orders SET parcel_id = ?2 WHERE parcel_id = ?1",
        params![from, into],
    )?;
    // Lines of a split order (migration 0009) follow their parcel.
    conn.execute(
        "UPDATE order_items SET parcel_id = ?2 WHERE parcel_id = ?1",
        params![from, into],
    )?;
    Ok(())
}

pub fn set_never_merge(conn: &Connection, order_pk: i64) -> Result<()> {
    conn.execute(
        "UPDATE orders SET never_merge = 1 WHERE id = ?1",
        [order_pk],
    )?;
    Ok(())
}

pub fn never_merge(conn: &Connection, order_pk: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT never_merge FROM orders WHERE id = ?1",
        [order_pk],
        |r| r.get::<_, i64>(0),
    )? != 0)
}

/// The order row id of a shop order id (any shop).
pub fn order_pk(conn: &Connection, order_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM orders WHERE order_id = ?1 ORDER BY id LIMIT 1",
            [order_id.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_key_is_name_and_address() {
        assert_eq!(
            near_key("홍길동|서울 강남구|0212345678|01011112222"),
            Some("홍길동|서울 강남구")
        );
        assert_eq!(near_key("no-bars"), None);
        assert_eq!(locked_key("a|b|c|d", 7), "a|b|c|d|lock:7");
    }
}
