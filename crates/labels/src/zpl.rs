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

use crate::barcode::{Code128, Symbology};
use crate::document::Document;
use crate::layout::{DOTS_PER_MM, Element, Face, Text};
use crate::mask::MaskRule;
use crate::raster::{Bitmap, render_text, scale};
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

/// One waybill: a single `^XA … ^XZ` format.
pub fn render(wb: &Waybill, opts: &ZplOptions) -> Vec<u8> {
    render_document(&crate::template::cj_document(wb, opts.mask), opts)
}

/// Several waybills back to back, one `^XA … ^XZ` each, for a single print job.
pub fn render_batch(wbs: &[Waybill], opts: &ZplOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(wbs.len() * label_capacity(opts.dpi));
    for wb in wbs {
        write_label(&mut out, &crate::template::cj_document(wb, opts.mask), opts);
    }
    out
}

/// Any document (its masking was applied when it was built; `opts.mask` is not used here).
pub fn render_document(doc: &Document, opts: &ZplOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(label_capacity(opts.dpi));
    write_label(&mut out, doc, opts);
    out
}

/// Several documents, one `^XA … ^XZ` each.
pub fn render_documents(docs: &[Document], opts: &ZplOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() * label_capacity(opts.dpi));
    for doc in docs {
        write_label(&mut out, doc, opts);
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
fn write_label(out: &mut Vec<u8>, doc: &Document, opts: &ZplOptions) {
    let s = Scale::for_dpi(opts.dpi);
    let _ = write!(
        out,
        "^XA\n^CI28\n^PW{}\n^LL{}\n^LH0,0\n",
        s.dots(doc.width),
        s.dots(doc.height)
    );
    for el in doc.elements() {
        match el {
            Element::Text(t) => text(out, &s, t),
            &Element::Fill { x, y, w, h } => {
                let (w, h) = (s.dots(w).max(1), s.dots(h).max(1));
                let _ = writeln!(
                    out,
                    "^FO{},{}^GB{w},{h},{}^FS",
                    s.dots(x),
                    s.dots(y),
                    w.min(h)
                );
            }
            &Element::Frame { x, y, w, h, t } => {
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
                symbology,
                data,
                ..
            } => barcode(out, &s, (*x, *y), *module, *height, *symbology, data),
            Element::Qr {
                x, y, module, data, ..
            } => qr(out, &s, *x, *y, *module, data),
            Element::Image { x, y, bitmap } => {
                graphic(out, s.dots(*x), s.dots(*y), &scale_bitmap(bitmap, s.0));
            }
        }
    }
    out.extend_from_slice(b"^XZ\n");
}

/// Native barcode commands: the printer draws the bars from the data at the same module width
/// (and, for Code 39 / ITF, the same 3:1 ratio) as the layout, the stream stays small, and a
/// decoder of the stream sees the data rather than a picture.
fn barcode(
    out: &mut Vec<u8>,
    s: &Scale,
    (x, y): (u32, u32),
    module: u32,
    height: u32,
    symbology: Symbology,
    data: &str,
) {
    let (x, y, h, m) = (s.dots(x), s.dots(y), s.dots(height), s.module(module));
    let _ = match symbology {
        Symbology::Code128 => match Code128::for_data(data) {
            Some(code) => writeln!(
                out,
                "^FO{x},{y}^BY{m}^BCN,{h},N,N,N^FD{}^FS",
                code.zpl_data()
            ),
            None => Ok(()),
        },
        // ^B3 o,e(check digit),h,f(text),g(above): no mod-43 digit, no interpretation line.
        Symbology::Code39 => writeln!(out, "^FO{x},{y}^BY{m},3.0^B3N,N,{h},N,N^FD{data}^FS"),
        // ^B2 o,h,f,g,e(check digit): the number is printed as given.
        Symbology::Itf => writeln!(out, "^FO{x},{y}^BY{m},3.0^B2N,{h},N,N,N^FD{data}^FS"),
    };
}

/// `^BQN,2,<magnification>` with `MA,` (EC level M, automatic mode) — the level the layout's
/// matrix was built with, so the printer picks the same version and the symbol has the size the
/// layout reserved. Native rather than a `^GFA` picture so the stream stays readable by decoders
/// (the QR carries the warranty URL, which is worth asserting on). Data is `^FH`-escaped.
fn qr(out: &mut Vec<u8>, s: &Scale, x: u32, y: u32, module: u32, data: &str) {
    let mag = s.module(module).clamp(1, 10);
    let _ = write!(out, "^FO{},{}^BQN,2,{mag}", s.dots(x), s.dots(y));
    field_data(out, &format!("MA,{data}"));
    out.extend_from_slice(b"^FS\n");
}

/// `^FD<data>`, switching to `^FH` hex escapes when the data holds a character ZPL would read
/// as a command (`^`, `~`) or the escape character itself.
fn field_data(out: &mut Vec<u8>, data: &str) {
    if data.contains(['^', '~', '_']) {
        out.extend_from_slice(b"^FH^FD");
        for b in data.bytes() {
            match b {
                b'^' | b'~' | b'_' => {
                    let _ = write!(out, "_{b:02X}");
                }
                _ => out.push(b),
            }
        }
    } else {
        out.extend_from_slice(b"^FD");
        out.extend_from_slice(data.as_bytes());
    }
}

fn text(out: &mut Vec<u8>, s: &Scale, t: &Text) {
    let (x, y, px) = (s.dots(t.x), s.dots(t.y), s.dots(t.px));
    match t.face {
        Face::Device if t.text.is_ascii() => {
            let _ = write!(out, "^FO{x},{y}^A0N,{px},{px}");
            field_data(out, &t.text);
            out.extend_from_slice(b"^FS\n");
        }
        Face::Device => graphic(out, x, y, &render_text(&t.text, px, true)),
        Face::Nanum { bold } => graphic(out, x, y, &render_text(&t.text, px, bold)),
    }
}

/// Nearest-neighbour scaling of a picture from layout dots to printer dots (1.5× at 300 dpi).
pub(crate) fn scale_bitmap(bmp: &Bitmap, factor: f32) -> Bitmap {
    scale(bmp, factor, factor)
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
        crate::template::cj_document(wb, opts.mask)
            .elements
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
