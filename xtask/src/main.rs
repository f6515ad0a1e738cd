//! `cargo xtask run` — set up what is missing and start the desktop app (demo mode without a shop).
//! `cargo xtask test` — set up what is missing and run the whole test suite, as CI does.
//! `cargo xtask bench` — the benchmarks behind docs/benchmarks.md.
//! `cargo xtask bench-app` / `bench-scan` — the app's start time and memory / scan-to-screen latency.
//!
//! Only std, so it builds in seconds on a fresh machine. System packages come from
//! installer/setup-linux.sh (Debian/Ubuntu); on Windows and macOS, Rust and Node are enough.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod app_bench;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("bench") => bench(&args[1..]),
        Some("ui") => build_ui(),
        Some("bench-app") => app_bench::run(&root()),
        Some("bench-scan") => bench_scan(),
        _ => {
            eprintln!(
                "usage: cargo xtask run [-- app args] | test | bench [name] | bench-app | bench-scan | ui"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result = std::result::Result<(), String>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

pub(crate) fn sh(cmd: &mut Command) -> Result {
    eprintln!("▶ {cmd:?}");
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed: {status}"))
    }
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn npm() -> Command {
    let mut c = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    c.current_dir(root().join("ui"));
    c
}

/// Debian/Ubuntu: install missing system packages (webkit2gtk 4.1 …; with `--test` also Xvfb and
/// the WebKit WebDriver). Nothing to do on Windows and macOS.
fn system_packages(for_tests: bool) -> Result {
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    let script = root().join("installer/setup-linux.sh");
    let mut c = Command::new("bash");
    c.arg(script);
    if for_tests {
        c.arg("--test");
    }
    sh(&mut c)
}

fn build_ui() -> Result {
    if !have(if cfg!(windows) { "npm.cmd" } else { "npm" }) {
        return Err(
            "Node.js with npm is needed to build the UI (https://nodejs.org, version 20 or newer)"
                .into(),
        );
    }
    sh(npm().args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]))?;
    sh(npm().args(["run", "build"]))
}

fn run(app_args: &[String]) -> Result {
    system_packages(false)?;
    build_ui()?;
    sh(cargo()
        .args(["run", "-p", "packdesk-app", "--"])
        .args(app_args))
}

fn test() -> Result {
    system_packages(true)?;
    build_ui()?;
    // The UI's pure logic (formatting, wedge classification, hex dumps) under Node's test runner.
    sh(npm().args(["test"]))?;
    sh(cargo().args(["fmt", "--all", "--check"]))?;
    sh(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // Core, store, clients, simulators, labels, devices and the CLI against the simulators.
    sh(cargo().args(["test", "--workspace", "--exclude", "packdesk-e2e"]))?;
    e2e()
}

/// The real desktop app driven through tauri-driver + WebKitWebDriver under Xvfb (Linux).
fn e2e() -> Result {
    if !cfg!(target_os = "linux") {
        eprintln!(
            "e2e: the WebDriver test of the desktop app runs on Linux (WebKitWebDriver); skipped here"
        );
        return Ok(());
    }
    under_webdriver(&["test", "-p", "packdesk-e2e", "--", "--test-threads=1"])
}

/// Scan-to-screen latency of the real app (tests/e2e/benches/scan_latency.rs), under Xvfb.
fn bench_scan() -> Result {
    if !cfg!(target_os = "linux") {
        return Err("bench-scan drives the app through WebKitWebDriver on Linux".into());
    }
    under_webdriver(&["bench", "-p", "packdesk-e2e", "--bench", "scan_latency"])
}

/// Builds the app and runs `cargo <args>` under Xvfb with tauri-driver on PATH.
fn under_webdriver(args: &[&str]) -> Result {
    if !have("tauri-driver") && !root().join("target/tools/bin/tauri-driver").exists() {
        sh(cargo().args([
            "install",
            "tauri-driver",
            "--version",
            "^2",
            "--locked",
            "--root",
            "target/tools",
        ]))?;
    }
    sh(cargo().args(["build", "-p", "packdesk-app"]))?;
    let path = format!(
        "{}:{}",
        root().join("target/tools/bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    sh(Command::new("xvfb-run")
        .current_dir(root())
        .env("PATH", path)
        .args(["-a", "-s", "-screen 0 1280x800x24", "cargo"])
        .args(args))
}

fn bench(which: &[String]) -> Result {
    let mut c = cargo();
    c.args(["bench", "--workspace", "--exclude", "packdesk-e2e"]);
    if let Some(name) = which.first() {
        c.args(["--bench", name]);
    }
    sh(&mut c)
}
