//! Results pages: a Markdown page under `content/audits/` with `results: <survey-id>` shows
//! that wave's published results (`surveys/results/<survey-id>.yaml`); `results: <series>`
//! shows the trend across every wave of the series.
//!
//! Templates get a plain view ([`WaveView`], [`TrendView`]) of display strings: the figures as
//! the results file has them, every hidden one as "not shown" whatever hid it (a label per rule
//! would tell which hidden cells are small), never a value — there is none in the file to show. Charts are inline SVG drawn by
//! [`super::charts`] and passed as safe HTML under keys named `chart`.

use std::borrow::Cow;

use serde::Serialize;
use tera::Value;

use super::charts::{self, Bar, StackedRow};
use super::results_words::{ResultsWords, relabelled};
use crate::survey::results::{Figure, QuestionResult, Results, Row, Rule, rule_name};
use crate::survey::{DisclosureRules, Survey};

/// The template a page with `results:` uses unless it names another.
pub const WAVE_TEMPLATE: &str = "results.html";
pub const TREND_TEMPLATE: &str = "results-trend.html";

/// What a page's `results:` names.
pub enum ResultsPage<'a> {
    /// One survey's results.
    Wave(&'a Results),
    /// Every wave of a series, oldest first.
    Trend(Vec<&'a Results>),
}

/// Finds what `name` (a page's `results:` value) refers to among the loaded results files.
pub fn resolve<'a>(all: &'a [Results], name: &str) -> Option<ResultsPage<'a>> {
    if let Some(wave) = all.iter().find(|results| results.survey.id == name) {
        return Some(ResultsPage::Wave(wave));
    }
    let mut waves: Vec<&Results> = all
        .iter()
        .filter(|results| results.survey.series.as_deref() == Some(name))
        .collect();
    waves.sort_by(|a, b| {
        let from = |r: &Results| r.provenance.period.as_ref().map(|p| p.from.clone());
        from(a)
            .cmp(&from(b))
            .then_with(|| a.survey.id.cmp(&b.survey.id))
    });
    (!waves.is_empty()).then_some(ResultsPage::Trend(waves))
}

impl ResultsPage<'_> {
    pub fn template(&self) -> &'static str {
        match self {
            ResultsPage::Wave(_) => WAVE_TEMPLATE,
            ResultsPage::Trend(_) => TREND_TEMPLATE,
        }
    }

    /// The `results` value of the page's template, in the words of the page's language:
    /// `words` for Candor's own, and the survey's translation that `translation` finds by
    /// survey id (none in the default language) for the questions and answers.
    pub fn value<'s>(
        &self,
        words: &ResultsWords<'_>,
        translation: &dyn Fn(&str) -> Option<&'s Survey>,
    ) -> Value {
        fn shown<'r, 's>(
            results: &'r Results,
            translation: &dyn Fn(&str) -> Option<&'s Survey>,
        ) -> Cow<'r, Results> {
            match translation(&results.survey.id) {
                Some(survey) => Cow::Owned(relabelled(results, survey)),
                None => Cow::Borrowed(results),
            }
        }
        let value = match self {
            ResultsPage::Wave(results) => {
                Value::from_serializable(&wave_view(&shown(results, translation), words))
            }
            ResultsPage::Trend(waves) => {
                let labelled: Vec<Cow<'_, Results>> =
                    waves.iter().map(|w| shown(w, translation)).collect();
                let labelled: Vec<&Results> = labelled.iter().map(AsRef::as_ref).collect();
                Value::from_serializable(&trend_view(waves, &labelled, words))
            }
        };
        safe_charts(value)
    }
}

