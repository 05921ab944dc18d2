//! The plan stage: every file a build publishes, as a list of [`Job`]s held as data.
//!
//! Nothing is rendered or written here; the plan says *what* the build makes, and the executor
//! ([`super::execute`]) makes it. Because every output is in one list, the checks that ask
//! "what does Candor publish?" — a page or a theme file where Candor generates one, a link to a
//! signature file — are filters over that list instead of a second list kept by hand.
//!
//! Adding a kind of output is one [`Job`] variant (holding indexes into the [`Site`]'s records,
//! and its site path when no one record gives it — never rendered text), its arm in [`Job::site_path`], one planning function called from
//! [`plan`] — or from [`generated`] when Candor makes the file itself, so that no page or file
//! of the site can take its place, or from [`yielding`] when it gives way to them — and one
//! arm in [`super::render::make`] that renders it.
//! The compiler asks for both arms; what the job reads is loaded into the `Site` by
//! [`super::load`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::languages::language_jobs;
use super::site::{Site, SitePage, SiteSurvey};
use crate::content::{self, PageKind};
use crate::diagnostic::{Diagnostic, Diagnostics, Rejected, relative_to};
use crate::feeds;
use crate::history::what_changed::WHAT_CHANGED_FEED_PATH;
use crate::output::file_for;
use crate::render::surveys;
use crate::sign;
use crate::sources;

pub(super) use crate::render::theme_pages::{NOT_FOUND_PATH, VERIFY_PATH};

/// One file the build publishes, and what it is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Job {
    /// A Markdown page through its template (`site.pages[page]`); a page whose front matter
    /// names published results is a results page, rendered with them.
    Page { page: usize },
    /// A section's own page, listing its pages and subsections (`site.sections[tree]`).
    Section { page: usize, tree: usize },
    /// A file published as is: a content asset, or a file of the theme's `static/` folder.
    Copy { path: String, from: PathBuf },
    /// `/sitemap.xml`.
    Sitemap,
    /// `/atom.xml`.
    Feed,
    /// `/robots.txt`.
    Robots,
    /// The theme's page for unknown addresses.
    NotFound,
    /// The theme's guide to verifying the site's signature.
    VerifyGuide,
    /// `/surveys/`: every survey, by status.
    SurveyList,
    /// A survey's form (`site.surveys[survey]`).
    SurveyForm { survey: usize },
    /// A survey's single-file offline copy.
    SurveyOffline { survey: usize },
    /// A signature file. The sign stage writes it after every other job; it is planned so that
    /// nothing else is published in its place and links to it are not broken.
    Signature { file: &'static str },
    /// The Atom feed of a language other than the default (`site.config.languages`), at `path`.
    LanguageFeed { language: usize, path: String },
    /// A translated survey's form (`site.translated_surveys[translation]`), at `path`.
    TranslatedSurveyForm { translation: usize, path: String },
    /// A translated survey's offline copy, at `path`.
    TranslatedSurveyOffline { translation: usize, path: String },
    /// The survey list in a language other than the default (`site.config.languages`), at
    /// `path`.
    TranslatedSurveyList { language: usize, path: String },
    /// The theme's guide to verifying the site in a language other than the default, at `path`.
    TranslatedVerifyGuide { language: usize, path: String },
    /// The theme's page for unknown addresses in a language other than the default, at `path`.
    TranslatedNotFound { language: usize, path: String },
    /// The page of one revision of `site.pages[page]`, with its diff (`revision` indexes the
    /// page's history), at `path`.
    Revision {
        page: usize,
        revision: usize,
        path: String,
    },
    /// The site-wide "What changed" page `number` (from 1, the newest changes), at `path`.
    WhatChanged { number: usize, path: String },
    /// Its Atom feed.
    WhatChangedFeed,
    /// A page at an old address, `from`, sending readers on to `site.pages[to]`.
    Redirect { from: String, to: usize },
}

