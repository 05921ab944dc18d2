//! Policy history: when and how each page changed, read from the site's git repository.
//!
//! A code of conduct that changes silently is not accountable. Editors change pages through
//! git, so the history exists; this module reads it once per load — one `git log` for the
//! whole content folder, one `git cat-file --batch` for the versions compared and the commit
//! messages, never a process per page, started ahead on a thread of its own ([`reading`]) —
//! and turns it into plain data: each page's revisions
//! ([`PageHistory`], `page.history` in templates), a word diff for each revision
//! ([`diff`]), and the site-wide "What changed" list with its feed and the redirects left by
//! renamed pages ([`pages`]). Everything is published inside the signed site, so a mirror
//! cannot rewrite the past.
//!
//! What history never shows: who made a change (names only when `site.yaml` opts in, e-mail
//! addresses never — they are dropped while reading), and anything git cannot vouch for: in
//! a shallow clone the boundary commit's changes are left out and every page is marked
//! incomplete rather than dated by the clone.

mod cache;
mod diff;
mod log;
pub mod pages;
mod reading;
pub mod redirects;
mod trail;
mod values;
pub mod what_changed;

pub(crate) use reading::start as start_reading;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::SiteConfig;
use crate::content::{self, Page};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::languages::Languages;
use crate::sign::git;
use log::ChangeKind;
use reading::Versions;

/// The maps history fills and looks up once per commit, change or page: foldhash, not
/// SipHash (keys are the repository's own ids and paths, read once per build).
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// `history:` in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct HistorySettings {
    /// `false` turns history off; `true` asks for it and warns when the site is not in a git
    /// repository; unset, history is shown whenever git can give it.
    pub enabled: Option<bool>,
    /// The sections whose pages show their history (site paths such as `/policies/`);
    /// empty, every page does.
    pub sections: Vec<String>,
    /// Publish the name of each change's author. Off by default: on a staff-accountability
    /// site, a staff member's name beside a change can be a risk to them. E-mail addresses
    /// are never published.
    pub authors: bool,
}

/// What one commit says about itself.
#[derive(Debug, Clone)]
pub(crate) struct CommitRecord {
    pub id: String,
    pub date: Date,
    /// When it was committed, for ordering commits of the same day.
    pub time: u64,
    pub message: String,
    /// Empty unless `history.authors` is on.
    pub author: String,
}

impl CommitRecord {
    pub fn short_id(&self) -> &str {
        self.id.get(..10).unwrap_or(&self.id)
    }

    /// The message's first line: what the change was, in the editor's words.
    pub fn subject(&self) -> &str {
        self.message.lines().next().unwrap_or_default()
    }
}

/// How a revision changed its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RevisionKind {
    Added,
    Edited,
    Moved,
    Deleted,
}

/// One commit's change to one page.
#[derive(Debug, Clone)]
pub(crate) struct Revision {
    /// Index in [`SiteHistory::commits`].
    pub commit: usize,
    pub kind: RevisionKind,
    /// The site path the page had before a move.
    pub moved_from: Option<String>,
    /// The word diff against the version before, as HTML; `None` for a binary or huge file
    /// or a deletion, and when the theme publishes no revision page.
    pub diff: Option<diff::DiffHtml>,
}

/// Every change to one page, newest first.
#[derive(Debug, Clone)]
pub(crate) struct PageHistory {
    /// The page's source today; `None` for a page deleted since.
    pub source: Option<String>,
    /// Where the page is (or, deleted, was last) published.
    pub path: String,
    /// Its title today, or for a deleted page the title in its last committed version (what
    /// the "What changed" page lists it by); `None` when the theme publishes no such page.
    pub title: Option<String>,
    /// Whether the site shows this page's history (its section, its `history:` setting).
    pub shown: bool,
    pub revisions: Vec<Revision>,
}

