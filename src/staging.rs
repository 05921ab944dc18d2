//! The swap: a build is written into a staging folder beside its destination and only then
//! takes the destination's place, so readers and the signing manifest never see a mixture of
//! two releases and a failed build leaves the previous one untouched.
//!
//! The staging folder, `.NAME.staging-XXXXXX` beside the destination `NAME`, holds the new tree
//! (`site/`) and a marker file locked for as long as the build runs. On Linux the new tree and
//! the previous build trade places in one `renameat2(RENAME_EXCHANGE)`, so there is never a
//! moment without a complete build at the destination; elsewhere (or on a file system without
//! it) the previous build is moved aside into the staging folder and the new one renamed in,
//! two renames with a moment between them. Either way the previous build ends up inside the
//! staging folder and is deleted with it — except when the second rename fails and the
//! previous build cannot be moved back: then the staging folder is kept, unmarked, and the
//! error says where each build is. A build killed at any point leaves at most its staging
//! folder, marker included and no longer locked: the next build beside the same destination
//! removes it, after putting back a previous build it finds there in place of a missing
//! destination. It removes nothing else: not a folder without a marker, and not one whose
//! marker is still locked by a running build.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rayon::prelude::*;

/// The file that marks a staging folder as Candor's, locked while its build runs.
const MARKER: &str = "candor-build-in-progress";
/// What the marker says to someone who finds it.
const MARKER_TEXT: &str = "A Candor build writes into this folder. If no build is running, it was interrupted: the next build beside it removes this folder.\n";
/// The new tree, inside the staging folder; the previous build takes its place after the swap.
const TREE: &str = "site";
/// Where the previous build is moved when the platform cannot exchange two folders at once.
const PREVIOUS: &str = "previous";

/// A staging folder beside the destination, whose tree becomes the destination on
/// [`Staging::commit`]. Dropped without commit, it is removed and the destination is untouched.
pub struct Staging {
    /// Held locked until the staging folder is gone. Declared first so that it is closed
    /// before the folder is removed (Windows cannot remove an open file).
    marker: File,
    folder: tempfile::TempDir,
    tree: PathBuf,
    destination: PathBuf,
    /// Whether the destination passed [`crate::destination::resolve`], and must still pass it
    /// when the build is swapped in.
    checked: bool,
}

impl Staging {
    /// Checks that the site at `root` may be built into `output` (see
    /// [`crate::destination::resolve`]) and stages beside its real location.
    pub fn for_output(root: &Path, output: &Path) -> anyhow::Result<Staging> {
        let mut staging = Staging::beside(&crate::destination::resolve(root, output)?)?;
        staging.checked = true;
        Ok(staging)
    }

    /// Creates the staging folder next to `destination`, on the same file system, so that the
    /// final swap is a rename and not a copy, after removing what killed builds left there.
    pub fn beside(destination: &Path) -> anyhow::Result<Staging> {
        let parent = parent_of(destination);
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
        let prefix = staging_prefix(destination);
        remove_abandoned(&parent, &prefix, destination);
        let folder = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(&parent)
            .with_context(|| format!("cannot create a staging folder in {}", parent.display()))?;
        let marker = create_marker(folder.path()).with_context(|| {
            format!("cannot mark the staging folder {}", folder.path().display())
        })?;
        let tree = folder.path().join(TREE);
        fs::create_dir(&tree)
            .with_context(|| format!("cannot create folder {}", tree.display()))?;
        Ok(Staging {
            marker,
            folder,
            tree,
            destination: destination.to_path_buf(),
            checked: false,
        })
    }

    /// The folder the build writes into.
    pub fn path(&self) -> &Path {
        &self.tree
    }

    /// Puts the staged build in the destination's place, then deletes the previous build. If
    /// the swap fails, the previous build is where it was.
    pub fn commit(self) -> anyhow::Result<()> {
        self.commit_with(swap)
    }

