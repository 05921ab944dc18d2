//! Response files (`candor-response/1`) and the check of a response against its survey.
//!
//! A response file is what a respondent hands back: the form downloads it or POSTs it, the
//! collector ingests it. Its format is documented in `docs/response-format.md` and is a
//! contract: exactly six keys, nothing that could identify the respondent (no time finer than
//! the day, no address, no browser details), answers keyed by question id.
//!
//! Response files are hostile input. Parsing never panics, echoes untrusted text only
//! shortened and with control characters escaped, and every problem found carries a stable
//! [`Reason`] code so that a batch of rejects can be summarised by reason.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::definition::{ConditionTest, Question, QuestionKind, RATING_RANGE, Survey};
use crate::date::Date;

/// The value of `format` in every response file of this version of the format.
pub const FORMAT: &str = "candor-response/1";

/// Most selections a multiple choice answer may list while parsing; more is hostile.
const MAX_SELECTIONS: usize = 1_000;

/// One response file, as documented in `docs/response-format.md`.
///
/// Text is borrowed from the file's text wherever it has no escapes: the collector parses every
/// file it ingests, and a string allocated (and freed) for every key and answer was a large
/// share of that work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response<'a> {
    /// Always [`FORMAT`].
    #[serde(borrow)]
    pub format: Cow<'a, str>,
    /// The survey's id.
    #[serde(borrow)]
    pub survey: Cow<'a, str>,
    /// The version of the survey definition the form was built from.
    pub version: u32,
    /// A random UUID v4 in lowercase hyphenated form; the only identifier in the file.
    #[serde(borrow)]
    pub response_id: Cow<'a, str>,
    /// The day the form was submitted, `YYYY-MM-DD`.
    #[serde(borrow)]
    pub submitted: Cow<'a, str>,
    /// Answers by question id. Unanswered and hidden questions are absent.
    #[serde(borrow, deserialize_with = "borrowed_answers")]
    pub answers: BTreeMap<Cow<'a, str>, Answer<'a>>,
}

/// One answer. Which kind is expected follows from the question's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer<'a> {
    /// A choice id (single choice questions) or free text (text questions).
    Text(Cow<'a, str>),
    /// Choice ids (multiple choice questions).
    Choices(Vec<Cow<'a, str>>),
    /// A likert point, a rating or a number, kept exactly as written.
    Number(serde_json::Number),
}

/// Why a response was not accepted: a stable short code for grouping, and a message for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Not JSON, or JSON of the wrong shape (missing or extra keys, wrong types).
    Malformed,
    /// `format` is not [`FORMAT`].
    Format,
    /// No survey with this id is defined (decided by whoever looks the survey up).
    UnknownSurvey,
    /// The response was made with another version of the survey.
    Version,
    /// `response_id` is not a lowercase UUID v4.
    ResponseId,
    /// `submitted` is not a real `YYYY-MM-DD` date.
    Date,
    /// `submitted` is after today.
    FutureDate,
    /// An answer names a question the survey does not have.
    UnknownQuestion,
    /// A required, shown question has no answer.
    Required,
    /// A question hidden by its `show_if` has an answer.
    HiddenAnswer,
    /// An answer is not of the kind its question takes.
    WrongType,
    /// A number outside the question's range, or not whole where it must be.
    OutOfRange,
    /// A choice id the question does not offer.
    UnknownChoice,
    /// Too few, too many or repeated selections of a multiple choice question.
    Selections,
    /// Text longer than the question allows.
    TooLong,
}

impl Reason {
    /// The stable code used in summaries and reason files.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Malformed => "malformed",
            Reason::Format => "format",
            Reason::UnknownSurvey => "unknown-survey",
            Reason::Version => "version",
            Reason::ResponseId => "response-id",
            Reason::Date => "date",
            Reason::FutureDate => "future-date",
            Reason::UnknownQuestion => "unknown-question",
            Reason::Required => "required",
            Reason::HiddenAnswer => "hidden-answer",
            Reason::WrongType => "wrong-type",
            Reason::OutOfRange => "out-of-range",
            Reason::UnknownChoice => "unknown-choice",
            Reason::Selections => "selections",
            Reason::TooLong => "too-long",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// One thing wrong with a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseProblem {
    pub reason: Reason,
    /// The question concerned, when there is one (already safe to print).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// What is wrong, for a person; untrusted text in it is shortened and escaped.
    pub message: String,
}

impl ResponseProblem {
    fn new(reason: Reason, message: impl Into<String>) -> Self {
        ResponseProblem {
            reason,
            question: None,
            message: message.into(),
        }
    }