impl Job {
    /// The site path the job publishes at. `pages` is only read for pages and sections, and
    /// `surveys` only for survey pages.
    pub(crate) fn site_path<'s>(
        &'s self,
        pages: &'s [SitePage],
        surveys: &[SiteSurvey],
    ) -> Cow<'s, str> {
        let survey_id = |index: usize| surveys[index].survey.id.as_str();
        match self {
            Job::Page { page } | Job::Section { page, .. } => {
                Cow::Borrowed(pages[*page].page.path.as_str())
            }
            Job::Copy { path, .. } => Cow::Borrowed(path.as_str()),
            Job::Sitemap => Cow::Borrowed(feeds::SITEMAP_PATH),
            Job::Feed => Cow::Borrowed(feeds::FEED_PATH),
            Job::Robots => Cow::Borrowed(feeds::ROBOTS_PATH),
            Job::NotFound => Cow::Borrowed(NOT_FOUND_PATH),
            Job::VerifyGuide => Cow::Borrowed(VERIFY_PATH),
            Job::SurveyList => Cow::Borrowed(surveys::LIST_PATH),
            Job::SurveyForm { survey } => Cow::Owned(surveys::form_path(survey_id(*survey))),
            Job::SurveyOffline { survey } => Cow::Owned(surveys::offline_path(survey_id(*survey))),
            Job::Signature { file } => Cow::Owned(format!("/{file}")),
            Job::LanguageFeed { path, .. }
            | Job::TranslatedSurveyForm { path, .. }
            | Job::TranslatedSurveyOffline { path, .. }
            | Job::TranslatedSurveyList { path, .. }
            | Job::TranslatedVerifyGuide { path, .. }
            | Job::TranslatedNotFound { path, .. }
            | Job::Revision { path, .. }
            | Job::WhatChanged { path, .. }
            | Job::Redirect { from: path, .. } => Cow::Borrowed(path.as_str()),
            Job::WhatChangedFeed => Cow::Borrowed(WHAT_CHANGED_FEED_PATH),
        }
    }

    /// Whether Candor makes this file itself and no page or file of the site may take its
    /// place. What history publishes is made by Candor too, but gives way ([`yielding`]).
    pub(crate) fn is_generated(&self) -> bool {
        !matches!(
            self,
            Job::Page { .. } | Job::Section { .. } | Job::Copy { .. }
        ) && !self.is_yielding()
    }

    /// Whether the job is one of history's, which are published only where nothing else is.
    fn is_yielding(&self) -> bool {
        matches!(
            self,
            Job::Revision { .. }
                | Job::WhatChanged { .. }
                | Job::WhatChangedFeed
                | Job::Redirect { .. }
        )
    }

    /// Whether the job renders a Markdown page.
    pub(crate) fn is_page(&self) -> bool {
        matches!(self, Job::Page { .. } | Job::Section { .. })
    }
}

impl Site {
    /// The site path `job` publishes at.
    pub(crate) fn path_of<'s>(&'s self, job: &'s Job) -> Cow<'s, str> {
        job.site_path(&self.pages, &self.surveys)
    }
}

/// Every job of the build: the site's pages, its files and the theme's, what Candor
/// generates, then what gives way to all of those, with the problems of what gave way. Fails
/// when a file of the theme's `static/` folder cannot be listed or would take the place of a
/// generated file.
pub(crate) fn plan(site: &Site) -> Result<(Vec<Job>, Diagnostics), Rejected> {
    let mut jobs = pages(site);
    jobs.extend(content_copies(site));
    jobs.extend(generated(&site.surveys, site.language_jobs()));
    let theme = theme_copies(site, &jobs)?;
    jobs.extend(theme);
    let (yielding, problems) = yielding(site, &jobs);
    jobs.extend(yielding);
    Ok((jobs, problems))
}

