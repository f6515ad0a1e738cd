//! How bytes reach a printer, and which printers this PC can see.
//!
//! RAW printing (TCP 9100) has no acknowledgement: a write that returned only means the bytes
//! are in our socket buffer. What does prove the printer read a job is its end: we half-close,
//! the printer reads to the end and closes its side ([`PrinterConnection::finish`], as CUPS'
//! socket backend waits for). So every label goes out as its own job, and a label counts as
//! printed only once its job ended cleanly; a printer that resets or vanishes mid-label leaves
//! that label 미출력, and it is sent again, whole, on resume. (A printer that read a label
//! completely and then lost power before closing cannot be told apart from one that did not:
//! that label is sent again too — one duplicate with the same number rather than a parcel
//! without a label.)
//! A file "printer" is one file per job, so its labels are written together and counted
//! printed together once the file is complete.

use std::time::Duration;

use packdesk_devices::printer::{PrinterConnection, PrinterUri};

use crate::error::Result;

/// Bounds connecting, every write and waiting for the printer to close its side.
pub(crate) const PRINTER_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens one job on the printer (TCP today; serial, USB and the OS spooler once
/// `packdesk_devices` grows them — `PrinterConnection` keeps the same open/send/finish).
pub(crate) fn open(uri: &PrinterUri) -> Result<PrinterConnection> {
    Ok(PrinterConnection::open(uri, PRINTER_TIMEOUT)?)
}

/// Sends one job whole: open, write, wait for the printer to take it.
pub(crate) fn send_job(uri: &PrinterUri, chunks: &[Vec<u8>]) -> Result<()> {
    let mut conn = open(uri)?;
    for chunk in chunks {
        conn.send(chunk)?;
    }
    conn.finish()?;
    Ok(())
}

/// True when each label can be its own job on this printer (everything but a file).
pub(crate) fn job_per_label(uri: &PrinterUri) -> bool {
    !matches!(uri, PrinterUri::File(_))
}

/// "tcp" | "file" | "serial" | "usb" | "spooler": the URI's scheme (a plain path is a file).
pub(crate) fn kind(uri: &str) -> String {
    match uri.split_once("://") {
        Some(("socket", _)) => "tcp".into(),
        Some((scheme, _)) => scheme.to_ascii_lowercase(),
        None => "file".into(),
    }
}

/// A printer found on this PC: (uri, name, kind, detail).
pub(crate) struct Found {
    pub uri: String,
    pub name: String,
    pub kind: String,
    pub detail: String,
}

/// Printers the OS can see: spooler queues, USB printer-class devices, serial ports.
pub(crate) fn discover() -> Vec<Found> {
    packdesk_devices::printer::list_printers()
        .into_iter()
        .map(|p| Found {
            kind: match p.kind {
                packdesk_devices::printer::KIND_NETWORK => "tcp".to_string(),
                other => other.to_string(),
            },
            uri: p.uri,
            name: p.name,
            detail: p.detail.unwrap_or_default(),
        })
        .collect()
}
