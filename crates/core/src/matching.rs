//! 매칭: every order line to one of our SKUs. Automatic by Cafe24's 품목코드 (variant_code); the
//! rest (filled in by the matching work: remembered name+option mappings, bundles) comes here.

use packdesk_store::{Transaction, parcels::ParcelLine};

use crate::error::Result;

/// Gives a SKU to every line of `lines` that has none yet, if one can be found now (the catalogue
/// caught up, or a remembered mapping applies). Lines that stay unmatched keep `variant_id` NULL.
pub(crate) fn rematch(tx: &Transaction, lines: &[ParcelLine]) -> Result<()> {
    for line in lines.iter().filter(|l| l.variant_id.is_none()) {
        tx.execute(
            "UPDATE order_items SET variant_id = (SELECT id FROM variants WHERE variant_code = order_items.variant_code)
             WHERE id = ?1",
            [line.item_id],
        )?;
    }
    Ok(())
}

/// The stock `qty` units of the sold SKU `variant_id` take: the SKU itself, or for a bundle (one
/// sold product = several SKUs) each component times its count. Allocation and release both go
/// through this, so a bundle can never take stock one way and give it back another.
pub(crate) fn stock_needs(_tx: &Transaction, variant_id: i64, qty: i64) -> Result<Vec<(i64, i64)>> {
    Ok(vec![(variant_id, qty)])
}
