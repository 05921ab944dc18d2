//! Writes realistic sample response files for the two waves of the sample survey
//! (`surveys/community-2025.yaml` and `surveys/community-2026.yaml`), from which the committed
//! `surveys/results/*.yaml` are produced:
//!
//! ```sh
//! cargo run --example gen-sample-store -- /tmp/sample
//! candor-collect ingest /tmp/sample --store /tmp/sample.sqlite --allow-plaintext
//! candor-collect report community-2025 --store /tmp/sample.sqlite
//! candor-collect report community-2026 --store /tmp/sample.sqlite
//! ```
//!
//! The answers are made up but shaped like a real community: some stakeholder groups and
//! regions are small (so suppression visibly happens), some people skip the grouping
//! questions, civil society rates staff lower, and the 2026 wave is somewhat better than 2025.
//! A fixed-seed generator makes every run write the same files. They are plain responses, and
//! community-2026 has a public key (its forms encrypt), hence `--allow-plaintext`.

#![allow(dead_code)] // The integration tests include this file for `write_wave`.

use std::path::Path;

/// One wave of the sample survey.
pub struct Wave {
    pub survey: &'static str,
    pub responses: usize,
    /// Submission days are drawn from these months (`YYYY-MM`, with their last usable day).
    pub months: &'static [(&'static str, u32)],
    /// The day the survey opens: a day drawn before it becomes this day, since the collector
    /// rejects responses dated outside the survey's dates.
    pub opens: &'static str,
    /// How much better than the first wave staff are rated, in likert points × 10.
    pub improvement: u64,
    /// Whether the `unsure` choice of `standards_met` exists in this wave.
    pub has_unsure: bool,
    pub seed: u64,
}

pub const WAVES: [Wave; 2] = [
    Wave {
        survey: "community-2025",
        responses: 236,
        months: &[("2025-11", 30), ("2025-12", 31), ("2026-01", 30)],
        opens: "2025-11-03",
        improvement: 0,
        has_unsure: false,
        seed: 2025,
    },
    Wave {
        survey: "community-2026",
        responses: 187,
        months: &[("2026-11", 27)],
        opens: "2026-11-02",
        improvement: 4,
        has_unsure: true,
        seed: 2026,
    },
];

fn main() -> std::io::Result<()> {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: gen-sample-store OUT_DIR");
        std::process::exit(2);
    };
    for wave in &WAVES {
        let written = write_wave(&Path::new(&out).join(wave.survey), wave)?;
        println!("{}: {written} response files", wave.survey);
    }
    Ok(())
}

/// Writes the response files of `wave` into `dir`; returns how many.
pub fn write_wave(dir: &Path, wave: &Wave) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut random = Random(wave.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    for _ in 0..wave.responses {
        let id = random.uuid();
        let text = response(wave, &id, &mut random);
        std::fs::write(dir.join(format!("{}-{id}.json", wave.survey)), text)?;
    }
    Ok(wave.responses)
}

/// Weighted choice: `weights` in any unit.
fn pick<'a>(random: &mut Random, options: &[(&'a str, u64)]) -> &'a str {
    let total: u64 = options.iter().map(|(_, w)| w).sum();
    let mut roll = random.below(total);
    for (option, weight) in options {
        if roll < *weight {
            return option;
        }
        roll -= weight;
    }
    options[options.len() - 1].0
}

