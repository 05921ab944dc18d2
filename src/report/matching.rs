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
use super::results::{QuestionResult, Results, Row};
use crate::escape::terminal;
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
        let categories = super::tables::categories(question);
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
