//! Reading git's answers: the one `git log` of the content folder, and commit and blob objects
//! from one `git cat-file --batch`.
//!
//! Only hexadecimal ids, numbers and NUL-separated paths are read from `git log`; everything a
//! person wrote (messages, names) comes from the commit objects themselves, whose layout no
//! message can imitate. Parsers work on bytes and never panic: whatever git or a hostile
//! repository prints, the worst outcome is a commit or a change left out.

/// The format of each commit's first line in the log: its id, commit time and parents.
pub(super) const LOG_FORMAT: &str = "--format=commit %H %ct %P";

/// One commit that changed something under `content/`, as `git log` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Commit {
    /// The full id, 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.
    pub id: String,
    /// When it was committed, in Unix seconds.
    pub time: u64,
    /// How many parents it has (0 for a first commit or a shallow clone's boundary).
    pub parents: usize,
    pub changes: Vec<Change>,
}

/// What one commit did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub kind: ChangeKind,
    /// The file's blob before the commit, `None` when it did not exist.
    pub old_blob: Option<String>,
    /// The file's blob after the commit, `None` when it was deleted.
    pub new_blob: Option<String>,
    /// The file after the commit (for a deletion, the file deleted), relative to the site.
    pub path: String,
    /// The two blobs, as the key of their diff: made once here, looked up many times.
    pub diff_key: Option<DiffKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    Added,
    Edited,
    Deleted,
    /// Moved from this path (possibly edited too).
    Renamed {
        from: String,
    },
}

/// The two versions a diff compares, as a map key made without allocating: each blob id's
/// bytes (a SHA-1 id padded, its length kept), zero length for "no file".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct DiffKey {
    old: BlobBytes,
    new: BlobBytes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct BlobBytes {
    len: u8,
    bytes: [u8; 32],
}

impl BlobBytes {
    const NONE: BlobBytes = BlobBytes {
        len: 0,
        bytes: [0; 32],
    };

    /// The bytes of a lowercase hexadecimal id of 40 or 64 digits; `None` for anything else.
    fn of(id: &str) -> Option<BlobBytes> {
        let mut bytes = [0; 32];
        let len = match id.len() {
            40 => {
                bytes[..20].copy_from_slice(&crate::hex::decode::<20>(id)?);
                20
            }
            64 => {
                bytes = crate::hex::decode::<32>(id)?;
                32
            }
            _ => return None,
        };
        Some(BlobBytes { len, bytes })
    }
}

impl DiffKey {
    /// The key of the diff between `old` and `new`; `None` when either is not a blob id as
    /// git writes them (such a pair is never kept).
    pub fn of(old: Option<&str>, new: Option<&str>) -> Option<DiffKey> {
        let side = |id: Option<&str>| id.map_or(Some(BlobBytes::NONE), BlobBytes::of);
        Some(DiffKey {
            old: side(old)?,
            new: side(new)?,
        })
    }
}

/// Parses `git log -z --raw --no-abbrev -M` output written with [`LOG_FORMAT`].
pub(super) fn parse_log(bytes: &[u8]) -> Vec<Commit> {
    let mut commits: Vec<Commit> = Vec::new();
    let mut tokens = nul_separated(bytes)
        .map(|token| token.strip_prefix(b"\n").unwrap_or(token))
        .filter(|token| !token.is_empty());
    while let Some(token) = tokens.next() {
        if let Some(header) = token.strip_prefix(b"commit ") {
            if let Some(commit) = parse_header(header) {
                commits.push(commit);
            }
        } else if let Some(raw) = token.strip_prefix(b":") {
            let Some(RawChange {
                old_blob,
                new_blob,
                status,
                diff_key,
            }) = parse_raw(raw)
            else {
                continue;
            };
            let Some(first) = tokens.next().map(lossy) else {
                break;
            };
            let (kind, path) = match status.first() {
                Some(b'R') => match tokens.next() {
                    Some(to) => (ChangeKind::Renamed { from: first }, lossy(to)),
                    None => break,
                },
                // A copy leaves the original in place: for the copy, it is a new file.
                Some(b'C') => match tokens.next() {
                    Some(to) => (ChangeKind::Added, lossy(to)),
                    None => break,
                },
                Some(b'A') => (ChangeKind::Added, first),
                Some(b'D') => (ChangeKind::Deleted, first),
                _ => (ChangeKind::Edited, first),
            };
            if let Some(commit) = commits.last_mut() {
                commit.changes.push(Change {
                    diff_key,
                    kind,
                    old_blob: old_blob.map(str::to_owned),
                    new_blob: new_blob.map(str::to_owned),
                    path,
                });
            }
        }
    }
    commits
}

