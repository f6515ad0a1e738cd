//! Cafe24 Admin API client: OAuth (code exchange, serialised refresh with
//! rotation), a client-side leaky-bucket model so collection never draws a 429,
//! retries with jittered backoff, and the calls Packdesk needs —
//! shops, orders (streamed page by page), products with inventory and their
//! weights, carriers, bulk shipments.
//!
//! Facts about Cafe24 it relies on are in `shared/reference/cafe24-api.md`.

mod client;
mod config;
mod envelope;
mod error;
mod model;
mod money;
mod pacing;
mod stats;
mod token;
mod window;

pub use client::{Cafe24Client, OrderPager, OrderQuery, PageStats, TokenSink};
pub use config::{Cafe24Config, ClientOptions, DEFAULT_SCOPES, authorize_url};
pub use error::Cafe24Error;
pub use model::{
    Carrier, ItemClaim, Order, OrderItem, Product, Receiver, Shipment, ShipmentItem,
    ShipmentOutcome, ShipmentRequest, Shop, Variant, VariantOption,
};
pub use money::{minor_digits, to_minor};
pub use stats::ClientStats;
pub use token::{TokenSet, exchange_code, parse_cafe24_time};
