//! `packdesk scale read` through the real binary against simulated scales on a pty: the protocol
//! detected by probing, one stable weight printed, and clear errors for a wrong port or protocol.
#![cfg(unix)]
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::process::{Command, Output};
use std::time::Duration;

use packdesk_sim::scale::{SimScaleProtocol, VirtualScale};
use serde_json::Value;

fn scale_read(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_packdesk"))
        .args(["scale", "read"])
        .args(args)
        .env("PACKDESK_DATA_DIR", dir.path())
        .env_remove("PACKDESK_DB")
        .output()
        .unwrap()
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_streaming_cas_scale_is_detected_and_weighed() {
    let scale = VirtualScale::start(SimScaleProtocol::Cas22, Duration::from_millis(50)).unwrap();
    scale.set_weight(1250);
    let port = scale.port_path();
    let v = json_of(&scale_read(&["--port", &port, "--json", "--timeout", "20"]));
    assert_eq!(v["grams"], 1250);
    assert_eq!(v["protocol"], "cas22");
    assert_eq!(v["settings"], "9600 8N1");
}

#[test]
fn a_polled_mt_sics_balance_is_detected_by_its_answer() {
    let scale = VirtualScale::start(SimScaleProtocol::MtSics, Duration::from_millis(50)).unwrap();
    scale.set_weight(830);
    let port = scale.port_path();
    let v = json_of(&scale_read(&["--port", &port, "--json", "--timeout", "20"]));
    assert_eq!(v["grams"], 830);
    assert_eq!(v["protocol"], "mtsics");
}

#[test]
fn a_named_protocol_skips_detection() {
    let scale =
        VirtualScale::start(SimScaleProtocol::Toledo8217, Duration::from_millis(50)).unwrap();
    scale.set_weight(2040);
    let port = scale.port_path();
    let v = json_of(&scale_read(&[
        "--port",
        &port,
        "--protocol",
        "toledo",
        "--json",
        "--timeout",
        "20",
    ]));
    assert_eq!(v["grams"], 2040);
    assert_eq!(v["protocol"], "toledo");
}

#[test]
fn an_empty_scale_gives_no_weight_and_says_why() {
    // Zero is never a parcel's weight: the command waits, then reports it found none.
    let scale = VirtualScale::start(SimScaleProtocol::Cas22, Duration::from_millis(50)).unwrap();
    let port = scale.port_path();
    let out = scale_read(&["--port", &port, "--protocol", "cas22", "--timeout", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SCALE_NO_STABLE_WEIGHT"), "{err}");
    assert!(err.contains("안정된 무게"), "{err}");
}

#[test]
fn a_missing_port_and_an_unknown_protocol_are_refused() {
    let out = scale_read(&[
        "--port",
        "/dev/packdesk-no-such-port",
        "--protocol",
        "cas22",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SCALE_"), "{err}");

    let out = scale_read(&["--port", "/dev/null", "--protocol", "nonsense"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("INVALID_INPUT") && err.contains("mtsics"),
        "{err}"
    );
}
