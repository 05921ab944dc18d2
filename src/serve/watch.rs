//! Watch: turns editors' saves into rebuilds.
//!
//! Native file notifications are noisy and editor-specific: one save can be a burst of writes, a
//! write to a temporary file renamed over the original (an "atomic save"), or a swap file that
//! comes and goes. So events are debounced (notify-debouncer-full, which also pairs the two
//! halves of a rename), reduced to the site's own source files, and a burst becomes one
//! rebuild. Reading files — which the rebuild itself does — is never a change, or every build
//! would trigger the next; such events are dropped before the debouncer sees them. Output folders (`public/`, `.candor/`) are never watched.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventHandler, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, RecommendedCache, new_debouncer_opt,
};

use crate::config::CONFIG_FILE;

/// The folders at the site root whose files make up the site.
pub(crate) const SOURCE_DIRS: [&str; 5] = ["content", "themes", "templates", "surveys", "data"];

/// How long a file must be quiet before its change counts: long enough to merge an editor's
/// write-then-rename into one change, short enough not to be noticed.
const QUIET_FOR: Duration = Duration::from_millis(30);

/// Watches the site under `root` (an absolute path) on a background thread and calls
/// `on_change` with the changed source files after each burst of changes. Returns once the
/// watches are in place.
pub(crate) fn spawn(
    root: &Path,
    mut on_change: impl FnMut(&[PathBuf]) + Send + 'static,
) -> anyhow::Result<()> {
    let (sender, receiver) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer_opt::<_, ChangeWatcher, _>(
        QUIET_FOR,
        None,
        sender,
        RecommendedCache::new(),
        notify::Config::default(),
    )
    .context("cannot start watching for changes")?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    for dir in SOURCE_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    let root = root.to_path_buf();
    std::thread::Builder::new()
        .name("candor-watch".into())
        .spawn(move || {
            while let Ok(first) = receiver.recv() {
                let mut batches = vec![first];
                // Changes that arrived while the previous rebuild ran join this one.
                batches.extend(receiver.try_iter());
                let mut changed = Vec::new();
                let mut created_dirs = Vec::new();
                for batch in batches {
                    match batch {
                        Ok(events) => {
                            changed.extend(source_changes(&root, &events));
                            created_dirs.extend(created_source_dirs(&root, &events));
                        }
                        Err(errors) => {
                            for error in errors {
                                eprintln!("warning: file watching: {error}");
                            }
                        }
                    }
                }
                for dir in created_dirs {
                    if let Err(error) = debouncer.watch(&dir, RecursiveMode::Recursive) {
                        eprintln!("warning: cannot watch {}: {error}", dir.display());
                    }
                }
                changed.sort();
                changed.dedup();
                if !changed.is_empty() {
                    on_change(&changed);
                }
            }
        })
        .context("cannot start the watching thread")?;
    Ok(())
}

/// The platform's watcher, passing on only events that can be changes ([`is_change`]). Every
/// file a rebuild reads raises an "opened" event; dropped here, before the debouncer, they cost
/// it no bookkeeping — which on a 10,000-page site was a real share of each full rebuild.
struct ChangeWatcher(RecommendedWatcher);

impl Watcher for ChangeWatcher {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let forward = move |event: notify::Result<Event>| {
            let wanted = match &event {
                Ok(event) => is_change(event.kind) || event.need_rescan(),
                Err(_) => true,
            };
            if wanted {
                handler.handle_event(event);
            }
        };
        RecommendedWatcher::new(forward, config).map(ChangeWatcher)
    }

    fn watch(&mut self, path: &Path, recursive_mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, recursive_mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> notify::WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// The site source files that `events` changed, relative to `root`.
fn source_changes(root: &Path, events: &[DebouncedEvent]) -> Vec<PathBuf> {
    events
        .iter()
        .filter(|event| is_change(event.kind))
        .flat_map(|event| event.paths.iter())
        .filter_map(|path| path.strip_prefix(root).ok())
        .filter(|relative| is_source(relative))
        .map(Path::to_path_buf)
        .collect()
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
/// vim's `4913` probe, `page.md.tmp`. Hidden names are never published either.
fn is_editor_scratch(name: &str) -> bool {
    let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || matches!(extension, "swp" | "swo" | "swx" | "tmp" | "crswap")
}

/// Source folders at the root that were just created or renamed into place (as `git checkout`
/// may do) and so are not watched yet.
fn created_source_dirs(root: &Path, events: &[DebouncedEvent]) -> Vec<PathBuf> {
    events
        .iter()
        .filter(|event| {
            matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
            )
        })
        .flat_map(|event| event.paths.iter())
        .filter(|path| {
            path.parent() == Some(root)
                && path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| SOURCE_DIRS.contains(&name))
                && path.is_dir()
        })
        .cloned()
        .collect()
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
}