/// Marks every string under a key ending in `chart` as safe HTML: charts are markup written
/// and escaped by [`super::charts`], nothing else in a view is.
fn safe_charts(value: Value) -> Value {
    if let Some(items) = value.as_array() {
        return Value::from(items.iter().cloned().map(safe_charts).collect::<Vec<_>>());
    }
    let Some(map) = value.clone().into_map() else {
        return value;
    };
    let mut out = map.clone();
    for (key, item) in map {
        let is_chart = key.as_str().is_some_and(|k| k.ends_with("chart"));
        let replaced = match item.as_str() {
            Some(svg) if is_chart => Value::safe_string(svg),
            _ => safe_charts(item),
        };
        out.insert(key, replaced);
    }
    Value::from(out)
}

/// One wave, as `results.html` sees it.
#[derive(Serialize)]
pub struct WaveView {
    pub id: String,
    pub title: String,
    pub series: Option<String>,
    pub version: u32,
    /// "236", or "not shown".
    pub responses: String,
    /// "236 responses", "1 response", or "number of responses not shown".
    pub responses_phrase: String,
    /// "November 2025 to January 2026".
    pub period: String,
    pub generator: String,
    pub input_sha256: String,
    pub rules: DisclosureRules,
    /// The methods note: one sentence per rule (never how many figures a rule hid).
    pub methods: Vec<String>,
    pub suppressed: Vec<SuppressedView>,
    pub questions: Vec<QuestionView>,
}

#[derive(Serialize)]
pub struct SuppressedView {
    pub rule: Rule,
    pub name: &'static str,
}

/// One question: its overall row as a table and a chart, and a table and chart per breakdown.
#[derive(Serialize)]
pub struct QuestionView {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// False for free-text questions, which are never published.
    pub published: bool,
    /// The header of each figure column.
    pub columns: Vec<ColumnView>,
    pub overall: Option<RowView>,
    pub chart: String,
    pub breakdowns: Vec<BreakdownView>,
}

#[derive(Serialize)]
pub struct ColumnView {
    pub label: String,
    pub colour: &'static str,
}

#[derive(Serialize)]
pub struct BreakdownView {
    pub by: String,
    pub label: String,
    pub rows: Vec<RowView>,
    pub chart: String,
}

/// One row of a table.
#[derive(Serialize)]
pub struct RowView {
    pub label: String,
    pub respondents: String,
    pub respondents_hidden: bool,
    pub cells: Vec<CellView>,
    pub median: Option<String>,
    pub quartiles: Option<String>,
}

#[derive(Serialize)]
pub struct CellView {
    /// "12", or "not shown".
    pub count: String,
    /// "23%" beside a shown count.
    pub percent: Option<String>,
    pub hidden: bool,
}

