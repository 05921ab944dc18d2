//! The execute stage: runs every job of the plan, in parallel, into one [`Sink`].
//!
//! This is the only place a build's output is written, whatever the sink: the staging folder
//! of `candor build` (through the signing sink), nothing at all for `candor check`, or the
//! preview's file map for `candor serve`. With a [`RenderCache`] (the preview's), a job whose
//! inputs have not changed since it was cached is taken from the cache instead of being made
//! again, and written — unless the sink already holds it as published
//! ([`Sink::holds_published`]): a save in a 10,000-page preview then touches only the pages it
//! changed, and the sink is told which pages it keeps ([`Executed::keep_unwritten`]).

use std::borrow::Cow;

use bytes::Bytes;
use rayon::prelude::*;

use super::cache::{CachedPage, RenderCache, RenderKey};
use super::plan::Job;
use super::render::{self, Inputs};
use super::site::{Document, Site, Written};
use crate::diagnostic::{Diagnostic, Diagnostics, merge_repeated};
use crate::links::Anchors;
use crate::output::{Sink, file_for, with_file_for};
use crate::private_files;
use crate::sections::SectionTree;

/// What running one job did.
pub(super) enum Outcome<'c> {
    /// Its file was written.
    Written {
        /// The `id`s in it, for the link check; `None` for a copied file.
        anchors: Option<Cow<'c, Anchors>>,
        /// Whether it was made, rather than taken from the cache.
        made: bool,
        /// Whether it was left out of the sink, which holds it already.
        kept: bool,
        /// What to teach the cache: a page rendered while a cache was in use.
        learned: Option<(RenderKey, Bytes)>,
    },
    /// It could not be made (its template failed, or its page could not be written): nothing
    /// was written.
    Failed(Diagnostic),
    /// The sink refused it: a copied file that cannot be read or must not be published, or a
    /// file that cannot be written.
    Refused(anyhow::Error),
    /// Not made here: a signature file (the sign stage writes it), or a survey page whose
    /// inputs could not be read ([`Executed::problems`]).
    NotRun,
}

/// What the executor did: the outcome of each job, in the plan's order.
pub(super) struct Executed<'c> {
    pub(super) outcomes: Vec<Outcome<'c>>,
    /// Problems with inputs shared by several jobs, reported once rather than per job.
    pub(super) problems: Diagnostics,
}

/// Runs `jobs` into `sink`, taking what it can from `cache`.
pub(super) fn execute<'c>(
    site: &Site,
    jobs: &[Job],
    sink: &dyn Sink,
    cache: Option<&'c RenderCache>,
) -> Executed<'c> {
    let inputs = Inputs::of(site);
    // The files Candor generates come after the pages in the plan, and the sitemap of a large
    // site in several languages takes as long as a hundred pages: made last, it kept one core
    // busy while the other waited. They are made first, and the outcomes put back in order.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&index| !jobs[index].is_generated());
    let mut outcomes: Vec<(usize, Outcome<'c>)> = order
        .into_par_iter()
        .map(|index| (index, run(site, &jobs[index], &inputs, sink, cache)))
        .collect();
    outcomes.sort_unstable_by_key(|(index, _)| *index);
    let outcomes = outcomes.into_iter().map(|(_, outcome)| outcome).collect();
    Executed {
        outcomes,
        problems: inputs.survey_problems().cloned().unwrap_or_default(),
    }
}