/// The whole site's history, as read at load.
#[derive(Debug, Clone, Default)]
pub struct SiteHistory {
    pub(crate) commits: Vec<CommitRecord>,
    pub(crate) pages: Vec<PageHistory>,
    /// Page source → index in `pages`.
    by_source: FastMap<String, usize>,
    /// The repository is a shallow clone: older changes are missing.
    pub(crate) incomplete: bool,
    /// Whether history was read at all (a git repository, history not turned off).
    pub(crate) available: bool,
    /// Page sources that differ from the last commit (read only for `serve`).
    uncommitted: HashSet<String>,
    /// Each commit as `page.history` shows it, made once for all the pages it changed.
    pub(crate) commit_values: values::SharedCommitValues,
}

impl SiteHistory {
    /// The history of the page read from `source`, when the site shows it.
    pub(crate) fn of_page(&self, source: &Path) -> Option<&PageHistory> {
        let page = &self.pages[*self.by_source.get(content::slash_str(source).as_ref())?];
        page.shown.then_some(page)
    }

    /// Whether the page read from `source` has changes not yet committed.
    pub(crate) fn is_uncommitted(&self, source: &Path) -> bool {
        !self.uncommitted.is_empty()
            && self
                .uncommitted
                .contains(content::slash_str(source).as_ref())
    }

    /// Marks a page saved while `serve` runs as not yet committed: it was just edited.
    pub(crate) fn mark_edited(&mut self, source: &Path) {
        if self.available {
            self.uncommitted.insert(content::slash_path(source));
        }
    }
}

/// Reads the history of `pages` from the git repository the site at `root` is in. A site
/// outside git, or with history turned off, gets an empty history; `live_reload` (the
/// preview) also asks git which pages have uncommitted changes. `publishes_changes` says
/// whether the theme publishes revision and "What changed" pages: only then are the diffs
/// and the titles of deleted pages made (or read from the cache), since nothing else shows
/// them.
pub(crate) fn read<P: AsRef<Page>>(
    root: &Path,
    config: &SiteConfig,
    pages: &[P],
    live_reload: bool,
    publishes_changes: bool,
) -> (SiteHistory, Diagnostics) {
    let pages: Vec<&Page> = pages.iter().map(AsRef::as_ref).collect();
    let settings = &config.history;
    let mut problems = Diagnostics::new();
    if settings.enabled == Some(false) {
        return (SiteHistory::default(), problems);
    }
    let Some(mut reading) = reading::take(root, settings, live_reload, publishes_changes) else {
        if settings.enabled == Some(true) {
            problems.push(
                Diagnostic::warning(
                    "history",
                    crate::config::CONFIG_FILE,
                    "`history.enabled` is on, but the site is not in a git repository (or git is not installed), so no page shows its history",
                )
                .with_hint("commit the site to git (`git init`, `git add .`, `git commit`), or remove `enabled: true`"),
            );
        }
        return (SiteHistory::default(), problems);
    };
    // A build's reading is its own, and gives up its messages; the preview keeps its reading
    // for the next reload, so it copies them.
    let messages = match Arc::get_mut(&mut reading) {
        Some(own) => std::mem::take(&mut own.messages),
        None => reading.messages.clone(),
    };
    let commits = &reading.commits;
    let (boundary, shallow) = (&reading.boundary, &reading.shallow);
    let sources: Vec<String> = pages
        .iter()
        .map(|page| content::slash_path(&page.source))
        .collect();
    let trails = trail::follow(commits, &sources, boundary);
    let mut history = SiteHistory {
        commits: (commits.iter().zip(messages))
            .map(|(commit, text)| CommitRecord {
                id: commit.id.clone(),
                date: Date::of_unix_seconds(commit.time),
                time: commit.time,
                message: text.message,
                author: if settings.authors {
                    text.author
                } else {
                    String::new()
                },
            })
            .collect(),
        pages: Vec::with_capacity(trails.len()),
        by_source: FastMap::default(),
        incomplete: *shallow,
        available: true,
        uncommitted: HashSet::new(),
        commit_values: values::SharedCommitValues::for_commits(commits.len()),
    };
    let page_of_source: FastMap<&str, &Page> = sources
        .iter()
        .map(String::as_str)
        .zip(pages.iter().copied())
        .collect();
    let shown: Vec<bool> = (trails.iter())
        .map(|trail| is_shown(trail, &reading.commits, &page_of_source, config))
        .collect();
    let versions = publishes_changes.then(|| {
        reading.versions(
            &(trails.iter().zip(&shown))
                .filter_map(|(trail, &shown)| shown.then_some(trail))
                .collect::<Vec<_>>(),
        )
    });
    history.pages = (trails.par_iter().zip(&shown))
        .map(|(trail, &shown)| {
            page_history(
                trail,
                shown,
                &reading,
                versions.as_ref(),
                &page_of_source,
                config,
            )
        })
        .collect();
    if publishes_changes {
        reading.keep_diffs();
    }
    if let Some(problem) = reading.cache_problem() {
        problems.push(
            Diagnostic::warning(
                "history-cache",
                Path::new(crate::local_state::DIR).join("history"),
                format!("cannot keep the history cache for the next build: {problem}"),
            )
            .with_hint("the next build reads the history from git again; check that .candor/ is a folder Candor can write in"),
        );
    }
    history.by_source = history
        .pages
        .iter()
        .enumerate()
        .filter_map(|(index, page)| Some((page.source.clone()?, index)))
        .collect();
    if live_reload {
        history.uncommitted = git::uncommitted(root, &[content::CONTENT_DIR])
            .unwrap_or_default()
            .into_iter()
            .collect();
    }
    (history, problems)
}

