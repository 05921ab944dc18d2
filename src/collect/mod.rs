//! The survey collector behind `candor-collect`: ingest → store → report.
//!
//! The named folders are walked and every entry that is not a regular file reported ([`inbox`]);
//! response files are read and checked in parallel ([`read`], then the survey validator shared
//! with `candor`), one writer records every outcome in an embedded SQLite store ([`store`]) in
//! batches, and every file that is not stored is kept with its reason ([`quarantine`]). Nothing
//! is lost: each input file ends up accepted, a duplicate, a conflict or rejected, and the counts
//! always add up. [`status`] and [`export`] read the store back.
//!
//! Raw responses are personal data even without names, so this module refuses to put the store
//! or the quarantine anywhere a build would publish (the site's `public/` folder or any of its
//! source folders, see [`crate::site_layout`]), and it stores only what the response files hold.

pub mod decrypt;
pub mod export;
pub(crate) mod inbox;
pub mod ingest;
pub(crate) mod judge;
pub(crate) mod quarantine;
pub mod read;
pub mod receive;
pub mod status;
pub(crate) mod store;
pub(crate) mod summary;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::exit::{Outcome, Refused, Status};
use crate::site_layout::published_area;

/// Where the store lives, resolved the same way for every subcommand.
#[derive(Debug, Clone)]
pub struct StoreLocation {
    /// The site's folder: the one holding `surveys/`.
    pub root: PathBuf,
    /// The SQLite database file.
    pub store: PathBuf,
    /// The folder rejected and conflicting files are copied to, beside the store.
    pub quarantine: PathBuf,
}

/// The store's place under the site root when `--store` is not given.
pub const DEFAULT_STORE: &str = ".candor/responses.sqlite";

impl StoreLocation {
    /// Resolves `--root` and `--store`, refusing a store or quarantine that would be published.
    pub fn resolve(root: &Path, store: Option<&Path>) -> Result<StoreLocation, Refused> {
        let store = match store {
            Some(store) => store.to_path_buf(),
            None => root.join(DEFAULT_STORE),
        };
        if store.file_name().is_none() || store.as_os_str().to_string_lossy().ends_with('/') {
            return Err(Refused(format!(
                "--store {} names a folder; give the database file, e.g. {}",
                printable_path(&store),
                DEFAULT_STORE
            )));
        }
        let quarantine = store.parent().unwrap_or(Path::new(".")).join("quarantine");
        for (what, path) in [("store", &store), ("quarantine", &quarantine)] {
            if let Some(area) = published_area(path, Some(root)) {
                return Err(Refused(format!(
                    "the {what} {} would be inside {area}: raw responses must never be put there",
                    printable_path(path),
                )));
            }
        }
        Ok(StoreLocation {
            root: root.to_path_buf(),
            store,
            quarantine,
        })
    }
}

/// What a collector subcommand reports on success: text for people, JSON for scripts.
pub trait Report: fmt::Display + Serialize {
    /// The exit status of a run that completed: success unless the report says otherwise.
    fn status(&self) -> Status {
        Status::Success
    }
}

impl Report for ingest::IngestReport {
    /// A path that could not be read fails the run (status 1), though everything else was
    /// ingested; rejected files do not, since they are kept and reported.
    fn status(&self) -> Status {
        if self.unreadable > 0 {
            Status::Failure
        } else {
            Status::Success
        }
    }
}

impl Report for status::StatusReport {}

impl Report for export::ExportReport {}

/// A collector report as the user asked to see it: text for people, or one JSON object.
pub struct Printed<R> {
    pub report: R,
    pub json: bool,
}

impl<R: Report> Outcome for Printed<R> {
    fn stdout(&self) -> String {
        let text = if self.json {
            serde_json::to_string_pretty(&self.report).unwrap_or_default()
        } else {
            self.report.to_string()
        };
        text.trim_end().to_owned()
    }

    fn status(&self) -> Status {
        self.report.status()
    }
}

/// A path as it can safely be printed to a terminal or written to a reason file: control
/// characters in a hostile file name are escaped, never interpreted.
pub fn printable_path(path: &Path) -> String {
    crate::escape::terminal(&path.display().to_string(), 400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_defaults_under_the_root() {
        let location = StoreLocation::resolve(Path::new("site"), None).unwrap();
        assert_eq!(location.store, Path::new("site/.candor/responses.sqlite"));
        assert_eq!(location.quarantine, Path::new("site/.candor/quarantine"));
    }

    #[test]
    fn store_under_public_or_sources_is_refused_even_through_dot_dot() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("public")).unwrap();
        for store in [
            root.join("public/r.sqlite"),
            root.join("public/sub/r.sqlite"),
            root.join("other/../public/r.sqlite"),
            root.join("content/r.sqlite"),
            root.join("surveys/private/r.sqlite"),
        ] {
            let refused = StoreLocation::resolve(root, Some(&store)).unwrap_err();
            assert!(
                refused.0.ends_with("raw responses must never be put there"),
                "{refused}"
            );
        }
        // The quarantine beside a store at the root's top is root/quarantine: allowed.
        assert!(StoreLocation::resolve(root, Some(&root.join("r.sqlite"))).is_ok());
        assert!(StoreLocation::resolve(root, Some(&root.join("public"))).is_err());
    }

    #[test]
    fn store_reached_through_a_symlink_into_public_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("public")).unwrap();
        std::os::unix::fs::symlink(root.join("public"), root.join("alias")).unwrap();
        assert!(StoreLocation::resolve(root, Some(&root.join("alias/r.sqlite"))).is_err());
    }
}
