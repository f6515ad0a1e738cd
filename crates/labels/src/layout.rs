//! A device-independent drawing of a label: positioned text, rules and barcodes in 203-dpi dots
//! (8 dots/mm, top-left origin). The ZPL and PDF renderers both draw from this one list, so what
//! the PDF preview shows is what the thermal printer prints. Templates (`crate::template`) build
//! these elements; masking happens in exactly one place, the template field binding.

pub(crate) mod cj;

use crate::barcode::{Symbology, qr_modules};
use crate::raster::{Bitmap, text_width};

/// Dots per millimetre of the layout grid (203 dpi).
pub(crate) const DOTS_PER_MM: f32 = 8.0;

/// How a text element is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Face {
    /// Short ASCII fields (numbers, dates, masked phones): the printer's own scalable font 0 in
    /// ZPL. `px` is the ZPL character cell height. Only ever holds ASCII (see [`Canvas::device`]).
    Device,
    /// NanumGothic; rasterised for ZPL. `px` is the line height (ascent − descent).
    Nanum { bold: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Text {
    pub x: u32,
    pub y: u32,
    pub px: u32,
    pub face: Face,
    pub text: String,
    /// Width reserved for the text. Exact for Nanum; for Device an upper-bound estimate, which the
    /// PDF renderer shrinks its stand-in font to respect.
    pub width: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Element {
    Text(Text),
    /// A solid black rectangle (rules).
    Fill {
        x: u32,
        y: u32,
        w: u32,
        h: u32,
    },
    /// A rectangle outline of thickness `t`, drawn inside `w × h`.
    Frame {
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        t: u32,
    },
    /// A 1-D symbol; `x` is its first bar, the quiet zones lie outside. `modules` (1 = bar, wide
    /// elements already expanded) is what raster renderers draw; printer languages with a native
    /// command for `symbology` send `data` instead and get the same bars.
    Barcode {
        x: u32,
        y: u32,
        /// Narrow module width in dots.
        module: u32,
        height: u32,
        symbology: Symbology,
        data: String,
        modules: Vec<u8>,
    },
    /// A QR symbol at EC level M; `(x, y)` is its top-left module, the 4-module quiet zone lies
    /// outside. `modules[row][col]`, `true` = dark; each module is `module × module` dots.
    Qr {
        x: u32,
        y: u32,
        module: u32,
        data: String,
        modules: Vec<Vec<bool>>,
    },
    /// A 1-bit picture (a product photo, already scaled and dithered), top-left at `(x, y)`,
    /// one bitmap pixel per dot.
    Image {
        x: u32,
        y: u32,
        bitmap: Bitmap,
    },
}

impl Element {
    /// Moves the element right by `dx` and down by `dy` dots.
    pub(crate) fn shift(&mut self, dx: u32, dy: u32) {
        match self {
            Self::Text(Text { x, y, .. })
            | Self::Fill { x, y, .. }
            | Self::Frame { x, y, .. }
            | Self::Barcode { x, y, .. }
            | Self::Qr { x, y, .. }
            | Self::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
        }
    }

    /// `(x, y, w, h)` of what the element draws, quiet zones excluded.
    pub(crate) fn bounds(&self) -> (u32, u32, u32, u32) {
        match self {
            Self::Text(t) => (t.x, t.y, t.width, t.px),
            Self::Fill { x, y, w, h } | Self::Frame { x, y, w, h, .. } => (*x, *y, *w, *h),
            Self::Barcode {
                x,
                y,
                module,
                height,
                modules,
                ..
            } => (*x, *y, modules.len() as u32 * module, *height),
            Self::Qr {
                x,
                y,
                module,
                modules,
                ..
            } => {
                let side = modules.len() as u32 * module;
                (*x, *y, side, side)
            }
            Self::Image { x, y, bitmap } => (*x, *y, bitmap.width, bitmap.height),
        }
    }
}

/// Font 0 is a condensed face; 0.6 of the cell height per character over-estimates its digits
/// and capitals, so the reserved width is never too small.
const DEVICE_CHAR_WIDTH: f32 = 0.6;

pub(crate) fn device_width(text: &str, h: u32) -> u32 {
    (text.chars().count() as f32 * h as f32 * DEVICE_CHAR_WIDTH).ceil() as u32
}

const ELLIPSIS: char = '…';

/// Collects elements; the helpers measure as they place so callers can flow text left to right.
#[derive(Default)]
pub(crate) struct Canvas {
    pub elements: Vec<Element>,
}

impl Canvas {
    /// NanumGothic text at its natural width. Returns the right edge.
    pub fn nanum(&mut self, x: u32, y: u32, px: u32, bold: bool, text: &str) -> u32 {
        if text.trim().is_empty() {
            return x;
        }
        let width = text_width(text, px, bold);
        self.elements.push(Element::Text(Text {
            x,
            y,
            px,
            face: Face::Nanum { bold },
            text: text.to_string(),
            width,
        }));
        x + width
    }

    /// NanumGothic text within `max_w`: the largest size from `px_max` down to `px_min` that fits,
    /// otherwise `px_min` cut with an ellipsis. Returns the right edge.
    #[allow(clippy::too_many_arguments)]
    pub fn nanum_fit(
        &mut self,
        x: u32,
        y: u32,
        px_max: u32,
        px_min: u32,
        bold: bool,
        text: &str,
        max_w: u32,
    ) -> u32 {
        let px = fit_px(text, px_max, px_min, bold, max_w);
        let text = ellipsize(text, px, bold, max_w);
        self.nanum(x, y, px, bold, &text)
    }

    /// A short ASCII field in the printer font; anything non-ASCII goes to NanumGothic instead,
    /// because font 0 has no Hangul. The cell height shrinks (not below 60 %) to fit `max_w`.
    /// Returns the right edge of the reserved width.
    pub fn device(&mut self, x: u32, y: u32, h: u32, text: &str, max_w: u32) -> u32 {
        if text.is_empty() {
            return x;
        }
        if !text.is_ascii() {
            return self.nanum_fit(x, y, h, h * 3 / 5, true, text, max_w);
        }
        let min = (h * 3 / 5).max(10);
        let mut h = h;
        while h > min && device_width(text, h) > max_w {
            h -= 1;
        }
        let width = device_width(text, h);
        self.elements.push(Element::Text(Text {
            x,
            y,
            px: h,
            face: Face::Device,
            text: text.to_string(),
            width,
        }));
        x + width
    }

    /// Word-wraps `text` into at most `max_lines` lines of `max_w`, trying sizes from `px_max` down
    /// to `px_min`; the last line is ellipsized if even `px_min` cannot hold it. Returns the bottom.
    #[allow(clippy::too_many_arguments)]
    pub fn nanum_wrap(
        &mut self,
        x: u32,
        y: u32,
        px_max: u32,
        px_min: u32,
        bold: bool,
        text: &str,
        max_w: u32,
        max_lines: usize,
    ) -> u32 {
        let mut px = px_max;
        let mut lines = wrap(text, px, bold, max_w);
        while lines.len() > max_lines && px > px_min {
            px -= 1;
            lines = wrap(text, px, bold, max_w);
        }
        if lines.len() > max_lines {
            let rest = lines[max_lines - 1..].join(" ");
            lines.truncate(max_lines - 1);
            lines.push(ellipsize(&rest, px, bold, max_w));
        }
        let step = px + px / 8;
        let mut cy = y;
        for line in &lines {
            self.nanum(x, cy, px, bold, line);
            cy += step;
        }
        cy
    }

    /// Characters stacked vertically and centred in a column — the section tags (받는분 …).
    pub fn stacked(&mut self, x: u32, w: u32, y0: u32, y1: u32, px_max: u32, text: &str) {
        let n = text.chars().count() as u32;
        if n == 0 {
            return;
        }
        let px = px_max.min((y1 - y0).saturating_sub(8) / n);
        let mut y = y0 + ((y1 - y0) - px * n) / 2;
        for c in text.chars() {
            let s = c.to_string();
            let cw = text_width(&s, px, true);
            self.nanum(x + w.saturating_sub(cw) / 2, y, px, true, &s);
            y += px;
        }
    }

    pub fn hline(&mut self, x0: u32, x1: u32, y: u32, t: u32) {
        self.elements.push(Element::Fill {
            x: x0,
            y,
            w: x1 - x0,
            h: t,
        });
    }

    pub fn vline(&mut self, x: u32, y0: u32, y1: u32, t: u32) {
        self.elements.push(Element::Fill {
            x,
            y: y0,
            w: t,
            h: y1 - y0,
        });
    }

    pub fn frame(&mut self, x: u32, y: u32, w: u32, h: u32, t: u32) {
        self.elements.push(Element::Frame { x, y, w, h, t });
    }

    /// Places a 1-D symbol with its first bar at `x`, or with its last bar at `-x` from the
    /// right when `right_align` is set. Returns the symbol's width, or `None` if `data` cannot be
    /// encoded (nothing is drawn then; the human-readable text still prints).
    #[allow(clippy::too_many_arguments)]
    pub fn barcode(
        &mut self,
        x: u32,
        y: u32,
        module: u32,
        height: u32,
        symbology: Symbology,
        data: &str,
        right_align: bool,
    ) -> Option<u32> {
        let modules = symbology.modules(data)?;
        let w = modules.len() as u32 * module;
        let x = if right_align { x.saturating_sub(w) } else { x };
        self.elements.push(Element::Barcode {
            x,
            y,
            module,
            height,
            symbology,
            data: data.to_string(),
            modules,
        });
        Some(w)
    }

    /// Places a QR symbol with its top-left module at `(x, y)`. Returns its side in dots, or
    /// `None` if `data` is empty or too long for a QR code.
    pub fn qr(&mut self, x: u32, y: u32, module: u32, data: &str) -> Option<u32> {
        if data.is_empty() {
            return None;
        }
        let modules = qr_modules(data)?;
        let side = modules.len() as u32 * module;
        self.elements.push(Element::Qr {
            x,
            y,
            module,
            data: data.to_string(),
            modules,
        });
        Some(side)
    }
}

fn fit_px(text: &str, px_max: u32, px_min: u32, bold: bool, max_w: u32) -> u32 {
    let mut px = px_max;
    while px > px_min && text_width(text, px, bold) > max_w {
        px -= 1;
    }
    px
}

/// Cuts `text` so that it plus `…` fits `max_w`.
fn ellipsize(text: &str, px: u32, bold: bool, max_w: u32) -> String {
    if text_width(text, px, bold) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    // Largest prefix that fits together with the ellipsis.
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().chain([ELLIPSIS].iter()).collect();
        if text_width(&candidate, px, bold) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut out: String = chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string();
    out.push(ELLIPSIS);
    out
}

/// Greedy word wrap; a word longer than a line (Korean addresses rarely have spaces in long
/// runs, but building names can) is broken between characters.
fn wrap(text: &str, px: u32, bold: bool, max_w: u32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, px, bold) <= max_w {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if text_width(&line, px, bold) > max_w && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_and_respects_the_width() {
        let text = "서울특별시 강남구 테헤란로 123 한국빌딩 4층 401호";
        let lines = wrap(text, 28, false, 300);
        assert!(lines.len() >= 2);
        for l in &lines {
            assert!(text_width(l, 28, false) <= 300, "{l}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn ellipsize_fits_and_marks_the_cut() {
        let long = "아주 긴 상품명이 들어가면 잘려야 합니다 아주 긴 상품명";
        let cut = ellipsize(long, 22, false, 200);
        assert!(cut.ends_with(ELLIPSIS));
        assert!(text_width(&cut, 22, false) <= 200);
        assert_eq!(ellipsize("짧음", 22, false, 200), "짧음");
    }

    #[test]
    fn device_text_never_carries_hangul() {
        let mut c = Canvas::default();
        c.device(0, 0, 30, "홍길동", 500);
        c.device(0, 0, 30, "010-1234-****", 500);
        for e in &c.elements {
            if let Element::Text(t) = e {
                assert!(t.face != Face::Device || t.text.is_ascii());
            }
        }
        assert!(matches!(&c.elements[0], Element::Text(t) if t.face == Face::Nanum { bold: true }));
    }
}
