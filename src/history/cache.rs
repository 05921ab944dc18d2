//! What history keeps between builds, in the site's private `.candor/history/`: the log read
//! at a commit, so that the next build asks git only for the commits made since, and each
//! revision's word diff, so that old versions are neither read from git nor compared again.
//!
//! Nothing here can change what history says, only how fast it says it. The log is kept with
//! the commit it was read at and the clone's depth (a shallow clone never uses a log read from
//! a deeper history, nor the other way round); a diff is kept under the ids of the two blobs it
//! compares — content hashes, so the same pair always gives the same diff — and the version of
//! the diff's format ([`super::diff::FORMAT`]). The files are untrusted input: read within a
//! size limit, in the framing `git cat-file --batch` uses, and
//! anything unexpected — another version, an unknown record, a file cut short — makes the
//! whole file ignored, so history is read from git as if there were no cache. Writing is
//! atomic and never fails a build: the cache is deleted or lost without harm.

use std::collections::HashMap;
use std::io::{Read as _, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;

use super::FastMap;
use super::diff::DiffHtml;
use super::log::{self, CommitText, DiffKey};
use crate::local_state;

/// The folder, inside the site's `.candor/`.
const FOLDER: &str = "history";
/// The log and the commit messages.
const LOG_FILE: &str = "log";
/// The diffs and the titles of deleted pages.
const DIFFS_FILE: &str = "diffs";
/// The first line of the log file; a change to what it holds changes the number.
const LOG_HEADER: &str = "candor history log 1";
/// The first line of the diffs file, before the diff format's version.
const DIFFS_HEADER: &str = "candor history diffs 1";
/// A cache file larger than this is not read (a site's history is a few tens of megabytes).
const MAX_FILE_BYTES: u64 = 1 << 30;
/// The log is kept in pieces no larger than this, each well below what a record may hold.
const LOG_CHUNK_BYTES: usize = 1 << 20;

/// The log as it was read at one commit.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct CachedLog {
    /// The commit checked out when it was read.
    pub head: String,
    pub shallow: bool,
    /// A shallow clone's boundary commits, sorted.
    pub boundary: Vec<String>,
    /// `git log`'s output, as [`log::parse_log`] reads it.
    pub log: Vec<u8>,
    /// The message and author of each commit read, by commit id.
    pub messages: FastMap<String, CommitText>,
}

/// The diffs and titles kept from earlier builds. The diffs stay where they were read, in
/// one text, and are found through an index of ranges: a large site keeps tens of thousands of
/// diffs, and a copy and a map key for each cost a warm build more than all its git.
#[derive(Debug, Default)]
pub(super) struct CachedDiffs {
    /// The diffs file as read.
    text: Arc<String>,
    /// Where each diff is in `text`; `None` for a pair that has no diff (not text, or too
    /// large).
    diffs: FastMap<DiffKey, Option<Range<usize>>>,
    /// The title of a page's version, by blob id.
    pub titles: HashMap<String, String>,
}

impl CachedDiffs {
    /// Whether an earlier build kept the diff of the versions `key` names.
    pub fn contains(&self, key: &DiffKey) -> bool {
        self.diffs.contains_key(key)
    }

    /// The diff kept for `key`: `Some(None)` when the pair has none.
    pub fn get(&self, key: &DiffKey) -> Option<Option<DiffHtml>> {
        let range = self.diffs.get(key)?.clone();
        Some(range.map(|range| DiffHtml::within(self.text.clone(), range)))
    }
}

/// The name of the diff between two versions (either may be "no file") in the cache file.
pub(super) fn diff_key(old: Option<&str>, new: Option<&str>) -> String {
    format!("{}:{}", old.unwrap_or("-"), new.unwrap_or("-"))
}

/// The key of the diff a cache file names `old:new` (`-` for "no file").
fn parse_diff_key(name: &str) -> Option<DiffKey> {
    let (old, new) = name.split_once(':')?;
    fn side(id: &str) -> Option<&str> {
        (id != "-").then_some(id)
    }
    DiffKey::of(side(old), side(new))
}

fn folder(root: &Path) -> PathBuf {
    root.join(local_state::DIR).join(FOLDER)
}

/// A cache file, read at once within the size limit; `None` when it cannot be.
fn read_file(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    if size > MAX_FILE_BYTES {
        return None;
    }
    let mut buffer = Vec::with_capacity(usize::try_from(size).ok()?);
    file.take(MAX_FILE_BYTES).read_to_end(&mut buffer).ok()?;
    Some(buffer)
}

