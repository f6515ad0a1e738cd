//! The data of every printable document, built from the store: the carrier waybills, the EMS
//! label with its CN22 customs declaration, the packing slip (거래명세서), the warranty cards and
//! the pick list of a batch. This module only gathers facts; masking and layout belong to the
//! label crate's templates.

use chrono::{DateTime, Utc};
use packdesk_labels::template::TemplateId;
use packdesk_labels::{
    CustomsCategory, CustomsItem, CustomsLabel, DocData, IntlParty, PackingSlip, PickLine,
    PickList, ProductNameSource, SlipLine, WarrantyCard,
};
use packdesk_store::documents::{self, DocLine};
use packdesk_store::{Connection, parcels, pool, settings};

use crate::clock::{kst_date, kst_display};
use crate::error::{DeskError, Result};

/// A parcel a document is printed for: its row id, 연번 and whether this is a reprint.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target {
    pub parcel_id: i64,
    pub no: u32,
    pub reprint: bool,
}

/// Warranty cards printed for one order line at most (one per unit bought).
const MAX_CARDS_PER_LINE: i64 = 10;

/// The documents `template` prints for `targets`, in order: one per parcel, several warranty
/// cards per parcel (one per unit), or a single pick list for the whole batch.
pub(crate) fn build(
    c: &Connection,
    template: TemplateId,
    targets: &[Target],
    now: DateTime<Utc>,
) -> Result<Vec<DocData>> {
    match template {
        TemplateId::PickList => Ok(vec![DocData::PickList(pick_list(c, targets, now)?)]),
        TemplateId::WarrantyCard => {
            let mut cards = Vec::new();
            for t in targets {
                cards.extend(
                    warranty_cards(c, t, now)?
                        .into_iter()
                        .map(DocData::WarrantyCard),
                );
            }
            Ok(cards)
        }
        _ => targets
            .iter()
            .map(|t| for_parcel(c, template, t, now))
            .collect(),
    }
}

fn for_parcel(
    c: &Connection,
    template: TemplateId,
    t: &Target,
    now: DateTime<Utc>,
) -> Result<DocData> {
    Ok(match template {
        TemplateId::WaybillCj
        | TemplateId::WaybillHanjin
        | TemplateId::WaybillLotte
        | TemplateId::LabelGeneric100x150 => {
            DocData::Waybill(crate::waybill::build(c, t.parcel_id, t.no, t.reprint, now)?)
        }
        TemplateId::LabelEmsCn22 => DocData::CustomsLabel(customs_label(c, t.parcel_id, now)?),
        TemplateId::PackingSlip => DocData::PackingSlip(packing_slip(c, t, now)?),
        TemplateId::PickList => DocData::PickList(pick_list(c, std::slice::from_ref(t), now)?),
        TemplateId::WarrantyCard => {
            let mut cards = warranty_cards(c, t, now)?;
            if cards.is_empty() {
                return Err(DeskError::Internal(format!(
                    "parcel {} has no lines",
                    t.parcel_id
                )));
            }
            DocData::WarrantyCard(cards.swap_remove(0))
        }
    })
}

/// The code a packing slip's barcode carries: scanning it at the desk finds the parcel like its
/// waybill does, even before the waybill exists.
pub(crate) fn parcel_code(parcel_id: i64) -> String {
    format!("P{parcel_id:07}")
}

/// The parcel id of a scanned packing-slip code (`P0000123`), if it is one.
pub(crate) fn parse_parcel_code(code: &str) -> Option<i64> {
    let rest = code.strip_prefix('P')?;
    (rest.len() >= 7 && rest.bytes().all(|b| b.is_ascii_digit()))
        .then(|| rest.parse().ok())
        .flatten()
}

fn setting(c: &Connection, key: &str) -> Result<String> {
    Ok(settings::get(c, key)?.unwrap_or_default())
}

fn lines_of(c: &Connection, parcel_id: i64) -> Result<Vec<DocLine>> {
    let lines = documents::lines(c, parcel_id)?;
    if lines.is_empty() {
        return Err(DeskError::Internal(format!(
            "parcel {parcel_id} has no lines"
        )));
    }
    Ok(lines)
}

fn receiver(c: &Connection, parcel_id: i64) -> Result<packdesk_store::orders::ReceiverIn> {
    parcels::receiver(c, parcel_id)?
        .ok_or_else(|| DeskError::Internal(format!("parcel {parcel_id} has no receiver")))
}

fn sku_of(l: &DocLine) -> String {
    l.sku.clone().unwrap_or_default()
}

fn qty(l: &DocLine) -> u32 {
    u32::try_from(l.quantity.max(0)).unwrap_or(u32::MAX)
}

