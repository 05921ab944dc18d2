//! Partial rebuilds for the preview: after a save, redo only what the saved pages can change,
//! and produce exactly the files a full rebuild would.
//!
//! Exactness comes from doing every step a full build does except two, and from what those two
//! skip being provably unchanged. Reading: only the Markdown files that changed are read and
//! parsed again; every check that spans pages (paths, sections, templates) runs on the whole
//! page list as always. Rendering: a page is rendered again unless its [`RenderKey`] — the
//! revisions of the page and of every page its section lists, in order — equals the key its
//! cached output was rendered with; everything else a template sees (configuration, theme,
//! data) is fixed for the life of a [`LiveSite`], because a change to anything but a Markdown
//! page under `content/` is refused here and means a full rebuild. The sitemap is made again
//! only when some page's path or date changed, which is all it shows of a page. The feed, the
//! survey pages and the link check over every page and anchor are redone each time; they are
//! cheap.
//!
//! Publishing: the files served are kept from one build to the next in a [`FileMap`] and only
//! the pages rendered or gone since the last successful build are changed in it, then every
//! other file written (assets, feeds, surveys) is set again, over any page published as the
//! same file, as a full build writes them after the pages.
//!
//! `tests/integration/incremental.rs` checks the result against full rebuilds, file by file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;
use rayon::prelude::*;

use crate::build::{Document, Site};
use crate::content::{self, Page};
use crate::date::Date;
use crate::diagnostic::{Diagnostics, Rejected};
use crate::file_map::FileMap;
use crate::links::Anchors;
use crate::output::{MemorySink, file_for, read_shared};
use crate::private_files;

/// What a page's HTML depends on besides what is fixed for the life of a [`LiveSite`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RenderKey {
    /// The revision of the page itself.
    pub page: u64,
    /// For a section: the revisions of the pages it lists, in listing order.
    pub listed_pages: Vec<u64>,
    /// For a section: the revisions of its subsections, in listing order.
    pub listed_sections: Vec<u64>,
}

/// A page as it was last rendered.
pub(crate) struct CachedPage {
    pub key: RenderKey,
    pub html: Bytes,
    /// The `id`s in `html`, for the link check.
    pub anchors: Anchors,
}

/// What the sitemap was made from: each page's path and date, in order.
type SitemapKey = Vec<(String, Option<Date>)>;

/// Rendered pages, copied files and the sitemap, kept between writes of one [`Site`].
#[derive(Default)]
pub(crate) struct RenderCache {
    /// By site path.
    pages: HashMap<String, CachedPage, foldhash::fast::RandomState>,
    /// The site paths of pages learned or forgotten since [`RenderCache::take_changed`].
    changed: HashSet<String, foldhash::fast::RandomState>,
    /// By source file.
    copies: HashMap<PathBuf, Bytes>,
    /// Behind a lock because it is learned while pages are still borrowed from the cache.
    sitemap: Mutex<Option<(SitemapKey, Document)>>,
}

impl RenderCache {
    /// The page at `path`, if it was rendered with exactly `key`.
    pub(crate) fn page(&self, path: &str, key: &RenderKey) -> Option<&CachedPage> {
        self.pages.get(path).filter(|cached| cached.key == *key)
    }

    pub(crate) fn learn_page(&mut self, path: String, page: CachedPage) {
        self.changed.insert(path.clone());
        self.pages.insert(path, page);
    }

    /// Drops the pages of paths no longer published.
    pub(crate) fn forget_pages_except<'a>(
        &mut self,
        paths: impl ExactSizeIterator<Item = &'a str>,
    ) {
        if self.pages.len() <= paths.len() {
            return;
        }
        let published: HashSet<&str> = paths.collect();
        let changed = &mut self.changed;
        self.pages.retain(|path, _| {
            let keep = published.contains(path.as_str());
            if !keep {
                changed.insert(path.clone());
            }
            keep
        });
    }

    /// The site paths of the pages learned or forgotten since the last call.
    fn take_changed(&mut self) -> HashSet<String, foldhash::fast::RandomState> {
        std::mem::take(&mut self.changed)
    }

    /// The sitemap of `pages`, made by `make` only when some page's path or date differs from
    /// when it was last made: nothing else of a page goes into it ([`crate::feeds::sitemap`]).
    pub(crate) fn sitemap(&self, pages: &[&Page], make: impl FnOnce() -> String) -> Document {
        let mut cached = self.sitemap.lock().unwrap_or_else(PoisonError::into_inner);
        let made_from = |key: &SitemapKey| {
            key.len() == pages.len()
                && key
                    .iter()
                    .zip(pages)
                    .all(|((path, date), page)| *path == page.path && *date == page.last_changed())
        };
        if let Some((key, sitemap)) = cached.as_ref()
            && made_from(key)
        {
            return sitemap.clone();
        }
        let sitemap = Document::of_html(make());
        let key = pages
            .iter()
            .map(|page| (page.path.clone(), page.last_changed()))
            .collect();
        *cached = Some((key, sitemap.clone()));
        sitemap
    }

    pub(crate) fn copy(&self, from: &Path) -> Option<&Bytes> {
        self.copies.get(from)
    }

    /// Reads every file of `copies` (published path, file) not read yet, refusing private
    /// files as a build does ([`private_files`]); `root` is the site's, to name them.
    pub(crate) fn read_copies(
        &mut self,
        copies: &[(String, PathBuf)],
        root: &Path,
    ) -> anyhow::Result<()> {
        let unread: Vec<&PathBuf> = copies
            .iter()
            .map(|(_, from)| from)
            .filter(|from| !self.copies.contains_key(*from))
            .collect();
        let read: Vec<anyhow::Result<Bytes>> = unread
            .par_iter()
            .map(|from| {
                let bytes = read_shared(from)?;
                private_files::refuse(&bytes)?;
                Ok(bytes)
            })
            .collect();
        let mut failures = Vec::new();
        for (from, result) in unread.into_iter().zip(read) {
            match result {
                Ok(bytes) => {
                    self.copies.insert(from.clone(), bytes);
                }
                Err(error) => failures.push((from.as_path(), error)),
            }
        }
        private_files::copy_failures(root, failures)
    }
}

