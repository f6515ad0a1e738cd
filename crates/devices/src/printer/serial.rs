//! Serial label and receipt printers: 8N1 at the configured speed, optional flow control.
//! Unlike the scale and scanner lines this one is write-mostly, and with RTS/CTS a busy printer
//! may hold us back for a while, so "how much went out" is measured at the OS queue.
use std::io;
use std::time::{Duration, Instant};

use serialport::SerialPort;

use super::error::{PrinterError, offline};
use super::{PrinterUri, SerialFlow};

/// How often `finish` looks at the OS output queue while it drains. Polled because the OS call
/// that waits for it (tcdrain) has no timeout, and a printer holding CTS low would hang it.
const DRAIN_POLL: Duration = Duration::from_millis(5);

pub(super) fn open(
    uri: &PrinterUri,
    path: &str,
    baud: u32,
    flow: SerialFlow,
    timeout: Duration,
) -> Result<Box<dyn SerialPort>, PrinterError> {
    let port = serialport::new(path, baud)
        .data_bits(serialport::DataBits::Eight)
        .parity(serialport::Parity::None)
        .stop_bits(serialport::StopBits::One)
        .flow_control(match flow {
            SerialFlow::None => serialport::FlowControl::None,
            SerialFlow::RtsCts => serialport::FlowControl::Hardware,
            SerialFlow::XonXoff => serialport::FlowControl::Software,
        })
        .timeout(timeout)
        .open()
        .map_err(|e| open_error(uri, e))?;
    // Nothing the printer said before this job is of interest (and an unread input queue
    // is harmless but untidy).
    if let Err(e) = port.clear(serialport::ClearBuffer::Input) {
        tracing::debug!(printer = %uri, error = %e, "could not clear the serial input buffer");
    }
    Ok(port)
}

fn open_error(uri: &PrinterUri, e: serialport::Error) -> PrinterError {
    use serialport::ErrorKind;
    match e.kind() {
        ErrorKind::Io(io::ErrorKind::PermissionDenied) => PrinterError::AccessDenied {
            uri: uri.to_string(),
            reason: e.to_string(),
        },
        ErrorKind::InvalidInput => PrinterError::Unsupported {
            uri: uri.to_string(),
            reason: e.to_string(),
        },
        // Missing port, unplugged adapter, a pty whose other end is gone: the printer is away.
        _ => offline(uri, e, Some(0)),
    }
}

/// Bytes of `sent` that really left: what is still in the OS output queue has not.
pub(super) fn really_sent(port: &dyn SerialPort, sent: u64) -> u64 {
    match port.bytes_to_write() {
        Ok(queued) => sent.saturating_sub(u64::from(queued)),
        Err(_) => sent,
    }
}

/// Waits until the OS has sent every byte, bounded by `timeout`.
pub(super) fn drain(
    uri: &PrinterUri,
    port: &dyn SerialPort,
    timeout: Duration,
    sent: u64,
) -> Result<(), PrinterError> {
    let deadline = Instant::now() + timeout;
    loop {
        match port.bytes_to_write() {
            Ok(0) => return Ok(()),
            Ok(queued) if Instant::now() >= deadline => {
                return Err(offline(
                    uri,
                    format!("the printer did not take the last {queued} bytes in time"),
                    Some(sent.saturating_sub(u64::from(queued))),
                ));
            }
            Ok(_) => std::thread::sleep(DRAIN_POLL),
            // A port that cannot say is taken to have sent everything.
            Err(e) => {
                tracing::debug!(printer = %uri, error = %e, "cannot read the serial output queue");
                return Ok(());
            }
        }
    }
}
