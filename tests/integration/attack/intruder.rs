//! The intruder of issue 12, written apart from the audit it tests: an integer program over
//! what a reader of the site knows, asked "could this hidden figure be something else?".
//!
//! What the intruder knows, and nothing more:
//! - **Every published release** of the survey's results (earlier files stay in git history and
//!   in readers' copies), with the thresholds each one states, and that responses are only ever
//!   added between releases: each release's counts are the previous release's plus the counts of
//!   the responses added since, which themselves form a table obeying every rule below.
//! - **The survey definition**: the questions, their choices and scales, `required`,
//!   `show_if` (a follow-up is answered by at most — for a required one exactly — the people who
//!   gave the answer that shows it, in every group), `min_selected`/`max_selected`, and which
//!   questions group the results.
//! - **Arithmetic of tallies**: every count is a whole number from 0 up; a row's cells add up to
//!   its respondents (multiple choice: each cell at most the respondents, the cells together
//!   between `min_selected` and `max_selected` times them); each group's cells and sizes add up,
//!   with the never-published row of people who skipped the grouping question, to the overall
//!   ones; a question's respondents in a group are at most (a required question: exactly) the
//!   group's size; nobody answers more than once.
//! - **What the labels say**, as the methods page explains them: "fewer than 5" is 1 to 4,
//!   "fewer than 10" is 1 to 9 for a group (0 to 9 for one of its cells), and — only while the
//!   labels name rules at all — "withheld" in a row whose size is shown is 0 or at least 5.
//!   Whole-number percentages (rounded half up) bound the count they stand beside.
//! - **The methods note's per-rule counts**, when a release has them (and labels name rules):
//!   how many figures the unanimity rule hid tells how many withheld cells are a whole group.
//! - **Background knowledge** a test hands it: groups that nest in other groups (everyone in
//!   Europe is in business), so a question's figures for the inner group are at most the outer
//!   group's.
//!
//! It knows no response. It reasons with exact integer programming (`good_lp` with the pure-Rust
//! `microlp` solver); a verdict of "impossible" is the solver proving infeasibility, so a leak it
//! reports is a real one (given the knowledge above), never a guess.

use std::collections::HashMap;

use candor::survey::{ConditionTest, Question, QuestionKind, Survey};
use good_lp::{Constraint, Expression, ProblemVariables, Variable, constraint, variable};

use super::published::{Figure, Release};
use super::solver::{self, Bounds, Linear};

/// One row of a question's table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RowKey {
    Overall,
    /// `(grouping question, group)`.
    Group(String, String),
    /// Respondents who did not answer this grouping question: never published, still there.
    Unsaid(String),
}

/// A figure of a row: its respondents or one of its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    Respondents,
    Cell(usize),
}

/// Whose counts: a release's, or those of the responses added just before release `t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Release(usize),
    Added(usize),
}

/// Where the tables of one set of responses live: `(question, row, slot)`.
pub type Place = (String, RowKey, Slot);

/// The true counts of one set of responses, for checking the intruder never rules them out.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub responses: u64,
    pub figures: HashMap<Place, u64>,
}

/// "Group `inner` lies wholly inside group `outer`", each `(grouping question, group)`.
#[derive(Debug, Clone)]
pub struct Nesting {
    pub outer: (String, String),
    pub inner: (String, String),
}

/// A value range a figure (any sum of figures) might take: the question put to the solver.
#[derive(Clone)]
pub struct Possibility {
    pub value: Expression,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
}

/// The solver's answer about a [`Possibility`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Possible,
    Impossible,
    /// The solver ran out of time: neither proven nor refuted.
    Undecided,
}

/// What a binary variable stands for.
enum Fact {
    NonZero(Expression),
    Equals(Expression, f64),
    AnyOf(Vec<Variable>),
}

/// The unknown counts of one set of responses.
struct Tally {
    responses: Variable,
    figures: HashMap<Place, Variable>,
}

/// Everything the intruder knows, as an integer program.
pub struct Intruder<'s> {
    pub survey: &'s Survey,
    pub releases: Vec<Release>,
    variables: ProblemVariables,
    constraints: Vec<Constraint>,
    /// The first release's responses, then those each later release added.
    tallies: Vec<Tally>,
    /// Binaries that stand for a fact about figures, in the order they were made.
    switches: Vec<(Variable, Fact)>,
    /// Solutions found so far: a possibility one of them satisfies needs no solver run.
    witnesses: Vec<HashMap<Variable, f64>>,
    every: Vec<Variable>,
    /// Each variable's index in `every`, and the bounds it was made with.
    index: HashMap<Variable, usize>,
    bounds: Bounds,
    /// The constraints in the solver's form, with bounds propagated once: made at the first
    /// question.
    prepared: Option<(Vec<Linear>, Bounds)>,
    big: f64,
    pub seconds_per_question: f64,
}

