//! Results pages: a Markdown page under `content/audits/` with `results: <survey-id>` shows
//! that wave's published results (`surveys/results/<survey-id>.yaml`); `results: <series>`
//! shows the trend across every wave of the series.
//!
//! Templates get a plain view ([`WaveView`], [`TrendView`]) of display strings: the figures as
//! the results file has them, every hidden one as "not shown" whatever hid it (a label per rule
//! would tell which hidden cells are small), never a value — there is none in the file to show. Charts are inline SVG drawn by
//! [`super::charts`] and passed as safe HTML under keys named `chart`.

use serde::Serialize;
use tera::Value;

use super::charts::{self, Bar, StackedRow};
use crate::survey::DisclosureRules;
use crate::survey::results::{Figure, NOT_SHOWN, QuestionResult, Results, Row, Rule, rule_name};

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

    /// The `results` value of the page's template.
    pub fn value(&self) -> Value {
        let value = match self {
            ResultsPage::Wave(results) => Value::from_serializable(&wave_view(results)),
            ResultsPage::Trend(waves) => Value::from_serializable(&trend_view(waves)),
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

fn cell_view(figure: &Figure) -> CellView {
    CellView {
        count: figure.text(),
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

fn row_view(row: &Row, label: &str) -> RowView {
    RowView {
        label: label.to_owned(),
        respondents: row.respondents.text(),
        respondents_hidden: row.respondents.count.is_none(),
        cells: row.cells.iter().map(cell_view).collect(),
        median: row.median.map(number),
        quartiles: row
            .quartiles
            .map(|[low, high]| format!("{} to {}", number(low), number(high))),
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
fn chart(id: &str, question: &QuestionResult, title: &str, rows: &[(&str, &Row)]) -> String {
    if question.categories.is_empty() {
        return String::new();
    }
    let categories: Vec<&str> = question
        .categories
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    let description = format!(
        "{} The same figures are in the table below.",
        if is_scale(question) {
            "Each bar shows how the answers were spread over the scale, from the lowest point on the left to the highest on the right."
        } else {
            "Each bar shows the share of respondents who gave each answer."
        }
    );
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
        return charts::bars(id, title, &description, &items);
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
    )
}

fn question_view(question: &QuestionResult) -> QuestionView {
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
            &[("All respondents", overall)],
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
                    .map(|(label, row)| row_view(row, label))
                    .collect(),
                chart: if shown_chart && !question.categories.is_empty() {
                    chart(
                        &format!("{id}-by-{}", breakdown.by),
                        question,
                        &format!("{} — by answer to “{}”", question.label, breakdown.label),
                        &rows,
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
        overall: Some(row_view(overall, "All respondents")),
        chart: chart_of_overall,
        breakdowns,
    }
}

/// `2025-11` → `November 2025`.
fn month_name(month: &str) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (year, number) = month.split_once('-').unwrap_or((month, ""));
    match number
        .parse::<usize>()
        .ok()
        .and_then(|n| NAMES.get(n.wrapping_sub(1)))
    {
        Some(name) => format!("{name} {year}"),
        None => month.to_owned(),
    }
}

fn period_text(results: &Results) -> String {
    match &results.provenance.period {
        Some(period) if period.from == period.to => month_name(&period.from),
        Some(period) => format!("{} to {}", month_name(&period.from), month_name(&period.to)),
        None => String::new(),
    }
}

/// The methods note, generated from the rules recorded in the results file.
pub fn methods(results: &Results) -> Vec<String> {
    let rules = &results.disclosure.rules;
    vec![
        format!(
            "No figure is published for the survey, a question or a group with fewer than {} respondents.",
            rules.min_group_size
        ),
        format!(
            "Counts from 1 to {} are not published, nor a count that is all but 1 to {} of its group.",
            // A hand-edited results file may say 0; the methods note must not panic on it.
            rules.min_count.saturating_sub(1),
            rules.min_count.saturating_sub(1)
        ),
        format!(
            "A group of fewer than {} respondents who all gave the same answer, or whose answers all lie on one side of a scale, is not shown, since that would reveal each member's answer.",
            rules.unanimous_min_group
        ),
        format!("Further figures are hidden wherever a hidden one could otherwise be worked out from everything published about this survey, in this release and earlier ones: totals, other tables, other questions, and how questions depend on each other. Every hidden figure reads “{NOT_SHOWN}”, whichever rule hid it."),
        "Percentages are whole numbers of the people who answered the question (or belong to the group), shown only beside a published count. For questions that allow several answers they add up to more than 100%.".to_owned(),
        "Medians of scales are shown only when no figure of the row is hidden. For number questions only how many answered is shown, never a median or quartile.".to_owned(),
        "Results are broken down by one grouping question at a time, never by two at once. Free-text answers are never published, not even how many there are.".to_owned(),
    ]
}

pub fn wave_view(results: &Results) -> WaveView {
    let rules = &results.disclosure.rules;
    WaveView {
        id: results.survey.id.clone(),
        title: results.survey.title.clone(),
        series: results.survey.series.clone(),
        version: results.survey.version,
        responses: results.provenance.responses.text(),
        responses_phrase: responses_phrase(&results.provenance.responses),
        period: period_text(results),
        generator: results.provenance.generator.clone(),
        input_sha256: results.provenance.input_sha256.clone(),
        rules: *rules,
        methods: methods(results),
        suppressed: results
            .disclosure
            .suppressed
            .iter()
            .map(|applied| SuppressedView {
                rule: applied.rule,
                name: rule_name(applied.rule),
            })
            .collect(),
        questions: results.questions.iter().map(question_view).collect(),
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

/// How many responded, as a reader reads it: a hidden count is not "not shown responses".
fn responses_phrase(responses: &Figure) -> String {
    match responses.count {
        Some(count) => crate::words::count(count, "response", "responses"),
        None => format!("number of responses {NOT_SHOWN}"),
    }
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

pub fn trend_view(waves: &[&Results]) -> TrendView {
    let first = waves[0];
    let labels: Vec<String> = waves
        .iter()
        .map(|w| {
            let period = period_text(w);
            if period.is_empty() {
                w.survey.id.clone()
            } else {
                period
            }
        })
        .collect();
    let mut questions = Vec::new();
    let mut not_comparable = Vec::new();
    for question in &first.questions {
        if question.overall.is_none() {
            continue;
        }
        let same: Vec<&QuestionResult> = waves
            .iter()
            .filter_map(|w| w.questions.iter().find(|q| q.id == question.id))
            .filter(|q| q.kind == question.kind && q.categories == question.categories)
            .collect();
        if same.len() != waves.len() {
            not_comparable.push(question.label.clone());
            continue;
        }
        let rows: Vec<(&str, &Row)> = labels
            .iter()
            .zip(&same)
            .filter_map(|(label, q)| Some((label.as_str(), q.overall.as_ref()?)))
            .collect();
        let view_rows = rows
            .iter()
            .map(|(label, row)| row_view(row, label))
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
            let categories: Vec<&str> = question
                .categories
                .iter()
                .map(|c| c.label.as_str())
                .collect();
            charts::stacked_bars(
                &format!("trend-{}", question.id),
                &format!("{} — each wave", question.label),
                "One bar per wave, oldest first; each shows how the answers were spread. The same figures are in the table below.",
                &categories,
                &colours(question),
                &stacked,
            )
        };
        questions.push(TrendQuestion {
            id: question.id.clone(),
            label: question.label.clone(),
            kind: question.kind.clone(),
            columns: question
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
        waves: waves
            .iter()
            .zip(&labels)
            .map(|(w, period)| WaveSummary {
                id: w.survey.id.clone(),
                title: w.survey.title.clone(),
                period: period.clone(),
                responses: w.provenance.responses.text(),
                responses_phrase: responses_phrase(&w.provenance.responses),
            })
            .collect(),
        questions,
        not_comparable,
    }
}