/// 거래명세서: every line with its price, the orders' shipping fees, and the discount that makes
/// the total what the buyer paid.
fn packing_slip(c: &Connection, t: &Target, now: DateTime<Utc>) -> Result<PackingSlip> {
    let core = parcels::get(c, t.parcel_id)?
        .ok_or_else(|| DeskError::Internal(format!("parcel {} vanished", t.parcel_id)))?;
    let lines = lines_of(c, t.parcel_id)?;
    let r = receiver(c, t.parcel_id)?;
    let mut order_ids: Vec<String> = Vec::new();
    let (mut shipping_fee, mut paid) = (0, 0);
    for l in &lines {
        if !order_ids.contains(&l.order_id) {
            order_ids.push(l.order_id.clone());
            shipping_fee += l.shipping_fee;
            paid += l.payment_amount;
        }
    }
    let slip_lines: Vec<SlipLine> = lines
        .iter()
        .map(|l| SlipLine {
            sku: sku_of(l),
            name: l.product_name.clone(),
            option: l.option_text.clone(),
            qty: qty(l),
            unit_price: l.unit_price,
        })
        .collect();
    let subtotal: i64 = slip_lines
        .iter()
        .map(|l| l.unit_price * i64::from(l.qty))
        .sum();
    // Coupons and points are not itemised by the order API; what the buyer paid says their sum.
    // Without a payment amount (or prices) nothing is shown as discounted.
    let discount = if paid > 0 && subtotal > 0 {
        (subtotal + shipping_fee - paid).max(0)
    } else {
        0
    };
    let ordered = lines.iter().filter_map(|l| l.ordered).min().unwrap_or(now);
    let carrier_name = pool::carrier(c, &core.carrier)?
        .map(|carrier| carrier.name)
        .unwrap_or_else(|| core.carrier.clone());
    Ok(PackingSlip {
        parcel_code: parcel_code(t.parcel_id),
        parcel_no: t.no,
        order_ids,
        ordered: kst_date(ordered),
        shop: crate::waybill::sender(c)?,
        business_no: setting(c, settings::BUSINESS_NO)?,
        recipient: crate::waybill::recipient(&r),
        carrier_name,
        tracking_no: core.tracking_no.unwrap_or_default(),
        lines: slip_lines,
        shipping_fee,
        discount,
        message: r.message.clone(),
        currency: lines
            .first()
            .map(|l| l.currency.clone())
            .unwrap_or_else(|| "KRW".into()),
    })
}

/// The pick list of a batch: every line of every parcel with its shelf location; the label crate
/// sorts by location and totals by SKU.
fn pick_list(c: &Connection, targets: &[Target], now: DateTime<Utc>) -> Result<PickList> {
    let mut lines = Vec::new();
    for t in targets {
        for l in documents::lines(c, t.parcel_id)? {
            lines.push(PickLine {
                location: l.location.clone().unwrap_or_default(),
                sku: sku_of(&l),
                name: l.product_name.clone(),
                option: l.option_text.clone(),
                qty: qty(&l),
                parcel_no: t.no,
            });
        }
    }
    let nos: Vec<u32> = targets.iter().map(|t| t.no).collect();
    Ok(PickList {
        batch: format!(
            "{} · {}",
            kst_date(now).format("%Y-%m-%d"),
            batch_name(&nos)
        ),
        printed_at: kst_display(now),
        lines,
    })
}

