//! The sink a signed build writes through: it writes into the staging folder and keeps the
//! SHA-256 of every file as it goes.
//!
//! A build renders ten thousand pages and has each one's bytes in hand when it writes them, so
//! hashing them there costs only the hashing. Walking the staging folder afterwards and reading
//! every file back, as signing once did, cost a quarter of a second of kernel time on a
//! 10,000-page site. The record is complete because the staging folder is private to this build
//! (a fresh folder with a random name) and every file in it is written through this sink, so the
//! record cannot miss a file, and a file cannot be a link or a special file.

use std::path::Path;
use std::sync::Mutex;

use sha2::{Digest as _, Sha256};

use super::keys::looks_like_secret_key;
use super::manifest::{self, Manifest, ManifestEntry, Sha256Digest};
use crate::diagnostic::{Diagnostic, Diagnostics, Rejected};
use crate::output::{DirSink, Sink};

/// One file the sink wrote.
struct Recorded {
    entry: ManifestEntry,
    /// Whether it starts like a minisign secret key, which must never be published.
    secret: bool,
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

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn record(&self, path: &str, sha256: Sha256Digest, secret: bool) {
        let recorded = Recorded {
            entry: ManifestEntry {
                path: path.to_owned(),
                sha256,
            },
            secret,
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

    /// The manifest of everything written, or every reason it cannot be published: a name
    /// `sha256sum` would escape, a path written twice (two sources raced for it, so which one
    /// is on disk is unknown), a file that looks like a secret key.
    pub(crate) fn into_manifest(self) -> anyhow::Result<Manifest> {
        let mut recorded = self
            .recorded
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        recorded.sort_unstable_by(|a, b| a.entry.path.cmp(&b.entry.path));
        let dir = self.dir.path();
        let shown = |path: &str| manifest::display_path(dir, Path::new(path));
        let mut problems = Diagnostics::new();
        for (index, file) in recorded.iter().enumerate() {
            let path = file.entry.path.as_str();
            if let Err(reason) = manifest::check_name(path) {
                problems.push(
                    Diagnostic::error("unverifiable-name", shown(path), reason)
                        .with_hint("rename the file: sha256sum escapes such names, so they cannot be checked unambiguously"),
                );
            }
            if index > 0 && recorded[index - 1].entry.path == path {
                problems.push(
                    Diagnostic::error("duplicate-path", shown(path), "is published by two files of the site")
                        .with_hint("a theme's static/ file and a content/ file have the same path: rename or remove one"),
                );
            }
            anyhow::ensure!(
                !file.secret,
                "refusing to publish {}: it is a minisign secret key\n  hint: keep secret keys outside the site's static/ and content/ folders",
                shown(path).display()
            );
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
        self.record(
            relative,
            Sha256::digest(bytes).into(),
            looks_like_secret_key(bytes),
        );
        Ok(())
    }

    /// Hashes the copy, not its source: the source may change while the build runs, and what
    /// is signed must be what is published. Copies are the few assets, not the pages.
    fn copy(&self, relative: &str, from: &Path) -> anyhow::Result<()> {
        self.dir.copy(relative, from)?;
        let (sha256, secret) = manifest::hash_file(&self.dir.path().join(relative))?;
        self.record(relative, sha256, secret);
        Ok(())
    }
}
