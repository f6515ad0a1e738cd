//! One page of collected orders into the store: new orders merged into parcels (합포), changed
//! ones updated — claims block their parcel, receiver changes re-merge it — all in one transaction.

use chrono::{DateTime, Utc};
use packdesk_cafe24::Order;
use packdesk_store::orders::{self, ItemIn, OrderIn, ReceiverIn, Upserted};
use packdesk_store::{Transaction, catalogue, parcels};

use crate::dto::{LinkFailure, Stage};
use crate::error::Result;
use crate::normalize::{digits, merge_key};

mod bulk;
pub(crate) mod merge_options;

/// The rules of one shop's run, fixed when it starts.
pub(crate) struct PageRules<'a> {
    pub shop_id: i64,
    pub carrier: &'a str,
    /// Unknown orders paid after this are too young (the shop's minimum age).
    pub min_paid_before: DateTime<Utc>,
    /// Unknown orders paid before this come in only by a manual date range.
    pub lower_bound: Option<DateTime<Utc>>,
    pub run_started: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

/// Counters of one run. `failures` keeps the first few for the screen; `failed` counts them all.
#[derive(Default)]
pub(crate) struct Tally {
    pub new: u32,
    pub updated: u32,
    pub skipped: u32,
    pub claimed: u32,
    pub failed: u32,
    pub parcels_created: u32,
    pub receivers_changed: u32,
    pub failures: Vec<LinkFailure>,
    /// API calls this shop's run made and the 429s it drew (recorded with the run).
    pub api_calls: u64,
    pub throttled: u64,
}

pub(crate) const MAX_LISTED_FAILURES: usize = 100;

impl Tally {
    pub fn fail(&mut self, f: LinkFailure) {
        self.failed += 1;
        if self.failures.len() < MAX_LISTED_FAILURES {
            self.failures.push(f);
        }
    }
}

pub(crate) fn page(
    tx: &Transaction,
    rules: &PageRules,
    fetched: &[Order],
    tally: &mut Tally,
) -> Result<()> {
    // A page of orders all new to the store (the bulk of a big collection) goes set-wise.
    if bulk::applies(tx, rules.shop_id, fetched)? {
        return bulk::page(tx, rules, fetched, tally);
    }
    let mut touched = Vec::new();
    for order in fetched {
        let paid = order.payment_date.map(|d| d.with_timezone(&Utc));
        if !orders::exists(tx, rules.shop_id, &order.order_id)? {
            let too_young = paid.is_none_or(|p| p > rules.min_paid_before);
            let too_old = matches!((rules.lower_bound, paid), (Some(lb), Some(p)) if p < lb);
            if too_young || too_old {
                tally.skipped += 1;
                continue;
            }
        }
        let Some(input) = to_store(tx, rules.shop_id, order)? else {
            tally.fail(no_receiver(&order.order_id));
            continue;
        };
        let upserted = orders::upsert(tx, &input, rules.now)?;
        let order_pk = match upserted {
            Upserted::New { id } | Upserted::Changed { id, .. } | Upserted::Unchanged { id } => id,
        };
        orders::mark_seen(tx, order_pk, rules.run_started)?;
        match upserted {
            Upserted::New { id } => {
                tally.new += 1;
                let (parcel, created) =
                    place_new_order(tx, id, &input.receiver, rules.carrier, rules.now)?;
                if created {
                    tally.parcels_created += 1;
                }
                touched.push(parcel);
            }
            Upserted::Changed {
                id,
                claim,
                receiver_changed,
            } => {
                tally.updated += 1;
                if claim.is_some() {
                    tally.claimed += 1;
                }
                if receiver_changed {
                    tally.receivers_changed += 1;
                    let mut key = order_key(tx, id, rules.shop_id, &input.receiver)?;
                    if packdesk_store::merge_reviews::never_merge(tx, id)? {
                        key = packdesk_store::merge_reviews::locked_key(&key, id);
                    }
                    touched.extend(remerge(tx, id, &key, rules)?);
                } else if let Some(parcel) = parcels::of_order(tx, id)? {
                    touched.push(parcel);
                }
            }
            Upserted::Unchanged { .. } => tally.skipped += 1,
        }
    }
    touched.sort_unstable();
    touched.dedup();
    for parcel in touched {
        crate::allocate::plan(tx, parcel, rules.now)?;
    }
    Ok(())
}

