//! Disclosure tests on crafted surveys: each scenario the rules exist for, and a checker that
//! plays the reader — it takes every published figure of the results and tries to work a hidden
//! one back, by subtraction along every row and column and from the percentages.

use std::collections::BTreeMap;
use std::path::Path;

use super::disclosure::tests::Lcg;
use super::tally::{self, Tally};
use super::*;
use crate::survey::results::{Figure, QuestionResult, Results, Row, Shown};
use crate::survey::{Answer, Response, Survey};

const SURVEY: &str = "\
id: crafted
title: Crafted
version: 1
anonymity: Nothing identifies you.
opens: 2026-01-01
closes: 2026-12-31
questions:
  - {id: team, type: single, group: true, label: Team, choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}, {id: d, label: D}]}
  - {id: q, type: single, label: Q, choices: [{id: x, label: X}, {id: y, label: Y}, {id: z, label: Z}]}
  - {id: s, type: likert, label: S}
  - {id: m, type: multiple, label: M, choices: [{id: e, label: E}, {id: f, label: F}]}
  - {id: num, type: number, label: N, min: 0, max: 100}
  - {id: t, type: text, label: T}
";

fn survey() -> Survey {
    Survey::parse(SURVEY, Path::new("surveys/crafted.yaml")).unwrap()
}

/// One response: its team (or none), its answer to `q`, to `s`, to `m`, to `num`.
struct Answers<'a> {
    team: Option<&'a str>,
    q: Option<&'a str>,
    s: Option<i64>,
    m: &'a [&'a str],
    num: Option<i64>,
}

fn response(index: usize, answers: &Answers<'_>) -> Response<'static> {
    let mut map = BTreeMap::new();
    let text = |s: &str| Answer::Text(s.to_owned().into());
    if let Some(team) = answers.team {
        map.insert("team".into(), text(team));
    }
    if let Some(q) = answers.q {
        map.insert("q".into(), text(q));
    }
    if let Some(s) = answers.s {
        map.insert("s".into(), Answer::Number(s.into()));
    }
    if !answers.m.is_empty() {
        let picked = answers.m.iter().map(|&c| c.to_owned().into()).collect();
        map.insert("m".into(), Answer::Choices(picked));
    }
    if let Some(num) = answers.num {
        map.insert("num".into(), Answer::Number(num.into()));
    }
    map.insert("t".into(), text("My manager, Jo, was rude."));
    Response {
        format: crate::survey::FORMAT.into(),
        survey: "crafted".into(),
        version: 1,
        response_id: format!("00000000-0000-4000-8000-{index:012}").into(),
        submitted: "2026-03-04".into(),
        answers: map,
    }
}

/// `count` responses from `team` answering `q`, `s`, `m`, `num` alike.
fn many(
    into: &mut Vec<Response<'static>>,
    count: usize,
    team: Option<&str>,
    q: &str,
    s: i64,
    m: &[&str],
) {
    for _ in 0..count {
        let index = into.len();
        into.push(response(
            index,
            &Answers {
                team,
                q: Some(q),
                s: Some(s),
                m,
                num: Some(index as i64 % 40),
            },
        ));
    }
}

fn results_of(responses: &[Response<'_>]) -> Results {
    let survey = survey();
    let tally: Tally = tally::of_responses(&survey, responses);
    build_results(&survey, &tally)
}

fn question<'a>(results: &'a Results, id: &str) -> &'a QuestionResult {
    results.questions.iter().find(|q| q.id == id).unwrap()
}

/// What a reader knows a hidden figure lies within: labels say nothing, so anything up to
/// the line's total.
fn known_range(figure: &Figure, limit: u64) -> (u64, u64) {
    match figure.count {
        Some(count) => (count, count),
        None => (0, limit),
    }
}

/// Tries to recover hidden figures from a line: parts (with what the reader knows of each)
/// adding up to a known total. Fails the test when the hidden part is itself a small count, or
/// when a hidden figure is pinned to a value that discloses: any value of a "fewer than 5"
/// cell, a non-zero value of a cell of a group "fewer than 10", a small value of a withheld one.
fn attack_line(what: &str, parts: &[(Figure, (u64, u64))], total: u64, min_count: u64) {
    for (figure, value) in pinned(what, parts, total, min_count) {
        let discloses = figure.is_hidden() && (1..min_count).contains(&value);
        assert!(
            !discloses,
            "{what}: a hidden figure ({figure:?}) can only be {value}"
        );
    }
}

