//! The words of a results page in the page's language. Candor's own words around the figures
//! (what a hidden figure reads, the months of a period, the charts' descriptions for screen
//! readers, the methods note) come from the theme's interface strings; the survey's words
//! (its title, questions and answers) from the survey's translation, matched by id.
//!
//! The results file is the same for every language: only labels change, never a figure, so a
//! French page cannot show what the English one hides.

use super::charts::HiddenWords;
use crate::interface_strings::{Arg, Phrasebook};
use crate::survey::Survey;
use crate::survey::results::{Category, Figure, Results, categories};

/// Candor's words on one results page, with those every table and chart repeats formatted
/// once.
pub struct ResultsWords<'a> {
    phrases: Phrasebook<'a>,
    /// What every hidden figure reads: "not shown".
    not_shown: String,
    /// The hidden part of a chart's bar: "not shown, to protect small groups".
    hidden_part: String,
    /// The label of the overall row: "All respondents".
    pub all_respondents: String,
}

impl<'a> ResultsWords<'a> {
    pub fn new(phrases: Phrasebook<'a>) -> ResultsWords<'a> {
        ResultsWords {
            not_shown: phrases.say("results-not-shown", &[]),
            hidden_part: phrases.say("results-hidden-part", &[]),
            all_respondents: phrases.say("results-all-respondents", &[]),
            phrases,
        }
    }

    /// What a chart calls what it does not show.
    pub fn hidden(&self) -> HiddenWords<'_> {
        HiddenWords {
            not_shown: &self.not_shown,
            hidden_part: &self.hidden_part,
        }
    }

    /// A figure as a table shows it: its count, or "not shown" for every hidden figure alike,
    /// whatever hid it (also for the per-rule labels of earlier files).
    pub fn figure(&self, figure: &Figure) -> String {
        match figure.count {
            Some(count) => count.to_string(),
            None => self.not_shown.clone(),
        }
    }

    /// How many responded, as a reader reads it: "236 responses", or "number of responses not
    /// shown" (a hidden count is not "not shown responses").
    pub fn responses(&self, responses: &Figure) -> String {
        match responses.count {
            Some(count) => self
                .phrases
                .say("responses", &[("count", count_arg(count))]),
            None => self.phrases.say("results-responses-not-shown", &[]),
        }
    }

    /// "2 to 7", a row's middle half.
    pub fn range(&self, low: &str, high: &str) -> String {
        let args = [("low", Arg::Text(low)), ("high", Arg::Text(high))];
        self.phrases.say("results-range", &args)
    }

    /// The months a wave's responses came in: "November 2025 to January 2026".
    pub fn period(&self, results: &Results) -> String {
        match &results.provenance.period {
            Some(period) if period.from == period.to => self.month(&period.from),
            Some(period) => {
                let (from, to) = (self.month(&period.from), self.month(&period.to));
                let args = [("from", Arg::Text(&from)), ("to", Arg::Text(&to))];
                self.phrases.say("results-period", &args)
            }
            None => String::new(),
        }
    }

    /// `2025-11` → "November 2025"; anything else as it is.
    fn month(&self, month: &str) -> String {
        let (year, number) = month.split_once('-').unwrap_or((month, ""));
        match number.parse::<u8>() {
            Ok(number @ 1..=12) => {
                let name = self.phrases.say(&format!("results-month-{number}"), &[]);
                let args = [("month", Arg::Text(&name)), ("year", Arg::Text(year))];
                self.phrases.say("results-month-year", &args)
            }
            _ => month.to_owned(),
        }
    }

    /// What a chart of one wave shows, for screen readers.
    pub fn chart_description(&self, scale: bool) -> String {
        let key = if scale {
            "results-chart-scale"
        } else {
            "results-chart-choices"
        };
        self.phrases.say(key, &[])
    }

    /// What a chart of every wave shows, for screen readers.
    pub fn waves_description(&self) -> String {
        self.phrases.say("results-chart-waves", &[])
    }

    /// A breakdown chart's name: "Courtesy — by answer to “Region”".
    pub fn by_answer_title(&self, question: &str, grouping: &str) -> String {
        let args = [
            ("question", Arg::Text(question)),
            ("grouping", Arg::Text(grouping)),
        ];
        self.phrases.say("results-caption-by", &args)
    }

    /// A trend chart's name: "Courtesy — each wave".
    pub fn waves_title(&self, question: &str) -> String {
        let args = [("question", Arg::Text(question))];
        self.phrases.say("results-caption-waves", &args)
    }

