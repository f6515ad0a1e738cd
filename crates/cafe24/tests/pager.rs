//! Streaming collection with `OrderPager`: pages of at most `limit` orders, the
//! 15,000-offset cap handled by splitting windows, no duplicates or gaps, and
//! recovery from 429 bursts, 5xx answers and a failed step.

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use harness::*;
use packdesk_cafe24::{ClientOptions, OrderQuery, PageStats};
use packdesk_sim::cafe24::{Fault, SimConfig, SimOrder, demo_orders_between};

const ORDERS: &str = "/api/v2/admin/orders";
const COUNT: &str = "/api/v2/admin/orders/count";

fn june(limit: u32) -> OrderQuery {
    OrderQuery {
        limit,
        ..OrderQuery::paid_awaiting_shipment(
            NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        )
    }
}

fn ids(orders: &[SimOrder]) -> BTreeSet<String> {
    orders.iter().map(|o| o.order_id.clone()).collect()
}

/// 3,000 orders paid over the first half of June (KST).
fn three_thousand() -> Vec<SimOrder> {
    demo_orders_between(41, utc(2025, 6, 1, 0), utc(2025, 6, 15, 0), 3000)
}

#[tokio::test]
async fn twenty_five_thousand_orders_page_past_the_offset_cap_without_duplicates_or_gaps() {
    let sim = sim(fast_sim_config()).await;
    // 16,000 paid on 10 June (KST) — a window that needs a page at offset 15,000 —
    // and 9,000 on 11 June.
    let mut orders = demo_orders_between(51, utc(2025, 6, 9, 16), utc(2025, 6, 10, 14), 16_000);
    orders.extend(demo_orders_between(
        52,
        utc(2025, 6, 10, 16),
        utc(2025, 6, 11, 14),
        9_000,
    ));
    let want = ids(&orders);
    assert_eq!(want.len(), 25_000);
    sim.add_orders(orders);
    let c = connect(&sim, fast_options()).await;

    let mut pager = c.client.order_pager(&june(1000));
    let mut got = BTreeSet::new();
    let mut handed_out = 0usize;
    let mut largest_page = 0usize;
    while let Some(page) = pager.next_page().await.unwrap() {
        assert!(!page.is_empty());
        largest_page = largest_page.max(page.len());
        handed_out += page.len();
        got.extend(page.into_iter().map(|o| o.order_id));
    }
    assert_eq!(handed_out, 25_000, "no order twice");
    assert_eq!(got, want, "no order missing");
    assert!(largest_page <= 1000);

    let stats = pager.stats();
    assert_eq!(
        stats,
        PageStats {
            pages: 25,
            orders: 25_000,
            expected: 25_000,
            counts: stats.counts,
            splits: stats.splits,
            duplicates: 0,
        }
    );
    assert!(stats.splits >= 1, "the month was split: {stats:?}");
    let sim_stats = sim.stats();
    // 16 pages for the 16,000-order day (the last at offset 15,000) + 9 for the next.
    assert_eq!(sim_stats.calls("GET", ORDERS), 25);
    assert_eq!(sim_stats.calls("GET", COUNT), stats.counts);
    assert_eq!(sim_stats.per_status.get(&422), None, "never past the cap");
    // Another pass yields nothing more: the pager is finished.
    assert!(pager.next_page().await.unwrap().is_none());
    sim.shutdown().await;
}

#[tokio::test]
async fn list_orders_gathers_what_the_pager_streams() {
    let sim = sim(fast_sim_config()).await;
    let orders = three_thousand();
    sim.add_orders(orders.clone());
    let c = connect(&sim, fast_options()).await;
    let listed = c.client.list_orders(&june(1000)).await.unwrap();
    let mut pager = c.client.order_pager(&june(1000));
    let mut streamed = Vec::new();
    while let Some(page) = pager.next_page().await.unwrap() {
        streamed.extend(page);
    }
    assert_eq!(listed, streamed);
    assert_eq!(ids(&orders).len(), listed.len());
    sim.shutdown().await;
}

#[tokio::test]
async fn a_burst_of_429s_is_waited_out_and_collection_completes() {
    let sim = sim(fast_sim_config()).await;
    let orders = three_thousand();
    sim.add_orders(orders.clone());
    let c = connect(&sim, fast_options()).await;
    sim.inject_429_burst(ORDERS, 4);

    let got = c.client.list_orders(&june(1000)).await.unwrap();
    let got_ids: BTreeSet<String> = got.iter().map(|o| o.order_id.clone()).collect();
    assert_eq!(got.len(), 3000);
    assert_eq!(got_ids, ids(&orders));
    let stats = sim.stats();
    assert_eq!(stats.throttled_429, 4, "the burst and nothing after it");
    assert_eq!(c.client.stats().throttled_429, 4);
    assert_eq!(stats.calls("GET", ORDERS), 3);
    sim.shutdown().await;
}

