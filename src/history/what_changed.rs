//! The site-wide "What changed" page and its Atom feed: every commit that changed a page whose
//! history is shown, newest first, 100 to a page, each linking to the revision pages of what
//! it changed. The changelog of the organisation's commitments, in the editors' words (plain
//! text: a commit message is never rendered as HTML or Markdown).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use tera::Value;

use super::pages::{CHANGES_TEMPLATE, author, has_page, revision_path};
use super::{RevisionKind, SiteHistory};
use crate::config::SiteConfig;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::escape::markup;
use crate::render::Theme;

/// Where the site-wide "What changed" page is published.
pub const WHAT_CHANGED_PATH: &str = "/what-changed/";
/// How many commits one "What changed" page lists; older ones are on `/what-changed/page/2/`
/// and after. A repository of 20,000 commits would otherwise make one page no reader's
/// browser loads comfortably.
pub(super) const ENTRIES_PER_PAGE: usize = 100;
/// Where its Atom feed is published.
pub const WHAT_CHANGED_FEED_PATH: &str = "/what-changed.xml";
/// The site path of the "What changed" page `number` (from 1, the newest changes).
pub(super) fn what_changed_path(number: usize) -> String {
    if number <= 1 {
        WHAT_CHANGED_PATH.to_owned()
    } else {
        format!("{WHAT_CHANGED_PATH}page/{number}/")
    }
}

/// The commits the "What changed" page and its feed list, made once per build.
pub(crate) struct Changes<'a>(Vec<Entry<'a>>);

impl<'a> Changes<'a> {
    pub(crate) fn of(history: &'a SiteHistory, config: &SiteConfig) -> Changes<'a> {
        Changes(entries(history, config))
    }
}

/// Renders "What changed" page `number` (from 1, the newest changes), published at `path`.
pub(crate) fn render_what_changed(
    history: &SiteHistory,
    theme: &Theme,
    config: &SiteConfig,
    changes: &Changes<'_>,
    number: usize,
    path: &str,
) -> Result<String, Diagnostic> {
    let entries = &changes.0;
    let page_count = entries.len().div_ceil(ENTRIES_PER_PAGE).max(1);
    let first = (number - 1) * ENTRIES_PER_PAGE;
    let listed = entries
        .get(first..entries.len().min(first + ENTRIES_PER_PAGE))
        .unwrap_or_default();
    let view = WhatChangedView {
        entries: listed,
        incomplete: history.incomplete,
        feed_url: config.link(WHAT_CHANGED_FEED_PATH),
        page: WhatChangedPage {
            number,
            count: page_count,
            first_number: entries.len() - first.min(entries.len()),
            newer_url: (number > 1).then(|| config.link(&what_changed_path(number - 1))),
            older_url: (number < page_count).then(|| config.link(&what_changed_path(number + 1))),
        },
    };
    let context = Theme::context(path, "changes", Value::from_serializable(&view));
    theme.render(CHANGES_TEMPLATE, &context, None)
}

/// A "What changed" page, as `changes.html` sees it: made straight into the template's value
/// (a JSON value first cost as much again, on 200 pages of 100 commits).
#[derive(Serialize)]
struct WhatChangedView<'a> {
    entries: &'a [Entry<'a>],
    incomplete: bool,
    feed_url: String,
    page: WhatChangedPage,
}

/// Where a "What changed" page is among them.
#[derive(Serialize)]
struct WhatChangedPage {
    number: usize,
    count: usize,
    first_number: usize,
    newer_url: Option<String>,
    older_url: Option<String>,
}

/// The "What changed" feed.
pub(crate) fn what_changed_feed(config: &SiteConfig, changes: &Changes<'_>) -> String {
    atom(config, &changes.0)
}

/// One commit on the "What changed" page: what it changed, in the editor's words.
#[derive(Serialize)]
struct Entry<'a> {
    /// The anchor of the entry on the page.
    id: String,
    date: Date,
    #[serde(skip)]
    time: u64,
    hash: &'a str,
    short_hash: &'a str,
    subject: &'a str,
    message: &'a str,
    author: Option<&'a str>,
    pages: Vec<EntryPage<'a>>,
}

