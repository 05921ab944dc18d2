//! The quarantine: where every file that was not stored is kept, with the reason, so nothing a
//! respondent sent is ever lost or silently dropped.
//!
//! Each kept file is named `<first 16 hex digits of its SHA-256>-<its own name, made safe>`, and
//! beside it `<that name>.reason.txt` says what was wrong, where, and the day it was seen. Naming
//! by content makes two different files called `response.json` land side by side, and makes
//! quarantining the same file again (a re-run after a crash, two overlapping ingests) a no-op
//! instead of a second copy. Both files are written to a temporary name and renamed into place,
//! so a crash never leaves a half-written copy under a real name. Kept file names never end in
//! `.reason.txt`, so a copy can never be mistaken for, or overwrite, a reason file. The folder is
//! the owner's alone (0700, files 0600), and no file costs it more than the size limit: of a file
//! too large to read only its first bytes are kept, with its size.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

use crate::atomic_file::AtomicWrite;
use crate::collect::printable_path;
use crate::date::Date;
use crate::diagnostic::Diagnostic;

/// What the reason file beside each quarantined file ends with; the build recognises a
/// quarantine folder by it ([`crate::private_files`]).
pub(crate) const REASON_SUFFIX: &str = ".reason.txt";

/// Temporary files start with this and the writer's process id, so a run can tell the
/// leftovers of a killed run from files another live run is writing right now.
const PARTIAL_PREFIX: &str = ".partial-";

/// Longest part of the original file name kept in a quarantined file's name.
const MAX_NAME_CHARS: usize = 80;

/// The quarantine folder of one store.
#[derive(Debug, Clone)]
pub struct Quarantine {
    dir: PathBuf,
    /// Flush copies to disk before they count as kept (needed when sources will be deleted).
    durable: bool,
}

/// Why a file is being kept.
#[derive(Debug, Clone, Copy)]
pub struct Note<'a> {
    /// `rejected` or `conflict`.
    pub outcome: &'a str,
    /// The problem, located in the file.
    pub problem: &'a Diagnostic,
    /// Where the file was found.
    pub source: &'a Path,
    /// The day it was seen.
    pub seen: Date,
}

