//! A ZPL II decoder good enough to assert what a label printer was asked to print: where
//! each text, barcode and bitmap sits and what it says. It does not render.
//!
//! Commands are read as Zebra does: `^` or `~` starts a command, field data (`^FD`) runs to
//! the next `^`, CR/LF are ignored, unknown commands are skipped.
mod field;
mod graphic;

use field::{FieldData, barcode_data};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Label {
    /// `^PW` print width.
    pub width_dots: Option<u32>,
    /// `^LL` label length.
    pub length_dots: Option<u32>,
    pub texts: Vec<Text>,
    pub barcodes: Vec<Barcode>,
    pub graphics: Vec<Graphic>,
    /// `^GB` boxes and lines.
    pub boxes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub x: u32,
    pub y: u32,
    /// Font name: `0`, `A`…, or the font file of `^A@` (e.g. `E:NANUM.TTF`).
    pub font: String,
    pub height: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Barcode {
    pub x: u32,
    pub y: u32,
    pub kind: BarcodeKind,
    /// The encoded data. Code 128 invocation codes are resolved: subset switches (`>;`, `>:`,
    /// `>5`…) removed, a leading FNC1 (`>8`, the GS1-128 marker) dropped and later ones
    /// turned into GS (0x1D); QR data has its `QA,` mode prefix removed.
    pub data: String,
    /// `^BY` module (narrow bar) width in dots.
    pub module_width: u32,
    /// Bar height in dots (0 for QR).
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BarcodeKind {
    Code128,
    Code39,
    I2of5,
    Qr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graphic {
    pub x: u32,
    pub y: u32,
    pub width_bytes: u32,
    pub height: u32,
    /// Rows of `width_bytes` bytes, MSB first; a set bit is a black dot.
    pub bits: Vec<u8>,
}

impl Graphic {
    pub fn width_dots(&self) -> u32 {
        self.width_bytes * 8
    }

    /// Whether the dot at (`x`, `y`) inside the graphic is black.
    pub fn pixel(&self, x: u32, y: u32) -> bool {
        if x >= self.width_dots() || y >= self.height {
            return false;
        }
        let index = (y * self.width_bytes + x / 8) as usize;
        self.bits
            .get(index)
            .is_some_and(|byte| byte & (0x80 >> (x % 8)) != 0)
    }

    /// Number of black dots: a quick "something was drawn" check.
    pub fn ink(&self) -> usize {
        self.bits.iter().map(|b| b.count_ones() as usize).sum()
    }
}

impl Label {
    /// Whether any text field contains `needle`.
    pub fn has_text(&self, needle: &str) -> bool {
        self.texts.iter().any(|t| t.text.contains(needle))
    }

    pub fn barcode(&self, kind: BarcodeKind) -> Option<&Barcode> {
        self.barcodes.iter().find(|b| b.kind == kind)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("label {label} has ^XA without a closing ^XZ")]
    Unterminated { label: usize },
    #[error("label {label}: ^XA inside an open label")]
    Nested { label: usize },
    #[error("label {label}: ^{command} has an invalid number '{value}'")]
    BadNumber {
        label: usize,
        command: String,
        value: String,
    },
    #[error("label {label}: invalid ^FH hex escape in field data")]
    BadHexEscape { label: usize },
    #[error("label {label}: field data is not valid UTF-8 under ^CI28")]
    InvalidUtf8 { label: usize },
    #[error("label {label}: bad ^GF graphic: {reason}")]
    Graphic { label: usize, reason: String },
}

impl DecodeError {
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Unterminated { .. } => "ZPL_UNTERMINATED",
            DecodeError::Nested { .. } => "ZPL_NESTED_LABEL",
            DecodeError::BadNumber { .. } => "ZPL_BAD_NUMBER",
            DecodeError::BadHexEscape { .. } => "ZPL_BAD_HEX_ESCAPE",
            DecodeError::InvalidUtf8 { .. } => "ZPL_INVALID_UTF8",
            DecodeError::Graphic { .. } => "ZPL_BAD_GRAPHIC",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            DecodeError::Unterminated { label } => {
                format!("{label}번 라벨이 ^XZ로 끝나지 않았습니다.")
            }
            DecodeError::Nested { label } => {
                format!("{label}번 라벨 안에서 ^XA가 다시 나왔습니다.")
            }
            DecodeError::BadNumber {
                label,
                command,
                value,
            } => {
                format!("{label}번 라벨의 ^{command} 숫자 값 '{value}'가 올바르지 않습니다.")
            }
            DecodeError::BadHexEscape { label } => {
                format!("{label}번 라벨의 ^FH 16진 이스케이프가 올바르지 않습니다.")
            }
            DecodeError::InvalidUtf8 { label } => {
                format!("{label}번 라벨의 필드 데이터가 UTF-8이 아닙니다.")
            }
            DecodeError::Graphic { label, reason } => {
                format!("{label}번 라벨의 ^GF 그래픽이 올바르지 않습니다: {reason}")
            }
        }
    }
}

/// Decodes every `^XA…^XZ` label in `stream`, in order.
pub fn decode(stream: &[u8]) -> Result<Vec<Label>, DecodeError> {
    Decoder::new().decode(stream)
}

/// Decoder state that outlives one label, as it does in a printer (`^CI`, `^CF`, `^BY`).
/// Feed a stream in label-aligned pieces with one `Decoder` to get the same result as one call.
#[derive(Debug, Clone)]
pub struct Decoder {
    utf8: bool,
    default_font: String,
    default_height: u32,
    module_width: u32,
    bar_height: u32,
    decoded: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Self {
            utf8: false,
            default_font: "A".into(),
            default_height: 9,
            module_width: 2,
            bar_height: 10,
            decoded: 0,
        }
    }
}

