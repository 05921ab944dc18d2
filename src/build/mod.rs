//! The build pipeline, as a list of stages:
//!
//! 1. [`load`] reads the site into a [`Site`], one record per page, and runs the site-wide
//!    [`checks`] (paths, templates, sections, results);
//! 2. [`plan`] lists every file to publish as a [`plan::Job`];
//! 3. [`execute`] runs the jobs in parallel into one [`Sink`], taking unchanged ones from a
//!    [`RenderCache`] when it has one (`candor serve`);
//! 4. [`link_check`] checks every internal link against what was published;
//! 5. [`sign`] writes the signature.
//!
//! This module only sequences them, gathers every problem they find and decides whether
//! anything is published. Output is staged in a temporary folder beside the destination and
//! swapped in only when every stage succeeded, so a failed build leaves the previous one
//! exactly as it was.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use crate::diagnostic::{Diagnostic, Diagnostics, Rejected, Severity};
use crate::output::{NullSink, Sink};
use crate::sign;

mod cache;
mod checks;
mod execute;
mod history;
mod languages;
mod link_check;
mod load;
mod options;
mod plan;
mod render;
mod site;
mod theme_pages;

pub(crate) use cache::RenderCache;
pub use options::{BuildOptions, BuildReport};
pub use site::{Site, Written};

/// Builds the site described by `options` and publishes it at `options.output`.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let staging = || crate::staging::Staging::for_output(&options.root, &options.output);
    let (written, signed, mut warnings) =
        build_then(options, staging, sign::HashingSink::new, |sink, site| {
            sign::sign_release(
                sink,
                &site.root,
                &site.config,
                &options.signing,
                options.allow_dirty,
            )
        })?;
    warnings.extend(signed.warnings);
    Ok(BuildReport {
        pages: written.pages,
        files: signed.files,
        release: signed.release,
        elapsed: started.elapsed(),
        warnings,
    })
}

/// Every stage of [`build`], with the parts signing changes given: `staging` makes the
/// staging folder once the site has loaded (checking the destination, for `build`),
/// `sink_for` the sink the pages are written into there, and `last` runs before the new build
/// is swapped in (signing, for `build`). Returns what was written, what `last` returned and the
/// site's warnings. `examples/build-unsigned.rs` runs it with a plain
/// [`crate::output::DirSink`] and no last stage, so that the two differ by signing alone.
pub fn build_then<S: Sink, T>(
    options: &BuildOptions,
    staging: impl FnOnce() -> anyhow::Result<crate::staging::Staging>,
    sink_for: impl FnOnce(&std::path::Path) -> S,
    last: impl FnOnce(S, &Site) -> anyhow::Result<T>,
) -> anyhow::Result<(Written, T, Diagnostics)> {
    let mut site = Site::load(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        false,
    )?;
    let staging = staging()?;
    let sink = sink_for(staging.path());
    let written = site.write(&sink)?;
    let outcome = last(sink, &site)?;
    let warnings = std::mem::take(&mut site.warnings);
    staging.commit()?;
    // Freeing every page's text and HTML took 40 ms of a 10,000-page build, after its work was
    // done; nothing needs to wait for it. Not before the commit: deleting the previous build
    // needs both cores, and freeing beside it made that 40 % slower on a site of 20,000 pages.
    // If no thread can be started, the closure and the site are dropped right here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(site));
    Ok((written, outcome, warnings))
}

impl Site {
    /// Plan, execute and link-check stages: makes every file of the site into `sink`, then
    /// checks every internal link against what was made.
    pub fn write(&self, sink: &dyn Sink) -> Result<Written, anyhow::Error> {
        self.write_reusing(sink, None)
    }

    /// [`Site::write`], taking from `cache` every job whose inputs have not changed since it
    /// was cached instead of making it again, and teaching `cache` every page rendered.
    pub(crate) fn write_reusing(
        &self,
        sink: &dyn Sink,
        mut cache: Option<&mut RenderCache>,
    ) -> Result<Written, anyhow::Error> {
        let (jobs, planning_problems) = plan::plan(self)?;
        let write = cache.as_deref_mut().map(RenderCache::start_write);
        if let Some(cache) = cache.as_deref_mut() {
            cache.read_copies(plan::copied_files(&jobs), &self.root)?;
        }
        let mut executed = execute::execute(self, &jobs, sink, cache.as_deref());
        executed.refusals(self, &jobs)?;
        executed.keep_unwritten(self, &jobs, sink);
        let mut diagnostics = executed.failures(&jobs);
        diagnostics.extend(planning_problems);
        diagnostics.extend(self.check_links(&jobs, &executed));
        let written = executed.written(self, &jobs);
        // Every page rendered is worth keeping, even if the site as a whole failed: its
        // output is what its inputs produce, whatever happens to other pages.
        let learned = executed.into_learned(self, &jobs, write.unwrap_or_default());
        if let Some(cache) = cache {
            for (path, page) in learned {
                cache.learn_page(path, page);
            }
            cache.forget_pages_except(self.pages.iter().map(|p| p.page.path.as_str()));
        }
        if diagnostics.has_errors() {
            diagnostics.sort();
            return Err(Rejected(diagnostics).into());
        }
        Ok(written)
    }

    /// `problems` of the load stage, with those the later stages find in the pages that did
    /// load (nothing is written): one run reports every problem it can. A `cache` spares
    /// `candor serve` rendering again, on each save, the pages that did not change.
    pub(crate) fn with_later_problems(
        &self,
        mut problems: Diagnostics,
        cache: Option<&mut RenderCache>,
    ) -> Diagnostics {
        if let Err(error) = self.write_reusing(&NullSink, cache) {
            match error.downcast::<Rejected>() {
                Ok(Rejected(found)) => {
                    // A page already in error (an unknown template) fails to render for the
                    // same reason: that is not a second problem.
                    let in_error: HashSet<Option<PathBuf>> = (problems.iter())
                        .filter(|problem| problem.is_error())
                        .map(|problem| problem.file.clone())
                        .collect();
                    problems.extend(found.into_iter().filter(|problem| {
                        problem.code != "template" || !in_error.contains(&problem.file)
                    }));
                }
                Err(error) => problems.push(Diagnostic::general(
                    Severity::Error,
                    "io",
                    format!("{error:#}"),
                )),
            }
        }
        problems.sort();
        problems
    }
}