/// The hidden figures of a line whose value a reader can pin down, with that value.
fn pinned(
    what: &str,
    parts: &[(Figure, (u64, u64))],
    total: u64,
    min_count: u64,
) -> Vec<(Figure, u64)> {
    let visible: u64 = parts.iter().filter_map(|(f, _)| f.count).sum();
    let rest = total
        .checked_sub(visible)
        .unwrap_or_else(|| panic!("{what}: parts exceed total"));
    let hidden: Vec<&(Figure, (u64, u64))> =
        parts.iter().filter(|(f, _)| f.count.is_none()).collect();
    if !hidden.is_empty() {
        assert!(
            rest == 0 || rest >= min_count,
            "{what}: the hidden part is {rest}, itself a small count"
        );
    }
    let mut found = Vec::new();
    for (index, (figure, (low, high))) in hidden.iter().enumerate() {
        let (others_low, others_high) = hidden
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .fold((0, 0), |(l, h), (_, (_, (a, b)))| (l + a, h + b));
        let possible: Vec<u64> = (*low..=(*high).min(rest))
            .filter(|v| (others_low..=others_high).contains(&(rest - v)))
            .collect();
        if let [only] = possible[..] {
            found.push((*figure, only));
        }
    }
    found
}

/// Plays the reader on every question: rows (cells against respondents), columns (groups
/// against the overall cell, with the unpublished "did not say" group as an unknown), group
/// sizes against the question's respondents, and percentages against counts.
pub(crate) fn assert_nothing_recoverable(results: &Results) {
    let rules = &results.disclosure.rules;
    for question in &results.questions {
        let Some(overall) = &question.overall else {
            continue;
        };
        let n = overall.respondents.count;
        let rows: Vec<&Row> = std::iter::once(overall)
            .chain(question.breakdowns.iter().flat_map(|b| &b.groups))
            .collect();
        for row in &rows {
            check_percentages(&question.id, row);
            let (Some(size), true) = (row.respondents.count, question.is_additive()) else {
                continue;
            };
            let parts: Vec<(Figure, (u64, u64))> = row
                .cells
                .iter()
                .map(|f| (*f, known_range(f, size)))
                .collect();
            attack_line(
                &format!("{} row {:?}", question.id, row.group),
                &parts,
                size,
                rules.min_count,
            );
        }
        let Some(n) = n else { continue };
        for breakdown in &question.breakdowns {
            // A group whose size the grouping question's own table hides must not show its
            // size here: for a question everyone answers it is the same number.
            let own = results.questions.iter().find(|q| q.id == breakdown.by);
            let own_cells = own.and_then(|q| q.overall.as_ref()).map(|o| &o.cells);
            for (index, group) in breakdown.groups.iter().enumerate() {
                let hidden_there =
                    own_cells.is_none_or(|c| c.get(index).is_none_or(|f| f.count.is_none()));
                assert!(
                    !(hidden_there && group.respondents.count.is_some_and(|n| n > 0)),
                    "{}: group {:?} shows a size its grouping table hides",
                    question.id,
                    group.group
                );
            }
            let sizes: Vec<Figure> = breakdown.groups.iter().map(|g| g.respondents).collect();
            let shown_sizes: u64 = sizes.iter().filter_map(|f| f.count).sum();
            // The respondents who did not answer the grouping question are never shown; the
            // reader knows there are none only when the shown sizes already add up to n.
            let unstated = if shown_sizes == n && sizes.iter().all(|f| f.count.is_some()) {
                None
            } else {
                Some((Figure::default(), (0, n)))
            };
            let mut size_parts: Vec<(Figure, (u64, u64))> =
                sizes.iter().map(|f| (*f, known_range(f, n))).collect();
            // The unstated count is not protected: a plain unknown (no `hidden` marker).
            size_parts.extend(unstated);
            attack_line(
                &format!("{} sizes by {}", question.id, breakdown.by),
                &size_parts,
                n,
                1,
            );
            for (column, cell) in overall.cells.iter().enumerate() {
                let Some(column_total) = cell.count else {
                    continue;
                };
                let mut parts: Vec<(Figure, (u64, u64))> = breakdown
                    .groups
                    .iter()
                    .map(|g| {
                        let f = g.cells.get(column).copied().unwrap_or_default();
                        (f, known_range(&f, column_total))
                    })
                    .collect();
                if unstated.is_some() {
                    parts.push((Figure::default(), (0, column_total)));
                }
                attack_line(
                    &format!("{} column {column} by {}", question.id, breakdown.by),
                    &parts,
                    column_total,
                    rules.min_count,
                );
            }
        }
    }
}

