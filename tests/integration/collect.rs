//! `candor-collect`: real response files in temp folders, a real SQLite store, the real binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::Run;

mod crashes;

/// A small survey with a required question, a `show_if` and a text limit.
pub(crate) const PULSE_SURVEY: &str = r#"
id: pulse
title: Staff pulse
version: 2
opens: 2026-01-01
closes: 2026-12-31
anonymity: Nothing you send identifies you.
questions:
  - id: contacted
    type: single
    required: true
    label: Did you deal with staff?
    choices:
      - {id: "yes", label: "Yes"}
      - {id: "no", label: "No"}
  - id: courtesy
    type: likert
    label: Staff were courteous.
    show_if: {question: contacted, equals: "yes"}
  - id: note
    type: text
    label: Anything to add?
    max_length: 40
"#;

/// A site folder with `surveys/pulse.yaml` and an inbox of response files.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        site.write("surveys/pulse.yaml", PULSE_SURVEY.as_bytes());
        site
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    fn write(&self, relative: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn store(&self) -> PathBuf {
        self.path(".candor/responses.sqlite")
    }

    fn quarantine(&self) -> PathBuf {
        self.path(".candor/quarantine")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command.args(args).current_dir(self.root());
        command
    }

    fn collect(&self, args: &[&str]) -> Run {
        Run::of(self.command(args))
    }

    /// `ingest --json PATHS`, insisting on exit 0, parsed.
    fn ingest(&self, paths: &[&str]) -> Summary {
        let mut args = vec!["ingest", "--json"];
        args.extend(paths);
        Summary::of(&self.collect(&args).exit_code(0))
    }

    /// Every stored response, in key order.
    fn rows(&self) -> Vec<(String, String, i64, String, String)> {
        rows(&self.store())
    }

    /// Names in the quarantine folder, sorted.
    fn quarantined(&self) -> Vec<String> {
        listing(&self.quarantine())
    }
}

fn rows(store: &Path) -> Vec<(String, String, i64, String, String)> {
    let connection = rusqlite::Connection::open(store).unwrap();
    let mut statement = connection
        .prepare(
            "SELECT survey, response_id, version, submitted, document FROM responses
             ORDER BY survey, response_id",
        )
        .unwrap();
    statement
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn quarantine_rows(store: &Path) -> Vec<(String, String, String, Option<String>)> {
    let connection = rusqlite::Connection::open(store).unwrap();
    let mut statement = connection
        .prepare("SELECT file_name, kind, reason, survey FROM quarantine ORDER BY file_name")
        .unwrap();
    statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn listing(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The `--json` summary of an ingest.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    accepted: u64,
    duplicates: u64,
    conflicts: u64,
    rejected: u64,
    by_survey: serde_json::Value,
    reasons: BTreeMap<String, u64>,
}

impl Summary {
    fn of(run: &Run) -> Summary {
        let json: serde_json::Value = serde_json::from_str(&run.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout()));
        let count = |key: &str| {
            json[key]
                .as_u64()
                .unwrap_or_else(|| panic!("no {key}: {json}"))
        };
        Summary {
            accepted: count("accepted"),
            duplicates: count("duplicates"),
            conflicts: count("conflicts"),
            rejected: count("rejected"),
            by_survey: json["by_survey"].clone(),
            reasons: serde_json::from_value(json["reasons"].clone()).unwrap(),
        }
    }

    fn files(&self) -> u64 {
        self.accepted + self.duplicates + self.conflicts + self.rejected
    }
}

/// A valid-looking UUID v4, distinct for each `n`.
fn uuid(n: u64) -> String {
    format!("{:08x}-{:04x}-4000-8000-{n:012x}", n >> 16, n & 0xffff)
}

/// A valid response to the pulse survey.
fn response(n: u64, courtesy: u8) -> String {
    format!(
        r#"{{"format": "candor-response/1", "survey": "pulse", "version": 2,
  "response_id": "{}", "submitted": "2026-0{}-1{}",
  "answers": {{"contacted": "yes", "courtesy": {courtesy}}}}}"#,
        uuid(n),
        3 + n % 3,
        n % 10
    )
}

