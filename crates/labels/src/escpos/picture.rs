//! A document drawn as one 1-bit picture at the paper's width: text (rasterised at the scaled
//! size, so glyphs stay sharp rather than being shrunk as pixels), rules and frames. Barcodes
//! and QR codes are left out; the printer draws them natively.

use crate::document::Document;
use crate::layout::{Element, Face};
use crate::raster::{Bitmap, render_text};
use crate::zpl::scale_bitmap;

pub(super) struct Picture {
    bitmap: Bitmap,
    factor: f32,
}

impl Picture {
    /// `width` dots wide (a multiple of 8); the document is scaled down to it, never up.
    pub(super) fn draw(doc: &Document, width: u32) -> Self {
        let factor = (width as f32 / doc.width_dots().max(1) as f32).min(1.0);
        let scale = |v: u32| (v as f32 * factor).round() as u32;
        let mut bitmap = Bitmap::new(width, scale(doc.height_dots()).max(1));
        let thick = |v: u32| scale(v).max(1);
        for el in doc.elements() {
            match el {
                Element::Text(t) => {
                    let bold = match t.face {
                        Face::Device => true,
                        Face::Nanum { bold } => bold,
                    };
                    let px = scale(t.px).max(1);
                    blit(
                        &mut bitmap,
                        &render_text(&t.text, px, bold),
                        scale(t.x),
                        scale(t.y),
                    );
                }
                Element::Fill { x, y, w, h } => {
                    fill(&mut bitmap, scale(*x), scale(*y), thick(*w), thick(*h));
                }
                Element::Frame { x, y, w, h, t } => {
                    let (x, y, w, h, t) = (scale(*x), scale(*y), scale(*w), scale(*h), thick(*t));
                    fill(&mut bitmap, x, y, w, t);
                    fill(&mut bitmap, x, (y + h).saturating_sub(t), w, t);
                    fill(&mut bitmap, x, y, t, h);
                    fill(&mut bitmap, (x + w).saturating_sub(t), y, t, h);
                }
                Element::Image {
                    x,
                    y,
                    bitmap: image,
                } => {
                    let image = scale_bitmap(image, factor);
                    blit(&mut bitmap, &image, scale(*x), scale(*y));
                }
                Element::Barcode { .. } | Element::Qr { .. } => {}
            }
        }
        clear_padding(&mut bitmap);
        Self { bitmap, factor }
    }

    pub(super) fn bitmap(&self) -> &Bitmap {
        &self.bitmap
    }

    /// Layout dots to picture dots.
    pub(super) fn scaled(&self, v: u32) -> u32 {
        (v as f32 * self.factor).round() as u32
    }

    pub(super) fn factor(&self) -> f32 {
        self.factor
    }
}

/// ORs `src` into `dst` with its top-left at (`x`, `y`), clipped to `dst`.
fn blit(dst: &mut Bitmap, src: &Bitmap, x: u32, y: u32) {
    let shift = x % 8;
    let first = (x / 8) as usize;
    let dst_row = dst.bytes_per_row as usize;
    let src_row = src.bytes_per_row as usize;
    for sy in 0..src.height {
        let dy = y + sy;
        if dy >= dst.height {
            break;
        }
        let d = dy as usize * dst_row;
        let s = sy as usize * src_row;
        for (i, &b) in src.bits[s..s + src_row].iter().enumerate() {
            if b == 0 {
                continue;
            }
            let di = first + i;
            if di < dst_row {
                dst.bits[d + di] |= b >> shift;
            }
            if shift > 0 && di + 1 < dst_row {
                dst.bits[d + di + 1] |= b << (8 - shift);
            }
        }
    }
}

/// A solid rectangle, clipped.
fn fill(dst: &mut Bitmap, x: u32, y: u32, w: u32, h: u32) {
    let x1 = (x + w).min(dst.width);
    let y1 = (y + h).min(dst.height);
    for py in y..y1 {
        for px in x..x1 {
            dst.set(px, py);
        }
    }
}

/// Bits past `width` in each row's last byte stay white (a blit may spill into them).
fn clear_padding(dst: &mut Bitmap) {
    let used = dst.width % 8;
    if used == 0 {
        return;
    }
    let mask = 0xFFu8 << (8 - used);
    let row = dst.bytes_per_row as usize;
    for r in 0..dst.height as usize {
        dst.bits[r * row + row - 1] &= mask;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blit_at_an_odd_offset_keeps_every_pixel() {
        let mut src = Bitmap::new(11, 2);
        for (x, y) in [(0, 0), (5, 0), (10, 1)] {
            src.set(x, y);
        }
        let mut dst = Bitmap::new(32, 4);
        blit(&mut dst, &src, 3, 1);
        let mut on = vec![];
        for y in 0..4 {
            for x in 0..32 {
                if dst.get(x, y) {
                    on.push((x, y));
                }
            }
        }
        assert_eq!(on, vec![(3, 1), (8, 1), (13, 2)]);
    }

    #[test]
    fn blit_clips_at_the_edges() {
        let mut src = Bitmap::new(16, 3);
        for x in 0..16 {
            src.set(x, 2);
        }
        let mut dst = Bitmap::new(12, 2);
        blit(&mut dst, &src, 4, 0);
        assert_eq!(dst.ink(), 0, "row 2 of the source falls below");
        let mut dst = Bitmap::new(12, 3);
        blit(&mut dst, &src, 4, 0);
        clear_padding(&mut dst);
        assert_eq!(dst.ink(), 8, "x 4..12 of the last row");
    }
}
