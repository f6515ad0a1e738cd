//! A virtual serial / CDC-ACM barcode scanner on a pseudo-terminal. Each `send` writes one
//! scan to the pty master exactly as a scanner in USB-COM mode would: programmed prefix, AIM
//! identifier, data (GS bytes for FNC1), programmed suffix, terminator. The station opens the
//! slave path like `/dev/ttyACM0`.
use std::io::Write as _;

use parking_lot::Mutex;

/// The AIM identifier the virtual scanner puts in front of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSymbology {
    /// AIM identifiers switched off on the scanner: data only.
    None,
    Code128,
    Gs1_128,
    Ean13,
    Ean8,
    Code39,
    Itf14,
    Qr,
    Gs1Qr,
    DataMatrix,
    Gs1DataMatrix,
}

impl SimSymbology {
    pub fn aim_prefix(self) -> &'static str {
        match self {
            SimSymbology::None => "",
            SimSymbology::Code128 => "]C0",
            SimSymbology::Gs1_128 => "]C1",
            SimSymbology::Ean13 => "]E0",
            SimSymbology::Ean8 => "]E4",
            SimSymbology::Code39 => "]A0",
            SimSymbology::Itf14 => "]I1",
            SimSymbology::Qr => "]Q1",
            SimSymbology::Gs1Qr => "]Q3",
            SimSymbology::DataMatrix => "]d1",
            SimSymbology::Gs1DataMatrix => "]d2",
        }
    }
}

/// The suffix that ends a scan on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimTerminator {
    Cr,
    Lf,
    CrLf,
    /// No terminator (a misconfigured scanner, or half of a split write).
    None,
}

impl SimTerminator {
    pub fn bytes(self) -> &'static [u8] {
        match self {
            SimTerminator::Cr => b"\r",
            SimTerminator::Lf => b"\n",
            SimTerminator::CrLf => b"\r\n",
            SimTerminator::None => b"",
        }
    }
}

/// Prefix/suffix programmed into the scanner (around the AIM identifier and data, before the
/// terminator), like a real scanner's "add prefix" programming barcodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimScannerSettings {
    pub prefix: Vec<u8>,
    pub suffix: Vec<u8>,
}

pub struct VirtualScanner {
    path: String,
    settings: SimScannerSettings,
    /// The pty master; `None` once unplugged.
    master: Mutex<Option<Box<dyn std::io::Write + Send>>>,
}

impl VirtualScanner {
    /// Opens a pty pair; nothing is sent until [`VirtualScanner::send`].
    pub fn start(settings: SimScannerSettings) -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use serialport::SerialPort as _;

            let (master, slave) = serialport::TTYPort::pair().map_err(std::io::Error::from)?;
            let path = slave
                .name()
                .ok_or_else(|| std::io::Error::other("the pty has no slave path"))?;
            // The station opens the slave by path; our handle would only keep stale bytes alive.
            drop(slave);
            tracing::debug!(port = %path, "virtual scanner started");
            Ok(Self {
                path,
                settings,
                master: Mutex::new(Some(Box::new(master))),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = settings;
            Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "the virtual scanner needs a pseudo-terminal and is not supported on this OS",
            ))
        }
    }

    /// The serial device path the station opens (e.g. `/dev/pts/3`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Sends one scan. `code` may contain GS (`\u{1d}`) for FNC1. Returns once the bytes are in
    /// the pty (the reader may not have read them yet).
    pub fn send(
        &self,
        code: &str,
        symbology: SimSymbology,
        terminator: SimTerminator,
    ) -> std::io::Result<()> {
        let mut frame = self.settings.prefix.clone();
        frame.extend_from_slice(symbology.aim_prefix().as_bytes());
        frame.extend_from_slice(code.as_bytes());
        frame.extend_from_slice(&self.settings.suffix);
        frame.extend_from_slice(terminator.bytes());
        self.send_raw(&frame)
    }

    /// Writes `bytes` as-is (noise, a split frame, several scans in one burst).
    pub fn send_raw(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut master = self.master.lock();
        let port = master
            .as_mut()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotConnected, "unplugged"))?;
        port.write_all(bytes)?;
        port.flush()
    }

    /// Closes the pty master: the station's reads fail as if the USB cable was pulled.
    pub fn unplug(&self) {
        self.master.lock().take();
    }
}
