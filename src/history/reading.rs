//! Asking git, once per load and ahead of the stage that needs it: the log of the content
//! folder, the commit messages and the versions of pages whose changes are shown.
//!
//! History is the slowest part of a build of a large repository, and almost all of it is
//! waiting for git. So the build starts the reading ([`start`]) on a thread of its own as soon
//! as `site.yaml` is read, and it runs while the content is loaded; [`take`] collects it.
//! Only what is shown is kept: for each version of a page, the text a reader sees of it
//! (never the file as stored), read from one `git cat-file --batch` whose answer is handled
//! object by object as it arrives, so a repository of any size is never held in memory.
//! A version that nothing will compare (a page's first version, which gets no diff) is not
//! read at all.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

use rayon::prelude::*;

use super::diff::DiffHtml;
use super::log::{self, ChangeKind, Commit, CommitText};
use super::{HistorySettings, cache, diff, trail};
use crate::content;
use crate::sign::git;

/// What git says about the site: every commit of the content folder, and the text of the
/// versions history compares.
pub(super) struct Reading {
    /// The commit checked out, which the rest follows from.
    head: String,
    root: PathBuf,
    pub commits: Vec<Commit>,
    /// `commits[i]`'s message and author.
    pub messages: Vec<CommitText>,
    /// The text a reader sees of each version read so far, by blob id; `None` for a version
    /// that cannot be compared (not text, or too large).
    texts: Mutex<HashMap<String, Option<Arc<str>>>>,
    /// The title in each version of a page that was deleted next, by blob id.
    titles: Mutex<HashMap<String, String>>,
    /// The word diff of `commits[i].changes[j]`, made once, when a page whose history is
    /// shown first needs it.
    diffs: Vec<Vec<OnceLock<Option<DiffHtml>>>>,
    /// The diffs kept by earlier builds ([`cache`]), read the first time one is looked for:
    /// a build whose theme publishes no revision page never reads them (tens of megabytes
    /// on a large site).
    kept_diffs: OnceLock<cache::CachedDiffs>,
    /// Whether a diff was made that the cache does not hold yet.
    diffs_unkept: AtomicBool,
    /// Why the cache could not be written, for a warning.
    cache_problem: Mutex<Option<String>>,
    /// A shallow clone's boundary commits, whose listed changes are not real.
    pub boundary: HashSet<String>,
    pub shallow: bool,
}

/// What a load collects from its reading: the versions' texts and the deleted pages' titles,
/// fixed for the stage that compares them.
pub(super) struct Versions<'a> {
    reading: &'a Reading,
    texts: HashMap<String, Option<Arc<str>>>,
    titles: HashMap<String, String>,
}

/// The last reading `serve` made: a full reload (a theme or `site.yaml` saved) with the same
/// commit checked out reads nothing from git again. Builds always read afresh.
static LAST_READING: Mutex<Option<Arc<Reading>>> = Mutex::new(None);

/// A reading started by [`start`] and not yet collected.
struct Pending {
    root: PathBuf,
    live_reload: bool,
    reading: JoinHandle<Option<Arc<Reading>>>,
}

static PENDING: Mutex<Option<Pending>> = Mutex::new(None);

/// Starts reading the history of the site at `root` on a thread of its own, when the site
/// asks for history, so that git works while the build loads the content. [`take`] collects
/// it; a reading never collected is simply dropped by the next one. `read_versions` says
/// whether the theme seems to publish revision pages: then the versions they compare are
/// read ahead too. (A guess, for speed only: what is missed is read when it is needed.)
pub(crate) fn start(
    root: &Path,
    settings: &HistorySettings,
    live_reload: bool,
    read_versions: bool,
) {
    if settings.enabled == Some(false) {
        return;
    }
    let (thread_root, settings) = (root.to_path_buf(), settings.clone());
    let reading = std::thread::Builder::new()
        .name("history".into())
        .spawn(move || Reading::of(&thread_root, live_reload, &settings, read_versions));
    if let (Ok(reading), Ok(mut pending)) = (reading, PENDING.lock()) {
        *pending = Some(Pending {
            root: root.to_path_buf(),
            live_reload,
            reading,
        });
    }
}

