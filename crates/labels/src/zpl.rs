//! ZPL II output for Zebra-compatible thermal printers (203 or 300 dpi).
//!
//! Font 0 has no Hangul and a Korean ROM cannot be assumed, so every NanumGothic string of the
//! layout is rasterised into a `^GFA` graphic field. Short ASCII fields use `^A0` so they stay
//! crisp and cheap. Bitmaps are plain uppercase ASCII hex (no ZPL run-length compression), one
//! `^GFA,b,b,r,` header per field where `b` is the byte count and `r` the bytes per row, so any
//! ZPL reader (and the simulator's decoder) can parse them without extra rules.

use crate::layout::cj::{self, HEIGHT, WIDTH};
use crate::layout::{DOTS_PER_MM, Element, Face, Text};
use crate::mask::MaskRule;
use crate::raster::{Bitmap, render_text};
use crate::waybill::Waybill;
use std::fmt::Write;

/// How to print: printer resolution and the recipient masking rule of the carrier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZplOptions {
    /// 203 (8 dots/mm) or 300 (12 dots/mm); other values are rounded to whole dots per mm.
    pub dpi: u32,
    pub mask: MaskRule,
}

impl Default for ZplOptions {
    fn default() -> Self {
        Self {
            dpi: 203,
            mask: MaskRule::default(),
        }
    }
}

/// One label: a single `^XA … ^XZ` format.
pub fn render(wb: &Waybill, opts: &ZplOptions) -> Vec<u8> {
    let mut out = String::with_capacity(32 * 1024);
    write_label(&mut out, wb, opts);
    out.into_bytes()
}

/// Several labels back to back, one `^XA … ^XZ` each, for a single print job.
pub fn render_batch(wbs: &[Waybill], opts: &ZplOptions) -> Vec<u8> {
    let mut out = String::with_capacity(wbs.len() * 32 * 1024);
    for wb in wbs {
        write_label(&mut out, wb, opts);
    }
    out.into_bytes()
}

/// Layout dots (8/mm) to printer dots.
struct Scale(f32);

impl Scale {
    fn for_dpi(dpi: u32) -> Self {
        let dots_per_mm = (dpi as f32 / 25.4).round().max(1.0);
        Self(dots_per_mm / DOTS_PER_MM)
    }

    fn dots(&self, v: u32) -> u32 {
        (v as f32 * self.0).round() as u32
    }

    /// Barcode modules must be whole dots; rounding down keeps the symbol inside its space.
    fn module(&self, m: u32) -> u32 {
        ((m as f32 * self.0).floor() as u32).max(1)
    }
}

// `write!` into a String cannot fail; the results below are deliberately ignored.
fn write_label(out: &mut String, wb: &Waybill, opts: &ZplOptions) {
    let s = Scale::for_dpi(opts.dpi);
    let _ = write!(
        out,
        "^XA\n^CI28\n^PW{}\n^LL{}\n^LH0,0\n",
        s.dots(WIDTH),
        s.dots(HEIGHT)
    );
    for el in cj::layout(wb, opts.mask) {
        match el {
            Element::Text(t) => text(out, &s, &t),
            Element::Fill { x, y, w, h } => {
                let (w, h) = (s.dots(w).max(1), s.dots(h).max(1));
                let _ = writeln!(
                    out,
                    "^FO{},{}^GB{w},{h},{}^FS",
                    s.dots(x),
                    s.dots(y),
                    w.min(h)
                );
            }
            Element::Frame { x, y, w, h, t } => {
                let _ = writeln!(
                    out,
                    "^FO{},{}^GB{},{},{}^FS",
                    s.dots(x),
                    s.dots(y),
                    s.dots(w),
                    s.dots(h),
                    s.dots(t).max(1)
                );
            }
            Element::Barcode {
                x,
                y,
                module,
                height,
                code,
                ..
            } => {
                let h = s.dots(height);
                let _ = writeln!(
                    out,
                    "^FO{},{}^BY{}^BCN,{h},N,N,N^FD{}^FS",
                    s.dots(x),
                    s.dots(y),
                    s.module(module),
                    code.zpl_data()
                );
            }
        }
    }
    out.push_str("^XZ\n");
}

fn text(out: &mut String, s: &Scale, t: &Text) {
    let (x, y, px) = (s.dots(t.x), s.dots(t.y), s.dots(t.px));
    match t.face {
        Face::Device if t.text.is_ascii() => {
            let _ = write!(out, "^FO{x},{y}^A0N,{px},{px}");
            if t.text.contains(['^', '~', '_']) {
                // ^FH: `_XX` hex escapes for the characters ZPL would treat as commands.
                out.push_str("^FH^FD");
                for c in t.text.chars() {
                    match c {
                        '^' | '~' | '_' => {
                            let _ = write!(out, "_{:02X}", c as u32);
                        }
                        _ => out.push(c),
                    }
                }
            } else {
                out.push_str("^FD");
                out.push_str(&t.text);
            }
            out.push_str("^FS\n");
        }
        Face::Device => graphic(out, x, y, &render_text(&t.text, px, true)),
        Face::Nanum { bold } => graphic(out, x, y, &render_text(&t.text, px, bold)),
    }
}

/// `^GFA,<bytes>,<bytes>,<bytes per row>,<hex>`: uncompressed ASCII hex.
fn graphic(out: &mut String, x: u32, y: u32, bmp: &Bitmap) {
    if bmp.width == 0 || bmp.ink() == 0 {
        return;
    }
    let n = bmp.bits.len();
    let _ = write!(out, "^FO{x},{y}^GFA,{n},{n},{},", bmp.bytes_per_row);
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(n * 2);
    for &b in &bmp.bits {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 0x0F) as usize] as char);
    }
    out.push_str("^FS\n");
}
