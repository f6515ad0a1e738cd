//! The TCP printer's job-start clock, over a real loopback socket.

use super::*;
use tokio::io::AsyncWriteExt;

const WAIT: Duration = Duration::from_secs(10);

async fn printer() -> VirtualPrinter {
    VirtualPrinter::start(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_job_start_is_its_first_byte_not_its_end() {
    let printer = printer().await;
    let mut client = TcpStream::connect(printer.addr()).await.unwrap();
    let before = Instant::now();
    client
        .write_all(b"^XA^FO10,10^A0N,20,20^FDone")
        .await
        .unwrap();

    // Seen while the job is still open: no label, no finished job yet.
    let starts = printer.wait_for_job_starts(1, WAIT).await.unwrap();
    assert_eq!(starts.len(), 1);
    assert!(starts[0] >= before, "stamped after the client wrote");
    assert!(printer.jobs().is_empty() && printer.labels().is_empty());
    let rest_sent = Instant::now();

    client.write_all(b"^FS^XZ").await.unwrap();
    client.shutdown().await.unwrap();
    printer.wait_for_jobs(1, WAIT).await.unwrap();
    assert_eq!(printer.labels().len(), 1);
    assert_eq!(
        printer.job_starts(),
        starts,
        "the rest of the job moves nothing"
    );
    assert!(
        starts[0] <= rest_sent,
        "stamped before the label's end was sent"
    );
}

#[tokio::test]
async fn every_job_that_sends_something_starts_once_and_clear_forgets_them() {
    let printer = printer().await;
    // A connection that sends nothing (a status probe) is no job.
    let probe = TcpStream::connect(printer.addr()).await.unwrap();
    drop(probe);
    for text in ["a", "b"] {
        let mut client = TcpStream::connect(printer.addr()).await.unwrap();
        client
            .write_all(format!("^XA^FD{text}^FS^XZ").as_bytes())
            .await
            .unwrap();
        client.shutdown().await.unwrap();
    }
    printer.wait_for_jobs(2, WAIT).await.unwrap();
    let starts = printer.job_starts();
    assert_eq!(starts.len(), 2, "one start per job that sent bytes");

    printer.clear();
    assert!(printer.job_starts().is_empty());
    let err = printer
        .wait_for_job_starts(1, Duration::from_millis(50))
        .await
        .unwrap_err();
    assert_eq!((err.what, err.wanted, err.got), ("started jobs", 1, 0));
}
