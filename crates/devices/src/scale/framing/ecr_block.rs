//! CAS ECR framing: `SOH STX … BCC ETX EOT` blocks (SOH may be 0x01 or 0x81) and the single
//! `ACK` / `NAK` handshake bytes. The block ends at the first `ETX EOT` pair: the BCC before
//! it may itself be 0x03 or 0x04, but it is then followed by ETX, not EOT.
const SOH: u8 = 0x01;
const SOH_HIGH: u8 = 0x81;
const STX: u8 = 0x02;
const ETX: u8 = 0x03;
const EOT: u8 = 0x04;
const ACK: u8 = 0x06;
const NAK: u8 = 0x15;
/// The longest documented block is 15 bytes (7-char weight); past this it is noise.
const MAX_FRAME: usize = 32;

#[derive(Debug, Default)]
pub struct EcrBlockSplitter {
    pending: Vec<u8>,
    overflows: u64,
}

fn is_start(b: u8) -> bool {
    matches!(b, SOH | SOH_HIGH | STX | ACK | NAK)
}

impl EcrBlockSplitter {
    pub fn push(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() > 64 * MAX_FRAME && !self.pending.iter().any(|&b| is_start(b)) {
            self.pending.clear();
            self.overflows += 1;
        }
    }

    pub fn next_frame(&mut self) -> Option<Vec<u8>> {
        let start = self.pending.iter().position(|&b| is_start(b))?;
        if start > 0 {
            return Some(self.pending.drain(..start).collect());
        }
        if matches!(self.pending[0], ACK | NAK) {
            return Some(self.pending.drain(..1).collect());
        }
        // SOH is optional; the data starts at STX.
        let body_from = if self.pending[0] == STX { 1 } else { 2 };
        if self.pending[0] != STX && self.pending.get(1).is_some_and(|&b| b != STX) {
            return self.resync();
        }
        let window = self.pending.len().min(MAX_FRAME);
        let end = (body_from..window.saturating_sub(1))
            .find(|&i| self.pending[i] == ETX && self.pending[i + 1] == EOT);
        match end {
            Some(i) => Some(self.pending.drain(..=i + 1).collect()),
            None if self.pending.len() >= MAX_FRAME => self.resync(),
            None => None,
        }
    }

    /// Gives up on the block at the front: everything up to the next start byte is noise.
    /// Until a start byte arrives the noise run is not over, so it waits (a bounded while):
    /// cutting it at the end of the current read would make the frames depend on how the port
    /// split the stream.
    fn resync(&mut self) -> Option<Vec<u8>> {
        match self.pending[1..].iter().position(|&b| is_start(b)) {
            Some(i) => Some(self.pending.drain(..=i).collect()),
            None if self.pending.len() > 64 * MAX_FRAME => {
                self.overflows += 1;
                Some(std::mem::take(&mut self.pending))
            }
            None => None,
        }
    }

    pub fn overflows(&self) -> u64 {
        self.overflows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &mut EcrBlockSplitter) -> Vec<Vec<u8>> {
        std::iter::from_fn(|| s.next_frame()).collect()
    }

    /// Found by the `scale_decoder` fuzz target: an overlong block used to be cut at the end of
    /// whatever the read returned, so the same bytes made one garbled frame or two.
    #[test]
    fn overlong_block_is_the_same_however_the_reads_fall() {
        let stream: &[u8] =
            b"\x06\x01%S W01.234kge\x03\x04\x15\x81=\x02U ,0\x00\x00\x000kgd\x03\x04-";
        let mut whole = EcrBlockSplitter::default();
        whole.push(stream);
        let expected = all(&mut whole);
        assert_eq!(expected[1], b"\x01%S W01.234kge\x03\x04".to_vec());
        for size in 1..stream.len() {
            let mut s = EcrBlockSplitter::default();
            let mut got = Vec::new();
            for chunk in stream.chunks(size) {
                s.push(chunk);
                got.extend(all(&mut s));
            }
            assert_eq!(got, expected, "reads of {size} bytes");
        }
    }

    #[test]
    fn handshake_blocks_and_noise() {
        let mut s = EcrBlockSplitter::default();
        s.push(b"\x06zz\x01\x02S 01.234kg\x65\x03\x04\x15\x01\x02U 0");
        assert_eq!(
            all(&mut s),
            vec![
                b"\x06".to_vec(),
                b"zz".to_vec(),
                b"\x01\x02S 01.234kg\x65\x03\x04".to_vec(),
                b"\x15".to_vec()
            ]
        );
        s.push(b"1.234kg\x03\x03\x04");
        assert_eq!(
            all(&mut s),
            vec![b"\x01\x02U 01.234kg\x03\x03\x04".to_vec()]
        );
    }
}
