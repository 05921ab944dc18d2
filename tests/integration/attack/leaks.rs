//! What counts as a leak: the promise of issue 12, figure by figure.
//!
//! A protected figure is *pinned* when everything the intruder knows rules out every value
//! that would hide what it protects:
//! - a **small count** (1 to `min_count` − 1; for multiple choice of more than one
//!   answer also "all but 1 to 4") must
//!   stay possibly 0 or possibly `min_count` or more;
//! - a **small group** (1 to `min_group_size` − 1 people) must stay possibly empty or possibly
//!   `min_group_size` or more;
//! - a **unanimous or one-sided** group (below `unanimous_min_group`; one-sided: every answer on
//!   one side of a scale's middle) must stay possibly mixed, or possibly empty;
//! - **free text** leaves no count: nobody may be known to have written any.
//!
//! A figure whose label already states its band ("fewer than 5") is pinned only when its exact
//! value is known: the label is what the release chose to say. Protected figures are those of
//! every release, of the responses each release added (one new response is a group of one), and
//! of the difference of two nested groups.

use candor::survey::{Question, QuestionKind};

use super::intruder::{
    Answer, Counts, Intruder, Nesting, Possibility, RowKey, Slot, View, categories, rows,
};
use super::published::{Figure, Rules};

/// A protected figure and the outcomes any one of which would keep it protected.
pub struct Protected {
    pub what: String,
    pub escapes: Vec<Possibility>,
}

/// Runs the intruder on every protected figure; returns what it pinned, one line each.
pub fn pinned(intruder: &mut Intruder, protected: Vec<Protected>) -> Vec<String> {
    let mut leaks = Vec::new();
    for figure in protected {
        let mut undecided = false;
        let mut safe = false;
        for escape in &figure.escapes {
            match intruder.allows(escape) {
                Answer::Possible => {
                    safe = true;
                    break;
                }
                Answer::Undecided => undecided = true,
                Answer::Impossible => {}
            }
        }
        if !safe {
            let verdict = if undecided { " (solver timed out)" } else { "" };
            leaks.push(format!("{}{verdict}", figure.what));
        }
    }
    leaks
}

fn possibility(
    value: good_lp::Expression,
    at_least: Option<f64>,
    at_most: Option<f64>,
) -> Possibility {
    Possibility {
        value,
        at_least,
        at_most,
    }
}

/// "Could be 0 or could be `band` or more", or, when the label already says "below `band`",
/// "could be other than `truth`".
fn band(value: good_lp::Expression, truth: u64, band: u64, labelled: bool) -> Vec<Possibility> {
    let truth = truth as f64;
    if labelled {
        vec![
            possibility(value.clone(), None, Some(truth - 1.0)),
            possibility(value, Some(truth + 1.0), None),
        ]
    } else {
        vec![
            possibility(value.clone(), None, Some(0.0)),
            possibility(value, Some(band as f64), None),
        ]
    }
}

fn place_name(question: &str, row: &RowKey, slot: Slot, intruder: &Intruder) -> String {
    let row = match row {
        RowKey::Overall => "overall".to_owned(),
        RowKey::Group(by, group) => format!("{by}={group}"),
        RowKey::Unsaid(by) => format!("no {by}"),
    };
    let slot = match slot {
        Slot::Respondents => "respondents".to_owned(),
        Slot::Cell(c) => {
            let q = intruder.survey.question(question).unwrap();
            match q.choices().get(c) {
                Some(choice) => choice.id.clone(),
                None => format!(
                    "point {}",
                    c + usize::from(matches!(q.kind, QuestionKind::Likert { .. }))
                ),
            }
        }
    };
    format!("{question} [{row}] {slot}")
}

/// The label release `t` gives the figure at a place, if it publishes it hidden.
fn label_at(
    intruder: &Intruder,
    t: usize,
    question: &str,
    row: &RowKey,
    slot: Slot,
) -> Option<String> {
    let published = intruder.releases[t]
        .questions
        .iter()
        .find(|q| q.id == question)?;
    let row = match row {
        RowKey::Overall => published.overall.as_ref()?,
        RowKey::Group(by, group) => published
            .breakdowns
            .iter()
            .find(|b| b.by == *by)?
            .groups
            .iter()
            .find(|g| g.group.as_deref() == Some(group))?,
        RowKey::Unsaid(_) => return None,
    };
    let figure: &Figure = match slot {
        Slot::Respondents => &row.respondents,
        Slot::Cell(c) => row.cells.get(c)?,
    };
    figure.label().map(str::to_owned)
}

