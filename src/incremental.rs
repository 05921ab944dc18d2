//! Partial rebuilds for the preview: after a save, redo only what the saved pages can change,
//! and produce exactly the files a full rebuild would.
//!
//! Exactness comes from doing every stage a full build does, with two shortcuts whose savings
//! are provably unchanged. Reading: only the Markdown files that changed are read and parsed
//! again; every check that spans pages (paths, sections, templates) runs on the whole page list
//! as always. Making: the build's own executor runs every job of the plan, with the
//! [`RenderCache`] this preview keeps, which hands back unchanged pages, copied files and the
//! sitemap instead of making them again (see [`crate::build`]); everything else a template sees
//! (configuration, theme, data) is fixed for the life of a [`LiveSite`], because a change to
//! anything but a Markdown page under `content/` is refused here and means a full rebuild.
//!
//! Publishing: the executor writes every job into a [`FileMapSink`] over the files served by
//! the last successful build, except the pages the cache hands back that are served already
//! as they are; writing the bytes a file already has changes nothing, so only the pages
//! rendered again, and those gone, change the served map.
//!
//! `tests/integration/incremental.rs` checks the result against full rebuilds, file by file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{RenderCache, Site};
use crate::content;
use crate::diagnostic::{Diagnostics, Rejected};
use crate::file_map::FileMap;
use crate::output::FileMapSink;

/// A site built in memory for the preview (live reload on), kept so that later saves can be
/// applied to it.
pub struct LiveSite {
    site: Site,
    cache: RenderCache,
    /// What the last successful build published.
    files: FileMap,
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
        let drafts = self.site.drafts();
        let owns_folder = |path: &&PathBuf| {
            path.file_stem()
                .is_some_and(|stem| stem == "_index" || stem == "index")
        };
        if changed.iter().filter(owns_folder).any(|path| {
            let languages = Some(&self.site.config.languages);
            let page = content::read_page(&self.site.root, path, languages).ok();
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
        let sink = FileMapSink::new(self.files.clone());
        let written = self.site.write_reusing(&sink, Some(&mut self.cache))?;
        self.files = sink.into_files();
        self.cache.published();
        Ok(PreviewFiles {
            base_path: self.site.base_path().to_owned(),
            files: self.files.clone(),
            pages: written.pages,
            rendered: written.rendered,
            warnings: problems,
            load,
            render: started.elapsed() - load,
        })
    }
}
