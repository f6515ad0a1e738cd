//! `packdesk orders add|template|import|batches|delete-batch` and `packdesk returns` through the
//! binary on a fresh station: a hand order, refusals with their codes in Korean and English, an
//! order file previewed (a bad row in the middle stores nothing), applied as a batch, listed and
//! deleted.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

#[path = "support/cli_station.rs"]
mod cli_station;

use cli_station::CliStation;
use std::path::Path;

use std::path::PathBuf;

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
    fn new() -> Station {
        Station {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn csv(&self, name: &str, rows: &[&str]) -> String {
        let path = self.path(name);
        let mut text = "주문번호,수령인,휴대전화,우편번호,주소,상품명,옵션,수량\n".to_string();
        for r in rows {
            text.push_str(r);
            text.push('\n');
        }
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

#[test]
fn a_hand_order_is_registered_and_a_bad_one_refused() {
    let s = Station::new();
    let r = s.json(&[
        "orders",
        "add",
        "--channel",
        "전화주문",
        "--name",
        "홍길동",
        "--mobile",
        "010-1234-5678",
        "--zipcode",
        "06236",
        "--address",
        "서울 강남구 테헤란로 1",
        "--item",
        "티셔츠|L|2",
        "--item",
        "양말||1",
        "--json",
    ]);
    let order_id = r["order_id"].as_str().unwrap().to_string();
    assert!(order_id.starts_with('M'), "{r}");
    assert_eq!(r["channel"], "전화주문");
    assert_eq!(r["stage"], "unmatched", "no SKU given: waits in 매칭");
    // The working list shows it.
    let list = s.json(&["orders", "--json"]);
    assert!(list.to_string().contains(&order_id), "{list}");

    let err = s.fails(&[
        "orders",
        "add",
        "--channel",
        "전화주문",
        "--name",
        "홍길동",
        "--mobile",
        "010-1234-5678",
        "--zipcode",
        "123",
        "--address",
        "서울",
        "--item",
        "티셔츠|L|0",
    ]);
    assert!(err.contains("ORDER_INVALID"), "{err}");
    assert!(err.contains("우편번호"), "{err}");
    assert!(err.contains("quantity 0"), "{err}");
    let err = s.fails(&[
        "orders",
        "add",
        "--channel",
        "전화주문",
        "--name",
        "홍길동",
        "--mobile",
        "010-1234-5678",
        "--zipcode",
        "06236",
        "--address",
        "서울",
        "--item",
        "티셔츠",
    ]);
    assert!(err.contains("INVALID_INPUT"), "{err}");
}

#[test]
fn an_order_file_is_previewed_applied_as_a_batch_and_deleted() {
    let s = Station::new();
    let template = s.path("양식.xlsx");
    s.ok(&["orders", "template", template.to_str().unwrap()]);
    assert!(std::fs::metadata(&template).unwrap().len() > 0);

    let bad = s.csv(
        "bad.csv",
        &[
            "A-1,정하늘,010-1111-2222,13487,경기 성남시 판교로 2,후드티,블랙,1",
            "A-2,오바다,010-3333-4444,1348,경기 성남시 판교로 3,모자,,1",
            "A-3,유구름,010-5555-6666,13487,경기 성남시 판교로 4,컵,,2",
        ],
    );
    let out = s.ok(&["orders", "import", &bad, "--channel", "쿠팡"]);
    assert!(out.contains("3행 [POSTCODE_BAD]"), "{out}");
    assert!(!out.contains("2행 ["), "{out}");
    let err = s.fails(&["orders", "import", &bad, "--channel", "쿠팡", "--apply"]);
    assert!(err.contains("ORDER_FILE_INVALID"), "{err}");
    assert_eq!(
        s.json(&["orders", "batches", "--json"]),
        Value::Array(vec![])
    );

    let good = s.csv(
        "good.csv",
        &[
            "A-1,정하늘,010-1111-2222,13487,경기 성남시 판교로 2,후드티,블랙,1",
            "A-1,정하늘,010-1111-2222,13487,경기 성남시 판교로 2,양말,,3",
            "A-3,유구름,010-5555-6666,13487,경기 성남시 판교로 4,컵,,2",
        ],
    );
    let preview = s.json(&["orders", "import", &good, "--channel", "쿠팡", "--json"]);
    assert_eq!(preview["preview"]["can_apply"], true, "{preview}");
    assert_eq!(preview["batch"], Value::Null);
    let applied = s.json(&[
        "orders",
        "import",
        &good,
        "--channel",
        "쿠팡",
        "--apply",
        "--json",
    ]);
    let batch = &applied["batch"];
    assert_eq!(batch["orders"], 2);
    assert_eq!(batch["lines"], 3);
    let id = batch["id"].as_i64().unwrap().to_string();
    let batches = s.json(&["orders", "batches", "--json"]);
    assert_eq!(batches.as_array().unwrap().len(), 1);
    // The same file again: its order ids are taken now.
    let err = s.fails(&["orders", "import", &good, "--channel", "쿠팡", "--apply"]);
    assert!(err.contains("ORDER_FILE_INVALID"), "{err}");

    let out = s.ok(&["orders", "delete-batch", &id]);
    assert!(out.contains("2 orders"), "{out}");
    assert_eq!(
        s.json(&["orders", "batches", "--json"]),
        Value::Array(vec![])
    );
    let err = s.fails(&["orders", "delete-batch", &id]);
    assert!(err.contains("ORDER_BATCH_UNKNOWN"), "{err}");
}

#[test]
fn returns_of_unknown_parcels_and_bad_reasons_are_refused() {
    let s = Station::new();
    let err = s.fails(&[
        "returns",
        "receive",
        "601234560001",
        "--reason",
        "defect",
        "--restock",
    ]);
    assert!(err.contains("RETURN_UNKNOWN_PARCEL"), "{err}");
    let err = s.fails(&[
        "returns",
        "receive",
        "601234560001",
        "--reason",
        "bored",
        "--write-off",
    ]);
    assert!(err.contains("INVALID_INPUT"), "{err}");
    // Restock or write-off must be chosen.
    s.fails(&["returns", "receive", "601234560001", "--reason", "defect"]);
    assert_eq!(s.json(&["returns", "list", "--json"]), Value::Array(vec![]));
}
