//! PDF output: one 123 × 100 mm page per waybill, for office printers and on-screen preview.
//!
//! Text stays text (NanumGothic embedded as a subset, so `pdftotext` and search work and 1,000
//! labels stay small); barcodes are filled rectangles from the same Code 128 modules the ZPL
//! path prints. The printer-font fields of the ZPL layout are set in NanumGothic Bold here,
//! sized to the same cell and never wider than the space the layout reserved for them.

use crate::document::Document;
use crate::error::LabelError;
use crate::fonts::{BOLD_TTF, REGULAR_TTF, face};
use crate::layout::{DOTS_PER_MM, Element, Face, Text};
use crate::mask::MaskRule;
use crate::raster::Bitmap;
use crate::waybill::Waybill;
use ab_glyph::Font;
use printpdf::{
    FontId, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, RawImage, RawImageData, RawImageFormat, Rect, TextItem, WindingOrder, XObjectId,
    XObjectTransform,
};
use std::sync::OnceLock;

/// Renders every waybill to its own page of one document.
pub fn render(wbs: &[Waybill], mask: MaskRule) -> Result<Vec<u8>, LabelError> {
    let docs: Vec<Document> = wbs
        .iter()
        .map(|wb| crate::template::cj_document(wb, mask))
        .collect();
    render_documents(&docs, "운송장")
}

/// Renders documents (each its own size) as the pages of one PDF titled `title`.
pub fn render_documents(docs: &[Document], title: &str) -> Result<Vec<u8>, LabelError> {
    if docs.is_empty() {
        return Err(LabelError::Empty);
    }
    let mut pdf = PdfDocument::new(title);
    let fonts = Fonts {
        regular: pdf.add_font(parsed(false)?),
        bold: pdf.add_font(parsed(true)?),
    };
    // Each distinct picture once, as an image every page that shows it reuses: a warranty card's
    // photo drawn as vector runs was thousands of rectangles on every page.
    let mut images: Vec<(&Bitmap, XObjectId)> = Vec::new();
    for d in docs {
        for el in d.elements() {
            if let Element::Image { bitmap, .. } = el
                && !images.iter().any(|(b, _)| *b == bitmap)
            {
                images.push((bitmap, pdf.add_image(&gray_image(bitmap))));
            }
        }
    }
    let pages = docs
        .iter()
        .map(|d| {
            let ops = page_ops(d, &fonts, &images);
            PdfPage::new(Mm(d.width_mm()), Mm(d.height_mm()), ops)
        })
        .collect();
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    Ok(pdf.with_pages(pages).save(&opts, &mut warnings))
}

/// printpdf's own parse of the embedded font, done once per process (it walks every table of a
/// 4.7 MB file).
fn parsed(bold: bool) -> Result<&'static ParsedFont, LabelError> {
    static REGULAR: OnceLock<Option<ParsedFont>> = OnceLock::new();
    static BOLD: OnceLock<Option<ParsedFont>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, BOLD_TTF)
    } else {
        (&REGULAR, REGULAR_TTF)
    };
    cell.get_or_init(|| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()))
        .as_ref()
        .ok_or_else(|| LabelError::Font(format!("NanumGothic{}", if bold { "Bold" } else { "" })))
}

struct Fonts {
    regular: FontId,
    bold: FontId,
}

fn mm(dots: f32) -> f32 {
    dots / DOTS_PER_MM
}

fn pt(dots: f32) -> Pt {
    Mm(mm(dots)).into()
}

/// A point from layout dots (top-left origin) to PDF space (bottom-left origin).
fn point(page_h: f32, x: f32, y_from_top: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(page_h - y_from_top),
    }
}

fn fill(page_h: f32, x: f32, y_from_top: f32, w: f32, h: f32) -> Op {
    let mut r = Rect::from_xywh(pt(x), pt(page_h - y_from_top - h), pt(w), pt(h));
    r.mode = Some(PaintMode::Fill);
    r.winding_order = Some(WindingOrder::NonZero);
    Op::DrawRectangle { rectangle: r }
}

