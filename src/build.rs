//! The build pipeline: load → parse → render → write → sign, as a list of stages.
//!
//! Each stage is its own module; this one only sequences them, gathers every problem they find
//! and decides whether anything is published. Output is staged in a temporary folder beside the
//! destination and swapped in only when every stage succeeded, so a failed build leaves the
//! previous one exactly as it was.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tera::Value;

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::content::{self, Content, Page, PageKind, SortBy};
use crate::diagnostic::{Diagnostic, Diagnostics, Rejected, Severity, relative_to};
use crate::exit::Summary;
use crate::feeds;
use crate::links::{Broken, SiteMap, collect_ids};
use crate::markdown::{self, Rendered};
use crate::output::{DirSink, Sink, Staging, file_for};
use crate::render::results as results_view;
use crate::render::surveys::{self, SurveyText};
use crate::render::{PageSummary, SectionLink, Theme, page_value};
use crate::sign;
use crate::survey::{self as survey_definitions, Survey};

/// What the user asked `candor build` to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// Where the finished site goes.
    pub output: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Whether pages marked `draft: true` are published.
    pub drafts: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Files published, including the signature files.
    pub files: usize,
    /// The release number in the signature.
    pub release: u64,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "built {} pages ({} files, signed as release {}) in {} ms",
            self.pages,
            self.files,
            self.release,
            self.elapsed.as_millis()
        )
    }
}

impl Summary for BuildReport {
    fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}

/// Builds the site described by `options` and publishes it at `options.output`.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let mut site = Site::load(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        false,
    )?;
    let staging = Staging::beside(&options.output)?;
    let written = site.write(&DirSink::new(staging.path()))?;
    let signed = sign::sign_release(staging.path(), &site.root, &site.config)?;
    site.warnings.extend(signed.warnings);
    staging.commit()?;
    Ok(BuildReport {
        pages: written.pages,
        files: signed.files,
        release: signed.release,
        elapsed: started.elapsed(),
        warnings: std::mem::take(&mut site.warnings),
    })
}

/// A site loaded, parsed and checked, ready to be written to any [`Sink`].
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub content: Content,
    theme: Theme,
    /// The Markdown of `content.pages[i]`, rendered.
    markdown: Vec<Rendered>,
    /// Index in `content.pages` of each section's listed pages and subsections.
    sections: Vec<SectionTree>,
    /// Survey definitions from `surveys/*.yaml`, published as forms.
    pub surveys: Vec<Survey>,
    /// The Markdown of `surveys[i]`: its intro and its anonymity notice, rendered.
    survey_markdown: Vec<(Rendered, Rendered)>,
    /// For each page with `results:` (by index in `content.pages`): its default template and
    /// the `results` value its template receives.
    results_pages: std::collections::HashMap<usize, (&'static str, Value)>,
    pub warnings: Diagnostics,
}

/// A section's children, as indexes into `content.pages`.
#[derive(Debug, Clone, Default)]
struct SectionTree {
    page: usize,
    pages: Vec<usize>,
    subsections: Vec<usize>,
}

/// What [`Site::write`] produced.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
}

