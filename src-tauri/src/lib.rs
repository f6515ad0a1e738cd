//! Packdesk desktop shell: Tauri commands that call the packdesk-core `Desk`, events that tell
//! the UI when something changed behind its back, and the start-up that opens the desk without
//! holding up the window.

mod allocate_commands;
mod background;
mod commands;
mod desk_slot;
mod device_commands;
mod events;
mod logging;
mod match_commands;
mod order_entry_commands;
mod pipeline_commands;
mod print_commands;
mod ship_commands;
mod weigh_commands;

use std::process::ExitCode;

use tauri::{Builder, Context, Manager, Runtime};

pub use desk_slot::DeskSlot;
pub use events::{
    COLLECT_PROGRESS, CONSENT_URL, DEVICES_CHANGED, OUTBOX_SYNCED, SERIAL_SCAN, SYNC_FAILED,
};

/// Entry point of the `packdesk-app` binary.
pub fn run() -> ExitCode {
    webkit_rendering_defaults();
    // Keep the guard alive for the whole run: dropping it flushes and stops the log writer.
    let _log = logging::init(&packdesk_core::paths::data_dir().join("logs"));
    match run_app(Builder::default(), tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "the app failed");
            eprintln!("packdesk-app: {e}");
            ExitCode::FAILURE
        }
    }
}

/// On Linux, WebKitGTK's DMA-BUF renderer is switched off unless the user chose otherwise: a
/// station PC without a GPU driver (or under a VM / remote desktop) renders through software GL,
/// where the DMA-BUF path made every frame 50–90 ms and pushed scan-to-screen past 50 ms; without
/// it a scan's result is on screen in ~25 ms (docs/benchmarks.md). It is also the usual fix for
/// blank windows on some NVIDIA drivers, and uses less memory.
fn webkit_rendering_defaults() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        // SAFETY: called first thing in `run`, before the log writer or any other thread exists,
        // so nothing can read the environment concurrently.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
        }
    }
}

/// Builds and runs the app on any runtime (the real webview, or `tauri::test`'s mock runtime).
pub fn run_app<R: Runtime>(builder: Builder<R>, context: Context<R>) -> tauri::Result<()> {
    configure(builder).run(context)
}

/// Everything the shell adds to a builder: state, commands and the start-up task.
pub fn configure<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .manage(DeskSlot::new())
        .manage(background::WeightWatchers::default())
        .manage(background::ScannerWatchers::default())
        .invoke_handler(tauri::generate_handler![
            commands::status,
            commands::parcels,
            commands::collect,
            commands::shops,
            commands::last_collections,
            commands::schedule,
            commands::set_schedule,
            commands::set_shop_rules,
            print_commands::print,
            print_commands::resume_print,
            print_commands::print_jobs,
            print_commands::printers,
            print_commands::test_print,
            print_commands::reprint_policy,
            print_commands::set_reprint_policy,
            print_commands::reprint_audit,
            print_commands::save_printer,
            print_commands::print_settings,
            print_commands::set_print_settings,
            print_commands::templates,
            print_commands::preview,
            print_commands::document_settings,
            print_commands::set_document_settings,
            print_commands::sku_facts,
            print_commands::set_sku_facts,
            commands::ship_scan,
            commands::sync,
            commands::connect_cafe24,
            commands::weight,
            commands::virtual_printer,
            commands::watch_weight,
            device_commands::devices,
            device_commands::set_scale,
            device_commands::clear_scale,
            device_commands::set_scanner,
            device_commands::clear_scanner,
            device_commands::decode_scan,
            device_commands::watch_scanner,
            device_commands::unwatch_scanner,
            weigh_commands::weigh_parcel,
            weigh_commands::undercharged,
            weigh_commands::save_product_weight,
            order_entry_commands::register_order,
            order_entry_commands::order_channels,
            order_entry_commands::download_order_template,
            order_entry_commands::import_order_upload,
            order_entry_commands::order_batches,
            order_entry_commands::delete_order_batch,
            order_entry_commands::return_candidate,
            order_entry_commands::receive_return,
            order_entry_commands::returns,
            match_commands::unmatched_groups,
            match_commands::search_skus,
            match_commands::match_line,
            match_commands::sku_mappings,
            match_commands::delete_mapping,
            match_commands::edit_mapping,
            match_commands::bundles,
            match_commands::set_bundle,
            match_commands::delete_bundle,
            match_commands::import_mapping_upload,
            pipeline_commands::pipeline_counts,
            pipeline_commands::merge_reviews,
            pipeline_commands::decide_merge,
            pipeline_commands::lock_merge,
            pipeline_commands::carrier_layouts,
            pipeline_commands::export_carrier_file,
            pipeline_commands::preview_carrier_upload,
            pipeline_commands::carrier_import_rows,
            pipeline_commands::apply_carrier_import,
            pipeline_commands::invoice_pools,
            pipeline_commands::add_invoice_pool,
            allocate_commands::backorders,
            allocate_commands::allocation_policy,
            allocate_commands::set_allocation_policy,
            allocate_commands::reallocate,
            allocate_commands::split_unallocated,
            allocate_commands::split_all_unallocated,
            allocate_commands::stock_levels,
            allocate_commands::set_stock,
            allocate_commands::stock_ledger,
            ship_commands::ship_confirmed,
            ship_commands::ship_selected,
            ship_commands::recheck_shipped,
            ship_commands::mismatches,
            ship_commands::fix_mismatch,
            ship_commands::claimed_parcels,
            ship_commands::merge_options,
            ship_commands::set_merge_options,
        ])
        .setup(|app| {
            // Opening the desk may seed the demo shop and start its simulators; the window is
            // already up meanwhile and shows "starting demo…" until `status` answers.
            let handle = app.handle().clone();
            let slot = app.state::<DeskSlot>().inner().clone();
            tauri::async_runtime::spawn(async move {
                match packdesk_core::Desk::open_app().await {
                    Ok(desk) => {
                        tracing::info!(mode = ?desk.mode().ok(), "desk opened");
                        slot.set_ready(desk);
                        tauri::async_runtime::spawn(background::schedule_forever(slot.clone()));
                        tauri::async_runtime::spawn(background::forward_progress(
                            handle.clone(),
                            slot.clone(),
                        ));
                        tauri::async_runtime::spawn(background::forward_serial_scans(
                            handle.clone(),
                            slot.clone(),
                        ));
                        tauri::async_runtime::spawn(background::forward_device_changes(
                            handle.clone(),
                            slot.clone(),
                        ));
                        background::sync_outbox_forever(handle, slot).await;
                    }
                    Err(e) => {
                        tracing::error!(code = e.code(), "the desk failed to open");
                        slot.set_failed(e.payload());
                    }
                }
            });
            Ok(())
        })
}
