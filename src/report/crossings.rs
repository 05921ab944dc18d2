//! Grouping questions broken down by each other. `report` never publishes these rows, but the
//! group sizes of two grouping questions bound them: when one group is empty, or one is as big
//! as all who answered, a reader learns that every member of one group is in a given group of
//! the other — a unanimous group like any other, which the rules protect below
//! `unanimous_min_group` (the issue 12 attacker found it in random surveys). The rows join the
//! linked system of release 0 as unknowns, with their relations and protections, so that the
//! audit hides group sizes until they no longer give such a row away.

use super::linked::{Derived, Layout, Place, RowAt, RowIds, System, answered_by_all};
use super::tally::Tally;
use crate::survey::{DisclosureRules, Survey};

impl System {
    /// Adds, for release 0, each grouping question's rows per group of every other grouping
    /// question (never publishable), relates them to the group sizes, and protects them.
    pub(crate) fn protect_crossings(
        &mut self,
        survey: &Survey,
        layout: &Layout,
        tally: &Tally,
        rules: &DisclosureRules,
    ) {
        let groupings: Vec<usize> = survey.grouping_indices();
        let own = |index: usize| {
            layout.questions[index]
                .as_ref()
                .map(|ids| ids.overall.clone())
        };
        // (question, breakdown) → its rows, for the symmetry of the two tables of a pair.
        let mut made: Vec<((usize, usize), Vec<RowIds>)> = Vec::new();
        for &g in &groupings {
            let question = &survey.questions[g];
            let Some(g_row) = own(g) else { continue };
            let all = answered_by_all(question);
            for (breakdown, &h) in groupings.iter().enumerate() {
                let Some(h_row) = own(h).filter(|_| h != g) else {
                    continue;
                };
                let groups = h_row.cells.len();
                let figure = |system: &mut System, group: usize, cell: Option<usize>| {
                    let row = RowAt::Group { breakdown, group };
                    let place = Place::Row {
                        question: g,
                        row,
                        cell,
                    };
                    system.figure(0, place, false)
                };
                let rows: Vec<RowIds> = (0..=groups)
                    .map(|group| RowIds {
                        size: figure(self, group, None),
                        cells: (0..g_row.cells.len())
                            .map(|c| figure(self, group, Some(c)))
                            .collect(),
                    })
                    .collect();
                let truths = &tally.questions[g].groups[breakdown];
                for (row, truth) in rows.iter().zip(truths) {
                    self.figures[row.size].truth = truth.respondents as i64;
                    for (&cell, &value) in row.cells.iter().zip(&truth.cells) {
                        self.figures[cell].truth = value as i64;
                    }
                }
                for (group, row) in rows.iter().enumerate() {
                    self.relate_row(question, row);
                    // At most (answered by all: exactly) the members of the other's group.
                    let members = match h_row.cells.get(group) {
                        Some(&cell) => vec![(row.size, 1), (cell, -1)],
                        None => vec![(row.size, 1), (layout.responses, -1), (h_row.size, 1)],
                    };
                    self.relate(members, all);
                }
                let sizes = rows.iter().map(|row| (row.size, 1));
                self.relate(sizes.chain([(g_row.size, -1)]).collect(), true);
                for (c, &total) in g_row.cells.iter().enumerate() {
                    let cells = rows.iter().map(|row| (row.cells[c], 1));
                    self.relate(cells.chain([(total, -1)]).collect(), true);
                }
                for (group, (row, truth)) in rows.iter().zip(truths).enumerate() {
                    let derived = Derived::of(row, group < groups, false);
                    self.protect_row(question, g, &derived, truth, rules);
                }
                made.push(((g, h), rows));
            }
        }
        self.together.resize(self.figures.len(), Vec::new());
        // The people in group a of g and group b of h are one count, in either table.
        for ((g, h), rows) in &made {
            let Some((_, theirs)) = made.iter().find(|(pair, _)| *pair == (*h, *g)) else {
                continue;
            };
            if g > h {
                continue;
            }
            for (b, row) in rows.iter().enumerate().take(rows.len() - 1) {
                for (a, &cell) in row.cells.iter().enumerate() {
                    let other = theirs[a].cells[b];
                    self.relate(vec![(cell, 1), (other, -1)], true);
                }
            }
        }
    }
}
