//! Bundles (세트상품): one sold SKU that ships as several SKUs. Allocation takes the components'
//! stock and shipping ships them (through [`super::stock_needs`]); the sold SKU's own stock is
//! never touched. A bundle cannot change while stock is held for it, since what was taken under
//! one recipe would be given back under another.

use packdesk_store::{Connection, Transaction, catalogue, mappings};

use super::dto::{BundleComponent, BundleComponentInput, BundleInfo};
use super::error::MatchError;
use crate::desk::Desk;
use crate::error::{DeskError, Result};

fn variant(conn: &Connection, sku: &str) -> Result<catalogue::VariantRef> {
    catalogue::find_variant(conn, sku.trim())?
        .ok_or_else(|| DeskError::UnknownSku(sku.trim().to_string()))
}

fn is_component(conn: &Connection, variant_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM bundle_components WHERE component_variant_id = ?1)",
        [variant_id],
        |r| r.get(0),
    )?)
}

fn refuse_if_held(tx: &Transaction, sold: &catalogue::VariantRef) -> Result<()> {
    let held = mappings::held_unshipped(tx, sold.variant_id)?;
    if held > 0 {
        return Err(MatchError::BundleInUse {
            sku: sold.sku.clone(),
            held,
        }
        .into());
    }
    Ok(())
}

pub(super) fn info(conn: &Connection, sold: &catalogue::VariantRef) -> Result<BundleInfo> {
    let mut components = Vec::new();
    for (component, count) in mappings::components(conn, sold.variant_id)? {
        let c = catalogue::variant_by_id(conn, component)?
            .ok_or_else(|| DeskError::Internal(format!("bundle component {component} is gone")))?;
        components.push(BundleComponent {
            variant_id: component,
            sku: c.sku,
            product_name: c.name,
            option_text: c.option_text,
            count,
            available: catalogue::available(conn, component)?,
        });
    }
    Ok(BundleInfo {
        variant_id: sold.variant_id,
        sku: sold.sku.clone(),
        product_name: sold.name.clone(),
        option_text: sold.option_text.clone(),
        components,
    })
}

impl Desk {
    /// Makes the SKU `sku` a bundle of `components` (replacing its previous components).
    /// Components are SKU codes, 품목코드 or barcodes; a component named twice counts twice.
    pub fn set_bundle(&self, sku: &str, components: &[BundleComponentInput]) -> Result<BundleInfo> {
        let now = self.inner.clock.now();
        let info = self.inner.store.write(|tx| {
            let sold = variant(tx, sku)?;
            if components.is_empty() {
                return Err(MatchError::BundleEmpty.into());
            }
            if is_component(tx, sold.variant_id)? {
                return Err(MatchError::BundleNested { sku: sold.sku }.into());
            }
            let mut parts: Vec<(i64, i64)> = Vec::new();
            for input in components {
                let c = variant(tx, &input.sku)?;
                if input.count < 1 {
                    return Err(MatchError::BundleBadCount {
                        sku: c.sku,
                        count: input.count,
                    }
                    .into());
                }
                if c.variant_id == sold.variant_id {
                    return Err(MatchError::BundleSelf { sku: c.sku }.into());
                }
                if mappings::is_bundle(tx, c.variant_id)? {
                    return Err(MatchError::BundleNested { sku: c.sku }.into());
                }
                match parts.iter_mut().find(|(id, _)| *id == c.variant_id) {
                    Some((_, n)) => *n += input.count,
                    None => parts.push((c.variant_id, input.count)),
                }
            }
            refuse_if_held(tx, &sold)?;
            mappings::set_bundle(tx, sold.variant_id, &parts, now)?;
            info(tx, &sold)
        })?;
        tracing::info!(sku = %info.sku, components = info.components.len(), "bundle set");
        Ok(info)
    }

    /// Every bundle with its components.
    pub fn bundles(&self) -> Result<Vec<BundleInfo>> {
        self.inner.store.read_as(|conn| {
            let mut out = Vec::new();
            for id in mappings::bundle_ids(conn)? {
                if let Some(sold) = catalogue::variant_by_id(conn, id)? {
                    out.push(info(conn, &sold)?);
                }
            }
            Ok(out)
        })
    }

    /// Turns a bundle back into a plain SKU.
    pub fn delete_bundle(&self, sku: &str) -> Result<()> {
        self.inner.store.write(|tx| {
            let sold = variant(tx, sku)?;
            if !mappings::is_bundle(tx, sold.variant_id)? {
                return Err(MatchError::NotABundle(sold.sku).into());
            }
            refuse_if_held(tx, &sold)?;
            mappings::delete_bundle(tx, sold.variant_id)?;
            Ok(())
        })
    }
}
