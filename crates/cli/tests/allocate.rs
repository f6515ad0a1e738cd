//! `packdesk allocate` and `packdesk stock` through the binary against the simulated Cafe24 shop on
//! loopback: a parcel whose stock covers 2 of its 3 lines waits at 재고부족 naming the short line,
//! re-allocation under a policy from the command line, 미할당주문나누기, counts and the ledger.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

#[path = "support/cli_station.rs"]
mod cli_station;

use cli_station::{CliStation, REDIRECT};
use std::path::Path;

use std::net::{Ipv4Addr, SocketAddr};

use chrono::{Duration, FixedOffset, Utc};
use packdesk_sim::cafe24::{
    Cafe24Sim, SimConfig, SimItem, SimOrder, SimProduct, SimReceiver, SimVariant,
};
use serde_json::Value;

struct Station {
    dir: tempfile::TempDir,
}

impl CliStation for Station {
    fn dir(&self) -> &Path {
        self.dir.path()
    }
}

fn product(no: u32, name: &str, stock: i64) -> SimProduct {
    let code = format!("P00000{no:02}");
    SimProduct {
        product_no: no,
        product_code: code.clone(),
        product_name: name.into(),
        price: 10_000,
        product_weight: "0.30".into(),
        variants: vec![SimVariant {
            variant_code: format!("{code}000A"),
            options: Vec::new(),
            quantity: stock,
            custom_variant_code: String::new(),
        }],
        option_type: None,
        shop_nos: Vec::new(),
        eng_product_name: String::new(),
        model_name: String::new(),
    }
}

fn order(cat: &[SimProduct]) -> SimOrder {
    let paid =
        (Utc::now() - Duration::hours(2)).with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap());
    let order_id = format!("{}-0003001", paid.format("%Y%m%d"));
    let items = cat
        .iter()
        .enumerate()
        .map(|(i, p)| SimItem::for_variant(&order_id, i as u32 + 1, p, &p.variants[0], 1))
        .collect();
    SimOrder {
        shop_no: 1,
        order_id,
        currency: "KRW".into(),
        order_date: paid,
        payment_date: Some(paid),
        paid: true,
        canceled: false,
        member_id: None,
        billing_name: "김민준".into(),
        shipping_fee: 0,
        order_place_id: "cafe24".into(),
        items,
        receivers: vec![SimReceiver {
            name: "김민준".into(),
            phone: "010-1234-5678".into(),
            cellphone: "010-1234-5678".into(),
            zipcode: "04066".into(),
            address1: "서울특별시 마포구 와우산로29바길 12".into(),
            address2: "101호".into(),
            ..SimReceiver::default()
        }],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn allocate_split_and_stock_from_the_command_line() {
    let sim = Cafe24Sim::start(
        SimConfig::default(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    let cat = vec![
        product(1, "스테인리스 텀블러", 1),
        product(2, "코튼 티셔츠", 1),
        product(3, "캔버스 에코백", 0),
    ];
    sim.set_catalogue(cat.clone());
    sim.add_orders(vec![order(&cat)]);
    let st = Station {
        dir: tempfile::tempdir().unwrap(),
    };
    let code = sim.issue_code(REDIRECT);
    let base = sim.base_url().to_string();
    st.ok(&[
        "connect",
        "cafe24",
        "--mall-id",
        "demoshop",
        "--client-id",
        "demo-client",
        "--client-secret",
        "demo-secret",
        "--api-base",
        &base,
        "--code",
        &code,
        "--redirect-uri",
        REDIRECT,
    ]);
    st.ok(&["collect"]);

    let back = st.json(&["allocate", "backorders", "--json"]);
    let back = back.as_array().unwrap();
    assert_eq!(back.len(), 1);
    // The 처리필요 counts say the same as the lists they count.
    let counts = st.json(&["pipeline", "--json"]);
    assert_eq!(counts["allocate"], 1, "{counts}");
    let total: u64 = [
        "matching", "merge", "allocate", "invoice", "ship", "mismatch", "claims", "returns",
    ]
    .iter()
    .map(|k| counts[*k].as_u64().unwrap())
    .sum();
    assert_eq!(counts["total"].as_u64().unwrap(), total, "{counts}");
    assert!(st.ok(&["pipeline"]).contains("할당 allocate (재고부족)"));
    let short: Vec<&Value> = back[0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["short"].as_bool().unwrap())
        .collect();
    assert_eq!(short.len(), 1);
    assert_eq!(short[0]["product_name"], "캔버스 에코백");
    assert_eq!(short[0]["needs"][0]["available"], 0);

    let report = st.json(&[
        "allocate",
        "--policy",
        "partial",
        "--priority",
        "amount",
        "--json",
    ]);
    assert_eq!(report["policy"]["order"], "partial");
    assert_eq!(report["policy"]["priority"], "amount");
    assert_eq!(report["backorder"], 1);
    assert_eq!(report["partial"], 1);
    let text = st.ok(&["allocate"]);
    assert!(text.contains("재할당 완료 / re-allocated"), "{text}");
    let bad = st.fails(&["allocate", "--policy", "greedy"]);
    assert!(bad.contains("greedy"), "{bad}");

    let no = back[0]["no"].as_u64().unwrap().to_string();
    let split = st.json(&["allocate", "split", &no, "--json"]);
    assert_eq!(split[0]["stage"], "ready");
    assert_eq!(split[0]["new_stage"], "backorder");
    assert_eq!(split[0]["moved_lines"], 1);
    let err = st.fails(&["allocate", "split", &no]);
    assert!(
        err.contains("ALLOCATION_NOT_SPLITTABLE") || err.contains("나눌 수 없습니다"),
        "{err}"
    );
    let none = st.json(&["allocate", "split", "--all", "--json"]);
    assert_eq!(none.as_array().unwrap().len(), 0, "nothing left to split");

    let stock = st.json(&["stock", "list", "--json"]);
    let bag = stock
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["product_name"] == "캔버스 에코백")
        .unwrap()
        .clone();
    let sku = bag["sku"].as_str().unwrap().to_string();
    assert_eq!(bag["on_hand"], 0);
    let set = st.ok(&["stock", "set", &sku, "3", "--reason", "입고"]);
    assert!(set.contains("재고 on hand 3"), "{set}");
    assert!(
        set.contains("할당 allocated 1"),
        "the waiting parcel took one: {set}"
    );
    let ledger = st.json(&["stock", "ledger", &sku, "--json"]);
    let kinds: Vec<&str> = ledger
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(&kinds[..2], &["allocate", "adjust"], "newest first");
    assert!(
        st.json(&["allocate", "backorders", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    st.fails(&["stock", "set", "NO-SUCH-SKU", "1"]);
}