#[derive(Serialize)]
struct EntryPage<'a> {
    title: &'a str,
    /// The page today; `None` when it has been deleted since.
    url: Option<String>,
    /// The revision's page with its diff; `None` for a deleted page or a creation.
    diff_url: Option<String>,
    #[serde(skip)]
    diff_path: Option<String>,
    kind: RevisionKind,
    moved_from: Option<&'a str>,
}

/// How many commits [`entries`] lists, counted without making the entries (the plan needs
/// only the number of "What changed" pages).
pub(super) fn listed_commits(history: &SiteHistory) -> usize {
    let mut listed = vec![false; history.commits.len()];
    for page in history.pages.iter().filter(|page| page.shown) {
        for revision in &page.revisions {
            listed[revision.commit] = true;
        }
    }
    listed.into_iter().filter(|&listed| listed).count()
}

/// Every commit that changed a page whose history is shown, newest first, each page once.
fn entries<'a>(history: &'a SiteHistory, config: &SiteConfig) -> Vec<Entry<'a>> {
    let mut by_commit: BTreeMap<usize, Vec<EntryPage<'a>>> = BTreeMap::new();
    for page in history.pages.iter().filter(|page| page.shown) {
        let title = page.title.as_deref().unwrap_or(page.path.as_str());
        for revision in &page.revisions {
            let commit = &history.commits[revision.commit];
            let current = page.source.is_some();
            let diff_path =
                (current && has_page(revision)).then(|| revision_path(&page.path, commit));
            by_commit
                .entry(revision.commit)
                .or_default()
                .push(EntryPage {
                    title,
                    url: current.then(|| config.link(&page.path)),
                    diff_url: diff_path.as_deref().map(|path| config.link(path)),
                    diff_path,
                    kind: revision.kind,
                    moved_from: revision.moved_from.as_deref(),
                });
        }
    }
    let mut entries: Vec<Entry<'a>> = by_commit
        .into_iter()
        .map(|(index, mut pages)| {
            let commit = &history.commits[index];
            pages.sort_by(|a, b| a.title.cmp(b.title));
            Entry {
                id: format!("change-{}", commit.short_id()),
                date: commit.date,
                time: commit.time,
                hash: &commit.id,
                short_hash: commit.short_id(),
                subject: commit.subject(),
                message: &commit.message,
                author: author(commit),
                pages,
            }
        })
        .collect();
    // Newest first; commits of the same second in git's order (children before parents).
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.time));
    entries
}

/// The Atom feed of the newest `feed_limit` entries.
fn atom(config: &SiteConfig, entries: &[Entry<'_>]) -> String {
    let page_url = config.absolute_url(WHAT_CHANGED_PATH);
    let timestamp = |time: u64| {
        i64::try_from(time)
            .ok()
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_string()
    };
    let updated = entries.first().map_or(0, |entry| entry.time);
    let mut xml = crate::feeds::open_atom_feed(
        config,
        &format!("What changed — {}", config.title),
        &page_url,
        WHAT_CHANGED_FEED_PATH,
        &timestamp(updated),
    );
    for (index, entry) in entries.iter().enumerate().take(config.feed_limit) {
        // The entry's id stays what it was when the list had one page; its link goes to the
        // page that lists it now.
        let url = format!("{page_url}#{}", entry.id);
        let link = entry
            .pages
            .iter()
            .find_map(|page| page.diff_path.as_deref())
            .map_or_else(
                || {
                    let number = index / ENTRIES_PER_PAGE + 1;
                    let listed_at = config.absolute_url(&what_changed_path(number));
                    format!("{listed_at}#{}", entry.id)
                },
                |diff| config.absolute_url(diff),
            );
        let pages: Vec<&str> = entry.pages.iter().map(|page| page.title).collect();
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", markup(entry.subject));
        let _ = writeln!(xml, "    <id>{}</id>", markup(&url));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" href=\"{}\"/>",
            markup(&link)
        );
        let _ = writeln!(xml, "    <updated>{}</updated>", timestamp(entry.time));
        let _ = writeln!(
            xml,
            "    <summary>Changed: {}</summary>",
            markup(&pages.join(", "))
        );
        let _ = writeln!(
            xml,
            "    <content type=\"text\">{}</content>",
            markup(entry.message)
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
