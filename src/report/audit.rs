//! The interval (protection-level) audit of everything published about a survey, and the
//! suppression that makes it pass.
//!
//! For each protected figure of [`super::linked`], the audit asks a solver for the smallest
//! and largest value the expression can take given everything published: a linear program
//! (`good_lp` with the pure-Rust `microlp`), whose optimum is an outer bound of what an integer
//! reasoner can reach; when that optimum is not a whole-number point, the integer program
//! decides. A requirement that the solver cannot vouch for (infeasible, out of time) fails:
//! unsure means suppress more.
//!
//! Suppression then hides more figures — nearest to the failing one first, cells before
//! sizes, small before large — until every requirement holds. Hiding a figure only widens
//! what a reader must consider, so a requirement that holds keeps holding and only the
//! failing ones are checked again. Everything is in a fixed order: the same counts always give
//! the same file.

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithTimeLimit, microlp, variable,
};

use super::linked::{self, Bound, FigureId, Place, Requirement, RowAt, System};
use super::tally::Tally;
use crate::survey::Survey;
use crate::survey::results::{Figure, Results, Row, Shown};

/// How long one integer program may take before the audit gives up on it (and suppresses).
const INTEGER_SECONDS: f64 = 2.0;

/// Whole-number tolerance for the solver's floating-point answers.
const EPSILON: f64 = 1e-6;

/// Nothing more can be hidden and a requirement still fails (only possible when an earlier
/// release already published what pins it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unprotectable;

/// The unknown figures, grouped into independent parts: figures that no relation ties
/// together can be solved apart, which keeps each program small.
struct Parts {
    /// Per figure: its part, or `None` when it is known.
    part_of: Vec<Option<usize>>,
    members: Vec<Vec<FigureId>>,
    relations: Vec<Vec<usize>>,
}

impl Parts {
    fn new(system: &System) -> Parts {
        let count = system.figures.len();
        let mut parent: Vec<usize> = (0..count).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        let unknown = |f: FigureId| system.figures[f].known.is_none();
        for relation in &system.relations {
            let mut first = None;
            for &(figure, _) in &relation.terms {
                if !unknown(figure) {
                    continue;
                }
                match first {
                    None => first = Some(figure),
                    Some(other) => {
                        let (a, b) = (root(&mut parent, other), root(&mut parent, figure));
                        if a != b {
                            parent[a.max(b)] = a.min(b);
                        }
                    }
                }
            }
        }
        let mut part_of = vec![None; count];
        let mut index_of_root = vec![usize::MAX; count];
        let mut members: Vec<Vec<FigureId>> = Vec::new();
        for (figure, part) in part_of.iter_mut().enumerate() {
            if !unknown(figure) {
                continue;
            }
            let r = root(&mut parent, figure);
            if index_of_root[r] == usize::MAX {
                index_of_root[r] = members.len();
                members.push(Vec::new());
            }
            *part = Some(index_of_root[r]);
            members[index_of_root[r]].push(figure);
        }
        let mut relations = vec![Vec::new(); members.len()];
        for (index, relation) in system.relations.iter().enumerate() {
            if let Some(part) = relation.terms.iter().find_map(|&(f, _)| part_of[f]) {
                relations[part].push(index);
            }
        }
        Parts {
            part_of,
            members,
            relations,
        }
    }
}

/// Whole-number points consistent with everything published (the truth first, then solver
/// optima): a requirement that one of them meets holds without solving anything. Hiding a
/// figure only relaxes the system, so a witness stays valid for the whole run. Each optimum is
/// kept as the figures where it differs from the truth, sorted.
struct Witnesses {
    truth: Vec<i64>,
    others: Vec<Vec<(FigureId, i64)>>,
}

impl Witnesses {
    fn meet(&self, requirement: &Requirement) -> bool {
        let value = |point: &[(FigureId, i64)], figure: FigureId| match point
            .binary_search_by_key(&figure, |&(f, _)| f)
        {
            Ok(at) => point[at].1,
            Err(_) => self.truth[figure],
        };
        std::iter::once(&[][..])
            .chain(self.others.iter().map(Vec::as_slice))
            .any(|point| {
                let sum: i64 = requirement
                    .terms
                    .iter()
                    .map(|&(f, c)| c * value(point, f))
                    .sum();
                meets(requirement.bound, sum as f64)
            })
    }

    fn add(&mut self, point: Vec<(FigureId, f64)>) {
        let mut differences: Vec<(FigureId, i64)> = point
            .into_iter()
            .map(|(figure, value)| (figure, value.round() as i64))
            .filter(|&(figure, value)| value != self.truth[figure])
            .collect();
        differences.sort_unstable();
        self.others.push(differences);
    }
}

