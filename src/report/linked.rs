//! Everything published about a survey as one linked system, the way the attacker of
//! `docs/disclosure.md` sees it: every figure of every question, breakdown and release is an
//! unknown whole number or a known constant, tied by every relation a reader can know — rows
//! adding up, breakdowns adding up to the overall row, group sizes, the survey's response
//! count, skip logic (`show_if`, `required`), `max_selected`, and groups of two grouping
//! questions that nest. [`super::audit`] solves it; this module only describes it.
//!
//! The protected figures ([`Requirement`]) come from the true counts, which only the release
//! being written has; they are what must stay unknown: a count of 1 to 4 must be able to be 0
//! and 5 or more, a group under the minimum size must be able to be the minimum, and a group
//! whose members all answered alike (or all on one side of a scale) must be able to be mixed.

use super::matching::each_published;
use super::tally::{Counts, Tally, category_count};
use crate::survey::results::QuestionResult;
use crate::survey::{ConditionTest, DisclosureRules, Question, QuestionKind, Survey};

pub(crate) type FigureId = usize;
/// A linear expression over figures: (figure, coefficient).
pub(crate) type Terms = Vec<(FigureId, i64)>;

/// Where a figure is in a results file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// The survey's response count.
    Responses,
    /// A row's respondents (`cell: None`) or one of its cells.
    Row {
        question: usize,
        row: RowAt,
        cell: Option<usize>,
    },
}

/// A row of a question: overall, or one group of one breakdown. The group after the grouping
/// question's choices is the respondents who did not say: never published, always unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowAt {
    Overall,
    Group { breakdown: usize, group: usize },
}

#[derive(Debug, Clone)]
pub(crate) struct Figure {
    /// 0 for the release being written, then each earlier release.
    pub release: usize,
    pub place: Place,
    /// The published value; `None` while hidden (or never published).
    pub known: Option<i64>,
    /// Whether the figure could be published at all (the "did not say" rows cannot).
    pub publishable: bool,
    /// A value consistent with everything (the true count for release 0): the audit's first
    /// witness that a bound can be reached.
    pub truth: i64,
}

/// `Σ terms = 0` (`equal`) or `Σ terms ≤ 0`.
#[derive(Debug, Clone)]
pub(crate) struct Relation {
    pub terms: Terms,
    pub equal: bool,
}

/// What a reader must not be able to rule out about an expression over the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    /// Some consistent value is at most this.
    AtMost(i64),
    /// Some consistent value is at least this.
    AtLeast(i64),
}

#[derive(Debug, Clone)]
pub(crate) struct Requirement {
    pub terms: Terms,
    pub bound: Bound,
    /// The question the protected figure belongs to: suppression looks there first.
    pub question: Option<usize>,
}

/// The figure ids of one row.
#[derive(Debug, Clone)]
pub(crate) struct RowIds {
    pub size: FigureId,
    pub cells: Vec<FigureId>,
}

/// The figure ids of one question: its overall row and, per grouping question, one row per
/// group and a last one for respondents who did not say. `None` for free text.
#[derive(Debug, Clone)]
pub(crate) struct QuestionIds {
    pub overall: RowIds,
    pub breakdowns: Vec<Vec<RowIds>>,
}

/// Where one release's figures are in the system.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub responses: FigureId,
    pub questions: Vec<Option<QuestionIds>>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct System {
    pub figures: Vec<Figure>,
    pub relations: Vec<Relation>,
    pub requirements: Vec<Requirement>,
    /// Per figure, what is hidden with it: a group whose size its grouping question's table
    /// hides is withheld whole from every breakdown, since a reader who assumes that nearly
    /// everyone answered would read its size there.
    pub together: Vec<Vec<FigureId>>,
}

/// Whether a question's answers are free text (never counted, never published).
pub(crate) fn is_text(question: &Question) -> bool {
    matches!(
        question.kind,
        QuestionKind::Text { .. } | QuestionKind::LongText { .. }
    )
}

/// Whether every response answers the question: required and shown to all.
pub(crate) fn answered_by_all(question: &Question) -> bool {
    question.required && question.show_if.is_none()
}

/// Whether each respondent's answer falls in exactly one category.
fn is_additive(question: &Question) -> bool {
    match &question.kind {
        QuestionKind::Multiple { max_selected, .. } => *max_selected == Some(1),
        _ => true,
    }
}