/// More people than any survey the tests make could have: the reader's knowledge of the
/// organisation's size, used only when a release hides its number of responses.
const ORGANISATION: u64 = 100_000;

/// The answer categories of a question's table (none for numbers and text).
pub fn categories(question: &Question) -> usize {
    match &question.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices, .. } => choices.len(),
        QuestionKind::Likert { points, .. } => usize::from(*points),
        QuestionKind::Rating { .. } => 11,
        _ => 0,
    }
}

/// The rows of a question's table: everyone, then each group and the skippers of each other
/// grouping question.
pub fn rows(survey: &Survey, question: &Question) -> Vec<RowKey> {
    let mut rows = vec![RowKey::Overall];
    for by in survey.grouping_questions().filter(|g| g.id != question.id) {
        for choice in by.choices() {
            rows.push(RowKey::Group(by.id.clone(), choice.id.clone()));
        }
        rows.push(RowKey::Unsaid(by.id.clone()));
    }
    rows
}

fn slots(question: &Question) -> impl Iterator<Item = Slot> {
    std::iter::once(Slot::Respondents).chain((0..categories(question)).map(Slot::Cell))
}

fn choice_index(question: &Question, id: &str) -> usize {
    question
        .choices()
        .iter()
        .position(|choice| choice.id == id)
        .unwrap_or_else(|| panic!("`{}` has no choice `{id}`", question.id))
}

impl<'s> Intruder<'s> {
    /// The intruder's knowledge of `survey` after reading `releases` (oldest first).
    pub fn new(survey: &'s Survey, releases: Vec<Release>, nesting: &[Nesting]) -> Intruder<'s> {
        // Every count is at most the responses of the last release (responses are only ever
        // added). When that release hides its total, the reader knows no more than the
        // organisation's size: `ORGANISATION` bounds it (check_truth verifies it does).
        let last = releases.last().and_then(|r| r.provenance.responses.count);
        let big = last.map_or(ORGANISATION, |n| n.max(100)) as f64;
        let mut intruder = Intruder {
            survey,
            releases,
            variables: ProblemVariables::new(),
            constraints: Vec::new(),
            tallies: Vec::new(),
            switches: Vec::new(),
            witnesses: Vec::new(),
            every: Vec::new(),
            index: HashMap::new(),
            bounds: Vec::new(),
            prepared: None,
            big,
            seconds_per_question: 20.0,
        };
        for _ in 0..intruder.releases.len() {
            intruder.add_tally();
        }
        for tally in 0..intruder.tallies.len() {
            intruder.tally_arithmetic(tally);
            for nest in nesting {
                intruder.nest(tally, nest);
            }
        }
        for release in 0..intruder.releases.len() {
            intruder.read_release(release);
        }
        intruder
    }

    /// A new whole-number unknown from 0 to `high`.
    fn unknown(&mut self, high: f64) -> Variable {
        let var = self.variables.add(variable().integer().clamp(0.0, high));
        self.index.insert(var, self.every.len());
        self.every.push(var);
        self.bounds.push((0.0, high));
        var
    }

    fn count_variable(&mut self) -> Variable {
        self.unknown(self.big)
    }

    fn add_tally(&mut self) {
        let responses = self.count_variable();
        let mut figures = HashMap::new();
        for question in &self.survey.questions {
            for row in rows(self.survey, question) {
                for slot in slots(question) {
                    let var = self.count_variable();
                    figures.insert((question.id.clone(), row.clone(), slot), var);
                }
            }
        }
        self.tallies.push(Tally { responses, figures });
    }

    fn at(&self, tally: usize, question: &str, row: &RowKey, slot: Slot) -> Expression {
        let key = (question.to_owned(), row.clone(), slot);
        Expression::from(self.tallies[tally].figures[&key])
    }

    fn tallies_of(view: View) -> std::ops::RangeInclusive<usize> {
        match view {
            View::Release(t) => 0..=t,
            View::Added(t) => t..=t,
        }
    }

    /// A figure as the intruder sees it: a sum of unknowns.
    pub fn figure(&self, view: View, question: &str, row: &RowKey, slot: Slot) -> Expression {
        Self::tallies_of(view).fold(Expression::from(0.0), |sum, t| {
            sum + self.at(t, question, row, slot)
        })
    }

    /// How many responses a view counts.
    pub fn responses(&self, view: View) -> Expression {
        Self::tallies_of(view).fold(Expression::from(0.0), |sum, t| {
            sum + self.tallies[t].responses
        })
    }

    fn size(&self, tally: usize, by: &str, group: &str) -> Expression {
        let index = choice_index(self.question(by), group);
        self.at(tally, by, &RowKey::Overall, Slot::Cell(index))
    }

    fn question(&self, id: &str) -> &'s Question {
        self.survey
            .question(id)
            .unwrap_or_else(|| panic!("the survey has no question `{id}`"))
    }

