//! What history publishes for each page: `page.history` for templates, and a page for each
//! revision with its diff. The site-wide "What changed" page and its feed are in
//! [`super::what_changed`], the redirects from old addresses in [`super::redirects`]; the plan
//! here claims the addresses of all three.
//!
//! Rendering returns strings; the build writes them with everything else. Commit messages
//! reach templates as plain text, which Tera escapes: a message is never rendered as HTML or
//! Markdown.

use std::path::Path;

use serde::Serialize;
use tera::Value;

use super::redirects::{Redirect, redirect_list};
use super::what_changed::{
    ENTRIES_PER_PAGE, WHAT_CHANGED_FEED_PATH, WHAT_CHANGED_PATH, listed_commits, what_changed_path,
};
use super::{CommitRecord, PageHistory, Revision, RevisionKind, SiteHistory, values};
use crate::config::SiteConfig;
use crate::content::Page;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::interface_strings::Phrasebook;
use crate::output::file_for;
use crate::render::Theme;

/// The theme template of a revision's page.
const REVISION_TEMPLATE: &str = "revision.html";
/// The theme template of the "What changed" page.
pub(super) const CHANGES_TEMPLATE: &str = "changes.html";
/// The templates a theme needs to publish revision and "What changed" pages: without both,
/// history publishes neither.
const CHANGE_TEMPLATES: [&str; 2] = [REVISION_TEMPLATE, CHANGES_TEMPLATE];

/// Whether `theme` publishes revision and "What changed" pages: only then are diffs made.
pub(crate) fn publishes_changes(theme: &Theme) -> bool {
    CHANGE_TEMPLATES.iter().all(|name| theme.has(name))
}

/// Whether the theme of the site at `root` will most likely publish revision pages, from its
/// files alone, before it is loaded: what the history reading started then reads ahead. A
/// wrong guess costs time, never a page (what is missed is read when it is needed).
pub(crate) fn theme_files_publish_changes(root: &Path, config: &SiteConfig) -> bool {
    let theme_templates = root.join("themes").join(&config.theme).join("templates");
    let site_templates = root.join("templates");
    CHANGE_TEMPLATES
        .iter()
        .all(|name| theme_templates.join(name).is_file() || site_templates.join(name).is_file())
}

/// `page.history`: a page's revisions as templates see them.
#[derive(Serialize)]
pub struct PageHistoryView<'a> {
    /// The hand-written `updated:`, else the day of the last commit that changed the page.
    last_changed: Option<Date>,
    /// The repository is a shallow clone: older revisions are missing.
    incomplete: bool,
    /// The file has changes not yet committed (shown by `candor serve`).
    uncommitted: bool,
    changes_url: String,
    revisions: Vec<RevisionItem<'a>>,
}

/// A revision in `page.history.revisions`: made for the page, or, for the page's creation,
/// the value its commit shares with every page it created ([`super::values`]).
enum RevisionItem<'a> {
    Made(RevisionView<'a>),
    Shared(&'a Value),
}

impl Serialize for RevisionItem<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RevisionItem::Made(view) => view.serialize(serializer),
            RevisionItem::Shared(value) => value.serialize(serializer),
        }
    }
}

/// One revision in `page.history`: its commit's fields are shared template values
/// ([`super::values`]), passed through as they are.
#[derive(Serialize)]
struct RevisionView<'a> {
    date: &'a Value,
    hash: &'a Value,
    short_hash: &'a Value,
    subject: &'a Value,
    message: &'a Value,
    author: &'a Value,
    kind: RevisionKind,
    moved_from: Option<&'a str>,
    /// The revision's own page, with its diff; none for the revision that created the page
    /// (there is nothing to compare: the page's first version is all of it).
    url: Option<String>,
}

/// The site path of a revision's page.
pub(super) fn revision_path(page_path: &str, commit: &CommitRecord) -> String {
    format!("{page_path}changes/{}/", commit.short_id())
}

/// A revision of a page's history, of the commit whose values are `values`.
fn revision_view<'a>(
    values: &'a values::CommitValues,
    revision: &'a Revision,
    url: Option<String>,
) -> RevisionView<'a> {
    RevisionView {
        date: &values.date,
        hash: &values.hash,
        short_hash: &values.short_hash,
        subject: &values.subject,
        message: &values.message,
        author: &values.author,
        kind: revision.kind,
        moved_from: revision.moved_from.as_deref(),
        url,
    }
}

/// The link to the page of the revision of commit `short_id` (its short id), as
/// `config.link(&revision_path(..))` makes it, written at once: one of these for each
/// revision of each page.
fn revision_link(config: &SiteConfig, page_path: &str, short_id: &str) -> String {
    let page_path = page_path.trim_start_matches('/');
    let mut link = String::with_capacity(
        config.base_path.len() + page_path.len() + "changes//".len() + short_id.len(),
    );
    for part in [
        config.base_path.as_str(),
        page_path,
        "changes/",
        short_id,
        "/",
    ] {
        link.push_str(part);
    }
    link
}

