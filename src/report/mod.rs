//! `candor-collect report`: a survey's stored responses → anonymised results YAML.
//!
//! The stages: [`tally`] counts the store in one streaming pass; [`tables`] builds each
//! question's count grid and applies the rules of [`disclosure`]; the results file
//! ([`crate::survey::results`]) is what it writes, the only thing that leaves this module. The results file is meant to be committed
//! and published, so nothing unprotected may reach it: every figure in it went through
//! [`disclosure::Grid::protect`], and free-text answers never enter it at all. Nothing is
//! computed from a store that is not whole ([`integrity`]) or from responses that the
//! definition, as it is now, would not accept ([`fit`]).

mod audit;
#[cfg(test)]
mod audit_tests;
mod crossings;
pub(crate) mod disclosure;
pub(crate) mod fit;
pub(crate) mod integrity;
mod linked;
mod matching;
mod releases;
pub(crate) mod tables;
pub mod tally;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Serialize;

use crate::collect::store::Store;
use crate::collect::{StoreLocation, printable_path};
use crate::date::Date;
use crate::escape::terminal;
use crate::survey::results::{
    self, AppliedRule, Disclosure, FORMAT, Figure, Period, Provenance, RESULTS_DIR, Results, Rule,
    Shown, SurveyInfo,
};
use crate::survey::{self, Survey};
use tally::Tally;

/// What the user asked `candor-collect report` to do.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub location: StoreLocation,
    pub survey: String,
    /// Where to write; `ROOT/surveys/results/<survey>.yaml` when not given.
    pub out: Option<PathBuf>,
}

/// What a report run wrote, for the person running it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSummary {
    pub survey: String,
    pub responses: u64,
    /// Stored responses of other versions of the survey, not included.
    pub other_versions: u64,
    pub written: PathBuf,
    /// Figures not shown, all rules together; for the person running the report only (the
    /// results file does not say how many figures a rule hid).
    pub hidden: u64,
}

impl fmt::Display for ReportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "wrote {} from {} to survey `{}`",
            printable_path(&self.written),
            crate::words::count(self.responses, "response", "responses"),
            self.survey
        )?;
        if self.other_versions > 0 {
            writeln!(
                f,
                "  note: {} stored responses to other versions of the survey were left out",
                self.other_versions
            )?;
        }
        if self.hidden > 0 {
            writeln!(f, "  figures not shown: {}", self.hidden)?;
        }
        Ok(())
    }
}

impl crate::collect::Report for ReportSummary {}

/// Runs a report: reads the survey's definition and its stored responses and writes the
/// results file.
pub fn report(options: &ReportOptions) -> anyhow::Result<ReportSummary> {
    let survey = definition(&options.location.root, &options.survey)?;
    let store = Store::open_existing(&options.location.store)?;
    integrity::check_store(&store)?;
    let tally = tally::tally(&store, &survey, Date::today())?;
    integrity::check_count(&store, &survey, tally.stored())?;
    if !tally.misfits.is_empty() {
        bail!(
            "{} of the {} stored responses to version {} of survey `{}` do not fit its definition any more, so no results were written:\n{}  \
             hint: {} was changed without raising its `version`: restore the definition these responses were collected with, or raise `version` for the changed survey and report on responses to the new version",
            tally.misfits.responses,
            tally.misfits.responses + tally.responses,
            survey.version,
            survey.id,
            tally.misfits,
            printable_path(&survey.file),
        );
    }
    if tally.responses == 0 {
        bail!(
            "the store {} has no responses to version {} of survey `{}`{}\n  hint: ingest response files first with `candor-collect ingest`",
            printable_path(store.path()),
            survey.version,
            survey.id,
            if tally.other_versions > 0 {
                format!(" ({} are of other versions)", tally.other_versions)
            } else {
                String::new()
            }
        );
    }
    let out = options.out.clone().unwrap_or_else(|| {
        options
            .location
            .root
            .join(RESULTS_DIR)
            .join(format!("{}.yaml", survey.id))
    });
    let earlier = releases::earlier_releases(&options.location.root, &out, &survey)?;
    let min_group = survey.disclosure.min_group_size;
    if let Some((added, source)) = releases::responses_since(&earlier, &tally)
        && added < min_group
    {
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        bail!(
            "survey `{}` has only {added} response{} more than the results already published in {source}; a reader could subtract the two releases and read the answers of whoever responded since\n  hint: wait for at least {} more response{}, then run `candor-collect report` again",
            survey.id,
            plural(added),
            min_group - added,
            plural(min_group - added)
        );
    }
    let earlier_results: Vec<Results> = earlier.iter().map(|e| e.results.clone()).collect();
    let Ok(results) = build_release(&survey, &tally, &earlier_results) else {
        let sources: Vec<&str> = earlier.iter().map(|e| e.source.as_str()).collect();
        bail!(
            "the results of survey `{}` cannot be protected together with the results already published ({}): those pin figures that the new results would have to hide, or count responses the store no longer has\n  hint: wait for more responses, or report from the store the published results came from",
            survey.id,
            sources.join(", ")
        );
    };
    let text = crate::yaml::to_string(&results)?;
    write_atomically(&out, &text)?;
    Ok(ReportSummary {
        survey: survey.id,
        responses: tally.responses,
        other_versions: tally.other_versions,
        written: out,
        hidden: results::hidden_figures(&results),
    })
}