    /// The rules every set of responses obeys, whatever was published.
    fn tally_arithmetic(&mut self, t: usize) {
        let everyone = Expression::from(self.tallies[t].responses);
        for question in &self.survey.questions {
            let id = question.id.as_str();
            let respondents = self.at(t, id, &RowKey::Overall, Slot::Respondents);
            self.constraints
                .push(constraint!(respondents <= everyone.clone()));
            for row in rows(self.survey, question) {
                self.row_content(t, question, &row);
                let (audience, exact) = self.audience(t, question, &row);
                let answered = self.at(t, id, &row, Slot::Respondents);
                self.constraints.push(if question.required && exact {
                    constraint!(answered == audience)
                } else {
                    constraint!(answered <= audience)
                });
            }
            for by in self.survey.grouping_questions().filter(|g| g.id != id) {
                for slot in slots(question) {
                    let parts = by
                        .choices()
                        .iter()
                        .map(|c| RowKey::Group(by.id.clone(), c.id.clone()))
                        .chain([RowKey::Unsaid(by.id.clone())])
                        .fold(Expression::from(0.0), |sum, row| {
                            sum + self.at(t, id, &row, slot)
                        });
                    let whole = self.at(t, id, &RowKey::Overall, slot);
                    self.constraints.push(constraint!(parts == whole));
                }
            }
        }
    }

    /// How a row's cells relate to its respondents.
    fn row_content(&mut self, t: usize, question: &Question, row: &RowKey) {
        let n = self.at(t, &question.id, row, Slot::Respondents);
        let cells: Vec<Expression> = (0..categories(question))
            .map(|c| self.at(t, &question.id, row, Slot::Cell(c)))
            .collect();
        let sum = cells
            .iter()
            .fold(Expression::from(0.0), |sum, c| sum + c.clone());
        match &question.kind {
            QuestionKind::Single { .. }
            | QuestionKind::Likert { .. }
            | QuestionKind::Rating { .. } => {
                self.constraints.push(constraint!(sum == n));
            }
            QuestionKind::Multiple {
                min_selected,
                max_selected,
                ..
            } => {
                for cell in cells {
                    self.constraints.push(constraint!(cell <= n.clone()));
                }
                let least = min_selected.unwrap_or(1).max(1) as f64;
                self.constraints
                    .push(constraint!(sum.clone() >= least * n.clone()));
                if let Some(most) = max_selected {
                    self.constraints
                        .push(constraint!(sum <= (*most as f64) * n));
                }
            }
            _ => {}
        }
    }

    /// How many people of `row` were shown `question`, and whether that is exact (or a bound).
    fn audience(&self, t: usize, question: &Question, row: &RowKey) -> (Expression, bool) {
        let everyone = Expression::from(self.tallies[t].responses);
        let Some(condition) = &question.show_if else {
            return match row {
                RowKey::Overall => (everyone, true),
                RowKey::Group(by, group) => (self.size(t, by, group), true),
                RowKey::Unsaid(by) => {
                    let said = self.at(t, by, &RowKey::Overall, Slot::Respondents);
                    (everyone - said, true)
                }
            };
        };
        let before = self.question(&condition.question);
        let shown_by: Option<Vec<usize>> = match &condition.test {
            ConditionTest::Equals(value) => Some(vec![choice_index(before, value)]),
            ConditionTest::OneOf(values) => {
                Some(values.iter().map(|v| choice_index(before, v)).collect())
            }
            ConditionTest::Answered => None,
        };
        match row {
            RowKey::Group(by, group) if *by == before.id => {
                let shown = shown_by
                    .as_ref()
                    .is_none_or(|values| values.contains(&choice_index(before, group)));
                let size = if shown {
                    self.size(t, by, group)
                } else {
                    Expression::from(0.0)
                };
                (size, true)
            }
            RowKey::Unsaid(by) if *by == before.id => (Expression::from(0.0), true),
            _ => match shown_by {
                None => (self.at(t, &before.id, row, Slot::Respondents), true),
                Some(values) => {
                    let exact =
                        values.len() == 1 || matches!(before.kind, QuestionKind::Single { .. });
                    let sum = values.iter().fold(Expression::from(0.0), |sum, &v| {
                        sum + self.at(t, &before.id, row, Slot::Cell(v))
                    });
                    (sum, exact)
                }
            },
        }
    }

