//! Shared set-up: an FMS simulator on loopback and the production client
//! signed in to it.
#![allow(dead_code)]

use std::time::Duration;

use packdesk_fassto::{FmsClient, FmsConfig, FmsOptions, OutboundItem, OutboundRequest};
use packdesk_sim::fassto::{FmsSim, FmsSimConfig, SimGoods};

pub async fn sim() -> FmsSim {
    sim_with(FmsSimConfig::default()).await
}

pub async fn sim_with(cfg: FmsSimConfig) -> FmsSim {
    let sim = FmsSim::start(cfg, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    sim.set_goods(demo_goods());
    sim
}

pub fn demo_goods() -> Vec<SimGoods> {
    vec![
        SimGoods::new("SKU-TUMBLER", "텀블러 350ml", 20),
        SimGoods::new("SKU-MUG", "머그컵 화이트", 5),
    ]
}

/// Millisecond backoffs so retry tests take no noticeable time.
pub fn fast_options() -> FmsOptions {
    FmsOptions {
        backoff_base: Duration::from_millis(1),
        backoff_max: Duration::from_millis(2),
        request_timeout: Duration::from_secs(5),
        ..FmsOptions::default()
    }
}

pub fn config(sim: &FmsSim) -> FmsConfig {
    let c = sim.config();
    FmsConfig {
        base_url: sim.base_url(),
        cst_cd: c.cst_cd.clone(),
        api_cd: c.api_cd.clone(),
        api_key: c.api_key.clone(),
    }
}

pub async fn connected(sim: &FmsSim) -> FmsClient {
    FmsClient::connect_with(config(sim), fast_options())
        .await
        .unwrap()
}

pub fn request(ord_no: &str, sku: &str, qty: u32) -> OutboundRequest {
    let mut r = OutboundRequest::new(
        ord_no,
        "홍길동",
        "010-1234-5678",
        "서울특별시 마포구 와우산로29바길 12 3층",
        vec![OutboundItem::new(sku, qty)],
    );
    r.zip = Some("04066".into());
    r.ship_req_term = Some("문 앞에 놓아 주세요".into());
    r.sal_chanel = Some("카페24".into());
    r
}

/// True when `text` has a Hangul syllable.
pub fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

/// Statuses the simulator answered for requests whose path starts with `prefix`.
pub fn statuses(sim: &FmsSim, prefix: &str) -> Vec<u16> {
    sim.requests()
        .into_iter()
        .filter(|r| r.path.starts_with(prefix))
        .map(|r| r.status)
        .collect()
}
