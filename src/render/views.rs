//! The values templates see. Domain types stay free of Tera; this module decides what of them
//! a theme may use, under which names (the contract is documented in `docs/theming.md`).

use serde::Serialize;
use tera::Value;

use crate::config::{Contact, SiteConfig};
use crate::content::Page;
use crate::date::Date;
use crate::markdown::Heading;

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    description: &'a str,
    organisation: &'a str,
    contact: &'a Contact,
    navigation: Vec<NavView<'a>>,
    extra: &'a serde_json::Value,
}

#[derive(Serialize)]
struct NavView<'a> {
    title: &'a str,
    path: &'a str,
    url: String,
}

pub(super) fn site_value(config: &SiteConfig) -> SiteView<'_> {
    SiteView {
        title: &config.title,
        base_url: &config.base_url,
        base_path: &config.base_path,
        language: &config.language,
        description: &config.description,
        organisation: &config.organisation,
        contact: &config.contact,
        navigation: config
            .navigation
            .iter()
            .map(|item| NavView {
                title: &item.title,
                path: &item.path,
                url: config.link(&item.path),
            })
            .collect(),
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
}

/// A page as templates see it, with its rendered Markdown as `content` (already safe HTML).
pub fn page_value(page: &Page, html: &str, toc: &[Heading], config: &SiteConfig) -> Value {
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
    };
    let mut map = Value::from_serializable(&view)
        .into_map()
        .unwrap_or_default();
    map.insert("content".into(), Value::safe_string(html));
    Value::from(map)
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
