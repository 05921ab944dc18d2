//! The inbox: which entries of the paths named to `ingest` are files to read, and when `--move`
//! may delete one.
//!
//! An inbox is untrusted and an operator can name the wrong folder, so this module decides
//! three things before any byte is read or any file removed. A named folder that holds the site
//! itself, the store or the quarantine is refused outright. Walking, every entry that is not a
//! regular file is classified from the type the directory listing already gives (no extra
//! system call per file) and reported with its reason, never opened: a FIFO would block the
//! run, a device never ends, and a link could lead out of the inbox (to `/proc/self/environ`).
//! Links are followed only to regular files inside the named folders, or anywhere when the
//! operator asks with `--follow-links`; links to folders never, so a walk cannot loop.
//! Files are opened non-blocking and, when the walk found a regular file, without following a
//! link swapped in since.
//!
//! `--move` deletes only what was read: the file's identity (device, inode, size, modification
//! time) is taken from the open handle before reading and compared with the path's again just
//! before unlinking, so a file replaced or rewritten in between is left in place. This module
//! must not read content; the ingest judges it.

use std::borrow::Cow;
use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use walkdir::WalkDir;

use crate::collect::{StoreLocation, printable_path};
use crate::exit::Refused;
use crate::site_layout::lies_under;

/// One entry found under the named paths.
#[derive(Debug)]
pub enum Entry {
    /// A regular file to read. `follow` when it was named or reached through a link, so opening
    /// it may follow links; a regular file found by the walk is opened refusing links.
    File { path: PathBuf, follow: bool },
    /// Not read, for this reason.
    Skipped { path: PathBuf, skip: Skip },
    /// Could not be looked at.
    Unreadable { path: PathBuf, message: String },
}

/// Why an entry was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Named with a leading dot: editors', sync clients' and the system's own files.
    Hidden,
    Fifo,
    Socket,
    Device,
    DanglingLink,
    LinkLoop,
    LinkToFolder,
    LinkOutside,
}

impl Skip {
    /// A stable code, counted in the summary.
    pub fn code(self) -> &'static str {
        match self {
            Skip::Hidden => "hidden",
            Skip::Fifo => "fifo",
            Skip::Socket => "socket",
            Skip::Device => "device",
            Skip::DanglingLink => "dangling-link",
            Skip::LinkLoop => "link-loop",
            Skip::LinkToFolder => "link-to-folder",
            Skip::LinkOutside => "link-outside",
        }
    }

    /// What the entry is, for the operator.
    pub fn explanation(self) -> &'static str {
        match self {
            Skip::Hidden => {
                "hidden (its name starts with a dot); hidden files and folders are never read"
            }
            Skip::Fifo => "a named pipe (FIFO), not a file",
            Skip::Socket => "a socket, not a file",
            Skip::Device => "a device, not a file",
            Skip::DanglingLink => "a symbolic link to nothing",
            Skip::LinkLoop => "a symbolic link that leads back to itself",
            Skip::LinkToFolder => {
                "a symbolic link to a folder; links to folders are never followed"
            }
            Skip::LinkOutside => {
                "a symbolic link to a file outside the folders being ingested; not followed"
            }
        }
    }

    pub fn hint(self) -> Option<&'static str> {
        (self == Skip::LinkOutside)
            .then_some("pass --follow-links to read the files such links point to")
    }

    /// The reason for anything that is neither a regular file, a folder nor a link.
    fn of_special(file_type: std::fs::FileType) -> Skip {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Skip::Fifo;
            }
            if file_type.is_socket() {
                return Skip::Socket;
            }
        }
        let _ = file_type;
        Skip::Device
    }
}

/// Refuses to ingest a named path that holds the site, the store or the quarantine: their files
/// are not responses, and `--move` must never come near them.
pub fn refuse_site_folders(paths: &[PathBuf], location: &StoreLocation) -> Result<(), Refused> {
    for path in paths {
        let held = [
            (
                &location.root,
                "the site itself (its site.yaml and surveys/)".to_owned(),
            ),
            (
                &location.store,
                format!("the response store {}", printable_path(&location.store)),
            ),
            (
                &location.quarantine,
                format!("the quarantine {}", printable_path(&location.quarantine)),
            ),
        ];
        if let Some((_, what)) = held.iter().find(|(inner, _)| lies_under(inner, path)) {
            return Err(Refused(format!(
                "cannot ingest {}: it contains {what}\n  hint: put response files in a folder of their own, such as inbox/, and ingest that folder",
                printable_path(path)
            )));
        }
    }
    Ok(())
}

