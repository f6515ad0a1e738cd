//! `packdesk fee` through the real binary: hand-computed fees from the shipped tables, and a
//! refused parcel exiting 1 with its error code.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::process::{Command, Output};

use serde_json::Value;

/// Runs `packdesk fee …` with an empty data dir, so nothing can come from a station database.
fn fee(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_packdesk"))
        .arg("fee")
        .args(args)
        .env("PACKDESK_DATA_DIR", dir.path())
        .env_remove("PACKDESK_DB")
        .output()
        .unwrap();
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "fee must not create a database"
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn ems_to_japan_in_korean_and_english() {
    // EMS JP 1.25 kg: 27,500 (1.25 kg break) + 500 export declaration = 28,000 KRW.
    let out = fee(&["--to", "JP", "--weight", "1.25kg"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}\n{}", stderr(&out));
    assert!(
        text.contains("운송료 (1.25 kg 구간) / freight (1.25 kg break): 27,500 KRW"),
        "{text}"
    );
    assert!(
        text.contains("수출신고 수수료 / export declaration fee: 500 KRW"),
        "{text}"
    );
    assert!(text.contains("합계 / total: 28,000 KRW"), "{text}");
    assert!(text.contains("historical"), "{text}");
    assert!(text.contains("과거 요금표"), "{text}");
}

#[test]
fn express_json_with_volumetric_weight_and_shop_currency() {
    // 30×20×10 cm / 5000 = 1.2 kg > 0.8 kg → 1.5 kg: 42,000 + 20 % 8,400 + 500 = 50,900 KRW;
    // at 1,000 KRW/USD = USD 50.90.
    let out = fee(&[
        "--to",
        "JP",
        "--weight",
        "800g",
        "--dims",
        "30x20x10cm",
        "--service",
        "express",
        "--currency",
        "USD",
        "--rate",
        "1000",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["status"], "synthetic");
    assert_eq!(v["volumetric_g"], 1200);
    assert_eq!(v["chargeable_g"], 1500);
    let krw: Vec<u64> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["krw"].as_u64().unwrap())
        .collect();
    assert_eq!(krw, [42_000, 8_400, 500]);
    assert_eq!(v["total_krw"], 50_900);
    assert_eq!(v["shop_currency"]["total_minor"], 5_090);
    assert_eq!(v["shop_currency"]["total"], "USD 50.90");
}

#[test]
fn an_over_limit_parcel_is_refused_with_exit_code_1() {
    let out = fee(&["--to", "JP", "--weight", "2.001kg", "--service", "kpacket"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("[FEE_OVER_WEIGHT]"), "{err}");
    assert!(err.contains("2 kg"), "{err}");
    assert!(err.contains("한도"), "{err}");
    assert!(stdout(&out).is_empty());

    // L+W+H 91 cm for K-Packet.
    let out = fee(&[
        "--to",
        "JP",
        "--weight",
        "500g",
        "--dims",
        "60x21x10",
        "--service",
        "kpacket",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[FEE_OVER_SIZE]"), "{}", stderr(&out));
}

#[test]
fn bad_input_is_refused() {
    let out = fee(&["--to", "JP", "--weight", "heavy"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[INVALID_INPUT]"));
    let out = fee(&["--to", "JP", "--weight", "1kg", "--service", "ups"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[FEE_UNKNOWN_SERVICE]"));
}
