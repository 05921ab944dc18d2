//! A survey as its form templates see it: plain, serialisable data with every decision about
//! the form already made (control ids, which inputs to use, the words that explain a range or a
//! skip rule), so templates stay simple and the form behaves the same online, offline and on
//! paper. This module knows nothing of the template engine or of Markdown; the renderer adds
//! the rendered intro and the URLs.

use serde::Serialize;

use crate::date::Date;
use crate::interface_strings::{Arg, Phrasebook};
use crate::survey::definition::{
    ConditionTest, Encryption, Question, QuestionKind, RATING_RANGE, Survey,
};

/// Whether a survey takes responses on the day the site is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Upcoming,
    Open,
    Closed,
}

impl Status {
    pub fn of(survey: &Survey, today: Date) -> Status {
        if today < survey.opens {
            Status::Upcoming
        } else if today > survey.closes {
            Status::Closed
        } else {
            Status::Open
        }
    }
}

/// A whole survey form.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyForm<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub version: u32,
    pub opens: Date,
    pub closes: Date,
    pub status: Status,
    /// Where the form POSTs responses; `None` means download only.
    pub collection_url: Option<&'a str>,
    /// The survey's own words on where to send the response file (`return:`).
    pub return_instructions: Option<&'a str>,
    pub questions: Vec<QuestionForm<'a>>,
    /// How many questions must be answered (when shown).
    pub required_count: usize,
    /// The characters that show nothing, as a regular-expression class: text made only of
    /// them is blank, in the script as in the collector.
    pub blank_pattern: String,
    /// The public key responses are sealed to, when the survey has one.
    pub encryption: Option<&'a Encryption>,
}

/// One question of a form.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionForm<'a> {
    /// 1-based position among all questions, printed before the label so skip rules can refer
    /// to it. It is the number on paper and without JavaScript; the script renumbers the
    /// questions it shows, so that hidden ones leave no gap.
    pub number: usize,
    pub id: &'a str,
    /// The definition's type name (`single`, `likert`, …).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The HTML control: `radio`, `checkbox`, `number`, `text` or `textarea`.
    pub control: &'static str,
    /// Radio and checkbox questions are a `fieldset` with a `legend`; others a `label`.
    pub is_fieldset: bool,
    /// Likert and rating scales, laid out in a row where there is room.
    pub is_scale: bool,
    pub label: &'a str,
    pub help: Option<&'a str>,
    pub required: bool,
    pub group: bool,
    /// The id of the text input, or of the fieldset.
    pub control_id: String,
    pub help_id: String,
    pub error_id: String,
    pub hint_id: String,
    /// One short sentence on what is accepted ("Choose up to 2.", "A whole number from 1 to 50.").
    pub hint: Option<String>,
    pub options: Vec<OptionForm<'a>>,
    /// Number input attributes, as written in HTML.
    pub min: Option<String>,
    pub max: Option<String>,
    pub step: Option<&'static str>,
    pub max_length: Option<usize>,
    pub min_selected: Option<usize>,
    pub max_selected: Option<usize>,
    pub show_if: Option<ShowIfForm<'a>>,
}

/// One radio button or checkbox.
#[derive(Debug, Clone, Serialize)]
pub struct OptionForm<'a> {
    /// The value submitted: a choice id, or a scale point as digits.
    pub value: String,
    pub label: std::borrow::Cow<'a, str>,
    pub input_id: String,
    /// Chosen only alone: ticking it unticks the other choices, and the other way round.
    pub exclusive: bool,
}

/// A skip rule, as data attributes for the script and as words for people and paper.
#[derive(Debug, Clone, Serialize)]
pub struct ShowIfForm<'a> {
    pub question: &'a str,
    /// `equals`, `one_of` or `answered`; `equals` is written as a one-value `one_of`.
    pub test: &'static str,
    /// Choice ids separated by spaces (ids never contain spaces).
    pub values: String,
    /// E.g. "Answer only if you chose “Yes” in question 4."
    pub text: String,
    /// The same sentence up to the question number ("Answer only if you chose “Yes” in
    /// question "), so that the template can mark the number for the script to renumber.
    pub text_before_number: String,
    /// The rest of the sentence after the number (".").
    pub text_after_number: String,
    /// The number of the question the rule tests.
    pub number: usize,
}

