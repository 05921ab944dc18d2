//! Private files: what must never be published, whatever it is called and wherever it sits.
//!
//! A site folder sits beside Candor's private state: the collector's SQLite store and its
//! quarantine, signing keys, and the survey responses waiting to be ingested. A copy dropped
//! into `content/` or a theme's `static/` by mistake would otherwise be published and signed.
//! Names prove nothing (`report.pdf` can be a database), so published copies are recognised by
//! their bytes: a [`Scan`] is fed the bytes the build already reads to hash, store or check each
//! copied file, so recognising them costs no extra read. A collector's quarantine is recognised
//! by its `.reason.txt` files, before anything is read.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use memchr::memmem;

use crate::collect::quarantine::REASON_SUFFIX;
use crate::diagnostic::{Diagnostic, Diagnostics, Rejected, relative_to};

/// A kind of file that is never published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivateKind {
    /// An SQLite database, such as the collector's response store.
    Database,
    /// An SQLite write-ahead log or rollback journal: pages of a database.
    DatabaseJournal,
    /// A minisign secret key, anywhere in the file.
    SecretKey,
    /// A survey's secret key (`candor-collect keygen-survey`), anywhere in the file.
    SurveySecretKey,
    /// A survey response file (`candor-response/1`).
    Response,
    /// An encrypted survey response file (`candor-encrypted-response/1`).
    EncryptedResponse,
}

impl PrivateKind {
    /// What the file is, as the rest of a sentence about it.
    fn description(self) -> &'static str {
        match self {
            PrivateKind::Database => "is an SQLite database",
            PrivateKind::DatabaseJournal => "is an SQLite journal, part of a database",
            PrivateKind::SecretKey => "contains a minisign secret key",
            PrivateKind::SurveySecretKey => {
                "contains a survey secret key, which opens every encrypted response"
            }
            PrivateKind::Response => "is a survey response (candor-response/1)",
            PrivateKind::EncryptedResponse => {
                "is an encrypted survey response (candor-encrypted-response/1)"
            }
        }
    }

    /// The error for the published copy of `source` (a path relative to the site root).
    pub fn diagnostic(self, source: &Path) -> Diagnostic {
        const OUT_OF_THE_SITE: &str = "move it out of the site's published folders (content/ and the theme's static/); the collector's response store belongs in .candor/";
        let hint = match self {
            PrivateKind::Database | PrivateKind::DatabaseJournal => OUT_OF_THE_SITE,
            PrivateKind::SecretKey => {
                "move the key out of the site's published folders (content/ and the theme's static/), into .candor/keys/ or outside the site"
            }
            PrivateKind::SurveySecretKey => {
                "move the key out of the site, into ~/.config/candor/survey-keys/; the public key alone goes in the survey's definition, and a key that was published must be replaced (`candor-collect keygen-survey`)"
            }
            PrivateKind::Response | PrivateKind::EncryptedResponse => {
                "responses are private: ingest them with `candor-collect ingest` and keep the files outside the site's published folders"
            }
        };
        let message = format!("{}; refusing to publish it", self.description());
        Diagnostic::error("private-file", source, message).with_hint(hint)
    }
}

/// The error a sink returns for a copy that must not be published; the build names the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivateFile(pub PrivateKind);

impl fmt::Display for PrivateFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a file to be published {}", self.0.description())
    }
}

impl std::error::Error for PrivateFile {}

/// Refuses `bytes`, the whole of a file about to be published, when they are private.
pub fn refuse(bytes: &[u8]) -> Result<(), PrivateFile> {
    let mut scan = Scan::default();
    scan.feed(bytes);
    scan.finish()
}

/// The outcome of publishing copies, given the failures as `(source file, error)`: every
/// private file as an error naming its source (relative to `root`), or else the first failure
/// of another kind (a file that cannot be read).
pub fn copy_failures(root: &Path, failures: Vec<(&Path, anyhow::Error)>) -> anyhow::Result<()> {
    let mut private = Diagnostics::new();
    for (source, error) in failures {
        match error.downcast_ref::<PrivateFile>() {
            Some(PrivateFile(kind)) => private.push(kind.diagnostic(&relative_to(source, root))),
            None => return Err(error),
        }
    }
    if private.is_empty() {
        Ok(())
    } else {
        private.sort();
        Err(Rejected(private).into())
    }
}

