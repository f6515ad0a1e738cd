//! 매칭 memory: remembered name+option → SKU mappings, and bundles (one sold SKU = several SKUs).
//!
//! Keys are normalised so that the same product typed a little differently still matches: trimmed,
//! whitespace collapsed, ASCII case-folded, and an option list of `k=v` pairs compared without
//! regard to order (`색상=화이트, 사이즈=L` is `사이즈=L,색상=화이트`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc, parse_utc};

/// A person matched the line by hand.
pub const SOURCE_HAND: &str = "hand";
/// The mapping came from an uploaded mapping file.
pub const SOURCE_EXCEL: &str = "excel";

/// Trimmed, inner whitespace collapsed to one space, ASCII letters lower-cased.
fn squash(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// The normalised product name a mapping is keyed by.
pub fn name_key(product_name: &str) -> String {
    squash(product_name)
}

/// The normalised option text: each comma-separated part squashed (spaces around `=` dropped),
/// empty parts removed, the parts sorted — so the order options are listed in does not matter.
pub fn option_key(option_text: &str) -> String {
    let mut parts: Vec<String> = option_text
        .split(',')
        .map(|part| match part.split_once('=') {
            Some((k, v)) => format!("{}={}", squash(k), squash(v)),
            None => squash(part),
        })
        .filter(|p| !p.is_empty() && p != "=")
        .collect();
    parts.sort();
    parts.join(",")
}

/// One remembered mapping, with the SKU it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub id: i64,
    pub product_name: String,
    pub option_text: String,
    pub variant_id: i64,
    pub sku: String,
    /// [`SOURCE_HAND`] or [`SOURCE_EXCEL`].
    pub source: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const MAPPING_COLUMNS: &str = "m.id, m.product_name, m.option_text, m.variant_id, v.sku, m.source, \
     m.created_at, m.updated_at";

fn mapping_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<Mapping> {
    let time = |i: usize| -> rusqlite::Result<DateTime<Utc>> {
        let text: String = r.get(i)?;
        Ok(parse_utc(&text).unwrap_or_default())
    };
    Ok(Mapping {
        id: r.get(0)?,
        product_name: r.get(1)?,
        option_text: r.get(2)?,
        variant_id: r.get(3)?,
        sku: r.get(4)?,
        source: r.get(5)?,
        created_at: time(6)?,
        updated_at: time(7)?,
    })
}

/// The SKU remembered for this name and option text, if any.
pub fn lookup(conn: &Connection, product_name: &str, option_text: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT variant_id FROM sku_mappings WHERE name_key = ?1 AND option_key = ?2",
        )?
        .query_row(
            params![name_key(product_name), option_key(option_text)],
            |r| r.get(0),
        )
        .optional()?)
}

/// The mapping for this name and option text (normalised), if any.
pub fn by_key(conn: &Connection, product_name: &str, option_text: &str) -> Result<Option<Mapping>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {MAPPING_COLUMNS} FROM sku_mappings m JOIN variants v ON v.id = m.variant_id
                 WHERE m.name_key = ?1 AND m.option_key = ?2"
            ),
            params![name_key(product_name), option_key(option_text)],
            mapping_from,
        )
        .optional()?)
}

/// Remembers (or re-points) the mapping of this name and option text; returns its id.
pub fn upsert(
    conn: &Connection,
    product_name: &str,
    option_text: &str,
    variant_id: i64,
    source: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let at = fmt_utc(now);
    conn.execute(
        "INSERT INTO sku_mappings
             (name_key, option_key, product_name, option_text, variant_id, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT(name_key, option_key) DO UPDATE SET
             variant_id = excluded.variant_id, source = excluded.source, updated_at = excluded.updated_at",
        params![
            name_key(product_name),
            option_key(option_text),
            product_name.trim(),
            option_text.trim(),
            variant_id,
            source,
            at
        ],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM sku_mappings WHERE name_key = ?1 AND option_key = ?2",
        params![name_key(product_name), option_key(option_text)],
        |r| r.get(0),
    )?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Mapping>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {MAPPING_COLUMNS} FROM sku_mappings m JOIN variants v ON v.id = m.variant_id
                 WHERE m.id = ?1"
            ),
            [id],
            mapping_from,
        )
        .optional()?)
}