impl<'a> SurveyForm<'a> {
    /// The form of `survey` as of `today`, its hints and rules in `words`;
    /// `site_collection_url` is `site.yaml`'s fallback.
    pub fn new(
        survey: &'a Survey,
        today: Date,
        site_collection_url: Option<&'a str>,
        words: &Phrasebook<'_>,
    ) -> SurveyForm<'a> {
        let questions: Vec<QuestionForm<'a>> = survey
            .questions
            .iter()
            .enumerate()
            .map(|(index, question)| question_form(survey, index, question, words))
            .collect();
        SurveyForm {
            id: &survey.id,
            title: &survey.title,
            version: survey.version,
            opens: survey.opens,
            closes: survey.closes,
            status: Status::of(survey, today),
            collection_url: survey.collection_url.as_deref().or(site_collection_url),
            return_instructions: survey.return_instructions.as_deref(),
            required_count: survey.questions.iter().filter(|q| q.required).count(),
            blank_pattern: crate::survey::blank::pattern(),
            encryption: survey.encryption.as_ref(),
            questions,
        }
    }
}

fn question_form<'a>(
    survey: &'a Survey,
    index: usize,
    question: &'a Question,
    words: &Phrasebook<'_>,
) -> QuestionForm<'a> {
    let control_id = format!("q-{}", question.id);
    let mut form = QuestionForm {
        number: index + 1,
        id: &question.id,
        kind: question.type_name(),
        control: "radio",
        is_fieldset: true,
        is_scale: false,
        label: &question.label,
        help: question.help.as_deref(),
        required: question.required,
        group: question.group,
        help_id: format!("{control_id}-help"),
        error_id: format!("{control_id}-error"),
        hint_id: format!("{control_id}-hint"),
        control_id,
        hint: None,
        options: Vec::new(),
        min: None,
        max: None,
        step: None,
        max_length: None,
        min_selected: None,
        max_selected: None,
        show_if: show_if_form(survey, question, words),
    };
    match &question.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices, .. } => {
            form.options = choices
                .iter()
                .map(|choice| OptionForm {
                    value: choice.id.clone(),
                    label: choice.label.as_str().into(),
                    input_id: format!("{}-{}", form.control_id, choice.id),
                    exclusive: choice.exclusive,
                })
                .collect();
        }
        QuestionKind::Likert { points, low, high } => {
            form.is_scale = true;
            form.options = scale_options(&form.control_id, 1, i64::from(*points), low, high);
        }
        QuestionKind::Rating { low, high } => {
            form.is_scale = true;
            form.options = scale_options(
                &form.control_id,
                *RATING_RANGE.start(),
                *RATING_RANGE.end(),
                low,
                high,
            );
        }
        QuestionKind::Number { min, max, integer } => {
            form.control = "number";
            form.is_fieldset = false;
            form.min = min.map(|min| min.to_string());
            form.max = max.map(|max| max.to_string());
            form.step = Some(if *integer { "1" } else { "any" });
        }
        QuestionKind::Text { max_length } => {
            form.control = "text";
            form.is_fieldset = false;
            form.max_length = Some(*max_length);
        }
        QuestionKind::LongText { max_length } => {
            form.control = "textarea";
            form.is_fieldset = false;
            form.max_length = Some(*max_length);
        }
    }
    if let QuestionKind::Multiple {
        min_selected,
        max_selected,
        ..
    } = &question.kind
    {
        form.control = "checkbox";
        form.min_selected = *min_selected;
        form.max_selected = *max_selected;
    }
    form.hint = Some(hint(&question.kind, words));
    form
}

/// Radio options for the points of a scale; the two ends carry their labels.
fn scale_options<'a>(
    control_id: &str,
    first: i64,
    last: i64,
    low: &'a str,
    high: &'a str,
) -> Vec<OptionForm<'a>> {
    (first..=last)
        .map(|point| OptionForm {
            value: point.to_string(),
            label: if point == first {
                without_point(low, point).into()
            } else if point == last {
                without_point(high, point).into()
            } else {
                point.to_string().into()
            },
            input_id: format!("{control_id}-{point}"),
            exclusive: false,
        })
        .collect()
}

/// An end label without the point number it may start with: the form prints the number
/// already, so `0 – very poor` on point 0 reads "0 very poor", not "0 0 – very poor".
fn without_point(label: &str, point: i64) -> &str {
    let digits = point.to_string();
    let Some(rest) = label.strip_prefix(digits.as_str()) else {
        return label;
    };
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return label;
    }
    let rest = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '–' | '—' | '-' | ':' | '=' | '.' | ',')
    });
    let rest = rest
        .strip_prefix('(')
        .and_then(|inner| inner.strip_suffix(')'))
        .unwrap_or(rest);
    if rest.is_empty() { label } else { rest }
}

