//! A virtual network label printer on the RAW/JetDirect protocol (TCP 9100): every
//! connection's bytes are one job, decoded as ZPL as they arrive, like a printer prints
//! each label when its `^XZ` comes in.
pub mod zpl;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

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
    labels: Vec<zpl::Label>,
    errors: Vec<zpl::DecodeError>,
    offline: bool,
    labels_until_failure: Option<usize>,
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

    /// Every label printed so far, in the order received.
    pub fn labels(&self) -> Vec<zpl::Label> {
        self.shared.state.lock().labels.clone()
    }

    /// ZPL the printer could not make sense of (it prints nothing for those).
    pub fn decode_errors(&self) -> Vec<zpl::DecodeError> {
        self.shared.state.lock().errors.clone()
    }

    /// Forgets recorded jobs, labels and errors.
    pub fn clear(&self) {
        let mut state = self.shared.state.lock();
        state.jobs.clear();
        state.labels.clear();
        state.errors.clear();
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

    /// Records one decoded label segment; true when the armed failure is due now.
    fn record(&self, decoded: Result<Vec<zpl::Label>, zpl::DecodeError>) -> bool {
        let mut state = self.state.lock();
        let mut fail = false;
        match decoded {
            Ok(labels) => {
                for label in labels {
                    state.labels.push(label);
                    if let Some(left) = state.labels_until_failure.as_mut() {
                        *left = left.saturating_sub(1);
                        fail |= *left == 0;
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "virtual printer got undecodable ZPL");
                state.errors.push(e);
            }
        }
        drop(state);
        self.changed.notify_waiters();
        fail
    }

    fn failure_due(&self) -> bool {
        self.state.lock().labels_until_failure == Some(0)
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

/// One job: read until the client half-closes, decoding each label as its `^XZ` arrives.
async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let mut job = Vec::new();
    let mut decoder = zpl::Decoder::new();
    let mut decoded_upto = 0;
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
        job.extend_from_slice(&buf[..n]);
        while let Some(len) = label_end(&job[decoded_upto..]) {
            let decoded = decoder.decode(&job[decoded_upto..decoded_upto + len]);
            decoded_upto += len;
            if shared.record(decoded) {
                return fail_mid_job(stream, job, decoded_upto, &shared);
            }
        }
        if shared.failure_due() {
            return fail_mid_job(stream, job, decoded_upto, &shared);
        }
    }
    let rest = &job[decoded_upto..];
    if rest.windows(3).any(|w| w.eq_ignore_ascii_case(b"^XA")) {
        // A label without ^XZ is never printed; record why.
        shared.record(decoder.decode(rest));
    }
    shared.finish_job(job);
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

/// Length of the prefix of `bytes` that ends with the first `^XZ`.
fn label_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(3)
        .position(|w| w.eq_ignore_ascii_case(b"^XZ"))
        .map(|start| start + 3)
}
