//! `STX … CR` framing (Toledo 8217). A status answer is `STX ? <status> CR` where the status
//! byte is binary and could even be CR, so it is taken by position, not by delimiter.
const STX: u8 = 0x02;
const CR: u8 = 0x0D;
/// Longest known answer is `STX 0WW.WWWN CR`; anything longer without a CR is noise.
const MAX_FRAME: usize = 16;

#[derive(Debug, Default)]
pub struct StxCrSplitter {
    pending: Vec<u8>,
    overflows: u64,
}

impl StxCrSplitter {
    pub fn push(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() > 64 * MAX_FRAME && !self.pending.contains(&STX) {
            self.pending.clear();
            self.overflows += 1;
        }
    }

    pub fn next_frame(&mut self) -> Option<Vec<u8>> {
        let start = self.pending.iter().position(|&b| b == STX)?;
        if start > 0 {
            // Noise before the frame comes out on its own (and LF/CR leftovers are dropped).
            let noise: Vec<u8> = self.pending.drain(..start).collect();
            if noise.iter().any(|&b| b != CR && b != b'\n') {
                return Some(noise);
            }
        }
        let end = match self.pending.get(1) {
            // `STX ? status CR`: the byte after `?` is data whatever its value.
            Some(b'?') => match self.pending.get(3) {
                Some(&CR) => 3,
                Some(_) => return self.resync(),
                None => return None,
            },
            _ => {
                let body = &self.pending[1..];
                match body.iter().position(|&b| b == CR || b == STX) {
                    Some(i) if body[i] == CR => i + 1,
                    // A new STX before the CR: the frame was cut short.
                    Some(_) => return self.resync(),
                    None if self.pending.len() > MAX_FRAME => return self.resync(),
                    None => return None,
                }
            }
        };
        Some(self.pending.drain(..=end).collect())
    }

    /// Gives up on the frame at the front: everything up to the next STX is noise. Until that
    /// STX arrives the noise run is not over, so it waits (a bounded while): cutting it at the
    /// end of the current read would make the frames depend on how the port split the stream.
    fn resync(&mut self) -> Option<Vec<u8>> {
        match self.pending[1..].iter().position(|&b| b == STX) {
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

    fn all(s: &mut StxCrSplitter) -> Vec<Vec<u8>> {
        std::iter::from_fn(|| s.next_frame()).collect()
    }

    #[test]
    fn splits_weights_statuses_and_noise() {
        let mut s = StxCrSplitter::default();
        s.push(b"xx\x0201.234\r\x02?\r\r\x0201.2");
        assert_eq!(
            all(&mut s),
            vec![
                b"xx".to_vec(),
                b"\x0201.234\r".to_vec(),
                b"\x02?\r\r".to_vec()
            ]
        );
        s.push(b"34N\r");
        assert_eq!(all(&mut s), vec![b"\x0201.234N\r".to_vec()]);
    }

    /// Found by the `scale_decoder` fuzz target: a bad status answer used to be cut at the end
    /// of whatever the read returned, so the same bytes made one garbled frame or two.
    #[test]
    fn bad_status_frame_is_the_same_however_the_reads_fall() {
        let stream: &[u8] = b"\x0201.234\r\x02?MMMMMMMMMA\r\x02E\rhello\x0201.2";
        let mut whole = StxCrSplitter::default();
        whole.push(stream);
        let expected = all(&mut whole);
        assert_eq!(expected[1], b"\x02?MMMMMMMMMA\r".to_vec());
        for size in 1..stream.len() {
            let mut s = StxCrSplitter::default();
            let mut got = Vec::new();
            for chunk in stream.chunks(size) {
                s.push(chunk);
                got.extend(all(&mut s));
            }
            assert_eq!(got, expected, "reads of {size} bytes");
        }
    }

    #[test]
    fn cut_frame_is_dropped_at_the_next_stx() {
        let mut s = StxCrSplitter::default();
        s.push(b"\x0201.2\x0201.234\r");
        assert_eq!(
            all(&mut s),
            vec![b"\x0201.2".to_vec(), b"\x0201.234\r".to_vec()]
        );
    }
}