    fn about(reason: Reason, question: &str, message: impl Into<String>) -> Self {
        ResponseProblem {
            reason,
            question: Some(crate::escape::terminal(question, 60)),
            message: message.into(),
        }
    }

    /// The problem of a response naming a survey that is not defined.
    pub fn unknown_survey(survey_id: &str) -> Self {
        ResponseProblem::new(
            Reason::UnknownSurvey,
            format!("no survey {} is defined", printable(survey_id)),
        )
    }
}

impl fmt::Display for ResponseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason, self.message)
    }
}

impl<'a> Response<'a> {
    /// Parses the text of a response file. Size and nesting limits on the raw bytes are the
    /// caller's; serde_json itself refuses nesting deeper than 128.
    pub fn parse(text: &'a str) -> Result<Response<'a>, ResponseProblem> {
        serde_json::from_str(text).map_err(|error| {
            ResponseProblem::new(
                Reason::Malformed,
                format!(
                    "not a {FORMAT} response file: {}",
                    crate::escape::terminal(&error.to_string(), 200)
                ),
            )
        })
    }

    /// The file name the form gives the response: `<survey-id>-<response-id>.json`.
    pub fn file_name(&self) -> String {
        format!("{}-{}.json", self.survey, self.response_id)
    }
}

/// Checks `response` against its survey: the header, then every answer, reporting all
/// problems found. `today` bounds the submission date.
pub fn validate_response(
    survey: &Survey,
    response: &Response<'_>,
    today: Date,
) -> Result<(), Vec<ResponseProblem>> {
    let header = header_problems(survey, response);
    if !header.is_empty() {
        // With the wrong format, survey or version the answers cannot be judged.
        return Err(header);
    }
    let mut problems = Vec::new();
    if !is_uuid_v4(&response.response_id) {
        problems.push(ResponseProblem::new(
            Reason::ResponseId,
            format!(
                "response_id {} is not a lowercase random UUID (version 4)",
                printable(&response.response_id)
            ),
        ));
    }
    match response.submitted.parse::<Date>().ok() {
        None => problems.push(ResponseProblem::new(
            Reason::Date,
            format!(
                "submitted {} is not a real YYYY-MM-DD date",
                printable(&response.submitted)
            ),
        )),
        Some(day) if day > today => problems.push(ResponseProblem::new(
            Reason::FutureDate,
            format!("submitted {day} is in the future (today is {today})"),
        )),
        Some(_) => {}
    }
    answer_problems(survey, &response.answers, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn header_problems(survey: &Survey, response: &Response<'_>) -> Vec<ResponseProblem> {
    let mut problems = Vec::new();
    if response.format != FORMAT {
        problems.push(ResponseProblem::new(
            Reason::Format,
            format!(
                "format is {}, expected {FORMAT:?}",
                printable(&response.format)
            ),
        ));
    }
    if response.survey != survey.id {
        problems.push(ResponseProblem::unknown_survey(&response.survey));
    } else if response.version != survey.version {
        problems.push(ResponseProblem::new(
            Reason::Version,
            format!(
                "the response is for version {} of survey `{}`, but the definition is version {}",
                response.version, survey.id, survey.version
            ),
        ));
    }
    problems
}

fn answer_problems(
    survey: &Survey,
    answers: &BTreeMap<Cow<'_, str>, Answer<'_>>,
    problems: &mut Vec<ResponseProblem>,
) {
    for id in answers.keys() {
        if survey.question(id).is_none() {
            problems.push(ResponseProblem::about(
                Reason::UnknownQuestion,
                id,
                format!(
                    "answer to {}, which is not a question of this survey",
                    printable(id)
                ),
            ));
        }
    }
    let shown = shown_questions(survey, answers);
    for (question, is_shown) in survey.questions.iter().zip(shown) {
        match (answers.get(question.id.as_str()), is_shown) {
            (Some(_), false) => problems.push(ResponseProblem::about(
                Reason::HiddenAnswer,
                &question.id,
                format!(
                    "`{}` is answered although its show_if condition hides it",
                    question.id
                ),
            )),
            (None, true) if question.required => problems.push(ResponseProblem::about(
                Reason::Required,
                &question.id,
                format!("required question `{}` has no answer", question.id),
            )),
            (Some(answer), true) => {
                if let Err(problem) = check_answer(question, answer) {
                    problems.push(problem);
                }
            }
            (None, _) => {}
        }
    }
}

/// Which questions a respondent with these answers was shown, in survey order. A question is
/// shown when it has no `show_if`, or when the question it tests was shown and its answer
/// passes; answers to hidden questions do not count, so hiding cascades.
pub fn shown_questions(survey: &Survey, answers: &BTreeMap<Cow<'_, str>, Answer<'_>>) -> Vec<bool> {
    let mut shown: Vec<bool> = Vec::with_capacity(survey.questions.len());
    for question in &survey.questions {
        let is_shown = match &question.show_if {
            None => true,
            Some(condition) => {
                let target = survey
                    .questions
                    .iter()
                    .position(|earlier| earlier.id == condition.question);
                let target_shown = target.is_some_and(|index| shown.get(index) == Some(&true));
                target_shown
                    && condition_holds(&condition.test, answers.get(condition.question.as_str()))
            }
        };
        shown.push(is_shown);
    }
    shown
}

fn condition_holds(test: &ConditionTest, answer: Option<&Answer<'_>>) -> bool {
    let picked = |choice: &str| match answer {
        Some(Answer::Text(id)) => id == choice,
        Some(Answer::Choices(ids)) => ids.iter().any(|id| id == choice),
        _ => false,
    };
    match test {
        ConditionTest::Answered => answer.is_some(),
        ConditionTest::Equals(choice) => picked(choice),
        ConditionTest::OneOf(choices) => choices.iter().any(|choice| picked(choice)),
    }
}

fn check_answer(question: &Question, answer: &Answer<'_>) -> Result<(), ResponseProblem> {
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
    if text.trim().is_empty() {
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

/// Whether `text` is a UUID v4 written the way `crypto.randomUUID()` writes it, so that one
/// response id has exactly one spelling (de-duplication compares them as text).
pub fn is_uuid_v4(text: &str) -> bool {
    match uuid::Uuid::try_parse(text) {
        Ok(id) => {
            id.get_version() == Some(uuid::Version::Random)
                && id.get_variant() == uuid::Variant::RFC4122
                && *id
                    .hyphenated()
                    .encode_lower(&mut uuid::Uuid::encode_buffer())
                    == *text
        }
        Err(_) => false,
    }
}

/// Untrusted text made safe and short for a message: quoted, control characters escaped.
fn printable(text: &str) -> String {
    format!("\"{}\"", crate::escape::terminal(text, 60))
}

impl Answer<'_> {
    fn kind_name(&self) -> &'static str {
        match self {
            Answer::Text(_) => "a string",
            Answer::Choices(_) => "a list",
            Answer::Number(_) => "a number",
        }
    }

    /// The numeric value of a likert, rating or number answer.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Answer::Number(number) => number.as_f64(),
            _ => None,
        }
    }
}

impl Serialize for Answer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Text(text) => serializer.serialize_str(text),
            Answer::Choices(choices) => choices.serialize(serializer),
            Answer::Number(number) => number.serialize(serializer),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Answer<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// Reads an answer without serde's untagged-enum buffering, so that a wrong shape gets a
/// clear message and a huge list is refused while it is read.
struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a choice id, a list of choice ids, a number or text")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Answer<'de>, E> {
        Ok(Answer::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Answer<'de>, E> {
        Ok(Answer::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Answer<'de>, E> {
        Ok(Answer::Text(Cow::Owned(text)))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Answer<'de>, E> {
        Ok(Answer::Number(number.into()))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Answer<'de>, E> {
        Ok(Answer::Number(number.into()))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Answer<'de>, E> {
        serde_json::Number::from_f64(number)
            .map(Answer::Number)
            .ok_or_else(|| E::custom("a number must be finite"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer<'de>, A::Error> {
        let mut choices = Vec::new();
        while let Some(BorrowedText(choice)) = seq.next_element()? {
            if choices.len() == MAX_SELECTIONS {
                return Err(de::Error::custom(format!(
                    "a list of more than {MAX_SELECTIONS} choices"
                )));
            }
            choices.push(choice);
        }
        Ok(Answer::Choices(choices))
    }
}

/// Reads the answers object with borrowed question ids (a plain `Cow` is always copied by serde
/// when it is a map key). A question id given twice keeps its last answer, as a map would.
fn borrowed_answers<'de: 'a, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Cow<'a, str>, Answer<'a>>, D::Error> {
    struct Answers;

    impl<'de> Visitor<'de> for Answers {
        type Value = BTreeMap<Cow<'de, str>, Answer<'de>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("answers by question id")
        }

        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut answers = BTreeMap::new();
            while let Some(BorrowedText(id)) = map.next_key()? {
                answers.insert(id, map.next_value()?);
            }
            Ok(answers)
        }
    }

    deserializer.deserialize_map(Answers)
}

/// A string borrowed from the input when it has no escapes, copied otherwise.
struct BorrowedText<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for BorrowedText<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;

        impl<'de> Visitor<'de> for Text {
            type Value = BorrowedText<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(BorrowedText(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(BorrowedText(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(BorrowedText(Cow::Owned(text)))
            }
        }

        deserializer.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests;
