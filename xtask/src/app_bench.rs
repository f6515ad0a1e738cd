//! `cargo xtask bench-app`: the desktop app's start-to-window time and the resident memory of its
//! whole process tree (app + WebKit web/network processes), beside a hello-world Tauri window
//! measured the same way (tests/hello-tauri). Linux, under a private Xvfb.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const SETTLE: Duration = Duration::from_secs(4);
const DISPLAY: &str = ":97";

struct Sample {
    window_ms: f64,
    rss_mb: f64,
}

pub fn run(root: &Path) -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err("bench-app measures under Xvfb on Linux".into());
    }
    super::sh(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(root)
            .args(["build", "-p", "packdesk-app", "-p", "hello-tauri"]),
    )?;
    let mut xvfb = Command::new("Xvfb")
        .args([DISPLAY, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Xvfb: {e}"))?;
    let socket = format!("/tmp/.X11-unix/X{}", &DISPLAY[1..]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !Path::new(&socket).exists() {
        if Instant::now() > deadline {
            let _ = xvfb.kill();
            return Err("Xvfb did not start".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let apps = [("hello-tauri", "Hello Tauri"), ("packdesk-app", "Packdesk")];
    let mut results: Vec<(&str, Vec<Sample>)> = Vec::new();
    for (bin, title) in apps {
        let mut samples = Vec::new();
        for i in 0..RUNS {
            samples.push(measure(root, bin, title, i)?);
        }
        results.push((bin, samples));
    }
    let _ = xvfb.kill();
    let _ = xvfb.wait();

    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut lines = vec![format!(
        "{:<14} {:>16} {:>18}",
        "app", "start→window ms", "tree RSS MB"
    )];
    let mut medians = HashMap::new();
    for (bin, samples) in &results {
        let mut w: Vec<f64> = samples.iter().map(|s| s.window_ms).collect();
        let mut r: Vec<f64> = samples.iter().map(|s| s.rss_mb).collect();
        let (mw, mr) = (median(&mut w), median(&mut r));
        medians.insert(*bin, (mw, mr));
        lines.push(format!("{bin:<14} {mw:>16.0} {mr:>18.1}"));
    }
    if let (Some(h), Some(p)) = (medians.get("hello-tauri"), medians.get("packdesk-app")) {
        lines.push(format!(
            "ratio packdesk/hello: start {:.2}×, memory {:.2}× (goal ≤ 1.30×); median of {RUNS} runs",
            p.0 / h.0,
            p.1 / h.1
        ));
    }
    let report = lines.join("\n");
    println!("{report}");
    std::fs::write(root.join("target/bench-app.txt"), report).map_err(|e| e.to_string())?;
    Ok(())
}

fn measure(root: &Path, bin: &str, title: &str, run: usize) -> Result<Sample, String> {
    use std::os::unix::process::CommandExt;
    let home = root.join(format!("target/bench-app/{bin}-{run}"));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut child = Command::new(root.join("target/debug").join(bin))
        .env("DISPLAY", DISPLAY)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("PACKDESK_SECRETS", "file")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("{bin}: {e}"))?;
    let found = Command::new("xdotool")
        .env("DISPLAY", DISPLAY)
        .args(["search", "--sync", "--onlyvisible", "--name", title])
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("xdotool (apt install xdotool): {e}"))?;
    let window_ms = start.elapsed().as_secs_f64() * 1e3;
    if !found.success() {
        let _ = child.kill();
        return Err(format!("{bin}: no window titled {title}"));
    }
    // Memory is read once the app has settled (demo data loaded, WebKit processes up).
    std::thread::sleep(SETTLE);
    let rss_mb = tree_rss_kb(child.id()) as f64 / 1024.0;
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.wait();
    Ok(Sample { window_ms, rss_mb })
}

/// VmRSS of a process and all its descendants, in kB.
fn tree_rss_kb(root_pid: u32) -> u64 {
    let mut parent_of: HashMap<u32, u32> = HashMap::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for entry in dir.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            // The command name is in parentheses and may contain spaces: read after the last ')'.
            let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
                continue;
            };
            if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
                parent_of.insert(pid, ppid);
            }
        }
    }
    let in_tree = |mut pid: u32| {
        while pid > 1 {
            if pid == root_pid {
                return true;
            }
            pid = parent_of.get(&pid).copied().unwrap_or(0);
        }
        false
    };
    parent_of
        .keys()
        .filter(|p| in_tree(**p))
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/status")).ok())
        .filter_map(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .sum()
}
