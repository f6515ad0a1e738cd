//! Bytes in, readings out: a protocol's splitter and parser together, keeping every raw frame
//! so a test screen can show exactly what the scale sent.
use super::{FrameError, Indication, Protocol, Reading, Splitter, parse_frame};

/// One frame as received and what it meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The bytes of the frame (noise runs come out as frames too). Line protocols' CR/LF
    /// delimiters are not included; STX/ETX/EOT framing bytes are.
    pub raw: Vec<u8>,
    pub result: Result<Reading, FrameError>,
}

impl Decoded {
    pub fn indication(&self) -> Indication {
        Indication::of(&self.result)
    }
}

/// A streaming decoder for one protocol: push whatever the port returned, then drain frames.
#[derive(Debug)]
pub struct Decoder {
    protocol: Protocol,
    splitter: Splitter,
}

impl Decoder {
    pub fn new(protocol: Protocol) -> Self {
        Self {
            protocol,
            splitter: Splitter::new(protocol.framing()),
        }
    }

    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.splitter.push(bytes);
    }

    /// The next complete frame, parsed.
    pub fn next_decoded(&mut self) -> Option<Decoded> {
        let raw = self.splitter.next_frame()?;
        let result = parse_frame(&raw, self.protocol);
        Some(Decoded { raw, result })
    }

    /// Runs of noise too long to be a frame that were dropped unseen.
    pub fn overflows(&self) -> u64 {
        self.splitter.overflows()
    }

    /// Convenience for tests and the raw monitor: decodes everything in `bytes`.
    pub fn decode_all(protocol: Protocol, bytes: &[u8]) -> Vec<Decoded> {
        let mut decoder = Decoder::new(protocol);
        decoder.push(bytes);
        std::iter::from_fn(|| decoder.next_decoded()).collect()
    }
}
