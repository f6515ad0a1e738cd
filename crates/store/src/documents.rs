//! What the printed paperwork needs beyond the waybill: a parcel's lines with prices, SKUs,
//! shelf locations and customs data, and the per-SKU / per-product facts a shop keeps for them.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::{Result, parse_utc};

/// One order line of a parcel as the paperwork prints it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocLine {
    pub order_id: String,
    pub ordered: Option<DateTime<Utc>>,
    pub currency: String,
    /// The order's shipping fee and what the buyer paid, minor units (repeated on each line).
    pub shipping_fee: i64,
    pub payment_amount: i64,
    pub sku: Option<String>,
    pub location: Option<String>,
    pub product_name: String,
    pub option_text: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub weight_g: Option<i64>,
    pub name_en: Option<String>,
    pub supplier_name: Option<String>,
    pub model_name: Option<String>,
    pub hs_code: Option<String>,
    pub origin: String,
}

/// The lines of a parcel, in order then line order (how they were bought).
pub fn lines(conn: &Connection, parcel_id: i64) -> Result<Vec<DocLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.order_id, COALESCE(o.order_date, o.payment_date), o.currency, o.shipping_fee,
                o.payment_amount, v.sku, v.location, i.product_name, i.option_text, i.quantity,
                i.unit_price, v.weight_g, p.name_en, p.supplier_name, p.model_name, p.hs_code,
                COALESCE(p.origin, 'KR')
         FROM parcel_orders po
         JOIN orders o ON o.id = po.order_id
         JOIN order_items i ON i.order_id = o.id
              AND (i.parcel_id IS NULL OR i.parcel_id = po.parcel_id)
         LEFT JOIN variants v ON v.id = i.variant_id
         LEFT JOIN products p ON p.id = v.product_id
         WHERE po.parcel_id = ?1
         ORDER BY o.id, i.id",
    )?;
    let rows = stmt
        .query_map([parcel_id], |r| {
            Ok(DocLine {
                order_id: r.get(0)?,
                ordered: r
                    .get::<_, Option<String>>(1)?
                    .as_deref()
                    .and_then(parse_utc),
                currency: r.get(2)?,
                shipping_fee: r.get(3)?,
                payment_amount: r.get(4)?,
                sku: r.get(5)?,
                location: r.get(6)?,
                product_name: r.get(7)?,
                option_text: r.get(8)?,
                quantity: r.get(9)?,
                unit_price: r.get(10)?,
                weight_g: r.get(11)?,
                name_en: r.get(12)?,
                supplier_name: r.get(13)?,
                model_name: r.get(14)?,
                hs_code: r.get(15)?,
                origin: r.get(16)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Sets (or clears, with `None`) the shelf location of a SKU. False when no such SKU.
pub fn set_location(conn: &Connection, sku: &str, location: Option<&str>) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE variants SET location = ?2 WHERE sku = ?1 OR variant_code = ?1",
        params![sku, location],
    )? > 0)
}

/// The customs facts of the product a SKU belongs to; `None` fields are left as they are.
#[derive(Clone, Debug, Default)]
pub struct CustomsFacts<'a> {
    pub name_en: Option<&'a str>,
    pub hs_code: Option<&'a str>,
    pub origin: Option<&'a str>,
}

/// Sets the customs facts of the product of `sku`. False when no such SKU.
pub fn set_customs(conn: &Connection, sku: &str, facts: &CustomsFacts) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE products SET name_en = COALESCE(?2, name_en), hs_code = COALESCE(?3, hs_code),
                origin = COALESCE(?4, origin)
         WHERE id = (SELECT product_id FROM variants WHERE sku = ?1 OR variant_code = ?1)",
        params![sku, facts.name_en, facts.hs_code, facts.origin],
    )? > 0)
}

/// The other names a product is known by, as the shop's catalogue gives them (empty = unknown,
/// which keeps what the shop typed here).
pub fn set_product_names(
    conn: &Connection,
    shop_id: i64,
    product_no: i64,
    name_en: &str,
    supplier_name: &str,
    model_name: &str,
) -> Result<()> {
    let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    conn.execute(
        "UPDATE products SET name_en = COALESCE(?3, name_en),
                supplier_name = COALESCE(?4, supplier_name), model_name = COALESCE(?5, model_name)
         WHERE shop_id = ?1 AND product_no = ?2",
        params![
            shop_id,
            product_no,
            some(name_en),
            some(supplier_name),
            some(model_name)
        ],
    )?;
    Ok(())
}

/// A SKU with its location and customs facts, for `packdesk product show`.
#[derive(Clone, Debug, PartialEq)]
pub struct SkuFacts {
    pub sku: String,
    pub name: String,
    pub option_text: String,
    pub location: Option<String>,
    pub name_en: Option<String>,
    pub hs_code: Option<String>,
    pub origin: String,
}

pub fn sku_facts(conn: &Connection, sku: &str) -> Result<Option<SkuFacts>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT v.sku, p.name, v.option_text, v.location, p.name_en, p.hs_code,
                    COALESCE(p.origin, 'KR')
             FROM variants v JOIN products p ON p.id = v.product_id
             WHERE v.sku = ?1 OR v.variant_code = ?1",
            [sku],
            |r| {
                Ok(SkuFacts {
                    sku: r.get(0)?,
                    name: r.get(1)?,
                    option_text: r.get(2)?,
                    location: r.get(3)?,
                    name_en: r.get(4)?,
                    hs_code: r.get(5)?,
                    origin: r.get(6)?,
                })
            },
        )
        .optional()?)
}
