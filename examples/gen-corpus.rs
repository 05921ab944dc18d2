//! Writes a synthetic Candor site for benchmarks:
//!
//! ```text
//! cargo run --release --example gen-corpus -- DIR PAGES [THEME_SITE]
//!     [--git COMMITS] [--responses M] [--duplicate-share F] [--bad-share F]
//!     [--languages CODES]
//! ```
//!
//! Pages are 1–2 KB of realistic Markdown (headings, lists, a table, links to other pages and to
//! their headings, footnotes, emphasis) in nested sections, with a data file, the theme and the
//! survey definitions of THEME_SITE (default: this repository's sample site), so that the build
//! exercises every stage. `--git` makes the site a git repository with that many commits (the
//! signing stage numbers releases from git history). `--responses` writes M response files for
//! the sample survey `community-2026` under `DIR/responses/`, in folders of 1,000 like batches
//! handed in by a collection point: a share of them re-sends earlier responses (same
//! `response_id`, so the collector must count them once) and a share is broken in one of the
//! ways `docs/response-format.md` lists (so the collector must quarantine them).
//! `--languages fr,ar` makes a site in several languages: English by default, and beside every
//! page and section page (`p1.md`, `_index.md`) its translation into each language named
//! (`p1.fr.md`, `_index.fr.md`), listed under `languages:` in `site.yaml`: the corpus of issue
//! 17's "two languages within 2.2× the one-language time".
//!
//! The output depends only on the arguments, so two runs give identical sites.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Parser;

const SECTIONS: usize = 20;
const SUBSECTIONS: usize = 5;
const RESPONSES_PER_FOLDER: usize = 1_000;

/// Writes a synthetic Candor site (and optionally response files) for benchmarks.
#[derive(Debug, Parser)]
struct Args {
    /// The folder to create; it is replaced if it exists.
    dir: PathBuf,
    /// How many pages to write (besides the section pages).
    pages: usize,
    /// The site whose themes/ and surveys/ are copied. Defaults to this repository.
    theme_site: Option<PathBuf>,
    /// Make DIR a git repository with this many commits (one adds the site, each later one
    /// edits a page, or now and then renames one).
    #[arg(long, value_name = "COMMITS")]
    git: Option<usize>,
    /// Write this many response files for the survey community-2026 under DIR/responses/.
    #[arg(long, value_name = "M", default_value_t = 0)]
    responses: usize,
    /// The share of response files that re-send an earlier response (0 to 1).
    #[arg(long, value_name = "F", default_value_t = 0.05)]
    duplicate_share: f64,
    /// The share of response files that are invalid, each in one of several ways (0 to 1).
    #[arg(long, value_name = "F", default_value_t = 0.02)]
    bad_share: f64,
    /// Translate every page into these languages (BCP 47 codes, comma-separated, e.g. `fr`).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    languages: Vec<String>,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let theme_site = args
        .theme_site
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    generate_site(&args.dir, args.pages, &theme_site, &args.languages)?;
    if args.responses > 0 {
        let shares = Shares {
            duplicate: args.duplicate_share.clamp(0.0, 1.0),
            bad: args.bad_share.clamp(0.0, 1.0),
        };
        generate_responses(&args.dir.join("responses"), args.responses, shares)?;
    }
    if let Some(commits) = args.git {
        git_history(&args.dir, commits.max(1), args.pages)?;
    }
    Ok(())
}

fn generate_site(
    dir: &Path,
    pages: usize,
    theme_site: &Path,
    languages: &[String],
) -> std::io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir.join("content"))?;
    copy_tree(&theme_site.join("themes"), &dir.join("themes"))?;
    copy_survey_definitions(&theme_site.join("surveys"), &dir.join("surveys"))?;
    fs::create_dir_all(dir.join("data"))?;
    let mut site_yaml = String::from(
        "title: Benchmark Hub\nbase_url: https://bench.example.org/\norganisation: Example Body\n",
    );
    if !languages.is_empty() {
        site_yaml.push_str("language: en\nlanguages:\n  - code: en\n    name: English\n");
        for code in languages {
            let _ = write!(
                site_yaml,
                "  - code: {code}\n    name: Language {code}\n    title: Benchmark Hub ({code})\n"
            );
        }
    }
    fs::write(dir.join("site.yaml"), site_yaml)?;
    fs::write(
        dir.join("data/facts.yaml"),
        "target_days: 14\nregions: [Africa, Asia Pacific, Europe, Latin America, North America]\n",
    )?;
    fs::write(
        dir.join("content/_index.md"),
        "---\ntitle: Benchmark Hub\n---\nA generated site.\n",
    )?;
    for section in 0..SECTIONS {
        let folder = dir.join(format!("content/s{section:02}"));
        fs::create_dir_all(&folder)?;
        fs::write(
            folder.join("_index.md"),
            format!(
                "---\ntitle: Section {section}\nsort_by: date\n---\nPages of section {section}.\n"
            ),
        )?;
        for sub in 0..SUBSECTIONS {
            let sub_folder = folder.join(format!("t{sub}"));
            fs::create_dir_all(&sub_folder)?;
            fs::write(
                sub_folder.join("_index.md"),
                format!("---\ntitle: Topic {section}.{sub}\n---\n"),
            )?;
        }
    }
    for index in 0..pages {
        let (path, _) = page_location(index);
        fs::write(dir.join("content").join(path), page_text(index, pages))?;
    }
    for code in languages {
        translate_every_page(&dir.join("content"), code)?;
    }
    Ok(())
}