/// `1-3, 5` style name of the rows a batch holds (as the packer typed them, compressed).
fn batch_name(nos: &[u32]) -> String {
    let mut sorted = nos.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if start == end {
            format!("{start}")
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    format!("{}번", parts.join(", "))
}

/// One warranty card per unit bought (at most [`MAX_CARDS_PER_LINE`] per line), numbered by
/// order line so the QR code opens that unit's digital warranty.
fn warranty_cards(c: &Connection, t: &Target, now: DateTime<Utc>) -> Result<Vec<WarrantyCard>> {
    let lines = lines_of(c, t.parcel_id)?;
    let r = receiver(c, t.parcel_id)?;
    let base_url = setting(c, settings::WARRANTY_URL)?;
    let name_source = match setting(c, settings::WARRANTY_NAME_SOURCE)?.as_str() {
        "english" => ProductNameSource::English,
        "supplier" => ProductNameSource::Supplier,
        "model" => ProductNameSource::Model,
        _ => ProductNameSource::Name,
    };
    let shop_name = setting(c, settings::SENDER_NAME)?;
    let period = setting(c, settings::WARRANTY_PERIOD)?;
    let support = setting(c, settings::SUPPORT_CONTACT)?;
    let mut cards = Vec::new();
    for (li, l) in lines.iter().enumerate() {
        for unit in 1..=l.quantity.clamp(1, MAX_CARDS_PER_LINE) {
            let warranty_no = format!("{}-{}-{unit}", l.order_id, li + 1);
            let warranty_url = if base_url.trim().is_empty() {
                String::new()
            } else {
                format!("{}/{warranty_no}", base_url.trim_end_matches('/'))
            };
            cards.push(WarrantyCard {
                shop_name: shop_name.clone(),
                product_name: l.product_name.clone(),
                product_name_en: l.name_en.clone().unwrap_or_default(),
                supplier_product_name: l.supplier_name.clone().unwrap_or_default(),
                model_name: l.model_name.clone().unwrap_or_default(),
                name_source,
                strip_marketing: true,
                marketing_phrases: Vec::new(),
                option: l.option_text.clone(),
                details: l
                    .model_name
                    .iter()
                    .map(|m| ("모델명".to_string(), m.clone()))
                    .collect(),
                image: None,
                warranty_url,
                warranty_no,
                owner_name: r.name.clone(),
                order_id: l.order_id.clone(),
                purchased: Some(kst_date(l.ordered.unwrap_or(now))),
                period: period.clone(),
                support: support.clone(),
            });
        }
    }
    Ok(cards)
}

/// The EMS / K-Packet label with its CN22 declaration: the English names and HS codes the shop
/// keeps per product, values in the order's currency, weights from the SKUs (or the parcel's
/// weighing shared out when a SKU has none).
fn customs_label(c: &Connection, parcel_id: i64, now: DateTime<Utc>) -> Result<CustomsLabel> {
    let core = parcels::get(c, parcel_id)?
        .ok_or_else(|| DeskError::Internal(format!("parcel {parcel_id} vanished")))?;
    let lines = lines_of(c, parcel_id)?;
    let r = receiver(c, parcel_id)?;
    let currency = lines
        .first()
        .map(|l| l.currency.clone())
        .unwrap_or_else(|| "KRW".into());
    let minor = 10_f64.powi(packdesk_cafe24::minor_digits(&currency) as i32);
    let parcel_grams: Option<i64> = c.query_row(
        "SELECT weight_g FROM parcels WHERE id = ?1",
        [parcel_id],
        |row| row.get(0),
    )?;
    let units: i64 = lines.iter().map(|l| l.quantity.max(1)).sum();
    let items = lines
        .iter()
        .map(|l| {
            let grams = match (l.weight_g, parcel_grams) {
                (Some(w), _) => w * l.quantity,
                (None, Some(p)) if units > 0 => p * l.quantity / units,
                _ => 0,
            };
            CustomsItem {
                description: l
                    .name_en
                    .clone()
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| l.product_name.clone()),
                qty: qty(l),
                weight_g: u32::try_from(grams.max(0)).unwrap_or(u32::MAX),
                value: (l.unit_price * l.quantity) as f64 / minor,
                hs_code: l.hs_code.clone().unwrap_or_default(),
                origin: l.origin.clone(),
            }
        })
        .collect();
    let service: String = c.query_row(
        "SELECT s.intl_service FROM parcel_orders po JOIN orders o ON o.id = po.order_id
         JOIN shops s ON s.id = o.shop_id WHERE po.parcel_id = ?1 LIMIT 1",
        [parcel_id],
        |row| row.get(0),
    )?;
    let shop = crate::waybill::sender(c)?;
    Ok(CustomsLabel {
        service: match service.as_str() {
            "kpacket" => "K-Packet".into(),
            _ => "EMS".into(),
        },
        tracking_no: core.tracking_no.unwrap_or_default(),
        sender: IntlParty {
            name: shop.name,
            phone: shop.phone,
            address: vec![shop.address],
            city: String::new(),
            postcode: String::new(),
            country: "REPUBLIC OF KOREA".into(),
            country_code: "KR".into(),
        },
        recipient: IntlParty {
            name: r.name.clone(),
            phone: if r.mobile.is_empty() {
                r.phone.clone()
            } else {
                r.mobile.clone()
            },
            address: [r.address1.clone(), r.address2.clone()]
                .into_iter()
                .filter(|a| !a.trim().is_empty())
                .collect(),
            city: String::new(),
            postcode: r.zipcode.clone(),
            country: country_name(&r.country_code).to_string(),
            country_code: r.country_code.trim().to_ascii_uppercase(),
        },
        items,
        currency,
        category: CustomsCategory::SaleOfGoods,
        posted: Some(kst_date(now)),
    })
}

/// The English country name a postal label prints; the code itself for the rest.
fn country_name(code: &str) -> &str {
    match code.trim().to_ascii_uppercase().as_str() {
        "US" => "UNITED STATES",
        "JP" => "JAPAN",
        "CN" => "CHINA",
        "HK" => "HONG KONG",
        "TW" => "TAIWAN",
        "SG" => "SINGAPORE",
        "VN" => "VIET NAM",
        "TH" => "THAILAND",
        "MY" => "MALAYSIA",
        "PH" => "PHILIPPINES",
        "ID" => "INDONESIA",
        "AU" => "AUSTRALIA",
        "NZ" => "NEW ZEALAND",
        "CA" => "CANADA",
        "GB" => "UNITED KINGDOM",
        "DE" => "GERMANY",
        "FR" => "FRANCE",
        _ => code.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parcel_codes_round_trip_and_tracking_numbers_are_not_parcel_codes() {
        assert_eq!(parcel_code(123), "P0000123");
        assert_eq!(parse_parcel_code("P0000123"), Some(123));
        assert_eq!(parse_parcel_code("P12345678"), Some(12_345_678));
        assert_eq!(parse_parcel_code("601234560001"), None);
        assert_eq!(parse_parcel_code("P12"), None);
        assert_eq!(parse_parcel_code("PX000123"), None);
    }

    #[test]
    fn batch_names_compress_runs() {
        assert_eq!(batch_name(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8번");
        assert_eq!(batch_name(&[4]), "4번");
        assert_eq!(batch_name(&[3, 1, 2, 2]), "1-3번");
    }
}
