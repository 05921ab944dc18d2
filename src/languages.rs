//! The languages a site is written in: `language:` (the default) and `languages:` in
//! `site.yaml`, checked and resolved into [`Languages`].
//!
//! Each language has a BCP 47 code (checked, and written in its canonical form), its name in
//! itself (for the language switcher), a writing direction (derived from its script, so that
//! Arabic, Hebrew, Persian and Urdu read right to left without anyone having to say so, and
//! overridable), and its own title, description and navigation labels. The default language is
//! published where a one-language site always was; every other language under `/<code>/`.
//! This module knows nothing of pages or templates: it only says what the settings mean.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use unic_langid::{CharacterDirection, LanguageIdentifier};

use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::yaml;

/// One entry of `languages:` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    /// The BCP 47 code, e.g. `fr`, `ar`, `zh-Hans`.
    code: yaml::Spanned<String>,
    /// The language's name in itself, e.g. `Français`, `العربية`.
    name: String,
    /// `ltr` or `rtl`; derived from the language's script when left out.
    #[serde(default)]
    direction: Option<Direction>,
    /// The site's title in this language; the default language's title when left out.
    #[serde(default)]
    title: Option<String>,
    /// The site's description in this language.
    #[serde(default)]
    description: Option<String>,
    /// Navigation labels in this language, by site path (`/code-of-conduct/: Code de conduite`).
    #[serde(default)]
    navigation: BTreeMap<String, String>,
}

/// Which way a language's lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One language of the site, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// The canonical BCP 47 code.
    pub code: String,
    /// The language's name in itself.
    pub name: String,
    pub direction: Direction,
    /// The site's title in this language.
    pub title: String,
    /// The site's description in this language.
    pub description: String,
    /// Navigation labels by site path; a path not listed keeps the default language's label.
    pub navigation: BTreeMap<String, String>,
    /// What its pages' site paths start with: empty for the default language, `/fr` for French.
    pub prefix: String,
}

/// Every language of the site; the first is the default.
#[derive(Debug, Clone, Serialize)]
pub struct Languages(Vec<Language>);

impl Languages {
    /// Resolves `language:` (the default language's code) and `languages:`; `title` and
    /// `description` are the site's, which the default language keeps.
    pub(crate) fn resolve(
        default_code: &yaml::Spanned<String>,
        raw: Vec<RawLanguage>,
        title: &str,
        description: &str,
    ) -> Result<Languages, Diagnostic> {
        let default = checked_code(default_code, "language")?;
        let mut list = vec![Language {
            code: default.to_string(),
            name: default.to_string(),
            direction: direction_of(&default),
            title: title.to_owned(),
            description: description.to_owned(),
            navigation: BTreeMap::new(),
            prefix: String::new(),
        }];
        for entry in raw {
            let id = checked_code(&entry.code, "languages: code")?;
            let code = id.to_string();
            let direction = entry.direction.unwrap_or_else(|| direction_of(&id));
            if code == list[0].code {
                // The default language's own entry names it; its title and labels are the
                // site's own.
                list[0].name = entry.name;
                list[0].direction = direction;
                continue;
            }
            if list.iter().any(|known| known.code == code) {
                let (line, column) = yaml::position(&entry.code);
                return Err(Diagnostic::error(
                    "config",
                    CONFIG_FILE,
                    format!("the language `{code}` is listed twice under `languages:`"),
                )
                .at(line, column)
                .with_hint("remove one of the two entries"));
            }
            list.push(Language {
                prefix: format!("/{code}"),
                code,
                name: entry.name,
                direction,
                title: entry.title.unwrap_or_else(|| title.to_owned()),
                description: entry.description.unwrap_or_else(|| description.to_owned()),
                navigation: entry.navigation,
            });
        }
        Ok(Languages(list))
    }

    /// The language pages are written in unless their file names say otherwise.
    pub fn default_language(&self) -> &Language {
        &self.0[0]
    }

