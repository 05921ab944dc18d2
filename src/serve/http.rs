//! HTTP: serves the in-memory site, the live-reload script and its event stream.
//!
//! Requests are answered from the [`Snapshot`] in memory, never from the disk, so no request
//! path can reach a file outside the site; paths that try anyway (`..`, backslashes, NUL, in
//! any encoding) are refused outright rather than normalised. Folders are served as their
//! `index.html`, unknown paths get the site's own 404 page (the nearest one: a language's under
//! its prefix), and nothing is ever listed. A preview on loopback answers only requests
//! addressed to its own address ([`Hosts`]).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};

use super::reload::{Preview, SCRIPT, Snapshot};
use crate::escape;
use crate::render::theme_pages::NOT_FOUND_PATH;

/// Where the preview's own endpoints live, under the site's base path.
const SCRIPT_PATH: &str = "__candor/live-reload.js";
const EVENTS_PATH: &str = "__candor/events";

/// The preview server's routes: every request goes through [`respond`].
pub(crate) fn router(preview: Arc<Preview>, hosts: Hosts) -> Router {
    Router::new()
        .fallback(respond)
        .layer(Extension(Arc::new(hosts)))
        .with_state(preview)
}

/// The host names a request may be addressed to. A preview on loopback answers only to its
/// own address: otherwise any web page could read it by pointing a host name of its own at
/// 127.0.0.1 (DNS rebinding), and the browser would let it, the name being the page's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Hosts {
    /// Listening on a network interface: the names readers reach it by are not known.
    Any,
    /// Listening on loopback: these `host:port`s (compared ignoring case), and the refusal for
    /// any other.
    Only { names: Vec<String>, refusal: String },
}

impl Hosts {
    /// What the preview listening on `address` answers to.
    pub(crate) fn serving(address: SocketAddr) -> Hosts {
        Hosts::serving_as(address, "preview")
    }

    /// What a loopback server, called `what` in its refusal ("preview", "collector"), answers
    /// to when listening on `address`.
    pub(crate) fn serving_as(address: SocketAddr, what: &str) -> Hosts {
        if !address.ip().is_loopback() {
            return Hosts::Any;
        }
        let port = address.port();
        let bound = address.to_string();
        let mut names: Vec<String> = ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .map(|host| format!("{host}:{port}"))
            .collect();
        if !names.contains(&bound) {
            names.insert(0, bound);
        }
        let (last, others) = names
            .split_last()
            .expect("the three loopback names are always there");
        let others: Vec<String> = others.iter().map(|name| format!("http://{name}")).collect();
        let refusal = format!(
            "This {what} answers only to {} and http://{last}, so that no other web site can read it through a host name of its own (DNS rebinding).\n",
            others.join(", ")
        );
        if port == 80 {
            let without_port: Vec<String> = names
                .iter()
                .filter_map(|name| name.strip_suffix(":80").map(str::to_owned))
                .collect();
            names.extend(without_port);
        }
        Hosts::Only { names, refusal }
    }

    /// The explanation a request is refused with, if it is: an absolute request target names
    /// the host itself; otherwise the `Host` header does.
    pub(crate) fn refuses_request(&self, uri: &Uri, headers: &HeaderMap) -> Option<&str> {
        let host = uri
            .authority()
            .map(|authority| authority.as_str())
            .or_else(|| {
                headers
                    .get(header::HOST)
                    .and_then(|value| value.to_str().ok())
            });
        self.refuses(host)
    }

    /// The explanation a request for `host` (the URI's authority or the `Host` header) is
    /// refused with, if it is.
    pub(crate) fn refuses(&self, host: Option<&str>) -> Option<&str> {
        match self {
            Hosts::Any => None,
            Hosts::Only { names, refusal } => {
                let named = host
                    .is_some_and(|host| names.iter().any(|name| name.eq_ignore_ascii_case(host)));
                (!named).then_some(refusal.as_str())
            }
        }
    }
}

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    Script,
    Events,
    /// A file of the site, by its relative path.
    File(String),
    /// The same resource at its canonical address (a folder without its trailing `/`).
    Redirect(String),
    /// Nothing, at this address relative to the base path: the nearest `404.html` is shown.
    NotFound(String),
    /// A path that tries to climb out of the site or hide something in its encoding.
    Refused,
}

