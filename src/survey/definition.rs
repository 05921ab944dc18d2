//! A survey as the rest of Candor sees it: checked, resolved, plain data.
//!
//! A [`Survey`] only exists once its YAML has passed every check in [`super::validate`], so the
//! form renderer, the response validator and the collector can rely on it: ids are unique and
//! well-formed, every `show_if` points at an earlier choice question and names real choices,
//! ranges are ordered. This module must not know about templates or the response store.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::validate;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// One survey definition, from `surveys/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Survey {
    /// Also the file stem and the URL segment (`/surveys/<id>/`).
    pub id: String,
    pub title: String,
    /// Surveys that share a series are waves of the same survey, compared in trend views.
    pub series: Option<String>,
    /// Responses carry it; a response of another version is rejected.
    pub version: u32,
    /// Markdown shown above the questions.
    pub intro: String,
    /// The line of `intro` in the definition (0 when there is none), for link errors.
    pub intro_line: usize,
    /// Markdown that says what is collected and that nothing identifies the respondent.
    pub anonymity: String,
    pub opens: Date,
    pub closes: Date,
    /// Where the form POSTs responses, overriding `site.yaml`'s `surveys.collection_url`.
    pub collection_url: Option<String>,
    /// `return:`: how and where a respondent sends the response file ("Email it to …", "Hand it
    /// to your team's representative"), shown beside the button that saves it. Without it the
    /// form names `site.yaml`'s contact.
    pub return_instructions: Option<String>,
    pub questions: Vec<Question>,
    /// How published results of this survey are protected (`disclosure:`; safe defaults).
    pub disclosure: DisclosureRules,
    /// `encryption:`: the public key forms encrypt responses to; responses must then come
    /// encrypted (see [`crate::encryption`]).
    pub encryption: Option<Encryption>,
    /// The definition's path relative to the site root, for messages.
    pub file: PathBuf,
}

/// The key a survey's responses are encrypted to in the respondent's browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Encryption {
    /// The P-256 public key, base64 of its 65-byte uncompressed form, as written.
    pub public_key: String,
    /// Its id ([`crate::encryption::key_id`]), which envelopes carry.
    pub key_id: String,
}

/// The disclosure-control thresholds that `candor-collect report` applies to this survey's
/// results. The defaults are the usual public-sector staff-survey rules; a definition may make
/// them stricter, never weaker than [`DisclosureRules::FLOOR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DisclosureRules {
    /// No figure at all for a survey, question or group with fewer respondents than this.
    pub min_group_size: u64,
    /// Any count from 1 to one less than this is suppressed (with complementary suppression).
    pub min_count: u64,
    /// A group in which everyone gave the same answer is shown only if it has at least this
    /// many respondents.
    pub unanimous_min_group: u64,
    /// Kept so older definitions still read: number questions publish no medians or quartiles.
    pub number_min: u64,
}

impl Default for DisclosureRules {
    fn default() -> Self {
        DisclosureRules {
            min_group_size: 10,
            min_count: 5,
            unanimous_min_group: 50,
            number_min: 30,
        }
    }
}

impl DisclosureRules {
    /// The weakest rules a definition may ask for: below these, small groups are exposed.
    pub const FLOOR: DisclosureRules = DisclosureRules {
        min_group_size: 5,
        min_count: 3,
        unanimous_min_group: 10,
        number_min: 10,
    };
}

/// One question of a survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    pub label: String,
    pub help: Option<String>,
    pub required: bool,
    /// Results may be broken down by this question's answer (a coarse band such as region).
    pub group: bool,
    /// Shown (and answerable) only when this holds.
    pub show_if: Option<Condition>,
    pub kind: QuestionKind,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one choice; the answer is its id.
    Single { choices: Vec<Choice> },
    /// Any number of choices within the bounds; the answer is a list of ids.
    Multiple {
        choices: Vec<Choice>,
        min_selected: Option<usize>,
        max_selected: Option<usize>,
    },
    /// A point 1..=points on an agreement scale whose two ends are labelled.
    Likert {
        points: u8,
        low: String,
        high: String,
    },
    /// A whole number from 0 to 10, ends labelled.
    Rating { low: String, high: String },
    /// A number within optional bounds, whole or decimal.
    Number {
        min: Option<f64>,
        max: Option<f64>,
        integer: bool,
    },
    /// One line of free text.
    Text { max_length: usize },
    /// Several lines of free text.
    LongText { max_length: usize },
}

/// One option of a single or multiple choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// Chosen only on its own ("None of these"): the form unticks the other choices when it is
    /// ticked, and a response combining it with another choice is rejected.
    pub exclusive: bool,
}

/// When a question is shown: a test on the answer to an earlier question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// The id of an earlier question.
    pub question: String,
    pub test: ConditionTest,
}

/// The test a [`Condition`] applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionTest {
    /// The answer is (or, for a multiple choice, includes) this choice.
    Equals(String),
    /// The answer is (or includes) one of these choices.
    OneOf(Vec<String>),
    /// The question has any answer.
    Answered,
}

/// The scale a rating question always uses.
pub const RATING_RANGE: std::ops::RangeInclusive<i64> = 0..=10;

impl Survey {
    /// Parses and checks the YAML text of the definition at `file` (relative to the site root).
    pub fn parse(source: &str, file: &Path) -> Result<Survey, Diagnostics> {
        validate::parse(source, file)
    }

    /// Reads `path` and parses it; messages name `path` relative to `root`.
    pub fn from_file(path: &Path, root: &Path) -> Result<Survey, Diagnostics> {
        let shown = crate::diagnostic::relative_to(path, root);
        let source = crate::source_text::read_or(path, &shown, &|error| {
            Diagnostic::error("survey", &shown, format!("cannot read the survey: {error}"))
        })?;
        Survey::parse(&source, &shown)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|question| question.id == id)
    }

    /// Whether the survey accepts responses on `day` (both ends included).
    pub fn is_open_on(&self, day: Date) -> bool {
        self.opens <= day && day <= self.closes
    }

    /// The questions results may be broken down by.
    pub fn grouping_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|question| question.group)
    }

    /// The positions in `questions` of the questions results may be broken down by.
    pub fn grouping_indices(&self) -> Vec<usize> {
        (0..self.questions.len())
            .filter(|&i| self.questions[i].group)
            .collect()
    }
}

impl Question {
    /// The choices of a single or multiple choice question; empty for other kinds.
    pub fn choices(&self) -> &[Choice] {
        match &self.kind {
            QuestionKind::Single { choices } | QuestionKind::Multiple { choices, .. } => choices,
            _ => &[],
        }
    }

    /// The YAML name of this question's type, as written in the definition.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multiple { .. } => "multiple",
            QuestionKind::Likert { .. } => "likert",
            QuestionKind::Rating { .. } => "rating",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Text { .. } => "text",
            QuestionKind::LongText { .. } => "long_text",
        }
    }
}
