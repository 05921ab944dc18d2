//! The files of a site built in memory, shared between the preview's builder and its server.
//!
//! The server answers requests from one version while the builder makes the next, and a save
//! changes a few files of thousands. So the map is split into shards, each behind an `Arc`: a
//! copy of the map is a copy of the shard pointers, and changing a file copies only its shard,
//! and only while an older copy still shares it. Publishing a 10,000-page site after a save
//! then copies a few dozen entries instead of 10,000, and dropping the previous version frees
//! as few. It holds no site logic: what goes in is what the build writes into
//! [`crate::output::FileMapSink`].

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;

/// How many shards a map has: enough that a shard of a 10,000-file site is small to copy, few
/// enough that copying the shard pointers is nothing.
const SHARDS: usize = 256;

type Shard = HashMap<String, Entry, foldhash::fast::RandomState>;

/// A file's contents, and the last [`Patching`] that set it.
struct Entry {
    bytes: Bytes,
    /// The number of the patching that last set this file; only a patching reads it. Atomic, so
    /// that marking a file as set again copies no shard: a copy of the map that shares the
    /// entry is not changed by the mark, since it never reads it.
    set_by: AtomicU64,
}

impl Entry {
    fn new(bytes: Bytes, set_by: u64) -> Entry {
        Entry {
            bytes,
            set_by: AtomicU64::new(set_by),
        }
    }
}

impl Clone for Entry {
    fn clone(&self) -> Entry {
        Entry::new(self.bytes.clone(), self.set_by.load(Ordering::Relaxed))
    }
}

/// Numbers every [`Patching`] of the process, so that no two share a number: marks left by a
/// patching that was abandoned (a failed rebuild) never count for a later one.
static PATCHINGS: AtomicU64 = AtomicU64::new(1);

/// Relative path (`standards/index.html`) → contents, cheap to copy and to change a little.
#[derive(Clone)]
pub struct FileMap {
    shards: Vec<Arc<Shard>>,
    /// Chooses a file's shard; fixed for the life of the map and of its copies.
    hasher: foldhash::fast::FixedState,
}

impl Default for FileMap {
    fn default() -> FileMap {
        FileMap {
            shards: vec![Arc::default(); SHARDS],
            hasher: foldhash::fast::FixedState::default(),
        }
    }
}

impl FileMap {
    pub fn get(&self, path: &str) -> Option<&Bytes> {
        self.shards[self.shard_of(path)]
            .get(path)
            .map(|entry| &entry.bytes)
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Sets the file at `path`. Setting the contents it already has changes nothing, so that
    /// no shard is copied for it.
    pub fn insert(&mut self, path: &str, bytes: Bytes) {
        let shard = self.shard_of(path);
        if self.shards[shard]
            .get(path)
            .is_some_and(|old| is_same(&old.bytes, &bytes))
        {
            return;
        }
        Arc::make_mut(&mut self.shards[shard]).insert(path.to_owned(), Entry::new(bytes, 0));
    }

    pub fn remove(&mut self, path: &str) {
        let shard = self.shard_of(path);
        if self.shards[shard].contains_key(path) {
            Arc::make_mut(&mut self.shards[shard]).remove(path);
        }
    }

    /// Every file, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Bytes)> {
        self.shards
            .iter()
            .flat_map(|shard| (shard.iter()).map(|(path, entry)| (path.as_str(), &entry.bytes)))
    }

    fn shard_of(&self, path: &str) -> usize {
        (self.hasher.hash_one(path) % SHARDS as u64) as usize
    }
}

/// A [`FileMap`] being rewritten from many threads at once: each shard behind its own lock, so
/// that writers rarely wait for each other. Each file set is marked with this patching's
/// number, so that [`Patching::finish`] can drop the files of the old version that were not
/// set again; marking a file whose contents are unchanged allocates nothing and copies no
/// shard, which is what a preview's rebuild does to nearly every file.
pub struct Patching {
    shards: Vec<Mutex<PatchedShard>>,
    hasher: foldhash::fast::FixedState,
    /// This patching's number ([`PATCHINGS`]).
    number: u64,
    /// Whether the files not set are kept rather than dropped ([`Patching::keep_unset`]).
    keeps_unset: AtomicBool,
}

struct PatchedShard {
    files: Arc<Shard>,
    /// How many of `files` this patching set.
    set: usize,
}

