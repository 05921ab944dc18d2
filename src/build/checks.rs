//! The load stage's site-wide checks: how pages fit together (paths, generated files,
//! templates, results pages, sections), run after every load, full or partial, so that a
//! preview's quick rebuild reports exactly what a full build would.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::plan::{self, Job};
use super::site::{SitePage, SiteSurvey};
use crate::content::{self, Asset, Page};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::file_for;
use crate::render::Theme;
use crate::render::results as results_view;
use crate::sections::{SectionTree, empty_warnings, section_trees};
use crate::survey::results::Results;

/// The load stage's checks that look at how pages fit together — paths, templates, links out
/// of `content/`, sections — run after every load, full or partial, so that both report the
/// same problems.
pub(super) struct PageChecks<'a> {
    pub(super) pages: &'a [SitePage],
    pub(super) assets: &'a [Asset],
    pub(super) placeholder_home: bool,
    pub(super) surveys: &'a [SiteSurvey],
    pub(super) results: &'a [Results],
    /// The feeds and survey translations of the site's other languages.
    pub(super) in_other_languages: Vec<Job>,
}

impl PageChecks<'_> {
    /// The section trees, and the problems found; templates are checked only with a `theme`.
    pub(super) fn run(&self, theme: Option<&Theme>) -> (Vec<SectionTree>, Diagnostics) {
        let pages = self.pages;
        let real_pages = &pages[usize::from(self.placeholder_home)..];
        let mut diagnostics = content::path_collisions(real_pages, self.assets);
        if let Some(theme) = theme {
            diagnostics.extend(unknown_templates(pages, theme));
        }
        diagnostics.extend(results_problems(pages, self.results, theme));
        if self.placeholder_home {
            diagnostics.push(
                Diagnostic::warning(
                    "no-home-page",
                    content::CONTENT_DIR,
                    "there is no content/_index.md, so the home page is empty",
                )
                .with_hint("create content/_index.md with a `title` and some text"),
            );
        }
        for SitePage { page, markdown, .. } in pages {
            for (written, span) in &markdown.outside {
                diagnostics.push(
                    located(
                        page,
                        span.start,
                        "broken-link",
                        format!("the link `{written}` points outside content/"),
                    )
                    .with_hint("link to pages by their site path, e.g. `/code-of-conduct/`"),
                );
            }
        }
        let sections = section_trees(pages);
        diagnostics.extend(empty_warnings(pages, &sections));
        diagnostics.extend(generated_path_collisions(
            pages,
            self.assets,
            self.surveys,
            self.in_other_languages.clone(),
        ));
        (sections, diagnostics)
    }
}

/// Pages and content files that would replace a file Candor generates, or need a folder
/// where it writes one: a filter over the generated jobs of the plan ([`super::plan`]).
fn generated_path_collisions(
    pages: &[SitePage],
    assets: &[Asset],
    surveys: &[SiteSurvey],
    in_other_languages: Vec<Job>,
) -> Diagnostics {
    let generated = plan::generated_files(surveys, in_other_languages);
    let sources = pages
        .iter()
        .map(|p| (p.page.path.as_str(), p.page.source.as_path()))
        .chain(assets.iter().map(|a| (a.path.as_str(), a.source.as_path())));
    sources
        .filter(|(path, _)| plan::clashes_with_any(&generated, &file_for(path)))
        .map(|(path, source)| {
            Diagnostic::error(
                "generated-path",
                source,
                format!("publishes at {path}, where Candor publishes a file it generates"),
            )
            .with_hint("move or rename this file; the generated one cannot be replaced")
        })
        .collect()
}

/// Pages whose `results:` names no published results (an error at that line), or whose
/// results template the theme lacks.
fn results_problems(pages: &[SitePage], all: &[Results], theme: Option<&Theme>) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    for SitePage { page, .. } in pages {
        let Some(name) = &page.front.results else {
            continue;
        };
        let Some(found) = results_view::resolve(all, name) else {
            diagnostics.push(
                Diagnostic::error(
                    "results",
                    &page.source,
                    format!("there are no published results for `{name}`"),
                )
                .at(content::front_matter_key_line(page, "results"), 1)
                .with_hint(format!(
                    "run `candor-collect report {name}` to write {}/{name}.yaml, or name a survey series",
                    crate::survey::results::RESULTS_DIR
                )),
            );
            continue;
        };
        let template = found.template();
        if let Some(theme) = theme
            && page.front.template.is_none()
            && !theme.has(template)
        {
            diagnostics.push(
                Diagnostic::error(
                    "theme",
                    &page.source,
                    format!("this page shows results, but the theme has no `{template}` template"),
                )
                .at(content::front_matter_key_line(page, "results"), 1)
                .with_hint("copy it from Candor's default theme"),
            );
        }
    }
    diagnostics
}

/// Every problem of the load stage, in the order they are reported.
pub(super) fn all_problems(
    site_wide: &Diagnostics,
    unreadable: &BTreeMap<PathBuf, Diagnostics>,
    found: Diagnostics,
) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.extend(site_wide.iter().cloned());
    all.extend(unreadable.values().flat_map(|d| d.iter().cloned()));
    all.extend(crate::sections::not_empty_when_unread(found, unreadable));
    all.sort();
    all
}

/// A diagnostic at byte `offset` of `page`'s Markdown body, in file coordinates.
pub(super) fn located(
    page: &Page,
    offset: usize,
    code: &'static str,
    message: String,
) -> Diagnostic {
    Diagnostic::error(code, &page.source, message).at_offset(&page.text, page.body_start + offset)
}

fn unknown_templates(pages: &[SitePage], theme: &Theme) -> Diagnostics {
    pages
        .iter()
        .map(|record| &record.page)
        .filter_map(|page| {
            let name = page.front.template.as_deref()?;
            (!theme.has(name)).then(|| {
                Diagnostic::error("unknown-template", &page.source, format!("the template `{name}` does not exist"))
                    .at(content::front_matter_key_line(page, "template"), 1)
                    .with_hint("use a template from the theme's templates/ folder or the site's templates/ folder")
            })
        })
        .collect()
}