/// The 16 bytes every SQLite database starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
/// A rollback journal's first 8 bytes.
const SQLITE_JOURNAL: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];
/// A write-ahead log: one of two magic numbers, then the format version 3007000, big-endian.
const SQLITE_WAL: [[u8; 8]; 2] = [
    [0x37, 0x7f, 0x06, 0x82, 0x00, 0x2d, 0xe2, 0x18],
    [0x37, 0x7f, 0x06, 0x83, 0x00, 0x2d, 0xe2, 0x18],
];
/// A minisign secret key's base64 starts with one of these (`Ed`, the KDF `Sc` or none, `B2`);
/// see `sign::keys`.
const KEY_MARKERS: [(&[u8], PrivateKind); 3] = [
    (b"RWRTY0Iy", PrivateKind::SecretKey),
    (b"RWQAAEIy", PrivateKind::SecretKey),
    // A survey key line, see `encryption::keys::KEY_LINE_MARKER`.
    (b"Q2FuZG9yU0sx", PrivateKind::SurveySecretKey),
];
/// Base64 characters in a row, from a marker on, that make it a key rather than a mention of
/// one: a whole key has 211, and a key wrapped at 64 or 76 characters a line still has this many.
const KEY_RUN: usize = 64;
/// The formats a response file declares, plain or encrypted, as JSON strings.
const RESPONSE_FORMATS: [(&[u8], PrivateKind); 2] = [
    (b"\"candor-response/1\"", PrivateKind::Response),
    (
        b"\"candor-encrypted-response/1\"",
        PrivateKind::EncryptedResponse,
    ),
];
/// Bytes kept from one piece of a file to the next, so that a marker split between two reads
/// is still seen whole: the longest window a rule looks at, less one.
const OVERLAP: usize = KEY_RUN - 1;
const _: () = assert!(b"\"candor-encrypted-response/1\"".len() <= KEY_RUN);

/// Recognises a private file from its bytes, fed in pieces as they are read.
#[derive(Default)]
pub struct Scan {
    /// The file's first bytes, for the headers.
    head: Vec<u8>,
    /// The last [`OVERLAP`] bytes fed.
    tail: Vec<u8>,
    /// Whether the file starts like JSON (`{` after any byte-order mark and white space);
    /// `None` until a byte says.
    json: Option<bool>,
    found: Option<PrivateKind>,
}

impl Scan {
    /// Looks at the next piece of the file.
    pub fn feed(&mut self, piece: &[u8]) {
        if self.found.is_some() || piece.is_empty() {
            return;
        }
        if self.head.len() < SQLITE_HEADER.len() {
            let wanted = (SQLITE_HEADER.len() - self.head.len()).min(piece.len());
            self.head.extend_from_slice(&piece[..wanted]);
            self.found = header_kind(&self.head);
        }
        if self.json.is_none() {
            self.json = piece
                .iter()
                .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0xef | 0xbb | 0xbf))
                .map(|&b| b == b'{');
        }
        if self.found.is_none() && !self.tail.is_empty() {
            // Markers that start in the previous piece and end in this one.
            let mut joined = std::mem::take(&mut self.tail);
            let from_before = joined.len();
            joined.extend_from_slice(&piece[..piece.len().min(OVERLAP)]);
            self.found = self.body_kind(&joined, Some(from_before));
            self.tail = joined;
            self.tail.truncate(from_before);
        }
        if self.found.is_none() {
            self.found = self.body_kind(piece, None);
        }
        let keep = OVERLAP.min(self.tail.len() + piece.len());
        let from_piece = keep.min(piece.len());
        let from_tail = keep - from_piece;
        self.tail.drain(..self.tail.len() - from_tail);
        self.tail
            .extend_from_slice(&piece[piece.len() - from_piece..]);
    }

    /// The verdict, once every piece has been fed.
    pub fn finish(mut self) -> Result<(), PrivateFile> {
        if self.found.is_none() {
            let tail = std::mem::take(&mut self.tail);
            self.found = self.body_kind(&tail, None);
        }
        match self.found {
            Some(kind) => Err(PrivateFile(kind)),
            None => Ok(()),
        }
    }

    /// A private kind recognised from markers in `bytes`; with `starting_before`, only markers
    /// that start before that offset count. A key marker too near the end of `bytes` to tell
    /// is told when the next piece comes: it is in the bytes kept for it.
    fn body_kind(&self, bytes: &[u8], starting_before: Option<usize>) -> Option<PrivateKind> {
        let limit = starting_before.unwrap_or(usize::MAX);
        for (marker, kind) in KEY_MARKERS {
            for at in memmem::find_iter(bytes, marker).take_while(|&at| at < limit) {
                let run = bytes[at..]
                    .iter()
                    .take(KEY_RUN)
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
                    .count();
                if run == KEY_RUN {
                    return Some(kind);
                }
            }
        }
        if self.json != Some(true) {
            return None;
        }
        RESPONSE_FORMATS.iter().find_map(|&(format, kind)| {
            memmem::find(bytes, format)
                .is_some_and(|at| at < limit)
                .then_some(kind)
        })
    }
}

/// A private kind recognised from a file's first bytes.
fn header_kind(head: &[u8]) -> Option<PrivateKind> {
    if head.starts_with(SQLITE_HEADER) {
        Some(PrivateKind::Database)
    } else if head.starts_with(&SQLITE_JOURNAL)
        || SQLITE_WAL.iter().any(|wal| head.starts_with(wal))
    {
        Some(PrivateKind::DatabaseJournal)
    } else {
        None
    }
}

/// The folders, among those of `files` (paths relative to the site root), that hold a
/// collector's quarantine: a `.reason.txt` file sits in them.
pub fn quarantine_folders<'p>(files: impl Iterator<Item = &'p Path>) -> BTreeSet<PathBuf> {
    files
        .filter(|file| {
            file.file_name()
                .is_some_and(|name| name.to_string_lossy().ends_with(REASON_SUFFIX))
        })
        .map(|file| file.parent().unwrap_or(Path::new("")).to_path_buf())
        .collect()
}