    /// Every language, the default first.
    pub fn all(&self) -> &[Language] {
        &self.0
    }

    /// Whether the site is written in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.0.len() > 1
    }

    /// The index of the non-default language whose code is `code`, as written in a file name
    /// (`page.fr.md`). The default language is never named in a file name.
    pub fn other_by_code(&self, code: &str) -> Option<usize> {
        self.0
            .iter()
            .skip(1)
            .position(|language| language.code.eq_ignore_ascii_case(code))
            .map(|index| index + 1)
    }
}

/// Parses a code written in `site.yaml`, or says where and how it is wrong.
fn checked_code(code: &yaml::Spanned<String>, key: &str) -> Result<LanguageIdentifier, Diagnostic> {
    let written = code.value.trim();
    let parsed = (!written.contains('_') && !written.is_empty())
        .then(|| written.parse::<LanguageIdentifier>().ok())
        .flatten()
        .filter(|id| id.language.as_str() != "und");
    parsed.ok_or_else(|| {
        let (line, column) = yaml::position(code);
        Diagnostic::error(
            "config",
            CONFIG_FILE,
            format!("`{key}` `{written}` is not a BCP 47 language code"),
        )
        .at(line, column)
        .with_hint(
            "write a code such as `en`, `fr`, `ar`, `pt-BR` or `zh-Hans`, with hyphens, not underscores",
        )
    })
}

/// Right to left for the scripts written that way (Arabic, Hebrew, Thaana, …), and for the
/// languages written in one of them unless a script subtag says otherwise.
fn direction_of(id: &LanguageIdentifier) -> Direction {
    match id.character_direction() {
        CharacterDirection::RTL => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(
        default: &str,
        others: &[(&str, Option<Direction>)],
    ) -> Result<Languages, Diagnostic> {
        let raw = others
            .iter()
            .map(|(code, direction)| RawLanguage {
                code: yaml::unwritten((*code).to_owned()),
                name: (*code).to_owned(),
                direction: *direction,
                title: None,
                description: None,
                navigation: BTreeMap::new(),
            })
            .collect();
        Languages::resolve(&yaml::unwritten(default.to_owned()), raw, "T", "D")
    }

    #[test]
    fn direction_follows_the_script() {
        let languages = resolve(
            "en",
            &[
                ("ar", None),
                ("he", None),
                ("fa", None),
                ("ur", None),
                ("fr", None),
                ("az-Arab", None),
                ("zh-Hans", None),
            ],
        )
        .unwrap();
        let directions: Vec<(&str, &str)> = languages
            .all()
            .iter()
            .map(|l| (l.code.as_str(), l.direction.as_str()))
            .collect();
        assert_eq!(
            directions,
            [
                ("en", "ltr"),
                ("ar", "rtl"),
                ("he", "rtl"),
                ("fa", "rtl"),
                ("ur", "rtl"),
                ("fr", "ltr"),
                ("az-Arab", "rtl"),
                ("zh-Hans", "ltr"),
            ]
        );
        assert_eq!(languages.all()[1].prefix, "/ar");
        assert_eq!(languages.other_by_code("fr"), Some(5));
        assert_eq!(languages.other_by_code("en"), None);
    }

    #[test]
    fn a_written_direction_wins() {
        let languages = resolve("ar", &[("ar", Some(Direction::Ltr))]).unwrap();
        assert_eq!(languages.default_language().direction, Direction::Ltr);
    }

    #[test]
    fn codes_are_checked() {
        for bad in ["en_GB", "e n", "", "und", "e"] {
            let error = resolve("en", &[(bad, None)]).unwrap_err();
            assert_eq!(
                error.message,
                format!("`languages: code` `{bad}` is not a BCP 47 language code")
            );
        }
        let error = resolve("en", &[("fr", None), ("fr", None)]).unwrap_err();
        assert_eq!(
            error.message,
            "the language `fr` is listed twice under `languages:`"
        );
    }
}
