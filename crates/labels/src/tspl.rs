//! TSPL / TSPL2 output for TSC-compatible thermal label printers (TSC, Xprinter, HPRT and the
//! many Chinese "TSC-compatible" OEMs) at 203 or 300 dpi.
//!
//! As in ZPL, Hangul never relies on a Korean firmware font: every NanumGothic string is
//! rasterised into a `BITMAP` (mode 0). Short ASCII fields use `TEXT` with font `"0"`, the
//! scalable Monotype CG Triumvirate Bold Condensed — the same face as ZPL's `^A0`, so the
//! layout's width estimate for device text holds here too. Its size is given in points.
//! Rules are `BAR`, outlines `BOX`, 1-D symbols native `BARCODE` ("128", "39", "25") and QR
//! `QRCODE`, so the printer draws them at its own resolution.
//!
//! Every label carries its own `SIZE`/`GAP`/`CLS` header, so any label of a batch can be
//! resent alone (a resumed job starts mid-batch).

use crate::Symbology;
use crate::document::Document;
use crate::layout::cj;
use crate::layout::{DOTS_PER_MM, Element, Face, Text};
use crate::mask::MaskRule;
use crate::raster::{Bitmap, render_text};
use crate::waybill::Waybill;
use crate::zpl::scale_bitmap;
use std::io::Write;

/// How to print on a TSPL printer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TsplOptions {
    /// 203 (8 dots/mm) or 300 (12 dots/mm); other values are rounded to whole dots per mm.
    pub dpi: u32,
    /// Gap between labels on the roll, in millimetres (`GAP n mm,0 mm`); 0 for continuous media.
    pub gap_mm: u32,
    /// The carrier's masking rule, for the waybill entry points.
    pub mask: MaskRule,
}

impl Default for TsplOptions {
    fn default() -> Self {
        Self {
            dpi: 203,
            gap_mm: 2,
            mask: MaskRule::default(),
        }
    }
}

/// One waybill as one label (`SIZE … PRINT 1,1`).
pub fn render(wb: &Waybill, opts: &TsplOptions) -> Vec<u8> {
    render_document(&cj::document(wb, opts.mask), opts)
}

/// Several waybills back to back, one label each, for a single print job.
pub fn render_batch(wbs: &[Waybill], opts: &TsplOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(wbs.len() * label_capacity(opts.dpi));
    for wb in wbs {
        write_label(&mut out, &cj::document(wb, opts.mask), opts);
    }
    out
}

/// Any document (its masking was applied when it was built; `opts.mask` is not used here).
pub fn render_document(doc: &Document, opts: &TsplOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(label_capacity(opts.dpi));
    write_label(&mut out, doc, opts);
    out
}

/// Several documents, one label each.
pub fn render_documents(docs: &[Document], opts: &TsplOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() * label_capacity(opts.dpi));
    for doc in docs {
        write_label(&mut out, doc, opts);
    }
    out
}

/// About one waybill: its text bitmaps are sent uncompressed (TSPL has no compressed BITMAP
/// every clone reads), roughly 30 KB at 203 dpi and 66 KB at 300.
fn label_capacity(dpi: u32) -> usize {
    let s = Scale::for_dpi(dpi).0;
    (32.0 * 1024.0 * s * s) as usize
}

/// Layout dots (8/mm) to printer dots.
pub(crate) struct Scale(f32);

impl Scale {
    pub(crate) fn for_dpi(dpi: u32) -> Self {
        let dots_per_mm = (dpi as f32 / 25.4).round().max(1.0);
        Self(dots_per_mm / DOTS_PER_MM)
    }

    pub(crate) fn dots(&self, v: u32) -> u32 {
        (v as f32 * self.0).round() as u32
    }

    /// Barcode modules must be whole dots; rounding down keeps the symbol inside its space.
    pub(crate) fn module(&self, m: u32) -> u32 {
        ((m as f32 * self.0).floor() as u32).max(1)
    }
}

