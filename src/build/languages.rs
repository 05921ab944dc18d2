//! What the build adds for a site in several languages: translations placed under their
//! language's prefix, each page's versions and its language's `site` in its template context,
//! the feed of each other language and each survey's translations, as jobs of the plan
//! ([`super::plan`]). On a site in one language each step returns at once.

use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use tera::Value;

use super::plan::Job;
use super::site::{Site, SitePage, SiteSurvey, render_survey_words};
use crate::config::SiteConfig;
use crate::content::Page;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::feeds;
use crate::markdown::Rendered;
use crate::render::alternates::insert_versions;
use crate::render::surveys::{self, Inline, SurveyText};
use crate::render::{PageLanguage, site_value_in};
use crate::survey::Survey;
use crate::translation_history::{Change, FileHistory, PendingFileHistory};
use crate::translations::{self, Translations};

/// What the build knows of a site's languages beyond `site.yaml`: which pages are versions of
/// one another, and `site` as each language other than the default sees it.
#[derive(Default)]
pub(super) struct LanguageViews {
    pub(super) translations: Translations,
    /// `site` for the pages of language `i + 1`; the default language's is Tera's global one.
    sites: Vec<Value>,
    /// A fingerprint of `sites[i]`'s navigation, which a new translation of a navigation
    /// target changes: part of the render key of every page of that language.
    site_keys: Vec<u64>,
    /// When each file last changed in git, to find stale translations.
    pub(super) history: FileHistory,
    /// For each page, once asked: the index of its original and the original's last change,
    /// when it is a stale translation. A build asks twice per translation (its warning, its
    /// notice), and each answer is two look-ups in a map of every file.
    stale_found: Vec<OnceLock<Option<(usize, Change)>>>,
    /// `data` for the pages of language `i + 1` when it translates a data file.
    data: crate::data_translations::DataByLanguage,
}

impl LanguageViews {
    /// The views of `pages`, with `history`, the git history of the content (waited for only
    /// when the site has translations; a preview's rebuild after a save passes the history it
    /// already has). `has_surveys`: the survey list is published in every language, so menus
    /// lead to it.
    pub(super) fn of(
        config: &SiteConfig,
        pages: &[SitePage],
        history: PendingFileHistory,
        has_surveys: bool,
    ) -> LanguageViews {
        if !config.languages.is_multilingual() {
            return LanguageViews::default();
        }
        let translations = Translations::of(pages, &config.languages);
        let has_translations = pages.iter().any(|record| record.page.language > 0);
        let history = history.wait_if(has_translations);
        // Pages are in publishing order, by path first: a navigation item's translation is
        // found by bisection, without a set of every page's path.
        let is_published = |path: &str| {
            (pages.binary_search_by(|record| record.page.path.as_str().cmp(path))).is_ok()
        };
        let mut site_keys = Vec::new();
        let sites = (1..config.languages.all().len())
            .map(|language| {
                let survey_list = has_surveys.then(|| {
                    format!(
                        "{}{}",
                        config.languages.all()[language].prefix,
                        surveys::LIST_PATH
                    )
                });
                let translated =
                    |path: &str| is_published(path) || survey_list.as_deref() == Some(path);
                let nav_paths: Vec<bool> = (config.navigation.iter())
                    .map(|item| {
                        translated(&format!(
                            "{}{}",
                            config.languages.all()[language].prefix,
                            item.path
                        ))
                    })
                    .collect();
                site_keys.push(fingerprint(&nav_paths));
                Value::from_serializable(&site_value_in(config, language, translated))
            })
            .collect();
        LanguageViews {
            translations,
            sites,
            site_keys,
            history,
            stale_found: pages.iter().map(|_| OnceLock::new()).collect(),
            data: Vec::new(),
        }
    }

    /// The views with each language's translated data files.
    pub(super) fn with_data(mut self, data: crate::data_translations::DataByLanguage) -> Self {
        self.data = data;
        self
    }

    /// Puts language `language`'s own `data` into a page's context, when it translates a
    /// data file; otherwise the page sees the default one.
    fn add_data(&self, language: usize, context: &mut tera::Context) {
        let own = language.checked_sub(1).and_then(|i| self.data.get(i));
        if let Some(Some(data)) = own {
            context.insert_value("data", data.clone());
        }
    }

