//! Opening a serial line the way every station device wants it (no flow control, a short read
//! timeout so reader threads notice a stop, stale bytes dropped), and waiting for a lost one to
//! come back. Shared by the scale and scanner readers and by scale detection.

use std::sync::mpsc;
use std::time::Duration;

use serialport::{ClearBuffer, SerialPort};

use crate::scale::LineSettings;

/// How often a lost port (device or USB adapter unplugged) is tried again.
pub(crate) const RECONNECT_EVERY: Duration = Duration::from_secs(1);

/// Opens `path` with `settings`, then drops what queued up before we opened (`clear`): a half
/// frame left over would glue onto the first real one.
pub(crate) fn open(
    path: &str,
    settings: LineSettings,
    read_timeout: Duration,
    clear: ClearBuffer,
) -> serialport::Result<Box<dyn SerialPort>> {
    let port = serialport::new(path, settings.baud)
        .data_bits(settings.data_bits.into())
        .parity(settings.parity.into())
        .stop_bits(settings.stop_bits.into())
        .flow_control(serialport::FlowControl::None)
        .timeout(read_timeout)
        .open()?;
    if let Err(e) = port.clear(clear) {
        tracing::debug!(port = path, error = %e, "could not clear the serial buffers");
    }
    Ok(port)
}

/// Tries `open` every [`RECONNECT_EVERY`] until it works (Some) or `stop` fires (None);
/// `on_fail` hears each failed attempt.
pub(crate) fn reopen(
    path: &str,
    settings: LineSettings,
    read_timeout: Duration,
    stop: &mpsc::Receiver<()>,
    mut on_fail: impl FnMut(serialport::Error),
) -> Option<Box<dyn SerialPort>> {
    loop {
        match stop.recv_timeout(RECONNECT_EVERY) {
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
        match open(path, settings, read_timeout, ClearBuffer::Input) {
            Ok(port) => return Some(port),
            Err(e) => on_fail(e),
        }
    }
}

/// A stop was sent, or the reader's owner is gone.
pub(crate) fn stop_requested(stop: &mpsc::Receiver<()>) -> bool {
    !matches!(stop.try_recv(), Err(mpsc::TryRecvError::Empty))
}
