//! The named fields a template can print, computed from the document data. This is the one place
//! recipient data becomes printable text, and it only ever becomes masked text: the unmasked name
//! and numbers of another person are simply not among the fields, so no template (built-in or a
//! user's edited copy) can print them. Free text the customer typed (addresses, 배송메시지) is
//! scrubbed of their name and anything shaped like a phone number.

use crate::docdata::{
    CustomsCategory, CustomsLabel, DataKind, DocData, IntlParty, PackingSlip, PickList,
    WarrantyCard, format_money,
};
use crate::mask::{MaskRule, format_phone, format_tracking, mask_name, mask_phone, scrub};
use crate::waybill::{Party, Waybill};
use std::collections::HashMap;

pub(crate) type Row = HashMap<String, String>;

/// Field values of one document.
#[derive(Default)]
pub(crate) struct Bindings {
    pub text: HashMap<String, String>,
    pub lists: HashMap<String, Vec<Row>>,
    pub images: HashMap<String, Vec<u8>>,
}

impl Bindings {
    fn set(&mut self, k: &str, v: impl Into<String>) {
        self.text.insert(k.to_string(), v.into());
    }

    fn list(&mut self, k: &str, rows: Vec<Row>) {
        self.set(&format!("{k}.count"), rows.len().to_string());
        self.lists.insert(k.to_string(), rows);
    }

    /// Whether `name` is a field of this document (text, list or image).
    pub fn knows(&self, name: &str) -> bool {
        self.text.contains_key(name)
            || self.lists.contains_key(name)
            || self.images.contains_key(name)
    }
}

fn row<const N: usize>(pairs: [(&str, String); N]) -> Row {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

pub(crate) fn bind(data: &DocData, mask: MaskRule) -> Bindings {
    let mut b = Bindings::default();
    match data {
        DocData::Waybill(wb) => waybill(&mut b, wb, mask),
        DocData::PackingSlip(s) => packing_slip(&mut b, s, mask),
        DocData::PickList(p) => pick_list(&mut b, p),
        DocData::WarrantyCard(w) => warranty(&mut b, w, mask),
        DocData::CustomsLabel(c) => customs(&mut b, c, mask),
    }
    b
}

/// The fields of each row of a list (rows of empty data cannot be looked at).
pub(crate) fn row_fields(kind: DataKind, list: &str) -> &'static [&'static str] {
    match (kind, list) {
        (_, "order_ids") => &["id"],
        (DataKind::Waybill, "items") => &["name", "option", "line", "qty", "qty_x"],
        (DataKind::PackingSlip, "lines") => &[
            "no",
            "sku",
            "name",
            "option",
            "line",
            "qty",
            "unit_price",
            "amount",
        ],
        (DataKind::PickList, "rows") => &[
            "no", "location", "sku", "name", "option", "line", "qty", "parcels", "check",
        ],
        (DataKind::WarrantyCard, "details") => &["label", "value"],
        (DataKind::CustomsLabel, "items") => {
            &["description", "qty", "weight", "value", "hs_code", "origin"]
        }
        _ => &[],
    }
}

/// Field names of a data kind, bound from empty data: what the loader checks templates against.
pub(crate) fn field_names(kind: DataKind) -> Bindings {
    let data = match kind {
        DataKind::Waybill => DocData::Waybill(Waybill {
            tracking_no: String::new(),
            carrier_name: String::new(),
            sort_code: String::new(),
            received: chrono::NaiveDate::MIN,
            copy: (1, 1),
            reprint: false,
            recipient: Party::default(),
            short_address: String::new(),
            sender: Party::default(),
            items: Vec::new(),
            message: String::new(),
            parcel_no: 0,
            order_ids: Vec::new(),
        }),
        DataKind::PackingSlip => DocData::PackingSlip(PackingSlip {
            parcel_code: String::new(),
            parcel_no: 0,
            order_ids: Vec::new(),
            ordered: chrono::NaiveDate::MIN,
            shop: Party::default(),
            business_no: String::new(),
            recipient: Party::default(),
            carrier_name: String::new(),
            tracking_no: String::new(),
            lines: Vec::new(),
            shipping_fee: 0,
            discount: 0,
            message: String::new(),
            currency: "KRW".into(),
        }),
        DataKind::PickList => DocData::PickList(PickList::default()),
        DataKind::WarrantyCard => DocData::WarrantyCard(WarrantyCard {
            image: Some(Vec::new()),
            ..Default::default()
        }),
        DataKind::CustomsLabel => DocData::CustomsLabel(CustomsLabel::default()),
    };
    bind(&data, MaskRule::default())
}