/// The survey's definition from `root/surveys/`, or an error naming the known surveys.
fn definition(root: &Path, id: &str) -> anyhow::Result<Survey> {
    let (surveys, problems) = survey::load_all(root);
    if let Some(found) = surveys.into_iter().find(|survey| survey.id == id) {
        return Ok(found);
    }
    let file = Path::new(survey::SURVEYS_DIR).join(format!("{id}.yaml"));
    let own: Vec<String> = problems
        .iter()
        .filter(|problem| problem.file.as_deref() == Some(file.as_path()))
        .map(ToString::to_string)
        .collect();
    if !own.is_empty() {
        bail!(
            "the definition of survey `{}` has problems:\n{}",
            terminal(id, 80),
            own.join("\n")
        );
    }
    bail!(
        "there is no survey `{}` in {}\n  hint: the survey id is the definition's file name without .yaml",
        terminal(id, 80),
        printable_path(&root.join(survey::SURVEYS_DIR))
    )
}

/// The results of `survey` from its raw counts, as a first release: every question protected,
/// the rules recorded. Whatever cannot be protected is withheld.
pub fn build_results(survey: &Survey, tally: &Tally) -> Results {
    build_release(survey, tally, &[]).unwrap_or_else(|mut results| {
        audit::withhold_everything(&mut results);
        *results
    })
}

/// The results of `survey` from its raw counts, audited together with the `earlier` releases
/// readers already have. `Err` holds the unprotected results when the audit cannot pass
/// without hiding figures an earlier release already published.
pub fn build_release(
    survey: &Survey,
    tally: &Tally,
    earlier: &[Results],
) -> Result<Results, Box<Results>> {
    let rules = survey.disclosure;
    let mut groupings = tables::Groupings {
        questions: survey.grouping_questions().collect(),
        withheld: Vec::new(),
    };
    let survey_too_small = tally.responses < rules.min_group_size;
    // Grouping questions first: which of their groups they hide decides what every breakdown
    // may show. (A survey below the minimum needs nothing special: no question can have more
    // respondents than the survey, so each is withheld on its own.)
    let mut questions: Vec<Option<results::QuestionResult>> = vec![None; survey.questions.len()];
    for (index, question) in survey.questions.iter().enumerate() {
        if question.group {
            let result =
                tables::protect_question(question, &tally.questions[index], &groupings, &rules);
            let cells = result.overall.as_ref().map(|row| row.cells.as_slice());
            groupings.withheld.push(
                (0..question.choices().len())
                    .map(|i| {
                        cells
                            .and_then(|c| c.get(i))
                            .is_none_or(|f| f.count.is_none())
                    })
                    .collect(),
            );
            questions[index] = Some(result);
        }
    }
    for (index, question) in survey.questions.iter().enumerate() {
        if !question.group {
            questions[index] = Some(tables::protect_question(
                question,
                &tally.questions[index],
                &groupings,
                &rules,
            ));
        }
    }
    let questions = questions.into_iter().flatten().collect();
    let responses = if survey_too_small {
        Figure::hidden(Shown::NotShown)
    } else {
        Figure::shown(tally.responses, None)
    };
    let mut results = Results {
        format: FORMAT.to_owned(),
        survey: SurveyInfo {
            id: survey.id.clone(),
            title: survey.title.clone(),
            series: survey.series.clone(),
            version: survey.version,
        },
        provenance: Provenance {
            responses,
            // The months are a figure too: for a survey too small to show, they would say when
            // its few respondents answered.
            period: (!survey_too_small)
                .then(|| tally.months.clone().map(|(from, to)| Period { from, to }))
                .flatten(),
            generator: format!("candor-collect {}", env!("CARGO_PKG_VERSION")),
            input_sha256: tally.input_sha256.clone(),
        },
        disclosure: Disclosure {
            rules,
            suppressed: Rule::ALL
                .iter()
                .map(|&rule| AppliedRule {
                    rule,
                    figures: None,
                })
                .collect(),
        },
        questions,
    };
    match audit::protect(survey, tally, &mut results, earlier) {
        Ok(()) => Ok(results),
        Err(_) => Err(Box::new(results)),
    }
}

/// Writes `text` to `path` through a temporary file in the same folder, so a reader never sees
/// half a results file.
fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create the folder {}", printable_path(folder)))?;
    // The file is for publishing: readable by all, like any file a user writes.
    crate::atomic_file::AtomicWrite::default()
        .readable_by_all()
        .write(path, |file| {
            std::io::Write::write_all(file, text.as_bytes())
        })
}

#[cfg(test)]
mod tests;