/// A percentage appears only beside a shown count whose row total is shown, and is the count's
/// whole-number share: nothing more can be read from it.
fn check_percentages(question: &str, row: &Row) {
    for cell in &row.cells {
        match (cell.count, cell.percent, row.respondents.count) {
            (None, Some(_), _) => panic!("{question}: a hidden cell has a percentage"),
            (Some(_), Some(_), None) => panic!("{question}: a percentage of a hidden total"),
            (Some(count), Some(p), Some(n)) => {
                assert_eq!(
                    Some(p),
                    crate::survey::results::percent(count, n),
                    "{question}"
                )
            }
            _ => {}
        }
    }
}

fn figure_values(row: &Row) -> Vec<Option<u64>> {
    row.cells.iter().map(|c| c.count).collect()
}

/// Found in review: a survey too small to publish any figure still published the months its
/// few responses came in, which with one or two responses says when those people answered.
#[test]
fn a_survey_too_small_to_publish_says_nothing_of_when_it_was_answered() {
    let mut responses = Vec::new();
    many(&mut responses, 3, Some("a"), "x", 4, &["e"]);
    let results = results_of(&responses);
    assert_eq!(
        results.provenance.responses,
        Figure::hidden(Shown::NotShown)
    );
    assert_eq!(results.provenance.period, None);
}

#[test]
fn a_group_of_nine_publishes_no_figure_and_cannot_be_worked_out() {
    let mut responses = Vec::new();
    many(&mut responses, 30, Some("a"), "x", 4, &["e"]);
    many(&mut responses, 25, Some("b"), "y", 3, &["e", "f"]);
    many(&mut responses, 9, Some("d"), "z", 1, &["f"]);
    let results = results_of(&responses);
    assert_nothing_recoverable(&results);
    let q = question(&results, "q");
    let d = &q.breakdowns[0].groups[3];
    assert_eq!(d.respondents.hidden, Some(Shown::NotShown));
    assert!(
        d.cells
            .iter()
            .all(|c| c.count.is_none() && c.percent.is_none())
    );
    // The grouping question's own table does not give the group's size either.
    let team = question(&results, "team").overall.as_ref().unwrap();
    assert_eq!(team.cells[3], Figure::hidden(Shown::NotShown));
}

#[test]
fn a_cell_of_three_is_hidden_with_its_complement() {
    let mut responses = Vec::new();
    many(&mut responses, 3, Some("a"), "x", 4, &["e"]);
    many(&mut responses, 12, Some("a"), "y", 4, &["e"]);
    many(&mut responses, 20, Some("a"), "z", 3, &["f"]);
    many(&mut responses, 20, Some("b"), "y", 4, &["e"]);
    many(&mut responses, 25, Some("b"), "z", 5, &["f"]);
    let results = results_of(&responses);
    assert_nothing_recoverable(&results);
    let q = question(&results, "q");
    let overall = q.overall.as_ref().unwrap();
    assert_eq!(overall.respondents.count, Some(80));
    assert_eq!(overall.cells[0], Figure::hidden(Shown::NotShown));
    assert_eq!(
        overall.cells[1],
        Figure::hidden(Shown::NotShown),
        "the next smallest"
    );
    assert_eq!(overall.cells[2].count, Some(45));
    let a = &q.breakdowns[0].groups[0];
    assert_eq!(a.cells[0], Figure::hidden(Shown::NotShown));
    assert_eq!(
        a.cells[1],
        Figure::hidden(Shown::NotShown),
        "a's next smallest"
    );
    assert_eq!(a.cells[2].count, Some(20));
}

#[test]
fn total_minus_the_visible_cells_reveals_nothing() {
    // Without complementary suppression, 78 - (34 + 40) = 4 would give the hidden cell away.
    let mut responses = Vec::new();
    many(&mut responses, 4, Some("a"), "x", 2, &[]);
    many(&mut responses, 14, Some("a"), "y", 2, &[]);
    many(&mut responses, 15, Some("a"), "z", 3, &[]);
    many(&mut responses, 20, Some("b"), "y", 5, &[]);
    many(&mut responses, 25, Some("b"), "z", 4, &[]);
    let results = results_of(&responses);
    assert_nothing_recoverable(&results);
    let overall = question(&results, "q").overall.as_ref().unwrap();
    let shown = figure_values(overall);
    assert_eq!(shown.iter().filter(|c| c.is_none()).count(), 2, "{shown:?}");
    assert!(!shown.contains(&Some(4)));
}

