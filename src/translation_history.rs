//! Stale translations: a translation whose original changed in git after the translation
//! last did may say something the original no longer says.
//!
//! One `git log` over `content/` gives the last commit that changed each file, newest first;
//! a translation is stale when its original's last change is newer than its own. Only
//! committed history counts (an edit in progress is not yet a change to translate), and a site
//! outside git, or without git installed, has no stale translations. This is deliberately
//! small and separate from the policy-history pages, so the two can share one reading of git
//! later.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::content::CONTENT_DIR;

/// The last commit that changed a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The abbreviated commit id.
    pub commit: String,
    /// The commit's date, `YYYY-MM-DD`.
    pub date: String,
}

/// The last change of every file under `content/`, by path relative to the site root with `/`.
#[derive(Debug, Default)]
pub struct FileHistory {
    /// Every commit of the log, newest first.
    changes: Vec<Change>,
    /// Each file's last commit, as an index into `changes`. Looked up for each translation a
    /// build renders: foldhash, not SipHash.
    last: HashMap<String, usize, foldhash::fast::RandomState>,
}

/// A [`FileHistory`] being read on a thread of its own, so that git works while the build
/// reads the content (on a site of 20,000 pages, git's log takes as long as reading a third
/// of them), or one already read.
#[derive(Debug)]
pub enum PendingFileHistory {
    Reading(std::thread::JoinHandle<FileHistory>),
    Read(FileHistory),
}

impl PendingFileHistory {
    /// The history, once read; empty if its thread failed.
    fn wait(self) -> FileHistory {
        match self {
            PendingFileHistory::Reading(thread) => thread.join().unwrap_or_default(),
            PendingFileHistory::Read(history) => history,
        }
    }

    /// The history when `needed`, else empty without waiting for it; a history already read
    /// is kept either way (the preview passes its own to every reread, and a save that leaves
    /// the site without translations for a moment must not lose it for the session).
    pub fn wait_if(self, needed: bool) -> FileHistory {
        match self {
            PendingFileHistory::Read(history) => history,
            reading if needed => reading.wait(),
            PendingFileHistory::Reading(_) => FileHistory::default(),
        }
    }
}

/// Marks a commit line in the log, which no file name starts with.
const COMMIT_MARK: char = '\u{1}';

impl FileHistory {
    /// Starts [`FileHistory::read`] on a thread of its own; reads it at once if no thread can
    /// be started.
    pub fn start_reading(root: &Path) -> PendingFileHistory {
        let thread_root = root.to_path_buf();
        match std::thread::Builder::new()
            .name("translation history".into())
            .spawn(move || FileHistory::read(&thread_root))
        {
            Ok(thread) => PendingFileHistory::Reading(thread),
            Err(_) => PendingFileHistory::Read(FileHistory::read(root)),
        }
    }

    /// Reads the history of `content/` in the repository holding `root`; empty when there is
    /// none.
    pub fn read(root: &Path) -> FileHistory {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args([
                "-c",
                "core.quotePath=false",
                "log",
                "--format=\u{1}%h %cs",
                "--name-only",
                "--relative",
                "--no-renames",
                "--",
                CONTENT_DIR,
            ])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output();
        match output {
            Ok(output) if output.status.success() => {
                FileHistory::parse(&String::from_utf8_lossy(&output.stdout))
            }
            _ => FileHistory::default(),
        }
    }

    /// Parses what [`FileHistory::read`]'s `git log` prints.
    fn parse(log: &str) -> FileHistory {
        let mut history = FileHistory::default();
        for line in log.lines() {
            if let Some(commit) = line.strip_prefix(COMMIT_MARK) {
                let (commit, date) = commit.split_once(' ').unwrap_or((commit, ""));
                history.changes.push(Change {
                    commit: commit.to_owned(),
                    date: date.to_owned(),
                });
            } else if let Some(newest) = history.changes.len().checked_sub(1)
                && !line.is_empty()
                && !history.last.contains_key(line)
            {
                history.last.insert(line.to_owned(), newest);
            }
        }
        history
    }

    /// Whether the history knows nothing (no git, no commits).
    pub fn is_empty(&self) -> bool {
        self.last.is_empty()
    }

    /// When `original` last changed, if that is after `translation` last changed (both paths
    /// relative to the site root).
    pub fn changed_since(&self, original: &Path, translation: &Path) -> Option<&Change> {
        let original = *self.last.get(&*crate::content::slash_str(original))?;
        let translation = *self.last.get(&*crate::content::slash_str(translation))?;
        (original < translation).then(|| &self.changes[original])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The preview passes the history it has to each reread: a save that leaves the site
    /// without translations for a moment must not lose it for the rest of the session.
    #[test]
    fn a_history_already_read_is_kept_when_not_needed_now() {
        let history = FileHistory::parse("\u{1}c3 2026-03-03\n\ncontent/a.md\n");
        let kept = PendingFileHistory::Read(history).wait_if(false);
        assert!(!kept.is_empty());
    }

    #[test]
    fn the_newest_change_of_each_file_counts() {
        let log = "\u{1}c3 2026-03-03\n\ncontent/a.md\n\n\u{1}b2 2026-03-02\n\ncontent/a.fr.md\ncontent/b.md\n\n\u{1}a1 2026-03-01\n\ncontent/a.md\ncontent/a.fr.md\n";
        let history = FileHistory::parse(log);
        let changed = history
            .changed_since(Path::new("content/a.md"), Path::new("content/a.fr.md"))
            .unwrap();
        assert_eq!(
            (changed.commit.as_str(), changed.date.as_str()),
            ("c3", "2026-03-03")
        );
        assert_eq!(
            history.changed_since(Path::new("content/a.fr.md"), Path::new("content/a.md")),
            None
        );
        assert_eq!(
            history.changed_since(Path::new("content/new.md"), Path::new("content/a.md")),
            None
        );
    }
}
