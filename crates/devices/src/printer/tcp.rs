//! TCP 9100 (JetDirect/RAW): connect with a bounded timeout, and end a job without making the
//! printer discard what it has not read yet.
use std::io::{self, Read};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::PrinterUri;
use super::error::{PrinterError, offline};

/// Smallest timeout we hand to the OS: a zero timeout means "block forever" for sockets.
pub(super) const MIN_TIMEOUT: Duration = Duration::from_millis(1);

pub(super) fn connect(
    uri: &PrinterUri,
    host: &str,
    port: u16,
    timeout: Duration,
) -> Result<TcpStream, PrinterError> {
    let fail = |reason: String| offline(uri, reason, Some(0));
    let addrs: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(|e| fail(format!("cannot resolve host: {e}")))?
        .collect();
    let mut last_error = None;
    for addr in &addrs {
        match TcpStream::connect_timeout(addr, timeout) {
            Ok(stream) => {
                let setup = stream
                    .set_write_timeout(Some(timeout))
                    .and_then(|()| stream.set_read_timeout(Some(timeout)))
                    .and_then(|()| stream.set_nodelay(true));
                return match setup {
                    Ok(()) => Ok(stream),
                    Err(e) => Err(fail(e.to_string())),
                };
            }
            Err(e) => last_error = Some(e),
        }
    }
    Err(fail(match last_error {
        Some(e) => e.to_string(),
        None => "host has no addresses".into(),
    }))
}

/// After our half-close, waits (bounded by `timeout`) for the printer to close its side:
/// closing outright could reset the connection and make the printer drop unread bytes.
/// Whatever the printer sends back (status) is discarded.
pub(super) fn drain(
    uri: &PrinterUri,
    mut stream: &TcpStream,
    timeout: Duration,
    sent: u64,
) -> Result<(), PrinterError> {
    let deadline = Instant::now() + timeout;
    let mut buf = [0u8; 512];
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            break;
        }
        stream
            .set_read_timeout(Some(remaining.max(MIN_TIMEOUT)))
            .map_err(|e| offline(uri, e, Some(sent)))?;
        match stream.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                break;
            }
            Err(e) => return Err(offline(uri, e, Some(sent))),
        }
    }
    // Everything was written; a printer that never closes its side is not an error.
    tracing::debug!(printer = %uri, "printer kept the connection open after the job");
    Ok(())
}