/// Whether a revision has a page of its own: every change but a page's creation, which has
/// nothing before it to compare with (on a large site, a third of all revisions).
pub(super) fn has_page(revision: &Revision) -> bool {
    revision.kind != RevisionKind::Added
}

pub(super) fn author(commit: &CommitRecord) -> Option<&str> {
    (!commit.author.is_empty()).then_some(commit.author.as_str())
}

/// `page.history` for a page's template value (made with the rest of it, in one pass): its
/// revisions, or none when the site shows none for it.
pub(crate) fn page_history_view<'a>(
    history: &'a SiteHistory,
    page: &Page,
    config: &SiteConfig,
) -> Option<PageHistoryView<'a>> {
    let page_history = history.of_page(&page.source)?;
    let revisions: Vec<RevisionItem<'_>> = page_history
        .revisions
        .iter()
        .map(|revision| {
            let shared = &history.commit_values;
            if has_page(revision) {
                let values = shared.of(&history.commits, revision.commit);
                let short_id = history.commits[revision.commit].short_id();
                let url = revision_link(config, &page.path, short_id);
                RevisionItem::Made(revision_view(values, revision, Some(url)))
            } else if revision.kind == RevisionKind::Added && revision.moved_from.is_none() {
                RevisionItem::Shared(shared.creation(&history.commits, revision.commit, |v| {
                    Value::from_serializable(&revision_view(v, revision, None))
                }))
            } else {
                let values = shared.of(&history.commits, revision.commit);
                RevisionItem::Made(revision_view(values, revision, None))
            }
        })
        .collect();
    let view = PageHistoryView {
        last_changed: (page.front.updated).or_else(|| {
            let newest = page_history.revisions.first()?;
            Some(history.commits[newest.commit].date)
        }),
        incomplete: history.incomplete,
        uncommitted: history.is_uncommitted(&page.source),
        changes_url: config.link(WHAT_CHANGED_PATH),
        revisions,
    };
    Some(view)
}

/// What history publishes, as the build's plan lists it: nothing here is rendered yet.
#[derive(Default)]
pub(crate) struct Planned {
    /// Every redirect, sorted by the address it leaves.
    pub redirects: Vec<Redirect>,
    /// Each revision page: the index of its page, of the revision in the page's history,
    /// and where it is published.
    pub revisions: Vec<(usize, usize, String)>,
    /// The "What changed" pages published: each one's number (from 1, the newest changes)
    /// and site path.
    pub what_changed: Vec<(usize, String)>,
    /// Whether its feed is published.
    pub feed: bool,
}

/// Everything history publishes for `pages`. `taken` says whether a file (as [`file_for`]
/// names it) is already published by a page, an asset or Candor itself: a history page never
/// replaces one.
pub(crate) fn plan<P: AsRef<Page>>(
    history: &SiteHistory,
    theme: &Theme,
    config: &SiteConfig,
    pages: &[P],
    taken: &dyn Fn(&str) -> bool,
) -> (Planned, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut planned = Planned {
        redirects: redirect_list(history, pages, taken, &mut problems),
        ..Planned::default()
    };
    if !history.available {
        return (planned, problems);
    }
    let mut claim = |path: String,
                     what: &str,
                     source: Option<&std::path::Path>|
     -> Option<String> {
        if !taken(&file_for(&path)) {
            return Some(path);
        }
        let message =
            format!("Candor publishes {what} at {path}, where the site already has a page or file");
        problems.push(match source {
            Some(source) => Diagnostic::error("generated-path", source, message),
            None => Diagnostic::general(crate::diagnostic::Severity::Error, "generated-path", message),
        }
        .with_hint("move the page or file elsewhere, or remove `history:` from site.yaml to publish no history"));
        None
    };
    let mut revisions = Vec::new();
    // Without the templates no revision page is published, so none claims its address.
    let publishes = publishes_changes(theme);
    for (index, page) in (pages.iter().map(AsRef::as_ref).enumerate()).filter(|_| publishes) {
        let Some(page_history) = history.of_page(&page.source) else {
            continue;
        };
        for (revision, record) in page_history.revisions.iter().enumerate() {
            if !has_page(record) {
                continue;
            }
            let commit = &history.commits[record.commit];
            if let Some(path) = claim(
                revision_path(&page.path, commit),
                "a change record",
                Some(&page.source),
            ) {
                revisions.push((index, revision, path));
            }
        }
    }
    let page_count = listed_commits(history).div_ceil(ENTRIES_PER_PAGE).max(1);
    let what_changed: Vec<Option<String>> = (1..=page_count)
        .map(|number| claim(what_changed_path(number), "the \"What changed\" page", None))
        .collect();
    let feed = claim(
        WHAT_CHANGED_FEED_PATH.to_owned(),
        "the \"What changed\" feed",
        None,
    );
    if !missing_templates(history, theme, config).is_empty() {
        return (planned, problems);
    }
    planned.revisions = revisions;
    planned.what_changed = (what_changed.into_iter().enumerate())
        .filter_map(|(index, path)| Some((index + 1, path?)))
        .collect();
    planned.feed = feed.is_some();
    (planned, problems)
}

