//! The harness shared by the WebDriver test (`tests/app.rs`) and the scan-latency bench
//! (`benches/scan_latency.rs`): start tauri-driver in a throwaway home, open a session with the
//! real app, wait for the page, take screenshots.
//!
//! Test-support code only: it panics with a message instead of returning errors, like a test.
#![allow(clippy::unwrap_used)]

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub const DRIVER_PORT: u16 = 4444;
pub const NATIVE_PORT: u16 = 4445;
/// WebDriver's code for the Enter key: a scanner ends every code with it.
pub const ENTER: &str = "\u{E007}";
/// Generous: the first start seeds the demo shop, and CI machines have two slow cores.
pub const START_DEADLINE: Duration = Duration::from_secs(90);
pub const STEP_DEADLINE: Duration = Duration::from_secs(30);
pub const POLL: Duration = Duration::from_millis(100);

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn app_binary() -> PathBuf {
    if let Ok(p) = std::env::var("PACKDESK_APP_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("target"));
    let bin = target.join("debug").join("packdesk-app");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build -p packdesk-app` first",
        bin.display()
    );
    bin.canonicalize().unwrap()
}

fn tauri_driver() -> PathBuf {
    if let Ok(p) = std::env::var("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let on_path = std::env::var_os("PATH").map(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("tauri-driver"))
            .find(|p| p.exists())
    });
    on_path
        .flatten()
        .or_else(|| {
            let cargo_home = std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
            Some(cargo_home.join("bin/tauri-driver")).filter(|p| p.exists())
        })
        .or_else(|| {
            Some(workspace_root().join("target/tools/bin/tauri-driver")).filter(|p| p.exists())
        })
        .expect("tauri-driver not found: `cargo install tauri-driver --locked`")
}

pub fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("out");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn assert_display() {
    assert!(
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
        "no display: run under `xvfb-run -a cargo test -p packdesk-e2e`"
    );
}

/// tauri-driver plus the throwaway home the app runs in. Dropping it stops the driver with
/// SIGTERM: only its signal handler stops WebKitWebDriver (SIGKILL would orphan it).
pub struct Driver {
    child: Child,
    home: tempfile::TempDir,
}

impl Driver {
    pub fn start() -> Driver {
        let home = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(out_dir().join("tauri-driver.log")).unwrap();
        let mut cmd = Command::new(tauri_driver());
        cmd.args([
            "--port",
            &DRIVER_PORT.to_string(),
            "--native-port",
            &NATIVE_PORT.to_string(),
        ])
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
        // The driver starts WebKitWebDriver, which starts the app: all inherit this environment,
        // so the app's database, logs, keychain fallback and WebKit caches stay in the tempdir.
        for (var, sub) in [
            ("HOME", ""),
            ("XDG_DATA_HOME", ".local/share"),
            ("XDG_CONFIG_HOME", ".config"),
            ("XDG_CACHE_HOME", ".cache"),
        ] {
            let dir = home.path().join(sub);
            std::fs::create_dir_all(&dir).unwrap();
            cmd.env(var, dir);
        }
        cmd.env("PACKDESK_SECRETS", "file")
            .env_remove("PACKDESK_DB")
            .env_remove("PACKDESK_DATA_DIR");
        let child = cmd.spawn().expect("start tauri-driver");
        let driver = Driver { child, home };

        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", DRIVER_PORT)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {DRIVER_PORT}"
            );
            std::thread::sleep(POLL);
        }
        driver
    }

    /// The throwaway HOME the app runs in.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// A WebDriver session with the app (which starts it).
    pub async fn session(&self) -> Client {
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": app_binary() },
        });
        ClientBuilder::native()
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{DRIVER_PORT}"))
            .await
            .expect("WebDriver session with the app")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(POLL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `script` (a JS function body's value) until `done` accepts it, or fails with what it saw last.
pub async fn wait_js(
    c: &Client,
    what: &str,
    deadline: Duration,
    script: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let until = Instant::now() + deadline;
    let mut last;
    loop {
        match c.execute(script, vec![]).await {
            Ok(v) if done(&v) => return v,
            Ok(v) => last = v,
            Err(e) => last = json!(format!("script error: {e}")),
        }
        assert!(
            Instant::now() < until,
            "timed out waiting for {what}; last seen: {last}"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until the app has opened its desk (the mode badge leaves "starting") and returns its text.
pub async fn wait_started(c: &Client) -> String {
    let badge = wait_js(
        c,
        "the mode badge",
        START_DEADLINE,
        "const b = document.getElementById('mode-badge'); return b && b.dataset.mode !== 'starting' ? b.innerText : null;",
        |v| v.is_string(),
    )
    .await;
    badge.as_str().unwrap_or_default().to_owned()
}

pub async fn click(c: &Client, id: &str) {
    c.find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click #{id}: {e}"));
}

/// Saves what the window shows now, after two animation frames (a screenshot can lag the DOM).
pub async fn screenshot(c: &Client, name: &str) {
    c.execute_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));", vec![])
        .await
        .unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(out_dir().join(name), png).unwrap();
}

/// Where screenshots of a test go: `PACKDESK_E2E_SHOTS` when set (a review folder), else
/// [`out_dir`], so CI keeps them beside the driver log.
pub fn shots_dir() -> PathBuf {
    let dir = std::env::var_os("PACKDESK_E2E_SHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(out_dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// [`screenshot`] into [`shots_dir`]; returns the file written.
pub async fn screenshot_shot(c: &Client, name: &str) -> PathBuf {
    c.execute_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));", vec![])
        .await
        .unwrap();
    let png = c.screenshot().await.unwrap();
    let path = shots_dir().join(name);
    std::fs::write(&path, png).unwrap();
    path
}

/// Calls a Tauri command from inside the page through the same `window.__TAURI__` IPC the UI's
/// api.ts uses: `Ok(value)` or `Err(error payload)`. For what the UI offers no control for, and
/// for reading back what the desk recorded.
pub async fn invoke(c: &Client, cmd: &str, args: Value) -> Result<Value, Value> {
    let answer = c
        .execute_async(
            r#"const [cmd, args, done] = arguments;
               window.__TAURI__.core.invoke(cmd, args).then(
                 (v) => done({ ok: v === undefined ? null : v }),
                 (e) => done({ err: e === undefined ? null : e }));"#,
            vec![json!(cmd), args],
        )
        .await
        .unwrap_or_else(|e| panic!("invoke {cmd}: {e}"));
    match answer.get("ok") {
        Some(v) => Ok(v.clone()),
        None => Err(answer.get("err").cloned().unwrap_or(Value::Null)),
    }
}

/// Types WebDriver keys (e.g. `"\u{E03A}"` for F10) into whatever has the focus, as a packer's
/// keyboard would; the page's window-level shortcuts see them bubble up.
pub async fn press(c: &Client, keys: &str) {
    c.active_element()
        .await
        .unwrap_or_else(|e| panic!("no focused element for keys: {e}"))
        .send_keys(keys)
        .await
        .unwrap_or_else(|e| panic!("send keys: {e}"));
}

/// Empties the input matched by `css` the way a person deleting its text would. WebDriver's
/// `clear()` fires only `change`: a controlled Preact input that re-renders meanwhile (the app
/// polls its counts) gets its old value back and the next keys land after it. Setting the value
/// and firing `input` updates the form's own state first, so nothing can put the old text back.
pub async fn empty_input(c: &Client, css: &str) {
    let q = serde_json::to_string(css).expect("a CSS selector is a string");
    let script = format!(
        "const e = document.querySelector({q}); if (!e) return false; e.value = '';
         e.dispatchEvent(new Event('input', {{ bubbles: true }})); return true;"
    );
    let found = c.execute(&script, vec![]).await.expect("the script runs");
    assert_eq!(
        found,
        serde_json::Value::Bool(true),
        "no input {css} to empty"
    );
}

/// Types `text` into the input `id` (emptied first, see [`empty_input`]) and waits until the page
/// holds it. To leave the box empty it types and deletes: the forms read `input` events.
pub async fn fill(c: &Client, id: &str, text: &str) {
    let input = c
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"));
    empty_input(c, &format!("#{id}")).await;
    let keys = if text.is_empty() {
        format!("0{BACKSPACE}")
    } else {
        text.to_owned()
    };
    input.send_keys(&keys).await.expect("keys typed");
    wait_js(
        c,
        &format!("#{id} holding {text:?}"),
        STEP_DEADLINE,
        &format!("return document.getElementById('{id}').value;"),
        |v| v == text,
    )
    .await;
}

/// WebDriver's Backspace key.
pub const BACKSPACE: &str = "\u{E003}";

/// Waits until the element `id` is on screen (present and laid out).
pub async fn wait_shown(c: &Client, id: &str) {
    wait_js(
        c,
        &format!("#{id} shown"),
        STEP_DEADLINE,
        &format!(
            "const e = document.getElementById('{id}'); return !!e && e.offsetParent !== null;"
        ),
        |v| v == true,
    )
    .await;
}

/// A screenshot of a page that may be still. WebKitWebDriver takes it at the page's next
/// presentation update, and a page where nothing moves (a focused button, no caret blinking) may
/// present none for minutes — seen on the 주문처리 page: 520 s until the demo's next scheduled
/// collection changed a count. A 1-pixel corner that changes colour every frame keeps frames
/// coming while the screenshot is taken.
pub async fn screenshot_ticking(c: &Client, name: &str) -> PathBuf {
    c.execute(
        r#"if (!document.getElementById('e2e-frame-tick')) {
             const s = document.createElement('style');
             s.id = 'e2e-frame-tick-style';
             s.textContent = '@keyframes e2e-tick { from { background: rgba(0,0,0,0.01) } to { background: rgba(0,0,0,0.02) } }';
             document.head.appendChild(s);
             const d = document.createElement('div');
             d.id = 'e2e-frame-tick';
             d.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;animation:e2e-tick 0.1s infinite alternate';
             document.body.appendChild(d);
           }"#,
        vec![],
    )
    .await
    .expect("the frame tick is added");
    let path = screenshot_shot(c, name).await;
    c.execute(
        "for (const id of ['e2e-frame-tick', 'e2e-frame-tick-style']) document.getElementById(id)?.remove();",
        vec![],
    )
    .await
    .expect("the frame tick is removed");
    path
}
