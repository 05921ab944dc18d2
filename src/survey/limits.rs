//! The collector's limits on one response file, and the check that a survey definition fits them.
//!
//! The collector refuses hostile files by their shape before it parses them (`collect::read`):
//! at most [`MAX_RESPONSE_BYTES`] bytes by default, [`MAX_ENTRIES`] entries in any object or
//! list, [`MAX_DEPTH`] levels of nesting. A definition that a complete, honest response cannot
//! fit would publish a form whose answers are all quarantined, so `candor build` and `check`
//! measure each definition against the same constants, here, in one place: how many answers a
//! response can hold, how many choices one answer can list, and how many bytes the largest
//! response the form can write takes. Text length has its own bound in the definition
//! (`MAX_TEXT_LENGTH`), which this size includes.

use super::definition::{QuestionKind, Survey};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The largest response file the collector accepts unless `--max-size` says otherwise.
pub const MAX_RESPONSE_BYTES: u64 = 256 * 1024;

/// Most entries in one object or list of a response file: answers in a response, choices in
/// one answer.
pub const MAX_ENTRIES: usize = 1000;

/// Deepest nesting of objects and lists in a response file. A response has three levels (the
/// file, `answers`, a list of choices); the rest is room for a later format, none for a bomb.
pub const MAX_DEPTH: usize = 8;

const _: () = assert!(RESPONSE_DEPTH <= MAX_DEPTH);
const RESPONSE_DEPTH: usize = 3;

/// The most bytes one character of text can take in a response file: a control character is
/// written `\u0001` by `JSON.stringify`, and every other character in at most four bytes.
const BYTES_PER_CHARACTER: u64 = 6;

/// The longest number `JSON.stringify` writes: `-1.7976931348623157e+308`.
const NUMBER_BYTES: u64 = 24;

/// A limit a definition goes beyond.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitProblem {
    /// The index of the question concerned; `None` for the survey as a whole.
    pub question: Option<usize>,
    pub message: String,
    pub hint: String,
}

/// Every limit of a response file of at most `max_bytes` bytes that a complete response to
/// `survey` would go beyond.
pub fn check(survey: &Survey, max_bytes: u64) -> Vec<LimitProblem> {
    let mut problems = Vec::new();
    let count = survey.questions.len();
    if count > MAX_ENTRIES {
        problems.push(LimitProblem {
            question: None,
            message: format!(
                "the survey has {count} questions, but the collector accepts at most {MAX_ENTRIES} answers in a response"
            ),
            hint: format!("split the survey into several surveys of at most {MAX_ENTRIES} questions"),
        });
    }
    for (index, question) in survey.questions.iter().enumerate() {
        if let QuestionKind::Multiple { .. } = question.kind {
            let most = most_selected(&question.kind);
            if most > MAX_ENTRIES {
                problems.push(LimitProblem {
                    question: Some(index),
                    message: format!(
                        "`{}` lets a respondent choose {most} choices, but the collector accepts at most {MAX_ENTRIES} in one answer",
                        question.id
                    ),
                    hint: format!(
                        "set `max_selected: {MAX_ENTRIES}` or fewer, or offer fewer choices"
                    ),
                });
            }
        }
    }
    let largest = largest_response_bytes(survey);
    if largest > max_bytes {
        problems.push(LimitProblem {
            question: None,
            message: format!(
                "a complete response to this survey can take {largest} bytes, but the collector accepts response files of at most {max_bytes} bytes"
            ),
            hint: "lower `max_length` of the text questions or ask fewer questions".to_owned(),
        });
    }
    problems
}

/// Warnings for the surveys whose largest complete response is larger than `max_bytes`, an
/// ingest's `--max-size` set below the default that every definition was built against.
pub fn check_max_size(surveys: &[Survey], max_bytes: u64) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    for survey in surveys {
        let largest = largest_response_bytes(survey);
        if largest > max_bytes {
            warnings.push(
                Diagnostic::warning(
                    "survey-limit",
                    &survey.file,
                    format!(
                        "a complete response to this survey can take {largest} bytes, more than --max-size ({max_bytes} bytes); such responses will be rejected"
                    ),
                )
                .with_hint(format!("raise --max-size to at least {largest} bytes")),
            );
        }
    }
    warnings
}

