//! `packdesk scale read`: one stable weight from a serial scale — the protocol detected by probing
//! (or named), only a settled reading accepted, zero and negative ignored. Runs without a station
//! database, like a scale test at the bench.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use packdesk_devices::scale::{
    Detected, Indication, LineSettings, Parity, Protocol, ScaleError, ScaleReader, StableWeigher,
    detect,
};
use serde_json::json;

#[derive(Args)]
pub struct ScaleReadArgs {
    /// The scale's serial port (/dev/ttyUSB0, COM3, a pty)
    #[arg(long)]
    port: String,
    /// auto | cas22 | cas10 | cas-ecr | and | generic | toledo | mtsics | adam
    #[arg(long, default_value = "auto")]
    protocol: String,
    /// Seconds to wait for a stable, non-zero weight
    #[arg(long, default_value_t = 15)]
    timeout: u64,
    #[arg(long)]
    json: bool,
}

fn settings_text(s: &LineSettings) -> String {
    let parity = match s.parity {
        Parity::None => "N",
        Parity::Even => "E",
        Parity::Odd => "O",
    };
    let bits = match s.data_bits {
        packdesk_devices::scale::DataBits::Seven => 7,
        packdesk_devices::scale::DataBits::Eight => 8,
    };
    format!("{} {bits}{parity}1", s.baud)
}

fn fail(code: &str, ko: &str, en: &str) -> ExitCode {
    eprintln!("오류 [{code}]: {ko}");
    eprintln!("error [{code}]: {en}");
    ExitCode::from(1)
}

fn scale_fail(e: &ScaleError) -> ExitCode {
    fail(e.code(), &e.message_ko(), &e.to_string())
}

pub async fn read(args: &ScaleReadArgs) -> ExitCode {
    let protocol: Protocol = match args.protocol.parse() {
        Ok(p) => p,
        Err(_) => {
            let known: Vec<&str> = Protocol::ALL.iter().map(|p| p.id()).collect();
            return fail(
                "INVALID_INPUT",
                &format!(
                    "알 수 없는 저울 프로토콜 {:?}: {} 중 하나를 쓰세요",
                    args.protocol,
                    known.join(", ")
                ),
                &format!(
                    "unknown scale protocol {:?}: use one of {}",
                    args.protocol,
                    known.join(", ")
                ),
            );
        }
    };
    // Auto: probe the port (streaming frame shapes first, then the request commands).
    let detected = if protocol == Protocol::Auto {
        match detect(&args.port) {
            Ok(d) => d,
            Err(e) => return scale_fail(&e),
        }
    } else {
        Detected {
            protocol,
            settings: protocol.line_settings(),
            sample: None,
        }
    };
    let reader = match ScaleReader::open_with(&args.port, detected.settings, detected.protocol) {
        Ok(r) => r,
        Err(e) => return scale_fail(&e),
    };
    let mut weigher = StableWeigher::new(detected.protocol);
    let mut status = reader.subscribe();
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    let mut last_indication = None;
    let weight = loop {
        let now = status.borrow_and_update().clone();
        if let Some(r) = &now.reading {
            last_indication = Some(Indication::of(&Ok(*r)));
            if let Some(grams) = weigher.feed(r) {
                break Some(grams);
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break None;
        }
        // The reader thread publishes on a watch channel; wait for its next change.
        match tokio::time::timeout(left, status.changed()).await {
            Ok(Ok(())) => {}
            _ => break None,
        }
    };
    reader.close();
    let protocol_text = format!(
        "{} ({}, {})",
        detected.protocol.label(),
        detected.protocol.id(),
        settings_text(&detected.settings)
    );
    let Some(grams) = weight else {
        let seen = last_indication.map(Indication::id).unwrap_or("no reading");
        return fail(
            "SCALE_NO_STABLE_WEIGHT",
            &format!(
                "{}초 안에 안정된 무게를 읽지 못했습니다 (마지막 상태: {seen}, {protocol_text}). 물건을 올리고 흔들림이 멈추면 다시 시도하세요",
                args.timeout
            ),
            &format!(
                "no stable, non-zero weight within {} s (last state: {seen}; {protocol_text})",
                args.timeout
            ),
        );
    };
    if args.json {
        println!(
            "{}",
            json!({
                "grams": grams,
                "protocol": detected.protocol.id(),
                "settings": settings_text(&detected.settings),
                "port": args.port,
            })
        );
    } else {
        println!(
            "무게 / weight: {:.3} kg ({grams} g) — 안정 stable",
            grams as f64 / 1000.0
        );
        println!("저울 / scale: {protocol_text} on {}", args.port);
    }
    ExitCode::SUCCESS
}
