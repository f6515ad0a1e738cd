fn main() {
    // tauri.conf.json embeds ../ui/dist; without it the failure deep inside tauri's codegen is
    // hard to read, so say what to do.
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist/index.html");
    assert!(
        dist.exists(),
        "ui/dist is missing: run `npm ci && npm run build` in ui/ first"
    );
    tauri_build::build()
}
