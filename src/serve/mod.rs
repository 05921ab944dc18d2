//! `candor serve`: the editors' loop — build, serve, watch, rebuild, reload the open tabs.
//!
//! The site is built in serve mode (`live_reload` on, base URL pointing at this server) into
//! memory, never into `public/`, so a preview cannot overwrite the published build or its
//! signature. A save of Markdown pages is applied to the site as last read, rendering only what
//! those pages can change; any other change rebuilds in full. Both produce what `candor build`
//! would in serve mode (see [`crate::incremental`]). A rebuild that fails keeps the last good
//! site on screen and shows its problems in the terminal and over the page; the next good
//! rebuild clears them.

mod connections;
pub(crate) mod http;
mod reload;
mod watch;

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use tokio::sync::watch as signal_watch;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, Rejected, Severity};
use crate::exit::{Summary, output_lost, print_diagnostics, print_stdout};
use crate::incremental::{LiveSite, PreviewFiles};
pub use connections::Limits;
use reload::{Preview, Problems};

/// What the user asked `candor serve` to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Whether pages marked `draft: true` are shown.
    pub drafts: bool,
    /// Whether to open the preview in the default browser.
    pub open: bool,
    /// What each client is given: time to send its request, and a share of connections.
    pub limits: Limits,
}

/// How long open connections get to finish after Ctrl-C before the server stops anyway.
const GRACE: Duration = Duration::from_secs(3);

/// What `candor serve` reports when it stops.
pub struct Stopped {
    warnings: Diagnostics,
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("preview stopped")
    }
}

impl Summary for Stopped {
    fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}

