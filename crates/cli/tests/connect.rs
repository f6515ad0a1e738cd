//! `packdesk connect cafe24` without `--code`: the consent URL is printed, the browser (here a
//! plain HTTP client following the redirect) consents, and the CLI catches the code on loopback.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr};
use std::process::{Command, Stdio};

use packdesk_sim::cafe24::{Cafe24Sim, SimConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_consent_redirect_is_caught_on_loopback() {
    let sim = Cafe24Sim::start(
        SimConfig::default(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_packdesk"))
        .arg("--db")
        .arg(dir.path().join("s.sqlite"))
        .args([
            "connect",
            "cafe24",
            "--mall-id",
            "demoshop",
            "--client-id",
            "demo-client",
        ])
        .args([
            "--client-secret",
            "demo-secret",
            "--redirect-uri",
            "http://127.0.0.1:0/callback",
        ])
        .arg("--api-base")
        .arg(sim.base_url().as_str())
        .env("PACKDESK_SECRETS", "file")
        .env("PACKDESK_NO_BROWSER", "1")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("the CLI prints the consent URL")
            .unwrap();
        if let Some(at) = line.find("http") {
            break line[at..].trim().to_string();
        }
    };
    assert!(
        url.contains("/api/v2/oauth/authorize") && url.contains("client_id=demo-client"),
        "{url}"
    );
    // The "browser": follow the simulator's 302 to the CLI's loopback listener.
    let page = reqwest::get(&url).await.unwrap();
    assert!(page.status().is_success());
    assert!(page.text().await.unwrap().contains("연결되었습니다"));
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    assert!(child.wait().unwrap().success());
    assert!(
        rest.iter().any(|l| l.contains("connected: demoshop")),
        "{rest:?}"
    );
    assert_eq!(sim.stats().code_exchanges, 1);
}
