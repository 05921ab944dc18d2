//! Aggregation: one pass over a survey's stored responses, counting answers per question,
//! overall and per group of each grouping question.
//!
//! Responses are streamed from the store in the order of their random ids and parsed in
//! parallel a chunk at a time, so memory holds one chunk and the counts, never the whole store
//! (number questions keep their values, since medians need them). The same pass hashes the
//! input in that canonical order for the provenance block. Each response is checked again with
//! the validator `ingest` used, against the definition as it is now, and counted only if it
//! passes; the others are gathered in [`Tally::misfits`] for `report` to refuse. Counting is
//! exact and unprotected:
//! this module's output is raw and must go through disclosure control before anyone sees it.

use std::collections::HashMap;

use anyhow::Context;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::fit::Misfits;
use crate::collect::printable_path;
use crate::collect::store::Store;
use crate::date::Date;
use crate::survey::{Answer, Question, QuestionKind, Response, Survey, validate_received};

/// Responses parsed together; bounds memory while keeping both cores busy.
const CHUNK: usize = 4_096;

/// The raw counts of one survey.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Responses of the definition's version.
    pub responses: u64,
    /// Stored responses of other versions of the survey, left out.
    pub other_versions: u64,
    /// First and last month of submission, `YYYY-MM`.
    pub months: Option<(String, String)>,
    /// One per question of the definition, in its order.
    pub questions: Vec<QuestionTally>,
    /// Hex SHA-256 of the input, as described in [`crate::survey::results::Provenance`].
    pub input_sha256: String,
    /// Stored responses of the definition's version that its current text no longer accepts.
    pub misfits: Misfits,
    /// For each pair of grouping questions (first, second) with first before second, in
    /// order: how many responses are in each pair of their groups, the second's group varying
    /// fastest, "did not say" last in each. Never published: the audit reads it to find groups
    /// that nest (every member of one is in the other), which an insider can subtract.
    pub crossings: Vec<Vec<u64>>,
}

/// One question's counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionTally {
    pub overall: Counts,
    /// For each grouping question of the survey (in order): one [`Counts`] per choice of the
    /// grouping question, then one for respondents who did not answer it.
    pub groups: Vec<Vec<Counts>>,
}

/// Answers of one set of respondents to one question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// How many answered.
    pub respondents: u64,
    /// Per category (choice or scale point): how many chose it.
    pub cells: Vec<u64>,
    /// The answers to a number question.
    pub values: Vec<f64>,
}

/// How a question's answers map to categories.
struct Plan<'a> {
    survey: &'a Survey,
    /// Index in `survey.questions` of each grouping question.
    groupings: Vec<usize>,
    /// Choice id → index, per question (empty for scales and numbers).
    choice_index: Vec<IdIndex<'a>>,
    /// Question id → index in `survey.questions`.
    question_index: IdIndex<'a>,
}

/// Ids are short and few, and looked up for every answer of every response: foldhash hashes
/// them several times faster than the default SipHash, and no id here is chosen by an attacker
/// (they come from the survey definition).
type IdIndex<'a> = HashMap<&'a str, usize, foldhash::fast::FixedState>;

/// The categories a question's answers fall into: choices, or the points of its scale.
pub fn category_count(question: &Question) -> usize {
    match &question.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices, .. } => choices.len(),
        QuestionKind::Likert { points, .. } => usize::from(*points),
        QuestionKind::Rating { .. } => 11,
        _ => 0,
    }
}