fn cell_view(figure: &Figure, words: &ResultsWords<'_>) -> CellView {
    CellView {
        count: words.figure(figure),
        percent: figure.percent.map(|p| format!("{p}%")),
        hidden: figure.count.is_none(),
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

fn row_view(row: &Row, label: &str, words: &ResultsWords<'_>) -> RowView {
    RowView {
        label: label.to_owned(),
        respondents: words.figure(&row.respondents),
        respondents_hidden: row.respondents.count.is_none(),
        cells: row
            .cells
            .iter()
            .map(|cell| cell_view(cell, words))
            .collect(),
        median: row.median.map(number),
        quartiles: row
            .quartiles
            .map(|[low, high]| words.range(&number(low), &number(high))),
    }
}

fn is_scale(question: &QuestionResult) -> bool {
    matches!(question.kind.as_str(), "likert" | "rating")
}

fn colours(question: &QuestionResult) -> Vec<&'static str> {
    if is_scale(question) {
        charts::scale_colours(question.categories.len())
    } else {
        charts::choice_colours(question.categories.len())
    }
}

/// The chart of a set of rows: plain bars for the overall answers to a choice question,
/// stacked bars otherwise (a scale; any question broken down by group).
fn chart(
    id: &str,
    question: &QuestionResult,
    title: &str,
    rows: &[(&str, &Row)],
    words: &ResultsWords<'_>,
) -> String {
    if question.categories.is_empty() {
        return String::new();
    }
    let categories: Vec<&str> = question
        .categories
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    let description = words.chart_description(is_scale(question));
    let single_row_of_choices = rows.len() == 1 && !is_scale(question);
    if single_row_of_choices || !question.is_additive() {
        // One bar per choice for one row; for a multiple choice, shares do not add up to a
        // whole, so each group gets its own bar per choice only in the table.
        let row = rows[0].1;
        let of = row.respondents.count.unwrap_or(0);
        let items: Vec<Bar<'_>> = categories
            .iter()
            .zip(&row.cells)
            .map(|(label, cell)| Bar {
                label,
                value: cell.count,
                of,
            })
            .collect();
        return charts::bars(id, title, &description, &items, &words.hidden());
    }
    let stacked: Vec<StackedRow<'_>> = rows
        .iter()
        .map(|(label, row)| StackedRow {
            label,
            total: row.respondents.count,
            values: row.cells.iter().map(|c| c.count).collect(),
        })
        .collect();
    charts::stacked_bars(
        id,
        title,
        &description,
        &categories,
        &colours(question),
        &stacked,
        &words.hidden(),
    )
}

fn question_view(question: &QuestionResult, words: &ResultsWords<'_>) -> QuestionView {
    let colours = colours(question);
    let columns = question
        .categories
        .iter()
        .zip(colours)
        .map(|(category, colour)| ColumnView {
            label: category.label.clone(),
            colour,
        })
        .collect();
    let Some(overall) = &question.overall else {
        return QuestionView {
            id: question.id.clone(),
            label: question.label.clone(),
            kind: question.kind.clone(),
            published: false,
            columns,
            overall: None,
            chart: String::new(),
            breakdowns: Vec::new(),
        };
    };
    let id = format!("chart-{}", question.id);
    let chart_of_overall = if overall.cells.is_empty() || overall.respondents.count.is_none() {
        String::new()
    } else {
        chart(
            &id,
            question,
            &question.label,
            &[(&words.all_respondents, overall)],
            words,
        )
    };
    let breakdowns = question
        .breakdowns
        .iter()
        .map(|breakdown| {
            let rows: Vec<(&str, &Row)> = breakdown
                .groups
                .iter()
                .map(|row| (row.label.as_deref().unwrap_or_default(), row))
                .collect();
            let shown_chart = is_scale(question) || question.is_additive();
            BreakdownView {
                by: breakdown.by.clone(),
                label: breakdown.label.clone(),
                rows: rows
                    .iter()
                    .map(|(label, row)| row_view(row, label, words))
                    .collect(),
                chart: if shown_chart && !question.categories.is_empty() {
                    chart(
                        &format!("{id}-by-{}", breakdown.by),
                        question,
                        &words.by_answer_title(&question.label, &breakdown.label),
                        &rows,
                        words,
                    )
                } else {
                    String::new()
                },
            }
        })
        .collect();
    QuestionView {
        id: question.id.clone(),
        label: question.label.clone(),
        kind: question.kind.clone(),
        published: true,
        columns,
        overall: Some(row_view(overall, &words.all_respondents, words)),
        chart: chart_of_overall,
        breakdowns,
    }
}

pub fn wave_view(results: &Results, words: &ResultsWords<'_>) -> WaveView {
    let rules = &results.disclosure.rules;
    WaveView {
        id: results.survey.id.clone(),
        title: results.survey.title.clone(),
        series: results.survey.series.clone(),
        version: results.survey.version,
        responses: words.figure(&results.provenance.responses),
        responses_phrase: words.responses(&results.provenance.responses),
        period: words.period(results),
        generator: results.provenance.generator.clone(),
        input_sha256: results.provenance.input_sha256.clone(),
        rules: *rules,
        methods: words.methods(results),
        suppressed: results
            .disclosure
            .suppressed
            .iter()
            .map(|applied| SuppressedView {
                rule: applied.rule,
                name: rule_name(applied.rule),
            })
            .collect(),
        questions: (results.questions.iter())
            .map(|question| question_view(question, words))
            .collect(),
    }
}

/// Several waves of a series, as `results-trend.html` sees them.
#[derive(Serialize)]
pub struct TrendView {
    pub series: String,
    pub waves: Vec<WaveSummary>,
    /// Questions asked the same way (same type, same answer categories) in every wave.
    pub questions: Vec<TrendQuestion>,
    /// Questions left out because they changed between waves or were not asked in all.
    pub not_comparable: Vec<String>,
}

#[derive(Serialize)]
pub struct WaveSummary {
    pub id: String,
    pub title: String,
    pub period: String,
    pub responses: String,
    /// As [`WaveView::responses_phrase`].
    pub responses_phrase: String,
}

#[derive(Serialize)]
pub struct TrendQuestion {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub columns: Vec<ColumnView>,
    /// One row per wave, labelled with the wave's period.
    pub rows: Vec<RowView>,
    pub chart: String,
}

/// The trend of `waves`, oldest first: which questions compare is decided on the results files
/// as they are (`waves`), so that a translation cannot make a question comparable in one
/// language and not in another; `labelled` are the same waves with the words shown.
pub fn trend_view(
    waves: &[&Results],
    labelled: &[&Results],
    words: &ResultsWords<'_>,
) -> TrendView {
    let first = waves[0];
    let labels: Vec<String> = waves
        .iter()
        .map(|w| {
            let period = words.period(w);
            if period.is_empty() {
                w.survey.id.clone()
            } else {
                period
            }
        })
        .collect();
    let mut questions = Vec::new();
    let mut not_comparable = Vec::new();
    for (question, shown) in first.questions.iter().zip(&labelled[0].questions) {
        if question.overall.is_none() {
            continue;
        }
        let same: Vec<&QuestionResult> = waves
            .iter()
            .filter_map(|w| w.questions.iter().find(|q| q.id == question.id))
            .filter(|q| q.kind == question.kind && q.categories == question.categories)
            .collect();
        if same.len() != waves.len() {
            not_comparable.push(shown.label.clone());
            continue;
        }
        let rows: Vec<(&str, &Row)> = labels
            .iter()
            .zip(&same)
            .filter_map(|(label, q)| Some((label.as_str(), q.overall.as_ref()?)))
            .collect();
        let view_rows = rows
            .iter()
            .map(|(label, row)| row_view(row, label, words))
            .collect();
        let chart = if question.categories.is_empty() || !question.is_additive() {
            String::new()
        } else {
            let stacked: Vec<StackedRow<'_>> = rows
                .iter()
                .map(|(label, row)| StackedRow {
                    label,
                    total: row.respondents.count,
                    values: row.cells.iter().map(|c| c.count).collect(),
                })
                .collect();
            let categories: Vec<&str> = shown.categories.iter().map(|c| c.label.as_str()).collect();
            charts::stacked_bars(
                &format!("trend-{}", question.id),
                &words.waves_title(&shown.label),
                &words.waves_description(),
                &categories,
                &colours(question),
                &stacked,
                &words.hidden(),
            )
        };
        questions.push(TrendQuestion {
            id: question.id.clone(),
            label: shown.label.clone(),
            kind: question.kind.clone(),
            columns: shown
                .categories
                .iter()
                .zip(colours(question))
                .map(|(c, colour)| ColumnView {
                    label: c.label.clone(),
                    colour,
                })
                .collect(),
            rows: view_rows,
            chart,
        });
    }
    TrendView {
        series: first.survey.series.clone().unwrap_or_default(),
        waves: labelled
            .iter()
            .zip(&labels)
            .map(|(w, period)| WaveSummary {
                id: w.survey.id.clone(),
                title: w.survey.title.clone(),
                period: period.clone(),
                responses: words.figure(&w.provenance.responses),
                responses_phrase: words.responses(&w.provenance.responses),
            })
            .collect(),
        questions,
        not_comparable,
    }
}