/// How many choices one answer to a multiple choice question can list.
fn most_selected(kind: &QuestionKind) -> usize {
    match kind {
        QuestionKind::Multiple {
            choices,
            max_selected,
            ..
        } => max_selected.unwrap_or(choices.len()).min(choices.len()),
        QuestionKind::Single { .. } => 1,
        _ => 0,
    }
}

/// The size of the largest response file the form can write for `survey`, every question
/// answered at its longest (an upper bound: hidden questions would be left out).
pub fn largest_response_bytes(survey: &Survey) -> u64 {
    let header = format!(
        r#"{{"format":"{}","survey":"{}","version":{},"response_id":"{}","submitted":"{}","answers":{{}}}}"#,
        super::FORMAT,
        survey.id,
        survey.version,
        "00000000-0000-4000-8000-000000000000",
        "2026-01-01"
    );
    let answers: u64 = survey
        .questions
        .iter()
        .map(|question| {
            // `"id":value,` — ids are plain ASCII, never escaped.
            let key = question.id.len() as u64 + 4;
            let value = match &question.kind {
                QuestionKind::Single { choices } => choices
                    .iter()
                    .map(|c| c.id.len() as u64 + 2)
                    .max()
                    .unwrap_or(2),
                QuestionKind::Multiple { .. } => {
                    let mut lengths: Vec<u64> = question
                        .choices()
                        .iter()
                        .map(|c| c.id.len() as u64 + 3)
                        .collect();
                    lengths.sort_unstable_by(|a, b| b.cmp(a));
                    2 + lengths
                        .iter()
                        .take(most_selected(&question.kind))
                        .sum::<u64>()
                }
                QuestionKind::Likert { .. } => 1,
                QuestionKind::Rating { .. } => 2,
                QuestionKind::Number { .. } => NUMBER_BYTES,
                QuestionKind::Text { max_length } | QuestionKind::LongText { max_length } => {
                    2 + *max_length as u64 * BYTES_PER_CHARACTER
                }
            };
            key + value
        })
        .sum();
    header.len() as u64 + answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn survey(questions: &str) -> Survey {
        let source = format!(
            "id: s\ntitle: S\nversion: 1\nanonymity: A\nopens: 2026-01-01\ncloses: 2026-02-01\nquestions:\n{questions}"
        );
        Survey::parse(&source, Path::new("surveys/s.yaml")).unwrap()
    }

    #[test]
    fn the_largest_response_is_what_the_form_would_write_at_its_longest() {
        let survey = survey(
            "  - {id: pick, type: multiple, label: P, max_selected: 2, choices: [{id: a, label: A}, {id: bbb, label: B}, {id: cc, label: C}]}\n\
             \x20 - {id: note, type: text, label: N, max_length: 3}\n\
             \x20 - {id: n, type: number, label: N}\n",
        );
        let longest = serde_json::json!({
            "format": "candor-response/1", "survey": "s", "version": 1,
            "response_id": "00000000-0000-4000-8000-000000000000", "submitted": "2026-01-01",
            "answers": {"pick": ["bbb", "cc"], "note": "\u{1}\u{1}\u{1}", "n": -1.797_693_134_862_315_7e308}
        });
        let written = serde_json::to_string(&longest).unwrap();
        // serde_json writes the number in 23 bytes where JavaScript takes 24; the last comma is
        // counted too.
        assert_eq!(largest_response_bytes(&survey), written.len() as u64 + 2);
        assert!(check(&survey, MAX_RESPONSE_BYTES).is_empty());
        assert_eq!(check(&survey, 100).len(), 1);
    }
}
