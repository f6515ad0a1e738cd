//! `spooler://` against a real CUPS scheduler that this test starts itself: a private `cupsd`
//! (own config, state, spool and socket in a temp dir, so it never touches a system cupsd),
//! with two queues:
//! - `PackdeskPDF`, a cups-pdf queue: a waybill PDF from `packdesk_labels::pdf::render` goes
//!   through `lp`, CUPS's filters and cups-pdf, and the PDF it writes is checked with poppler
//!   and zbar;
//! - `PackdeskRaw`, a raw queue whose device is the virtual TCP label printer: ZPL goes through
//!   `lp -o raw` and CUPS's socket backend and is decoded on arrival.
//!
//! Then the failure paths: an unknown queue, a queue that rejects jobs, and the scheduler gone.
//!
//! Needs root (cups-pdf runs only under a root cupsd) and the packages installed by
//! `installer/setup-linux.sh --test`. When `CI` (or `PACKDESK_REQUIRE_CUPS`) is set a missing
//! piece fails the test; otherwise — a developer machine without them — it is skipped with the
//! reason printed. Nothing else is skipped.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

#[path = "../../labels/tests/support/sample.rs"]
mod sample;

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use packdesk_devices::printer::{PrinterConnection, PrinterUri, list_printers};
use packdesk_labels::{MaskRule, pdf};
use packdesk_sim::printer::VirtualPrinter;
use packdesk_sim::printer::zpl::BarcodeKind;

const CUPSD: &str = "/usr/sbin/cupsd";
const CUPS_PDF_BACKEND: &str = "/usr/lib/cups/backend/cups-pdf";
const CUPS_PDF_PPD: &str = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";
/// cups-pdf reads `cups-pdf-<NAME>.conf` here for a queue whose device is `cups-pdf:/<NAME>`;
/// the path is compiled in, so the per-queue file (our output dir) has to go there.
const CUPS_PDF_CONF_DIR: &str = "/etc/cups";
/// Generous: a cold Ghostscript in a busy CI container takes seconds.
const DEADLINE: Duration = Duration::from_secs(90);
const TIMEOUT: Duration = Duration::from_secs(10);

/// What this test needs that may be missing; `Err` names it.
fn prerequisites() -> Result<(), String> {
    let mut missing: Vec<&str> = [
        CUPSD,
        CUPS_PDF_BACKEND,
        CUPS_PDF_PPD,
        "/usr/bin/lp",
        "/usr/bin/lpstat",
        "/usr/sbin/lpadmin",
        "/usr/sbin/cupsreject",
        "/usr/bin/pdfinfo",
        "/usr/bin/pdftoppm",
        "/usr/bin/zbarimg",
    ]
    .into_iter()
    .filter(|p| !Path::new(p).exists())
    .collect();
    missing.sort();
    if !missing.is_empty() {
        return Err(format!(
            "missing {} (install cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils zbar-tools: installer/setup-linux.sh --test)",
            missing.join(", ")
        ));
    }
    if effective_uid() != Some(0) {
        return Err("not root: cups-pdf only runs under a cupsd started by root".into());
    }
    Ok(())
}

fn effective_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

/// A private cupsd; dropping it stops it and removes what it put outside its temp dir.
struct Cupsd {
    dir: tempfile::TempDir,
    child: Option<Child>,
    pdf_conf: Option<PathBuf>,
}