/// The two sides of a scale (below and above its middle point), as category indices; none
/// for other questions. A group whose answers all lie on one side discloses every member's
/// stance as surely as a unanimous one.
fn sides(question: &Question) -> Option<[Vec<usize>; 2]> {
    let points = match question.kind {
        QuestionKind::Likert { points, .. } => usize::from(points),
        QuestionKind::Rating { .. } => 11,
        _ => return None,
    };
    let below = (0..points).filter(|&p| 2 * p + 1 < points).collect();
    let above = (0..points).filter(|&p| 2 * p + 1 > points).collect();
    Some([below, above])
}

impl System {
    pub(crate) fn figure(&mut self, release: usize, place: Place, publishable: bool) -> FigureId {
        self.figures.push(Figure {
            release,
            place,
            known: None,
            publishable,
            truth: 0,
        });
        self.figures.len() - 1
    }

    pub(crate) fn relate(&mut self, terms: Terms, equal: bool) {
        self.relations.push(Relation { terms, equal });
    }

    fn require(&mut self, terms: Terms, bound: Bound, question: usize) {
        self.requirements.push(Requirement {
            terms,
            bound,
            question: Some(question),
        });
    }

    /// Adds one release's figures (all unknown) and every relation the survey definition
    /// gives between them.
    pub(crate) fn add_release(&mut self, survey: &Survey, release: usize) -> Layout {
        let groupings: Vec<usize> = survey.grouping_indices();
        let responses = self.figure(release, Place::Responses, true);
        let mut questions = Vec::with_capacity(survey.questions.len());
        for (index, question) in survey.questions.iter().enumerate() {
            if is_text(question) {
                questions.push(None);
                continue;
            }
            let width = category_count(question);
            let row = |system: &mut System, row: RowAt, publishable: bool| {
                let place = |cell| Place::Row {
                    question: index,
                    row,
                    cell,
                };
                RowIds {
                    size: system.figure(release, place(None), publishable),
                    cells: (0..width)
                        .map(|c| system.figure(release, place(Some(c)), publishable))
                        .collect(),
                }
            };
            let overall = row(self, RowAt::Overall, true);
            let mut breakdowns = Vec::new();
            if !question.group {
                for (breakdown, &g) in groupings.iter().enumerate() {
                    let groups = survey.questions[g].choices().len();
                    breakdowns.push(
                        (0..=groups)
                            .map(|group| {
                                row(self, RowAt::Group { breakdown, group }, group < groups)
                            })
                            .collect(),
                    );
                }
            }
            questions.push(Some(QuestionIds {
                overall,
                breakdowns,
            }));
        }
        let layout = Layout {
            responses,
            questions,
        };
        self.relate_release(survey, &layout, &groupings);
        self.together.resize(self.figures.len(), Vec::new());
        for (breakdown, &g) in groupings.iter().enumerate() {
            let Some(own) = &layout.questions[g] else {
                continue;
            };
            for (group, &cell) in own.overall.cells.iter().enumerate() {
                let rows = layout
                    .questions
                    .iter()
                    .flatten()
                    .filter_map(|ids| ids.breakdowns.get(breakdown).map(|rows| &rows[group]));
                let members: Vec<FigureId> = rows
                    .flat_map(|row| std::iter::once(row.size).chain(row.cells.iter().copied()))
                    .collect();
                self.together[cell] = members;
            }
        }
        layout
    }

