//! Nothing wrong published, and the collector accepts exactly what the form produces (issue 14,
//! cases 6 to 12): `report` refuses a damaged store and responses its survey no longer defines;
//! ingest refuses dates outside the survey's dates, whole numbers written as decimals, blank
//! text made of invisible characters and an exclusive choice combined with others; and a
//! definition no response could ever satisfy the collector's limits for does not build.

use std::path::Path;

use crate::support::{Run, TestSite, copy_tree};

/// A survey with a grouping question, a scale, an exclusive choice, numbers and text.
const PULSE: &str = r#"id: pulse
title: Staff pulse
version: 1
opens: 2026-01-01
closes: 2026-06-30
anonymity: Nothing you send identifies you.
questions:
  - id: team
    type: single
    group: true
    label: Your team
    choices:
      - {id: a, label: Alpha}
      - {id: b, label: Bravo}
      - {id: c, label: Charlie}
  - id: courtesy
    type: likert
    label: Staff were courteous.
  - id: routes
    type: multiple
    label: Which routes did you know of?
    choices:
      - {id: manager, label: Your manager}
      - {id: ombudsman, label: The Ombudsman}
      - {id: none, label: None of these, exclusive: true}
  - id: years
    type: number
    label: For how many years?
    min: 0
    max: 60
  - id: hours
    type: number
    label: Hours a week?
    integer: false
    max: 80
  - id: note
    type: text
    label: Anything to add?
    max_length: 80
"#;

fn site() -> TestSite {
    let site = TestSite::empty();
    site.write("surveys/pulse.yaml", PULSE);
    site
}

/// A site `candor build` and `check` accept, with the repository's default theme.
fn buildable_site() -> TestSite {
    let site = TestSite::empty();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &site.path("themes/default"),
    );
    site.write(
        "site.yaml",
        "title: Limits\nbase_url: https://example.org/\n",
    );
    site.write("content/_index.md", "---\ntitle: Home\n---\nHello.\n");
    site
}

/// A UUID v4 distinct for each `n`.
fn uuid(n: usize) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// The text of a response file to `pulse` with these answers (a JSON object's inside).
fn response(n: usize, submitted: &str, answers: &str) -> String {
    format!(
        r#"{{"format":"candor-response/1","survey":"pulse","version":1,"response_id":"{}","submitted":"{submitted}","answers":{{{answers}}}}}"#,
        uuid(n)
    )
}

/// Writes `count` ordinary responses (numbered from `first`) into `folder`.
fn ordinary_responses(site: &TestSite, folder: &str, first: usize, count: usize) {
    let dir = site.path(folder);
    std::fs::create_dir_all(&dir).unwrap();
    for n in first..first + count {
        let team = ["a", "b", "c"][n % 3];
        let routes = ["\"manager\"", "\"ombudsman\"", "\"none\""][n % 3];
        let answers = format!(
            r#""team":"{team}","courtesy":{},"routes":[{routes}],"years":{},"note":"Fine.""#,
            1 + n % 5,
            n % 40
        );
        let day = format!("2026-03-{:02}", 1 + n % 28);
        std::fs::write(
            dir.join(format!("pulse-{}.json", uuid(n))),
            response(n, &day, &answers),
        )
        .unwrap();
    }
}

/// The rejection lines an ingest printed, without the quarantine name that follows each.
fn rejections(run: &Run) -> Vec<String> {
    let mut lines: Vec<String> = run
        .stderr()
        .lines()
        .map(|line| match line.split_once("; kept as ") {
            Some((before, _)) => before.to_owned(),
            None => line.to_owned(),
        })
        .collect();
    lines.sort();
    lines
}

/// Ingests the files `name → text` from a fresh inbox and returns the rejection lines.
fn ingest_files(site: &TestSite, files: &[(&str, String)]) -> Vec<String> {
    for (name, text) in files {
        site.write(&format!("inbox/{name}"), text);
    }
    rejections(&site.collect(&["ingest", "inbox"]).exit_code(0))
}

// Case 6 ------------------------------------------------------------------------------------