impl Cupsd {
    fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("packdesk-cupsd-")
            .tempdir()
            .unwrap();
        let root = dir.path();
        for sub in ["spool", "cache", "state", "log", "out"] {
            std::fs::create_dir(root.join(sub)).unwrap();
        }
        // Filters run as the unprivileged `lp` user and need somewhere to write.
        std::fs::create_dir(root.join("tmp")).unwrap();
        set_mode(&root.join("tmp"), 0o1777);
        set_mode(root, 0o755);
        let socket = root.join("cups.sock");
        std::fs::write(
            root.join("cupsd.conf"),
            format!(
                "Listen {socket}\nLogLevel info\nWebInterface No\nBrowsing No\nDefaultAuthType None\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
                socket = socket.display()
            ),
        )
        .unwrap();
        let r = root.display();
        std::fs::write(
            root.join("cups-files.conf"),
            format!(
                "ServerRoot {r}\nRequestRoot {r}/spool\nCacheDir {r}/cache\nStateDir {r}/state\n\
                 TempDir {r}/tmp\nErrorLog {r}/log/error_log\nAccessLog {r}/log/access_log\n\
                 PageLog {r}/log/page_log\nPrintcap {r}/printcap\nSystemGroup root\n"
            ),
        )
        .unwrap();
        let child = Command::new(CUPSD)
            .arg("-f")
            .arg("-c")
            .arg(root.join("cupsd.conf"))
            .arg("-s")
            .arg(root.join("cups-files.conf"))
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let cupsd = Self {
            dir,
            child: Some(child),
            pdf_conf: None,
        };
        poll(DEADLINE, "cupsd to listen", || {
            UnixStream::connect(&socket).ok().map(drop)
        });
        cupsd
    }

    fn socket(&self) -> PathBuf {
        self.dir.path().join("cups.sock")
    }

    fn out_dir(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// Runs a CUPS admin tool against this scheduler; it must succeed.
    fn admin(&self, tool: &str, args: &[&str]) {
        let out = Command::new(tool)
            .args(args)
            .env("CUPS_SERVER", self.socket())
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{tool} {args:?}: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.error_log()
        );
    }

    fn add_pdf_queue(&mut self, queue: &str) {
        // A name of our own, so a system cups-pdf queue's config is never touched.
        let instance = format!("packdesk-test-{}", std::process::id());
        let conf = Path::new(CUPS_PDF_CONF_DIR).join(format!("cups-pdf-{instance}.conf"));
        std::fs::write(
            &conf,
            format!(
                "Out {}\nLog {}\n",
                self.out_dir().display(),
                self.dir.path().join("log").display()
            ),
        )
        .unwrap();
        self.pdf_conf = Some(conf);
        self.admin(
            "lpadmin",
            &[
                "-p",
                queue,
                "-v",
                &format!("cups-pdf:/{instance}"),
                "-E",
                "-P",
                CUPS_PDF_PPD,
            ],
        );
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log/error_log")).unwrap_or_default()
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Cupsd {
    fn drop(&mut self) {
        self.stop();
        if let Some(conf) = self.pdf_conf.take() {
            let _ = std::fs::remove_file(conf);
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Polls `check` until it gives a value or `deadline` passes (then fails naming `what`).
fn poll<T>(deadline: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let end = Instant::now() + deadline;
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn run(tool: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(tool).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn zpl_label(n: usize) -> String {
    format!(
        "^XA^CI28^PW800^LL1200\r\n^FO40,40^A0N,40,40^FD받는분 {n}^FS\r\n^FO40,100^BY3^BCN,120,Y,N,N^FD>;60412345678{n}^FS\r\n^XZ\r\n"
    )
}

#[test]
fn spooler_jobs_through_a_real_cups() {
    if let Err(reason) = prerequisites() {
        let required = ["CI", "PACKDESK_REQUIRE_CUPS"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
        assert!(!required, "the CUPS test cannot run: {reason}");
        eprintln!("SKIPPED spooler_jobs_through_a_real_cups: {reason}");
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let mut cupsd = Cupsd::start();
    // The production code runs `lp`/`lpstat`, which find the scheduler through CUPS_SERVER.
    // SAFETY: this binary has this one test, and no thread of ours reads the environment
    // concurrently (the runtime's worker does not).
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("CUPS_SERVER", cupsd.socket());
    }

    cupsd.add_pdf_queue("PackdeskPDF");
    let printer = runtime
        .block_on(VirtualPrinter::start("127.0.0.1:0".parse().unwrap()))
        .unwrap();
    let port = printer.addr().port();
    cupsd.admin(
        "lpadmin",
        &[
            "-p",
            "PackdeskRaw",
            "-E",
            "-v",
            &format!("socket://127.0.0.1:{port}"),
            "-m",
            "raw",
        ],
    );

    // The picker lists both queues, and the raw one's printer for direct TCP too.
    let listed = list_printers();
    let pdf_queue = listed
        .iter()
        .find(|p| p.uri == "spooler://PackdeskPDF")
        .unwrap_or_else(|| panic!("PackdeskPDF not listed: {listed:?}"));
    assert_eq!(pdf_queue.kind, "spooler");
    assert_eq!(pdf_queue.name, "PackdeskPDF");
    assert!(
        pdf_queue
            .detail
            .as_deref()
            .unwrap()
            .starts_with("cups-pdf:/")
    );
    assert!(listed.iter().any(|p| p.uri == "spooler://PackdeskRaw"));
    assert!(
        listed
            .iter()
            .any(|p| p.kind == "network" && p.uri == format!("tcp://127.0.0.1:{port}")),
        "{listed:?}"
    );

    // A waybill PDF through CUPS and cups-pdf.
    let waybill = sample::sample();
    let document = pdf::render(std::slice::from_ref(&waybill), MaskRule::default()).unwrap();
    let uri: PrinterUri = pdf_queue.uri.parse().unwrap();
    let mut connection = PrinterConnection::open(&uri, TIMEOUT).unwrap();
    connection.send(&document).unwrap();
    assert_eq!(connection.bytes_sent(), document.len() as u64);
    connection.finish().unwrap();
    let out_dir = cupsd.out_dir();
    let output = poll(DEADLINE, "cups-pdf's output PDF", || {
        let pdf = std::fs::read_dir(&out_dir)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pdf"))?;
        // cups-pdf writes through Ghostscript: done once poppler can read it whole.
        run("pdfinfo", &[pdf.to_str()?]).map(|info| (pdf, info))
    });
    let (output, info) = output;
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")),
        "{info}"
    );
    // CUPS turns the PDF into PostScript for cups-pdf and Ghostscript back into PDF; the text
    // loses its Unicode mapping on the way (pdftotext reads garbage, whatever pdftops renderer),
    // so the waybill is recognised by its barcodes: the tracking number and the sort code.
    let png = cupsd.dir.path().join("page");
    run(
        "pdftoppm",
        &[
            "-r",
            "300",
            "-png",
            "-singlefile",
            output.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    )
    .expect("pdftoppm renders the spooled PDF");
    let png = png.with_extension("png");
    let codes = Command::new("zbarimg")
        .args(["--quiet", png.to_str().unwrap()])
        .output()
        .unwrap();
    let codes = String::from_utf8_lossy(&codes.stdout);
    assert!(
        codes.contains(&format!("CODE-128:{}", sample::TRACKING)),
        "tracking number barcode not found in the spooled PDF: {codes}"
    );

    // ZPL labels RAW through CUPS to the virtual printer: one spooler job per send.
    let raw: PrinterUri = "spooler://PackdeskRaw".parse().unwrap();
    let mut connection = PrinterConnection::open(&raw, TIMEOUT).unwrap();
    connection.send(zpl_label(1).as_bytes()).unwrap();
    connection.send(zpl_label(2).as_bytes()).unwrap();
    connection.finish().unwrap();
    let labels = runtime
        .block_on(printer.wait_for_labels(2, DEADLINE))
        .unwrap();
    let tracking: Vec<_> = labels
        .iter()
        .map(|l| l.barcode(BarcodeKind::Code128).unwrap().data.clone())
        .collect();
    assert_eq!(tracking, vec!["604123456781", "604123456782"]);
    assert!(labels[0].has_text("받는분 1"));
    assert_eq!(
        runtime
            .block_on(printer.wait_for_jobs(2, DEADLINE))
            .unwrap(),
        vec![zpl_label(1).into_bytes(), zpl_label(2).into_bytes()],
        "each send is one job, byte for byte, in order"
    );

    // A queue that does not exist.
    let missing: PrinterUri = "spooler://NoSuchQueue".parse().unwrap();
    let mut connection = PrinterConnection::open(&missing, TIMEOUT).unwrap();
    let err = connection.send(zpl_label(3).as_bytes()).unwrap_err();
    assert_eq!(err.code(), "PRINTER_QUEUE_NOT_FOUND", "{err:?}");
    assert!(err.message_ko().contains("대기열"));

    // A queue that stopped accepting jobs pauses the batch: the earlier send was its own job.
    let mut connection = PrinterConnection::open(&raw, TIMEOUT).unwrap();
    connection.send(zpl_label(4).as_bytes()).unwrap();
    cupsd.admin("cupsreject", &["PackdeskRaw"]);
    let err = connection.send(zpl_label(5).as_bytes()).unwrap_err();
    assert_eq!(err.code(), "PRINTER_OFFLINE", "{err:?}");
    assert_eq!(err.bytes_sent(), Some(zpl_label(4).len() as u64), "{err}");

    // The scheduler gone: offline, nothing of the job taken; the list has no queues.
    cupsd.stop();
    let err = connection.send(zpl_label(5).as_bytes()).unwrap_err();
    assert_eq!(err.code(), "PRINTER_OFFLINE", "{err:?}");
    let listed = list_printers();
    assert!(listed.iter().all(|p| p.kind != "spooler"), "{listed:?}");
}