#[tokio::test]
async fn server_errors_while_paging_are_retried() {
    let sim = sim(fast_sim_config()).await;
    let orders = three_thousand();
    sim.add_orders(orders.clone());
    let c = connect(&sim, fast_options()).await;
    let mut pager = c.client.order_pager(&june(1000));
    let first = pager.next_page().await.unwrap().unwrap();
    sim.inject_fault(ORDERS, Fault::Status(500));
    sim.inject_fault(ORDERS, Fault::Status(502));
    let mut got: BTreeSet<String> = first.into_iter().map(|o| o.order_id).collect();
    while let Some(page) = pager.next_page().await.unwrap() {
        got.extend(page.into_iter().map(|o| o.order_id));
    }
    assert_eq!(got, ids(&orders));
    assert_eq!(c.client.stats().retries, 2);
    assert_eq!(sim.stats().per_status.get(&500), Some(&1));
    assert_eq!(sim.stats().calls("GET", ORDERS), 3 + 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_failed_step_is_repeated_by_the_next_call_without_duplicates() {
    let sim = sim(fast_sim_config()).await;
    let orders = three_thousand();
    sim.add_orders(orders.clone());
    let opts = ClientOptions {
        max_retries: 1,
        ..fast_options()
    };
    let c = connect(&sim, opts).await;
    let mut pager = c.client.order_pager(&june(1000));
    let mut got: Vec<String> = pager
        .next_page()
        .await
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|o| o.order_id)
        .collect();
    for _ in 0..2 {
        sim.inject_fault(ORDERS, Fault::Status(503));
    }
    let err = pager.next_page().await.unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    assert_eq!(pager.stats().pages, 1);
    while let Some(page) = pager.next_page().await.unwrap() {
        got.extend(page.into_iter().map(|o| o.order_id));
    }
    assert_eq!(got.len(), 3000, "each order once");
    let unique: BTreeSet<String> = got.into_iter().collect();
    assert_eq!(unique, ids(&orders));
    sim.shutdown().await;
}

/// `orders` renumbered from `9000001` on so their ids cannot clash with other demo orders.
fn renumbered(mut orders: Vec<SimOrder>) -> Vec<SimOrder> {
    for (n, o) in orders.iter_mut().enumerate() {
        let day = o.order_id.split('-').next().unwrap().to_owned();
        o.order_id = format!("{day}-{:07}", 9_000_001 + n);
        for item in &mut o.items {
            item.order_item_code = format!("{}-{:02}", o.order_id, item.item_no);
            item.shipping_code = Some(format!("D-{}-00", o.order_id));
        }
    }
    orders
}

#[tokio::test]
async fn orders_arriving_while_paging_past_the_cap_are_each_handed_out_once() {
    let sim = sim(SimConfig {
        max_offset: 20,
        ..fast_sim_config()
    })
    .await;
    // 14 orders on each of 3 and 4 June (KST): 28, pageable within offset ≤ 20 at limit 10.
    let mut orders = demo_orders_between(71, utc(2025, 6, 2, 16), utc(2025, 6, 3, 10), 14);
    orders.extend(demo_orders_between(
        72,
        utc(2025, 6, 3, 16),
        utc(2025, 6, 4, 4),
        14,
    ));
    sim.add_orders(orders.clone());
    let opts = ClientOptions {
        max_order_offset: 20,
        ..fast_options()
    };
    let c = connect(&sim, opts).await;
    let mut pager = c.client.order_pager(&june(10));
    let mut handed_out: Vec<String> = pager
        .next_page()
        .await
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|o| o.order_id)
        .collect();

    // Ten more are paid on 4 June while the window is being paged: it now holds
    // 38, deeper than the cap, and is halved mid-way.
    let late = renumbered(demo_orders_between(
        73,
        utc(2025, 6, 4, 5),
        utc(2025, 6, 4, 14),
        10,
    ));
    sim.add_orders(late.clone());
    while let Some(page) = pager.next_page().await.unwrap() {
        handed_out.extend(page.into_iter().map(|o| o.order_id));
    }
    let mut want = ids(&orders);
    want.extend(ids(&late));
    assert_eq!(handed_out.len(), 38, "each order once");
    let unique: BTreeSet<String> = handed_out.into_iter().collect();
    assert_eq!(unique, want);
    let stats = pager.stats();
    assert!(stats.splits >= 1 && stats.duplicates > 0, "{stats:?}");
    assert_eq!(sim.stats().per_status.get(&422), None, "never past the cap");
    sim.shutdown().await;
}

#[tokio::test]
async fn an_inverted_range_is_refused_before_any_request() {
    let sim = sim(fast_sim_config()).await;
    let c = connect(&sim, fast_options()).await;
    let q = OrderQuery {
        start: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        end: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        ..june(1000)
    };
    let err = c.client.order_pager(&q).next_page().await.unwrap_err();
    assert_eq!(err.code(), "CAFE24_INVALID_REQUEST");
    assert_eq!(sim.stats().admin_requests, 0);
    sim.shutdown().await;
}