/// A site built in memory for the preview (live reload on), kept so that later saves can be
/// applied to it.
pub struct LiveSite {
    site: Site,
    cache: RenderCache,
    /// What the last successful build published.
    files: FileMap,
    /// The files of that build that are not pages, sorted.
    others: Vec<String>,
}

/// A successful preview build.
pub struct PreviewFiles {
    /// The site's base path (`/` or `/hub/`).
    pub base_path: String,
    /// Relative path (`standards/index.html`) → contents.
    pub files: FileMap,
    pub pages: usize,
    /// Pages rendered by this build; the others were unchanged and taken from the last one.
    pub rendered: usize,
    pub warnings: Diagnostics,
    /// How long reading (files, front matter, Markdown) took.
    pub load: Duration,
    /// How long rendering, writing into memory and checking links took.
    pub render: Duration,
}

impl LiveSite {
    /// Builds the site at `root` in full, for a preview served at `base_url`. The `LiveSite`
    /// comes back whenever later saves can be applied to it — even when this build failed
    /// because of a page, so that fixing the page is a partial rebuild — and is `None` when
    /// only a full rebuild can help (`site.yaml`, the theme, `data/` or `surveys/` is broken).
    pub fn build(
        root: &Path,
        base_url: &str,
        drafts: bool,
    ) -> (Option<LiveSite>, anyhow::Result<PreviewFiles>) {
        let started = Instant::now();
        let (site, problems) = match Site::read(root, Some(base_url), drafts, true) {
            Ok(read) => read,
            Err(rejected) => return (None, Err(rejected.into())),
        };
        let mut live = LiveSite {
            site,
            cache: RenderCache::default(),
            files: FileMap::default(),
            others: Vec::new(),
        };
        let result = live.finish(problems, started);
        let keep = !live.site.has_site_wide_errors();
        (keep.then_some(live), result)
    }

    /// Applies saves of the files `changed` (relative to the root). Returns `None`, changing
    /// nothing, when some change is not a Markdown page under `content/` created, changed or
    /// deleted: those need a full rebuild.
    pub fn apply_changes(&mut self, changed: &[PathBuf]) -> Option<anyhow::Result<PreviewFiles>> {
        if !changed.iter().all(|path| self.is_page_change(path)) {
            return None;
        }
        let drafts = &self.site.content.drafts;
        let owns_folder = |path: &&PathBuf| {
            path.file_stem()
                .is_some_and(|stem| stem == "_index" || stem == "index")
        };
        if changed.iter().filter(owns_folder).any(|path| {
            let page = content::read_page(&self.site.root, path).ok();
            drafts.folders_change_with(path, page.as_ref())
        }) {
            // A section became a draft or stopped being one: everything below it changes.
            return None;
        }
        let started = Instant::now();
        let problems = self.site.reread_pages(changed);
        Some(self.finish(problems, started))
    }

    /// Whether `path` is a Markdown page that a partial rebuild can read again: a regular
    /// file (a link or a named pipe is for the full walk to judge, [`crate::sources`]), or a
    /// deleted file that was not a folder holding pages (deleting `old.md/` is not one change).
    fn is_page_change(&self, path: &Path) -> bool {
        if !content::is_page_source(path) {
            return false;
        }
        let on_disk = self.site.root.join(path);
        if let Ok(metadata) = std::fs::symlink_metadata(&on_disk) {
            return metadata.is_file();
        }
        !self
            .site
            .page_sources()
            .any(|source| source != path && source.starts_with(path))
    }

    /// Renders into memory unless the load stage found errors.
    fn finish(&mut self, problems: Diagnostics, started: Instant) -> anyhow::Result<PreviewFiles> {
        if problems.has_errors() {
            let all = self
                .site
                .with_later_problems(problems, Some(&mut self.cache));
            return Err(Rejected(all).into());
        }
        let load = started.elapsed();
        let others = MemorySink::new();
        let written = self.site.write_reusing(&others, Some(&mut self.cache))?;
        self.publish(others.into_files());
        Ok(PreviewFiles {
            base_path: self.site.config.base_path.clone(),
            files: self.files.clone(),
            pages: written.pages,
            rendered: written.rendered,
            warnings: problems,
            load,
            render: started.elapsed() - load,
        })
    }

    /// Brings the files served up to date after a successful write, given the files it wrote
    /// that are not pages (`others`; the pages are in the cache).
    fn publish(&mut self, others: BTreeMap<String, Bytes>) {
        let changed = self.cache.take_changed();
        if others.keys().eq(&self.others) {
            for path in changed {
                let file = file_for(&path);
                match self.cache.pages.get(&path) {
                    Some(page) => self.files.insert(&file, page.html.clone()),
                    None => self.files.remove(&file),
                }
            }
        } else {
            // The first build, or one whose other files are not the last one's (which nothing
            // a partial rebuild can change should cause): every page again.
            self.files = FileMap::default();
            for (path, page) in &self.cache.pages {
                self.files.insert(&file_for(path), page.html.clone());
            }
            self.others = others.keys().cloned().collect();
        }
        for (file, bytes) in others {
            self.files.insert(&file, bytes);
        }
    }
}
