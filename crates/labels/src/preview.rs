//! A PNG of a document at 203 dpi — what the thermal printer will print, dot for dot — for the
//! app's preview and the docs. Text is rasterised with the same NanumGothic bitmaps the ZPL path
//! sends; printer-font fields are drawn in NanumGothic Bold at their cell height, as in the PDF.

use crate::document::Document;
use crate::layout::{Element, Face};
use crate::raster::{Bitmap, render_text, scale};

/// Black-on-white 8-bit greyscale PNG of `doc`, one pixel per 203-dpi dot.
pub fn preview_png(doc: &Document) -> Vec<u8> {
    let bmp = rasterise(doc);
    let pixels: Vec<u8> = (0..bmp.height)
        .flat_map(|y| (0..bmp.width).map(move |x| (x, y)))
        .map(|(x, y)| if bmp.get(x, y) { 0 } else { 255 })
        .collect();
    let mut out = std::io::Cursor::new(Vec::new());
    let img = image::GrayImage::from_raw(bmp.width, bmp.height, pixels);
    match img.map(|i| i.write_to(&mut out, image::ImageFormat::Png)) {
        Some(Ok(())) => out.into_inner(),
        // Encoding an in-memory greyscale buffer of the right size cannot fail.
        _ => Vec::new(),
    }
}

/// The whole document as one 1-bit bitmap (also what raster printer languages can send).
pub fn rasterise(doc: &Document) -> Bitmap {
    let mut page = Bitmap::new(doc.width, doc.height);
    let fill = |page: &mut Bitmap, x: u32, y: u32, w: u32, h: u32| {
        for yy in y..y.saturating_add(h).min(page.height) {
            for xx in x..x.saturating_add(w).min(page.width) {
                page.set(xx, yy);
            }
        }
    };
    for el in doc.elements() {
        match el {
            Element::Text(t) => {
                let bold = match t.face {
                    Face::Device => true,
                    Face::Nanum { bold } => bold,
                };
                let mut glyphs = render_text(&t.text, t.px, bold);
                if t.face == Face::Device && glyphs.width > t.width && glyphs.width > 0 {
                    // The printer font is condensed; squeeze Nanum into the reserved width.
                    glyphs = scale(&glyphs, t.width as f32 / glyphs.width as f32, 1.0);
                }
                blit(&mut page, t.x, t.y, &glyphs);
            }
            &Element::Fill { x, y, w, h } => fill(&mut page, x, y, w, h),
            &Element::Frame { x, y, w, h, t } => {
                fill(&mut page, x, y, w, t);
                fill(&mut page, x, (y + h).saturating_sub(t), w, t);
                fill(&mut page, x, y, t, h);
                fill(&mut page, (x + w).saturating_sub(t), y, t, h);
            }
            Element::Barcode {
                x,
                y,
                module,
                height,
                modules,
                ..
            } => {
                for (i, m) in modules.iter().enumerate() {
                    if *m == 1 {
                        fill(&mut page, x + i as u32 * module, *y, *module, *height);
                    }
                }
            }
            Element::Qr {
                x,
                y,
                module,
                modules,
                ..
            } => {
                for (r, row) in modules.iter().enumerate() {
                    for (c, dark) in row.iter().enumerate() {
                        if *dark {
                            fill(
                                &mut page,
                                x + c as u32 * module,
                                y + r as u32 * module,
                                *module,
                                *module,
                            );
                        }
                    }
                }
            }
            Element::Image { x, y, bitmap } => blit(&mut page, *x, *y, bitmap),
        }
    }
    page
}

fn blit(page: &mut Bitmap, x: u32, y: u32, src: &Bitmap) {
    for sy in 0..src.height {
        for sx in 0..src.width {
            if src.get(sx, sy) {
                page.set(x + sx, y + sy);
            }
        }
    }
}
