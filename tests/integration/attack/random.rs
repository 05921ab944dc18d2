//! Seeded random surveys, reported with the real binary and attacked: small surveys (one or
//! two grouping questions, one to four questions, 10 to 200 respondents) with skewed answers,
//! so that small counts, small groups and one-answer groups are common.
//!
//! Bounded in time: `CANDOR_ATTACK_SURVEYS` surveys (default 150) or `CANDOR_ATTACK_SECONDS`
//! (default 60), whichever comes first; `CANDOR_ATTACK_SEED` picks the first seed (a failure
//! prints the seed of the survey that leaked, to replay it alone with
//! `CANDOR_ATTACK_SURVEYS=1 CANDOR_ATTACK_SEED=<seed>`). A release build runs thousands in the
//! same time: `cargo test --release --test integration attack::random`.

use std::time::{Duration, Instant};

use super::truth::{Answer, Response};
use super::{Case, Step, pinned, publish};

const CHOICES: [&str; 4] = ["a", "b", "c", "d"];
const GROUPINGS: [&str; 2] = ["team", "site"];
const QUESTIONS: [&str; 4] = ["q1", "q2", "q3", "q4"];

/// xorshift64*: deterministic and dependency-free.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }

    /// An index drawn with the given weights.
    fn pick(&mut self, weights: &[u64]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (index, &weight) in weights.iter().enumerate() {
            if roll < weight {
                return index;
            }
            roll -= weight;
        }
        weights.len() - 1
    }

    /// Skewed weights for `n` options: some options rare, some common.
    fn weights(&mut self, n: usize) -> Vec<u64> {
        (0..n)
            .map(|_| [1, 2, 4, 10, 30, 60][self.below(6) as usize])
            .collect()
    }
}

/// One random question's shape.
enum Kind {
    Single(usize),
    Likert,
    Multiple { choices: usize, at_most_one: bool },
}

/// A random survey and responses from `seed`.
pub fn random_case(seed: u64) -> Case {
    generate(seed, false)
}

/// A random table: one grouping question and one single-choice or likert question.
pub fn random_table(seed: u64) -> Case {
    generate(seed, true)
}