/// Puts a newly stored order into the parcel of its receiver (합포) or a new one of its own.
/// Returns the parcel and whether it was created. Shared with orders registered by hand or file.
pub(crate) fn place_new_order(
    tx: &Transaction,
    order_pk: i64,
    receiver: &ReceiverIn,
    domestic_carrier: &str,
    now: DateTime<Utc>,
) -> Result<(i64, bool)> {
    let shop_id: i64 = tx.query_row(
        "SELECT shop_id FROM orders WHERE id = ?1",
        [order_pk],
        |r| r.get(0),
    )?;
    let key = order_key(tx, order_pk, shop_id, receiver)?;
    let carrier = carrier_for(receiver, domestic_carrier);
    let (parcel, created) = match parcels::find_mergeable(tx, &key, carrier)? {
        Some(p) => (p, false),
        None => {
            let p = parcels::create(tx, &key, carrier, Stage::Ready.as_str(), now)?;
            crate::merge_review::note_new_parcel(tx, p, &key, carrier, now)?;
            (p, true)
        }
    };
    parcels::attach_order(tx, parcel, order_pk)?;
    Ok((parcel, created))
}

/// An order with no receiver: nothing to ship to, so it is listed as a failure of the run.
pub(crate) fn no_receiver(order_id: &str) -> LinkFailure {
    LinkFailure {
        order_id: order_id.to_string(),
        code: "NO_RECEIVER".into(),
        reason_en: "the order has no receiver".into(),
        reason_ko: "수령인 정보가 없는 주문입니다".into(),
    }
}

pub(crate) fn unmatched_failure(order_id: &str, what: &str) -> LinkFailure {
    LinkFailure {
        order_id: order_id.to_string(),
        code: "UNMATCHED_SKU".into(),
        reason_en: format!("no SKU for {what}: add it to the shop's products or match it by hand"),
        reason_ko: format!(
            "{what}: 상품 목록에 없는 품목입니다. 상품을 등록하거나 직접 매칭하세요"
        ),
    }
}

/// The merge key of an order's receiver under the station's 합포 options (see [`merge_options`]).
fn order_key(tx: &Transaction, order_pk: i64, shop_id: i64, r: &ReceiverIn) -> Result<String> {
    let base = merge_key(&r.name, &r.address1, &r.address2, &r.phone, &r.mobile);
    let opts = merge_options::load(tx)?;
    Ok(merge_options::scoped_key(
        opts,
        &base,
        shop_id,
        is_abroad(r),
        order_pk,
    ))
}

fn is_abroad(r: &ReceiverIn) -> bool {
    !(r.country_code.trim().eq_ignore_ascii_case("KR") || r.country_code.is_empty())
}