/// Builds the site into memory, serves it, and rebuilds on every change until Ctrl-C.
pub fn serve(options: &ServeOptions) -> anyhow::Result<Stopped> {
    let root = std::fs::canonicalize(&options.root)
        .with_context(|| format!("cannot open the site folder {}", options.root.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(run(options, root))
}

async fn run(options: &ServeOptions, root: PathBuf) -> anyhow::Result<Stopped> {
    let wanted = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(wanted).await.with_context(|| {
        format!("cannot listen on {wanted} (is another server using it? `--port 0` picks a free port)")
    })?;
    let address = listener
        .local_addr()
        .context("cannot read the server's address")?;
    let (stop, stopping) = signal_watch::channel(false);
    // Only a guess for the address printed if the first build fails; each build reads it again.
    let expected_base_path =
        SiteConfig::load(&root).map_or_else(|_| "/".to_owned(), |config| config.base_path);
    let preview = Arc::new(Preview::new(stopping.clone(), expected_base_path));
    let builder = Arc::new(PreviewBuilder {
        root: root.clone(),
        origin: origin_of(address),
        drafts: options.drafts,
        live: Mutex::new(None),
    });

    let first = {
        let (builder, preview) = (builder.clone(), preview.clone());
        tokio::task::spawn_blocking(move || builder.rebuild(&preview, &[])).await
    };
    first.context("the first build stopped unexpectedly")?;
    warn_without_live_reload(&preview);
    let signals = StopSignals::listen();
    let url = format!("{}{}", builder.origin, preview.base_path());
    // The address is the command's output: losing it fails the command, as in any other. A
    // closed pipe does not stop a preview the browser still shows.
    if options.bind.is_unspecified() {
        output_lost(print_stdout(
            "listening on every network interface: anyone on your network can see this preview",
        ))?;
    }
    output_lost(print_stdout(&format!(
        "serving {url} (press Ctrl-C to stop)"
    )))?;

    {
        let (builder, preview) = (builder.clone(), preview.clone());
        watch::spawn(&root, move |changed| builder.rebuild(&preview, changed))?;
    }
    if options.open {
        open_browser(&url);
    }

    let server = connections::serve(
        listener,
        http::router(preview, http::Hosts::serving(address)),
        options.limits,
        stop_requested(stop, signals),
    );
    let mut forced = stopping;
    tokio::select! {
        () = server => {}
        _ = async {
            let _ = forced.wait_for(|&stopping| stopping).await;
            tokio::time::sleep(GRACE).await;
        } => {}
    }
    Ok(Stopped {
        warnings: Diagnostics::new(),
    })
}

/// The signals that stop a server (Ctrl-C, SIGTERM), listened for from before its address is
/// printed: a Ctrl-C arriving between the printed address and the server's first poll would
/// otherwise find no handler and kill the process without its goodbye. Shared by the preview
/// and `candor-collect receive`.
pub(crate) struct StopSignals {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl StopSignals {
    /// Starts listening; call it inside the runtime, before the address is printed.
    pub(crate) fn listen() -> StopSignals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            StopSignals {
                interrupt: signal(SignalKind::interrupt()).ok(),
                terminate: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        StopSignals {}
    }

    /// Resolves when one of the signals arrives.
    pub(crate) async fn received(self) {
        #[cfg(unix)]
        {
            let StopSignals {
                interrupt,
                terminate,
            } = self;
            if interrupt.is_none() && terminate.is_none() {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
            let arrives = |signal: Option<tokio::signal::unix::Signal>| async move {
                match signal {
                    Some(mut signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = arrives(interrupt) => {}
                () = arrives(terminate) => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Resolves on Ctrl-C (or SIGTERM), after telling every event stream to end.
async fn stop_requested(stop: signal_watch::Sender<bool>, signals: StopSignals) {
    signals.received().await;
    let _ = stop.send(true);
}

/// The scheme, host and port pages should link to. A server listening on every interface is
/// still previewed through loopback.
fn origin_of(address: SocketAddr) -> String {
    let host = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_owned(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_owned(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    format!("http://{host}:{}", address.port())
}

/// Builds the site in serve mode, into memory: in full at first and after a change to anything
/// but a page, and partially after saves of pages (see [`crate::incremental`]).
struct PreviewBuilder {
    root: PathBuf,
    /// `http://127.0.0.1:1111`: replaces the scheme and host of `base_url`, keeping its path.
    origin: String,
    drafts: bool,
    /// The site as last read, to apply saves to; `None` until a full build can be kept.
    live: Mutex<Option<LiveSite>>,
}

impl PreviewBuilder {
    /// Rebuilds after `changed` files changed (none for the first build), and publishes the
    /// result or the problems.
    fn rebuild(&self, preview: &Preview, changed: &[PathBuf]) {
        let started = Instant::now();
        let (outcome, partial) = self.build(changed);
        match outcome {
            Ok(built) => {
                print_diagnostics(&built.warnings);
                preview.publish(built.base_path, built.files);
                let verb = match (changed.is_empty(), partial) {
                    (true, _) => "built",
                    (false, false) => "rebuilt",
                    (false, true) => "updated",
                };
                // Progress only, and the page shows problems too: a log that cannot be
                // written is no reason to stop the preview.
                let _ = print_stdout(&format!(
                    "{}{verb} {} in {} ms (load {} ms, render {} ms, {} rendered)",
                    cause(changed),
                    crate::words::count(built.pages, "page", "pages"),
                    started.elapsed().as_millis(),
                    built.load.as_millis(),
                    built.render.as_millis(),
                    crate::words::count(built.rendered, "page", "pages"),
                ));
            }
            Err(error) => {
                let problems = problems_of(&error);
                print_diagnostics(&problems.iter().cloned().collect());
                let count = problems.iter().filter(|d| d.is_error()).count();
                let noun = if count == 1 { "problem" } else { "problems" };
                eprintln!(
                    "{}error: {count} {noun} found; still serving the last version that built",
                    cause(changed)
                );
                preview.reject(Problems::of(&problems));
            }
        }
    }

    /// Applies `changed` to the site as last read when it can, else builds in full; says
    /// which it did.
    fn build(&self, changed: &[PathBuf]) -> (anyhow::Result<PreviewFiles>, bool) {
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(site) = live.as_mut().filter(|_| !changed.is_empty())
            && let Some(outcome) = site.apply_changes(changed)
        {
            return (outcome, true);
        }
        let config = match SiteConfig::load(&self.root) {
            Ok(config) => config,
            Err(problem) => {
                *live = None;
                return (Err(Rejected(problem.into()).into()), false);
            }
        };
        let base_url = format!("{}{}", self.origin, config.base_path);
        let (site, outcome) = LiveSite::build(&self.root, &base_url, self.drafts);
        *live = site;
        (outcome, false)
    }
}

/// The located problems a failed build found, or the failure itself when it is not about the
/// user's files (a file that cannot be read).
fn problems_of(error: &anyhow::Error) -> Vec<Diagnostic> {
    match error.downcast_ref::<Rejected>() {
        Some(Rejected(diagnostics)) => diagnostics.iter().cloned().collect(),
        None => vec![Diagnostic::general(
            Severity::Error,
            "build",
            format!("{error:#}"),
        )],
    }
}

/// `content/a.md changed: ` before a rebuild's report.
fn cause(changed: &[PathBuf]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!("{} changed: ", one.display()),
        many => format!("{} files changed: ", many.len()),
    }
}

/// Live reload needs the theme's help; say so when the home page does not load the script.
fn warn_without_live_reload(preview: &Preview) {
    let Some(site) = preview.site() else { return };
    let Some(home) = site.files.get("index.html") else {
        return;
    };
    let needle = b"__candor/live-reload.js";
    if !home.windows(needle.len()).any(|window| window == needle) {
        eprintln!(
            "warning: the theme does not load the live-reload script, so open pages will not reload by themselves\n  hint: add `{{% if live_reload %}}<script src=\"{{{{ site.base_path }}}}__candor/live-reload.js\"></script>{{% endif %}}` to base.html"
        );
    }
}

/// Opens `url` in the default browser; failing to is not worth stopping the server for.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Err(error) = command.spawn() {
        eprintln!("warning: cannot open a browser ({error}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_is_browsable() {
        let origin = |a: &str| origin_of(a.parse().unwrap());
        assert_eq!(origin("127.0.0.1:1111"), "http://127.0.0.1:1111");
        assert_eq!(origin("0.0.0.0:80"), "http://127.0.0.1:80");
        assert_eq!(origin("[::1]:8080"), "http://[::1]:8080");
    }

    #[test]
    fn cause_names_the_changed_file() {
        assert_eq!(cause(&[]), "");
        assert_eq!(
            cause(&[PathBuf::from("content/a.md")]),
            "content/a.md changed: "
        );
    }
}