fn reason(code: &str, count: u64) -> (String, u64) {
    (code.to_owned(), count)
}

#[test]
fn each_file_is_accepted_duplicate_conflict_or_rejected_and_nothing_is_lost() {
    let site = Site::new();
    let original = response(1, 4);
    site.write("inbox/a.json", original.as_bytes());
    site.write("inbox/b.json", response(2, 5).as_bytes());
    // The same response sent twice, once reformatted: a duplicate, not a conflict.
    let reformatted = serde_json::to_string_pretty(
        &serde_json::from_str::<serde_json::Value>(&original).unwrap(),
    )
    .unwrap();
    site.write("inbox/later/a-again.json", reformatted.as_bytes());
    // Same id, different answers: the stored one must win.
    site.write("inbox/later/a-changed.json", response(1, 1).as_bytes());
    site.write("inbox/truncated.json", &original.as_bytes()[..40]);
    site.write(
        "inbox/old-version.json",
        original
            .replace("\"version\": 2", "\"version\": 1")
            .as_bytes(),
    );
    site.write(
        "inbox/other-survey.json",
        original.replace("\"pulse\"", "\"nosuch\"").as_bytes(),
    );
    site.write(
        "inbox/hidden-answer.json",
        response(3, 3).replace("\"yes\"", "\"no\"").as_bytes(),
    );

    let run = site.collect(&["ingest", "--json", "inbox"]).exit_code(0);
    let summary = Summary::of(&run);
    assert_eq!(
        (
            summary.accepted,
            summary.duplicates,
            summary.conflicts,
            summary.rejected
        ),
        (2, 1, 1, 4),
        "{summary:?}"
    );
    assert_eq!(
        summary.files(),
        8,
        "every file is accounted for exactly once"
    );
    assert_eq!(
        summary.by_survey,
        serde_json::json!({"pulse": {"accepted": 2, "duplicates": 1, "conflicts": 1, "rejected": 2}})
    );
    assert_eq!(
        summary.reasons,
        BTreeMap::from([
            reason("hidden-answer", 1),
            reason("truncated", 1),
            reason("unknown-survey", 1),
            reason("version", 1),
        ])
    );
    let stderr = run.stderr();
    assert!(
        stderr.contains("version 1 of survey `pulse`, but the definition is version 2"),
        "{stderr}"
    );
    assert!(stderr.contains("inbox/truncated.json:1:"), "{stderr}");

    let rows = site.rows();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].4.contains("\"courtesy\":4"),
        "a conflict never overwrites: {}",
        rows[0].4
    );
    // Four rejects and one conflict, each beside its reason file.
    let quarantined = site.quarantined();
    assert_eq!(quarantined.len(), 10, "{quarantined:?}");
    for name in quarantined.iter().filter(|n| !n.ends_with(".reason.txt")) {
        let reason =
            std::fs::read_to_string(site.quarantine().join(format!("{name}.reason.txt"))).unwrap();
        assert!(reason.contains("seen: "), "{reason}");
        assert!(reason.contains("source: inbox/"), "{reason}");
    }
    let conflict = quarantined
        .iter()
        .find(|n| n.ends_with("-a-changed.json"))
        .expect("the conflicting file is quarantined");
    assert_eq!(
        std::fs::read_to_string(site.quarantine().join(conflict)).unwrap(),
        response(1, 1),
        "the quarantine keeps the file byte for byte"
    );
    let reason =
        std::fs::read_to_string(site.quarantine().join(format!("{conflict}.reason.txt"))).unwrap();
    let seen = reason.lines().nth(2).unwrap_or_default();
    assert_eq!(
        reason,
        format!(
            "outcome: conflict\nsource: inbox/later/a-changed.json\n{seen}\nproblem: response {id} of \
             survey `pulse` is already stored with different answers; the stored one is kept\n\
             hint: the file is kept in the quarantine; see the stored answers with \
             `candor-collect export pulse --format jsonl | grep {id}` and compare\n",
            id = uuid(1)
        ),
        "a conflict's reason says its outcome once and names a command that exists"
    );
    // Without --move, sources are untouched.
    assert_eq!(
        std::fs::read_to_string(site.path("inbox/a.json")).unwrap(),
        original
    );
}

