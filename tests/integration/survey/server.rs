//! A tiny loopback HTTP server for the browser and reader-verification tests: serves a built
//! site's `public/` folder under its base path (percent-decoding the request path, as a real
//! server does) and plays a collector that accepts (`/collect`) or refuses (`/refuse`) POSTed
//! responses, recording what it was sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A running server; its thread ends with the test process.
pub struct Server {
    pub port: u16,
    /// The bodies POSTed to `/collect`, in order.
    pub collected: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `public` at `http://127.0.0.1:<port><base_path>`.
    pub fn start(public: &Path, base_path: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("bound address").port();
        let collected = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&collected);
        let public = public.to_path_buf();
        let base_path = base_path.to_owned();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let public = public.clone();
                let base_path = base_path.clone();
                let collected = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = answer(stream, &public, &base_path, &collected);
                });
            }
        });
        Server { port, collected }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn answer(
    stream: TcpStream,
    public: &Path,
    base_path: &str,
    collected: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut content_length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            content_length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let path = parts.next().unwrap_or("/");
    let cors = "Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: POST\r\n\
                Access-Control-Allow-Headers: Content-Type\r\n";
    match (method, path) {
        ("OPTIONS", _) => respond(stream, "204 No Content", cors, "", b""),
        ("POST", "/collect") => {
            let mut body = vec![0; content_length];
            reader.read_exact(&mut body)?;
            collected
                .lock()
                .expect("collector lock")
                .push(String::from_utf8_lossy(&body).into_owned());
            respond(stream, "200 OK", cors, "text/plain", b"stored")
        }
        ("POST", _) => respond(
            stream,
            "500 Internal Server Error",
            cors,
            "text/plain",
            b"no",
        ),
        ("GET", _) => match file_for(public, base_path, path) {
            Some((file, kind)) => match std::fs::read(&file) {
                Ok(bytes) => respond(stream, "200 OK", "", kind, &bytes),
                Err(_) => respond(stream, "404 Not Found", "", "text/plain", b"not found"),
            },
            None => respond(stream, "404 Not Found", "", "text/plain", b"not found"),
        },
        _ => respond(stream, "405 Method Not Allowed", "", "text/plain", b""),
    }
}

fn file_for(public: &Path, base_path: &str, path: &str) -> Option<(PathBuf, &'static str)> {
    let path = path.split(['?', '#']).next()?;
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let relative = path.strip_prefix(base_path)?;
    if relative.split('/').any(|part| part == "..") {
        return None;
    }
    let mut file = public.join(relative);
    if relative.is_empty() || relative.ends_with('/') {
        file = file.join("index.html");
    }
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };
    Some((file, kind))
}

fn respond(
    mut stream: TcpStream,
    status: &str,
    headers: &str,
    kind: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)
}
