//! `candor-collect ingest` against careless operators and hostile inboxes: `--move` deletes only
//! response files it has safely kept and that did not change after they were read, oversized
//! files cost the quarantine no more than the size limit, special files and links are reported
//! and never read, and the store and quarantine are private whatever the umask.

use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Run, TestSite};

const SURVEY: &str = r#"
id: pulse
title: Staff pulse
version: 1
opens: 2026-01-01
closes: 2026-12-31
anonymity: Nothing you send identifies you.
questions:
  - id: contacted
    type: single
    label: Did you deal with staff?
    choices:
      - {id: "yes", label: "Yes"}
      - {id: "no", label: "No"}
"#;

/// A site folder with the pulse survey, as an operator has it.
fn site() -> TestSite {
    let site = TestSite::empty();
    site.write("surveys/pulse.yaml", SURVEY);
    site
}

/// A valid response to the pulse survey, distinct for each `n`.
fn response(n: u64) -> String {
    format!(
        r#"{{"format": "candor-response/1", "survey": "pulse", "version": 1, "response_id": "00000000-0000-4000-8000-{n:012x}", "submitted": "2026-03-10", "answers": {{"contacted": "yes"}}}}"#
    )
}

/// Sorted names in `dir` (empty when it does not exist).
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

/// Every file under `dir`, relative, sorted, with its content.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let name = entry.path().strip_prefix(dir).unwrap();
            (
                name.to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The quarantined copy whose name ends in `-<file>`.
fn kept_as(site: &TestSite, file: &str) -> String {
    listing(&site.path(".candor/quarantine"))
        .into_iter()
        .find(|name| name.ends_with(&format!("-{file}")))
        .unwrap_or_else(|| panic!("{file} is not in the quarantine"))
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", run.explain()))
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn ingest_refuses_a_folder_holding_the_site_the_store_or_the_quarantine() {
    let site = site();
    site.write(
        "site.yaml",
        "title: Our site\nbase_url: https://example.org/\n",
    );
    site.write("content/index.md", "# Welcome\n");
    site.write("src/notes.rs", "fn main() {}\n");
    site.write("inbox/bad.json", "nonsense");
    site.collect(&["ingest", "inbox"]).exit_code(0);
    let before = tree(site.root());
    let hint = "\n  hint: put response files in a folder of their own, such as inbox/, and ingest that folder\n";
    for (path, what) in [
        (".", "the site itself (its site.yaml and surveys/)"),
        ("..", "the site itself (its site.yaml and surveys/)"),
        (".candor", "the response store ./.candor/responses.sqlite"),
        (".candor/quarantine", "the quarantine ./.candor/quarantine"),
    ] {
        let run = site
            .collect(&["ingest", "--move", path, "inbox"])
            .exit_code(2);
        assert_eq!(
            run.stderr(),
            format!("error: cannot ingest {path}: it contains {what}{hint}"),
            "{}",
            run.explain()
        );
    }
    assert_eq!(tree(site.root()), before, "nothing was touched");
}

#[test]
fn move_leaves_files_that_are_not_responses_where_they_are() {
    let site = site();
    site.write("inbox/a.json", &response(1));
    site.write("inbox/notes.md", "# Notes\n");
    site.write("inbox/settings.json", "{\"theme\": \"dark\"}");
    let cut = response(2);
    site.write("inbox/cut.json", &cut[..cut.len() - 20]);
    site.write(
        "inbox/other-survey.json",
        &response(3).replace("\"pulse\"", "\"nosuch\""),
    );
    let run = site.collect(&["ingest", "--move", "inbox"]).exit_code(0);
    assert_eq!(
        listing(&site.path("inbox")),
        ["cut.json", "notes.md", "settings.json"],
        "only the stored response and the quarantined response file are gone"
    );
    assert_eq!(site.read("inbox/notes.md"), "# Notes\n");
    let left = "left in place: --move deletes only response files";
    let quarantine = "./.candor/quarantine";
    assert_eq!(
        run.stderr(),
        format!(
            "inbox/cut.json:1:159: warning: rejected (truncated): the file ends before the JSON is complete; kept as {quarantine}/{cut}; {left}\n\
             \x20 hint: the download or copy was probably cut short; ask for the file again\n\
             inbox/notes.md:1:1: warning: rejected (not-json): the file is not a JSON response: it does not start with `{{`; kept as {quarantine}/{notes}; {left}\n\
             \x20 hint: only response files saved by a Candor survey form can be ingested\n\
             inbox/other-survey.json: warning: rejected (unknown-survey): no survey \"nosuch\" is defined; kept as {quarantine}/{other}\n\
             inbox/settings.json:1:8: warning: rejected (malformed): the file is JSON but not a response file: unknown field `theme`, expected one of `format`, `survey`, `version`, `response_id`, `submitted`, `answers`; kept as {quarantine}/{settings}; {left}\n\
             \x20 hint: a response file has format, survey, version, response_id, submitted and answers, as written by the survey form\n",
            cut = kept_as(&site, "cut.json"),
            notes = kept_as(&site, "notes.md"),
            other = kept_as(&site, "other-survey.json"),
            settings = kept_as(&site, "settings.json"),
        ),
        "{}",
        run.explain()
    );
    assert_eq!(
        run.stdout(),
        "ingested 5 files into ./.candor/responses.sqlite: 1 accepted, 0 duplicates, 0 conflicts, 4 rejected\n\
         \x20 pulse: 1 accepted, 0 duplicates, 0 conflicts, 0 rejected\n\
         rejected by reason:\n\
         \x20 malformed: 1\n\
         \x20 not-json: 1\n\
         \x20 truncated: 1\n\
         \x20 unknown-survey: 1\n\
         conflicting and rejected files are kept in ./.candor/quarantine with a reason file beside each\n\
         left in place by --move:\n\
         \x20 not-a-response-file: 3\n"
    );
    // Run again on what is left: nothing is deleted, and the summary says so in JSON too.
    let again = json(
        &site
            .collect(&["ingest", "--json", "--move", "inbox"])
            .exit_code(0),
    );
    assert_eq!(
        again["left_in_place"],
        serde_json::json!({"not-a-response-file": 3})
    );
    assert_eq!(again["skipped"], serde_json::json!({}));
    assert_eq!(listing(&site.path("inbox")).len(), 3);
}

#[test]
fn move_leaves_a_file_replaced_after_it_was_read() {
    let site = site();
    std::fs::create_dir_all(site.path("inbox")).unwrap();
    site.collect(&["ingest", "inbox"]).exit_code(0); // creates the store
    // A response file for a survey that is not defined: read, quarantined while the batch is
    // judged (which tells this test it has been read), and deleted by --move once committed.
    let first = response(1).replace("\"pulse\"", "\"nosuch\"");
    site.write("inbox/a.json", &first);
    // Hold the store's write lock so the batch cannot commit until the file has been replaced.
    let lock = rusqlite::Connection::open(site.path(".candor/responses.sqlite")).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_candor-collect"))
        .args(["ingest", "--json", "--move", "inbox"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while listing(&site.path(".candor/quarantine")).len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the ingest never read a.json"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // Another respondent's upload with the same name replaces the file that was read.
    site.write("inbox/a.json.part", &response(2));
    std::fs::rename(site.path("inbox/a.json.part"), site.path("inbox/a.json")).unwrap();
    lock.execute_batch("ROLLBACK").unwrap();
    let run = Run {
        description: "ingest --json --move inbox".to_owned(),
        output: child.wait_with_output().unwrap(),
    }
    .exit_code(0);
    assert_eq!(
        site.read("inbox/a.json"),
        response(2),
        "the replacement was never read, so it must not be deleted"
    );
    assert_eq!(
        run.stderr(),
        format!(
            "inbox/a.json: warning: rejected (unknown-survey): no survey \"nosuch\" is defined; kept as ./.candor/quarantine/{}\n\
             warning: inbox/a.json changed after it was read; left in place: ingest it again\n",
            kept_as(&site, "a.json")
        ),
        "{}",
        run.explain()
    );
    assert_eq!(
        json(&run)["left_in_place"],
        serde_json::json!({"changed-after-reading": 1})
    );
}

#[test]
fn an_oversized_file_costs_the_quarantine_at_most_the_size_limit() {
    let site = site();
    std::fs::create_dir_all(site.path("inbox")).unwrap();
    let huge = site.path("inbox/huge.json");
    const SIZE: u64 = 4 << 30; // sparse: takes no disk space until someone copies it
    std::fs::File::create(&huge).unwrap().set_len(SIZE).unwrap();
    let run = site
        .collect(&["ingest", "--json", "--move", "inbox"])
        .exit_code(0);
    assert_eq!(json(&run)["reasons"], serde_json::json!({"too-large": 1}));
    assert_eq!(
        std::fs::metadata(&huge).unwrap().len(),
        SIZE,
        "a file that was not read whole is never deleted"
    );
    let quarantine = site.path(".candor/quarantine");
    let kept = kept_as(&site, "huge.json");
    let bytes: u64 = listing(&quarantine)
        .iter()
        .map(|name| std::fs::metadata(quarantine.join(name)).unwrap().len())
        .sum();
    assert!(
        bytes <= 256 * 1024 + 4096,
        "the quarantine holds {bytes} bytes"
    );
    assert_eq!(
        std::fs::metadata(quarantine.join(&kept)).unwrap().len(),
        256 * 1024
    );
    assert_eq!(
        std::fs::read_to_string(quarantine.join(format!("{kept}.reason.txt"))).unwrap(),
        format!(
            "outcome: rejected (too-large)\nsource: inbox/huge.json\nseen: {}\n\
             problem: the file is 4294967296 bytes; response files are at most 262144 bytes\n\
             hint: this is not a response file, or raise the limit with --max-size\n\
             kept: only the first 262144 bytes of 4294967296\n",
            candor::date::Date::today()
        )
    );
}

#[test]
fn special_files_and_links_are_reported_and_never_read() {
    let site = site();
    site.write("inbox/a.json", &response(1));
    site.write("inbox/sub/b.json", &response(2));
    site.write("elsewhere/c.json", &response(3));
    site.write("inbox/.draft.json", &response(4));
    site.write("inbox/.sync/d.json", &response(5));
    let inbox = site.path("inbox");
    let fifo = std::ffi::CString::new(
        inbox
            .join("pipe.json")
            .into_os_string()
            .into_encoded_bytes(),
    )
    .unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let _socket = std::os::unix::net::UnixListener::bind(inbox.join("socket.json")).unwrap();
    symlink("/dev/null", inbox.join("device.json")).unwrap();
    symlink("nowhere.json", inbox.join("dangling.json")).unwrap();
    symlink("loop.json", inbox.join("loop.json")).unwrap();
    symlink(site.path("elsewhere"), inbox.join("folder")).unwrap();
    symlink("/proc/self/environ", inbox.join("environ.json")).unwrap();
    symlink(site.path("elsewhere/c.json"), inbox.join("outside.json")).unwrap();
    symlink("sub/b.json", inbox.join("inside.json")).unwrap();

    let run = site.collect(&["ingest", "--json", "inbox"]).exit_code(0);
    let summary = json(&run);
    assert_eq!(
        (
            &summary["accepted"],
            &summary["duplicates"],
            &summary["rejected"]
        ),
        (&2.into(), &1.into(), &0.into()),
        "a.json, sub/b.json and the link to it inside the inbox are read; nothing else\n{}",
        run.explain()
    );
    assert_eq!(
        summary["skipped"],
        serde_json::json!({"dangling-link": 1, "device": 1, "fifo": 1, "hidden": 2, "link-loop": 1,
                           "link-outside": 2, "link-to-folder": 1, "socket": 1})
    );
    assert!(listing(&site.path(".candor/quarantine")).is_empty());
    let hidden = "hidden (its name starts with a dot); hidden files and folders are never read";
    let outside = "a symbolic link to a file outside the folders being ingested; not followed\n  hint: pass --follow-links to read the files such links point to";
    assert_eq!(
        run.stderr(),
        format!(
            "inbox/.draft.json: warning: skipped (hidden): {hidden}\n\
             inbox/.sync: warning: skipped (hidden): {hidden}\n\
             inbox/dangling.json: warning: skipped (dangling-link): a symbolic link to nothing\n\
             inbox/device.json: warning: skipped (device): a device, not a file\n\
             inbox/environ.json: warning: skipped (link-outside): {outside}\n\
             inbox/folder: warning: skipped (link-to-folder): a symbolic link to a folder; links to folders are never followed\n\
             inbox/loop.json: warning: skipped (link-loop): a symbolic link that leads back to itself\n\
             inbox/outside.json: warning: skipped (link-outside): {outside}\n\
             inbox/pipe.json: warning: skipped (fifo): a named pipe (FIFO), not a file\n\
             inbox/socket.json: warning: skipped (socket): a socket, not a file\n"
        ),
        "{}",
        run.explain()
    );
    let text = site.collect(&["ingest", "inbox"]).exit_code(0);
    assert_eq!(
        text.stdout(),
        "ingested 3 files into ./.candor/responses.sqlite: 0 accepted, 3 duplicates, 0 conflicts, 0 rejected\n\
         \x20 pulse: 0 accepted, 3 duplicates, 0 conflicts, 0 rejected\n\
         skipped 10 entries that are not files to read (listed above):\n\
         \x20 dangling-link: 1\n\
         \x20 device: 1\n\
         \x20 fifo: 1\n\
         \x20 hidden: 2\n\
         \x20 link-loop: 1\n\
         \x20 link-outside: 2\n\
         \x20 link-to-folder: 1\n\
         \x20 socket: 1\n"
    );

    // Asked to, links to files outside are followed; links to folders still are not.
    std::fs::remove_file(inbox.join("environ.json")).unwrap();
    let followed = json(
        &site
            .collect(&["ingest", "--json", "--follow-links", "inbox"])
            .exit_code(0),
    );
    assert_eq!(followed["accepted"], 1, "{followed}");
    assert_eq!(followed["skipped"]["link-outside"], serde_json::Value::Null);
    assert_eq!(followed["skipped"]["link-to-folder"], 1);
}

#[test]
fn the_store_and_the_quarantine_are_private_whatever_the_umask() {
    let site = site();
    site.write("inbox/a.json", &response(1));
    site.write("inbox/bad.json", "nonsense");
    let run = Run::of({
        let mut command = Command::new("sh");
        command
            .args(["-c", "umask 000 && exec \"$0\" \"$@\""])
            .arg(env!("CARGO_BIN_EXE_candor-collect"))
            .args(["ingest", "inbox"])
            .current_dir(site.root());
        command
    });
    run.exit_code(0);
    let store = site.path(".candor/responses.sqlite");
    assert_eq!(mode(&site.path(".candor")), 0o700);
    assert_eq!(mode(&store), 0o600);
    let quarantine = site.path(".candor/quarantine");
    assert_eq!(mode(&quarantine), 0o700);
    for name in listing(&quarantine) {
        assert_eq!(mode(&quarantine.join(&name)), 0o600, "{name}");
    }
    // SQLite gives the write-ahead log and shared-memory files the database's permissions.
    let reader = rusqlite::Connection::open(&store).unwrap();
    let count: i64 = reader
        .query_row("SELECT COUNT(*) FROM responses", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count, 1);
    for suffix in ["-wal", "-shm"] {
        let path = site.path(&format!(".candor/responses.sqlite{suffix}"));
        assert_eq!(mode(&path), 0o600, "{suffix}");
        assert_eq!(
            std::fs::metadata(&path).unwrap().uid(),
            std::fs::metadata(&store).unwrap().uid()
        );
    }
}