    /// [`Staging::commit`] with the swap of two folders given (tests give it failures).
    fn commit_with(
        self,
        swap: impl FnOnce(&Path, &Path, &Path) -> Result<(), SwapFailure>,
    ) -> anyhow::Result<()> {
        let Staging {
            marker,
            folder,
            tree,
            destination,
            checked,
        } = self;
        let had_previous = fs::symlink_metadata(&destination).is_ok();
        // The destination was checked when the build started; a folder that was missing or
        // empty then may have filled since, and whatever is there is deleted after the swap.
        if checked && had_previous && !crate::destination::may_be_replaced(&destination)? {
            anyhow::bail!(
                "refusing to replace {}: it now holds files that are not a previous Candor build (they appeared while the site was being built)\n  hint: move those files away and build again",
                destination.display()
            );
        }
        let aside = folder.path().join(PREVIOUS);
        let swapped = if had_previous {
            swap(&tree, &destination, &aside)
        } else {
            fs::rename(&tree, &destination).map_err(SwapFailure::Unmoved)
        };
        match swapped {
            Ok(()) => {}
            Err(SwapFailure::Unmoved(error)) => {
                return Err(anyhow::Error::new(error).context(format!(
                    "cannot move the new build into {}",
                    destination.display()
                )));
            }
            Err(SwapFailure::Stranded { error, restore }) => {
                // The staging folder holds the previous build now: keep it, and unmark it so
                // that no later build takes it for a killed build's leftovers and removes it.
                let folder = folder.keep();
                drop(marker);
                let _ = fs::remove_file(folder.join(MARKER));
                anyhow::bail!(
                    "cannot move the new build into {}: {error}; moving the previous build back failed too: {restore}\n  \
                     the previous build is in {} and the new build in {}; nothing was deleted\n  \
                     hint: move one of them to {}, then delete {}",
                    destination.display(),
                    aside.display(),
                    tree.display(),
                    destination.display(),
                    folder.display()
                );
            }
        }
        // Whatever is left in the staging folder is the previous build; the marker goes last,
        // so an interrupted removal still leaves a folder the next build recognises.
        remove_staging_folder(&folder.keep(), marker);
        Ok(())
    }
}

