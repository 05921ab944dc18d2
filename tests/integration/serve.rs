//! `candor serve`: a real server on a free loopback port, fetched with a minimal HTTP client,
//! edited on disk while it runs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::TestSite;

/// Generous: these bound a hang, they do not measure speed.
const PATIENCE: Duration = Duration::from_secs(20);

/// A base template that loads the live-reload script in serve mode, as real themes do.
const BASE_WITH_RELOAD: &str = "<!doctype html><html lang=\"{{ site.language }}\"><title>{% block title %}{{ site.title }}{% endblock title %}</title><body>{% block content %}{% endblock content %}{% if live_reload %}<script src=\"{{ site.base_path }}__candor/live-reload.js\"></script>{% endif %}</body></html>";

pub(crate) fn preview_site() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write("themes/default/templates/base.html", BASE_WITH_RELOAD);
    site
}

/// A running `candor serve`, killed when dropped.
pub(crate) struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub(crate) origin: String,
    /// The printed preview URL's path, e.g. `/hub/`.
    base: String,
    output: Arc<Mutex<String>>,
}

impl Server {
    pub(crate) fn start(site: &TestSite) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts `candor serve` with `options` added to its command line.
    pub(crate) fn start_with(site: &TestSite, options: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(options)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("candor serve starts");
        let output = Arc::new(Mutex::new(String::new()));
        let (url_sender, url_receiver) = channel();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        for (stream, sender) in [
            (Box::new(stdout) as Box<dyn Read + Send>, Some(url_sender)),
            (Box::new(stderr), None),
        ] {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let (Some(sender), Some(at)) = (&sender, line.find("serving http://")) {
                        let url = line[at + "serving ".len()..]
                            .split_whitespace()
                            .next()
                            .unwrap()
                            .to_owned();
                        let _ = sender.send(url);
                    }
                    output.lock().unwrap().push_str(&(line + "\n"));
                }
            });
        }
        let mut server = Server {
            child,
            origin: String::new(),
            base: String::new(),
            output,
        };
        let url = url_receiver
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("no URL printed; output:\n{}", server.output()));
        let after_scheme = url.strip_prefix("http://").unwrap();
        let slash = after_scheme.find('/').unwrap();
        server.origin = format!("http://{}", &after_scheme[..slash]);
        server.base = after_scheme[slash..].to_owned();
        assert!(
            server.origin.starts_with("http://127.0.0.1:"),
            "binds loopback: {url}"
        );
        server
    }

    pub(crate) fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// The server's output once it contains `text`, or as it is after [`PATIENCE`]: the
    /// terminal line and the browser's report of one rebuild are written by different threads,
    /// so one may be seen before the other.
    fn output_once_it_shows(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let output = self.output();
            if output.contains(text) || Instant::now() >= deadline {
                return output;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub(crate) fn address(&self) -> &str {
        self.origin.strip_prefix("http://").unwrap()
    }

    /// Sends `GET raw_path` exactly as written, not normalised by any client library.
    pub(crate) fn get(&self, raw_path: &str) -> Reply {
        let mut stream = TcpStream::connect(self.address()).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {raw_path} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.address()
        )
        .unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read reply");
        Reply::parse(raw_path, &String::from_utf8_lossy(&bytes))
    }

    /// Waits for reloads until the page at `site_path` holds `text`, and returns it: the first
    /// reload after a write in place may be of the file half written (see
    /// [`Events::expect_where`]).
    pub(crate) fn reloaded_with(&self, events: &Events, site_path: &str, text: &str) -> Reply {
        let deadline = Instant::now() + PATIENCE;
        loop {
            events.expect("reload", self);
            let page = self.page(site_path).ok();
            if page.body.contains(text) {
                return page;
            }
            assert!(
                Instant::now() < deadline,
                "{site_path} never showed {text:?}; last:\n{}",
                page.body
            );
        }
    }

    /// A page of the site, by its site path (`/standards/`).
    fn page(&self, site_path: &str) -> Reply {
        self.get(&format!(
            "{}{}",
            self.base,
            site_path.trim_start_matches('/')
        ))
    }

    /// Opens the live-reload event stream and waits for its greeting.
    pub(crate) fn events(&self) -> Events {
        let mut stream = TcpStream::connect(self.address()).expect("connect");
        write!(
            stream,
            "GET {}__candor/events HTTP/1.0\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.base,
            self.address()
        )
        .unwrap();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let (mut name, mut data) = (String::new(), String::new());
            let mut in_body = false;
            for line in (&mut reader).lines().map_while(Result::ok) {
                if !in_body {
                    if line.starts_with("HTTP/") && !line.contains(" 200 ") {
                        let _ = sender.send(("status".to_owned(), line));
                        return;
                    }
                    in_body = line.is_empty();
                    continue;
                }
                if let Some(value) = line.strip_prefix("event:") {
                    name = value.trim().to_owned();
                } else if let Some(value) = line.strip_prefix("data:") {
                    data.push_str(value.strip_prefix(' ').unwrap_or(value));
                } else if line.is_empty()
                    && !name.is_empty()
                    && sender
                        .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                        .is_err()
                {
                    return;
                }
            }
        });
        let events = Events { receiver };
        events.expect("hello", self);
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP reply, parsed just enough for the assertions.
pub(crate) struct Reply {
    path: String,
    pub(crate) status: u16,
    head: String,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn parse(path: &str, text: &str) -> Reply {
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Reply {
            path: path.to_owned(),
            status,
            head: head.to_ascii_lowercase(),
            body: body.to_owned(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key == name).then(|| value.trim())
        })
    }

    pub(crate) fn ok(self) -> Reply {
        assert_eq!(
            self.status, 200,
            "GET {}\n{}\n\n{}",
            self.path, self.head, self.body
        );
        self
    }
}