impl FileMap {
    /// Starts replacing this map's files with a new version's.
    pub fn patching(self) -> Patching {
        Patching {
            shards: (self.shards.into_iter())
                .map(|files| Mutex::new(PatchedShard { files, set: 0 }))
                .collect(),
            hasher: self.hasher,
            number: PATCHINGS.fetch_add(1, Ordering::Relaxed),
            keeps_unset: AtomicBool::new(false),
        }
    }
}

impl Patching {
    /// Sets the file at `path` in the new version ([`FileMap::insert`]).
    pub fn insert(&self, path: &str, bytes: &Bytes) {
        let mut shard = self.lock_shard_of(path);
        let (already_set, unchanged) = match shard.files.get(path) {
            Some(entry) if is_same(&entry.bytes, bytes) => (
                entry.set_by.swap(self.number, Ordering::Relaxed) == self.number,
                true,
            ),
            Some(entry) => (entry.set_by.load(Ordering::Relaxed) == self.number, false),
            None => (false, false),
        };
        if !unchanged {
            let entry = Entry::new(bytes.clone(), self.number);
            Arc::make_mut(&mut shard.files).insert(path.to_owned(), entry);
        }
        if !already_set {
            shard.set += 1;
        }
    }

    /// Says that the new version also holds `unset` files of the old one that were not set
    /// again, at `paths` (distinct, each a file of the old version): a preview's rebuild
    /// leaves the pages it did not make again where they are, rather than setting each of them.
    /// When the old version has no other file left unset, which is every rebuild that removed
    /// nothing, they are all kept without a look at any of them; otherwise each is marked as
    /// set and [`Patching::finish`] drops the rest, as ever.
    pub fn keep_unset(&self, unset: usize, paths: impl Iterator<Item = String>) {
        let (files, set) = (self.shards.iter())
            .map(|shard| {
                let shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
                (shard.files.len(), shard.set)
            })
            .fold((0, 0), |(files, set), shard| {
                (files + shard.0, set + shard.1)
            });
        if files == set + unset {
            self.keeps_unset.store(true, Ordering::Relaxed);
            return;
        }
        for path in paths {
            let mut shard = self.lock_shard_of(&path);
            if let Some(entry) = shard.files.get(&path)
                && entry.set_by.swap(self.number, Ordering::Relaxed) != self.number
            {
                shard.set += 1;
            }
        }
    }

    fn lock_shard_of(&self, path: &str) -> std::sync::MutexGuard<'_, PatchedShard> {
        let shard = (self.hasher.hash_one(path) % SHARDS as u64) as usize;
        self.shards[shard]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The new version: every file set (or kept, [`Patching::keep_unset`]), and no other.
    pub fn finish(self) -> FileMap {
        let number = self.number;
        let keeps_unset = self.keeps_unset.into_inner();
        let shards = (self.shards.into_iter())
            .map(|shard| {
                let PatchedShard { mut files, set } =
                    shard.into_inner().unwrap_or_else(PoisonError::into_inner);
                if !keeps_unset && files.len() != set {
                    Arc::make_mut(&mut files)
                        .retain(|_, entry| entry.set_by.load(Ordering::Relaxed) == number);
                }
                files
            })
            .collect();
        FileMap {
            shards,
            hasher: self.hasher,
        }
    }
}