/// Renders the page of revision `revision` of `page`'s history, published at `path`.
pub(crate) fn render_revision(
    history: &SiteHistory,
    theme: &Theme,
    config: &SiteConfig,
    page: &Page,
    revision: usize,
    path: &str,
    in_language: &dyn Fn(&mut tera::Context),
) -> Result<String, Diagnostic> {
    let Some(page_history) = history.of_page(&page.source) else {
        // The plan lists revision pages only for pages with a history, from the same history.
        return Err(Diagnostic::error(
            "history",
            &page.source,
            "this page has no history to publish a change record of",
        ));
    };
    let code = (page.language > 0).then(|| config.languages.all()[page.language].code.as_str());
    let words = Phrasebook::new(&theme.strings, code);
    let value = revision_value(history, config, page, page_history, revision, &words);
    let mut context = Theme::context(path, "revision", value);
    in_language(&mut context);
    theme.render(REVISION_TEMPLATE, &context, Some(&page.source))
}

/// A warning when the site has a history to show but its theme cannot show it (a load-stage
/// problem, so it is reported with the others whatever the rest of the build does).
pub(crate) fn missing_templates(
    history: &SiteHistory,
    theme: &Theme,
    config: &SiteConfig,
) -> Diagnostics {
    let missing: Vec<&str> = CHANGE_TEMPLATES
        .into_iter()
        .filter(|name| !theme.has(name))
        .collect();
    if !history.available || missing.is_empty() {
        return Diagnostics::new();
    }
    Diagnostic::warning(
        "theme",
        format!("themes/{}/templates", config.theme),
        format!(
            "the theme has no `{}` template, so the pages showing what changed are not published",
            missing.join("` or `")
        ),
    )
    .with_hint("copy revision.html and changes.html from Candor's default theme into the theme's templates/, or remove `history:` from site.yaml to publish no history")
    .into()
}

/// A revision's page, as `revision.html` sees it.
#[derive(Serialize)]
struct RevisionPageView<'a> {
    page: RevisedPage<'a>,
    date: Date,
    hash: &'a str,
    short_hash: &'a str,
    subject: &'a str,
    message: &'a str,
    author: Option<&'a str>,
    kind: RevisionKind,
    moved_from: Option<&'a str>,
    newer: Option<NeighbourView<'a>>,
    older: Option<NeighbourView<'a>>,
    incomplete: bool,
    changes_url: String,
    /// The word diff, as HTML (`none` for a binary, huge or deleted file).
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<Value>,
}

/// The page a revision changed.
#[derive(Serialize)]
struct RevisedPage<'a> {
    title: &'a str,
    url: String,
    path: &'a str,
}

/// The revision before or after, when it has a page of its own.
#[derive(Serialize)]
struct NeighbourView<'a> {
    date: Date,
    short_hash: &'a str,
    url: String,
}

/// A revision's page, as `revision.html` sees it: made straight into the template's value
/// (one of these for every revision of the site).
fn revision_value(
    history: &SiteHistory,
    config: &SiteConfig,
    page: &Page,
    page_history: &PageHistory,
    index: usize,
    words: &Phrasebook<'_>,
) -> Value {
    let revision = &page_history.revisions[index];
    let commit = &history.commits[revision.commit];
    let neighbour = |index: Option<usize>| {
        let revision = page_history.revisions.get(index?).filter(|r| has_page(r))?;
        let commit = &history.commits[revision.commit];
        Some(NeighbourView {
            date: commit.date,
            short_hash: commit.short_id(),
            url: config.link(&revision_path(&page.path, commit)),
        })
    };
    let view = RevisionPageView {
        page: RevisedPage {
            title: &page.front.title,
            url: config.link(&page.path),
            path: &page.path,
        },
        date: commit.date,
        hash: &commit.id,
        short_hash: commit.short_id(),
        subject: commit.subject(),
        message: &commit.message,
        author: author(commit),
        kind: revision.kind,
        moved_from: revision.moved_from.as_deref(),
        newer: neighbour(index.checked_sub(1)),
        older: neighbour(Some(index + 1)),
        incomplete: history.incomplete,
        changes_url: config.link(WHAT_CHANGED_PATH),
        diff: (revision.diff.as_deref())
            .map(|diff| Value::safe_string(&super::diff::in_words(diff, words))),
    };
    Value::from_serializable(&view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_link_is_the_link_to_its_path() {
        let commit = CommitRecord {
            id: "0123456789abcdef0123456789abcdef01234567".into(),
            date: Date::of_unix_seconds(0),
            time: 0,
            message: String::new(),
            author: String::new(),
        };
        for base_url in ["https://example.org/", "https://example.org/sub/"] {
            let config = SiteConfig::parse(&format!("title: T\nbase_url: {base_url}\n")).unwrap();
            for page_path in ["/", "/a/", "/a/b/", "", "//a/", "/é/"] {
                assert_eq!(
                    revision_link(&config, page_path, commit.short_id()),
                    config.link(&revision_path(page_path, &commit)),
                    "{base_url} {page_path}"
                );
            }
        }
    }
}
