//! `packdesk ship` through the binary against the simulated shop: ship a range of printed rows
//! with per-row results, a claimed parcel on the claims list and refused at the scan, the mismatch
//! view after the shop lost a shipment and its fix, and `packdesk merge options`.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

#[path = "support/cli_station.rs"]
mod cli_station;

use cli_station::{CliStation, REDIRECT, loopback};
use std::path::Path;

use std::time::Duration;

use chrono::Utc;
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders_between};
use packdesk_sim::printer::VirtualPrinter;
use serde_json::Value;

struct Station {
    dir: tempfile::TempDir,
}

impl CliStation for Station {
    fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Station {
    fn row(&self, no: usize) -> Value {
        self.json(&["orders", "--json"])[no - 1].clone()
    }
}

async fn station(printer: &VirtualPrinter) -> (Station, Cafe24Sim) {
    let sim = Cafe24Sim::start(SimConfig::default(), loopback())
        .await
        .unwrap();
    let now = Utc::now();
    sim.set_catalogue(demo_catalogue(7));
    sim.add_orders(demo_orders_between(
        17,
        now - chrono::Duration::hours(5),
        now - chrono::Duration::minutes(15),
        6,
    ));
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
    st.ok(&[
        "invoice",
        "pool",
        "add",
        "--carrier",
        "cj",
        "--first",
        "601234560001",
        "--count",
        "50",
    ]);
    st.ok(&["printer", "set", &printer.uri()]);
    st.ok(&["collect"]);
    (st, sim)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ship_a_range_claims_and_mismatches_through_the_cli() {
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let (st, sim) = station(&printer).await;
    let rows = st.json(&["orders", "--json"]);
    let ready: Vec<usize> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["stage"] == "ready")
        .map(|p| p["no"].as_u64().unwrap() as usize)
        .collect();
    assert!(ready.len() >= 4, "{rows}");
    let (a, b, c, d) = (ready[0], ready[1], ready[2], ready[3]);
    st.ok(&["print", &format!("{a},{b},{c}")]);
    printer
        .wait_for_labels(3, Duration::from_secs(10))
        .await
        .unwrap();

    // Row c's order is cancelled after printing: on the claims list, refused at the scan.
    let victim = st.row(c)["order_ids"][0].as_str().unwrap().to_string();
    assert!(sim.cancel_order(&victim));
    st.ok(&["collect"]);
    let claims = st.json(&["ship", "claims", "--json"]);
    let listed = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["no"].as_u64() == Some(c as u64))
        .unwrap_or_else(|| panic!("{claims}"))
        .clone();
    assert_eq!(listed["printed"], true);
    assert_eq!(listed["partly"], false);
    let text = st.ok(&["ship", "claims"]);
    assert!(
        text.contains("출고 금지") && text.contains(&victim),
        "{text}"
    );

    // Ship selected: a and b ship, c is refused as a claim, d has no label.
    let report = st.json(&["ship", "--range", &format!("{a}-{b}, {c}, {d}"), "--json"]);
    assert_eq!(report["shipped"], 2, "{report}");
    assert_eq!(report["refused"], 2);
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows[2]["error"]["code"], "SCAN_CLAIMED");
    assert_eq!(rows[3]["error"]["code"], "NOT_PRINTED");
    assert!(rows[0]["shipped"]["tracking_no"].is_string());
    let text = st.ok(&["ship", "--range", &a.to_string()]);
    assert!(text.contains("SCAN_ALREADY_SHIPPED"), "{text}");
    let err = st.fails(&["ship", "--scan", st.row(c)["tracking_no"].as_str().unwrap()]);
    assert!(err.contains("SCAN_CLAIMED"), "{err}");
    st.ok(&["sync"]);

    // The shop lost row a's shipment (back to 배송준비중): the view re-reads and shows it.
    let order_a = st.row(a)["order_ids"][0].as_str().unwrap().to_string();
    for i in sim.order(&order_a).unwrap().items {
        assert!(sim.claim_item(&order_a, i.item_no, "N20"));
    }
    let list = st.json(&["ship", "mismatches", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["order_id"], order_a.as_str());
    assert_eq!(list[0]["kind"], "push_not_applied");
    assert_eq!(list[0]["fix"], "requeue_push");
    let id = list[0]["id"].to_string();
    let err = st.fails(&["ship", "fix", &id, "--action", "mark-shipped"]);
    assert!(err.contains("MISMATCH_FIX_NOT_APPLICABLE"), "{err}");
    let out = st.ok(&["ship", "fix", &id]);
    assert!(
        out.contains("requeue_push") && out.contains("queued 1"),
        "{out}"
    );
    st.ok(&["sync"]);
    let after = st.ok(&["ship", "mismatches"]);
    assert!(after.contains("no mismatches"), "{after}");
    let err = st.fails(&["ship", "fix", &id]);
    assert!(err.contains("UNKNOWN_MISMATCH"), "{err}");
    assert!(st.fails(&["ship"]).contains("--scan"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_options_are_shown_and_set_through_the_cli() {
    let st = Station {
        dir: tempfile::tempdir().unwrap(),
    };
    let shown = st.json(&["merge", "options", "--json"]);
    assert_eq!(shown["domestic_only"], false);
    assert_eq!(shown["per_seller"], false);
    let set = st.json(&[
        "merge",
        "options",
        "--domestic-only",
        "on",
        "--per-seller",
        "on",
        "--json",
    ]);
    assert_eq!(set["domestic_only"], true);
    assert_eq!(set["per_seller"], true);
    let text = st.ok(&["merge", "options", "--per-seller", "off"]);
    assert!(
        text.contains("domestic only: on") && text.contains("per seller: off"),
        "{text}"
    );
    assert!(
        !st.run(&["merge", "options", "--per-seller", "maybe"])
            .status
            .success()
    );
}