impl<'a> Plan<'a> {
    fn new(survey: &'a Survey) -> Plan<'a> {
        Plan {
            survey,
            groupings: survey.grouping_indices(),
            choice_index: survey
                .questions
                .iter()
                .map(|question| {
                    question
                        .choices()
                        .iter()
                        .enumerate()
                        .map(|(i, choice)| (choice.id.as_str(), i))
                        .collect()
                })
                .collect(),
            question_index: survey
                .questions
                .iter()
                .enumerate()
                .map(|(i, question)| (question.id.as_str(), i))
                .collect(),
        }
    }

    fn empty(&self) -> Tally {
        let groups_of = |question: &Question| -> Vec<Vec<Counts>> {
            self.groupings
                .iter()
                .map(|&g| {
                    let width = self.survey.questions[g].choices().len() + 1;
                    vec![Counts::new(category_count(question)); width]
                })
                .collect()
        };
        let width = |g: usize| self.survey.questions[g].choices().len() + 1;
        let crossings = self
            .groupings
            .iter()
            .enumerate()
            .flat_map(|(i, &first)| {
                self.groupings[i + 1..]
                    .iter()
                    .map(move |&second| vec![0; width(first) * width(second)])
            })
            .collect();
        Tally {
            crossings,
            questions: self
                .survey
                .questions
                .iter()
                .map(|question| QuestionTally {
                    overall: Counts::new(category_count(question)),
                    groups: groups_of(question),
                })
                .collect(),
            ..Tally::default()
        }
    }

    /// Adds one stored response, already checked against the definition, to `tally`.
    fn add(&self, tally: &mut Tally, response: &Response<'_>) {
        tally.responses += 1;
        let month = response.submitted.get(..7).unwrap_or_default();
        match &mut tally.months {
            None => tally.months = Some((month.to_owned(), month.to_owned())),
            Some((first, last)) => {
                if month < first.as_str() {
                    *first = month.to_owned();
                }
                if month > last.as_str() {
                    *last = month.to_owned();
                }
            }
        }
        let answered: Vec<(usize, &Answer<'_>)> = response
            .answers
            .iter()
            .filter_map(|(id, answer)| Some((*self.question_index.get(id.as_ref())?, answer)))
            .collect();
        let group_of: Vec<usize> = self
            .groupings
            .iter()
            .map(|&g| {
                let unstated = self.survey.questions[g].choices().len();
                answered
                    .iter()
                    .find(|(index, _)| *index == g)
                    .and_then(|(_, answer)| match answer {
                        Answer::Text(id) => self.choice_index[g].get(id.as_ref()).copied(),
                        _ => None,
                    })
                    .unwrap_or(unstated)
            })
            .collect();
        let mut pair = 0;
        for (i, &first) in group_of.iter().enumerate() {
            for (j, &second) in group_of.iter().enumerate().skip(i + 1) {
                let width = self.survey.questions[self.groupings[j]].choices().len() + 1;
                tally.crossings[pair][first * width + second] += 1;
                pair += 1;
            }
        }
        for &(index, answer) in &answered {
            let question = &self.survey.questions[index];
            let Some(counted) = self.categorise(index, question, answer) else {
                continue;
            };
            let slot = &mut tally.questions[index];
            slot.overall.add(&counted);
            for (grouping, &group) in group_of.iter().enumerate() {
                slot.groups[grouping][group].add(&counted);
            }
        }
    }

    fn categorise(
        &self,
        index: usize,
        question: &Question,
        answer: &Answer<'_>,
    ) -> Option<Answered> {
        let choices = &self.choice_index[index];
        let in_scale = |first: i64, last: i64| {
            let value = answer.as_f64()?;
            let point = value as i64;
            (point as f64 == value && (first..=last).contains(&point))
                .then(|| Answered::One((point - first) as usize))
        };
        match (&question.kind, answer) {
            (QuestionKind::Single { .. }, Answer::Text(id)) => {
                choices.get(id.as_ref()).map(|&i| Answered::One(i))
            }
            (QuestionKind::Multiple { .. }, Answer::Choices(ids)) => {
                let mut picked: Vec<usize> = ids
                    .iter()
                    .filter_map(|id| choices.get(id.as_ref()).copied())
                    .collect();
                picked.sort_unstable();
                picked.dedup();
                Some(Answered::Many(picked))
            }
            (QuestionKind::Likert { points, .. }, _) => in_scale(1, i64::from(*points)),
            (QuestionKind::Rating { .. }, _) => in_scale(0, 10),
            (QuestionKind::Number { .. }, Answer::Number(_)) => {
                answer.as_f64().map(Answered::Value)
            }
            _ => None,
        }
    }
}

/// One response's answer to one question, as counted.
enum Answered {
    One(usize),
    Many(Vec<usize>),
    Value(f64),
}

impl Counts {
    fn new(categories: usize) -> Counts {
        Counts {
            cells: vec![0; categories],
            ..Counts::default()
        }
    }

    fn add(&mut self, answered: &Answered) {
        self.respondents += 1;
        match answered {
            Answered::One(i) => self.cells[*i] += 1,
            Answered::Many(picked) => {
                for &i in picked {
                    self.cells[i] += 1;
                }
            }
            Answered::Value(value) => self.values.push(*value),
        }
    }

    fn merge(&mut self, other: Counts) {
        self.respondents += other.respondents;
        for (mine, theirs) in self.cells.iter_mut().zip(other.cells) {
            *mine += theirs;
        }
        self.values.extend(other.values);
    }
}

impl Tally {
    /// Every stored response of the survey that was read, of any version.
    pub fn stored(&self) -> u64 {
        self.responses + self.misfits.responses + self.other_versions
    }

    fn merge(&mut self, other: Tally) {
        self.responses += other.responses;
        self.misfits.merge(other.misfits);
        self.months = match (self.months.take(), other.months) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (mine, theirs) => mine.or(theirs),
        };
        for (mine, theirs) in self.crossings.iter_mut().zip(other.crossings) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        for (mine, theirs) in self.questions.iter_mut().zip(other.questions) {
            mine.overall.merge(theirs.overall);
            for (my_groups, their_groups) in mine.groups.iter_mut().zip(theirs.groups) {
                for (a, b) in my_groups.iter_mut().zip(their_groups) {
                    a.merge(b);
                }
            }
        }
    }
}

/// A run of stored documents in one buffer: fewer allocations than a `String` each.
#[derive(Default)]
struct Chunk {
    text: String,
    /// Where each document ends in `text`.
    ends: Vec<usize>,
}

impl Chunk {
    fn document(&self, index: usize) -> &str {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.text[start..self.ends[index]]
    }
}

/// Counts every stored response of `survey` at its current version. One thread reads the
/// store (and hashes what it reads) while the others parse and count the previous chunk.
pub fn tally(store: &Store, survey: &Survey, today: Date) -> anyhow::Result<Tally> {
    let context = || format!("cannot read the store {}", printable_path(store.path()));
    let plan = Plan::new(survey);
    let mut hasher = Sha256::new();
    let mut statement = store
        .connection()
        .prepare(
            "SELECT response_id, document FROM responses
             WHERE survey = ?1 AND version = ?2 ORDER BY response_id",
        )
        .with_context(context)?;
    let mut rows = statement
        .query((&survey.id, survey.version))
        .with_context(context)?;
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Chunk>(2);
    let mut total = std::thread::scope(|scope| -> anyhow::Result<Tally> {
        let counter = scope.spawn(|| -> anyhow::Result<Tally> {
            let mut total = plan.empty();
            for chunk in receiver {
                total.merge(count_chunk(&plan, &chunk, today)?);
            }
            Ok(total)
        });
        let mut chunk = Chunk::default();
        let read = (|| -> anyhow::Result<()> {
            while let Some(row) = rows.next().with_context(context)? {
                let id = row.get_ref(0)?.as_str().with_context(context)?;
                let document = row.get_ref(1)?.as_str().with_context(context)?;
                hasher.update(id.as_bytes());
                hasher.update([0]);
                hasher.update(document.as_bytes());
                hasher.update([b'\n']);
                chunk.text.push_str(document);
                chunk.ends.push(chunk.text.len());
                if chunk.ends.len() == CHUNK {
                    // A closed channel means the counter failed; its error is reported below.
                    if sender.send(std::mem::take(&mut chunk)).is_err() {
                        break;
                    }
                }
            }
            Ok(())
        })();
        if !chunk.ends.is_empty() {
            let _ = sender.send(chunk);
        }
        drop(sender);
        let counted = counter
            .join()
            .map_err(|_| anyhow::anyhow!("counting the responses failed"))?;
        read?;
        counted
    })?;
    total.other_versions = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM responses WHERE survey = ?1 AND version <> ?2",
            (&survey.id, survey.version),
            |row| row.get::<_, i64>(0),
        )
        .with_context(context)? as u64;
    total.input_sha256 = crate::hex::encode(&hasher.finalize());
    Ok(total)
}

