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

use crate::diagnostic::{Diagnostic, Diagnostics};

/// A value with the place it was written, for checks that run after parsing (a survey's
/// `show_if` naming a later question) and must still point at the line and column.
pub use serde_saphyr::Spanned;

/// A value that was not written in the file (a default): it has no place to point at.
pub fn unwritten<T>(value: T) -> Spanned<T> {
    Spanned::new(
        value,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// The 1-based line and column where `spanned` was written; `(0, 0)` for a default.
pub fn position<T>(spanned: &Spanned<T>) -> (usize, usize) {
    let at = &spanned.referenced;
    (at.line() as usize, at.column() as usize)
}

/// Parses `source`, the YAML text found in `file` starting at line `first_line` (1-based).
pub fn parse<T: DeserializeOwned>(
    source: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(source, options())
        .map_err(|error| to_diagnostic(&error, source, file, first_line))
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

/// Parses like [`parse`], but when the first problem is an unknown key, goes on looking for the
/// others, so that one run lists every misspelt key of a file rather than one per run. Each
/// unknown key's lines are blanked (keeping every line number) and the text parsed again; the
/// search stops at the first problem of another kind, which the blanking itself may have caused
/// and which is therefore never reported.
pub fn parse_all<T: DeserializeOwned>(
    source: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Diagnostics> {
    /// More than this many unknown keys in one file is a file of the wrong kind, not typos.
    const MAX_REPORTED: usize = 50;
    let first = match serde_saphyr::from_str_with_options(source, options()) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let mut problems = Diagnostics::new();
    problems.push(to_diagnostic(&first, source, file, first_line));
    let mut masked = source.to_string();
    let mut error = first;
    while problems.len() < MAX_REPORTED {
        let (serde_saphyr::Error::SerdeUnknownField { .. }, Some(at)) =
            (innermost(&error), error.location())
        else {
            break;
        };
        let Some(next) = blank_key(&masked, at.line() as usize, at.column() as usize) else {
            break;
        };
        masked = next;
        match serde_saphyr::from_str_with_options::<T>(&masked, options()) {
            Ok(_) => break,
            Err(again)
                if matches!(
                    innermost(&again),
                    serde_saphyr::Error::SerdeUnknownField { .. }
                ) =>
            {
                problems.push(to_diagnostic(&again, &masked, file, first_line));
                error = again;
            }
            Err(_) => break,
        }
    }
    Err(problems)
}

/// `source` with the key at `line`:`column` (1-based) and every more indented line below it
/// blanked, or `None` when the key does not start its line (a flow mapping, a list item).
fn blank_key(source: &str, line: usize, column: usize) -> Option<String> {
    let lines: Vec<&str> = source.split('\n').collect();
    let key_line = lines.get(line.checked_sub(1)?)?;
    let indent = key_line.len() - key_line.trim_start_matches(' ').len();
    if indent + 1 != column {
        return None;
    }
    let mut blanked = String::with_capacity(source.len());
    let mut inside = false;
    for (index, text) in lines.iter().enumerate() {
        let this_indent = text.len() - text.trim_start_matches(' ').len();
        if index + 1 == line {
            inside = true;
        } else if inside && !text.trim().is_empty() && this_indent <= indent {
            inside = false;
        }
        if !inside {
            blanked.push_str(text);
        }
        if index + 1 < lines.len() {
            blanked.push('\n');
        }
    }
    Some(blanked)
}

fn to_diagnostic(
    error: &serde_saphyr::Error,
    source: &str,
    file: &Path,
    first_line: usize,
) -> Diagnostic {
    let at = error.location();
    let written = at.and_then(|at| written_at(source, at.line() as usize, at.column() as usize));
    let (message, hint) = plain_words(error, written.as_ref());
    let diagnostic = Diagnostic::error("yaml", file, message);
    let diagnostic = match at {
        Some(at) => diagnostic.at(
            first_line + at.line() as usize - 1,
            (at.column() as usize).max(1),
        ),
        None => diagnostic.at(first_line, 0),
    };
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// What the user wrote where a problem was found: the key of that line and the value after it.
struct Written {
    key: String,
    value: String,
}

fn written_at(source: &str, line: usize, column: usize) -> Option<Written> {
    let lines: Vec<&str> = source.lines().collect();
    let index = line.checked_sub(1)?;
    let text = lines.get(index)?;
    let indent = text.len() - text.trim_start().len();
    if column <= indent + 1 && index > 0 {
        // The problem is a whole block starting on this line (a mapping where a list belongs):
        // it is the value of the nearest less indented key above it.
        let parent = lines[..index].iter().rev().find(|above| {
            let trimmed = above.trim_start();
            !trimmed.is_empty() && above.len() - trimmed.len() < indent
        })?;
        let (key, _) = key_and_rest(parent)?;
        return Some(Written {
            key,
            value: String::new(),
        });
    }
    let (key, rest) = key_and_rest(text)?;
    let value = text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest, |(offset, _)| &text[offset..]);
    let value = value.split(" #").next().unwrap_or_default().trim();
    Some(Written {
        key,
        value: crate::escape::terminal(value, 60),
    })
}

/// The key of a `key: value` line (also inside a `- ` list item) and the text after its colon.
fn key_and_rest(text: &str) -> Option<(String, &str)> {
    let entry = text.trim_start().trim_start_matches("- ");
    let (key, rest) = entry.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    if key.is_empty() || key.contains(char::is_whitespace) {
        return None;
    }
    Some((crate::escape::terminal(key, 60), rest))
}

/// The parser's complaint said in the words of the person who wrote the file: which key, what
/// it must be, an example of the right form. Parser jargon (`invalid i64`, `sequence start`) and
/// advice about parser options never reach the user.
fn plain_words(error: &serde_saphyr::Error, written: Option<&Written>) -> (String, Option<String>) {
    use serde_saphyr::Error as E;
    let error = innermost(error);
    let key = written.map_or("this value", |w| w.key.as_str());
    let value = written.map(|w| w.value.as_str()).filter(|v| !v.is_empty());
    let not = |value: Option<&str>| value.map_or(String::new(), |v| format!(", not `{v}`"));
    match error {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let field = crate::escape::terminal(field, 60);
            let message = match closest(&field, expected) {
                Some(suggestion) => format!("unknown key `{field}`: did you mean `{suggestion}`?"),
                None => format!("unknown key `{field}`"),
            };
            let mut hint = format!("the keys allowed here are {}", expected.join(", "));
            if expected.contains(&"extra") {
                hint.push_str("; put values of your own under `extra:`");
            }
            (message, Some(hint))
        }
        E::DuplicateMappingKey { key: duplicate, .. } => {
            let duplicate = duplicate
                .as_deref()
                .map_or(key.to_string(), |k| crate::escape::terminal(k, 60));
            (
                format!("`{duplicate}` is set twice here"),
                Some("each key may appear once in the same place: delete one of the two".into()),
            )
        }
        E::InvalidBooleanStrict { .. } => (
            format!("`{key}` must be `true` or `false`{}", not(value)),
            Some(format!("write `{key}: true` or `{key}: false`")),
        ),
        E::InvalidScalar { ty, .. } if ty.starts_with('i') || ty.starts_with('u') => (
            format!("`{key}` must be a whole number{}", not(value)),
            Some(format!("for example `{key}: 10`")),
        ),
        E::InvalidScalar { ty, .. } if ty.starts_with('f') => (
            format!("`{key}` must be a number{}", not(value)),
            Some(format!("for example `{key}: 2.5`")),
        ),
        E::Unexpected { expected, .. } if expected.starts_with("sequence") => (
            format!("`{key}` must be a list{}", not(value)),
            Some(format!(
                "write `{key}: [first, second]`, or one `- item` per line below `{key}:`; \
                 a single item is a list of one: `{key}: [{}]`",
                value.unwrap_or("item")
            )),
        ),
        E::Unexpected { expected, .. } if expected.contains("scalar") => (
            format!("`{key}` must be {}", kind_in_words(expected)),
            Some(format!("for example `{key}: some text`")),
        ),
        E::Unexpected { expected, .. } if expected.starts_with("mapping") => (
            format!(
                "`{key}` must be a group of `key: value` lines{}",
                not(value)
            ),
            None,
        ),
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            format!(
                "`{key}` must be {}, not {}",
                kind_in_words(expected),
                kind_in_words(unexpected)
            ),
            None,
        ),
        E::SerdeMissingField { field, .. } => (
            format!("`{field}` is missing"),
            Some(format!("add a line `{field}: ...`")),
        ),
        other => {
            let message = serde_saphyr::DefaultMessageFormatter.format_message(other);
            (crate::escape::terminal(&message, 500), None)
        }
    }
}

/// The error itself, without the wrappers that add a snippet of the source or the alias it came
/// through: the kind of problem decides the words.
fn innermost(error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    match error {
        serde_saphyr::Error::WithSnippet { error, .. }
        | serde_saphyr::Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

/// The allowed key nearest to a misspelt one, when it is near enough to be what was meant.
fn closest<'a>(field: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let field = field.to_lowercase();
    allowed
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(&field, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// serde's names for kinds of value ("a sequence", "struct Foo", "a string") in the words of
/// someone writing YAML.
fn kind_in_words(kind: &str) -> String {
    let kind = kind.trim();
    if kind.contains("sequence") || kind.starts_with("a seq") || kind.starts_with("tuple") {
        "a list".into()
    } else if kind.contains("map") || kind.starts_with("struct") {
        "a group of `key: value` lines".into()
    } else if kind.contains("string") || kind.contains("char") || kind.contains("scalar") {
        "text".into()
    } else if kind.contains("bool") {
        "`true` or `false`".into()
    } else if kind.contains("integer") || kind.starts_with('i') || kind.starts_with('u') {
        "a whole number".into()
    } else if kind.contains("float") || kind.starts_with('f') {
        "a number".into()
    } else if kind.contains("unit") || kind.contains("null") {
        "empty".into()
    } else {
        crate::escape::terminal(kind, 60)
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
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Page {
        title: String,
        #[serde(default)]
        weight: i64,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        draft: bool,
        #[serde(default)]
        summary: Option<String>,
    }

    /// Each problem exactly as the user reads it: `line:column: message` and the hint.
    fn problems(source: &str) -> Vec<String> {
        match parse_all::<Page>(source, Path::new("p.md"), 1) {
            Ok(_) => vec![],
            Err(problems) => problems
                .iter()
                .map(|p| {
                    format!(
                        "{}:{}: {} | {}",
                        p.line,
                        p.column,
                        p.message,
                        p.hint.clone().unwrap_or_default()
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn wrong_kinds_of_value_are_said_in_the_users_words() {
        assert_eq!(
            problems("title: t\nweight: first\n"),
            ["2:9: `weight` must be a whole number, not `first` | for example `weight: 10`"]
        );
        assert_eq!(
            problems("title: t\ntags: one\n"),
            [
                "2:7: `tags` must be a list, not `one` | write `tags: [first, second]`, or one \
              `- item` per line below `tags:`; a single item is a list of one: `tags: [one]`"
            ]
        );
        assert_eq!(
            problems("title: t\ndraft: yes\n"),
            [
                "2:8: `draft` must be `true` or `false`, not `yes` | write `draft: true` or `draft: false`"
            ]
        );
        assert_eq!(
            problems("title: t\ntitle: u\n"),
            [
                "2:1: `title` is set twice here | each key may appear once in the same place: delete one of the two"
            ]
        );
        assert_eq!(
            problems("title: [a, b]\n"),
            ["1:8: `title` must be text | for example `title: some text`"]
        );
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        let allowed = "the keys allowed here are title, weight, tags, draft, summary";
        assert_eq!(
            problems("title: t\ntitel: x\nauthor:\n  name: y\nsumary: z\n"),
            [
                format!("2:1: unknown key `titel`: did you mean `title`? | {allowed}"),
                format!("3:1: unknown key `author` | {allowed}"),
                format!("5:1: unknown key `sumary`: did you mean `summary`? | {allowed}"),
            ]
        );
    }

    #[test]
    fn values_are_echoed_as_written_without_escaped_quotes() {
        assert_eq!(
            problems("title: t\nweight: \"a\\u001b[2J\"\n"),
            [
                "2:9: `weight` must be a whole number, not `\"a\\u001b[2J\"` | for example `weight: 10`"
            ]
        );
    }
}
