//! One crafted survey per gap of issue 12 that the per-question rules let through, each
//! audited afresh from the published file: the results must leave no protected figure pinned.
//! (The independent attacker lives in the integration tests; these pin the audit's wiring.)

use std::collections::BTreeMap;
use std::path::Path;

use super::audit;
use super::build_results;
use super::linked::System;
use super::tally::{self, Tally};
use crate::survey::results::Results;
use crate::survey::{Answer, Response, Survey};

/// The protected figures of `results` that a reader can pin, found by auditing the published
/// file from scratch against the true counts.
pub(crate) fn pinned(survey: &Survey, tally: &Tally, results: &Results) -> Vec<String> {
    pinned_with(survey, tally, results, &[])
}

/// [`pinned`], with earlier releases of the survey that readers also have.
fn pinned_with(
    survey: &Survey,
    tally: &Tally,
    results: &Results,
    earlier: &[Results],
) -> Vec<String> {
    let mut system = System::default();
    let layout = system.add_release(survey, 0);
    super::linked::publish(
        &mut system,
        survey,
        &layout,
        &results.questions,
        results.provenance.responses.count,
    )
    .expect("a release matches the definition it was written from");
    system.relate_nesting(survey, &layout, tally, &survey.disclosure);
    system.protect_release(survey, &layout, tally, &survey.disclosure);
    system.protect_crossings(survey, &layout, tally, &survey.disclosure);
    let consistent = super::releases::link(&mut system, survey, &layout, tally, earlier);
    if !consistent || audit::settle_earlier(&mut system).is_err() {
        return vec!["the releases contradict each other".to_owned()];
    }
    audit::failing(&system)
        .into_iter()
        .map(|r| {
            let requirement = &system.requirements[r];
            let terms: Vec<String> = requirement
                .terms
                .iter()
                .map(|&(f, c)| format!("{c}×{:?}", system.figures[f].place))
                .collect();
            format!("{:?} of {}", requirement.bound, terms.join(" + "))
        })
        .collect()
}

/// A survey from its questions (YAML list items, indented by two spaces).
pub(crate) fn survey(questions: &str) -> Survey {
    survey_under("", questions)
}

/// A survey with a `disclosure:` block (or none).
fn survey_under(disclosure: &str, questions: &str) -> Survey {
    let source = format!(
        "id: crafted\ntitle: Crafted\nversion: 1\nanonymity: Nothing identifies you.\nopens: 2026-01-01\ncloses: 2026-12-31\n{disclosure}questions:\n{questions}"
    );
    Survey::parse(&source, Path::new("surveys/crafted.yaml")).unwrap()
}

/// `count` responses giving `answers` (question id → text choice, number, or `a+b` for a
/// multiple choice).
pub(crate) fn add(into: &mut Vec<Response<'static>>, count: usize, answers: &[(&str, &str)]) {
    for _ in 0..count {
        let mut map = BTreeMap::new();
        for &(question, answer) in answers {
            let value = if let Ok(number) = answer.parse::<i64>() {
                Answer::Number(number.into())
            } else if answer.contains('+') || question.starts_with('m') {
                Answer::Choices(answer.split('+').map(|c| c.to_owned().into()).collect())
            } else {
                Answer::Text(answer.to_owned().into())
            };
            map.insert(question.to_owned().into(), value);
        }
        let index = into.len();
        into.push(Response {
            format: crate::survey::FORMAT.into(),
            survey: "crafted".into(),
            version: 1,
            response_id: format!("00000000-0000-4000-8000-{index:012}").into(),
            submitted: "2026-03-04".into(),
            answers: map,
        });
    }
}

