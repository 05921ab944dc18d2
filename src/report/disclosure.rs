//! Disclosure control over count tables: which figures may be published so that no hidden one
//! can be worked back.
//!
//! A question's results are a set of counts (a [`Grid`] of slots) tied together by additive
//! [`Line`]s: the cells of a row add up to the row's respondents, each group's cell adds up over
//! the groups to the overall cell, the groups' sizes add up to the question's respondents. A
//! reader who sees some of the slots can solve these equations. The primary rules (small counts,
//! small groups, unanimous groups) hide some slots; [`Grid::protect`] then hides more —
//! *complementary suppression*, always the smallest visible non-zero count of an offending
//! line — until [`Grid::audit`] finds no protected slot that a reader could recover:
//!
//! - **by linear algebra** over every line of the grid at once: a protected slot whose value is
//!   fixed by the published figures (total minus the visible cells, a column minus the other
//!   groups, any combination of those) is a violation;
//! - **by bounds** along each line: a reader knows a "fewer than 5" cell is 1 to 4 and that a
//!   complementary cell is never below 5, and may pin a cell from that (a hidden 1 and a hidden 5
//!   in a row whose hidden part is 6);
//! - **by size**: the hidden part of a line whose total is known must not itself be a small
//!   count, or it discloses the union of the hidden cells.
//!
//! Everything here is pure arithmetic on integers; this module knows nothing of surveys,
//! stores or YAML (only the names of the rules, which the results file publishes), so that it can be tested exhaustively on crafted and random tables.

use crate::survey::results::Rule;

/// Identifies a slot of a [`Grid`].
pub type SlotId = usize;

/// What a reader knows about a hidden slot's value from how it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub low: u64,
    /// `None`: no upper bound beyond what the lines imply.
    pub high: Option<u64>,
}

impl Bounds {
    /// Nothing is known but that the count is not negative.
    pub const UNKNOWN: Bounds = Bounds { low: 0, high: None };

    pub fn between(low: u64, high: u64) -> Bounds {
        Bounds {
            low,
            high: Some(high),
        }
    }

    pub fn at_least(low: u64) -> Bounds {
        Bounds { low, high: None }
    }
}

/// One count of a table.
#[derive(Debug, Clone)]
struct Slot {
    value: u64,
    /// Why it is hidden; `None` while published. Slots that are never published (the
    /// respondents who did not answer a grouping question) are hidden with no rule.
    hidden: Option<Option<Rule>>,
    /// Whether a reader must not be able to recover it.
    protect: bool,
    /// Never chosen as a complementary cell (the question's respondents).
    fixed: bool,
    /// Hidden for a reason outside this grid; never published again.
    kept: bool,
    bounds: Bounds,
}

/// Parts that add up to a total.
#[derive(Debug, Clone)]
pub struct Line {
    pub parts: Vec<SlotId>,
    pub total: SlotId,
}

/// A table of counts and the sums that tie them together.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    slots: Vec<Slot>,
    lines: Vec<Line>,
    /// The smallest count that may be shown (counts 1..min_count are small).
    min_count: u64,
}

/// Why [`Grid::audit`] objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// The published figures fix this protected slot's value.
    Recoverable(SlotId),
    /// The hidden part of this line is known and is itself a small count, or its bounds pin a
    /// protected slot.
    Line(usize),
}

/// The grid could not be protected by hiding more slots; the caller must withhold all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unprotectable;

impl Grid {
    /// An empty grid whose visible counts are 0 or at least `min_count`.
    pub fn new(min_count: u64) -> Grid {
        Grid {
            min_count,
            ..Grid::default()
        }
    }

    /// Adds a published count.
    pub fn slot(&mut self, value: u64) -> SlotId {
        self.slots.push(Slot {
            value,
            hidden: None,
            protect: false,
            fixed: false,
            kept: false,
            bounds: Bounds::UNKNOWN,
        });
        self.slots.len() - 1
    }

    /// Ties `parts` to `total`.
    pub fn line(&mut self, parts: Vec<SlotId>, total: SlotId) {
        self.lines.push(Line { parts, total });
    }

    /// Hides a slot under `rule` (primary suppression). A hidden zero needs no protection: a
    /// count of zero says nothing about any person.
    pub fn hide(&mut self, slot: SlotId, rule: Rule, bounds: Bounds) {
        let entry = &mut self.slots[slot];
        if entry.hidden.is_none() {
            entry.hidden = Some(Some(rule));
            entry.bounds = bounds;
        }
        entry.protect |= entry.value > 0;
    }