/// The recipient's masked name and up to two masked numbers (mobile first: the driver calls
/// it; the landline only when it is a different number).
fn masked_person(b: &mut Bindings, prefix: &str, p: &Party, mask: MaskRule) {
    b.set(&format!("{prefix}.name"), mask_name(&p.name, mask.name));
    let mut phones: Vec<&str> = Vec::new();
    for n in [&p.mobile, &p.phone] {
        if !n.is_empty() && !phones.contains(&n.as_str()) {
            phones.push(n);
        }
    }
    let masked: Vec<String> = phones.iter().map(|n| mask_phone(n, mask.phone)).collect();
    b.set(
        &format!("{prefix}.phone1"),
        masked.first().cloned().unwrap_or_default(),
    );
    b.set(
        &format!("{prefix}.phone2"),
        masked.get(1).cloned().unwrap_or_default(),
    );
    b.set(&format!("{prefix}.phones"), masked.join(" / "));
    b.set(&format!("{prefix}.zipcode"), p.zipcode.trim());
    b.set(
        &format!("{prefix}.address"),
        scrub(&with_zipcode(&p.zipcode, &p.address), &p.name, mask),
    );
}

/// The shop itself: its own business contact, printed as is.
fn own_party(b: &mut Bindings, prefix: &str, p: &Party) {
    b.set(&format!("{prefix}.name"), p.name.trim());
    let phone = if p.phone.is_empty() {
        &p.mobile
    } else {
        &p.phone
    };
    b.set(&format!("{prefix}.phone"), format_phone(phone));
    b.set(
        &format!("{prefix}.address"),
        with_zipcode(&p.zipcode, &p.address),
    );
}

fn with_zipcode(zipcode: &str, address: &str) -> String {
    if zipcode.trim().is_empty() {
        address.trim().to_string()
    } else {
        format!("({}) {}", zipcode.trim(), address.trim())
    }
}

fn item_line(name: &str, option: &str) -> String {
    if option.trim().is_empty() {
        name.to_string()
    } else {
        format!("{name} [{option}]")
    }
}

fn order_ids(b: &mut Bindings, ids: &[String]) {
    b.set("order.first", ids.first().cloned().unwrap_or_default());
    b.list(
        "order_ids",
        ids.iter().map(|id| row([("id", id.clone())])).collect(),
    );
}

fn waybill(b: &mut Bindings, wb: &Waybill, mask: MaskRule) {
    b.set("carrier.name", wb.carrier_name.trim());
    b.set("tracking.no", wb.tracking_no.clone());
    b.set("tracking.barcode", wb.tracking_no.clone());
    b.set("tracking.formatted", format_tracking(&wb.tracking_no));
    b.set("sort_code", wb.sort_code.clone());
    b.set("received", wb.received.format("%Y-%m-%d").to_string());
    b.set("copy", format!("{}/{}", wb.copy.0, wb.copy.1));
    b.set("reprint", if wb.reprint { "재출력" } else { "" });
    masked_person(b, "recipient", &wb.recipient, mask);
    b.set(
        "short_address",
        scrub(&wb.short_address, &wb.recipient.name, mask),
    );
    own_party(b, "sender", &wb.sender);
    b.set(
        "message",
        scrub(wb.message.trim(), &wb.recipient.name, mask),
    );
    b.set("parcel_no", wb.parcel_no.to_string());
    let total: u32 = wb.items.iter().map(|i| i.qty).sum();
    b.set("total_qty", total.to_string());
    order_ids(b, &wb.order_ids);
    b.list(
        "items",
        wb.items
            .iter()
            .map(|i| {
                row([
                    ("name", i.name.clone()),
                    ("option", i.option.clone()),
                    ("line", item_line(&i.name, &i.option)),
                    ("qty", i.qty.to_string()),
                    ("qty_x", format!("×{}", i.qty)),
                ])
            })
            .collect(),
    );
}

