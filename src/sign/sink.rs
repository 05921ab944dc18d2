//! The sink a signed build writes through: it writes into the staging folder and keeps the
//! SHA-256 of every file as it goes.
//!
//! A build renders ten thousand pages and has each one's bytes in hand when it writes them, so
//! hashing them there costs only the hashing. Walking the staging folder afterwards and reading
//! every file back, as signing once did, cost a quarter of a second of kernel time on a
//! 10,000-page site. The record is complete because the staging folder is private to this build
//! (a fresh folder with a random name) and every file in it is written through this sink, so the
//! record cannot miss a file, and a file cannot be a link or a special file.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use sha2::{Digest as _, Sha256};

use super::manifest::{self, Manifest, ManifestEntry, Sha256Digest};
use crate::diagnostic::{Diagnostic, Diagnostics, Rejected};
use crate::output::{DirSink, Sink};
use crate::private_files::{PrivateKind, Scan};

/// One file the sink wrote.
struct Recorded {
    entry: ManifestEntry,
    /// What it is when it must never be published: a secret key anywhere in it, a database, a
    /// response ([`crate::private_files`]).
    private: Option<PrivateKind>,
}

/// A [`DirSink`] that records the SHA-256 of every file it writes, for [`super::sign_release`].
pub struct HashingSink {
    dir: DirSink,
    recorded: Mutex<Vec<Recorded>>,
}

impl HashingSink {
    /// Writes into `dir`, which must be a folder that nothing else writes to, such as a
    /// [`crate::output::Staging`] folder.
    pub fn new(dir: &Path) -> HashingSink {
        HashingSink {
            dir: DirSink::new(dir),
            recorded: Mutex::new(Vec::new()),
        }
    }

    /// The folder written into.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn record(&self, path: &str, sha256: Sha256Digest, private: Option<PrivateKind>) {
        let recorded = Recorded {
            entry: ManifestEntry {
                path: path.to_owned(),
                sha256,
            },
            private,
        };
        self.recorded
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(recorded);
    }

    /// Whether a file was written at `path`.
    pub(crate) fn wrote(&self, path: &str) -> bool {
        self.recorded
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .any(|recorded| recorded.entry.path == path)
    }

    /// The manifest of everything written, or every reason it cannot be published, each named
    /// by its site path (the staging folder is gone by the time anyone reads the message): a
    /// name `sha256sum` would escape, a path written twice or differing from another only in
    /// case (so which bytes are on disk is unknown, or differs between file systems), a file
    /// that looks like a secret key. The build refuses all of these earlier, with the source
    /// file named; this is the last line of defence.
    pub(crate) fn into_manifest(self) -> anyhow::Result<Manifest> {
        let mut recorded = self
            .recorded
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        recorded.sort_unstable_by(|a, b| a.entry.path.cmp(&b.entry.path));
        let mut problems = Diagnostics::new();
        let mut folded = HashSet::with_capacity(recorded.len());
        for file in &recorded {
            let path = file.entry.path.as_str();
            let shown = format!("/{}", path.escape_debug());
            if let Err(reason) = manifest::check_name(path) {
                problems.push(
                    Diagnostic::error("unverifiable-name", &shown, reason)
                        .with_hint("rename the file: sha256sum escapes such names, so they cannot be checked unambiguously"),
                );
            }
            if !folded.insert(path.to_lowercase()) {
                problems.push(
                    Diagnostic::error(
                        "duplicate-path",
                        &shown,
                        "is published twice, or beside a name that differs only in case",
                    )
                    .with_hint("rename or remove one of the files published at this path"),
                );
            }
            if let Some(kind) = file.private {
                problems.push(kind.diagnostic(Path::new(&shown)));
            }
        }
        if !problems.is_empty() {
            return Err(Rejected(problems).into());
        }
        Ok(Manifest {
            entries: recorded.into_iter().map(|file| file.entry).collect(),
        })
    }
}

impl Sink for HashingSink {
    fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.dir.write(relative, bytes)?;
        // Pages are scanned like copies: an editor may paste a key into Markdown.
        let private = crate::private_files::refuse(bytes).err().map(|file| file.0);
        self.record(relative, Sha256::digest(bytes).into(), private);
        Ok(())
    }

    /// Hashes the copy, not its source: the source may change while the build runs, and what
    /// is signed must be what is published. The same read looks for what must never be
    /// published ([`crate::private_files`]). Copies are the few assets, not the pages.
    fn copy(&self, relative: &str, from: &Path) -> anyhow::Result<()> {
        self.dir.copy(relative, from)?;
        let mut scan = Scan::default();
        let sha256 = manifest::hash_file(&self.dir.path().join(relative), Some(&mut scan))?;
        scan.finish()?;
        self.record(relative, sha256, None);
        Ok(())
    }
}
