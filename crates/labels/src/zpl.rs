//! ZPL II output for Zebra-compatible thermal printers (203 or 300 dpi).
//!
//! Font 0 has no Hangul and a Korean ROM cannot be assumed, so every NanumGothic string of the
//! layout is rasterised into a `^GFA` graphic field. Short ASCII fields use `^A0` so they stay
//! crisp and cheap. Bitmaps are sent as ZPL's compressed ASCII hex (`ascii_hex`), which every
//! ZPL II printer reads and which roughly halves a waybill (about 18 KB at 203 dpi, 33 KB at
//! 300, against 33 KB and 71 KB as plain hex). Each field is `^GFA,b,b,r,DATA` with `b` the
//! *uncompressed* byte count (the manual's "binary byte count" and "graphic field count", equal
//! for ASCII data) and `r` the bytes per row.

mod ascii_hex;

use crate::layout::cj::{self, HEIGHT, WIDTH};
use crate::layout::{DOTS_PER_MM, Element, Face, Text};
use crate::mask::MaskRule;
use crate::raster::{Bitmap, render_text};
use crate::waybill::Waybill;
use std::io::Write;

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
    let mut out = Vec::with_capacity(label_capacity(opts.dpi));
    write_label(&mut out, wb, opts);
    out
}

/// Several labels back to back, one `^XA … ^XZ` each, for a single print job.
pub fn render_batch(wbs: &[Waybill], opts: &ZplOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(wbs.len() * label_capacity(opts.dpi));
    for wb in wbs {
        write_label(&mut out, wb, opts);
    }
    out
}

