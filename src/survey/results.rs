//! The published results file, `candor-results/1` (`surveys/results/<survey-id>.yaml`): its
//! types, the names of the disclosure rules, how percentages are rounded, and how the files are
//! loaded. `candor-collect report` writes it and `candor build` reads it to render results
//! pages; it lives here, beside the response format, so that the renderer reads it without
//! depending on the collector (and through it on the SQLite store).
//!
//! Only figures that passed disclosure control are in it; a hidden figure is recorded as
//! `hidden: not_shown`, never with its value and never with the rule that hid it: a label per
//! rule would tell a reader which hidden cells are small and which are unanimous groups. The
//! file is written deterministically — struct fields in a fixed order, lists in the
//! definition's order, no time of the run — so the same store always gives the same bytes and a
//! re-run can be checked against the published file.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{DisclosureRules, Question, QuestionKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::sources::{Entry, SiteFolder};

/// The value of `format` in every results file of this version.
pub const FORMAT: &str = "candor-results/1";

/// The folder of results files, under the site root. Never read as survey definitions.
pub const RESULTS_DIR: &str = "surveys/results";

/// A rule that hides figures. The file lists the rules a release applied, never how many
/// figures each one hid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// No figure for a survey, question or group with fewer respondents than the minimum.
    MinimumGroupSize,
    /// Counts from 1 to the minimum count less one are hidden.
    SmallCount,
    /// A smaller group in which everyone gave the same answer is hidden.
    UnanimousGroup,
    /// More counts hidden so that the hidden ones cannot be worked back.
    Complementary,
    /// Medians and quartiles of number questions need enough answers.
    NumberThreshold,
    /// Free-text answers are never published.
    FreeText,
}

impl Rule {
    /// Every rule, in the order the YAML and the methods note list them.
    pub const ALL: [Rule; 6] = [
        Rule::MinimumGroupSize,
        Rule::SmallCount,
        Rule::UnanimousGroup,
        Rule::Complementary,
        Rule::NumberThreshold,
        Rule::FreeText,
    ];
}

/// A whole-number percentage, rounded half up: whole numbers, so that a percentage never
/// carries more than the count and its total already tell.
pub fn percent(count: u64, total: u64) -> Option<u64> {
    (total > 0).then(|| (200 * count + total) / (2 * total))
}

/// A rule's name in messages and the methods note.
pub fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::MinimumGroupSize => "minimum group size",
        Rule::SmallCount => "small count",
        Rule::UnanimousGroup => "unanimous group",
        Rule::Complementary => "complementary",
        Rule::NumberThreshold => "number threshold",
        Rule::FreeText => "free text (questions)",
    }
}

/// One survey's anonymised results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Always [`FORMAT`].
    pub format: String,
    pub survey: SurveyInfo,
    pub provenance: Provenance,
    pub disclosure: Disclosure,
    /// Every question of the definition, in its order.
    pub questions: Vec<QuestionResult>,
}

/// Which survey the results are of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyInfo {
    pub id: String,
    pub title: String,
    /// Waves of one series are compared in trend views.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    pub version: u32,
}

/// Where the figures come from, so that a re-run can be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Responses aggregated (hidden when fewer than the minimum group size).
    pub responses: Figure,
    /// The months the responses were submitted in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The program and version that wrote the file.
    pub generator: String,
    /// SHA-256 over the aggregated responses in a canonical order: for each response, ordered by
    /// response id, its id, a NUL byte, its stored canonical JSON and a newline.
    pub input_sha256: String,
}

/// First and last month of submission, `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: String,
    pub to: String,
}

/// The rules a release applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    pub rules: DisclosureRules,
    /// Every rule the release applied. No counts: how many figures a rule hid tells a reader
    /// which kind of hidden figure a table holds. (Files written before carried `figures`.)
    pub suppressed: Vec<AppliedRule>,
}

/// A rule the release applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliedRule {
    pub rule: Rule,
    /// Only in files written before labels stopped carrying rules; never written now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<u64>,
}

/// One question's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionResult {
    pub id: String,
    pub label: String,
    /// The question's type as written in the definition (`single`, `likert`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The answer categories, in order; the cells of every row follow them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// All respondents; absent for free-text questions, which are never published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<Row>,
    /// One breakdown per grouping question, never two at once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<Breakdown>,
}

impl QuestionResult {
    /// Whether a row's cells partition its respondents (not so for multiple choice).
    pub fn is_additive(&self) -> bool {
        self.kind != "multiple"
    }
}

/// An answer category: a choice, a scale point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub label: String,
}

/// The answer categories of `question`, labelled as in its form: its choices, or a scale's
/// points (the ends named by the scale's words, the middle by number). The report counts
/// answers by them; a results page in another language relabels them from the survey's
/// translation.
pub fn categories(question: &Question) -> Vec<Category> {
    let scale = |first: i64, last: i64, low: &str, high: &str| {
        (first..=last)
            .map(|point| Category {
                id: point.to_string(),
                label: if point == first {
                    low.to_owned()
                } else if point == last {
                    high.to_owned()
                } else {
                    point.to_string()
                },
            })
            .collect()
    };
    match &question.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices, .. } => choices
            .iter()
            .map(|choice| Category {
                id: choice.id.clone(),
                label: choice.label.clone(),
            })
            .collect(),
        QuestionKind::Likert { points, low, high } => scale(1, i64::from(*points), low, high),
        QuestionKind::Rating { low, high } => scale(0, 10, low, high),
        _ => Vec::new(),
    }
}

