//! Sources: which entries of the site's folders may be read at all.
//!
//! Everything under `content/`, the theme, `templates/`, `data/` and `surveys/` is read, and much
//! of it published byte for byte, so an entry that is not a plain file inside the site must be
//! refused before anything opens it. A named pipe or a device would block the build forever on
//! its first read; a symbolic link may lead out of the site (`/proc/self/environ`, a home folder)
//! or into its private corners (`.candor/` holds the keys and the responses). The folder walks
//! already know each entry's type without asking the file system again, so ordinary files and
//! folders cost nothing here; only links are followed, once each, to see where they lead.
//! This module decides; it never reads a file's contents (see [`crate::private_files`]).

use std::ffi::OsStr;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Diagnostics, relative_to};
use crate::private_files;

/// What a listed entry may be used as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A regular file, or a link to one inside the site: it may be opened and read.
    File,
    /// A real folder, to be walked.
    Folder,
}

/// The site folder, for deciding whether an entry under it may be read.
pub(crate) struct SiteFolder<'a> {
    root: &'a Path,
    /// The root with every link resolved, found the first time a link needs it.
    resolved: OnceLock<Option<PathBuf>>,
}

/// Where a link leads, relative to the site.
enum Destination {
    Inside,
    Outside,
    /// Into a hidden file or folder of the site, such as `.candor/`: never published.
    Private {
        hidden: PathBuf,
        is_target: bool,
    },
}

impl<'a> SiteFolder<'a> {
    pub(crate) fn new(root: &'a Path) -> SiteFolder<'a> {
        SiteFolder {
            root,
            resolved: OnceLock::new(),
        }
    }

    /// What the entry at `path`, of the type its folder listing gave, may be used as, or why it
    /// must not be read. Asks the file system nothing unless the entry is a link.
    pub(crate) fn classify(
        &self,
        path: &Path,
        file_type: fs::FileType,
    ) -> Result<Entry, Diagnostic> {
        if file_type.is_file() {
            Ok(Entry::File)
        } else if file_type.is_dir() {
            Ok(Entry::Folder)
        } else if file_type.is_symlink() {
            self.follow_link(path)
        } else {
            Err(self.special_file(path, file_type))
        }
    }

    /// Checks the source folder `dir` (under the root) before it is walked: when it is reached
    /// through a link, the link must lead to a folder inside the site that is not private.
    /// A folder that does not exist is fine: there is nothing to walk.
    pub(crate) fn check_folder(&self, dir: &Path) -> Result<(), Diagnostic> {
        let Ok(resolved) = fs::canonicalize(dir) else {
            return Ok(());
        };
        let relative = relative_to(dir, self.root);
        if self
            .resolved_root()
            .map(|root| root.join(&relative))
            .as_ref()
            == Some(&resolved)
        {
            return Ok(());
        }
        let link = relative
            .components()
            .scan(self.root.to_path_buf(), |path, part| {
                path.push(part);
                Some(path.clone())
            })
            .find(|path| fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()));
        let Some(link) = link else {
            return Ok(());
        };
        match self.destination(&resolved) {
            Destination::Inside => Ok(()),
            destination => Err(self.refused_link(&link, destination)),
        }
    }

    fn resolved_root(&self) -> Option<&Path> {
        self.resolved
            .get_or_init(|| fs::canonicalize(self.root).ok())
            .as_deref()
    }

    /// Where the resolved path `target` is, relative to the site.
    fn destination(&self, target: &Path) -> Destination {
        let Some(inside) = self
            .resolved_root()
            .and_then(|root| target.strip_prefix(root).ok())
        else {
            return Destination::Outside;
        };
        let mut hidden = PathBuf::new();
        let mut parts = inside.components().peekable();
        while let Some(part) = parts.next() {
            hidden.push(part);
            if let Component::Normal(name) = part
                && is_hidden_name(name)
            {
                return Destination::Private {
                    hidden,
                    is_target: parts.peek().is_none(),
                };
            }
        }
        Destination::Inside
    }