/// Every figure `truth` (one tally per release: the first release's, then what each later one
/// added) makes protected, with `nested` pairs `((outer by, group), (inner by, group))`.
pub fn protected(intruder: &Intruder, truth: &[Counts], nested: &[Nesting]) -> Vec<Protected> {
    let mut all = Vec::new();
    let mut cumulative = Counts::default();
    for (t, added) in truth.iter().enumerate() {
        cumulative = sum(&cumulative, added);
        let views = [(View::Release(t), cumulative.clone())].into_iter();
        let delta = (t > 0 && added.responses > 0).then(|| (View::Added(t), added.clone()));
        for (view, counts) in views.chain(delta) {
            for question in &intruder.survey.questions {
                for row in rows(intruder.survey, question) {
                    if is_given(nested, question, &row) {
                        continue;
                    }
                    all.extend(of_row(intruder, view, &counts, question, &row));
                }
            }
            if let View::Release(_) = view {
                for nest in nested {
                    all.extend(of_difference(
                        intruder,
                        t,
                        &counts,
                        &nest.outer,
                        &nest.inner,
                    ));
                }
            }
        }
    }
    all
}

/// Whether a row crosses two grouping questions whose nesting the intruder is told: what it
/// knows there it was given, not shown.
fn is_given(nested: &[Nesting], question: &Question, row: &RowKey) -> bool {
    let RowKey::Group(by, _) = row else {
        return false;
    };
    nested.iter().any(|nest| {
        let (outer, inner) = (&nest.outer.0, &nest.inner.0);
        (question.id == *outer && by == inner) || (question.id == *inner && by == outer)
    })
}

/// The promise every release makes: the least strict of their thresholds. A figure one
/// release was allowed to publish is not protected because a later one is stricter.
fn weakest_rules(intruder: &Intruder) -> Rules {
    let all = intruder.releases.iter().map(|r| r.disclosure.rules);
    all.reduce(|a, b| Rules {
        min_group_size: a.min_group_size.min(b.min_group_size),
        min_count: a.min_count.min(b.min_count),
        unanimous_min_group: a.unanimous_min_group.min(b.unanimous_min_group),
    })
    .expect("at least one release")
}

fn sum(a: &Counts, b: &Counts) -> Counts {
    let mut figures = a.figures.clone();
    for (place, value) in &b.figures {
        *figures.entry(place.clone()).or_default() += value;
    }
    Counts {
        responses: a.responses + b.responses,
        figures,
    }
}

fn of_row(
    intruder: &Intruder,
    view: View,
    counts: &Counts,
    question: &Question,
    row: &RowKey,
) -> Vec<Protected> {
    let rules = weakest_rules(intruder);
    let id = question.id.as_str();
    let value = |slot| {
        counts
            .figures
            .get(&(id.to_owned(), row.clone(), slot))
            .copied()
            .unwrap_or(0)
    };
    let expr = |slot| intruder.figure(view, id, row, slot);
    let label = |slot| match view {
        View::Release(t) => label_at(intruder, t, id, row, slot),
        View::Added(_) => None,
    };
    let name = |slot| {
        let prefix = match view {
            View::Release(t) => format!("release {t}"),
            View::Added(t) => format!("the responses added before release {t}"),
        };
        format!("{prefix}: {}", place_name(id, row, slot, intruder))
    };
    let mut found = Vec::new();
    let n = value(Slot::Respondents);
    if matches!(
        question.kind,
        QuestionKind::Text { .. } | QuestionKind::LongText { .. }
    ) {
        if n > 0 {
            found.push(Protected {
                what: format!("{} = {n}: free text counted", name(Slot::Respondents)),
                escapes: vec![possibility(expr(Slot::Respondents), None, Some(0.0))],
            });
        }
        return found;
    }
    let is_group_row = matches!(row, RowKey::Overall | RowKey::Group(..));
    if matches!(view, View::Release(_)) && is_group_row && (1..rules.min_group_size).contains(&n) {
        let labelled = label(Slot::Respondents).as_deref() == Some("small_group");
        found.push(Protected {
            what: format!("{} = {n}: a small group", name(Slot::Respondents)),
            escapes: band(expr(Slot::Respondents), n, rules.min_group_size, labelled),
        });
    }
    let sizes = question.group && *row == RowKey::Overall;
    // "All but a few chose it" protects the few who did not, where not choosing is an answer
    // of its own: a multiple choice of one answer at most (`max_selected: 1`) adds up like a
    // single choice, whose few others are the other cells, protected each on its own.
    let multiple = matches!(
        question.kind,
        QuestionKind::Multiple { max_selected, .. } if max_selected != Some(1)
    );
    for c in 0..categories(question) {
        let slot = Slot::Cell(c);
        let v = value(slot);
        let (limit, small) = if sizes && matches!(view, View::Release(_)) {
            (rules.min_group_size, "a small group")
        } else {
            (rules.min_count, "a small count")
        };
        if (1..limit).contains(&v) {
            let says = if limit == rules.min_count {
                "small_count"
            } else {
                "small_group"
            };
            let labelled = label(slot).as_deref() == Some(says);
            found.push(Protected {
                what: format!("{} = {v}: {small}", name(slot)),
                escapes: band(expr(slot), v, limit, labelled),
            });
        }
        if multiple && (1..rules.min_count).contains(&(n - v)) {
            found.push(Protected {
                what: format!("{} = {v}: all but {} of {n}", name(slot), n - v),
                escapes: band(
                    expr(Slot::Respondents) - expr(slot),
                    n - v,
                    rules.min_count,
                    false,
                ),
            });
        }
        if (1..rules.unanimous_min_group).contains(&n) && v == n {
            found.push(Protected {
                what: format!("{}: all {n} chose it", name(slot)),
                escapes: vec![
                    possibility(expr(Slot::Respondents) - expr(slot), Some(1.0), None),
                    possibility(expr(slot), None, Some(0.0)),
                ],
            });
        }
    }
    if let Some(sides) = sides(question)
        && (1..rules.unanimous_min_group).contains(&n)
    {
        for (side, points) in [("negative", &sides.0), ("positive", &sides.1)] {
            let on_side: u64 = points.iter().map(|&c| value(Slot::Cell(c))).sum();
            let unanimous = (0..categories(question)).any(|c| value(Slot::Cell(c)) == n);
            if on_side == n && !unanimous {
                let inside = points.iter().fold(good_lp::Expression::from(0.0), |s, &c| {
                    s + expr(Slot::Cell(c))
                });
                found.push(Protected {
                    what: format!(
                        "{}: all {n} answered on the {side} side",
                        name(Slot::Respondents)
                    ),
                    escapes: vec![
                        possibility(expr(Slot::Respondents) - inside.clone(), Some(1.0), None),
                        possibility(inside, None, Some(0.0)),
                    ],
                });
            }
        }
    }
    found
}

