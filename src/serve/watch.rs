//! Watch: turns editors' saves into rebuilds.
//!
//! Native file notifications are noisy and editor-specific: one save can be a burst of writes, a
//! write to a temporary file renamed over the original (an "atomic save"), or a swap file that
//! comes and goes. So events are reduced to the site's own source files and gathered into a
//! [`Burst`], and a burst becomes one rebuild. A burst ends as soon as every file in it is known
//! to be whole — closed after writing, or renamed into place, which is how editors end a save —
//! so that a save is rebuilt at once instead of after a fixed wait; a file whose last event says
//! nothing about that (created, written, deleted, renamed away, and every event on platforms
//! that do not report closes) ends the burst only after [`QUIET_FOR`] without events. Reading
//! files — which the rebuild itself does — is never a change, or every build would trigger the
//! next; such events are dropped as they arrive. Output folders (`public/`, `.candor/`) are never
//! watched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use anyhow::Context as _;
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::site_layout::SOURCE_DIRS;

/// How long a burst with a file of unknown state must be quiet before it counts: long enough to
/// merge an editor's write-then-rename into one change, short enough not to be noticed.
const QUIET_FOR: Duration = Duration::from_millis(30);

/// How long a burst whose files are all whole waits for more: the other files of a save that
/// touches several (`git checkout`) arrive within it, so they make one rebuild, not several.
const SETTLE_FOR: Duration = Duration::from_millis(2);

/// Watches the site under `root` (an absolute path) on a background thread and calls
/// `on_change` with the changed source files after each burst of changes. Returns once the
/// watches are in place.
pub(crate) fn spawn(
    root: &Path,
    mut on_change: impl FnMut(&[PathBuf]) + Send + 'static,
) -> anyhow::Result<()> {
    let (sender, receiver) = mpsc::channel::<notify::Result<Event>>();
    let forward = move |event: notify::Result<Event>| {
        // Every file a rebuild reads raises an "opened" event: drop them before they queue.
        if event
            .as_ref()
            .map_or(true, |event| is_change(event.kind) || event.need_rescan())
        {
            // The receiver is gone only when the watching thread stopped.
            let _ = sender.send(event);
        }
    };
    // The build never follows a link to a folder (`crate::sources`), so watching through one
    // is useless, and a link to `/` would set a watch on every folder of the machine.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher =
        RecommendedWatcher::new(forward, config).context("cannot start watching for changes")?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    let root = root.to_path_buf();
    std::thread::Builder::new()
        .name("candor-watch".into())
        .spawn(move || {
            // Changes that arrive while a rebuild runs wait in the channel and join the next.
            while let Some(burst) = next_burst(&root, &receiver) {
                for dir in &burst.created_dirs {
                    if let Err(error) = watcher.watch(dir, RecursiveMode::Recursive) {
                        eprintln!("warning: cannot watch {}: {error}", dir.display());
                    }
                }
                let changed: Vec<PathBuf> = burst.files.into_keys().collect();
                if !changed.is_empty() {
                    on_change(&changed);
                }
            }
        })
        .context("cannot start the watching thread")?;
    Ok(())
}