/// The offset in a store file of the survey id of a key in a leaf page in the middle of the
/// file: the bytes `pulse` followed by a response id, in the middle of the page.
fn key_in_a_middle_page(bytes: &[u8]) -> usize {
    const PAGE: usize = 4096;
    const LEAF: u8 = 0x0a; // a leaf page of a table without rowid (SQLite's file format)
    let pages = bytes.len() / PAGE;
    for page in pages / 2..pages {
        let start = page * PAGE;
        let content = &bytes[start..start + PAGE];
        if content[0] != LEAF {
            continue;
        }
        let keys: Vec<usize> = content
            .windows(14)
            .enumerate()
            .filter(|(_, window)| window == b"pulse00000000-")
            .map(|(offset, _)| offset)
            .collect();
        if keys.len() > 2 {
            return start + keys[keys.len() / 2];
        }
    }
    panic!("no leaf page with keys");
}

#[test]
fn a_damaged_store_is_refused_and_the_published_results_are_kept() {
    let site = site();
    ordinary_responses(&site, "inbox", 0, 20_000);
    site.collect(&["ingest", "inbox"]).success();
    site.collect(&["report", "pulse"]).success();
    let published = site.read("surveys/results/pulse.yaml");
    assert!(published.contains("count: 20000"), "{published}");

    // One byte of one key, in a page in the middle of the file: the kind of damage a bad
    // sector or a torn copy leaves. Before this check, `report` published figures from the
    // 9,000-odd rows before it, with exit 0.
    let store = site.path(".candor/responses.sqlite");
    let mut bytes = std::fs::read(&store).unwrap();
    let at = key_in_a_middle_page(&bytes);
    bytes[at + 4] = b'z';
    std::fs::write(&store, &bytes).unwrap();

    let run = site.collect(&["report", "pulse"]).exit_code(1);
    assert_eq!(
        run.stderr(),
        "error: the store ./.candor/responses.sqlite is damaged, so no results were written\n  \
         sqlite: row not in PRIMARY KEY order for responses\n  \
         hint: restore the store from a backup, or ingest the response files again into a new store (--store NEW.sqlite)\n"
    );
    assert_eq!(run.stdout(), "");
    assert_eq!(
        site.read("surveys/results/pulse.yaml"),
        published,
        "the published results are untouched"
    );
    site.collect(&["report", "pulse", "--out", "elsewhere.yaml"])
        .exit_code(1);
    assert!(!site.path("elsewhere.yaml").exists(), "nothing is written");
}

// Case 7 ------------------------------------------------------------------------------------

#[test]
fn responses_the_edited_definition_no_longer_defines_stop_the_report() {
    let site = site();
    ordinary_responses(&site, "inbox", 0, 60);
    site.collect(&["ingest", "inbox"]).success();
    site.collect(&["report", "pulse"]).success();
    let published = site.read("surveys/results/pulse.yaml");

    // Edited without raising `version`: a choice removed, a question removed, a type changed.
    let edited = PULSE
        .replace("      - {id: c, label: Charlie}\n", "")
        .replace(
            "  - id: note\n    type: text\n    label: Anything to add?\n    max_length: 80\n",
            "",
        )
        .replace(
            "  - id: years\n    type: number\n",
            "  - id: years\n    type: text\n",
        )
        .replace("    min: 0\n    max: 60\n", "");
    assert_ne!(edited, PULSE);
    site.write("surveys/pulse.yaml", &edited);
    let run = site.collect(&["report", "pulse"]).exit_code(1);
    assert_eq!(
        run.stderr(),
        "error: 60 of the 60 stored responses to version 1 of survey `pulse` do not fit its definition any more, so no results were written:\n  \
         unknown-question: 60 responses, e.g. answer to \"note\", which is not a question of this survey\n  \
         wrong-type: 60 responses, e.g. `years` takes text (a string), but the answer is a number\n  \
         unknown-choice: 20 responses, e.g. \"c\" is not a choice of `team`\n  \
         hint: surveys/pulse.yaml was changed without raising its `version`: restore the definition these responses were collected with, or raise `version` for the changed survey and report on responses to the new version\n"
    );
    assert_eq!(site.read("surveys/results/pulse.yaml"), published);

    // A single removed choice is enough to refuse.
    let one_choice = PULSE.replace("      - {id: c, label: Charlie}\n", "");
    site.write("surveys/pulse.yaml", &one_choice);
    let run = site.collect(&["report", "pulse"]).exit_code(1);
    assert!(
        run.stderr().starts_with(
            "error: 20 of the 60 stored responses to version 1 of survey `pulse` do not fit"
        ),
        "{}",
        run.explain()
    );
    // Raising the version, as the hint says, reports on the new version (none yet).
    site.write(
        "surveys/pulse.yaml",
        &one_choice.replace("version: 1", "version: 2"),
    );
    site.collect(&["report", "pulse"])
        .exit_code(1)
        .stderr_contains(
            "has no responses to version 2 of survey `pulse` (60 are of other versions)",
        );
}

