//! A minimal W3C WebDriver client over a plain loopback TCP connection: just the commands the
//! survey browser tests use (navigate, find, click, type, run a script). Small enough to read
//! in one sitting, synchronous, and without the dependency tree of a full client crate.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long to wait for the browser before giving up: only a bound on a hang. Headless
/// Chromium shares two cores with the rest of the suite and can be slow to start or to run a
/// page's script.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The key W3C WebDriver uses for element references.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process on a free loopback port, stopped when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub fn start(chromedriver: &Path) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let driver = Driver { child, port };
        // Readiness, not timing: poll until chromedriver answers, giving up after a generous
        // bound so a broken installation fails instead of hanging.
        let started = Instant::now();
        while request(port, "GET", "/status", None).is_err() {
            assert!(started.elapsed() < PATIENCE, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// Opens a headless Chromium session that downloads into `downloads` without asking.
    pub fn session(&self, chromium: &Path, profile: &Path, downloads: &Path) -> Session {
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1000,1400",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                    "safebrowsing.enabled": false,
                    "profile.default_content_setting_values.automatic_downloads": 1,
                },
            },
        }}});
        let reply = request(self.port, "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("cannot create a browser session: {e}"));
        let id = reply["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id in {reply}"))
            .to_owned();
        let session = Session {
            port: self.port,
            id,
        };
        // Headless Chromium also needs downloads allowed through DevTools.
        session.devtools(
            "Page.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": downloads}),
        );
        session
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session, closed when dropped.
pub struct Session {
    port: u16,
    id: String,
}

/// A reference to an element of the current page.
#[derive(Clone)]
pub struct Element(String);

impl Session {
    fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.id);
        let body = (method == "POST").then_some(&body);
        match request(self.port, method, &path, body) {
            Ok(reply) => reply,
            Err(error) => panic!("WebDriver {method} {path} failed: {error}"),
        }
    }

    /// Sends a Chrome DevTools command (downloads, media emulation).
    pub fn devtools(&self, command: &str, params: Value) -> Value {
        self.command(
            "POST",
            "/chromium/send_command_and_get_result",
            json!({ "cmd": command, "params": params }),
        )
    }

    /// Resizes the browser window (CSS pixels at zoom 100 %).
    pub fn resize(&self, width: u32, height: u32) {
        self.command(
            "POST",
            "/window/rect",
            json!({ "width": width, "height": height }),
        );
    }

    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", json!({ "url": url }));
    }

    pub fn find(&self, css: &str) -> Element {
        let reply = self.command(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        match reply[ELEMENT_KEY].as_str() {
            Some(id) => Element(id.to_owned()),
            None => panic!("no element {css}: {reply}"),
        }
    }

    /// Types `text` into the element as keystrokes (it is focused first).
    pub fn send_keys(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.command(
            "POST",
            &format!("/element/{}/value", element.0),
            json!({ "text": text }),
        );
    }

    /// Runs `script` (a function body) in the page and returns its result.
    pub fn run(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    pub fn run_string(&self, script: &str) -> String {
        match self.run(script) {
            Value::String(text) => text,
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    pub fn run_bool(&self, script: &str) -> bool {
        self.run(script)
            .as_bool()
            .unwrap_or_else(|| panic!("not a boolean: {script}"))
    }

    /// Polls `script` until it returns true, panicking with `what` after a generous bound.
    pub fn wait_for(&self, what: &str, script: &str) {
        let started = Instant::now();
        while !self.run_bool(script) {
            assert!(started.elapsed() < PATIENCE, "gave up waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = request(self.port, "DELETE", &format!("/session/{}", self.id), None);
    }
}

/// A loopback port nobody uses right now, for a program that binds it later. It is taken from
/// below the kernel's range of ephemeral ports (32768 and up on Linux): a port from `bind(0)`
/// is released at once and may be handed to any other socket — another test's server, or one
/// of the thousands of client connections the load tests open — before the program binds it.
/// Below the range only another explicit choice can take it; the start is spread by process
/// and call so that concurrent test runs on one machine do not try the same ports.
pub fn free_port() -> u16 {
    static CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (low, span) = (20_000u32, 12_000u32);
    let start = std::process::id()
        .wrapping_mul(7919)
        .wrapping_add(call * 613);
    (0..span)
        .map(|step| (low + (start + step) % span) as u16)
        .find(|&port| TcpListener::bind(("127.0.0.1", port)).is_ok())
        .expect("a free loopback port below the ephemeral range")
}

/// One HTTP/1.1 request to chromedriver; returns the `value` of its JSON reply.
fn request(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .map_err(|e| e.to_string())?;
    // chromedriver keeps connections open whatever the request says, so read exactly the
    // announced body rather than to the end of the stream.
    let mut reply = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let (head, body) = loop {
        let read = stream.read(&mut buffer).map_err(|e| e.to_string())?;
        if read == 0 {
            return Err(format!(
                "connection closed: {}",
                String::from_utf8_lossy(&reply)
            ));
        }
        reply.extend_from_slice(&buffer[..read]);
        let Some(split) = reply.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&reply[..split]).to_ascii_lowercase();
        let body = &reply[split + 4..];
        let complete = if head.contains("transfer-encoding: chunked") {
            body.ends_with(b"0\r\n\r\n")
        } else {
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|length| length.trim().parse::<usize>().ok())
                .unwrap_or(0);
            body.len() >= length
        };
        if complete {
            let body = if head.contains("transfer-encoding: chunked") {
                dechunk(body)
            } else {
                body.to_vec()
            };
            break (head, body);
        }
    };
    let json: Value = serde_json::from_slice(&body)
        .map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&body)))?;
    if !head.starts_with("http/1.1 2") {
        return Err(format!("{}: {}", head.lines().next().unwrap_or(""), json));
    }
    Ok(json["value"].clone())
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end])
            .ok()
            .and_then(|size| usize::from_str_radix(size.trim(), 16).ok())
            .unwrap_or(0);
        let rest = &body[end + 2..];
        if size == 0 || rest.len() < size {
            break;
        }
        out.extend_from_slice(&rest[..size]);
        body = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
    }
    out
}