    /// The views after pages were read again: git is not asked again, since a save in the
    /// preview is not a commit.
    pub(super) fn again(
        &mut self,
        config: &SiteConfig,
        pages: &[SitePage],
        has_surveys: bool,
    ) -> Self {
        let history = PendingFileHistory::Read(std::mem::take(&mut self.history));
        let data = std::mem::take(&mut self.data);
        LanguageViews::of(config, pages, history, has_surveys).with_data(data)
    }

    /// The original of page `index` and its last change, when that is newer than the page's
    /// own: the page is a stale translation.
    fn stale<'p>(&self, pages: &'p [SitePage], index: usize) -> Option<(&'p Page, &Change)> {
        let page = &pages[index].page;
        if page.language == 0 || self.history.is_empty() {
            return None;
        }
        let find = || {
            let original = (self.translations.versions(index).iter())
                .copied()
                .find(|&i| pages[i].page.language == 0)?;
            let change =
                (self.history).changed_since(&pages[original].page.source, &page.source)?;
            Some((original, change.clone()))
        };
        let (original, change) = self.stale_found.get(index)?.get_or_init(find).as_ref()?;
        Some((&pages[*original].page, change))
    }

    /// A warning for each stale translation, for `check` and `build`. Each page is looked at
    /// in parallel: it is two look-ups in a map of every file, per translation.
    pub(super) fn stale_warnings(&self, pages: &[SitePage]) -> Diagnostics {
        let found: Vec<Diagnostic> = (0..pages.len())
            .into_par_iter()
            .filter_map(|index| {
                let (original, change) = self.stale(pages, index)?;
                Some(
                    Diagnostic::warning(
                        "stale-translation",
                        &pages[index].page.source,
                        format!(
                            "the original, {}, changed on {} (commit {}) after this translation last changed",
                            original.source.display(),
                            change.date,
                            change.commit
                        ),
                    )
                    .with_hint(
                        "bring the translation up to date with the original and commit it; until then its readers see a notice",
                    ),
                )
            })
            .collect();
        found.into_iter().collect()
    }
}

/// A number that changes when `value` does, and only then.
fn fingerprint(value: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::hash::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

impl Site {
    /// The sitemap of `listed` (every page), with `hreflang` links on a site in several
    /// languages.
    pub(super) fn sitemap_xml(&self, listed: &[&Page]) -> String {
        if !self.config.languages.is_multilingual() {
            return feeds::sitemap(&self.config, listed);
        }
        translations::sitemap(&self.config, listed, &self.languages.translations)
    }

    /// The pages of the default language's feed: every page, on a site in one language.
    pub(super) fn feed_pages<'p>(&self, listed: &[&'p Page]) -> Vec<&'p Page> {
        if !self.config.languages.is_multilingual() {
            return listed.to_vec();
        }
        listed
            .iter()
            .copied()
            .filter(|page| page.language == 0)
            .collect()
    }

    /// What page `index` adds to its template value on a site in several languages (`lang`
    /// and `translations`), having added to its context the versions for the `hreflang` links
    /// and the switcher ([`insert_versions`]) and its language's `site`. `None` on a site in
    /// one language.
    pub(super) fn page_language(
        &self,
        index: usize,
        context: &mut tera::Context,
    ) -> Option<PageLanguage> {
        if !self.config.languages.is_multilingual() {
            return None;
        }
        let page = &self.pages[index].page;
        let versions = translations::versions_of(
            index,
            &self.pages,
            &self.languages.translations,
            &self.config,
        );
        let code = self.config.languages.all()[page.language].code.as_str();
        context.insert("lang", code);
        if let Some((original, change)) = self.languages.stale(&self.pages, index) {
            let notice = serde_json::json!({
                "url": self.config.link(&original.path),
                "title": original.front.title,
                "code": self.config.language,
                "commit": change.commit,
                "date": change.date,
            });
            context.insert("stale_original", &notice);
        }
        let x_default = (versions.first())
            .filter(|v| v.code == self.config.language)
            .map(|default| default.permalink.as_str());
        let others = insert_versions(context, &versions, x_default, self.theme.versions_read);
        if page.language > 0 {
            context.insert_value("site", self.languages.sites[page.language - 1].clone());
            self.languages.add_data(page.language, context);
        }
        Some(PageLanguage {
            lang: Value::from(code),
            translations: others,
        })
    }

    /// What page `index`'s HTML depends on besides itself and its listing: its translations,
    /// whose arrival or departure changes its links.
    pub(super) fn translation_revisions(&self, index: usize) -> impl Iterator<Item = u64> + '_ {
        let language = self.pages[index].page.language;
        let site_key = (language > 0).then(|| self.languages.site_keys[language - 1]);
        (self.languages.translations.versions(index).iter())
            .map(|&i| self.pages[i].revision)
            .chain(site_key)
    }
}

