//! 매칭: every order line to one of our SKUs. Automatic by Cafe24's 품목코드 (variant_code), by a
//! code that is one of our SKU codes or barcodes, or by a remembered name+option mapping; the rest
//! wait in the unmatched list until a person picks the SKU once (remembered from then on), or a
//! mapping file is uploaded. Bundles (one sold SKU = several SKUs) take their components' stock.

mod bundle;
mod dto;
mod error;
mod import;
mod upload;

use std::collections::{BTreeSet, HashMap};

use packdesk_store::{
    Connection, OptionalExtension, Transaction, catalogue, mappings, params, parcels::ParcelLine,
    rusqlite,
};

use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::{DeskError, Result};

pub use dto::{
    BundleComponent, BundleComponentInput, BundleInfo, MappingImport, MappingImportRow,
    MappingRowOutcome, MatchResult, MatchTarget, SkuHit, SkuMapping, UnmatchedGroup,
};
pub use error::MatchError;

/// Gives a SKU to every line of `lines` that has none yet, if one can be found now (the catalogue
/// caught up, or a remembered mapping applies). Lines that stay unmatched keep `variant_id` NULL.
pub(crate) fn rematch(tx: &Transaction, lines: &[ParcelLine]) -> Result<()> {
    for line in lines.iter().filter(|l| l.variant_id.is_none()) {
        if let Some(variant) = sku_for(tx, line.item_id, &line.product_name, &line.option_text)? {
            tx.prepare_cached("UPDATE order_items SET variant_id = ?2 WHERE id = ?1")?
                .execute(params![line.item_id, variant])?;
        }
    }
    Ok(())
}

/// The SKU a line matches automatically, in order: its 품목코드, its code as one of our SKU codes
/// or barcodes (other channels send those), then a remembered mapping of its name and option.
fn sku_for(
    conn: &Connection,
    item_id: i64,
    product_name: &str,
    option_text: &str,
) -> Result<Option<i64>> {
    let code: Option<String> = conn
        .prepare_cached("SELECT variant_code FROM order_items WHERE id = ?1")?
        .query_row([item_id], |r| r.get(0))
        .optional()?
        .flatten();
    if let Some(code) = code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        let by_code: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM variants WHERE variant_code = ?1
                 UNION ALL SELECT id FROM variants WHERE sku = ?1
                 UNION ALL SELECT id FROM variants WHERE barcode = ?1
                 LIMIT 1",
            )?
            .query_row([code], |r| r.get(0))
            .optional()?;
        if by_code.is_some() {
            return Ok(by_code);
        }
    }
    Ok(mappings::lookup(conn, product_name, option_text)?)
}

/// The stock `qty` units of the sold SKU `variant_id` take: the SKU itself, or for a bundle (one
/// sold product = several SKUs) each component times its count. Allocation and release both go
/// through this, so a bundle can never take stock one way and give it back another.
pub(crate) fn stock_needs(tx: &Transaction, variant_id: i64, qty: i64) -> Result<Vec<(i64, i64)>> {
    let parts = mappings::components(tx, variant_id)?;
    if parts.is_empty() {
        return Ok(vec![(variant_id, qty)]);
    }
    Ok(parts.into_iter().map(|(c, n)| (c, n * qty)).collect())
}

/// A line waiting for a SKU, in a parcel that can still take one.
struct Waiting {
    item_id: i64,
    order_pk: i64,
    parcel_id: i64,
    product_name: String,
    option_text: String,
    quantity: i64,
    channel: String,
    linked_option: bool,
}

impl Waiting {
    fn key(&self) -> String {
        group_key(&self.product_name, &self.option_text)
    }
}

/// The group key of a name and option: the two normalised keys with a separator no text has.
fn group_key(product_name: &str, option_text: &str) -> String {
    format!(
        "{}\u{1f}{}",
        mappings::name_key(product_name),
        mappings::option_key(option_text)
    )
}

