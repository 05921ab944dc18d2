//! Write: the one place that decides where rendered files go.
//!
//! A build writes into a [`crate::staging::Staging`] folder created beside the destination; only
//! when every stage has succeeded is it swapped in place of the previous build, so readers and
//! the signing manifest never see a mixture of two releases and a failed build leaves the old
//! one untouched. Pages are written as they are rendered, from many threads, so memory does not
//! grow with the size of the site. `candor serve` writes into a [`FileMapSink`] instead, and
//! `candor check` into a [`NullSink`], so neither ever touches `public/` or its signature.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use bytes::Bytes;

use crate::file_map::{FileMap, Patching};
use crate::private_files::{self, Scan};

/// The file a site path is published as: `/a/` → `a/index.html`, `/style.css` → `style.css`.
pub fn file_for(site_path: &str) -> String {
    with_file_for(site_path, str::to_owned)
}

/// Calls `with` with the file `site_path` is published as ([`file_for`]), made in a buffer
/// kept per thread: a preview's rebuild names every page of the site, nearly all unchanged, and
/// a string made for each cost more than the rest of writing it.
pub(crate) fn with_file_for<R>(site_path: &str, with: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static FILE: RefCell<String> = const { RefCell::new(String::new()) };
    }
    FILE.with_borrow_mut(|file| {
        file.clear();
        let relative = site_path.trim_start_matches('/');
        file.push_str(relative);
        if relative.is_empty() || relative.ends_with('/') {
            file.push_str("index.html");
        }
        with(file)
    })
}

/// Where a build's files go.
pub trait Sink: Sync {
    /// Writes `bytes` as the file at `relative` (a `/`-separated path).
    fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()>;
    /// Publishes the file `from` at `relative`.
    fn copy(&self, relative: &str, from: &Path) -> anyhow::Result<()>;
    /// Writes `bytes` as the file at `relative`; a sink that keeps files in memory shares these
    /// bytes rather than copying them.
    fn write_shared(&self, relative: &str, bytes: &Bytes) -> anyhow::Result<()> {
        self.write(relative, bytes)
    }
    /// Whether the sink starts with the files of the version a [`crate::build::RenderCache`]
    /// calls published, and can keep those it is not given again ([`Sink::keep_unwritten`]):
    /// the preview's file map. The executor then does not write a page taken unchanged from
    /// the cache.
    fn holds_published(&self) -> bool {
        false
    }
    /// Keeps the `count` files at `paths` that were not written because the sink holds them
    /// already ([`Sink::holds_published`]); `paths` is walked only when needed.
    fn keep_unwritten(&self, _count: usize, _paths: &mut dyn Iterator<Item = String>) {}
}

/// Writes into a folder on disk.
pub struct DirSink {
    dir: PathBuf,
}

impl DirSink {
    pub fn new(dir: impl Into<PathBuf>) -> DirSink {
        DirSink { dir: dir.into() }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    fn prepare(&self, relative: &str) -> anyhow::Result<PathBuf> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder {}", parent.display()))?;
        }
        Ok(path)
    }
}

impl Sink for DirSink {
    fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.prepare(relative)?;
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    fn copy(&self, relative: &str, from: &Path) -> anyhow::Result<()> {
        let path = self.prepare(relative)?;
        fs::copy(from, &path)
            .with_context(|| format!("cannot copy {} to {}", from.display(), path.display()))?;
        Ok(())
    }
}

/// Keeps the built site in memory, for the preview server: a preview must never overwrite the
/// published build or its signature.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Bytes>>,
}

impl MemorySink {
    pub fn new() -> MemorySink {
        MemorySink::default()
    }

    /// Every file written, by `/`-separated relative path.
    pub fn into_files(self) -> BTreeMap<String, Bytes> {
        self.files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn insert(&self, relative: &str, bytes: Bytes) {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(relative.to_owned(), bytes);
    }
}

impl Sink for MemorySink {
    fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.insert(relative, Bytes::copy_from_slice(bytes));
        Ok(())
    }

    fn copy(&self, relative: &str, from: &Path) -> anyhow::Result<()> {
        let bytes = read_shared(from)?;
        private_files::refuse(&bytes)?;
        self.insert(relative, bytes);
        Ok(())
    }

    fn write_shared(&self, relative: &str, bytes: &Bytes) -> anyhow::Result<()> {
        self.insert(relative, bytes.clone());
        Ok(())
    }
}

/// Patches the preview's [`FileMap`] in place of the files of its last version: every file
/// written is set, the pages the executor did not write because they are unchanged are kept
/// ([`Sink::keep_unwritten`]), and [`FileMapSink::into_files`] drops every other file. Setting
/// the bytes a file already has copies nothing, so a rebuild that changed one page changes one
/// entry ([`crate::file_map::Patching`]).
pub struct FileMapSink {
    files: Patching,
}

impl FileMapSink {
    /// A sink over `files`, the last version's.
    pub fn new(files: FileMap) -> FileMapSink {
        FileMapSink {
            files: files.patching(),
        }
    }

    /// The new version: what was written, and nothing else.
    pub fn into_files(self) -> FileMap {
        self.files.finish()
    }
}

impl Sink for FileMapSink {
    fn write(&self, relative: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.files.insert(relative, &Bytes::copy_from_slice(bytes));
        Ok(())
    }

    fn copy(&self, relative: &str, from: &Path) -> anyhow::Result<()> {
        let bytes = read_shared(from)?;
        private_files::refuse(&bytes)?;
        self.files.insert(relative, &bytes);
        Ok(())
    }

    fn write_shared(&self, relative: &str, bytes: &Bytes) -> anyhow::Result<()> {
        self.files.insert(relative, bytes);
        Ok(())
    }

    fn holds_published(&self) -> bool {
        true
    }

    fn keep_unwritten(&self, count: usize, paths: &mut dyn Iterator<Item = String>) {
        self.files.keep_unset(count, paths);
    }
}

/// Reads a whole file into bytes that can be shared without copying.
pub fn read_shared(path: &Path) -> anyhow::Result<Bytes> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Bytes::from(bytes))
}

/// Reads the file at `path` piece by piece into `each`, without holding it whole in memory.
pub(crate) fn read_pieces(path: &Path, mut each: impl FnMut(&[u8])) -> anyhow::Result<()> {
    // One buffer per thread: zeroing a fresh 64 KiB buffer for each of ten thousand small
    // pages cost more than hashing them.
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = RefCell::new(vec![0u8; 64 * 1024]);
    }
    let mut file =
        fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    BUFFER.with_borrow_mut(|buffer| {
        loop {
            let read = file
                .read(buffer)
                .with_context(|| format!("cannot read {}", path.display()))?;
            if read == 0 {
                return Ok(());
            }
            each(&buffer[..read]);
        }
    })
}

/// Discards what it is given, for `candor check`: the site is rendered exactly as a build would
/// render it, so every check runs, but nothing is written anywhere.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _relative: &str, _bytes: &[u8]) -> anyhow::Result<()> {
        Ok(())
    }

    /// Still reads the file, so an unreadable or private asset fails `check` as it would fail
    /// `build`.
    fn copy(&self, _relative: &str, from: &Path) -> anyhow::Result<()> {
        let mut scan = Scan::default();
        read_pieces(from, |piece| scan.feed(piece))?;
        Ok(scan.finish()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_map_to_files() {
        for (path, file) in [
            ("/", "index.html"),
            ("/a/b/", "a/b/index.html"),
            ("/style.css", "style.css"),
        ] {
            assert_eq!(file_for(path), file);
            assert_eq!(with_file_for(path, str::to_owned), file);
        }
    }
}