/// One sentence on what a question accepts, in the page's language.
fn hint(kind: &QuestionKind, words: &Phrasebook<'_>) -> String {
    let count = |name, value: usize| (name, Arg::Count(value));
    match kind {
        QuestionKind::Single { .. } => words.say("survey-hint-single", &[]),
        QuestionKind::Multiple {
            min_selected,
            max_selected,
            ..
        } => match (min_selected, max_selected) {
            (Some(min), Some(max)) if min == max => {
                words.say("survey-hint-choose-exactly", &[count("count", *min)])
            }
            (Some(min), Some(max)) => words.say(
                "survey-hint-choose-range",
                &[count("min", *min), count("max", *max)],
            ),
            (Some(min), None) => words.say("survey-hint-choose-at-least", &[count("min", *min)]),
            (None, Some(max)) => words.say("survey-hint-choose-up-to", &[count("max", *max)]),
            (None, None) => words.say("survey-hint-choose-any", &[]),
        },
        QuestionKind::Likert { points, .. } => words.say(
            "survey-hint-scale",
            &[count("min", 1), count("max", usize::from(*points))],
        ),
        QuestionKind::Rating { .. } => {
            let (low, high) = (RATING_RANGE.start(), RATING_RANGE.end());
            let (low, high) = (low.to_string(), high.to_string());
            words.say(
                "survey-hint-scale",
                &[("min", Arg::Text(&low)), ("max", Arg::Text(&high))],
            )
        }
        QuestionKind::Number { min, max, integer } => {
            let kind = if *integer { "whole" } else { "number" };
            let (min, max) = (min.map(|n| n.to_string()), max.map(|n| n.to_string()));
            fn text(value: &Option<String>) -> Arg<'_> {
                Arg::Text(value.as_deref().unwrap_or_default())
            }
            match (&min, &max) {
                (Some(_), Some(_)) => words.say(
                    &format!("survey-hint-{kind}-range"),
                    &[("min", text(&min)), ("max", text(&max))],
                ),
                (Some(_), None) => words.say(
                    &format!("survey-hint-{kind}-at-least"),
                    &[("min", text(&min))],
                ),
                (None, Some(_)) => words.say(
                    &format!("survey-hint-{kind}-at-most"),
                    &[("max", text(&max))],
                ),
                (None, None) => words.say(&format!("survey-hint-{kind}"), &[]),
            }
        }
        QuestionKind::Text { max_length } | QuestionKind::LongText { max_length } => {
            words.say("survey-hint-text", &[count("max", *max_length)])
        }
    }
}

/// Stands for the question number while a rule's sentence is formatted, so that the sentence
/// can be cut around it wherever the language puts it (a private-use character).
const NUMBER_MARK: &str = "\u{E000}";

fn show_if_form<'a>(
    survey: &'a Survey,
    question: &Question,
    words: &Phrasebook<'_>,
) -> Option<ShowIfForm<'a>> {
    let condition = question.show_if.as_ref()?;
    let (number, target) = survey
        .questions
        .iter()
        .enumerate()
        .find(|(_, earlier)| earlier.id == condition.question)?;
    let number = number + 1;
    let label_of = |id: &str| {
        let label = target
            .choices()
            .iter()
            .find(|choice| choice.id == id)
            .map_or(id, |choice| choice.label.as_str());
        words.say("survey-rule-choice", &[("label", Arg::Text(label))])
    };
    let chose = |choices: &[String]| {
        let mut labels = choices.iter().map(|choice| label_of(choice));
        let first = labels.next().unwrap_or_default();
        let either = labels.fold(first, |first, second| {
            words.say(
                "survey-rule-either",
                &[("first", Arg::Text(&first)), ("second", Arg::Text(&second))],
            )
        });
        words.say(
            "survey-rule-chose",
            &[("choices", Arg::Text(&either)), number_mark()],
        )
    };
    let (test, values, sentence) = match &condition.test {
        ConditionTest::Answered => (
            "answered",
            String::new(),
            words.say("survey-rule-answered", &[number_mark()]),
        ),
        ConditionTest::Equals(choice) => (
            "one_of",
            choice.clone(),
            chose(std::slice::from_ref(choice)),
        ),
        ConditionTest::OneOf(choices) => ("one_of", choices.join(" "), chose(choices)),
    };
    let (before, after) = sentence.split_once(NUMBER_MARK).unwrap_or((&sentence, ""));
    Some(ShowIfForm {
        question: &target.id,
        test,
        values,
        text: format!("{before}{number}{after}"),
        text_before_number: before.to_owned(),
        text_after_number: after.to_owned(),
        number,
    })
}

/// The `number` argument of a rule's sentence, as [`NUMBER_MARK`].
fn number_mark() -> (&'static str, Arg<'static>) {
    ("number", Arg::Text(NUMBER_MARK))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interface_strings::InterfaceStrings;
    use std::path::Path;

    const SURVEY: &str = "\
id: wave
title: Wave
version: 3
anonymity: Nothing identifies you.
opens: 2026-03-01
closes: 2026-05-31
collection_url: https://collect.example.org/responses
questions:
  - {id: contact, type: single, label: Contact?, required: true,
     choices: [{id: 'yes', label: 'Yes'}, {id: 'no', label: 'No'}]}
  - {id: courtesy, type: likert, label: Courteous, show_if: {question: contact, equals: 'yes'}}
  - {id: topics, type: multiple, label: Topics, max_selected: 2,
     choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]}
  - {id: score, type: rating, label: Score, show_if: {question: topics, one_of: [a, c]}}
  - {id: hours, type: number, label: Hours, integer: false, min: 0, max: 7.5}
  - {id: why, type: long_text, label: Why, show_if: {question: score, answered: true}}
