//! Loading helpers of the build: survey definitions, Markdown rendering, and the placeholder
//! home page that lets a site without `content/_index.md` still build.

use super::*;

/// Reads the survey definitions and renders their Markdown; a site with surveys needs the
/// survey templates (and `/surveys/` must be left to them: see [`PageChecks`]).
pub(super) fn load_surveys(
    root: &Path,
    config: &SiteConfig,
    theme: Option<&Theme>,
    diagnostics: &mut Diagnostics,
) -> (Vec<Survey>, Vec<(Rendered, Rendered)>) {
    let (surveys, problems) = survey_definitions::load_all(root);
    diagnostics.extend(problems);
    if surveys.is_empty() {
        return (surveys, Vec::new());
    }
    if let Some(theme) = theme {
        diagnostics.extend(surveys::missing_templates(theme, &config.theme));
    }
    let markdown = surveys
        .par_iter()
        .map(|survey| {
            let render = |text: &str| markdown::render(text, &survey.file, &config.base_path);
            (render(&survey.intro), render(&survey.anonymity))
        })
        .collect();
    (surveys, markdown)
}

pub(super) fn render_markdown(pages: &[Page], config: &SiteConfig) -> Vec<Rendered> {
    pages
        .par_iter()
        .map(|page| markdown::render(page.body(), &page.source, &config.base_path))
        .collect()
}

/// Puts a [`placeholder_home`] first when no page is published at `/`; returns whether it did.
pub(super) fn add_placeholder_home(
    config: &SiteConfig,
    pages: &mut Vec<Page>,
    markdown: &mut Vec<Rendered>,
    revisions: &mut Vec<u64>,
    next_revision: &mut u64,
) -> bool {
    if pages.iter().any(|p| p.path == "/") {
        return false;
    }
    let home = placeholder_home(config);
    markdown.insert(
        0,
        markdown::render(home.body(), &home.source, &config.base_path),
    );
    pages.insert(0, home);
    revisions.insert(0, *next_revision);
    *next_revision += 1;
    true
}

/// A home page for a site without `content/_index.md`, so the build still produces a site.
/// Made directly, not by writing the title into YAML and parsing it: no quoting of a title
/// can then fail to parse.
pub(super) fn placeholder_home(config: &SiteConfig) -> Page {
    Page {
        source: PathBuf::from("content/_index.md"),
        kind: PageKind::Section,
        path: "/".to_owned(),
        front: content::FrontMatter::titled(config.title.clone()),
        text: String::new(),
        body_start: 0,
        language: 0,
    }
}