/// The reading [`start`] began for this site, or, when none was started, one made now
/// (reading ahead the versions revision pages compare when `read_versions`). `None` outside
/// git.
pub(super) fn take(
    root: &Path,
    settings: &HistorySettings,
    live_reload: bool,
    read_versions: bool,
) -> Option<Arc<Reading>> {
    let pending = PENDING.lock().ok().and_then(|mut pending| pending.take());
    if let Some(pending) = pending
        && pending.root == root
        && pending.live_reload == live_reload
        && let Ok(reading) = pending.reading.join()
    {
        return reading;
    }
    Reading::of(root, live_reload, settings, read_versions)
}

impl Reading {
    /// Asks git, in three processes whatever the size of the site: which commit is checked
    /// out and whether the clone is shallow; the log; the objects. `None` outside git.
    /// `read_versions`: whether to read ahead the versions revision pages compare (when the
    /// theme publishes them).
    fn of(
        root: &Path,
        live_reload: bool,
        settings: &HistorySettings,
        read_versions: bool,
    ) -> Option<Arc<Reading>> {
        let answer = git::answer(
            root,
            &[
                "rev-parse",
                "--is-shallow-repository",
                "--git-path",
                "shallow",
                "HEAD",
            ],
        )?;
        let mut lines = answer.lines();
        let shallow = lines.next() == Some("true");
        let shallow_file = lines.next().unwrap_or_default().to_owned();
        let head = lines.next().unwrap_or_default().to_owned();
        if live_reload {
            let last = LAST_READING.lock().ok()?.clone();
            if let Some(last) = last.filter(|last| last.head == head && last.root == root) {
                return Some(last);
            }
        }
        let boundary: HashSet<String> = if shallow {
            std::fs::read_to_string(root.join(shallow_file))
                .unwrap_or_default()
                .lines()
                .map(str::to_owned)
                .collect()
        } else {
            HashSet::new()
        };
        let (log, mut cached_messages, log_changed) = read_log(root, &head, shallow, &boundary);
        let commits = log::parse_log(&log);
        let diffs = (commits.iter())
            .map(|commit| commit.changes.iter().map(|_| OnceLock::new()).collect())
            .collect();
        let mut reading = Reading {
            head,
            root: root.to_path_buf(),
            messages: vec![CommitText::default(); commits.len()],
            commits,
            texts: Mutex::default(),
            titles: Mutex::default(),
            diffs,
            kept_diffs: OnceLock::new(),
            diffs_unkept: AtomicBool::new(false),
            cache_problem: Mutex::new(None),
            boundary,
            shallow,
        };
        // The messages, and the versions the shown sections will most likely compare, in
        // one process. Pages are not known yet; what is missed is read when they are.
        let mut wanted = Wanted::default();
        // Which commits' messages are known, from the cache or from git.
        let mut known = vec![false; reading.commits.len()];
        if read_versions {
            // Their titles too: what the cache has is not asked of git.
            reading.kept();
        }
        for (index, commit) in reading.commits.iter().enumerate() {
            match cached_messages.remove(&commit.id) {
                Some(text) => {
                    reading.messages[index] = text;
                    known[index] = true;
                }
                None => {
                    wanted.commits.insert(commit.id.as_str(), index);
                }
            }
            if !read_versions || reading.boundary.contains(&commit.id) {
                continue;
            }
            for change in &commit.changes {
                if in_shown_folder(change, settings) && !reading.is_kept(change) {
                    wanted.versions_of(change);
                }
            }
        }
        if let Ok(titles) = reading.titles.lock() {
            wanted.titles.retain(|id| !titles.contains_key(*id));
        }
        let messages = reading.read_objects(&wanted);
        if log_changed || !messages.is_empty() {
            for (index, message) in messages {
                reading.messages[index] = message;
                known[index] = true;
            }
            let kept = cache::CachedLog {
                head: reading.head.clone(),
                shallow,
                boundary: {
                    let mut ids: Vec<String> = reading.boundary.iter().cloned().collect();
                    ids.sort_unstable();
                    ids
                },
                log,
                // Only messages git gave: one it could not give is asked for again next time.
                messages: (reading.commits.iter().zip(&reading.messages).zip(&known))
                    .filter(|(_, known)| **known)
                    .map(|((commit, text), _)| (commit.id.clone(), text.clone()))
                    .collect(),
            };
            if let Err(error) = cache::write_log(root, &kept) {
                reading.note_cache_problem(&error);
            }
        }
        let reading = Arc::new(reading);
        if live_reload && let Ok(mut last) = LAST_READING.lock() {
            *last = Some(reading.clone());
        }
        Some(reading)
    }