/// The NUL-separated tokens of `bytes`, as `bytes.split(|&b| b == 0)` gives them, each NUL
/// found by std's `memchr` (through `CStr`), which reads a word at a time: the log of a large
/// repository is megabytes, split on every build.
fn nul_separated(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let current = rest?;
        match std::ffi::CStr::from_bytes_until_nul(current) {
            Ok(token) => {
                let length = token.to_bytes().len();
                rest = current.get(length + 1..);
                Some(&current[..length])
            }
            Err(_) => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// The commits of `log`, a `git log --full-history --sparse` of `<kept>..<head>` (every
/// commit, with or without changes under the path), when they form one line without merges
/// from `head` back to `kept`: then they are all the commits between the two, and the log
/// the path-limited reading would give is theirs less those that changed nothing, which is
/// returned. `None` otherwise (history rewritten, a merge, `head` behind `kept`).
pub(super) fn line_after(log: &[u8], kept: &str, head: &str) -> Option<Vec<u8>> {
    let mut expected = head;
    let mut kept_log = Vec::with_capacity(log.len());
    let mut segment: Option<(usize, bool)> = None;
    let mut offset = 0;
    let close = |segment: Option<(usize, bool)>, end: usize, kept_log: &mut Vec<u8>| {
        if let Some((start, true)) = segment {
            kept_log.extend_from_slice(&log[start..end]);
        }
    };
    for token in log.split(|&byte| byte == 0) {
        let start = offset;
        offset += token.len() + 1;
        let token = token.strip_prefix(b"\n").unwrap_or(token);
        if let Some(header) = token.strip_prefix(b"commit ") {
            let header = std::str::from_utf8(header).ok()?;
            let mut words = header.split_ascii_whitespace();
            let (id, _time, parent) = (words.next()?, words.next()?, words.next()?);
            if id != expected || words.next().is_some() || !is_object_id(parent) {
                return None;
            }
            expected = parent;
            close(segment, start, &mut kept_log);
            segment = Some((start, false));
        } else if token.starts_with(b":")
            && let Some((_, changed)) = &mut segment
        {
            *changed = true;
        }
    }
    if expected != kept || segment.is_none() {
        return None;
    }
    close(segment, log.len(), &mut kept_log);
    // Kept segments each end with their NUL but the last; a NUL is put between it and what
    // follows.
    while kept_log.last() == Some(&0) {
        kept_log.pop();
    }
    Some(kept_log)
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(super) fn is_object_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// `<id> <unix time> <parent ids…>`.
fn parse_header(header: &[u8]) -> Option<Commit> {
    let header = std::str::from_utf8(header).ok()?;
    let mut words = header.split_ascii_whitespace();
    let id = words.next().filter(|id| is_object_id(id))?.to_owned();
    let time = words.next()?.parse().ok()?;
    Some(Commit {
        id,
        time,
        parents: words.count(),
        changes: Vec::new(),
    })
}

/// What one `--raw` line of the log says of a change.
struct RawChange<'a> {
    /// The blob before and after; `None` for "no file" (an id of zeros).
    old_blob: Option<&'a str>,
    new_blob: Option<&'a str>,
    status: &'a [u8],
    /// The two blobs' diff key, as [`DiffKey::of`] makes it.
    diff_key: Option<DiffKey>,
}

/// `100644 100644 <old blob> <new blob> <status>`; a blob of zeros is "none".
fn parse_raw(raw: &[u8]) -> Option<RawChange<'_>> {
    let mut fields = raw.split(|&byte| byte == b' ');
    let (_, _) = (fields.next()?, fields.next()?);
    // An id and its bytes for the key. The lowercase ids git writes are decoded once, which
    // checks them too; any other spelling of an id is read without a key.
    let mut blob = || -> Option<(Option<&str>, Option<BlobBytes>)> {
        let id = std::str::from_utf8(fields.next()?).ok()?;
        if let Some(bytes) = BlobBytes::of(id) {
            let none = bytes.bytes.iter().all(|&byte| byte == 0);
            return Some(if none {
                (None, Some(BlobBytes::NONE))
            } else {
                (Some(id), Some(bytes))
            });
        }
        is_object_id(id).then(|| ((!id.bytes().all(|b| b == b'0')).then_some(id), None))
    };
    let ((old, old_bytes), (new, new_bytes)) = (blob()?, blob()?);
    Some(RawChange {
        old_blob: old,
        new_blob: new,
        status: fields.next()?,
        diff_key: old_bytes
            .zip(new_bytes)
            .map(|(old, new)| DiffKey { old, new }),
    })
}

/// The largest object read from `git cat-file --batch`: a bigger one (a pasted video, a
/// hostile repository) is skipped over, not held in memory.
pub(super) const MAX_OBJECT_BYTES: usize = 16 * 1024 * 1024;

/// Reads `git cat-file --batch` output as it arrives: `<id> <type> <size>\n<contents>\n` for
/// each object, `<name> missing\n` for one git does not have. `visit` gets each object's id,
/// type and contents (`None` when larger than [`MAX_OBJECT_BYTES`]); only one object is held
/// at a time.
pub(super) fn read_batch(
    mut out: impl std::io::BufRead,
    mut visit: impl FnMut(&str, &str, Option<&[u8]>),
) {
    use std::io::Read as _;
    let mut header = Vec::new();
    let mut contents = Vec::new();
    loop {
        header.clear();
        match out.read_until(b'\n', &mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let header = String::from_utf8_lossy(header.strip_suffix(b"\n").unwrap_or(&header));
        let mut words = header.split(' ');
        let (Some(id), Some(kind), Some(size)) = (words.next(), words.next(), words.next()) else {
            continue; // `<name> missing`, or something this parser does not know
        };
        let Ok(size) = size.parse::<u64>() else {
            return;
        };
        // The contents and the newline after them.
        let Some(with_newline) = size.checked_add(1) else {
            return;
        };
        let mut object = (&mut out).take(with_newline);
        contents.clear();
        if size > MAX_OBJECT_BYTES as u64 {
            if std::io::copy(&mut object, &mut std::io::sink()).ok() != Some(with_newline) {
                return;
            }
            visit(id, kind, None);
            continue;
        }
        if object.read_to_end(&mut contents).ok() != Some(size as usize + 1) {
            return;
        }
        contents.pop();
        visit(id, kind, Some(&contents));
    }
}

/// What history shows of a commit object: its message and its author's name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CommitText {
    pub message: String,
    pub author: String,
}

/// Reads a commit object: headers up to the first empty line, then the message. The e-mail
/// address is dropped here, so nothing later can publish it.
pub(super) fn parse_commit_object(bytes: &[u8]) -> CommitText {
    let text = String::from_utf8_lossy(bytes);
    let (headers, message) = text.split_once("\n\n").unwrap_or((&text, ""));
    let author = headers
        .lines()
        .find_map(|line| line.strip_prefix("author "))
        .map(|line| {
            line.split(" <")
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .unwrap_or_default();
    CommitText {
        message: message.trim_end().to_owned(),
        author,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_separated_tokens_are_those_split_gives() {
        for bytes in [
            &b""[..],
            b"\0",
            b"a",
            b"a\0",
            b"\0a",
            b"a\0\0b",
            b"0123456789abcdef\0\0a long token of more than a word\0x\0",
        ] {
            let split: Vec<&[u8]> = bytes.split(|&byte| byte == 0).collect();
            assert_eq!(nul_separated(bytes).collect::<Vec<_>>(), split, "{bytes:?}");
        }
    }

    const A: &str = "1111111111111111111111111111111111111111";
    const B: &str = "2222222222222222222222222222222222222222";
    const ZERO: &str = "0000000000000000000000000000000000000000";

    /// The ids and key `parse_raw` reads are those read one by one and keyed by
    /// `DiffKey::of`, whatever the spelling of the ids.
    #[test]
    fn raw_lines_give_the_ids_and_key_of_their_blobs() {
        let upper = A.replace('1', "A");
        let sha256 = "ab".repeat(32);
        let ids = [A, B, ZERO, &upper, &sha256, "abc", "x".repeat(40).as_str()].map(str::to_owned);
        for old in &ids {
            for new in &ids {
                let raw = format!("100644 100644 {old} {new} M");
                fn side(id: &str) -> Option<Option<&str>> {
                    is_object_id(id).then(|| (!id.bytes().all(|b| b == b'0')).then_some(id))
                }
                let expected = side(old)
                    .zip(side(new))
                    .map(|(old, new)| (old, new, DiffKey::of(old, new)));
                let read = parse_raw(raw.as_bytes()).map(|change| {
                    assert_eq!(change.status, b"M");
                    (change.old_blob, change.new_blob, change.diff_key)
                });
                assert_eq!(read, expected, "{raw}");
            }
        }
    }

    #[test]
    fn log_with_an_edit_a_rename_and_a_merge() {
        let log = format!(
            "commit {A} 1700000000 {B}\0\n:100644 100644 {A} {B} M\0content/a.md\0\
             :100644 100644 {A} {B} R090\0content/old.md\0content/new.md\0\
             commit {B} 1600000000 {A} {B}\0\
             commit {A} 1500000000\0\n:000000 100644 {ZERO} {A} A\0content/a.md\0"
        );
        let commits = parse_log(log.as_bytes());
        assert_eq!(commits.len(), 3);
        assert_eq!(commits[0].changes[0].kind, ChangeKind::Edited);
        assert_eq!(
            commits[0].changes[1].kind,
            ChangeKind::Renamed {
                from: "content/old.md".into()
            }
        );
        assert_eq!(commits[0].changes[1].path, "content/new.md");
        assert_eq!(commits[1].parents, 2);
        assert!(commits[1].changes.is_empty());
        assert_eq!(commits[2].changes[0].old_blob, None);
        assert_eq!(commits[2].changes[0].new_blob.as_deref(), Some(A));
    }

    #[test]
    fn garbage_is_left_out_without_panicking() {
        for text in [
            "",
            "\0\0",
            "commit\0",
            "commit zz 1\0",
            ":1 2 3\0",
            ":1 2 x y R\0a\0",
        ] {
            let _ = parse_log(text.as_bytes());
            read_batch(text.as_bytes(), |_, _, _| {});
        }
        let commits =
            parse_log(format!("commit {A} 1 \0:100644 100644 {A} {B} R1\0a\0").as_bytes());
        assert!(commits[0].changes.is_empty());
    }

    #[test]
    fn only_a_line_back_to_the_kept_head_extends_the_log() {
        const C: &str = "3333333333333333333333333333333333333333";
        let change = format!("\n:100644 100644 {A} {B} M\0content/a.md\0");
        let line = format!("commit {C} 3 {B}\0commit {B} 2 {A}\0{change}");
        assert_eq!(
            line_after(line.as_bytes(), A, C).as_deref(),
            Some(
                format!("commit {B} 2 {A}\0{change}")
                    .trim_end_matches('\0')
                    .as_bytes()
            ),
            "the commit that changed nothing under the folder is left out"
        );
        assert_eq!(
            line_after(line.as_bytes(), B, C),
            None,
            "not back to the kept head"
        );
        assert_eq!(line_after(line.as_bytes(), A, B), None, "not from the head");
        let merge = format!("commit {C} 3 {B} {A}\0commit {B} 2 {A}\0");
        assert_eq!(line_after(merge.as_bytes(), A, C), None, "a merge");
        assert_eq!(line_after(b"", A, C), None, "the head behind the kept one");
    }

    #[test]
    fn batch_output_with_a_missing_object() {
        let out = format!("{A} blob 5\nhello\n{B} missing\n{B} blob 0\n\n{A} blob 9\ncut");
        let mut objects = Vec::new();
        read_batch(out.as_bytes(), |id, kind, bytes| {
            objects.push((id.to_owned(), kind.to_owned(), bytes.map(<[u8]>::to_vec)));
        });
        let blob =
            |id: &str, bytes: &[u8]| (id.to_owned(), "blob".to_owned(), Some(bytes.to_vec()));
        assert_eq!(
            objects,
            [blob(A, b"hello"), blob(B, b"")],
            "a cut-off object is left out"
        );
    }

    #[test]
    fn commit_object_gives_message_and_name_never_address() {
        let object = "tree x\nparent y\nauthor Ana Ruiz <ana@example.org> 1 +0000\ncommitter C <c@x> 1 +0000\n\nFix <script>\n\nBody\n";
        let text = parse_commit_object(object.as_bytes());
        assert_eq!(text.message, "Fix <script>\n\nBody");
        assert_eq!(text.author, "Ana Ruiz");
    }
}