async fn respond(
    State(preview): State<Arc<Preview>>,
    Extension(hosts): Extension<Arc<Hosts>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if let Some(refusal) = hosts.refuses_request(&uri, &headers) {
        return file_response(
            StatusCode::MISDIRECTED_REQUEST,
            "error.txt",
            Bytes::from(refusal.to_owned()),
        );
    }
    if method != Method::GET && method != Method::HEAD {
        return Response::builder()
            .status(StatusCode::METHOD_NOT_ALLOWED)
            .header(header::ALLOW, "GET, HEAD")
            .body(Body::empty())
            .unwrap_or_default();
    }
    let site = preview.site();
    let base_path = preview.base_path();
    let target = route(uri.path(), &base_path, |file| {
        site.as_ref()
            .is_some_and(|site| site.files.contains_key(file))
    });
    match target {
        Target::Script => file_response(
            StatusCode::OK,
            SCRIPT_PATH,
            Bytes::from_static(SCRIPT.as_bytes()),
        ),
        Target::Events => Sse::new(preview.events())
            .keep_alive(KeepAlive::default())
            .into_response(),
        Target::Refused => plain(StatusCode::BAD_REQUEST, "This path is not allowed.\n"),
        Target::Redirect(location) => redirect(&location),
        Target::File(file) => match site.as_ref().and_then(|site| site.files.get(&file)) {
            Some(bytes) => file_response(StatusCode::OK, &file, bytes.clone()),
            None => not_built(&preview),
        },
        Target::NotFound(relative) => match &site {
            Some(site) => not_found(site, &relative),
            None => not_built(&preview),
        },
    }
}

/// Decides what `raw_path` (still percent-encoded) names, given the site's base path and which
/// files exist.
fn route(raw_path: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Target {
    let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Target::Refused;
    };
    if !path.starts_with('/')
        || path.contains(['\\', '\0'])
        || path.contains("//")
        || path
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
    {
        return Target::Refused;
    }
    let relative = match path.strip_prefix(base_path) {
        Some(relative) => relative,
        None if path == "/" || path == base_path.trim_end_matches('/') => {
            return Target::Redirect(base_path.to_owned());
        }
        None => path.strip_prefix('/').unwrap_or(&path),
    };
    match relative {
        SCRIPT_PATH => return Target::Script,
        EVENTS_PATH => return Target::Events,
        _ => {}
    }
    if !path.starts_with(base_path) {
        return Target::NotFound(relative.to_owned());
    }
    if relative.is_empty() || relative.ends_with('/') {
        let index = format!("{relative}index.html");
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::NotFound(relative.to_owned())
        };
    }
    if exists(relative) {
        Target::File(relative.to_owned())
    } else if exists(&format!("{relative}/index.html")) {
        Target::Redirect(format!("{raw_path}/"))
    } else {
        Target::NotFound(relative.to_owned())
    }
}

fn file_response(status: StatusCode, file: &str, bytes: Bytes) -> Response {
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(file)),
    );
    // A preview is always the latest build: never let the browser reuse an old copy.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The site's page for the unknown address `relative` (to the base path, as [`route`] found
/// it): the `404.html` nearest to it, as hosts that serve one per folder do, so that an
/// unknown address under `/fr/` gets the French page.
fn not_found(site: &Snapshot, relative: &str) -> Response {
    let folders = relative
        .char_indices()
        .filter(|&(_, c)| c == '/')
        .map(|(end, _)| &relative[..=end])
        .rev();
    // `404.html`, in the site's root and under each language's prefix.
    let name = NOT_FOUND_PATH.trim_start_matches('/');
    let nearest = folders
        .map(|folder| format!("{folder}{name}"))
        .chain([name.to_owned()])
        .find_map(|file| Some((site.files.get(&file)?, file)));
    match nearest {
        Some((page, file)) => file_response(StatusCode::NOT_FOUND, &file, page.clone()),
        None => plain(StatusCode::NOT_FOUND, "Not found.\n"),
    }
}

/// The page shown before the site has ever built: the problems, and the live-reload script so
/// the tab shows the site as soon as it builds.
fn not_built(preview: &Preview) -> Response {
    let problems = preview
        .problems()
        .map(|problems| problems.text.clone())
        .unwrap_or_default();
    let html = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>The site did not build</title>\
         <h1>The site did not build</h1><p>Fix these problems and save; this page reloads by itself.</p>\
         <pre>{}</pre><script src=\"/{SCRIPT_PATH}\"></script></html>",
        escape::markup(&problems)
    );
    file_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "index.html",
        Bytes::from(html),
    )
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    file_response(status, "error.txt", Bytes::from_static(text.as_bytes()))
}

