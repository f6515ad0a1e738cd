//! An ESC/POS decoder good enough to assert what a receipt (or ESC/POS label) printer was asked
//! to print: raster images stacked into one picture, native barcodes and QR codes with where
//! they fell in it, and plain text lines. One label (receipt) ends at a cut (`GS V`) or a
//! label feed (`GS FF`). It does not render text or barcodes.
//!
//! ESC/POS has no delimiters: every command's length follows from its bytes, so a command this
//! decoder does not know is an error (it could not find the next one), as is a stream that stops
//! inside a command.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Label {
    /// Every `GS v 0` band, stacked top to bottom (the widest band sets the width).
    pub picture: Picture,
    pub barcodes: Vec<Barcode>,
    /// Text lines (bytes up to LF) outside graphics; Kanji-mode lines as the raw bytes sent.
    pub texts: Vec<Text>,
    /// How the label was finished.
    pub finish: Finish,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Finish {
    #[default]
    FullCut,
    PartialCut,
    LabelFeed,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picture {
    pub width_bytes: u32,
    pub height: u32,
    /// Rows of `width_bytes` bytes, MSB first, 1 = black.
    pub bits: Vec<u8>,
    /// `(first row, rows)` of each band as it was sent.
    pub bands: Vec<(u32, u32)>,
}

impl Picture {
    pub fn pixel(&self, x: u32, y: u32) -> bool {
        if x >= self.width_bytes * 8 || y >= self.height {
            return false;
        }
        self.bits
            .get((y * self.width_bytes + x / 8) as usize)
            .is_some_and(|b| b & (0x80 >> (x % 8)) != 0)
    }

    pub fn ink(&self) -> usize {
        self.bits.iter().map(|b| b.count_ones() as usize).sum()
    }

    fn append(&mut self, width_bytes: u32, rows: u32, data: &[u8]) {
        if width_bytes > self.width_bytes {
            let old = self.width_bytes as usize;
            let new = width_bytes as usize;
            let mut widened = Vec::with_capacity(new * self.height as usize);
            for row in self.bits.chunks(old.max(1)) {
                widened.extend_from_slice(row);
                widened.resize(widened.len() + new - row.len(), 0);
            }
            self.bits = widened;
            self.width_bytes = width_bytes;
        }
        let w = self.width_bytes as usize;
        for row in data.chunks(width_bytes.max(1) as usize) {
            self.bits.extend_from_slice(row);
            self.bits.resize(self.bits.len() + w - row.len(), 0);
        }
        self.bands.push((self.height, rows));
        self.height += rows;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BarcodeKind {
    Code128,
    Code39,
    Itf,
    Qr,
    /// Other `GS k` symbologies (UPC, EAN, Codabar, Code 93, GS1 …), by their `m`.
    Other(u8),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Barcode {
    pub kind: BarcodeKind,
    /// The encoded data: Code 128 code-set selectors resolved (`{C` pairs back to digits),
    /// QR data as stored.
    pub data: String,
    /// Picture row at which the symbol was printed (it sits between bands).
    pub row: u32,
    /// Left margin (`GS L`) in dots when it printed.
    pub left: u32,
    /// `GS w` module width, or the QR module size.
    pub module: u32,
    /// `GS h` bar height (0 for QR).
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub row: u32,
    pub bytes: Vec<u8>,
    /// `FS &` (Kanji/Korean double-byte mode) was on.
    pub double_byte: bool,
}

impl Text {
    /// The line as ASCII text (other bytes become U+FFFD).
    pub fn ascii(&self) -> String {
        self.bytes
            .iter()
            .map(|&b| if b.is_ascii() { b as char } else { '\u{FFFD}' })
            .collect()
    }
}

impl Label {
    pub fn barcodes_of(&self, kind: BarcodeKind) -> impl Iterator<Item = &Barcode> {
        self.barcodes.iter().filter(move |b| b.kind == kind)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("byte {offset}: unknown command {bytes}")]
    UnknownCommand { offset: usize, bytes: String },
    #[error("byte {offset}: bad {command}: {reason}")]
    BadCommand {
        offset: usize,
        command: &'static str,
        reason: String,
    },
    #[error("the stream ends inside a command at byte {offset}")]
    Truncated { offset: usize },
    #[error("label {label} has content but no cut or label feed")]
    Unterminated { label: usize },
}

impl DecodeError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownCommand { .. } => "ESCPOS_UNKNOWN_COMMAND",
            Self::BadCommand { .. } => "ESCPOS_BAD_COMMAND",
            Self::Truncated { .. } => "ESCPOS_TRUNCATED",
            Self::Unterminated { .. } => "ESCPOS_UNTERMINATED",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            Self::UnknownCommand { offset, bytes } => {
                format!("{offset}번째 바이트: 알 수 없는 ESC/POS 명령({bytes})입니다.")
            }
            Self::BadCommand {
                offset,
                command,
                reason,
            } => format!("{offset}번째 바이트: {command} 명령이 올바르지 않습니다: {reason}"),
            Self::Truncated { offset } => {
                format!("{offset}번째 바이트에서 명령이 끝나지 않은 채 데이터가 끝났습니다.")
            }
            Self::Unterminated { label } => {
                format!("{label}번 라벨이 용지 절단이나 라벨 이송 없이 끝났습니다.")
            }
        }
    }
}

/// Decodes a whole stream: every finished label, in order.
pub fn decode(stream: &[u8]) -> Result<Vec<Label>, DecodeError> {
    let mut decoder = Decoder::new();
    decoder.push(stream);
    let mut labels = Vec::new();
    while let Some(label) = decoder.next_label()? {
        labels.push(label);
    }
    decoder.finish()?;
    Ok(labels)
}

/// Printer state (`GS L`, `GS h`, `GS w`, Kanji mode, the stored QR data), the label being
/// printed and the bytes not yet read. Feed bytes with [`Decoder::push`], take labels with
/// [`Decoder::next_label`]; a command split across pushes waits for its rest.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
    base: usize,
    left: u32,
    bar_height: u32,
    module: u32,
    qr_size: u32,
    qr_data: Option<Vec<u8>>,
    double_byte: bool,
    line: Vec<u8>,
    label: Label,
    started: bool,
    finished: usize,
    printed_upto: usize,
}