/// Millimetres of `dots` layout dots, without a needless `.0`.
fn mm(dots: u32) -> String {
    let tenths = (dots as f32 / DOTS_PER_MM * 10.0).round() as u32;
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

// `write!` into a Vec cannot fail; the results below are deliberately ignored.
fn write_label(out: &mut Vec<u8>, doc: &Document, opts: &TsplOptions) {
    let s = Scale::for_dpi(opts.dpi);
    let _ = write!(
        out,
        "SIZE {} mm,{} mm\r\nGAP {} mm,0 mm\r\nDIRECTION 1,0\r\nREFERENCE 0,0\r\nCLS\r\n",
        mm(doc.width_dots()),
        mm(doc.height_dots()),
        opts.gap_mm
    );
    // BITMAP mode 0 overwrites its whole rectangle, white included; drawing the text bitmaps
    // first keeps a bitmap's white margin from erasing a rule or frame that it touches.
    for el in doc.elements() {
        match el {
            Element::Text(t) => {
                if let Some((bold, px)) = raster_face(t, &s) {
                    bitmap(
                        out,
                        s.dots(t.x),
                        s.dots(t.y),
                        &render_text(&t.text, px, bold),
                    );
                }
            }
            Element::Image {
                x,
                y,
                bitmap: picture,
            } => {
                bitmap(out, s.dots(*x), s.dots(*y), &scale_bitmap(picture, s.0));
            }
            _ => {}
        }
    }
    for el in doc.elements() {
        match el {
            Element::Text(t) => {
                if raster_face(t, &s).is_none() {
                    device_text(out, &s, t, opts.dpi);
                }
            }
            Element::Fill { x, y, w, h } => {
                let _ = write!(
                    out,
                    "BAR {},{},{},{}\r\n",
                    s.dots(*x),
                    s.dots(*y),
                    s.dots(*w).max(1),
                    s.dots(*h).max(1)
                );
            }
            Element::Frame { x, y, w, h, t } => {
                let (x0, y0) = (s.dots(*x), s.dots(*y));
                let _ = write!(
                    out,
                    "BOX {x0},{y0},{},{},{}\r\n",
                    x0 + s.dots(*w),
                    y0 + s.dots(*h),
                    s.dots(*t).max(1)
                );
            }
            Element::Barcode {
                x,
                y,
                module,
                height,
                symbology,
                data,
                ..
            } => {
                let narrow = s.module(*module);
                let (kind, wide) = match symbology {
                    // Code 128 has no wide element; TSPL still wants the parameter.
                    Symbology::Code128 => ("128", narrow),
                    Symbology::Code39 => ("39", narrow * crate::barcode::WIDE as u32),
                    Symbology::Itf => ("25", narrow * crate::barcode::WIDE as u32),
                };
                let _ = write!(
                    out,
                    "BARCODE {},{},\"{kind}\",{},0,0,{narrow},{wide},",
                    s.dots(*x),
                    s.dots(*y),
                    s.dots(*height).max(1)
                );
                quoted(out, data);
                out.extend_from_slice(b"\r\n");
            }
            Element::Qr {
                x, y, module, data, ..
            } => {
                // Level M, as the layout's own matrix; auto mode; cell width in dots.
                let _ = write!(
                    out,
                    "QRCODE {},{},M,{},A,0,",
                    s.dots(*x),
                    s.dots(*y),
                    s.module(*module)
                );
                quoted(out, data);
                out.extend_from_slice(b"\r\n");
            }
            Element::Image { .. } => {}
        }
    }
    out.extend_from_slice(b"PRINT 1,1\r\n");
}

/// `Some((bold, px))` when the text must be rasterised: all NanumGothic text, and device text
/// that is not ASCII (font "0" has no Hangul).
fn raster_face(t: &Text, s: &Scale) -> Option<(bool, u32)> {
    match t.face {
        Face::Device if t.text.is_ascii() => None,
        Face::Device => Some((true, s.dots(t.px))),
        Face::Nanum { bold } => Some((bold, s.dots(t.px))),
    }
}

/// `TEXT x,y,"0",0,w,h,"…"` with the cell height in points (1/72 inch) — font "0" is sized in
/// points, not by multiplication.
fn device_text(out: &mut Vec<u8>, s: &Scale, t: &Text, dpi: u32) {
    let pt = ((s.dots(t.px) as f32 * 72.0 / dpi.max(1) as f32).round() as u32).max(1);
    let _ = write!(
        out,
        "TEXT {},{},\"0\",0,{pt},{pt},",
        s.dots(t.x),
        s.dots(t.y)
    );
    quoted(out, &t.text);
    out.extend_from_slice(b"\r\n");
}

/// A TSPL string literal: `"` inside is written `\["]`, TSPL's escape for it.
fn quoted(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    for part in text.split_inclusive('"') {
        match part.strip_suffix('"') {
            Some(head) => {
                out.extend_from_slice(head.as_bytes());
                out.extend_from_slice(b"\\[\"]");
            }
            None => out.extend_from_slice(part.as_bytes()),
        }
    }
    out.push(b'"');
}

/// `BITMAP x,y,width_bytes,height,0,<binary>`. TSPL prints a 0 bit and leaves a 1 bit white —
/// the reverse of ZPL and of [`Bitmap`] — so the rows go out inverted (row padding turns white).
fn bitmap(out: &mut Vec<u8>, x: u32, y: u32, bmp: &Bitmap) {
    if bmp.width == 0 || bmp.ink() == 0 {
        return;
    }
    let _ = write!(
        out,
        "BITMAP {x},{y},{},{},0,",
        bmp.bytes_per_row, bmp.height
    );
    out.extend(bmp.bits.iter().map(|b| !b));
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_whole_or_tenth_millimetres() {
        assert_eq!(mm(984), "123");
        assert_eq!(mm(800), "100");
        assert_eq!(mm(612), "76.5");
    }

    #[test]
    fn quotes_inside_strings_are_escaped() {
        let mut out = Vec::new();
        quoted(&mut out, r#"A"B""#);
        assert_eq!(out, br#""A\["]B\["]""#);
    }

    #[test]
    fn bitmaps_are_sent_inverted_with_white_padding() {
        let mut bmp = Bitmap::new(10, 1);
        bmp.set(0, 0);
        bmp.set(9, 0);
        let mut out = Vec::new();
        bitmap(&mut out, 5, 6, &bmp);
        assert_eq!(out, b"BITMAP 5,6,2,1,0,\x7F\xBF\r\n");
    }
}
