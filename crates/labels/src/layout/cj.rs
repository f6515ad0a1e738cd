//! The CJ대한통운 표준운송장 (123 × 100 mm, landscape) in a thin thermal form: the numbered fields of
//! the CJ design guide that a shop can fill without CJ's address-refinement data (no 배달점소/SM
//! code or 권내배송코드), drawn as 984 × 800 dots.
//!
//! This is the only place recipient data becomes drawable text: the name and phones only ever
//! masked, and free text (address, 주소약칭, 배송메시지) passed through [`scrub`] first, because
//! customers type their own name and number into delivery messages.

use super::{Canvas, Element, device_width};
use crate::mask::{MaskRule, format_phone, format_tracking, mask_name, mask_phone, scrub};
use crate::raster::text_width;
use crate::waybill::{LabelItem, Waybill};

pub(crate) const WIDTH: u32 = 984;
pub(crate) const HEIGHT: u32 = 800;

/// Left/right margin for content.
const M: u32 = 16;
/// Rule thickness.
const RULE: u32 = 3;
/// Section boundaries (y of the rule under each section).
const HEADER_END: u32 = 56;
const SORT_END: u32 = 200;
const RECIPIENT_END: u32 = 412;
const SENDER_END: u32 = 500;
const ITEMS_END: u32 = 640;
/// The column holding the stacked section tags (받는분, 보내는분, 상품).
const TAG_W: u32 = 52;
const BODY_X: u32 = M + TAG_W + 12;
const RIGHT: u32 = WIDTH - M;
/// Code 128 quiet zone, in modules.
const QUIET: u32 = crate::barcode::QUIET_MODULES;
const REPRINT: &str = "재출력";

pub(crate) fn layout(wb: &Waybill, mask: MaskRule) -> Vec<Element> {
    let mut c = Canvas::default();
    c.frame(4, 4, WIDTH - 8, HEIGHT - 8, RULE);
    header(&mut c, wb);
    sort_band(&mut c, wb);
    recipient(&mut c, wb, mask);
    sender(&mut c, wb);
    items(&mut c, &wb.items);
    footer(&mut c, wb, mask);
    c.elements
}

/// Fields 1–4: carrier, tracking number, 접수일자, 출력매수, 재출력.
fn header(c: &mut Canvas, wb: &Waybill) {
    // The 재출력 mark is placed first so the flowing fields know where to stop.
    let mut limit = RIGHT;
    if wb.reprint {
        let w = text_width(REPRINT, 20, true) + 12;
        limit = RIGHT - w - 10;
        c.frame(RIGHT - w, 12, w, 36, 2);
        c.nanum(RIGHT - w + 6, 20, 20, true, REPRINT);
    }
    let mut x = c.nanum_fit(M, 15, 30, 22, true, &wb.carrier_name, 170) + 18;
    x = c.nanum(x, 24, 18, false, "운송장번호") + 6;
    x = c.device(x, 17, 28, &format_tracking(&wb.tracking_no), 240) + 18;
    x = c.nanum(x, 24, 18, false, "접수일자") + 6;
    x = c.device(x, 19, 24, &wb.received.format("%Y-%m-%d").to_string(), 150) + 18;
    x = c.nanum(x, 24, 18, false, "출력매수") + 6;
    let (n, of) = wb.copy;
    c.device(x, 19, 24, &format!("{n}/{of}"), limit.saturating_sub(x));
    c.hline(4, WIDTH - 4, HEADER_END, RULE);
}