fn run<'c>(
    site: &Site,
    job: &Job,
    inputs: &Inputs<'_>,
    sink: &dyn Sink,
    cache: Option<&'c RenderCache>,
) -> Outcome<'c> {
    match job {
        Job::Page { page } => run_page(site, *page, None, sink, cache),
        Job::Section { page, tree } => {
            run_page(site, *page, Some(&site.sections[*tree]), sink, cache)
        }
        Job::Copy { path, from } => {
            let relative = path.trim_start_matches('/');
            let copied = match cache.and_then(|cache| cache.copy(from)) {
                Some(bytes) => sink.write_shared(relative, bytes),
                None => sink.copy(relative, from),
            };
            match copied {
                Ok(()) => Outcome::Written {
                    anchors: None,
                    made: true,
                    kept: false,
                    learned: None,
                },
                Err(error) => Outcome::Refused(error),
            }
        }
        // The sitemap is as long as the site: a cache keeps it until a page's path or date
        // changes.
        Job::Sitemap => match cache {
            Some(cache) => {
                let make = || site.sitemap_xml(&inputs.listed);
                write_document(site, job, cache.sitemap(&inputs.listed, make), sink)
            }
            None => run_rendered(site, job, inputs, sink),
        },
        _ => run_rendered(site, job, inputs, sink),
    }
}

/// Makes a job that [`render::make`] renders, and writes it.
fn run_rendered<'c>(site: &Site, job: &Job, inputs: &Inputs<'_>, sink: &dyn Sink) -> Outcome<'c> {
    match render::make(site, job, inputs) {
        None => Outcome::NotRun,
        Some(Err(problem)) => Outcome::Failed(problem),
        Some(Ok(text)) => {
            let document = with_file_for(&site.path_of(job), |file| {
                Document::published_as(file, text)
            });
            write_document(site, job, document, sink)
        }
    }
}

fn write_document<'c>(site: &Site, job: &Job, document: Document, sink: &dyn Sink) -> Outcome<'c> {
    match sink.write_shared(&file_for(&site.path_of(job)), &document.bytes) {
        Ok(()) => Outcome::Written {
            anchors: Some(Cow::Owned(document.anchors)),
            made: true,
            kept: false,
            learned: None,
        },
        Err(error) => Outcome::Refused(error),
    }
}

/// Renders `pages[index]` (or takes it from `cache`, when its [`RenderKey`] is the one it was
/// cached with) and writes it, unless it was taken from `cache` and `sink` holds it already.
fn run_page<'c>(
    site: &Site,
    index: usize,
    tree: Option<&SectionTree>,
    sink: &dyn Sink,
    cache: Option<&'c RenderCache>,
) -> Outcome<'c> {
    let page = &site.pages[index].page;
    let key = cache.map(|_| site.render_key(index, tree));
    let cached = cache
        .zip(key.as_ref())
        .and_then(|(cache, key)| cache.page(&page.path, key));
    let write = |html: &Bytes| with_file_for(&page.path, |file| sink.write_shared(file, html));
    let kept = cache
        .zip(cached)
        .is_some_and(|(cache, cached)| sink.holds_published() && cache.is_published(cached));
    let (written, anchors, learned) = match cached {
        Some(cached) if kept => (Ok(()), Cow::Borrowed(&cached.anchors), None),
        Some(cached) => (write(&cached.html), Cow::Borrowed(&cached.anchors), None),
        None => {
            let html = match site.render_page(index, tree) {
                Ok(html) => html,
                Err(problem) => return Outcome::Failed(problem),
            };
            let anchors = Anchors::of_html(&html);
            let html = Bytes::from(html);
            let written = write(&html);
            (written, Cow::Owned(anchors), key.map(|key| (key, html)))
        }
    };
    if let Err(error) = written {
        return Outcome::Failed(Diagnostic::error("io", &page.source, format!("{error:#}")));
    }
    Outcome::Written {
        anchors: Some(anchors),
        made: cached.is_none(),
        kept,
        learned,
    }
}

impl Site {
    /// What a page's HTML is made from, beyond what stays the same for the life of a `Site`
    /// (configuration, theme, data): the page itself and, for a section, the pages and
    /// subsections it lists, in order.
    fn render_key(&self, index: usize, tree: Option<&SectionTree>) -> RenderKey {
        let revisions =
            |indexes: &[usize]| indexes.iter().map(|&i| self.pages[i].revision).collect();
        let listed: Vec<u64> = tree.map_or_else(Vec::new, |tree| revisions(&tree.pages));
        RenderKey {
            page: self.pages[index].revision,
            listed_pages: listed
                .into_iter()
                .chain(self.translation_revisions(index))
                .collect(),
            listed_sections: tree.map_or_else(Vec::new, |tree| revisions(&tree.subsections)),
        }
    }
}

