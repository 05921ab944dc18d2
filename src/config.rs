//! `site.yaml`: the site's settings, read strictly.
//!
//! The file is deserialised into [`RawConfig`], which mirrors the YAML exactly and rejects
//! unknown keys (with their line), then resolved into [`SiteConfig`], the type the pipeline uses:
//! a normalised base URL, paths made absolute, defaults applied. Nothing outside this module reads
//! the raw form.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostic::Diagnostic;
use crate::languages::{Languages, RawLanguage};
use crate::sources::SiteFolder;
use crate::yaml;

/// The settings file's name, at the site root.
pub const CONFIG_FILE: &str = "site.yaml";
/// The longest `signing.valid_for_days`: ten years. A release should expire long before
/// readers stop trusting its key, and a longer one is more likely a typo than a policy.
pub const MAX_VALID_FOR_DAYS: u32 = 3660;

/// `site.yaml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawConfig {
    /// The site's title, shown in every page's header and in the feed.
    title: yaml::Spanned<String>,
    /// Where the site is published, e.g. `https://example.org/accountability/`.
    base_url: yaml::Spanned<String>,
    /// The BCP 47 language tag of the content, for the `lang` attribute: the default language.
    language: yaml::Spanned<String>,
    /// The site's other languages (and the default language's name), see [`Languages`].
    languages: Vec<RawLanguage>,
    /// One sentence about the site, for the home page and search engines.
    description: String,
    /// The organisation whose staff the site is about.
    organisation: String,
    /// How readers reach the people who run the site.
    contact: Contact,
    /// The theme folder under `themes/`.
    theme: String,
    /// The main navigation, in order.
    navigation: Vec<RawNavItem>,
    /// How many pages the Atom feed lists.
    feed_limit: usize,
    /// Keys used to sign each build.
    signing: SigningConfig,
    /// Settings for published survey forms.
    surveys: SurveySettings,
    /// What pages show of their history in git; absent, none.
    history: Option<crate::history::HistorySettings>,
    /// Free-form values for templates, as `site.extra.*`.
    extra: serde_json::Value,
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            title: yaml::unwritten(String::new()),
            base_url: yaml::unwritten("/".to_owned()),
            language: yaml::unwritten("en".to_owned()),
            languages: Vec::new(),
            description: String::new(),
            organisation: String::new(),
            contact: Contact::default(),
            theme: "default".to_owned(),
            navigation: Vec::new(),
            feed_limit: 20,
            signing: SigningConfig::default(),
            surveys: SurveySettings::default(),
            history: None,
            extra: serde_json::Value::Object(Default::default()),
        }
    }
}

/// How readers reach the site's owners.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    /// A mailbox for questions about the site.
    pub email: String,
    /// A page or form for questions about the site.
    pub url: String,
}

/// One entry of the main navigation, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNavItem {
    /// The link text.
    title: String,
    /// A site path such as `/code-of-conduct/`.
    path: yaml::Spanned<String>,
}

/// One entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// The link text.
    pub title: String,
    /// A site path such as `/code-of-conduct/`.
    pub path: String,
    /// Line and column of `path`'s value in `site.yaml`, so a broken entry is reported there.
    #[serde(skip)]
    pub path_at: (usize, usize),
}

/// Where the signing keys live. Paths are relative to the site root.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SigningConfig {
    /// The minisign secret key. `CANDOR_SECRET_KEY` overrides it.
    pub secret_key: Option<PathBuf>,
    /// The matching public key, published as `/minisign.pub`.
    pub public_key: Option<PathBuf>,
    /// When set, each signature says it is valid for this many days after the build (at most
    /// [`MAX_VALID_FOR_DAYS`]).
    #[serde(deserialize_with = "valid_for_days")]
    pub valid_for_days: Option<u32>,
}

/// Reads `signing.valid_for_days`, refusing more than [`MAX_VALID_FOR_DAYS`] where it is
/// written, so the error points at the line.
fn valid_for_days<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    let days = Option::<u32>::deserialize(deserializer)?;
    if let Some(days) = days
        && days > MAX_VALID_FOR_DAYS
    {
        return Err(serde::de::Error::custom(format!(
            "`signing.valid_for_days` is {days}, but a release may be valid for at most {MAX_VALID_FOR_DAYS} days (ten years): e.g. `valid_for_days: 365`, and publish a new build before then"
        )));
    }
    Ok(days)
}

/// Settings shared by every survey form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurveySettings {
    /// Where forms POST responses when online; without it they only download a file.
    pub collection_url: Option<String>,
}

/// The resolved settings the pipeline uses.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/` (e.g. `/hub/`).
    pub base_path: String,
    /// The default language's code.
    pub language: String,
    /// Every language of the site, the default first.
    pub languages: Languages,
    pub description: String,
    pub organisation: String,
    pub contact: Contact,
    pub theme: String,
    pub navigation: Vec<NavItem>,
    pub feed_limit: usize,
    pub signing: SigningConfig,
    pub surveys: SurveySettings,
    pub history: crate::history::HistorySettings,
    pub extra: serde_json::Value,
}

