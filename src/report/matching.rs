//! Where each figure of a results file stands in a release's layout ([`super::linked`]),
//! found by what the file says it is — question id, category id, the breakdown's `by`, the
//! row's group — never by its position in the file.
//!
//! Release 0 always matches its own layout. An earlier release may have been written from a
//! definition of the same version whose questions, grouping questions or choices were later
//! reordered, added or removed: its figures still tell a reader what they told when it came
//! out, so each is placed where it belongs. Whatever cannot be placed is an error that names
//! it, never skipped: a release left out of the audit is one the attacker has and the audit
//! does not.

use super::linked::{FigureId, Layout, RowIds, System};
use crate::escape::terminal;
use crate::survey::results::{QuestionResult, Results, Row};
use crate::survey::{Question, Survey};

/// Calls `visit` with each figure of `layout` that `results` has and its value there (`None`
/// if hidden). `Err` says what of `results` has no place in the layout of `survey`.
pub(crate) fn each_published(
    survey: &Survey,
    layout: &Layout,
    results: &[QuestionResult],
    mut visit: impl FnMut(FigureId, Option<i64>),
) -> Result<(), String> {
    let groupings: Vec<&Question> = survey.grouping_questions().collect();
    for result in results {
        let id = terminal(&result.id, 80);
        let Some(index) = survey.questions.iter().position(|q| q.id == result.id) else {
            return Err(format!("question `{id}` is not in the survey's definition"));
        };
        let question = &survey.questions[index];
        if result.kind != question.type_name() {
            return Err(format!(
                "question `{id}` is of type `{}` there, and of type `{}` in the definition",
                terminal(&result.kind, 40),
                question.type_name()
            ));
        }
        let Some(ids) = &layout.questions[index] else {
            // Free text in both: never published, nothing to place.
            continue;
        };
        let categories = crate::survey::results::categories(question);
        let cells: Vec<usize> = result
            .categories
            .iter()
            .map(|category| {
                categories
                    .iter()
                    .position(|c| c.id == category.id)
                    .ok_or_else(|| {
                        format!(
                            "question `{id}` has the answer `{}`, which the definition's question lacks",
                            terminal(&category.id, 80)
                        )
                    })
            })
            .collect::<Result<_, _>>()?;
        let mut place = |row_ids: &RowIds, row: &Row| {
            visit(row_ids.size, row.respondents.count.map(|n| n as i64));
            // A row withheld whole has no cells in the file at all.
            for (&cell, figure) in cells.iter().zip(&row.cells) {
                visit(row_ids.cells[cell], figure.count.map(|n| n as i64));
            }
        };
        if let Some(overall) = &result.overall {
            place(&ids.overall, overall);
        }
        for breakdown in &result.breakdowns {
            let by = terminal(&breakdown.by, 80);
            let Some(b) = groupings.iter().position(|g| g.id == breakdown.by) else {
                return Err(format!(
                    "question `{id}` is broken down by `{by}` there, and `{by}` is not a grouping question (`group: true`) in the definition"
                ));
            };
            let (grouping, Some(rows)) = (groupings[b], ids.breakdowns.get(b)) else {
                return Err(format!(
                    "question `{id}` is broken down by `{by}` there, and `{id}` is a grouping question in the definition, which is never broken down"
                ));
            };
            for row in &breakdown.groups {
                let group = row
                    .group
                    .as_ref()
                    .and_then(|group| grouping.choices().iter().position(|c| &c.id == group));
                let Some(group) = group else {
                    return Err(format!(
                        "question `{id}` has a row for the group `{}` of `{by}`, which is not a choice of `{by}` in the definition",
                        terminal(row.group.as_deref().unwrap_or(""), 80)
                    ));
                };
                place(&rows[group], row);
            }
        }
    }
    Ok(())
}

