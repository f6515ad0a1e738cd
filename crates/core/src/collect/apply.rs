//! 주문수집: pull paid orders from each connected shop and bring them into the pipeline.
//!
//! Rules (DOMAIN.md stage 1): the shop's chosen status (N20 by default); orders paid less than the
//! minimum age ago (10 minutes) are left for the next run, so orders cancelled right after purchase
//! are never collected; the first run takes the last 12 hours. Orders already on the desk are
//! re-read every run so a cancellation is seen before the parcel leaves.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use packdesk_cafe24::{Order, OrderQuery};
use packdesk_store::orders::{self, ItemIn, OrderIn, ReceiverIn, Upserted};
use packdesk_store::{Transaction, catalogue, parcels, shops};

use crate::clock::kst_date;
use crate::desk::Desk;
use crate::dto::{CollectReport, Stage};
use crate::error::{DeskError, Result};
use crate::normalize::{digits, merge_key};

/// How far back a run looks once the first collection has happened: orders may reach 배송준비중
/// days after payment.
const LOOKBACK_DAYS: i64 = 7;
const FIRST_RUN_HOURS: i64 = 12;

pub(crate) async fn run(
    desk: &Desk,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<CollectReport> {
    let store = &desk.inner.store;
    let all_shops = store.read(shops::all)?;
    if all_shops.is_empty() {
        return Err(DeskError::NotConnected);
    }
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(DeskError::invalid(
            format!("--from {f} is after --to {t}"),
            format!("시작일 {f}이(가) 종료일 {t}보다 늦습니다"),
        ));
    }
    let mut report = CollectReport::default();
    for shop in all_shops {
        let client = desk.client(&shop)?;
        let now = desk.inner.clock.now();
        if store.read(|c| catalogue::variant_count(c, shop.id))? == 0 {
            sync_catalogue(desk, &shop, &client, now).await?;
        }
        let before = client.stats();
        let start = from.unwrap_or_else(|| match shop.collect_cursor {
            Some(cursor) => kst_date(cursor - Duration::days(LOOKBACK_DAYS)),
            None => kst_date(now - Duration::hours(FIRST_RUN_HOURS)),
        });
        let end = to.unwrap_or_else(|| kst_date(now));
        let query = OrderQuery {
            shop_no: shop.shop_no,
            start,
            end,
            date_type: "pay_date".into(),
            order_status: vec![shop.collect_status.clone()],
            limit: 1000,
        };
        let mut fetched = client.list_orders(&query).await?;
        // A product added to the shop since the last sync: bring the catalogue up to date first.
        let unknown_sku = store.read(|c| {
            for item in fetched.iter().flat_map(|o| &o.items) {
                if !item.variant_code.is_empty()
                    && catalogue::variant_id_by_code(c, &item.variant_code)?.is_none()
                {
                    return Ok(true);
                }
            }
            Ok(false)
        })?;
        if unknown_sku {
            sync_catalogue(desk, &shop, &client, now).await?;
        }
        let seen: HashSet<String> = fetched.iter().map(|o| o.order_id.clone()).collect();
        let open: Vec<String> = store
            .read(|c| orders::open_order_ids(c, shop.id))?
            .into_iter()
            .filter(|id| !seen.contains(id))
            .collect();
        if !open.is_empty() {
            fetched.extend(client.orders_by_id(shop.shop_no, &open).await?);
        }
        let min_paid_before = now - Duration::minutes(shop.min_age_minutes);
        // Unknown orders paid before the first run's 12-hour window come in only by a manual range.
        let floor = shop
            .collect_floor
            .unwrap_or(now - Duration::hours(FIRST_RUN_HOURS));
        let lower_bound = from.is_none().then_some(floor);
        let carrier = desk.default_carrier()?;
        store.write(|tx| {
            apply(
                tx,
                shop.id,
                &fetched,
                &carrier,
                min_paid_before,
                lower_bound,
                now,
                &mut report,
            )?;
            shops::record_collect(tx, shop.id, min_paid_before, floor, now)?;
            Ok::<_, DeskError>(())
        })?;
        let after = client.stats();
        report.api_calls += after.requests - before.requests;
        report.throttled += after.throttled_429 - before.throttled_429;
    }
    tracing::info!(
        new = report.new,
        updated = report.updated,
        skipped = report.skipped,
        claimed = report.claimed,
        "collection done"
    );
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
fn apply(
    tx: &Transaction,
    shop_id: i64,
    fetched: &[Order],
    carrier: &str,
    min_paid_before: DateTime<Utc>,
    lower_bound: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    report: &mut CollectReport,
) -> Result<()> {
    let mut done = HashSet::new();
    let mut touched = Vec::new();
    for order in fetched {
        if !done.insert(order.order_id.clone()) {
            continue;
        }
        let paid = order.payment_date.map(|d| d.with_timezone(&Utc));
        if !orders::exists(tx, shop_id, &order.order_id)? {
            let too_young = paid.is_none_or(|p| p > min_paid_before);
            let too_old = matches!((lower_bound, paid), (Some(lb), Some(p)) if p < lb);
            if too_young || too_old {
                report.skipped += 1;
                continue;
            }
        }
        let Some(input) = to_store(tx, shop_id, order)? else {
            report.skipped += 1;
            continue;
        };
        match orders::upsert(tx, &input, now)? {
            Upserted::New { id } => {
                report.new += 1;
                let r = &input.receiver;
                let key = merge_key(&r.name, &r.address1, &r.address2, &r.phone, &r.mobile);
                let parcel = match parcels::find_mergeable(tx, &key, carrier)? {
                    Some(p) => p,
                    None => {
                        report.parcels_created += 1;
                        parcels::create(tx, &key, carrier, Stage::Ready.as_str(), now)?
                    }
                };
                parcels::attach_order(tx, parcel, id)?;
                touched.push(parcel);
            }
            Upserted::Changed { id, claim, .. } => {
                report.updated += 1;
                if let Some(parcel) = parcels::of_order(tx, id)? {
                    if claim.is_some() {
                        report.claimed += 1;
                    }
                    touched.push(parcel);
                }
            }
            Upserted::Unchanged { .. } => report.skipped += 1,
        }
    }
    touched.extend(parcels::awaiting_allocation(tx)?);
    touched.sort_unstable();
    touched.dedup();
    for parcel in touched {
        crate::allocate::plan(tx, parcel)?;
    }
    Ok(())
}

/// Maps a Cafe24 order to the store's shape. None when it has no receiver (nothing to ship to).
fn to_store(tx: &Transaction, shop_id: i64, o: &Order) -> Result<Option<OrderIn>> {
    let Some(r) = o.receivers.first() else {
        tracing::warn!(order_id = %o.order_id, "order without a receiver skipped");
        return Ok(None);
    };
    let mut items = Vec::with_capacity(o.items.len());
    for i in &o.items {
        let variant_code = Some(i.variant_code.clone()).filter(|c| !c.is_empty());
        let variant_id = match &variant_code {
            Some(code) => catalogue::variant_id_by_code(tx, code)?,
            None => None,
        };
        items.push(ItemIn {
            order_item_code: i.order_item_code.clone(),
            variant_code,
            variant_id,
            product_name: i.product_name.clone(),
            option_text: i.option_value.clone().unwrap_or_default(),
            quantity: i64::from(i.quantity.max(1)),
            status: i.order_status.clone(),
        });
    }
    Ok(Some(OrderIn {
        shop_id,
        order_id: o.order_id.clone(),
        order_date: Some(o.order_date.with_timezone(&Utc)),
        payment_date: o.payment_date.map(|d| d.with_timezone(&Utc)),
        currency: o.currency.clone(),
        shipping_fee: o.shipping_fee,
        payment_amount: o.payment_amount,
        items,
        receiver: ReceiverIn {
            name: r.name.trim().to_string(),
            phone: digits(r.phone.as_deref().unwrap_or_default()),
            mobile: digits(r.cellphone.as_deref().unwrap_or_default()),
            zipcode: r.zipcode.clone(),
            address1: r.address1.clone(),
            address2: r.address2.clone().unwrap_or_default(),
            message: r.shipping_message.clone().unwrap_or_default(),
            shipping_code: r.shipping_code.clone(),
        },
    }))
}

/// Brings the shop's products, variants (품목코드) and inventory into the SKU catalogue.
async fn sync_catalogue(
    desk: &Desk,
    shop: &shops::ShopRow,
    client: &packdesk_cafe24::Cafe24Client,
    now: DateTime<Utc>,
) -> Result<()> {
    let products = client.products_with_variants(shop.shop_no).await?;
    desk.inner.store.write(|tx| {
        for p in &products {
            let weight_g = p.product_weight.as_deref().and_then(kg_to_grams);
            let texts: Vec<String> = p
                .variants
                .iter()
                .map(|v| {
                    v.options
                        .iter()
                        .map(|o| format!("{}={}", o.name, o.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            let variants: Vec<catalogue::VariantUpsert> = p
                .variants
                .iter()
                .zip(&texts)
                .map(|(v, text)| catalogue::VariantUpsert {
                    variant_code: &v.variant_code,
                    option_text: text,
                    weight_g,
                    on_hand: v.quantity,
                })
                .collect();
            catalogue::upsert_product(
                tx,
                shop.id,
                i64::from(p.product_no),
                &p.product_code,
                &p.product_name,
                &variants,
                now,
            )?;
        }
        Ok::<_, DeskError>(())
    })?;
    tracing::info!(products = products.len(), "catalogue synced");
    Ok(())
}

/// Cafe24 sends weights as kilogram strings ("1.25"); we keep grams.
fn kg_to_grams(kg: &str) -> Option<i64> {
    let v: f64 = kg.trim().parse().ok()?;
    (v > 0.0).then(|| (v * 1000.0).round() as i64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn kg_strings_become_grams() {
        assert_eq!(super::kg_to_grams("1.25"), Some(1250));
        assert_eq!(super::kg_to_grams("0.00"), None);
        assert_eq!(super::kg_to_grams("x"), None);
    }
}
