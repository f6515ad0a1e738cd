//! A TSPL / TSPL2 decoder good enough to assert what a TSC-compatible label printer was asked
//! to print: texts, barcodes, QR codes, bitmaps, bars and boxes, label by label. It does not
//! render.
//!
//! Commands end with LF (CR before it is ignored), except `BITMAP`, whose binary data follows
//! the header's last comma and is exactly `width_bytes × height` bytes long. A label is what is
//! drawn between `CLS` and `PRINT`. Unknown commands are errors: a real printer would stop or
//! print garbage, and our own output should never contain one.
mod line;

use line::{Args, LineError};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Label {
    /// `SIZE` in millimetres (or inches as given), `(width, height)`.
    pub size: Option<(String, String)>,
    pub gap: Option<String>,
    pub texts: Vec<Text>,
    pub barcodes: Vec<Barcode>,
    pub bitmaps: Vec<Bitmap>,
    /// `BAR` rectangles `(x, y, w, h)`.
    pub bars: Vec<(u32, u32, u32, u32)>,
    /// `BOX` outlines `(x0, y0, x1, y1, thickness)`.
    pub boxes: Vec<(u32, u32, u32, u32, u32)>,
    /// `PRINT m` — how many copies of this label.
    pub copies: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub x: u32,
    pub y: u32,
    pub font: String,
    /// Multipliers, or for font "0" the width and height in points.
    pub x_mul: String,
    pub y_mul: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BarcodeKind {
    /// `"128"` (automatic subsets) or `"128M"`.
    Code128,
    /// `"39"`, `"39S"`, `"39C"`.
    Code39,
    /// `"25"`, `"25C"`: Interleaved 2 of 5.
    Itf,
    Qr,
    /// Any other `BARCODE` type, e.g. `"EAN13"`.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Barcode {
    pub x: u32,
    pub y: u32,
    pub kind: BarcodeKind,
    /// The type string as sent (`"128"`, `"39"`, …; `"QR"` for `QRCODE`).
    pub code_type: String,
    pub data: String,
    /// Bar height in dots (0 for QR).
    pub height: u32,
    /// Narrow bar width in dots (the cell width for QR).
    pub narrow: u32,
    /// Wide bar width in dots (= narrow for Code 128 and QR).
    pub wide: u32,
}

/// A `BITMAP`, with its bits turned to 1 = black (TSPL sends 0 for a printed dot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    pub x: u32,
    pub y: u32,
    pub width_bytes: u32,
    pub height: u32,
    pub mode: u32,
    /// Rows of `width_bytes` bytes, MSB first; a set bit is a black dot.
    pub bits: Vec<u8>,
}

impl Bitmap {
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
}

impl Label {
    pub fn has_text(&self, needle: &str) -> bool {
        self.texts.iter().any(|t| t.text.contains(needle))
    }

    pub fn barcodes_of(&self, kind: BarcodeKind) -> impl Iterator<Item = &Barcode> {
        self.barcodes.iter().filter(move |b| b.kind == kind)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("byte {offset}: unknown TSPL command '{command}'")]
    UnknownCommand { offset: usize, command: String },
    #[error("byte {offset}: bad {command} arguments: {reason}")]
    BadArguments {
        offset: usize,
        command: String,
        reason: String,
    },
    #[error("the stream ends inside a command at byte {offset}")]
    Truncated { offset: usize },
    #[error("label {label} is drawn but never printed (no PRINT)")]
    Unterminated { label: usize },
}

impl DecodeError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownCommand { .. } => "TSPL_UNKNOWN_COMMAND",
            Self::BadArguments { .. } => "TSPL_BAD_ARGUMENTS",
            Self::Truncated { .. } => "TSPL_TRUNCATED",
            Self::Unterminated { .. } => "TSPL_UNTERMINATED",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            Self::UnknownCommand { offset, command } => {
                format!("{offset}번째 바이트: 알 수 없는 TSPL 명령 '{command}'입니다.")
            }
            Self::BadArguments {
                offset,
                command,
                reason,
            } => format!("{offset}번째 바이트: {command} 인자가 올바르지 않습니다: {reason}"),
            Self::Truncated { offset } => {
                format!("{offset}번째 바이트에서 명령이 끝나지 않은 채 데이터가 끝났습니다.")
            }
            Self::Unterminated { label } => {
                format!("{label}번 라벨이 그려졌지만 PRINT 명령이 없습니다.")
            }
        }
    }
}