/// Whether the site shows the history of the page `trail` follows: its section, its
/// `history:` setting (a deleted page: the section it was in). A translation is in the section
/// its original is in.
fn is_shown(
    trail: &trail::Trail,
    commits: &[log::Commit],
    pages: &FastMap<&str, &Page>,
    config: &SiteConfig,
) -> bool {
    let settings = &config.history;
    match trail.current.as_deref().and_then(|s| pages.get(s)) {
        Some(page) => {
            let prefix = &config.languages.all()[page.language].prefix;
            let original = page
                .path
                .strip_prefix(prefix.as_str())
                .unwrap_or(&page.path);
            page.front.history && in_sections(original, settings)
        }
        None => (trail.steps.first()).is_some_and(|step| {
            let change = &commits[step.commit].changes[step.change];
            in_sections(&original_path_of(&change.path, &config.languages), settings)
        }),
    }
}

/// The history of the page `trail` follows; its diffs and, deleted, its title only with
/// `versions` (when the theme publishes them).
fn page_history(
    trail: &trail::Trail,
    shown: bool,
    reading: &reading::Reading,
    versions: Option<&Versions<'_>>,
    pages: &FastMap<&str, &Page>,
    config: &SiteConfig,
) -> PageHistory {
    let path_of = |source: &str| site_path_of(source, &config.languages);
    let commits = &reading.commits;
    let change_of = |step: &trail::Step| &commits[step.commit].changes[step.change];
    let (path, title) = match trail.current.as_deref().and_then(|s| pages.get(s)) {
        // Titles are shown only on the "What changed" page, made with the diffs.
        Some(page) => (
            page.path.clone(),
            versions.map(|_| page.front.title.clone()),
        ),
        None => {
            let last = trail.steps.first().map(change_of);
            let path = path_of(last.map_or("", |change| change.path.as_str()));
            // A deleted page is listed by the title it had before it was deleted.
            let title = last
                .and_then(|change| change.old_blob.as_deref())
                .and_then(|blob| versions?.title(blob));
            (path, title)
        }
    };
    let revisions: Vec<Revision> = trail
        .steps
        .iter()
        .map(|step| {
            let change = change_of(step);
            let (kind, moved_from) = match &change.kind {
                ChangeKind::Added => (RevisionKind::Added, None),
                ChangeKind::Edited => (RevisionKind::Edited, None),
                ChangeKind::Deleted => (RevisionKind::Deleted, None),
                ChangeKind::Renamed { from } => (RevisionKind::Moved, Some(path_of(from))),
            };
            Revision {
                commit: step.commit,
                kind,
                moved_from,
                diff: versions.filter(|_| shown).and_then(|v| v.diff(step)),
            }
        })
        .collect();
    PageHistory {
        source: trail.current.clone(),
        path,
        title,
        shown,
        revisions,
    }
}

