//! Goods and stock read from FMS.
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use harness::*;
use packdesk_fassto::available_by_cst_god_cd;
use packdesk_sim::fassto::SimGoods;

#[tokio::test]
async fn goods_list_codes_names_and_barcodes() {
    let sim = sim().await;
    let client = connected(&sim).await;
    let goods = client.goods().await.unwrap();
    let mug = goods.iter().find(|g| g.cst_god_cd == "SKU-MUG").unwrap();
    assert_eq!(mug.god_cd, "00000SKU-MUG");
    assert_eq!(mug.god_nm, "머그컵 화이트");
    assert_eq!(mug.god_barcd.as_deref(), Some("SKU-MUG"));
    assert_eq!(mug.in_use, Some(true));
    sim.shutdown().await;
}

#[tokio::test]
async fn stock_counts_what_open_requests_hold() {
    let sim = sim().await;
    let mut unusable = SimGoods::new("SKU-OLD", "단종 상품", 3);
    unusable.bad_stock_qty = 3;
    let mut goods = demo_goods();
    goods.push(unusable);
    sim.set_goods(goods);
    let client = connected(&sim).await;

    let before = available_by_cst_god_cd(&client.stock().await.unwrap());
    assert_eq!(before.get("SKU-TUMBLER"), Some(&20));
    assert_eq!(before.get("SKU-MUG"), Some(&5));
    // Sold out, but still listed (outOfStockYn=Y) so it reads as 0.
    assert_eq!(before.get("SKU-OLD"), Some(&0));

    let results = client
        .register_outbound(&[request("ORD-1", "SKU-TUMBLER", 3)])
        .await;
    let slip = results[0].outcome.as_ref().unwrap().fms_slip_no.clone();
    let tumbler = client.stock_of("SKU-TUMBLER").await.unwrap();
    assert_eq!(tumbler.len(), 1);
    assert_eq!(tumbler[0].stock_qty, 20);
    assert_eq!(tumbler[0].can_stock_qty, 17);
    assert_eq!(sim.can_stock_qty("SKU-TUMBLER"), Some(17));

    assert!(sim.ship(&slip, "638991190880", "04"));
    let tumbler = client.stock_of("SKU-TUMBLER").await.unwrap();
    assert_eq!((tumbler[0].stock_qty, tumbler[0].can_stock_qty), (17, 17));
    sim.shutdown().await;
}
