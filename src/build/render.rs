//! What each rendered job makes: a page through its template, a feed, a theme page, a survey
//! page. Each returns its text; only the executor ([`super::execute`]) writes.

use std::sync::OnceLock;

use tera::Value;

use super::plan::Job;
use super::site::Site;
use crate::config::SiteConfig;
use crate::content::{Page, PageKind};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::feeds;
use crate::history::SiteHistory;
use crate::history::pages as history_pages;
use crate::history::redirects::redirect_page;
use crate::history::what_changed::{self, Changes};
use crate::interface_strings::Phrasebook;
use crate::render::results as results_view;
use crate::render::results_words::ResultsWords;
use crate::render::surveys::{self, Inline, SurveyText};
use crate::render::{PageSummary, SectionLink, Theme, page_value};
use crate::sections::SectionTree;

/// What several jobs read, made once per run of the executor rather than once per job.
pub(super) struct Inputs<'s> {
    /// Every page, for the sitemap and the feed.
    pub(super) listed: Vec<&'s Page>,
    /// The date survey pages are rendered as of.
    today: Date,
    /// Each survey with its Markdown rendered.
    surveys: Vec<SurveyText<'s>>,
    /// The theme's assets the offline forms inline; `None` without surveys.
    inline: Option<Result<Inline, Diagnostics>>,
    /// What the "What changed" page and its feed list, made by the first of them rendered
    /// (a build that publishes neither, or a preview save that renders neither, never makes
    /// it); `None` without history.
    changes: Option<OnceLock<Changes<'s>>>,
    history: &'s SiteHistory,
    config: &'s SiteConfig,
}

impl<'s> Inputs<'s> {
    pub(super) fn of(site: &'s Site) -> Inputs<'s> {
        let surveys: Vec<SurveyText<'s>> = site
            .surveys
            .iter()
            .map(|record| SurveyText {
                survey: &record.survey,
                intro_html: &record.intro.html,
                anonymity_html: &record.anonymity.html,
            })
            .collect();
        let is_encrypted = surveys.iter().any(|text| text.survey.encryption.is_some());
        let inline = (!surveys.is_empty())
            .then(|| surveys::inline_assets(&site.root, &site.config.theme, is_encrypted));
        let changes = (site.history.available).then(OnceLock::new);
        Inputs {
            listed: site.pages.iter().map(|record| &record.page).collect(),
            today: Date::today(),
            surveys,
            inline,
            changes,
            history: &site.history,
            config: &site.config,
        }
    }

    /// What the "What changed" page and its feed list; `None` without history.
    fn changes(&self) -> Option<&Changes<'s>> {
        let changes = self.changes.as_ref()?;
        Some(changes.get_or_init(|| Changes::of(self.history, self.config)))
    }

    /// Why no survey page can be made: the theme's assets for offline forms are unreadable.
    /// Survey pages are then left out, and only this is reported.
    pub(super) fn survey_problems(&self) -> Option<&Diagnostics> {
        self.inline.as_ref()?.as_ref().err()
    }
}

/// What a rendered job is: its text, or why its template failed. `None` for a job that is not
/// rendered (a page, which the executor renders with [`Site::render_page`] to use its cache; a
/// copied file; a signature file).
pub(super) fn make(
    site: &Site,
    job: &Job,
    inputs: &Inputs<'_>,
) -> Option<Result<String, Diagnostic>> {
    let config = &site.config;
    let theme = &site.theme;
    Some(match job {
        Job::Page { .. } | Job::Section { .. } | Job::Copy { .. } | Job::Signature { .. } => {
            return None;
        }
        Job::Sitemap => Ok(site.sitemap_xml(&inputs.listed)),
        Job::Feed => Ok(feeds::atom(config, &site.feed_pages(&inputs.listed))),
        Job::LanguageFeed { language, .. } => Ok(site.language_feed(&inputs.listed, *language)),
        Job::Robots => Ok(feeds::robots(config)),
        Job::NotFound => site.render_not_found(0),
        Job::TranslatedNotFound { language, .. } => site.render_not_found(*language),
        Job::VerifyGuide => site.render_verify_guide(0),
        Job::TranslatedVerifyGuide { language, .. } => site.render_verify_guide(*language),
        Job::SurveyList
        | Job::SurveyForm { .. }
        | Job::SurveyOffline { .. }
        | Job::TranslatedSurveyForm { .. }
        | Job::TranslatedSurveyOffline { .. }
        | Job::TranslatedSurveyList { .. } => {
            // Survey pages are made only when the offline forms can be.
            let inline = inputs.inline.as_ref()?.as_ref().ok()?;
            survey_page(site, job, inputs, inline)?
        }
        Job::Revision {
            page,
            revision,
            path,
        } => {
            let page = &site.pages[*page].page;
            let language =
                |context: &mut tera::Context| site.insert_language(page.language, context);
            history_pages::render_revision(
                &site.history,
                theme,
                config,
                page,
                *revision,
                path,
                &language,
            )
        }
        Job::WhatChanged { number, path } => {
            let changes = inputs.changes()?;
            what_changed::render_what_changed(&site.history, theme, config, changes, *number, path)
        }
        Job::WhatChangedFeed => Ok(what_changed::what_changed_feed(config, inputs.changes()?)),
        Job::Redirect { to, .. } => {
            let page = &site.pages[*to].page;
            let words = site.phrasebook(page.language);
            Ok(redirect_page(
                config,
                page.language,
                &words,
                &page.path,
                &page.front.title,
            ))
        }
    })
}

