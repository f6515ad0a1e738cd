//! Splits a serial scanner's byte stream into scans. Scanners end each code with a programmable
//! suffix, usually CR, LF or CR LF; `Any` accepts all three so a station works out of the box
//! whichever the scanner was set to.

/// What ends one scan on the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Terminator {
    Cr,
    Lf,
    CrLf,
    /// CR, LF or CR LF (a CR immediately followed by LF is one terminator).
    #[default]
    Any,
}

/// A scan longer than this without a terminator is line noise or a wrong setting, not a code
/// (the largest 2D codes hold about 3 KB).
pub const MAX_FRAME: usize = 8 * 1024;

#[derive(Debug, Default)]
pub struct ScanFramer {
    terminator: Terminator,
    pending: Vec<u8>,
    /// `Any` mode saw a CR: a LF right after it belongs to the same terminator.
    after_cr: bool,
    overflows: u64,
}

impl ScanFramer {
    pub fn new(terminator: Terminator) -> Self {
        Self {
            terminator,
            ..Self::default()
        }
    }

    /// Feeds bytes and returns the scans they completed (terminators removed, empty lines
    /// skipped: a CR LF scanner in CR mode must not produce blank scans).
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut frames = Vec::new();
        for &byte in bytes {
            let after_cr = std::mem::take(&mut self.after_cr);
            let ends = match (self.terminator, byte) {
                (Terminator::Cr, b'\r') | (Terminator::Lf, b'\n') => true,
                (Terminator::CrLf, b'\n') if self.pending.last() == Some(&b'\r') => {
                    self.pending.pop();
                    true
                }
                (Terminator::Any, b'\r') => {
                    self.after_cr = true;
                    true
                }
                (Terminator::Any, b'\n') if after_cr => continue,
                (Terminator::Any, b'\n') => true,
                _ => false,
            };
            if ends {
                let frame = std::mem::take(&mut self.pending);
                if !frame.is_empty() {
                    frames.push(frame);
                }
            } else if self.pending.len() >= MAX_FRAME {
                self.pending.clear();
                self.overflows += 1;
            } else {
                self.pending.push(byte);
            }
        }
        frames
    }

    /// Bytes received since the last terminator.
    pub fn pending(&self) -> &[u8] {
        &self.pending
    }

    /// Frames dropped for exceeding [`MAX_FRAME`].
    pub fn overflows(&self) -> u64 {
        self.overflows
    }
}
