//! Interface strings: the words a theme writes around the content ("Skip to main content",
//! "On this page", "3 responses"), in each language of the site.
//!
//! They are Project Fluent files (`themes/<theme>/i18n/<code>.ftl`), read with `fluent-bundle`:
//! Fluent has each language's plural rules (Arabic has six forms, Chinese one) and isolates
//! the values it inserts, so a number keeps its order inside right-to-left text. A string a
//! language lacks is shown in the default language, and reported as a warning so that `check`
//! lists every missing one. Templates ask for a string with `{{ t(key="on-this-page") }}`; the
//! language is the page's own (`lang` in its context), else the default.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::diagnostic::{Diagnostic, Diagnostics, relative_to};
use crate::languages::{Direction, Languages};
use crate::sources::SiteFolder;

/// Where a theme keeps its interface strings, one `<code>.ftl` file per language.
pub const FOLDER: &str = "i18n";

/// One language's strings.
struct LanguageStrings {
    code: String,
    /// `None` when the theme has no file for the language: every string falls back.
    bundle: Option<FluentBundle<FluentResource>>,
    /// The file exists but was refused (an error already says why), so no second warning.
    refused: bool,
    /// The strings that take no arguments, formatted and HTML-escaped once: most of what a
    /// page asks for, so that a 10,000-page build neither formats nor escapes them again.
    plain: PlainStrings,
}

/// Strings without arguments by key, as template values marked safe (escaped already), so
/// that handing one to a template copies nothing.
type PlainStrings = HashMap<String, tera::Value, foldhash::fast::RandomState>;

/// The interface strings of every language of the site, the default first.
pub struct InterfaceStrings {
    languages: Vec<LanguageStrings>,
    /// The default theme's English strings, built in: the last resort of a string no
    /// language of the site has, so that a theme copied without its `i18n/` folder still
    /// renders.
    built_in: FluentBundle<FluentResource>,
    built_in_plain: PlainStrings,
}

/// The default theme's English strings.
const BUILT_IN: &str = include_str!("../themes/default/i18n/en.ftl");

fn built_in() -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec!["en".parse().unwrap_or_default()]);
    bundle.set_use_isolating(false);
    if let Ok(resource) = FluentResource::try_new(BUILT_IN.to_owned()) {
        let _ = bundle.add_resource(resource);
    }
    bundle
}

impl InterfaceStrings {
    /// Reads the theme's strings for each of `languages`, with problems: a file that does not
    /// parse (an error), and each string a language lacks (a warning naming it). A theme
    /// without an `i18n/` folder has no strings and no warnings.
    pub fn load(
        root: &Path,
        theme_dir: &Path,
        languages: &Languages,
    ) -> (InterfaceStrings, Diagnostics) {
        let folder = theme_dir.join(FOLDER);
        let mut problems = Diagnostics::new();
        let mut loaded = Vec::new();
        let mut ids: Vec<Vec<String>> = Vec::new();
        for language in languages.all() {
            let file = file_of(&folder, &language.code);
            let (bundle, found, refused) = match &file {
                Some(file) => match read(root, file, &language.code, language.direction) {
                    Ok((bundle, found)) => (Some(bundle), found, false),
                    Err(problem) => {
                        problems.push(problem);
                        (None, Vec::new(), true)
                    }
                },
                None => (None, Vec::new(), false),
            };
            let plain = bundle
                .as_ref()
                .map(|bundle| plain_strings(bundle, &found))
                .unwrap_or_default();
            ids.push(found);
            loaded.push(LanguageStrings {
                code: language.code.clone(),
                bundle,
                refused,
                plain,
            });
        }
        if folder.is_dir() {
            problems.extend(missing(root, &folder, &loaded, &ids));
        }
        let built_in = built_in();
        let built_in_plain = plain_strings(&built_in, &message_ids(BUILT_IN));
        let strings = InterfaceStrings {
            languages: loaded,
            built_in,
            built_in_plain,
        };
        (strings, problems)
    }

    /// The default theme's English strings alone, as a site without a theme folder has them.
    pub fn built_in_english() -> InterfaceStrings {
        let built_in = built_in();
        let built_in_plain = plain_strings(&built_in, &message_ids(BUILT_IN));
        InterfaceStrings {
            languages: Vec::new(),
            built_in,
            built_in_plain,
        }
    }

