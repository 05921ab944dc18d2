//! The values templates see. Domain types stay free of Tera; this module decides what of them
//! a theme may use, under which names (the contract is documented in `docs/theming.md`).

use crate::history::pages::PageHistoryView;
use serde::Serialize;
use tera::Value;

use crate::config::{Contact, SiteConfig};
use crate::content::Page;
use crate::date::Date;
use crate::markdown::Heading;

#[derive(Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    direction: &'a str,
    description: &'a str,
    organisation: &'a str,
    contact: &'a Contact,
    navigation: Vec<NavView<'a>>,
    languages: Vec<LanguageView<'a>>,
    /// The home page and the Atom feed in this language.
    home_url: String,
    feed_url: String,
    /// The guide to verifying the site in this language: its site path and its link.
    verify_path: String,
    verify_url: String,
    extra: &'a serde_json::Value,
}

/// A language of the site, as `site.languages` lists it.
#[derive(Serialize)]
struct LanguageView<'a> {
    code: &'a str,
    name: &'a str,
    direction: &'a str,
    /// Its home page.
    url: String,
}

#[derive(Serialize)]
struct NavView<'a> {
    title: &'a str,
    path: String,
    url: String,
}

pub(super) fn site_value(config: &SiteConfig) -> SiteView<'_> {
    site_value_in(config, 0, |_| false)
}

/// `site` as pages of the language at `language` in `config.languages` see it: its title,
/// description and navigation labels, and navigation links to its own version of a page where
/// `translated` says there is one.
pub fn site_value_in(
    config: &SiteConfig,
    language: usize,
    translated: impl Fn(&str) -> bool,
) -> SiteView<'_> {
    let current = &config.languages.all()[language];
    let verify_path = format!("{}{}", current.prefix, super::theme_pages::VERIFY_PATH);
    SiteView {
        title: &current.title,
        base_url: &config.base_url,
        base_path: &config.base_path,
        language: &current.code,
        direction: current.direction.as_str(),
        description: &current.description,
        organisation: &config.organisation,
        contact: &config.contact,
        navigation: config
            .navigation
            .iter()
            .map(|item| {
                let own = format!("{}{}", current.prefix, item.path);
                let path = if language > 0 && translated(&own) {
                    own
                } else {
                    item.path.clone()
                };
                NavView {
                    title: current.navigation.get(&item.path).unwrap_or(&item.title),
                    url: config.link(&path),
                    path,
                }
            })
            .collect(),
        languages: config
            .languages
            .all()
            .iter()
            .map(|language| LanguageView {
                code: &language.code,
                name: &language.name,
                direction: language.direction.as_str(),
                url: config.link(&format!("{}/", language.prefix)),
            })
            .collect(),
        home_url: config.link(&format!("{}/", current.prefix)),
        feed_url: config.link(&crate::translations::feed_path(current)),
        verify_url: config.link(&verify_path),
        verify_path,
        extra: &config.extra,
    }
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    date: Option<Date>,
    updated: Option<Date>,
    weight: i64,
    tags: &'a [String],
    summary: Option<&'a str>,
    extra: &'a serde_json::Value,
    path: &'a str,
    url: String,
    permalink: String,
    toc: &'a [Heading],
    /// Passed through as it is: Tera's serializer keeps a `Value` (here, safe HTML) intact.
    content: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translations: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<PageHistoryView<'a>>,
}

/// What a page of a site in several languages adds to its template value: `lang`, its
/// language's code, and `translations`, its versions in the other languages (when a template
/// names them).
pub struct PageLanguage {
    pub lang: Value,
    pub translations: Option<Value>,
}

/// A page as templates see it, with its rendered Markdown as `content` (already safe HTML),
/// its `language` on a site in several languages and its `history`. Made in one pass: a
/// 10,000-page build makes one map per page, not one and then a copy for each thing added to
/// it. (A section's listing is still added after, by copying: sections are few.)
pub fn page_value(
    page: &Page,
    html: &str,
    toc: &[Heading],
    config: &SiteConfig,
    language: Option<PageLanguage>,
    history: Option<PageHistoryView<'_>>,
) -> Value {
    let (lang, translations) = language.map(|l| (l.lang, l.translations)).unzip();
    let translations = translations.flatten();
    let view = PageView {
        title: &page.front.title,
        description: page.front.description.as_deref(),
        date: page.front.date,
        updated: page.front.updated,
        weight: page.front.weight,
        tags: &page.front.tags,
        summary: page.front.summary.as_deref(),
        extra: &page.front.extra,
        path: &page.path,
        url: config.link(&page.path),
        permalink: config.absolute_url(&page.path),
        toc,
        content: Value::safe_string(html),
        lang,
        translations,
        history,
    };
    Value::from_serializable(&view)
}

/// A page as a section listing shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub summary: Option<String>,
    pub url: String,
    pub weight: i64,
    pub tags: Vec<String>,
}

impl PageSummary {
    pub fn of(page: &Page, config: &SiteConfig) -> PageSummary {
        PageSummary {
            title: page.front.title.clone(),
            description: page.front.description.clone(),
            date: page.front.date,
            updated: page.front.updated,
            summary: page.front.summary.clone(),
            url: config.link(&page.path),
            weight: page.front.weight,
            tags: page.front.tags.clone(),
        }
    }
}

/// A subsection as its parent section lists it.
#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    pub title: String,
    pub description: Option<String>,
    pub url: String,
}
