//! A virtual network label printer on the RAW/JetDirect protocol (TCP 9100): every
//! connection's bytes are one job, decoded as they arrive, like a printer prints each label
//! when its end (`^XZ`, `PRINT`, a cut) comes in. The job's language — ZPL, TSPL, ESC/POS or
//! PDF — is recognised from its first bytes.
pub mod escpos;
mod job;
pub mod serial;
pub mod tspl;
pub mod zpl;

use job::{Decoded, JobDecoder};
pub use job::{JobError, Language, PdfJob, Printed, UnknownLanguage, detect as detect_language};

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, mpsc, oneshot};

/// A handle to a running virtual printer; clones share it. The printer stops listening when
/// the last handle is dropped.
#[derive(Clone)]
pub struct VirtualPrinter {
    shared: Arc<Shared>,
    _lifetime: Arc<oneshot::Sender<()>>,
}

struct Shared {
    addr: SocketAddr,
    state: Mutex<State>,
    changed: Notify,
    listener: mpsc::UnboundedSender<ListenerCommand>,
}

#[derive(Default)]
struct State {
    jobs: Vec<Vec<u8>>,
    /// When each job's first byte was read, in arrival order (see [`VirtualPrinter::job_starts`]).
    job_starts: Vec<Instant>,
    labels: Vec<zpl::Label>,
    errors: Vec<zpl::DecodeError>,
    /// Every label of every language, in order.
    printed: Vec<Printed>,
    job_errors: Vec<JobError>,
    offline: bool,
    labels_until_failure: Option<usize>,
    labels_until_offline: Option<usize>,
}

enum ListenerCommand {
    Close,
    Listen(std::net::TcpListener),
}

/// `wait_for_*` gave up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("timed out waiting for {wanted} {what}; the printer has {got}")]
pub struct WaitTimeout {
    pub what: &'static str,
    pub wanted: usize,
    pub got: usize,
}

impl WaitTimeout {
    pub fn code(&self) -> &'static str {
        "SIM_PRINTER_WAIT_TIMEOUT"
    }

    pub fn message_ko(&self) -> String {
        format!(
            "가상 프린터가 {}개를 기다렸지만 {}개만 받았습니다.",
            self.wanted, self.got
        )
    }
}

