//! ESC/POS output for 58/80 mm receipt printers and ESC/POS label printers (203 dpi heads).
//!
//! A receipt printer prints a stream, line after line; it cannot put a native barcode beside an
//! image, and a 123 mm waybill is wider than an 80 mm roll. So a document is printed as one
//! picture scaled down to the paper width (never up), sent as `GS v 0` raster bands, and every
//! barcode and QR is taken out of the picture and printed natively (`GS k`, `GS ( k`) at the row
//! where it stood — the picture continues below it. Native symbols keep whole-dot modules that
//! a scanner reads; scaled raster bars at 0.59 × would not. Text is always rasterised with
//! NanumGothic: a Korean font ROM cannot be assumed, and rasterised text looks the same on
//! every model (the `escpos` crate has no Korean code page nor Code 128, hence raw commands).
//!
//! Bands are at most [`BAND_ROWS`] rows: long single `GS v 0` images are a known cause of
//! garbage output on some models.

mod picture;

use crate::Symbology;
use crate::barcode::Code128;
use crate::document::Document;
use crate::layout::Element;
use crate::layout::cj;
use crate::mask::MaskRule;
use crate::raster::Bitmap;
use crate::waybill::Waybill;
use picture::Picture;

/// Rows per `GS v 0` band.
pub const BAND_ROWS: u32 = 128;

/// What happens after each document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Finish {
    /// Feed past the cutter and cut (`GS V 65 n`).
    #[default]
    Cut,
    /// Feed and cut leaving a hinge (`GS V 66 n`).
    PartialCut,
    /// Label-mode ESC/POS printers: feed to the start of the next label (`GS FF`).
    NextLabel,
}

/// Paper and finishing of an ESC/POS printer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EscPosOptions {
    /// Printable width in dots at 203 dpi: 576 for 80 mm rolls, 384 for 58 mm.
    pub width_dots: u32,
    pub finish: Finish,
    /// The carrier's masking rule, for the waybill entry points.
    pub mask: MaskRule,
}

impl EscPosOptions {
    /// 80 mm roll, 72 mm (576 dots) printable.
    pub fn receipt_80mm() -> Self {
        Self {
            width_dots: 576,
            finish: Finish::Cut,
            mask: MaskRule::default(),
        }
    }

    /// 58 mm roll, 48 mm (384 dots) printable. A 123 mm waybill shrinks to 0.39 × here, which
    /// leaves its small print barely legible; 58 mm suits receipt-sized documents.
    pub fn receipt_58mm() -> Self {
        Self {
            width_dots: 384,
            ..Self::receipt_80mm()
        }
    }

    /// An ESC/POS label printer with `width_mm` of printable width, feeding label to label.
    pub fn label(width_mm: u32) -> Self {
        Self {
            width_dots: width_mm * 8,
            finish: Finish::NextLabel,
            mask: MaskRule::default(),
        }
    }
}

impl Default for EscPosOptions {
    fn default() -> Self {
        Self::receipt_80mm()
    }
}

/// One waybill: `ESC @`, raster bands and native symbols, then the finish.
pub fn render(wb: &Waybill, opts: &EscPosOptions) -> Vec<u8> {
    render_document(&cj::document(wb, opts.mask), opts)
}

/// Several waybills back to back, each finished (cut) on its own, for a single print job.
pub fn render_batch(wbs: &[Waybill], opts: &EscPosOptions) -> Vec<u8> {
    let mut out = Vec::new();
    for wb in wbs {
        write_document(&mut out, &cj::document(wb, opts.mask), opts);
    }
    out
}

/// Any document (its masking was applied when it was built; `opts.mask` is not used here).
pub fn render_document(doc: &Document, opts: &EscPosOptions) -> Vec<u8> {
    let mut out = Vec::new();
    write_document(&mut out, doc, opts);
    out
}

/// Several documents, each finished on its own.
pub fn render_documents(docs: &[Document], opts: &EscPosOptions) -> Vec<u8> {
    let mut out = Vec::new();
    for doc in docs {
        write_document(&mut out, doc, opts);
    }
    out
}

