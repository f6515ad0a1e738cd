//! Auto-detection: listen first (streaming scales announce themselves by frame shape), then ask
//! (MT-SICS `SI`, CAS ECR ENQ, Toledo's `Ehello` echo probe), each with the protocol's own
//! port settings. Adam scales only answer a fresh stable weight and cannot be probed.
use std::time::{Duration, Instant};

use serialport::{ClearBuffer, SerialPort};

use crate::serial_line;

use super::poll::{DC1, ENQ};
use super::{Decoder, FrameError, LineSettings, Protocol, Reading, ScaleError};

/// Frames of one protocol needed before a streaming scale is believed.
const CONFIRM_FRAMES: usize = 3;
const READ_SLICE: Duration = Duration::from_millis(20);
const ACK: u8 = 0x06;

#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub protocol: Protocol,
    pub settings: LineSettings,
    /// A reading taken during detection, when the protocol gave one.
    pub sample: Option<Reading>,
}

#[derive(Debug, Clone, Copy)]
pub struct DetectOptions {
    /// How long to listen for a streaming scale per line setting (a 10 Hz indicator needs
    /// about 300 ms for three frames).
    pub listen: Duration,
    /// How long to wait for each answer of a polled scale.
    pub answer_timeout: Duration,
}

impl Default for DetectOptions {
    fn default() -> Self {
        Self {
            listen: Duration::from_millis(1_500),
            answer_timeout: Duration::from_millis(500),
        }
    }
}

/// Detects the protocol of the scale on `path` with default timings.
pub fn detect(path: &str) -> Result<Detected, ScaleError> {
    detect_with(path, &DetectOptions::default())
}

pub fn detect_with(path: &str, options: &DetectOptions) -> Result<Detected, ScaleError> {
    let mut groups: Vec<LineSettings> = Vec::new();
    for p in Protocol::STREAMING {
        if !groups.contains(&p.line_settings()) {
            groups.push(p.line_settings());
        }
    }
    for settings in groups {
        let candidates: Vec<Protocol> = Protocol::STREAMING
            .into_iter()
            .filter(|p| p.line_settings() == settings)
            .collect();
        let mut port = open(path, settings)?;
        if let Some(found) = listen(path, port.as_mut(), &candidates, options.listen)? {
            return Ok(found);
        }
    }
    for (protocol, probe) in [
        (Protocol::MtSics, probe_sics as Probe),
        (Protocol::CasEcr, probe_ecr),
        (Protocol::Toledo8217, probe_toledo),
    ] {
        let settings = protocol.line_settings();
        let mut port = open(path, settings)?;
        if let Some(sample) = probe(path, port.as_mut(), options.answer_timeout)? {
            tracing::info!(port = path, %protocol, %settings, "scale detected by probing");
            return Ok(Detected {
                protocol,
                settings,
                sample,
            });
        }
    }
    Err(ScaleError::NotDetected {
        path: path.to_owned(),
        tried: "cas22, generic, and-standard, cas10 (listening); mtsics, cas-ecr, toledo (probing)"
            .into(),
    })
}

/// `Ok(Some(sample))` when the protocol answered; the sample is the reading if it gave one.
type Probe = fn(&str, &mut dyn SerialPort, Duration) -> Result<Option<Option<Reading>>, ScaleError>;

fn open(path: &str, settings: LineSettings) -> Result<Box<dyn SerialPort>, ScaleError> {
    // Bytes queued before we opened may be from other line settings: drop both directions.
    serial_line::open(path, settings, READ_SLICE, ClearBuffer::All).map_err(|e| ScaleError::Open {
        path: path.to_owned(),
        reason: e.to_string(),
    })
}