impl VirtualPrinter {
    /// Listens on `bind` (use port 0 for any free port) and starts recording jobs.
    pub async fn start(bind: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(bind).await?;
        let addr = listener.local_addr()?;
        let (commands, command_rx) = mpsc::unbounded_channel();
        let (lifetime, lifetime_rx) = oneshot::channel();
        let shared = Arc::new(Shared {
            addr,
            state: Mutex::new(State::default()),
            changed: Notify::new(),
            listener: commands,
        });
        tokio::spawn(accept_loop(
            listener,
            command_rx,
            lifetime_rx,
            shared.clone(),
        ));
        tracing::debug!(%addr, "virtual printer listening");
        Ok(Self {
            shared,
            _lifetime: Arc::new(lifetime),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// `tcp://127.0.0.1:PORT`, the form the station's printer settings take.
    pub fn uri(&self) -> String {
        format!("tcp://{}", self.shared.addr)
    }

    /// Bytes of every finished connection that sent anything, in order of completion.
    pub fn jobs(&self) -> Vec<Vec<u8>> {
        self.shared.state.lock().jobs.clone()
    }

    /// When the first byte of each job was read off its socket, in arrival order: one entry per
    /// connection that sent anything, recorded as the read returns — before the bytes are
    /// decoded and before the job ends — so "print → first byte at the printer" can be timed
    /// against an `Instant` the client took (same process, same monotonic clock).
    pub fn job_starts(&self) -> Vec<Instant> {
        self.shared.state.lock().job_starts.clone()
    }

    /// Every label printed so far, in the order received.
    pub fn labels(&self) -> Vec<zpl::Label> {
        self.shared.state.lock().labels.clone()
    }

    /// ZPL the printer could not make sense of (it prints nothing for those).
    pub fn decode_errors(&self) -> Vec<zpl::DecodeError> {
        self.shared.state.lock().errors.clone()
    }

    /// Every label printed so far in any language (ZPL, TSPL, ESC/POS; a PDF job counts as
    /// one), in the order received.
    pub fn printed(&self) -> Vec<Printed> {
        self.shared.state.lock().printed.clone()
    }

    /// Whatever the printer could not make sense of, in any language.
    pub fn job_errors(&self) -> Vec<JobError> {
        self.shared.state.lock().job_errors.clone()
    }

    /// Forgets recorded jobs, labels and errors.
    pub fn clear(&self) {
        let mut state = self.shared.state.lock();
        state.jobs.clear();
        state.job_starts.clear();
        state.labels.clear();
        state.errors.clear();
        state.printed.clear();
        state.job_errors.clear();
    }

    /// Waits until at least `n` labels in any language have been printed; returns all of them.
    pub async fn wait_for_printed(
        &self,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<Printed>, WaitTimeout> {
        self.wait(timeout, "printed labels", n, |s| {
            (s.printed.len(), s.printed.clone())
        })
        .await
    }

    /// Waits until at least `n` jobs have begun (their first byte read; the job may still be
    /// arriving); returns every job's first-byte instant, as [`Self::job_starts`].
    pub async fn wait_for_job_starts(
        &self,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<Instant>, WaitTimeout> {
        self.wait(timeout, "started jobs", n, |s| {
            (s.job_starts.len(), s.job_starts.clone())
        })
        .await
    }

    /// Waits until at least `n` labels have been printed; returns all of them.
    pub async fn wait_for_labels(
        &self,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<zpl::Label>, WaitTimeout> {
        self.wait(timeout, "labels", n, |s| (s.labels.len(), s.labels.clone()))
            .await
    }

    /// Waits until at least `n` jobs (connections) have finished; returns all of them.
    pub async fn wait_for_jobs(
        &self,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<Vec<u8>>, WaitTimeout> {
        self.wait(timeout, "jobs", n, |s| (s.jobs.len(), s.jobs.clone()))
            .await
    }

    async fn wait<T>(
        &self,
        timeout: Duration,
        what: &'static str,
        wanted: usize,
        read: impl Fn(&State) -> (usize, T),
    ) -> Result<T, WaitTimeout> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Register for the wake-up before looking, so a change in between is not lost.
            let notified = self.shared.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let (got, value) = read(&self.shared.state.lock());
            if got >= wanted {
                return Ok(value);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return Err(WaitTimeout { what, wanted, got });
            }
        }
    }

    /// Offline: the port is closed, so new connections are refused (a connection that slips
    /// in while it closes is reset). Online again: the same port listens again.
    pub fn set_offline(&self, offline: bool) {
        self.shared.set_offline(offline);
    }

    /// After `n` more complete labels the printer resets the connection mid-job and goes
    /// offline (until `set_offline(false)`), like a printer losing power or network halfway
    /// through a batch. Fires once; `None` disarms it.
    pub fn set_fail_after_labels(&self, n: Option<usize>) {
        self.shared.state.lock().labels_until_failure = n;
    }

    /// After `n` more labels the printer ends the job they arrived in normally and then goes
    /// offline (until `set_offline(false)`): like a printer switched off *between* two jobs,
    /// so every label it printed was taken whole and the next job is refused. Fires once.
    pub fn set_offline_after_labels(&self, n: Option<usize>) {
        self.shared.state.lock().labels_until_offline = n;
    }
}

impl Shared {
    fn set_offline(&self, offline: bool) {
        let mut state = self.state.lock();
        if state.offline == offline {
            return;
        }
        let command = if offline {
            ListenerCommand::Close
        } else {
            // Bound here, synchronously, so a client connecting right after this returns
            // finds the port open.
            match std::net::TcpListener::bind(self.addr)
                .and_then(|l| l.set_nonblocking(true).map(|()| l))
            {
                Ok(listener) => ListenerCommand::Listen(listener),
                Err(e) => {
                    tracing::error!(addr = %self.addr, error = %e, "virtual printer cannot listen again");
                    return;
                }
            }
        };
        state.offline = offline;
        let _ = self.listener.send(command);
    }

    fn is_offline(&self) -> bool {
        self.state.lock().offline
    }

    /// Records what a job decoded; true when the armed failure is due now (after a label).
    fn record(&self, decoded: Decoded) -> bool {
        let mut state = self.state.lock();
        let mut fail = false;
        match decoded {
            Ok((printed, _)) => {
                if let Printed::Zpl(label) = &printed {
                    state.labels.push(label.clone());
                }
                state.printed.push(printed);
                if let Some(left) = state.labels_until_failure.as_mut() {
                    *left = left.saturating_sub(1);
                    fail = *left == 0;
                }
                if let Some(left) = state.labels_until_offline.as_mut() {
                    *left = left.saturating_sub(1);
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "virtual printer got an undecodable job");
                if let JobError::Zpl(zpl) = &e {
                    state.errors.push(zpl.clone());
                }
                state.job_errors.push(e);
            }
        }
        drop(state);
        self.changed.notify_waiters();
        fail
    }

    fn failure_due(&self) -> bool {
        self.state.lock().labels_until_failure == Some(0)
    }

    /// Goes offline if `set_offline_after_labels` is due; called before a finished job's
    /// connection is closed, so the client's next job already finds the printer offline.
    fn offline_if_due(&self) {
        let due = {
            let mut state = self.state.lock();
            let due = state.labels_until_offline == Some(0);
            if due {
                state.labels_until_offline = None;
            }
            due
        };
        if due {
            self.set_offline(true);
        }
    }

    fn start_job(&self, at: Instant) {
        self.state.lock().job_starts.push(at);
        self.changed.notify_waiters();
    }

    fn finish_job(&self, job: Vec<u8>) {
        if !job.is_empty() {
            self.state.lock().jobs.push(job);
            self.changed.notify_waiters();
        }
    }
}

async fn accept_loop(
    listener: TcpListener,
    mut commands: mpsc::UnboundedReceiver<ListenerCommand>,
    mut lifetime: oneshot::Receiver<()>,
    shared: Arc<Shared>,
) {
    let mut listener = Some(listener);
    loop {
        tokio::select! {
            biased;
            _ = &mut lifetime => return,
            command = commands.recv() => match command {
                None => return,
                Some(ListenerCommand::Close) => listener = None,
                Some(ListenerCommand::Listen(std_listener)) => match TcpListener::from_std(std_listener) {
                    Ok(l) => listener = Some(l),
                    Err(e) => tracing::error!(error = %e, "virtual printer cannot listen again"),
                },
            },
            accepted = accept(listener.as_ref()) => match accepted {
                Ok((stream, _)) if shared.is_offline() => reset(stream),
                Ok((stream, _)) => {
                    tokio::spawn(serve(stream, shared.clone()));
                }
                Err(e) => tracing::warn!(error = %e, "virtual printer accept failed"),
            },
        }
    }
}

async fn accept(listener: Option<&TcpListener>) -> std::io::Result<(TcpStream, SocketAddr)> {
    match listener {
        Some(l) => l.accept().await,
        None => std::future::pending().await,
    }
}

/// Drops a connection with RST rather than FIN, so the client sees an error, not a clean end.
fn reset(stream: TcpStream) {
    if let Err(e) = stream.set_zero_linger() {
        tracing::debug!(error = %e, "could not set SO_LINGER on virtual printer socket");
    }
    drop(stream);
}

/// One job: read until the client half-closes, decoding each label as its end arrives.
async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let mut job = Vec::new();
    let mut decoder = JobDecoder::Undecided;
    let mut printed_upto = 0;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match stream.read(&mut buf).await {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                tracing::debug!(error = %e, "virtual printer connection failed");
                break;
            }
        };
        if job.is_empty() {
            // Taken before anything else is done with the bytes: the first byte's arrival.
            shared.start_job(Instant::now());
        }
        let seen = job.len();
        job.extend_from_slice(&buf[..n]);
        for decoded in decoder.advance(&job, seen) {
            if let Ok((_, end)) = &decoded {
                printed_upto = *end;
            }
            if shared.record(decoded) {
                return fail_mid_job(stream, job, printed_upto, &shared);
            }
        }
        if shared.failure_due() {
            return fail_mid_job(stream, job, printed_upto, &shared);
        }
    }
    for decoded in decoder.end(&job) {
        shared.record(decoded);
    }
    shared.finish_job(job);
    shared.offline_if_due();
    // Dropping the stream closes our side, which ends the client's drain.
}

fn fail_mid_job(stream: TcpStream, mut job: Vec<u8>, printed_upto: usize, shared: &Shared) {
    tracing::info!(
        bytes_kept = printed_upto,
        "virtual printer fails mid-job as armed"
    );
    {
        let mut state = shared.state.lock();
        state.labels_until_failure = None;
    }
    shared.set_offline(true);
    // Bytes after the last printed label were lost with the connection.
    job.truncate(printed_upto);
    shared.finish_job(job);
    reset(stream);
}

#[cfg(test)]
mod tests;