/// A symbol printed by the printer, at picture row `row`.
struct Native<'a> {
    row: u32,
    left: u32,
    element: &'a Element,
}

fn write_document(out: &mut Vec<u8>, doc: &Document, opts: &EscPosOptions) {
    let width = opts.width_dots.max(8) / 8 * 8;
    let picture = Picture::draw(doc, width);
    let mut natives: Vec<Native<'_>> = doc
        .elements()
        .iter()
        .filter_map(|el| match el {
            Element::Barcode { x, y, .. } | Element::Qr { x, y, .. } => Some(Native {
                row: picture.scaled(*y),
                left: picture.scaled(*x),
                element: el,
            }),
            _ => None,
        })
        .collect();
    natives.sort_by_key(|n| (n.row, n.left));

    out.extend_from_slice(&[0x1B, 0x40]); // ESC @
    let bitmap = picture.bitmap();
    let mut printed = 0;
    for native in &natives {
        bands(out, bitmap, printed, native.row.min(bitmap.height));
        printed = native.row.min(bitmap.height).max(printed);
        symbol(out, native, width, picture.factor());
    }
    bands(out, bitmap, printed, bitmap.height);
    match opts.finish {
        Finish::Cut => out.extend_from_slice(&[0x1D, 0x56, 65, 24]),
        Finish::PartialCut => out.extend_from_slice(&[0x1D, 0x56, 66, 24]),
        Finish::NextLabel => out.extend_from_slice(&[0x1D, 0x0C]),
    }
}

/// Rows `from..to` of `bmp` as `GS v 0` bands of at most [`BAND_ROWS`] rows.
fn bands(out: &mut Vec<u8>, bmp: &Bitmap, from: u32, to: u32) {
    let row_bytes = bmp.bytes_per_row as usize;
    let mut y = from;
    while y < to {
        let rows = (to - y).min(BAND_ROWS);
        out.extend_from_slice(&[0x1D, 0x76, 0x30, 0]);
        out.extend_from_slice(&(bmp.bytes_per_row as u16).to_le_bytes());
        out.extend_from_slice(&(rows as u16).to_le_bytes());
        let start = y as usize * row_bytes;
        out.extend_from_slice(&bmp.bits[start..start + rows as usize * row_bytes]);
        y += rows;
    }
}

/// A barcode (`GS k`) or QR (`GS ( k`) with its left edge at the scaled layout position, moved
/// left if it would not fit. The left margin (`GS L`) is reset afterwards, because it also
/// shifts raster images.
fn symbol(out: &mut Vec<u8>, native: &Native<'_>, width: u32, factor: f32) {
    match native.element {
        Element::Barcode {
            module,
            height,
            symbology,
            data,
            modules,
            ..
        } => {
            let Some((m, payload)) = barcode_payload(*symbology, data) else {
                return;
            };
            // Epson accepts module widths 2–6; narrower only when the symbol would not fit.
            let mut w = (*module).clamp(2, 6);
            while w > 1 && modules.len() as u32 * w > width {
                w -= 1;
            }
            let symbol_w = modules.len() as u32 * w;
            let h = ((*height as f32 * factor).round() as u32).clamp(40, 255);
            left_margin(out, native.left.min(width.saturating_sub(symbol_w)));
            out.extend_from_slice(&[0x1D, 0x48, 0]); // GS H 0: the layout prints its own text
            out.extend_from_slice(&[0x1D, 0x68, h as u8]);
            out.extend_from_slice(&[0x1D, 0x77, w as u8]);
            out.extend_from_slice(&[0x1D, 0x6B, m, payload.len() as u8]);
            out.extend_from_slice(&payload);
            left_margin(out, 0);
        }
        Element::Qr {
            module,
            data,
            modules,
            ..
        } => {
            let n = modules.len().max(1) as u32;
            let mut size = ((*module as f32 * factor).round() as u32).clamp(2, 16);
            while size > 1 && n * size > width {
                size -= 1;
            }
            let bytes = data.as_bytes();
            // Store: pL pH count the data plus `cn fn m` (3 bytes); the model caps it well below.
            let Ok(len) = u16::try_from(bytes.len() + 3) else {
                return;
            };
            left_margin(out, native.left.min(width.saturating_sub(n * size)));
            out.extend_from_slice(&[0x1D, 0x28, 0x6B, 4, 0, 0x31, 0x41, 50, 0]); // model 2
            out.extend_from_slice(&[0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x43, size as u8]);
            out.extend_from_slice(&[0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x45, 49]); // level M
            out.extend_from_slice(&[0x1D, 0x28, 0x6B]);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&[0x31, 0x50, 0x30]);
            out.extend_from_slice(bytes);
            out.extend_from_slice(&[0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30]); // print
            left_margin(out, 0);
        }
        _ => {}
    }
}

