//! Replacing a file all at once: write a temporary file in the same folder, then rename it over
//! the old one, so a reader, a second process or a crash sees the old file or the new one and
//! never half of either. The verify state, a report's results file and the quarantine's entries
//! all write this way, through this one helper.

use std::fs::File;
use std::io;
use std::path::Path;

use anyhow::Context as _;

use crate::collect::printable_path;

/// How to replace a file; `AtomicWrite::default()` is a private file, not flushed to disk.
#[derive(Debug, Clone, Default)]
pub(crate) struct AtomicWrite<'a> {
    temporary_prefix: Option<&'a str>,
    readable_by_all: bool,
    durable: bool,
}

impl<'a> AtomicWrite<'a> {
    /// Names the temporary file `<prefix>…`, e.g. so that leftovers of a crash can be found.
    pub(crate) fn temporary_prefix(mut self, prefix: &'a str) -> Self {
        self.temporary_prefix = Some(prefix);
        self
    }

    /// Mode 0644 (on Unix) instead of the temporary file's 0600: for files meant to be published.
    pub(crate) fn readable_by_all(mut self) -> Self {
        self.readable_by_all = true;
        self
    }

    /// Flushes the file and then its folder to disk, so the new file survives a power cut.
    pub(crate) fn durable(mut self, durable: bool) -> Self {
        self.durable = durable;
        self
    }

    /// Replaces `path` (or creates it) with what `write` writes; its folder must exist.
    pub(crate) fn write(
        &self,
        path: &Path,
        write: impl FnOnce(&mut File) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        let folder = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut temporary = tempfile::Builder::new()
            .prefix(self.temporary_prefix.unwrap_or(".tmp"))
            .tempfile_in(folder)
            .with_context(|| format!("cannot write in {}", printable_path(folder)))?;
        let context = || format!("cannot write {}", printable_path(path));
        write(temporary.as_file_mut()).with_context(context)?;
        #[cfg(unix)]
        if self.readable_by_all {
            use std::os::unix::fs::PermissionsExt as _;
            temporary
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .with_context(context)?;
        }
        if self.durable {
            temporary.as_file().sync_all().with_context(context)?;
        }
        temporary
            .persist(path)
            .map_err(|error| error.error)
            .with_context(context)?;
        if self.durable {
            File::open(folder)
                .and_then(|folder| folder.sync_all())
                .with_context(context)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.txt");
        std::fs::write(&path, "old, and longer than the new text").unwrap();
        AtomicWrite::default()
            .temporary_prefix(".partial-")
            .durable(true)
            .write(&path, |file| file.write_all(b"new"))
            .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.txt");
        std::fs::write(&path, "old").unwrap();
        let error = AtomicWrite::default()
            .write(&path, |_| Err(io::Error::other("disk full")))
            .unwrap_err();
        assert_eq!(
            format!("{error:#}"),
            format!("cannot write {}: disk full", path.display())
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn published_files_are_readable_by_all() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("results.yaml");
        AtomicWrite::default()
            .readable_by_all()
            .write(&path, |file| file.write_all(b"x"))
            .unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}