    /// Background knowledge: everyone in `inner` is in `outer`.
    fn nest(&mut self, t: usize, nest: &Nesting) {
        let (outer_by, outer) = (&nest.outer.0, &nest.outer.1);
        let (inner_by, inner) = (&nest.inner.0, &nest.inner.1);
        let inner_size = self.size(t, inner_by, inner);
        let outer_index = choice_index(self.question(outer_by), outer);
        let inner_index = choice_index(self.question(inner_by), inner);
        let inner_row = RowKey::Group(inner_by.clone(), inner.clone());
        let outer_row = RowKey::Group(outer_by.clone(), outer.clone());
        let crossed = self.at(t, outer_by, &inner_row, Slot::Cell(outer_index));
        self.constraints
            .push(constraint!(crossed == inner_size.clone()));
        let crossed = self.at(t, inner_by, &outer_row, Slot::Cell(inner_index));
        self.constraints.push(constraint!(crossed == inner_size));
        for question in &self.survey.questions {
            if question.id == *outer_by || question.id == *inner_by {
                continue;
            }
            for slot in slots(question) {
                let small = self.at(t, &question.id, &inner_row, slot);
                let large = self.at(t, &question.id, &outer_row, slot);
                self.constraints.push(constraint!(small <= large));
            }
        }
    }

    /// Everything release `t` publishes, as constraints on its counts.
    fn read_release(&mut self, t: usize) {
        let release = self.releases[t].clone();
        let view = View::Release(t);
        let rules = release.disclosure.rules;
        let labelled = release.labels_name_rules();
        let responses = self.responses(view);
        self.publish(responses, &release.provenance.responses, None, t, labelled);
        for published in &release.questions {
            let question = self.question(&published.id);
            assert_eq!(
                published.categories.len(),
                categories(question),
                "`{}`: the published categories are not the definition's",
                question.id
            );
            for (published, choice) in published.categories.iter().zip(question.choices()) {
                assert_eq!(published.id, choice.id, "`{}`: categories", question.id);
            }
            let overall = published.overall.iter().map(|row| (RowKey::Overall, row));
            let groups = published.breakdowns.iter().flat_map(|b| {
                b.groups.iter().map(move |row| {
                    let group = row.group.clone().expect("a group row names its group");
                    (RowKey::Group(b.by.clone(), group), row)
                })
            });
            for (key, row) in overall.chain(groups).collect::<Vec<_>>() {
                let n = self.figure(view, &question.id, &key, Slot::Respondents);
                self.publish(n.clone(), &row.respondents, None, t, labelled);
                let shown_n = row.respondents.count;
                for (index, cell) in row.cells.iter().enumerate() {
                    let value = self.figure(view, &question.id, &key, Slot::Cell(index));
                    self.publish(value, cell, Some((n.clone(), shown_n)), t, labelled);
                }
            }
        }
        if let Some(unanimous) = release
            .suppressed_by("unanimous_group")
            .filter(|_| labelled)
        {
            self.count_unanimous_cells(t, unanimous, rules.unanimous_min_group);
        }
    }

