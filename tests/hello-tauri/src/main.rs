//! The smallest Tauri 2 app: one window, one static page. Built with the same dependencies and
//! profile as Packdesk so `cargo xtask bench-app` compares like with like.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("hello-tauri: {e}");
        std::process::exit(1);
    }
}