/// Fields 5, 6, 8: 분류코드 barcode and large text; the small tracking barcode top-right.
fn sort_band(c: &mut Canvas, wb: &Waybill) {
    let top = HEADER_END + RULE;
    let sort_x = 28; // ≥ 10 modules of 2 dots clear of the frame
    let sort_w = c
        .barcode(sort_x, top + 12, 2, 116, &wb.sort_code, false)
        .unwrap_or(0);

    let track_module = 2;
    let track_right = WIDTH - 28;
    let track_w = c
        .barcode(
            track_right,
            top + 12,
            track_module,
            82,
            &wb.tracking_no,
            true,
        )
        .unwrap_or(0);
    let tracking = format_tracking(&wb.tracking_no);
    let tw = device_width(&tracking, 26);
    let text_x = (track_right - track_w / 2).saturating_sub(tw / 2);
    c.device(text_x, top + 102, 26, &tracking, tw);
    let track_left = text_x.min(track_right - track_w);

    // The big sort code fills what lies between the two symbols' quiet zones.
    let text_x = sort_x + sort_w + QUIET * 2 + 8;
    let text_right = track_left.saturating_sub(QUIET * track_module + 8);
    let h = 116u32;
    let max_w = text_right.saturating_sub(text_x);
    let shown_h = fit_device(&wb.sort_code, h, max_w);
    let y = top + (SORT_END - top).saturating_sub(shown_h) / 2;
    c.device(text_x, y, h, &wb.sort_code, max_w);
    c.hline(4, WIDTH - 4, SORT_END, RULE);
}

/// The cell height [`Canvas::device`] will settle on.
fn fit_device(text: &str, h: u32, max_w: u32) -> u32 {
    let min = (h * 3 / 5).max(10);
    let mut h = h;
    while h > min && device_width(text, h) > max_w {
        h -= 1;
    }
    h
}

/// Fields 7, 9, 10: masked name and phones, full address, 주소약칭.
fn recipient(c: &mut Canvas, wb: &Waybill, mask: MaskRule) {
    let top = SORT_END + RULE;
    c.stacked(M, TAG_W, top, RECIPIENT_END, 28, "받는분");
    c.vline(M + TAG_W + 2, top, RECIPIENT_END, 2);

    let r = &wb.recipient;
    let name = mask_name(&r.name, mask.name);
    let mut x = c.nanum_fit(BODY_X, top + 8, 44, 28, true, &name, 360) + 24;
    let phones = distinct_phones(&r.mobile, &r.phone);
    for (i, digits) in phones.iter().enumerate() {
        let masked = mask_phone(digits, mask.phone);
        let share = (RIGHT - x) / (phones.len() - i) as u32;
        x = c.device(x, top + 12, 36, &masked, share.saturating_sub(24)) + 24;
    }

    let address = scrub(&with_zipcode(&r.zipcode, &r.address), &r.name, mask);
    c.nanum_wrap(BODY_X, top + 60, 28, 22, false, &address, RIGHT - BODY_X, 2);
    let short = scrub(&wb.short_address, &r.name, mask);
    c.nanum_fit(
        BODY_X,
        RECIPIENT_END - 80,
        72,
        40,
        true,
        &short,
        RIGHT - BODY_X,
    );
    c.hline(4, WIDTH - 4, RECIPIENT_END, RULE);
}

/// Fields 11, 12, 15: the shop. Not masked — it is the sender's own business contact.
fn sender(c: &mut Canvas, wb: &Waybill) {
    let top = RECIPIENT_END + RULE;
    c.stacked(M, TAG_W, top, SENDER_END, 24, "보내는분");
    c.vline(M + TAG_W + 2, top, SENDER_END, 2);

    let s = &wb.sender;
    let x = c.nanum_fit(BODY_X, top + 8, 26, 20, true, &s.name, 420) + 20;
    let phone = if s.phone.is_empty() {
        &s.mobile
    } else {
        &s.phone
    };
    c.device(x, top + 8, 26, &format_phone(phone), RIGHT - x);
    let address = with_zipcode(&s.zipcode, &s.address);
    c.nanum_wrap(BODY_X, top + 40, 22, 18, false, &address, RIGHT - BODY_X, 2);
    c.hline(4, WIDTH - 4, SENDER_END, RULE);
}

