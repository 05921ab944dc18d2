//! The ground truth the intruder never sees: the responses a test made up, and their true
//! counts in every row of every question (published or not), tallied here independently of
//! `candor::report`.

use std::collections::BTreeMap;

use candor::survey::{Question, QuestionKind, Survey};

use super::intruder::{Counts, RowKey, Slot};

/// One answer, as a test writes it.
#[derive(Debug, Clone)]
pub enum Answer {
    Choice(&'static str),
    Choices(Vec<&'static str>),
    /// A likert or rating point, or a number.
    Point(i64),
    Text(&'static str),
}

/// One response: question id → answer; unanswered questions are absent.
pub type Response = BTreeMap<&'static str, Answer>;

/// A response from `(question, answer)` pairs.
pub fn response(answers: &[(&'static str, Answer)]) -> Response {
    answers.iter().cloned().collect()
}

/// `count` copies of a response.
pub fn times(count: usize, answers: &[(&'static str, Answer)]) -> Vec<Response> {
    vec![response(answers); count]
}

/// The response file a form would send, numbered `number`.
pub fn response_json(survey: &str, number: usize, response: &Response) -> String {
    let answers: Vec<String> = response
        .iter()
        .map(|(question, answer)| {
            let value = match answer {
                Answer::Choice(id) => serde_json::json!(id),
                Answer::Choices(ids) => serde_json::json!(ids),
                Answer::Point(point) => serde_json::json!(point),
                Answer::Text(text) => serde_json::json!(text),
            };
            format!("{}:{value}", serde_json::json!(question))
        })
        .collect();
    format!(
        r#"{{"format":"candor-response/1","survey":"{survey}","version":1,"response_id":"{}","submitted":"2026-03-04","answers":{{{}}}}}"#,
        response_id(number),
        answers.join(",")
    )
}

pub fn response_id(number: usize) -> String {
    format!("00000000-0000-4000-8000-{number:012}")
}

/// The true counts of `responses` in every row of every question of `survey`.
pub fn tally(survey: &Survey, responses: &[Response]) -> Counts {
    let mut counts = Counts {
        responses: responses.len() as u64,
        ..Counts::default()
    };
    for response in responses {
        for question in &survey.questions {
            let Some(answer) = response.get(question.id.as_str()) else {
                continue;
            };
            let cells = cells_of(question, answer);
            for row in rows_of(survey, question, response) {
                *counts
                    .figures
                    .entry((question.id.clone(), row.clone(), Slot::Respondents))
                    .or_default() += 1;
                for &cell in &cells {
                    *counts
                        .figures
                        .entry((question.id.clone(), row.clone(), Slot::Cell(cell)))
                        .or_default() += 1;
                }
            }
        }
    }
    counts
}

/// The rows a response counts in for `question`.
fn rows_of(survey: &Survey, question: &Question, response: &Response) -> Vec<RowKey> {
    let mut rows = vec![RowKey::Overall];
    for by in survey.grouping_questions().filter(|g| g.id != question.id) {
        rows.push(match response.get(by.id.as_str()) {
            Some(Answer::Choice(group)) => RowKey::Group(by.id.clone(), (*group).to_owned()),
            _ => RowKey::Unsaid(by.id.clone()),
        });
    }
    rows
}

/// The cells an answer counts in.
fn cells_of(question: &Question, answer: &Answer) -> Vec<usize> {
    let index = |id: &str| {
        question
            .choices()
            .iter()
            .position(|c| c.id == id)
            .unwrap_or_else(|| panic!("`{}` has no choice `{id}`", question.id))
    };
    match (&question.kind, answer) {
        (QuestionKind::Single { .. }, Answer::Choice(id)) => vec![index(id)],
        (QuestionKind::Multiple { .. }, Answer::Choices(ids)) => {
            ids.iter().map(|id| index(id)).collect()
        }
        (QuestionKind::Likert { .. }, Answer::Point(point)) => vec![*point as usize - 1],
        (QuestionKind::Rating { .. }, Answer::Point(point)) => vec![*point as usize],
        _ => Vec::new(),
    }
}