/// A survey translated into another language, with its Markdown rendered.
pub(super) struct TranslatedSurvey {
    translation: crate::survey_translations::SurveyTranslation,
    intro: Rendered,
    anonymity: Rendered,
}

/// Reads the translations of `surveys` (`surveys/<id>.<code>.yaml`) and renders their Markdown.
pub(super) fn load_survey_translations(
    root: &Path,
    config: &SiteConfig,
    surveys: &[SiteSurvey],
    problems: &mut Diagnostics,
) -> Vec<TranslatedSurvey> {
    let (translations, found) = crate::survey_translations::load(root, surveys, &config.languages);
    problems.extend(found);
    translations
        .into_iter()
        .map(|translation| {
            let (intro, anonymity) = render_survey_words(&translation.survey, config);
            TranslatedSurvey {
                intro,
                anonymity,
                translation,
            }
        })
        .collect()
}

/// The jobs of a site in several languages beside its pages: the feed and the theme's own
/// pages of each language but the default, and each translated survey's form and offline copy
/// (only when the survey pages are published at all).
pub(super) fn language_jobs(
    config: &SiteConfig,
    surveys: &[SiteSurvey],
    translated: &[TranslatedSurvey],
) -> Vec<Job> {
    let languages = config.languages.all();
    let mut jobs: Vec<Job> = (1..languages.len())
        .map(|language| Job::LanguageFeed {
            language,
            path: translations::feed_path(&languages[language]),
        })
        .collect();
    jobs.extend(super::theme_pages::jobs(config));
    for (translation, translated) in translated.iter().enumerate() {
        let translation_of = &translated.translation;
        let prefix = &languages[translation_of.language].prefix;
        let id = &surveys[translation_of.original].survey.id;
        jobs.push(Job::TranslatedSurveyForm {
            translation,
            path: format!("{prefix}{}", surveys::form_path(id)),
        });
        jobs.push(Job::TranslatedSurveyOffline {
            translation,
            path: format!("{prefix}{}", surveys::offline_path(id)),
        });
    }
    if !surveys.is_empty() {
        jobs.extend(
            (1..languages.len()).map(|language| Job::TranslatedSurveyList {
                language,
                path: format!("{}{}", languages[language].prefix, surveys::LIST_PATH),
            }),
        );
    }
    jobs
}

impl Site {
    /// The feed of `language` (not the default), of `listed` (every page).
    pub(super) fn language_feed(&self, listed: &[&Page], language: usize) -> String {
        translations::other_feed(&self.config, listed, language)
    }

    /// Puts what a page in the site's other language `language` reads its words from into its
    /// context: the language's code (`t()` and `<html lang>`), `site` in that language, and
    /// its own `data`. Nothing for the default language, whose values are the global ones.
    pub(super) fn insert_language(&self, language: usize, context: &mut tera::Context) {
        if language == 0 {
            return;
        }
        context.insert("lang", &self.config.languages.all()[language].code);
        context.insert_value("site", self.languages.sites[language - 1].clone());
        self.languages.add_data(language, context);
    }

    /// Adds to `context`, on a site in several languages, the versions of the page published
    /// at `suffix` under each language's prefix (the `hreflang` links and the switcher; the
    /// default language's is `x-default`), `language`'s being the current one.
    pub(super) fn insert_versions_at(
        &self,
        suffix: &str,
        language: usize,
        context: &mut tera::Context,
    ) {
        if !self.config.languages.is_multilingual() {
            return;
        }
        let versions: Vec<translations::Version<'_>> = (self.config.languages.all().iter())
            .enumerate()
            .map(|(index, other)| {
                let path = format!("{}{suffix}", other.prefix);
                translations::Version::at(&self.config, other, &path, index == language)
            })
            .collect();
        let x_default = versions[0].permalink.as_str();
        insert_versions(
            context,
            &versions,
            Some(x_default),
            self.theme.versions_read,
        );
    }

