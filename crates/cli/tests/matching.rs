//! `packdesk match …` through the binary against the simulated shop: the waiting list, the SKU
//! search, matching by name+option (remembered, so the next order with the options reordered
//! matches at collection), a mapping file previewed then applied, bundles, and refusals with
//! their codes in Korean and English.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

#[path = "support/cli_station.rs"]
mod cli_station;

use cli_station::{CliStation, REDIRECT};
use std::path::Path;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use chrono::{Duration, Utc};
use packdesk_sim::cafe24::{
    Cafe24Sim, SimConfig, SimItem, SimOrder, SimProduct, SimReceiver, demo_catalogue,
    demo_orders_between,
};

struct Station {
    dir: tempfile::TempDir,
    sim: Cafe24Sim,
    template: SimOrder,
    next: u32,
}

impl CliStation for Station {
    fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Station {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A paid order of one line without a 품목코드, to a receiver of its own.
    fn order(&mut self, name: &str, option: &str) -> String {
        self.next += 1;
        let n = self.next;
        let mut o = self.template.clone();
        let date = o.order_id.split('-').next().unwrap().to_string();
        o.order_id = format!("{date}-{:07}", 9_100_000 + n);
        let base = o.items[0].clone();
        o.items = vec![SimItem {
            item_no: 1,
            order_item_code: format!("{}-01", o.order_id),
            variant_code: String::new(),
            product_name: name.into(),
            option_value: option.into(),
            quantity: 1,
            option_type: None,
            claim: None,
            ..base
        }];
        o.receivers = vec![SimReceiver {
            name: format!("고객{n}"),
            cellphone: format!("010-7777-{n:04}"),
            zipcode: "06236".into(),
            address1: "서울특별시 강남구 테헤란로 152".into(),
            address2: format!("{n}호"),
            ..SimReceiver::default()
        }];
        let id = o.order_id.clone();
        self.sim.add_orders(vec![o]);
        id
    }

    fn stage_of(&self, order_id: &str) -> String {
        self.json(&["orders", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .find(|p| {
                p["order_ids"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|o| o.as_str() == Some(order_id))
            })
            .unwrap()["stage"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

async fn station() -> (Station, Vec<SimProduct>) {
    let sim = Cafe24Sim::start(
        SimConfig::default(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    let mut catalogue = demo_catalogue(7);
    for v in catalogue.iter_mut().flat_map(|p| p.variants.iter_mut()) {
        v.quantity = 30;
    }
    sim.set_catalogue(catalogue.clone());
    let now = Utc::now();
    let template = demo_orders_between(7, now - Duration::hours(3), now - Duration::hours(2), 1)
        .pop()
        .unwrap();
    let st = Station {
        dir: tempfile::tempdir().unwrap(),
        sim,
        template,
        next: 0,
    };
    let code = st.sim.issue_code(REDIRECT);
    let base = st.sim.base_url().to_string();
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
    (st, catalogue)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_list_set_search_mappings_import_and_bundles_through_the_cli() {
    let (mut st, catalogue) = station().await;
    let sku = catalogue[0].variants[0].variant_code.clone();
    let sku2 = catalogue[1].variants[0].variant_code.clone();
    let first = st.order("수기 원피스", "색상=네이비, 사이즈=M");
    let other = st.order("수기 가디건", "");
    st.ok(&["collect"]);
    assert_eq!(st.stage_of(&first), "unmatched");

    let groups = st.json(&["match", "list", "--json"]);
    let groups = groups.as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["product_name"], "수기 원피스");
    assert_eq!(groups[0]["lines"], 1);
    let text = st.ok(&["match", "list"]);
    assert!(text.contains("수기 원피스") && text.contains("색상=네이비, 사이즈=M"));

    let hits = st.json(&["match", "search", &sku, "--json"]);
    assert_eq!(hits[0]["sku"], sku.as_str());

    // By name and option, remembered: the next order with the options reordered needs nobody.
    let out = st.ok(&[
        "match",
        "set",
        "수기 원피스",
        &sku,
        "--option",
        "사이즈=M, 색상=네이비",
    ]);
    assert!(out.contains("remembered"), "{out}");
    assert_eq!(st.stage_of(&first), "ready");
    let next = st.order("수기  원피스", "사이즈=M,색상=네이비");
    st.ok(&["collect"]);
    assert_eq!(st.stage_of(&next), "ready");
    let mappings = st.json(&["match", "mappings", "--json"]);
    assert_eq!(mappings.as_array().unwrap().len(), 1);
    assert_eq!(mappings[0]["source"], "hand");

    // Unknown SKU: refused in both languages with its code; nothing changes.
    let err = st.fails(&["match", "set", "수기 가디건", "NO-SUCH-SKU"]);
    assert!(err.contains("UNKNOWN_SKU") && err.contains("오류"), "{err}");
    assert_eq!(st.stage_of(&other), "unmatched");

    // A mapping file: preview writes nothing, --apply writes the good row only.
    let file = st.path("mapping.csv");
    std::fs::write(
        &file,
        format!("상품명,옵션,SKU\n수기 가디건,,{sku2}\n없는 상품,,NO-SUCH-SKU\n"),
    )
    .unwrap();
    let preview = st.json(&["match", "import", file.to_str().unwrap(), "--json"]);
    assert_eq!(preview["applied"], false);
    assert_eq!(
        (preview["ok"].as_u64(), preview["failed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(preview["rows"][1]["outcome"], "UNKNOWN_SKU");
    assert_eq!(st.stage_of(&other), "unmatched");
    let text = st.ok(&["match", "import", file.to_str().unwrap()]);
    assert!(
        text.contains("UNKNOWN_SKU") && text.contains("nothing written"),
        "{text}"
    );
    let applied = st.json(&[
        "match",
        "import",
        file.to_str().unwrap(),
        "--apply",
        "--json",
    ]);
    assert_eq!(
        (
            applied["written"].as_u64(),
            applied["matched_lines"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(st.stage_of(&other), "ready");
    let mappings = st.json(&["match", "mappings", "--json"]);
    assert_eq!(mappings.as_array().unwrap().len(), 2);

    // Forget one.
    let id = mappings[0]["id"].as_i64().unwrap().to_string();
    st.ok(&["match", "forget", &id]);
    assert_eq!(
        st.json(&["match", "mappings", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let err = st.fails(&["match", "forget", &id]);
    assert!(err.contains("MAPPING_UNKNOWN"), "{err}");

    // Bundles.
    let sold = catalogue[2].variants[0].variant_code.clone();
    let comp = format!("{sku}:2");
    let comp2 = format!("{sku2}:1");
    st.ok(&[
        "match",
        "bundle",
        &sold,
        "--component",
        &comp,
        "--component",
        &comp2,
    ]);
    let bundles = st.json(&["match", "bundles", "--json"]);
    assert_eq!(bundles[0]["sku"], sold.as_str());
    assert_eq!(bundles[0]["components"].as_array().unwrap().len(), 2);
    assert_eq!(bundles[0]["components"][0]["count"], 2);
    let err = st.fails(&["match", "bundle", &sku, "--component", &format!("{sold}:1")]);
    assert!(err.contains("BUNDLE_NESTED"), "{err}");
    st.ok(&["match", "unbundle", &sold]);
    assert!(
        st.json(&["match", "bundles", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}