/// Decodes a whole stream: every printed label, in order.
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

/// Settings that outlast a label (`SIZE`, `GAP`), the label being drawn and the bytes not yet
/// read. Feed bytes as they arrive with [`Decoder::push`] and take labels with
/// [`Decoder::next_label`]; a command split across pushes waits for its rest.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
    /// Stream offset of `buf[0]`.
    base: usize,
    size: Option<(String, String)>,
    gap: Option<String>,
    open: Option<Label>,
    printed: usize,
    /// Stream offset just after the last `PRINT`.
    printed_upto: usize,
}

impl Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Stream offset just after the last label returned.
    pub fn printed_upto(&self) -> usize {
        self.printed_upto
    }

    /// The next complete label, `None` when more bytes are needed.
    pub fn next_label(&mut self) -> Result<Option<Label>, DecodeError> {
        // The bytes are taken out while commands (which update `self`) read them.
        let buf = std::mem::take(&mut self.buf);
        let mut pos = 0;
        let result = loop {
            match self.command_at(&buf, pos) {
                Ok(None) => break Ok(None),
                Ok(Some((len, label))) => {
                    pos += len;
                    if let Some(label) = label {
                        self.printed += 1;
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

    /// Checks that the stream ended between labels: no partial command, no unprinted drawing.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if self.buf.iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(DecodeError::Truncated { offset: self.base });
        }
        match &self.open {
            Some(label) if *label != Label::default() => Err(DecodeError::Unterminated {
                label: self.printed + 1,
            }),
            _ => Ok(()),
        }
    }

    /// Reads the command at `buf[pos..]`: its length and the label it printed, if any.
    fn command_at(
        &mut self,
        buf: &[u8],
        pos: usize,
    ) -> Result<Option<(usize, Option<Label>)>, DecodeError> {
        let rest = &buf[pos..];
        let offset = self.base + pos;
        let name_len = rest
            .iter()
            .position(|b| !b.is_ascii_alphanumeric() && *b != b'~' && *b != b'@')
            .unwrap_or(rest.len());
        if name_len == rest.len() {
            // The name may continue in the next push.
            return Ok(None);
        }
        let name = String::from_utf8_lossy(&rest[..name_len]).to_ascii_uppercase();
        if name == "BITMAP" {
            return self.bitmap_at(buf, pos);
        }
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            return Ok(None);
        };
        let line = &rest[..nl];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let args = &line[name_len..];
        if name_len == 0 && !line.trim_ascii().is_empty() {
            return Err(DecodeError::UnknownCommand {
                offset,
                command: String::from_utf8_lossy(&line[..line.len().min(16)]).into_owned(),
            });
        }
        let printed = self.apply(&name, args, offset)?;
        Ok(Some((nl + 1, printed)))
    }

    fn bitmap_at(
        &mut self,
        buf: &[u8],
        pos: usize,
    ) -> Result<Option<(usize, Option<Label>)>, DecodeError> {
        let offset = self.base + pos;
        let rest = &buf[pos..];
        // BITMAP x,y,width_bytes,height,mode,<data>
        let mut commas = rest.iter().enumerate().filter(|(_, b)| **b == b',');
        let Some((header_end, _)) = commas.nth(4) else {
            if rest.contains(&b'\n') {
                return Err(bad(offset, "BITMAP", "fewer than five arguments"));
            }
            return Ok(None);
        };
        let header =
            Args::parse(&rest[6..header_end]).map_err(|e| line_error(offset, "BITMAP", e))?;
        let n = |i| header.num(i).map_err(|e| line_error(offset, "BITMAP", e));
        let (x, y, width_bytes, height, mode) = (n(0)?, n(1)?, n(2)?, n(3)?, n(4)?);
        let len = width_bytes as usize * height as usize;
        let data_start = header_end + 1;
        if rest.len() < data_start + len {
            return Ok(None);
        }
        let bits = rest[data_start..data_start + len]
            .iter()
            .map(|b| !b)
            .collect();
        let mut end = data_start + len;
        // The CR/LF that closes the command may still be on its way.
        for expected in [b'\r', b'\n'] {
            match rest.get(end) {
                Some(&b) if b == expected => end += 1,
                Some(_) => break,
                None => return Ok(None),
            }
        }
        self.drawing().bitmaps.push(Bitmap {
            x,
            y,
            width_bytes,
            height,
            mode,
            bits,
        });
        Ok(Some((end, None)))
    }

    fn drawing(&mut self) -> &mut Label {
        self.open.get_or_insert_with(Label::default)
    }

    fn apply(
        &mut self,
        name: &str,
        raw: &[u8],
        offset: usize,
    ) -> Result<Option<Label>, DecodeError> {
        let args = Args::parse(raw).map_err(|e| line_error(offset, name, e))?;
        let num = |i| args.num(i).map_err(|e| line_error(offset, name, e));
        let text = |i| args.text(i).map_err(|e| line_error(offset, name, e));
        match name {
            "" => {}
            "SIZE" => self.size = Some((text(0)?, text(1)?)),
            "GAP" => self.gap = Some(args.joined()),
            "CLS" => self.open = Some(Label::default()),
            "TEXT" => {
                let t = Text {
                    x: num(0)?,
                    y: num(1)?,
                    font: text(2)?,
                    x_mul: text(4)?,
                    y_mul: text(5)?,
                    text: args
                        .last_quoted()
                        .ok_or_else(|| bad(offset, name, "no text"))?,
                };
                self.drawing().texts.push(t);
            }
            "BARCODE" => {
                let code_type = text(2)?;
                let kind = match code_type.to_ascii_uppercase().as_str() {
                    "128" | "128M" => BarcodeKind::Code128,
                    "39" | "39S" | "39C" => BarcodeKind::Code39,
                    "25" | "25C" => BarcodeKind::Itf,
                    _ => BarcodeKind::Other,
                };
                let b = Barcode {
                    x: num(0)?,
                    y: num(1)?,
                    kind,
                    code_type,
                    height: num(3)?,
                    narrow: num(6)?,
                    wide: num(7)?,
                    data: args
                        .last_quoted()
                        .ok_or_else(|| bad(offset, name, "no data"))?,
                };
                self.drawing().barcodes.push(b);
            }
            "QRCODE" => {
                let cell = num(3)?;
                let b = Barcode {
                    x: num(0)?,
                    y: num(1)?,
                    kind: BarcodeKind::Qr,
                    code_type: "QR".into(),
                    height: 0,
                    narrow: cell,
                    wide: cell,
                    data: args
                        .last_quoted()
                        .ok_or_else(|| bad(offset, name, "no data"))?,
                };
                self.drawing().barcodes.push(b);
            }
            "BAR" => {
                let bar = (num(0)?, num(1)?, num(2)?, num(3)?);
                self.drawing().bars.push(bar);
            }
            "BOX" => {
                let b = (num(0)?, num(1)?, num(2)?, num(3)?, num(4)?);
                self.drawing().boxes.push(b);
            }
            "PRINT" => {
                let copies = num(0)?;
                let mut label = self.open.take().unwrap_or_default();
                label.size = self.size.clone();
                label.gap = self.gap.clone();
                label.copies = copies;
                return Ok(Some(label));
            }
            // Settings and media handling that change nothing on the label itself.
            "DIRECTION" | "REFERENCE" | "OFFSET" | "SPEED" | "DENSITY" | "SHIFT" | "CODEPAGE"
            | "SET" | "BLINE" | "FEED" | "BACKFEED" | "FORMFEED" | "HOME" | "SOUND" | "CUT"
            | "LIMITFEED" | "EOP" | "INITIALPRINTER" => {}
            _ => {
                return Err(DecodeError::UnknownCommand {
                    offset,
                    command: name.chars().take(32).collect(),
                });
            }
        }
        Ok(None)
    }
}

fn bad(offset: usize, command: &str, reason: &str) -> DecodeError {
    DecodeError::BadArguments {
        offset,
        command: command.to_string(),
        reason: reason.to_string(),
    }
}

fn line_error(offset: usize, command: &str, e: LineError) -> DecodeError {
    bad(offset, command, &e.to_string())
}

#[cfg(test)]
mod tests;
