//! Draws a template's elements with bound field values onto a [`Canvas`], in 203-dpi dots.
//! Elements are drawn in file order; an element with an `id` records its box so later ones can
//! be placed beside it (`{"after": id}` / `{"before": id}`) — which is how text makes room for
//! barcodes whose width depends on the data.

use super::bind::{Bindings, Row};
use super::spec::*;
use crate::barcode::{QR_QUIET_MODULES, QUIET_MODULES};
use crate::error::LabelError;
use crate::layout::{Canvas, DOTS_PER_MM, Element, device_width};
use crate::picture;
use crate::raster::text_width;
use std::collections::HashMap;

pub(crate) fn dots(mm: f32) -> u32 {
    (mm * DOTS_PER_MM).round().max(0.0) as u32
}

/// Box of a placed element: x, y, w, h in dots.
type Rect = (u32, u32, u32, u32);

pub(crate) struct Engine<'a> {
    pub canvas: Canvas,
    b: &'a Bindings,
    placed: HashMap<String, Rect>,
    page_w: u32,
    /// Inner right margin used when a text gives no width.
    margin: u32,
}

impl<'a> Engine<'a> {
    pub fn new(b: &'a Bindings, page_w: u32) -> Self {
        Self {
            canvas: Canvas::default(),
            b,
            placed: HashMap::new(),
            page_w,
            margin: dots(2.0),
        }
    }