    /// Hides a slot as complementary for a reason outside this grid (what another question
    /// hides), so that it stays hidden even when this grid alone would let it be shown.
    pub fn withhold(&mut self, slot: SlotId) {
        self.hide(slot, Rule::Complementary, Bounds::UNKNOWN);
        self.slots[slot].kept = true;
    }

    /// Marks a slot as never published; `protect` when it would have been hidden if shown.
    pub fn unpublished(&mut self, slot: SlotId, protect: bool) {
        let entry = &mut self.slots[slot];
        entry.hidden = Some(None);
        entry.bounds = Bounds::UNKNOWN;
        entry.protect = protect && entry.value > 0;
    }

    /// Keeps a slot published: it is never chosen as a complementary cell.
    pub fn fix(&mut self, slot: SlotId) {
        self.slots[slot].fixed = true;
    }

    pub fn value(&self, slot: SlotId) -> u64 {
        self.slots[slot].value
    }

    pub fn is_hidden(&self, slot: SlotId) -> bool {
        self.slots[slot].hidden.is_some()
    }

    /// The rule that hid a slot, if it is hidden and would have been published.
    #[cfg(test)]
    pub fn rule(&self, slot: SlotId) -> Option<Rule> {
        self.slots[slot].hidden.flatten()
    }

    /// Hides every slot, fixed ones included: the last resort when nothing else protects.
    pub fn withhold_all(&mut self) {
        for slot in &mut self.slots {
            if slot.hidden.is_none() {
                slot.hidden = Some(Some(Rule::Complementary));
                slot.bounds = Bounds::UNKNOWN;
            }
        }
    }

    /// Complementary suppression: hides the smallest visible non-zero slot of an offending line
    /// until the audit passes. Deterministic: the same grid always hides the same slots.
    pub fn protect(&mut self) -> Result<(), Unprotectable> {
        loop {
            let Some(violation) = self.audit().into_iter().next() else {
                return Ok(());
            };
            let candidate = match violation {
                // Mend a line within itself if it can be; else (its figures are all hidden or
                // determined elsewhere) where the figures that determine them are.
                Violation::Line(line) => self
                    .complement_in(&[line], false)
                    .or_else(|| self.complement_in(&[line], true)),
                Violation::Recoverable(slot) => {
                    let lines: Vec<usize> = (0..self.lines.len())
                        .filter(|&i| {
                            let line = &self.lines[i];
                            line.total == slot || line.parts.contains(&slot)
                        })
                        .collect();
                    self.complement_in(&lines, true)
                }
            };
            let Some(chosen) = candidate else {
                return Err(Unprotectable);
            };
            let min_count = self.min_count;
            let entry = &mut self.slots[chosen];
            entry.hidden = Some(Some(Rule::Complementary));
            entry.bounds = Bounds::at_least(min_count);
        }
    }

    /// The complementary cell for a violation found on `start` lines: the smallest visible,
    /// non-zero, non-fixed part of those lines; failing that, of the lines that share a hidden
    /// slot with them, and so on outwards (a rectangle of hidden cells often needs a cell two
    /// lines away). Totals are chosen only when no line of the connected lines has such a part.
    /// Without `reach`, only the `start` lines themselves are searched: a line whose own hidden
    /// part is too small is only mended within that line.
    fn complement_in(&self, start: &[usize], reach: bool) -> Option<SlotId> {
        let eligible = |slot: SlotId| {
            let entry = &self.slots[slot];
            entry.hidden.is_none() && !entry.fixed && entry.value > 0
        };
        let smallest = |slots: &mut dyn Iterator<Item = SlotId>| {
            slots
                .filter(|&slot| eligible(slot))
                .min_by_key(|&slot| (self.slots[slot].value, slot))
        };
        let mut seen = vec![false; self.lines.len()];
        let mut level: Vec<usize> = start.to_vec();
        for &line in &level {
            seen[line] = true;
        }
        let mut first_total = None;
        while !level.is_empty() {
            let mut parts = level
                .iter()
                .flat_map(|&l| self.lines[l].parts.iter().copied());
            if let Some(found) = smallest(&mut parts) {
                return Some(found);
            }
            if first_total.is_none() {
                first_total = smallest(&mut level.iter().map(|&l| self.lines[l].total));
            }
            if !reach {
                break;
            }
            let hidden: Vec<SlotId> = level
                .iter()
                .flat_map(|&l| {
                    let line = &self.lines[l];
                    line.parts.iter().copied().chain([line.total])
                })
                .filter(|&slot| self.slots[slot].hidden.is_some())
                .collect();
            level = (0..self.lines.len())
                .filter(|&l| {
                    !seen[l] && {
                        let line = &self.lines[l];
                        hidden.contains(&line.total)
                            || line.parts.iter().any(|p| hidden.contains(p))
                    }
                })
                .collect();
            for &line in &level {
                seen[line] = true;
            }
        }
        first_total
    }

