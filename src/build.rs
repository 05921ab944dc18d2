//! The build pipeline: load → parse → render → write → sign, as a list of stages.
//!
//! Each stage is its own module; this one only sequences them, gathers every problem they find
//! and decides whether anything is written. Output is staged in a temporary folder beside the
//! destination and swapped in only when every stage succeeded, so a failed build leaves the
//! previous one exactly as it was.

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
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "built {} pages ({} files) in {} ms",
            self.pages,
            self.files,
            self.elapsed.as_millis()
        )
    }
}

impl Summary for BuildReport {
    fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}

/// Builds the site described by `options`.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let _ = options;
    anyhow::bail!("the build pipeline is being written")
}