    fn relate_release(&mut self, survey: &Survey, layout: &Layout, groupings: &[usize]) {
        let n = layout.responses;
        for (index, question) in survey.questions.iter().enumerate() {
            let Some(ids) = &layout.questions[index] else {
                continue;
            };
            let all = answered_by_all(question);
            self.relate(vec![(ids.overall.size, 1), (n, -1)], all);
            for row in std::iter::once(&ids.overall).chain(ids.breakdowns.iter().flatten()) {
                self.relate_row(question, row);
            }
            for (breakdown, rows) in ids.breakdowns.iter().enumerate() {
                let grouping = groupings[breakdown];
                let own = &layout.questions[grouping]
                    .as_ref()
                    .expect("grouping questions are not free text")
                    .overall;
                for (group, row) in rows.iter().enumerate() {
                    // Respondents in a group answer at most as often as the group has members.
                    let members = match own.cells.get(group) {
                        Some(&cell) => vec![(row.size, 1), (cell, -1)],
                        None => vec![(row.size, 1), (n, -1), (own.size, 1)],
                    };
                    self.relate(members, all);
                }
                self.relate(
                    rows.iter()
                        .map(|row| (row.size, 1))
                        .chain([(ids.overall.size, -1)])
                        .collect(),
                    true,
                );
                for (cell, &total) in ids.overall.cells.iter().enumerate() {
                    self.relate(
                        rows.iter()
                            .map(|row| (row.cells[cell], 1))
                            .chain([(total, -1)])
                            .collect(),
                        true,
                    );
                }
            }
            self.relate_skip_logic(survey, layout, index, groupings);
        }
    }

    /// A row's cells against its respondents.
    pub(crate) fn relate_row(&mut self, question: &Question, row: &RowIds) {
        if row.cells.is_empty() {
            return;
        }
        let sum = |system: &mut System, size: i64, equal: bool| {
            let terms = row
                .cells
                .iter()
                .map(|&c| (c, 1))
                .chain([(row.size, -size)])
                .collect();
            system.relate(terms, equal);
        };
        if is_additive(question) {
            sum(self, 1, true);
            return;
        }
        if let QuestionKind::Multiple {
            min_selected,
            max_selected,
            ..
        } = &question.kind
        {
            for &cell in &row.cells {
                self.relate(vec![(cell, 1), (row.size, -1)], false);
            }
            // Every answer picks at least one choice (at least `min_selected`).
            let least = min_selected.unwrap_or(1).max(1) as i64;
            let terms = row
                .cells
                .iter()
                .map(|&c| (c, -1))
                .chain([(row.size, least)])
                .collect();
            self.relate(terms, false);
            if let Some(most) = max_selected {
                sum(self, *most as i64, false);
            }
        }
    }

    /// A question shown only on some answers to an earlier one: in every row, its respondents
    /// are at most (when required: exactly) those who gave those answers.
    fn relate_skip_logic(
        &mut self,
        survey: &Survey,
        layout: &Layout,
        index: usize,
        groupings: &[usize],
    ) {
        let question = &survey.questions[index];
        let Some(condition) = &question.show_if else {
            return;
        };
        let Some(parent_index) = survey
            .questions
            .iter()
            .position(|q| q.id == condition.question)
        else {
            return;
        };
        let parent = &survey.questions[parent_index];
        let (Some(ids), Some(parent_ids)) =
            (&layout.questions[index], &layout.questions[parent_index])
        else {
            return;
        };
        let picked: Option<Vec<usize>> = match &condition.test {
            ConditionTest::Answered => None,
            ConditionTest::Equals(id) => Some(vec![id.clone()]),
            ConditionTest::OneOf(ids) => Some(ids.clone()),
        }
        .map(|ids| {
            ids.iter()
                .filter_map(|id| parent.choices().iter().position(|c| &c.id == id))
                .collect()
        });
        let exact = question.required
            && (is_additive(parent) || picked.as_ref().is_none_or(|p| p.len() == 1));
        let link = |system: &mut System, row: &RowIds, parent_row: &RowIds| {
            let mut terms = vec![(row.size, 1)];
            match &picked {
                None => terms.push((parent_row.size, -1)),
                Some(picked) => terms.extend(picked.iter().map(|&c| (parent_row.cells[c], -1))),
            }
            system.relate(terms, exact);
            if let (Some(picked), true) = (&picked, question.required) {
                for &c in picked {
                    system.relate(vec![(parent_row.cells[c], 1), (row.size, -1)], false);
                }
            }
        };
        link(self, &ids.overall, &parent_ids.overall);
        if parent.group {
            // Shown to some groups only: the others' rows are empty.
            let Some(breakdown) = groupings.iter().position(|&g| g == parent_index) else {
                return;
            };
            if let (Some(rows), Some(picked)) = (ids.breakdowns.get(breakdown), &picked) {
                for (group, row) in rows.iter().enumerate() {
                    if !picked.contains(&group) {
                        self.relate(vec![(row.size, 1)], true);
                    }
                }
            }
            return;
        }
        for (rows, parent_rows) in ids.breakdowns.iter().zip(&parent_ids.breakdowns) {
            for (row, parent_row) in rows.iter().zip(parent_rows) {
                link(self, row, parent_row);
            }
        }
    }