/// The records of a cache file, after its header line, when the file is whole and has
/// `header` (else `None`): each record's name, kind and where its contents are in `buffer`,
/// which holds the file. Records are not copied: the diffs file of a large site is tens of
/// megabytes, read on every build.
fn records<'a>(buffer: &'a [u8], header: &str) -> Option<Vec<Record<'a>>> {
    let mut at = header.len() + 1;
    if buffer.get(..at)?.strip_suffix(b"\n")? != header.as_bytes() {
        return None;
    }
    let mut records = Vec::new();
    // `<name> <kind> <size>\n<contents>\n`, as `git cat-file --batch` frames objects,
    // up to the record `cache end 0`, which nothing follows.
    loop {
        let rest = &buffer[at..];
        let line_end = rest.iter().position(|&byte| byte == b'\n')?;
        let line = std::str::from_utf8(&rest[..line_end]).ok()?;
        let mut words = line.split(' ');
        let (name, kind, size) = (words.next()?, words.next()?, words.next()?);
        let size: usize = size.parse().ok()?;
        if words.next().is_some() || size > log::MAX_OBJECT_BYTES {
            return None;
        }
        let start = at + line_end + 1;
        let end = start.checked_add(size)?;
        if buffer.get(end) != Some(&b'\n') {
            return None;
        }
        at = end + 1;
        if kind == "end" {
            return (at == buffer.len()).then_some(records);
        }
        records.push(Record {
            name,
            kind,
            contents: start..end,
        });
    }
}

/// One record of a cache file: its name and kind, and where its contents are in the file.
struct Record<'a> {
    name: &'a str,
    kind: &'a str,
    contents: Range<usize>,
}

/// Appends one record to `out`.
fn record(out: &mut Vec<u8>, name: &str, kind: &str, contents: &[u8]) {
    out.extend_from_slice(format!("{name} {kind} {}\n", contents.len()).as_bytes());
    out.extend_from_slice(contents);
    out.push(b'\n');
}

/// Replaces the cache file `name` with `records` (after `header`), atomically, in a folder git
/// ignores.
fn write_file(root: &Path, name: &str, header: &str, mut records: Vec<u8>) -> anyhow::Result<()> {
    let dir = folder(root);
    local_state::ensure_ignored(&root.join(local_state::DIR))?;
    std::fs::create_dir_all(&dir).context("cannot create the folder")?;
    record(&mut records, "cache", "end", b"");
    crate::atomic_file::AtomicWrite::default().write(&dir.join(name), |file| {
        file.write_all(header.as_bytes())?;
        file.write_all(b"\n")?;
        file.write_all(&records)
    })
}

/// The log kept for the site at `root`, if there is one and it reads whole.
pub(super) fn read_log(root: &Path) -> Option<CachedLog> {
    let mut cached = CachedLog::default();
    let mut has_head = false;
    let buffer = read_file(&folder(root).join(LOG_FILE))?;
    let records = records(&buffer, LOG_HEADER)?;
    // Room for all of the log and the messages at once: grown piece by piece, megabytes were
    // copied and tens of thousands of entries hashed again on every build.
    let (mut log_bytes, mut messages) = (0, 0);
    for record in &records {
        match record.kind {
            "log" => log_bytes += record.contents.len(),
            "message" => messages += 1,
            _ => {}
        }
    }
    cached.log.reserve_exact(log_bytes);
    cached.messages.reserve(messages);
    for Record {
        name,
        kind,
        contents,
    } in records
    {
        let contents = &buffer[contents];
        match kind {
            "head" if !has_head => {
                let text = std::str::from_utf8(contents).ok()?;
                let mut lines = text.lines();
                cached.shallow = match lines.next()? {
                    "shallow" => true,
                    "complete" => false,
                    _ => return None,
                };
                cached.boundary = lines.map(str::to_owned).collect();
                // Ids are given to git as arguments: nothing else may pass for one.
                if !log::is_object_id(name)
                    || !cached.boundary.iter().all(|id| log::is_object_id(id))
                {
                    return None;
                }
                cached.head = name.to_owned();
                has_head = true;
            }
            "log" => cached.log.extend_from_slice(contents),
            "message" => {
                let text = std::str::from_utf8(contents).ok()?;
                let (author, message) = text.split_once('\n')?;
                cached.messages.insert(
                    name.to_owned(),
                    CommitText {
                        message: message.to_owned(),
                        author: author.to_owned(),
                    },
                );
            }
            _ => return None,
        }
    }
    has_head.then_some(cached)
}

/// Keeps `cached` for the next build of the site at `root`.
pub(super) fn write_log(root: &Path, cached: &CachedLog) -> anyhow::Result<()> {
    let mut out = Vec::with_capacity(cached.log.len() + cached.messages.len() * 128);
    let mut head = String::from(if cached.shallow {
        "shallow"
    } else {
        "complete"
    });
    for id in &cached.boundary {
        head.push('\n');
        head.push_str(id);
    }
    record(&mut out, &cached.head, "head", head.as_bytes());
    for chunk in cached.log.chunks(LOG_CHUNK_BYTES) {
        record(&mut out, "log", "log", chunk);
    }
    let mut ids: Vec<&String> = cached.messages.keys().collect();
    ids.sort_unstable();
    for id in ids {
        let text = &cached.messages[id];
        // A name is one header line; it holds no newline.
        let contents = format!("{}\n{}", text.author.replace('\n', " "), text.message);
        record(&mut out, id, "message", contents.as_bytes());
    }
    write_file(root, LOG_FILE, LOG_HEADER, out)
}

fn diffs_header() -> String {
    format!("{DIFFS_HEADER} {}", super::diff::FORMAT)
}