/// What of an earlier release `results` of `survey` has no place in the audit, if anything.
pub(crate) fn unmatched(survey: &Survey, results: &Results) -> Option<String> {
    let mut system = System::default();
    let layout = system.add_release(survey, 0);
    each_published(survey, &layout, &results.questions, |_, _| {}).err()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::report::audit_tests::{add, survey, tally_of};
    use crate::report::build_results;
    use crate::report::linked::{Place, RowAt};

    const TEAM: &str = "  - {id: team, type: single, group: true, label: Team, choices: [{id: a, label: A}, {id: b, label: B}]}\n";
    const REGION: &str = "  - {id: region, type: single, group: true, label: Region, choices: [{id: n, label: N}, {id: s, label: S}]}\n";
    const Q: &str = "  - {id: q, type: single, label: Q, choices: [{id: x, label: X}, {id: y, label: Y}, {id: z, label: Z}]}\n";

    /// Every figure `results` places in the layout of `survey`, by what it means: question,
    /// row (overall or `by=group`) and cell (`None` for the respondents).
    fn placed(survey: &Survey, results: &Results) -> BTreeMap<String, Option<i64>> {
        let mut system = System::default();
        let layout = system.add_release(survey, 0);
        let groupings: Vec<&Question> = survey.grouping_questions().collect();
        let mut meanings = BTreeMap::new();
        each_published(survey, &layout, &results.questions, |id, value| {
            let Place::Row {
                question,
                row,
                cell,
            } = system.figures[id].place
            else {
                unreachable!("the response count is not in the questions");
            };
            let question = &survey.questions[question];
            let row = match row {
                RowAt::Overall => "overall".to_owned(),
                RowAt::Group { breakdown, group } => {
                    let by = groupings[breakdown];
                    format!("{}={}", by.id, by.choices()[group].id)
                }
            };
            let cell = cell.map(|c| crate::survey::results::categories(question)[c].id.clone());
            meanings.insert(format!("{} {row} {cell:?}", question.id), value);
        })
        .expect("placed");
        meanings
    }

    #[test]
    fn a_release_is_placed_by_ids_whatever_the_order_of_the_definition() {
        let written_from = survey(&format!("{TEAM}{REGION}{Q}"));
        let mut responses = Vec::new();
        for (team, region, q, count) in [
            ("a", "n", "x", 12),
            ("a", "s", "y", 14),
            ("b", "n", "z", 11),
            ("b", "s", "x", 13),
        ] {
            add(
                &mut responses,
                count,
                &[("team", team), ("region", region), ("q", q)],
            );
        }
        let results = build_results(&written_from, &tally_of(&written_from, &responses));
        let expected = placed(&written_from, &results);
        assert!(expected.len() > 20, "{expected:?}");
        // Grouping questions, questions and choices in another order: the same meanings.
        let reordered = survey(
            &format!(
                "{Q}{}{}",
                REGION.replace(
                    "{id: n, label: N}, {id: s, label: S}",
                    "{id: s, label: S}, {id: n, label: N}"
                ),
                TEAM
            )
            .replace(
                "{id: x, label: X}, {id: y, label: Y}, {id: z, label: Z}",
                "{id: z, label: Z}, {id: x, label: X}, {id: y, label: Y}",
            ),
        );
        assert_eq!(placed(&reordered, &results), expected);
        assert_eq!(unmatched(&reordered, &results), None);
    }

    #[test]
    fn what_has_no_place_is_named() {
        let written_from = survey(&format!("{TEAM}{REGION}{Q}"));
        let mut responses = Vec::new();
        add(
            &mut responses,
            30,
            &[("team", "a"), ("region", "n"), ("q", "x")],
        );
        let results = build_results(&written_from, &tally_of(&written_from, &responses));
        let cases = [
            (
                format!("{TEAM}{Q}"),
                "question `region` is not in the survey's definition",
            ),
            (
                format!(
                    "{TEAM}{REGION}{}",
                    Q.replace("{id: z, label: Z}", "{id: w, label: W}")
                ),
                "question `q` has the answer `z`, which the definition's question lacks",
            ),
            (
                format!("{TEAM}{}{Q}", REGION.replace("group: true, ", "")),
                "question `q` is broken down by `region` there, and `region` is not a grouping question (`group: true`) in the definition",
            ),
            (
                format!(
                    "{TEAM}{REGION}{}",
                    Q.replace("type: single, ", "type: single, group: true, ")
                ),
                "question `q` is broken down by `team` there, and `q` is a grouping question in the definition, which is never broken down",
            ),
            (
                format!("{}{REGION}{Q}", TEAM.replace("{id: a, label: A}, ", "")),
                "question `team` has the answer `a`, which the definition's question lacks",
            ),
            (
                format!(
                    "{TEAM}{REGION}{}",
                    Q.replace("type: single", "type: multiple")
                ),
                "question `q` is of type `single` there, and of type `multiple` in the definition",
            ),
        ];
        for (questions, expected) in cases {
            let edited = survey(&questions);
            assert_eq!(
                unmatched(&edited, &results).as_deref(),
                Some(expected),
                "{questions}"
            );
        }
        let mut renamed = results.clone();
        renamed.questions[2].breakdowns[0].groups[0].group = Some("gone".to_owned());
        assert_eq!(
            unmatched(&written_from, &renamed).as_deref(),
            Some(
                "question `q` has a row for the group `gone` of `team`, which is not a choice of `team` in the definition"
            )
        );
    }
}
