//! Changes between collections: a line moving to a cancellation, return or
//! exchange status carries Cafe24's claim fields, and a changed receiver shows on
//! the next list.

// Tests may unwrap (the workspace allows it in #[test] bodies; helpers here too).
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use chrono::NaiveDate;
use harness::*;
use packdesk_cafe24::{Order, OrderQuery};
use packdesk_sim::cafe24::{ReceiverChange, SimOrder, demo_orders_between};

fn query() -> OrderQuery {
    OrderQuery::paid_awaiting_shipment(
        NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        NaiveDate::from_ymd_opt(2025, 7, 31).unwrap(),
    )
}

fn find<'a>(orders: &'a [Order], id: &str) -> Option<&'a Order> {
    orders.iter().find(|o| o.order_id == id)
}

/// 40 orders in July; the first with two lines and one with a single line.
fn orders() -> (Vec<SimOrder>, String, String) {
    let orders = demo_orders_between(61, utc(2025, 7, 2, 0), utc(2025, 7, 9, 0), 40);
    let two = orders
        .iter()
        .find(|o| o.items.len() >= 2)
        .unwrap()
        .order_id
        .clone();
    let one = orders
        .iter()
        .find(|o| o.items.len() == 1)
        .unwrap()
        .order_id
        .clone();
    (orders, two, one)
}

#[tokio::test]
async fn claims_arriving_between_collections_are_seen_with_their_fields() {
    let sim = sim(fast_sim_config()).await;
    let (orders, two_lines, one_line) = orders();
    sim.add_orders(orders);
    let c = connect(&sim, fast_options()).await;
    let first = c.client.list_orders(&query()).await.unwrap();
    assert_eq!(first.len(), 40);
    assert!(
        first
            .iter()
            .flat_map(|o| &o.items)
            .all(|i| i.claim.is_none())
    );

    // A cancellation request on one line of a two-line order, and a return
    // request on the only line of another.
    assert!(sim.claim_item(&two_lines, 1, "C00"));
    assert!(sim.claim_item(&one_line, 1, "R00"));
    let second = c.client.list_orders(&query()).await.unwrap();
    assert_eq!(
        second.len(),
        39,
        "the fully claimed order has no N20 line left"
    );
    assert!(find(&second, &one_line).is_none());

    let partly = find(&second, &two_lines).unwrap();
    let line = &partly.items[0];
    assert_eq!(line.order_status, "C00");
    let claim = line.claim.as_ref().unwrap();
    assert_eq!(claim.claim_type.as_deref(), Some("C"));
    assert!(claim.claim_code.as_deref().unwrap().starts_with('C'));
    assert!(claim.reason.is_some() && claim.reason_type.is_some());
    assert_eq!(claim.quantity, line.quantity);
    assert_eq!(partly.items[1].order_status, "N20");
    assert!(partly.items[1].claim.is_none());

    let returned = c
        .client
        .orders_by_id(1, std::slice::from_ref(&one_line))
        .await
        .unwrap();
    let claim = returned[0].items[0].claim.clone().unwrap();
    assert_eq!(returned[0].items[0].order_status, "R00");
    assert_eq!(claim.claim_type.as_deref(), Some("R"));

    // The cancellation is accepted: same claim, new status; then withdrawn.
    let code = partly.items[0].claim.as_ref().unwrap().claim_code.clone();
    assert!(sim.claim_item(&two_lines, 1, "C10"));
    let accepted = c
        .client
        .orders_by_id(1, std::slice::from_ref(&two_lines))
        .await
        .unwrap();
    assert_eq!(accepted[0].items[0].order_status, "C10");
    assert_eq!(
        accepted[0].items[0].claim.as_ref().unwrap().claim_code,
        code
    );
    assert!(sim.claim_item(&two_lines, 1, "N20"));
    let withdrawn = c
        .client
        .orders_by_id(1, std::slice::from_ref(&two_lines))
        .await
        .unwrap();
    assert!(withdrawn[0].items[0].claim.is_none());

    // Unknown orders, lines and status codes are refused by the hook.
    assert!(!sim.claim_item("20990101-0000001", 1, "C00"));
    assert!(!sim.claim_item(&two_lines, 9, "C00"));
    assert!(!sim.claim_item(&two_lines, 1, "X00"));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_changed_receiver_shows_on_the_next_list() {
    let sim = sim(fast_sim_config()).await;
    let (orders, _, id) = orders();
    sim.add_orders(orders);
    let c = connect(&sim, fast_options()).await;
    let before = c.client.list_orders(&query()).await.unwrap();
    let old = find(&before, &id).unwrap().receivers[0].clone();

    let change = ReceiverChange {
        phone: Some("02-555-0101".into()),
        cellphone: Some("010-9999-0000".into()),
        zipcode: Some("04524".into()),
        address1: Some("서울특별시 중구 세종대로 110".into()),
        address2: Some("3층".into()),
        ..ReceiverChange::default()
    };
    assert!(sim.change_receiver(&id, &change));
    assert!(!sim.change_receiver("20990101-0000001", &change));

    let after = c.client.list_orders(&query()).await.unwrap();
    let r = &find(&after, &id).unwrap().receivers[0];
    assert_eq!(r.name, old.name, "fields not named keep their value");
    assert_eq!(r.phone.as_deref(), Some("02-555-0101"));
    assert_eq!(r.cellphone.as_deref(), Some("010-9999-0000"));
    assert_eq!(r.zipcode, "04524");
    assert_eq!(r.address1, "서울특별시 중구 세종대로 110");
    assert_eq!(r.address2.as_deref(), Some("3층"));
    // Other orders are untouched.
    let other = before.iter().find(|o| o.order_id != id).unwrap();
    assert_eq!(
        find(&after, &other.order_id).unwrap().receivers,
        other.receivers
    );
    sim.shutdown().await;
}