fn response(wave: &Wave, id: &str, random: &mut Random) -> String {
    let mut answers: Vec<String> = Vec::new();
    let group = pick(
        random,
        &[
            ("registries", 22),
            ("business", 17),
            ("civil_society", 20),
            ("government", 3),
            ("technical", 15),
            ("individual", 16),
            ("other", 5),
            ("", 2),
        ],
    );
    if !group.is_empty() {
        answers.push(format!("\"stakeholder_group\":\"{group}\""));
    }
    let region = pick(
        random,
        &[
            ("africa", 7),
            ("asia_pacific", 19),
            ("europe", 36),
            ("latin_america", 9),
            ("north_america", 27),
            ("", 2),
        ],
    );
    if !region.is_empty() {
        answers.push(format!("\"region\":\"{region}\""));
    }
    let years = pick(
        random,
        &[("under_2", 18), ("2_to_5", 35), ("over_5", 45), ("", 2)],
    );
    if !years.is_empty() {
        answers.push(format!("\"years\":\"{years}\""));
    }
    let contacted = random.below(100) < 82;
    answers.push(format!(
        "\"contacted_staff\":\"{}\"",
        if contacted { "yes" } else { "no" }
    ));
    // Civil society and newcomers rate staff lower; later waves higher.
    let mood = 30 + wave.improvement as i64 - if group == "civil_society" { 6 } else { 0 }
        + if years == "under_2" { -3 } else { 2 };
    if contacted {
        let mut channels = Vec::new();
        for (channel, share) in [
            ("email", 80),
            ("working_group", 45),
            ("meeting", 35),
            ("support", 12),
        ] {
            if random.below(100) < share {
                channels.push(format!("\"{channel}\""));
            }
        }
        if !channels.is_empty() {
            answers.push(format!("\"channels\":[{}]", channels.join(",")));
        }
        for (question, offset) in [("responsiveness", -4), ("courtesy", 4), ("fairness", 0)] {
            if random.below(100) < 96 {
                let point = likert(random, mood + offset);
                answers.push(format!("\"{question}\":{point}"));
            }
        }
        let standards: &[(&str, u64)] = if wave.has_unsure {
            &[
                ("always", 30),
                ("mostly", 42),
                ("sometimes", 15),
                ("rarely", 4),
                ("unsure", 9),
            ]
        } else {
            &[
                ("always", 27),
                ("mostly", 43),
                ("sometimes", 21),
                ("rarely", 9),
            ]
        };
        answers.push(format!("\"standards_met\":\"{}\"", pick(random, standards)));
        let overall = (likert(random, mood) * 2 - 1 + random.below(2) as i64).clamp(0, 10);
        answers.push(format!("\"overall\":{overall}"));
        let raised = random.below(100) < 7;
        answers.push(format!(
            "\"raised_concern\":\"{}\"",
            if raised { "yes" } else { "no" }
        ));
        if raised {
            answers.push(format!("\"concern_handled\":{}", likert(random, mood - 8)));
            answers.push(format!("\"concerns_raised_count\":{}", 1 + random.below(3)));
        }
    }
    let mut routes = Vec::new();
    let ombudsman = 22 + wave.improvement * 3;
    for (route, share) in [
        ("manager", 58),
        ("complaints_officer", 44),
        ("ombudsman", ombudsman),
    ] {
        if random.below(100) < share {
            routes.push(format!("\"{route}\""));
        }
    }
    if routes.is_empty() {
        routes.push("\"none\"".to_owned());
    }
    answers.push(format!("\"escalation_awareness\":[{}]", routes.join(",")));
    if random.below(100) < 40 {
        let said = pick(
            random,
            &[
                ("Reply to emails sooner.", 3),
                ("Explain decisions, not just announce them.", 2),
                ("Publish meeting papers earlier.", 2),
                ("Listen to newcomers.", 1),
            ],
        );
        answers.push(format!("\"improvement\":\"{said}\""));
    }
    let (month, last_day) = wave.months[random.below(wave.months.len() as u64) as usize];
    let day = 1 + random.below(u64::from(last_day));
    let submitted = format!("{month}-{day:02}").max(wave.opens.to_owned());
    format!(
        "{{\"format\":\"candor-response/1\",\"survey\":\"{}\",\"version\":1,\
         \"response_id\":\"{id}\",\"submitted\":\"{submitted}\",\"answers\":{{{}}}}}",
        wave.survey,
        answers.join(",")
    )
}

/// A likert point around `mood` / 10 (30 is "agree" on average).
fn likert(random: &mut Random, mood: i64) -> i64 {
    let spread = random.below(25) as i64 + random.below(25) as i64 - 24;
    ((mood + spread + 5) / 10 + 1).clamp(1, 5)
}

/// xorshift64*: deterministic, dependency-free, good enough for sample data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        let hex = format!("{a:016x}{b:016x}");
        let variant = ['8', '9', 'a', 'b'][(b >> 60) as usize % 4];
        format!(
            "{}-{}-4{}-{}{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            variant,
            &hex[17..20],
            &hex[20..32]
        )
    }
}
