//! The independent attacker of issue 12: surveys and responses made up here are ingested and
//! reported with the real `candor-collect`, and the published results files — every release
//! of them — are attacked by an intruder written apart from the audit (nothing from
//! `candor::report` is used). A test fails when the intruder pins a figure the disclosure rules
//! protect ([`leaks`] says which); the message lists every pinned figure.
//!
//! - [`published`] reads a results file as a reader would;
//! - [`intruder`] turns what a reader knows into an integer program (its `//!` lists the
//!   knowledge);
//! - [`truth`] tallies the made-up responses, for the protected figures and to check that the
//!   intruder never believes anything false;
//! - [`gaps`], [`samples`], [`random`] and [`releases`] are the attacks: the ten gaps of the issue, the
//!   committed sample results, and seeded random surveys.

mod gaps;
mod intruder;
mod leaks;
mod published;
mod random;
mod releases;
mod samples;
mod selftest;
mod solver;
mod truth;

use candor::survey::Survey;

use crate::support::{Run, TestSite};
use intruder::{Counts, Intruder, Nesting};
use published::Release;
use truth::Response;

/// One report run of a case: after the first `responses` responses are in the store, with
/// `definition` replacing the survey's definition when given (new thresholds).
pub struct Step {
    pub responses: usize,
    pub definition: Option<String>,
}

/// A survey, its responses, and the releases published of it.
pub struct Case {
    pub id: &'static str,
    pub definition: String,
    pub responses: Vec<Response>,
    pub steps: Vec<Step>,
    /// Background knowledge the intruder is given: groups inside other groups.
    pub nested: Vec<Nesting>,
}

impl Case {
    /// A case published once, with every response in.
    pub fn once(id: &'static str, definition: &str, responses: Vec<Response>) -> Case {
        let steps = vec![Step {
            responses: responses.len(),
            definition: None,
        }];
        Case {
            id,
            definition: definition.to_owned(),
            responses,
            steps,
            nested: Vec::new(),
        }
    }
}

/// What publishing a case gave: the definition read back, each release, and the true counts
/// (the first release's, then what each later one added).
pub struct Publication {
    pub survey: Survey,
    pub releases: Vec<Release>,
    pub truth: Vec<Counts>,
}

pub fn parse_survey(text: &str, id: &str) -> Survey {
    let file = format!("surveys/{id}.yaml");
    Survey::parse(text, std::path::Path::new(&file))
        .unwrap_or_else(|_| panic!("the test's survey `{id}` does not parse"))
}

/// A temporary site in which `candor-collect` can run.
pub fn new_site() -> TestSite {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        "title: Attack\nbase_url: https://example.org/\norganisation: Example Body\n",
    );
    site
}

/// Runs the real `ingest` and `report` for every step; a refusal of either comes back as `Err`.
pub fn publish(case: &Case) -> Result<Publication, Run> {
    let site = new_site();
    let mut releases = Vec::new();
    let mut truth = Vec::new();
    let mut definition = case.definition.clone();
    let mut before = 0;
    for (t, step) in case.steps.iter().enumerate() {
        if let Some(changed) = &step.definition {
            definition = changed.clone();
        }
        site.write(&format!("surveys/{}.yaml", case.id), &definition);
        for number in before..step.responses {
            let text = truth::response_json(case.id, number + 1, &case.responses[number]);
            site.write(&format!("inbox-{t}/r{number}.json"), &text);
        }
        site.write(&format!("inbox-{t}/.keep"), "");
        let ingest = site.collect(&["ingest", &format!("inbox-{t}")]);
        if ingest.code() != Some(0) {
            return Err(ingest);
        }
        let report = site.collect(&["report", case.id]);
        if report.code() != Some(0) {
            return Err(report);
        }
        let file = format!("surveys/results/{}.yaml", case.id);
        releases.push(Release::parse(&site.read(&file), &file));
        let survey = parse_survey(&definition, case.id);
        truth.push(truth::tally(
            &survey,
            &case.responses[before..step.responses],
        ));
        before = step.responses;
    }
    let survey = parse_survey(&definition, case.id);
    Ok(Publication {
        survey,
        releases,
        truth,
    })
}

/// Everything the intruder pins in a publication.
pub fn pinned(publication: &Publication, nested: &[Nesting]) -> Vec<String> {
    let releases = publication.releases.clone();
    let mut intruder = Intruder::new(&publication.survey, releases, nested);
    intruder.check_truth(&publication.truth);
    let protected = leaks::protected(&intruder, &publication.truth, nested);
    leaks::pinned(&mut intruder, protected)
}

/// Publishes `case` and fails with every pinned figure, if any.
pub fn assert_nothing_pinned(case: &Case) {
    let publication =
        publish(case).unwrap_or_else(|run| panic!("report failed\n{}", run.explain()));
    let pinned = pinned(&publication, &case.nested);
    assert!(
        pinned.is_empty(),
        "the intruder pinned {} protected figure(s) of `{}`:\n  {}",
        pinned.len(),
        case.id,
        pinned.join("\n  ")
    );
}