/// Whether a reader, knowing everything published, cannot rule out the requirement's bound.
fn holds(
    system: &System,
    parts: &Parts,
    witnesses: &mut Witnesses,
    requirement: &Requirement,
) -> bool {
    if witnesses.meet(requirement) {
        return true;
    }
    let mut involved: Vec<usize> = requirement
        .terms
        .iter()
        .filter_map(|&(f, _)| parts.part_of[f])
        .collect();
    involved.sort_unstable();
    involved.dedup();
    if involved.is_empty() {
        let value: i64 = requirement
            .terms
            .iter()
            .map(|&(f, c)| c * system.figures[f].known.unwrap_or(0))
            .sum();
        return match requirement.bound {
            Bound::AtMost(bound) => value <= bound,
            Bound::AtLeast(bound) => value >= bound,
        };
    }
    match optimum(system, parts, &involved, requirement, false) {
        Optimum::Unbounded => matches!(requirement.bound, Bound::AtLeast(_)),
        Optimum::Unknown => false,
        Optimum::Value { value, point } => {
            if !meets(requirement.bound, value) {
                return false;
            }
            if let Some(point) = point {
                witnesses.add(point);
                return true;
            }
            match optimum(system, parts, &involved, requirement, true) {
                Optimum::Value {
                    value,
                    point: Some(point),
                } if meets(requirement.bound, value) => {
                    witnesses.add(point);
                    true
                }
                Optimum::Unbounded => matches!(requirement.bound, Bound::AtLeast(_)),
                _ => false,
            }
        }
    }
}

fn meets(bound: Bound, value: f64) -> bool {
    match bound {
        Bound::AtMost(bound) => value <= bound as f64 + EPSILON,
        Bound::AtLeast(bound) => value >= bound as f64 - EPSILON,
    }
}

enum Optimum {
    /// The optimum, and the point reaching it when that point is whole.
    Value {
        value: f64,
        point: Option<Vec<(FigureId, f64)>>,
    },
    Unbounded,
    /// Infeasible, timed out or failed: nothing the audit can vouch for.
    Unknown,
}

/// The least (for `AtMost`) or greatest (for `AtLeast`) value of the requirement's expression
/// over the parts `involved`; as a linear program, or an integer one when `integer`.
fn optimum(
    system: &System,
    parts: &Parts,
    involved: &[usize],
    requirement: &Requirement,
    integer: bool,
) -> Optimum {
    let mut problem = ProblemVariables::new();
    let mut variables: Vec<Option<Variable>> = vec![None; system.figures.len()];
    let mut used = Vec::new();
    for &part in involved {
        for &figure in &parts.members[part] {
            let definition = if integer {
                variable().integer().min(0)
            } else {
                variable().min(0)
            };
            variables[figure] = Some(problem.add(definition));
            used.push(figure);
        }
    }
    let expression = |terms: &[(FigureId, i64)]| {
        let mut expression = Expression::with_capacity(terms.len());
        let mut constant = 0i64;
        for &(figure, coefficient) in terms {
            match variables[figure] {
                Some(variable) => expression.add_mul(coefficient as f64, variable),
                None => constant += coefficient * system.figures[figure].known.unwrap_or(0),
            }
        }
        expression + constant as f64
    };
    let objective = expression(&requirement.terms);
    let unsolved = match requirement.bound {
        Bound::AtMost(_) => problem.minimise(objective.clone()),
        Bound::AtLeast(_) => problem.maximise(objective.clone()),
    };
    let mut model = unsolved.using(microlp);
    if integer {
        model = model.with_time_limit(INTEGER_SECONDS);
    }
    let mut relations: Vec<usize> = involved
        .iter()
        .flat_map(|&part| parts.relations[part].iter().copied())
        .collect();
    relations.sort_unstable();
    relations.dedup();
    for index in relations {
        let relation = &system.relations[index];
        let left = expression(&relation.terms);
        model.add_constraint(if relation.equal {
            left.eq(0)
        } else {
            left.leq(0)
        });
    }
    match model.solve() {
        Ok(solution) => {
            if integer && !matches!(solution.status(), SolutionStatus::Optimal) {
                return Optimum::Unknown;
            }
            let point: Vec<(FigureId, f64)> = used
                .iter()
                .map(|&figure| {
                    let value = solution.value(variables[figure].expect("added above"));
                    (figure, value)
                })
                .collect();
            let whole = point
                .iter()
                .all(|&(_, value)| (value - value.round()).abs() < EPSILON);
            Optimum::Value {
                value: solution.eval(&objective),
                point: whole.then_some(point),
            }
        }
        Err(ResolutionError::Unbounded) => Optimum::Unbounded,
        Err(_) => Optimum::Unknown,
    }
}