fn packing_slip(b: &mut Bindings, s: &PackingSlip, mask: MaskRule) {
    b.set("parcel.code", s.parcel_code.clone());
    b.set("parcel.no", s.parcel_no.to_string());
    b.set("ordered", s.ordered.format("%Y-%m-%d").to_string());
    order_ids(b, &s.order_ids);
    own_party(b, "shop", &s.shop);
    b.set("business_no", s.business_no.trim());
    masked_person(b, "recipient", &s.recipient, mask);
    b.set("carrier.name", s.carrier_name.trim());
    b.set("tracking.formatted", format_tracking(&s.tracking_no));
    b.set("message", scrub(s.message.trim(), &s.recipient.name, mask));
    let money = |v: i64| format_money(v, &s.currency);
    b.set("subtotal", money(s.subtotal()));
    b.set("shipping_fee", money(s.shipping_fee));
    b.set("discount", money(s.discount));
    // Shown as a deduction ("-5,000"), and plain "0" when there is none.
    b.set(
        "discount.shown",
        if s.discount == 0 {
            "0".to_string()
        } else {
            format!("-{}", money(s.discount))
        },
    );
    b.set("total", money(s.total()));
    let unit = match s.currency.trim().to_ascii_uppercase().as_str() {
        "" | "KRW" => "원".to_string(),
        other => other.to_string(),
    };
    b.set("total.label", format!("합계 ({unit})"));
    let units: u32 = s.lines.iter().map(|l| l.qty).sum();
    b.set("units", units.to_string());
    b.list(
        "lines",
        s.lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                row([
                    ("no", (i + 1).to_string()),
                    ("sku", l.sku.clone()),
                    ("name", l.name.clone()),
                    ("option", l.option.clone()),
                    ("line", item_line(&l.name, &l.option)),
                    ("qty", l.qty.to_string()),
                    ("unit_price", money(l.unit_price)),
                    ("amount", money(l.unit_price * i64::from(l.qty))),
                ])
            })
            .collect(),
    );
}

fn pick_list(b: &mut Bindings, p: &PickList) {
    b.set("batch", p.batch.trim());
    b.set("printed_at", p.printed_at.trim());
    b.set("units", p.units().to_string());
    b.set("parcels", p.parcels().to_string());
    let totals = p.totals();
    b.list(
        "rows",
        totals
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let parcels: Vec<String> = t.parcels.iter().map(u32::to_string).collect();
                row([
                    ("no", (i + 1).to_string()),
                    ("location", t.location.clone()),
                    ("sku", t.sku.clone()),
                    ("name", t.name.clone()),
                    ("option", t.option.clone()),
                    ("line", item_line(&t.name, &t.option)),
                    ("qty", t.qty.to_string()),
                    ("parcels", parcels.join(", ")),
                    ("check", "□".to_string()),
                ])
            })
            .collect(),
    );
}

fn warranty(b: &mut Bindings, w: &WarrantyCard, mask: MaskRule) {
    b.set("shop.name", w.shop_name.trim());
    b.set("product.title", w.product_title());
    b.set("product.option", w.option.trim());
    b.set("warranty.url", w.warranty_url.trim());
    b.set("warranty.no", w.warranty_no.trim());
    b.set("owner.name", mask_name(&w.owner_name, mask.name));
    b.set("order.id", w.order_id.trim());
    b.set(
        "purchased",
        w.purchased
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    );
    b.set("period", w.period.trim());
    b.set("support", w.support.trim());
    b.list(
        "details",
        w.details
            .iter()
            .map(|(k, v)| row([("label", k.clone()), ("value", v.clone())]))
            .collect(),
    );
    if let Some(img) = &w.image {
        b.images.insert("product.image".into(), img.clone());
    }
}