    /// Every way a reader could recover a protected slot from what is published.
    pub fn audit(&self) -> Vec<Violation> {
        let determined = self.determined();
        let mut known = vec![false; self.slots.len()];
        for (slot, entry) in self.slots.iter().enumerate() {
            known[slot] = entry.hidden.is_none();
        }
        for &slot in &determined {
            known[slot] = true;
        }
        let mut violations: Vec<Violation> = (0..self.lines.len())
            .filter(|&line| self.line_discloses(line, &known))
            .map(Violation::Line)
            .collect();
        violations.extend(
            determined
                .into_iter()
                .filter(|&slot| self.slots[slot].protect)
                .map(Violation::Recoverable),
        );
        violations
    }

    /// Publishes the complementary slots that the published figures determine anyway: hiding
    /// them protects nothing, and a "withheld" that anyone can work out only confuses. What a
    /// reader can work out is unchanged, so the audit still passes.
    pub fn publish_determined_complements(&mut self) {
        for slot in self.determined() {
            let entry = &mut self.slots[slot];
            if entry.hidden == Some(Some(Rule::Complementary)) && !entry.protect && !entry.kept {
                entry.hidden = None;
                entry.bounds = Bounds::UNKNOWN;
            }
        }
    }

    /// Whether the unknown part of a line is small, or pins a protected slot by bounds. `known`
    /// marks the slots a reader knows: the published ones and the hidden ones the lines
    /// determine anyway.
    fn line_discloses(&self, index: usize, known: &[bool]) -> bool {
        let line = &self.lines[index];
        if !known[line.total] {
            return false;
        }
        let unknown: Vec<&Slot> = line
            .parts
            .iter()
            .filter(|&&slot| !known[slot])
            .map(|&slot| &self.slots[slot])
            .collect();
        if !unknown.iter().any(|slot| slot.protect) {
            return false;
        }
        let known_sum: u64 = line
            .parts
            .iter()
            .filter(|&&slot| known[slot])
            .map(|&slot| self.slots[slot].value)
            .sum();
        let total = self.slots[line.total].value;
        let rest = total.saturating_sub(known_sum);
        // A small unknown part discloses its cells as a group; when it is the whole line (a
        // small group nobody knows more of), it is only that group's size, protected apart.
        if rest < self.min_count && rest < total {
            return true;
        }
        let lows: u64 = unknown.iter().map(|slot| slot.bounds.low).sum();
        let highs: Option<u64> = unknown.iter().map(|slot| slot.bounds.high).sum();
        unknown.iter().filter(|slot| slot.protect).any(|slot| {
            let others_low = lows - slot.bounds.low;
            let mut high = rest.saturating_sub(others_low);
            if let Some(own) = slot.bounds.high {
                high = high.min(own);
            }
            let mut low = slot.bounds.low;
            if let (Some(highs), Some(own)) = (highs, slot.bounds.high) {
                low = low.max(rest.saturating_sub(highs - own));
            }
            high <= low
        })
    }

    /// Hidden slots whose value the lines determine, found by reducing the system of line
    /// equations (unknowns: the hidden slots) to reduced row echelon form in exact integer
    /// arithmetic: a slot is determined exactly when its pivot row has no other unknown.
    fn determined(&self) -> Vec<SlotId> {
        let unknowns: Vec<SlotId> = (0..self.slots.len())
            .filter(|&slot| self.slots[slot].hidden.is_some())
            .collect();
        if unknowns.is_empty() {
            return Vec::new();
        }
        let column_of = |slot: SlotId| unknowns.binary_search(&slot).ok();
        let mut rows: Vec<Vec<i64>> = Vec::new();
        for line in &self.lines {
            let mut row = vec![0i64; unknowns.len()];
            for &part in &line.parts {
                if let Some(column) = column_of(part) {
                    row[column] += 1;
                }
            }
            if let Some(column) = column_of(line.total) {
                row[column] -= 1;
            }
            if row.iter().any(|&x| x != 0) {
                rows.push(row);
            }
        }
        let pivots = reduce(&mut rows);
        pivots
            .into_iter()
            .filter(|&(row, _)| rows[row].iter().filter(|&&x| x != 0).count() == 1)
            .map(|(_, column)| unknowns[column])
            .collect()
    }
}