/// A little over one compressed label (about 18 KB at 203 dpi, 33 KB at 300), so a batch
/// is written without regrowing its buffer.
fn label_capacity(dpi: u32) -> usize {
    (24.0 * 1024.0 * Scale::for_dpi(dpi).0) as usize
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

// `write!` into a Vec cannot fail; the results below are deliberately ignored.
fn write_label(out: &mut Vec<u8>, wb: &Waybill, opts: &ZplOptions) {
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
    out.extend_from_slice(b"^XZ\n");
}

fn text(out: &mut Vec<u8>, s: &Scale, t: &Text) {
    let (x, y, px) = (s.dots(t.x), s.dots(t.y), s.dots(t.px));
    match t.face {
        Face::Device if t.text.is_ascii() => {
            let _ = write!(out, "^FO{x},{y}^A0N,{px},{px}");
            if t.text.contains(['^', '~', '_']) {
                // ^FH: `_XX` hex escapes for the characters ZPL would treat as commands.
                out.extend_from_slice(b"^FH^FD");
                for b in t.text.bytes() {
                    match b {
                        b'^' | b'~' | b'_' => {
                            let _ = write!(out, "_{b:02X}");
                        }
                        _ => out.push(b),
                    }
                }
            } else {
                out.extend_from_slice(b"^FD");
                out.extend_from_slice(t.text.as_bytes());
            }
            out.extend_from_slice(b"^FS\n");
        }
        Face::Device => graphic(out, x, y, &render_text(&t.text, px, true)),
        Face::Nanum { bold } => graphic(out, x, y, &render_text(&t.text, px, bold)),
    }
}

/// `^GFA,<bytes>,<bytes>,<bytes per row>,<compressed hex>`; the counts are of the bitmap itself.
fn graphic(out: &mut Vec<u8>, x: u32, y: u32, bmp: &Bitmap) {
    if bmp.width == 0 || bmp.ink() == 0 {
        return;
    }
    let n = bmp.bits.len();
    let _ = write!(out, "^FO{x},{y}^GFA,{n},{n},{},", bmp.bytes_per_row);
    ascii_hex::write_compressed(out, &bmp.bits, bmp.bytes_per_row as usize);
    out.extend_from_slice(b"^FS\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::waybill::{LabelItem, Party};
    use chrono::NaiveDate;
    use packdesk_sim::printer::zpl::decode;

    fn waybill() -> Waybill {
        Waybill {
            tracking_no: "123456789012".into(),
            carrier_name: "CJ대한통운".into(),
            sort_code: "4W44-4g".into(),
            received: NaiveDate::from_ymd_opt(2025, 3, 14).unwrap(),
            copy: (1, 2),
            reprint: true,
            recipient: Party {
                name: "홍길동".into(),
                phone: "0311234567".into(),
                mobile: "01012345678".into(),
                zipcode: "06234".into(),
                address: "서울특별시 강남구 테헤란로 123 한국타워 4층 401호 (역삼동)".into(),
            },
            short_address: "강남 테헤란 123".into(),
            sender: Party {
                name: "패크데스크 스토어".into(),
                phone: "0212345678".into(),
                mobile: String::new(),
                zipcode: "04524".into(),
                address: "서울특별시 중구 세종대로 110 3층".into(),
            },
            items: vec![LabelItem {
                name: "오버핏 코튼 티셔츠".into(),
                option: "색상=화이트, 사이즈=L".into(),
                qty: 2,
            }],
            message: "부재 시 문 앞에 놓아주세요.".into(),
            parcel_no: 3,
            order_ids: vec!["20250314-0000123".into()],
        }
    }

    /// Every bitmap the layout asks for, where `text` places it, with no ink-less ones.
    fn expected_graphics(wb: &Waybill, opts: &ZplOptions) -> Vec<(u32, u32, Bitmap)> {
        let s = Scale::for_dpi(opts.dpi);
        cj::layout(wb, opts.mask)
            .into_iter()
            .filter_map(|el| match el {
                Element::Text(t) => {
                    let bold = match t.face {
                        Face::Device if t.text.is_ascii() => return None,
                        Face::Device => true,
                        Face::Nanum { bold } => bold,
                    };
                    let bmp = render_text(&t.text, s.dots(t.px), bold);
                    (bmp.width > 0 && bmp.ink() > 0).then(|| (s.dots(t.x), s.dots(t.y), bmp))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_graphic_field_decodes_to_the_rendered_bitmap() {
        for dpi in [203, 300] {
            let opts = ZplOptions {
                dpi,
                mask: MaskRule::default(),
            };
            let wb = waybill();
            let zpl = render(&wb, &opts);
            let labels = decode(&zpl).unwrap_or_else(|e| panic!("{dpi} dpi: {e}"));
            let got = &labels[0].graphics;
            let want = expected_graphics(&wb, &opts);
            assert!(want.len() >= 15, "{dpi} dpi: {} graphics", want.len());
            assert_eq!(got.len(), want.len(), "{dpi} dpi: one ^GFA per text");
            for (g, (x, y, bmp)) in got.iter().zip(&want) {
                assert_eq!((g.x, g.y), (*x, *y), "{dpi} dpi: field origin");
                assert_eq!(g.width_bytes, bmp.bytes_per_row, "{dpi} dpi at {x},{y}");
                assert_eq!(g.height, bmp.height, "{dpi} dpi at {x},{y}");
                assert!(g.bits == bmp.bits, "{dpi} dpi: bitmap at {x},{y} differs");
            }
        }
    }

    #[test]
    fn graphic_headers_count_uncompressed_bytes_and_the_data_is_compressed() {
        let zpl = String::from_utf8(render(&waybill(), &ZplOptions::default())).unwrap();
        let (mut declared, mut sent) = (0, 0);
        for field in zpl.split("^GFA,").skip(1) {
            let args = &field[..field.find('^').unwrap()];
            let mut parts = args.splitn(4, ',');
            let b: usize = parts.next().unwrap().parse().unwrap();
            let c: usize = parts.next().unwrap().parse().unwrap();
            let r: usize = parts.next().unwrap().parse().unwrap();
            let data = parts.next().unwrap().trim_end();
            assert_eq!(b, c, "{args}");
            assert!(b.is_multiple_of(r), "{args}");
            assert!(data.len() < 2 * b, "not compressed: {args}");
            declared += 2 * b;
            sent += data.len();
        }
        // Small Hangul is dense at nibble level, so ~55% is what this encoding reaches at
        // 203 dpi; plain hex would be 100%.
        assert!(
            sent * 100 < declared * 65,
            "{sent} hex characters sent for {declared} uncompressed"
        );
    }
}
