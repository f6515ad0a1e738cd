//! Writes the docs image of the CJ waybill, `docs/waybill-cj.png`: the PDF page rendered at
//! 200 dpi by poppler's `pdftoppm` (the PDF itself is left in the temp dir).
//!
//! Run from the workspace root: `cargo run -p packdesk-labels --example waybill_png`.

#[path = "../tests/support/sample.rs"]
mod sample;

use packdesk_labels::{MaskRule, pdf};
use std::path::PathBuf;
use std::process::Command;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()?;
    let bytes = pdf::render(&[sample::sample()], MaskRule::default())?;
    let pdf_path = std::env::temp_dir().join("waybill-cj.pdf");
    std::fs::write(&pdf_path, &bytes)?;
    let out_base = root.join("docs/waybill-cj");
    let status = Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-singlefile"])
        .arg(&pdf_path)
        .arg(&out_base)
        .status()
        .map_err(|e| format!("pdftoppm (poppler-utils) is needed: {e}"))?;
    if !status.success() {
        return Err(format!("pdftoppm failed: {status}").into());
    }
    println!(
        "wrote {}.png ({} byte PDF at {})",
        out_base.display(),
        bytes.len(),
        pdf_path.display()
    );
    Ok(())
}
