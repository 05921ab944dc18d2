//! Exact integer feasibility for the intruder: bounds propagation, then `microlp` on what is
//! left. Most of a results file's unknowns are published or follow from published ones;
//! propagating bounds first fixes them, proves many questions impossible without a solver
//! run, and leaves the solver a small program.

use std::collections::HashMap;

use good_lp::{
    Constraint, Expression, IntoAffineExpression, ProblemVariables, ResolutionError, Solution,
    SolverModel, Variable, WithTimeLimit, constraint, microlp, variable,
};

/// `Σ coefficient · variable + constant ≤ 0` (or `= 0`), over variable indices.
#[derive(Clone)]
pub struct Linear {
    terms: Vec<(usize, f64)>,
    constant: f64,
    equality: bool,
}

impl Linear {
    pub fn new(
        expression: &Expression,
        equality: bool,
        index: &HashMap<Variable, usize>,
    ) -> Linear {
        Linear {
            terms: expression
                .linear_coefficients()
                .filter(|(_, c)| *c != 0.0)
                .map(|(v, c)| (index[&v], c))
                .collect(),
            constant: expression.constant(),
            equality,
        }
    }

    pub fn of(constraint: &Constraint, index: &HashMap<Variable, usize>) -> Linear {
        Linear::new(constraint.expression(), constraint.is_equality(), index)
    }
}

/// Integer bounds of every variable, in index order.
pub type Bounds = Vec<(f64, f64)>;

/// Tightens `bounds` until every constraint is consistent with them; `false` when some
/// constraint cannot hold (no integer solution exists).
pub fn propagate(constraints: &[&Linear], bounds: &mut Bounds) -> bool {
    for _ in 0..100 {
        let mut changed = false;
        for &linear in constraints {
            let directions: &[f64] = if linear.equality {
                &[1.0, -1.0]
            } else {
                &[1.0]
            };
            for &sign in directions {
                // sign · (Σ a x + c) ≤ 0
                let least: f64 = sign * linear.constant
                    + linear
                        .terms
                        .iter()
                        .map(|&(v, a)| {
                            let a = sign * a;
                            if a > 0.0 {
                                a * bounds[v].0
                            } else {
                                a * bounds[v].1
                            }
                        })
                        .sum::<f64>();
                if least > 1e-9 {
                    return false;
                }
                for &(v, a) in &linear.terms {
                    let a = sign * a;
                    let own = if a > 0.0 {
                        a * bounds[v].0
                    } else {
                        a * bounds[v].1
                    };
                    let room = own - least; // a · x ≤ room
                    if a > 0.0 {
                        let high = (room / a + 1e-9).floor();
                        if high < bounds[v].1 {
                            bounds[v].1 = high;
                            changed = true;
                        }
                    } else {
                        let low = (room / a - 1e-9).ceil();
                        if low > bounds[v].0 {
                            bounds[v].0 = low;
                            changed = true;
                        }
                    }
                    if bounds[v].0 > bounds[v].1 {
                        return false;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    true
}

/// One integer solution of `constraints` within `bounds`, `Ok(None)` when there is none,
/// `Err(())` when the solver gave up within `seconds`.
pub fn solve(
    constraints: &[&Linear],
    bounds: &Bounds,
    seconds: f64,
) -> Result<Option<Vec<f64>>, ()> {
    let mut bounds = bounds.clone();
    if !propagate(constraints, &mut bounds) {
        return Ok(None);
    }
    let mut variables = ProblemVariables::new();
    let free: HashMap<usize, Variable> = (0..bounds.len())
        .filter(|&v| bounds[v].0 < bounds[v].1)
        .map(|v| {
            (
                v,
                variables.add(variable().integer().clamp(bounds[v].0, bounds[v].1)),
            )
        })
        .collect();
    let mut values: Vec<f64> = bounds.iter().map(|b| b.0).collect();
    if free.is_empty() {
        return Ok(Some(values));
    }
    let mut problem = variables
        .minimise(Expression::from(0.0))
        .using(microlp)
        .with_time_limit(seconds);
    for &linear in constraints {
        if !linear.terms.iter().any(|(v, _)| free.contains_key(v)) {
            continue;
        }
        let mut expression = Expression::from(linear.constant);
        for &(v, a) in &linear.terms {
            match free.get(&v) {
                Some(&var) => expression += a * var,
                None => expression += a * bounds[v].0,
            }
        }
        problem = problem.with(if linear.equality {
            constraint!(expression == 0.0)
        } else {
            constraint!(expression <= 0.0)
        });
    }
    match problem.solve() {
        Ok(solution) => {
            for (&v, &var) in &free {
                values[v] = solution.value(var).round();
            }
            Ok(Some(values))
        }
        Err(ResolutionError::Infeasible) => Ok(None),
        Err(_) => Err(()),
    }
}
