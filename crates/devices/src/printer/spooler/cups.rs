//! CUPS through its command-line clients, which every CUPS install has (no libcups headers to
//! build against): `lp -d NAME [-o raw]` takes the job on stdin, `lpstat` lists the queues.
//! The clients honour `CUPS_SERVER` like any CUPS program.
use std::time::Duration;

use super::Queue;
use super::command::{Finished, RunError, run};
use crate::printer::error::offline;
use crate::printer::{PrinterError, PrinterUri};

/// `lpstat` answers from the scheduler at once; longer means it is not answering.
const LIST_TIMEOUT: Duration = Duration::from_secs(5);
/// The job title the queue shows.
const TITLE: &str = "Packdesk";

pub(super) fn submit(
    uri: &PrinterUri,
    name: &str,
    job: &[u8],
    timeout: Duration,
) -> Result<(), PrinterError> {
    let mut args = vec!["-d", name, "-t", TITLE];
    if !is_document(job) {
        args.extend(["-o", "raw"]);
    }
    let finished = run("lp", &args, Some(job), timeout).map_err(|e| match e {
        RunError::Missing(e) => PrinterError::SpoolerMissing {
            uri: uri.to_string(),
            reason: format!("lp: {e}"),
        },
        RunError::Spawn(e) => PrinterError::Io {
            uri: uri.to_string(),
            source: e,
        },
        RunError::TimedOut => offline(
            uri,
            format!("the spooler did not take the job within {timeout:?}"),
            Some(0),
        ),
    })?;
    if finished.status.success() {
        // "request id is QUEUE-12 (1 file(s))"
        tracing::debug!(printer = %uri, bytes = job.len(), answer = finished.stdout.trim(), "job spooled");
        return Ok(());
    }
    match classify(uri, &finished) {
        // lp says the same when it cannot reach the scheduler at all: ask which it is.
        PrinterError::QueueNotFound { .. } if !scheduler_running() => Err(offline(
            uri,
            "the print spooler (CUPS scheduler) is not running",
            Some(0),
        )),
        other => Err(other),
    }
}

/// `lpstat -r`: "scheduler is running" / "scheduler is not running".
fn scheduler_running() -> bool {
    match run("lpstat", &["-r"], None, LIST_TIMEOUT) {
        Ok(f) => {
            let said = f.stdout.to_ascii_lowercase();
            said.contains("is running") && !said.contains("not running")
        }
        Err(_) => false,
    }
}

/// A PDF or PostScript document is left to CUPS to convert for the queue's driver (an office
/// printer, a PDF writer, which mostly cannot take PDF as is). Everything else is a printer
/// language (ZPL, TSPL, ESC/POS) and goes RAW, byte for byte.
fn is_document(job: &[u8]) -> bool {
    job.starts_with(b"%PDF-") || job.starts_with(b"%!")
}

/// Maps `lp`'s complaint (C locale) to an error the desk can act on.
fn classify(uri: &PrinterUri, finished: &Finished) -> PrinterError {
    let said = first_line(&finished.stderr)
        .or_else(|| first_line(&finished.stdout))
        .unwrap_or_else(|| format!("lp exited with {}", finished.status));
    let lower = said.to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    if has(&[
        "does not exist",
        "unknown destination",
        "no such destination",
    ]) {
        PrinterError::QueueNotFound {
            uri: uri.to_string(),
        }
    } else if has(&[
        "forbidden",
        "not authorized",
        "unauthorized",
        "permission denied",
    ]) {
        PrinterError::AccessDenied {
            uri: uri.to_string(),
            reason: said,
        }
    } else if has(&[
        "scheduler is not running",
        "unable to connect",
        "connection refused",
        "no such file or directory",
        "not accepting jobs",
        "service-unavailable",
        "server-error",
    ]) {
        // The spooler (or the queue) is down: pause and retry later, like a printer that is off.
        offline(uri, said, Some(0))
    } else {
        PrinterError::SpoolerRejected {
            uri: uri.to_string(),
            reason: said,
        }
    }
}

fn first_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_owned)
}

