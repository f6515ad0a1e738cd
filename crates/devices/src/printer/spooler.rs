//! The OS print spooler: CUPS through its `lp` client on Linux and macOS (printer languages go
//! RAW; a PDF is converted by CUPS for the queue's driver), the Windows spooler through winspool
//! (everything RAW: a PDF prints there only on printers that take PDF directly).
//!
//! Every `send` on a `spooler://` connection is one spooler job, handed over whole: a spooler
//! prints nothing of a job it did not take completely, so this is what keeps "the bytes of a
//! successful send are at the printer" true for the print queue (one label per send → one job
//! per label; a PDF → one job).
#[cfg(unix)]
mod command;
#[cfg(unix)]
mod cups;
#[cfg(windows)]
#[allow(unsafe_code)] // winspool is a C API; the unsafe calls are few and commented.
mod winspool;

use std::time::Duration;

use super::{PrinterError, PrinterUri};

/// A spooler takes a job into its own queue; it may be slow to answer when it is busy (a large
/// PDF, a cold start), and giving up early could make us print a job twice. So the hand-over
/// gets at least this long, whatever the connection's timeout.
const MIN_HANDOVER: Duration = Duration::from_secs(30);

/// Hands `job` to the queue `name` as one RAW job.
pub(super) fn submit(
    uri: &PrinterUri,
    name: &str,
    job: &[u8],
    timeout: Duration,
) -> Result<(), PrinterError> {
    let timeout = timeout.max(MIN_HANDOVER);
    #[cfg(unix)]
    {
        cups::submit(uri, name, job, timeout)
    }
    #[cfg(windows)]
    {
        let _ = timeout; // winspool calls block in the spooler service; they have no timeout.
        winspool::submit(uri, name, job)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (name, job, timeout);
        Err(PrinterError::Unsupported {
            uri: uri.to_string(),
            reason: "this OS has no supported print spooler".into(),
        })
    }
}

/// A queue as the spooler lists it.
pub(super) struct Queue {
    pub name: String,
    /// Where the queue sends its jobs (`socket://10.0.0.5:9100`, `usb://Zebra/ZD421`), with
    /// any credentials removed. Not every spooler says.
    pub device: Option<String>,
}

/// The spooler's queues; empty when there is no spooler (or it is not running).
pub(super) fn queues() -> Vec<Queue> {
    #[cfg(unix)]
    {
        cups::queues()
    }
    #[cfg(windows)]
    {
        winspool::queues()
    }
    #[cfg(not(any(unix, windows)))]
    {
        Vec::new()
    }
}