    /// Reads `wanted` with one `git cat-file --batch`: versions become the text a reader sees
    /// (and, where asked, their title); commits their message. Returns the messages.
    fn read_objects(&self, wanted: &Wanted<'_>) -> Vec<(usize, CommitText)> {
        let ids: Vec<&str> = (wanted.commits.keys())
            .chain(&wanted.texts)
            .chain(
                wanted
                    .titles
                    .iter()
                    .filter(|id| !wanted.texts.contains(*id)),
            )
            .copied()
            .collect();
        let mut messages = Vec::new();
        if ids.is_empty() {
            return messages;
        }
        let mut input = ids.join("\n").into_bytes();
        input.push(b'\n');
        // Versions are turned into text in batches, in parallel, while git writes the next.
        let mut batch: Vec<(String, Vec<u8>)> = Vec::new();
        let flush = |batch: &mut Vec<(String, Vec<u8>)>| {
            let made: Vec<(String, Option<Arc<str>>, Option<String>)> = batch
                .par_drain(..)
                .map(|(id, bytes)| {
                    let text = (wanted.texts.contains(id.as_str()))
                        .then(|| diff::reader_text(&bytes).map(Arc::from))
                        .flatten();
                    let title = if wanted.titles.contains(id.as_str()) {
                        super::title_of(&bytes)
                    } else {
                        None
                    };
                    (id, text, title)
                })
                .collect();
            let (Ok(mut texts), Ok(mut titles)) = (self.texts.lock(), self.titles.lock()) else {
                return;
            };
            for (id, text, title) in made {
                if let Some(title) = title {
                    titles.insert(id.clone(), title);
                }
                if wanted.texts.contains(id.as_str()) {
                    texts.insert(id, text);
                }
            }
        };
        git::stream_given(&self.root, &["cat-file", "--batch"], input, |out| {
            log::read_batch(out, |id, kind, bytes| match kind {
                "commit" => {
                    if let (Some(&index), Some(bytes)) = (wanted.commits.get(id), bytes) {
                        messages.push((index, log::parse_commit_object(bytes)));
                    }
                }
                "blob" => {
                    batch.push((id.to_owned(), bytes.unwrap_or_default().to_vec()));
                    if batch.len() >= BATCH {
                        flush(&mut batch);
                    }
                }
                _ => {}
            });
        });
        flush(&mut batch);
        messages
    }