/// `.NAME.staging-`: the start of every staging folder's name beside `destination`.
fn staging_prefix(destination: &Path) -> String {
    let name = destination
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.staging-")
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes the marker under a temporary name, locks it and only then gives it its name, so no
/// other build ever sees it unlocked while this one runs.
fn create_marker(folder: &Path) -> io::Result<File> {
    let unnamed = folder.join(format!("{MARKER}.new"));
    let mut marker = File::create(&unnamed)?;
    marker.lock()?;
    marker.write_all(MARKER_TEXT.as_bytes())?;
    fs::rename(&unnamed, folder.join(MARKER))?;
    Ok(marker)
}

/// Why a swap did not put the new build in place.
#[derive(Debug)]
enum SwapFailure {
    /// Nothing moved: the previous build is still at the destination.
    Unmoved(io::Error),
    /// The previous build was moved aside, the new build could not take its place (`error`),
    /// and the previous build could not be moved back (`restore`): each is where it was moved
    /// from or to, and neither may be deleted.
    Stranded {
        error: io::Error,
        restore: io::Error,
    },
}

/// Puts `tree` at `destination` and the previous build at `tree` (or, without an atomic
/// exchange, at `aside`).
fn swap(tree: &Path, destination: &Path, aside: &Path) -> Result<(), SwapFailure> {
    match exchange(tree, destination) {
        Err(error) if is_unsupported(&error) => {
            swap_by_renames(tree, destination, aside, &mut |from, to| {
                fs::rename(from, to)
            })
        }
        done => done.map_err(SwapFailure::Unmoved),
    }
}

/// Moves the previous build aside, then the new tree in; puts the previous build back if the
/// second rename fails, and says so if that fails too. `rename` is `fs::rename` but in tests:
/// this is the swap of every platform without an exchange, tested on all of them.
fn swap_by_renames(
    tree: &Path,
    destination: &Path,
    aside: &Path,
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> Result<(), SwapFailure> {
    rename(destination, aside).map_err(SwapFailure::Unmoved)?;
    if let Err(error) = rename(tree, destination) {
        return match rename(aside, destination) {
            Ok(()) => Err(SwapFailure::Unmoved(error)),
            Err(restore) => Err(SwapFailure::Stranded { error, restore }),
        };
    }
    Ok(())
}

/// Swaps two paths in one step, so each always names something.
#[cfg(target_os = "linux")]
fn exchange(first: &Path, second: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let c_path = |path: &Path| {
        CString::new(path.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a path holds a NUL byte"))
    };
    let (first, second) = (c_path(first)?, c_path(second)?);
    // SAFETY: both pointers are NUL-terminated strings that outlive the call; the system call
    // only reads them. The raw system call works with every C library, old glibc included.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            first.as_ptr(),
            libc::AT_FDCWD,
            second.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_first: &Path, _second: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether `exchange` failed only because the kernel or file system cannot exchange.
fn is_unsupported(error: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(error.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
        return true;
    }
    error.kind() == io::ErrorKind::Unsupported
}

/// Removes the staging folders of builds that were killed: beside the destination, named like
/// ours, holding a marker file (not a link) that nobody holds locked. Anything else is left
/// alone, and failing to remove a leftover never fails the build. A build killed between the
/// two renames of [`swap_by_renames`] left the previous build in its staging folder and no
/// destination: that build is put back first.
fn remove_abandoned(parent: &Path, prefix: &str, destination: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_ours_by_name = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(prefix));
        if !is_ours_by_name || !entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            continue;
        }
        let folder = entry.path();
        let marker_path = folder.join(MARKER);
        let is_marked = fs::symlink_metadata(&marker_path).is_ok_and(|meta| meta.is_file());
        let Some(marker) = is_marked.then(|| File::open(&marker_path).ok()).flatten() else {
            continue;
        };
        if marker.try_lock().is_ok() {
            let previous = folder.join(PREVIOUS);
            if fs::symlink_metadata(destination).is_err()
                && fs::symlink_metadata(&previous).is_ok_and(|meta| meta.is_dir())
            {
                let _ = fs::rename(&previous, destination);
            }
            remove_staging_folder(&folder, marker);
        }
    }
}

/// Deletes a staging folder whose `marker` this process holds: everything but the marker
/// first, then the marker, then the folder.
fn remove_staging_folder(folder: &Path, marker: File) {
    let result = (|| {
        for entry in fs::read_dir(folder)? {
            let entry = entry?;
            if entry.file_name() == MARKER {
                continue;
            }
            if entry.file_type()?.is_dir() {
                remove_tree(&entry.path())?;
            } else {
                fs::remove_file(entry.path())?;
            }
        }
        drop(marker);
        fs::remove_file(folder.join(MARKER))?;
        fs::remove_dir(folder)
    })();
    if let Err(error) = result
        && error.kind() != io::ErrorKind::NotFound
    {
        eprintln!("warning: could not remove {}: {error}", folder.display());
    }
}

/// `fs::remove_dir_all`, with each folder's entries removed in parallel. Deleting the previous
/// build is on every rebuild's critical path, and unlinking ten thousand pages one by one took
/// a tenth of the build. Links are removed, never followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.into_par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{DirSink, Sink as _};

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_destination_filled_during_the_build_is_not_replaced() {
        let temp = tempfile::tempdir().unwrap();
        let destination = temp.path().join("public");
        let site = temp.path().join("site");
        fs::create_dir(&site).unwrap();
        let staging = Staging::for_output(&site, &destination).unwrap();
        fs::write(staging.path().join("index.html"), "new").unwrap();
        fs::create_dir(&destination).unwrap();
        fs::write(destination.join("photos.txt"), "someone's files").unwrap();
        let error = staging.commit().unwrap_err().to_string();
        assert!(error.starts_with("refusing to replace "), "{error}");
        assert_eq!(names(&destination), ["photos.txt"]);
        assert_eq!(
            names(temp.path()),
            ["public", "site"],
            "the staged build is cleaned up"
        );
    }

    #[test]
    fn commit_replaces_and_drop_leaves_previous_untouched() {
        let temp = tempfile::tempdir().unwrap();
        let destination = temp.path().join("public");
        fs::create_dir(&destination).unwrap();
        fs::write(destination.join("old.txt"), "old").unwrap();
        fs::create_dir_all(destination.join("old/deeper")).unwrap();
        fs::write(destination.join("old/deeper/page.html"), "old").unwrap();

        let abandoned = Staging::beside(&destination).unwrap();
        DirSink::new(abandoned.path())
            .write("new.txt", b"new")
            .unwrap();
        drop(abandoned);
        assert!(destination.join("old.txt").exists());
        assert_eq!(names(temp.path()), ["public"], "staging left behind");

        let staging = Staging::beside(&destination).unwrap();
        DirSink::new(staging.path())
            .write("a/new.txt", b"new")
            .unwrap();
        staging.commit().unwrap();
        assert!(!destination.join("old.txt").exists());
        assert_eq!(
            fs::read_to_string(destination.join("a/new.txt")).unwrap(),
            "new"
        );
        assert_eq!(names(temp.path()), ["public"], "previous build left behind");
    }

    #[test]
    fn first_commit_creates_the_destination() {
        let temp = tempfile::tempdir().unwrap();
        let destination = temp.path().join("out");
        let staging = Staging::beside(&destination).unwrap();
        DirSink::new(staging.path()).write("a.txt", b"a").unwrap();
        staging.commit().unwrap();
        assert_eq!(names(&destination), ["a.txt"]);
        assert_eq!(names(temp.path()), ["out"]);
    }

    fn rename(from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    /// `fs::rename`, failing from the `from`th call on (counting from 1), as a rename fails when
    /// another program puts a folder at the destination between the two renames.
    fn failing_from(from: usize) -> impl FnMut(&Path, &Path) -> io::Result<()> {
        let mut calls = 0;
        move |a, b| {
            calls += 1;
            if calls >= from {
                return Err(io::Error::other("injected failure"));
            }
            fs::rename(a, b)
        }
    }

    #[test]
    fn the_renames_swap_loses_no_build_when_the_previous_cannot_be_put_back() {
        let temp = tempfile::tempdir().unwrap();
        let destination = temp.path().join("public");
        fs::create_dir(&destination).unwrap();
        fs::write(destination.join("old.txt"), "old").unwrap();
        let staging = Staging::beside(&destination).unwrap();
        fs::write(staging.path().join("new.txt"), "new").unwrap();
        let folder = staging.path().parent().unwrap().to_path_buf();
        let error = staging
            .commit_with(|tree, destination, aside| {
                swap_by_renames(tree, destination, aside, &mut failing_from(2))
            })
            .unwrap_err();
        let (previous, new) = (folder.join(PREVIOUS), folder.join(TREE));
        // Nothing removes them: not the failed build, not the next one.
        drop(Staging::beside(&destination).unwrap());
        assert_eq!(fs::read_to_string(previous.join("old.txt")).unwrap(), "old");
        assert_eq!(fs::read_to_string(new.join("new.txt")).unwrap(), "new");
        assert_eq!(
            format!("{error:#}"),
            format!(
                "cannot move the new build into {}: injected failure; moving the previous build back failed too: injected failure\n  \
                 the previous build is in {} and the new build in {}; nothing was deleted\n  \
                 hint: move one of them to {}, then delete {}",
                destination.display(),
                previous.display(),
                new.display(),
                destination.display(),
                folder.display()
            )
        );
    }

    #[test]
    fn a_build_killed_between_the_two_renames_gets_the_previous_build_back() {
        let temp = tempfile::tempdir().unwrap();
        let destination = temp.path().join("public");
        let killed = temp.path().join(".public.staging-killed");
        fs::create_dir_all(killed.join(PREVIOUS)).unwrap();
        fs::write(killed.join(PREVIOUS).join("old.txt"), "old").unwrap();
        fs::create_dir(killed.join(TREE)).unwrap();
        fs::write(killed.join(MARKER), MARKER_TEXT).unwrap();
        let next = Staging::beside(&destination).unwrap();
        assert_eq!(names(&destination), ["old.txt"]);
        assert!(!killed.exists(), "the killed build's leftovers are removed");
        drop(next);
        assert_eq!(names(temp.path()), ["public"]);
    }

    #[test]
    fn both_swaps_keep_the_previous_build_when_the_new_one_cannot_move() {
        let temp = tempfile::tempdir().unwrap();
        let destination = temp.path().join("public");
        fs::create_dir(&destination).unwrap();
        fs::write(destination.join("old.txt"), "old").unwrap();
        let missing = temp.path().join("missing");
        let aside = temp.path().join("aside");
        assert!(swap(&missing, &destination, &aside).is_err());
        assert!(swap_by_renames(&missing, &destination, &aside, &mut rename).is_err());
        assert_eq!(names(temp.path()), ["public"]);
        assert_eq!(
            fs::read_to_string(destination.join("old.txt")).unwrap(),
            "old"
        );

        let tree = temp.path().join("tree");
        fs::create_dir(&tree).unwrap();
        fs::write(tree.join("new.txt"), "new").unwrap();
        swap_by_renames(&tree, &destination, &aside, &mut rename).unwrap();
        assert_eq!(names(&destination), ["new.txt"]);
        assert_eq!(names(&aside), ["old.txt"]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_trades_two_folders() {
        let temp = tempfile::tempdir().unwrap();
        let (first, second) = (temp.path().join("a"), temp.path().join("b"));
        fs::create_dir(&first).unwrap();
        fs::write(first.join("in-a"), "").unwrap();
        fs::create_dir(&second).unwrap();
        match exchange(&first, &second) {
            Err(error) if is_unsupported(&error) => {
                eprintln!("SKIPPED: this file system cannot exchange folders");
            }
            result => {
                result.unwrap();
                assert_eq!(names(&second), ["in-a"]);
                assert!(names(&first).is_empty());
            }
        }
    }

    #[test]
    fn a_staging_folder_is_marked_and_locked_while_its_build_runs() {
        let temp = tempfile::tempdir().unwrap();
        let destination = temp.path().join("public");
        let staging = Staging::beside(&destination).unwrap();
        let folder = staging.path().parent().unwrap().to_path_buf();
        assert!(
            folder
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(".public.staging-")
        );
        assert_eq!(names(&folder), [MARKER, TREE]);
        let marker = File::open(folder.join(MARKER)).unwrap();
        assert!(
            marker.try_lock().is_err(),
            "the running build holds the lock"
        );
        // Another build beside the same destination leaves a running build's folder alone.
        let other = Staging::beside(&destination).unwrap();
        assert!(folder.is_dir());
        drop(other);
        drop(staging);
        assert!(!folder.exists());
    }
}
