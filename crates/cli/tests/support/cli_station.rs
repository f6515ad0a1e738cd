//! The `packdesk` binary run against one station directory (its SQLite file, file-backed secrets,
//! data dir), shared by the CLI integration tests. Each test file includes it with
//! `#[path = "support/cli_station.rs"] mod cli_station;` and implements [`CliStation`] for its own
//! station type, which keeps what only that file needs.

// A test binary uses only part of this module.
#![allow(dead_code)]

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The OAuth redirect the simulated shop accepts (nothing listens there: the CLI is given the code).
pub const REDIRECT: &str = "http://127.0.0.1:9/callback";

/// A free port on loopback for a simulator.
pub fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

pub trait CliStation {
    /// The station's directory: database, secrets and data live in it.
    fn dir(&self) -> &Path;

    fn db(&self) -> PathBuf {
        self.dir().join("station.sqlite")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_packdesk"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env("PACKDESK_SECRETS", "file")
            .env("PACKDESK_DATA_DIR", self.dir())
            .output()
            .unwrap()
    }

    /// Runs a command that must succeed; its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "packdesk {args:?} failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// Runs a command that must fail; its standard error (the code and both languages).
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "packdesk {args:?} should have failed:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// Runs a command that must succeed and prints JSON.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("packdesk {args:?}: not JSON ({e}):\n{out}"))
    }
}
