//! One open raw channel to a printer; one connection is one print job (for a spooler, every
//! `send` is one spooler job: see the `spooler` module).
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use serialport::SerialPort;

use super::error::offline;
use super::usb::{UsbPrinter, open_node, usb_error};
use super::{PrinterError, PrinterUri, UsbPrinterId, serial, spooler, tcp};

pub struct PrinterConnection {
    uri: PrinterUri,
    sink: Sink,
    timeout: Duration,
    /// Bytes of this job the transport has accepted.
    sent: u64,
}

enum Sink {
    Tcp(TcpStream),
    File(BufWriter<File>),
    Serial(Box<dyn SerialPort>),
    /// A Linux usblp node: a character device written like a file.
    UsbNode(File),
    Usb(UsbPrinter),
    Spooler {
        name: String,
    },
}

impl PrinterConnection {
    /// Opens the channel: connects to a network printer, opens the serial port, claims the USB
    /// printer interface, or creates/truncates the output file, all bounded by `timeout`. The
    /// same `timeout` bounds every later write and the final drain. A printer that is not there
    /// is [`PrinterError::Offline`] with nothing sent. A spooler queue is not contacted until
    /// the first `send`.
    pub fn open(uri: &PrinterUri, timeout: Duration) -> Result<Self, PrinterError> {
        let timeout = timeout.max(tcp::MIN_TIMEOUT);
        let sink = match uri {
            PrinterUri::Tcp { host, port } => Sink::Tcp(tcp::connect(uri, host, *port, timeout)?),
            PrinterUri::File(path) => {
                let file = File::create(path).map_err(|source| PrinterError::Io {
                    uri: uri.to_string(),
                    source,
                })?;
                Sink::File(BufWriter::new(file))
            }
            PrinterUri::Serial { path, baud, flow } => {
                Sink::Serial(serial::open(uri, path, *baud, *flow, timeout)?)
            }
            PrinterUri::Usb {
                id: UsbPrinterId::Node(path),
            } => Sink::UsbNode(open_node(uri, path)?),
            PrinterUri::Usb {
                id: UsbPrinterId::Device { vid, pid, serial },
            } => Sink::Usb(UsbPrinter::open(
                uri,
                *vid,
                *pid,
                serial.as_deref(),
                timeout,
            )?),
            PrinterUri::Spooler { name } => Sink::Spooler { name: name.clone() },
        };
        tracing::debug!(printer = %uri, "printer connection open");
        Ok(Self {
            uri: uri.clone(),
            sink,
            timeout,
            sent: 0,
        })
    }

    pub fn uri(&self) -> &PrinterUri {
        &self.uri
    }

    /// Bytes of this job the transport has accepted so far. For TCP, serial and USB that is
    /// what the OS or device took (the printer may still be working through it); for a
    /// spooler, the bytes of the sends it accepted as jobs.
    pub fn bytes_sent(&self) -> u64 {
        self.sent
    }

    /// Writes all bytes; when it returns Ok they are with the printer (or its spooler). A
    /// printer that stops taking bytes for longer than the timeout, resets, closes or vanishes
    /// is [`PrinterError::Offline`], whose [`PrinterError::bytes_sent`] counts the bytes of
    /// this job that went out before it (this call's included).
    ///
    /// For `spooler://` each call is one spooler job, so pass whole documents (one label, one
    /// PDF), never half of one.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), PrinterError> {
        let sent = &mut self.sent;
        let result = match &mut self.sink {
            Sink::Tcp(stream) => write_counted(stream, bytes, sent).and_then(|()| stream.flush()),
            Sink::Serial(port) => write_counted(port, bytes, sent).inspect_err(|_| {
                // What is still queued in the OS never reached the printer.
                *sent = serial::really_sent(port.as_ref(), *sent);
            }),
            Sink::UsbNode(file) => write_counted(file, bytes, sent),
            Sink::Usb(printer) => {
                return printer
                    .write(bytes, sent)
                    .map_err(|e| usb_error(&self.uri, e, Some(*sent)));
            }
            Sink::File(file) => {
                return write_counted(file, bytes, sent).map_err(|source| PrinterError::Io {
                    uri: self.uri.to_string(),
                    source,
                });
            }
            Sink::Spooler { name } => {
                spooler::submit(&self.uri, name, bytes, self.timeout).map_err(|e| match e {
                    // Earlier sends were jobs of their own and were taken.
                    PrinterError::Offline { uri, reason, .. } => PrinterError::Offline {
                        uri,
                        reason,
                        sent: Some(*sent),
                    },
                    other => other,
                })?;
                *sent += bytes.len() as u64;
                return Ok(());
            }
        };
        result.map_err(|e| offline(&self.uri, e, Some(self.sent)))
    }

    /// Ends the job. TCP: half-close and wait (bounded by the timeout) for the printer to
    /// close its side. Serial: wait until the OS has sent everything. USB: give the interface
    /// back. File: flush to disk. Spooler: nothing left to do.
    pub fn finish(self) -> Result<(), PrinterError> {
        let Self {
            uri,
            sink,
            timeout,
            sent,
        } = self;
        match sink {
            Sink::Tcp(stream) => {
                stream
                    .shutdown(Shutdown::Write)
                    .map_err(|e| offline(&uri, e, Some(sent)))?;
                tcp::drain(&uri, &stream, timeout, sent)
            }
            Sink::Serial(port) => serial::drain(&uri, port.as_ref(), timeout, sent),
            Sink::UsbNode(mut file) => file.flush().map_err(|e| offline(&uri, e, Some(sent))),
            Sink::Usb(printer) => {
                drop(printer);
                Ok(())
            }
            Sink::File(mut writer) => writer
                .flush()
                .and_then(|()| writer.get_ref().sync_all())
                .map_err(|source| PrinterError::Io {
                    uri: uri.to_string(),
                    source,
                }),
            Sink::Spooler { .. } => Ok(()),
        }
    }
}

/// `write_all` that counts what was written even when it fails halfway.
fn write_counted(out: &mut impl Write, bytes: &[u8], sent: &mut u64) -> io::Result<()> {
    let mut done = 0;
    while done < bytes.len() {
        match out.write(&bytes[done..]) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                done += n;
                *sent += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Sends one whole job: open, write, finish.
pub fn print_raw(uri: &PrinterUri, bytes: &[u8], timeout: Duration) -> Result<(), PrinterError> {
    let mut connection = PrinterConnection::open(uri, timeout)?;
    connection.send(bytes)?;
    connection.finish()
}