// Case 8 ------------------------------------------------------------------------------------

#[test]
fn a_response_dated_outside_the_survey_dates_is_rejected() {
    let site = site();
    let files = [
        ("epoch.json", "1970-01-01"),
        ("two-before.json", "2025-12-30"),
        ("day-before.json", "2025-12-31"),
        ("first-day.json", "2026-01-01"),
        ("last-day.json", "2026-06-30"),
        ("day-after.json", "2026-07-01"),
        ("two-after.json", "2026-07-02"),
    ]
    .iter()
    .enumerate()
    .map(|(n, (name, day))| (*name, response(n, day, r#""team":"a""#)))
    .collect::<Vec<_>>();
    assert_eq!(
        ingest_files(&site, &files),
        [
            "inbox/epoch.json: warning: rejected (outside-dates): submitted 1970-01-01 is outside the survey's dates, 2026-01-01 to 2026-06-30",
            "inbox/two-after.json: warning: rejected (outside-dates): submitted 2026-07-02 is outside the survey's dates, 2026-01-01 to 2026-06-30",
            "inbox/two-before.json: warning: rejected (outside-dates): submitted 2025-12-30 is outside the survey's dates, 2026-01-01 to 2026-06-30",
        ]
    );
}

// Case 9 ------------------------------------------------------------------------------------

#[test]
fn a_whole_number_must_be_written_as_one() {
    let site = site();
    let files = [
        (
            "decimal-point.json",
            response(1, "2026-03-01", r#""years":2.0"#),
        ),
        ("exponent.json", response(2, "2026-03-01", r#""years":1e1"#)),
        (
            "likert.json",
            response(3, "2026-03-01", r#""courtesy":4.0"#),
        ),
        (
            "whole.json",
            response(4, "2026-03-01", r#""years":2,"courtesy":4"#),
        ),
        ("decimal.json", response(5, "2026-03-01", r#""hours":7.5"#)),
        (
            "decimal-whole.json",
            response(6, "2026-03-01", r#""hours":7"#),
        ),
    ];
    assert_eq!(
        ingest_files(&site, &files),
        [
            "inbox/decimal-point.json: warning: rejected (out-of-range): `years` takes a whole number written without a decimal point or exponent, not 2.0",
            "inbox/exponent.json: warning: rejected (out-of-range): `years` takes a whole number written without a decimal point or exponent, not 10.0",
            "inbox/likert.json: warning: rejected (out-of-range): `courtesy` takes a whole number from 1 to 5, not 4.0",
        ]
    );
}

// Case 10 -----------------------------------------------------------------------------------

#[test]
fn text_of_invisible_characters_only_is_blank() {
    let site = site();
    let invisible = [
        ("zero-width-space", "\\u200b"),
        ("joiners", "\\u200c\\u200d"),
        ("word-joiner", "\\u2060"),
        ("byte-order-mark", "\\ufeff"),
        ("soft-hyphen", "\\u00ad"),
        ("direction-marks", "\\u200e\\u202e\\u2066"),
        ("mixed-with-spaces", " \\u200b\\u3000\\u00a0\\n"),
        ("hangul-filler", "\\u3164"),
        ("tag-space", "\\udb40\\udc20"),
    ];
    let mut files: Vec<(String, String)> = invisible
        .iter()
        .enumerate()
        .map(|(n, (name, text))| {
            (
                format!("{name}.json"),
                response(n, "2026-03-01", &format!(r#""note":"{text}""#)),
            )
        })
        .collect();
    files.push((
        "joined-emoji.json".to_owned(),
        response(
            99,
            "2026-03-01",
            r#""note":"\ud83d\udc69\u200d\ud83d\udcbb ok""#,
        ),
    ));
    let files: Vec<(&str, String)> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.clone()))
        .collect();
    let blank = |name: &str| {
        format!(
            "inbox/{name}.json: warning: rejected (wrong-type): `note` has empty text; an unanswered question is left out instead"
        )
    };
    let mut expected: Vec<String> = invisible.iter().map(|(name, _)| blank(name)).collect();
    expected.sort();
    assert_eq!(ingest_files(&site, &files), expected);
}

// Case 11 -----------------------------------------------------------------------------------

#[test]
fn an_exclusive_choice_cannot_be_combined_with_another() {
    let site = site();
    let files = [
        (
            "combined.json",
            response(1, "2026-03-01", r#""routes":["ombudsman","none"]"#),
        ),
        (
            "alone.json",
            response(2, "2026-03-01", r#""routes":["none"]"#),
        ),
        (
            "others.json",
            response(3, "2026-03-01", r#""routes":["manager","ombudsman"]"#),
        ),
    ];
    assert_eq!(
        ingest_files(&site, &files),
        [
            "inbox/combined.json: warning: rejected (selections): `routes` combines `none`, which can only be chosen alone, with other choices"
        ]
    );
}

#[test]
fn exclusive_is_only_for_choices_of_multiple_choice_questions() {
    let site = buildable_site();
    site.write(
        "surveys/pulse.yaml",
        &PULSE.replace(
            "      - {id: c, label: Charlie}\n",
            "      - {id: c, label: Charlie, exclusive: true}\n",
        ),
    );
    let run = site.candor(&["check"]).exit_code(1);
    assert_eq!(
        run.stderr()
            .lines()
            .filter(|line| line.contains("error"))
            .collect::<Vec<_>>(),
        [
            "surveys/pulse.yaml:15:44: error: `exclusive` is for choices of multiple choice questions; `team` is a `single` question"
        ],
        "{}",
        run.explain()
    );
}

// Case 12 -----------------------------------------------------------------------------------

fn survey_with(questions: &str) -> String {
    format!(
        "id: big\ntitle: Big\nversion: 1\nanonymity: Nothing identifies you.\nopens: 2026-01-01\ncloses: 2026-06-30\nquestions:\n{questions}"
    )
}

fn errors_of(run: &Run) -> Vec<String> {
    let mut errors = Vec::new();
    let mut after_error = false;
    for line in run.stderr().lines() {
        let is_error = line.contains(": error:");
        if is_error || (after_error && line.starts_with("  hint:")) {
            errors.push(line.to_owned());
        }
        after_error = is_error;
    }
    errors
}

#[test]
fn a_definition_no_complete_response_could_be_collected_for_does_not_build() {
    let site = buildable_site();
    let many: String = (0..1001)
        .map(|n| format!("  - {{id: q{n}, type: rating, label: Q{n}}}\n"))
        .collect();
    site.write("surveys/big.yaml", &survey_with(&many));
    let expected = [
        "surveys/big.yaml:8:3: error: the survey has 1001 questions, but the collector accepts at most 1000 answers in a response",
        "  hint: split the survey into several surveys of at most 1000 questions",
    ];
    assert_eq!(errors_of(&site.candor(&["build"]).exit_code(1)), expected);
    assert_eq!(errors_of(&site.candor(&["check"]).exit_code(1)), expected);
    assert!(!site.path("public").exists());

    let choices: String = (0..1001)
        .map(|n| format!("{{id: c{n}, label: C{n}}}, "))
        .collect();
    let texts: String = (0..5)
        .map(|n| format!("  - {{id: t{n}, type: long_text, label: T{n}, max_length: 10000}}\n"))
        .collect();
    site.write(
        "surveys/big.yaml",
        &survey_with(&format!(
            "  - {{id: all, type: multiple, label: All, choices: [{choices}]}}\n{texts}"
        )),
    );
    assert_eq!(
        errors_of(&site.candor(&["check"]).exit_code(1)),
        [
            "surveys/big.yaml:8:3: error: a complete response to this survey can take 307095 bytes, but the collector accepts response files of at most 262144 bytes",
            "  hint: lower `max_length` of the text questions or ask fewer questions",
            "surveys/big.yaml:8:10: error: `all` lets a respondent choose 1001 choices, but the collector accepts at most 1000 in one answer",
            "  hint: set `max_selected: 1000` or fewer, or offer fewer choices",
        ]
    );
}

#[test]
fn an_ingest_limit_below_a_complete_response_is_warned_about() {
    let site = site();
    std::fs::create_dir_all(site.path("inbox")).unwrap();
    let run = site
        .collect(&["ingest", "inbox", "--max-size", "600"])
        .exit_code(0);
    assert_eq!(
        run.stderr(),
        "surveys/pulse.yaml: warning: a complete response to this survey can take 771 bytes, more than --max-size (600 bytes); such responses will be rejected\n  \
         hint: raise --max-size to at least 771 bytes\n"
    );
    let run = site.collect(&["ingest", "inbox"]).exit_code(0);
    assert_eq!(run.stderr(), "");
}
