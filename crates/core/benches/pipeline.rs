//! 100,000 orders through match + merge + allocate (goal: under 1 s on this machine), measured on
//! the production code: `collect::apply::page` (as a collection applies its pages of 1,000 —
//! store, match by 품목코드, merge into parcels, plan each parcel's stock) reached through
//! `Desk::bench_apply_orders`, then `Desk::allocate` (re-allocation of every parcel before its
//! waybill) under two policies. The orders are the simulator's demo orders in Cafe24's wire form,
//! parsed once beforehand: fetching them over HTTP is the collect bench's subject, and the shop's
//! rate limit would dominate. Stock is set to 80 % of the demand per SKU so that a real share of
//! parcels is short (재고부족) and re-allocation has choices to make.
//!
//! One-shot measurements on a fresh database each (a second apply of the same orders would
//! measure "unchanged" skips), so this is a plain bench harness printing its figures.

#![allow(clippy::unwrap_used)] // bench code: a failed unwrap is a failed bench

use std::collections::HashMap;
use std::time::Instant;

use chrono::{Duration, Utc};
use packdesk_cafe24::{Order, OrderItem, Receiver};
use packdesk_core::{AllocationPolicy, Desk, DeskOptions, Priority, ServiceOrder};
use packdesk_sim::cafe24::SimOrder;
use packdesk_sim::cafe24::{demo_catalogue, demo_orders_between};
use packdesk_store::Store;
use packdesk_store::catalogue::{self, VariantUpsert};

const GOAL_SECS: f64 = 1.0;

/// The order as the Cafe24 client hands it to the desk after parsing the wire form.
fn to_order(o: &SimOrder) -> Order {
    Order {
        shop_no: o.shop_no,
        order_id: o.order_id.clone(),
        currency: o.currency.clone(),
        order_date: o.order_date,
        payment_date: o.payment_date,
        paid: o.paid,
        canceled: o.canceled,
        shipping_fee: o.shipping_fee,
        payment_amount: o.payment_amount(),
        items: o
            .items
            .iter()
            .map(|i| OrderItem {
                order_item_code: i.order_item_code.clone(),
                item_no: i.item_no,
                variant_code: i.variant_code.clone(),
                product_no: i.product_no,
                product_code: i.product_code.clone(),
                product_name: i.product_name.clone(),
                option_value: Some(i.option_value.clone()).filter(|s| !s.is_empty()),
                quantity: i.quantity,
                order_status: i.order_status.clone(),
                product_price: i.product_price,
                product_weight: Some(i.product_weight.clone()),
                shipping_code: None,
                tracking_no: None,
                shipping_company_code: None,
                option_type: i.option_type.clone(),
                claim: None,
            })
            .collect(),
        receivers: o
            .receivers
            .iter()
            .map(|r| Receiver {
                name: r.name.clone(),
                phone: Some(r.phone.clone()),
                cellphone: Some(r.cellphone.clone()),
                zipcode: r.zipcode.clone(),
                address1: r.address1.clone(),
                address2: Some(r.address2.clone()),
                shipping_message: Some(r.shipping_message.clone()),
                shipping_code: None,
                country_code: Some(r.country_code.clone()),
            })
            .collect(),
    }
}

fn main() {
    let n: usize = std::env::var("PIPELINE_ORDERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let now = Utc::now();
    let sim_orders =
        demo_orders_between(1, now - Duration::days(3), now - Duration::minutes(15), n);
    let orders: Vec<Order> = sim_orders.iter().map(to_order).collect();
    let mut demand: HashMap<String, i64> = HashMap::new();
    for o in &sim_orders {
        for i in &o.items {
            *demand.entry(i.variant_code.clone()).or_insert(0) += i64::from(i.quantity);
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.sqlite");
    let desk = Desk::open(DeskOptions {
        db_path: db.clone(),
        secrets: Some(Box::new(packdesk_core::secrets::FileSecrets::new(
            dir.path().join("s.json"),
        ))),
        clock: None,
    })
    .unwrap();
    let store = Store::open(&db).unwrap();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO shops (id, mall_id, api_base, client_id, secret_ref, created_at)
                 VALUES (1, 'demoshop', 'http://127.0.0.1:9', 'c', 'k', '2026-01-01T00:00:00.000Z')",
                [],
            )?;
            for p in demo_catalogue(1) {
                let variants: Vec<VariantUpsert> = p
                    .variants
                    .iter()
                    .map(|v| VariantUpsert {
                        variant_code: &v.variant_code,
                        option_text: "",
                        weight_g: None,
                        on_hand: demand.get(&v.variant_code).copied().unwrap_or(0) * 8 / 10,
                    })
                    .collect();
                catalogue::upsert_product(
                    tx,
                    1,
                    i64::from(p.product_no),
                    &p.product_code,
                    &p.product_name,
                    &variants,
                    now,
                )?;
            }
            Ok::<_, packdesk_store::StoreError>(())
        })
        .unwrap();
    drop(store);

    let t = Instant::now();
    let new = desk.bench_apply_orders(1, &orders, 1000).unwrap();
    let apply = t.elapsed().as_secs_f64();
    assert_eq!(new as usize, n);

    let t = Instant::now();
    let full = desk.allocate(None).unwrap();
    let realloc = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let partial = desk
        .allocate(Some(AllocationPolicy {
            order: ServiceOrder::Partial,
            priority: Priority::Amount,
        }))
        .unwrap();
    let realloc2 = t.elapsed().as_secs_f64();

    println!(
        "pipeline/apply {n}: match + merge + plan in {apply:.2} s ({:.2}× the {GOAL_SECS} s goal); \
         {:.0} orders/s",
        apply / GOAL_SECS,
        n as f64 / apply
    );
    println!(
        "pipeline/reallocate full-first+date over {} parcels: {realloc:.2} s ({:.2}× goal); \
         {} ready, {} backorder ({} partial), {} lines changed",
        full.parcels,
        realloc / GOAL_SECS,
        full.ready,
        full.backorder,
        full.partial,
        full.lines_changed
    );
    println!(
        "pipeline/reallocate partial+amount over {} parcels: {realloc2:.2} s ({:.2}× goal); \
         {} ready, {} backorder ({} partial), {} lines changed",
        partial.parcels,
        realloc2 / GOAL_SECS,
        partial.ready,
        partial.backorder,
        partial.partial,
        partial.lines_changed
    );
    println!(
        "pipeline/total {n}: apply + re-allocation {:.2} s ({:.2}× goal)",
        apply + realloc,
        (apply + realloc) / GOAL_SECS
    );
}