/// Server-Sent Events received on one stream: `(event name, data)`.
pub(crate) struct Events {
    receiver: Receiver<(String, String)>,
}

impl Events {
    /// Waits for the next event called `name`, skipping others; returns its data.
    pub(crate) fn expect(&self, name: &str, server: &Server) -> String {
        self.expect_where(name, server, |_| true)
    }

    /// Waits for the next event called `name` whose data satisfies `wanted`, skipping others.
    /// A file written in place (`site.write`) can reach the watcher in two parts, truncated
    /// and then written, when the writing thread is descheduled between the two for longer
    /// than the watcher waits (30 ms) — a matter of load, not of the code under test — and
    /// each part gets a build and an event of its own. So a test waits for the state it
    /// expects, never for the first event after a write.
    pub(crate) fn expect_where(
        &self,
        name: &str,
        server: &Server,
        wanted: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut skipped = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.receiver.recv_timeout(left) {
                Ok((event, data)) if event == name && wanted(&data) => return data,
                Ok(other) => skipped.push(other),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => panic!(
                    "no `{name}` event; got {skipped:?}\nserver output:\n{}",
                    server.output()
                ),
            }
        }
    }
}

#[test]
fn edit_reloads_open_tabs_and_serves_the_new_text() {
    let site = preview_site();
    let server = Server::start(&site);
    assert_eq!(server.base, "/hub/", "the preview keeps the base path");

    let page = server.page("/standards/").ok();
    assert!(page.body.contains("<h1>Standards</h1>"), "{}", page.body);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.body
            .contains("<script src=\"/hub/__candor/live-reload.js\"></script>"),
        "the theme loads the script in serve mode: {}",
        page.body
    );
    let style = server.page("/style.css").ok();
    assert_eq!(
        style.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(style.body, "body{}\n");
    let script = server.page("/__candor/live-reload.js").ok();
    assert!(
        script
            .header("content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(script.body.contains("EventSource"));

    let events = server.events();
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\n---\n## Listen {#listen}\nRevised wording.\n",
    );
    server.reloaded_with(&events, "/standards/", "Revised wording.");
    assert!(
        server.page("/").ok().body.contains("/hub/standards/"),
        "other pages are served too"
    );
    assert!(!site.path("public").exists(), "serve never writes public/");
}

#[test]
fn broken_edit_shows_problems_keeps_last_good_page_and_recovers() {
    let site = preview_site();
    let server = Server::start(&site);
    let events = server.events();
    let before = server.page("/standards/").ok().body;

    site.write(
        "content/standards.md",
        "---\ntitle: Standards\nauthor: Someone\n---\n## Listen {#listen}\nBroken.\n",
    );
    let problems = events.expect_where("problems", &server, |data| {
        data.contains("content/standards.md:3:1")
    });
    let report: serde_json::Value = serde_json::from_str(&problems).expect("problems are JSON");
    let first = &report["problems"][0];
    assert_eq!(first["location"], "content/standards.md:3:1", "{problems}");
    assert_eq!(first["severity"], "error");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("unknown key `author`"),
        "{problems}"
    );
    assert_eq!(
        server.page("/standards/").ok().body,
        before,
        "the last good page is still served"
    );
    let terminal =
        server.output_once_it_shows("content/standards.md:3:1: error: unknown key `author`");
    assert!(
        terminal.contains("content/standards.md:3:1: error: unknown key `author`"),
        "the terminal shows it too:\n{terminal}"
    );

    let late_tab = server.events();
    let shown = late_tab.expect("problems", &server);
    assert!(
        shown.contains("content/standards.md:3:1"),
        "a tab opened now sees it: {shown}"
    );

    site.write(
        "content/standards.md",
        "---\ntitle: Standards\n---\n## Listen {#listen}\nFixed.\n",
    );
    server.reloaded_with(&events, "/standards/", "Fixed.");
    late_tab.expect("reload", &server);
}

