//! Live reload: the state every open tab follows, and the events that tell it what changed.
//!
//! The watcher publishes each rebuild here; the HTTP side streams it to browsers as Server-Sent
//! Events. A successful rebuild becomes the new site, swapped in whole, and a `reload` event; a
//! failed one leaves the last good site in place and becomes a `problems` event that the script
//! shows as an overlay. The script is served by the preview server only and the theme includes it
//! only when `live_reload` is true, so it never reaches a published build.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use axum::response::sse::Event;
use serde::Serialize;
use tokio::sync::{broadcast, watch};

use crate::diagnostic::{Diagnostic, Severity};
use crate::file_map::FileMap;

/// The browser side of live reload: listens for events and shows build problems.
pub(crate) const SCRIPT: &str = include_str!("live-reload.js");

/// One successful build, held in memory and served as is until the next one.
pub(crate) struct Snapshot {
    /// Counts successful builds, so a tab can tell that it missed one.
    pub generation: u64,
    /// The site's base path (`/` or `/hub/`), under which the files are served.
    pub base_path: String,
    /// Relative path (`standards/index.html`) → contents.
    pub files: FileMap,
}

/// Why the latest rebuild failed, ready to send to browsers and to show in a page.
pub(crate) struct Problems {
    /// `{"problems": [{location, severity, code, message, hint}]}`.
    pub json: String,
    /// One `file:line:col: error: message` entry per problem, as in the terminal.
    pub text: String,
}

/// One problem as the overlay shows it.
#[derive(Serialize)]
struct ProblemView<'a> {
    /// `content/standards.md:3:1`, or empty for a problem that belongs to no file.
    location: String,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
}

impl Problems {
    pub(crate) fn of(diagnostics: &[Diagnostic]) -> Problems {
        let views: Vec<ProblemView<'_>> = diagnostics
            .iter()
            .map(|d| ProblemView {
                location: location_of(d),
                severity: d.severity,
                code: d.code,
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect();
        let json = serde_json::json!({ "problems": views }).to_string();
        let text = diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        Problems { json, text }
    }
}

/// `file:line:col`, leaving out what is unknown, as [`Diagnostic`]'s `Display` does.
fn location_of(diagnostic: &Diagnostic) -> String {
    let Some(file) = &diagnostic.file else {
        return String::new();
    };
    let mut location = file.display().to_string();
    if diagnostic.line > 0 {
        location.push_str(&format!(":{}", diagnostic.line));
        if diagnostic.column > 0 {
            location.push_str(&format!(":{}", diagnostic.column));
        }
    }
    location
}

/// What happened to the site, as broadcast to every open tab.
#[derive(Clone)]
enum Notice {
    Reload(u64),
    Problems(Arc<Problems>),
}

impl Notice {
    fn event(&self) -> Event {
        match self {
            Notice::Reload(generation) => Event::default()
                .event("reload")
                .data(generation.to_string()),
            Notice::Problems(problems) => Event::default().event("problems").data(&problems.json),
        }
    }
}

/// The preview's shared state: the site being served, the latest problems, and the tabs
/// listening for changes.
pub(crate) struct Preview {
    site: RwLock<Option<Arc<Snapshot>>>,
    problems: RwLock<Option<Arc<Problems>>>,
    generations: AtomicU64,
    notices: broadcast::Sender<Notice>,
    stopping: watch::Receiver<bool>,
    /// Where the site will be served before it has built once, as far as `site.yaml` says.
    expected_base_path: String,
}

impl Preview {
    /// A preview with nothing built yet, expecting the site at `expected_base_path`; event
    /// streams end once `stopping` turns true.
    pub(crate) fn new(stopping: watch::Receiver<bool>, expected_base_path: String) -> Preview {
        let (notices, _) = broadcast::channel(16);
        Preview {
            site: RwLock::new(None),
            problems: RwLock::new(None),
            generations: AtomicU64::new(0),
            notices,
            stopping,
            expected_base_path,
        }
    }

    /// The base path the site is served under: the latest build's, or the expected one.
    pub(crate) fn base_path(&self) -> String {
        self.site().map_or_else(
            || self.expected_base_path.clone(),
            |site| site.base_path.clone(),
        )
    }

    /// The site to serve: the latest successful build, if there has been one.
    pub(crate) fn site(&self) -> Option<Arc<Snapshot>> {
        self.site
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Why the latest rebuild failed, while it is still failing.
    pub(crate) fn problems(&self) -> Option<Arc<Problems>> {
        self.problems
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Serves a new build from now on and reloads every open tab.
    pub(crate) fn publish(&self, base_path: String, files: FileMap) {
        let generation = self.generations.fetch_add(1, Ordering::SeqCst) + 1;
        let snapshot = Arc::new(Snapshot {
            generation,
            base_path,
            files,
        });
        *self.site.write().unwrap_or_else(PoisonError::into_inner) = Some(snapshot);
        *self
            .problems
            .write()
            .unwrap_or_else(PoisonError::into_inner) = None;
        // No tab listening is not an error.
        let _ = self.notices.send(Notice::Reload(generation));
    }

    /// Keeps serving the last good build and shows `problems` in every open tab.
    pub(crate) fn reject(&self, problems: Problems) {
        let problems = Arc::new(problems);
        *self
            .problems
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(problems.clone());
        let _ = self.notices.send(Notice::Problems(problems));
    }

    /// The event stream for one tab: first the build it should be showing (so a tab that
    /// reconnects after missing a rebuild reloads) and any current problems, then every change.
    pub(crate) fn events(
        &self,
    ) -> impl futures_util::Stream<Item = Result<Event, Infallible>> + Send + 'static {
        let generation = self.site().map_or(0, |site| site.generation);
        let mut pending =
            VecDeque::from([Event::default().event("hello").data(generation.to_string())]);
        if let Some(problems) = self.problems() {
            pending.push_back(Notice::Problems(problems).event());
        }
        let listener = Listener {
            pending,
            notices: self.notices.subscribe(),
            stopping: self.stopping.clone(),
        };
        futures_util::stream::unfold(listener, Listener::next)
    }
}

/// One tab's position in the stream of notices.
struct Listener {
    pending: VecDeque<Event>,
    notices: broadcast::Receiver<Notice>,
    stopping: watch::Receiver<bool>,
}

impl Listener {
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Listener)> {
        if let Some(event) = self.pending.pop_front() {
            return Some((Ok(event), self));
        }
        let received = tokio::select! {
            _ = self.stopping.wait_for(|&stopping| stopping) => return None,
            received = self.notices.recv() => received,
        };
        let event = match received {
            Ok(notice) => notice.event(),
            // The tab fell behind: whatever it missed, a reload shows the current state.
            Err(broadcast::error::RecvError::Lagged(_)) => Event::default().event("reload"),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(event), self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_carry_file_line_and_column() {
        let diagnostic = Diagnostic::error("front-matter", "content/a.md", "never closed")
            .at(3, 1)
            .with_hint("add `---`");
        let problems = Problems::of(&[diagnostic]);
        let json: serde_json::Value = serde_json::from_str(&problems.json).unwrap();
        assert_eq!(json["problems"][0]["location"], "content/a.md:3:1");
        assert_eq!(json["problems"][0]["severity"], "error");
        assert_eq!(json["problems"][0]["hint"], "add `---`");
        assert!(
            problems
                .text
                .starts_with("content/a.md:3:1: error: never closed")
        );
    }
}
