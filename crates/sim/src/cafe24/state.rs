//! Everything the simulated mall knows: orders, catalogue, carriers, OAuth grants
//! and shipments. Serialisable as a whole so a demo can keep it across restarts.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{RecordedShipment, SimCarrier, SimOrder, SimProduct};

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
    #[serde(skip)]
    index: HashMap<String, usize>,
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
        let Some(order) = self.order_mut(order_id) else {
            return false;
        };
        for item in &mut order.items {
            if matches!(
                item.order_status.as_str(),
                "N00" | "N10" | "N20" | "N21" | "N22"
            ) {
                item.order_status = "C00".to_owned();
            }
        }
        true
    }
}
