//! Text to 1-bit bitmaps with NanumGothic, for ZPL `^GFA` fields.
//!
//! Advances are rounded to whole pixels (as hinted rendering does), so a glyph's pixels and its
//! neighbours' offsets do not depend on where a word sits in the line. That lets each
//! (char, size, weight) be rasterised once and blitted afterwards — a 1,000-label batch repeats
//! the same few hundred glyphs — and makes a word's bitmap an exact part of any line holding it.

use crate::fonts::face;
use ab_glyph::{Font, PxScale, ScaleFont, point};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A 1-bit image: `1` = black, rows of `bytes_per_row` bytes, most significant bit leftmost —
/// exactly the layout ZPL `^GF` expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitmap {
    pub width: u32,
    pub height: u32,
    pub bytes_per_row: u32,
    pub bits: Vec<u8>,
}

impl Bitmap {
    /// An all-white bitmap.
    pub fn new(width: u32, height: u32) -> Self {
        let bytes_per_row = width.div_ceil(8);
        Self {
            width,
            height,
            bytes_per_row,
            bits: vec![0; (bytes_per_row * height) as usize],
        }
    }

    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        let byte = self.bits[(y * self.bytes_per_row + x / 8) as usize];
        byte & (0x80 >> (x % 8)) != 0
    }

    pub fn set(&mut self, x: u32, y: u32) {
        if x < self.width && y < self.height {
            self.bits[(y * self.bytes_per_row + x / 8) as usize] |= 0x80 >> (x % 8);
        }
    }

    /// Number of black pixels.
    pub fn ink(&self) -> u32 {
        self.bits.iter().map(|b| b.count_ones()).sum()
    }
}

/// Coverage at or above this is black. Slightly under one half keeps thin Hangul strokes
/// (ㅡ, ㅣ) unbroken at 203 dpi sizes without smearing counters shut.
const THRESHOLD: f32 = 0.45;

/// One rasterised glyph, relative to the pen position on the line's top edge.
struct GlyphMask {
    left: i32,
    top: i32,
    width: u32,
    height: u32,
    on: Vec<bool>,
}

type GlyphKey = (char, u32, bool);

thread_local! {
    static GLYPHS: RefCell<HashMap<GlyphKey, Rc<GlyphMask>>> = RefCell::new(HashMap::new());
}

/// Bound on cached glyphs per thread (each a few hundred bytes).
const CACHE_LIMIT: usize = 20_000;

fn glyph_mask(c: char, px: u32, bold: bool) -> Rc<GlyphMask> {
    GLYPHS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(g) = cache.get(&(c, px, bold)) {
            return Rc::clone(g);
        }
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        let g = Rc::new(rasterise_glyph(c, px, bold));
        cache.insert((c, px, bold), Rc::clone(&g));
        g
    })
}

fn rasterise_glyph(c: char, px: u32, bold: bool) -> GlyphMask {
    let font = face(bold).as_scaled(PxScale::from(px as f32));
    let glyph = font
        .glyph_id(c)
        .with_scale_and_position(font.scale(), point(0.0, font.ascent()));
    let Some(outlined) = font.outline_glyph(glyph) else {
        // Blank glyphs (space) have no outline.
        return GlyphMask {
            left: 0,
            top: 0,
            width: 0,
            height: 0,
            on: Vec::new(),
        };
    };
    let bounds = outlined.px_bounds();
    let width = bounds.width() as u32;
    let height = bounds.height() as u32;
    let mut on = vec![false; (width * height) as usize];
    outlined.draw(|x, y, coverage| {
        if coverage >= THRESHOLD && x < width && y < height {
            on[(y * width + x) as usize] = true;
        }
    });
    GlyphMask {
        left: bounds.min.x as i32,
        top: bounds.min.y as i32,
        width,
        height,
        on,
    }
}

/// Control characters (a stray newline in an address) print as spaces.
fn printable(c: char) -> char {
    if c.is_control() { ' ' } else { c }
}