impl Site {
    /// Load and parse stages: reads everything and reports every problem found.
    pub fn load(
        root: &Path,
        base_url: Option<&str>,
        drafts: bool,
        live_reload: bool,
    ) -> Result<Site, Rejected> {
        let mut config = SiteConfig::load(root).map_err(|d| Rejected(d.into()))?;
        if let Some(base_url) = base_url {
            config = config
                .with_base_url(base_url)
                .map_err(|d| Rejected(d.into()))?;
        }
        let (mut content, mut diagnostics) = content::load(root, drafts);
        let theme = match Theme::load(root, &config, &content.data, live_reload) {
            Ok(theme) => Some(theme),
            Err(problems) => {
                diagnostics.extend(problems);
                None
            }
        };
        if let Some(theme) = &theme {
            diagnostics.extend(unknown_templates(&content, theme));
        }
        if !content.pages.iter().any(|p| p.path == "/") {
            content.pages.insert(0, placeholder_home(&config));
            diagnostics.push(
                Diagnostic::warning(
                    "no-home-page",
                    content::CONTENT_DIR,
                    "there is no content/_index.md, so the home page is empty",
                )
                .with_hint("create content/_index.md with a `title` and some text"),
            );
        }
        let markdown: Vec<Rendered> = content
            .pages
            .par_iter()
            .map(|page| markdown::render(page.body(), &page.source, &config.base_path))
            .collect();
        for (page, rendered) in content.pages.iter().zip(&markdown) {
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
        diagnostics.extend(empty_warnings(&content, &sections));
        let (surveys, survey_markdown) =
            load_surveys(root, &config, &content, theme.as_ref(), &mut diagnostics);
        let results_pages = load_results(root, &content, theme.as_ref(), &mut diagnostics);
        let Some(theme) = theme.filter(|_| !diagnostics.has_errors()) else {
            diagnostics.sort();
            return Err(Rejected(diagnostics));
        };
        diagnostics.sort();
        Ok(Site {
            root: root.to_path_buf(),
            config,
            content,
            theme,
            markdown,
            sections,
            surveys,
            survey_markdown,
            results_pages,
            warnings: diagnostics,
        })
    }

    /// Render and write stages: renders every page through the theme into `sink`, copies
    /// assets, writes the feeds, then checks every internal link against what was written.
    pub fn write(&self, sink: &dyn Sink) -> Result<Written, anyhow::Error> {
        let section_of: std::collections::HashMap<usize, &SectionTree> =
            self.sections.iter().map(|tree| (tree.page, tree)).collect();
        let results: Vec<Result<Vec<String>, Diagnostic>> = self
            .content
            .pages
            .par_iter()
            .enumerate()
            .map(|(index, page)| {
                self.write_page(index, page, section_of.get(&index).copied(), sink)
            })
            .collect();

        let mut diagnostics = Diagnostics::new();
        let mut site_map = SiteMap::default();
        let mut failures = Vec::new();
        for ((page, rendered), result) in self.content.pages.iter().zip(&self.markdown).zip(results)
        {
            site_map.add_path(page.path.clone());
            match result {
                Ok(ids) => site_map.add_anchors(&page.path, ids),
                Err(problem) => {
                    // The page exists even though its template failed: links to it are fine.
                    site_map.add_anchors(&page.path, rendered.toc.iter().map(|h| h.id.clone()));
                    failures.push(problem);
                }
            }
        }
        diagnostics.extend(merge_repeated(failures));
        let mut files = self.content.pages.len();
        files += self.copy_files(sink, &mut site_map)?;
        files += self.write_extras(sink, &mut site_map, &mut diagnostics)?;
        files += self.write_surveys(sink, &mut site_map, &mut diagnostics)?;
        self.check_links(&site_map, &mut diagnostics);
        if diagnostics.has_errors() {
            diagnostics.sort();
            return Err(Rejected(diagnostics).into());
        }
        Ok(Written {
            pages: self.content.pages.len(),
            files,
        })
    }

    fn write_page(
        &self,
        index: usize,
        page: &Page,
        tree: Option<&SectionTree>,
        sink: &dyn Sink,
    ) -> Result<Vec<String>, Diagnostic> {
        let rendered = &self.markdown[index];
        let mut value = page_value(page, &rendered.html, &rendered.toc, &self.config);
        let (key, default_template) = match page.kind {
            PageKind::Section => {
                if let Some(tree) = tree {
                    value = self.with_listing(value, tree);
                }
                (
                    "section",
                    if page.path == "/" {
                        "index.html"
                    } else {
                        "section.html"
                    },
                )
            }
            PageKind::Page => ("page", "page.html"),
        };
        let results = self.results_pages.get(&index);
        let default_template = results.map_or(default_template, |(template, _)| template);
        let template = page.front.template.as_deref().unwrap_or(default_template);
        let mut context = Theme::context(&page.path, key, value);
        if let Some((_, view)) = results {
            context.insert_value("results", view.clone());
        }
        let html = self.theme.render(template, &context, Some(&page.source))?;
        sink.write(&file_for(&page.path), html.as_bytes())
            .map_err(|error| Diagnostic::error("io", &page.source, format!("{error:#}")))?;
        Ok(collect_ids(&html))
    }

    /// Adds a section's page list and subsections to its template value.
    fn with_listing(&self, value: Value, tree: &SectionTree) -> Value {
        let pages: Vec<PageSummary> = tree
            .pages
            .iter()
            .map(|&i| PageSummary::of(&self.content.pages[i], &self.config))
            .collect();
        let subsections: Vec<SectionLink> = tree
            .subsections
            .iter()
            .map(|&i| {
                let section = &self.content.pages[i];
                SectionLink {
                    title: section.front.title.clone(),
                    description: section.front.description.clone(),
                    url: self.config.link(&section.path),
                }
            })
            .collect();
        let mut map = value.into_map().unwrap_or_default();
        map.insert("pages".into(), Value::from_serializable(&pages));
        map.insert("subsections".into(), Value::from_serializable(&subsections));
        Value::from(map)
    }

    /// Copies content assets and the theme's static files; returns how many.
    fn copy_files(&self, sink: &dyn Sink, site_map: &mut SiteMap) -> anyhow::Result<usize> {
        let static_dir = self
            .root
            .join("themes")
            .join(&self.config.theme)
            .join("static");
        let mut copies: Vec<(String, PathBuf)> = self
            .content
            .assets
            .iter()
            .map(|asset| (asset.path.clone(), self.root.join(&asset.source)))
            .collect();
        if static_dir.is_dir() {
            for entry in walkdir::WalkDir::new(&static_dir).sort_by_file_name() {
                let entry = entry?;
                if entry.file_type().is_file() {
                    let relative = relative_to(entry.path(), &static_dir);
                    copies.push((
                        format!("/{}", content::slash_path(&relative)),
                        entry.into_path(),
                    ));
                }
            }
        }
        copies
            .par_iter()
            .try_for_each(|(path, from)| sink.copy(path.trim_start_matches('/'), from))?;
        for (path, _) in &copies {
            site_map.add_path(path.clone());
        }
        Ok(copies.len())
    }

    /// Writes the pages every site has: 404, the verification guide, sitemap, feed, robots.txt.
    fn write_extras(
        &self,
        sink: &dyn Sink,
        site_map: &mut SiteMap,
        diagnostics: &mut Diagnostics,
    ) -> anyhow::Result<usize> {
        let listed: Vec<&Page> = self.content.pages.iter().collect();
        let mut files: Vec<(&str, String)> = vec![
            ("/sitemap.xml", feeds::sitemap(&self.config, &listed)),
            ("/atom.xml", feeds::atom(&self.config, &listed)),
            ("/robots.txt", feeds::robots(&self.config)),
        ];
        let signing = serde_json::json!({ "public_key_url": self.config.link("/minisign.pub") });
        let themed = [
            ("/404.html", "404.html", Value::none()),
            (
                "/verify/",
                "verify.html",
                Value::from_serializable(&signing),
            ),
        ];
        for (path, template, value) in themed {
            match self
                .theme
                .render(template, &Theme::context(path, "signing", value), None)
            {
                Ok(html) => files.push((path, html)),
                Err(problem) => diagnostics.push(problem),
            }
        }
        for (path, text) in &files {
            sink.write(&file_for(path), text.as_bytes())?;
            site_map.add_path(*path);
            site_map.add_anchors(path, collect_ids(text));
        }
        for signed in ["/minisign.pub", "/SHA256SUMS", "/SHA256SUMS.minisig"] {
            site_map.add_path(signed);
        }
        Ok(files.len())
    }

    /// Writes the survey list, each survey's form and its offline copy; returns how many.
    fn write_surveys(
        &self,
        sink: &dyn Sink,
        site_map: &mut SiteMap,
        diagnostics: &mut Diagnostics,
    ) -> anyhow::Result<usize> {
        let texts: Vec<SurveyText<'_>> = self
            .surveys
            .iter()
            .zip(&self.survey_markdown)
            .map(|(survey, (intro, anonymity))| SurveyText {
                survey,
                intro_html: &intro.html,
                anonymity_html: &anonymity.html,
            })
            .collect();
        let today = crate::date::Date::today();
        let pages = match surveys::render(&self.theme, &self.config, &self.root, &texts, today) {
            Ok(pages) => pages,
            Err(problems) => {
                diagnostics.extend(problems);
                return Ok(0);
            }
        };
        for page in &pages {
            sink.write(&file_for(&page.path), page.html.as_bytes())?;
            site_map.add_path(page.path.clone());
            site_map.add_anchors(&page.path, collect_ids(&page.html));
        }
        Ok(pages.len())
    }

    /// Reports every internal link in Markdown and in the navigation that leads nowhere.
    fn check_links(&self, site_map: &SiteMap, diagnostics: &mut Diagnostics) {
        for (survey, (intro, anonymity)) in self.surveys.iter().zip(&self.survey_markdown) {
            let form = surveys::form_path(&survey.id);
            for link in intro.links.iter().chain(&anonymity.links) {
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
        for (page, rendered) in self.content.pages.iter().zip(&self.markdown) {
            for link in &rendered.links {
                let Err(broken) =
                    site_map.check(&page.path, link.path.as_deref(), link.fragment.as_deref())
                else {
                    continue;
                };
                let (message, hint) = match broken {
                    Broken::NoSuchPath => (
                        format!(
                            "the link `{}` leads to a page that does not exist",
                            link.written
                        ),
                        "check the path; pages are published at /file-name/ (content/standards.md is /standards/)",
                    ),
                    Broken::NoSuchAnchor => (
                        format!(
                            "the link `{}` names a heading that does not exist on that page",
                            link.written
                        ),
                        "check the part after `#`: it must be the id of a heading on the target page",
                    ),
                };
                diagnostics
                    .push(located(page, link.span.start, "broken-link", message).with_hint(hint));
            }
        }
        for item in &self.config.navigation {
            if site_map.check("/", Some(&item.path), None).is_err() {
                diagnostics.push(
                    Diagnostic::error(
                        "broken-link",
                        CONFIG_FILE,
                        format!(
                            "the navigation entry {:?} leads to {}, which does not exist",
                            item.title, item.path
                        ),
                    )
                    .at(config_line_of(&self.root, &item.path), 0)
                    .with_hint("fix `path:` under `navigation:` in site.yaml"),
                );
            }
        }
    }
}

/// One template mistake fails every page that uses the template: report it once, with a count,
/// instead of once per page.
fn merge_repeated(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    let mut seen: std::collections::HashMap<(Option<PathBuf>, usize, usize), usize> =
        std::collections::HashMap::new();
    for failure in failures {
        let key = (failure.file.clone(), failure.line, failure.column);
        match seen.get(&key) {
            Some(&at) => merged[at].1 += 1,
            None => {
                seen.insert(key, merged.len());
                merged.push((failure, 0));
            }
        }
    }
    merged
        .into_iter()
        .map(|(mut first, more)| {
            if more > 0 {
                let noun = if more == 1 { "page" } else { "pages" };
                first.message.push_str(&format!(" and {more} more {noun}"));
            }
            first
        })
        .collect()
}

/// Reads the survey definitions and renders their Markdown; a site with surveys needs the
/// survey templates, and `/surveys/` must be left to them.
fn load_surveys(
    root: &Path,
    config: &SiteConfig,
    content: &Content,
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
    if let Some(page) = content.pages.iter().find(|p| p.path == surveys::LIST_PATH) {
        diagnostics.push(
            Diagnostic::error(
                "survey",
                &page.source,
                "this page would replace the survey list published at /surveys/",
            )
            .with_hint("move the page elsewhere; the list of surveys is generated"),
        );
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

/// The first line of `site.yaml` that mentions `needle`, to point at a navigation entry; 0 when
/// it cannot be found (the message still names the entry).
fn config_line_of(root: &Path, needle: &str) -> usize {
    std::fs::read_to_string(root.join(CONFIG_FILE))
        .ok()
        .and_then(|text| text.lines().position(|line| line.contains(needle)))
        .map_or(0, |index| index + 1)
}

/// Loads the published results that pages name with `results:` (a survey id, or a series for
/// its trend) and turns each into its template value. A name with no results file is an error
/// at the page's `results:` line.
fn load_results(
    root: &Path,
    content: &Content,
    theme: Option<&Theme>,
    diagnostics: &mut Diagnostics,
) -> std::collections::HashMap<usize, (&'static str, Value)> {
    let mut pages = std::collections::HashMap::new();
    if !content
        .pages
        .iter()
        .any(|page| page.front.results.is_some())
    {
        return pages;
    }
    let (all, problems) = crate::report::results::Results::load_all(root);
    diagnostics.extend(problems);
    for (index, page) in content.pages.iter().enumerate() {
        let Some(name) = &page.front.results else {
            continue;
        };
        let Some(found) = results_view::resolve(&all, name) else {
            diagnostics.push(
                Diagnostic::error(
                    "results",
                    &page.source,
                    format!("there are no published results for `{name}`"),
                )
                .at(content::front_matter_key_line(page, "results"), 1)
                .with_hint(format!(
                    "run `candor-collect report {name}` to write {}/{name}.yaml, or name a survey series",
                    crate::report::results::RESULTS_DIR
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
                .with_hint("copy it from Candor's default theme"),
            );
        }
        pages.insert(index, (template, found.value()));
    }
    pages
}

/// A diagnostic at byte `offset` of `page`'s Markdown body, in file coordinates.
fn located(page: &Page, offset: usize, code: &'static str, message: String) -> Diagnostic {
    Diagnostic::error(code, &page.source, message).at_offset(&page.text, page.body_start + offset)
}

fn unknown_templates(content: &Content, theme: &Theme) -> Diagnostics {
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

/// A home page for a site without `content/_index.md`, so the build still produces a site.
fn placeholder_home(config: &SiteConfig) -> Page {
    let text = format!("---\ntitle: {:?}\n---\n", config.title);
    content::parse_page(
        Path::new("content/_index.md"),
        text,
        "/".to_owned(),
        PageKind::Section,
    )
    .unwrap_or_else(|_| unreachable!("a generated front matter with only a quoted title parses"))
}

/// Finds each section's pages and subsections: a page belongs to the nearest section above it.
fn section_trees(pages: &[Page]) -> Vec<SectionTree> {
    let section_index: std::collections::HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Section)
        .map(|(i, p)| (p.path.as_str(), i))
        .collect();
    let mut trees: std::collections::BTreeMap<usize, SectionTree> = section_index
        .values()
        .map(|&i| {
            (
                i,
                SectionTree {
                    page: i,
                    ..SectionTree::default()
                },
            )
        })
        .collect();
    for (index, page) in pages.iter().enumerate() {
        let mut parent = page.parent_path();
        while let Some(path) = parent {
            if let Some(&section) = section_index.get(path.as_str()) {
                let tree = trees
                    .get_mut(&section)
                    .expect("every section index has a tree");
                match page.kind {
                    PageKind::Page => tree.pages.push(index),
                    PageKind::Section => tree.subsections.push(index),
                }
                break;
            }
            parent = parent_of_path(&path);
        }
    }
    let mut trees: Vec<SectionTree> = trees.into_values().collect();
    for tree in &mut trees {
        sort_pages(&mut tree.pages, pages, pages[tree.page].front.sort_by);
        sort_pages(&mut tree.subsections, pages, SortBy::Weight);
    }
    trees
}

fn parent_of_path(path: &str) -> Option<String> {
    if path == "/" {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    Some(trimmed[..=trimmed.rfind('/')?].to_owned())
}

fn sort_pages(indexes: &mut [usize], pages: &[Page], sort_by: SortBy) {
    indexes.sort_by(|&a, &b| {
        let (a, b) = (&pages[a], &pages[b]);
        let primary = match sort_by {
            SortBy::Weight => a.front.weight.cmp(&b.front.weight),
            SortBy::Date => b.front.date.cmp(&a.front.date),
            SortBy::Title => std::cmp::Ordering::Equal,
        };
        primary
            .then_with(|| a.front.title.cmp(&b.front.title))
            .then_with(|| a.path.cmp(&b.path))
    });
}

/// An empty site or an empty section is probably a mistake: say so, but build.
fn empty_warnings(content: &Content, sections: &[SectionTree]) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    if !content.pages.iter().any(|page| page.kind == PageKind::Page) {
        warnings.push(
            Diagnostic::general(
                Severity::Warning,
                "empty-site",
                "the site has no pages, only sections",
            )
            .with_hint("add Markdown files under content/, e.g. content/code-of-conduct.md"),
        );
    }
    for tree in sections {
        let section = &content.pages[tree.page];
        if section.path != "/" && tree.pages.is_empty() && tree.subsections.is_empty() {
            warnings.push(
                Diagnostic::warning(
                    "empty-section",
                    &section.source,
                    "this section has no pages",
                )
                .with_hint("add Markdown files beside it, or remove the folder"),
            );
        }
    }
    warnings
}