    /// Groups that nest in the data (every member of one is in another) are known to an
    /// insider: in every question the smaller group's row is at most the larger one's, and
    /// their difference is itself a group, protected like any other.
    pub(crate) fn relate_nesting(
        &mut self,
        survey: &Survey,
        layout: &Layout,
        tally: &Tally,
        rules: &DisclosureRules,
    ) {
        let groupings: Vec<usize> = survey.grouping_indices();
        let mut pair = 0;
        for first in 0..groupings.len() {
            for second in first + 1..groupings.len() {
                let crossing = &tally.crossings[pair];
                pair += 1;
                let width = survey.questions[groupings[second]].choices().len() + 1;
                let height = crossing.len() / width;
                let row_sum = |a: usize| (0..width).map(|b| crossing[a * width + b]).sum::<u64>();
                let column_sum =
                    |b: usize| (0..height).map(|a| crossing[a * width + b]).sum::<u64>();
                for a in 0..height {
                    for b in 0..width {
                        let both = crossing[a * width + b];
                        if both == 0 {
                            continue;
                        }
                        let (size_a, size_b) = (row_sum(a), column_sum(b));
                        if both == size_b {
                            let (big, small) = ((first, a), (second, b));
                            self.nest(survey, layout, tally, rules, &groupings, big, small);
                        }
                        if both == size_a && size_a != size_b {
                            let (big, small) = ((second, b), (first, a));
                            self.nest(survey, layout, tally, rules, &groupings, big, small);
                        }
                    }
                }
            }
        }
    }

    /// `small` (breakdown, group) is contained in `big`.
    #[allow(clippy::too_many_arguments)]
    fn nest(
        &mut self,
        survey: &Survey,
        layout: &Layout,
        tally: &Tally,
        rules: &DisclosureRules,
        groupings: &[usize],
        big: (usize, usize),
        small: (usize, usize),
    ) {
        // The grouping questions' own tables: the group sizes.
        let own = |b: usize| {
            layout.questions[groupings[b]]
                .as_ref()
                .map(|ids| ids.overall.cells.clone())
        };
        if let (Some(big_cells), Some(small_cells)) = (own(big.0), own(small.0))
            && let (Some(&big_cell), Some(&small_cell)) =
                (big_cells.get(big.1), small_cells.get(small.1))
        {
            self.relate(vec![(small_cell, 1), (big_cell, -1)], false);
        }
        for (index, question) in survey.questions.iter().enumerate() {
            let Some(ids) = &layout.questions[index] else {
                continue;
            };
            if ids.breakdowns.is_empty() {
                continue;
            }
            let big_row = &ids.breakdowns[big.0][big.1];
            let small_row = &ids.breakdowns[small.0][small.1];
            for (&b, &s) in std::iter::once(&big_row.size)
                .chain(&big_row.cells)
                .zip(std::iter::once(&small_row.size).chain(&small_row.cells))
            {
                self.relate(vec![(s, 1), (b, -1)], false);
            }
            let counts = &tally.questions[index].groups;
            let (big_counts, small_counts) = (&counts[big.0][big.1], &counts[small.0][small.1]);
            let difference = Counts {
                respondents: big_counts.respondents - small_counts.respondents,
                cells: big_counts
                    .cells
                    .iter()
                    .zip(&small_counts.cells)
                    .map(|(b, s)| b - s)
                    .collect(),
                values: Vec::new(),
            };
            let minus = |b: FigureId, s: FigureId| vec![(b, 1), (s, -1)];
            let row = Derived {
                size: minus(big_row.size, small_row.size),
                cells: big_row
                    .cells
                    .iter()
                    .zip(&small_row.cells)
                    .map(|(&b, &s)| minus(b, s))
                    .collect(),
                protect_size: true,
                whole: false,
            };
            self.protect_row(question, index, &row, &difference, rules);
        }
    }

