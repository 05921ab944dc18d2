//! Survey definitions as written, and the checks that turn them into a [`Survey`].
//!
//! The YAML is read into `Raw*` structs that mirror the file exactly (unknown keys are errors,
//! located by the YAML parser) and keep the line and column of every value that a later check
//! may complain about. Checks then report *every* problem as a located [`Diagnostic`] — a
//! duplicate id, a `show_if` that looks forward, an empty choice list — instead of stopping at
//! the first, and only a definition with no problem becomes a [`Survey`].

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::definition::{
    Choice, Condition, DisclosureRules, Question, QuestionKind, RATING_RANGE, Survey,
};
use super::limits;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::yaml::{self, Spanned, position};

mod disclosure_rules;
mod encryption;
mod show_if;

/// Longest text answer a definition may allow, so that no response file needs to be large.
pub const MAX_TEXT_LENGTH: usize = 10_000;
const DEFAULT_TEXT_LENGTH: usize = 200;
const DEFAULT_LONG_TEXT_LENGTH: usize = 2_000;

/// Parses and checks the definition text `source` of `file`.
pub(super) fn parse(source: &str, file: &Path) -> Result<Survey, Diagnostics> {
    let raw: RawSurvey = yaml::parse_all(source, file, 1)?;
    let mut checker = Checker {
        file,
        diagnostics: Diagnostics::new(),
    };
    let questions_at = position(&raw.questions);
    let question_at: Vec<(usize, usize)> = (raw.questions.value.iter())
        .map(|question| position(&question.value.id))
        .collect();
    let survey = checker.survey(raw);
    match survey {
        Some(survey) if !checker.diagnostics.has_errors() => {
            for problem in limits::check(&survey, limits::MAX_RESPONSE_BYTES) {
                let (line, column) = problem.question.map_or(questions_at, |i| question_at[i]);
                checker.diagnostics.push(
                    Diagnostic::error("survey-limit", file, problem.message)
                        .at(line, column)
                        .with_hint(problem.hint),
                );
            }
            if checker.diagnostics.has_errors() {
                Err(checker.diagnostics)
            } else {
                Ok(survey)
            }
        }
        _ => Err(checker.diagnostics),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSurvey {
    id: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    series: Option<Spanned<String>>,
    version: Spanned<u32>,
    #[serde(default)]
    intro: Option<Spanned<String>>,
    anonymity: Spanned<String>,
    opens: Spanned<String>,
    closes: Spanned<String>,
    #[serde(default)]
    collection_url: Option<Spanned<String>>,
    #[serde(default, rename = "return")]
    return_instructions: Option<Spanned<String>>,
    #[serde(default)]
    disclosure: Option<Spanned<DisclosureRules>>,
    #[serde(default)]
    encryption: Option<Spanned<encryption::RawEncryption>>,
    questions: Spanned<Vec<Spanned<RawQuestion>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: Spanned<RawType>,
    label: Spanned<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    group: Option<Spanned<bool>>,
    #[serde(default)]
    show_if: Option<Spanned<RawCondition>>,
    #[serde(default)]
    choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    #[serde(default)]
    min_selected: Option<Spanned<usize>>,
    #[serde(default)]
    max_selected: Option<Spanned<usize>>,
    #[serde(default)]
    points: Option<Spanned<u8>>,
    #[serde(default)]
    labels: Option<Spanned<RawEnds>>,
    #[serde(default)]
    min: Option<Spanned<f64>>,
    #[serde(default)]
    max: Option<Spanned<f64>>,
    #[serde(default)]
    integer: Option<Spanned<bool>>,
    #[serde(default)]
    max_length: Option<Spanned<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawType {
    Single,
    Multiple,
    Likert,
    Rating,
    Number,
    Text,
    LongText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    exclusive: Option<Spanned<bool>>,
}

/// The labels of the two ends of a likert or rating scale.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnds {
    low: String,
    high: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    question: Spanned<String>,
    #[serde(default)]
    equals: Option<Spanned<String>>,
    #[serde(default)]
    one_of: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    answered: Option<Spanned<bool>>,
}

/// Gathers the diagnostics of one definition file.
struct Checker<'a> {
    file: &'a Path,
    diagnostics: Diagnostics,
}

/// What the checks of earlier questions left for `show_if` to look at.
struct Earlier<'a> {
    index: usize,
    line: usize,
    question: Option<&'a Question>,
}

