//! International shipping fees: rate tables as data, chargeable weight, quotes with their
//! surcharges, conversion to the shop's currency, and the undercharge flag.
//!
//! Pure: no IO besides parsing text handed in and the tables compiled in from `assets/rates/`.
//! Weights are integer grams, sizes integer millimetres, money integer KRW — a weight break is
//! exact, never a float comparison.

mod currency;
mod error;
mod flag;
mod quote;
mod service;
mod shipped;
mod table;
mod units;
mod weight;

pub use currency::{ConvertedLine, ConvertedQuote, Currency, ExchangeRate};
pub use error::{FeeError, SizeRule};
pub use flag::{Tolerance, undercharged};
pub use quote::{Destination, LineKind, Quote, QuoteLine, quote, quote_to};
pub use service::{
    DEFAULT_EXPORT_DECLARATION_KRW, DataStatus, Limits, RemoteArea, Rounding, Service,
};
pub use shipped::{ServiceId, shipped};
pub use table::{RateTable, TablePrice, Zone};
pub use units::{fmt_cm, fmt_kg, group_thousands, parse_dims, parse_fixed, parse_weight_g};
pub use weight::{Dims, chargeable_weight, round_up_to_step, volumetric_grams};