impl<'c> Executed<'c> {
    /// Ends the build when the sink refused a file: copied files that cannot be read or must
    /// not be published are reported together, by source file; anything else (a file that
    /// cannot be written) is the error.
    pub(super) fn refusals(&mut self, site: &Site, jobs: &[Job]) -> anyhow::Result<()> {
        let mut copies = Vec::new();
        let mut others = Vec::new();
        for (job, outcome) in jobs.iter().zip(&mut self.outcomes) {
            if !matches!(outcome, Outcome::Refused(_)) {
                continue;
            }
            let Outcome::Refused(error) = std::mem::replace(outcome, Outcome::NotRun) else {
                continue;
            };
            match job {
                Job::Copy { from, .. } => copies.push((from.as_path(), error)),
                _ => others.push(error),
            }
        }
        private_files::copy_failures(&site.root, copies)?;
        match others.into_iter().next() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// The problems of jobs that could not be made. One template mistake fails every page
    /// that uses it, so page failures are merged ([`merge_repeated`]).
    pub(super) fn failures(&self, jobs: &[Job]) -> Diagnostics {
        let mut pages = Vec::new();
        let mut others = Diagnostics::new();
        for (job, outcome) in jobs.iter().zip(&self.outcomes) {
            if let Outcome::Failed(problem) = outcome {
                if job.is_page() {
                    pages.push(problem.clone());
                } else {
                    others.push(problem.clone());
                }
            }
        }
        let mut failures = Diagnostics::new();
        failures.extend(merge_repeated(pages));
        failures.extend(others);
        failures.extend(self.problems.iter().cloned());
        failures
    }

    /// Tells `sink` which pages it keeps: those not written because it holds them already.
    pub(super) fn keep_unwritten(&self, site: &Site, jobs: &[Job], sink: &dyn Sink) {
        let is_kept =
            |outcome: &Outcome<'_>| matches!(outcome, Outcome::Written { kept: true, .. });
        let count = self
            .outcomes
            .iter()
            .filter(|outcome| is_kept(outcome))
            .count();
        if count == 0 {
            return;
        }
        let mut paths = jobs
            .iter()
            .zip(&self.outcomes)
            .filter(|(_, outcome)| is_kept(outcome))
            .filter_map(|(job, _)| match job {
                Job::Page { page } | Job::Section { page, .. } => Some(*page),
                _ => None,
            })
            .map(|page| file_for(&site.pages[page].page.path));
        sink.keep_unwritten(count, &mut paths);
    }

    /// How many pages and files a successful run published.
    pub(super) fn written(&self, site: &Site, jobs: &[Job]) -> Written {
        let rendered = jobs
            .iter()
            .zip(&self.outcomes)
            .filter(|(job, outcome)| {
                job.is_page() && matches!(outcome, Outcome::Written { made: true, .. })
            })
            .count();
        Written {
            pages: site.pages.len(),
            rendered,
            files: jobs
                .iter()
                .filter(|job| !matches!(job, Job::Signature { .. }))
                .count(),
        }
    }

    /// The pages to teach the cache, by site path, rendered by the cache's write `made_by`.
    pub(super) fn into_learned(
        self,
        site: &Site,
        jobs: &[Job],
        made_by: u64,
    ) -> Vec<(String, CachedPage)> {
        jobs.iter()
            .zip(self.outcomes)
            .filter_map(|(job, outcome)| {
                let (Job::Page { page } | Job::Section { page, .. }) = job else {
                    return None;
                };
                let Outcome::Written {
                    anchors: Some(anchors),
                    learned: Some((key, html)),
                    ..
                } = outcome
                else {
                    return None;
                };
                let anchors = anchors.into_owned();
                let path = site.pages[*page].page.path.clone();
                let page = CachedPage {
                    key,
                    html,
                    anchors,
                    made_by,
                };
                Some((path, page))
            })
            .collect()
    }
}