/// The field being built between `^FO` and `^FS`.
#[derive(Debug, Default)]
struct Field {
    x: u32,
    y: u32,
    font: Option<(String, Option<u32>)>,
    barcode: Option<(BarcodeKind, Option<u32>)>,
    hex_indicator: Option<u8>,
    data: Option<Vec<u8>>,
}

struct Command<'a> {
    name: [u8; 2],
    /// For `^A`, the font letter; otherwise unused.
    font: u8,
    params: &'a [u8],
}

impl Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn decode(&mut self, stream: &[u8]) -> Result<Vec<Label>, DecodeError> {
        let mut labels = Vec::new();
        let mut open: Option<(Label, Field)> = None;
        for command in commands(stream) {
            let number = self.decoded + labels.len() + 1;
            match (&command.name, open.as_mut()) {
                (b"XA", None) => open = Some((Label::default(), Field::default())),
                (b"XA", Some(_)) => return Err(DecodeError::Nested { label: number }),
                (b"XZ", Some(_)) => {
                    if let Some((label, _)) = open.take() {
                        labels.push(label);
                    }
                }
                (_, Some((label, field))) => self.apply(&command, label, field, number)?,
                // Outside a format only printer settings matter, and none we track.
                (_, None) => {}
            }
        }
        if open.is_some() {
            return Err(DecodeError::Unterminated {
                label: self.decoded + labels.len() + 1,
            });
        }
        self.decoded += labels.len();
        Ok(labels)
    }

    fn apply(
        &mut self,
        c: &Command<'_>,
        label: &mut Label,
        field: &mut Field,
        number: usize,
    ) -> Result<(), DecodeError> {
        let name = match &c.name {
            b"A\0" => "A",
            other => std::str::from_utf8(other).unwrap_or("??"),
        };
        let p = Params::new(c.params, name, number);
        match &c.name {
            b"FO" | b"FT" => {
                field.x = p.num(0)?.unwrap_or(0);
                field.y = p.num(1)?.unwrap_or(0);
            }
            b"A\0" => {
                // ^Afo,h,w and ^A@o,h,w,d:file.ext
                let font = if c.font == b'@' {
                    p.text(3).unwrap_or_else(|| "@".into())
                } else {
                    char::from(c.font).to_string()
                };
                field.font = Some((font, p.num(1)?));
            }
            b"CF" => {
                if let Some(font) = p.text(0) {
                    self.default_font = font;
                }
                if let Some(height) = p.num(1)? {
                    self.default_height = height;
                }
            }
            b"BY" => {
                if let Some(w) = p.num(0)? {
                    self.module_width = w;
                }
                if let Some(h) = p.num(2)? {
                    self.bar_height = h;
                }
            }
            b"BC" => field.barcode = Some((BarcodeKind::Code128, p.num(1)?)),
            b"B3" => field.barcode = Some((BarcodeKind::Code39, p.num(2)?)),
            b"B2" => field.barcode = Some((BarcodeKind::I2of5, p.num(1)?)),
            b"BQ" => field.barcode = Some((BarcodeKind::Qr, Some(0))),
            b"FH" => {
                let indicator = c.params.iter().copied().find(|b| !b.is_ascii_whitespace());
                field.hex_indicator = Some(indicator.unwrap_or(b'_'));
            }
            b"FD" | b"FV" => {
                field.data = Some(
                    c.params
                        .iter()
                        .copied()
                        .filter(|&b| b != b'\r' && b != b'\n')
                        .collect(),
                )
            }
            b"FS" => self.finish_field(std::mem::take(field), label, number)?,
            b"GF" => {
                label
                    .graphics
                    .push(graphic::decode_command(c.params, field.x, field.y).map_err(
                        |reason| DecodeError::Graphic {
                            label: number,
                            reason,
                        },
                    )?)
            }
            b"GB" => label.boxes += 1,
            b"PW" => label.width_dots = p.num(0)?,
            b"LL" => label.length_dots = p.num(0)?,
            b"CI" => self.utf8 = p.num(0)? == Some(28),
            _ => {}
        }
        Ok(())
    }

    fn finish_field(
        &self,
        field: Field,
        label: &mut Label,
        number: usize,
    ) -> Result<(), DecodeError> {
        let Some(raw) = field.data else {
            return Ok(());
        };
        let text = FieldData {
            raw: &raw,
            hex_indicator: field.hex_indicator,
            utf8: self.utf8,
        }
        .decode()
        .map_err(|e| match e {
            field::FieldError::BadHex => DecodeError::BadHexEscape { label: number },
            field::FieldError::Utf8 => DecodeError::InvalidUtf8 { label: number },
        })?;
        match field.barcode {
            Some((kind, height)) => label.barcodes.push(Barcode {
                x: field.x,
                y: field.y,
                kind,
                data: barcode_data(kind, &text),
                module_width: self.module_width,
                height: height.unwrap_or(self.bar_height),
            }),
            None => {
                let (font, height) = match field.font {
                    Some((font, height)) => (font, height.unwrap_or(self.default_height)),
                    None => (self.default_font.clone(), self.default_height),
                };
                label.texts.push(Text {
                    x: field.x,
                    y: field.y,
                    font,
                    height,
                    text,
                });
            }
        }
        Ok(())
    }
}

