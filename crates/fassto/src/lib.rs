//! FASSTO FMS Open API client for shops that outsource fulfilment to FASSTO:
//! sign in with `apiCd`/`apiKey` (token sent in the `accessToken` header, customer
//! code in the path), register parcel outbound requests (택배 출고요청), read their
//! status back with the carrier invoice number, cancel them, and read stock and
//! goods. Cafe24 options FMS cannot link are flagged by [`cafe24_option`].
//!
//! Facts it relies on are in `shared/reference/carriers-fassto-rates.md` §1 and
//! seed `001` (FASSTO's own Cafe24 guide). Where FASSTO's behaviour is not
//! documented (HTTP status of a refused token, batch limits) the code says what
//! it assumes and why.

pub mod cafe24_option;
mod carrier;
mod client;
mod config;
mod de;
mod envelope;
mod error;
mod kst;
mod model;

pub use cafe24_option::{
    Cafe24OptionType, FmsLinkProblem, flag_unlinkable_option, fms_link_problem,
};
pub use carrier::{carrier_code_for_parcel_cd, carrier_code_for_parcel_nm};
pub use client::FmsClient;
pub use config::{FmsConfig, FmsOptions, PRODUCTION_BASE_URL, STAGING_BASE_URL};
pub use error::FmsError;
pub use kst::today_kst;
pub use model::{
    FmsGoods, OutWay, OutboundItem, OutboundRequest, OutboundResult, OutboundRow, OutboundStatus,
    Registered, StockRow, Tracking, available_by_cst_god_cd,
};