/// A scale's points below its middle and above it (cell indices).
fn sides(question: &Question) -> Option<(Vec<usize>, Vec<usize>)> {
    let points = match question.kind {
        QuestionKind::Likert { points, .. } => usize::from(points),
        QuestionKind::Rating { .. } => 11,
        _ => return None,
    };
    let below = (0..points).filter(|&c| 2 * c + 1 < points).collect();
    let above = (0..points).filter(|&c| 2 * c + 1 > points).collect();
    Some((below, above))
}

/// The figures of the people in `outer` but not `inner`, which a reader who knows the nesting
/// gets by subtraction.
fn of_difference(
    intruder: &Intruder,
    t: usize,
    counts: &Counts,
    outer: &(String, String),
    inner: &(String, String),
) -> Vec<Protected> {
    let rules = weakest_rules(intruder);
    let outer_row = RowKey::Group(outer.0.clone(), outer.1.clone());
    let inner_row = RowKey::Group(inner.0.clone(), inner.1.clone());
    let mut found = Vec::new();
    for question in &intruder.survey.questions {
        if question.id == outer.0 || question.id == inner.0 {
            continue;
        }
        let value = |row: &RowKey, slot| {
            counts
                .figures
                .get(&(question.id.clone(), row.clone(), slot))
                .copied()
                .unwrap_or(0)
        };
        let difference = |slot| {
            intruder.figure(View::Release(t), &question.id, &outer_row, slot)
                - intruder.figure(View::Release(t), &question.id, &inner_row, slot)
        };
        let n = value(&outer_row, Slot::Respondents) - value(&inner_row, Slot::Respondents);
        for c in 0..categories(question) {
            let v = value(&outer_row, Slot::Cell(c)) - value(&inner_row, Slot::Cell(c));
            let what = format!(
                "release {t}: {} [{}={} but not {}={}] cell {c}",
                question.id, outer.0, outer.1, inner.0, inner.1
            );
            if (1..rules.min_count).contains(&v) {
                found.push(Protected {
                    what: format!("{what} = {v}: a small count"),
                    escapes: band(difference(Slot::Cell(c)), v, rules.min_count, false),
                });
            }
            if (1..rules.unanimous_min_group).contains(&n) && v == n {
                found.push(Protected {
                    what: format!("{what}: all {n} chose it"),
                    escapes: vec![
                        possibility(
                            difference(Slot::Respondents) - difference(Slot::Cell(c)),
                            Some(1.0),
                            None,
                        ),
                        possibility(difference(Slot::Cell(c)), None, Some(0.0)),
                    ],
                });
            }
        }
    }
    found
}