    /// The requirements of the release being written, from its true counts.
    pub(crate) fn protect_release(
        &mut self,
        survey: &Survey,
        layout: &Layout,
        tally: &Tally,
        rules: &DisclosureRules,
    ) {
        self.figures[layout.responses].truth = tally.responses as i64;
        for (ids, counts) in layout.questions.iter().zip(&tally.questions) {
            let Some(ids) = ids else { continue };
            let groups = counts.groups.iter().flatten();
            let rows = ids.breakdowns.iter().flatten();
            for (row, truth) in std::iter::once(&ids.overall)
                .chain(rows)
                .zip(std::iter::once(&counts.overall).chain(groups))
            {
                self.figures[row.size].truth = truth.respondents as i64;
                for (&cell, &value) in row.cells.iter().zip(&truth.cells) {
                    self.figures[cell].truth = value as i64;
                }
            }
        }
        if tally.responses < rules.min_group_size {
            let terms = vec![(layout.responses, 1)];
            self.require(terms, Bound::AtLeast(rules.min_group_size as i64), 0);
        }
        for (index, question) in survey.questions.iter().enumerate() {
            let Some(ids) = &layout.questions[index] else {
                continue;
            };
            let counts = &tally.questions[index];
            if question.group {
                // Its cells are group sizes.
                let whole = Derived::of(&ids.overall, true, true);
                let truth = &counts.overall;
                self.protect_row(question, index, &whole, truth, rules);
                for (&cell, &value) in ids.overall.cells.iter().zip(&truth.cells) {
                    if (1..rules.min_group_size).contains(&value) {
                        let at_least = Bound::AtLeast(rules.min_group_size as i64);
                        self.require(vec![(cell, 1)], at_least, index);
                    }
                }
                continue;
            }
            let overall = Derived::of(&ids.overall, true, false);
            self.protect_row(question, index, &overall, &counts.overall, rules);
            for (rows, groups) in ids.breakdowns.iter().zip(&counts.groups) {
                for (group, (row, truth)) in rows.iter().zip(groups).enumerate() {
                    let said = group + 1 < rows.len();
                    let derived = Derived::of(row, said, false);
                    self.protect_row(question, index, &derived, truth, rules);
                }
            }
        }
    }

    /// The change between an earlier release's fully published row and the same row now is
    /// the answers of the people who responded in between: a group like any other.
    pub(crate) fn protect_change(
        &mut self,
        question: &Question,
        index: usize,
        (now, before): (&RowIds, &RowIds),
        change: &Counts,
        rules: &DisclosureRules,
    ) {
        let minus = |a: FigureId, b: FigureId| vec![(a, 1), (b, -1)];
        let row = Derived {
            size: minus(now.size, before.size),
            cells: now
                .cells
                .iter()
                .zip(&before.cells)
                .map(|(&a, &b)| minus(a, b))
                .collect(),
            protect_size: true,
            whole: question.group,
        };
        self.protect_row(question, index, &row, change, rules);
        if question.group {
            for (cell, &value) in row.cells.iter().zip(&change.cells) {
                if (1..rules.min_group_size).contains(&value) {
                    let at_least = Bound::AtLeast(rules.min_group_size as i64);
                    self.require(cell.clone(), at_least, index);
                }
            }
        }
    }

    /// Relates every figure of an earlier release to the same figure now: at most it (the
    /// store only grows), or equal when both releases count the same responses.
    pub(crate) fn relate_releases(&mut self, now: &Layout, before: &Layout, same_responses: bool) {
        self.relate(
            vec![(before.responses, 1), (now.responses, -1)],
            same_responses,
        );
        for (a, b) in now.questions.iter().zip(&before.questions) {
            let (Some(a), Some(b)) = (a, b) else { continue };
            let rows_a = std::iter::once(&a.overall).chain(a.breakdowns.iter().flatten());
            let rows_b = std::iter::once(&b.overall).chain(b.breakdowns.iter().flatten());
            for (row_a, row_b) in rows_a.zip(rows_b) {
                let figures_a = std::iter::once(row_a.size).chain(row_a.cells.iter().copied());
                let figures_b = std::iter::once(row_b.size).chain(row_b.cells.iter().copied());
                for (x, y) in figures_a.zip(figures_b) {
                    self.relate(vec![(y, 1), (x, -1)], same_responses);
                }
            }
        }
    }