";

    fn form(today: &str) -> SurveyForm<'static> {
        let survey = Survey::parse(SURVEY, Path::new("surveys/wave.yaml")).unwrap();
        let survey: &'static Survey = Box::leak(Box::new(survey));
        let strings = InterfaceStrings::built_in_english();
        SurveyForm::new(
            survey,
            today.parse().unwrap(),
            Some("https://site.example/x"),
            &Phrasebook::new(&strings, None),
        )
    }

    #[test]
    fn status_follows_the_build_day() {
        assert_eq!(form("2026-02-28").status, Status::Upcoming);
        assert_eq!(form("2026-03-01").status, Status::Open);
        assert_eq!(form("2026-05-31").status, Status::Open);
        assert_eq!(form("2026-06-01").status, Status::Closed);
    }

    #[test]
    fn the_survey_collection_url_wins_over_the_site_one() {
        assert_eq!(
            form("2026-04-01").collection_url,
            Some("https://collect.example.org/responses")
        );
    }

    #[test]
    fn scales_label_their_ends_and_number_their_points() {
        let form = form("2026-04-01");
        let likert = &form.questions[1];
        let labels: Vec<&str> = likert.options.iter().map(|o| o.label.as_ref()).collect();
        assert_eq!(
            labels,
            ["Strongly disagree", "2", "3", "4", "Strongly agree"]
        );
        let values: Vec<&str> = likert.options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(values, ["1", "2", "3", "4", "5"]);
        assert_eq!(likert.options[0].input_id, "q-courtesy-1");
        let rating = &form.questions[3];
        assert_eq!(rating.options.len(), 11);
        assert_eq!(rating.options[0].value, "0");
    }

    #[test]
    fn scale_end_labels_do_not_repeat_their_point_number() {
        assert_eq!(without_point("0 – very poor", 0), "very poor");
        assert_eq!(without_point("10 - excellent", 10), "excellent");
        assert_eq!(without_point("1 (never)", 1), "never");
        assert_eq!(without_point("Strongly agree", 5), "Strongly agree");
        assert_eq!(without_point("10 times a day", 1), "10 times a day");
        assert_eq!(without_point("5", 5), "5");
    }

    #[test]
    fn skip_rules_name_the_question_they_test_by_its_number() {
        let form = form("2026-04-01");
        let rule = form.questions[1].show_if.as_ref().unwrap();
        assert_eq!(rule.text, "Answer only if you chose “Yes” in question 1.");
        assert_eq!(
            rule.text_before_number,
            "Answer only if you chose “Yes” in question "
        );
        assert_eq!((rule.question, rule.number), ("contact", 1));
        let rule = form.questions[5].show_if.as_ref().unwrap();
        assert_eq!(rule.text, "Answer only if you answered question 4.");
    }

    #[test]
    fn controls_and_hints_follow_the_type() {
        let form = form("2026-04-01");
        let controls: Vec<&str> = form.questions.iter().map(|q| q.control).collect();
        assert_eq!(
            controls,
            ["radio", "radio", "checkbox", "radio", "number", "textarea"]
        );
        assert_eq!(form.questions[2].hint.as_deref(), Some("Choose up to 2."));
        assert_eq!(
            form.questions[4].hint.as_deref(),
            Some("A number from 0 to 7.5.")
        );
        assert_eq!(form.questions[4].step, Some("any"));
        assert_eq!(form.questions[5].max_length, Some(2000));
    }

    #[test]
    fn skip_rules_are_data_and_words() {
        let form = form("2026-04-01");
        let courtesy = form.questions[1].show_if.as_ref().unwrap();
        assert_eq!(
            (courtesy.question, courtesy.test, courtesy.values.as_str()),
            ("contact", "one_of", "yes")
        );
        assert_eq!(
            courtesy.text,
            "Answer only if you chose “Yes” in question 1."
        );
        let score = form.questions[3].show_if.as_ref().unwrap();
        assert_eq!(score.values, "a c");
        assert_eq!(
            score.text,
            "Answer only if you chose “A” or “C” in question 3."
        );
        let why = form.questions[5].show_if.as_ref().unwrap();
        assert_eq!(
            (why.test, why.text.as_str()),
            ("answered", "Answer only if you answered question 4.")
        );
    }
}
