//! Earlier releases read as a reader reads them: by what each figure says it is (question,
//! breakdown `by`, group), not by where it stands in the file. An earlier release written from
//! the same survey version with its grouping questions in another order is still a release the
//! attacker has, and the new one must be audited against it.

use super::truth::{Answer, Response, times};
use super::{Case, Step, assert_nothing_pinned};

use Answer::Choice;

const TEAM: &str = "  - {id: team, type: single, group: true, label: Team, choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]}\n";
const REGION: &str = "  - {id: region, type: single, group: true, label: Region, choices: [{id: n, label: North}, {id: s, label: South}]}\n";
const Q: &str = "  - {id: q, type: single, required: true, label: Q, choices: [{id: x, label: X}, {id: y, label: Y}]}\n";

fn definition(questions: &[&str]) -> String {
    format!(
        "id: order\ntitle: Attack order\nversion: 1\nopens: 2026-01-01\ncloses: 2026-12-31\nanonymity: Nothing you send identifies you.\nquestions:\n{}",
        questions.concat()
    )
}

fn person(team: &'static str, region: &'static str, answer: &'static str) -> Vec<Response> {
    times(
        1,
        &[
            ("team", Choice(team)),
            ("region", Choice(region)),
            ("q", Choice(answer)),
        ],
    )
}

/// The first release's 60 responses: five people for each team, region and answer.
fn five_of_each() -> Vec<Response> {
    let mut responses = Vec::new();
    for team in ["a", "b", "c"] {
        for region in ["n", "s"] {
            for answer in ["x", "y"] {
                responses.extend((0..5).flat_map(|_| person(team, region, answer)));
            }
        }
    }
    responses
}

/// The second release's definition lists the grouping questions the other way round (same
/// version, same meaning). Between the releases one person in team A answered "x": the first
/// release's team A row, matched to the second's by position, was skipped, and the second
/// published team A's "x" one higher than the first.
#[test]
fn an_earlier_release_with_its_breakdowns_in_another_order_is_audited_with_the_new_one() {
    let mut responses = five_of_each();
    responses.extend(person("a", "n", "x"));
    responses.extend((0..5).flat_map(|_| person("a", "n", "y")));
    responses.extend((0..5).flat_map(|_| person("b", "s", "x")));
    responses.extend((0..5).flat_map(|_| person("b", "s", "y")));
    let case = Case {
        steps: vec![
            Step {
                responses: 60,
                definition: None,
            },
            Step {
                responses: 76,
                definition: Some(definition(&[REGION, TEAM, Q])),
            },
        ],
        ..Case::once("order", &definition(&[TEAM, REGION, Q]), responses)
    };
    assert_nothing_pinned(&case);
}

/// The definition was edited without raising its version: `region` no longer groups. The first
/// release's breakdowns by region have no place in the second's audit; the old code skipped
/// them without a word and published.
#[test]
fn an_earlier_release_with_a_breakdown_the_definition_lost_is_refused_by_name() {
    let responses = five_of_each();
    let ungrouped = REGION.replace("group: true, ", "");
    let case = Case {
        steps: vec![
            Step {
                responses: 60,
                definition: None,
            },
            Step {
                responses: 60,
                definition: Some(definition(&[TEAM, &ungrouped, Q])),
            },
        ],
        ..Case::once("order", &definition(&[TEAM, REGION, Q]), responses)
    };
    let Err(refused) = super::publish(&case) else {
        panic!("the second release was published without the first one's breakdown by region");
    };
    assert_eq!(refused.code(), Some(1), "{}", refused.explain());
    assert_eq!(
        refused.stderr(),
        "error: ./surveys/results/order.yaml cannot be audited with this release: question `q` is broken down by `region` there, and `region` is not a grouping question (`group: true`) in the definition\n  \
         hint: restore the definition of survey `order` that ./surveys/results/order.yaml was written from, or raise its `version` if the survey has changed\n"
    );
}