    /// A link may be read as the file it leads to when that file is inside the site, not
    /// private, and a regular file.
    fn follow_link(&self, link: &Path) -> Result<Entry, Diagnostic> {
        let shown = relative_to(link, self.root);
        let target = written_target(link);
        let Ok(metadata) = fs::metadata(link) else {
            return Err(Diagnostic::error(
                "link",
                shown,
                format!("is a symbolic link to {target}, which does not exist"),
            )
            .with_hint("fix the link or remove it"));
        };
        let destination = fs::canonicalize(link)
            .map_or(Destination::Outside, |resolved| self.destination(&resolved));
        if !matches!(destination, Destination::Inside) {
            return Err(self.refused_link(link, destination));
        }
        if metadata.is_dir() {
            return Err(Diagnostic::error(
                "link",
                shown,
                format!(
                    "is a symbolic link to the folder {target}; links to folders are not followed"
                ),
            )
            .with_hint("move or copy the folder here instead of linking to it"));
        }
        if !metadata.is_file() {
            return Err(self.special_file(link, metadata.file_type()));
        }
        Ok(Entry::File)
    }

    fn refused_link(&self, link: &Path, destination: Destination) -> Diagnostic {
        let shown = relative_to(link, self.root);
        let target = written_target(link);
        match destination {
            Destination::Private { hidden, is_target } => {
                let hidden = content_path(&hidden);
                let message = if is_target {
                    format!("is a symbolic link to {target}, a hidden file that is never published")
                } else {
                    format!(
                        "is a symbolic link to {target}, which is inside {hidden}/, a hidden folder that is never published"
                    )
                };
                Diagnostic::error("link", shown, message)
                    .with_hint("remove the link: what it leads to is private")
            }
            Destination::Outside | Destination::Inside => Diagnostic::error(
                "link",
                shown,
                format!("is a symbolic link to {target}, outside the site folder"),
            )
            .with_hint("remove the link; to publish a file from elsewhere, copy it into the site"),
        }
    }

    fn special_file(&self, path: &Path, file_type: fs::FileType) -> Diagnostic {
        Diagnostic::error(
            "not-a-file",
            relative_to(path, self.root),
            format!(
                "is {}, not a file; only regular files can be read",
                special_kind(file_type)
            ),
        )
        .with_hint("remove it, or move it out of the site's folders")
    }
}

/// The files under the source folder `dir`, in a stable order, with every entry that must not
/// be read reported instead: special files, links that leave the site or lead into its private
/// corners, and a collector's quarantine (whose files are private survey submissions). With
/// `skip_hidden`, hidden files and folders (`.page.md.swp`) are left out unread.
pub(crate) fn walk_files(
    root: &Path,
    dir: &Path,
    skip_hidden: bool,
) -> (Vec<PathBuf>, Diagnostics) {
    let site = SiteFolder::new(root);
    let mut problems = Diagnostics::new();
    let mut files = Vec::new();
    if let Err(refused) = site.check_folder(dir) {
        problems.push(refused);
        return (files, problems);
    }
    if !dir.is_dir() {
        return (files, problems);
    }
    let walk = walkdir::WalkDir::new(dir)
        .sort_by(by_name)
        .into_iter()
        .filter_entry(|entry| {
            !(skip_hidden && entry.depth() > 0 && is_hidden_name(entry.file_name()))
        });
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative_to(p, root))
                    .unwrap_or_default();
                problems.push(Diagnostic::error(
                    "io",
                    path,
                    format!("cannot read: {error}"),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        match site.classify(entry.path(), entry.file_type()) {
            Ok(Entry::File) => files.push(entry.into_path()),
            Ok(Entry::Folder) => {}
            Err(refused) => problems.push(refused),
        }
    }
    let quarantines = private_files::quarantine_folders(files.iter().map(PathBuf::as_path));
    if !quarantines.is_empty() {
        files.retain(|file| {
            !file
                .parent()
                .is_some_and(|folder| quarantines.contains(folder))
        });
        for folder in &quarantines {
            problems.push(private_files::quarantine_diagnostic(&relative_to(
                folder, root,
            )));
        }
    }
    (files, problems)
}

/// The order of a folder's entries by name, as walkdir's `sort_by_file_name` gives it, found
/// by comparing whole paths: in one folder they differ only after their common folder, and
/// `file_name()` parses a path from its end at each comparison (102 of the walk's 150 M
/// instructions on the 20,000 files of a two-language site).
fn by_name(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    a.path().as_os_str().cmp(b.path().as_os_str())
}

