//! Stock counts by hand (ledger kind `adjust`) and a SKU's ledger, for `packdesk stock` and the
//! 할당 tab. A lowered count never goes below what parcels hold (the store's CHECK would refuse
//! it; this says why first).

use packdesk_store::{catalogue, stock_moves};

use super::error::AllocationError;
use super::view::{StockLevel, StockMovement};
use crate::desk::Desk;
use crate::error::{DeskError, Result};

impl Desk {
    /// SKUs whose code, product name or option contains `query` ('' = all), at most `limit`.
    pub fn stock(&self, query: &str, limit: u32) -> Result<Vec<StockLevel>> {
        let rows = self
            .inner
            .store
            .read(|c| stock_moves::list(c, query.trim(), limit))?;
        Ok(rows.into_iter().map(StockLevel::from).collect())
    }

    /// Sets a SKU's counted stock (by SKU, 품목코드 or barcode), then re-plans the parcels waiting
    /// for stock so a raised count reaches them at once.
    pub fn set_stock(&self, sku: &str, on_hand: i64, reason: &str) -> Result<StockLevel> {
        if on_hand < 0 {
            return Err(AllocationError::NegativeCount(on_hand).into());
        }
        let now = self.inner.clock.now();
        let reason = if reason.trim().is_empty() {
            "manual count"
        } else {
            reason.trim()
        };
        self.inner.store.write(|tx| {
            let v = catalogue::find_variant(tx, sku.trim())?
                .ok_or_else(|| DeskError::UnknownSku(sku.trim().to_string()))?;
            let allocated = stock_moves::levels(tx)?
                .get(&v.variant_id)
                .map(|(_, a)| *a)
                .unwrap_or(0);
            if on_hand < allocated {
                return Err(AllocationError::CountBelowAllocated {
                    sku: v.sku,
                    requested: on_hand,
                    allocated,
                }
                .into());
            }
            stock_moves::set_count(tx, v.variant_id, on_hand, reason, now)?;
            let waiting: Vec<i64> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT id FROM parcels WHERE stage = 'backorder' ORDER BY id",
                )?;
                stmt.query_map([], |r| r.get(0))?
                    .collect::<packdesk_store::rusqlite::Result<Vec<_>>>()?
            };
            for p in waiting {
                super::plan_one(tx, p, now)?;
            }
            let row = stock_moves::list(tx, &v.sku, 50)?
                .into_iter()
                .find(|r| r.variant_id == v.variant_id)
                .ok_or_else(|| DeskError::UnknownSku(v.sku.clone()))?;
            Ok(StockLevel::from(row))
        })
    }

    /// The newest `limit` ledger rows of a SKU.
    pub fn stock_ledger(&self, sku: &str, limit: u32) -> Result<Vec<StockMovement>> {
        self.inner.store.read_as(|c| {
            let v = catalogue::find_variant(c, sku.trim())?
                .ok_or_else(|| DeskError::UnknownSku(sku.trim().to_string()))?;
            Ok(stock_moves::ledger(c, v.variant_id, limit)?
                .into_iter()
                .map(|r| StockMovement {
                    id: r.id,
                    delta: r.delta,
                    kind: r.kind,
                    reference: r.reference,
                    at: r.at,
                })
                .collect())
        })
    }
}