    /// What must stay unknown about one row (a real one, or the difference of two nested
    /// groups), given its true counts.
    pub(crate) fn protect_row(
        &mut self,
        question: &Question,
        index: usize,
        row: &Derived,
        truth: &Counts,
        rules: &DisclosureRules,
    ) {
        let n = truth.respondents;
        if n == 0 {
            return;
        }
        let (min_group, min_count) = (rules.min_group_size as i64, rules.min_count as i64);
        if row.protect_size && n < rules.min_group_size {
            self.require(row.size.clone(), Bound::AtLeast(min_group), index);
        }
        if row.whole {
            // A grouping question's own row: its cells are group sizes, protected apart.
            return;
        }
        // In a row whose size is no secret (respondents who did not say), "could be 5 or more"
        // can only mean "could be all of them".
        let cap = if row.protect_size {
            min_count
        } else {
            min_count.min(n as i64)
        };
        let small = |value: u64| (1..rules.min_count).contains(&value);
        let minus = |a: &Terms, b: &Terms| -> Terms {
            a.iter()
                .copied()
                .chain(b.iter().map(|&(f, c)| (f, -c)))
                .collect()
        };
        let unanimous_possible = n < rules.unanimous_min_group;
        for (cell, &value) in row.cells.iter().zip(&truth.cells) {
            if small(value) {
                self.require(cell.clone(), Bound::AtMost(0), index);
                self.require(cell.clone(), Bound::AtLeast(cap), index);
            }
            let rest = n - value;
            let rest_terms = minus(&row.size, cell);
            if !is_additive(question) && small(rest) {
                self.require(rest_terms.clone(), Bound::AtMost(0), index);
                self.require(rest_terms.clone(), Bound::AtLeast(cap), index);
            }
            if rest == 0 && unanimous_possible {
                let mixed = Bound::AtLeast(min_count.min(n as i64));
                self.require(rest_terms, mixed, index);
            }
        }
        if let Some(sides) = sides(question).filter(|_| unanimous_possible) {
            for side in sides {
                let on_side: u64 = side.iter().map(|&c| truth.cells[c]).sum();
                if on_side == n {
                    let side_terms: Terms =
                        side.iter().flat_map(|&c| row.cells[c].clone()).collect();
                    let mixed = Bound::AtLeast(min_count.min(n as i64));
                    self.require(minus(&row.size, &side_terms), mixed, index);
                }
            }
        }
    }
}

/// A row as expressions: a real row (each expression one figure) or the difference of two.
pub(crate) struct Derived {
    size: Terms,
    cells: Vec<Terms>,
    /// Whether its size is protected (not for respondents who did not say: the survey's and
    /// the grouping question's counts give it).
    protect_size: bool,
    /// A grouping question's own row.
    whole: bool,
}

impl Derived {
    pub(crate) fn of(row: &RowIds, protect_size: bool, whole: bool) -> Derived {
        Derived {
            size: vec![(row.size, 1)],
            cells: row.cells.iter().map(|&c| vec![(c, 1)]).collect(),
            protect_size,
            whole,
        }
    }
}

/// Sets the published values of one release's figures from its results file. `Err` says what
/// of the file has no place in the survey's layout ([`super::matching`]).
pub(crate) fn publish(
    system: &mut System,
    survey: &Survey,
    layout: &Layout,
    results: &[QuestionResult],
    responses: Option<u64>,
) -> Result<(), String> {
    system.figures[layout.responses].known = responses.map(|n| n as i64);
    each_published(survey, layout, results, |id, value| {
        system.figures[id].known = value;
    })
}

/// Marks the figures of release 0 that an earlier release of the same responses published as
/// known to every reader, whatever this release shows: they cannot be hidden any more. `false`
/// when a published value is not the true count (not the same responses after all) or has no
/// place in the layout.
pub(crate) fn already_public(
    system: &mut System,
    survey: &Survey,
    layout: &Layout,
    results: &[QuestionResult],
    responses: Option<u64>,
) -> bool {
    let mut consistent = true;
    let mut mark = |id: FigureId, value: Option<i64>| {
        if let Some(value) = value {
            let figure = &mut system.figures[id];
            consistent &= figure.truth == value;
            figure.known = Some(value);
            figure.publishable = false;
        }
    };
    mark(layout.responses, responses.map(|n| n as i64));
    let placed = each_published(survey, layout, results, &mut mark);
    placed.is_ok() && consistent
}
