//! The shop-wide allocation setting: which parcels are served first when stock is short.

use std::str::FromStr;

use packdesk_store::{Connection, settings};
use serde::{Deserialize, Serialize};

use super::error::AllocationError;
use crate::error::Result;

/// Settings key holding the policy as JSON.
pub(crate) const SETTING_KEY: &str = "allocation.policy";

/// Order of service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceOrder {
    /// Parcels that can ship whole take stock first (in priority order); what is left then goes
    /// line by line to the partially shippable ones.
    #[default]
    FullFirst,
    /// One pass in priority order; each parcel takes line by line what is there.
    Partial,
}

/// Which parcel goes first within a pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Oldest order (주문일, else 결제일) first.
    #[default]
    Date,
    /// By seller (the order's shop, in the order shops were connected), then date.
    Seller,
    /// Fewest units first, then date: the same stock ships the most parcels.
    Quantity,
    /// Largest amount (Σ unit price × quantity) first, then date.
    Amount,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationPolicy {
    pub order: ServiceOrder,
    pub priority: Priority,
}

impl FromStr for ServiceOrder {
    type Err = AllocationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "full-first" | "full" => Ok(ServiceOrder::FullFirst),
            "partial" => Ok(ServiceOrder::Partial),
            _ => Err(AllocationError::BadPolicy { value: s.into() }),
        }
    }
}

impl FromStr for Priority {
    type Err = AllocationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "date" => Ok(Priority::Date),
            "seller" | "shop" => Ok(Priority::Seller),
            "quantity" | "qty" => Ok(Priority::Quantity),
            "amount" => Ok(Priority::Amount),
            _ => Err(AllocationError::BadPolicy { value: s.into() }),
        }
    }
}

/// The stored policy; the default when none was set or the stored text is unreadable (an older
/// or hand-edited value must not stop allocation).
pub(crate) fn load(conn: &Connection) -> Result<AllocationPolicy> {
    Ok(settings::get(conn, SETTING_KEY)?
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

pub(crate) fn save(conn: &Connection, policy: AllocationPolicy) -> Result<()> {
    let json = serde_json::to_string(&policy)
        .map_err(|e| crate::error::DeskError::Internal(e.to_string()))?;
    settings::set(conn, SETTING_KEY, &json)?;
    Ok(())
}