    /// What one published figure says about `value`; `row` is its row's respondents (unknown
    /// and, when shown, their count) for a cell.
    fn publish(
        &mut self,
        value: Expression,
        figure: &Figure,
        row: Option<(Expression, Option<u64>)>,
        t: usize,
        labelled: bool,
    ) {
        let rules = self.releases[t].disclosure.rules;
        if let Some(count) = figure.count {
            self.constraints
                .push(constraint!(value.clone() == count as f64));
        }
        if let (Some(percent), Some((n, shown_n))) = (figure.percent, &row)
            && (figure.count.is_none() || shown_n.is_none())
        {
            // round(100 x / n) = p, halves up: (2p - 1) n <= 200 x < (2p + 1) n.
            let p = percent as f64;
            self.constraints.push(constraint!(
                (2.0 * p - 1.0) * n.clone() <= 200.0 * value.clone()
            ));
            self.constraints.push(constraint!(
                200.0 * value.clone() <= (2.0 * p + 1.0) * n.clone() - 1.0
            ));
        }
        let is_cell = row.is_some();
        match figure.label() {
            Some("small_count") => {
                self.constraints.push(constraint!(value.clone() >= 1.0));
                let most = (rules.min_count - 1) as f64;
                self.constraints.push(constraint!(value <= most));
            }
            Some("small_group") => {
                // A group's size, or (in a row of shown size) a grouping question's group.
                if !is_cell || matches!(row, Some((_, Some(_)))) {
                    self.constraints.push(constraint!(value.clone() >= 1.0));
                }
                let most = (rules.min_group_size - 1) as f64;
                self.constraints.push(constraint!(value <= most));
            }
            Some("withheld") if labelled && matches!(row, Some((_, Some(n))) if n > 0) => {
                // Not labelled a small count, so 0 or at least `min_count`.
                let nonzero = self.switch(value.clone());
                let least = rules.min_count as f64;
                self.constraints.push(constraint!(value >= least * nonzero));
            }
            _ => {}
        }
    }

    /// A binary that is 1 exactly when `value` is not zero.
    fn switch(&mut self, value: Expression) -> Variable {
        let on = self.unknown(1.0);
        self.constraints
            .push(constraint!(value.clone() <= self.big * on));
        self.constraints.push(constraint!(value.clone() >= on));
        self.switches.push((on, Fact::NonZero(value)));
        on
    }

    /// The methods note says the unanimity rule hid `figures` figures in release `t`. A cell
    /// hidden that way in a row of shown size `n` (below `limit`) is `n` itself, and a withheld
    /// cell equal to such an `n` was hidden that way; an additive row hides all its cells
    /// together. Withheld cells of rows whose size is hidden may be among them, uncounted.
    fn count_unanimous_cells(&mut self, t: usize, figures: u64, limit: u64) {
        let release = self.releases[t].clone();
        let mut counted = Expression::from(0.0);
        let mut unseen = 0.0;
        for published in &release.questions {
            let question = self.question(&published.id);
            let additive = !matches!(question.kind, QuestionKind::Multiple { .. });
            let rows = published
                .overall
                .iter()
                .map(|row| (RowKey::Overall, row))
                .chain(published.breakdowns.iter().flat_map(|b| {
                    b.groups.iter().map(move |row| {
                        (RowKey::Group(b.by.clone(), row.group.clone().unwrap()), row)
                    })
                }));
            for (key, row) in rows.collect::<Vec<_>>() {
                if row.respondents.count.is_none() {
                    // A row of hidden size may hold cells the rule hid: they are not counted.
                    let cells = row.cells.iter().filter(|c| c.label() == Some("withheld"));
                    unseen += cells.count() as f64;
                    continue;
                }
                let Some(n) = row.respondents.count.filter(|&n| n < limit) else {
                    continue;
                };
                let withheld: Vec<usize> = (0..row.cells.len())
                    .filter(|&c| row.cells[c].label() == Some("withheld"))
                    .collect();
                if additive && n > 0 && withheld.len() == row.cells.len() {
                    // One switch per row: is the row one answer?
                    let whole = self.unknown(1.0);
                    let one_answer = self.unanimous_switches(t, question, &key, n, &withheld);
                    let any = one_answer
                        .iter()
                        .fold(Expression::from(0.0), |sum, &v| sum + v);
                    self.constraints.push(constraint!(any == whole));
                    self.switches.push((whole, Fact::AnyOf(one_answer)));
                    counted += (row.cells.len() as f64) * whole;
                } else if !additive {
                    for var in self.unanimous_switches(t, question, &key, n, &withheld) {
                        counted += var;
                    }
                }
            }
        }
        let figures = figures as f64;
        self.constraints
            .push(constraint!(counted.clone() <= figures));
        self.constraints
            .push(constraint!(counted >= figures - unseen));
    }