/// Hides further figures of release 0 until every requirement holds; returns the figures it
/// hid, in order. Requirements are taken one at a time, each until it holds: hiding only
/// relaxes what a reader knows, so one that holds keeps holding and a single pass suffices.
pub(crate) fn suppress(system: &mut System) -> Result<Vec<FigureId>, Unprotectable> {
    let relations_of = relations_of_figures(system);
    let mut hidden = Vec::new();
    let mut witnesses = Witnesses {
        truth: system.figures.iter().map(|f| f.truth).collect(),
        others: Vec::new(),
    };
    let mut parts = Parts::new(system);
    for index in 0..system.requirements.len() {
        while !holds(system, &parts, &mut witnesses, &system.requirements[index]) {
            let requirement = &system.requirements[index];
            let Some(figure) = nearest_hideable(system, &relations_of, requirement) else {
                return Err(Unprotectable);
            };
            let mut queue = vec![figure];
            while let Some(figure) = queue.pop() {
                if system.figures[figure].known.take().is_some() {
                    hidden.push(figure);
                    queue.extend(system.together[figure].iter().copied());
                }
            }
            parts = Parts::new(system);
        }
    }
    Ok(hidden)
}

/// Gives the unknown figures of earlier releases a value consistent with everything (release
/// 0 at its true counts), so that the witnesses start from a valid point. `Err` when there is
/// none: an earlier release that the store's responses cannot have produced.
pub(crate) fn settle_earlier(system: &mut System) -> Result<(), Unprotectable> {
    let mut fixed = system.clone();
    for figure in &mut fixed.figures {
        if figure.release == 0 {
            figure.known = Some(figure.truth);
        }
    }
    let parts = Parts::new(&fixed);
    let involved: Vec<usize> = (0..parts.members.len()).collect();
    if involved.is_empty() {
        return Ok(());
    }
    let anything = Requirement {
        terms: Vec::new(),
        bound: Bound::AtMost(0),
        question: None,
    };
    match optimum(&fixed, &parts, &involved, &anything, true) {
        Optimum::Value {
            point: Some(point), ..
        } => {
            for (figure, value) in point {
                system.figures[figure].truth = value.round() as i64;
            }
            Ok(())
        }
        _ => Err(Unprotectable),
    }
}

/// The requirements a reader could break in `system` as it stands: for tests, which audit a
/// published file afresh.
#[cfg(test)]
pub(crate) fn failing(system: &System) -> Vec<usize> {
    let parts = Parts::new(system);
    let mut witnesses = Witnesses {
        truth: system.figures.iter().map(|f| f.truth).collect(),
        others: Vec::new(),
    };
    (0..system.requirements.len())
        .filter(|&r| !holds(system, &parts, &mut witnesses, &system.requirements[r]))
        .collect()
}

fn relations_of_figures(system: &System) -> Vec<Vec<usize>> {
    let mut of = vec![Vec::new(); system.figures.len()];
    for (index, relation) in system.relations.iter().enumerate() {
        for &(figure, _) in &relation.terms {
            of[figure].push(index);
        }
    }
    of
}

/// The published figure of release 0 to hide next for a failing requirement: one in the
/// expression itself, else one sharing a relation with it, then further out, level by level;
/// within a level, the same question first, cells before sizes, non-zero before zero, the
/// smallest value, the first in the file.
fn nearest_hideable(
    system: &System,
    relations_of: &[Vec<usize>],
    requirement: &Requirement,
) -> Option<FigureId> {
    // The number of responses is never hidden: the refusal of a release too few responses
    // after the last one reads it from the earlier file, and the docs promise it (or "fewer
    // than 10", decided before the audit).
    let hideable = |f: FigureId| {
        let figure = &system.figures[f];
        figure.release == 0
            && figure.publishable
            && figure.known.is_some()
            && figure.place != Place::Responses
    };
    let key = |f: FigureId| {
        let figure = &system.figures[f];
        let (question, is_size) = match figure.place {
            Place::Responses => (None, true),
            Place::Row { question, cell, .. } => (Some(question), cell.is_none()),
        };
        let value = figure.known.unwrap_or(0);
        (
            // A group's size in its grouping question's table takes the group out of every
            // breakdown: the last resort.
            !system.together[f].is_empty(),
            question != requirement.question,
            is_size,
            value == 0,
            value,
            f,
        )
    };
    let mut seen = vec![false; system.figures.len()];
    let mut seen_relation = vec![false; system.relations.len()];
    let mut level: Vec<FigureId> = requirement.terms.iter().map(|&(f, _)| f).collect();
    for &f in &level {
        seen[f] = true;
    }
    while !level.is_empty() {
        if let Some(best) = level
            .iter()
            .copied()
            .filter(|&f| hideable(f))
            .min_by_key(|&f| key(f))
        {
            return Some(best);
        }
        let mut next = Vec::new();
        for &f in &level {
            for &r in &relations_of[f] {
                if std::mem::replace(&mut seen_relation[r], true) {
                    continue;
                }
                for &(g, _) in &system.relations[r].terms {
                    if !std::mem::replace(&mut seen[g], true) {
                        next.push(g);
                    }
                }
            }
        }
        level = next;
    }
    None
}

