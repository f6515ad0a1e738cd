//! The production serial reader against a virtual CDC-ACM scanner on a real pty.
#![cfg(unix)]
use std::time::Duration;

use packdesk_devices::scanner::{
    Affixes, Scan, ScannerConfig, ScannerEvent, ScannerReader, Symbology, Terminator,
};
use packdesk_sim::scanner::{SimScannerSettings, SimSymbology, SimTerminator, VirtualScanner};

const WAIT: Duration = Duration::from_secs(5);

fn setup(sim: SimScannerSettings, config: ScannerConfig) -> (VirtualScanner, ScannerReader) {
    let scanner = VirtualScanner::start(sim).expect("pty");
    let reader = ScannerReader::open(scanner.path(), config).expect("open the pty");
    (scanner, reader)
}

fn next_scan(reader: &ScannerReader) -> Scan {
    match reader.recv_timeout(WAIT).expect("a scan within 5 s") {
        ScannerEvent::Scan(scan) => scan,
        other => panic!("expected a scan, got {other:?}"),
    }
}

#[test]
fn every_terminator_gives_exactly_one_scan() {
    let (scanner, reader) = setup(SimScannerSettings::default(), ScannerConfig::default());
    for (n, terminator) in [SimTerminator::Cr, SimTerminator::Lf, SimTerminator::CrLf]
        .into_iter()
        .enumerate()
    {
        scanner
            .send(&format!("CJ{n}"), SimSymbology::Code128, terminator)
            .unwrap();
    }
    for n in 0..3 {
        let scan = next_scan(&reader);
        assert_eq!(scan.text, format!("CJ{n}"));
        assert_eq!(scan.symbology, Symbology::Code128);
    }
    // CR LF must not have left an empty scan behind.
    scanner
        .send("LAST", SimSymbology::None, SimTerminator::Cr)
        .unwrap();
    let last = next_scan(&reader);
    assert_eq!(
        (last.text.as_str(), &last.symbology),
        ("LAST", &Symbology::Unidentified)
    );
}

#[test]
fn gs1_datamatrix_with_fnc1_over_serial() {
    let (scanner, reader) = setup(SimScannerSettings::default(), ScannerConfig::default());
    scanner
        .send(
            "010950110153000310ABC\u{1d}17251231",
            SimSymbology::Gs1DataMatrix,
            SimTerminator::CrLf,
        )
        .unwrap();
    let scan = next_scan(&reader);
    assert_eq!(scan.raw, b"]d2010950110153000310ABC\x1d17251231");
    assert_eq!(scan.symbology, Symbology::Gs1DataMatrix);
    let gs1 = scan.gs1.unwrap().unwrap();
    assert_eq!(gs1.gtin(), Some("09501101530003"));
    assert_eq!(gs1.lot(), Some("ABC"));
    assert_eq!(
        gs1.expiry().map(|d| d.to_string()).as_deref(),
        Some("2025-12-31")
    );
}

#[test]
fn programmed_prefix_and_suffix_are_stripped() {
    let sim = SimScannerSettings {
        prefix: b"@@".to_vec(),
        suffix: b"#".to_vec(),
    };
    let config = ScannerConfig {
        terminator: Terminator::Cr,
        affixes: Affixes {
            prefix: b"@@".to_vec(),
            suffix: b"#".to_vec(),
        },
        ..ScannerConfig::default()
    };
    let (scanner, reader) = setup(sim, config);
    scanner
        .send("8801234567893", SimSymbology::Ean13, SimTerminator::Cr)
        .unwrap();
    let scan = next_scan(&reader);
    assert_eq!(scan.raw, b"@@]E08801234567893#");
    assert_eq!(scan.text, "8801234567893");
    assert_eq!(scan.gs1.unwrap().unwrap().gtin(), Some("08801234567893"));
}

#[test]
fn split_and_concatenated_writes() {
    let (scanner, reader) = setup(SimScannerSettings::default(), ScannerConfig::default());
    scanner.send_raw(b"]C0SPL").unwrap();
    scanner.send_raw(b"IT\r\n]C0ONE\r]C0TWO\n").unwrap();
    let texts: Vec<String> = (0..3).map(|_| next_scan(&reader).text).collect();
    assert_eq!(texts, ["SPLIT", "ONE", "TWO"]);
}

#[test]
fn strict_crlf_mode_keeps_a_lone_cr_in_the_data() {
    let config = ScannerConfig {
        terminator: Terminator::CrLf,
        ..ScannerConfig::default()
    };
    let (scanner, reader) = setup(SimScannerSettings::default(), config);
    scanner.send_raw(b"A\rB\r\n").unwrap();
    assert_eq!(next_scan(&reader).raw, b"A\rB");
}

#[test]
fn unplugging_is_reported() {
    let (scanner, reader) = setup(SimScannerSettings::default(), ScannerConfig::default());
    scanner
        .send("BEFORE", SimSymbology::None, SimTerminator::Cr)
        .unwrap();
    assert_eq!(next_scan(&reader).text, "BEFORE");
    scanner.unplug();
    match reader.recv_timeout(WAIT).expect("an event within 5 s") {
        ScannerEvent::Disconnected { message } => assert!(!message.is_empty()),
        other => panic!("expected Disconnected, got {other:?}"),
    }
    assert!(
        scanner
            .send("AFTER", SimSymbology::None, SimTerminator::Cr)
            .is_err()
    );
}

#[test]
fn opening_a_missing_port_fails_with_a_code() {
    let error = ScannerReader::open("/dev/does-not-exist-scanner", ScannerConfig::default())
        .err()
        .expect("open should fail");
    assert_eq!(error.code(), "SCANNER_OPEN_FAILED");
    assert!(error.message_ko().contains("스캐너"));
}
