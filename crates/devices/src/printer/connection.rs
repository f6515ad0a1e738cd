//! One open raw channel to a printer; one connection is one print job.
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::{PrinterError, PrinterUri};

/// Smallest timeout we hand to the OS: a zero timeout means "block forever" for sockets.
const MIN_TIMEOUT: Duration = Duration::from_millis(1);

pub struct PrinterConnection {
    uri: PrinterUri,
    sink: Sink,
    timeout: Duration,
}

enum Sink {
    Tcp(TcpStream),
    File(BufWriter<File>),
}

impl PrinterConnection {
    /// Connects to a network printer (bounded by `timeout`) or creates/truncates the output file.
    /// The same `timeout` bounds every later write and the final drain.
    pub fn open(uri: &PrinterUri, timeout: Duration) -> Result<Self, PrinterError> {
        let timeout = timeout.max(MIN_TIMEOUT);
        let sink = match uri {
            PrinterUri::Tcp { host, port } => Sink::Tcp(connect(uri, host, *port, timeout)?),
            PrinterUri::File(path) => {
                let file = File::create(path).map_err(|source| PrinterError::Io {
                    uri: uri.to_string(),
                    source,
                })?;
                Sink::File(BufWriter::new(file))
            }
        };
        tracing::debug!(printer = %uri, "printer connection open");
        Ok(Self {
            uri: uri.clone(),
            sink,
            timeout,
        })
    }

    pub fn uri(&self) -> &PrinterUri {
        &self.uri
    }

    /// Writes all bytes. A printer that stops reading for longer than the timeout, resets
    /// or closes the connection is reported as [`PrinterError::Offline`].
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), PrinterError> {
        let result = match &mut self.sink {
            Sink::Tcp(stream) => stream.write_all(bytes).and_then(|()| stream.flush()),
            Sink::File(file) => file.write_all(bytes),
        };
        result.map_err(|e| self.error(e))
    }

    /// Ends the job. For TCP we half-close and wait (bounded by the timeout) for the printer
    /// to close its side: closing outright could reset the connection and make the printer
    /// discard bytes it has not read yet. Whatever the printer sends back (status) is discarded.
    pub fn finish(self) -> Result<(), PrinterError> {
        let Self { uri, sink, timeout } = self;
        match sink {
            Sink::Tcp(stream) => {
                stream
                    .shutdown(Shutdown::Write)
                    .map_err(|e| offline(&uri, e))?;
                drain(&uri, &stream, timeout)
            }
            Sink::File(mut writer) => writer
                .flush()
                .and_then(|()| writer.get_ref().sync_all())
                .map_err(|source| PrinterError::Io {
                    uri: uri.to_string(),
                    source,
                }),
        }
    }

    fn error(&self, e: io::Error) -> PrinterError {
        match self.sink {
            // Any socket failure mid-job means the printer is unreachable from the operator's view.
            Sink::Tcp(_) => offline(&self.uri, e),
            Sink::File(_) => PrinterError::Io {
                uri: self.uri.to_string(),
                source: e,
            },
        }
    }
}

fn offline(uri: &PrinterUri, e: io::Error) -> PrinterError {
    PrinterError::Offline {
        uri: uri.to_string(),
        reason: e.to_string(),
    }
}

fn drain(uri: &PrinterUri, mut stream: &TcpStream, timeout: Duration) -> Result<(), PrinterError> {
    let deadline = Instant::now() + timeout;
    let mut buf = [0u8; 512];
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            break;
        }
        stream
            .set_read_timeout(Some(remaining.max(MIN_TIMEOUT)))
            .map_err(|e| offline(uri, e))?;
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
            Err(e) => return Err(offline(uri, e)),
        }
    }
    // Everything was written; a printer that never closes its side is not an error.
    tracing::debug!(printer = %uri, "printer kept the connection open after the job");
    Ok(())
}

fn connect(
    uri: &PrinterUri,
    host: &str,
    port: u16,
    timeout: Duration,
) -> Result<TcpStream, PrinterError> {
    let offline = |reason: String| PrinterError::Offline {
        uri: uri.to_string(),
        reason,
    };
    let addrs: Vec<_> = (host, port)
        .to_socket_addrs()
        .map_err(|e| offline(format!("cannot resolve host: {e}")))?
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
                    Err(e) => Err(offline(e.to_string())),
                };
            }
            Err(e) => last_error = Some(e),
        }
    }
    Err(offline(match last_error {
        Some(e) => e.to_string(),
        None => "host has no addresses".into(),
    }))
}

/// Sends one whole job: open, write, finish.
pub fn print_raw(uri: &PrinterUri, bytes: &[u8], timeout: Duration) -> Result<(), PrinterError> {
    let mut connection = PrinterConnection::open(uri, timeout)?;
    connection.send(bytes)?;
    connection.finish()
}