impl Checker<'_> {
    fn error<T>(
        &mut self,
        code: &'static str,
        at: &Spanned<T>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let (line, column) = position(at);
        // Messages quote the author's names and values, which may hold control characters.
        let message = crate::escape::terminal(&message.into(), usize::MAX);
        let diagnostic = Diagnostic::error(code, self.file, message).at(line, column);
        let hint: String = hint.into();
        self.diagnostics.push(if hint.is_empty() {
            diagnostic
        } else {
            diagnostic.with_hint(hint)
        });
    }

    fn survey(&mut self, raw: RawSurvey) -> Option<Survey> {
        self.survey_id(&raw.id);
        if raw.title.value.trim().is_empty() {
            self.error(
                "survey",
                &raw.title,
                "`title` is empty",
                "say what the survey is about",
            );
        }
        if raw.version.value == 0 {
            self.error(
                "survey",
                &raw.version,
                "`version` must be 1 or more",
                "start at 1 and raise it whenever questions or choices change",
            );
        }
        if raw.anonymity.value.trim().is_empty() {
            self.error(
                "survey",
                &raw.anonymity,
                "`anonymity` is empty",
                "say plainly what is collected and that nothing identifies the respondent",
            );
        }
        if let Some(series) = &raw.series {
            self.slug("survey", series, "series", false);
        }
        let opens = self.date(&raw.opens, "opens");
        let closes = self.date(&raw.closes, "closes");
        if let (Some(opens), Some(closes)) = (opens, closes)
            && closes < opens
        {
            self.error(
                "survey",
                &raw.closes,
                format!("the survey closes ({closes}) before it opens ({opens})"),
                "`closes` is the last day responses are accepted; it must not be before `opens`",
            );
        }
        if let Some(url) = &raw.collection_url {
            self.collection_url(url);
        }
        let questions = self.questions(&raw.questions);
        let disclosure = match &raw.disclosure {
            Some(rules) => self.disclosure(rules),
            None => DisclosureRules::default(),
        };
        let encryption = raw
            .encryption
            .as_ref()
            .and_then(|encryption| self.encryption(encryption));
        Some(Survey {
            id: raw.id.value,
            title: raw.title.value,
            series: raw.series.map(|series| series.value),
            version: raw.version.value,
            intro_line: raw.intro.as_ref().map_or(0, |intro| position(intro).0),
            intro: raw.intro.map(|intro| intro.value).unwrap_or_default(),
            anonymity: raw.anonymity.value,
            opens: opens?,
            closes: closes?,
            collection_url: raw.collection_url.map(|url| url.value),
            return_instructions: raw
                .return_instructions
                .map(|text| text.value.trim().to_owned())
                .filter(|text| !text.is_empty()),
            questions,
            disclosure,
            encryption,
            file: self.file.to_path_buf(),
        })
    }

    fn survey_id(&mut self, id: &Spanned<String>) {
        if !self.slug("survey", id, "survey id", false) {
            return;
        }
        let stem = self.file.file_stem().and_then(|stem| stem.to_str());
        if let Some(stem) = stem
            && stem != id.value
        {
            self.error(
                "survey",
                id,
                format!(
                    "the survey id `{}` differs from its file name `{stem}`",
                    id.value
                ),
                format!(
                    "rename the file to `{}.yaml` or write `id: {stem}`",
                    id.value
                ),
            );
        }
    }

    /// Checks that an id is lowercase letters, digits and `-` (and `_` where allowed), because
    /// ids become URL segments, file names and JSON keys.
    fn slug(
        &mut self,
        code: &'static str,
        id: &Spanned<String>,
        what: &str,
        underscore: bool,
    ) -> bool {
        let value = &id.value;
        let allowed = |c: char| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (underscore && c == '_')
        };
        let valid = value.len() <= 64
            && value.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && value.chars().all(allowed);
        if !valid {
            let extra = if underscore {
                ", `-` and `_`"
            } else {
                " and `-`"
            };
            self.error(
                code,
                id,
                format!("{what} {value:?} is not a valid id"),
                format!(
                    "use 1 to 64 lowercase letters, digits{extra}, starting with a letter or digit"
                ),
            );
        }
        valid
    }

    fn date(&mut self, text: &Spanned<String>, key: &str) -> Option<Date> {
        let date = text.value.trim().parse::<Date>().ok();
        if date.is_none() {
            self.error(
                "survey",
                text,
                format!("`{key}` {:?} is not a real date", text.value),
                "write the day as YYYY-MM-DD, e.g. 2026-03-01",
            );
        }
        date
    }

    fn collection_url(&mut self, url: &Spanned<String>) {
        let value = url.value.trim();
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
            .iter()
            .any(|prefix| value.starts_with(prefix));
        let host = value.strip_prefix("https://").unwrap_or("");
        if !(loopback || (!host.is_empty() && !host.starts_with('/'))) {
            self.error(
                "survey",
                url,
                format!("`collection_url` {value:?} is not an https:// URL"),
                "responses must travel encrypted; use an https:// address (http:// only for localhost)",
            );
        }
    }

    fn questions(&mut self, raw: &Spanned<Vec<Spanned<RawQuestion>>>) -> Vec<Question> {
        if raw.value.is_empty() {
            self.error(
                "survey",
                raw,
                "the survey has no questions",
                "add at least one entry under `questions:`",
            );
        }
        let mut seen: HashMap<&str, Earlier<'_>> = HashMap::new();
        let mut questions = Vec::with_capacity(raw.value.len());
        // First pass: every question on its own, so that `show_if` can see all ids and whether
        // they come before or after.
        let resolved: Vec<Option<Question>> = raw
            .value
            .iter()
            .map(|question| self.question(question))
            .collect();
        for (index, (question, checked)) in raw.value.iter().zip(&resolved).enumerate() {
            let id = &question.value.id;
            match seen.get(id.value.as_str()) {
                Some(first) => {
                    let first_line = first.line;
                    self.error(
                        "survey-duplicate-id",
                        id,
                        format!("question id `{}` is used twice", id.value),
                        format!(
                            "the first use is on line {first_line}; each question needs its own id"
                        ),
                    );
                }
                None => {
                    seen.insert(
                        &id.value,
                        Earlier {
                            index,
                            line: position(id).0,
                            question: checked.as_ref(),
                        },
                    );
                }
            }
        }
        let conditions: Vec<Option<Condition>> = raw
            .value
            .iter()
            .enumerate()
            .map(|(index, question)| {
                let own_id = &question.value.id.value;
                let show_if = question.value.show_if.as_ref()?;
                self.condition(show_if, index, own_id, &seen)
            })
            .collect();
        drop(seen);
        for (checked, show_if) in resolved.into_iter().zip(conditions) {
            if let Some(mut checked) = checked {
                checked.show_if = show_if;
                questions.push(checked);
            }
        }
        questions
    }

    /// Checks one question apart from its `show_if`.
    fn question(&mut self, raw: &Spanned<RawQuestion>) -> Option<Question> {
        let question = &raw.value;
        let id_ok = self.slug("survey", &question.id, "question id", true);
        if question.label.value.trim().is_empty() {
            self.error(
                "survey",
                &question.label,
                "the question's `label` is empty",
                "",
            );
        }
        self.keys_fit_type(question);
        let kind = self.kind(question)?;
        if let Some(group) = &question.group
            && group.value
            && !matches!(kind, QuestionKind::Single { .. })
        {
            self.error(
                "survey",
                group,
                "`group: true` is only for single choice questions",
                "results are broken down by coarse bands, such as a region or a range of years",
            );
        }
        id_ok.then(|| Question {
            id: question.id.value.clone(),
            label: question.label.value.clone(),
            help: question.help.clone().filter(|help| !help.trim().is_empty()),
            required: question.required,
            group: question.group.as_ref().is_some_and(|group| group.value),
            show_if: None,
            kind,
        })
    }

    /// Reports keys that have no meaning for the question's type, so a typo in `type` or a
    /// misplaced key is not silently ignored.
    fn keys_fit_type(&mut self, question: &RawQuestion) {
        use RawType as T;
        let kind = question.kind.value;
        let this_type = type_name(kind);
        let mut misplaced = |key: &str, at: Option<(usize, usize)>, fits: &[RawType]| {
            if let Some((line, column)) = at
                && !fits.contains(&kind)
            {
                let users: Vec<&str> = fits.iter().map(|t| type_name(*t)).collect();
                self.diagnostics.push(
                    Diagnostic::error(
                        "survey",
                        self.file,
                        format!("`{key}` does not apply to a `{this_type}` question"),
                    )
                    .at(line, column)
                    .with_hint(format!(
                        "`{key}` is for {} questions; remove it or change `type`",
                        users.join(", ")
                    )),
                );
            }
        };
        misplaced(
            "choices",
            question.choices.as_ref().map(position),
            &[T::Single, T::Multiple],
        );
        misplaced(
            "min_selected",
            question.min_selected.as_ref().map(position),
            &[T::Multiple],
        );
        misplaced(
            "max_selected",
            question.max_selected.as_ref().map(position),
            &[T::Multiple],
        );
        misplaced(
            "points",
            question.points.as_ref().map(position),
            &[T::Likert],
        );
        misplaced(
            "labels",
            question.labels.as_ref().map(position),
            &[T::Likert, T::Rating],
        );
        misplaced("min", question.min.as_ref().map(position), &[T::Number]);
        misplaced("max", question.max.as_ref().map(position), &[T::Number]);
        misplaced(
            "integer",
            question.integer.as_ref().map(position),
            &[T::Number],
        );
        misplaced(
            "max_length",
            question.max_length.as_ref().map(position),
            &[T::Text, T::LongText],
        );
    }

    fn kind(&mut self, question: &RawQuestion) -> Option<QuestionKind> {
        let (low, high) = match &question.labels {
            Some(labels) => (
                Some(labels.value.low.clone()),
                Some(labels.value.high.clone()),
            ),
            None => (None, None),
        };
        Some(match question.kind.value {
            RawType::Single => QuestionKind::Single {
                choices: self.choices(question)?,
            },
            RawType::Multiple => {
                let choices = self.choices(question)?;
                let (min_selected, max_selected) = self.selection_bounds(question, choices.len());
                QuestionKind::Multiple {
                    choices,
                    min_selected,
                    max_selected,
                }
            }
            RawType::Likert => QuestionKind::Likert {
                points: self.likert_points(question),
                low: low.unwrap_or_else(|| "Strongly disagree".to_owned()),
                high: high.unwrap_or_else(|| "Strongly agree".to_owned()),
            },
            RawType::Rating => QuestionKind::Rating {
                low: low.unwrap_or_else(|| format!("{} – very poor", RATING_RANGE.start())),
                high: high.unwrap_or_else(|| format!("{} – excellent", RATING_RANGE.end())),
            },
            RawType::Number => self.number(question),
            RawType::Text => QuestionKind::Text {
                max_length: self.max_length(question, DEFAULT_TEXT_LENGTH),
            },
            RawType::LongText => QuestionKind::LongText {
                max_length: self.max_length(question, DEFAULT_LONG_TEXT_LENGTH),
            },
        })
    }

    fn choices(&mut self, question: &RawQuestion) -> Option<Vec<Choice>> {
        let Some(raw) = &question.choices else {
            self.error(
                "survey-choices",
                &question.kind,
                format!(
                    "the `{}` question `{}` has no `choices`",
                    type_name(question.kind.value),
                    question.id.value
                ),
                "add `choices:` with entries like `- {id: yes, label: Yes}`",
            );
            return None;
        };
        if raw.value.is_empty() {
            self.error(
                "survey-choices",
                raw,
                format!("the choice list of `{}` is empty", question.id.value),
                "add entries like `- {id: yes, label: Yes}`",
            );
            return None;
        }
        let mut first_line: HashMap<&str, usize> = HashMap::new();
        let mut choices = Vec::with_capacity(raw.value.len());
        for choice in &raw.value {
            let choice = &choice.value;
            self.slug("survey", &choice.id, "choice id", true);
            if choice.label.value.trim().is_empty() {
                self.error("survey", &choice.label, "the choice's `label` is empty", "");
            }
            if let Some(line) = first_line.get(choice.id.value.as_str()) {
                let line = *line;
                self.error(
                    "survey-duplicate-id",
                    &choice.id,
                    format!(
                        "choice id `{}` is used twice in `{}`",
                        choice.id.value, question.id.value
                    ),
                    format!("the first use is on line {line}; each choice needs its own id"),
                );
            } else {
                first_line.insert(&choice.id.value, position(&choice.id).0);
            }
            let exclusive = choice.exclusive.as_ref().is_some_and(|e| e.value);
            if let Some(at) = &choice.exclusive
                && exclusive
                && question.kind.value != RawType::Multiple
            {
                self.error(
                    "survey-choices",
                    at,
                    format!(
                        "`exclusive` is for choices of multiple choice questions; `{}` is a `{}` question",
                        question.id.value,
                        type_name(question.kind.value)
                    ),
                    "one choice of a single choice question is always chosen alone; remove `exclusive`",
                );
            }
            choices.push(Choice {
                id: choice.id.value.clone(),
                label: choice.label.value.clone(),
                exclusive,
            });
        }
        Some(choices)
    }

    fn selection_bounds(
        &mut self,
        question: &RawQuestion,
        choice_count: usize,
    ) -> (Option<usize>, Option<usize>) {
        let min = question.min_selected.as_ref();
        let max = question.max_selected.as_ref();
        for bound in [min, max].into_iter().flatten() {
            if bound.value > choice_count {
                self.error(
                    "survey-range",
                    bound,
                    format!(
                        "{} selections asked for, but `{}` has only {choice_count} choices",
                        bound.value, question.id.value
                    ),
                    "lower the bound or add choices",
                );
            }
        }
        if let Some(max) = max
            && max.value == 0
        {
            self.error(
                "survey-range",
                max,
                "`max_selected` is 0, so nothing could be selected",
                "remove it or set at least 1",
            );
        }
        if let (Some(min), Some(max)) = (min, max)
            && min.value > max.value
        {
            self.error(
                "survey-range",
                min,
                format!(
                    "`min_selected` ({}) is greater than `max_selected` ({})",
                    min.value, max.value
                ),
                "swap them or correct one",
            );
        }
        (min.map(|min| min.value), max.map(|max| max.value))
    }

    fn likert_points(&mut self, question: &RawQuestion) -> u8 {
        match &question.points {
            None => 5,
            Some(points) if matches!(points.value, 5 | 7) => points.value,
            Some(points) => {
                self.error(
                    "survey-range",
                    points,
                    format!("a likert scale has 5 or 7 points, not {}", points.value),
                    "write `points: 5` or `points: 7`",
                );
                5
            }
        }
    }

    fn number(&mut self, question: &RawQuestion) -> QuestionKind {
        let integer = question
            .integer
            .as_ref()
            .is_none_or(|integer| integer.value);
        let bounds = [question.min.as_ref(), question.max.as_ref()];
        for (bound, key) in bounds.into_iter().zip(["min", "max"]) {
            let Some(bound) = bound else { continue };
            if !bound.value.is_finite() {
                self.error(
                    "survey-range",
                    bound,
                    format!("`{key}` must be a finite number"),
                    "",
                );
            } else if integer && bound.value.fract() != 0.0 {
                self.error(
                    "survey-range",
                    bound,
                    format!(
                        "`{key}` is {} but the answer is a whole number",
                        bound.value
                    ),
                    "write a whole number, or add `integer: false` to accept decimals",
                );
            }
        }
        if let (Some(min), Some(max)) = (&question.min, &question.max)
            && min.value > max.value
        {
            self.error(
                "survey-range",
                min,
                format!(
                    "`min` ({}) is greater than `max` ({})",
                    min.value, max.value
                ),
                "swap them or correct one",
            );
        }
        QuestionKind::Number {
            min: question.min.as_ref().map(|min| min.value),
            max: question.max.as_ref().map(|max| max.value),
            integer,
        }
    }

    fn max_length(&mut self, question: &RawQuestion, default: usize) -> usize {
        let Some(max_length) = &question.max_length else {
            return default;
        };
        if !(1..=MAX_TEXT_LENGTH).contains(&max_length.value) {
            self.error(
                "survey-range",
                max_length,
                format!(
                    "`max_length` must be between 1 and {MAX_TEXT_LENGTH}, not {}",
                    max_length.value
                ),
                "longer answers would make response files too large to accept",
            );
            return default;
        }
        max_length.value
    }
}

fn type_name(kind: RawType) -> &'static str {
    match kind {
        RawType::Single => "single",
        RawType::Multiple => "multiple",
        RawType::Likert => "likert",
        RawType::Rating => "rating",
        RawType::Number => "number",
        RawType::Text => "text",
        RawType::LongText => "long_text",
    }
}

#[cfg(test)]
mod tests;
