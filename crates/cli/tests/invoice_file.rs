//! `packdesk invoice export|import|apply` through the binary against the simulated shop: export
//! the waiting parcels as XLSX and CSV, read a carrier's file back as a preview that changes
//! nothing, apply it (the bad row reported, the rest assigned), ship on scan; a malformed file
//! fails with its code in Korean and English.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

#[path = "support/cli_station.rs"]
mod cli_station;

use cli_station::{CliStation, REDIRECT};
use std::path::Path;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use chrono::Utc;
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders_between};

struct Station {
    dir: tempfile::TempDir,
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

    /// (parcel_id, stage, tracking_no) of every row of the list.
    fn list(&self) -> Vec<(i64, String, Option<String>)> {
        self.json(&["orders", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["parcel_id"].as_i64().unwrap(),
                    p["stage"].as_str().unwrap().to_string(),
                    p["tracking_no"].as_str().map(str::to_string),
                )
            })
            .collect()
    }
}

async fn station() -> (Station, Cafe24Sim) {
    let sim = Cafe24Sim::start(
        SimConfig::default(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    let now = Utc::now();
    sim.set_catalogue(demo_catalogue(7));
    sim.add_orders(demo_orders_between(
        7,
        now - chrono::Duration::hours(5),
        now - chrono::Duration::minutes(15),
        20,
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
    st.ok(&["collect"]);
    (st, sim)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_preview_apply_and_ship_through_the_cli() {
    let (st, _sim) = station().await;
    let waiting: Vec<i64> = st
        .list()
        .into_iter()
        .filter(|(_, stage, _)| stage == "ready")
        .map(|(id, _, _)| id)
        .collect();
    assert!(waiting.len() >= 4, "the shop has parcels waiting");

    // XLSX and CSV exports of every waiting parcel.
    let xlsx = st.path("cj.xlsx");
    let out = st.ok(&[
        "invoice",
        "export",
        "--carrier",
        "cj",
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert!(out.contains(&format!("{}건", waiting.len())), "{out}");
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "a zip: XLSX"
    );
    let csv = st.path("cj.csv");
    let report = st.json(&[
        "invoice",
        "export",
        "--carrier",
        "cj",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(report["rows"].as_u64().unwrap() as usize, waiting.len());
    assert_eq!(report["layout"], "cj");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let codes: Vec<String> = waiting.iter().map(|id| format!("P{id:07}")).collect();
    for c in &codes {
        assert!(text.contains(c.as_str()), "{c} in the CSV");
    }

    // The carrier's file: numbers for the first four, the third one mistyped.
    let numbers = [
        "601234560001",
        "601234560002",
        "60123456000",
        "601234560004",
    ];
    let mut back = String::from("운송장번호,고객주문번호\n");
    for (n, c) in numbers.iter().zip(&codes) {
        back.push_str(&format!("{n},{c}\n"));
    }
    let file = st.path("return.csv");
    std::fs::write(&file, back).unwrap();

    let before = st.list();
    let out = st.ok(&["invoice", "import", file.to_str().unwrap()]);
    assert!(out.contains("BAD_NUMBER") && out.contains("apply"), "{out}");
    assert_eq!(st.list(), before, "a preview changes nothing");
    let preview = st.json(&["invoice", "import", file.to_str().unwrap(), "--json"]);
    assert_eq!(preview["assign"], 3);
    assert_eq!(preview["failed"], 1);
    assert_eq!(preview["rows"][2]["code"], "BAD_NUMBER");
    assert_eq!(preview["rows"][2]["row"], 4);
    assert_eq!(st.list(), before);

    // Applying the (second) preview by id.
    let id = preview["import_id"].as_i64().unwrap().to_string();
    let applied = st.json(&["invoice", "apply", &id, "--json"]);
    assert_eq!(applied["assigned"], 3);
    assert_eq!(applied["failed_rows"][0]["code"], "BAD_NUMBER");
    let err = st.fails(&["invoice", "apply", &id]);
    assert!(err.contains("CARRIER_IMPORT_NOT_PENDING"), "{err}");
    let after = st.list();
    for (i, id) in waiting.iter().take(4).enumerate() {
        let (_, stage, tracking) = after.iter().find(|(p, _, _)| p == id).unwrap();
        if i == 2 {
            assert_eq!((stage.as_str(), tracking.as_deref()), ("ready", None));
        } else {
            assert_eq!(
                (stage.as_str(), tracking.as_deref()),
                ("invoiced", Some(numbers[i]))
            );
        }
    }
    let shipped = st.ok(&["ship", "--scan", numbers[0]]);
    assert!(
        shipped.contains("shipped") && shipped.contains(numbers[0]),
        "{shipped}"
    );

    // Import and apply in one step; the rows already numbered are unchanged.
    let out = st.ok(&["invoice", "import", file.to_str().unwrap(), "--apply"]);
    assert!(out.contains("적용됨 / applied"), "{out}");
    assert!(
        out.contains("ALREADY_SHIPPED") && out.contains("BAD_NUMBER"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_file_fails_with_its_code_in_korean_and_english() {
    let (st, _sim) = station().await;
    let before = st.list();
    let junk = st.path("junk.xlsx");
    std::fs::write(&junk, [0u8, 159, 146, 150, 7, 0, 1, 2]).unwrap();
    let err = st.fails(&["invoice", "import", junk.to_str().unwrap(), "--apply"]);
    assert!(err.contains("CARRIER_FILE_NOT_SPREADSHEET"), "{err}");
    assert!(
        err.contains("오류") && err.contains("엑셀 파일이 아닙니다"),
        "{err}"
    );
    assert!(err.contains("is not a spreadsheet"), "{err}");

    let headers = st.path("headers.csv");
    std::fs::write(&headers, "받는분,주소\n홍길동,서울\n").unwrap();
    let err = st.fails(&["invoice", "import", headers.to_str().unwrap()]);
    assert!(err.contains("CARRIER_FILE_NO_NUMBER_COLUMN"), "{err}");
    assert_eq!(st.list(), before, "nothing changed");

    let err = st.fails(&[
        "invoice",
        "export",
        "--carrier",
        "cj",
        "--format",
        "xlsx",
        "--out",
        st.path("x.xlsx").to_str().unwrap(),
        "--range",
        "0-2",
    ]);
    assert!(err.contains("RANGE_INVALID"), "{err}");
}
