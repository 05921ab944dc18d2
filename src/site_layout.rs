//! Where a site's sources, build output and private state live, and which places on disk end
//! up published.
//!
//! Three commands must never put something private where a build would publish it: `candor
//! build` (its output), `candor keygen` (a secret key) and `candor-collect` (the response store
//! and its quarantine). They all ask [`published_area`], so the rule is written once. Places
//! are compared by their real location — links and `..` resolved, even for a path that does
//! not exist yet — because a path that only looks different must not slip through.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::sign::{MANIFEST_FILE, SIGNATURE_FILE};

/// The folders at the site root whose files make up the site.
pub const SOURCE_DIRS: [&str; 5] = ["content", "themes", "templates", "surveys", "data"];

/// The folder a site is built into unless `--output` says otherwise.
pub const DEFAULT_OUTPUT_DIR: &str = "public";

/// A folder whose files end up on the published site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedArea {
    pub kind: PublishedKind,
    /// The folder, as found: under the site root given, or its real location.
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedKind {
    /// `ROOT/public`, or any folder holding a signed build.
    BuildOutput,
    /// One of [`SOURCE_DIRS`].
    SourceFolder,
}

impl fmt::Display for PublishedArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dir = crate::escape::terminal(&self.dir.display().to_string(), 400);
        match self.kind {
            PublishedKind::BuildOutput => {
                write!(f, "a site's build output ({dir}), which is published")
            }
            PublishedKind::SourceFolder => write!(
                f,
                "a site's source folder ({dir}), which the build publishes from"
            ),
        }
    }
}

/// The published folder `path` is, or lies inside, if any: the build output or a source folder
/// of `root` (when given) or of any site above `path` (a folder holding `site.yaml`), or any
/// folder above `path` that holds a signed build.
pub fn published_area(path: &Path, root: Option<&Path>) -> Option<PublishedArea> {
    let real = real_location(path)?;
    if let Some(area) = root.and_then(|root| published_area_of_site(&real, root)) {
        return Some(area);
    }
    real.ancestors().find_map(|ancestor| {
        if ancestor.join(CONFIG_FILE).is_file()
            && let Some(area) = published_area_of_site(&real, ancestor)
        {
            return Some(area);
        }
        let signed =
            ancestor.join(MANIFEST_FILE).is_file() || ancestor.join(SIGNATURE_FILE).is_file();
        signed.then(|| PublishedArea {
            kind: PublishedKind::BuildOutput,
            dir: ancestor.to_path_buf(),
        })
    })
}

/// Which of `root`'s published folders the real path `real` lies in.
fn published_area_of_site(real: &Path, root: &Path) -> Option<PublishedArea> {
    let output = (PublishedKind::BuildOutput, DEFAULT_OUTPUT_DIR);
    let sources = SOURCE_DIRS.map(|name| (PublishedKind::SourceFolder, name));
    std::iter::once(output)
        .chain(sources)
        .find_map(|(kind, name)| {
            let dir = root.join(name);
            real_location(&dir)
                .is_some_and(|real_dir| real.starts_with(real_dir))
                .then_some(PublishedArea { kind, dir })
        })
}

/// Whether `path` is `dir` or inside it, comparing real locations (links and `..` resolved)
/// even when `path` does not exist yet.
pub fn lies_under(path: &Path, dir: &Path) -> bool {
    let (Some(path), Some(dir)) = (real_location(path), real_location(dir)) else {
        return false;
    };
    path.starts_with(dir)
}

/// The absolute, link-free form of `path`: its longest existing ancestor canonicalised, the
/// rest appended with `.` and `..` resolved lexically.
pub fn real_location(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut resolved = real;
            for component in rest.iter().rev() {
                match component {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::CurDir => {}
                    other => resolved.push(other),
                }
            }
            return Some(resolved);
        }
        rest.push(existing.components().next_back()?);
        existing = existing.parent()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_output_of_a_given_root_are_published() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("content")).unwrap();
        let area = published_area(&root.join("content/a/b.sqlite"), Some(root)).unwrap();
        assert_eq!(area.kind, PublishedKind::SourceFolder);
        assert_eq!(area.dir, root.join("content"));
        let area = published_area(&root.join("x/../public/k"), Some(root)).unwrap();
        assert_eq!(area.kind, PublishedKind::BuildOutput);
        assert_eq!(
            published_area(&root.join(".candor/r.sqlite"), Some(root)),
            None
        );
        assert_eq!(published_area(&root.join("contents/r"), Some(root)), None);
    }

    #[test]
    fn a_site_or_a_signed_build_above_the_path_is_found_without_a_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join(CONFIG_FILE), "title: T\n").unwrap();
        let area = published_area(&root.join("surveys/keys"), None).unwrap();
        assert_eq!(area.dir, root.join("surveys"));
        assert_eq!(published_area(&root.join("keys"), None), None);
        std::fs::create_dir_all(root.join("out/sub")).unwrap();
        std::fs::write(root.join("out").join(MANIFEST_FILE), "").unwrap();
        let area = published_area(&root.join("out/sub/keys"), None).unwrap();
        assert_eq!(area.dir, root.join("out"));
        assert_eq!(area.kind, PublishedKind::BuildOutput);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_into_a_published_folder_is_seen_through() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("data")).unwrap();
        std::os::unix::fs::symlink(root.join("data"), root.join("alias")).unwrap();
        let area = published_area(&root.join("alias/r.sqlite"), Some(root)).unwrap();
        assert_eq!(area.dir, root.join("data"));
    }
}
