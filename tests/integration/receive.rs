//! `candor-collect receive`: the real server on loopback, spoken to in raw HTTP/1.1 over
//! `std::net::TcpStream`, so every byte a form or an attacker could send is under the test's
//! control. The server listens on 127.0.0.2 while clients connect from 127.0.0.1, so the
//! clients' address can be searched for in everything the server leaves behind.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::collect::PULSE_SURVEY;

mod load;

const SITE_ORIGIN: &str = "https://survey.example.org";
const USER_AGENT: &str = "candor-test-agent/7f3a9c";
const CLIENT_ADDRESS: &str = "127.0.0.1";

/// A site with the pulse survey, and a folder outside it for the server's output.
struct Site {
    dir: tempfile::TempDir,
    logs: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
            logs: tempfile::tempdir().unwrap(),
        };
        let write = |relative: &str, text: &str| {
            let path = site.dir.path().join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "site.yaml",
            &format!("title: Test\nbase_url: {SITE_ORIGIN}/hub/\n"),
        );
        write("surveys/pulse.yaml", PULSE_SURVEY);
        site
    }

    fn store(&self) -> PathBuf {
        self.dir.path().join(".candor/responses.sqlite")
    }

    /// Starts `candor-collect receive` on `bind` and waits for its start-up line.
    fn start(&self, bind: &str, extra: &[&str]) -> Server {
        static STARTS: AtomicUsize = AtomicUsize::new(0);
        let start = STARTS.fetch_add(1, Ordering::Relaxed);
        let stdout = self.logs.path().join(format!("stdout-{start}"));
        let stderr = self.logs.path().join("stderr");
        let stderr_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&stderr)
            .unwrap();
        // Held by a Server at once, so a failed start still kills and reaps it.
        let mut server = Server {
            child: Command::new(env!("CARGO_BIN_EXE_candor-collect"))
                .args(["receive", "--bind", bind])
                .args(extra)
                .current_dir(self.dir.path())
                .stdout(std::fs::File::create(&stdout).unwrap())
                .stderr(stderr_file)
                .stdin(Stdio::null())
                .spawn()
                .unwrap(),
            address: SocketAddr::from(([0, 0, 0, 0], 0)),
            start_line: String::new(),
        };
        let started = Instant::now();
        loop {
            let text = std::fs::read_to_string(&stdout).unwrap_or_default();
            // Only whole lines: a line read while it is being written would give a wrong port.
            let whole = &text[..text.rfind('\n').map_or(0, |end| end + 1)];
            if let Some(line) = whole
                .lines()
                .find(|l| l.starts_with("receiving responses at http://"))
            {
                server.address = line["receiving responses at http://".len()..]
                    .split('/')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                server.start_line = line.to_owned();
                return server;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the server did not start: {text}\n{}",
                std::fs::read_to_string(&stderr).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn query(&self, sql: &str) -> i64 {
        let connection = rusqlite::Connection::open(self.store()).unwrap();
        connection.query_row(sql, [], |row| row.get(0)).unwrap()
    }

    fn stored(&self) -> BTreeMap<String, String> {
        let connection = rusqlite::Connection::open(self.store()).unwrap();
        let mut statement = connection
            .prepare("SELECT response_id, document FROM responses")
            .unwrap();
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

struct Server {
    child: Child,
    address: SocketAddr,
    start_line: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A keep-alive HTTP/1.1 client that reconnects when the connection is gone.
struct Client {
    address: SocketAddr,
    connection: Option<BufReader<TcpStream>>,
}

impl Client {
    fn new(address: SocketAddr) -> Client {
        Client {
            address,
            connection: None,
        }
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Answer> {
        if self.connection.is_none() {
            let stream = TcpStream::connect(self.address)?;
            stream.set_read_timeout(Some(Duration::from_secs(30)))?;
            self.connection = Some(BufReader::new(stream));
        }
        let result = self.exchange(method, path, headers, body);
        if result.is_err() {
            self.connection = None;
        }
        result
    }

    fn exchange(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Answer> {
        let reader = self.connection.as_mut().unwrap();
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {USER_AGENT}\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        let mut bytes = request.into_bytes();
        bytes.extend_from_slice(body);
        reader.get_mut().write_all(&bytes)?;
        let broken = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed");
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(broken());
        }
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(broken)?;
        let mut headers = Vec::new();
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Err(broken());
            }
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                break;
            }
            if let Some((name, value)) = trimmed.split_once(':') {
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let closes = headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("connection") && v.eq_ignore_ascii_case("close"));
        if closes {
            self.connection = None;
        }
        Ok(Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }

    fn post(&mut self, body: &[u8]) -> std::io::Result<Answer> {
        self.send(
            "POST",
            "/responses",
            &[("Content-Type", "application/json")],
            body,
        )
    }
}

/// A valid pulse response with id number `n`; `variant` 1 answers differently.
fn response(n: usize, variant: u8) -> String {
    let answers = match variant {
        0 => r#"{"contacted":"no"}"#,
        _ => r#"{"contacted":"yes","courtesy":4}"#,
    };
    format!(
        r#"{{"format":"candor-response/1","survey":"pulse","version":2,"response_id":"{}","submitted":"2026-03-01","answers":{answers}}}"#,
        id(n)
    )
}

fn id(n: usize) -> String {
    format!("{n:08x}-0000-4000-8000-{n:012x}")
}

#[test]
fn every_status_code_from_a_real_client() {
    let site = Site::new();
    let server = site.start("127.0.0.2:0", &[]);
    assert_eq!(
        server.start_line,
        format!(
            "receiving responses at http://{}/responses into ./.candor/responses.sqlite; accepting forms from {SITE_ORIGIN} (press Ctrl-C to stop)",
            server.address
        )
    );
    let mut client = Client::new(server.address);
    let first = client.post(response(1, 0).as_bytes()).unwrap();
    assert_eq!(
        (first.status, first.body.as_str()),
        (201, r#"{"outcome":"stored"}"#)
    );
    // The same response, formatted differently: a duplicate.
    let spaced = response(1, 0).replace(',', ", ");
    let again = client.post(spaced.as_bytes()).unwrap();
    assert_eq!(
        (again.status, again.body.as_str()),
        (200, r#"{"outcome":"duplicate"}"#)
    );
    let conflict = client.post(response(1, 1).as_bytes()).unwrap();
    assert_eq!(conflict.status, 409);
    assert_eq!(
        conflict.body,
        format!(
            r#"{{"message":"response {} of survey `pulse` is already stored with different answers; the stored one is kept","reason":"conflict"}}"#,
            id(1)
        )
    );
    let not_json = client.post(b"<html>").unwrap();
    assert_eq!(
        (not_json.status, not_json.body.as_str()),
        (
            400,
            r#"{"message":"the file is not a JSON response: it does not start with `{`","reason":"not-json"}"#
        )
    );
    let old_version = client
        .post(
            response(2, 0)
                .replace("\"version\":2", "\"version\":1")
                .as_bytes(),
        )
        .unwrap();
    assert_eq!(old_version.status, 400);
    assert_eq!(
        old_version.body,
        r#"{"message":"the response is for version 1 of survey `pulse`, but the definition is version 2","reason":"version"}"#
    );
    let huge = format!("{{\"a\":\"{}\"}}", "x".repeat(300 * 1024));
    let too_large = client.post(huge.as_bytes()).unwrap();
    assert_eq!(
        (too_large.status, too_large.body.as_str()),
        (
            413,
            r#"{"message":"response files are at most 262144 bytes","reason":"too-large"}"#
        )
    );
    let mut fresh = Client::new(server.address);
    let plain = fresh
        .send(
            "POST",
            "/responses",
            &[("Content-Type", "text/plain")],
            response(3, 0).as_bytes(),
        )
        .unwrap();
    assert_eq!(
        (plain.status, plain.body.as_str()),
        (
            415,
            r#"{"message":"send the response file as Content-Type: application/json","reason":"content-type"}"#
        )
    );
    let get = fresh.send("GET", "/responses", &[], b"").unwrap();
    assert_eq!(
        (get.status, get.header("allow")),
        (405, Some("POST, OPTIONS"))
    );
    assert_eq!(fresh.send("GET", "/nothing", &[], b"").unwrap().status, 404);
    let health = fresh.send("GET", "/health", &[], b"").unwrap();
    assert_eq!(
        (health.status, health.body.as_str()),
        (200, r#"{"status":"ok","stored":{"pulse":1}}"#)
    );

    assert_eq!(site.query("SELECT COUNT(*) FROM responses"), 1);
    assert_eq!(
        site.query("SELECT COUNT(*) FROM quarantine WHERE kind = 'conflict'"),
        1
    );
    assert_eq!(
        site.query("SELECT COUNT(*) FROM quarantine WHERE kind = 'rejected'"),
        2
    );
    // The conflicting and rejected bodies are kept whole, each beside its reason.
    let quarantine = site.dir.path().join(".candor/quarantine");
    let kept: Vec<String> = std::fs::read_dir(&quarantine)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(kept.len(), 6, "{kept:?}");
    assert!(kept.contains(&"<html>".to_owned()));
    assert!(kept.contains(&response(1, 1)));
}

/// More silent connections than the server serves at once (512), and one that sends half its
/// headers: each is closed after the 10 s header timeout, and a good client queued behind them
/// is then served.
#[test]
fn slow_and_silent_clients_are_cut_off_and_do_not_stop_others() {
    let site = Site::new();
    let server = site.start("127.0.0.2:0", &[]);
    let started = Instant::now();
    let mut slow = TcpStream::connect(server.address).unwrap();
    slow.write_all(b"POST /responses HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // When the server closes the half request, seen on a thread of its own: reading it after
    // the good client was served measured that wait too, and failed under load though the
    // server kept to its deadline.
    slow.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let cut_off = std::thread::spawn(move || {
        let mut rest = Vec::new();
        let closed = slow.read_to_end(&mut rest).is_ok();
        (closed, started.elapsed())
    });
    let silent: Vec<TcpStream> = (0..600)
        .map(|_| TcpStream::connect(server.address).unwrap())
        .collect();
    let mut client = Client::new(server.address);
    assert_eq!(client.post(response(1, 0).as_bytes()).unwrap().status, 201);
    let served = started.elapsed();
    // It waited its turn (connections are bounded), and got it once the silent ones timed out
    // (the client's read timeout, 30 s, bounds the wait from above).
    assert!(served > Duration::from_secs(5), "served after {served:?}");
    let (closed, waited) = cut_off.join().unwrap();
    // Closed by the server, not by the test's 60 s read timeout; never before the 10 s header
    // deadline's first half.
    assert!(closed, "the half request was kept {waited:?}");
    assert!(
        waited > Duration::from_secs(5),
        "cut off too early: {waited:?}"
    );
    drop(silent);
}

fn preflight(client: &mut Client, origin: &str) -> Answer {
    client
        .send(
            "OPTIONS",
            "/responses",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
        .unwrap()
}

#[test]
fn cross_origin_requests_only_from_the_site_and_allowed_origins() {
    let site = Site::new();
    let server = site.start("127.0.0.2:0", &["--allow-origin", "http://kiosk.lan:8080"]);
    assert!(
        server.start_line.contains(&format!(
            "accepting forms from {SITE_ORIGIN}, http://kiosk.lan:8080 "
        )),
        "{}",
        server.start_line
    );
    let mut client = Client::new(server.address);
    for origin in [SITE_ORIGIN, "http://kiosk.lan:8080"] {
        let allowed = preflight(&mut client, origin);
        assert_eq!(allowed.status, 204, "{origin}");
        assert_eq!(allowed.header("access-control-allow-origin"), Some(origin));
        assert_eq!(allowed.header("access-control-allow-methods"), Some("POST"));
        assert_eq!(
            allowed.header("access-control-allow-headers"),
            Some("content-type")
        );
    }
    for origin in [
        "https://evil.example",
        "null",
        "https://survey.example.org.evil.example",
    ] {
        let refused = preflight(&mut client, origin);
        assert_eq!(refused.status, 403, "{origin}");
        assert_eq!(refused.header("access-control-allow-origin"), None);
        let post = client
            .send(
                "POST",
                "/responses",
                &[("Content-Type", "application/json"), ("Origin", origin)],
                response(9, 0).as_bytes(),
            )
            .unwrap();
        assert_eq!(post.status, 403);
        assert_eq!(post.header("access-control-allow-origin"), None);
    }
    assert_eq!(site.query("SELECT COUNT(*) FROM responses"), 0);
    let stored = client
        .send(
            "POST",
            "/responses",
            &[
                ("Content-Type", "application/json"),
                ("Origin", SITE_ORIGIN),
            ],
            response(9, 0).as_bytes(),
        )
        .unwrap();
    assert_eq!(stored.status, 201);
    assert_eq!(
        stored.header("access-control-allow-origin"),
        Some(SITE_ORIGIN)
    );
}

#[test]
fn a_wildcard_origin_or_an_address_without_port_is_refused() {
    let site = Site::new();
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_candor-collect"))
            .arg("receive")
            .args(args)
            .current_dir(site.dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output.status.code(), stderr)
    };
    assert_eq!(
        run(&["--allow-origin", "*"]),
        (
            Some(2),
            "error: invalid value '*' for '--allow-origin <ORIGIN>': * is not an origin: write it \
             as scheme://host[:port], e.g. https://survey.example.org\n\n\
             For more information, try '--help'.\n"
                .to_owned()
        )
    );
    assert_eq!(
        run(&["--bind", "192.168.1.10"]),
        (
            Some(2),
            "error: --bind 192.168.1.10 is not an address and port: write e.g. 127.0.0.1:8750 \
             or 192.168.1.10:8750\n"
                .to_owned()
        )
    );
}

/// Found in review: the collector answered any `Host`, so a web page pointing a host name of
/// its own at 127.0.0.1 (DNS rebinding) could read `/health` — the surveys and how many have
/// answered — as its own origin. A loopback collector answers only to its own address.
#[test]
fn a_loopback_collector_refuses_requests_for_other_host_names() {
    let site = Site::new();
    let server = site.start("127.0.0.1:0", &[]);
    let ask = |host: &str| {
        let mut stream = TcpStream::connect(server.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(
            stream,
            "GET /health HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        reply.lines().next().unwrap_or_default().to_owned()
    };
    assert_eq!(
        ask("rebound.example:80"),
        "HTTP/1.1 421 Misdirected Request"
    );
    assert_eq!(
        ask(&format!("localhost:{}", server.address.port())),
        "HTTP/1.1 200 OK"
    );
    assert_eq!(ask(&server.address.to_string()), "HTTP/1.1 200 OK");
}