    /// Collects what the shown `trails` compare, reading from git whatever the reading ahead
    /// did not (a page moved into a shown section, say).
    pub(super) fn versions(&self, trails: &[&trail::Trail]) -> Versions<'_> {
        let mut wanted = Wanted::default();
        // Read before the locks below: reading the kept diffs adds their titles.
        self.kept();
        {
            let (Ok(texts), Ok(titles)) = (self.texts.lock(), self.titles.lock()) else {
                return self.collected();
            };
            for trail in trails {
                for step in &trail.steps {
                    let commit = &self.commits[step.commit];
                    let change = &commit.changes[step.change];
                    if !self.boundary.contains(&commit.id) && !self.is_kept(change) {
                        wanted.versions_of(change);
                    }
                }
            }
            wanted.texts.retain(|id| !texts.contains_key(*id));
            wanted.titles.retain(|id| !titles.contains_key(*id));
        }
        if !wanted.texts.is_empty() || !wanted.titles.is_empty() {
            self.read_objects(&wanted);
        }
        self.collected()
    }

    /// Whether an earlier build kept the diff of `change`, so its versions need not be read.
    fn is_kept(&self, change: &log::Change) -> bool {
        (change.diff_key.as_ref()).is_some_and(|key| self.kept().contains(key))
    }

    /// The diffs earlier builds kept, read on first use; their titles join those read from
    /// git. (Never called with `titles` locked.)
    fn kept(&self) -> &cache::CachedDiffs {
        self.kept_diffs.get_or_init(|| {
            let mut kept = cache::read_diffs(&self.root);
            if let Ok(mut titles) = self.titles.lock() {
                for (blob, title) in std::mem::take(&mut kept.titles) {
                    titles.entry(blob).or_insert(title);
                }
            }
            kept
        })
    }

    fn note_cache_problem(&self, error: &anyhow::Error) {
        if let Ok(mut problem) = self.cache_problem.lock() {
            problem.get_or_insert_with(|| format!("{error:#}"));
        }
    }

    /// Keeps every diff made or used so far for the next build, when one was made that the
    /// cache does not hold. What is no longer used is dropped, so the cache never outgrows
    /// the site's history.
    pub(super) fn keep_diffs(&self) {
        if !self.diffs_unkept.swap(false, Ordering::Relaxed) {
            return;
        }
        let mut diffs = Vec::new();
        for (commit, locks) in self.commits.iter().zip(&self.diffs) {
            for (change, lock) in commit.changes.iter().zip(locks) {
                if let Some(diff) = lock.get() {
                    let key =
                        cache::diff_key(change.old_blob.as_deref(), change.new_blob.as_deref());
                    diffs.push((key, diff.clone()));
                }
            }
        }
        diffs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        diffs.dedup_by(|a, b| a.0 == b.0);
        let titles = self.titles.lock().map(|t| t.clone()).unwrap_or_default();
        let written = cache::write_diffs(
            &self.root,
            diffs
                .iter()
                .map(|(key, diff)| (key.as_str(), diff.as_deref())),
            titles
                .iter()
                .map(|(blob, title)| (blob.as_str(), title.as_str())),
        );
        if let Err(error) = written {
            self.note_cache_problem(&error);
        }
    }

    /// Why the cache could not be kept, once.
    pub(super) fn cache_problem(&self) -> Option<String> {
        self.cache_problem.lock().ok()?.take()
    }

    fn collected(&self) -> Versions<'_> {
        Versions {
            reading: self,
            texts: self.texts.lock().map(|t| t.clone()).unwrap_or_default(),
            titles: self.titles.lock().map(|t| t.clone()).unwrap_or_default(),
        }
    }
}

/// The `git log` history reads, of `range` (all of history when `None`); `None` when git
/// fails.
fn read_git_log(root: &Path, range: Option<&str>, options: &[&str]) -> Option<Vec<u8>> {
    let mut args = vec![
        "log",
        "-z",
        "--raw",
        "--no-abbrev",
        "-M",
        "--topo-order",
        "--relative",
        log::LOG_FORMAT,
    ];
    args.extend(options);
    args.extend(range);
    args.extend(["--", content::CONTENT_DIR]);
    git::stdout(root, &args)
}