fn redirect(location: &str) -> Response {
    let Ok(location) = HeaderValue::from_str(location) else {
        return plain(StatusCode::BAD_REQUEST, "This path is not allowed.\n");
    };
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    response.headers_mut().insert(header::LOCATION, location);
    response
}

/// The media type of a published file, by its name.
fn content_type(file: &str) -> &'static str {
    let name = file.rsplit('/').next().unwrap_or(file);
    if name == "SHA256SUMS" {
        return "text/plain; charset=utf-8";
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" if name == "atom.xml" => "application/atom+xml",
        "xml" => "application/xml",
        "txt" | "pub" | "minisig" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "yaml" | "yml" => "application/yaml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route_in(raw: &str) -> Target {
        let files = ["index.html", "standards/index.html", "style.css", "a b.pdf"];
        route(raw, "/hub/", |file| files.contains(&file))
    }

    #[test]
    fn folders_are_served_as_their_index() {
        assert_eq!(route_in("/hub/"), Target::File("index.html".into()));
        assert_eq!(
            route_in("/hub/standards/"),
            Target::File("standards/index.html".into())
        );
        assert_eq!(
            route_in("/hub/standards"),
            Target::Redirect("/hub/standards/".into())
        );
        assert_eq!(route_in("/hub/style.css"), Target::File("style.css".into()));
        assert_eq!(route_in("/hub/a%20b.pdf"), Target::File("a b.pdf".into()));
    }

    #[test]
    fn base_path_and_preview_endpoints() {
        assert_eq!(route_in("/"), Target::Redirect("/hub/".into()));
        assert_eq!(route_in("/hub"), Target::Redirect("/hub/".into()));
        assert_eq!(
            route_in("/standards/"),
            Target::NotFound("standards/".into())
        );
        assert_eq!(route_in("/hub/__candor/events"), Target::Events);
        assert_eq!(route_in("/__candor/live-reload.js"), Target::Script);
        assert_eq!(route_in("/hub/audits/"), Target::NotFound("audits/".into()));
    }

    #[test]
    fn traversal_is_refused_in_every_encoding() {
        for raw in [
            "/../",
            "/hub/../etc/passwd",
            "/%2e%2e/",
            "/hub/%2E%2E/x",
            "/hub/..%2f..%2fetc",
            "/hub/..%5c..%5cwindows",
            "/hub/a%00.html",
            "/hub/./index.html",
            "//evil.example/",
            "/hub/%ff",
        ] {
            assert_eq!(route_in(raw), Target::Refused, "{raw}");
        }
    }

    #[test]
    fn a_loopback_preview_answers_only_to_its_own_address() {
        let hosts = Hosts::serving("127.0.0.1:1111".parse().unwrap());
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
        ] {
            assert_eq!(hosts.refuses(Some(host)), None, "{host}");
        }
        let refusal = "This preview answers only to http://127.0.0.1:1111, http://localhost:1111 and http://[::1]:1111, so that no other web site can read it through a host name of its own (DNS rebinding).\n";
        for host in [
            None,
            Some("evil.example:1111"),
            Some("127.0.0.1:2222"),
            Some("localhost"),
            Some("localhost.:1111"),
            Some("user@localhost:1111"),
        ] {
            assert_eq!(hosts.refuses(host), Some(refusal), "{host:?}");
        }
        let other_loopback = Hosts::serving("127.0.0.2:80".parse().unwrap());
        for host in ["127.0.0.2:80", "127.0.0.2", "localhost", "[::1]:80"] {
            assert_eq!(other_loopback.refuses(Some(host)), None, "{host}");
        }
        assert_eq!(
            other_loopback.refuses(Some("evil.example")),
            Some(
                "This preview answers only to http://127.0.0.2:80, http://127.0.0.1:80, http://localhost:80 and http://[::1]:80, so that no other web site can read it through a host name of its own (DNS rebinding).\n"
            )
        );
        let v6 = Hosts::serving("[::1]:8080".parse().unwrap());
        assert_eq!(v6.refuses(Some("[::1]:8080")), None);
    }

    #[test]
    fn a_preview_on_the_network_answers_to_any_name() {
        for address in ["0.0.0.0:1111", "[::]:1111", "192.168.1.5:1111"] {
            assert_eq!(Hosts::serving(address.parse().unwrap()), Hosts::Any);
            assert_eq!(Hosts::Any.refuses(Some("evil.example")), None);
        }
    }

    #[test]
    fn content_types_by_name() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("SHA256SUMS"), "text/plain; charset=utf-8");
        assert_eq!(content_type("logo.SVG"), "image/svg+xml");
        assert_eq!(content_type("blob"), "application/octet-stream");
    }
}
