//! Runs a spooler client (`lp`, `lpstat`) with its input, collecting its output, and kills it
//! if it does not finish in time: a hung `lp` must not hang the print queue.
use std::io::{self, Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How often a running client is checked on. Polled because std cannot wait for a child with
/// a timeout, and a waiter thread could not kill it safely (the pid may be reused once reaped).
const POLL: Duration = Duration::from_millis(5);

pub(super) struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

#[derive(Debug)]
pub(super) enum RunError {
    /// The program is not installed.
    Missing(io::Error),
    Spawn(io::Error),
    TimedOut,
}

/// Runs `program args` in the C locale (its messages are matched in English), feeding `input`
/// on stdin when given.
pub(super) fn run(
    program: &str,
    args: &[&str],
    input: Option<&[u8]>,
    timeout: Duration,
) -> Result<Finished, RunError> {
    let mut child = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => RunError::Missing(e),
            _ => RunError::Spawn(e),
        })?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let deadline = Instant::now() + timeout;
    std::thread::scope(|scope| {
        if let (Some(mut pipe), Some(input)) = (stdin, input) {
            scope.spawn(move || {
                // A client that exits early (unknown queue) closes the pipe: its status says why.
                let _ = pipe.write_all(input);
            });
        }
        let out = scope.spawn(move || read_all(stdout));
        let err = scope.spawn(move || read_all(stderr));
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if Instant::now() >= deadline => {
                    // Killing closes its pipes, which ends the reader and writer threads.
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(RunError::TimedOut);
                }
                Ok(None) => std::thread::sleep(POLL),
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(RunError::Spawn(e));
                }
            }
        }?;
        Ok(Finished {
            status,
            stdout: out.join().unwrap_or_default(),
            stderr: err.join().unwrap_or_default(),
        })
    })
}

fn read_all(pipe: Option<impl Read>) -> String {
    let mut text = String::new();
    if let Some(mut pipe) = pipe {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        text = String::from_utf8_lossy(&bytes).into_owned();
    }
    text
}