/// Pen positions of each glyph and the resulting line width, in pixels.
fn place(text: &str, px: u32, bold: bool) -> (Vec<(i32, char)>, u32) {
    let font = face(bold).as_scaled(PxScale::from(px as f32));
    let mut pen = 0i32;
    let mut placed = Vec::with_capacity(text.len());
    let mut right = 0i32;
    for c in text.chars().map(printable) {
        let x = pen;
        let mask = glyph_mask(c, px, bold);
        if mask.width > 0 {
            right = right.max(x + mask.left + mask.width as i32);
        }
        placed.push((x, c));
        pen += font.h_advance(font.glyph_id(c)).round() as i32;
    }
    let width = pen.max(right).max(0) as u32;
    (placed, width)
}

/// Width in pixels of `text` at line height `px` — the width [`render_text`] will return.
pub(crate) fn text_width(text: &str, px: u32, bold: bool) -> u32 {
    place(text, px, bold).1
}

/// Rasterises one line of text. `px_height` is the line height (ascent − descent) and is exactly
/// the bitmap's height; the width is the text's advance.
pub fn render_text(text: &str, px_height: u32, bold: bool) -> Bitmap {
    let (placed, width) = place(text, px_height, bold);
    let mut bmp = Bitmap::new(width, px_height);
    for (pen_x, c) in placed {
        let g = glyph_mask(c, px_height, bold);
        for gy in 0..g.height {
            let y = g.top + gy as i32;
            if y < 0 {
                continue;
            }
            for gx in 0..g.width {
                let x = pen_x + g.left + gx as i32;
                if x >= 0 && g.on[(gy * g.width + gx) as usize] {
                    bmp.set(x as u32, y as u32);
                }
            }
        }
    }
    bmp
}

/// Nearest-neighbour scaling by `fx` horizontally and `fy` vertically (pictures from layout
/// dots to 300-dpi dots; Nanum squeezed into a printer-font cell in the preview).
pub fn scale(bmp: &Bitmap, fx: f32, fy: f32) -> Bitmap {
    if (fx - 1.0).abs() < f32::EPSILON && (fy - 1.0).abs() < f32::EPSILON {
        return bmp.clone();
    }
    let w = (bmp.width as f32 * fx).round() as u32;
    let h = (bmp.height as f32 * fy).round() as u32;
    let mut out = Bitmap::new(w, h);
    for y in 0..h {
        for x in 0..w {
            if bmp.get((x as f32 / fx) as u32, (y as f32 / fy) as u32) {
                out.set(x, y);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitmap_height_is_the_requested_line_height() {
        let b = render_text("홍길동 010", 32, false);
        assert_eq!(b.height, 32);
        assert_eq!(b.bytes_per_row, b.width.div_ceil(8));
        assert_eq!(b.bits.len() as u32, b.bytes_per_row * b.height);
        assert_eq!(b.width, text_width("홍길동 010", 32, false));
        assert!(b.ink() > 100, "text should leave ink, got {}", b.ink());
    }

    #[test]
    fn empty_and_blank_text_have_no_ink() {
        assert_eq!(render_text("", 20, false).width, 0);
        let blank = render_text("   ", 20, true);
        assert!(blank.width > 0);
        assert_eq!(blank.ink(), 0);
    }

    #[test]
    fn bold_is_darker_than_regular() {
        let r = render_text("대한통운", 40, false).ink();
        let b = render_text("대한통운", 40, true).ink();
        assert!(b > r, "bold {b} <= regular {r}");
    }

    #[test]
    fn a_glyph_looks_the_same_wherever_it_sits() {
        // The cache relies on this: "동" drawn alone equals "동" at the end of "홍길동".
        let alone = render_text("동", 30, false);
        let word = render_text("홍길동", 30, false);
        let dx = text_width("홍길", 30, false);
        for y in 0..alone.height {
            for x in 0..alone.width {
                assert_eq!(alone.get(x, y), word.get(x + dx, y), "pixel {x},{y}");
            }
        }
    }
}