/// Reduces `rows` in place to reduced row echelon form (integer rows, each divided by the gcd of
/// its entries); returns the (row, column) of every pivot.
fn reduce(rows: &mut [Vec<i64>]) -> Vec<(usize, usize)> {
    let width = rows.first().map_or(0, Vec::len);
    let mut pivots = Vec::new();
    let mut next_row = 0;
    for column in 0..width {
        let Some(found) = (next_row..rows.len()).find(|&row| rows[row][column] != 0) else {
            continue;
        };
        rows.swap(next_row, found);
        for other in 0..rows.len() {
            if other == next_row || rows[other][column] == 0 {
                continue;
            }
            let (pivot, factor) = (rows[next_row][column], rows[other][column]);
            let (left, right) = if other < next_row {
                let (a, b) = rows.split_at_mut(next_row);
                (&mut a[other], &b[0])
            } else {
                let (a, b) = rows.split_at_mut(other);
                (&mut b[0], &a[next_row])
            };
            for (x, &p) in left.iter_mut().zip(right.iter()) {
                *x = *x * pivot - p * factor;
            }
            normalise(left);
        }
        pivots.push((next_row, column));
        next_row += 1;
        if next_row == rows.len() {
            break;
        }
    }
    pivots
}

/// Divides a row by the gcd of its entries, keeping the numbers small.
fn normalise(row: &mut [i64]) {
    let divisor = row.iter().fold(0i64, |g, &x| gcd(g, x.abs()));
    if divisor > 1 {
        for x in row.iter_mut() {
            *x /= divisor;
        }
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A one-row table: cells adding up to a visible, fixed total, with the usual primary rule.
    pub(crate) fn row(cells: &[u64]) -> (Grid, Vec<SlotId>, SlotId) {
        let mut grid = Grid::new(5);
        let ids: Vec<SlotId> = cells.iter().map(|&c| grid.slot(c)).collect();
        let total = grid.slot(cells.iter().sum());
        grid.fix(total);
        grid.line(ids.clone(), total);
        for &id in &ids {
            let value = grid.value(id);
            if (1..5).contains(&value) {
                grid.hide(id, Rule::SmallCount, Bounds::between(1, 4));
            }
        }
        (grid, ids, total)
    }

    /// What a reader can work out about a hidden cell of a one-row grid from its line: every
    /// value it can take such that the other hidden cells, within their shown bounds, make up
    /// the rest of the total. (Sums of integer ranges are ranges, so this is exact.)
    pub(crate) fn feasible_values(
        grid: &Grid,
        ids: &[SlotId],
        total: SlotId,
        cell: SlotId,
    ) -> Vec<u64> {
        let rest = grid.value(total)
            - ids
                .iter()
                .filter(|&&id| !grid.is_hidden(id))
                .map(|&id| grid.value(id))
                .sum::<u64>();
        let range = |id: SlotId| {
            let bounds = grid.slots[id].bounds;
            (bounds.low, bounds.high.unwrap_or(rest).min(rest))
        };
        let (others_low, others_high) = ids
            .iter()
            .filter(|&&id| id != cell && grid.is_hidden(id))
            .map(|&id| range(id))
            .fold((0, 0), |(l, h), (a, b)| (l + a, h + b));
        let (low, high) = range(cell);
        (low..=high)
            .filter(|&v| v <= rest && (others_low..=others_high).contains(&(rest - v)))
            .collect()
    }

    #[test]
    fn a_cell_of_three_among_larger_cells_takes_the_next_smallest_with_it() {
        let (mut grid, ids, total) = row(&[3, 12, 20, 40]);
        grid.protect().unwrap();
        assert!(grid.is_hidden(ids[0]));
        assert_eq!(grid.rule(ids[0]), Some(Rule::SmallCount));
        assert_eq!(
            grid.rule(ids[1]),
            Some(Rule::Complementary),
            "the next smallest"
        );
        assert!(!grid.is_hidden(ids[2]) && !grid.is_hidden(ids[3]) && !grid.is_hidden(total));
        assert!(feasible_values(&grid, &ids, total, ids[0]).len() > 1);
    }

    #[test]
    fn total_minus_visible_cells_never_reveals_a_hidden_one() {
        // 4 alone would be 75 - 71; hiding 4 and 6 leaves 10 to share.
        let (mut grid, ids, total) = row(&[4, 6, 25, 40]);
        grid.protect().unwrap();
        let hidden: Vec<u64> = ids
            .iter()
            .filter(|&&id| grid.is_hidden(id))
            .map(|&id| grid.value(id))
            .collect();
        assert_eq!(hidden, [4, 6]);
        assert!(grid.audit().is_empty());
        for &id in &ids {
            if grid.is_hidden(id) {
                assert!(feasible_values(&grid, &ids, total, id).len() > 1, "{id}");
            }
        }
    }

    #[test]
    fn bounds_would_pin_a_one_beside_a_five_so_a_third_cell_is_hidden() {
        // Hidden 1 (shown "fewer than 5") and 5 (complementary, so at least 5) leave 6: the
        // reader could only split it 1 + 5.
        let (mut grid, ids, total) = row(&[1, 5, 30, 40]);
        grid.protect().unwrap();
        assert!(grid.is_hidden(ids[2]), "a third cell must be hidden");
        assert!(feasible_values(&grid, &ids, total, ids[0]).len() > 1);
    }

    #[test]
    fn two_small_cells_whose_sum_is_small_take_a_third() {
        let (mut grid, ids, _) = row(&[1, 2, 30, 40]);
        grid.protect().unwrap();
        assert!(
            grid.is_hidden(ids[2]),
            "1 + 2 = 3 would itself be a small count"
        );
        assert!(!grid.is_hidden(ids[3]));
    }

    #[test]
    fn zero_cells_are_shown_and_never_used_as_complements() {
        let (mut grid, ids, _) = row(&[3, 0, 0, 30]);
        grid.protect().unwrap();
        assert!(!grid.is_hidden(ids[1]) && !grid.is_hidden(ids[2]));
        assert!(grid.is_hidden(ids[3]));
    }

    #[test]
    fn a_row_with_one_cell_cannot_be_protected() {
        let (mut grid, _, _) = row(&[3]);
        assert_eq!(grid.protect(), Err(Unprotectable));
    }

    #[test]
    fn a_suppressed_group_cannot_be_recovered_from_the_overall_row() {
        // Two groups and a column total: hiding group B's cells alone would leave overall
        // minus group A.
        let mut grid = Grid::new(5);
        let overall = [grid.slot(20), grid.slot(30)];
        let n = grid.slot(50);
        grid.fix(n);
        grid.line(overall.to_vec(), n);
        let a = [grid.slot(12), grid.slot(26)];
        let b = [grid.slot(8), grid.slot(4)];
        let sizes = [grid.slot(38), grid.slot(12)];
        grid.line(a.to_vec(), sizes[0]);
        grid.line(b.to_vec(), sizes[1]);
        for column in 0..2 {
            grid.line(vec![a[column], b[column]], overall[column]);
        }
        grid.line(sizes.to_vec(), n);
        grid.hide(b[1], Rule::SmallCount, Bounds::between(1, 4));
        grid.protect().unwrap();
        assert!(grid.audit().is_empty());
        assert!(grid.is_hidden(b[1]));
        // Column 2 needs a second hidden cell, and so does each row that then has one.
        assert!(grid.is_hidden(a[1]) || grid.is_hidden(overall[1]));
    }

    #[test]
    fn reduce_finds_determined_unknowns() {
        // x + y = a, y = b  =>  x and y both determined.
        let mut rows = vec![vec![1, 1], vec![0, 1]];
        let pivots = reduce(&mut rows);
        assert_eq!(pivots, [(0, 0), (1, 1)]);
        assert_eq!(rows, [vec![1, 0], vec![0, 1]]);
        // x + y = a alone determines neither.
        let mut rows = vec![vec![1, 1]];
        reduce(&mut rows);
        assert_eq!(rows, [vec![1, 1]]);
    }

    /// A linear congruential generator: no dependency, same tables on every run.
    pub(crate) struct Lcg(pub u64);

    impl Lcg {
        pub(crate) fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }
    }

    #[test]
    fn random_rows_never_let_a_hidden_cell_be_worked_out() {
        let mut random = Lcg(7);
        for _ in 0..3_000 {
            let width = 2 + random.below(6) as usize;
            let cells: Vec<u64> = (0..width)
                .map(|_| match random.below(4) {
                    0 => 0,
                    1 => 1 + random.below(4),
                    _ => random.below(40),
                })
                .collect();
            let (mut grid, ids, total) = row(&cells);
            if grid.protect().is_err() {
                continue;
            }
            assert!(grid.audit().is_empty(), "{cells:?}");
            for &id in &ids {
                if grid.rule(id) == Some(Rule::SmallCount) {
                    let options = feasible_values(&grid, &ids, total, id);
                    assert!(
                        options.len() > 1,
                        "{cells:?}: cell {id} is pinned to {options:?}"
                    );
                }
            }
        }
    }
}