fn page_ops(doc: &Document, fonts: &Fonts, images: &[(&Bitmap, XObjectId)]) -> Vec<Op> {
    let ph = doc.height as f32;
    let mut ops = Vec::with_capacity(doc.elements.len() * 5);
    for el in doc.elements() {
        match el {
            Element::Text(t) => text(&mut ops, ph, t, fonts),
            Element::Fill { x, y, w, h } => {
                ops.push(fill(ph, *x as f32, *y as f32, *w as f32, *h as f32));
            }
            Element::Frame { x, y, w, h, t } => {
                let (x, y, w, h, t) = (*x as f32, *y as f32, *w as f32, *h as f32, *t as f32);
                ops.push(fill(ph, x, y, w, t));
                ops.push(fill(ph, x, y + h - t, w, t));
                ops.push(fill(ph, x, y, t, h));
                ops.push(fill(ph, x + w - t, y, t, h));
            }
            Element::Barcode {
                x,
                y,
                module,
                height,
                modules,
                ..
            } => bars(&mut ops, ph, *x, *y, *module, *height, modules),
            Element::Qr {
                x,
                y,
                module,
                modules,
                ..
            } => qr(&mut ops, ph, *x, *y, *module, modules),
            Element::Image { x, y, bitmap } => {
                if let Some((_, id)) = images.iter().find(|(b, _)| *b == bitmap) {
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            translate_x: Some(pt(*x as f32)),
                            translate_y: Some(pt(ph - (*y + bitmap.height) as f32)),
                            dpi: Some(DOTS_PER_MM * 25.4),
                            ..Default::default()
                        },
                    });
                }
            }
        }
    }
    ops
}

/// One rectangle per bar (runs of 1-modules).
fn bars(ops: &mut Vec<Op>, ph: f32, x: u32, y: u32, module: u32, height: u32, modules: &[u8]) {
    let mut i = 0;
    while i < modules.len() {
        if modules[i] == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < modules.len() && modules[i] == 1 {
            i += 1;
        }
        ops.push(fill(
            ph,
            (x + start as u32 * module) as f32,
            y as f32,
            ((i - start) as u32 * module) as f32,
            height as f32,
        ));
    }
}

/// One rectangle per horizontal run of dark modules in each row.
fn qr(ops: &mut Vec<Op>, ph: f32, x: u32, y: u32, module: u32, modules: &[Vec<bool>]) {
    for (r, row) in modules.iter().enumerate() {
        let mut c = 0;
        while c < row.len() {
            if !row[c] {
                c += 1;
                continue;
            }
            let start = c;
            while c < row.len() && row[c] {
                c += 1;
            }
            ops.push(fill(
                ph,
                (x + start as u32 * module) as f32,
                (y + r as u32 * module) as f32,
                ((c - start) as u32 * module) as f32,
                module as f32,
            ));
        }
    }
}

/// A dithered picture as an 8-bit grey image of black and white pixels, one pixel per dot, so it
/// prints at the label's own resolution.
fn gray_image(bmp: &Bitmap) -> RawImage {
    let mut pixels = Vec::with_capacity((bmp.width * bmp.height) as usize);
    for r in 0..bmp.height {
        for c in 0..bmp.width {
            pixels.push(if bmp.get(c, r) { 0 } else { 255 });
        }
    }
    RawImage {
        pixels: RawImageData::U8(pixels),
        width: bmp.width as usize,
        height: bmp.height as usize,
        data_format: RawImageFormat::R8,
        tag: Vec::new(),
    }
}

fn text(ops: &mut Vec<Op>, ph: f32, t: &Text, fonts: &Fonts) {
    let (bold, em, baseline) = match t.face {
        Face::Nanum { bold } => {
            // px is the line height (ascent − descent), as in the raster path.
            let f = face(bold);
            let em = t.px as f32 * units_per_em(bold) / f.height_unscaled();
            let baseline = t.px as f32 * f.ascent_unscaled() / f.height_unscaled();
            (bold, em, baseline)
        }
        Face::Device => {
            // A ZPL font cell of height px has its baseline 3/4 down.
            let natural = advance_em(&t.text, true);
            let mut em = t.px as f32;
            if natural * em > t.width as f32 {
                em = t.width as f32 / natural;
            }
            (true, em, t.px as f32 * 0.75)
        }
    };
    let font = if bold { &fonts.bold } else { &fonts.regular };
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font.clone()),
        size: pt(em),
    });
    ops.push(Op::SetTextCursor {
        pos: point(ph, t.x as f32, t.y as f32 + baseline),
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(t.text.clone())],
    });
    ops.push(Op::EndTextSection);
}

fn units_per_em(bold: bool) -> f32 {
    face(bold).units_per_em().unwrap_or(1000.0)
}

/// Advance width of `text` in ems.
fn advance_em(text: &str, bold: bool) -> f32 {
    let f = face(bold);
    let units: f32 = text
        .chars()
        .map(|c| f.h_advance_unscaled(f.glyph_id(c)))
        .sum();
    units / units_per_em(bold)
}