/// Every mapping, by product name then option.
pub fn list(conn: &Connection) -> Result<Vec<Mapping>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {MAPPING_COLUMNS} FROM sku_mappings m JOIN variants v ON v.id = m.variant_id
         ORDER BY m.name_key, m.option_key"
    ))?;
    let rows = stmt
        .query_map([], mapping_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Forgets a mapping; false when there was none. Lines it matched keep their SKU.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM sku_mappings WHERE id = ?1", [id])? > 0)
}

/// Points a mapping at another SKU; false when there is no such mapping.
pub fn set_variant(
    conn: &Connection,
    id: i64,
    variant_id: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE sku_mappings SET variant_id = ?2, source = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, variant_id, SOURCE_HAND, fmt_utc(now)],
    )? > 0)
}

// Bundles ------------------------------------------------------------------------------------

/// Whether the SKU is a bundle's sold SKU.
pub fn is_bundle(conn: &Connection, variant_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM bundles WHERE variant_id = ?1")?
        .query_row([variant_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A bundle's components as (variant id, count per sold unit), in the order they were set;
/// empty for a SKU that is not a bundle.
pub fn components(conn: &Connection, variant_id: i64) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT component_variant_id, count FROM bundle_components
         WHERE bundle_variant_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt
        .query_map([variant_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Makes `variant_id` a bundle of exactly `parts` (replacing what it was made of before).
pub fn set_bundle(
    conn: &Connection,
    variant_id: i64,
    parts: &[(i64, i64)],
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO bundles (variant_id, created_at) VALUES (?1, ?2) ON CONFLICT(variant_id) DO NOTHING",
        params![variant_id, fmt_utc(now)],
    )?;
    conn.execute(
        "DELETE FROM bundle_components WHERE bundle_variant_id = ?1",
        [variant_id],
    )?;
    for (component, count) in parts {
        conn.execute(
            "INSERT INTO bundle_components (bundle_variant_id, component_variant_id, count)
             VALUES (?1, ?2, ?3)",
            params![variant_id, component, count],
        )?;
    }
    Ok(())
}

/// Un-bundles a SKU; false when it was no bundle.
pub fn delete_bundle(conn: &Connection, variant_id: i64) -> Result<bool> {
    conn.execute(
        "DELETE FROM bundle_components WHERE bundle_variant_id = ?1",
        [variant_id],
    )?;
    Ok(conn.execute("DELETE FROM bundles WHERE variant_id = ?1", [variant_id])? > 0)
}

/// Every bundle's sold SKU, oldest first.
pub fn bundle_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare("SELECT variant_id FROM bundles ORDER BY created_at, variant_id")?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Units of the SKU that lines not yet shipped hold allocated: while any do, the bundle must
/// not change, or stock taken for one recipe would be given back by another.
pub fn held_unshipped(conn: &Connection, variant_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(i.allocated), 0) FROM order_items i
         JOIN parcel_orders po ON po.order_id = i.order_id
         JOIN parcels p ON p.id = po.parcel_id
         WHERE i.variant_id = ?1 AND i.allocated > 0 AND p.stage <> 'shipped'",
        [variant_id],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_collapsed_and_ascii_case_folded() {
        assert_eq!(name_key("  Basic   T-Shirt \t 반팔 "), "basic t-shirt 반팔");
        assert_eq!(
            name_key("BASIC t-shirt 반팔"),
            name_key("basic T-Shirt  반팔")
        );
        assert_ne!(name_key("기본 티"), name_key("기본티"));
    }

    #[test]
    fn option_lists_match_in_any_order_and_spacing() {
        let a = option_key("색상=화이트, 사이즈=L");
        assert_eq!(a, option_key("사이즈=L,색상=화이트"));
        assert_eq!(a, option_key(" 사이즈 = l , 색상=화이트 "));
        assert_ne!(a, option_key("색상=화이트, 사이즈=M"));
        assert_eq!(option_key(""), "");
        assert_eq!(option_key(" , "), "");
        assert_eq!(option_key("Free"), "free");
    }
}
