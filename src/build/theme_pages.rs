//! The theme's own pages — the guide to verifying the site and the page for unknown
//! addresses — in every language of the site: a reader who cannot read the default language
//! is owed the guide that tells them whether to trust the site, and a "not found" they can
//! read. Each is planned like the survey list in the other languages (a job per language but
//! the default, under its prefix) and rendered with that language's strings and `site`.
//!
//! The guide's versions are language versions of one page, so they get the `hreflang` links
//! and the switcher; the pages for unknown addresses are not pages to find or to link between
//! (a host serves one of them at any address), so each lists the other languages' home pages
//! instead.

use tera::Value;

use super::plan::{Job, NOT_FOUND_PATH, VERIFY_PATH};
use super::site::Site;
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::render::Theme;
use crate::sign;

/// The guide and the page for unknown addresses in each language but the default, whose own
/// are planned for every site.
pub(super) fn jobs(config: &SiteConfig) -> impl Iterator<Item = Job> + '_ {
    let languages = config.languages.all();
    (1..languages.len()).flat_map(move |language| {
        let prefix = &languages[language].prefix;
        [
            Job::TranslatedVerifyGuide {
                language,
                path: format!("{prefix}{VERIFY_PATH}"),
            },
            Job::TranslatedNotFound {
                language,
                path: format!("{prefix}{NOT_FOUND_PATH}"),
            },
        ]
    })
}

impl Site {
    /// Renders the guide to verifying the site in `language` (0 for the default), with its
    /// versions in every language on a site in several.
    pub(super) fn render_verify_guide(&self, language: usize) -> Result<String, Diagnostic> {
        let (config, languages) = (&self.config, self.config.languages.all());
        let public_key = format!("/{}", sign::PUBLIC_KEY_FILE);
        let signing = serde_json::json!({ "public_key_url": config.link(&public_key) });
        let path = format!("{}{VERIFY_PATH}", languages[language].prefix);
        let mut context = Theme::context(&path, "signing", Value::from_serializable(&signing));
        self.insert_versions_at(VERIFY_PATH, language, &mut context);
        self.insert_language(language, &mut context);
        self.theme.render("verify.html", &context, None)
    }

    /// Renders the page for unknown addresses in `language` (0 for the default).
    pub(super) fn render_not_found(&self, language: usize) -> Result<String, Diagnostic> {
        let current = &self.config.languages.all()[language];
        let path = format!("{}{NOT_FOUND_PATH}", current.prefix);
        let mut context = Theme::context(&path, "signing", Value::none());
        self.insert_language(language, &mut context);
        self.theme.render("404.html", &context, None)
    }
}
