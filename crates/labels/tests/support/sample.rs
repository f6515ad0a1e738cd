//! The library's sample waybills (`packdesk_labels::samples`), under the names the tests use.
#![allow(unused_imports)]

pub use packdesk_labels::samples::{MOBILE, NAME, PHONE, TRACKING, batch, sample};