/// Field 16: items with quantities; `외 N건` when they do not all fit.
fn items(c: &mut Canvas, items: &[LabelItem]) {
    const ROWS: usize = 4;
    const PX: u32 = 26;
    const STEP: u32 = 32;
    let top = SENDER_END + RULE;
    c.stacked(M, TAG_W, top, ITEMS_END, 28, "상품");
    c.vline(M + TAG_W + 2, top, ITEMS_END, 2);

    let shown = if items.len() > ROWS {
        ROWS - 1
    } else {
        items.len()
    };
    let qty_col = 96;
    let mut y = top + 8;
    for item in &items[..shown] {
        let line = if item.option.trim().is_empty() {
            item.name.clone()
        } else {
            format!("{} [{}]", item.name, item.option)
        };
        c.nanum_fit(
            BODY_X,
            y,
            PX,
            PX,
            false,
            &line,
            RIGHT - BODY_X - qty_col - 8,
        );
        let qty = format!("×{}", item.qty);
        let qw = text_width(&qty, PX, true);
        c.nanum(RIGHT - qw, y, PX, true, &qty);
        y += STEP;
    }
    if shown < items.len() {
        c.nanum(
            BODY_X,
            y,
            PX,
            true,
            &format!("외 {}건", items.len() - shown),
        );
    }
    c.hline(4, WIDTH - 4, ITEMS_END, RULE);
}

/// Fields 8 (large), 13, 17: 배송메시지, 연번, 수량, order ids, the large tracking barcode.
fn footer(c: &mut Canvas, wb: &Waybill, mask: MaskRule) {
    let top = ITEMS_END + RULE;
    let module = 3;
    let bar_right = WIDTH - 28;
    let bar_w = c
        .barcode(bar_right, top + 10, module, 96, &wb.tracking_no, true)
        .unwrap_or(0);
    let tracking = format_tracking(&wb.tracking_no);
    let tw = device_width(&tracking, 32);
    let centre = bar_right - bar_w / 2;
    c.device(centre.saturating_sub(tw / 2), top + 112, 32, &tracking, tw);

    // Everything on the left stays clear of the symbol's quiet zone.
    let left_w = (bar_right - bar_w.max(tw)).saturating_sub(QUIET * module + 8 + M);
    let right = M + left_w;
    let x = c.nanum(M, top + 8, 20, true, "배송메시지") + 10;
    let message = match wb.message.trim() {
        "" => "-".to_string(),
        m => scrub(m, &wb.recipient.name, mask),
    };
    c.nanum_wrap(x, top + 6, 24, 20, false, &message, right - x, 2);

    let mut x = c.nanum(M, top + 88, 20, false, "연번") + 8;
    x = c.device(x, top + 85, 26, &wb.parcel_no.to_string(), 120) + 20;
    x = c.nanum(x, top + 88, 20, false, "수량") + 8;
    let total: u32 = wb.items.iter().map(|i| i.qty).sum();
    c.device(x, top + 85, 26, &total.to_string(), 120);

    let x = c.nanum(M, top + 122, 20, false, "주문번호") + 8;
    order_ids(c, x, top + 120, &wb.order_ids, right - x);
}

/// As many order ids as fit on one line, then `외 N건` for the rest.
fn order_ids(c: &mut Canvas, x: u32, y: u32, ids: &[String], max_w: u32) {
    const H: u32 = 24;
    let more_w = |n: usize| text_width(&format!(" 외 {n}건"), 20, false);
    let mut shown = ids.len();
    loop {
        let joined = ids[..shown].join(", ");
        let rest = ids.len() - shown;
        let need = device_width(&joined, H) + if rest > 0 { more_w(rest) } else { 0 };
        if need <= max_w || shown <= 1 {
            let end = c.device(x, y, H, &joined, max_w.saturating_sub(more_w(rest)));
            if rest > 0 {
                c.nanum(end + 4, y + 2, 20, false, &format!("외 {rest}건"));
            }
            return;
        }
        shown -= 1;
    }
}

/// Mobile first (the courier calls it), then the landline when it is a different number.
fn distinct_phones<'a>(mobile: &'a str, phone: &'a str) -> Vec<&'a str> {
    let mut out = Vec::new();
    for p in [mobile, phone] {
        if !p.is_empty() && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

fn with_zipcode(zipcode: &str, address: &str) -> String {
    if zipcode.trim().is_empty() {
        address.trim().to_string()
    } else {
        format!("({}) {}", zipcode.trim(), address.trim())
    }
}