    /// The methods note, one sentence per rule recorded in the results file (never how many
    /// figures a rule hid).
    pub fn methods(&self, results: &Results) -> Vec<String> {
        let rules = &results.disclosure.rules;
        // A hand-edited results file may say 0; the methods note must not panic on it.
        let largest_hidden = count_arg(rules.min_count.saturating_sub(1));
        let say = |key: &str, args: &[(&str, Arg<'_>)]| self.phrases.say(key, args);
        vec![
            say(
                "results-methods-group-size",
                &[("size", count_arg(rules.min_group_size))],
            ),
            say("results-methods-small-count", &[("max", largest_hidden)]),
            say(
                "results-methods-unanimous",
                &[("size", count_arg(rules.unanimous_min_group))],
            ),
            say(
                "results-methods-complementary",
                &[("hidden", Arg::Text(&self.not_shown))],
            ),
            say("results-methods-percentages", &[]),
            say("results-methods-medians", &[]),
            say("results-methods-breakdowns", &[]),
        ]
    }
}

/// A count as a message argument, so that the language's plural rules apply to it.
fn count_arg(count: u64) -> Arg<'static> {
    Arg::Count(usize::try_from(count).unwrap_or(usize::MAX))
}

/// `results` with the words of `survey` (a translation of the survey it reports on): its title,
/// each question's label, each answer's and each group's, matched by id. A question or answer
/// the translation does not know keeps the results file's words.
pub fn relabelled(results: &Results, survey: &Survey) -> Results {
    let mut shown = results.clone();
    shown.survey.title.clone_from(&survey.title);
    for question in &mut shown.questions {
        let Some(translated) = survey.question(&question.id) else {
            continue;
        };
        question.label.clone_from(&translated.label);
        let answers = categories(translated);
        for category in &mut question.categories {
            relabel(&mut category.label, &category.id, &answers);
        }
        for breakdown in &mut question.breakdowns {
            let Some(grouping) = survey.question(&breakdown.by) else {
                continue;
            };
            breakdown.label.clone_from(&grouping.label);
            let groups = categories(grouping);
            for row in &mut breakdown.groups {
                if let (Some(id), Some(label)) = (row.group.as_deref(), row.label.as_mut()) {
                    relabel(label, id, &groups);
                }
            }
        }
    }
    shown
}

/// Gives `label` the words of the category `id` among `translated`, when it is there.
fn relabel(label: &mut String, id: &str, translated: &[Category]) {
    if let Some(category) = translated.iter().find(|category| category.id == id) {
        label.clone_from(&category.label);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::interface_strings::InterfaceStrings;
    use crate::survey::QuestionKind;
    use crate::survey::results::Shown;

    fn sample() -> (Results, Survey) {
        let results = Results::parse(
            include_str!("../../surveys/results/community-2026.yaml"),
            Path::new("surveys/results/community-2026.yaml"),
        )
        .unwrap();
        let survey = Survey::parse(
            include_str!("../../surveys/community-2026.yaml"),
            Path::new("surveys/community-2026.yaml"),
        )
        .unwrap();
        (results, survey)
    }

    /// Every label of `survey` marked, as a translation would change it.
    fn marked(mut survey: Survey) -> Survey {
        survey.title = format!("T:{}", survey.title);
        for question in &mut survey.questions {
            question.label = format!("T:{}", question.label);
            match &mut question.kind {
                QuestionKind::Single { choices } | QuestionKind::Multiple { choices, .. } => {
                    for choice in choices {
                        choice.label = format!("T:{}", choice.label);
                    }
                }
                QuestionKind::Likert { low, high, .. } | QuestionKind::Rating { low, high } => {
                    *low = format!("T:{low}");
                    *high = format!("T:{high}");
                }
                _ => {}
            }
        }
        survey
    }

    #[test]
    fn relabelling_changes_every_label_and_no_figure() {
        let (results, survey) = sample();
        let shown = relabelled(&results, &marked(survey));
        assert_eq!(shown.survey.title, format!("T:{}", results.survey.title));
        let mut labels = 0;
        for (before, after) in results.questions.iter().zip(&shown.questions) {
            assert_eq!(after.label, format!("T:{}", before.label));
            assert_eq!(after.overall, before.overall, "{}", before.id);
            for (b, a) in before.categories.iter().zip(&after.categories) {
                assert_eq!(a.id, b.id);
                // A scale's middle points are numbers, the same in every language.
                if b.label.parse::<u32>().is_err() {
                    assert_eq!(a.label, format!("T:{}", b.label));
                    labels += 1;
                }
            }
            for (b, a) in before.breakdowns.iter().zip(&after.breakdowns) {
                assert_eq!(a.label, format!("T:{}", b.label));
                for (b, a) in b.groups.iter().zip(&a.groups) {
                    assert_eq!((&a.respondents, &a.cells), (&b.respondents, &b.cells));
                    assert_eq!(a.label, b.label.as_ref().map(|l| format!("T:{l}")));
                    labels += 1;
                }
            }
        }
        assert!(labels > 20, "only {labels} labels compared");
        assert_eq!(shown.provenance, results.provenance);
        assert_eq!(shown.disclosure, results.disclosure);
    }

    /// Whatever rule hid a figure, a reader sees the same words: which rule it was would
    /// say something about the hidden count.
    #[test]
    fn every_hidden_figure_reads_not_shown_and_a_shown_one_its_count() {
        let strings = InterfaceStrings::built_in_english();
        let words = ResultsWords::new(Phrasebook::new(&strings, None));
        let hidden = |why| Figure {
            count: None,
            percent: None,
            hidden: Some(why),
        };
        for why in [
            Shown::NotShown,
            Shown::SmallCount,
            Shown::SmallGroup,
            Shown::Withheld,
        ] {
            assert_eq!(words.figure(&hidden(why)), "not shown");
        }
        let shown = Figure {
            count: Some(12),
            percent: Some(40),
            hidden: None,
        };
        assert_eq!(words.figure(&shown), "12");
    }

    #[test]
    fn a_period_reads_as_months_and_an_odd_month_as_it_is() {
        let strings = InterfaceStrings::built_in_english();
        let words = ResultsWords::new(Phrasebook::new(&strings, None));
        assert_eq!(words.month("2025-11"), "November 2025");
        assert_eq!(words.month("2025-01"), "January 2025");
        for odd in ["2025-13", "2025-00", "2025", "2025-1x", ""] {
            assert_eq!(words.month(odd), odd);
        }
    }
}