/// Every waiting line, oldest order first. Lines of claimed orders and of parcels past the
/// waybill are not waiting (the claim or the label decides their fate, not matching).
fn waiting_lines(conn: &Connection) -> Result<Vec<Waiting>> {
    let linked_names: BTreeSet<String> = conn
        .prepare("SELECT name FROM products WHERE option_type = 'E'")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .iter()
        .map(|n| mappings::name_key(n))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT i.id, o.id, po.parcel_id, i.product_name, i.option_text, i.quantity,
                COALESCE(ob.channel,
                         CASE WHEN s.shop_name <> '' THEN s.shop_name ELSE s.mall_id || '#' || s.shop_no END),
                EXISTS (SELECT 1 FROM products pr
                        WHERE pr.option_type = 'E' AND pr.product_code IS NOT NULL AND pr.product_code <> ''
                          AND i.variant_code IS NOT NULL
                          AND substr(i.variant_code, 1, length(pr.product_code)) = pr.product_code)
         FROM order_items i
         JOIN orders o ON o.id = i.order_id
         JOIN shops s ON s.id = o.shop_id
         LEFT JOIN order_batches ob ON ob.id = o.batch_id
         JOIN parcel_orders po ON po.order_id = o.id
         JOIN parcels p ON p.id = po.parcel_id
         WHERE i.variant_id IS NULL AND o.claim_reason IS NULL
           AND p.stage IN ('unmatched', 'backorder', 'ready')
         ORDER BY o.id, i.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Waiting {
                item_id: r.get(0)?,
                order_pk: r.get(1)?,
                parcel_id: r.get(2)?,
                product_name: r.get(3)?,
                option_text: r.get(4)?,
                quantity: r.get(5)?,
                channel: r.get(6)?,
                linked_option: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|mut w| {
            w.linked_option |= linked_names.contains(&mappings::name_key(&w.product_name));
            w
        })
        .collect())
}

const LINKED_FLAG_KO: &str = "상품 연동형 옵션: 옵션에 품목코드가 없어 자동 연결(파스토 포함)이 되지 않습니다. 옵션을 확인해 직접 매칭하세요";
const LINKED_FLAG_EN: &str = "Cafe24 linked option (상품 연동형): its options carry no item code, so nothing links them automatically (FASSTO included); check the option and match by hand";

fn groups_of(lines: Vec<Waiting>) -> Vec<UnmatchedGroup> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, (UnmatchedGroup, BTreeSet<i64>)> = HashMap::new();
    for w in lines {
        let key = w.key();
        let (g, orders) = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            (
                UnmatchedGroup {
                    key,
                    product_name: w.product_name.trim().to_string(),
                    option_text: w.option_text.trim().to_string(),
                    lines: 0,
                    orders: 0,
                    quantity: 0,
                    first_item_id: w.item_id,
                    channels: Vec::new(),
                    linked_option: false,
                    flag_ko: None,
                    flag_en: None,
                },
                BTreeSet::new(),
            )
        });
        g.lines += 1;
        g.quantity += w.quantity;
        orders.insert(w.order_pk);
        g.orders = orders.len() as u32;
        if !g.channels.contains(&w.channel) {
            g.channels.push(w.channel);
        }
        if w.linked_option && !g.linked_option {
            g.linked_option = true;
            g.flag_ko = Some(LINKED_FLAG_KO.into());
            g.flag_en = Some(LINKED_FLAG_EN.into());
        }
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k).map(|(g, _)| g))
        .collect()
}

