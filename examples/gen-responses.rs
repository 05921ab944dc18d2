//! Writes synthetic response files for the sample survey (`surveys/community-2026.yaml`), for
//! benchmarking `candor-collect ingest`:
//!
//! ```sh
//! cargo run --release --example gen-responses -- OUT_DIR COUNT [BAD_PERCENT]
//! ```
//!
//! COUNT valid responses are written as `community-2026-<uuid>.json`, plus BAD_PERCENT percent
//! (default 5) more bad files of assorted kinds (truncated, wrong types, unknown choices, binary,
//! nested too deep). Answers come from a small deterministic generator, so runs are comparable.

use std::path::{Path, PathBuf};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(count)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: gen-responses OUT_DIR COUNT [BAD_PERCENT]");
        std::process::exit(2);
    };
    let bad_percent: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(5);
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out)?;
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for _ in 0..count {
        let id = random.uuid();
        let text = valid_response(&id, &mut random);
        write(&out, &format!("community-2026-{id}.json"), text.as_bytes())?;
    }
    for index in 0..count * bad_percent / 100 {
        let id = random.uuid();
        let valid = valid_response(&id, &mut random);
        let bad: Vec<u8> = match index % 6 {
            0 => valid.as_bytes()[..valid.len() / 2].to_vec(),
            1 => valid
                .replace("\"version\":1", "\"version\":\"1\"")
                .into_bytes(),
            2 => valid
                .replace(
                    "\"contacted_staff\":\"no\"",
                    "\"contacted_staff\":\"maybe\"",
                )
                .replace(
                    "\"contacted_staff\":\"yes\"",
                    "\"contacted_staff\":\"maybe\"",
                )
                .into_bytes(),
            3 => (0..600).map(|i| (i * 7 % 256) as u8).collect(),
            4 => format!("{{\"answers\":{}{}}}", "[".repeat(100), "]".repeat(100)).into_bytes(),
            _ => valid
                .replace("candor-response/1", "candor-response/9")
                .into_bytes(),
        };
        write(&out, &format!("bad-{index:06}.json"), &bad)?;
    }
    Ok(())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(dir.join(name), bytes)
}

fn valid_response(id: &str, random: &mut Random) -> String {
    const GROUPS: [&str; 7] = [
        "registries",
        "business",
        "civil_society",
        "government",
        "technical",
        "individual",
        "other",
    ];
    const REGIONS: [&str; 5] = [
        "africa",
        "asia_pacific",
        "europe",
        "latin_america",
        "north_america",
    ];
    let mut answers = vec![
        format!("\"stakeholder_group\":\"{}\"", random.pick(&GROUPS)),
        format!("\"region\":\"{}\"", random.pick(&REGIONS)),
    ];
    if random.below(5) > 0 {
        answers.push("\"contacted_staff\":\"yes\"".to_owned());
        answers.push("\"channels\":[\"email\",\"meeting\"]".to_owned());
        answers.push(format!("\"courtesy\":{}", 1 + random.below(5)));
        answers.push(format!("\"responsiveness\":{}", 1 + random.below(5)));
        answers.push(format!("\"overall\":{}", random.below(11)));
        answers.push("\"improvement\":\"Reply to emails sooner.\"".to_owned());
    } else {
        answers.push("\"contacted_staff\":\"no\"".to_owned());
    }
    format!(
        "{{\"format\":\"candor-response/1\",\"survey\":\"community-2026\",\"version\":1,\
         \"response_id\":\"{id}\",\"submitted\":\"2026-{:02}-{:02}\",\"answers\":{{{}}}}}",
        3 + random.below(4),
        1 + random.below(28),
        answers.join(",")
    )
}

/// xorshift64*: deterministic, dependency-free, good enough for test data.
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

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
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