/// `GS L nL nH`.
fn left_margin(out: &mut Vec<u8>, dots: u32) {
    out.extend_from_slice(&[0x1D, 0x4C]);
    out.extend_from_slice(&(dots.min(u16::MAX as u32) as u16).to_le_bytes());
}

/// `GS k` function B: the symbology byte `m` and the data. Code 128 (m = 73) starts with a code
/// set selector: `{C` and one byte per digit pair for even digit strings (what the layout's
/// modules encode), `{B` and the text otherwise, a literal `{` doubled. `None` when the data
/// cannot be sent (over 255 bytes, or refused by the symbology).
fn barcode_payload(symbology: Symbology, data: &str) -> Option<(u8, Vec<u8>)> {
    let (m, payload) = match symbology {
        Symbology::Code128 => {
            let mut p = Vec::with_capacity(data.len() + 2);
            match Code128::for_data(data)? {
                Code128::Digits(d) => {
                    p.extend_from_slice(b"{C");
                    p.extend(d.as_bytes().chunks(2).map(|pair| {
                        (pair[0] - b'0') * 10 + (pair.get(1).copied().unwrap_or(b'0') - b'0')
                    }));
                }
                Code128::Text(t) => {
                    p.extend_from_slice(b"{B");
                    for b in t.bytes() {
                        if b == b'{' {
                            p.push(b'{');
                        }
                        p.push(b);
                    }
                }
            }
            (73, p)
        }
        Symbology::Code39 => (69, data.as_bytes().to_vec()),
        Symbology::Itf => (70, data.as_bytes().to_vec()),
    };
    (!payload.is_empty() && payload.len() <= 255).then_some((m, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code128_digits_go_in_set_c_pairs() {
        let (m, p) = barcode_payload(Symbology::Code128, "123456789012").unwrap();
        assert_eq!(m, 73);
        assert_eq!(p, [b'{', b'C', 12, 34, 56, 78, 90, 12]);
        let (_, p) = barcode_payload(Symbology::Code128, "4W44-4g").unwrap();
        assert_eq!(p, b"{B4W44-4g");
    }

    #[test]
    fn code39_and_itf_use_function_b_codes() {
        assert_eq!(barcode_payload(Symbology::Code39, "AB-12").unwrap().0, 69);
        assert_eq!(barcode_payload(Symbology::Itf, "1234").unwrap().0, 70);
        assert_eq!(barcode_payload(Symbology::Itf, ""), None);
    }

    #[test]
    fn bands_split_at_the_row_limit() {
        let bmp = Bitmap::new(16, BAND_ROWS + 3);
        let mut out = Vec::new();
        bands(&mut out, &bmp, 0, bmp.height);
        let header = |rows: u16| {
            let mut h = vec![0x1D, 0x76, 0x30, 0, 2, 0];
            h.extend_from_slice(&rows.to_le_bytes());
            h
        };
        assert_eq!(out[..8], header(BAND_ROWS as u16)[..]);
        let second = 8 + 2 * BAND_ROWS as usize;
        assert_eq!(out[second..second + 8], header(3)[..]);
        assert_eq!(out.len(), second + 8 + 6);
    }
}
