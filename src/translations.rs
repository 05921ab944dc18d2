//! Translations: a page's versions in the site's other languages, found by file name.
//!
//! A translation is a Markdown file beside its original with the language's code before the
//! extension (`code-of-conduct.fr.md`, `_index.ar.md`); it is published under the language's
//! prefix (`/fr/code-of-conduct/`). This module says where such a page is published
//! ([`translation_address`], which [`crate::content::address_of`] asks when the content is
//! read), groups each page with its translations, and says what templates, the sitemap and the
//! per-language feeds need of them.
//! Files other than Markdown are shared by every language and never duplicated. On a site in
//! one language nothing here runs: its output stays what it was.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::{self, Page};
use crate::escape::markup;
use crate::feeds;
use crate::languages::{Language, Languages};

/// Where the Markdown file `relative` (a path under `content/`) is published when it is a
/// translation: its original's address under its language's prefix, its kind and its
/// language. `None` for a file in the default language.
pub fn translation_address(
    relative: &Path,
    languages: &Languages,
) -> Option<(String, content::PageKind, usize)> {
    if !languages.is_multilingual() {
        return None;
    }
    let stem = relative.file_stem()?.to_str()?;
    let (name, code) = stem.rsplit_once('.')?;
    let language = languages.other_by_code(code)?;
    let original = relative.with_file_name(format!("{name}.md"));
    let (path, kind) = content::site_path_of_markdown(&original);
    Some((
        format!("{}{path}", languages.all()[language].prefix),
        kind,
        language,
    ))
}

/// Each page's versions in every language it exists in, as indexes into the site's pages.
#[derive(Debug, Default)]
pub struct Translations {
    /// For each page, its group in `groups`, when it has at least one translation.
    group_of: Vec<Option<usize>>,
    /// Pages that are versions of one another, sorted by language (the default first).
    groups: Vec<Vec<usize>>,
}

impl Translations {
    /// Groups `pages` (read with their addresses, [`crate::content::address_of`]) by the path
    /// they have without their language's prefix. Empty, and free, on a site in one language.
    pub fn of<P: AsRef<Page>>(pages: &[P], languages: &Languages) -> Translations {
        if !languages.is_multilingual() {
            return Translations::default();
        }
        let mut by_original: HashMap<&str, Vec<usize>, foldhash::fast::RandomState> =
            HashMap::default();
        for (index, page) in pages.iter().map(AsRef::as_ref).enumerate() {
            let prefix = &languages.all()[page.language].prefix;
            let original = page
                .path
                .strip_prefix(prefix.as_str())
                .unwrap_or(&page.path);
            by_original.entry(original).or_default().push(index);
        }
        let mut translations = Translations {
            group_of: vec![None; pages.len()],
            groups: Vec::new(),
        };
        let mut groups: Vec<Vec<usize>> = by_original
            .into_values()
            .filter(|group| group.len() > 1)
            .collect();
        groups.sort_unstable();
        for mut group in groups {
            group.sort_by_key(|&index| pages[index].as_ref().language);
            // Two files of one language for one path are a path collision, reported as such.
            group.dedup_by_key(|&mut index| pages[index].as_ref().language);
            for &index in &group {
                translations.group_of[index] = Some(translations.groups.len());
            }
            translations.groups.push(group);
        }
        translations
    }

    /// The versions of page `index` in every language, itself included; empty when it has
    /// no translation.
    pub fn versions(&self, index: usize) -> &[usize] {
        match self.group_of.get(index).copied().flatten() {
            Some(group) => &self.groups[group],
            None => &[],
        }
    }
}

/// One version of a page, as templates see it (`page.translations`, the language switcher and
/// the `hreflang` links).
#[derive(Debug, Clone, Serialize)]
pub struct Version<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub direction: &'a str,
    pub url: String,
    pub permalink: String,
    /// Whether this is the page being rendered.
    pub current: bool,
}