/// What one command did.
enum Step {
    Nothing,
    Finished(Finish),
}

impl Decoder {
    pub fn new() -> Self {
        Self {
            bar_height: 162,
            module: 3,
            qr_size: 3,
            ..Self::default()
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Stream offset just after the last label returned.
    pub fn printed_upto(&self) -> usize {
        self.printed_upto
    }

    /// The next finished label, `None` when more bytes are needed.
    pub fn next_label(&mut self) -> Result<Option<Label>, DecodeError> {
        // The bytes are taken out while commands (which update `self`) read them.
        let buf = std::mem::take(&mut self.buf);
        let mut pos = 0;
        let result = loop {
            match self.command_at(&buf, pos) {
                Ok(None) => break Ok(None),
                Ok(Some((len, step))) => {
                    pos += len;
                    if let Step::Finished(finish) = step {
                        self.flush_line();
                        let mut label = std::mem::take(&mut self.label);
                        label.finish = finish;
                        self.started = false;
                        self.finished += 1;
                        self.printed_upto = self.base + pos;
                        break Ok(Some(label));
                    }
                }
                Err(e) => break Err(e),
            }
        };
        self.buf = buf;
        self.buf.drain(..pos);
        self.base += pos;
        result
    }

    /// Checks that the stream ended between labels.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if !self.buf.is_empty() {
            return Err(DecodeError::Truncated { offset: self.base });
        }
        if self.started || !self.line.is_empty() {
            return Err(DecodeError::Unterminated {
                label: self.finished + 1,
            });
        }
        Ok(())
    }

    fn flush_line(&mut self) {
        if !self.line.is_empty() {
            self.label.texts.push(Text {
                row: self.label.picture.height,
                bytes: std::mem::take(&mut self.line),
                double_byte: self.double_byte,
            });
        }
    }