impl Quarantine {
    pub fn new(dir: &Path, durable: bool) -> Quarantine {
        Quarantine {
            dir: dir.to_path_buf(),
            durable,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes temporary files left by runs that were killed before renaming them. Files of
    /// processes still alive are left alone; without `/proc` nothing is removed.
    pub fn sweep_partial_files(&self) {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(PARTIAL_PREFIX)) else {
                continue;
            };
            let pid = rest.split('-').next().unwrap_or_default();
            let is_alive = !pid.is_empty() && Path::new("/proc").join(pid).exists();
            if !is_alive {
                // Best effort: a leftover that cannot be removed is harmless and hidden.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Keeps `bytes`, the content read from `note.source`, and returns the copy's file name.
    pub fn keep_bytes(&self, bytes: &[u8], note: &Note<'_>) -> anyhow::Result<String> {
        self.keep_hashed(bytes, Sha256::digest(bytes).into(), reason_text(note), note)
    }

    /// Keeps what identifies a file too large to read: its first `head.len()` bytes (at most the
    /// size limit), with its whole `size` in the reason file. Never more, however large the
    /// file: a sparse file of terabytes costs the quarantine the limit's worth. The name hashes
    /// the size too, so two large files that start alike are told apart.
    pub fn keep_head(&self, head: &[u8], size: u64, note: &Note<'_>) -> anyhow::Result<String> {
        let hash = Sha256::new()
            .chain_update(head)
            .chain_update(size.to_le_bytes())
            .finalize()
            .into();
        let mut reason = reason_text(note);
        reason.push_str(&format!(
            "kept: only the first {} bytes of {size}\n",
            head.len()
        ));
        self.keep_hashed(head, hash, reason, note)
    }

    /// Keeps the file open as `source`, read anew from the start, and returns the copy's file
    /// name; if it now holds more than `limit` bytes it is not what was judged, and nothing is
    /// kept (an error).
    pub fn keep_file(
        &self,
        mut source: File,
        limit: u64,
        note: &Note<'_>,
    ) -> anyhow::Result<String> {
        let mut bytes = Vec::new();
        (&mut source)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .with_context(|| {
                format!(
                    "cannot copy {} into the quarantine {}",
                    printable_path(note.source),
                    printable_path(&self.dir)
                )
            })?;
        if bytes.len() as u64 > limit {
            bail!(
                "{} grew past the size limit after it was read",
                printable_path(note.source)
            );
        }
        self.keep_bytes(&bytes, note)
    }

    fn keep_hashed(
        &self,
        bytes: &[u8],
        hash: [u8; 32],
        reason: String,
        note: &Note<'_>,
    ) -> anyhow::Result<String> {
        self.create_dir()?;
        let name = entry_name(&hash, note.source);
        let data = self.dir.join(&name);
        if !data.exists() {
            self.write_atomically(&data, |file| file.write_all(bytes))?;
        }
        self.keep_reason(&name, &reason)?;
        Ok(name)
    }

    /// Writes the reason file unless one exists: the first sighting is the one recorded.
    fn keep_reason(&self, name: &str, text: &str) -> anyhow::Result<()> {
        let path = self.dir.join(format!("{name}{REASON_SUFFIX}"));
        if path.exists() {
            return Ok(());
        }
        self.write_atomically(&path, |file| file.write_all(text.as_bytes()))
    }

    /// The folder is created on the first file kept, private to the owner: it holds responses.
    fn create_dir(&self) -> anyhow::Result<()> {
        crate::local_state::create_private_dir(&self.dir).with_context(|| {
            format!(
                "cannot create the quarantine folder {}",
                printable_path(&self.dir)
            )
        })
    }

    fn write_atomically(
        &self,
        path: &Path,
        write: impl FnOnce(&mut File) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        let prefix = format!("{PARTIAL_PREFIX}{}-", std::process::id());
        AtomicWrite::default()
            .temporary_prefix(&prefix)
            .durable(self.durable)
            .write(path, write)
    }
}

/// `<hash prefix>-<safe name>`: unique per content and name, stable across runs.
fn entry_name(hash: &[u8; 32], source: &Path) -> String {
    let prefix = crate::hex::encode(&hash[..8]);
    let original = source
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    let mut safe: String = original
        .chars()
        .take(MAX_NAME_CHARS)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() {
        safe.push_str("file");
    }
    if let Some(stem) = safe.strip_suffix(REASON_SUFFIX) {
        safe = format!("{stem}_reason.txt");
    }
    format!("{prefix}-{safe}")
}

fn reason_text(note: &Note<'_>) -> String {
    let problem = note.problem;
    // A conflict's reason is its outcome: "conflict (conflict)" would say it twice.
    let outcome = if problem.code == note.outcome {
        note.outcome.to_string()
    } else {
        format!("{} ({})", note.outcome, problem.code)
    };
    let mut text = format!(
        "outcome: {outcome}\nsource: {}\nseen: {}\nproblem: {}\n",
        printable_path(note.source),
        note.seen,
        crate::escape::terminal(&problem.message, 2000),
    );
    if problem.line > 0 {
        text.push_str(&format!(
            "where: line {}, column {}\n",
            problem.line, problem.column
        ));
    }
    if let Some(hint) = &problem.hint {
        text.push_str(&format!("hint: {}\n", crate::escape::terminal(hint, 2000)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn note<'a>(problem: &'a Diagnostic, source: &'a Path) -> Note<'a> {
        Note {
            outcome: "rejected",
            problem,
            source,
            seen: "2026-03-04".parse().unwrap(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn same_names_different_content_do_not_collide_and_repeats_are_no_ops() {
        let dir = tempfile::tempdir().unwrap();
        let quarantine = Quarantine::new(&dir.path().join("q"), false);
        let problem = Diagnostic::general(Severity::Error, "truncated", "ends early").at(1, 9);
        let source = Path::new("in/a/response.json");
        let first = quarantine
            .keep_bytes(b"{\"a\":", &note(&problem, source))
            .unwrap();
        let second = quarantine
            .keep_bytes(b"{\"b\":", &note(&problem, source))
            .unwrap();
        let again = quarantine
            .keep_bytes(b"{\"a\":", &note(&problem, source))
            .unwrap();
        assert_ne!(first, second);
        assert_eq!(first, again);
        assert_eq!(
            names(quarantine.dir()).len(),
            4,
            "{:?}",
            names(quarantine.dir())
        );
        let reason =
            std::fs::read_to_string(quarantine.dir().join(format!("{first}.reason.txt"))).unwrap();
        assert_eq!(
            reason,
            "outcome: rejected (truncated)\nsource: in/a/response.json\nseen: 2026-03-04\n\
             problem: ends early\nwhere: line 1, column 9\n"
        );
    }

    #[test]
    fn a_copy_from_disk_matches_the_in_memory_name_and_is_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("big.json");
        std::fs::write(&source, vec![b'x'; 200_000]).unwrap();
        let quarantine = Quarantine::new(&dir.path().join("q"), true);
        let problem = Diagnostic::general(Severity::Error, "conflict", "conflict");
        let open = || File::open(&source).unwrap();
        let from_disk = quarantine
            .keep_file(open(), 200_000, &note(&problem, &source))
            .unwrap();
        let in_memory = quarantine
            .keep_bytes(&vec![b'x'; 200_000], &note(&problem, &source))
            .unwrap();
        assert_eq!(from_disk, in_memory);
        assert_eq!(names(quarantine.dir()).len(), 2);
        assert!(
            quarantine
                .keep_file(open(), 199_999, &note(&problem, &source))
                .is_err()
        );
    }

    #[test]
    fn a_head_names_the_whole_size() {
        let dir = tempfile::tempdir().unwrap();
        let quarantine = Quarantine::new(&dir.path().join("q"), false);
        let problem = Diagnostic::general(Severity::Error, "too-large", "too large");
        let source = Path::new("in/big.json");
        let first = quarantine
            .keep_head(b"{}", 1 << 40, &note(&problem, source))
            .unwrap();
        let other = quarantine
            .keep_head(b"{}", 1 << 41, &note(&problem, source))
            .unwrap();
        assert_ne!(first, other, "same head, different sizes");
        let reason =
            std::fs::read_to_string(quarantine.dir().join(format!("{first}.reason.txt"))).unwrap();
        assert!(
            reason.ends_with("kept: only the first 2 bytes of 1099511627776\n"),
            "{reason}"
        );
    }

    #[test]
    fn partial_files_of_dead_processes_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let quarantine = Quarantine::new(dir.path(), false);
        let dead = format!("{PARTIAL_PREFIX}4000000000-abc");
        let alive = format!("{PARTIAL_PREFIX}{}-abc", std::process::id());
        for name in [&dead, &alive, &"kept.json".to_owned()] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        quarantine.sweep_partial_files();
        let mut expected = vec![alive.clone(), "kept.json".to_owned()];
        expected.sort();
        assert_eq!(names(dir.path()), expected);
    }

    #[test]
    fn hostile_names_are_made_safe_and_never_look_like_reason_files() {
        let hash = [0xab; 32];
        assert_eq!(
            entry_name(&hash, Path::new("x/\u{1b}[2J a?*.json")),
            "abababababababab-__2J_a__.json"
        );
        assert_eq!(
            entry_name(&hash, Path::new("a.json.reason.txt")),
            "abababababababab-a.json_reason.txt"
        );
    }
}