impl<'a> Version<'a> {
    /// The version in `language` published at `path` (with its language's prefix).
    pub(crate) fn at(
        config: &SiteConfig,
        language: &'a Language,
        path: &str,
        current: bool,
    ) -> Version<'a> {
        Version {
            code: &language.code,
            name: &language.name,
            direction: language.direction.as_str(),
            url: config.link(path),
            permalink: config.absolute_url(path),
            current,
        }
    }
}

/// The versions of page `index`, the current one marked, for its template.
pub fn versions_of<'a, P: AsRef<Page>>(
    index: usize,
    pages: &[P],
    translations: &Translations,
    config: &'a SiteConfig,
) -> Vec<Version<'a>> {
    translations
        .versions(index)
        .iter()
        .map(|&other| {
            let page = pages[other].as_ref();
            let language = &config.languages.all()[page.language];
            Version::at(config, language, &page.path, other == index)
        })
        .collect()
}

/// Where a language's Atom feed is published: `/atom.xml` for the default, `/fr/atom.xml`.
pub fn feed_path(language: &Language) -> String {
    format!("{}{}", language.prefix, feeds::FEED_PATH)
}

/// The Atom feed of `language` (not the default), published at its [`feed_path`]; the default
/// language's feed is [`feeds::atom`] of [`pages_in`] language 0.
pub fn other_feed<P: AsRef<Page>>(config: &SiteConfig, pages: &[P], language: usize) -> String {
    let listed = pages_in(pages, language);
    let language = &config.languages.all()[language];
    let home = format!("{}/", language.prefix);
    let feed = feed_path(language);
    feeds::atom_at(&in_language(config, language), &listed, &home, &feed)
}

/// The pages of one language.
pub fn pages_in<P: AsRef<Page>>(pages: &[P], language: usize) -> Vec<&Page> {
    pages
        .iter()
        .map(AsRef::as_ref)
        .filter(|page| page.language == language)
        .collect()
}

/// The site's settings as seen from `language`: its title, description and code.
fn in_language(config: &SiteConfig, language: &Language) -> SiteConfig {
    let mut seen = config.clone();
    seen.title.clone_from(&language.title);
    seen.description.clone_from(&language.description);
    seen.language.clone_from(&language.code);
    seen
}

/// The sitemap of a site with translations: every page, and beside each page that has
/// translations an `xhtml:link` to every version (itself included) and to the default.
///
/// Each page's address is made absolute and escaped once, then written for itself and for
/// each of its versions: the sitemap lists every address `1 + languages` times.
pub fn sitemap<P: AsRef<Page>>(
    config: &SiteConfig,
    pages: &[P],
    translations: &Translations,
) -> String {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    let locations: Vec<String> = (pages.iter())
        .map(|page| markup(&config.absolute_url(&page.as_ref().path)))
        .collect();
    let languages = config.languages.all();
    let codes: Vec<String> = languages.iter().map(|l| markup(&l.code)).collect();
    let capacity = (locations.iter())
        .enumerate()
        .map(|(index, location)| 60 + location.len() * (1 + translations.versions(index).len()))
        .sum::<usize>();
    let mut xml = String::with_capacity(HEAD.len() + capacity + 64 * pages.len());
    xml.push_str(HEAD);
    for (index, page) in pages.iter().map(AsRef::as_ref).enumerate() {
        feeds::open_sitemap_url_at(&mut xml, &locations[index], page);
        let versions = translations.versions(index);
        for &version in versions {
            xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            xml.push_str(&codes[pages[version].as_ref().language]);
            xml.push_str("\" href=\"");
            xml.push_str(&locations[version]);
            xml.push_str("\"/>");
        }
        let default = (versions.first())
            .filter(|&&first| languages[pages[first].as_ref().language].code == config.language);
        if let Some(&default) = default {
            xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"");
            xml.push_str(&locations[default]);
            xml.push_str("\"/>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
