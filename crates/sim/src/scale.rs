//! A virtual serial scale on a pseudo-terminal: a thread writes frames to the pty master
//! continuously, and the station opens the slave path exactly as it would open `/dev/ttyUSB0`.
mod frames;
mod requests;

use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use parking_lot::Mutex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The wire formats the virtual scale can speak (the same families the station parses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimScaleProtocol {
    /// `ST,GS,+0001.234kg\r\n`
    Generic,
    /// CAS 22-byte: `ST,GS,1<lamp>,0001.234 kg\r\n`
    Cas22,
    /// A&D standard: `ST,+0001.234 kg\r\n`
    AndStandard,
    /// CAS 10-byte: `0001.234\r\n` (no status).
    Cas10,
    /// CAS ECR: answers ENQ with ACK and DC1 with `SOH STX S 01.234kg BCC ETX EOT`.
    CasEcr,
    /// Mettler Toledo 8217: answers `W` with `STX 01.234 CR` and echoes after `E` until `F`.
    Toledo8217,
    /// MT-SICS: answers `S`/`SI` with `S S      1.234 kg`.
    MtSics,
    /// Adam: answers `P` with `   1.234kg` only for a new, non-zero, stable weight.
    Adam,
}

impl SimScaleProtocol {
    pub const ALL: [SimScaleProtocol; 8] = [
        SimScaleProtocol::Generic,
        SimScaleProtocol::Cas22,
        SimScaleProtocol::AndStandard,
        SimScaleProtocol::Cas10,
        SimScaleProtocol::CasEcr,
        SimScaleProtocol::Toledo8217,
        SimScaleProtocol::MtSics,
        SimScaleProtocol::Adam,
    ];

    /// Request/response scales stay silent until asked.
    pub fn answers_requests(self) -> bool {
        matches!(
            self,
            SimScaleProtocol::CasEcr
                | SimScaleProtocol::Toledo8217
                | SimScaleProtocol::MtSics
                | SimScaleProtocol::Adam
        )
    }
}

/// How many frames a weight change shows as "in motion" before settling, like a real
/// platform that wobbles when a parcel is put down.
const SETTLE_FRAMES: u32 = 3;

pub struct VirtualScale {
    /// A symlink to the current pty slave: the "device node" the station opens. It disappears
    /// on [`VirtualScale::unplug`] and comes back, pointing at a fresh pty, on replug — like
    /// `/dev/ttyUSB0` when a USB-serial cable is pulled and plugged back.
    path: String,
    link_dir: std::path::PathBuf,
    protocol: SimScaleProtocol,
    interval: Duration,
    model: Arc<Mutex<Model>>,
    /// The writer thread and its pty; `None` while unplugged.
    plugged: Mutex<Option<Plugged>>,
}

struct Plugged {
    commands: mpsc::Sender<Command>,
    thread: JoinHandle<()>,
}

#[derive(Debug)]
struct Model {
    target: i64,
    shown: i64,
    settling: u32,
    forced_motion: bool,
    overload: bool,
    tick: u64,
    /// Chance (0..=1) that random junk bytes precede a frame.
    noise: f64,
    rng: ChaCha8Rng,
}

enum Command {
    Garbage(Vec<u8>),
}

impl VirtualScale {
    /// Opens a pty pair and starts writing a frame every `interval` (100 ms ≈ a real 10 Hz
    /// indicator). The scale starts at 0 g, stable.
    pub fn start(protocol: SimScaleProtocol, interval: Duration) -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            Self::start_on_pty(protocol, interval)
        }
        #[cfg(not(unix))]
        {
            let _ = (protocol, interval);
            Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "the virtual scale needs a pseudo-terminal and is not supported on this OS",
            ))
        }
    }

    #[cfg(unix)]
    fn start_on_pty(protocol: SimScaleProtocol, interval: Duration) -> std::io::Result<Self> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);

        let link_dir = std::env::temp_dir().join(format!(
            "packdesk-vscale-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&link_dir)?;
        let link = link_dir.join("scale");
        let model = Arc::new(Mutex::new(Model {
            target: 0,
            shown: 0,
            settling: 0,
            forced_motion: false,
            overload: false,
            tick: 0,
            noise: 0.0,
            rng: ChaCha8Rng::seed_from_u64(0x5CA1E),
        }));
        let scale = Self {
            path: link.to_string_lossy().into_owned(),
            link_dir,
            protocol,
            interval,
            model,
            plugged: Mutex::new(None),
        };
        scale.plug_in()?;
        Ok(scale)
    }

    /// Opens a fresh pty pair, starts the writer thread on its master and points the link at
    /// its slave.
    #[cfg(unix)]
    fn plug_in(&self) -> std::io::Result<()> {
        use serialport::SerialPort as _;

        let (master, slave) = serialport::TTYPort::pair().map_err(std::io::Error::from)?;
        let pts = slave
            .name()
            .ok_or_else(|| std::io::Error::other("the pty has no slave path"))?;
        // The station opens the slave by path; our handle would only keep stale bytes alive.
        drop(slave);
        let (commands, command_rx) = mpsc::channel();
        let thread_model = self.model.clone();
        let (protocol, interval) = (self.protocol, self.interval);
        let thread = std::thread::Builder::new()
            .name("virtual-scale".into())
            .spawn(move || {
                if protocol.answers_requests() {
                    requests::serve(master, protocol, interval, &thread_model, &command_rx);
                } else {
                    write_frames(master, protocol, interval, &thread_model, &command_rx);
                }
            })?;
        // Replace the link atomically: a reader retrying its open never sees a half-made one.
        let fresh = self.link_dir.join("scale.new");
        let _ = std::fs::remove_file(&fresh);
        std::os::unix::fs::symlink(&pts, &fresh)?;
        std::fs::rename(&fresh, &self.path)?;
        tracing::debug!(port = %self.path, %pts, protocol = ?self.protocol, "virtual scale plugged in");
        *self.plugged.lock() = Some(Plugged { commands, thread });
        Ok(())
    }

    /// The serial device path the station opens: a link to the current pty slave that stays
    /// the same across [`VirtualScale::unplug`] / [`VirtualScale::replug`].
    pub fn port_path(&self) -> String {
        self.path.clone()
    }

    /// Puts `grams` on the platform: a few frames in motion, then stable at exactly `grams`.
    pub fn set_weight(&self, grams: i64) {
        let mut model = self.model.lock();
        if model.target != grams {
            model.target = grams;
            model.settling = SETTLE_FRAMES;
        }
    }

    /// Keeps the platform moving (unstable frames around the weight) until turned off.
    pub fn set_motion(&self, moving: bool) {
        self.model.lock().forced_motion = moving;
    }

    pub fn set_overload(&self, on: bool) {
        self.model.lock().overload = on;
    }

    /// Line noise: with this probability (0..=1) each frame is preceded by 1–8 random bytes.
    /// The byte sequence is seeded, so a failing run repeats.
    pub fn set_noise(&self, probability: f64) {
        self.model.lock().noise = probability.clamp(0.0, 1.0);
    }

    /// Writes `bytes` as-is between two frames (line noise, a wrong-baud burst, a partial frame).
    /// Lost while unplugged.
    pub fn inject_garbage(&self, bytes: &[u8]) {
        if let Some(plugged) = &*self.plugged.lock() {
            let _ = plugged.commands.send(Command::Garbage(bytes.to_vec()));
        }
    }

    /// Pulls the cable: the pty is closed (the station's reads fail) and the port path
    /// disappears until [`VirtualScale::replug`]. The platform keeps its weight.
    pub fn unplug(&self) {
        let plugged = self.plugged.lock().take();
        if let Some(Plugged { commands, thread }) = plugged {
            drop(commands);
            if thread.join().is_err() {
                tracing::error!("virtual scale thread panicked");
            }
        }
        let _ = std::fs::remove_file(&self.path);
        tracing::debug!(port = %self.path, "virtual scale unplugged");
    }

    /// Plugs the cable back in: a new pty behind the same port path, talking at once.
    /// Does nothing when already plugged in.
    pub fn replug(&self) -> std::io::Result<()> {
        if self.plugged.lock().is_some() {
            return Ok(());
        }
        #[cfg(unix)]
        {
            self.plug_in()
        }
        #[cfg(not(unix))]
        {
            Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "the virtual scale needs a pseudo-terminal",
            ))
        }
    }

    pub fn is_plugged(&self) -> bool {
        self.plugged.lock().is_some()
    }

    /// Stops writing and closes the pty: the station sees the port hang up, like an unplugged cable.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for VirtualScale {
    fn drop(&mut self) {
        self.unplug();
        let _ = std::fs::remove_dir_all(&self.link_dir);
    }
}