#[test]
fn percentages_never_reveal_a_hidden_count() {
    // With x hidden alone, 100% - 51% - 47% would leave about 2% of 75, i.e. 1 or 2; so the
    // next smallest cell (z, 35) goes too, and no percentage is shown for either.
    let mut responses = Vec::new();
    many(&mut responses, 2, Some("a"), "x", 1, &["e"]);
    many(&mut responses, 28, Some("a"), "y", 3, &["e"]);
    many(&mut responses, 5, Some("a"), "z", 3, &["f"]);
    many(&mut responses, 10, Some("b"), "y", 4, &["e", "f"]);
    many(&mut responses, 30, Some("b"), "z", 4, &["e", "f"]);
    let results = results_of(&responses);
    assert_nothing_recoverable(&results);
    let overall = question(&results, "q").overall.as_ref().unwrap();
    let percents: Vec<Option<u64>> = overall.cells.iter().map(|c| c.percent).collect();
    assert_eq!(percents, [None, Some(51), None]);
}

#[test]
fn a_group_where_everyone_answered_alike_is_withheld() {
    let mut responses = Vec::new();
    many(&mut responses, 20, Some("a"), "x", 4, &["e"]);
    many(&mut responses, 15, Some("a"), "y", 5, &["e"]);
    many(&mut responses, 20, Some("c"), "y", 3, &["f"]);
    many(&mut responses, 25, Some("b"), "z", 4, &["e"]);
    many(&mut responses, 12, Some("b"), "x", 2, &["e"]);
    let results = results_of(&responses);
    assert_nothing_recoverable(&results);
    let c = &question(&results, "q").breakdowns[0].groups[2];
    assert_eq!(c.respondents.count, Some(20));
    assert!(
        c.cells.iter().all(|cell| cell.count.is_none()),
        "\"100% of C said Y\" must not be published: {:?}",
        c.cells
    );
    // Nor can "overall Y minus the other teams" give C's 20 back.
    let q = question(&results, "q");
    let rules = &results.disclosure.rules;
    if let Some(y_total) = q.overall.as_ref().unwrap().cells[1].count {
        let parts: Vec<(Figure, (u64, u64))> = q.breakdowns[0]
            .groups
            .iter()
            .map(|g| (g.cells[1], known_range(&g.cells[1], y_total)))
            .collect();
        let c_cell = pinned("q column y", &parts, y_total, rules.min_count)
            .into_iter()
            .find(|&(_, value)| value == 20);
        assert_eq!(c_cell, None);
    }
    // Multiple choice: everyone in C picked F.
    let m = &question(&results, "m").breakdowns[0].groups[2];
    assert_eq!(m.cells[1].count, None);
}

#[test]
fn a_group_hidden_as_a_complement_is_withheld_from_every_breakdown() {
    // Team d (7) is too small; team c (12) is withheld beside it in the team table. Showing
    // c's 12 in the breakdown of a question everyone answers would give d's 7 back.
    let mut responses = Vec::new();
    many(&mut responses, 30, Some("a"), "x", 4, &["e"]);
    many(&mut responses, 10, Some("a"), "y", 3, &["e"]);
    many(&mut responses, 25, Some("b"), "y", 3, &["f"]);
    many(&mut responses, 15, Some("b"), "z", 2, &["f"]);
    many(&mut responses, 6, Some("c"), "x", 5, &["e"]);
    many(&mut responses, 6, Some("c"), "z", 4, &["f"]);
    many(&mut responses, 7, Some("d"), "y", 2, &["e"]);
    let results = results_of(&responses);
    assert_nothing_recoverable(&results);
    let team = question(&results, "team").overall.as_ref().unwrap();
    assert_eq!(team.cells[2], Figure::hidden(Shown::NotShown));
    let c = &question(&results, "q").breakdowns[0].groups[2];
    assert_eq!(c.respondents.count, None);
    assert!(c.cells.iter().all(|cell| cell.count.is_none()));
}

#[test]
fn numbers_need_enough_answers_and_text_is_never_published() {
    let mut responses = Vec::new();
    many(&mut responses, 20, Some("a"), "x", 4, &["e"]);
    many(&mut responses, 12, Some("b"), "y", 4, &["e"]);
    let results = results_of(&responses);
    let num = question(&results, "num");
    let overall = num.overall.as_ref().unwrap();
    assert_eq!(overall.respondents.count, Some(32));
    // Gap 6: an exact median or quartile, differenced between releases or groups, gives one
    // person's number; none is published.
    for row in std::iter::once(overall).chain(&num.breakdowns[0].groups) {
        assert_eq!((row.median, row.quartiles), (None, None));
    }
    let text = question(&results, "t");
    assert_eq!(text.overall, None);
    let yaml = crate::yaml::to_string(&results).unwrap();
    assert!(!yaml.contains("Jo"), "free text leaked:\n{yaml}");
}