/// The tally of `responses`, with a stand-in for the hash of the input that tells releases of
/// different responses apart.
pub(crate) fn tally_of(survey: &Survey, responses: &[Response<'_>]) -> Tally {
    let mut tally = tally::of_responses(survey, responses);
    tally.input_sha256 = format!("{} responses", responses.len());
    tally
}

/// Reports `responses` and asserts that no protected figure is pinned.
fn assert_protected(survey: &Survey, responses: &[Response<'_>]) -> Results {
    let tally = tally::of_responses(survey, responses);
    let results = build_results(survey, &tally);
    let pinned = pinned(survey, &tally, &results);
    assert!(
        pinned.is_empty(),
        "pinned: {pinned:#?}\n{}",
        crate::yaml::to_string(&results).unwrap()
    );
    results
}

const TEAM: &str = "  - {id: team, type: single, group: true, label: Team, choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]}\n";

/// Gap 2: a follow-up shown to "yes" (answered by all of them) republished each group's "yes"
/// count as its respondents, undoing the hidden complement of a "no" of 4.
#[test]
fn regression_a_follow_up_does_not_republish_a_hidden_yes_count() {
    let survey = survey(&format!(
        "{TEAM}  - {{id: contact, type: single, required: true, label: Contact, choices: [{{id: 'yes', label: 'Yes'}}, {{id: 'no', label: 'No'}}]}}\n  - {{id: follow, type: likert, label: Follow, show_if: {{question: contact, equals: 'yes'}}}}\n"
    ));
    let mut responses = Vec::new();
    add(
        &mut responses,
        26,
        &[("team", "a"), ("contact", "yes"), ("follow", "4")],
    );
    add(&mut responses, 4, &[("team", "a"), ("contact", "no")]);
    add(
        &mut responses,
        22,
        &[("team", "b"), ("contact", "yes"), ("follow", "5")],
    );
    add(&mut responses, 9, &[("team", "b"), ("contact", "no")]);
    add(
        &mut responses,
        15,
        &[("team", "c"), ("contact", "yes"), ("follow", "2")],
    );
    add(&mut responses, 8, &[("team", "c"), ("contact", "no")]);
    assert_protected(&survey, &responses);
}

/// Gap 3: a question shown only to one group published that group's size, hidden in the
/// grouping question's own table as the complement of a group of 4.
#[test]
fn regression_a_question_shown_to_one_group_does_not_publish_its_size() {
    let survey = survey(&format!(
        "{TEAM}  - {{id: only_b, type: single, required: true, label: Only B, show_if: {{question: team, equals: b}}, choices: [{{id: x, label: X}}, {{id: y, label: Y}}]}}\n"
    ));
    let mut responses = Vec::new();
    add(&mut responses, 30, &[("team", "a")]);
    add(&mut responses, 7, &[("team", "b"), ("only_b", "x")]);
    add(&mut responses, 6, &[("team", "b"), ("only_b", "y")]);
    add(&mut responses, 4, &[("team", "c")]);
    assert_protected(&survey, &responses);
}

/// Gap 5: `max_selected: 1` makes a multiple choice add up like a single one; audited as not
/// additive, a 3 beside 20 and 7 in a row of 30 was left to subtraction.
#[test]
fn regression_a_multiple_choice_of_one_adds_up() {
    let survey = survey(&format!(
        "{TEAM}  - {{id: m, type: multiple, max_selected: 1, label: M, choices: [{{id: e, label: E}}, {{id: f, label: F}}, {{id: g, label: G}}]}}\n"
    ));
    let mut responses = Vec::new();
    add(&mut responses, 20, &[("team", "a"), ("m", "e")]);
    add(&mut responses, 3, &[("team", "a"), ("m", "f")]);
    add(&mut responses, 7, &[("team", "a"), ("m", "g")]);
    add(&mut responses, 12, &[("team", "b"), ("m", "e")]);
    add(&mut responses, 14, &[("team", "b"), ("m", "g")]);
    add(&mut responses, 11, &[("team", "c"), ("m", "e")]);
    add(&mut responses, 16, &[("team", "c"), ("m", "f")]);
    assert_protected(&survey, &responses);
}

/// Gap 8: every member of region Y is in team A, and A has 3 more: an insider subtracts Y's
/// row from A's and reads those 3 people's answers.
#[test]
fn regression_nested_groups_do_not_isolate_a_few_people() {
    let survey = survey(&format!(
        "{TEAM}  - {{id: region, type: single, group: true, label: Region, choices: [{{id: x, label: X}}, {{id: y, label: Y}}]}}\n  - {{id: q, type: single, label: Q, choices: [{{id: u, label: U}}, {{id: v, label: V}}]}}\n"
    ));
    let mut responses = Vec::new();
    add(
        &mut responses,
        15,
        &[("team", "a"), ("region", "y"), ("q", "u")],
    );
    add(
        &mut responses,
        12,
        &[("team", "a"), ("region", "y"), ("q", "v")],
    );
    add(
        &mut responses,
        3,
        &[("team", "a"), ("region", "x"), ("q", "v")],
    );
    add(
        &mut responses,
        20,
        &[("team", "b"), ("region", "x"), ("q", "u")],
    );
    add(
        &mut responses,
        18,
        &[("team", "b"), ("region", "x"), ("q", "v")],
    );
    add(
        &mut responses,
        25,
        &[("team", "c"), ("region", "x"), ("q", "u")],
    );
    add(
        &mut responses,
        15,
        &[("team", "c"), ("region", "x"), ("q", "v")],
    );
    assert_protected(&survey, &responses);
}

/// Gap 10: a group of 20 whose only answers are on the disagreeing side of a scale discloses
/// every member's stance, as a unanimous group does.
#[test]
fn regression_a_one_sided_group_is_not_shown() {
    let survey = survey(&format!("{TEAM}  - {{id: s, type: likert, label: S}}\n"));
    let mut responses = Vec::new();
    add(&mut responses, 12, &[("team", "a"), ("s", "1")]);
    add(&mut responses, 8, &[("team", "a"), ("s", "2")]);
    for (team, point, count) in [("b", "3", 10), ("b", "4", 12), ("b", "5", 9)] {
        add(&mut responses, count, &[("team", team), ("s", point)]);
    }
    for (team, point, count) in [("c", "1", 6), ("c", "2", 7), ("c", "4", 11), ("c", "5", 8)] {
        add(&mut responses, count, &[("team", team), ("s", point)]);
    }
    let results = assert_protected(&survey, &responses);
    let a = &results.questions[1].breakdowns[0].groups[0];
    assert!(a.cells.iter().any(|cell| cell.is_hidden()), "{a:?}");
}

/// Gap 7: the same responses published again under a stricter `min_group_size`. The earlier
/// file showed team A's 7; alone, the new file hides it, but joined with the earlier one it
/// is still 7. The release is refused rather than published as if the first did not exist.
#[test]
fn regression_stricter_thresholds_are_audited_with_the_earlier_file() {
    let questions = format!(
        "{TEAM}  - {{id: q, type: single, label: Q, choices: [{{id: u, label: U}}, {{id: v, label: V}}]}}\n"
    );
    let lenient = survey_under("disclosure: {min_group_size: 5}\n", &questions);
    let strict = survey(&questions);
    let mut responses = Vec::new();
    add(&mut responses, 7, &[("team", "a"), ("q", "u")]);
    add(&mut responses, 20, &[("team", "b"), ("q", "u")]);
    add(&mut responses, 10, &[("team", "b"), ("q", "v")]);
    add(&mut responses, 12, &[("team", "c"), ("q", "u")]);
    add(&mut responses, 13, &[("team", "c"), ("q", "v")]);
    let tally = tally_of(&strict, &responses);
    let before = build_results(&lenient, &tally);
    assert_eq!(
        before.questions[0].overall.as_ref().unwrap().cells[0].count,
        Some(7)
    );
    let alone = build_results(&strict, &tally);
    assert!(pinned(&strict, &tally, &alone).is_empty());
    assert!(!pinned_with(&strict, &tally, &alone, std::slice::from_ref(&before)).is_empty());
    assert!(super::build_release(&strict, &tally, &[before]).is_err());
}

/// Gap 6: a release whose figures move by a few responses from the earlier one publishes
/// those people's answers as the difference; it is audited as a group of its own.
#[test]
fn regression_a_later_release_protects_the_people_who_responded_since() {
    let questions = format!(
        "{TEAM}  - {{id: q, type: single, label: Q, choices: [{{id: u, label: U}}, {{id: v, label: V}}]}}\n"
    );
    let survey = survey(&questions);
    let mut responses = Vec::new();
    add(&mut responses, 30, &[("team", "a"), ("q", "u")]);
    add(&mut responses, 25, &[("team", "b"), ("q", "v")]);
    add(&mut responses, 20, &[("team", "c"), ("q", "u")]);
    add(&mut responses, 20, &[("team", "c"), ("q", "v")]);
    let first = build_results(&survey, &tally_of(&survey, &responses));
    // Twelve more, two of them in team a, both answering v.
    add(&mut responses, 2, &[("team", "a"), ("q", "v")]);
    add(&mut responses, 10, &[("team", "b"), ("q", "v")]);
    let tally = tally_of(&survey, &responses);
    let naive = build_results(&survey, &tally);
    let earlier = std::slice::from_ref(&first);
    assert!(!pinned_with(&survey, &tally, &naive, earlier).is_empty());
    let results = super::build_release(&survey, &tally, earlier).expect("protectable");
    let pinned = pinned_with(&survey, &tally, &results, earlier);
    assert!(pinned.is_empty(), "{pinned:#?}");
}

/// The number of responses is never hidden (once there are `min_group_size` of them): a later
/// release is refused when it adds too few responses to the last one, which needs that
/// number; and a reader who is not told it can still bound it. Hiding it once let a second
/// release one response after the first go out, giving away that person's answers.
#[test]
fn regression_the_number_of_responses_stays_shown() {
    let survey = survey(&format!(
        "{TEAM}  - {{id: only_b, type: single, required: true, label: Only B, show_if: {{question: team, equals: b}}, choices: [{{id: x, label: X}}, {{id: y, label: Y}}]}}\n  - {{id: all, type: single, required: true, label: All, choices: [{{id: x, label: X}}, {{id: y, label: Y}}, {{id: z, label: Z}}]}}\n"
    ));
    let mut responses = Vec::new();
    add(&mut responses, 30, &[("team", "a"), ("all", "x")]);
    add(
        &mut responses,
        7,
        &[("team", "b"), ("only_b", "x"), ("all", "y")],
    );
    add(
        &mut responses,
        6,
        &[("team", "b"), ("only_b", "y"), ("all", "x")],
    );
    add(&mut responses, 4, &[("team", "c"), ("all", "x")]);
    add(&mut responses, 3, &[("all", "x")]);
    let results = assert_protected(&survey, &responses);
    assert_eq!(results.provenance.responses.count, Some(50));
}

/// Everyone who named a team named the same one: each site (30 people) is then wholly in that
/// team, a unanimous group below `unanimous_min_group`, though no table crosses team and site.
#[test]
fn regression_a_grouping_question_does_not_give_away_a_whole_group_of_another() {
    let survey = survey(&format!(
        "{TEAM}  - {{id: site, type: single, group: true, required: true, label: Site, choices: [{{id: x, label: X}}, {{id: y, label: Y}}]}}\n  - {{id: q, type: single, required: true, label: Q, choices: [{{id: x, label: X}}, {{id: y, label: Y}}]}}\n"
    ));
    let mut responses = Vec::new();
    add(
        &mut responses,
        20,
        &[("team", "b"), ("site", "x"), ("q", "x")],
    );
    add(
        &mut responses,
        10,
        &[("team", "b"), ("site", "x"), ("q", "y")],
    );
    add(
        &mut responses,
        12,
        &[("team", "b"), ("site", "y"), ("q", "x")],
    );
    add(
        &mut responses,
        18,
        &[("team", "b"), ("site", "y"), ("q", "y")],
    );
    assert_protected(&survey, &responses);
}

/// A results file that hides its number of responses (as earlier versions could write) still
/// bounds it by its largest figure: one more response is refused, not reported.
#[test]
fn regression_a_release_hiding_its_total_still_counts_for_the_refusal() {
    let survey = survey(&format!(
        "{TEAM}  - {{id: q, type: single, required: true, label: Q, choices: [{{id: x, label: X}}, {{id: y, label: Y}}]}}\n"
    ));
    let mut responses = Vec::new();
    add(&mut responses, 25, &[("team", "a"), ("q", "x")]);
    add(&mut responses, 25, &[("team", "b"), ("q", "y")]);
    let before = tally_of(&survey, &responses);
    let mut results = build_results(&survey, &before);
    results.provenance.responses.count = None;
    let earlier = [super::releases::Earlier {
        results,
        source: "earlier.yaml".to_owned(),
    }];
    add(&mut responses, 1, &[("team", "a"), ("q", "x")]);
    let now = tally_of(&survey, &responses);
    let since = super::releases::responses_since(&earlier, &now);
    assert_eq!(since, Some((1, "earlier.yaml".to_owned())));
}