/// An international number keeps its `+`; otherwise masked like a Korean one.
fn mask_intl_phone(phone: &str, mask: MaskRule) -> String {
    if phone.trim().is_empty() {
        return String::new();
    }
    let masked = mask_phone(phone, mask.phone);
    if phone.trim_start().starts_with('+') {
        format!("+{masked}")
    } else {
        masked
    }
}

fn intl_party(b: &mut Bindings, prefix: &str, p: &IntlParty) {
    b.set(&format!("{prefix}.street"), p.address.join(", "));
    let city: String = [p.city.trim(), p.postcode.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    b.set(&format!("{prefix}.city"), city.clone());
    b.set(
        &format!("{prefix}.country"),
        p.country.trim().to_uppercase(),
    );
    b.set(&format!("{prefix}.country_code"), p.country_code.trim());
    // One line for a party printed in small print: the parts it has, without empty commas.
    let line = p
        .address
        .iter()
        .map(|a| a.trim().to_string())
        .chain([city, p.country.trim().to_uppercase()])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    b.set(&format!("{prefix}.address_line"), line);
}

fn customs(b: &mut Bindings, c: &CustomsLabel, mask: MaskRule) {
    b.set("service", c.service.trim());
    b.set("tracking.no", c.tracking_no.trim());
    b.set("tracking.formatted", format_s10(c.tracking_no.trim()));
    b.set("sender.name", c.sender.name.trim());
    b.set("sender.phone", c.sender.phone.trim());
    intl_party(b, "sender", &c.sender);
    b.set("recipient.name", mask_name(&c.recipient.name, mask.name));
    b.set("recipient.phone", mask_intl_phone(&c.recipient.phone, mask));
    intl_party(b, "recipient", &c.recipient);
    // A recipient's number or name typed into the street lines is hidden too.
    let street = scrub(&c.recipient.address.join(", "), &c.recipient.name, mask);
    b.set("recipient.street", street);
    b.set("currency", c.currency.trim());
    b.set("category", c.category.label());
    for (key, cat) in [
        ("gift", CustomsCategory::Gift),
        ("documents", CustomsCategory::Documents),
        ("sample", CustomsCategory::CommercialSample),
        ("returned", CustomsCategory::ReturnedGoods),
        ("sale", CustomsCategory::SaleOfGoods),
        ("other", CustomsCategory::Other),
    ] {
        b.set(
            &format!("category.{key}"),
            if c.category == cat { "X" } else { "" },
        );
    }
    b.set("total.weight", format_kg(c.total_weight_g()));
    b.set("total.value", format!("{:.2}", c.total_value()));
    b.set(
        "posted",
        c.posted
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    );
    b.list(
        "items",
        c.items
            .iter()
            .map(|i| {
                row([
                    ("description", i.description.clone()),
                    ("qty", i.qty.to_string()),
                    ("weight", format_kg(i.weight_g)),
                    ("value", format!("{:.2}", i.value)),
                    ("hs_code", i.hs_code.clone()),
                    ("origin", i.origin.clone()),
                ])
            })
            .collect(),
    );
}

fn format_kg(g: u32) -> String {
    format!("{}.{:03} kg", g / 1000, g % 1000)
}

/// `EE123456785KR` → `EE 123 456 785 KR`, the way postal labels print it.
fn format_s10(no: &str) -> String {
    if no.len() == 13 && no.is_ascii() {
        format!(
            "{} {} {} {} {}",
            &no[..2],
            &no[2..5],
            &no[5..8],
            &no[8..11],
            &no[11..]
        )
    } else {
        no.to_string()
    }
}