    /// For each withheld cell of a row of size `n`: a binary that is 1 exactly when the cell is
    /// `n`.
    fn unanimous_switches(
        &mut self,
        t: usize,
        question: &Question,
        row: &RowKey,
        n: u64,
        withheld: &[usize],
    ) -> Vec<Variable> {
        let view = View::Release(t);
        let mut switches = Vec::new();
        for &c in withheld {
            let value = self.figure(view, &question.id, row, Slot::Cell(c));
            let everyone = self.unknown(1.0);
            // everyone = 1 => value = n; everyone = 0 => value <= n - 1.
            let n = n as f64;
            self.constraints
                .push(constraint!(value.clone() >= n * everyone));
            self.constraints
                .push(constraint!(value.clone() <= n - 1.0 + everyone));
            self.switches.push((everyone, Fact::Equals(value, n)));
            switches.push(everyone);
        }
        switches
    }

    /// Whether the intruder's knowledge allows `possibility`.
    pub fn allows(&mut self, possibility: &Possibility) -> Answer {
        if self.witnesses.iter().any(|w| holds(possibility, w)) {
            return Answer::Possible;
        }
        if self.prepared.is_none() {
            let linears: Vec<Linear> = self
                .constraints
                .iter()
                .map(|c| Linear::of(c, &self.index))
                .collect();
            let mut bounds = self.bounds.clone();
            let all: Vec<&Linear> = linears.iter().collect();
            assert!(
                solver::propagate(&all, &mut bounds),
                "the published figures contradict each other"
            );
            self.prepared = Some((linears, bounds));
        }
        let (linears, bounds) = self.prepared.as_ref().unwrap();
        let value = &possibility.value;
        let mut asked = Vec::new();
        if let Some(low) = possibility.at_least {
            asked.push(Linear::new(&(low - value.clone()), false, &self.index));
        }
        if let Some(high) = possibility.at_most {
            asked.push(Linear::new(&(value.clone() - high), false, &self.index));
        }
        let all: Vec<&Linear> = linears.iter().chain(&asked).collect();
        match solver::solve(&all, bounds, self.seconds_per_question) {
            Ok(Some(values)) => {
                let found = self.every.iter().copied().zip(values).collect();
                self.witnesses.push(found);
                Answer::Possible
            }
            Ok(None) => Answer::Impossible,
            Err(()) => Answer::Undecided,
        }
    }

    /// One value `value` can take, from any solution of the intruder's knowledge.
    pub fn one_value(&mut self, value: &Expression) -> f64 {
        let anything = Possibility {
            value: value.clone(),
            at_least: None,
            at_most: None,
        };
        assert_eq!(
            self.allows(&anything),
            Answer::Possible,
            "the published figures contradict each other"
        );
        value.eval_with(&self.witnesses[0])
    }

    /// Checks that the true counts satisfy everything the intruder believes (else the intruder
    /// is wrong, not the report), and keeps them as a known solution.
    pub fn check_truth(&mut self, truth: &[Counts]) {
        assert_eq!(
            truth.len(),
            self.tallies.len(),
            "one true tally per release"
        );
        let mut values: HashMap<Variable, f64> = HashMap::new();
        for (tally, counts) in self.tallies.iter().zip(truth) {
            values.insert(tally.responses, counts.responses as f64);
            for (place, &var) in &tally.figures {
                let value = counts.figures.get(place).copied().unwrap_or(0);
                values.insert(var, value as f64);
            }
        }
        for (on, fact) in &self.switches {
            let holds = match fact {
                Fact::NonZero(value) => value.eval_with(&values) > 0.5,
                Fact::Equals(value, n) => (value.eval_with(&values) - n).abs() < 0.5,
                Fact::AnyOf(vars) => vars.iter().any(|v| values[v] > 0.5),
            };
            values.insert(*on, f64::from(holds));
        }
        let outside = self
            .every
            .iter()
            .filter(|var| {
                let (low, high) = self.bounds[self.index[var]];
                let value = values[var];
                value < low - 1e-6 || value > high + 1e-6
            })
            .count();
        assert_eq!(
            outside, 0,
            "the intruder believes something false: true counts outside the bounds it assumes"
        );
        let broken = self
            .constraints
            .iter()
            .filter(|c| {
                let lhs = c.expression().eval_with(&values);
                if c.is_equality() {
                    lhs.abs() > 1e-6
                } else {
                    lhs > 1e-6
                }
            })
            .count();
        assert_eq!(
            broken, 0,
            "the intruder believes something false: constraints that break on the true counts"
        );
        self.witnesses.push(values);
    }
}

fn holds(possibility: &Possibility, witness: &HashMap<Variable, f64>) -> bool {
    let value = possibility.value.eval_with(witness);
    possibility.at_least.is_none_or(|low| value >= low - 1e-6)
        && possibility.at_most.is_none_or(|high| value <= high + 1e-6)
}