/// Matches `lines` to `variant_id` and re-plans their parcels; returns (parcels, ready).
fn match_waiting(
    tx: &Transaction,
    lines: &[&Waiting],
    variant_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(u32, u32)> {
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    for w in lines {
        tx.prepare_cached(
            "UPDATE order_items SET variant_id = ?2 WHERE id = ?1 AND variant_id IS NULL",
        )?
        .execute(params![w.item_id, variant_id])?;
        touched.insert(w.parcel_id);
    }
    let mut ready = 0;
    for parcel in &touched {
        if crate::allocate::plan(tx, *parcel, now)? == Stage::Ready {
            ready += 1;
        }
    }
    Ok((touched.len() as u32, ready))
}

fn sku_mapping(conn: &Connection, m: mappings::Mapping) -> Result<SkuMapping> {
    let target = catalogue::variant_by_id(conn, m.variant_id)?;
    Ok(SkuMapping {
        id: m.id,
        product_name: m.product_name,
        option_text: m.option_text,
        variant_id: m.variant_id,
        sku: m.sku,
        sku_product_name: target.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
        sku_option_text: target.map(|t| t.option_text).unwrap_or_default(),
        source: m.source,
        created_at: packdesk_store::fmt_utc(m.created_at),
        updated_at: packdesk_store::fmt_utc(m.updated_at),
    })
}

/// Escapes `%`, `_` and `\` for a LIKE … ESCAPE '\' pattern.
fn like_pattern(word: &str) -> String {
    let mut p = String::with_capacity(word.len() + 2);
    p.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Whole bundles the components' available stock makes.
fn bundle_available(conn: &Connection, variant_id: i64) -> Result<i64> {
    let mut least: Option<i64> = None;
    for (component, count) in mappings::components(conn, variant_id)? {
        let can = catalogue::available(conn, component)?.max(0) / count.max(1);
        least = Some(least.map_or(can, |l| l.min(can)));
    }
    Ok(least.unwrap_or(0))
}

impl Desk {
    /// Lines waiting for a SKU, grouped by product name + option text (normalised), in the order
    /// the oldest waiting order came in.
    pub fn unmatched_groups(&self) -> Result<Vec<UnmatchedGroup>> {
        let lines = self.inner.store.read_as(waiting_lines)?;
        Ok(groups_of(lines))
    }

    /// SKUs whose code, barcode, 품목코드, product name or option text contain every word of
    /// `query`; exact code hits first. At most `limit` (1..=200).
    pub fn search_skus(&self, query: &str, limit: u32) -> Result<Vec<SkuHit>> {
        let words: Vec<String> = query.split_whitespace().map(like_pattern).collect();
        let exact = query.trim().to_string();
        let limit = limit.clamp(1, 200);
        self.inner.store.read_as(|conn| {
            let mut sql = String::from(
                "SELECT v.id, v.sku, v.barcode, v.variant_code, p.name, v.option_text,
                        COALESCE(st.on_hand, 0), COALESCE(st.on_hand - st.allocated, 0),
                        p.option_type = 'E', EXISTS (SELECT 1 FROM bundles b WHERE b.variant_id = v.id)
                 FROM variants v JOIN products p ON p.id = v.product_id
                 LEFT JOIN stock st ON st.variant_id = v.id WHERE 1 = 1",
            );
            let mut args: Vec<String> = vec![exact.clone()];
            for w in &words {
                args.push(w.clone());
                let n = args.len();
                sql.push_str(&format!(
                    " AND (v.sku LIKE ?{n} ESCAPE '\\' OR COALESCE(v.barcode, '') LIKE ?{n} ESCAPE '\\'
                       OR COALESCE(v.variant_code, '') LIKE ?{n} ESCAPE '\\' OR p.name LIKE ?{n} ESCAPE '\\'
                       OR v.option_text LIKE ?{n} ESCAPE '\\')"
                ));
            }
            sql.push_str(&format!(
                " ORDER BY (v.sku = ?1 OR v.barcode = ?1 OR v.variant_code = ?1) DESC, p.name, v.option_text, v.id
                  LIMIT {limit}"
            ));
            let mut stmt = conn.prepare(&sql)?;
            let mut hits = stmt
                .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                    Ok(SkuHit {
                        variant_id: r.get(0)?,
                        sku: r.get(1)?,
                        barcode: r.get(2)?,
                        variant_code: r.get(3)?,
                        product_name: r.get(4)?,
                        option_text: r.get(5)?,
                        on_hand: r.get(6)?,
                        available: r.get(7)?,
                        linked_option: r.get(8)?,
                        bundle: r.get(9)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for h in hits.iter_mut().filter(|h| h.bundle) {
                h.available = bundle_available(conn, h.variant_id)?;
            }
            Ok::<_, DeskError>(hits)
        })
    }

    /// Gives the waiting line(s) of `target` the SKU `sku` (SKU code, 품목코드 or barcode) and
    /// re-plans their parcels. With `remember`, every waiting line of that name+option is matched
    /// and the mapping is kept, so later lines match automatically.
    pub fn match_line(
        &self,
        target: &MatchTarget,
        sku: &str,
        remember: bool,
    ) -> Result<MatchResult> {
        let now = self.inner.clock.now();
        let result = self.inner.store.write(|tx| {
            let variant = catalogue::find_variant(tx, sku.trim())?
                .ok_or_else(|| DeskError::UnknownSku(sku.trim().to_string()))?;
            let (product_name, option_text, only_item) = match target {
                MatchTarget::Item { item_id } => {
                    let (name, option, current): (String, String, Option<i64>) = tx
                        .query_row(
                            "SELECT product_name, option_text, variant_id FROM order_items WHERE id = ?1",
                            [item_id],
                            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                        )
                        .optional()?
                        .ok_or(MatchError::UnknownItem(*item_id))?;
                    if current.is_some() {
                        return Err(MatchError::AlreadyMatched(*item_id).into());
                    }
                    (name, option, Some(*item_id))
                }
                MatchTarget::Group {
                    product_name,
                    option_text,
                } => (product_name.clone(), option_text.clone(), None),
            };
            let key = group_key(&product_name, &option_text);
            let waiting = waiting_lines(tx)?;
            let lines: Vec<&Waiting> = waiting
                .iter()
                .filter(|w| match only_item {
                    Some(item) if !remember => w.item_id == item,
                    _ => w.key() == key,
                })
                .collect();
            if lines.is_empty() && (!remember || only_item.is_some()) {
                return Err(MatchError::NothingWaiting {
                    product_name,
                    option_text,
                }
                .into());
            }
            let mapping_id = if remember {
                Some(mappings::upsert(
                    tx,
                    &product_name,
                    &option_text,
                    variant.variant_id,
                    mappings::SOURCE_HAND,
                    now,
                )?)
            } else {
                None
            };
            let (parcels, ready) = match_waiting(tx, &lines, variant.variant_id, now)?;
            Ok::<_, DeskError>(MatchResult {
                product_name: product_name.trim().to_string(),
                option_text: option_text.trim().to_string(),
                sku: variant.sku.clone(),
                matched_lines: lines.len() as u32,
                parcels,
                ready,
                mapping_id,
            })
        })?;
        tracing::info!(
            sku = %result.sku,
            lines = result.matched_lines,
            remembered = result.mapping_id.is_some(),
            "lines matched by hand"
        );
        Ok(result)
    }

    /// Every remembered mapping, by product name then option.
    pub fn sku_mappings(&self) -> Result<Vec<SkuMapping>> {
        self.inner.store.read_as(|conn| {
            mappings::list(conn)?
                .into_iter()
                .map(|m| sku_mapping(conn, m))
                .collect()
        })
    }

    /// Forgets a mapping. Lines it already matched keep their SKU.
    pub fn delete_mapping(&self, id: i64) -> Result<()> {
        self.inner.store.write(|tx| {
            if !mappings::delete(tx, id)? {
                return Err(MatchError::UnknownMapping(id).into());
            }
            Ok::<_, DeskError>(())
        })
    }

    /// Points a mapping at another SKU (for lines matched from now on; matched lines keep theirs).
    pub fn edit_mapping(&self, id: i64, sku: &str) -> Result<SkuMapping> {
        let now = self.inner.clock.now();
        self.inner.store.write(|tx| {
            let variant = catalogue::find_variant(tx, sku.trim())?
                .ok_or_else(|| DeskError::UnknownSku(sku.trim().to_string()))?;
            if !mappings::set_variant(tx, id, variant.variant_id, now)? {
                return Err(MatchError::UnknownMapping(id).into());
            }
            let m = mappings::get(tx, id)?.ok_or(MatchError::UnknownMapping(id))?;
            sku_mapping(tx, m)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_keys_ignore_option_order_and_spacing() {
        assert_eq!(
            group_key("기본 티셔츠", "색상=화이트, 사이즈=L"),
            group_key(" 기본  티셔츠", "사이즈=L,색상=화이트")
        );
        assert_ne!(
            group_key("기본 티셔츠", "색상=화이트"),
            group_key("기본 티셔츠", "색상=블랙")
        );
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%_a"), "%50\\%\\_a%");
    }
}
