//! The build pipeline: load → parse → render → write → sign, as a list of stages.
//!
//! Each stage is its own module; this one only sequences them, gathers every problem they find
//! and decides whether anything is published. Output is staged in a temporary folder beside the
//! destination and swapped in only when every stage succeeded, so a failed build leaves the
//! previous one exactly as it was.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bytes::Bytes;
use rayon::prelude::*;
use tera::Value;

use crate::config::SiteConfig;
use crate::content::{self, Content, Page, PageKind};
use crate::diagnostic::{Diagnostic, Diagnostics, Rejected, relative_to};
use crate::exit::Summary;
use crate::feeds;
use crate::incremental::{CachedPage, RenderCache, RenderKey};
use crate::links::{Anchors, SiteMap};
use crate::markdown::{self, Rendered};
use crate::output::{Sink, file_for};
use crate::private_files;
use crate::render::results as results_view;
use crate::render::surveys::{self, SurveyText};
use crate::render::{PageSummary, SectionLink, Theme, page_value};
use crate::sections::{SectionTree, empty_warnings, section_trees};
use crate::sign;
use crate::sources;
use crate::survey::results::Results;
use crate::survey::{self as survey_definitions, Survey};

mod checks;
mod history;
mod languages;
mod link_check;
mod load;

use checks::{PageChecks, all_problems, clashes, generated_files, located};
use languages::{LanguageViews, TranslatedSurvey, load_survey_translations, place_translations};
use load::{add_placeholder_home, load_surveys, render_markdown};

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
    /// Sign with a release key although the site's files have uncommitted changes.
    pub allow_dirty: bool,
    /// The signing key, its password and the build time, as the command line received them.
    pub signing: sign::SigningEnvironment,
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
            "built {} ({}, signed as release {}) in {} ms",
            crate::words::count(self.pages, "page", "pages"),
            crate::words::count(self.files, "file", "files"),
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
    let staging = crate::staging::Staging::for_output(&options.root, &options.output)?;
    let sink = sign::HashingSink::new(staging.path());
    let written = site.write(&sink)?;
    let signed = sign::sign_release(
        sink,
        &site.root,
        &site.config,
        &options.signing,
        options.allow_dirty,
    )?;
    let mut warnings = std::mem::take(&mut site.warnings);
    warnings.extend(signed.warnings);
    // Freeing every page's text and HTML took 40 ms of a 10,000-page build, after its work was
    // done; nothing needs to wait for it.
    // If no thread can be started, the closure and the site are dropped right here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(site));
    staging.commit()?;
    Ok(BuildReport {
        pages: written.pages,
        files: signed.files,
        release: signed.release,
        elapsed: started.elapsed(),
        warnings,
    })
}

/// Where the theme's page for unknown addresses is published.
const NOT_FOUND_PATH: &str = "/404.html";
/// Where the theme's guide to verifying the site is published.
const VERIFY_PATH: &str = "/verify/";

/// A site loaded, parsed and checked, ready to be written to any [`Sink`].
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub content: Content,
    theme: Theme,
    /// The Markdown of `content.pages[i]`, rendered.
    markdown: Vec<Rendered>,
    /// A number given to `content.pages[i]` when it was read, never given to another read: the
    /// same number means the same page, which is what lets a [`RenderCache`] skip it.
    revisions: Vec<u64>,
    next_revision: u64,
    /// Whether `content.pages[0]` stands in for a missing `content/_index.md`.
    placeholder_home: bool,
    /// Index in `content.pages` of each section's listed pages and subsections.
    sections: Vec<SectionTree>,
    /// Each page's translations, and `site` in each language.
    languages: LanguageViews,
    /// Survey definitions from `surveys/*.yaml`, published as forms.
    pub surveys: Vec<Survey>,
    /// The Markdown of `surveys[i]`: its intro and its anonymity notice, rendered.
    survey_markdown: Vec<(Rendered, Rendered)>,
    /// The surveys' translations into the site's other languages.
    translated_surveys: Vec<TranslatedSurvey>,
    /// Every published results file (`surveys/results/*.yaml`), for pages with `results:`.
    results: Vec<Results>,
    /// The pages' history from git, read once per load.
    history: crate::history::SiteHistory,
    /// Markdown files that could not be read or whose front matter is wrong, with why.
    unreadable: BTreeMap<PathBuf, Diagnostics>,
    /// Load problems that no Markdown page can cause or fix: listing `content/`, `data/`,
    /// `surveys/`.
    site_wide: Diagnostics,
    pub warnings: Diagnostics,
}

