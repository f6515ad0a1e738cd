//! Re-frames a serial byte stream into lines. Serial reads return arbitrary slices: half a
//! frame, three frames at once, or noise, so frames are cut at delimiters, never by length.

/// A frame longer than this without a delimiter is noise (the longest known frame is 22 bytes).
const MAX_FRAME: usize = 256;

/// Accumulates bytes and yields complete frames, split at CR, LF or CR LF (delimiters removed,
/// empty lines skipped). Bytes are kept as bytes: some protocols carry binary status bytes.
#[derive(Debug, Default)]
pub struct FrameBuffer {
    pending: Vec<u8>,
    overflows: u64,
}

impl FrameBuffer {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() > MAX_FRAME && !self.pending.iter().any(|&b| is_delimiter(b)) {
            // No delimiter in sight: drop the noise so memory stays bounded.
            self.pending.clear();
            self.overflows += 1;
        }
    }

    /// The next complete frame, if one has arrived.
    pub fn next_frame(&mut self) -> Option<Vec<u8>> {
        loop {
            let end = self.pending.iter().position(|&b| is_delimiter(b))?;
            let frame: Vec<u8> = self.pending.drain(..=end).take(end).collect();
            if !frame.is_empty() {
                return Some(frame);
            }
        }
    }

    /// How many runs of undelimited bytes were discarded as noise.
    pub fn overflows(&self) -> u64 {
        self.overflows
    }

    /// Bytes received after the last delimiter (the start of a frame still arriving).
    pub fn pending(&self) -> &[u8] {
        &self.pending
    }
}

fn is_delimiter(b: u8) -> bool {
    b == b'\r' || b == b'\n'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(buffer: &mut FrameBuffer) -> Vec<Vec<u8>> {
        std::iter::from_fn(|| buffer.next_frame()).collect()
    }

    #[test]
    fn split_frame_is_joined() {
        let mut b = FrameBuffer::new();
        b.push(b"ST,GS,+00");
        assert!(b.next_frame().is_none());
        b.push(b"01.234kg\r");
        assert_eq!(frames(&mut b), vec![b"ST,GS,+0001.234kg".to_vec()]);
        b.push(b"\n");
        assert!(
            b.next_frame().is_none(),
            "the LF of a CR LF pair is not a frame"
        );
    }

    #[test]
    fn concatenated_frames_are_split() {
        let mut b = FrameBuffer::new();
        b.push(b"ST,GS,+0001.234kg\r\nUS,GS,+0001.300kg\r\nST,GS,+00");
        assert_eq!(
            frames(&mut b),
            vec![b"ST,GS,+0001.234kg".to_vec(), b"US,GS,+0001.300kg".to_vec()]
        );
        assert_eq!(b.pending(), b"ST,GS,+00");
    }

    #[test]
    fn binary_bytes_survive() {
        let mut b = FrameBuffer::new();
        b.push(b"ST,GS,1\xE4,000013.5 kg\r\n");
        assert_eq!(frames(&mut b), vec![b"ST,GS,1\xE4,000013.5 kg".to_vec()]);
    }

    #[test]
    fn endless_noise_is_dropped() {
        let mut b = FrameBuffer::new();
        b.push(&[0x55; 300]);
        assert_eq!(b.overflows(), 1);
        assert!(b.pending().is_empty());
        b.push(b"ST,GS,+0001.234kg\n");
        assert_eq!(frames(&mut b), vec![b"ST,GS,+0001.234kg".to_vec()]);
    }
}