/// A survey page's text; `None` for any other job.
fn survey_page(
    site: &Site,
    job: &Job,
    inputs: &Inputs<'_>,
    inline: &Inline,
) -> Option<Result<String, Diagnostic>> {
    let (theme, config, today) = (&site.theme, &site.config, inputs.today);
    Some(match job {
        Job::SurveyList => site.render_survey_list(0, &inputs.surveys, today),
        Job::TranslatedSurveyList { language, .. } => {
            site.render_survey_list(*language, &inputs.surveys, today)
        }
        Job::SurveyForm { survey } => {
            let versions = |context: &mut tera::Context| site.add_survey_versions(*survey, context);
            let text = &inputs.surveys[*survey];
            surveys::render_form(theme, config, text, today, "", &versions)
        }
        Job::SurveyOffline { survey } => {
            let versions = |context: &mut tera::Context| site.add_survey_versions(*survey, context);
            let text = &inputs.surveys[*survey];
            surveys::render_offline(theme, config, text, today, inline, "", &versions)
        }
        Job::TranslatedSurveyForm { translation, .. } => {
            site.render_translated_survey(*translation, today, None)
        }
        Job::TranslatedSurveyOffline { translation, .. } => {
            site.render_translated_survey(*translation, today, Some(inline))
        }
        _ => return None,
    })
}

impl Site {
    /// Renders `pages[index]` through its template; `tree` is what it lists, for a section.
    pub(super) fn render_page(
        &self,
        index: usize,
        tree: Option<&SectionTree>,
    ) -> Result<String, Diagnostic> {
        let record = &self.pages[index];
        let (page, rendered) = (&record.page, &record.markdown);
        let (key, default_template) = match page.kind {
            PageKind::Section if page.path == "/" => ("section", "index.html"),
            PageKind::Section => ("section", "section.html"),
            PageKind::Page => ("page", "page.html"),
        };
        let mut context = Theme::context(&page.path, key, Value::none());
        let language = self.page_language(index, &mut context);
        let history = history_pages::page_history_view(&self.history, page, &self.config);
        let mut value = page_value(
            page,
            &rendered.html,
            &rendered.toc,
            &self.config,
            language,
            history,
        );
        if let Some(tree) = tree.filter(|_| page.kind == PageKind::Section) {
            value = self.with_listing(value, tree);
        }
        let results = page
            .front
            .results
            .as_deref()
            .and_then(|name| results_view::resolve(&self.results, name));
        let default_template = results.as_ref().map_or(default_template, |r| r.template());
        let template = page.front.template.as_deref().unwrap_or(default_template);
        context.insert_value(key, value);
        if let Some(results) = results {
            let words = ResultsWords::new(self.phrasebook(page.language));
            let translation = |id: &str| self.survey_in_language(id, page.language);
            context.insert_value("results", results.value(&words, &translation));
        }
        self.theme.render(template, &context, Some(&page.source))
    }

    /// The theme's interface strings in `language` (an index into the site's languages).
    fn phrasebook(&self, language: usize) -> Phrasebook<'_> {
        let code = (language > 0).then(|| self.config.languages.all()[language].code.as_str());
        Phrasebook::new(&self.theme.strings, code)
    }

    /// Adds a section's page list and subsections to its template value.
    fn with_listing(&self, value: Value, tree: &SectionTree) -> Value {
        let pages: Vec<PageSummary> = tree
            .pages
            .iter()
            .map(|&i| PageSummary::of(&self.pages[i].page, &self.config))
            .collect();
        let subsections: Vec<SectionLink> = tree
            .subsections
            .iter()
            .map(|&i| {
                let section = &self.pages[i].page;
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
}
