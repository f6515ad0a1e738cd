//! Property tests of allocation: random catalogues (bundles included), stock, orders (merged when
//! they share a receiver), claims, splits, manual counts and re-allocations under every policy.
//! After every step: no order line in two parcels (or none), allocated ≤ on_hand per SKU,
//! stock.allocated = Σ what the lines hold (bundles expanded into components), and the ledger
//! explains on_hand and allocated.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::HashMap;

use chrono::{Duration, TimeZone, Utc};
use packdesk_core::{AllocationPolicy, Desk, DeskOptions, Priority, ServiceOrder};
use packdesk_store::catalogue::{self, VariantUpsert};
use packdesk_store::orders::{self, ItemIn, OrderIn, ReceiverIn};
use packdesk_store::{Connection, Store, mappings, parcels, splits, stock_moves};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct Spec {
    stock: Vec<i64>,
    /// Make the last SKU a bundle of these (component index, count).
    bundle: Option<Vec<(usize, i64)>>,
    orders: Vec<OrderSpec>,
    ops: Vec<Op>,
}

#[derive(Clone, Debug)]
struct OrderSpec {
    receiver: u8,
    minutes: i64,
    lines: Vec<(usize, i64, i64)>,
}

#[derive(Clone, Debug)]
enum Op {
    Allocate(ServiceOrder, Priority),
    SplitAll,
    Claim(usize, usize),
    SetStock(usize, i64),
}

fn policy() -> impl Strategy<Value = (ServiceOrder, Priority)> {
    (
        prop_oneof![Just(ServiceOrder::FullFirst), Just(ServiceOrder::Partial)],
        prop_oneof![
            Just(Priority::Date),
            Just(Priority::Seller),
            Just(Priority::Quantity),
            Just(Priority::Amount)
        ],
    )
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..6).prop_flat_map(|skus| {
        (
            prop::collection::vec(0i64..7, skus),
            prop::option::of(prop::collection::vec((0..skus - 1, 1i64..3), 1..3)),
            prop::collection::vec(
                (
                    0u8..4,
                    0i64..600,
                    prop::collection::vec((0..skus, 1i64..4, 1_000i64..30_000), 1..4),
                )
                    .prop_map(|(receiver, minutes, lines)| OrderSpec {
                        receiver,
                        minutes,
                        lines,
                    }),
                1..12,
            ),
            prop::collection::vec(
                prop_oneof![
                    policy().prop_map(|(o, p)| Op::Allocate(o, p)),
                    Just(Op::SplitAll),
                    (0usize..12, 0usize..4).prop_map(|(o, l)| Op::Claim(o, l)),
                    (0..skus, 0i64..8).prop_map(|(s, q)| Op::SetStock(s, q)),
                ],
                0..8,
            ),
        )
            .prop_map(|(stock, bundle, orders, ops)| Spec {
                stock,
                bundle,
                orders,
                ops,
            })
    })
}

fn sku(i: usize) -> String {
    format!("P00000{i:02}000A")
}

/// Builds the world through the store (a shop row, products, orders merged by receiver into
/// parcels as collection does) and returns the desk on it.
fn build(dir: &std::path::Path, s: &Spec) -> (Desk, Store) {
    let db = dir.join("desk.sqlite");
    let desk = Desk::open(DeskOptions {
        db_path: db.clone(),
        secrets: None,
        clock: None,
    })
    .unwrap();
    let store = Store::open(&db).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO shops (id, mall_id, api_base, client_id, secret_ref, created_at)
                 VALUES (1, 'prop', 'http://127.0.0.1:9', 'c', 'k', '2026-11-20T00:00:00.000Z')",
                [],
            )?;
            for (i, on_hand) in s.stock.iter().enumerate() {
                let code = sku(i);
                catalogue::upsert_product(
                    tx,
                    1,
                    i as i64 + 1,
                    &code[..10],
                    &format!("상품{i}"),
                    &[VariantUpsert {
                        variant_code: &code,
                        option_text: "",
                        weight_g: None,
                        on_hand: *on_hand,
                    }],
                    now,
                )?;
            }
            if let Some(parts) = &s.bundle {
                let last = catalogue::variant_id_by_code(tx, &sku(s.stock.len() - 1))?.unwrap();
                let mut comps: Vec<(i64, i64)> = Vec::new();
                for (c, n) in parts {
                    let id = catalogue::variant_id_by_code(tx, &sku(*c))?.unwrap();
                    if !comps.iter().any(|(x, _)| *x == id) {
                        comps.push((id, *n));
                    }
                }
                mappings::set_bundle(tx, last, &comps, now)?;
            }
            let mut parcel_of: HashMap<u8, i64> = HashMap::new();
            for (k, o) in s.orders.iter().enumerate() {
                let items = o
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(j, (v, qty, price))| ItemIn {
                        order_item_code: format!("O{k}-{j}"),
                        variant_code: Some(sku(*v)),
                        variant_id: catalogue::variant_id_by_code(tx, &sku(*v)).unwrap(),
                        product_name: format!("상품{v}"),
                        option_text: String::new(),
                        quantity: *qty,
                        status: "N20".into(),
                        unit_price: *price,
                    })
                    .collect();
                let up = orders::upsert(
                    tx,
                    &OrderIn {
                        shop_id: 1,
                        order_id: format!("20261120-{k:07}"),
                        order_date: Some(now + Duration::minutes(o.minutes)),
                        payment_date: None,
                        currency: "KRW".into(),
                        shipping_fee: 0,
                        payment_amount: 0,
                        items,
                        receiver: ReceiverIn {
                            name: format!("수령인{}", o.receiver),
                            phone: String::new(),
                            mobile: String::new(),
                            zipcode: String::new(),
                            address1: String::new(),
                            address2: String::new(),
                            message: String::new(),
                            shipping_code: None,
                            country_code: "KR".into(),
                        },
                    },
                    now,
                )?;
                let orders::Upserted::New { id } = up else {
                    panic!("fresh order")
                };
                let parcel = match parcel_of.get(&o.receiver) {
                    Some(p) => *p,
                    None => {
                        let p =
                            parcels::create(tx, &format!("r{}", o.receiver), "cj", "ready", now)?;
                        parcel_of.insert(o.receiver, p);
                        p
                    }
                };
                parcels::attach_order(tx, parcel, id)?;
            }
            Ok::<_, packdesk_store::StoreError>(())
        })
        .unwrap();
    (desk, store)
}

