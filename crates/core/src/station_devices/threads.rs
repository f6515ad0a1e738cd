//! Small helpers shared by the device threads.
use std::sync::Arc;
use std::thread::JoinHandle;

/// Tells the desk that something the device page shows has changed.
pub type Notify = Arc<dyn Fn() + Send + Sync>;

/// Joins a device thread, unless this *is* that thread: a thread that upgraded its weak desk
/// handle may end up dropping the last one, and joining itself would never return.
pub fn join_unless_self(thread: JoinHandle<()>, what: &str) {
    if thread.thread().id() == std::thread::current().id() {
        return;
    }
    if thread.join().is_err() {
        tracing::error!(thread = what, "a device thread panicked");
    }
}