    /// The command at `buf[pos..]`: its length and effect; `None` if it is not all here yet.
    fn command_at(&mut self, buf: &[u8], pos: usize) -> Result<Option<(usize, Step)>, DecodeError> {
        let offset = self.base + pos;
        let b = &buf[pos..];
        let Some(&first) = b.first() else {
            return Ok(None);
        };
        let at = |i: usize| b.get(i).copied();
        let unknown = |n: usize| DecodeError::UnknownCommand {
            offset,
            bytes: b[..n.min(b.len())]
                .iter()
                .map(|x| format!("{x:02X}"))
                .collect::<Vec<_>>()
                .join(" "),
        };
        let len = match first {
            0x0A => {
                self.flush_line();
                1
            }
            0x0D => 1,
            0x1B => {
                let Some(c) = at(1) else { return Ok(None) };
                match c {
                    b'@' => {
                        self.left = 0;
                        self.double_byte = false;
                        2
                    }
                    // One-byte argument: a, E, !, d, t, R, -, 3, J, M, G, V, {
                    b'a' | b'E' | b'!' | b'd' | b't' | b'R' | b'-' | b'3' | b'J' | b'M' | b'G'
                    | b'V' | b'{' => {
                        if b.len() < 3 {
                            return Ok(None);
                        }
                        self.started = true;
                        3
                    }
                    b'2' => 2,
                    b'$' => {
                        if b.len() < 4 {
                            return Ok(None);
                        }
                        4
                    }
                    _ => return Err(unknown(2)),
                }
            }
            0x1C => {
                let Some(c) = at(1) else { return Ok(None) };
                match c {
                    b'&' => {
                        self.double_byte = true;
                        2
                    }
                    b'.' => {
                        self.double_byte = false;
                        2
                    }
                    _ => return Err(unknown(2)),
                }
            }
            0x10 => {
                // DLE EOT n: real-time status request.
                if b.len() < 3 {
                    return Ok(None);
                }
                if b[1] != 0x04 {
                    return Err(unknown(2));
                }
                3
            }
            0x1D => {
                let Some(c) = at(1) else { return Ok(None) };
                match c {
                    b'!' | b'H' | b'f' => {
                        if b.len() < 3 {
                            return Ok(None);
                        }
                        3
                    }
                    b'h' => {
                        let Some(n) = at(2) else { return Ok(None) };
                        self.bar_height = u32::from(n);
                        3
                    }
                    b'w' => {
                        let Some(n) = at(2) else { return Ok(None) };
                        self.module = u32::from(n);
                        3
                    }
                    b'L' => {
                        if b.len() < 4 {
                            return Ok(None);
                        }
                        self.left = u32::from(u16::from_le_bytes([b[2], b[3]]));
                        4
                    }
                    b'W' => {
                        if b.len() < 4 {
                            return Ok(None);
                        }
                        4
                    }
                    0x0C => return Ok(Some((2, Step::Finished(Finish::LabelFeed)))),
                    b'V' => {
                        let Some(m) = at(2) else { return Ok(None) };
                        let (len, finish) = match m {
                            0 | 48 => (3, Finish::FullCut),
                            1 | 49 => (3, Finish::PartialCut),
                            65 => (4, Finish::FullCut),
                            66 => (4, Finish::PartialCut),
                            _ => {
                                return Err(DecodeError::BadCommand {
                                    offset,
                                    command: "GS V",
                                    reason: format!("cut mode {m}"),
                                });
                            }
                        };
                        if b.len() < len {
                            return Ok(None);
                        }
                        return Ok(Some((len, Step::Finished(finish))));
                    }
                    b'v' => match self.raster(b, offset)? {
                        Some(len) => len,
                        None => return Ok(None),
                    },
                    b'k' => match self.barcode(b, offset)? {
                        Some(len) => len,
                        None => return Ok(None),
                    },
                    b'(' => match self.function(b, offset)? {
                        Some(len) => len,
                        None => return Ok(None),
                    },
                    _ => return Err(unknown(2)),
                }
            }
            0x20..=0x7E | 0x80..=0xFF => {
                let n = b
                    .iter()
                    .position(|&x| x < 0x20 || x == 0x7F)
                    .unwrap_or(b.len());
                self.line.extend_from_slice(&b[..n]);
                self.started = true;
                n
            }
            _ => return Err(unknown(1)),
        };
        Ok(Some((len, Step::Nothing)))
    }

    /// `GS v 0 m xL xH yL yH d…`
    fn raster(&mut self, b: &[u8], offset: usize) -> Result<Option<usize>, DecodeError> {
        if b.len() < 8 {
            return Ok(None);
        }
        if b[2] != 0x30 && b[2] != 0 {
            return Err(DecodeError::BadCommand {
                offset,
                command: "GS v",
                reason: format!("function {} (only GS v 0 exists)", b[2]),
            });
        }
        let x = u32::from(u16::from_le_bytes([b[4], b[5]]));
        let y = u32::from(u16::from_le_bytes([b[6], b[7]]));
        if x == 0 || y == 0 {
            return Err(DecodeError::BadCommand {
                offset,
                command: "GS v 0",
                reason: format!("empty image {x}×{y}"),
            });
        }
        let len = 8 + (x * y) as usize;
        if b.len() < len {
            return Ok(None);
        }
        self.flush_line();
        self.label.picture.append(x, y, &b[8..len]);
        self.started = true;
        Ok(Some(len))
    }