    /// `{field}` placeholders replaced from `row` first, then the document's fields.
    fn format(&self, template: &str, row: Option<&Row>) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(len) = rest[open..].find('}') else {
                break;
            };
            out.push_str(&rest[..open]);
            let key = &rest[open + 1..open + len];
            let v = row
                .and_then(|r| r.get(key))
                .or_else(|| self.b.text.get(key));
            out.push_str(v.map(String::as_str).unwrap_or_default());
            rest = &rest[open + len + 1..];
        }
        out.push_str(rest);
        out
    }

    fn content(&self, value: &Option<String>, field: &Option<String>, row: Option<&Row>) -> String {
        match (value, field) {
            (Some(v), _) => self.format(v, row),
            (None, Some(f)) => row
                .and_then(|r| r.get(f))
                .or_else(|| self.b.text.get(f))
                .cloned()
                .unwrap_or_default(),
            (None, None) => String::new(),
        }
    }

    fn shown(&self, when: &Option<String>) -> bool {
        match when {
            None => true,
            Some(f) => self.b.text.get(f).is_some_and(|v| !v.trim().is_empty()),
        }
    }

    fn pos(&self, p: &Pos) -> u32 {
        match p {
            Pos::Mm(v) => dots(*v),
            Pos::After { after, gap, or } => match self.placed.get(after) {
                Some((x, _, w, _)) => x + w + dots(*gap),
                None => dots(or.unwrap_or(0.0)),
            },
            Pos::Before { before, gap, or } => match self.placed.get(before) {
                Some((x, _, _, _)) => x.saturating_sub(dots(*gap)),
                None => or.map(dots).unwrap_or(self.page_w - self.margin),
            },
        }
    }

    fn record(&mut self, id: &Option<String>, r: Rect) {
        if let Some(id) = id {
            self.placed.insert(id.clone(), r);
        }
    }

    pub fn draw(&mut self, el: &ElementSpec) -> Result<(), LabelError> {
        match el {
            ElementSpec::Frame(f) => {
                if self.shown(&f.when) {
                    self.canvas
                        .frame(dots(f.x), dots(f.y), dots(f.w), dots(f.h), dots(f.t).max(1));
                }
            }
            ElementSpec::Fill(f) => {
                if self.shown(&f.when) {
                    self.canvas.elements.push(Element::Fill {
                        x: dots(f.x),
                        y: dots(f.y),
                        w: dots(f.w),
                        h: dots(f.h),
                    });
                }
            }
            ElementSpec::Hline(l) => {
                self.canvas
                    .hline(dots(l.x), dots(l.x2), dots(l.y), dots(l.t).max(1));
            }
            ElementSpec::Vline(l) => {
                self.canvas
                    .vline(dots(l.x), dots(l.y), dots(l.y2), dots(l.t).max(1));
            }
            ElementSpec::Stacked(s) => {
                let value = self.format(&s.value, None);
                self.canvas.stacked(
                    dots(s.x),
                    dots(s.w),
                    dots(s.y),
                    dots(s.y2),
                    dots(s.size),
                    &value,
                );
            }
            ElementSpec::Text(t) => self.text(t),
            ElementSpec::Barcode(bc) => self.barcode(bc),
            ElementSpec::Qr(q) => self.qr(q),
            ElementSpec::Image(i) => self.image(i)?,
            ElementSpec::Table(t) => self.table(t),
            ElementSpec::Joined(j) => self.joined(j),
        }
        Ok(())
    }

    fn right_limit(&self, x: u32, w: &Option<f32>, x2: &Option<Pos>) -> u32 {
        match (w, x2) {
            (Some(w), _) => x + dots(*w),
            (None, Some(p)) => self.pos(p),
            (None, None) => self.page_w - self.margin,
        }
    }

    fn text(&mut self, t: &TextSpec) {
        if !self.shown(&t.when) {
            return;
        }
        let mut s = self.content(&t.value, &t.field, None);
        if s.trim().is_empty() {
            match &t.empty {
                Some(e) => s = e.clone(),
                None => return,
            }
        }
        let x = self.pos(&t.x);
        let right = self.right_limit(x, &t.w, &t.x2);
        let max_w = right.saturating_sub(x);
        let style = Style {
            size: dots(t.size),
            min: dots(t.min_size.unwrap_or(t.size)),
            bold: t.bold,
            font: t.font,
            lines: t.lines,
        };
        let mut scratch = Canvas::default();
        style.draw(&mut scratch, &s, max_w);
        let (w, h) = extent(&scratch.elements);
        let dx = x + offset(t.align, max_w, w);
        let dy = dots(t.y) + t.h.map_or(0, |bh| dots(bh).saturating_sub(h) / 2);
        if let Some(bx) = &t.boxed {
            let (px, py) = (dots(bx.pad_x), dots(bx.pad_y));
            self.canvas.frame(
                dx.saturating_sub(px),
                dy.saturating_sub(py),
                w + 2 * px,
                h + 2 * py,
                dots(bx.t).max(1),
            );
        }
        self.append(scratch, dx, dy);
        let rect = match &t.boxed {
            Some(bx) => (
                dx.saturating_sub(dots(bx.pad_x)),
                dy,
                w + 2 * dots(bx.pad_x),
                h,
            ),
            None => (dx, dy, w, h),
        };
        self.record(&t.id, rect);
    }

    fn append(&mut self, scratch: Canvas, dx: u32, dy: u32) {
        for mut e in scratch.elements {
            e.shift(dx, dy);
            self.canvas.elements.push(e);
        }
    }

    fn barcode(&mut self, bc: &BarcodeSpec) {
        if !self.shown(&bc.when) {
            return;
        }
        let data = self.b.text.get(&bc.field).cloned().unwrap_or_default();
        let module = dots(bc.module).max(1);
        let height = dots(bc.height);
        let Some(modules) = bc.symbology.modules(&data) else {
            return;
        };
        let w = modules.len() as u32 * module;
        let anchor = self.pos(&bc.x);
        let x = match bc.align {
            Align::Left => anchor,
            Align::Center => anchor.saturating_sub(w / 2),
            Align::Right => anchor.saturating_sub(w),
        };
        let y = dots(bc.y);
        let quiet = QUIET_MODULES * module;
        let mut rect = (x.saturating_sub(quiet), y, w + 2 * quiet, height);
        self.canvas
            .barcode(x, y, module, height, bc.symbology, &data, false);
        if let Some(t) = bc.bearer {
            // Bearer bars span the quiet zones too, as on ITF-14.
            let t = dots(t).max(1);
            self.canvas
                .hline(rect.0, rect.0 + rect.2, y.saturating_sub(t), t);
            self.canvas.hline(rect.0, rect.0 + rect.2, y + height, t);
            rect.1 = y.saturating_sub(t);
            rect.3 = height + 2 * t;
        }
        if let Some(hri) = &bc.hri {
            let text = self.content(&hri.value, &hri.field, None);
            let size = dots(hri.size);
            let tw = device_width(&text, size);
            let centre = x + w / 2;
            let tx = centre.saturating_sub(tw / 2);
            let ty = rect.1 + rect.3 + dots(hri.gap);
            self.canvas.device(tx, ty, size, &text, tw);
            let left = rect.0.min(tx);
            let right = (rect.0 + rect.2).max(tx + tw);
            rect = (left, rect.1, right - left, ty + size - rect.1);
        }
        self.record(&bc.id, rect);
    }

    fn qr(&mut self, q: &QrSpec) {
        if !self.shown(&q.when) {
            return;
        }
        let data = self.b.text.get(&q.field).cloned().unwrap_or_default();
        let Some(n) = crate::barcode::qr_modules(&data).map(|m| m.len() as u32) else {
            return;
        };
        let module = (dots(q.size) / n.max(1)).max(1);
        let (x, y) = (self.pos(&q.x), dots(q.y));
        if let Some(side) = self.canvas.qr(x, y, module, &data) {
            let quiet = QR_QUIET_MODULES * module;
            self.record(&q.id, (x.saturating_sub(quiet), y, side + 2 * quiet, side));
        }
    }

    fn image(&mut self, i: &ImageSpec) -> Result<(), LabelError> {
        if !self.shown(&i.when) {
            return Ok(());
        }
        let Some(bytes) = self.b.images.get(&i.field) else {
            return Ok(());
        };
        if bytes.is_empty() {
            return Ok(());
        }
        let bmp = picture::dithered(bytes, dots(i.w), dots(i.h))?;
        let x = dots(i.x) + (dots(i.w).saturating_sub(bmp.width)) / 2;
        let y = dots(i.y) + (dots(i.h).saturating_sub(bmp.height)) / 2;
        self.record(&i.id, (x, y, bmp.width, bmp.height));
        self.canvas
            .elements
            .push(Element::Image { x, y, bitmap: bmp });
        Ok(())
    }

    fn table(&mut self, t: &TableSpec) {
        let empty = Vec::new();
        let rows = self.b.lists.get(&t.list).unwrap_or(&empty);
        let (x0, row_h) = (dots(t.x), dots(t.row_h));
        let mut y = dots(t.y);
        let style = Style {
            size: dots(t.size),
            min: dots(t.min_size.unwrap_or(t.size)),
            bold: false,
            font: FontSpec::Nanum,
            lines: 1,
        };
        let right = x0 + t.columns.iter().map(|c| dots(c.x + c.w)).max().unwrap_or(0);
        if let Some(hs) = t.header_size {
            let hstyle = Style {
                size: dots(hs),
                min: dots(hs),
                bold: true,
                ..style
            };
            let hh = dots(hs);
            for c in &t.columns {
                if let Some(title) = &c.title {
                    self.cell(x0, y, c, &hstyle, title);
                }
            }
            y += hh + hh / 3;
            self.canvas.hline(x0, right, y, 2);
            y += hh / 3;
        }
        let shown = if rows.len() > t.max_rows {
            t.max_rows.saturating_sub(1)
        } else {
            rows.len()
        };
        for r in &rows[..shown] {
            for c in &t.columns {
                let text = self.content(&c.value, &c.field, Some(r));
                let cstyle = Style {
                    bold: c.bold,
                    font: c.font,
                    ..style
                };
                self.cell(x0, y, c, &cstyle, &text);
            }
            if let Some(rt) = t.rules {
                let ry = y + row_h - dots(rt).max(1) - (row_h - style.size) / 3;
                self.canvas.hline(x0, right, ry, dots(rt).max(1));
            }
            y += row_h;
        }
        if shown < rows.len()
            && let Some(more) = &t.more
        {
            let text = more.replace("{n}", &(rows.len() - shown).to_string());
            self.canvas
                .nanum_fit(x0, y, style.size, style.min, true, &text, right - x0);
            y += row_h;
        }
        self.record(&t.id, (x0, dots(t.y), right - x0, y - dots(t.y)));
    }

    fn cell(&mut self, x0: u32, y: u32, c: &ColumnSpec, style: &Style, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let max_w = dots(c.w);
        let mut scratch = Canvas::default();
        style.draw(&mut scratch, text, max_w);
        let (w, _) = extent(&scratch.elements);
        self.append(scratch, x0 + dots(c.x) + offset(c.align, max_w, w), y);
    }

    /// As many list items as fit on one line, then `외 N건` for the rest.
    fn joined(&mut self, j: &JoinedSpec) {
        let empty = Vec::new();
        let rows = self.b.lists.get(&j.list).unwrap_or(&empty);
        let ids: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.get(&j.item).map(String::as_str))
            .collect();
        if ids.is_empty() {
            return;
        }
        let x = self.pos(&j.x);
        let max_w = self.right_limit(x, &j.w, &j.x2).saturating_sub(x);
        let (h, y) = (dots(j.size), dots(j.y));
        let more_px = h * 5 / 6;
        let more_text = |n: usize| j.more.replace("{n}", &n.to_string());
        let more_w = |n: usize| text_width(&format!(" {}", more_text(n)), more_px, false);
        let width = |s: &str| match j.font {
            FontSpec::Device if s.is_ascii() => device_width(s, h),
            _ => text_width(s, h, false),
        };
        let mut shown = ids.len();
        loop {
            let joined = ids[..shown].join(&j.sep);
            let rest = ids.len() - shown;
            let need = width(&joined) + if rest > 0 { more_w(rest) } else { 0 };
            if need <= max_w || shown <= 1 {
                let room = max_w.saturating_sub(if rest > 0 { more_w(rest) } else { 0 });
                let end = match j.font {
                    FontSpec::Device => self.canvas.device(x, y, h, &joined, room),
                    FontSpec::Nanum => {
                        self.canvas
                            .nanum_fit(x, y, h, h * 3 / 4, false, &joined, room)
                    }
                };
                let mut right = end;
                if rest > 0 {
                    right = self.canvas.nanum(
                        end + 4,
                        y + (h - more_px) / 2,
                        more_px,
                        false,
                        &more_text(rest),
                    );
                }
                self.record(&j.id, (x, y, right - x, h));
                return;
            }
            shown -= 1;
        }
    }
}

/// How one run of text is set.
#[derive(Clone, Copy)]
struct Style {
    size: u32,
    min: u32,
    bold: bool,
    font: FontSpec,
    lines: usize,
}

impl Style {
    /// Draws at the origin of `c`.
    fn draw(&self, c: &mut Canvas, text: &str, max_w: u32) {
        match self.font {
            FontSpec::Device if self.lines <= 1 => {
                c.device(0, 0, self.size, text, max_w);
            }
            _ if self.lines > 1 => {
                c.nanum_wrap(
                    0, 0, self.size, self.min, self.bold, text, max_w, self.lines,
                );
            }
            _ => {
                c.nanum_fit(0, 0, self.size, self.min, self.bold, text, max_w);
            }
        }
    }
}

fn offset(align: Align, room: u32, w: u32) -> u32 {
    match align {
        Align::Left => 0,
        Align::Center => room.saturating_sub(w) / 2,
        Align::Right => room.saturating_sub(w),
    }
}

/// Right and bottom edges of elements drawn from the origin.
fn extent(elements: &[Element]) -> (u32, u32) {
    elements.iter().fold((0, 0), |(w, h), e| {
        let (x, y, ew, eh) = e.bounds();
        (w.max(x + ew), h.max(y + eh))
    })
}