/// Splits a stream into commands. `^A` is special: its second letter is the font, not part of
/// the command name (stored as `A\0`).
fn commands(stream: &[u8]) -> impl Iterator<Item = Command<'_>> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < stream.len() && !is_prefix(stream[i]) {
            i += 1;
        }
        let prefix = *stream.get(i)?;
        let (name, font, params_start) = match stream.get(i + 1).map(u8::to_ascii_uppercase) {
            Some(b'A') if prefix == b'^' => {
                ([b'A', 0], stream.get(i + 2).copied().unwrap_or(b'A'), i + 3)
            }
            Some(first) => (
                [first, stream.get(i + 2).map_or(0, u8::to_ascii_uppercase)],
                0,
                i + 3,
            ),
            None => return None,
        };
        let params_start = params_start.min(stream.len());
        // Field data and comments may contain '~'; only '^' ends them.
        let ends = |b: u8| {
            if matches!(&name, b"FD" | b"FV" | b"FX") {
                b == b'^'
            } else {
                is_prefix(b)
            }
        };
        let end = stream[params_start..]
            .iter()
            .position(|&b| ends(b))
            .map_or(stream.len(), |n| params_start + n);
        i = end;
        let params = if prefix == b'~' {
            &[][..]
        } else {
            &stream[params_start..end]
        };
        Some(Command {
            name: if prefix == b'~' {
                [b'~', name[0]]
            } else {
                name
            },
            font,
            params,
        })
    })
}

fn is_prefix(b: u8) -> bool {
    b == b'^' || b == b'~'
}

/// Comma-separated command parameters.
struct Params<'a> {
    parts: Vec<&'a [u8]>,
    command: &'a str,
    label: usize,
}

impl<'a> Params<'a> {
    fn new(params: &'a [u8], command: &'a str, label: usize) -> Self {
        Self {
            parts: params.split(|&b| b == b',').collect(),
            command,
            label,
        }
    }

    fn raw(&self, index: usize) -> Option<&'a [u8]> {
        let part = self.parts.get(index)?.trim_ascii();
        (!part.is_empty()).then_some(part)
    }

    fn text(&self, index: usize) -> Option<String> {
        self.raw(index)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    /// A missing or empty parameter is `None` (the printer default); garbage is an error so
    /// a generator bug does not slip through as "default".
    fn num(&self, index: usize) -> Result<Option<u32>, DecodeError> {
        let Some(raw) = self.raw(index) else {
            return Ok(None);
        };
        std::str::from_utf8(raw)
            .ok()
            .and_then(|s| s.parse().ok())
            .map(Some)
            .ok_or_else(|| DecodeError::BadNumber {
                label: self.label,
                command: self.command.to_owned(),
                value: String::from_utf8_lossy(raw).into_owned(),
            })
    }
}

#[cfg(test)]
mod tests;