    /// `GS k m d… NUL` (m 0–6) or `GS k m n d1…dn` (m 65–78).
    fn barcode(&mut self, b: &[u8], offset: usize) -> Result<Option<usize>, DecodeError> {
        let Some(&m) = b.get(2) else { return Ok(None) };
        let (data, len) = match m {
            0..=6 => {
                let Some(nul) = b[3..].iter().position(|&x| x == 0) else {
                    return Ok(None);
                };
                (&b[3..3 + nul], 3 + nul + 1)
            }
            65..=78 => {
                let Some(&n) = b.get(3) else { return Ok(None) };
                let len = 4 + n as usize;
                if b.len() < len {
                    return Ok(None);
                }
                (&b[4..len], len)
            }
            _ => {
                return Err(DecodeError::BadCommand {
                    offset,
                    command: "GS k",
                    reason: format!("symbology {m}"),
                });
            }
        };
        let kind = match m {
            73 => BarcodeKind::Code128,
            4 | 69 => BarcodeKind::Code39,
            5 | 70 => BarcodeKind::Itf,
            other => BarcodeKind::Other(other),
        };
        let data = if kind == BarcodeKind::Code128 {
            code128_data(data).map_err(|reason| DecodeError::BadCommand {
                offset,
                command: "GS k (CODE128)",
                reason,
            })?
        } else {
            String::from_utf8_lossy(data).into_owned()
        };
        self.flush_line();
        self.label.barcodes.push(Barcode {
            kind,
            data,
            row: self.label.picture.height,
            left: self.left,
            module: self.module,
            height: self.bar_height,
        });
        self.started = true;
        Ok(Some(len))
    }

    /// `GS ( k pL pH cn fn …` (2-D symbols; QR is cn = 49) and other `GS (` functions, which
    /// all carry their length in pL pH.
    fn function(&mut self, b: &[u8], offset: usize) -> Result<Option<usize>, DecodeError> {
        if b.len() < 5 {
            return Ok(None);
        }
        let n = usize::from(u16::from_le_bytes([b[3], b[4]]));
        let len = 5 + n;
        if b.len() < len {
            return Ok(None);
        }
        let body = &b[5..len];
        if b[2] != b'k' {
            return Ok(Some(len));
        }
        let bad = |reason: &str| DecodeError::BadCommand {
            offset,
            command: "GS ( k",
            reason: reason.to_string(),
        };
        let (&cn, rest) = body.split_first().ok_or_else(|| bad("no symbol type"))?;
        if cn != 49 {
            return Ok(Some(len));
        }
        let (&fun, rest) = rest.split_first().ok_or_else(|| bad("no function"))?;
        match fun {
            // Size of module.
            67 => self.qr_size = u32::from(*rest.first().ok_or_else(|| bad("no size"))?),
            // Store data: m = 48, then the data.
            80 => {
                let (_, data) = rest.split_first().ok_or_else(|| bad("no store mode"))?;
                self.qr_data = Some(data.to_vec());
            }
            // Print the stored symbol.
            81 => {
                let data = self
                    .qr_data
                    .take()
                    .ok_or_else(|| bad("print without stored data"))?;
                self.flush_line();
                self.label.barcodes.push(Barcode {
                    kind: BarcodeKind::Qr,
                    data: String::from_utf8_lossy(&data).into_owned(),
                    row: self.label.picture.height,
                    left: self.left,
                    module: self.qr_size,
                    height: 0,
                });
                self.started = true;
            }
            // Model, error correction, size info: no effect on what is recorded.
            _ => {}
        }
        Ok(Some(len))
    }
}

/// CODE128 data of `GS k 73`: `{A`/`{B`/`{C` select the code set (`{C` bytes are digit pairs
/// 0–99), `{{` is a literal `{`; the data must start with a code set.
fn code128_data(raw: &[u8]) -> Result<String, String> {
    let mut out = String::new();
    let mut set = None;
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'{' {
            let Some(&sel) = raw.get(i + 1) else {
                return Err("a lone '{' at the end".into());
            };
            match sel {
                b'A' | b'B' | b'C' => set = Some(sel),
                b'{' => out.push('{'),
                // FNC1–4 and SHIFT: GS1 / special; only FNC1 maps to data (GS).
                b'1' => out.push('\u{1D}'),
                b'2' | b'3' | b'4' | b'S' => {}
                other => return Err(format!("unknown selector {{{}", other as char)),
            }
            i += 2;
            continue;
        }
        match set {
            None => return Err("data before a code set selector".into()),
            Some(b'C') => {
                if raw[i] > 99 {
                    return Err(format!("{} is not a digit pair", raw[i]));
                }
                out.push_str(&format!("{:02}", raw[i]));
            }
            Some(_) => out.push(raw[i] as char),
        }
        i += 1;
    }
    if out.is_empty() {
        return Err("no data".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