impl SiteConfig {
    /// Reads `site.yaml` from `root`.
    pub fn load(root: &Path) -> Result<SiteConfig, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        // A named pipe would block the read forever; a link may lead out of the site.
        if let Ok(metadata) = std::fs::symlink_metadata(&path) {
            SiteFolder::new(root).classify(&path, metadata.file_type())?;
        }
        let source = crate::source_text::read_or(&path, Path::new(CONFIG_FILE), &|error| {
            Diagnostic::error(
                "config",
                CONFIG_FILE,
                format!("cannot read {CONFIG_FILE}: {error}"),
            )
            .with_hint("run candor from the site's folder, or pass --root DIR")
        })?;
        SiteConfig::parse(&source)
    }

    /// Parses the text of `site.yaml`.
    pub fn parse(source: &str) -> Result<SiteConfig, Diagnostic> {
        let raw: RawConfig = yaml::parse(source, Path::new(CONFIG_FILE), 1)?;
        raw.resolve()
    }

    /// Replaces the base URL, as `--base-url` does.
    pub fn with_base_url(mut self, base_url: &str) -> Result<SiteConfig, Diagnostic> {
        let (base_url, base_path) = normalise_base_url(base_url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(self)
    }

    /// The absolute URL of a site path such as `/code-of-conduct/`.
    pub fn absolute_url(&self, site_path: &str) -> String {
        joined(&self.base_url, site_path)
    }

    /// The root-relative URL of a site path, honouring a base URL with a sub-path.
    pub fn link(&self, site_path: &str) -> String {
        joined(&self.base_path, site_path)
    }
}

/// `base` (ending in `/`) followed by `site_path` without its leading `/`. Every page asks
/// for its address several times, once more for each of its translations: two pushes cost a
/// tenth of what `format!` does.
fn joined(base: &str, site_path: &str) -> String {
    let relative = site_path.trim_start_matches('/');
    let mut url = String::with_capacity(base.len() + relative.len());
    url.push_str(base);
    url.push_str(relative);
    url
}

impl RawConfig {
    fn resolve(self) -> Result<SiteConfig, Diagnostic> {
        if self.title.value.trim().is_empty() {
            let (line, column) = yaml::position(&self.title);
            return Err(
                Diagnostic::error("config", CONFIG_FILE, "`title` is missing or empty")
                    .at(line, column)
                    .with_hint("add a line such as `title: Staff Accountability Hub`"),
            );
        }
        let (line, column) = yaml::position(&self.base_url);
        let (base_url, base_path) =
            normalise_base_url(&self.base_url.value).map_err(|error| error.at(line, column))?;
        let languages = Languages::resolve(
            &self.language,
            self.languages,
            &self.title.value,
            &self.description,
        )?;
        Ok(SiteConfig {
            title: self.title.value,
            base_url,
            base_path,
            language: languages.default_language().code.clone(),
            languages,
            description: self.description,
            organisation: self.organisation,
            contact: self.contact,
            theme: self.theme,
            navigation: self
                .navigation
                .into_iter()
                .map(|item| NavItem {
                    title: item.title,
                    path_at: yaml::position(&item.path),
                    path: item.path.value,
                })
                .collect(),
            feed_limit: self.feed_limit,
            signing: self.signing,
            surveys: self.surveys,
            // History is published only by a site that asks for it: it costs a reading of
            // the whole git history on every build, and it tells readers when each page was
            // edited, which a site should decide to publish, not get by upgrading.
            history: self.history.unwrap_or(crate::history::HistorySettings {
                enabled: Some(false),
                ..Default::default()
            }),
            extra: self.extra,
        })
    }
}

/// Returns the base URL ending in `/` and its path part. A bare `/` means "served from the root
/// of whatever host", which is fine for previews but gives relative feed and sitemap links.
fn normalise_base_url(base_url: &str) -> Result<(String, String), Diagnostic> {
    let trimmed = base_url.trim();
    let with_slash = if trimmed.ends_with('/') {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/")
    };
    let path = if let Some(rest) = with_slash
        .strip_prefix("https://")
        .or_else(|| with_slash.strip_prefix("http://"))
    {
        match rest.find('/') {
            Some(slash) if slash > 0 => rest[slash..].to_owned(),
            _ => return Err(bad_base_url(base_url)),
        }
    } else if with_slash.starts_with('/') {
        with_slash.clone()
    } else {
        return Err(bad_base_url(base_url));
    };
    Ok((with_slash, path))
}

fn bad_base_url(base_url: &str) -> Diagnostic {
    Diagnostic::error(
        "config",
        CONFIG_FILE,
        format!(
            "`base_url` `{}` is not an http(s) URL or a path",
            crate::escape::terminal(base_url, 200)
        ),
    )
    .with_hint("write it like `https://example.org/` or `https://example.org/hub/`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_sub_path_gives_base_path() {
        let config = SiteConfig::parse("title: T\nbase_url: https://example.org/hub\n").unwrap();
        assert_eq!(config.base_url, "https://example.org/hub/");
        assert_eq!(config.base_path, "/hub/");
        assert_eq!(config.link("/a/"), "/hub/a/");
        assert_eq!(config.absolute_url("/a/"), "https://example.org/hub/a/");
    }

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let error = SiteConfig::parse("title: T\n\nbase_ulr: x\n").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.message.contains("base_ulr"), "{error}");
    }

    #[test]
    fn missing_title_is_an_error() {
        let error = SiteConfig::parse("base_url: /\n").unwrap_err();
        assert!(error.message.contains("title"), "{error}");
    }

    #[test]
    fn base_url_without_scheme_is_rejected() {
        assert!(SiteConfig::parse("title: T\nbase_url: example.org\n").is_err());
    }

    /// Found by `properties::site_configuration`: a control character in a wrong `base_url`
    /// (here U+0085, "next line") reached the terminal as it was.
    #[test]
    fn a_wrong_base_url_is_shown_with_its_control_characters_escaped() {
        let error =
            SiteConfig::parse("title: T\nbase_url: \"h\\u0085ttps://example.org/\"\n").unwrap_err();
        assert_eq!(
            error.message,
            "`base_url` `h\\u{85}ttps://example.org/` is not an http(s) URL or a path"
        );
    }
}