#[test]
fn atomic_saves_and_template_edits_trigger_reloads() {
    let site = preview_site();
    let server = Server::start(&site);
    let events = server.events();

    // What many editors do: write a temporary file, then rename it over the original.
    site.write(
        "content/.standards.md.tmp",
        "---\ntitle: Standards\n---\n## Listen {#listen}\nSaved atomically.\n",
    );
    std::fs::rename(
        site.path("content/.standards.md.tmp"),
        site.path("content/standards.md"),
    )
    .unwrap();
    events.expect("reload", &server);
    assert!(
        server
            .page("/standards/")
            .ok()
            .body
            .contains("Saved atomically.")
    );

    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"retitled\">{{ page.title }}</h1>{{ page.content }}{% endblock content %}",
    );
    server.reloaded_with(&events, "/standards/", "class=\"retitled\"");
}

#[test]
fn a_source_folder_created_while_serving_is_watched() {
    let site = preview_site();
    assert!(!site.path("templates").exists());
    let server = Server::start(&site);
    let events = server.events();
    let override_with = |marker: &str| {
        site.write(
            "templates/page.html",
            &format!("{{% extends \"base.html\" %}}{{% block content %}}<p>{marker}</p>{{{{ page.content }}}}{{% endblock content %}}"),
        );
    };
    override_with("first override");
    server.reloaded_with(&events, "/standards/", "first override");
    // The folder is new: only a watch added after it appeared sees this edit.
    override_with("second override");
    server.reloaded_with(&events, "/standards/", "second override");
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = preview_site();
    let server = Server::start(&site);
    for raw in [
        "/../site.yaml",
        "/hub/../site.yaml",
        "/hub/../../../../etc/passwd",
        "/%2e%2e/site.yaml",
        "/hub/%2e%2e/site.yaml",
        "/hub/..%2fsite.yaml",
        "/hub/..%2f..%2f..%2fetc%2fpasswd",
        "/hub/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/hub/..%5csite.yaml",
        "/hub/..\\site.yaml",
        "/hub/index.html%00",
        "/hub/%252e%252e/site.yaml",
        "//etc/passwd",
    ] {
        let reply = server.get(raw);
        assert!(
            matches!(reply.status, 400 | 404),
            "{raw} answered {}:\n{}",
            reply.status,
            reply.body
        );
        assert!(
            !reply.body.contains("base_url") && !reply.body.contains("root:"),
            "{raw} leaked a file: {}",
            reply.body
        );
    }
}

#[test]
fn unknown_paths_get_the_sites_404_page_and_folders_are_never_listed() {
    let site = preview_site();
    site.write("content/files/report.pdf", "%PDF-1.4");
    let server = Server::start(&site);

    let missing = server.page("/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Not found"),
        "the theme's 404.html: {}",
        missing.body
    );
    assert_eq!(
        server.page("/files/").status,
        404,
        "no listing of a folder without a page"
    );
    let pdf = server.page("/files/report.pdf").ok();
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));

    let folder = server.page("/audits");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/hub/audits/"));
    let root = server.get("/");
    assert_eq!(root.status, 301);
    assert_eq!(root.header("location"), Some("/hub/"));
}

#[test]
fn preview_never_touches_the_published_build() {
    let site = preview_site();
    site.build();
    let published = site.read("public/standards/index.html");
    assert!(
        !published.contains("__candor"),
        "build output has no live-reload script: {published}"
    );
    let before_serving = top_level_names(&site);
    let published_tree = tree_of(&site.path("public"));
    let server = Server::start(&site);
    let events = server.events();
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\n---\n## Listen {#listen}\nPreview only.\n",
    );
    server.reloaded_with(&events, "/standards/", "Preview only.");
    assert_eq!(site.read("public/standards/index.html"), published);
    assert_eq!(
        tree_of(&site.path("public")),
        published_tree,
        "the published build and its signature are untouched"
    );
    assert_eq!(
        top_level_names(&site),
        before_serving,
        "serve added or removed files beside the site"
    );
}

/// Every file under `dir` with its contents.
fn tree_of(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            (
                entry.path().to_path_buf(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

/// The names at the site root, to see that serve leaves nothing behind (no staging folder).
fn top_level_names(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = preview_site();
    site.write("content/standards.md", "---\ntitle: Standards\n");
    let server = Server::start(&site);
    let waiting = server.page("/standards/");
    assert_eq!(waiting.status, 503);
    assert!(
        waiting
            .body
            .contains("content/standards.md:1:1: error: the front matter is never closed"),
        "{}",
        waiting.body
    );
    assert!(waiting.body.contains("__candor/live-reload.js"));

    let events = server.events();
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\n---\n## Listen {#listen}\nBack.\n",
    );
    server.reloaded_with(&events, "/standards/", "Back.");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = preview_site();
    let mut server = Server::start(&site);
    // An open event stream must not keep the server alive.
    let _events = server.events();
    let pid = i32::try_from(server.child.id()).unwrap();
    // SAFETY: sending SIGINT to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", server.output());
    // The process has exited; its last line may still be on its way through the reader thread.
    let settle = Instant::now() + PATIENCE;
    while !server.output().contains("preview stopped") && Instant::now() < settle {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        server.output().contains("preview stopped"),
        "{}",
        server.output()
    );
}
