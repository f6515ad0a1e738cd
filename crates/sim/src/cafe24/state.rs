//! Everything the simulated mall knows: orders, catalogue, carriers, OAuth grants
//! and shipments. Serialisable as a whole so a demo can keep it across restarts.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::claims::{self, SimClaim};
use super::index::DateIndex;
use super::model::{RecordedShipment, SimCarrier, SimOrder, SimProduct, kst_time};
use super::receiver_change::ReceiverChange;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CodeGrant {
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccessGrant {
    pub scopes: Vec<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RefreshGrant {
    pub scopes: Vec<String>,
    pub expires_at: DateTime<Utc>,
    /// Set once the token has been exchanged: Cafe24 discards the old refresh
    /// token on rotation, so a second use must fail.
    pub rotated: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SimState {
    pub orders: Vec<SimOrder>,
    pub products: Vec<SimProduct>,
    pub carriers: Vec<SimCarrier>,
    pub codes: HashMap<String, CodeGrant>,
    pub access_tokens: HashMap<String, AccessGrant>,
    pub refresh_tokens: HashMap<String, RefreshGrant>,
    pub shipments: Vec<RecordedShipment>,
    /// Orders that turn into cancellation requests (C00) right after a list call
    /// first returns them — the demo's "cancelled after collection" case.
    pub cancel_after_list: BTreeSet<String>,
    /// Claims raised so far; numbers the next `claim_code`.
    #[serde(default)]
    pub claim_seq: u32,
    #[serde(skip)]
    index: HashMap<String, usize>,
    #[serde(skip)]
    dates: DateIndex,
}

impl SimState {
    /// Rebuilds the order-id index (after loading from a file).
    pub fn reindex(&mut self) {
        self.index = self
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| (o.order_id.clone(), i))
            .collect();
        self.dates = DateIndex::build(&self.orders);
    }

    /// Orders sorted by date per shop (see [`DateIndex`]).
    pub fn dates(&self) -> &DateIndex {
        &self.dates
    }

    /// Inserts or replaces orders by `order_id`.
    pub fn upsert_orders(&mut self, orders: Vec<SimOrder>) {
        for order in orders {
            match self.index.get(&order.order_id) {
                Some(&i) => self.orders[i] = order,
                None => {
                    self.index.insert(order.order_id.clone(), self.orders.len());
                    self.orders.push(order);
                }
            }
        }
        // One sort per batch (already-sorted runs make it cheap), not per order.
        self.dates = DateIndex::build(&self.orders);
    }

    pub fn order(&self, order_id: &str) -> Option<&SimOrder> {
        self.index.get(order_id).map(|&i| &self.orders[i])
    }

    pub fn order_mut(&mut self, order_id: &str) -> Option<&mut SimOrder> {
        match self.index.get(order_id) {
            Some(&i) => self.orders.get_mut(i),
            None => None,
        }
    }

    /// Moves every not-yet-shipped line of the order to C00 (취소신청).
    /// Returns false when the order does not exist.
    pub fn cancel_order(&mut self, order_id: &str) -> bool {
        let Some(order) = self.order(order_id) else {
            return false;
        };
        let open: Vec<u32> = order
            .items
            .iter()
            .filter(|i| {
                matches!(
                    i.order_status.as_str(),
                    "N00" | "N10" | "N20" | "N21" | "N22"
                )
            })
            .map(|i| i.item_no)
            .collect();
        for item_no in open {
            self.claim_item(order_id, item_no, "C00");
        }
        true
    }

    /// Moves one line (by `item_no`) to `status`, any code of the reference's
    /// item-status table. A C/R/E status opens a claim on the line (or keeps the
    /// open claim of the same kind as it progresses, e.g. C00 → C10 → C40), with
    /// the claim fields Cafe24 reports; an N status clears it (claim withdrawn).
    /// False when the order, the line or the status code is unknown.
    pub fn claim_item(&mut self, order_id: &str, item_no: u32, status: &str) -> bool {
        if !claims::is_known_status(status) {
            return false;
        }
        let next_seq = self.claim_seq + 1;
        let Some(order) = self.order_mut(order_id) else {
            return false;
        };
        let Some(item) = order.items.iter_mut().find(|i| i.item_no == item_no) else {
            return false;
        };
        item.order_status = status.to_owned();
        let mut opened = false;
        match claims::claim_type(status) {
            Some(kind) if item.claim.as_ref().is_some_and(|c| c.claim_type == kind) => {}
            Some(kind) => {
                item.claim = Some(SimClaim::new(
                    kind,
                    item.quantity,
                    next_seq,
                    kst_time(Utc::now()),
                ));
                opened = true;
            }
            None => item.claim = None,
        }
        // Cafe24's order-level flag: the whole order is cancelled once every line is.
        order.canceled = order.items.iter().all(|i| i.order_status.starts_with("C4"));
        if opened {
            self.claim_seq = next_seq;
        }
        true
    }

    /// Applies `change` to every receiver of the order. False when it does not exist.
    pub fn change_receiver(&mut self, order_id: &str, change: &ReceiverChange) -> bool {
        let Some(order) = self.order_mut(order_id) else {
            return false;
        };
        for r in &mut order.receivers {
            change.apply(r);
        }
        true
    }
}
