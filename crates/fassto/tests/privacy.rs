//! What the client logs: every request and outcome, and never a recipient's
//! name, phone or address, nor the API key or token.
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use std::io::Write;
use std::sync::{Arc, Mutex};

use harness::*;
use packdesk_sim::fassto::Fault;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

// A current-thread runtime, so the thread-local subscriber sees every task.
#[tokio::test(flavor = "current_thread")]
async fn logs_trace_requests_without_personal_data() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("packdesk_fassto=trace")
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sim = sim().await;
    let key = sim.config().api_key.clone();
    let client = connected(&sim).await;
    sim.expire_tokens();
    sim.inject_fault("/api/v1/delivery/parcel", Fault::Status(500));
    let failed = client
        .register_outbound(&[request("ORD-1", "SKU-MUG", 1)])
        .await;
    assert!(failed[0].outcome.is_err());
    let results = client
        .register_outbound(&[request("ORD-2", "SKU-MUG", 1), request("ORD-3", "NOPE", 1)])
        .await;
    assert!(results[0].outcome.is_ok());
    client.stock().await.unwrap();
    sim.shutdown().await;

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // Requests and outcomes are there …
    assert!(text.contains("fms request"), "{text}");
    assert!(text.contains("outbound.register"), "{text}");
    assert!(text.contains("FMS_OUTCOME_UNKNOWN"), "{text}");
    assert!(text.contains("registered=1"), "{text}");
    assert!(text.contains("signing in again"), "{text}");
    // … people and secrets are not.
    for secret in [
        "홍길동",
        "01012345678",
        "1234-5678",
        "마포구",
        "와우산로",
        "문 앞에",
        "04066",
        &key,
    ] {
        assert!(!text.contains(secret), "log leaks {secret:?}:\n{text}");
    }
    let tokens = sim_tokens_seen(&text);
    assert!(tokens.is_empty(), "log leaks token-like strings {tokens:?}");
}

/// 40-character alphanumeric runs: the simulator's token shape.
fn sim_tokens_seen(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() == 40)
        .map(str::to_owned)
        .collect()
}
