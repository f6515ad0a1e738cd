//! Writes one preview image per template, `docs/templates/<id>.png` (203 dpi, one pixel per
//! printer dot), from the sample data the tests use.
//!
//! Run from anywhere: `cargo run -p packdesk-labels --example templates_png`.

#[path = "../tests/support/documents.rs"]
mod documents;

use packdesk_labels::preview_png;
use packdesk_labels::template::{Template, render_document};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/templates");
    std::fs::create_dir_all(&dir)?;
    for (id, data) in documents::all() {
        let template = Template::builtin(id)?;
        let doc = render_document(&template, &data)?;
        let path = dir.join(format!("{}.png", id.id()));
        std::fs::write(&path, preview_png(&doc))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