fn write_frames(
    mut port: impl std::io::Write,
    protocol: SimScaleProtocol,
    interval: Duration,
    model: &Mutex<Model>,
    commands: &mpsc::Receiver<Command>,
) {
    loop {
        let bytes = match commands.recv_timeout(interval) {
            Ok(Command::Garbage(bytes)) => bytes,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let mut model = model.lock();
                let frame = model.next_frame();
                let mut bytes = model.noise();
                bytes.extend(frames::encode(protocol, frame));
                bytes
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        // Nobody has the port open (broken pipe) or nobody reads it (timeout): a real scale
        // keeps talking into the void too.
        let _ = port.write_all(&bytes);
    }
}

impl Model {
    /// Junk to write before the next frame, if the noise knob says so.
    fn noise(&mut self) -> Vec<u8> {
        if self.noise <= 0.0 || !self.rng.gen_bool(self.noise) {
            return Vec::new();
        }
        let len = self.rng.gen_range(1..=8);
        (0..len).map(|_| self.rng.r#gen::<u8>()).collect()
    }

    fn next_frame(&mut self) -> frames::Frame {
        self.tick += 1;
        if self.overload {
            return frames::Frame::Overload;
        }
        if self.settling > 0 {
            self.settling -= 1;
            // Swing halfway towards the target each frame, landing on it when settled.
            self.shown = if self.settling == 0 {
                self.target
            } else {
                self.shown + (self.target - self.shown) / 2
            };
            return frames::Frame::Weight {
                grams: self.shown,
                stable: false,
            };
        }
        self.shown = self.target;
        if self.forced_motion {
            let wobble = if self.tick.is_multiple_of(2) { 3 } else { -3 };
            return frames::Frame::Weight {
                grams: self.target + wobble,
                stable: false,
            };
        }
        frames::Frame::Weight {
            grams: self.target,
            stable: true,
        }
    }
}
