//! The load stage: reads `site.yaml`, `content/`, `data/`, the theme, the survey definitions and
//! the published results into a [`Site`], renders every Markdown text, and runs the site-wide
//! checks ([`super::checks`]). A preview's partial reload ([`Site::reread_pages`]) reads only
//! the saved pages again and runs the same checks, so both report the same problems.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::checks::{PageChecks, all_problems};
use super::languages::{LanguageViews, language_jobs, load_survey_translations};
use super::site::{Site, SitePage, SiteSurvey, render_survey_words};
use crate::config::SiteConfig;
use crate::content::{self, Page, PageKind};
use crate::diagnostic::{Diagnostics, Rejected};
use crate::markdown;
use crate::render::Theme;
use crate::render::surveys;
use crate::survey as survey_definitions;
use crate::survey::results::Results;
use crate::translation_history::{FileHistory, PendingFileHistory};
use crate::translation_links::TranslationLinks;

impl Site {
    /// Load and check stages: reads everything and reports every problem found.
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

    /// Load and check stages, keeping the site even when its pages have problems (returned
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
        let translation_history = match config.languages.is_multilingual() {
            true => FileHistory::start_reading(root),
            false => PendingFileHistory::Read(FileHistory::default()),
        };
        crate::history::start_reading(
            root,
            &config.history,
            live_reload,
            crate::history::pages::theme_files_publish_changes(root, &config),
        );
        let content::Read {
            mut content,
            unreadable,
            problems: mut site_wide,
        } = content::read(root, drafts, Some(&config.languages));
        let translated_data = crate::data_translations::split(&mut content.data, &config.languages);
        let theme = Theme::load(root, &config, &content.data, live_reload);
        let surveys = load_surveys(root, &config, theme.as_ref().ok(), &mut site_wide);
        let translated_surveys = load_survey_translations(root, &config, &surveys, &mut site_wide);
        let (results, problems) = Results::load_all(root);
        site_wide.extend(problems);
        let words = markdown_words(&config, theme.as_ref().ok());
        let mut pages = render_markdown(content.pages, &config, &words);
        // Collected after the Markdown is rendered: git and the history cache are read on a
        // thread of their own, which would otherwise leave a core idle while the build waits.
        let publishes_changes =
            (theme.as_ref()).is_ok_and(crate::history::pages::publishes_changes);
        let (history, problems) =
            crate::history::read(root, &config, &pages, live_reload, publishes_changes);
        site_wide.extend(problems);
        let mut next_revision = pages.len() as u64 + 1;
        let placeholder_home = add_placeholder_home(&config, &mut pages, &mut next_revision);
        let checked = PageChecks {
            pages: &pages,
            assets: &content.assets,
            placeholder_home,
            surveys: &surveys,
            results: &results,
            in_other_languages: language_jobs(&config, &surveys, &translated_surveys),
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
        let languages =
            LanguageViews::of(&config, &pages, translation_history, !surveys.is_empty())
                .with_data(translated_data);
        site_wide.extend(theme.string_problems.clone());
        site_wide.extend(languages.stale_warnings(&pages));
        site_wide.extend(crate::history::pages::missing_templates(
            &history, &theme, &config,
        ));
        let problems = all_problems(&site_wide, &unreadable, found);
        let site = Site {
            languages,
            root: root.to_path_buf(),
            config,
            theme,
            pages,
            assets: content.assets,
            drafts: content.drafts,
            next_revision,
            placeholder_home,
            sections,
            surveys,
            translated_surveys,
            results,
            history,
            unreadable,
            site_wide,
            warnings: Diagnostics::new(),
        };
        Ok((site, problems))
    }

    /// Reads the Markdown files `sources` (relative to the root; each one created, changed or
    /// deleted) again, and redoes every load check that spans pages, so that the site is what
    /// [`Site::read`] would now read. Returns the load stage's problems, as `read` does.
    pub(crate) fn reread_pages(&mut self, sources: &[PathBuf]) -> Diagnostics {
        if self.placeholder_home {
            self.pages.remove(0);
            self.placeholder_home = false;
        }
        for source in sources {
            self.history.mark_edited(source);
        }
        let fresh: Vec<(&PathBuf, Result<Option<Page>, Diagnostics>)> = sources
            .par_iter()
            .map(|source| {
                let exists = self.root.join(source).exists();
                let languages = Some(&self.config.languages);
                let page = exists.then(|| content::read_page(&self.root, source, languages));
                (source, page.transpose())
            })
            .collect();
        // New pages are read with the translations there were; if those changed,
        // `retarget_links_again` renders what now leads elsewhere.
        let links = self.translation_links();
        let words = markdown_words(&self.config, Some(&self.theme));
        for (source, result) in fresh {
            self.unreadable.remove(source);
            let same_file = |page: &SitePage| page.page.source.as_os_str() == source.as_os_str();
            if let Some(index) = self.pages.iter().position(same_file) {
                self.pages.remove(index);
            }
            self.drafts.forget(source);
            match result.map(|page| page.and_then(|page| self.drafts.admit(page))) {
                Ok(Some(page)) => self.insert_page(page, &links, &words),
                Ok(None) => {}
                Err(problems) => {
                    self.unreadable.insert(source.clone(), problems);
                }
            }
        }
        self.retarget_links_again(&links);
        self.placeholder_home =
            add_placeholder_home(&self.config, &mut self.pages, &mut self.next_revision);
        let (sections, found) = PageChecks {
            pages: &self.pages,
            assets: &self.assets,
            placeholder_home: self.placeholder_home,
            surveys: &self.surveys,
            results: &self.results,
            in_other_languages: self.language_jobs(),
        }
        .run(Some(&self.theme));
        self.sections = sections;
        let has_surveys = !self.surveys.is_empty();
        self.languages = (self.languages).again(&self.config, &self.pages, has_surveys);
        all_problems(&self.site_wide, &self.unreadable, found)
    }

