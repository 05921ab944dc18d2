//! What the user asks of `candor build`, and what a successful build reports.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::Diagnostics;
use crate::exit::Summary;

/// What the user asked `candor build` to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// Where the finished site goes.
    pub output: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Whether pages marked `draft: true` are published.
    pub drafts: bool,
    /// Sign with a release key although the site's files have uncommitted changes.
    pub allow_dirty: bool,
    /// The signing key, its password and the build time, as the command line received them.
    pub signing: crate::sign::SigningEnvironment,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Files published, including the signature files.
    pub files: usize,
    /// The release number in the signature.
    pub release: u64,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "built {} ({}, signed as release {}) in {} ms",
            crate::words::count(self.pages, "page", "pages"),
            crate::words::count(self.files, "file", "files"),
            self.release,
            self.elapsed.as_millis()
        )
    }
}

impl Summary for BuildReport {
    fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}