/// Every entry under `paths`: named files as they are, named folders walked in sorted order
/// with hidden entries reported and not entered. Links in folders are followed only to regular files inside
/// the named folders, or to any regular file when `follow_links`.
pub fn walk(paths: &[PathBuf], follow_links: bool) -> impl Iterator<Item = Entry> + '_ {
    let folders: Vec<PathBuf> = paths
        .iter()
        .filter_map(|path| path.canonicalize().ok())
        .filter(|path| path.is_dir())
        .collect();
    let links = Links {
        folders,
        follow_links,
    };
    let links = std::sync::Arc::new(links);
    paths
        .iter()
        .flat_map(move |path| -> Box<dyn Iterator<Item = Entry>> {
            // The user named this path: follow it if it is a link.
            match std::fs::metadata(path) {
                Err(error) => Box::new(std::iter::once(unreadable(path.clone(), &error))),
                Ok(metadata) if metadata.is_file() => Box::new(std::iter::once(Entry::File {
                    path: path.clone(),
                    follow: true,
                })),
                Ok(metadata) if metadata.is_dir() => Box::new(walk_folder(path, links.clone())),
                Ok(metadata) => Box::new(std::iter::once(Entry::Skipped {
                    path: path.clone(),
                    skip: Skip::of_special(metadata.file_type()),
                })),
            }
        })
}

fn walk_folder(folder: &Path, links: std::sync::Arc<Links>) -> impl Iterator<Item = Entry> {
    let mut walk = WalkDir::new(folder)
        // Siblings share their parent's path, so comparing whole paths as bytes orders them by
        // name, without parsing path components in every comparison (a tenth of the run time
        // for a folder of 100,000 files).
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter();
    std::iter::from_fn(move || {
        loop {
            let entry = match walk.next()? {
                Ok(entry) => entry,
                Err(error) => {
                    let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                    let message = error
                        .io_error()
                        .map_or_else(|| error.to_string(), ToString::to_string);
                    return Some(Entry::Unreadable { path, message });
                }
            };
            // The type comes from the directory listing: no system call for a regular file.
            let file_type = entry.file_type();
            let is_hidden = entry.depth() > 0 && crate::sources::is_hidden_name(entry.file_name());
            let skip = if is_hidden {
                if file_type.is_dir() {
                    walk.skip_current_dir();
                }
                Skip::Hidden
            } else if file_type.is_file() {
                return Some(Entry::File {
                    path: entry.into_path(),
                    follow: false,
                });
            } else if file_type.is_dir() {
                continue;
            } else if file_type.is_symlink() {
                return Some(links.classify(entry.into_path()));
            } else {
                Skip::of_special(file_type)
            };
            return Some(Entry::Skipped {
                path: entry.into_path(),
                skip,
            });
        }
    })
}

/// How links found in folders are treated.
struct Links {
    /// The named folders, canonical.
    folders: Vec<PathBuf>,
    follow_links: bool,
}

impl Links {
    fn classify(&self, path: PathBuf) -> Entry {
        let metadata = match std::fs::metadata(&path) {
            Ok(metadata) => metadata,
            Err(error) if is_loop(&error) => {
                return Entry::Skipped {
                    path,
                    skip: Skip::LinkLoop,
                };
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Entry::Skipped {
                    path,
                    skip: Skip::DanglingLink,
                };
            }
            Err(error) => return unreadable(path, &error),
        };
        let skip = if metadata.is_dir() {
            Skip::LinkToFolder
        } else if !metadata.is_file() {
            Skip::of_special(metadata.file_type())
        } else if self.follow_links || self.leads_inside(&path) {
            return Entry::File { path, follow: true };
        } else {
            Skip::LinkOutside
        };
        Entry::Skipped { path, skip }
    }

    fn leads_inside(&self, link: &Path) -> bool {
        link.canonicalize()
            .is_ok_and(|target| self.folders.iter().any(|folder| target.starts_with(folder)))
    }
}