/// Audits `results` (release 0, from `tally`) together with everything in `earlier` releases
/// of the survey, and hides what the audit needs hidden. On `Err`, `results` is unchanged.
pub(crate) fn protect(
    survey: &Survey,
    tally: &Tally,
    results: &mut Results,
    earlier: &[Results],
) -> Result<(), Unprotectable> {
    let rules = survey.disclosure;
    let mut system = System::default();
    let layout = system.add_release(survey, 0);
    linked::publish(
        &mut system,
        survey,
        &layout,
        &results.questions,
        results.provenance.responses.count,
    )
    // Release 0 is laid out from the same definition it was written from: always placed.
    .map_err(|_| Unprotectable)?;
    system.relate_nesting(survey, &layout, tally, &rules);
    system.protect_release(survey, &layout, tally, &rules);
    system.protect_crossings(survey, &layout, tally, &rules);
    if !super::releases::link(&mut system, survey, &layout, tally, earlier) {
        return Err(Unprotectable);
    }
    settle_earlier(&mut system)?;
    suppress(&mut system)?;
    republish_determined(&mut system);
    for figure in &system.figures {
        if figure.release == 0 && figure.publishable {
            let shown = match figure.known {
                Some(value) => Figure::shown(value as u64, None),
                None => Figure::hidden(Shown::NotShown),
            };
            set(results, figure.place, shown);
        }
    }
    tidy(results);
    Ok(())
}

/// Publishes again the hidden figures that a row or column gives anyway (the only unknown of
/// an equation): hiding them protects nothing, and "not shown" beside a number anyone can work
/// out only confuses. What a reader knows is unchanged, so every requirement still holds.
fn republish_determined(system: &mut System) {
    loop {
        let mut changed = false;
        for relation in system.relations.iter().filter(|r| r.equal) {
            let mut unknown = relation
                .terms
                .iter()
                .filter(|&&(f, _)| system.figures[f].known.is_none());
            let (Some(&(figure, _)), None) = (unknown.next(), unknown.next()) else {
                continue;
            };
            let entry = &mut system.figures[figure];
            if entry.release == 0 && entry.publishable {
                entry.known = Some(entry.truth);
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Sets one figure of a results file.
fn set(results: &mut Results, place: Place, shown: Figure) {
    let Place::Row {
        question,
        row,
        cell,
    } = place
    else {
        results.provenance.responses = shown;
        return;
    };
    let result = &mut results.questions[question];
    let row = match row {
        RowAt::Overall => result.overall.as_mut(),
        RowAt::Group { breakdown, group } => result
            .breakdowns
            .get_mut(breakdown)
            .and_then(|b| b.groups.get_mut(group)),
    };
    if let Some(row) = row {
        match cell {
            None => row.respondents = shown,
            Some(cell) => {
                // A row withheld whole has no cells in the file at all.
                if let Some(slot) = row.cells.get_mut(cell) {
                    *slot = shown;
                }
            }
        }
    }
}

/// Percentages only beside a published count whose row total is published; medians only for
/// rows with nothing hidden.
fn tidy(results: &mut Results) {
    for row in every_row(results) {
        row.respondents.percent = None;
        for cell in &mut row.cells {
            cell.percent = match (cell.count, row.respondents.count) {
                (Some(count), Some(total)) => crate::survey::results::percent(count, total),
                _ => None,
            };
        }
        if row.respondents.is_hidden() || row.cells.iter().any(Figure::is_hidden) {
            row.median = None;
            row.quartiles = None;
        }
    }
}

/// Every row of every question: each question's overall rows, then its breakdowns' groups.
fn every_row(results: &mut Results) -> impl Iterator<Item = &mut Row> {
    results.questions.iter_mut().flat_map(|question| {
        question
            .overall
            .iter_mut()
            .chain(question.breakdowns.iter_mut().flat_map(|b| &mut b.groups))
    })
}

/// Hides every figure: what a release that cannot be protected publishes.
pub(crate) fn withhold_everything(results: &mut Results) {
    let not_shown = Figure::hidden(Shown::NotShown);
    results.provenance.responses = not_shown;
    results.provenance.period = None;
    for row in every_row(results) {
        row.respondents = not_shown;
        row.cells.iter_mut().for_each(|cell| *cell = not_shown);
    }
    tidy(results);
}