/// The receiver of an order changed. Before a waybill exists the order moves to the parcel its new
/// address belongs in (merged with another, or alone); after, the label is wrong and the parcel is
/// flagged for a person. Returns the parcels to re-plan.
fn remerge(tx: &Transaction, order_pk: i64, key: &str, rules: &PageRules) -> Result<Vec<i64>> {
    let parts = parcels::all_of_order(tx, order_pk)?;
    if parts.len() > 1 {
        return readdress_split_order(tx, &parts, key);
    }
    let Some(old) = parcels::of_order(tx, order_pk)? else {
        return Ok(Vec::new());
    };
    let Some(core) = parcels::get(tx, old)? else {
        return Ok(Vec::new());
    };
    let printable_again = Stage::parse(&core.stage).is_some_and(Stage::before_waybill);
    if !printable_again {
        if core.stage != Stage::Shipped.as_str() {
            parcels::set_alert(
                tx,
                old,
                Some(
                    "수령인 주소/연락처가 송장 출력 후 변경됨 — 송장을 다시 출력하세요 (receiver changed after printing: reprint the label)",
                ),
            )?;
        }
        return Ok(vec![old]);
    }
    let alone = parcels::order_count(tx, old)? == 1;
    let target = parcels::find_mergeable_except(tx, key, &core.carrier, old)?;
    match (alone, target) {
        // Only this order in it and nobody to merge with: the parcel simply takes the new address.
        (true, None) => {
            parcels::set_merge_key(tx, old, key)?;
            Ok(vec![old])
        }
        (_, Some(target)) => {
            parcels::detach_order(tx, order_pk)?;
            parcels::attach_order(tx, target, order_pk)?;
            parcels::delete_unprinted(tx, old)?;
            Ok(vec![old, target])
        }
        (false, None) => {
            parcels::detach_order(tx, order_pk)?;
            let new = parcels::create(tx, key, &core.carrier, Stage::Ready.as_str(), rules.now)?;
            parcels::attach_order(tx, new, order_pk)?;
            crate::merge_review::note_new_parcel(tx, new, key, &core.carrier, rules.now)?;
            Ok(vec![old, new])
        }
    }
}

/// The receiver of an order split over parcels (미할당주문나누기) changed. It stays split: a part
/// alone in its box before its waybill simply takes the new address; a part already labelled, or
/// sharing its box with other orders, is flagged for a person — moving half an order between
/// merged boxes is not a decision to make silently. Returns the parts to re-plan.
fn readdress_split_order(tx: &Transaction, parts: &[i64], key: &str) -> Result<Vec<i64>> {
    for &part in parts {
        let Some(core) = parcels::get(tx, part)? else {
            continue;
        };
        if core.stage == Stage::Shipped.as_str() {
            continue;
        }
        let before_waybill = Stage::parse(&core.stage).is_some_and(Stage::before_waybill);
        if before_waybill && parcels::order_count(tx, part)? == 1 {
            parcels::set_merge_key(tx, part, key)?;
        } else {
            parcels::set_alert(
                tx,
                part,
                Some(
                    "나뉜 주문의 수령인 주소/연락처가 변경됨 — 주소와 합포를 확인하세요 (the receiver of a split order changed: check the address and the merge)",
                ),
            )?;
        }
    }
    Ok(parts.to_vec())
}

/// The carrier a new parcel goes by: the shop's domestic carrier, or Korea Post's international
/// service (S10 numbers, the EMS/CN22 label) for a receiver abroad.
fn carrier_for<'a>(receiver: &ReceiverIn, domestic: &'a str) -> &'a str {
    if is_abroad(receiver) {
        crate::invoice::EMS
    } else {
        domestic
    }
}

/// Maps a Cafe24 order to the store's shape. None when it has no receiver (nothing to ship to).
fn to_store(tx: &Transaction, shop_id: i64, o: &Order) -> Result<Option<OrderIn>> {
    to_store_with(shop_id, o, |code| {
        catalogue::variant_id_by_code(tx, code).map_err(Into::into)
    })
}

/// [`to_store`] with the 품목코드 look-up given (the set-wise path remembers its answers).
fn to_store_with(
    shop_id: i64,
    o: &Order,
    mut variant_id_by_code: impl FnMut(&str) -> Result<Option<i64>>,
) -> Result<Option<OrderIn>> {
    let Some(r) = o.receivers.first() else {
        tracing::warn!(order_id = %o.order_id, "order without a receiver skipped");
        return Ok(None);
    };
    let mut items = Vec::with_capacity(o.items.len());
    for i in &o.items {
        let variant_code = Some(i.variant_code.clone()).filter(|c| !c.is_empty());
        let variant_id = match &variant_code {
            Some(code) => variant_id_by_code(code)?,
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
            unit_price: i.product_price,
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
            // Domestic unless Cafe24 says otherwise: older payloads carry no country.
            country_code: r
                .country_code
                .as_deref()
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| c.len() == 2)
                .unwrap_or_else(|| "KR".to_string()),
        },
    }))
}
