//! Logs go to a daily rolling file in the data directory. Only codes, counts and ids are logged:
//! names, phones and addresses never are (the commands log error codes, not messages).

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Installs the file logger; returns the guard that flushes it on drop. `RUST_LOG` overrides
/// the default level. A failure to set up logging never stops the app.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("packdesk-app: no log directory {}: {e}", dir.display());
        return None;
    }
    let appender = tracing_appender::rolling::daily(dir, "packdesk-app.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    installed.is_ok().then_some(guard)
}
