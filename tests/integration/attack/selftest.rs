//! The attacker tested on its own, on hand-written results files, so that it keeps proving it
//! can find a leak (and can tell one from a safe table) once the report publishes none, and
//! that it refuses to run on beliefs the true counts contradict.

use super::intruder::Intruder;
use super::published::Release;
use super::truth::{Answer, tally, times};
use super::{Publication, parse_survey, pinned};

const SURVEY: &str = "id: hand\ntitle: Hand\nversion: 1\nopens: 2026-01-01\ncloses: 2026-12-31\nanonymity: Nothing identifies you.\nquestions:\n  - {id: q, type: single, label: Q, choices: [{id: x, label: X}, {id: y, label: Y}]}\n";

/// A results file of 20 responses to `q`, its two cells as given (YAML figures).
fn release(x: &str, y: &str) -> Release {
    let text = format!(
        "format: candor-results/1\nsurvey: {{id: hand, title: Hand, version: 1}}\nprovenance: {{responses: {{count: 20}}, generator: hand, input_sha256: '0'}}\ndisclosure:\n  rules: {{min_group_size: 10, min_count: 5, unanimous_min_group: 50, number_min: 30}}\n  suppressed: []\nquestions:\n- id: q\n  label: Q\n  type: single\n  categories: [{{id: x, label: X}}, {{id: y, label: Y}}]\n  overall:\n    respondents: {{count: 20}}\n    cells: [{x}, {y}]\n"
    );
    Release::parse(&text, "hand.yaml")
}

fn publication(release: Release) -> Publication {
    let survey = parse_survey(SURVEY, "hand");
    let responses = [
        times(3, &[("q", Answer::Choice("x"))]),
        times(17, &[("q", Answer::Choice("y"))]),
    ]
    .concat();
    let truth = vec![tally(&survey, &responses)];
    Publication {
        survey,
        releases: vec![release],
        truth,
    }
}

#[test]
fn the_attacker_pins_a_small_count_that_the_total_gives_away() {
    let leaky = publication(release("{hidden: small_count}", "{count: 17, percent: 85}"));
    assert_eq!(
        pinned(&leaky, &[]),
        ["release 0: q [overall] x = 3: a small count"]
    );
    let safe = publication(release("{hidden: small_count}", "{hidden: withheld}"));
    assert_eq!(pinned(&safe, &[]), Vec::<String>::new());
}

#[test]
#[should_panic(expected = "the intruder believes something false")]
fn the_attacker_refuses_beliefs_the_truth_contradicts() {
    // The file says 20 answered, so 30 choosing Y is impossible: the check must say so.
    let mut wrong = publication(release("{hidden: small_count}", "{hidden: withheld}"));
    let place = (
        "q".to_owned(),
        super::intruder::RowKey::Overall,
        super::intruder::Slot::Cell(1),
    );
    wrong.truth[0].figures.insert(place, 30);
    let mut intruder = Intruder::new(&wrong.survey, wrong.releases.clone(), &[]);
    intruder.check_truth(&wrong.truth);
}
