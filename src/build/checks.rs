//! The load stage's site-wide checks: how pages fit together (paths, generated files,
//! templates, results pages, sections), run after every load, full or partial, so that a
//! preview's quick rebuild reports exactly what a full build would.

use super::*;

/// The load stage's checks that look at how pages fit together — paths, templates, links out
/// of `content/`, sections — run after every load, full or partial, so that both report the
/// same problems.
pub(super) struct PageChecks<'a> {
    pub(super) content: &'a Content,
    pub(super) markdown: &'a [Rendered],
    pub(super) placeholder_home: bool,
    pub(super) surveys: &'a [Survey],
    pub(super) results: &'a [Results],
}

impl PageChecks<'_> {
    /// The section trees, and the problems found; templates are checked only with a `theme`.
    pub(super) fn run(&self, theme: Option<&Theme>) -> (Vec<SectionTree>, Diagnostics) {
        let content = self.content;
        let real_pages = &content.pages[usize::from(self.placeholder_home)..];
        let mut diagnostics = content::path_collisions(real_pages, &content.assets);
        if let Some(theme) = theme {
            diagnostics.extend(unknown_templates(content, theme));
        }
        diagnostics.extend(results_problems(content, self.results, theme));
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
        for (page, rendered) in content.pages.iter().zip(self.markdown) {
            for (written, span) in &rendered.outside {
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
        let sections = section_trees(&content.pages);
        diagnostics.extend(empty_warnings(content, &sections));
        diagnostics.extend(generated_path_collisions(content, self.surveys));
        (sections, diagnostics)
    }
}

/// The files every build publishes beside the site's own (see [`Site::write_extras`] and
/// [`Site::write_surveys`]), the sitemap and signature among them, as [`file_for`] names them.
pub(super) fn generated_files(surveys: &[Survey]) -> Vec<String> {
    let extras = [
        feeds::SITEMAP_PATH,
        feeds::FEED_PATH,
        feeds::ROBOTS_PATH,
        NOT_FOUND_PATH,
        VERIFY_PATH,
    ];
    let mut paths: Vec<String> = extras.map(str::to_owned).into();
    if !surveys.is_empty() {
        paths.push(surveys::LIST_PATH.to_owned());
    }
    for survey in surveys {
        paths.push(surveys::form_path(&survey.id));
        paths.push(surveys::offline_path(&survey.id));
    }
    let mut files: Vec<String> = paths.iter().map(|path| file_for(path)).collect();
    files.extend(sign::SIGNATURE_FILES.map(str::to_owned));
    files
}

/// Whether two published files cannot both be written: they are the same file, or one is
/// where the other needs a folder (`robots.txt` and `robots.txt/x`).
pub(super) fn clashes(a: &str, b: &str) -> bool {
    let inside = |outer: &str, inner: &str| {
        inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    a == b || inside(a, b) || inside(b, a)
}

/// Pages and content files that would replace a file Candor generates, or need a folder
/// where it writes one.
pub(super) fn generated_path_collisions(content: &Content, surveys: &[Survey]) -> Diagnostics {
    let generated = generated_files(surveys);
    let sources = content
        .pages
        .iter()
        .map(|p| (p.path.as_str(), p.source.as_path()))
        .chain(
            content
                .assets
                .iter()
                .map(|a| (a.path.as_str(), a.source.as_path())),
        );
    sources
        .filter(|(path, _)| {
            let file = file_for(path);
            generated.iter().any(|g| clashes(g, &file))
        })
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
pub(super) fn results_problems(
    content: &Content,
    all: &[Results],
    theme: Option<&Theme>,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    for page in &content.pages {
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

pub(super) fn unknown_templates(content: &Content, theme: &Theme) -> Diagnostics {
    content
        .pages
        .iter()
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