#[test]
fn ingesting_the_same_folder_again_changes_nothing() {
    let site = Site::new();
    for n in 0..20 {
        site.write(&format!("inbox/r{n}.json"), response(n, 3).as_bytes());
    }
    site.write("inbox/bad.json", b"{\"format\": 1");
    let first = site.ingest(&["inbox"]);
    assert_eq!((first.accepted, first.rejected), (20, 1));
    let rows = site.rows();
    let quarantined = site.quarantined();
    let second = site.ingest(&["inbox"]);
    assert_eq!(
        (
            second.accepted,
            second.duplicates,
            second.conflicts,
            second.rejected
        ),
        (0, 20, 0, 1)
    );
    assert_eq!(site.rows(), rows);
    assert_eq!(
        site.quarantined(),
        quarantined,
        "a repeat is not copied twice"
    );
    assert_eq!(quarantine_rows(&site.store()).len(), 1);
}

#[test]
fn hostile_files_are_rejected_each_with_its_reason() {
    let site = Site::new();
    let valid = response(1, 2);
    site.write("inbox/oversize.json", &vec![b' '; 300 * 1024]);
    site.write("inbox/latin1.json", b"{\"note\": \"caf\xe9\"}");
    site.write("inbox/truncated.json", &valid.as_bytes()[..valid.len() - 3]);
    site.write(
        "inbox/deep.json",
        format!("{{\"answers\": {}", "[".repeat(100_000)).as_bytes(),
    );
    site.write(
        "inbox/huge-array.json",
        format!("{{\"answers\": {{\"c\": [{}1]}}}}", "1,".repeat(50_000)).as_bytes(),
    );
    site.write(
        "inbox/binary.json",
        &[0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe],
    );
    site.write("inbox/empty.json", b"");
    site.write("inbox/not-json.json", b"<html>Server error</html>");
    site.write(
        "inbox/wrong-types.json",
        valid
            .replace("\"version\": 2", "\"version\": \"2\"")
            .as_bytes(),
    );
    site.write(
        "inbox/wrong-answer-type.json",
        valid
            .replace("\"courtesy\": 2", "\"courtesy\": \"2\"")
            .as_bytes(),
    );
    site.write(
        "inbox/extra-key.json",
        valid
            .replace("\"answers\"", "\"ip\": \"192.0.2.1\", \"answers\"")
            .as_bytes(),
    );
    site.write(
        "inbox/future.json",
        valid.replace("2026-0", "2999-0").as_bytes(),
    );
    site.write(
        "inbox/bad-id.json",
        valid.replace(&uuid(1), "not-a-uuid").as_bytes(),
    );

    let run = site.collect(&["ingest", "--json", "inbox"]).exit_code(0);
    let summary = Summary::of(&run);
    assert_eq!(summary.rejected, 13, "{summary:?}\n{}", run.stderr());
    assert_eq!(summary.files(), 13);
    assert_eq!(
        summary.reasons,
        BTreeMap::from([
            reason("empty", 1),
            reason("future-date", 1),
            reason("malformed", 2),
            reason("not-json", 1),
            reason("not-utf8", 2),
            reason("response-id", 1),
            reason("too-deep", 1),
            reason("too-large", 1),
            reason("too-many-items", 1),
            reason("truncated", 1),
            reason("wrong-type", 1),
        ])
    );
    assert!(site.rows().is_empty());
    // Every file is kept (the oversize one up to the size limit), each beside its reason.
    let quarantined = site.quarantined();
    assert_eq!(quarantined.len(), 26, "{quarantined:?}");
    let oversize = quarantined
        .iter()
        .find(|n| n.ends_with("-oversize.json"))
        .unwrap();
    assert_eq!(
        std::fs::metadata(site.quarantine().join(oversize))
            .unwrap()
            .len(),
        256 * 1024
    );
    let reason =
        std::fs::read_to_string(site.quarantine().join(format!("{oversize}.reason.txt"))).unwrap();
    assert!(
        reason.starts_with("outcome: rejected (too-large)\n"),
        "{reason}"
    );
    let stderr = run.stderr();
    assert!(
        stderr.contains("inbox/latin1.json:1:14: warning: rejected (not-utf8)"),
        "{stderr}"
    );
}