    /// The code of the language `code` names when it is a language of the site, else the
    /// default language's (English without any).
    pub fn code_of<'a>(&'a self, code: Option<&'a str>) -> &'a str {
        let known = code.filter(|code| self.languages.iter().any(|l| l.code == *code));
        known
            .or_else(|| self.languages.first().map(|l| l.code.as_str()))
            .unwrap_or("en")
    }

    /// The string `key` in the language `code` (as [`InterfaceStrings::format`] finds it) when
    /// it takes no arguments: already formatted, and escaped for HTML.
    pub fn plain_html(&self, code: Option<&str>, key: &str) -> Option<&tera::Value> {
        let wanted = match code {
            Some(code) => self.languages.iter().find(|l| l.code == code),
            None => None,
        };
        for language in [wanted, self.languages.first()].into_iter().flatten() {
            if let Some(html) = language.plain.get(key) {
                return Some(html);
            }
            if language.bundle.as_ref().is_some_and(|b| b.has_message(key)) {
                return None;
            }
        }
        self.built_in_plain.get(key)
    }

    /// The string `key` in the language `code`, with `fluent_args` put in: else in the site's
    /// default language, else in Candor's built-in English; `None` only when Candor's own
    /// `en.ftl` lacks it.
    pub fn format(
        &self,
        code: Option<&str>,
        key: &str,
        fluent_args: &FluentArgs<'_>,
    ) -> Option<String> {
        let wanted = code.and_then(|code| self.languages.iter().find(|l| l.code == code));
        let fallback = self.languages.first();
        let bundles = [wanted, fallback]
            .into_iter()
            .flatten()
            .filter_map(|language| language.bundle.as_ref())
            .chain([&self.built_in]);
        bundles.into_iter().find_map(|bundle| {
            let pattern = bundle.get_message(key)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(fluent_args), &mut errors);
            Some(text.into_owned())
        })
    }
}

/// The interface strings of one language, for the words Candor writes in Rust rather than a
/// template: a form's hints and script messages, a results page's captions and methods note.
pub struct Phrasebook<'a> {
    strings: &'a InterfaceStrings,
    /// The page's language; `None` for the default one.
    language: Option<&'a str>,
}

/// A value put into a message: a number (plural rules apply) or text.
pub enum Arg<'a> {
    Count(usize),
    Text(&'a str),
}

impl<'a> Phrasebook<'a> {
    pub fn new(strings: &'a InterfaceStrings, language: Option<&'a str>) -> Phrasebook<'a> {
        Phrasebook { strings, language }
    }

    /// The code of the language the words are in.
    pub fn code(&self) -> &str {
        self.strings.code_of(self.language)
    }

    /// The message `key`, which takes no arguments, escaped for HTML: formatted once per
    /// build, so asking for it on every page costs a lookup.
    pub fn say_html(&self, key: &str) -> Cow<'a, str> {
        match self
            .strings
            .plain_html(self.language, key)
            .and_then(|v| v.as_str())
        {
            Some(html) => Cow::Borrowed(html),
            None => Cow::Owned(crate::escape::markup(&self.say(key, &[]))),
        }
    }

    /// The message `key` with `args` put in, found as [`InterfaceStrings::format`] finds it;
    /// the key itself only when Candor's own `en.ftl` lacks it.
    pub fn say(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Count(count) => count_value(*count),
                Arg::Text(text) => FluentValue::from(*text),
            };
            fluent.set(*name, value);
        }
        self.strings
            .format(self.language, key, &fluent)
            .unwrap_or_else(|| key.to_owned())
    }
}

/// The messages of `bundle` among `ids` that format without arguments, formatted and escaped
/// for HTML as a template would escape them.
fn plain_strings(bundle: &FluentBundle<FluentResource>, ids: &[String]) -> PlainStrings {
    ids.iter()
        .filter_map(|id| {
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, None, &mut errors);
            if !errors.is_empty() {
                return None;
            }
            let html = crate::escape::markup(&text);
            Some((id.clone(), tera::Value::safe_string(&html)))
        })
        .collect()
}

/// The theme's file for `code`: `fr.ftl`, or for `pt-BR` `pt-BR.ftl` else `pt.ftl`.
fn file_of(folder: &Path, code: &str) -> Option<PathBuf> {
    let exact = folder.join(format!("{code}.ftl"));
    if exact.is_file() {
        return Some(exact);
    }
    let language = code.split('-').next()?;
    let general = folder.join(format!("{language}.ftl"));
    general.is_file().then_some(general)
}

