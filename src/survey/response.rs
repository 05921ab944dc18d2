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

use super::definition::{ConditionTest, Survey};
use crate::date::Date;

/// The value of `format` in every response file of this version of the format.
pub const FORMAT: &str = "candor-response/1";

/// Most selections a multiple choice answer may list while parsing; more is hostile.
const MAX_SELECTIONS: usize = super::limits::MAX_ENTRIES;

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
    /// `submitted` is more than a day outside the survey's `opens` to `closes`.
    OutsideDates,
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
            Reason::OutsideDates => "outside-dates",
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

    pub(super) fn about(reason: Reason, question: &str, message: impl Into<String>) -> Self {
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

/// Checks a response the collector has received, as `ingest` does before storing it and
/// `report` does again before counting it: [`validate_response`] with one allowance.
/// Respondents date their response in their own calendar, which can be a day ahead of the
/// collector's UTC date (up to UTC+14), so a response whose only problem is being dated
/// tomorrow is accepted.
pub fn validate_received(
    survey: &Survey,
    response: &Response<'_>,
    today: Date,
) -> Result<(), Vec<ResponseProblem>> {
    let tomorrow = today.tomorrow();
    match validate_response(survey, response, today) {
        Err(problems)
            if problems.iter().all(|p| p.reason == Reason::FutureDate)
                && response
                    .submitted
                    .parse::<Date>()
                    .is_ok_and(|day| day <= tomorrow) =>
        {
            Ok(())
        }
        other => other,
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
        Some(day) => {
            if day > today {
                problems.push(ResponseProblem::new(
                    Reason::FutureDate,
                    format!("submitted {day} is in the future (today is {today})"),
                ));
            }
            if !is_within_dates(survey, day) {
                problems.push(ResponseProblem::new(
                    Reason::OutsideDates,
                    format!(
                        "submitted {day} is outside the survey's dates, {} to {}",
                        survey.opens, survey.closes
                    ),
                ));
            }
        }
    }
    answer_problems(survey, &response.answers, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Whether a response dated `day` (in the respondent's calendar) can belong to the survey: from
/// the day before it opens to the day after it closes, since the collector's calendar may be a
/// day ahead of or behind the respondent's.
fn is_within_dates(survey: &Survey, day: Date) -> bool {
    survey.opens.yesterday() <= day && day <= survey.closes.tomorrow()
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
                if let Err(problem) = super::answers::check_answer(question, answer) {
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
pub(super) fn printable(text: &str) -> String {
    format!("\"{}\"", crate::escape::terminal(text, 60))
}

impl Answer<'_> {
    pub(super) fn kind_name(&self) -> &'static str {
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