fn io_error(path: &str, e: impl std::fmt::Display) -> ScaleError {
    ScaleError::Io {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// Reads what arrives within `timeout` into `sink`, until `done` says enough.
fn read_until(
    path: &str,
    port: &mut dyn SerialPort,
    timeout: Duration,
    mut sink: impl FnMut(&[u8]) -> bool,
) -> Result<bool, ScaleError> {
    let deadline = Instant::now() + timeout;
    let mut buf = [0u8; 256];
    while Instant::now() < deadline {
        match port.read(&mut buf) {
            Ok(0) => return Err(io_error(path, "the port was closed")),
            Ok(n) => {
                if sink(&buf[..n]) {
                    return Ok(true);
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::WouldBlock
                        | std::io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(io_error(path, e)),
        }
    }
    Ok(false)
}

fn listen(
    path: &str,
    port: &mut dyn SerialPort,
    candidates: &[Protocol],
    timeout: Duration,
) -> Result<Option<Detected>, ScaleError> {
    let mut decoders: Vec<(Decoder, usize, Option<Reading>)> = candidates
        .iter()
        .map(|&p| (Decoder::new(p), 0, None))
        .collect();
    read_until(path, port, timeout, |bytes| {
        for (decoder, good, sample) in &mut decoders {
            decoder.push(bytes);
            while let Some(d) = decoder.next_decoded() {
                if let Ok(r) = d.result {
                    *good += 1;
                    *sample = Some(r);
                }
            }
        }
        decoders.iter().any(|(_, good, _)| *good >= CONFIRM_FRAMES)
    })?;
    let best = decoders
        .iter()
        .filter(|(_, good, _)| *good >= 2)
        .max_by_key(|(_, good, _)| *good);
    Ok(best.map(|(decoder, _, sample)| {
        let protocol = decoder.protocol();
        tracing::info!(port = path, %protocol, "scale detected by frame shape");
        Detected {
            protocol,
            settings: protocol.line_settings(),
            sample: *sample,
        }
    }))
}

fn write(path: &str, port: &mut dyn SerialPort, bytes: &[u8]) -> Result<(), ScaleError> {
    port.write_all(bytes)
        .and_then(|()| port.flush())
        .map_err(|e| io_error(path, e))
}

/// Any well-formed SICS answer to `SI` (even `ES` or `S I`) proves the protocol.
fn probe_sics(
    path: &str,
    port: &mut dyn SerialPort,
    timeout: Duration,
) -> Result<Option<Option<Reading>>, ScaleError> {
    write(path, port, b"SI\r\n")?;
    let mut decoder = Decoder::new(Protocol::MtSics);
    let mut answer = None;
    read_until(path, port, timeout, |bytes| {
        decoder.push(bytes);
        while let Some(d) = decoder.next_decoded() {
            match d.result {
                Ok(r) => answer = Some(Some(r)),
                Err(FrameError::Device(_)) => answer = Some(None),
                Err(_) => {}
            }
        }
        answer.is_some()
    })?;
    Ok(answer)
}

/// ENQ must be ACKed, then DC1 must bring a block with a valid BCC.
fn probe_ecr(
    path: &str,
    port: &mut dyn SerialPort,
    timeout: Duration,
) -> Result<Option<Option<Reading>>, ScaleError> {
    write(path, port, &[ENQ])?;
    let acked = read_until(path, port, timeout, |bytes| bytes.contains(&ACK))?;
    if !acked {
        return Ok(None);
    }
    write(path, port, &[DC1])?;
    let mut decoder = Decoder::new(Protocol::CasEcr);
    let mut answer = None;
    read_until(path, port, timeout, |bytes| {
        decoder.push(bytes);
        while let Some(d) = decoder.next_decoded() {
            if let Ok(r) = d.result {
                answer = Some(Some(r));
            }
        }
        answer.is_some()
    })?;
    Ok(answer)
}

/// Odoo's probe: `Ehello` must come back as `STX E CR hello`; `F` ends the echo test.
fn probe_toledo(
    path: &str,
    port: &mut dyn SerialPort,
    timeout: Duration,
) -> Result<Option<Option<Reading>>, ScaleError> {
    const EXPECTED: &[u8] = b"\x02E\rhello";
    write(path, port, b"Ehello")?;
    let mut got = Vec::new();
    let echoed = read_until(path, port, timeout, |bytes| {
        got.extend_from_slice(bytes);
        got.windows(EXPECTED.len()).any(|w| w == EXPECTED)
    })?;
    if !echoed {
        return Ok(None);
    }
    write(path, port, b"F")?;
    Ok(Some(None))
}