/// Whether two contents are equal, without reading them when they are the same bytes.
fn is_same(a: &Bytes, b: &Bytes) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_of(files: &[(&str, &'static str)]) -> FileMap {
        let mut map = FileMap::default();
        for (path, text) in files {
            map.insert(path, Bytes::from_static(text.as_bytes()));
        }
        map
    }

    #[test]
    fn a_copy_keeps_its_files_while_the_original_changes() {
        let mut map = map_of(&[("index.html", "home"), ("a/index.html", "a")]);
        let published = map.clone();
        map.insert("a/index.html", Bytes::from_static(b"a, revised"));
        map.insert("b/index.html", Bytes::from_static(b"b"));
        map.remove("index.html");

        assert_eq!(published.get("a/index.html").unwrap(), "a");
        assert_eq!(published.get("index.html").unwrap(), "home");
        assert!(!published.contains_key("b/index.html"));
        assert_eq!(published.iter().count(), 2);

        assert_eq!(map.get("a/index.html").unwrap(), "a, revised");
        assert!(!map.contains_key("index.html"));
        let mut files: Vec<(&str, &Bytes)> = map.iter().collect();
        files.sort();
        assert_eq!(
            files,
            [
                ("a/index.html", &Bytes::from_static(b"a, revised")),
                ("b/index.html", &Bytes::from_static(b"b"))
            ]
        );
    }

    #[test]
    fn patching_keeps_what_is_set_again_and_drops_the_rest() {
        let old = map_of(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let patching = old.clone().patching();
        patching.insert("a", old.get("a").unwrap());
        patching.insert("b", &Bytes::from_static(b"two"));
        patching.insert("d", &Bytes::from_static(b"4"));
        let new = patching.finish();

        let mut files: Vec<(&str, &Bytes)> = new.iter().collect();
        files.sort();
        assert_eq!(
            files,
            [
                ("a", &Bytes::from_static(b"1")),
                ("b", &Bytes::from_static(b"two")),
                ("d", &Bytes::from_static(b"4"))
            ]
        );
        assert_eq!(old.get("c").unwrap(), "3", "the old version is untouched");
    }

    #[test]
    fn what_an_abandoned_patching_set_does_not_count_for_the_next() {
        let old = map_of(&[("a", "1"), ("b", "2")]);
        let abandoned = old.clone().patching();
        abandoned.insert("a", old.get("a").unwrap());
        drop(abandoned);
        let patching = old.clone().patching();
        patching.insert("b", old.get("b").unwrap());
        let new = patching.finish();
        assert_eq!(new.iter().map(|(path, _)| path).collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn files_kept_unset_stay_and_the_others_go() {
        let old = map_of(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let patching = old.clone().patching();
        patching.insert("a", &Bytes::from_static(b"one"));
        patching.keep_unset(1, std::iter::once("b".to_owned()));
        let new = patching.finish();
        let mut files: Vec<(&str, &Bytes)> = new.iter().collect();
        files.sort();
        assert_eq!(
            files,
            [
                ("a", &Bytes::from_static(b"one")),
                ("b", &Bytes::from_static(b"2"))
            ],
            "c was neither set nor kept"
        );
    }

    #[test]
    fn keeping_every_unset_file_looks_at_none() {
        let old = map_of(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let patching = old.clone().patching();
        patching.insert("d", &Bytes::from_static(b"4"));
        let never = std::iter::from_fn(|| panic!("the paths were read"));
        patching.keep_unset(3, never);
        let new = patching.finish();
        let mut paths: Vec<&str> = new.iter().map(|(path, _)| path).collect();
        paths.sort_unstable();
        assert_eq!(paths, ["a", "b", "c", "d"]);
    }

    #[test]
    fn a_file_set_twice_is_one_file() {
        let old = map_of(&[("a", "1"), ("b", "2")]);
        let patching = old.clone().patching();
        patching.insert("a", &Bytes::from_static(b"one"));
        patching.insert("a", &Bytes::from_static(b"uno"));
        let new = patching.finish();
        assert_eq!(
            new.iter().collect::<Vec<_>>(),
            [("a", &Bytes::from_static(b"uno"))]
        );
    }

    #[test]
    fn patching_with_the_same_files_copies_no_shard() {
        let old = map_of(&[("a", "1"), ("b", "2")]);
        let patching = old.clone().patching();
        for (path, bytes) in old.iter() {
            patching.insert(path, bytes);
        }
        let new = patching.finish();
        let shared = (old.shards.iter().zip(&new.shards))
            .filter(|(old, new)| Arc::ptr_eq(old, new))
            .count();
        assert_eq!(shared, SHARDS);
    }

    #[test]
    fn changing_a_file_copies_only_its_shard() {
        let mut map = map_of(&[("a", "1"), ("b", "2")]);
        let published = map.clone();
        map.insert("a", Bytes::from_static(b"1"));
        let shared = |map: &FileMap| {
            map.shards
                .iter()
                .zip(&published.shards)
                .filter(|(mine, theirs)| Arc::ptr_eq(mine, theirs))
                .count()
        };
        assert_eq!(shared(&map), SHARDS, "the same contents copy nothing");
        map.insert("a", Bytes::from_static(b"one"));
        map.remove("nothing");
        assert_eq!(shared(&map), SHARDS - 1);
    }
}
