//! Cuts a serial byte stream into frames per protocol. Serial reads return arbitrary slices
//! (half a frame, three frames, noise), so every splitter keeps what it has not used yet and
//! hands out each complete frame once. Noise between frames comes out as a frame of its own so
//! the reader can count it and a test screen can show it.
mod ecr_block;
mod stx_cr;

use super::{FrameBuffer, Framing};

pub use ecr_block::EcrBlockSplitter;
pub use stx_cr::StxCrSplitter;

/// A splitter for one [`Framing`].
#[derive(Debug)]
pub enum Splitter {
    Lines(FrameBuffer),
    StxCr(StxCrSplitter),
    EcrBlock(EcrBlockSplitter),
}

impl Splitter {
    pub fn new(framing: Framing) -> Self {
        match framing {
            Framing::Lines => Splitter::Lines(FrameBuffer::new()),
            Framing::StxCr => Splitter::StxCr(StxCrSplitter::default()),
            Framing::EcrBlock => Splitter::EcrBlock(EcrBlockSplitter::default()),
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        match self {
            Splitter::Lines(b) => b.push(bytes),
            Splitter::StxCr(s) => s.push(bytes),
            Splitter::EcrBlock(s) => s.push(bytes),
        }
    }

    /// The next complete frame (or run of noise), if one has arrived.
    pub fn next_frame(&mut self) -> Option<Vec<u8>> {
        match self {
            Splitter::Lines(b) => b.next_frame(),
            Splitter::StxCr(s) => s.next_frame(),
            Splitter::EcrBlock(s) => s.next_frame(),
        }
    }

    /// How many runs of undelimited noise were discarded to keep memory bounded.
    pub fn overflows(&self) -> u64 {
        match self {
            Splitter::Lines(b) => b.overflows(),
            Splitter::StxCr(s) => s.overflows(),
            Splitter::EcrBlock(s) => s.overflows(),
        }
    }
}