/// Waits for the next burst of changes to the site's sources and returns it once it is over;
/// `None` once the watcher has stopped.
fn next_burst(root: &Path, events: &mpsc::Receiver<notify::Result<Event>>) -> Option<Burst> {
    let mut burst = Burst::default();
    while burst.is_empty() {
        burst.add(root, events.recv().ok()?);
    }
    loop {
        let wait = if burst.is_whole() {
            SETTLE_FOR
        } else {
            QUIET_FOR
        };
        match events.recv_timeout(wait) {
            Ok(event) => burst.add(root, event),
            Err(RecvTimeoutError::Timeout) => return Some(burst),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// The changes to the site's sources since the last rebuild.
#[derive(Debug, Default)]
struct Burst {
    /// Each changed source file, relative to the root, and whether its latest event showed it
    /// whole (see [`is_whole_after`]).
    files: BTreeMap<PathBuf, bool>,
    /// Source folders at the root that were just created or renamed into place (as
    /// `git checkout` may do) and so are not watched yet.
    created_dirs: Vec<PathBuf>,
}

impl Burst {
    fn add(&mut self, root: &Path, event: notify::Result<Event>) {
        let event = match event {
            Ok(event) => event,
            Err(error) => {
                eprintln!("warning: file watching: {error}");
                return;
            }
        };
        if event.need_rescan() {
            // Events were lost (the kernel's queue overflowed, as a large `git checkout` can
            // make it): which files changed is unknown, so rebuild everything, as a change to
            // the settings does.
            self.files.insert(PathBuf::from(CONFIG_FILE), true);
            return;
        }
        if !is_change(event.kind) {
            return;
        }
        for (position, path) in event.paths.iter().enumerate() {
            let Ok(relative) = path.strip_prefix(root) else {
                continue;
            };
            if is_source_dir_appearing(relative, event.kind) && path.is_dir() {
                self.created_dirs.push(path.clone());
            }
            if is_source(relative) {
                let whole = is_whole_after(event.kind, position);
                self.files.insert(relative.to_path_buf(), whole);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.files.is_empty() && self.created_dirs.is_empty()
    }

    /// Whether every file changed is known to be whole, so the burst need not wait for more.
    fn is_whole(&self) -> bool {
        !self.files.is_empty() && self.files.values().all(|&whole| whole)
    }
}

/// Whether the file at `position` among an event's paths is whole once the event has happened:
/// closed after writing, or renamed into place (the second path of a rename). Anything else may
/// be the middle of a save: a vim-style save first renames the page away, then writes it anew.
fn is_whole_after(kind: EventKind, position: usize) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => position == 1,
        _ => false,
    }
}

/// Whether an event kind can change what the site builds to. Opening and reading a file, or
/// touching its access time, cannot.
fn is_change(kind: EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        // A file closed after writing: the end of a save.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Whether `relative` (to the site root) is one of the site's source files: `site.yaml`, or a
/// file under a source folder that is not an editor's temporary, swap or backup file.
pub(crate) fn is_source(relative: &Path) -> bool {
    if relative == Path::new(CONFIG_FILE) {
        return true;
    }
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let Some(top) = parts.next() else {
        return false;
    };
    SOURCE_DIRS.contains(&top.as_ref()) && parts.all(|name| !is_editor_scratch(&name))
}

/// Files editors create beside the one being edited: `.page.md.swp`, `page.md~`, `#page.md#`,
/// vim's `4913` probe, `page.md.tmp`, JetBrains' `page.md___jb_tmp___` and `___jb_old___`.
/// Hidden names are never published either.
fn is_editor_scratch(name: &str) -> bool {
    let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || matches!(extension, "swp" | "swo" | "swx" | "tmp" | "crswap")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

/// Whether `relative` (to the site root) names a source folder at the root that an event of
/// `kind` may have just created or renamed into place; the caller checks that it is a folder.
fn is_source_dir_appearing(relative: &Path, kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
    ) && relative
        .to_str()
        .is_some_and(|name| SOURCE_DIRS.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_files_are_the_site_and_nothing_else() {
        for source in [
            "site.yaml",
            "content/standards.md",
            "content/audits/chart.svg",
            "themes/default/templates/base.html",
            "templates/page.html",
            "surveys/staff-survey.yaml",
            "data/kpis.yaml",
            "content",
        ] {
            assert!(is_source(Path::new(source)), "{source}");
        }
        for other in [
            "public/index.html",
            ".candor/keys/secret.key",
            ".git/index",
            "content/.standards.md.swp",
            "content/standards.md~",
            "content/#standards.md#",
            "content/4913",
            "content/standards.md.tmp",
            "content/.hidden/page.md",
            "README.md",
            "site.yaml.swp",
        ] {
            assert!(!is_source(Path::new(other)), "{other}");
        }
    }

    #[test]
    fn reading_is_not_a_change() {
        use notify::event::{CreateKind, DataChange, RenameMode};
        assert!(!is_change(EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(is_change(EventKind::Create(CreateKind::File)));
    }

    /// A burst fed `events` on the paths given relative to `root`.
    fn burst_of(root: &Path, events: &[(EventKind, &[&str])]) -> Burst {
        let mut burst = Burst::default();
        for (kind, paths) in events {
            let event = paths.iter().fold(Event::new(*kind), |event, path| {
                event.add_path(root.join(path))
            });
            burst.add(root, Ok(event));
        }
        burst
    }

    const WRITTEN: EventKind = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any));
    const CLOSED: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));
    const CREATED: EventKind = EventKind::Create(notify::event::CreateKind::File);
    const REMOVED: EventKind = EventKind::Remove(notify::event::RemoveKind::File);
    const RENAMED_AWAY: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::From));
    const RENAMED: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::Both));

    #[test]
    fn lost_events_rebuild_everything() {
        let root = Path::new("/site");
        let mut burst = Burst::default();
        let lost = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        burst.add(root, Ok(lost));
        assert_eq!(
            burst.files.keys().collect::<Vec<_>>(),
            [Path::new(CONFIG_FILE)]
        );
        assert!(burst.is_whole());
    }

    #[test]
    fn a_save_in_place_is_whole_once_the_file_is_closed() {
        let root = Path::new("/site");
        let page: &[&str] = &["content/a.md"];
        assert!(!burst_of(root, &[(WRITTEN, page)]).is_whole());
        let saved = burst_of(root, &[(WRITTEN, page), (WRITTEN, page), (CLOSED, page)]);
        assert!(saved.is_whole());
        assert_eq!(
            saved.files.into_keys().collect::<Vec<_>>(),
            [PathBuf::from("content/a.md")]
        );
    }

    #[test]
    fn an_atomic_save_is_whole_once_renamed_into_place() {
        let root = Path::new("/site");
        let temporary: &[&str] = &["content/.a.md.tmp"];
        let written = [
            (CREATED, temporary),
            (WRITTEN, temporary),
            (CLOSED, temporary),
        ];
        assert!(
            burst_of(root, &written).is_empty(),
            "scratch files are not the site"
        );
        let mut saved = written.to_vec();
        saved.push((RENAMED, &["content/.a.md.tmp", "content/a.md"]));
        assert!(burst_of(root, &saved).is_whole());
    }

    #[test]
    fn a_jetbrains_safe_write_is_one_whole_change_to_the_page() {
        let root = Path::new("/site");
        let temporary: &[&str] = &["content/a.md___jb_tmp___"];
        let saved = [
            (CREATED, temporary),
            (WRITTEN, temporary),
            (CLOSED, temporary),
            (RENAMED, &["content/a.md", "content/a.md___jb_old___"]),
            (RENAMED, &["content/a.md___jb_tmp___", "content/a.md"]),
            (REMOVED, &["content/a.md___jb_old___"]),
        ];
        let burst = burst_of(root, &saved);
        assert_eq!(
            burst.files.keys().collect::<Vec<_>>(),
            [Path::new("content/a.md")]
        );
        assert!(burst.is_whole());
    }

    #[test]
    fn a_page_renamed_away_or_deleted_waits_for_the_rest_of_the_save() {
        let root = Path::new("/site");
        let page: &[&str] = &["content/a.md"];
        // vim: move the page to a backup, write the page anew, delete the backup.
        let mut events = vec![
            (RENAMED_AWAY, page),
            (RENAMED, &["content/a.md", "content/a.md~"][..]),
            (CREATED, page),
            (WRITTEN, page),
        ];
        for seen in 1..=events.len() {
            assert!(!burst_of(root, &events[..seen]).is_whole(), "{seen} events");
        }
        events.push((CLOSED, page));
        events.push((REMOVED, &["content/a.md~"]));
        assert!(burst_of(root, &events).is_whole());
        assert!(!burst_of(root, &[(REMOVED, page)]).is_whole());
    }

    #[test]
    fn changes_outside_the_sources_make_no_burst_but_new_source_folders_are_watched() {
        let root = tempfile::tempdir().unwrap();
        assert!(burst_of(root.path(), &[(CLOSED, &["README.md"])]).is_empty());
        std::fs::create_dir(root.path().join("templates")).unwrap();
        let folder = EventKind::Create(notify::event::CreateKind::Folder);
        let burst = burst_of(root.path(), &[(folder, &["templates"])]);
        assert_eq!(burst.created_dirs, [root.path().join("templates")]);
        assert!(!burst.is_whole(), "the folder's files may still be coming");
    }
}
