//! `packdesk scale read`: one stable weight from a serial scale — the protocol detected by probing
//! (or named) — or from a USB HID scale (`--port usb[:ID]`); only a settled reading accepted,
//! zero and negative ignored. `packdesk scale list`: the serial ports and USB devices attached.
//! Both run without a station database, like a scale test at the bench.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use packdesk_devices::discovery::{
    SerialPortInfo, UsbDeviceInfo, UsbId, list_serial_ports, list_usb_devices,
};
use packdesk_devices::scale::{
    Detected, Indication, LineSettings, Parity, Protocol, ScaleError, ScaleReader, StableWeigher,
    detect,
};
use serde_json::json;

#[derive(Args)]
pub struct ScaleReadArgs {
    /// The scale's serial port (/dev/ttyUSB0, COM3, a pty), or `usb` / a USB id from
    /// `packdesk scale list` (usb:VVVV:PPPP[:SERIAL]) for a USB HID scale
    #[arg(long)]
    port: String,
    /// Serial protocol: auto | cas (any CAS format) | and (any A&D format) | toledo | mtsics |
    /// cas22 | cas10 | cas-ecr | and-standard | generic | adam. USB scales need none.
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

/// What `--protocol` asks for: one protocol, or detection limited to a family (`cas`, `and`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProtocolChoice {
    One(Protocol),
    /// Probe the port and accept only one of these (`auto` accepts anything).
    Detect(&'static [Protocol]),
}

const CAS_FAMILY: &[Protocol] = &[Protocol::Cas22, Protocol::Cas10, Protocol::CasEcr];
/// A&D balances speak the standard format, A&D indicators the `ST,GS,` indicator format.
const AND_FAMILY: &[Protocol] = &[Protocol::AndStandard, Protocol::Generic];

/// The names the issue uses (`cas`, `and`, `toledo`, `mtsics`) plus every protocol id.
fn protocol_choice(text: &str) -> Option<ProtocolChoice> {
    let text = text.trim().to_ascii_lowercase();
    Some(match text.as_str() {
        "auto" => ProtocolChoice::Detect(&[]),
        "cas" => ProtocolChoice::Detect(CAS_FAMILY),
        "and" | "a&d" => ProtocolChoice::Detect(AND_FAMILY),
        "mt-sics" | "sics" => ProtocolChoice::One(Protocol::MtSics),
        "8217" | "toledo8217" => ProtocolChoice::One(Protocol::Toledo8217),
        other => ProtocolChoice::One(other.parse().ok()?),
    })
}

fn unknown_protocol(text: &str) -> ExitCode {
    let mut known = vec!["auto", "cas", "and"];
    known.extend(Protocol::ALL.iter().skip(1).map(|p| p.id()));
    fail(
        "INVALID_INPUT",
        &format!(
            "알 수 없는 저울 프로토콜 {text:?}: {} 중 하나를 쓰세요",
            known.join(", ")
        ),
        &format!(
            "unknown scale protocol {text:?}: use one of {}",
            known.join(", ")
        ),
    )
}

/// Opens the reader for `--port`: a USB HID scale, or a serial scale with its protocol
/// (detected, or as named). Returns the reader and, for serial scales, the protocol used.
fn open(args: &ScaleReadArgs) -> Result<(ScaleReader, Option<Detected>), ExitCode> {
    let Some(choice) = protocol_choice(&args.protocol) else {
        return Err(unknown_protocol(&args.protocol));
    };
    if UsbId::is_usb_id(&args.port) {
        if choice != ProtocolChoice::Detect(&[]) {
            return Err(fail(
                "INVALID_INPUT",
                "USB 저울은 프로토콜을 고르지 않습니다. --protocol 없이 실행하세요",
                "a USB HID scale has a single report format: leave out --protocol",
            ));
        }
        return ScaleReader::open_usb(&args.port)
            .map(|reader| (reader, None))
            .map_err(|e| scale_fail(&e));
    }
    let detected = match choice {
        ProtocolChoice::One(protocol) => Detected {
            protocol,
            settings: protocol.line_settings(),
            sample: None,
        },
        // Probe the port (streaming frame shapes first, then the request commands).
        ProtocolChoice::Detect(family) => {
            let detected = detect(&args.port).map_err(|e| scale_fail(&e))?;
            if !family.is_empty() && !family.contains(&detected.protocol) {
                let ids: Vec<&str> = family.iter().map(|p| p.id()).collect();
                return Err(fail(
                    "SCALE_NOT_DETECTED",
                    &format!(
                        "{}에서 {} 저울을 찾았지만 요청한 형식({})이 아닙니다. --protocol {}로 다시 실행하세요",
                        args.port,
                        detected.protocol.label(),
                        ids.join(", "),
                        detected.protocol.id()
                    ),
                    &format!(
                        "{} speaks {} ({}), not one of {}; run again with --protocol {}",
                        args.port,
                        detected.protocol.label(),
                        detected.protocol.id(),
                        ids.join(", "),
                        detected.protocol.id()
                    ),
                ));
            }
            detected
        }
    };
    ScaleReader::open_with(&args.port, detected.settings, detected.protocol)
        .map(|reader| (reader, Some(detected)))
        .map_err(|e| scale_fail(&e))
}

pub async fn read(args: &ScaleReadArgs) -> ExitCode {
    let (reader, detected) = match open(args) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    // USB HID reports carry the scale's own stability flag, like every serial protocol but CAS
    // 10-byte: `Auto` stands for "trust the flag".
    let weigher_protocol = detected.as_ref().map_or(Protocol::Auto, |d| d.protocol);
    let mut weigher = StableWeigher::new(weigher_protocol);
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
    let protocol_id = reader.protocol_id();
    reader.close();
    let protocol_text = match &detected {
        Some(d) => format!(
            "{} ({}, {})",
            d.protocol.label(),
            d.protocol.id(),
            settings_text(&d.settings)
        ),
        None => format!("USB HID POS scale ({protocol_id})"),
    };
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
                "protocol": protocol_id,
                "settings": detected.as_ref().map(|d| settings_text(&d.settings)),
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

#[derive(Args)]
pub struct ScaleListArgs {
    #[arg(long)]
    json: bool,
}

fn hex(id: Option<u16>) -> String {
    id.map_or_else(|| "----".to_owned(), |id| format!("{id:04x}"))
}

fn serial_json(p: &SerialPortInfo) -> serde_json::Value {
    json!({
        "path": p.path,
        "kind": p.kind.id(),
        "vid": p.vid,
        "pid": p.pid,
        "manufacturer": p.manufacturer,
        "product": p.product,
    })
}

fn usb_json(d: &UsbDeviceInfo) -> serde_json::Value {
    json!({
        "id": d.id,
        "vid": d.vid,
        "pid": d.pid,
        "manufacturer": d.manufacturer,
        "product": d.product,
        "class": d.class.id(),
    })
}

/// `packdesk scale list`: never fails; an empty list is an answer ("nothing attached").
pub fn list(args: &ScaleListArgs) -> ExitCode {
    let serial = list_serial_ports();
    let usb = list_usb_devices();
    if args.json {
        println!(
            "{}",
            json!({
                "serial": serial.iter().map(serial_json).collect::<Vec<_>>(),
                "usb": usb.iter().map(usb_json).collect::<Vec<_>>(),
            })
        );
        return ExitCode::SUCCESS;
    }
    println!("시리얼 포트 / serial ports:");
    if serial.is_empty() {
        println!(
            "  (없음 / none) — 경로를 직접 --port로 줄 수 있습니다 / any path can be given to --port"
        );
    }
    for p in &serial {
        let name = [p.manufacturer.as_deref(), p.product.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        println!(
            "  {:<24} {:<9} {}:{} {name}",
            p.path,
            p.kind.id(),
            hex(p.vid),
            hex(p.pid)
        );
    }
    println!("USB 장치 / USB devices:");
    if usb.is_empty() {
        println!("  (없음 / none)");
    }
    for d in &usb {
        let name = [d.manufacturer.as_deref(), d.product.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        println!("  {:<32} {:<9} {name}", d.id, d.class.id());
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_names_from_the_issue_and_every_id() {
        assert_eq!(protocol_choice("auto"), Some(ProtocolChoice::Detect(&[])));
        assert_eq!(
            protocol_choice("CAS"),
            Some(ProtocolChoice::Detect(CAS_FAMILY))
        );
        assert_eq!(
            protocol_choice("and"),
            Some(ProtocolChoice::Detect(AND_FAMILY))
        );
        assert_eq!(
            protocol_choice("toledo"),
            Some(ProtocolChoice::One(Protocol::Toledo8217))
        );
        assert_eq!(
            protocol_choice("mtsics"),
            Some(ProtocolChoice::One(Protocol::MtSics))
        );
        for p in Protocol::ALL.into_iter().skip(1) {
            assert_eq!(protocol_choice(p.id()), Some(ProtocolChoice::One(p)), "{p}");
        }
        assert_eq!(protocol_choice("dymo"), None);
    }
}
