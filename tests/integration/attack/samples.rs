//! The committed sample results, attacked as they ship, without the responses behind them:
//! the intruder flags any hidden figure it narrows to 1 to 4 (or, for one labelled "fewer than
//! 5" or "fewer than 10", to one exact value), and any withheld row of shown size it proves to
//! be one answer. Then the sample store reported twice, one response apart (gap 6 of issue
//! 12): no answer of that one person may follow from the two files.

use std::path::Path;

use super::intruder::{Answer, Intruder, Possibility, RowKey, Slot, View, categories};
use super::leaks::{Protected, pinned};
use super::published::{Figure, Release};
use super::{new_site, parse_survey};
use crate::results::sample;
use crate::support::copy_tree;

fn repository_file(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn between(
    value: &good_lp::Expression,
    at_least: Option<f64>,
    at_most: Option<f64>,
) -> Possibility {
    Possibility {
        value: value.clone(),
        at_least,
        at_most,
    }
}

/// What the intruder pins in one shipped results file.
fn pinned_in_sample(survey_id: &str) -> Vec<String> {
    let survey = parse_survey(
        &repository_file(&format!("surveys/{survey_id}.yaml")),
        survey_id,
    );
    let file = format!("surveys/results/{survey_id}.yaml");
    let release = Release::parse(&repository_file(&file), &file);
    let rules = release.disclosure.rules;
    let mut intruder = Intruder::new(&survey, vec![release.clone()], &[]);
    let view = View::Release(0);
    let mut suspects = Vec::new();
    for question in &release.questions {
        let rows = question
            .overall
            .iter()
            .map(|row| (RowKey::Overall, row))
            .chain(question.breakdowns.iter().flat_map(|b| {
                b.groups
                    .iter()
                    .map(move |row| (RowKey::Group(b.by.clone(), row.group.clone().unwrap()), row))
            }));
        for (key, row) in rows {
            let where_ = match &key {
                RowKey::Group(by, group) => format!("{} [{by}={group}]", question.id),
                _ => format!("{} [overall]", question.id),
            };
            let figures = std::iter::once((Slot::Respondents, &row.respondents)).chain(
                row.cells
                    .iter()
                    .enumerate()
                    .map(|(c, f)| (Slot::Cell(c), f)),
            );
            for (slot, figure) in figures {
                let value = intruder.figure(view, &question.id, &key, slot);
                if let Some(suspect) =
                    suspect(&mut intruder, &where_, slot, figure, value, rules.min_count)
                {
                    suspects.push(suspect);
                }
            }
            let n = row.respondents.count;
            let all_hidden = !row.cells.is_empty() && row.cells.iter().all(|c| c.count.is_none());
            if let Some(n) = n.filter(|&n| n > 0 && n < rules.unanimous_min_group && all_hidden) {
                let total = intruder.figure(view, &question.id, &key, Slot::Respondents);
                for c in 0..row.cells.len() {
                    let cell = intruder.figure(view, &question.id, &key, Slot::Cell(c));
                    suspects.push(Protected {
                        what: format!("{where_}: all {n} chose category {c}"),
                        escapes: vec![
                            between(&(total.clone() - cell.clone()), Some(1.0), None),
                            between(&cell, None, Some(0.0)),
                        ],
                    });
                }
            }
        }
    }
    pinned(&mut intruder, suspects)
}

/// The check for one hidden figure, if it is hidden.
fn suspect(
    intruder: &mut Intruder,
    where_: &str,
    slot: Slot,
    figure: &Figure,
    value: good_lp::Expression,
    min_count: u64,
) -> Option<Protected> {
    let label = figure.label()?;
    let what = match slot {
        Slot::Respondents => format!("{where_} respondents ({label})"),
        Slot::Cell(c) => format!("{where_} category {c} ({label})"),
    };
    let states_band =
        label == "small_count" || (label == "small_group" && slot == Slot::Respondents);
    Some(if states_band {
        let seen = intruder.one_value(&value);
        Protected {
            what: format!("{what} is exactly {seen}"),
            escapes: vec![
                between(&value, None, Some(seen - 1.0)),
                between(&value, Some(seen + 1.0), None),
            ],
        }
    } else {
        Protected {
            what: format!("{what} is between 1 and {}", min_count - 1),
            escapes: vec![
                between(&value, None, Some(0.0)),
                between(&value, Some(min_count as f64), None),
            ],
        }
    })
}

fn assert_sample_pins_nothing(survey_id: &str) {
    let pinned = pinned_in_sample(survey_id);
    assert!(
        pinned.is_empty(),
        "surveys/results/{survey_id}.yaml: the intruder pinned {} figure(s):\n  {}",
        pinned.len(),
        pinned.join("\n  ")
    );
}

#[test]
fn sample_results_2025_pin_nothing() {
    assert_sample_pins_nothing("community-2025");
}

#[test]
fn sample_results_2026_pin_nothing() {
    assert_sample_pins_nothing("community-2026");
}

/// One more response to the 2025 sample survey, from an ordinary respondent.
const ONE_MORE: &str = r#"{"format":"candor-response/1","survey":"community-2025","version":1,"response_id":"00000000-0000-4000-8000-000000000001","submitted":"2025-12-01","answers":{"stakeholder_group":"business","region":"europe","years":"over_5","contacted_staff":"yes","channels":["email"],"responsiveness":4,"courtesy":4,"fairness":4,"standards_met":"mostly","overall":8,"raised_concern":"no","escalation_awareness":["manager"]}}"#;

#[test]
fn the_sample_store_reported_again_after_one_response_gives_no_answer_of_it() {
    let site = new_site();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys"),
        &site.path("surveys"),
    );
    let wave = &sample::WAVES[0];
    sample::write_wave(&site.path("inbox"), wave).unwrap();
    site.collect(&["ingest", "inbox"]).success();
    let file = "surveys/results/community-2025.yaml";
    site.collect(&["report", wave.survey]).success();
    let before = Release::parse(&site.read(file), file);
    site.write("later/one.json", ONE_MORE);
    site.collect(&["ingest", "later"]).success();
    let outcome = site.collect(&["report", wave.survey]);
    if outcome.code() != Some(0) {
        assert_eq!(outcome.code(), Some(1), "{}", outcome.explain());
        return; // Refusing the second release is a way to protect that person.
    }
    let after = Release::parse(&site.read(file), file);
    let survey = parse_survey(&site.read("surveys/community-2025.yaml"), wave.survey);
    let mut intruder = Intruder::new(&survey, vec![before, after], &[]);
    let added = View::Added(1);
    let mut given_away = Vec::new();
    for question in &survey.questions {
        for c in 0..categories(question) {
            let chose = intruder.figure(added, &question.id, &RowKey::Overall, Slot::Cell(c));
            if intruder.allows(&between(&chose, None, Some(0.0))) == Answer::Impossible {
                given_away.push(format!("{} category {c}", question.id));
            }
        }
    }
    assert!(
        given_away.is_empty(),
        "the two releases give away the added person's answers: {}",
        given_away.join(", ")
    );
}
