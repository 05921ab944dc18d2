//! What the build adds for a site in several languages: translations placed under their
//! language's prefix, each page's versions and its language's `site` in its template context,
//! and the feeds of the other languages. On a site in one language each step returns at once.

use super::*;
use crate::render::site_value_in;
use crate::translations::{self, Translations};

/// What the build knows of a site's languages beyond `site.yaml`: which pages are versions of
/// one another, and `site` as each language other than the default sees it.
#[derive(Default)]
pub(super) struct LanguageViews {
    pub(super) translations: Translations,
    /// `site` for the pages of language `i + 1`; the default language's is Tera's global one.
    sites: Vec<Value>,
}

impl LanguageViews {
    pub(super) fn of(config: &SiteConfig, pages: &[Page]) -> LanguageViews {
        if !config.languages.is_multilingual() {
            return LanguageViews::default();
        }
        let paths: HashSet<&str> = pages.iter().map(|page| page.path.as_str()).collect();
        let sites = (1..config.languages.all().len())
            .map(|language| {
                Value::from_serializable(&site_value_in(config, language, |path| {
                    paths.contains(path)
                }))
            })
            .collect();
        LanguageViews {
            translations: Translations::of(pages, &config.languages),
            sites,
        }
    }
}

/// Places every translation under its language's prefix, keeping the pages in publishing order.
pub(super) fn place_translations(config: &SiteConfig, pages: &mut [Page]) {
    if !config.languages.is_multilingual() {
        return;
    }
    for page in pages.iter_mut() {
        translations::place(page, &config.languages);
    }
    pages.sort_by(content::publishing_order);
}

impl Site {
    /// Adds `lang` and `translations` to page `index`'s template value, and to its context the
    /// versions for the `hreflang` links and the switcher (`alternates`) and its language's
    /// `site`. Adds nothing on a site in one language.
    pub(super) fn with_language(
        &self,
        index: usize,
        value: Value,
        context: &mut tera::Context,
    ) -> Value {
        if !self.config.languages.is_multilingual() {
            return value;
        }
        let page = &self.content.pages[index];
        let versions = translations::versions_of(
            index,
            &self.content.pages,
            &self.languages.translations,
            &self.config,
        );
        let others: Vec<&translations::Version<'_>> =
            versions.iter().filter(|version| !version.current).collect();
        let mut map = value.into_map().unwrap_or_default();
        let code = self.config.languages.all()[page.language].code.as_str();
        map.insert("lang".into(), Value::from(code));
        context.insert("lang", code);
        map.insert("translations".into(), Value::from_serializable(&others));
        context.insert("alternates", &versions);
        if let Some(default) = versions.first().filter(|v| v.code == self.config.language) {
            context.insert("x_default", &default.permalink);
        }
        if page.language > 0 {
            context.insert_value("site", self.languages.sites[page.language - 1].clone());
        }
        Value::from(map)
    }

    /// What page `index`'s HTML depends on besides itself and its listing: its translations,
    /// whose arrival or departure changes its links.
    pub(super) fn translation_revisions(&self, index: usize) -> impl Iterator<Item = u64> + '_ {
        (self.languages.translations.versions(index).iter()).map(|&i| self.revisions[i])
    }
}
