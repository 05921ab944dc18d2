//! `candor-collect receive`: a collection server, so response files come back by themselves.
//!
//! Forms POST the same bytes they would download to `/responses`. Each body goes through the
//! very checks `ingest` applies to a file ([`crate::collect::judge`]) and is recorded by one
//! writer thread that commits whatever has arrived in one durable transaction before anyone is
//! answered ([`writer`]): a 2xx is never lost, even to a SIGKILL or a power cut. The answers and
//! the cross-origin rules are in [`http`].
//!
//! It must not become a way to identify respondents: there is no access log, handlers never see
//! the peer's address, and nothing about a request but its body is stored or printed. Untrusted
//! clients get bounded resources: a body size (the ingest limit), a time to send headers and
//! body, and a number of open connections, beyond which new ones wait in the kernel's queue.

mod http;
mod writer;

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::time::Duration;

use anyhow::Context as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::collect::ingest::{load_surveys, open_keyring};
use crate::collect::quarantine::Quarantine;
use crate::collect::read::Limits;
use crate::collect::store::{Durability, Store};
use crate::collect::{StoreLocation, printable_path};
use crate::config::SiteConfig;
use crate::diagnostic::Rejected;
use crate::exit::Refused;
use crate::exit::print_stdout;

pub use http::{HEALTH_PATH, RESPONSES_PATH};

/// The port `receive` listens on unless `--bind` says otherwise.
pub const DEFAULT_PORT: u16 = 8750;

/// How long a client has to send a request's headers (and how long a kept-alive connection may
/// stay idle).
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections served at once; further ones wait in the listen queue until one closes.
const MAX_CONNECTIONS: usize = 512;

/// What the user asked `candor-collect receive` to do.
#[derive(Debug, Clone)]
pub struct ReceiveOptions {
    pub location: StoreLocation,
    pub bind: SocketAddr,
    pub limits: Limits,
    /// Origins allowed besides the site's own (from `--allow-origin`).
    pub extra_origins: Vec<String>,
    /// The folder of survey secret keys (`--keys`); `None` means the user's.
    pub keys: crate::encryption::keys::SurveyKeys,
    /// Accept plain responses to surveys that have a public key (`--allow-plaintext`).
    pub allow_plaintext: bool,
}

/// What `receive` reports when it stops.
#[derive(serde::Serialize)]
pub struct Stopped;

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stopped receiving responses")
    }
}

impl crate::collect::Report for Stopped {}

/// Checks an `--allow-origin` value: `scheme://host[:port]`, nothing else (no wildcard).
pub fn parse_origin(text: &str) -> Result<String, String> {
    let origin = text.trim_end_matches('/').to_ascii_lowercase();
    let host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    match host {
        Some(host)
            if !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c)) =>
        {
            Ok(origin)
        }
        _ => Err(format!(
            "{} is not an origin: write it as scheme://host[:port], e.g. https://survey.example.org",
            crate::escape::terminal(text, 200)
        )),
    }
}

/// The origin (`scheme://host[:port]`) of the site's `base_url`, if it names a host.
fn site_origin(base_url: &str) -> Option<String> {
    let (scheme, rest) = base_url.split_once("://")?;
    let host = rest.split('/').next()?;
    parse_origin(&format!("{scheme}://{host}")).ok()
}

/// Serves until Ctrl-C or SIGTERM.
pub fn receive(options: &ReceiveOptions) -> anyhow::Result<Stopped> {
    let root = &options.location.root;
    let config = SiteConfig::load(root).map_err(|problem| Rejected(problem.into()))?;
    let surveys = load_surveys(root)?;
    crate::exit::print_diagnostics(&crate::survey::limits::check_max_size(
        &surveys,
        options.limits.max_bytes,
    ));
    let decryption = open_keyring(&surveys, &options.keys, options.allow_plaintext)?;
    let mut origins: Vec<String> = site_origin(&config.base_url).into_iter().collect();
    for origin in &options.extra_origins {
        if !origins.contains(origin) {
            origins.push(origin.clone());
        }
    }
    let store = Store::open(&options.location.store, Durability::Full)?;
    let quarantine = Quarantine::new(&options.location.quarantine, false);
    quarantine.sweep_partial_files();
    let (writer, counts, thread) = writer::spawn(store, quarantine.clone())?;
    let receiver = Arc::new(http::Receiver {
        surveys: surveys
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect::<HashMap<_, _>>(),
        decryption,
        limits: options.limits,
        quarantine,
        writer,
        counts,
        origins,
        kept_rejects: AtomicU64::new(0),
        kept_reject_bytes: AtomicU64::new(0),
        warned_quarantine_full: AtomicBool::new(false),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    let result = runtime.block_on(serve(options, receiver));
    // Dropping the runtime drops every handler, and with them the writer's last senders.
    drop(runtime);
    let _ = thread.join();
    result
}

async fn serve(options: &ReceiveOptions, receiver: Arc<http::Receiver>) -> anyhow::Result<Stopped> {
    let listener = TcpListener::bind(options.bind).await.with_context(|| {
        format!(
            "cannot listen on {} (is another server using it? `--bind 127.0.0.1:0` picks a free port)",
            options.bind
        )
    })?;
    let address = listener
        .local_addr()
        .context("cannot read the server's address")?;
    let signals = crate::serve::StopSignals::listen();
    if !address.ip().is_loopback() {
        print_stdout(
            "warning: listening on a network address without TLS: anyone on that network can read the responses sent; \
             put a TLS reverse proxy in front, or use this only on a closed kiosk network",
        )
        .context("cannot print the start-up line")?;
    }
    let accepted = if receiver.origins.is_empty() {
        "no site's pages (add --allow-origin)".to_owned()
    } else {
        receiver.origins.join(", ")
    };
    print_stdout(&format!(
        "receiving responses at http://{address}{RESPONSES_PATH} into {}; accepting forms from {accepted} (press Ctrl-C to stop)",
        printable_path(&options.location.store)
    ))
    // Whoever started the server reads where it stores from this line: a server that cannot
    // say so must not run.
    .context("cannot print the start-up line")?;
    let router = http::router(
        receiver,
        crate::serve::http::Hosts::serving_as(address, "collector"),
    );
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut stop = std::pin::pin!(signals.received());
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => permit.context("connection limit closed")?,
            () = &mut stop => break,
        };
        // The peer's address is dropped here, unread: nothing may identify a respondent.
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors, or a connection reset before it was accepted.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(64 * 1024);
            let _ = builder
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
    Ok(Stopped)
}

/// Refuses a `--bind` without a port, so the default port is always said out loud.
pub fn parse_bind(text: &str) -> Result<SocketAddr, Refused> {
    text.parse().map_err(|_| {
        Refused(format!(
            "--bind {} is not an address and port: write e.g. 127.0.0.1:{DEFAULT_PORT} or 192.168.1.10:{DEFAULT_PORT}",
            crate::escape::terminal(text, 200)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert_eq!(
            site_origin("https://accountability.example.org/hub/").as_deref(),
            Some("https://accountability.example.org")
        );
        assert_eq!(site_origin("/"), None);
        assert_eq!(
            parse_origin("HTTP://Kiosk.lan:8080/").unwrap(),
            "http://kiosk.lan:8080"
        );
        for bad in [
            "*",
            "null",
            "example.org",
            "https://",
            "https://a.org/path",
            "ftp://a.org",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }
}
