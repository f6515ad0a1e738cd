//! Prints the sample waybill as ZPL on stdout, e.g. to send to a printer on port 9100:
//! `cargo run -p packdesk-labels --example waybill_zpl -- 203 | nc -q1 PRINTER 9100`.

#[path = "../tests/support/sample.rs"]
mod sample;

use packdesk_labels::zpl::{self, ZplOptions};
use std::io::Write;

fn main() -> std::io::Result<()> {
    let dpi = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(203);
    let opts = ZplOptions {
        dpi,
        ..ZplOptions::default()
    };
    std::io::stdout().write_all(&zpl::render(&sample::sample(), &opts))
}
