//! What the 할당 tab and `packdesk allocate` show: the report of a re-allocation, the 재고부족
//! parcels with their short lines, a split's outcome, stock levels and ledger rows.

use serde::{Deserialize, Serialize};

use super::policy::AllocationPolicy;

/// What a re-allocation did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationReport {
    pub policy: AllocationPolicy,
    /// Parcels before their waybill that were re-planned.
    pub parcels: u32,
    pub ready: u32,
    pub backorder: u32,
    /// Backorder parcels holding stock for some of their lines (split candidates).
    pub partial: u32,
    pub unmatched: u32,
    pub claimed: u32,
    pub lines_allocated: u32,
    pub lines_short: u32,
    /// Lines whose allocation changed.
    pub lines_changed: u32,
    /// Parcels whose stage changed.
    pub stages_changed: u32,
}

/// One stock SKU a short line needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockNeed {
    pub sku: String,
    pub need: i64,
    /// on_hand − allocated now.
    pub available: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackorderLine {
    pub item_id: i64,
    pub order_id: String,
    pub order_item_code: String,
    pub product_name: String,
    pub option_text: String,
    pub quantity: i64,
    pub allocated: i64,
    /// Not holding its stock (the lines a split moves out).
    pub short: bool,
    /// Per stock SKU, for short lines (components for a bundle).
    pub needs: Vec<StockNeed>,
}

/// A 재고부족 parcel as the 할당 tab lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackorderParcel {
    pub parcel_id: i64,
    /// 연번 in the working list.
    pub no: u32,
    pub order_ids: Vec<String>,
    pub lines: Vec<BackorderLine>,
    /// Some lines hold stock: 미할당주문나누기 would ship them now.
    pub splittable: bool,
}

/// What 미할당주문나누기 did to one parcel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitOutcome {
    pub parcel_id: i64,
    pub no: u32,
    /// Stage of the original parcel now (ready: it ships now).
    pub stage: String,
    pub new_parcel_id: i64,
    pub new_no: u32,
    /// Stage of the new parcel holding the moved lines (backorder, or claimed).
    pub new_stage: String,
    pub moved_lines: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockLevel {
    pub variant_id: i64,
    pub sku: String,
    pub product_name: String,
    pub option_text: String,
    pub on_hand: i64,
    pub allocated: i64,
    pub available: i64,
}

impl From<packdesk_store::stock_moves::StockRow> for StockLevel {
    fn from(r: packdesk_store::stock_moves::StockRow) -> Self {
        StockLevel {
            variant_id: r.variant_id,
            sku: r.sku,
            product_name: r.product_name,
            option_text: r.option_text,
            on_hand: r.on_hand,
            allocated: r.allocated,
            available: r.on_hand - r.allocated,
        }
    }
}

/// One ledger row of a SKU.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockMovement {
    pub id: i64,
    pub delta: i64,
    /// sync | allocate | release | ship | adjust | return | …
    pub kind: String,
    pub reference: Option<String>,
    pub at: String,
}
