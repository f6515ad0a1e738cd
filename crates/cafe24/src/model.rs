//! What the client hands back: shops, orders, products, carriers, shipments. Parsing is
//! tolerant — unknown fields are ignored, nulls and empty strings become `None`,
//! numbers that arrive as strings (and the reverse) are accepted — because field
//! types drift between Cafe24 API versions.

mod catalog;
mod de;
mod order;
mod shipment;
mod shop;

pub use catalog::{Carrier, Product, Variant, VariantOption};
pub(crate) use order::WireOrder;
pub use order::{ItemClaim, Order, OrderItem, Receiver};
pub(crate) use shipment::outcomes_from_reply;
pub use shipment::{Shipment, ShipmentItem, ShipmentOutcome, ShipmentRequest};
pub use shop::Shop;
