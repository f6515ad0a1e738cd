//! Printer transports against a virtual TCP 9100 printer on real loopback sockets, and files.
#![allow(clippy::unwrap_used)] // helpers outside #[test] fns unwrap too
use std::time::Duration;

use packdesk_devices::printer::{PrinterConnection, PrinterError, PrinterUri, print_raw};
use packdesk_sim::printer::VirtualPrinter;
use packdesk_sim::printer::zpl::{BarcodeKind, Label};

const TIMEOUT: Duration = Duration::from_secs(2);
/// Upper bound for anything that must not hang; far above TIMEOUT so slow CI does not flake.
const NO_HANG: Duration = Duration::from_secs(20);

fn waybill(n: usize) -> String {
    format!(
        "^XA^CI28^PW800^LL1200\r\n^FO40,40^A0N,40,40^FD받는분 {n}^FS\r\n^FO40,100^BY3^BCN,120,Y,N,N^FD>;60412345678{n}^FS\r\n^FO40,300^GFA,4,4,2,JF:^FS\r\n^XZ\r\n"
    )
}

async fn start_printer() -> (VirtualPrinter, PrinterUri) {
    let printer = VirtualPrinter::start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let uri = printer.uri().parse().unwrap();
    (printer, uri)
}

/// Runs blocking printer I/O off the runtime, bounded so a hang fails the test instead.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::time::timeout(NO_HANG, tokio::task::spawn_blocking(f))
        .await
        .expect("printer call hung")
        .unwrap()
}

fn tracking(label: &Label) -> &str {
    &label.barcode(BarcodeKind::Code128).unwrap().data
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zpl_job_over_loopback_is_printed_as_sent() {
    let (printer, uri) = start_printer().await;
    assert_eq!(
        uri,
        PrinterUri::Tcp {
            host: "127.0.0.1".into(),
            port: printer.addr().port()
        }
    );
    let job = format!("{}{}", waybill(1), waybill(2));

    let sent = job.clone();
    blocking(move || {
        let mut connection = PrinterConnection::open(&uri, TIMEOUT)?;
        // Split mid-label: the printer must not care how the bytes are chunked.
        let (a, b) = sent.as_bytes().split_at(57);
        connection.send(a)?;
        connection.send(b)?;
        connection.finish()
    })
    .await
    .unwrap();

    // finish() returns once the printer closed its side, so the job is complete by now.
    assert_eq!(printer.jobs(), vec![job.into_bytes()]);
    let labels = printer.wait_for_labels(2, TIMEOUT).await.unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(tracking(&labels[0]), "604123456781");
    assert_eq!(tracking(&labels[1]), "604123456782");
    assert!(labels[0].has_text("받는분 1"));
    assert_eq!(labels[1].texts[0].text, "받는분 2");
    assert_eq!((labels[0].texts[0].x, labels[0].texts[0].y), (40, 40));
    assert_eq!(labels[0].width_dots, Some(800));
    assert_eq!(labels[0].graphics[0].bits, vec![0xFF; 4]);
    assert!(printer.decode_errors().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_printer_is_reported_without_hanging() {
    let (printer, uri) = start_printer().await;
    printer.set_offline(true);

    let target = uri.clone();
    let err = blocking(move || print_raw(&target, waybill(1).as_bytes(), TIMEOUT))
        .await
        .unwrap_err();
    assert!(matches!(err, PrinterError::Offline { .. }), "{err:?}");
    assert_eq!(err.code(), "PRINTER_OFFLINE");
    assert!(err.message_ko().contains("프린터"));
    assert!(printer.labels().is_empty());

    printer.set_offline(false);
    let target = uri.clone();
    blocking(move || print_raw(&target, waybill(7).as_bytes(), TIMEOUT))
        .await
        .unwrap();
    let labels = printer.wait_for_labels(1, TIMEOUT).await.unwrap();
    assert_eq!(tracking(&labels[0]), "604123456787");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreachable_host_is_offline_within_the_timeout() {
    // TEST-NET-1 (RFC 5737) is never routed: the connect either fails at once or times out.
    let uri: PrinterUri = "tcp://192.0.2.1:9100".parse().unwrap();
    let err = blocking(move || PrinterConnection::open(&uri, Duration::from_millis(300)).map(drop))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "PRINTER_OFFLINE");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn printer_dying_mid_batch_keeps_the_labels_it_printed() {
    let (printer, uri) = start_printer().await;
    printer.set_fail_after_labels(Some(2));
    let batch: String = (1..=5).map(waybill).collect();

    let target = uri.clone();
    let err = blocking(move || print_raw(&target, batch.as_bytes(), TIMEOUT))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "PRINTER_OFFLINE", "{err:?}");
    let printed: Vec<_> = printer
        .labels()
        .iter()
        .map(|l| tracking(l).to_owned())
        .collect();
    assert_eq!(printed, vec!["604123456781", "604123456782"]);

    // It stays offline until it comes back, then the rest of the batch can be resent.
    let target = uri.clone();
    let err = blocking(move || print_raw(&target, waybill(3).as_bytes(), TIMEOUT))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "PRINTER_OFFLINE");
    printer.set_offline(false);
    let rest: String = (3..=5).map(waybill).collect();
    blocking(move || print_raw(&uri, rest.as_bytes(), TIMEOUT))
        .await
        .unwrap();
    let labels = printer.wait_for_labels(5, TIMEOUT).await.unwrap();
    let all: Vec<_> = labels.iter().map(|l| tracking(l).to_owned()).collect();
    assert_eq!(
        all,
        (1..=5)
            .map(|n| format!("60412345678{n}"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn file_uri_writes_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("라벨 1.zpl");
    let uri: PrinterUri = url_for(&path).parse().unwrap();
    assert_eq!(uri, PrinterUri::File(path.clone()));
    print_raw(&uri, waybill(1).as_bytes(), TIMEOUT).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), waybill(1).into_bytes());

    // A plain path works too, and a second job replaces the first.
    let plain: PrinterUri = path.to_str().unwrap().parse().unwrap();
    let mut connection = PrinterConnection::open(&plain, TIMEOUT).unwrap();
    connection.send(b"%PDF-1.7\n").unwrap();
    connection.send(b"%%EOF\n").unwrap();
    connection.finish().unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7\n%%EOF\n");
}

#[test]
fn missing_output_folder_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let uri = PrinterUri::File(dir.path().join("no-such-dir").join("label.pdf"));
    let err = PrinterConnection::open(&uri, TIMEOUT).err().unwrap();
    assert_eq!(err.code(), "PRINTER_IO");
}

fn url_for(path: &std::path::Path) -> String {
    // Percent-encode the way a settings UI would hand us a file URI.
    let mut out = String::from("file://");
    for byte in path.to_str().unwrap().bytes() {
        match byte {
            b'/' | b'.' | b'-' | b'_' | b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => {
                out.push(char::from(byte))
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[test]
fn handles_can_move_across_threads() {
    fn assert_send<T: Send>() {}
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send::<PrinterConnection>();
    assert_send_sync::<VirtualPrinter>();
    assert_send_sync::<PrinterError>();
}