/// What [`Site::write`] produced.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    /// Pages rendered, as opposed to taken unchanged from a cache.
    pub rendered: usize,
    pub files: usize,
}

/// A file made whole in memory, with the `id`s in it for the link check.
#[derive(Clone)]
pub(crate) struct Document {
    pub bytes: Bytes,
    pub anchors: Anchors,
}

impl Document {
    pub(crate) fn of_html(text: String) -> Document {
        Document {
            anchors: Anchors::of_html(&text),
            bytes: Bytes::from(text),
        }
    }
}

/// What writing one page produced: its anchors, whether it was rendered (or came from a
/// cache), and, when a cache is learning, what to teach it.
struct PageWritten<'c> {
    anchors: Cow<'c, Anchors>,
    rendered: bool,
    fresh: Option<(RenderKey, Bytes)>,
}

impl Site {
    /// Load and parse stages: reads everything and reports every problem found.
    pub fn load(
        root: &Path,
        base_url: Option<&str>,
        drafts: bool,
        live_reload: bool,
    ) -> Result<Site, Rejected> {
        let (mut site, problems) = Site::read(root, base_url, drafts, live_reload)?;
        if problems.has_errors() {
            return Err(Rejected(site.with_later_problems(problems, None)));
        }
        site.warnings = problems;
        Ok(site)
    }

    /// Load and parse stages, keeping the site even when its pages have problems (returned
    /// beside it), so that fixing a page can be a partial reload. Fails only when there is
    /// nothing to keep: `site.yaml` or the theme is unusable.
    pub(crate) fn read(
        root: &Path,
        base_url: Option<&str>,
        drafts: bool,
        live_reload: bool,
    ) -> Result<(Site, Diagnostics), Rejected> {
        let mut config = SiteConfig::load(root).map_err(|d| Rejected(d.into()))?;
        if let Some(base_url) = base_url {
            config = config
                .with_base_url(base_url)
                .map_err(|d| Rejected(d.into()))?;
        }
        crate::history::start_reading(root, &config.history, live_reload);
        let content::Read {
            mut content,
            unreadable,
            problems: mut site_wide,
        } = content::read(root, drafts);
        place_translations(&config, &mut content.pages);
        let theme = Theme::load(root, &config, &content.data, live_reload);
        let (surveys, survey_markdown) =
            load_surveys(root, &config, theme.as_ref().ok(), &mut site_wide);
        let translated_surveys = load_survey_translations(root, &config, &surveys, &mut site_wide);
        let (results, problems) = Results::load_all(root);
        site_wide.extend(problems);
        let (history, problems) = crate::history::read(root, &config, &content.pages, live_reload);
        site_wide.extend(problems);
        let mut markdown = render_markdown(&content.pages, &config);
        let mut revisions: Vec<u64> = (1..=content.pages.len() as u64).collect();
        let mut next_revision = revisions.len() as u64 + 1;
        let placeholder_home = add_placeholder_home(
            &config,
            &mut content.pages,
            &mut markdown,
            &mut revisions,
            &mut next_revision,
        );
        let checked = PageChecks {
            content: &content,
            markdown: &markdown,
            placeholder_home,
            surveys: &surveys,
            results: &results,
        };
        let theme = match theme {
            Ok(theme) => theme,
            Err(problems) => {
                let (_, mut found) = checked.run(None);
                found.extend(problems);
                return Err(Rejected(all_problems(&site_wide, &unreadable, found)));
            }
        };
        let (sections, found) = checked.run(Some(&theme));
        let languages = LanguageViews::of(&config, &content.pages, root, None);
        site_wide.extend(theme.string_problems.clone());
        site_wide.extend(languages.stale_warnings(&content.pages));
        site_wide.extend(crate::history::pages::missing_templates(
            &history, &theme, &config,
        ));
        let problems = all_problems(&site_wide, &unreadable, found);
        let site = Site {
            languages,
            root: root.to_path_buf(),
            config,
            content,
            theme,
            markdown,
            revisions,
            next_revision,
            placeholder_home,
            sections,
            surveys,
            survey_markdown,
            translated_surveys,
            results,
            history,
            unreadable,
            site_wide,
            warnings: Diagnostics::new(),
        };
        Ok((site, problems))
    }

