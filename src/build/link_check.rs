//! The link check: every internal link in Markdown, survey texts and the navigation must lead
//! to a page, file or heading the build publishes.
//!
//! It runs over whatever parsed and rendered, even when other files failed, so that one run
//! reports every problem. A page that exists but could not be read or rendered is not a
//! missing page: links to it are not reported (its own error is), since what it would publish
//! is unknown.

use std::borrow::Cow;

use rayon::prelude::*;

use super::checks::located;
use super::execute::{Executed, Outcome};
use super::plan::Job;
use super::site::{Site, SitePage};
use crate::config::CONFIG_FILE;
use crate::content::{self, Page};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::drafts::Drafts;
use crate::links::{Broken, SiteMap};
use crate::markdown::Rendered;
use crate::render::surveys;

impl Site {
    /// Reports every internal link in Markdown, survey texts and the navigation that leads
    /// nowhere, given what the executor published.
    pub(super) fn check_links(&self, jobs: &[Job], executed: &Executed<'_>) -> Diagnostics {
        let site_map = self.site_map(jobs, executed);
        let mut diagnostics = Diagnostics::new();
        for record in &self.surveys {
            let survey = &record.survey;
            let form = surveys::form_path(&survey.id);
            for link in record.intro.links.iter().chain(&record.anonymity.links) {
                if site_map
                    .check(&form, link.path.as_deref(), link.fragment.as_deref())
                    .is_err()
                {
                    diagnostics.push(
                        Diagnostic::error(
                            "broken-link",
                            &survey.file,
                            format!(
                                "the link `{}` leads to a page or heading that does not exist",
                                link.written
                            ),
                        )
                        .at(survey.intro_line, 0)
                        .with_hint("link to pages by their site path, e.g. `/code-of-conduct/`"),
                    );
                }
            }
        }
        // Each lookup mostly waits for memory: checking the pages on every core shortens the
        // wait, and a save in `candor serve` waits for it.
        let broken: Vec<Vec<Diagnostic>> = self
            .pages
            .par_iter()
            .map(|SitePage { page, markdown, .. }| {
                broken_links(&site_map, &self.drafts, page, markdown)
            })
            .collect();
        diagnostics.extend(broken.into_iter().flatten());
        for item in &self.config.navigation {
            if site_map.check("/", Some(&item.path), None).is_err() {
                diagnostics.push(
                    Diagnostic::error(
                        "broken-link",
                        CONFIG_FILE,
                        format!(
                            "the navigation entry `{}` leads to {}, which does not exist",
                            item.title, item.path
                        ),
                    )
                    .at(item.path_at.0, item.path_at.1)
                    .with_hint("fix `path:` under `navigation:` in site.yaml"),
                );
            }
        }
        diagnostics
    }

    /// Every path published and the `id`s on each. A page that exists but could not be read
    /// or rendered is there, but which headings it would have is unknown: links to it are not
    /// reported, only its own error. Survey pages are published together or not at all.
    fn site_map<'s>(&'s self, jobs: &'s [Job], executed: &'s Executed<'_>) -> SiteMap<'s> {
        let mut site_map = SiteMap::with_capacity(jobs.len());
        self.add_unreadable_pages(&mut site_map);
        let is_survey_page = |job: &Job| {
            matches!(
                job,
                Job::SurveyList | Job::SurveyForm { .. } | Job::SurveyOffline { .. }
            )
        };
        let surveys_failed = jobs
            .iter()
            .zip(&executed.outcomes)
            .any(|(job, outcome)| is_survey_page(job) && matches!(outcome, Outcome::Failed(_)));
        for (job, outcome) in jobs.iter().zip(&executed.outcomes) {
            match outcome {
                Outcome::Written { anchors, .. } => {
                    if surveys_failed && is_survey_page(job) {
                        continue;
                    }
                    let path = self.path_of(job);
                    site_map.add_path(path.clone());
                    if let Some(anchors) = anchors {
                        site_map.add_anchors(path, Cow::Borrowed(anchors.as_ref()));
                    }
                }
                Outcome::Failed(_) if job.is_page() => site_map.add_unverifiable(self.path_of(job)),
                Outcome::NotRun if matches!(job, Job::Signature { .. }) => {
                    site_map.add_path(self.path_of(job));
                }
                Outcome::Failed(_) | Outcome::Refused(_) | Outcome::NotRun => {}
            }
        }
        site_map
    }

    /// Marks the site path of every Markdown file that could not be read as existing but
    /// unknown, so that links to it are not reported as leading nowhere.
    fn add_unreadable_pages<'s>(&'s self, site_map: &mut SiteMap<'s>) {
        for source in self.unreadable.keys() {
            let within = source
                .strip_prefix(content::CONTENT_DIR)
                .unwrap_or(source.as_path());
            let (path, _kind) = content::site_path_of_markdown(within);
            site_map.add_unverifiable(path);
        }
    }
}

/// The problems of every internal link in `page`'s Markdown that leads nowhere, or to a draft.
fn broken_links(
    site_map: &SiteMap<'_>,
    drafts: &Drafts,
    page: &Page,
    rendered: &Rendered,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for link in &rendered.links {
        let Err(broken) =
            site_map.check(&page.path, link.path.as_deref(), link.fragment.as_deref())
        else {
            continue;
        };
        let draft = link.path.as_deref().and_then(|path| drafts.marked_by(path));
        let (message, hint) = match (broken, draft) {
            (Broken::NoSuchPath, Some(marked_by)) => (
                format!("the link `{}` leads to a draft, which is not published", link.written),
                format!("publish it by removing `draft: true` from {}, or remove the link; `--drafts` includes drafts in a build", marked_by.display()),
            ),
            (Broken::NoSuchPath, None) => (
                format!(
                    "the link `{}` leads to a page that does not exist",
                    link.written
                ),
                "check the path; pages are published at /file-name/ (content/standards.md is /standards/)".to_owned(),
            ),
            (Broken::NoSuchAnchor, _) => (
                format!(
                    "the link `{}` names a heading that does not exist on that page",
                    link.written
                ),
                "check the part after `#`: it must be the id of a heading on the target page".to_owned(),
            ),
        };
        problems.push(located(page, link.span.start, "broken-link", message).with_hint(hint));
    }
    problems
}
