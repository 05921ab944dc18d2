//! The check of one answer against its question: the rules a response's answers must meet,
//! whoever produced the file. The form's script (`themes/default/static/survey.js`) applies the
//! same rules before it writes a file, and reads the one table they cannot share as code (which
//! characters are invisible) from the form; a rule changed here must be changed there.

use std::borrow::Cow;

use super::blank::is_blank;
use super::definition::{Question, QuestionKind, RATING_RANGE};
use super::response::{Answer, Reason, ResponseProblem, printable};

/// The largest whole number a browser holds exactly (`Number.MAX_SAFE_INTEGER`): a whole-number
/// answer beyond it could not have come from the form unchanged.
pub const MAX_WHOLE_NUMBER: i64 = (1 << 53) - 1;

pub(super) fn check_answer(
    question: &Question,
    answer: &Answer<'_>,
) -> Result<(), ResponseProblem> {
    let id = question.id.as_str();
    let wrong_type = |expected: &str| {
        ResponseProblem::about(
            Reason::WrongType,
            id,
            format!(
                "`{id}` takes {expected}, but the answer is {}",
                answer.kind_name()
            ),
        )
    };
    match (&question.kind, answer) {
        (QuestionKind::Single { .. }, Answer::Text(choice)) => check_choice(question, choice),
        (QuestionKind::Single { .. }, _) => Err(wrong_type("one choice id (a string)")),
        (QuestionKind::Multiple { .. }, Answer::Choices(choices)) => {
            check_selections(question, choices)
        }
        (QuestionKind::Multiple { .. }, _) => Err(wrong_type("a list of choice ids")),
        (QuestionKind::Likert { points, .. }, Answer::Number(number)) => {
            check_whole_number(id, number, 1, i64::from(*points))
        }
        (QuestionKind::Rating { .. }, Answer::Number(number)) => {
            check_whole_number(id, number, *RATING_RANGE.start(), *RATING_RANGE.end())
        }
        (QuestionKind::Likert { .. } | QuestionKind::Rating { .. }, _) => {
            Err(wrong_type("a whole number"))
        }
        (QuestionKind::Number { min, max, integer }, Answer::Number(number)) => {
            check_number(id, number, *min, *max, *integer)
        }
        (QuestionKind::Number { .. }, _) => Err(wrong_type("a number")),
        (
            QuestionKind::Text { max_length } | QuestionKind::LongText { max_length },
            Answer::Text(text),
        ) => check_text(id, text, *max_length),
        (QuestionKind::Text { .. } | QuestionKind::LongText { .. }, _) => {
            Err(wrong_type("text (a string)"))
        }
    }
}

fn check_choice(question: &Question, choice: &str) -> Result<(), ResponseProblem> {
    if question.choices().iter().any(|known| known.id == choice) {
        return Ok(());
    }
    Err(ResponseProblem::about(
        Reason::UnknownChoice,
        &question.id,
        format!("{} is not a choice of `{}`", printable(choice), question.id),
    ))
}

fn check_selections(question: &Question, selected: &[Cow<'_, str>]) -> Result<(), ResponseProblem> {
    for choice in selected {
        check_choice(question, choice)?;
    }
    let selections = |message: String| {
        Err(ResponseProblem::about(
            Reason::Selections,
            &question.id,
            message,
        ))
    };
    let id = &question.id;
    let mut sorted: Vec<&str> = selected.iter().map(AsRef::as_ref).collect();
    sorted.sort_unstable();
    if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
        return selections(format!("`{id}` lists the same choice twice"));
    }
    if selected.is_empty() {
        return selections(format!(
            "`{id}` has an empty list; an unanswered question is left out instead"
        ));
    }
    if selected.len() > 1
        && let Some(alone) = question
            .choices()
            .iter()
            .find(|choice| choice.exclusive && sorted.binary_search(&choice.id.as_str()).is_ok())
    {
        return selections(format!(
            "`{id}` combines `{}`, which can only be chosen alone, with other choices",
            alone.id
        ));
    }
    if let QuestionKind::Multiple {
        min_selected,
        max_selected,
        ..
    } = &question.kind
    {
        let count = selected.len();
        if let Some(min) = min_selected
            && count < *min
        {
            return selections(format!(
                "`{id}` needs at least {min} selections, not {count}"
            ));
        }
        if let Some(max) = max_selected
            && count > *max
        {
            return selections(format!(
                "`{id}` allows at most {max} selections, not {count}"
            ));
        }
    }
    Ok(())
}

fn check_whole_number(
    id: &str,
    number: &serde_json::Number,
    low: i64,
    high: i64,
) -> Result<(), ResponseProblem> {
    match number.as_i64() {
        Some(value) if (low..=high).contains(&value) => Ok(()),
        _ => Err(ResponseProblem::about(
            Reason::OutOfRange,
            id,
            format!("`{id}` takes a whole number from {low} to {high}, not {number}"),
        )),
    }
}

fn check_number(
    id: &str,
    number: &serde_json::Number,
    min: Option<f64>,
    max: Option<f64>,
    integer: bool,
) -> Result<(), ResponseProblem> {
    let out_of_range =
        |message: String| Err(ResponseProblem::about(Reason::OutOfRange, id, message));
    let Some(value) = number.as_f64().filter(|value| value.is_finite()) else {
        return out_of_range(format!("`{id}` is not a usable number"));
    };
    if integer && value.fract() != 0.0 {
        return out_of_range(format!("`{id}` takes a whole number, not {number}"));
    }
    // The form writes a whole number with digits only, so `2.0` or `1e1` did not come from it
    // unchanged; and a whole number the browser cannot hold exactly never did.
    if integer && !(number.is_i64() || number.is_u64()) {
        return out_of_range(format!(
            "`{id}` takes a whole number written without a decimal point or exponent, not {number}"
        ));
    }
    if integer && value.abs() > MAX_WHOLE_NUMBER as f64 {
        return out_of_range(format!(
            "`{id}` takes a whole number of at most {MAX_WHOLE_NUMBER} either side of 0, not {number}"
        ));
    }
    if let Some(min) = min
        && value < min
    {
        return out_of_range(format!("`{id}` must be at least {min}, not {number}"));
    }
    if let Some(max) = max
        && value > max
    {
        return out_of_range(format!("`{id}` must be at most {max}, not {number}"));
    }
    Ok(())
}

fn check_text(id: &str, text: &str, max_length: usize) -> Result<(), ResponseProblem> {
    if is_blank(text) {
        return Err(ResponseProblem::about(
            Reason::WrongType,
            id,
            format!("`{id}` has empty text; an unanswered question is left out instead"),
        ));
    }
    // Counted in characters, as the form's `maxlength` counts (near enough: UTF-16 units).
    let length = text.chars().count();
    if length > max_length {
        return Err(ResponseProblem::about(
            Reason::TooLong,
            id,
            format!("`{id}` is {length} characters long; at most {max_length} are allowed"),
        ));
    }
    Ok(())
}