fn check(c: &Connection) -> Result<(), TestCaseError> {
    let misplaced = splits::misplaced_lines(c).unwrap();
    prop_assert!(
        misplaced.is_empty(),
        "lines not in exactly one parcel: {misplaced:?}"
    );
    // What each stock SKU should have allocated: every line's holding, bundles expanded.
    let mut held: HashMap<i64, i64> = HashMap::new();
    let mut stmt = c
        .prepare("SELECT variant_id, allocated FROM order_items WHERE variant_id IS NOT NULL AND allocated > 0")
        .unwrap();
    let rows: Vec<(i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (v, n) in rows {
        let parts = mappings::components(c, v).unwrap();
        if parts.is_empty() {
            *held.entry(v).or_insert(0) += n;
        } else {
            for (p, k) in parts {
                *held.entry(p).or_insert(0) += k * n;
            }
        }
    }
    let sums = stock_moves::ledger_sums(c).unwrap();
    for (v, (on_hand, allocated)) in stock_moves::levels(c).unwrap() {
        prop_assert!(
            allocated <= on_hand && allocated >= 0,
            "SKU {v}: {allocated} > {on_hand}"
        );
        prop_assert_eq!(
            held.get(&v).copied().unwrap_or(0),
            allocated,
            "SKU {}: Σ lines",
            v
        );
        let (l_on, l_alloc) = sums.get(&v).copied().unwrap_or((0, 0));
        prop_assert_eq!(l_on, on_hand, "SKU {}: ledger on_hand", v);
        prop_assert_eq!(l_alloc, allocated, "SKU {}: ledger allocated", v);
    }
    // A parcel at 송장대기 holds every unclaimed line.
    let unready: i64 = c
        .query_row(
            &format!(
                "SELECT COUNT(*) FROM parcels p JOIN parcel_orders po ON po.parcel_id = p.id
                 JOIN order_items i ON i.order_id = po.order_id AND {}
                 WHERE p.stage = 'ready' AND i.status NOT LIKE 'C%' AND i.allocated <> i.quantity",
                parcels::LINE_IN_PARCEL
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    prop_assert_eq!(unready, 0, "a ready parcel with a short line");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn allocation_keeps_its_invariants(s in spec()) {
        let dir = tempfile::tempdir().unwrap();
        let (desk, store) = build(dir.path(), &s);
        desk.allocate(None).unwrap();
        store.read_as(check)?;
        for op in &s.ops {
            match op {
                Op::Allocate(order, priority) => {
                    desk.allocate(Some(AllocationPolicy { order: *order, priority: *priority })).unwrap();
                }
                Op::SplitAll => {
                    desk.split_all_unallocated().unwrap();
                }
                Op::Claim(o, l) => {
                    let order_id = format!("20261120-{:07}", o % s.orders.len());
                    store.write(|tx| {
                        tx.execute(
                            "UPDATE order_items SET status = 'C00' WHERE order_item_code = ?1",
                            [format!("O{}-{}", o % s.orders.len(), l)],
                        )?;
                        tx.execute(
                            "UPDATE orders SET claim_reason = '취소 C00' WHERE order_id = ?1
                             AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = orders.id AND i.status = 'C00')",
                            [order_id],
                        )?;
                        Ok::<_, packdesk_store::StoreError>(())
                    }).unwrap();
                    desk.allocate(None).unwrap();
                }
                Op::SetStock(i, q) => {
                    if let Err(e) = desk.set_stock(&sku(*i), *q, "count") {
                        prop_assert_eq!(e.code(), "STOCK_BELOW_ALLOCATED");
                    }
                }
            }
            store.read_as(check)?;
        }
    }
}
