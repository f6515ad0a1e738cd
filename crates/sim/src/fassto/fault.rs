//! Faults a test can queue to see the client cope with a misbehaving FASSTO.

use std::time::Duration;

/// What to do to the next request whose path starts with the given prefix.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Answer with this status and the error envelope; the request is not applied.
    Status(u16),
    /// Apply the request, then answer with this status instead of the real
    /// response — a write whose answer was lost on the way back.
    ApplyThenStatus(u16),
    /// Wait this long before handling the request (for client timeouts).
    Delay(Duration),
}

#[derive(Debug, Default)]
pub struct FaultQueue {
    queued: Vec<(String, Fault)>,
}

impl FaultQueue {
    pub fn push(&mut self, path_prefix: &str, fault: Fault) {
        self.queued.push((path_prefix.to_owned(), fault));
    }

    /// Removes and returns the first fault whose prefix matches `path`.
    pub fn take(&mut self, path: &str) -> Option<Fault> {
        let pos = self
            .queued
            .iter()
            .position(|(p, _)| path.starts_with(p.as_str()))?;
        Some(self.queued.remove(pos).1)
    }
}