    /// `problems` of the load stage, with those the render and link stages find in the pages
    /// that did load (nothing is written): one run reports every problem it can. A `cache`
    /// spares `candor serve` rendering again, on each save, the pages that did not change.
    pub(crate) fn with_later_problems(
        &self,
        mut problems: Diagnostics,
        cache: Option<&mut RenderCache>,
    ) -> Diagnostics {
        if let Err(error) = self.write_reusing(&crate::output::NullSink, cache) {
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
                    crate::diagnostic::Severity::Error,
                    "io",
                    format!("{error:#}"),
                )),
            }
        }
        problems.sort();
        problems
    }

    /// Whether some load problem is not about any page: only a full load can clear it.
    pub(crate) fn has_site_wide_errors(&self) -> bool {
        self.site_wide.has_errors()
    }

    /// The pages read from `content/`, without the stand-in for a missing home page.
    pub(crate) fn pages_read(&self) -> &[Page] {
        &self.content.pages[usize::from(self.placeholder_home)..]
    }

    /// The source file of every page and of every Markdown file that could not be read.
    pub(crate) fn page_sources(&self) -> impl Iterator<Item = &Path> {
        self.pages_read()
            .iter()
            .map(|page| page.source.as_path())
            .chain(self.unreadable.keys().map(PathBuf::as_path))
    }

    /// Reads the Markdown files `sources` (relative to the root; each one created, changed or
    /// deleted) again, and redoes every load check that spans pages, so that the site is what
    /// [`Site::read`] would now read. Returns the load stage's problems, as `read` does.
    pub(crate) fn reread_pages(&mut self, sources: &[PathBuf]) -> Diagnostics {
        if self.placeholder_home {
            self.remove_page(0);
            self.placeholder_home = false;
        }
        for source in sources {
            self.history.mark_edited(source);
        }
        let fresh: Vec<(&PathBuf, Result<Option<Page>, Diagnostics>)> = sources
            .par_iter()
            .map(|source| {
                let exists = self.root.join(source).exists();
                let page = exists.then(|| content::read_page(&self.root, source));
                (source, page.transpose())
            })
            .collect();
        for (source, result) in fresh {
            self.unreadable.remove(source);
            let same_file = |page: &Page| page.source.as_os_str() == source.as_os_str();
            if let Some(index) = self.content.pages.iter().position(same_file) {
                self.remove_page(index);
            }
            self.content.drafts.forget(source);
            let placed = result.map(|page| page.map(|page| self.placed(page)));
            match placed.map(|page| page.and_then(|page| self.content.drafts.admit(page))) {
                Ok(Some(page)) => self.insert_page(page),
                Ok(None) => {}
                Err(problems) => {
                    self.unreadable.insert(source.clone(), problems);
                }
            }
        }
        self.placeholder_home = add_placeholder_home(
            &self.config,
            &mut self.content.pages,
            &mut self.markdown,
            &mut self.revisions,
            &mut self.next_revision,
        );
        let (sections, found) = PageChecks {
            content: &self.content,
            markdown: &self.markdown,
            placeholder_home: self.placeholder_home,
            surveys: &self.surveys,
            results: &self.results,
        }
        .run(Some(&self.theme));
        self.sections = sections;
        self.languages = self
            .languages
            .again(&self.config, &self.content.pages, &self.root);
        all_problems(&self.site_wide, &self.unreadable, found)
    }

    fn remove_page(&mut self, index: usize) {
        self.content.pages.remove(index);
        self.markdown.remove(index);
        self.revisions.remove(index);
    }

    /// Adds a page where [`content::publishing_order`] puts it, with its Markdown rendered.
    fn insert_page(&mut self, page: Page) {
        let index = self
            .content
            .pages
            .partition_point(|other| content::publishing_order(other, &page).is_lt());
        let rendered = markdown::render(page.body(), &page.source, &self.config.base_path);
        self.content.pages.insert(index, page);
        self.markdown.insert(index, rendered);
        self.revisions.insert(index, self.next_revision);
        self.next_revision += 1;
    }

    /// Render and write stages: renders every page through the theme into `sink`, copies
    /// assets, writes the feeds, then checks every internal link against what was written.
    pub fn write(&self, sink: &dyn Sink) -> Result<Written, anyhow::Error> {
        self.write_reusing(sink, None)
    }

    /// [`Site::write`], taking from `cache` every page whose inputs have not changed since it
    /// was cached instead of rendering it again, and teaching `cache` every page rendered.
    /// With a cache, pages are not written to `sink`: the cache holds them, and its owner
    /// publishes them from there ([`crate::incremental`]). Everything else — feeds, surveys,
    /// the link check over every page — is done as always.
    pub(crate) fn write_reusing(
        &self,
        sink: &dyn Sink,
        mut cache: Option<&mut RenderCache>,
    ) -> Result<Written, anyhow::Error> {
        let copies = self.copies()?;
        if let Some(cache) = cache.as_deref_mut() {
            cache.read_copies(&copies, &self.root)?;
        }
        let reusable = cache.as_deref();
        let section_of: std::collections::HashMap<usize, &SectionTree> =
            self.sections.iter().map(|tree| (tree.page, tree)).collect();
        let results: Vec<Result<PageWritten<'_>, Diagnostic>> = self
            .content
            .pages
            .par_iter()
            .enumerate()
            .map(|(index, page)| {
                let tree = section_of.get(&index).copied();
                self.write_page(index, page, tree, sink, reusable)
            })
            .collect();

        let mut diagnostics = Diagnostics::new();
        let mut site_map = SiteMap::with_capacity(self.content.pages.len() + copies.len());
        let mut failures = Vec::new();
        self.add_unreadable_pages(&mut site_map);
        for (page, result) in self.content.pages.iter().zip(&results) {
            site_map.add_path(page.path.as_str());
            match result {
                Ok(written) => {
                    site_map.add_anchors(page.path.as_str(), Cow::Borrowed(&*written.anchors))
                }
                Err(problem) => {
                    // The page exists even though its template failed, but which headings it
                    // would have is unknown: links to it are not reported, only its error.
                    site_map.add_unverifiable(page.path.as_str());
                    failures.push(problem.clone());
                }
            }
        }
        diagnostics.extend(crate::diagnostic::merge_repeated(failures));
        let mut files = self.content.pages.len();
        files += self.copy_files(sink, &mut site_map, &copies, reusable)?;
        files += self.write_extras(sink, &mut site_map, &mut diagnostics, reusable)?;
        files += self.write_surveys(sink, &mut site_map, &mut diagnostics)?;
        files += self.write_survey_translations(sink, &mut site_map, &mut diagnostics)?;
        files += self.write_history(sink, &mut site_map, &mut diagnostics, &copies)?;
        self.check_links(&site_map, &mut diagnostics);
        drop(site_map);

        let rendered_pages = results
            .iter()
            .filter(|result| result.as_ref().is_ok_and(|written| written.rendered))
            .count();
        // Every page rendered is worth keeping, even if the site as a whole failed: its
        // output is what its inputs produce, whatever happens to other pages.
        let learned: Vec<(String, CachedPage)> = self
            .content
            .pages
            .iter()
            .zip(results)
            .filter_map(|(page, result)| {
                let written = result.ok()?;
                let (key, html) = written.fresh?;
                let anchors = written.anchors.into_owned();
                Some((page.path.clone(), CachedPage { key, html, anchors }))
            })
            .collect();
        if let Some(cache) = cache {
            for (path, page) in learned {
                cache.learn_page(path, page);
            }
            cache.forget_pages_except(self.content.pages.iter().map(|p| p.path.as_str()));
        }
        if diagnostics.has_errors() {
            diagnostics.sort();
            return Err(Rejected(diagnostics).into());
        }
        Ok(Written {
            pages: self.content.pages.len(),
            rendered: rendered_pages,
            files,
        })
    }

    /// What a page's HTML is made from, beyond what stays the same for the life of a `Site`
    /// (configuration, theme, data): the page itself and, for a section, the pages and
    /// subsections it lists, in order.
    fn render_key(&self, index: usize, tree: Option<&SectionTree>) -> RenderKey {
        let revisions = |indexes: &[usize]| indexes.iter().map(|&i| self.revisions[i]).collect();
        let listed: Vec<u64> = tree.map_or_else(Vec::new, |tree| revisions(&tree.pages));
        RenderKey {
            page: self.revisions[index],
            listed_pages: listed
                .into_iter()
                .chain(self.translation_revisions(index))
                .collect(),
            listed_sections: tree.map_or_else(Vec::new, |tree| revisions(&tree.subsections)),
        }
    }

    fn write_page<'c>(
        &self,
        index: usize,
        page: &Page,
        tree: Option<&SectionTree>,
        sink: &dyn Sink,
        cache: Option<&'c RenderCache>,
    ) -> Result<PageWritten<'c>, Diagnostic> {
        let key = cache.map(|_| self.render_key(index, tree));
        if let Some(cached) = cache
            .zip(key.as_ref())
            .and_then(|(c, k)| c.page(&page.path, k))
        {
            return Ok(PageWritten {
                anchors: Cow::Borrowed(&cached.anchors),
                rendered: false,
                fresh: None,
            });
        }
        let html = self.render_page(index, page, tree)?;
        let anchors = Anchors::of_html(&html);
        let html = Bytes::from(html);
        if cache.is_none() {
            sink.write_shared(&file_for(&page.path), html.clone())
                .map_err(|error| Diagnostic::error("io", &page.source, format!("{error:#}")))?;
        }
        Ok(PageWritten {
            anchors: Cow::Owned(anchors),
            rendered: true,
            fresh: key.map(|key| (key, html)),
        })
    }

    fn render_page(
        &self,
        index: usize,
        page: &Page,
        tree: Option<&SectionTree>,
    ) -> Result<String, Diagnostic> {
        let rendered = &self.markdown[index];
        let mut value = page_value(page, &rendered.html, &rendered.toc, &self.config);
        value = crate::history::pages::with_page_history(value, &self.history, page, &self.config);
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
        let results = page
            .front
            .results
            .as_deref()
            .and_then(|name| results_view::resolve(&self.results, name));
        let default_template = results.as_ref().map_or(default_template, |r| r.template());
        let template = page.front.template.as_deref().unwrap_or(default_template);
        let mut context = Theme::context(&page.path, key, Value::none());
        let value = self.with_language(index, value, &mut context);
        context.insert_value(key, value);
        if let Some(results) = results {
            context.insert_value("results", results.value());
        }
        self.theme.render(template, &context, Some(&page.source))
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

    /// Content assets and the theme's static files: where each is published, and its file. A
    /// site's own file replaces the theme's file of the same path, so a site can restyle
    /// itself without forking its theme.
    fn copies(&self) -> anyhow::Result<Vec<(String, PathBuf)>> {
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
        let generated = generated_files(&self.surveys);
        let site_files: HashSet<String> = self
            .content
            .pages
            .iter()
            .map(|page| file_for(&page.path))
            .chain(copies.iter().map(|(path, _)| file_for(path)))
            .collect();
        let (files, mut problems) = sources::walk_files(&self.root, &static_dir, false);
        for from in files {
            let path = format!("/{}", content::slash_path(&relative_to(&from, &static_dir)));
            let file = file_for(&path);
            if generated.iter().any(|g| clashes(g, &file)) {
                problems.push(
                    Diagnostic::error(
                        "generated-path",
                        relative_to(&from, &self.root),
                        format!("publishes at {path}, where Candor publishes a file it generates"),
                    )
                    .with_hint("remove it from the theme's static/ folder"),
                );
            } else if !site_files.contains(&file) {
                copies.push((path, from));
            }
        }
        if !problems.is_empty() {
            return Err(Rejected(problems).into());
        }
        Ok(copies)
    }

    /// Publishes the [`Site::copies`]; returns how many. With a cache, which holds them all,
    /// they are taken from it: they cannot change while it is in use (a change to anything
    /// but a Markdown page means a new `Site`).
    fn copy_files(
        &self,
        sink: &dyn Sink,
        site_map: &mut SiteMap<'_>,
        copies: &[(String, PathBuf)],
        cache: Option<&RenderCache>,
    ) -> anyhow::Result<usize> {
        let failures: Vec<(&Path, anyhow::Error)> = copies
            .par_iter()
            .filter_map(|(path, from)| {
                let relative = path.trim_start_matches('/');
                let copied = match cache.and_then(|cache| cache.copy(from)) {
                    Some(bytes) => sink.write_shared(relative, bytes.clone()),
                    None => sink.copy(relative, from),
                };
                copied.err().map(|error| (from.as_path(), error))
            })
            .collect();
        private_files::copy_failures(&self.root, failures)?;
        for (path, _) in copies {
            site_map.add_path(path.clone());
        }
        Ok(copies.len())
    }

    /// Writes the pages every site has: 404, the verification guide, sitemap, feed, robots.txt.
    /// A `cache` keeps the sitemap, which is as long as the site, for as long as it holds.
    fn write_extras(
        &self,
        sink: &dyn Sink,
        site_map: &mut SiteMap<'_>,
        diagnostics: &mut Diagnostics,
        cache: Option<&RenderCache>,
    ) -> anyhow::Result<usize> {
        let listed: Vec<&Page> = self.content.pages.iter().collect();
        let sitemap = || self.sitemap_xml(&listed);
        let sitemap = match cache {
            Some(cache) => cache.sitemap(&listed, sitemap),
            None => Document::of_html(sitemap()),
        };
        let mut files: Vec<(&str, Document)> = vec![
            (feeds::SITEMAP_PATH, sitemap),
            (
                feeds::FEED_PATH,
                Document::of_html(feeds::atom(&self.config, &self.feed_pages(&listed))),
            ),
            (
                feeds::ROBOTS_PATH,
                Document::of_html(feeds::robots(&self.config)),
            ),
        ];
        let public_key = format!("/{}", sign::PUBLIC_KEY_FILE);
        let signing = serde_json::json!({ "public_key_url": self.config.link(&public_key) });
        let themed = [
            (NOT_FOUND_PATH, "404.html", Value::none()),
            (
                VERIFY_PATH,
                "verify.html",
                Value::from_serializable(&signing),
            ),
        ];
        for (path, template, value) in themed {
            match self
                .theme
                .render(template, &Theme::context(path, "signing", value), None)
            {
                Ok(html) => files.push((path, Document::of_html(html))),
                Err(problem) => diagnostics.push(problem),
            }
        }
        let count = files.len() + self.write_other_feeds(sink, site_map)?;
        for (path, file) in files {
            sink.write_shared(&file_for(path), file.bytes)?;
            site_map.add_path(path);
            site_map.add_anchors(path, Cow::Owned(file.anchors));
        }
        for signed in sign::SIGNATURE_FILES {
            site_map.add_path(format!("/{signed}"));
        }
        Ok(count)
    }

    /// Writes the survey list, each survey's form and its offline copy; returns how many.
    fn write_surveys(
        &self,
        sink: &dyn Sink,
        site_map: &mut SiteMap<'_>,
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
        let versions = |index, context: &mut _| self.add_survey_versions(index, context);
        let (theme, config) = (&self.theme, &self.config);
        let pages = match surveys::render(theme, config, &self.root, &texts, today, &versions) {
            Ok(pages) => pages,
            Err(problems) => {
                diagnostics.extend(problems);
                return Ok(0);
            }
        };
        for page in &pages {
            sink.write(&file_for(&page.path), page.html.as_bytes())?;
            site_map.add_path(page.path.clone());
            site_map.add_anchors(page.path.clone(), Cow::Owned(Anchors::of_html(&page.html)));
        }
        Ok(pages.len())
    }
}