    /// The survey `id` in the words of the site's language `language`, when it has a
    /// translation into it: what a results page in that language labels its figures with.
    pub(super) fn survey_in_language(&self, id: &str, language: usize) -> Option<&Survey> {
        (self.translated_surveys.iter())
            .map(|translated| &translated.translation)
            .find(|t| t.language == language && self.surveys[t.original].survey.id == id)
            .map(|t| &t.survey)
    }

    /// Renders translated survey `translation`'s form, or its offline copy with the theme's
    /// assets `inline`, under its language's prefix.
    pub(super) fn render_translated_survey(
        &self,
        translation: usize,
        today: Date,
        inline: Option<&Inline>,
    ) -> Result<String, Diagnostic> {
        let translated = &self.translated_surveys[translation];
        let translation = &translated.translation;
        let language = &self.config.languages.all()[translation.language];
        let text = SurveyText {
            survey: &translation.survey,
            intro_html: &translated.intro.html,
            anonymity_html: &translated.anonymity.html,
        };
        let versions = self.survey_versions(translation.original, translation.language);
        let add_language = |context: &mut tera::Context| {
            self.insert_language(translation.language, context);
            insert_versions(
                context,
                &versions,
                Some(&versions[0].permalink),
                self.theme.versions_read,
            );
        };
        let (theme, config, prefix) = (&self.theme, &self.config, &language.prefix);
        match inline {
            None => surveys::render_form(theme, config, &text, today, prefix, &add_language),
            Some(inline) => {
                surveys::render_offline(theme, config, &text, today, inline, prefix, &add_language)
            }
        }
    }

    /// Renders the survey list in `language` (0 for the default): each survey in that language
    /// when it is translated, else in the default one, with the list's versions in every
    /// language for the `hreflang` links and the switcher.
    pub(super) fn render_survey_list(
        &self,
        language: usize,
        originals: &[SurveyText<'_>],
        today: Date,
    ) -> Result<String, Diagnostic> {
        let languages = self.config.languages.all();
        let default_code = (language > 0).then_some(languages[0].code.as_str());
        let listed: Vec<(SurveyText<'_>, &str, Option<&str>)> = (originals.iter().enumerate())
            .map(|(original, text)| {
                let translated = (self.translated_surveys.iter()).find(|t| {
                    t.translation.original == original && t.translation.language == language
                });
                match translated {
                    Some(translated) => (
                        SurveyText {
                            survey: &translated.translation.survey,
                            intro_html: &translated.intro.html,
                            anonymity_html: &translated.anonymity.html,
                        },
                        languages[language].prefix.as_str(),
                        None,
                    ),
                    None => (
                        SurveyText {
                            survey: text.survey,
                            intro_html: text.intro_html,
                            anonymity_html: text.anonymity_html,
                        },
                        "",
                        default_code,
                    ),
                }
            })
            .collect();
        let add_language = |context: &mut tera::Context| {
            self.insert_versions_at(surveys::LIST_PATH, language, context);
            self.insert_language(language, context);
        };
        let prefix = &languages[language].prefix;
        surveys::render_list(
            &self.theme,
            &self.config,
            &listed,
            today,
            prefix,
            &add_language,
        )
    }

    /// Adds to the context of survey `original`'s form in the default language its versions
    /// in other languages, when it has some.
    pub(super) fn add_survey_versions(&self, original: usize, context: &mut tera::Context) {
        if (self.translated_surveys.iter()).any(|t| t.translation.original == original) {
            let versions = self.survey_versions(original, 0);
            insert_versions(
                context,
                &versions,
                Some(&versions[0].permalink),
                self.theme.versions_read,
            );
        }
    }

    /// The form of survey `original` in every language it is translated into, for the
    /// switcher and the `hreflang` links of the language `current`.
    fn survey_versions(&self, original: usize, current: usize) -> Vec<translations::Version<'_>> {
        let id = &self.surveys[original].survey.id;
        let languages = std::iter::once(0).chain(
            (self.translated_surveys.iter())
                .filter(|t| t.translation.original == original)
                .map(|t| t.translation.language),
        );
        languages
            .map(|index| {
                let language = &self.config.languages.all()[index];
                let path = format!("{}{}", language.prefix, surveys::form_path(id));
                translations::Version::at(&self.config, language, &path, index == current)
            })
            .collect()
    }
}
