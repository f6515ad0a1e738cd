//! The serial transport against a virtual serial label printer on a real pty: the production
//! `PrinterConnection` opens the pty slave by path exactly as it would open `/dev/ttyUSB0`.
#![cfg(unix)]
#![allow(clippy::unwrap_used)]
use std::time::Duration;

use packdesk_devices::printer::{PrinterConnection, PrinterError, PrinterUri, SerialFlow};
use packdesk_sim::printer::serial::VirtualSerialPrinter;
use packdesk_sim::printer::zpl::BarcodeKind;

const TIMEOUT: Duration = Duration::from_secs(2);
/// Upper bound for waits that must not hang; far above TIMEOUT so slow CI does not flake.
const NO_HANG: Duration = Duration::from_secs(20);

fn label(n: usize) -> String {
    format!(
        "^XA^CI28^PW800^LL1200\r\n^FO40,40^A0N,40,40^FD받는분 {n}^FS\r\n^FO40,100^BY3^BCN,120,Y,N,N^FD>;60412345678{n}^FS\r\n^XZ\r\n"
    )
}

fn uri_of(printer: &VirtualSerialPrinter, flow: SerialFlow) -> PrinterUri {
    let uri: PrinterUri = printer.uri().parse().unwrap();
    match uri {
        PrinterUri::Serial { path, baud, .. } => PrinterUri::Serial { path, baud, flow },
        other => panic!("not a serial URI: {other:?}"),
    }
}

#[test]
fn zpl_job_over_serial_arrives_byte_for_byte() {
    let printer = VirtualSerialPrinter::start().unwrap();
    let uri = uri_of(&printer, SerialFlow::None);
    assert_eq!(
        uri.to_string(),
        format!("serial://{}?baud=9600", printer.path())
    );
    let job = format!("{}{}", label(1), label(2));

    let mut connection = PrinterConnection::open(&uri, TIMEOUT).unwrap();
    // Split mid-label: the printer must not care how the bytes are chunked.
    let (a, b) = job.as_bytes().split_at(57);
    connection.send(a).unwrap();
    connection.send(b).unwrap();
    assert_eq!(connection.bytes_sent(), job.len() as u64);
    connection.finish().unwrap();

    assert_eq!(
        printer.wait_for_bytes(job.len(), NO_HANG).unwrap(),
        job.as_bytes()
    );
    let labels = printer.wait_for_labels(2, NO_HANG).unwrap();
    let tracking: Vec<_> = labels
        .iter()
        .map(|l| l.barcode(BarcodeKind::Code128).unwrap().data.clone())
        .collect();
    assert_eq!(tracking, vec!["604123456781", "604123456782"]);
    assert!(labels[0].has_text("받는분 1"));
    assert!(printer.decode_errors().is_empty());
}

#[test]
fn rts_cts_setting_opens_and_prints_and_the_port_is_free_for_the_next_job() {
    let printer = VirtualSerialPrinter::start().unwrap();
    // A pty ignores the line settings, so this proves only that asking for flow control
    // does not break opening or writing (the framing itself is not observable here).
    let uri = uri_of(&printer, SerialFlow::RtsCts);
    assert!(uri.to_string().ends_with("&flow=rtscts"));
    for n in 1..=2 {
        let mut connection = PrinterConnection::open(&uri, TIMEOUT).unwrap();
        connection.send(label(n).as_bytes()).unwrap();
        connection.finish().unwrap();
    }
    let labels = printer.wait_for_labels(2, NO_HANG).unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(
        printer.bytes(),
        format!("{}{}", label(1), label(2)).into_bytes()
    );
}

#[test]
fn unplugged_mid_job_is_offline_and_names_the_bytes_that_went_out() {
    let printer = VirtualSerialPrinter::start().unwrap();
    let uri = uri_of(&printer, SerialFlow::None);
    let first = label(1);

    let mut connection = PrinterConnection::open(&uri, TIMEOUT).unwrap();
    connection.send(first.as_bytes()).unwrap();
    // The first label is at the printer before the cable is pulled.
    printer.wait_for_labels(1, NO_HANG).unwrap();
    printer.unplug();
    assert!(!printer.is_plugged());

    let err = connection.send(label(2).as_bytes()).unwrap_err();
    assert!(matches!(err, PrinterError::Offline { .. }), "{err:?}");
    assert_eq!(err.code(), "PRINTER_OFFLINE");
    assert_eq!(err.bytes_sent(), Some(first.len() as u64), "{err}");
    assert!(err.message_ko().contains("시리얼"), "{}", err.message_ko());
    drop(connection);

    // Nothing of the second label was printed, and reopening finds no printer.
    assert_eq!(printer.labels().len(), 1);
    assert_eq!(printer.bytes(), first.as_bytes());
    let err = PrinterConnection::open(&uri, TIMEOUT).err().unwrap();
    assert_eq!(err.code(), "PRINTER_OFFLINE");
    assert_eq!(err.bytes_sent(), Some(0));
}

#[test]
fn a_port_that_is_not_there_is_offline() {
    let uri: PrinterUri = "serial:///dev/ttyUSB-packdesk-none?baud=9600"
        .parse()
        .unwrap();
    let err = PrinterConnection::open(&uri, TIMEOUT).err().unwrap();
    assert_eq!(err.code(), "PRINTER_OFFLINE", "{err:?}");
    assert_eq!(err.bytes_sent(), Some(0));
}