pub(super) fn queues() -> Vec<Queue> {
    let devices = lpstat(&["-v"])
        .map(|out| parse_devices(&out))
        .unwrap_or_default();
    // `-e` lists every destination, including classes and queues without a device line.
    let names = match lpstat(&["-e"]) {
        Some(out) => out
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        None => devices
            .iter()
            .map(|(name, _)| name.clone())
            .collect::<Vec<_>>(),
    };
    names
        .into_iter()
        .map(|name| Queue {
            device: devices
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, device)| without_credentials(device)),
            name,
        })
        .collect()
}

/// stdout of a successful `lpstat ARGS`; `None` when CUPS is missing, down or says no.
fn lpstat(args: &[&str]) -> Option<String> {
    match run("lpstat", args, None, LIST_TIMEOUT) {
        Ok(f) if f.status.success() => Some(f.stdout),
        Ok(f) => {
            tracing::debug!(args = ?args, stderr = f.stderr.trim(), "lpstat failed");
            None
        }
        Err(e) => {
            tracing::debug!(args = ?args, error = ?e, "lpstat could not run");
            None
        }
    }
}

/// `device for NAME: URI` lines.
fn parse_devices(out: &str) -> Vec<(String, String)> {
    out.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("device for ")?;
            let (name, device) = rest.split_once(": ")?;
            Some((name.trim().to_owned(), device.trim().to_owned()))
        })
        .collect()
}

/// `ipp://user:secret@host/…` → `ipp://host/…`: the list is shown on screen.
fn without_credentials(device: &str) -> String {
    let Some((scheme, rest)) = device.split_once("://") else {
        return device.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => device.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt as _;

    fn failed(stderr: &str) -> Finished {
        Finished {
            status: std::process::ExitStatus::from_raw(1 << 8),
            stdout: String::new(),
            stderr: stderr.into(),
        }
    }

    #[test]
    fn lp_complaints_become_errors_the_desk_can_act_on() {
        let uri = PrinterUri::Spooler { name: "Q".into() };
        let code = |stderr: &str| classify(&uri, &failed(stderr)).code();
        assert_eq!(
            code("lp: The printer or class does not exist.\n"),
            "PRINTER_QUEUE_NOT_FOUND"
        );
        assert_eq!(code("lp: Scheduler is not running.\n"), "PRINTER_OFFLINE");
        assert_eq!(
            code("lp: Destination \"Q\" is not accepting jobs.\n"),
            "PRINTER_OFFLINE"
        );
        assert_eq!(code("lp: Forbidden\n"), "PRINTER_ACCESS_DENIED");
        let other = classify(&uri, &failed("\nlp: Document format not supported\n"));
        assert_eq!(other.code(), "PRINTER_SPOOLER_REJECTED");
        assert!(other.to_string().contains("Document format not supported"));
        let offline = classify(&uri, &failed("lp: Scheduler is not running."));
        assert_eq!(offline.bytes_sent(), Some(0));
    }

    #[test]
    fn documents_are_converted_and_printer_languages_go_raw() {
        assert!(is_document(b"%PDF-1.7\n"));
        assert!(is_document(b"%!PS-Adobe-3.0\n"));
        assert!(!is_document(b"^XA^FO40,40^FDx^FS^XZ"));
        assert!(!is_document(b"SIZE 100 mm,150 mm\r\n"));
        assert!(!is_document(b"\x1b@\x1dV\x00"));
    }

    #[test]
    fn lpstat_device_lines() {
        let out =
            "device for PackdeskPDF: cups-pdf:/\ndevice for Zebra: socket://10.0.0.5:9100\nnoise\n";
        assert_eq!(
            parse_devices(out),
            vec![
                ("PackdeskPDF".to_owned(), "cups-pdf:/".to_owned()),
                ("Zebra".to_owned(), "socket://10.0.0.5:9100".to_owned())
            ]
        );
    }

    #[test]
    fn credentials_never_reach_the_screen() {
        assert_eq!(
            without_credentials("ipp://user:secret@printer.local:631/ipp/print"),
            "ipp://printer.local:631/ipp/print"
        );
        assert_eq!(
            without_credentials("socket://10.0.0.5:9100"),
            "socket://10.0.0.5:9100"
        );
        assert_eq!(without_credentials("cups-pdf:/"), "cups-pdf:/");
        assert_eq!(
            without_credentials("smb://u:p@host/share@x"),
            "smb://host/share@x"
        );
    }
}
