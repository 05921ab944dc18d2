//! How long the disclosure audit of `candor-collect report` takes (issue 12: under 2 s in a
//! release build): on a synthetic 40-question survey with three grouping questions and
//! 100,000 responses, counted straight into a tally (no store: the store's cost is
//! `hot_paths`'s ingest), then protected and audited by `build_results`.
//!
//! `cargo bench --bench disclosure`. Prints one line per case.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use candor::report::build_results;
use candor::report::tally::{Counts, QuestionTally, Tally};
use candor::survey::{QuestionKind, Survey};

/// Three grouping questions, then 37 others: likert, single, multiple in turn, every fifth
/// shown only to those who said yes to the first single-choice question.
fn survey_yaml() -> String {
    let mut yaml = String::from(
        "id: big\ntitle: Big\nversion: 1\nanonymity: Nothing identifies you.\nopens: 2026-01-01\ncloses: 2026-12-31\nquestions:\n",
    );
    yaml.push_str("  - {id: g1, type: single, group: true, label: G1, choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}, {id: d, label: D}]}\n");
    yaml.push_str("  - {id: g2, type: single, group: true, label: G2, choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}, {id: d, label: D}, {id: e, label: E}]}\n");
    yaml.push_str("  - {id: g3, type: single, group: true, label: G3, choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]}\n");
    yaml.push_str("  - {id: q3, type: single, required: true, label: Q, choices: [{id: 'yes', label: 'Yes'}, {id: 'no', label: 'No'}]}\n");
    for i in 4..40 {
        let show_if = if i % 5 == 0 {
            ", show_if: {question: q3, equals: 'yes'}"
        } else {
            ""
        };
        let line = match i % 3 {
            0 => format!("  - {{id: q{i}, type: likert, label: Q{show_if}}}\n"),
            1 => format!(
                "  - {{id: q{i}, type: single, label: Q{show_if}, choices: [{{id: x, label: X}}, {{id: y, label: Y}}, {{id: z, label: Z}}]}}\n"
            ),
            _ => format!(
                "  - {{id: q{i}, type: multiple, label: Q{show_if}, choices: [{{id: x, label: X}}, {{id: y, label: Y}}, {{id: z, label: Z}}, {{id: w, label: W}}]}}\n"
            ),
        };
        yaml.push_str(&line);
    }
    yaml
}

/// A linear congruential generator: the same tally on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn width(kind: &QuestionKind) -> usize {
    match kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices, .. } => choices.len(),
        QuestionKind::Likert { points, .. } => usize::from(*points),
        _ => 0,
    }
}

/// Counts `responses` synthetic responses, skewed so that some groups and cells are small.
fn tally(survey: &Survey, responses: u64) -> Tally {
    let groupings: Vec<usize> = (0..survey.questions.len())
        .filter(|&i| survey.questions[i].group)
        .collect();
    let empty = |w: usize| Counts {
        respondents: 0,
        cells: vec![0; w],
        values: Vec::new(),
    };
    let mut tally = Tally {
        responses,
        questions: survey
            .questions
            .iter()
            .map(|q| QuestionTally {
                overall: empty(width(&q.kind)),
                groups: groupings
                    .iter()
                    .map(|&g| vec![empty(width(&q.kind)); survey.questions[g].choices().len() + 1])
                    .collect(),
            })
            .collect(),
        crossings: (0..groupings.len())
            .flat_map(|i| (i + 1..groupings.len()).map(move |j| (i, j)))
            .map(|(i, j)| {
                let w = |g: usize| survey.questions[groupings[g]].choices().len() + 1;
                vec![0; w(i) * w(j)]
            })
            .collect(),
        ..Tally::default()
    };
    let mut random = Lcg(3);
    for _ in 0..responses {
        let mut answers = Vec::with_capacity(survey.questions.len());
        for question in &survey.questions {
            let w = width(&question.kind) as u64;
            // Skewed: the last choice is rare.
            let roll = random.below(1000);
            let pick = if roll < 3 {
                w - 1
            } else {
                roll % (w - 1).max(1)
            };
            answers.push(pick as usize);
        }
        let group_of: Vec<usize> = groupings.iter().map(|&g| answers[g]).collect();
        let mut pair = 0;
        for i in 0..groupings.len() {
            for j in i + 1..groupings.len() {
                let w = survey.questions[groupings[j]].choices().len() + 1;
                tally.crossings[pair][group_of[i] * w + group_of[j]] += 1;
                pair += 1;
            }
        }
        let said_yes = answers[3] == 0;
        for (index, question) in survey.questions.iter().enumerate() {
            if question.show_if.is_some() && !said_yes {
                continue;
            }
            let counted = &mut tally.questions[index];
            let add = |counts: &mut Counts| {
                counts.respondents += 1;
                counts.cells[answers[index]] += 1;
            };
            add(&mut counted.overall);
            for (g, &group) in group_of.iter().enumerate() {
                add(&mut counted.groups[g][group]);
            }
        }
    }
    tally
}

fn main() {
    let survey = Survey::parse(&survey_yaml(), Path::new("surveys/big.yaml")).expect("valid");
    for responses in [1_000, 100_000] {
        let tally = tally(&survey, responses);
        let start = Instant::now();
        let results = build_results(&survey, black_box(&tally));
        let hidden = candor::survey::results::hidden_figures(&results);
        println!(
            "disclosure audit, 40 questions, 3 groupings, {responses} responses: {:.2} s ({hidden} figures not shown)",
            start.elapsed().as_secs_f64()
        );
    }
}
