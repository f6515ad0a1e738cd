//! End-to-end tests of the desktop app live in `tests/`; this library is empty on purpose.
//! Run them with `cargo build -p packdesk-app && xvfb-run -a cargo test -p packdesk-e2e`.