/// Writes beside every Markdown file under `content` (translations of earlier languages
/// aside) its translation into `code`: the same text, its title followed by the code in brackets.
fn translate_every_page(content: &Path, code: &str) -> std::io::Result<()> {
    for entry in fs::read_dir(content)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            translate_every_page(&path, code)?;
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        let is_original = path.extension().is_some_and(|ext| ext == "md") && !stem.contains('.');
        if is_original {
            let text = fs::read_to_string(&path)?;
            let translated = match text.split_once("\ntitle: ") {
                Some((before, after)) => {
                    let (title, rest) = after.split_once('\n').unwrap_or((after, ""));
                    format!("{before}\ntitle: {title} ({code})\n{rest}")
                }
                None => text,
            };
            fs::write(path.with_file_name(format!("{stem}.{code}.md")), translated)?;
        }
    }
    Ok(())
}

/// The file of page `index` and its site path.
fn page_location(index: usize) -> (String, String) {
    let section = index % SECTIONS;
    let sub = (index / SECTIONS) % SUBSECTIONS;
    (
        format!("s{section:02}/t{sub}/p{index}.md"),
        format!("/s{section:02}/t{sub}/p{index}/"),
    )
}

fn page_text(index: usize, total: usize) -> String {
    let next = page_location((index + 1) % total).1;
    let far = page_location((index * 7 + 3) % total).1;
    let day = 1 + index % 28;
    let month = 1 + index % 12;
    let mut text = String::with_capacity(2048);
    let _ = write!(
        text,
        "---\ntitle: Policy note {index}\ndescription: How staff handle request {index}.\ndate: 2025-{month:02}-{day:02}\nweight: {w}\ntags: [policy, note{t}]\n---\n",
        w = index % 10,
        t = index % 5
    );
    let _ = write!(
        text,
        "Staff **acknowledge** every community request within *14 days*, and explain \
         their reasoning when they decline one.[^why] This note is part of the \
         [next note]({next}) series and refers to [the scope]({far}#scope).\n\n\
         ## Scope\n\nIt applies to:\n\n- requests sent through the public form;\n\
         - questions raised in working-group calls;\n- messages to the published contact address.\n\n\
         ## Service levels\n\n| Step | Target | Last period |\n|---|---|---|\n\
         | Acknowledge | 14 days | {a}% |\n| Substantive reply | 30 days | {b}% |\n| Escalation decision | 45 days | {c}% |\n\n\
         ## Raising a concern\n\nTalk to the staff member or their manager first. If that does not \
         resolve it, write to the Complaints Officer; the Ombudsman is the independent last step. \
         Each step is \"confidential\" unless you agree otherwise --- and none of them can be used \
         to retaliate.\n\n1. Describe what happened.\n2. Say what outcome you hope for.\n3. Keep a copy.\n\n\
         [^why]: Reasons are published with the decision.\n",
        a = 80 + index % 20,
        b = 70 + index % 25,
        c = 60 + index % 30
    );
    text
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Copies `surveys/*.yaml` (the definitions, not published results).
fn copy_survey_definitions(from: &Path, to: &Path) -> std::io::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let is_definition = entry.path().extension().is_some_and(|ext| ext == "yaml");
        if entry.file_type()?.is_file() && is_definition {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Commits the site, then edits one page per further commit, as editors would: each edit
/// rewords a sentence of a page (pages taken in a scattered order, so most pages have a few
/// revisions), and every 1,000th commit moves a page into a folder of its own instead
/// (`p1.md` → `p1/index.md`: a rename in git, the same address). The later commits are
/// written with one `git fast-import`, an hour apart, so that 20,000 commits take seconds.
fn git_history(dir: &Path, commits: usize, pages: usize) -> std::io::Result<()> {
    let git = |args: &[&str]| -> std::io::Result<()> {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args([
                "-c",
                "user.name=Bench",
                "-c",
                "user.email=bench@example.org",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
            .status()?;
        if status.success() {
            Ok(())
        } else {
            Err(std::io::Error::other(format!("git {args:?} failed")))
        }
    };
    fs::write(dir.join(".gitignore"), "/public/\n/responses/\n/.candor/\n")?;
    git(&["init", "--quiet", "--initial-branch=main"])?;
    git(&["add", "--all"])?;
    git(&["commit", "--quiet", "--message", "Add the site"])?;
    if commits <= 1 || pages == 0 {
        return Ok(());
    }
    let mut stream = String::new();
    // Page index → its file (relative to content/) and text, once edited or moved.
    let mut edited: std::collections::HashMap<usize, (String, String)> = Default::default();
    const START: u64 = 1_767_225_600; // 2026-01-01T00:00:00Z
    for edit in 1..commits {
        let index = edit.wrapping_mul(7_919) % pages;
        let (file, text) = edited
            .entry(index)
            .or_insert_with(|| (page_location(index).0, page_text(index, pages)));
        let time = START + edit as u64 * 3_600;
        let _ = write!(
            stream,
            "commit refs/heads/main\ncommitter Bench <bench@example.org> {time} +0000\n"
        );
        let (message, change) = if edit % 1_000 == 0 && !file.ends_with("/index.md") {
            // Into a folder of its own, at the same address: links to it stay good.
            let moved = file.replace(".md", "/index.md");
            let change = format!("R content/{file} content/{moved}\n");
            *file = moved;
            (format!("Move policy note {index}"), change)
        } else {
            *text = text.replacen(
                "within *14 days*",
                &format!("within *{} days*", 10 + edit % 9),
                1,
            );
            let _ = writeln!(text, "\nRevised in edit {edit}.");
            (
                format!("Reword policy note {index}"),
                format!(
                    "M 100644 inline content/{file}\ndata {}\n{text}\n",
                    text.len()
                ),
            )
        };
        let _ = write!(stream, "data {}\n{message}\n", message.len());
        if edit == 1 {
            stream.push_str("from refs/heads/main^0\n");
        }
        stream.push_str(&change);
        stream.push('\n');
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["fast-import", "--quiet", "--force"])
        .stdin(std::process::Stdio::piped())
        .spawn()?;
    std::io::Write::write_all(child.stdin.as_mut().expect("piped"), stream.as_bytes())?;
    drop(child.stdin.take());
    if !child.wait()?.success() {
        return Err(std::io::Error::other("git fast-import failed"));
    }
    // The working tree follows the new commits: edited and moved files as committed.
    git(&["reset", "--quiet", "--hard"])
}

/// What share of response files are re-sent or broken.
#[derive(Debug, Clone, Copy)]
struct Shares {
    duplicate: f64,
    bad: f64,
}

/// A small deterministic generator (SplitMix64): the same arguments give the same files.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, share: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < share
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A lowercase UUID version 4, as the form makes them.
    fn uuid_v4(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        let hex = format!("{a:016x}{b:016x}");
        let variant = ["8", "9", "a", "b"][(b >> 60) as usize % 4];
        format!(
            "{}-{}-4{}-{variant}{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            &hex[17..20],
            &hex[20..32]
        )
    }
}

fn generate_responses(dir: &Path, count: usize, shares: Shares) -> std::io::Result<()> {
    let mut random = Random(2026);
    let mut sent: Vec<String> = Vec::new();
    for index in 0..count {
        let folder = dir.join(format!("batch-{:04}", index / RESPONSES_PER_FOLDER));
        if index % RESPONSES_PER_FOLDER == 0 {
            fs::create_dir_all(&folder)?;
        }
        let text = if !sent.is_empty() && random.chance(shares.duplicate) {
            sent[random.below(sent.len())].clone().into_bytes()
        } else if random.chance(shares.bad) {
            broken_response(&mut random, index)
        } else {
            let text = valid_response(&mut random);
            sent.push(text.clone());
            text.into_bytes()
        };
        fs::write(folder.join(format!("response-{index:06}.json")), text)?;
    }
    Ok(())
}

/// A valid response to community-2026 version 1, following its `show_if` rules.
fn valid_response(random: &mut Random) -> String {
    let mut answers: Vec<(&str, String)> = Vec::new();
    let quoted = |text: &str| format!("\"{text}\"");
    let group = [
        "registries",
        "business",
        "civil_society",
        "government",
        "technical",
        "individual",
        "other",
    ];
    let regions = [
        "africa",
        "asia_pacific",
        "europe",
        "latin_america",
        "north_america",
    ];
    answers.push(("stakeholder_group", quoted(random.pick(&group))));
    answers.push(("region", quoted(random.pick(&regions))));
    answers.push((
        "years",
        quoted(random.pick(&["under_2", "2_to_5", "over_5"])),
    ));
    let contacted = random.below(5) > 0;
    answers.push((
        "contacted_staff",
        quoted(if contacted { "yes" } else { "no" }),
    ));
    if contacted {
        let channels = ["email", "working_group", "meeting", "support"];
        let first = random.below(channels.len());
        let second = (first + 1 + random.below(channels.len() - 1)) % channels.len();
        let list = if random.below(2) == 0 {
            format!("[\"{}\"]", channels[first])
        } else {
            format!("[\"{}\", \"{}\"]", channels[first], channels[second])
        };
        answers.push(("channels", list));
        for likert in ["responsiveness", "courtesy", "fairness"] {
            answers.push((likert, (1 + random.below(5)).to_string()));
        }
        let standards = ["always", "mostly", "sometimes", "rarely", "unsure"];
        answers.push(("standards_met", quoted(random.pick(&standards))));
        answers.push(("overall", random.below(11).to_string()));
        let raised = random.below(6) == 0;
        answers.push(("raised_concern", quoted(if raised { "yes" } else { "no" })));
        if raised {
            answers.push(("concern_handled", (1 + random.below(5)).to_string()));
            answers.push(("concerns_raised_count", (1 + random.below(5)).to_string()));
        }
    }
    if random.below(2) == 0 {
        let routes = ["manager", "complaints_officer", "ombudsman"];
        answers.push((
            "escalation_awareness",
            format!("[\"{}\"]", random.pick(&routes)),
        ));
    }
    if random.below(3) == 0 {
        let wishes = [
            "Reply to emails sooner.",
            "Explain decisions in plain words.",
            "Publish meeting notes within a week.",
            "Say who is handling my request.",
        ];
        answers.push(("improvement", quoted(random.pick(&wishes))));
    }
    response_json(&random.uuid_v4(), &submitted_day(random), &answers)
}

/// An invalid response, broken in one of the ways the collector must recognise: a truncated
/// file, binary bytes, nesting far too deep, a wrong type in the header, an unknown format tag,
/// an unknown choice, a number out of range, a future date, a missing required answer, an
/// answer to a question its condition hides.
fn broken_response(random: &mut Random, index: usize) -> Vec<u8> {
    let id = random.uuid_v4();
    let day = submitted_day(random);
    let no = || vec![("contacted_staff", "\"no\"".to_owned())];
    let text = match index % 10 {
        0 => {
            let whole = response_json(&id, &day, &no());
            whole[..whole.len() / 2].to_owned()
        }
        1 => return (0..600).map(|i| (i * 7 % 256) as u8).collect(),
        2 => format!("{{\"answers\":{}{}}}", "[".repeat(100), "]".repeat(100)),
        3 => response_json(&id, &day, &no()).replace("\"version\": 1", "\"version\": \"1\""),
        4 => response_json(&id, &day, &no()).replace("candor-response/1", "candor-response/9"),
        5 => response_json(&id, &day, &[("contacted_staff", "\"maybe\"".to_owned())]),
        6 => response_json(
            &id,
            &day,
            &[
                ("contacted_staff", "\"yes\"".to_owned()),
                ("overall", "11".to_owned()),
            ],
        ),
        7 => response_json(&id, "2099-01-01", &no()),
        8 => response_json(&id, &day, &[("region", "\"europe\"".to_owned())]),
        _ => {
            let mut answers = no();
            answers.push(("courtesy", "4".to_owned()));
            response_json(&id, &day, &answers)
        }
    };
    text.into_bytes()
}

fn submitted_day(random: &mut Random) -> String {
    format!("2026-11-{:02}", 2 + random.below(19))
}

fn response_json(id: &str, day: &str, answers: &[(&str, String)]) -> String {
    let mut text = format!(
        "{{\n  \"format\": \"candor-response/1\",\n  \"survey\": \"community-2026\",\n  \"version\": 1,\n  \"response_id\": \"{id}\",\n  \"submitted\": \"{day}\",\n  \"answers\": {{"
    );
    for (position, (question, value)) in answers.iter().enumerate() {
        let comma = if position == 0 { "" } else { "," };
        let _ = write!(text, "{comma}\n    \"{question}\": {value}");
    }
    text.push_str("\n  }\n}\n");
    text
}
