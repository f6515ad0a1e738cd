//! Names of the events the shell emits to the UI (ui/src/api.ts `EVENTS` mirrors them).

/// Payload `SyncReport`: the background delivery ran; the UI refreshes its counts and ✓ marks.
pub const OUTBOX_SYNCED: &str = "outbox-synced";
/// Payload `ErrorPayload`: the background delivery failed (usually offline); it retries later.
pub const SYNC_FAILED: &str = "sync-failed";
/// Payload `String`: the Cafe24 consent page the connect flow opened in the browser.
pub const CONSENT_URL: &str = "consent-url";
/// Payload `CollectProgress`: a collection (scheduled or by hand) moved on; `running: false` = done.
pub const COLLECT_PROGRESS: &str = "collect-progress";
/// Payload `SerialScanEvent`: the serial scanner's scan was handled (shipped or refused); the UI
/// shows the banner and refreshes the list, as after a wedge scan.
pub const SERIAL_SCAN: &str = "serial-scan";
/// No payload: a port or USB device came or went, or a device's link changed; the device page
/// and the header re-read `devices`.
pub const DEVICES_CHANGED: &str = "devices-changed";
