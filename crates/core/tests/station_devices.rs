//! The station's scale and serial scanner, configured by setting, against the pty simulators:
//! the production readers, the desk's weight rule, and serial scans shipping parcels.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
#![cfg(unix)] // the simulators need pseudo-terminals

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use chrono::Utc;
use packdesk_core::secrets::FileSecrets;
use packdesk_core::{
    ConnectRequest, Desk, DeskOptions, DeviceLink, PrintRequest, ScanKind, SerialScanEvent, Stage,
    WeightReading,
};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, demo_catalogue, demo_orders};
use packdesk_sim::printer::VirtualPrinter;
use packdesk_sim::scale::{SimScaleProtocol, VirtualScale};
use packdesk_sim::scanner::{SimScannerSettings, SimSymbology, SimTerminator, VirtualScanner};
use tokio::sync::{broadcast, watch};

const REDIRECT: &str = "http://127.0.0.1:9/callback";
/// Generous: two shared CPU cores, and auto-detection listens for seconds.
const WAIT: Duration = Duration::from_secs(15);
/// A fast indicator, so settling takes tens of milliseconds.
const FRAME_EVERY: Duration = Duration::from_millis(20);

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

fn bare_desk(dir: &tempfile::TempDir) -> Desk {
    Desk::open(DeskOptions {
        db_path: dir.path().join("desk.sqlite"),
        secrets: Some(Box::new(FileSecrets::new(dir.path().join("secrets.json")))),
        clock: None,
    })
    .unwrap()
}

/// Waits until the live reading satisfies `want` (the feeder publishes after the weigher has
/// seen the same frame, so a weight is takeable once it shows here).
async fn reading_where(
    rx: &mut watch::Receiver<Option<WeightReading>>,
    what: &str,
    want: impl Fn(&WeightReading) -> bool,
) -> WeightReading {
    let found = tokio::time::timeout(WAIT, rx.wait_for(|r| r.as_ref().is_some_and(&want)))
        .await
        .map(|r| r.unwrap().clone());
    match found {
        Ok(reading) => reading.unwrap(),
        Err(_) => panic!("timed out waiting for {what}; last {:?}", *rx.borrow()),
    }
}