/// A question broken down by the answers to one grouping question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// The grouping question's id.
    pub by: String,
    pub label: String,
    pub groups: Vec<Row>,
}

/// The figures of all respondents or of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The group's choice id; absent for the overall row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How many answered the question.
    pub respondents: Figure,
    /// One per category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Figure>,
    /// For scales when every cell is shown; for numbers when enough answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median: Option<f64>,
    /// Lower and upper quartile of a number question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quartiles: Option<[f64; 2]>,
}

/// A published count (with its whole-number percentage of the row) or a hidden one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Shown>,
}

/// What a reader is told about a hidden figure: nothing but that it is not shown. The other
/// values are read from files written by earlier versions, which labelled hidden figures by
/// rule, and are shown as "not shown" too; they are never written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    /// Every hidden figure, whatever rule hid it.
    NotShown,
    /// Earlier files: from 1 to `min_count` − 1.
    SmallCount,
    /// Earlier files: a group or question with fewer than `min_group_size` respondents.
    SmallGroup,
    /// Earlier files: hidden so that other hidden figures stay hidden.
    Withheld,
}

impl Figure {
    pub fn shown(count: u64, percent: Option<u64>) -> Figure {
        Figure {
            count: Some(count),
            percent,
            hidden: None,
        }
    }

    pub fn hidden(shown: Shown) -> Figure {
        Figure {
            hidden: Some(shown),
            ..Figure::default()
        }
    }

    /// Whether the figure is hidden.
    pub fn is_hidden(&self) -> bool {
        self.count.is_none()
    }
}

/// How many figures of `results` are hidden, the survey's response count included.
pub fn hidden_figures(results: &Results) -> u64 {
    let rows = results.questions.iter().flat_map(|question| {
        question
            .overall
            .iter()
            .chain(question.breakdowns.iter().flat_map(|b| &b.groups))
    });
    let figures = rows.flat_map(|row| std::iter::once(&row.respondents).chain(&row.cells));
    std::iter::once(&results.provenance.responses)
        .chain(figures)
        .filter(|figure| figure.is_hidden())
        .count() as u64
}

impl Results {
    /// Parses the YAML text of the results file `file`, checking its format tag and that every
    /// row has one cell per category.
    pub fn parse(source: &str, file: &Path) -> Result<Results, Diagnostic> {
        let results: Results = crate::yaml::parse(source, file, 1)?;
        if results.format != FORMAT {
            return Err(Diagnostic::error(
                "results",
                file,
                format!("`format` is {:?}, expected {FORMAT:?}", results.format),
            )
            .with_hint("regenerate the file with `candor-collect report`"));
        }
        for question in &results.questions {
            let rows = question
                .overall
                .iter()
                .chain(question.breakdowns.iter().flat_map(|b| &b.groups));
            for row in rows {
                if !row.cells.is_empty() && row.cells.len() != question.categories.len() {
                    return Err(Diagnostic::error(
                        "results",
                        file,
                        format!(
                            "question `{}` has {} categories but a row with {} cells",
                            question.id,
                            question.categories.len(),
                            row.cells.len()
                        ),
                    )
                    .with_hint("results files are written by `candor-collect report`; regenerate it instead of editing it"));
                }
            }
        }
        Ok(results)
    }

    /// Reads every `surveys/results/*.yaml` under `root`, sorted by file name. A site without
    /// the folder has none.
    pub fn load_all(root: &Path) -> (Vec<Results>, Diagnostics) {
        let folder = root.join(RESULTS_DIR);
        let mut diagnostics = Diagnostics::new();
        let site = SiteFolder::new(root);
        if let Err(refused) = site.check_folder(&folder) {
            diagnostics.push(refused);
            return (Vec::new(), diagnostics);
        }
        let mut files: Vec<_> = match std::fs::read_dir(&folder) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .filter(|entry| entry.path().extension().is_some_and(|e| e == "yaml"))
                .filter_map(|entry| {
                    let path = entry.path();
                    match site.classify(&path, entry.file_type().ok()?) {
                        Ok(Entry::File) => Some(path),
                        Ok(Entry::Folder) => None,
                        Err(refused) => {
                            diagnostics.push(refused);
                            None
                        }
                    }
                })
                .collect(),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    "results",
                    RESULTS_DIR,
                    format!("cannot list the results folder: {error}"),
                ));
                Vec::new()
            }
        };
        files.sort();
        let mut all = Vec::with_capacity(files.len());
        for path in files {
            let shown = crate::diagnostic::relative_to(&path, root);
            let parsed = std::fs::read_to_string(&path)
                .map_err(|error| {
                    Diagnostic::error("results", &shown, format!("cannot read: {error}"))
                })
                .and_then(|text| Results::parse(&text, &shown));
            match parsed {
                Ok(results) => all.push(results),
                Err(problem) => diagnostics.push(problem),
            }
        }
        (all, diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_are_whole_and_round_half_up() {
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(1, 2), Some(50));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(0, 0), None);
    }
}
