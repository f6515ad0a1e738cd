//! What the client sends and reads back: outbound requests and their status
//! rows, stock rows and goods — each with its FASSTO wire form beside it.

mod catalog;
mod outbound;
mod status;

pub use catalog::{FmsGoods, StockRow, available_by_cst_god_cd};
pub(crate) use catalog::{WireGoods, WireStock};
pub(crate) use outbound::WireItemResult;
pub use outbound::{OutWay, OutboundItem, OutboundRequest, OutboundResult, Registered};
pub(crate) use status::WireOutboundRow;
pub use status::{OutboundRow, OutboundStatus, Tracking};