fn in_sections(path: &str, settings: &HistorySettings) -> bool {
    settings.sections.is_empty()
        || (settings.sections.iter()).any(|section| path.starts_with(section.as_str()))
}

/// Where the Markdown file `source` (`content/x.md`) is published: a translation under its
/// language's prefix.
fn site_path_of(source: &str, languages: &Languages) -> String {
    let relative = Path::new(source.strip_prefix("content/").unwrap_or(source));
    match crate::translations::translation_address(relative, languages) {
        Some((path, ..)) => path,
        None => content::site_path_of_markdown(relative).0,
    }
}

/// Where the original of the Markdown file `source` is published (a translation's, without
/// its language's prefix): what `history.sections` names.
fn original_path_of(source: &str, languages: &Languages) -> String {
    let relative = Path::new(source.strip_prefix("content/").unwrap_or(source));
    match crate::translations::translation_address(relative, languages) {
        Some((path, _, language)) => {
            let prefix = &languages.all()[language].prefix;
            path.strip_prefix(prefix.as_str())
                .unwrap_or(&path)
                .to_owned()
        }
        None => content::site_path_of_markdown(relative).0,
    }
}

/// Whether the Markdown file `source` may be in a section whose history is shown, without
/// knowing the site's languages (the history is read before they are): as itself, or as the
/// translation of a page in one. `v1.2.md` is also looked at as `v1.md`; reading more history
/// than is shown costs a little time, never a wrong page.
fn may_be_in_sections(source: &str, settings: &HistorySettings) -> bool {
    let relative = Path::new(source.strip_prefix("content/").unwrap_or(source));
    if in_sections(&content::site_path_of_markdown(relative).0, settings) {
        return true;
    }
    let stem = relative.file_stem().and_then(|stem| stem.to_str());
    stem.and_then(|stem| stem.rsplit_once('.'))
        .is_some_and(|(name, _)| {
            let original = relative.with_file_name(format!("{name}.md"));
            in_sections(&content::site_path_of_markdown(&original).0, settings)
        })
}

/// The title in a version of a page, when its front matter parses.
fn title_of(file: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(file).ok()?.to_owned();
    let page = content::parse_page(
        Path::new("history.md"),
        text,
        String::new(),
        content::PageKind::Page,
    )
    .ok()?;
    Some(page.front.title)
}

/// A warning for each page whose hand-written `updated:` is not the day git last changed it
/// (for `check`: the build shows `updated:` as the editor's override).
pub(crate) fn updated_disagreements<P: AsRef<Page>>(
    history: &SiteHistory,
    pages: &[P],
) -> Vec<Diagnostic> {
    pages
        .iter()
        .map(AsRef::as_ref)
        .filter_map(|page| {
            let updated = page.front.updated?;
            let newest = history.of_page(&page.source)?.revisions.first()?;
            let committed = history.commits[newest.commit].date;
            (updated != committed).then(|| {
                Diagnostic::warning(
                    "updated-disagrees",
                    &page.source,
                    format!("`updated` says {updated}, but the last commit that changed this page is from {committed}"),
                )
                .at(content::front_matter_key_line(page, "updated"), 1)
                .with_hint(format!("remove `updated:` to show the date from git, or set it to {committed}"))
            })
        })
        .collect()
}
