//! YAML: the only module that knows which YAML library Candor uses.
//!
//! Site configuration, front matter, data files and survey definitions are all YAML written by
//! people, so parsing is strict (duplicate keys are errors, only `true`/`false` are booleans, so
//! `no` stays the string "no") and bounded (serde-saphyr's default resource budget guards against
//! alias bombs and runaway nesting). Errors become [`Diagnostic`]s in the coordinates of the file
//! the YAML came from, even when it was cut out of a larger file such as a Markdown page.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{MessageFormatter as _, Options};

use crate::diagnostic::Diagnostic;

/// A value with the place it was written, for checks that run after parsing (a survey's
/// `show_if` naming a later question) and must still point at the line and column.
pub use serde_saphyr::Spanned;

/// Parses `source`, the YAML text found in `file` starting at line `first_line` (1-based).
pub fn parse<T: DeserializeOwned>(
    source: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(source, options())
        .map_err(|error| to_diagnostic(&error, file, first_line))
}

/// Serialises `value` as YAML, for files Candor writes itself (survey results).
pub fn to_string<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_saphyr::to_string(value)?)
}

fn options() -> Options {
    let mut options = Options::default();
    options.strict_booleans = true;
    options
}

fn to_diagnostic(error: &serde_saphyr::Error, file: &Path, first_line: usize) -> Diagnostic {
    let message = serde_saphyr::DefaultMessageFormatter.format_message(error);
    let message = message.escape_debug().to_string();
    let diagnostic = Diagnostic::error("yaml", file, message);
    let diagnostic = match error.location() {
        Some(at) => diagnostic.at(
            first_line + at.line() as usize - 1,
            (at.column() as usize).max(1),
        ),
        None => diagnostic.at(first_line, 0),
    };
    let hint = hint_for(error);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

fn hint_for(error: &serde_saphyr::Error) -> Option<&'static str> {
    use serde_saphyr::Error as E;
    match error {
        E::SerdeUnknownField { .. } => {
            Some("check the spelling; the message lists the keys allowed here")
        }
        E::DuplicateMappingKey { .. } => Some("each key may appear once; remove one of them"),
        E::InvalidBooleanStrict { .. } => Some("write `true` or `false`, or quote the text"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        #[serde(default)]
        flag: Option<bool>,
        #[serde(default)]
        answer: Option<String>,
    }

    #[test]
    fn unknown_key_is_located_in_the_outer_file() {
        let error = parse::<Sample>("title: x\ntitel: y\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!((error.line, error.column), (3, 1), "{error}");
        assert!(error.message.contains("titel"), "{error}");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let error = parse::<Sample>("title: x\ntitle: y\n", Path::new("a.md"), 1).unwrap_err();
        assert_eq!(error.line, 2, "{error}");
    }

    #[test]
    fn yes_and_no_are_not_booleans() {
        let parsed: Sample = parse("title: x\nanswer: no\n", Path::new("a.md"), 1).unwrap();
        assert_eq!(parsed.answer.as_deref(), Some("no"));
        assert!(parse::<Sample>("title: x\nflag: yes\n", Path::new("a.md"), 1).is_err());
    }
}
