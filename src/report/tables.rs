//! From raw counts to publishable figures: builds each question's [`Grid`] (overall row, one
//! breakdown per grouping question, every additive relation between them), applies the
//! primary rules, lets [`Grid::protect`] add complementary suppression, and reads the result
//! back into the [`QuestionResult`] the YAML holds.
//!
//! Respondents who skipped a grouping question form an unpublished row of that breakdown: it is
//! never shown, but a reader could work it out as "overall minus the groups", so it is protected
//! like any group.

use super::disclosure::{Bounds, Grid, SlotId};
use super::tally::{Counts, QuestionTally};
use crate::survey::results::{
    Breakdown, Figure, QuestionResult, Row, Rule, Shown, categories, percent,
};
use crate::survey::{DisclosureRules, Question, QuestionKind};

/// The slots of one row of a grid.
struct RowSlots {
    respondents: SlotId,
    cells: Vec<SlotId>,
}

/// The survey's grouping questions, and which of their groups' sizes their own tables hide.
pub struct Groupings<'a> {
    pub questions: Vec<&'a Question>,
    /// Per grouping question, per choice: hidden in the grouping question's own results. Such
    /// a group is withheld whole from every breakdown, or its size there (for a question every
    /// respondent answers, the same number) would undo the hiding.
    pub withheld: Vec<Vec<bool>>,
}

/// Protects one question's counts. `groupings` are the survey's grouping questions, in the
/// order of `tally.groups`; a grouping question is not broken down by any of them (that would
/// be a cross-tabulation of two groups).
pub fn protect_question(
    question: &Question,
    tally: &QuestionTally,
    groupings: &Groupings<'_>,
    rules: &DisclosureRules,
) -> QuestionResult {
    let mut result = QuestionResult {
        id: question.id.clone(),
        label: question.label.clone(),
        kind: question.type_name().to_owned(),
        categories: categories(question),
        overall: None,
        breakdowns: Vec::new(),
    };
    if matches!(
        question.kind,
        QuestionKind::Text { .. } | QuestionKind::LongText { .. }
    ) {
        return result;
    }
    let n = tally.overall.respondents;
    if n < rules.min_group_size {
        result.overall = Some(Row {
            respondents: small_group_figure(n),
            ..empty_row()
        });
        return result;
    }
    let additive = !matches!(question.kind, QuestionKind::Multiple { .. });
    let mut table = Table {
        grid: Grid::new(rules.min_count),
        rules,
        additive,
        grouping: question.group,
        first_point: match question.kind {
            QuestionKind::Likert { .. } => Some(1.0),
            QuestionKind::Rating { .. } => Some(0.0),
            _ => None,
        },
    };
    let total = table.grid.slot(n);
    table.grid.fix(total);
    let overall = table.row(&tally.overall, total, true);
    let broken_down: Vec<(usize, Vec<RowSlots>)> = if question.group {
        Vec::new()
    } else {
        (0..groupings.questions.len())
            .map(|g| {
                let rows =
                    table.breakdown(&tally.groups[g], &groupings.withheld[g], &overall, total);
                (g, rows)
            })
            .collect()
    };
    match table.grid.protect() {
        Ok(()) => table.grid.publish_determined_complements(),
        Err(_) => table.grid.withhold_all(),
    }
    result.overall = Some(table.read(&overall, &tally.overall, None));
    for (g, rows) in broken_down {
        let grouping = groupings.questions[g];
        let groups = grouping
            .choices()
            .iter()
            .zip(&rows)
            .zip(&tally.groups[g])
            .map(|((choice, slots), raw)| table.read(slots, raw, Some((&choice.id, &choice.label))))
            .collect();
        result.breakdowns.push(Breakdown {
            by: grouping.id.clone(),
            label: grouping.label.clone(),
            groups,
        });
    }
    result
}

fn empty_row() -> Row {
    Row {
        group: None,
        label: None,
        respondents: Figure::default(),
        cells: Vec::new(),
        median: None,
        quartiles: None,
    }
}

fn small_group_figure(n: u64) -> Figure {
    if n == 0 {
        Figure::shown(0, None)
    } else {
        Figure::hidden(Shown::NotShown)
    }
}

/// A question's grid under construction.
struct Table<'a> {
    grid: Grid,
    rules: &'a DisclosureRules,
    additive: bool,
    /// Whether this is a grouping question, whose cells are group sizes.
    grouping: bool,
    /// The first point of a scale (1 for likert, 0 for rating); `None` for choices.
    first_point: Option<f64>,
}