/// Editors' swap and backup files (`.page.md.swp`, `.DS_Store`) and private folders
/// (`.candor`, `.git`) start with a dot.
pub(crate) fn is_hidden_name(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// What a link says it leads to, as written, for messages.
fn written_target(link: &Path) -> String {
    fs::read_link(link).map_or_else(
        |_| "an unreadable target".to_owned(),
        |target| target.display().to_string(),
    )
}

/// A path inside the site with `/` separators.
fn content_path(path: &Path) -> String {
    crate::content::slash_path(path)
}

#[cfg(unix)]
fn special_kind(file_type: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_char_device() {
        "a character device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_file_type: fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn classify(root: &Path, relative: &str) -> Result<Entry, Diagnostic> {
        let path = root.join(relative);
        let file_type = fs::symlink_metadata(&path).unwrap().file_type();
        SiteFolder::new(root).classify(&path, file_type)
    }

    #[test]
    fn links_inside_the_site_are_files_and_others_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        fs::create_dir_all(root.join("content/img")).unwrap();
        fs::create_dir_all(root.join(".candor")).unwrap();
        fs::write(root.join("content/a.txt"), "a").unwrap();
        fs::write(root.join(".candor/responses.sqlite"), "x").unwrap();
        fs::write(root.join(".env"), "x").unwrap();
        symlink("a.txt", root.join("content/same.txt")).unwrap();
        symlink("/etc/hostname", root.join("content/outside.txt")).unwrap();
        symlink("../.candor/responses.sqlite", root.join("content/db")).unwrap();
        symlink("../.env", root.join("content/env")).unwrap();
        symlink("img", root.join("content/folder")).unwrap();
        symlink("missing", root.join("content/dangling")).unwrap();

        assert_eq!(classify(root, "content/a.txt"), Ok(Entry::File));
        assert_eq!(classify(root, "content/img"), Ok(Entry::Folder));
        assert_eq!(classify(root, "content/same.txt"), Ok(Entry::File));
        let message = |relative: &str| classify(root, relative).unwrap_err().message;
        assert_eq!(
            message("content/outside.txt"),
            "is a symbolic link to /etc/hostname, outside the site folder"
        );
        assert_eq!(
            message("content/db"),
            "is a symbolic link to ../.candor/responses.sqlite, which is inside .candor/, a hidden folder that is never published"
        );
        assert_eq!(
            message("content/env"),
            "is a symbolic link to ../.env, a hidden file that is never published"
        );
        assert_eq!(
            message("content/folder"),
            "is a symbolic link to the folder img; links to folders are not followed"
        );
        assert_eq!(
            message("content/dangling"),
            "is a symbolic link to missing, which does not exist"
        );
    }

    #[test]
    fn files_are_walked_in_the_order_of_their_names_folder_by_folder() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        let names = [
            "b.md", "a.md", "a.fr.md", "a-b.md", "a.b.md", "B.md", "é.md",
        ];
        fs::create_dir_all(root.join("content/a")).unwrap();
        fs::write(root.join("content/a/z.md"), "").unwrap();
        for name in names {
            fs::write(root.join("content").join(name), "").unwrap();
        }
        let (files, problems) = walk_files(root, &root.join("content"), true);
        assert!(problems.is_empty());
        let walked: Vec<String> = (files.iter())
            .map(|file| {
                relative_to(file, &root.join("content"))
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(
            walked,
            [
                "B.md", "a/z.md", "a-b.md", "a.b.md", "a.fr.md", "a.md", "b.md", "é.md"
            ]
        );
    }

    #[test]
    fn a_source_folder_reached_through_a_link_must_stay_inside() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("site");
        fs::create_dir_all(root.join("shared/content")).unwrap();
        let site = SiteFolder::new(&root);
        assert!(site.check_folder(&root.join("content")).is_ok(), "absent");
        symlink("shared/content", root.join("content")).unwrap();
        assert!(site.check_folder(&root.join("content")).is_ok(), "inside");
        fs::create_dir_all(temp.path().join("elsewhere")).unwrap();
        symlink("../elsewhere", root.join("data")).unwrap();
        let refused = site.check_folder(&root.join("data")).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "data: error: is a symbolic link to ../elsewhere, outside the site folder\n  hint: remove the link; to publish a file from elsewhere, copy it into the site"
        );
    }
}
