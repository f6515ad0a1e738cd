//! Sends a job over real TCP through the production `PrinterConnection` to the virtual printer
//! (packdesk-sim), and waits for what it printed.

#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // test support: a panic is a test failure

use packdesk_devices::printer::{PrinterConnection, PrinterUri};
use packdesk_sim::printer::{Printed, VirtualPrinter};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Prints `job` (sent in 4 KB writes, so labels straddle writes) and returns the `n` labels the
/// printer decoded. Any decode error fails the test.
pub async fn print(job: Vec<u8>, n: usize) -> Vec<Printed> {
    let printer = VirtualPrinter::start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let uri: PrinterUri = printer.uri().parse().unwrap();
    let sent = job.clone();
    tokio::time::timeout(
        TIMEOUT * 2,
        tokio::task::spawn_blocking(move || {
            let mut conn = PrinterConnection::open(&uri, TIMEOUT)?;
            for chunk in sent.chunks(4096) {
                conn.send(chunk)?;
            }
            conn.finish()
        }),
    )
    .await
    .expect("printing hung")
    .unwrap()
    .unwrap();
    let printed = printer.wait_for_printed(n, TIMEOUT).await.unwrap();
    assert_eq!(
        printer.job_errors(),
        vec![],
        "the printer could not read the job"
    );
    assert_eq!(
        printer.jobs(),
        vec![job],
        "the printer got other bytes than were sent"
    );
    assert_eq!(printed.len(), n);
    printed
}