impl Table<'_> {
    /// Adds a row of counts whose respondents slot is `respondents`, applying the primary
    /// rules for a published row (`published`) or marking it as never published.
    fn row(&mut self, counts: &Counts, respondents: SlotId, published: bool) -> RowSlots {
        let cells: Vec<SlotId> = counts.cells.iter().map(|&c| self.grid.slot(c)).collect();
        if self.additive && !cells.is_empty() {
            self.grid.line(cells.clone(), respondents);
        }
        let size = counts.respondents;
        let small_group = (1..self.rules.min_group_size).contains(&size);
        let min_count = self.rules.min_count;
        let unanimous = self.additive
            && size > 0
            && size < self.rules.unanimous_min_group
            && counts.cells.contains(&size);
        for (&slot, &count) in cells.iter().zip(&counts.cells) {
            if self.grouping && published && (1..self.rules.min_group_size).contains(&count) {
                // A grouping question's cells are the sizes of its groups.
                self.grid.hide(
                    slot,
                    Rule::MinimumGroupSize,
                    Bounds::between(1, self.rules.min_group_size - 1),
                );
                continue;
            }
            let small = (1..min_count).contains(&count);
            let small_remainder = !self.additive && (1..min_count).contains(&(size - count));
            let everyone = !self.additive && count == size && size < self.rules.unanimous_min_group;
            let would_hide = small_group || small || small_remainder || unanimous || everyone;
            if !published {
                self.grid.unpublished(slot, would_hide);
            } else if small_group {
                self.grid.hide(
                    slot,
                    Rule::MinimumGroupSize,
                    Bounds::between(0, self.rules.min_group_size - 1),
                );
            } else if unanimous || everyone {
                self.grid.hide(slot, Rule::UnanimousGroup, Bounds::UNKNOWN);
            } else if small {
                self.grid
                    .hide(slot, Rule::SmallCount, Bounds::between(1, min_count - 1));
            } else if small_remainder {
                self.grid
                    .hide(slot, Rule::SmallCount, Bounds::at_least(min_count));
            }
        }
        RowSlots { respondents, cells }
    }

    /// Adds one breakdown: a row per group (the last one, respondents who skipped the grouping
    /// question, unpublished), each cell column adding up to the overall cell, the group sizes
    /// adding up to the question's respondents.
    fn breakdown(
        &mut self,
        groups: &[Counts],
        withheld: &[bool],
        overall: &RowSlots,
        total: SlotId,
    ) -> Vec<RowSlots> {
        let skipped = groups.len() - 1;
        let mut rows = Vec::with_capacity(groups.len());
        for (index, counts) in groups.iter().enumerate() {
            if index == skipped && counts.respondents == 0 {
                // Everyone answered the grouping question: a reader who adds up the group
                // sizes knows this row is empty, so it is no unknown.
                break;
            }
            let size = self.grid.slot(counts.respondents);
            let published = index != skipped;
            if !published {
                self.grid.unpublished(size, false);
            } else if (1..self.rules.min_group_size).contains(&counts.respondents) {
                self.grid.hide(
                    size,
                    Rule::MinimumGroupSize,
                    Bounds::between(1, self.rules.min_group_size - 1),
                );
            }
            let row = self.row(counts, size, published);
            if published && withheld.get(index).copied().unwrap_or(false) {
                self.withhold_row(&row);
            }
            rows.push(row);
        }
        for (column, &overall_cell) in overall.cells.iter().enumerate() {
            let parts = rows.iter().map(|row| row.cells[column]).collect();
            self.grid.line(parts, overall_cell);
        }
        let sizes = rows.iter().map(|row| row.respondents).collect();
        self.grid.line(sizes, total);
        rows
    }

    /// Hides a whole row (its size and every cell, zeros too) as complementary, keeping any
    /// primary rule.
    fn withhold_row(&mut self, row: &RowSlots) {
        for &slot in std::iter::once(&row.respondents).chain(&row.cells) {
            self.grid.withhold(slot);
        }
    }

    /// The published figures of a row after protection.
    fn read(&self, slots: &RowSlots, counts: &Counts, group: Option<(&String, &String)>) -> Row {
        let respondents = self.figure(slots.respondents, None);
        let n = respondents.count;
        let cells: Vec<Figure> = slots
            .cells
            .iter()
            .map(|&slot| self.figure(slot, n))
            .collect();
        let mut row = Row {
            group: group.map(|(id, _)| id.clone()),
            label: group.map(|(_, label)| label.clone()),
            respondents,
            cells,
            ..empty_row()
        };
        let fully_shown = n.is_some_and(|n| n > 0) && row.cells.iter().all(|c| c.count.is_some());
        if let Some(first) = self.first_point.filter(|_| fully_shown) {
            row.median = scale_median(&counts.cells, first);
        }
        // Number questions publish how many answered, never medians or quartiles: an order
        // statistic of a small set, differenced between releases or groups, is one person's
        // answer.
        row
    }

    fn figure(&self, slot: SlotId, total: Option<u64>) -> Figure {
        let value = self.grid.value(slot);
        if !self.grid.is_hidden(slot) {
            return Figure::shown(value, total.and_then(|t| percent(value, t)));
        }
        Figure::hidden(Shown::NotShown)
    }
}

/// The median scale point of a fully shown row: the point the middle respondent chose (the
/// mean of the two middle points for an even count); `first` is the scale's first point.
fn scale_median(counts: &[u64], first: f64) -> Option<f64> {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return None;
    }
    let point_at = |rank: u64| {
        let mut seen = 0;
        counts.iter().position(|&c| {
            seen += c;
            seen > rank
        })
    };
    let lower = point_at((n - 1) / 2)? as f64;
    let upper = point_at(n / 2)? as f64;
    Some(first + (lower + upper) / 2.0)
}