#[test]
fn links_to_files_are_ingested_but_links_to_folders_are_not_followed() {
    let site = Site::new();
    let elsewhere = site.write("elsewhere/a.json", response(1, 2).as_bytes());
    site.write("elsewhere/b.json", response(2, 2).as_bytes());
    std::fs::create_dir_all(site.path("inbox")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.path("inbox/link.json")).unwrap();
    std::os::unix::fs::symlink(site.path("elsewhere"), site.path("inbox/folder")).unwrap();
    // Links leading out of the inbox are followed only when asked.
    let summary = site.ingest(&["--follow-links", "inbox"]);
    assert_eq!((summary.files(), summary.accepted), (1, 1));
}

#[test]
fn a_response_dated_tomorrow_is_accepted_for_time_zones_ahead_of_utc() {
    let site = Site::new();
    // Dated by the real clock, so the survey must still be open whenever the test runs.
    site.write(
        "surveys/pulse.yaml",
        PULSE_SURVEY
            .replace("closes: 2026-12-31", "closes: 9999-12-30")
            .as_bytes(),
    );
    let today = candor::date::Date::today();
    let tomorrow = today.tomorrow();
    let after = today.plus_days(2);
    let dated = |day: candor::date::Date, n: u64| {
        let text = response(n, 2);
        let submitted = text.split("\"submitted\": \"").nth(1).unwrap()[..10].to_owned();
        text.replace(&submitted, &day.to_string())
    };
    site.write("inbox/tomorrow.json", dated(tomorrow, 1).as_bytes());
    site.write("inbox/after.json", dated(after, 2).as_bytes());
    let run = site.collect(&["ingest", "--json", "inbox"]).exit_code(0);
    let summary = Summary::of(&run);
    assert_eq!((summary.accepted, summary.rejected), (1, 1));
    assert!(
        run.stderr().contains(&format!(
            "submitted {after} is in the future (today is {today})"
        )),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_smaller_size_limit_can_be_set() {
    let site = Site::new();
    site.write("inbox/a.json", response(1, 2).as_bytes());
    let summary = Summary::of(
        &site
            .collect(&["ingest", "--json", "--max-size", "100", "inbox"])
            .exit_code(0),
    );
    assert_eq!(summary.reasons, BTreeMap::from([reason("too-large", 1)]));
    site.collect(&["ingest", "--max-size", "lots", "inbox"])
        .exit_code(2)
        .stderr_contains("--max-size");
}

#[test]
fn move_removes_sources_only_once_they_are_stored_or_kept() {
    let site = Site::new();
    site.write("inbox/a.json", response(1, 2).as_bytes());
    site.write("inbox/a-copy.json", response(1, 2).as_bytes());
    site.write("inbox/bad.json", b"nonsense");
    let summary = site.ingest(&["--move", "inbox"]);
    assert_eq!(
        (summary.accepted, summary.duplicates, summary.rejected),
        (1, 1, 1)
    );
    assert_eq!(
        listing(&site.path("inbox")),
        ["bad.json"],
        "response files remain, or a file that is not one was deleted"
    );
    assert_eq!(site.rows().len(), 1);
    assert_eq!(site.quarantined().len(), 2);
    let kept = site
        .quarantined()
        .into_iter()
        .find(|n| n.ends_with("-bad.json"))
        .unwrap();
    assert_eq!(
        std::fs::read(site.quarantine().join(kept)).unwrap(),
        b"nonsense"
    );
}

#[test]
fn an_unreadable_path_fails_the_run_but_the_rest_is_ingested() {
    let site = Site::new();
    site.write("inbox/a.json", response(1, 2).as_bytes());
    let run = site
        .collect(&["ingest", "--json", "missing-folder", "inbox"])
        .exit_code(1)
        .stderr_contains("cannot read missing-folder");
    let summary = Summary::of(&run);
    assert_eq!(summary.accepted, 1);
    assert!(
        run.stdout().contains("\"unreadable\": 1"),
        "{}",
        run.stdout()
    );
}

#[test]
fn usage_errors_and_a_store_under_public_exit_2() {
    let site = Site::new();
    site.write("inbox/a.json", response(1, 2).as_bytes());
    site.collect(&["ingest"]).exit_code(2);
    site.collect(&["export", "pulse", "--format", "xml"])
        .exit_code(2);
    for args in [
        &["ingest", "inbox", "--store", "public/r.sqlite"][..],
        &["status", "--store", "public/data/r.sqlite"],
        &[
            "export",
            "pulse",
            "--format",
            "csv",
            "--store",
            "public/r.sqlite",
        ],
    ] {
        site.collect(args)
            .exit_code(2)
            .stderr_contains("which is published: raw responses must never be put there");
    }
    assert!(!site.path("public").exists(), "nothing was created");
}

#[test]
fn broken_definitions_or_no_definitions_stop_the_ingest() {
    let site = Site::new();
    site.write("inbox/a.json", response(1, 2).as_bytes());
    site.write("surveys/broken.yaml", b"id: broken\ntitle: [\n");
    site.collect(&["ingest", "inbox"])
        .exit_code(1)
        .stderr_contains("surveys/broken.yaml")
        .stderr_contains("fix them before ingesting");
    let empty = tempfile::tempdir().unwrap();
    let run = Run::of({
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(["ingest", "--root"])
            .arg(empty.path())
            .arg(site.path("inbox"));
        command
    });
    run.exit_code(1)
        .stderr_contains("no survey definitions found");
}

#[test]
fn status_counts_per_survey_to_the_month() {
    let site = Site::new();
    site.collect(&["status"])
        .exit_code(1)
        .stderr_contains("run `candor-collect ingest` first");
    for n in 0..6 {
        site.write(&format!("inbox/r{n}.json"), response(n, 2).as_bytes());
    }
    site.write("inbox/bad.json", b"{");
    site.ingest(&["inbox"]);
    let run = site.collect(&["status", "--json"]).exit_code(0);
    let status: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(
        status,
        serde_json::json!({
            "responses": 6, "rejected": 1, "conflicts": 0,
            "surveys": {"pulse": {"responses": 6, "first_month": "2026-03",
                                  "last_month": "2026-05", "rejected": 0, "conflicts": 0}}
        })
    );
    site.collect(&["status"])
        .exit_code(0)
        .stdout_contains("pulse: 6 responses submitted 2026-03 to 2026-05");
}

#[test]
fn export_writes_raw_answers_with_a_warning() {
    let site = Site::new();
    site.write("inbox/a.json", response(1, 2).as_bytes());
    site.write(
        "inbox/b.json",
        response(2, 5)
            .replace(
                "\"courtesy\": 5",
                "\"courtesy\": 5, \"note\": \"=cmd, \\\"x\\\"\"",
            )
            .as_bytes(),
    );
    site.ingest(&["inbox"]);
    let jsonl = site
        .collect(&["export", "pulse", "--format", "jsonl"])
        .exit_code(0)
        .stderr_contains("NOT anonymised");
    let lines: Vec<serde_json::Value> = jsonl
        .stdout()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        serde_json::from_str::<serde_json::Value>(&response(1, 2)).unwrap(),
        "jsonl gives each response in the response-file format"
    );
    let csv = site
        .collect(&["export", "pulse", "--format", "csv"])
        .exit_code(0)
        .stderr_contains("NOT anonymised");
    assert_eq!(
        csv.stdout(),
        format!(
            "response_id,version,submitted,contacted,courtesy,note\r\n\
             {},2,2026-04-11,yes,2,\r\n\
             {},2,2026-05-12,yes,5,\"'=cmd, \"\"x\"\"\"\r\n",
            uuid(1),
            uuid(2)
        )
    );
    site.collect(&["export", "nosuch", "--format", "csv"])
        .exit_code(1)
        .stderr_contains("surveys with responses: pulse");
}
