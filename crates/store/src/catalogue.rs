//! Products, variants (SKUs) and stock. Stock never goes negative (CHECK constraints) and every
//! change of `on_hand` is written to the ledger.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Result, fmt_utc};

#[derive(Clone, Debug)]
pub struct VariantUpsert<'a> {
    pub variant_code: &'a str,
    pub option_text: &'a str,
    pub weight_g: Option<i64>,
    pub on_hand: i64,
}

/// Inserts or updates one product with its variants; the shop's inventory count becomes `on_hand`
/// (the difference is written to the ledger as a `sync` movement).
pub fn upsert_product(
    conn: &Connection,
    shop_id: i64,
    product_no: i64,
    product_code: &str,
    name: &str,
    variants: &[VariantUpsert],
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO products (shop_id, product_no, product_code, name) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(shop_id, product_no) DO UPDATE SET product_code = excluded.product_code, name = excluded.name",
        params![shop_id, product_no, product_code, name],
    )?;
    let product_id: i64 = conn.query_row(
        "SELECT id FROM products WHERE shop_id = ?1 AND product_no = ?2",
        params![shop_id, product_no],
        |r| r.get(0),
    )?;
    for v in variants {
        conn.execute(
            "INSERT INTO variants (product_id, sku, variant_code, option_text, weight_g) VALUES (?1, ?2, ?2, ?3, ?4)
             ON CONFLICT(variant_code) DO UPDATE SET option_text = excluded.option_text,
                 weight_g = COALESCE(excluded.weight_g, variants.weight_g)",
            params![product_id, v.variant_code, v.option_text, v.weight_g],
        )?;
        let variant_id: i64 = conn.query_row(
            "SELECT id FROM variants WHERE variant_code = ?1",
            [v.variant_code],
            |r| r.get(0),
        )?;
        let current: Option<(i64, i64)> = conn
            .query_row(
                "SELECT on_hand, allocated FROM stock WHERE variant_id = ?1",
                [variant_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (on_hand, allocated) = current.unwrap_or((0, 0));
        // The shop's count already excludes what it sold; what we allocated but haven't shipped is
        // still physically here, so keep on_hand ≥ allocated.
        let target = v.on_hand.max(allocated).max(0);
        if current.is_none() || target != on_hand {
            conn.execute(
                "INSERT INTO stock (variant_id, on_hand, allocated) VALUES (?1, ?2, 0)
                 ON CONFLICT(variant_id) DO UPDATE SET on_hand = excluded.on_hand",
                params![variant_id, target],
            )?;
            ledger(
                conn,
                variant_id,
                target - on_hand,
                "sync",
                Some(product_code),
                now,
            )?;
        }
    }
    Ok(())
}

pub fn variant_id_by_code(conn: &Connection, variant_code: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM variants WHERE variant_code = ?1 OR sku = ?1",
            [variant_code],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn available(conn: &Connection, variant_id: i64) -> Result<i64> {
    Ok(conn
        .query_row(
            "SELECT on_hand - allocated FROM stock WHERE variant_id = ?1",
            [variant_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

pub fn allocate(conn: &Connection, variant_id: i64, qty: i64) -> Result<()> {
    conn.execute(
        "UPDATE stock SET allocated = allocated + ?2 WHERE variant_id = ?1",
        params![variant_id, qty],
    )?;
    Ok(())
}

pub fn release(conn: &Connection, variant_id: i64, qty: i64) -> Result<()> {
    conn.execute(
        "UPDATE stock SET allocated = MAX(allocated - ?2, 0) WHERE variant_id = ?1",
        params![variant_id, qty],
    )?;
    Ok(())
}

/// Shipping takes allocated stock out of the building.
pub fn ship_out(
    conn: &Connection,
    variant_id: i64,
    qty: i64,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "UPDATE stock SET allocated = allocated - ?2, on_hand = on_hand - ?2 WHERE variant_id = ?1",
        params![variant_id, qty],
    )?;
    ledger(conn, variant_id, -qty, "ship", Some(reference), now)
}

fn ledger(
    conn: &Connection,
    variant_id: i64,
    delta: i64,
    kind: &str,
    reference: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO stock_ledger (variant_id, delta, kind, ref, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![variant_id, delta, kind, reference, fmt_utc(now)],
    )?;
    Ok(())
}

/// A SKU with the shop product it belongs to (for writing its weight back).
#[derive(Clone, Debug, PartialEq)]
pub struct VariantRef {
    pub variant_id: i64,
    pub sku: String,
    pub shop_id: Option<i64>,
    pub product_no: Option<i64>,
    pub name: String,
    pub option_text: String,
    pub weight_g: Option<i64>,
}

/// Finds a SKU by its SKU, 품목코드 or barcode.
/// The columns both lookups below select, in this order.
fn variant_ref(r: &rusqlite::Row<'_>) -> rusqlite::Result<VariantRef> {
    Ok(VariantRef {
        variant_id: r.get(0)?,
        sku: r.get(1)?,
        shop_id: r.get(2)?,
        product_no: r.get(3)?,
        name: r.get(4)?,
        option_text: r.get(5)?,
        weight_g: r.get(6)?,
    })
}

pub fn find_variant(conn: &Connection, code: &str) -> Result<Option<VariantRef>> {
    Ok(conn
        .query_row(
            "SELECT v.id, v.sku, p.shop_id, p.product_no, p.name, v.option_text, v.weight_g
             FROM variants v JOIN products p ON p.id = v.product_id
             WHERE v.sku = ?1 OR v.variant_code = ?1 OR (v.barcode IS NOT NULL AND v.barcode = ?1)
             ORDER BY v.id LIMIT 1",
            [code],
            variant_ref,
        )
        .optional()?)
}

pub fn set_weight(conn: &Connection, variant_id: i64, grams: i64) -> Result<()> {
    conn.execute(
        "UPDATE variants SET weight_g = ?2 WHERE id = ?1",
        params![variant_id, grams],
    )?;
    Ok(())
}

/// Cafe24's option type of a product (`E` = 상품 연동형, which FASSTO cannot link).
pub fn set_option_type(
    conn: &Connection,
    shop_id: i64,
    product_no: i64,
    option_type: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE products SET option_type = ?3 WHERE shop_id = ?1 AND product_no = ?2",
        params![shop_id, product_no, option_type],
    )?;
    Ok(())
}

/// The option type of the product a SKU belongs to ('' when unknown).
pub fn option_type_of(conn: &Connection, variant_id: i64) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT p.option_type FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?1",
            [variant_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

/// Products recorded for a shop: 0 means its catalogue was never synced. (Variants are keyed by
/// 품목코드 across the mall, so a second shop of one mall may own none of them.)
pub fn product_count(conn: &Connection, shop_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM products WHERE shop_id = ?1",
        [shop_id],
        |r| r.get(0),
    )?)
}

/// SKUs without a weight, most ordered first (the ones the desk should weigh next), at most `limit`.
pub fn without_weight(conn: &Connection, limit: u32) -> Result<Vec<(VariantRef, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, v.sku, p.shop_id, p.product_no, p.name, v.option_text, v.weight_g,
                (SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i WHERE i.variant_id = v.id) AS ordered
         FROM variants v JOIN products p ON p.id = v.product_id
         WHERE v.weight_g IS NULL OR v.weight_g <= 0
         ORDER BY ordered DESC, v.id LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok((
                VariantRef {
                    variant_id: r.get(0)?,
                    sku: r.get(1)?,
                    shop_id: r.get(2)?,
                    product_no: r.get(3)?,
                    name: r.get(4)?,
                    option_text: r.get(5)?,
                    weight_g: r.get(6)?,
                },
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A SKU by its id (the variant a parcel line points at).
pub fn variant_by_id(conn: &Connection, variant_id: i64) -> Result<Option<VariantRef>> {
    Ok(conn
        .query_row(
            "SELECT v.id, v.sku, p.shop_id, p.product_no, p.name, v.option_text, v.weight_g
             FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?1",
            [variant_id],
            variant_ref,
        )
        .optional()?)
}