/// The error for a quarantine folder found among the published files.
pub fn quarantine_diagnostic(folder: &Path) -> Diagnostic {
    Diagnostic::error(
        "private-file",
        folder,
        "holds a collector's quarantine (files ending in .reason.txt); refusing to publish it",
    )
    .with_hint("quarantined files are survey submissions, which are private: keep the quarantine in .candor/, outside the site's published folders")
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_LINE: &str = "RWRTY0IyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    /// The verdict on `bytes` fed in pieces of every size from 1 to 80 (of a few sizes, for a
    /// large file), so that every marker is seen split at every place.
    fn verdicts(bytes: &[u8]) -> Vec<Result<(), PrivateFile>> {
        let sizes: Vec<usize> = if bytes.len() < 1000 {
            (1..=80).collect()
        } else {
            vec![7, 4096, 65536]
        };
        sizes
            .into_iter()
            .map(|size| {
                let mut scan = Scan::default();
                for piece in bytes.chunks(size) {
                    scan.feed(piece);
                }
                scan.finish()
            })
            .collect()
    }

    fn kind_of(bytes: &[u8]) -> Option<PrivateKind> {
        let whole = refuse(bytes).err().map(|PrivateFile(kind)| kind);
        for (size, verdict) in verdicts(bytes).into_iter().enumerate() {
            assert_eq!(
                verdict.err().map(|PrivateFile(kind)| kind),
                whole,
                "verdict {size}"
            );
        }
        whole
    }

    #[test]
    fn databases_are_recognised_by_their_header() {
        let mut database = SQLITE_HEADER.to_vec();
        database.extend([0u8; 100]);
        assert_eq!(kind_of(&database), Some(PrivateKind::Database));
        let mut wal = SQLITE_WAL[1].to_vec();
        wal.extend([1u8; 30]);
        assert_eq!(kind_of(&wal), Some(PrivateKind::DatabaseJournal));
        assert_eq!(kind_of(b"SQLite format 2"), None);
        assert_eq!(kind_of(b"x SQLite format 3\0"), None, "only at the start");
    }

    #[test]
    fn secret_keys_are_recognised_anywhere_but_a_mention_is_not_a_key() {
        let key = format!("untrusted comment: minisign encrypted secret key\n{KEY_LINE}\n");
        for text in [
            key.clone(),
            format!("\n\n\n{key}"),
            format!("\u{feff}{key}"),
            KEY_LINE.to_owned(),
            format!(
                "<pre>{}</pre>",
                KEY_LINE.replacen("RWRTY0Iy", "RWQAAEIy", 1)
            ),
            format!("{}{KEY_LINE}", "x".repeat(200_000)),
        ] {
            assert_eq!(
                kind_of(text.as_bytes()),
                Some(PrivateKind::SecretKey),
                "{text:.60}"
            );
        }
        assert_eq!(
            kind_of(b"secret keys start with RWRTY0Iy; public ones with RWQ"),
            None
        );
        assert_eq!(kind_of(&KEY_LINE.as_bytes()[..40]), None);
    }

    #[test]
    fn responses_are_json_that_declares_the_format() {
        let response = r#"{"format":"candor-response/1","survey":"s","answers":{}}"#;
        assert_eq!(kind_of(response.as_bytes()), Some(PrivateKind::Response));
        let indented = "\u{feff}\n  {\n  \"format\": \"candor-response/1\"\n}";
        assert_eq!(kind_of(indented.as_bytes()), Some(PrivateKind::Response));
        assert_eq!(
            kind_of(b"<p>Responses declare \"candor-response/1\".</p>"),
            None,
            "a page that mentions the format is not a response"
        );
    }

    #[test]
    fn survey_keys_and_encrypted_responses_are_recognised() {
        let key = format!(
            "untrusted comment: candor survey secret key 0123 for s; keep it secret\nQ2FuZG9yU0sx{}\n",
            "A".repeat(116)
        );
        assert_eq!(kind_of(key.as_bytes()), Some(PrivateKind::SurveySecretKey));
        assert_eq!(
            kind_of(b"survey key lines start with Q2FuZG9yU0sx and then the key"),
            None,
            "a mention is not a key"
        );
        let envelope = r#"{"format":"candor-encrypted-response/1","survey":"s","version":1,"key_id":"k","enc":"","ciphertext":""}"#;
        assert_eq!(
            kind_of(envelope.as_bytes()),
            Some(PrivateKind::EncryptedResponse)
        );
    }

    #[test]
    fn quarantines_are_the_folders_with_reason_files() {
        let files = [
            Path::new("q/0123456789abcdef-r.json"),
            Path::new("q/0123456789abcdef-r.json.reason.txt"),
            Path::new("style.css"),
        ];
        let folders = quarantine_folders(files.into_iter());
        assert_eq!(
            folders.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("q")]
        );
    }
}
