//! Stored responses that no longer fit their survey's definition.
//!
//! A definition can be edited after responses were collected without its `version` being
//! raised: a choice removed, a question removed, a type changed. Counted against the edited
//! text, those responses would silently lose answers, or a whole question, and the published
//! figures would describe a survey nobody answered. So `report` checks every stored response
//! again with the validator `ingest` used, and this module gathers what it finds — how many
//! responses, for which reasons, one example of each — for a refusal that tells the operator
//! what changed. Examples are chosen by the smallest response id, so the message is the same
//! however the work was split between threads.

use std::collections::BTreeMap;
use std::fmt;

use crate::survey::{Reason, ResponseProblem};

/// What the responses that no longer fit have in common.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Misfits {
    /// How many responses do not fit.
    pub responses: u64,
    /// What each kind of problem amounts to.
    pub reasons: BTreeMap<Reason, Found>,
}

/// How many responses have one kind of problem, and the first of them by response id.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub responses: u64,
    /// `(response id, message)` of the example shown.
    pub example: (String, String),
}

impl Misfits {
    /// Records one response that does not fit, with its problems.
    pub fn add(&mut self, response_id: &str, problems: &[ResponseProblem]) {
        self.responses += 1;
        let mut seen: Vec<Reason> = Vec::with_capacity(problems.len());
        for problem in problems {
            if seen.contains(&problem.reason) {
                continue;
            }
            seen.push(problem.reason);
            self.count(
                problem.reason,
                Found {
                    responses: 1,
                    example: (response_id.to_owned(), problem.message.clone()),
                },
            );
        }
    }

    pub fn merge(&mut self, other: Misfits) {
        self.responses += other.responses;
        for (reason, found) in other.reasons {
            self.count(reason, found);
        }
    }

    fn count(&mut self, reason: Reason, found: Found) {
        match self.reasons.get_mut(&reason) {
            None => {
                self.reasons.insert(reason, found);
            }
            Some(entry) => {
                entry.responses += found.responses;
                if found.example < entry.example {
                    entry.example = found.example;
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.responses == 0
    }
}

/// One line per reason, the most frequent first: `  unknown-choice: 20 responses, e.g. …`.
impl fmt::Display for Misfits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut reasons: Vec<(&Reason, &Found)> = self.reasons.iter().collect();
        reasons.sort_by(|a, b| b.1.responses.cmp(&a.1.responses).then(a.0.cmp(b.0)));
        for (reason, found) in reasons {
            let count = found.responses;
            let noun = if count == 1 { "response" } else { "responses" };
            writeln!(f, "  {reason}: {count} {noun}, e.g. {}", found.example.1)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(reason: Reason, message: &str) -> ResponseProblem {
        ResponseProblem {
            reason,
            question: None,
            message: message.to_owned(),
        }
    }

    #[test]
    fn the_summary_is_the_same_however_the_responses_were_split() {
        let all = [
            ("c", vec![problem(Reason::UnknownChoice, "third")]),
            (
                "a",
                vec![
                    problem(Reason::WrongType, "first"),
                    problem(Reason::WrongType, "again"),
                ],
            ),
            ("b", vec![problem(Reason::UnknownChoice, "second")]),
        ];
        let mut whole = Misfits::default();
        for (id, problems) in &all {
            whole.add(id, problems);
        }
        let mut halves = (Misfits::default(), Misfits::default());
        halves.1.add(all[0].0, &all[0].1);
        halves.0.add(all[1].0, &all[1].1);
        halves.1.add(all[2].0, &all[2].1);
        halves.1.merge(halves.0);
        assert_eq!(halves.1, whole);
        assert_eq!(
            whole.to_string(),
            "  unknown-choice: 2 responses, e.g. second\n  wrong-type: 1 response, e.g. first\n"
        );
    }
}