/// What policy history publishes — revision pages, "What changed" and its feed, redirects —
/// where no job of `planned` publishes: unlike a generated file, each gives way to the site's
/// pages and files, and says so when it has to.
fn yielding(site: &Site, planned: &[Job]) -> (Vec<Job>, Diagnostics) {
    let has_aliases = || site.pages.iter().any(|r| !r.page.front.aliases.is_empty());
    if !site.history.available && !has_aliases() {
        // Nothing to publish: spare a 10,000-page site the set of every file's name.
        return (Vec::new(), Diagnostics::new());
    }
    let taken: HashSet<String> = planned
        .iter()
        .map(|job| file_for(&site.path_of(job)))
        .collect();
    let (history, problems) = crate::history::pages::plan(
        &site.history,
        &site.theme,
        &site.config,
        &site.pages,
        &|file| taken.contains(file),
    );
    let page_at: HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(index, record)| (record.page.path.as_str(), index))
        .collect();
    let mut jobs: Vec<Job> = history
        .redirects
        .into_iter()
        .filter_map(|redirect| {
            let to = *page_at.get(redirect.to.as_str())?;
            Some(Job::Redirect {
                from: redirect.from,
                to,
            })
        })
        .collect();
    jobs.extend(
        (history.revisions.into_iter()).map(|(page, revision, path)| Job::Revision {
            page,
            revision,
            path,
        }),
    );
    jobs.extend(
        (history.what_changed.into_iter()).map(|(number, path)| Job::WhatChanged { number, path }),
    );
    jobs.extend(history.feed.then_some(Job::WhatChangedFeed));
    (jobs, problems)
}

/// The files the copy jobs publish.
pub(super) fn copied_files(jobs: &[Job]) -> impl Iterator<Item = &PathBuf> {
    jobs.iter().filter_map(|job| match job {
        Job::Copy { from, .. } => Some(from),
        _ => None,
    })
}

/// A page job for every page, and a section job for every section.
fn pages(site: &Site) -> Vec<Job> {
    let mut trees = site.sections.iter().enumerate().peekable();
    let mut jobs = Vec::with_capacity(site.pages.len());
    for (page, record) in site.pages.iter().enumerate() {
        // Section trees are in page order: one pass pairs each section with its tree.
        while trees.next_if(|(_, tree)| tree.page < page).is_some() {}
        let tree = trees.next_if(|(_, tree)| tree.page == page);
        jobs.push(match (record.page.kind, tree) {
            (PageKind::Section, Some((tree, _))) => Job::Section { page, tree },
            _ => Job::Page { page },
        });
    }
    jobs
}

/// The files under `content/` that are not Markdown.
fn content_copies(site: &Site) -> impl Iterator<Item = Job> + '_ {
    site.assets.iter().map(|asset| Job::Copy {
        path: asset.path.clone(),
        from: site.root.join(&asset.source),
    })
}

/// The theme's static files, given every other job. A site's own file replaces the theme's
/// file of the same path, so a site can restyle itself without forking its theme; a generated
/// file cannot be replaced.
fn theme_copies(site: &Site, planned: &[Job]) -> Result<Vec<Job>, Rejected> {
    let static_dir = site
        .root
        .join("themes")
        .join(&site.config.theme)
        .join("static");
    let (generated, site_files): (Vec<&Job>, Vec<&Job>) =
        planned.iter().partition(|job| job.is_generated());
    let generated: Vec<String> = generated
        .into_iter()
        .map(|job| file_for(&site.path_of(job)))
        .collect();
    let site_files: HashSet<String> = site_files
        .into_iter()
        .map(|job| file_for(&site.path_of(job)))
        .collect();
    let (files, mut problems) = sources::walk_files(&site.root, &static_dir, false);
    let mut jobs = Vec::new();
    for from in files {
        let path = format!("/{}", content::slash_path(&relative_to(&from, &static_dir)));
        let file = file_for(&path);
        if clashes_with_any(&generated, &file) {
            problems.push(
                Diagnostic::error(
                    "generated-path",
                    relative_to(&from, &site.root),
                    format!("publishes at {path}, where Candor publishes a file it generates"),
                )
                .with_hint("remove it from the theme's static/ folder"),
            );
        } else if !site_files.contains(&file) {
            jobs.push(Job::Copy { path, from });
        }
    }
    if !problems.is_empty() {
        return Err(Rejected(problems));
    }
    Ok(jobs)
}