/// Reads one language's file into a bundle, with the ids of the messages it defines.
fn read(
    root: &Path,
    file: &Path,
    code: &str,
    direction: Direction,
) -> Result<(FluentBundle<FluentResource>, Vec<String>), Diagnostic> {
    let shown = relative_to(file, root);
    // The strings are published in every page: a link may lead out of the site.
    if let Ok(metadata) = std::fs::symlink_metadata(file) {
        SiteFolder::new(root).classify(file, metadata.file_type())?;
    }
    let text = crate::source_text::read(file, &shown)?;
    let ids = message_ids(&text);
    let resource = FluentResource::try_new(text).map_err(|(resource, errors)| {
        let first = errors.first().map(|e| e.pos.start).unwrap_or(0);
        let (line, column) = crate::diagnostic::line_column(resource.source(), first);
        Diagnostic::error(
            "interface-strings",
            &shown,
            format!("{} line(s) are not Fluent messages", errors.len()),
        )
        .at(line, column)
        .with_hint("each string is written `key = text` (https://projectfluent.org)")
    })?;
    let id = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks keep a number's order inside right-to-left text; in left-to-right text
    // they would only be invisible characters in every page.
    bundle.set_use_isolating(direction == Direction::Rtl);
    bundle.add_resource(resource).map_err(|errors| {
        Diagnostic::error(
            "interface-strings",
            &shown,
            format!("{} string(s) are defined twice", errors.len()),
        )
        .with_hint("keep one definition of each key")
    })?;
    Ok((bundle, ids))
}

/// The ids of the messages a Fluent file defines: the lines that start with `id =`.
fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let valid = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            valid.then(|| id.to_owned())
        })
        .collect()
}

/// A warning for each string of the default language that another language lacks.
fn missing(
    root: &Path,
    folder: &Path,
    loaded: &[LanguageStrings],
    ids: &[Vec<String>],
) -> Diagnostics {
    let mut problems = Diagnostics::new();
    let Some(default_ids) = ids.first() else {
        return problems;
    };
    for (language, own) in loaded.iter().zip(ids).skip(1) {
        if language.refused {
            continue;
        }
        let file = relative_to(&folder.join(format!("{}.ftl", language.code)), root);
        if language.bundle.is_none() {
            problems.push(
                Diagnostic::warning(
                    "untranslated",
                    &file,
                    format!(
                        "the theme has no interface strings in `{}`; its pages show them in the default language",
                        language.code
                    ),
                )
                .with_hint(format!("translate {} into this file", default_file(folder, root, loaded))),
            );
            continue;
        }
        let lacking: Vec<&str> = default_ids
            .iter()
            .filter(|id| !own.contains(id))
            .map(String::as_str)
            .collect();
        if !lacking.is_empty() {
            problems.push(
                Diagnostic::warning(
                    "untranslated",
                    &file,
                    format!(
                        "{} interface string(s) are not translated, so pages in `{}` show them in the default language: {}",
                        lacking.len(),
                        language.code,
                        lacking.join(", ")
                    ),
                )
                .with_hint(format!("add them, translated from {}", default_file(folder, root, loaded))),
            );
        }
    }
    problems
}

fn default_file(folder: &Path, root: &Path, loaded: &[LanguageStrings]) -> String {
    let code = loaded.first().map_or("en", |l| l.code.as_str());
    relative_to(&folder.join(format!("{code}.ftl")), root)
        .display()
        .to_string()
}

/// A count as a Fluent number, so that plural rules apply.
fn count_value(count: usize) -> FluentValue<'static> {
    match i64::try_from(count) {
        Ok(whole) => FluentValue::from(whole),
        Err(_) => FluentValue::from(count as f64),
    }
}

/// A template argument that went through JSON as a Fluent value: a number stays a number, so
/// that plural rules apply; anything else but text is its JSON text.
pub(crate) fn fluent_value(json: serde_json::Value) -> FluentValue<'static> {
    match json {
        serde_json::Value::Number(number) => match number.as_i64() {
            Some(whole) => FluentValue::from(whole),
            None => FluentValue::from(number.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(text) => FluentValue::from(text),
        other => FluentValue::from(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_the_keys_at_the_start_of_a_line() {
        let ids = message_ids(
            "# comment\nskip = Skip\nresponses = { $count ->\n    [one] one\n   *[other] many\n}\n-term = x\n",
        );
        assert_eq!(ids, ["skip", "responses"]);
    }
}