/// Gap 4: labels and the methods note classified hidden figures by rule ("withheld" beside a
/// shown group size was a unanimous group whenever no complement could be 5 or more; "1 by
/// the unanimous group rule"). Every hidden figure now reads the same and no rule is counted.
#[test]
fn regression_labels_and_the_methods_note_carry_no_rule() {
    let mut responses = Vec::new();
    many(&mut responses, 30, Some("a"), "x", 4, &["e"]);
    many(&mut responses, 3, Some("a"), "y", 4, &["e"]);
    many(&mut responses, 12, Some("b"), "y", 3, &["f"]);
    let results = results_of(&responses);
    let yaml = crate::yaml::to_string(&results).unwrap();
    for label in ["hidden: small", "hidden: withheld", "figures:"] {
        assert!(!yaml.contains(label), "`{label}` in:\n{yaml}");
    }
    assert!(yaml.contains("hidden: not_shown"));
    let strings = crate::interface_strings::InterfaceStrings::built_in_english();
    let words = crate::render::results_words::ResultsWords::new(
        crate::interface_strings::Phrasebook::new(&strings, None),
    );
    let note = words.methods(&results).join("\n");
    assert!(!note.contains(" by the "), "{note}");
}

#[test]
fn a_survey_below_the_minimum_publishes_nothing() {
    let mut responses = Vec::new();
    many(&mut responses, 9, Some("a"), "x", 4, &["e"]);
    let results = results_of(&responses);
    assert_eq!(
        results.provenance.responses,
        Figure::hidden(Shown::NotShown)
    );
    for question in &results.questions {
        if let Some(overall) = &question.overall {
            assert_eq!(overall.respondents.count, None, "{}", question.id);
            assert!(overall.cells.is_empty() && question.breakdowns.is_empty());
        }
    }
}

#[test]
fn results_round_trip_through_yaml_deterministically() {
    let mut responses = Vec::new();
    many(&mut responses, 30, Some("a"), "x", 4, &["e"]);
    many(&mut responses, 3, None, "y", 2, &["f"]);
    let results = results_of(&responses);
    let yaml = crate::yaml::to_string(&results).unwrap();
    let again = crate::yaml::to_string(&results_of(&responses)).unwrap();
    assert_eq!(yaml, again);
    let parsed = Results::parse(&yaml, Path::new("surveys/results/crafted.yaml")).unwrap();
    assert_eq!(parsed, results);
}

#[test]
fn random_surveys_never_let_a_hidden_figure_be_worked_out() {
    let mut random = Lcg(11);
    let teams = [Some("a"), Some("b"), Some("c"), Some("d"), None];
    let qs = ["x", "y", "z"];
    for round in 0..150 {
        let mut responses = Vec::new();
        // Skewed sizes so that small teams and small cells are common.
        let people = 10 + random.below(90) as usize;
        let weights: Vec<u64> = (0..teams.len()).map(|_| 1 + random.below(12)).collect();
        let q_weights: Vec<u64> = (0..3).map(|_| random.below(10)).collect();
        for _ in 0..people {
            let team = teams[weighted(&mut random, &weights)];
            let q = qs[weighted(&mut random, &q_weights)];
            let s = 1 + random.below(5) as i64;
            let m: &[&str] = match random.below(4) {
                0 => &["e"],
                1 => &["f"],
                2 => &["e", "f"],
                _ => &[],
            };
            let index = responses.len();
            responses.push(response(
                index,
                &Answers {
                    team,
                    q: Some(q),
                    s: Some(s),
                    m,
                    num: None,
                },
            ));
        }
        let results = results_of(&responses);
        let outcome = std::panic::catch_unwind(|| assert_nothing_recoverable(&results));
        assert!(
            outcome.is_ok(),
            "round {round}: {}",
            crate::yaml::to_string(&results).unwrap()
        );
        // Gap 1: bounds combined across rows, columns and questions, by integer reasoning.
        let tally = tally::of_responses(&survey(), &responses);
        let pinned = super::audit_tests::pinned(&survey(), &tally, &results);
        assert!(pinned.is_empty(), "round {round}: {pinned:#?}");
    }
}

fn weighted(random: &mut Lcg, weights: &[u64]) -> usize {
    let total: u64 = weights.iter().sum::<u64>().max(1);
    let mut roll = random.below(total);
    for (i, &w) in weights.iter().enumerate() {
        if roll < w {
            return i;
        }
        roll -= w;
    }
    0
}
