//! The Windows spooler in RAW mode: OpenPrinterW → StartDocPrinterW(datatype "RAW") →
//! StartPagePrinter → WritePrinter… → EndPagePrinter → EndDocPrinter → ClosePrinter, the
//! sequence Odoo's IoT box and the `printers` crate use. Queues come from EnumPrintersW
//! (level 4: local and connected printers, names only).
//!
//! Compiled on Windows only; the Linux CI never builds this file, so it is kept small and
//! every call is checked.
use ::windows::Win32::Graphics::Printing::{
    AbortPrinter, ClosePrinter, DOC_INFO_1W, EndDocPrinter, EndPagePrinter, EnumPrintersW,
    OpenPrinterW, PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_4W,
    StartDocPrinterW, StartPagePrinter, WritePrinter,
};
use ::windows::core::{HRESULT, PCWSTR, PWSTR};

use super::Queue;
use crate::printer::error::offline;
use crate::printer::{PrinterError, PrinterUri};

const ERROR_ACCESS_DENIED: u32 = 5;
const ERROR_INVALID_PRINTER_NAME: u32 = 1801;

fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(std::iter::once(0)).collect()
}

/// Closes the printer handle however `submit` ends.
struct Printer(PRINTER_HANDLE);

impl Drop for Printer {
    fn drop(&mut self) {
        // SAFETY: the handle came from a successful OpenPrinterW and is closed only here.
        let _ = unsafe { ClosePrinter(self.0) };
    }
}

pub(super) fn submit(uri: &PrinterUri, name: &str, job: &[u8]) -> Result<(), PrinterError> {
    let printer_name = wide(name);
    let mut handle = PRINTER_HANDLE::default();
    // SAFETY: `printer_name` is NUL-terminated and outlives the call; `handle` is a valid
    // out-pointer; no defaults are passed.
    unsafe { OpenPrinterW(PCWSTR(printer_name.as_ptr()), &mut handle, None) }.map_err(|e| {
        if e.code() == HRESULT::from_win32(ERROR_INVALID_PRINTER_NAME) {
            PrinterError::QueueNotFound {
                uri: uri.to_string(),
            }
        } else if e.code() == HRESULT::from_win32(ERROR_ACCESS_DENIED) {
            PrinterError::AccessDenied {
                uri: uri.to_string(),
                reason: e.message(),
            }
        } else {
            offline(uri, e.message(), Some(0))
        }
    })?;
    let printer = Printer(handle);

    let mut doc_name = wide("Packdesk");
    let mut datatype = wide("RAW");
    let info = DOC_INFO_1W {
        pDocName: PWSTR(doc_name.as_mut_ptr()),
        pOutputFile: PWSTR::null(),
        pDatatype: PWSTR(datatype.as_mut_ptr()),
    };
    // SAFETY: `info` and the strings it points to live until the call returns.
    let job_id = unsafe { StartDocPrinterW(printer.0, 1, &info) };
    if job_id == 0 {
        return Err(offline(uri, std::io::Error::last_os_error(), Some(0)));
    }
    if let Err(e) = write_page(&printer, job) {
        // Delete the partial job: the spooler must print all of it or nothing.
        // SAFETY: a valid handle with a started document.
        let _ = unsafe { AbortPrinter(printer.0) };
        return Err(offline(uri, e, Some(0)));
    }
    // SAFETY: a valid handle with a started document.
    if !unsafe { EndDocPrinter(printer.0) }.as_bool() {
        return Err(offline(uri, std::io::Error::last_os_error(), Some(0)));
    }
    tracing::debug!(printer = %uri, job_id, bytes = job.len(), "job spooled");
    Ok(())
}

fn write_page(printer: &Printer, job: &[u8]) -> std::io::Result<()> {
    // SAFETY: a valid handle with a started document.
    if !unsafe { StartPagePrinter(printer.0) }.as_bool() {
        return Err(std::io::Error::last_os_error());
    }
    // WritePrinter takes a u32 length: write in chunks.
    for chunk in job.chunks(1 << 20) {
        let mut done = 0usize;
        while done < chunk.len() {
            let rest = &chunk[done..];
            let mut written = 0u32;
            // SAFETY: `rest` is valid for `rest.len()` bytes (≤ 1 MiB, fits u32) during the call.
            let ok = unsafe {
                WritePrinter(
                    printer.0,
                    rest.as_ptr().cast(),
                    rest.len() as u32,
                    &mut written,
                )
            };
            if !ok.as_bool() || written == 0 {
                return Err(std::io::Error::last_os_error());
            }
            done += written as usize;
        }
    }
    // SAFETY: a valid handle with a started page.
    if !unsafe { EndPagePrinter(printer.0) }.as_bool() {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

pub(super) fn queues() -> Vec<Queue> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut count) = (0u32, 0u32);
    // First call sizes the buffer (it "fails" with ERROR_INSUFFICIENT_BUFFER).
    // SAFETY: valid out-pointers; no buffer.
    let _ = unsafe { EnumPrintersW(flags, PCWSTR::null(), 4, None, &mut needed, &mut count) };
    if needed == 0 {
        return Vec::new();
    }
    let mut buffer = vec![0u8; needed as usize];
    // SAFETY: `buffer` is `needed` bytes long, as the first call asked.
    if unsafe {
        EnumPrintersW(
            flags,
            PCWSTR::null(),
            4,
            Some(buffer.as_mut_slice()),
            &mut needed,
            &mut count,
        )
    }
    .is_err()
    {
        return Vec::new();
    }
    let infos = buffer.as_ptr().cast::<PRINTER_INFO_4W>();
    (0..count as usize)
        .filter_map(|i| {
            // SAFETY: the spooler wrote `count` PRINTER_INFO_4W at the start of `buffer`
            // (a byte buffer, so read unaligned); their strings point into `buffer`, alive here.
            let info = unsafe { infos.add(i).read_unaligned() };
            if info.pPrinterName.is_null() {
                return None;
            }
            // SAFETY: a NUL-terminated string inside `buffer`.
            let name = unsafe { info.pPrinterName.to_string() }.ok()?;
            Some(Queue { name, device: None })
        })
        .collect()
}
