//! `packdesk print` through the binary against the simulated shop and the virtual TCP printer:
//! a range, a reprint refused without a reason and renumbered under the "new" policy, a job
//! paused by the printer going offline and resumed, the jobs list, a test label.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

#[path = "support/cli_station.rs"]
mod cli_station;

use cli_station::{CliStation, REDIRECT, loopback};
use std::path::Path;

use std::time::Duration;

use chrono::Utc;
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders_between};
use packdesk_sim::printer::VirtualPrinter;

struct Station {
    dir: tempfile::TempDir,
}

impl CliStation for Station {
    fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Station {
    fn ready(&self, n: usize) -> Vec<String> {
        let rows = self.json(&["orders", "--json"]);
        let nos: Vec<String> = rows
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["stage"] == "ready")
            .map(|p| p["no"].to_string())
            .take(n)
            .collect();
        assert_eq!(nos.len(), n);
        nos
    }

    fn tracking(&self, no: &str) -> String {
        let rows = self.json(&["orders", "--json"]);
        let i: usize = no.parse().unwrap();
        rows[i - 1]["tracking_no"].as_str().unwrap().to_string()
    }
}

async fn station(printer: &VirtualPrinter) -> (Station, Cafe24Sim) {
    let sim = Cafe24Sim::start(SimConfig::default(), loopback())
        .await
        .unwrap();
    let now = Utc::now();
    sim.set_catalogue(demo_catalogue(7));
    sim.add_orders(demo_orders_between(
        7,
        now - chrono::Duration::hours(5),
        now - chrono::Duration::minutes(15),
        30,
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
async fn print_reprint_pause_resume_and_test_through_the_cli() {
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let (st, _sim) = station(&printer).await;
    let nos = st.ready(4);

    let out = st.ok(&["print", &nos[0]]);
    assert!(out.contains("printed 1"), "{out}");
    let old = st.tracking(&nos[0]);

    // A reprint needs a reason; with the "new" policy it gets a new number.
    let err = st.fails(&["print", &nos[0]]);
    assert!(
        err.contains("PRINT_REASON_REQUIRED") && err.contains("--reason"),
        "{err}"
    );
    assert!(st.ok(&["print", "policy"]).contains("same"));
    assert!(st.ok(&["print", "policy", "new"]).contains("new"));
    let out = st.ok(&["print", &nos[0], "--reason", "라벨 훼손"]);
    assert!(out.contains("renumbered") && out.contains(&old), "{out}");
    let new = st.tracking(&nos[0]);
    assert_ne!(new, old);
    let audit = st.json(&["print", "audit", "--json"]);
    assert_eq!(audit[0]["tracking_no_old"], old.as_str());
    assert_eq!(audit[0]["tracking_no_new"], new.as_str());
    assert_eq!(audit[0]["reason"], "라벨 훼손");

    // The printer goes off after one more label: the job pauses and says how to resume.
    printer.set_offline_after_labels(Some(1));
    let range = format!("{}, {}, {}", nos[1], nos[2], nos[3]);
    let err = st.fails(&["print", &range]);
    assert!(
        err.contains("PRINT_PAUSED") && err.contains("PRINTER_OFFLINE"),
        "{err}"
    );
    assert!(err.contains("packdesk print resume"), "{err}");
    let jobs = st.json(&["print", "jobs", "--json"]);
    assert_eq!(jobs[0]["status"], "paused");
    assert_eq!(
        (jobs[0]["printed"].as_u64(), jobs[0]["pending"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(jobs[0]["paused"]["code"], "PRINTER_OFFLINE");
    let job = jobs[0]["job_id"].to_string();

    printer.set_offline(false);
    let out = st.ok(&["print", "resume", &job]);
    assert!(out.contains("printed 2"), "{out}");
    let jobs = st.json(&["print", "jobs", "--json"]);
    assert_eq!(jobs[0]["status"], "done");
    assert_eq!(
        printer
            .wait_for_labels(5, Duration::from_secs(10))
            .await
            .unwrap()
            .len(),
        5
    );

    let out = st.ok(&["print", "test"]);
    assert!(out.contains("test label"), "{out}");
    let labels = printer
        .wait_for_labels(6, Duration::from_secs(10))
        .await
        .unwrap();
    assert!(labels[5].has_text("TEST"));

    // The old `invoice print` spelling still prints.
    let out = st.ok(&["invoice", "print", "--range", &nos[1], "--reason", "재발행"]);
    assert!(out.contains("printed 1"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paperwork_and_its_facts_through_the_cli() {
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let (st, _sim) = station(&printer).await;
    let nos = st.ready(2);
    let range = nos.join(",");

    // A SKU's location and customs facts: set, normalised, read back; bad ones refused in Korean.
    let sku = demo_catalogue(7)[0].variants[0].variant_code.clone();
    let facts = st.json(&[
        "product",
        "facts",
        &sku,
        "--location",
        "B-02-1",
        "--hs",
        "610910",
        "--json",
    ]);
    assert_eq!(facts["location"], "B-02-1");
    assert_eq!(facts["hs_code"], "6109.10");
    let err = st.fails(&["product", "facts", &sku, "--origin", "KOREA"]);
    assert!(
        err.contains("BAD_PRODUCT_FACT") || err.contains("국가 코드"),
        "{err}"
    );
    let err = st.fails(&["product", "facts", "NO-SUCH-SKU"]);
    assert!(err.contains("UNKNOWN_SKU") || err.contains("SKU"), "{err}");

    let docs = st.json(&["print", "docs", "--business-no", "123-45-67890", "--json"]);
    assert_eq!(docs["business_no"], "123-45-67890");
    let err = st.fails(&["print", "docs", "--name-source", "nickname"]);
    assert!(err.contains("name, english, supplier, model"), "{err}");

    // Packing slips take no number; a pick list is one label for the whole range.
    let out = st.ok(&["print", &range, "--document", "packing-slip"]);
    assert!(out.contains("printed 2"), "{out}");
    let out = st.ok(&["print", &range, "--document", "pick-list"]);
    assert!(out.contains("printed 2"), "{out}");
    let labels = printer
        .wait_for_labels(3, Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(labels.len(), 3, "two slips and one pick list");
    assert!(
        labels[..2]
            .iter()
            .all(|l| l.barcodes.iter().any(|b| b.data.starts_with('P')))
    );
    let rows = st.json(&["orders", "--json"]);
    for no in &nos {
        let i: usize = no.parse().unwrap();
        assert_eq!(rows[i - 1]["stage"], "ready", "row {no} untouched");
        assert!(rows[i - 1]["tracking_no"].is_null());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_review_and_lock_through_the_cli() {
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let (st, _sim) = station(&printer).await;
    let review = st.json(&["merge", "review", "--json"]);
    assert!(review.is_array());
    let err = st.fails(&["merge", "decide", "12345", "--merge"]);
    assert!(err.contains("UNKNOWN_MERGE_REVIEW"), "{err}");
    let err = st.fails(&["merge", "decide", "1"]);
    assert!(
        err.contains("--merge") || err.contains("--keep-apart"),
        "{err}"
    );
    let rows = st.json(&["orders", "--json"]);
    let order = rows[0]["order_ids"][0].as_str().unwrap().to_string();
    let out = st.ok(&["merge", "lock", &order]);
    assert!(out.contains("never merged"), "{out}");
    let err = st.fails(&["merge", "lock", "20990101-0000000"]);
    assert!(
        err.contains("UNKNOWN_ORDER") && err.contains("주문"),
        "{err}"
    );
}
