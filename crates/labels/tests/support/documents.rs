//! The library's sample documents (`packdesk_labels::samples`), under the names the tests use.
#![allow(unused_imports)]

pub use packdesk_labels::samples::*;