    /// Adds a page where [`content::publishing_order`] puts it, with its Markdown rendered.
    fn insert_page(&mut self, page: Page, links: &TranslationLinks, words: &[markdown::Words]) {
        let index = self
            .pages
            .partition_point(|other| content::publishing_order(&other.page, &page).is_lt());
        let record = site_page(page, &self.config, self.next_revision, links, words);
        self.next_revision += 1;
        self.pages.insert(index, record);
    }
}

/// The words Candor writes into pages' Markdown (heading anchors, task boxes) in each language
/// of the site, by its index, from the theme's strings; English where the theme has none.
fn markdown_words(config: &SiteConfig, theme: Option<&Theme>) -> Vec<markdown::Words> {
    let english = markdown::Words::english();
    (config.languages.all().iter())
        .map(|language| {
            let word = |key: &str, default: &str| {
                (theme.and_then(|theme| theme.strings.plain_html(Some(&language.code), key)))
                    .and_then(|html| html.as_str())
                    .unwrap_or(default)
                    .to_owned()
            };
            markdown::Words {
                heading_anchor: word("heading-anchor", &english.heading_anchor),
                task_done: word("task-done", &english.task_done),
                task_not_done: word("task-not-done", &english.task_not_done),
            }
        })
        .collect()
}

/// A page's Markdown rendered: its links leading to translations as `links` says, the words
/// Candor writes into it in its language.
fn render_page_markdown(
    page: &Page,
    config: &SiteConfig,
    links: &TranslationLinks,
    words: &[markdown::Words],
) -> markdown::Rendered {
    let retarget = |path: &str| links.retarget(path, page.language);
    let words = (words.get(page.language)).unwrap_or(markdown::Words::english());
    markdown::render_with(
        page.body(),
        &page.source,
        &config.base_path,
        &retarget,
        words,
    )
}

/// A page as a record: its Markdown rendered, its links leading to translations as `links`
/// says, and its revision.
fn site_page(
    page: Page,
    config: &SiteConfig,
    revision: u64,
    links: &TranslationLinks,
    words: &[markdown::Words],
) -> SitePage {
    let markdown = render_page_markdown(&page, config, links, words);
    SitePage {
        page,
        markdown,
        revision,
    }
}

/// Reads the survey definitions and renders their Markdown; a site with surveys needs the
/// survey templates (and `/surveys/` must be left to them: see [`PageChecks`]).
fn load_surveys(
    root: &Path,
    config: &SiteConfig,
    theme: Option<&Theme>,
    diagnostics: &mut Diagnostics,
) -> Vec<SiteSurvey> {
    let (surveys, problems) = survey_definitions::load_all(root);
    diagnostics.extend(problems);
    if surveys.is_empty() {
        return Vec::new();
    }
    if let Some(theme) = theme {
        diagnostics.extend(surveys::missing_templates(theme, &config.theme));
    }
    surveys
        .into_par_iter()
        .map(|survey| {
            let (intro, anonymity) = render_survey_words(&survey, config);
            SiteSurvey {
                intro,
                anonymity,
                survey,
            }
        })
        .collect()
}

impl Site {
    /// Where the links of the site's pages lead, with the translations it has now.
    fn translation_links(&self) -> TranslationLinks {
        let pages = self.pages.iter().map(|record| &record.page);
        TranslationLinks::of(pages, &self.config.languages)
    }

    /// After pages were read again: when translations came or went, renders again the pages
    /// whose links lead elsewhere now (a translation's links to pages of its language), so that
    /// the site is what a full build makes.
    fn retarget_links_again(&mut self, read_with: &TranslationLinks) {
        let now = self.translation_links();
        if now.translated == read_with.translated {
            return;
        }
        let config = &self.config;
        let words = markdown_words(config, Some(&self.theme));
        let renders: Vec<Option<markdown::Rendered>> = (self.pages.par_iter())
            .map(|record| {
                let page = &record.page;
                if page.language == 0 {
                    return None;
                }
                let again = render_page_markdown(page, config, &now, &words);
                (again.html != record.markdown.html).then_some(again)
            })
            .collect();
        for (record, again) in self.pages.iter_mut().zip(renders) {
            if let Some(again) = again {
                record.markdown = again;
                record.revision = self.next_revision;
                self.next_revision += 1;
            }
        }
    }
}

/// Every page as a record, numbered from 1 in order.
fn render_markdown(
    pages: Vec<Page>,
    config: &SiteConfig,
    words: &[markdown::Words],
) -> Vec<SitePage> {
    let links = TranslationLinks::of(&pages, &config.languages);
    pages
        .into_par_iter()
        .enumerate()
        .map(|(index, page)| site_page(page, config, index as u64 + 1, &links, words))
        .collect()
}

/// Puts a [`placeholder_home`] first when no page is published at `/`; returns whether it did.
fn add_placeholder_home(
    config: &SiteConfig,
    pages: &mut Vec<SitePage>,
    next_revision: &mut u64,
) -> bool {
    if pages.iter().any(|p| p.page.path == "/") {
        return false;
    }
    pages.insert(
        0,
        site_page(
            placeholder_home(config),
            config,
            *next_revision,
            &TranslationLinks::default(),
            &[],
        ),
    );
    *next_revision += 1;
    true
}

/// A home page for a site without `content/_index.md`, so the build still produces a site.
/// Made directly, not by writing the title into YAML and parsing it: no quoting of a title
/// can then fail to parse.
fn placeholder_home(config: &SiteConfig) -> Page {
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