async fn stable(rx: &mut watch::Receiver<Option<WeightReading>>, grams: i64) {
    reading_where(rx, &format!("stable {grams} g"), |r| {
        r.state == "stable" && r.grams == grams
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_scale_gives_each_parcel_its_weight_once() {
    let dir = tempfile::tempdir().unwrap();
    let desk = bare_desk(&dir);
    assert!(desk.weight().is_none(), "no scale configured");
    assert_eq!(desk.scale_state().link, DeviceLink::NotConfigured);

    let scale = VirtualScale::start(SimScaleProtocol::Generic, FRAME_EVERY).unwrap();
    let mut weights = desk.weight_updates();
    let state = desk.set_scale(&scale.port_path(), "generic", None).unwrap();
    assert_eq!(state.link, DeviceLink::Connected);
    assert_eq!(state.protocol.as_deref(), Some("generic"));
    assert!(!state.detected);

    stable(&mut weights, 0).await;
    assert_eq!(desk.weight().unwrap().state, "stable");
    assert_eq!(
        desk.take_stable_weight(),
        None,
        "an empty platform is no weight"
    );

    scale.set_weight(1_500);
    stable(&mut weights, 1_500).await;
    assert_eq!(desk.weight().unwrap().grams, 1_500);
    assert_eq!(desk.take_stable_weight(), Some(1_500));
    assert_eq!(
        desk.take_stable_weight(),
        None,
        "the same parcel is not weighed twice"
    );

    // The next parcel put on without emptying the platform is not accepted...
    scale.set_weight(2_000);
    stable(&mut weights, 2_000).await;
    assert_eq!(desk.take_stable_weight(), None);
    // ...once the platform was seen empty, it is.
    scale.set_weight(0);
    stable(&mut weights, 0).await;
    scale.set_weight(800);
    stable(&mut weights, 800).await;
    assert_eq!(desk.take_stable_weight(), Some(800));

    // Motion, overload and garbage frames are never a weight.
    scale.set_weight(0);
    stable(&mut weights, 0).await;
    scale.set_motion(true);
    scale.set_weight(900);
    reading_where(&mut weights, "motion near 900 g", |r| {
        r.state == "motion" && (r.grams - 900).abs() <= 3
    })
    .await;
    assert_eq!(desk.take_stable_weight(), None, "in motion");
    scale.set_overload(true);
    reading_where(&mut weights, "overload", |r| r.state == "overload").await;
    assert_eq!(desk.take_stable_weight(), None, "overload");
    scale.inject_garbage(b"ST,GS,+00?1.2x4kg\r\n\x00\xff\xfe\r\n");
    scale.set_overload(false);
    scale.set_motion(false);
    scale.set_weight(0);
    stable(&mut weights, 0).await;
    assert_eq!(desk.take_stable_weight(), None);
    assert!(
        desk.scale_state().garbled > 0,
        "the garbage was seen and counted"
    );
    scale.set_weight(640);
    stable(&mut weights, 640).await;
    assert_eq!(desk.take_stable_weight(), Some(640));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unplugging_the_scale_reads_disconnected_and_replugging_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let desk = bare_desk(&dir);
    let scale = VirtualScale::start(SimScaleProtocol::Generic, FRAME_EVERY).unwrap();
    let mut weights = desk.weight_updates();
    let mut changes = desk.devices_changed();
    desk.set_scale(&scale.port_path(), "generic", None).unwrap();
    scale.set_weight(1_200);
    stable(&mut weights, 1_200).await;
    assert_eq!(desk.take_stable_weight(), Some(1_200));
    changes.mark_unchanged();

    scale.unplug();
    reading_where(&mut weights, "disconnected", |r| r.state == "disconnected").await;
    tokio::time::timeout(WAIT, changes.changed())
        .await
        .expect("devices-changed on unplug")
        .unwrap();
    assert_eq!(desk.scale_state().link, DeviceLink::Disconnected);
    assert!(desk.scale_state().message_ko.is_some());
    assert_eq!(desk.take_stable_weight(), None, "nothing stale is taken");

    scale.replug().unwrap();
    stable(&mut weights, 1_200).await;
    assert_eq!(desk.scale_state().link, DeviceLink::Connected);
    assert_eq!(
        desk.take_stable_weight(),
        None,
        "the parcel weighed before the unplug is still that parcel"
    );
    scale.set_weight(0);
    stable(&mut weights, 0).await;
    scale.set_weight(300);
    stable(&mut weights, 300).await;
    assert_eq!(desk.take_stable_weight(), Some(300));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_detects_the_protocol_of_the_scale() {
    let dir = tempfile::tempdir().unwrap();
    let desk = bare_desk(&dir);
    for (sim, id) in [
        (SimScaleProtocol::Cas22, "cas22"),
        (SimScaleProtocol::MtSics, "mtsics"),
    ] {
        let scale = VirtualScale::start(sim, FRAME_EVERY).unwrap();
        scale.set_weight(700);
        let state = desk.set_scale(&scale.port_path(), "auto", None).unwrap();
        assert_eq!(state.protocol.as_deref(), Some(id));
        assert!(state.detected, "{id}: said to be detected");
        let mut weights = desk.weight_updates();
        stable(&mut weights, 700).await;
        assert_eq!(desk.take_stable_weight(), Some(700));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_scale_settings_are_refused_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let desk = bare_desk(&dir);
    let e = desk
        .set_scale("/dev/packdesk-no-such-port", "generic", None)
        .unwrap_err();
    assert_eq!(e.code(), "DEVICE_PORT_NOT_FOUND");
    assert!(e.message_ko().contains("/dev/packdesk-no-such-port"));
    let scale = VirtualScale::start(SimScaleProtocol::Generic, FRAME_EVERY).unwrap();
    let e = desk
        .set_scale(&scale.port_path(), "cas-99", None)
        .unwrap_err();
    assert_eq!(e.code(), "SCALE_UNKNOWN_PROTOCOL");
    assert!(e.to_string().contains("toledo"), "lists the protocols: {e}");
    // A silent port: detection names what it tried.
    let silent = VirtualScanner::start(SimScannerSettings::default()).unwrap();
    let e = desk.set_scale(silent.path(), "auto", None).unwrap_err();
    assert_eq!(e.code(), "SCALE_NOT_DETECTED");
    assert!(e.message_ko().contains("mtsics"), "{}", e.message_ko());
    assert_eq!(desk.scale_state().link, DeviceLink::NotConfigured);
}

struct Shop {
    _dir: tempfile::TempDir,
    desk: Desk,
    _sim: Cafe24Sim,
    _printer: VirtualPrinter,
    /// Tracking numbers of printed, not yet shipped parcels.
    printed: Vec<String>,
}

/// A desk with a connected shop and `n` printed parcels (as crates/core/tests/desk.rs does).
async fn printed_parcels(n: usize) -> Shop {
    let sim = Cafe24Sim::start(SimConfig::default(), loopback())
        .await
        .unwrap();
    sim.set_catalogue(demo_catalogue(3));
    sim.add_orders(demo_orders(3, Utc::now(), 20));
    let printer = VirtualPrinter::start(loopback()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = bare_desk(&dir);
    let req = ConnectRequest {
        mall_id: "demoshop".into(),
        client_id: "demo-client".into(),
        client_secret: "demo-secret".into(),
        api_base: Some(sim.base_url().to_string()),
        code: Some(sim.issue_code(REDIRECT)),
        redirect_uri: Some(REDIRECT.into()),
        shops: None,
    };
    desk.connect_cafe24(req, |_| {}).await.unwrap();
    desk.add_invoice_pool("cj", "601234560001", 500).unwrap();
    desk.set_default_printer(&printer.uri()).unwrap();
    desk.collect(None, None).await.unwrap();
    let ready: Vec<u32> = desk
        .parcels()
        .unwrap()
        .iter()
        .filter(|p| p.stage == Stage::Ready)
        .map(|p| p.no)
        .take(n)
        .collect();
    assert_eq!(ready.len(), n, "enough parcels are ready");
    let range = ready
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    desk.print(PrintRequest {
        range,
        printer: None,
        format: None,
        ..PrintRequest::default()
    })
    .await
    .unwrap();
    printer.wait_for_labels(n, WAIT).await.unwrap();
    let rows = desk.parcels().unwrap();
    let printed = ready
        .iter()
        .map(|no| rows[*no as usize - 1].tracking_no.clone().unwrap())
        .collect();
    Shop {
        _dir: dir,
        desk,
        _sim: sim,
        _printer: printer,
        printed,
    }
}

fn stage_of(desk: &Desk, tracking_no: &str) -> Stage {
    desk.parcels()
        .unwrap()
        .into_iter()
        .find(|p| p.tracking_no.as_deref() == Some(tracking_no))
        .unwrap()
        .stage
}

async fn next_scan(rx: &mut broadcast::Receiver<SerialScanEvent>) -> SerialScanEvent {
    tokio::time::timeout(WAIT, rx.recv())
        .await
        .expect("a serial-scan event")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serial_scanner_ships_printed_parcels_like_the_wedge() {
    let shop = printed_parcels(3).await;
    let desk = &shop.desk;
    let scanner = VirtualScanner::start(SimScannerSettings::default()).unwrap();
    let mut events = desk.serial_scans();
    let state = desk.set_scanner(scanner.path(), None).unwrap();
    assert_eq!(state.link, DeviceLink::Connected);

    // An unknown code: the refusal is announced and the scanner keeps going.
    scanner
        .send("999999999999", SimSymbology::None, SimTerminator::Cr)
        .unwrap();
    // A plain scan, then one with an AIM identifier, in one burst: neither is lost.
    let [first, second, third] = [&shop.printed[0], &shop.printed[1], &shop.printed[2]];
    scanner
        .send(first, SimSymbology::None, SimTerminator::CrLf)
        .unwrap();
    scanner
        .send(second, SimSymbology::Code128, SimTerminator::Cr)
        .unwrap();

    let unknown = next_scan(&mut events).await;
    assert!(unknown.outcome.is_none());
    assert_eq!(unknown.error.as_ref().unwrap().code, "SCAN_UNKNOWN");
    assert_eq!(unknown.test.understood.kind, ScanKind::Unknown);
    assert_eq!(unknown.test.raw_text, "999999999999");

    let shipped = next_scan(&mut events).await;
    assert!(shipped.error.is_none(), "{:?}", shipped.error);
    assert_eq!(&shipped.outcome.as_ref().unwrap().tracking_no, first);
    assert_eq!(shipped.test.understood.kind, ScanKind::Tracking);
    assert_eq!(stage_of(desk, first), Stage::Shipped);

    let with_aim = next_scan(&mut events).await;
    assert_eq!(&with_aim.outcome.as_ref().unwrap().tracking_no, second);
    assert_eq!(with_aim.test.aim.as_deref(), Some("]C0"));
    assert_eq!(with_aim.test.symbology_en.as_deref(), Some("Code 128"));
    assert!(
        with_aim.test.raw_hex.starts_with("5D 43 30"),
        "{}",
        with_aim.test.raw_hex
    );
    assert_eq!(stage_of(desk, second), Stage::Shipped);

    // Scanned again: refused as already shipped, nothing changes.
    scanner
        .send(first, SimSymbology::None, SimTerminator::Cr)
        .unwrap();
    let again = next_scan(&mut events).await;
    assert_eq!(again.error.unwrap().code, "SCAN_ALREADY_SHIPPED");

    // A scan typed in 한글 mode (a scanner in keyboard-emulation over USB-COM): mapped back.
    scanner
        .send("뮻123", SimSymbology::None, SimTerminator::Cr)
        .unwrap();
    let hangul = next_scan(&mut events).await;
    assert!(hangul.test.ime_converted);
    assert_eq!(hangul.test.code, "abc123");
    assert_eq!(hangul.error.unwrap().code, "SCAN_UNKNOWN");

    // Test mode: the scanner test screen sees the scan, nothing is shipped.
    let mut test = desk.scanner_test();
    scanner
        .send(third, SimSymbology::Code128, SimTerminator::Cr)
        .unwrap();
    let seen = tokio::time::timeout(WAIT, test.recv())
        .await
        .expect("the test screen gets the scan")
        .unwrap();
    assert_eq!(seen.understood.kind, ScanKind::Tracking);
    assert_eq!(&seen.code, third);
    assert_ne!(
        stage_of(desk, third),
        Stage::Shipped,
        "test mode ships nothing"
    );
    assert!(
        matches!(
            events.try_recv(),
            Err(broadcast::error::TryRecvError::Empty)
        ),
        "no serial-scan event in test mode"
    );
    drop(test);
    scanner
        .send(third, SimSymbology::None, SimTerminator::Cr)
        .unwrap();
    let after = next_scan(&mut events).await;
    assert_eq!(&after.outcome.unwrap().tracking_no, third);
    assert_eq!(desk.scanner_state().scans, 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_test_screen_says_what_a_code_is() {
    let shop = printed_parcels(1).await;
    let desk = &shop.desk;
    let tracking = &shop.printed[0];
    let t = desk.decode_scan(&format!("]C0{tracking}"));
    assert_eq!(t.understood.kind, ScanKind::Tracking);
    assert_eq!(t.aim.as_deref(), Some("]C0"));

    let gs1 = desk.decode_scan("]C101088012345678931710123110LOT7");
    let elements = gs1.gs1.as_ref().expect("GS1 elements");
    assert_eq!(elements[0].ai, "01");
    assert_eq!(elements[0].value, "08801234567893");
    assert!(elements.iter().any(|e| e.ai == "10" && e.value == "LOT7"));
    assert_eq!(gs1.understood.kind, ScanKind::Gtin);

    let parcel = desk.decode_scan("no:1");
    assert_eq!(parcel.understood.kind, ScanKind::Parcel);

    let hangul = desk.decode_scan("뮻123");
    assert!(hangul.ime_converted);
    assert_eq!(hangul.code, "abc123");
    assert_eq!(hangul.understood.kind, ScanKind::Unknown);
    assert_eq!(hangul.raw_hex, "EB AE BB 31 32 33", "the bytes as typed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_device_list_shows_the_configured_ports_and_protocols() {
    let dir = tempfile::tempdir().unwrap();
    let desk = bare_desk(&dir);
    let scale = VirtualScale::start(SimScaleProtocol::Generic, FRAME_EVERY).unwrap();
    let scanner = VirtualScanner::start(SimScannerSettings::default()).unwrap();
    desk.set_scale(&scale.port_path(), "generic", None).unwrap();
    let e = desk.set_scanner(&scale.port_path(), None).unwrap_err();
    assert_eq!(e.code(), "DEVICE_PORT_IN_USE");
    desk.set_scanner(scanner.path(), Some(9600)).unwrap();
    let list = desk.devices();
    let scale_port = list
        .serial
        .iter()
        .find(|p| p.path == scale.port_path())
        .expect("the scale's pty is listed");
    assert_eq!(scale_port.in_use.as_deref(), Some("scale"));
    assert!(
        list.serial
            .iter()
            .any(|p| p.path == scanner.path() && p.in_use.as_deref() == Some("scanner"))
    );
    assert!(list.protocols.iter().any(|p| p.id == "auto"));
    assert!(list.protocols.iter().any(|p| p.id == "cas22"));
    assert_eq!(list.scanner.baud, Some(9600));

    desk.clear_scanner().unwrap();
    desk.clear_scale().unwrap();
    assert_eq!(desk.scale_state().link, DeviceLink::NotConfigured);
    assert!(desk.weight().is_none());
    // Cleared in the settings too: a desk opened on the database configures nothing.
    let again = bare_desk(&dir);
    again.open_devices().unwrap();
    assert_eq!(again.scale_state().link, DeviceLink::NotConfigured);
    assert_eq!(again.scanner_state().link, DeviceLink::NotConfigured);
}