/// Parses, checks and counts one chunk on all cores. Each response is checked by the validator
/// ingest uses, against the definition as it is now: one that no longer fits is not counted but
/// recorded in [`Tally::misfits`].
fn count_chunk(plan: &Plan<'_>, chunk: &Chunk, today: Date) -> anyhow::Result<Tally> {
    (0..chunk.ends.len())
        .into_par_iter()
        .with_min_len(512)
        .try_fold(
            || plan.empty(),
            |mut tally, index| -> anyhow::Result<Tally> {
                let response = Response::parse(chunk.document(index)).map_err(|problem| {
                    anyhow::anyhow!("a stored response is not a valid response document: {problem}")
                })?;
                match validate_received(plan.survey, &response, today) {
                    Ok(()) => plan.add(&mut tally, &response),
                    Err(problems) => tally.misfits.add(&response.response_id, &problems),
                }
                Ok(tally)
            },
        )
        .try_reduce(
            || plan.empty(),
            |mut a, b| {
                a.merge(b);
                Ok(a)
            },
        )
}

/// Counts `responses` as [`tally`] counts a store (no hash): for tests on crafted data.
#[cfg(test)]
pub(crate) fn of_responses(survey: &Survey, responses: &[crate::survey::Response<'_>]) -> Tally {
    let plan = Plan::new(survey);
    let mut tally = plan.empty();
    for response in responses {
        plan.add(&mut tally, response);
    }
    tally
}