fn is_loop(error: &io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

fn unreadable(path: PathBuf, error: &io::Error) -> Entry {
    Entry::Unreadable {
        path,
        message: error.to_string(),
    }
}

/// Opens a file to read without ever blocking on a FIFO swapped in since the walk and, unless
/// `follow`, without following a link swapped in since.
pub fn open(path: &Path, follow: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let _ = follow;
    options.open(path)
}

/// What tells one file from another, or from itself rewritten: taken from the open handle
/// before reading, and from the path just before `--move` unlinks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileIdentity {
    device: u64,
    inode: u64,
    size: u64,
    modified: (i64, i64),
}

impl FileIdentity {
    pub fn of(metadata: &Metadata) -> FileIdentity {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileIdentity {
                device: metadata.dev(),
                inode: metadata.ino(),
                size: metadata.size(),
                modified: (metadata.mtime(), metadata.mtime_nsec()),
            }
        }
        #[cfg(not(unix))]
        {
            let modified = metadata
                .modified()
                .ok()
                .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| {
                    (d.as_secs() as i64, i64::from(d.subsec_nanos()))
                });
            FileIdentity {
                device: 0,
                inode: 0,
                size: metadata.len(),
                modified,
            }
        }
    }
}

/// What `--move` did with one source file.
#[derive(Debug)]
pub enum Removal {
    Removed,
    /// Already gone (another ingest moved it).
    Gone,
    /// Not the file that was read any more: left in place.
    Changed,
    Failed(io::Error),
}

/// Removes `path` if it is still the file that was read. `follow` as for [`open`]: a path
/// reached through a link is compared through it, and unlinking removes only the link.
pub fn remove_if_unchanged(path: &Path, read: &FileIdentity, follow: bool) -> Removal {
    let now = if follow {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    };
    match now {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Removal::Gone,
        Err(error) => Removal::Failed(error),
        Ok(metadata) if FileIdentity::of(&metadata) != *read => Removal::Changed,
        Ok(_) => match std::fs::remove_file(path) {
            Ok(()) => Removal::Removed,
            Err(error) if error.kind() == io::ErrorKind::NotFound => Removal::Gone,
            Err(error) => Removal::Failed(error),
        },
    }
}

/// Whether rejected text is a response file at all: a JSON object declaring the response
/// format. Only such files may be deleted by `--move` once quarantined; anything else (a page
/// of the site, a spreadsheet, a truncated download) stays where the operator put it.
pub fn declares_response_format(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Declared<'a> {
        #[serde(borrow)]
        format: Option<Cow<'a, str>>,
    }
    serde_json::from_str::<Declared<'_>>(text)
        .is_ok_and(|declared| declared.format.as_deref() == Some(crate::survey::FORMAT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_json_object_declaring_the_format_is_a_response_file() {
        assert!(declares_response_format(
            r#"{"format": "candor-response/1", "survey": 1, "extra": [1]}"#
        ));
        for text in [
            r#"{"format": "candor-response/2"}"#,
            r#"{"theme": "dark"}"#,
            r#"{"format": "candor-response/1", "survey": "#,
            r#"["format", "candor-response/1"]"#,
            "format: candor-response/1",
        ] {
            assert!(!declares_response_format(text), "{text}");
        }
    }

    #[test]
    fn a_file_replaced_or_rewritten_after_reading_is_not_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, "first").unwrap();
        let read = FileIdentity::of(&open(&path, false).unwrap().metadata().unwrap());
        // Replaced by another file under the same name (same size, as an upload might be).
        std::fs::write(dir.path().join("b.json"), "other").unwrap();
        std::fs::rename(dir.path().join("b.json"), &path).unwrap();
        assert!(matches!(
            remove_if_unchanged(&path, &read, false),
            Removal::Changed
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "other");
        // Rewritten in place: same inode, another size.
        let read = FileIdentity::of(&open(&path, false).unwrap().metadata().unwrap());
        std::fs::write(&path, "other, longer").unwrap();
        assert!(matches!(
            remove_if_unchanged(&path, &read, false),
            Removal::Changed
        ));
        // Unchanged: removed; then gone.
        let read = FileIdentity::of(&open(&path, false).unwrap().metadata().unwrap());
        assert!(matches!(
            remove_if_unchanged(&path, &read, false),
            Removal::Removed
        ));
        assert!(!path.exists());
        assert!(matches!(
            remove_if_unchanged(&path, &read, false),
            Removal::Gone
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_swapped_in_after_the_walk_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), dir.path().join("a.json")).unwrap();
        assert!(open(&dir.path().join("a.json"), false).is_err());
        assert!(open(&dir.path().join("a.json"), true).is_ok());
    }
}