/// What every build generates beside the site's own pages and files: the feeds, the theme's
/// own pages, the survey pages when there are surveys, the signature, and what the site
/// publishes `in_other_languages` ([`language_jobs`]).
pub(super) fn generated(surveys: &[SiteSurvey], in_other_languages: Vec<Job>) -> Vec<Job> {
    let mut jobs = vec![
        Job::Sitemap,
        Job::Feed,
        Job::Robots,
        Job::NotFound,
        Job::VerifyGuide,
    ];
    jobs.extend(survey_pages(surveys));
    jobs.extend(sign::SIGNATURE_FILES.map(|file| Job::Signature { file }));
    jobs.extend(in_other_languages);
    jobs
}

impl Site {
    /// What the site publishes in its other languages: each one's feed, verify guide and
    /// not-found page, and each translated survey's pages ([`language_jobs`]).
    pub(super) fn language_jobs(&self) -> Vec<Job> {
        language_jobs(&self.config, &self.surveys, &self.translated_surveys)
    }
}

/// The survey list, and each survey's form and offline copy.
fn survey_pages(surveys: &[SiteSurvey]) -> Vec<Job> {
    if surveys.is_empty() {
        return Vec::new();
    }
    let mut jobs = vec![Job::SurveyList];
    for survey in 0..surveys.len() {
        jobs.push(Job::SurveyForm { survey });
        jobs.push(Job::SurveyOffline { survey });
    }
    jobs
}

/// The files of the generated jobs, as [`file_for`] names them.
pub(super) fn generated_files(surveys: &[SiteSurvey], in_other_languages: Vec<Job>) -> Vec<String> {
    generated(surveys, in_other_languages)
        .iter()
        .map(|job| file_for(&job.site_path(&[], surveys)))
        .collect()
}

/// Whether `file` cannot be published beside the files `taken` ([`clashes`]).
pub(super) fn clashes_with_any(taken: &[String], file: &str) -> bool {
    taken.iter().any(|taken| clashes(taken, file))
}

/// Whether two published files cannot both be written: they are the same file, or one is
/// where the other needs a folder (`robots.txt` and `robots.txt/x`).
fn clashes(a: &str, b: &str) -> bool {
    let inside = |outer: &str, inner: &str| {
        inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    a == b || inside(a, b) || inside(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_clashes_with_the_same_file_and_with_a_folder_it_needs() {
        assert!(clashes("robots.txt", "robots.txt"));
        assert!(clashes("robots.txt", "robots.txt/index.html"));
        assert!(clashes("surveys/a/index.html", "surveys/a/index.html/x"));
        assert!(!clashes("robots.txt", "robots.txt.bak"));
        assert!(!clashes("verify/index.html", "verify/other.html"));
    }

    #[test]
    fn the_other_languages_files_are_generated_and_historys_are_not() {
        let feed = Job::LanguageFeed {
            language: 1,
            path: "/fr/atom.xml".to_owned(),
        };
        assert!(generated_files(&[], vec![feed]).contains(&"fr/atom.xml".to_owned()));
        let redirect = Job::Redirect {
            from: "/old/".to_owned(),
            to: 0,
        };
        let what_changed = Job::WhatChanged {
            number: 1,
            path: "/what-changed/".to_owned(),
        };
        for job in [redirect, what_changed, Job::WhatChangedFeed] {
            assert!(!job.is_generated());
        }
    }

    #[test]
    fn generated_files_are_every_generated_job_and_only_those() {
        let files = generated_files(&[], Vec::new());
        assert_eq!(
            files,
            [
                "sitemap.xml",
                "atom.xml",
                "robots.txt",
                "404.html",
                "verify/index.html",
                "minisign.pub",
                "SHA256SUMS",
                "SHA256SUMS.minisig"
            ]
        );
        assert!(generated(&[], Vec::new()).iter().all(Job::is_generated));
    }
}