/// The log of the content folder at `head`, the messages the cache knows, and whether the
/// log differs from the one kept. The kept log is used as it is when it was read at `head`,
/// and extended with `git log <kept>..<head>` (one process: [`log::line_after`] decides from its
/// parents) when `head` only adds commits in a line after
/// it (no merge: then the whole log is exactly the new commits before the kept ones, in the
/// order a full reading gives); otherwise git is asked for all of it. The cache never
/// crosses between a shallow clone and a deeper history.
fn read_log(
    root: &Path,
    head: &str,
    shallow: bool,
    boundary: &HashSet<String>,
) -> (Vec<u8>, super::FastMap<String, CommitText>, bool) {
    let whole = || read_git_log(root, None, &[]).unwrap_or_default();
    let Some(kept) = cache::read_log(root) else {
        return (whole(), super::FastMap::default(), true);
    };
    let same_depth = kept.shallow == shallow
        && kept.boundary.len() == boundary.len()
        && kept.boundary.iter().all(|id| boundary.contains(id));
    if !same_depth {
        return (whole(), kept.messages, true);
    }
    if kept.head == head {
        return (kept.log, kept.messages, false);
    }
    // One process: every commit after the kept head, changed under the folder or not, so
    // that their parents show whether they follow it in a line.
    let range = format!("{}..{head}", kept.head);
    let Some(mut log) = read_git_log(root, Some(&range), &["--full-history", "--sparse"])
        .and_then(|log| log::line_after(&log, &kept.head, head))
    else {
        return (whole(), kept.messages, true);
    };
    // `-z` separates commits with NUL; the kept log starts a new one.
    log.push(0);
    log.extend_from_slice(&kept.log);
    (log, kept.messages, true)
}

/// How many versions are made into text together.
const BATCH: usize = 512;

/// The objects one `git cat-file --batch` asks for.
#[derive(Default)]
struct Wanted<'a> {
    /// Commit id → index in the log.
    commits: HashMap<&'a str, usize>,
    /// Versions whose text is compared.
    texts: HashSet<&'a str>,
    /// Versions whose title is wanted (the last one of a deleted page).
    titles: HashSet<&'a str>,
}

impl<'a> Wanted<'a> {
    /// What comparing `change` needs: both sides of an edit or a move; the title of a page's
    /// last version before it was deleted. A page's first version is compared with nothing.
    fn versions_of(&mut self, change: &'a log::Change) {
        match change.kind {
            ChangeKind::Edited | ChangeKind::Renamed { .. } => {
                self.texts.extend(change.old_blob.as_deref());
                self.texts.extend(change.new_blob.as_deref());
            }
            ChangeKind::Deleted => self.titles.extend(change.old_blob.as_deref()),
            ChangeKind::Added => {}
        }
    }
}

/// Whether `change` is to a page in a folder whose history is shown (before or after a move).
fn in_shown_folder(change: &log::Change, settings: &HistorySettings) -> bool {
    // Every section is shown when none is listed: then no page's address need be made.
    let in_sections = |source: &str| {
        trail::is_page_source(source)
            && (settings.sections.is_empty() || super::may_be_in_sections(source, settings))
    };
    in_sections(&change.path)
        || matches!(&change.kind, ChangeKind::Renamed { from } if in_sections(from))
}

impl Versions<'_> {
    /// The word diff of one change, made the first time it is asked for. A page's first
    /// version and its deletion have none.
    pub(super) fn diff(&self, step: &trail::Step) -> Option<DiffHtml> {
        let reading = self.reading;
        let commit = &reading.commits[step.commit];
        let change = &commit.changes[step.change];
        (reading.diffs[step.commit][step.change])
            .get_or_init(|| {
                if reading.boundary.contains(&commit.id)
                    || matches!(change.kind, ChangeKind::Deleted | ChangeKind::Added)
                {
                    return None;
                }
                let kept = (change.diff_key.as_ref()).and_then(|key| reading.kept().get(key));
                if let Some(kept) = kept {
                    return kept;
                }
                reading.diffs_unkept.store(true, Ordering::Relaxed);
                let old = self.text(&change.old_blob)?;
                let new = self.text(&change.new_blob)?;
                Some(DiffHtml::from(diff::word_diff_html(old, new)))
            })
            .clone()
    }

    /// The text a reader sees of a version (empty for "no file").
    fn text(&self, blob: &Option<String>) -> Option<&str> {
        match blob {
            None => Some(""),
            Some(id) => self.texts.get(id)?.as_deref(),
        }
    }

    /// The title of a page's last version before it was deleted.
    pub(super) fn title(&self, blob: &str) -> Option<String> {
        self.titles.get(blob).cloned()
    }
}