/// The diffs kept for the site at `root`; none when there are none or they do not read whole.
pub(super) fn read_diffs(root: &Path) -> CachedDiffs {
    let read = || -> Option<CachedDiffs> {
        let mut cached = CachedDiffs::default();
        let buffer = read_file(&folder(root).join(DIFFS_FILE))?;
        let found = records(&buffer, &diffs_header())?;
        cached.diffs.reserve(found.len());
        for record in found {
            match record.kind {
                "diff" => cached
                    .diffs
                    .insert(parse_diff_key(record.name)?, Some(record.contents)),
                "none" => cached.diffs.insert(parse_diff_key(record.name)?, None),
                "title" => {
                    let title = std::str::from_utf8(&buffer[record.contents]).ok()?;
                    cached
                        .titles
                        .insert(record.name.to_owned(), title.to_owned());
                    None
                }
                _ => return None,
            };
        }
        // Records are framed by ASCII lines, so a text that is UTF-8 as a whole is UTF-8 in
        // each diff, and every range starts and ends at a character.
        cached.text = Arc::new(String::from_utf8(buffer).ok()?);
        Some(cached)
    };
    read().unwrap_or_default()
}

/// Keeps `diffs` and `titles` for the next build of the site at `root`.
pub(super) fn write_diffs<'a>(
    root: &Path,
    diffs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    titles: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> anyhow::Result<()> {
    let mut out = Vec::new();
    for (key, diff) in diffs {
        match diff {
            Some(diff) => record(&mut out, key, "diff", diff.as_bytes()),
            None => record(&mut out, key, "none", b""),
        }
    }
    for (blob, title) in titles {
        record(&mut out, blob, "title", title.as_bytes());
    }
    write_file(root, DIFFS_FILE, &diffs_header(), out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_reads_back_as_written_and_garbage_reads_as_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cached = CachedLog {
            head: "a".repeat(40),
            shallow: true,
            boundary: vec!["b".repeat(40)],
            log: vec![b'x'; LOG_CHUNK_BYTES * 2 + 3],
            messages: FastMap::from_iter([(
                "c".repeat(40),
                CommitText {
                    message: "Fix\n\nBody with a\nnewline".into(),
                    author: "Ana".into(),
                },
            )]),
        };
        write_log(dir.path(), &cached).unwrap();
        assert_eq!(read_log(dir.path()), Some(cached));
        let file = folder(dir.path()).join(LOG_FILE);
        let whole = std::fs::read(&file).unwrap();
        for cut in [0, 10, whole.len() / 2, whole.len() - 3] {
            std::fs::write(&file, &whole[..cut]).unwrap();
            assert_eq!(read_log(dir.path()), None, "cut at {cut}");
        }
        std::fs::write(&file, format!("{LOG_HEADER}\nx head 99999999999\n")).unwrap();
        assert_eq!(read_log(dir.path()), None);
    }

    #[test]
    fn diffs_of_another_format_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        write_diffs(
            dir.path(),
            [
                (format!("{A}:{B}").as_str(), Some("<ins>x</ins>")),
                (format!("{C}:-").as_str(), None),
            ],
            [("e", "T")],
        )
        .unwrap();
        let cached = read_diffs(dir.path());
        let key = |name| parse_diff_key(name).unwrap();
        let (ab, cd) = (key(&format!("{A}:{B}")), key(&format!("{C}:-")));
        assert_eq!(cached.get(&ab).unwrap().as_deref(), Some("<ins>x</ins>"));
        assert!(cached.contains(&cd) && cached.get(&cd).unwrap().is_none());
        assert_eq!(cached.titles["e"], "T");
        let file = folder(dir.path()).join(DIFFS_FILE);
        let text = std::fs::read_to_string(&file).unwrap();
        let other = text.replacen(&diffs_header(), &format!("{DIFFS_HEADER} 0"), 1);
        std::fs::write(&file, other).unwrap();
        assert!(read_diffs(dir.path()).diffs.is_empty());
    }

    const A: &str = "0123456789abcdef0123456789abcdef01234567";
    const B: &str = "89abcdef0123456789abcdef0123456789abcdef";
    const C: &str = "00000000000000000000000000000000000000000000000000000000000000ff";

    #[test]
    fn a_diff_key_names_two_blobs_exactly() {
        let key = |old, new| DiffKey::of(old, new);
        assert_eq!(key(Some(A), Some(B)), parse_diff_key(&format!("{A}:{B}")));
        assert_ne!(key(Some(A), Some(B)), key(Some(B), Some(A)));
        assert_ne!(key(Some(A), None), key(None, Some(A)));
        // A SHA-1 id is not the SHA-256 id that starts with the same bytes.
        let padded = format!("{A}{}", "0".repeat(24));
        assert_ne!(key(Some(A), None), key(Some(&padded), None));
        for name in [
            "",
            "-",
            "a:b",
            A,
            &format!("{A}:{B}:-"),
            &format!("{}:-", A.to_uppercase()),
        ] {
            assert_eq!(parse_diff_key(name), None, "{name}");
        }
    }
}
