//! The render cache: what a job's output was made from, so that `candor serve` can take a page,
//! a copied file or the sitemap from the last build instead of making it again.
//!
//! A page is rendered again unless its [`RenderKey`] — the revisions of the page and of every
//! page its section lists, in order — equals the key its cached output was rendered with;
//! everything else a template sees (configuration, theme, data) is fixed for the life of a
//! [`super::Site`], which is why the cache belongs to one. The sitemap is made again only when
//! some page's path or date changed, which is all it shows of a page. A copied file is read
//! once: nothing but a Markdown page changes while a cache is in use. The cache holds outputs;
//! it never writes them: the executor writes every job's output into the one sink.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use rayon::prelude::*;

use super::site::Document;
use crate::content::Page;
use crate::date::Date;
use crate::links::Anchors;
use crate::output::read_shared;
use crate::private_files;

/// What a page's HTML depends on besides what is fixed for the life of a [`super::Site`].
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
    /// The write that rendered it ([`RenderCache::start_write`]).
    pub made_by: u64,
}

/// What the sitemap was made from: each page's path and date, in order.
type SitemapKey = Vec<(String, Option<Date>)>;

/// Rendered pages, copied files and the sitemap, kept between writes of one [`super::Site`].
#[derive(Default)]
pub(crate) struct RenderCache {
    /// By site path.
    pages: HashMap<String, CachedPage, foldhash::fast::RandomState>,
    /// By source file.
    copies: HashMap<PathBuf, Bytes>,
    /// Behind a lock because it is learned while pages are still borrowed from the cache.
    sitemap: Mutex<Option<(SitemapKey, Document)>>,
    /// The number of the write under way, counting from 1.
    write: u64,
    /// The last write whose files were published ([`RenderCache::published`]): every page
    /// cached by then is in them, at its path.
    published: u64,
}

impl RenderCache {
    /// The page at `path`, if it was rendered with exactly `key`.
    pub(crate) fn page(&self, path: &str, key: &RenderKey) -> Option<&CachedPage> {
        self.pages.get(path).filter(|cached| cached.key == *key)
    }

    /// Numbers a new write of the site with this cache; what it renders is marked with it.
    pub(crate) fn start_write(&mut self) -> u64 {
        self.write += 1;
        self.write
    }

    /// Says that the files of the last write are now the ones published, so that each page
    /// in the cache is there as cached: the next write need not write it again if it is
    /// unchanged ([`crate::output::Sink::holds_published`]).
    pub(crate) fn published(&mut self) {
        self.published = self.write;
    }

    /// Whether `page` is among the files last published, as it is cached. A page rendered by
    /// a write that failed was not published; the files still hold what was there before.
    pub(crate) fn is_published(&self, page: &CachedPage) -> bool {
        page.made_by <= self.published
    }

    pub(crate) fn learn_page(&mut self, path: String, page: CachedPage) {
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
        self.pages
            .retain(|path, _| published.contains(path.as_str()));
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
        let sitemap = Document::of_text(make());
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

    /// Reads every file of `copies` not read yet, refusing private files as a build does
    /// ([`private_files`]); `root` is the site's, to name them.
    pub(crate) fn read_copies<'a>(
        &mut self,
        copies: impl Iterator<Item = &'a PathBuf>,
        root: &Path,
    ) -> anyhow::Result<()> {
        let unread: Vec<&PathBuf> = copies
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