fn generate(seed: u64, table: bool) -> Case {
    let mut random = Random::new(seed);
    let mut yaml = String::from(
        "id: random\ntitle: Random\nversion: 1\nopens: 2026-01-01\ncloses: 2026-12-31\nanonymity: Nothing identifies you.\nquestions:\n",
    );
    let groupings = if table {
        1
    } else {
        1 + random.below(2) as usize
    };
    let mut grouping_weights = Vec::new();
    for id in &GROUPINGS[..groupings] {
        let groups = 2 + random.below(3) as usize;
        yaml += &format!(
            "  - id: {id}\n    type: single\n    group: true\n    label: {id}\n    choices:\n"
        );
        for choice in &CHOICES[..groups] {
            yaml += &format!("      - {{id: {choice}, label: {choice}}}\n");
        }
        grouping_weights.push(random.weights(groups));
    }
    let questions = if table {
        1
    } else {
        1 + random.below(4) as usize
    };
    let mut kinds = Vec::new();
    let mut shown_if: Vec<Option<usize>> = Vec::new();
    let mut required_ones = Vec::new();
    for (index, id) in QUESTIONS[..questions].iter().enumerate() {
        let kind = match random.below(if table { 2 } else { 3 }) {
            0 => Kind::Single(2 + random.below(3) as usize),
            1 => Kind::Likert,
            _ => Kind::Multiple {
                choices: 2 + random.below(3) as usize,
                at_most_one: random.below(2) == 0,
            },
        };
        let required = random.below(3) == 0;
        // A follow-up of an earlier single-choice question, shown to its first choice.
        let parent = (0..index)
            .filter(|_| !table)
            .find(|&p| matches!(kinds[p], Kind::Single(_)) && random.below(2) == 0);
        yaml += &format!("  - id: {id}\n    label: {id}\n    required: {required}\n");
        if let Some(p) = parent {
            yaml += &format!("    show_if: {{question: {}, equals: a}}\n", QUESTIONS[p]);
        }
        match kind {
            Kind::Single(n) | Kind::Multiple { choices: n, .. } => {
                let name = if matches!(kind, Kind::Single(_)) {
                    "single"
                } else {
                    "multiple"
                };
                yaml += &format!("    type: {name}\n    choices:\n");
                for choice in &CHOICES[..n] {
                    yaml += &format!("      - {{id: {choice}, label: {choice}}}\n");
                }
                if let Kind::Multiple {
                    at_most_one: true, ..
                } = kind
                {
                    yaml += "    max_selected: 1\n";
                }
            }
            Kind::Likert => yaml += "    type: likert\n",
        }
        kinds.push(kind);
        shown_if.push(parent);
        required_ones.push(required);
    }
    let answer_weights: Vec<Vec<u64>> = kinds
        .iter()
        .map(|kind| match kind {
            Kind::Single(n) | Kind::Multiple { choices: n, .. } => random.weights(*n),
            Kind::Likert => random.weights(5),
        })
        .collect();
    let count = 10 + random.below(191) as usize;
    let mut responses = Vec::with_capacity(count);
    for _ in 0..count {
        let mut response = Response::new();
        for (g, weights) in grouping_weights.iter().enumerate() {
            if random.below(30) != 0 {
                response.insert(GROUPINGS[g], Answer::Choice(CHOICES[random.pick(weights)]));
            }
        }
        for (q, kind) in kinds.iter().enumerate() {
            if let Some(p) = shown_if[q]
                && !matches!(response.get(QUESTIONS[p]), Some(Answer::Choice("a")))
            {
                continue;
            }
            // Required questions are always answered; others nearly always.
            if !required_ones[q] && random.below(15) == 0 {
                continue;
            }
            let weights = &answer_weights[q];
            let answer = match kind {
                Kind::Single(_) => Answer::Choice(CHOICES[random.pick(weights)]),
                Kind::Likert => Answer::Point(1 + random.pick(weights) as i64),
                Kind::Multiple {
                    at_most_one: true, ..
                } => Answer::Choices(vec![CHOICES[random.pick(weights)]]),
                Kind::Multiple { choices, .. } => {
                    let mut picked: Vec<&str> = (0..*choices)
                        .filter(|&c| random.below(100) < weights[c].min(95))
                        .map(|c| CHOICES[c])
                        .collect();
                    if picked.is_empty() {
                        picked.push(CHOICES[random.pick(weights)]);
                    }
                    Answer::Choices(picked)
                }
            };
            response.insert(QUESTIONS[q], answer);
        }
        responses.push(response);
    }
    let steps = vec![Step {
        responses: responses.len(),
        definition: None,
    }];
    Case {
        id: "random",
        definition: yaml,
        responses,
        steps,
        nested: Vec::new(),
    }
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_surveys_leave_nothing_pinned() {
    let surveys = setting("CANDOR_ATTACK_SURVEYS", 150);
    let budget = Duration::from_secs(setting("CANDOR_ATTACK_SECONDS", 60));
    let first = setting("CANDOR_ATTACK_SEED", 1);
    let started = Instant::now();
    let mut ran = 0;
    let mut leaked = Vec::new();
    for seed in first..first + surveys {
        if started.elapsed() > budget {
            break;
        }
        let case = random_case(seed);
        let publication = publish(&case)
            .unwrap_or_else(|run| panic!("seed {seed}: report failed\n{}", run.explain()));
        let found = pinned(&publication, &[]);
        if !found.is_empty() {
            leaked.push(format!(
                "CANDOR_ATTACK_SEED={seed}:\n    {}\n{}",
                found.join("\n    "),
                case.definition
            ));
        }
        ran += 1;
    }
    eprintln!("attacked {ran} random surveys in {:.1?}", started.elapsed());
    assert!(ran > 0, "no random survey ran within the time budget");
    assert!(
        leaked.is_empty(),
        "the intruder pinned figures in {} of {ran} random surveys; the first:\n{}",
        leaked.len(),
        leaked[..leaked.len().min(3)].join("\n")
    );
}
