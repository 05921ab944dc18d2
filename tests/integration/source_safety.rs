//! Hostile and private files in the sources: named pipes and devices that would block a read
//! forever, symbolic links out of the site or into `.candor/`, databases, keys, responses and
//! quarantines that must never be published, and draft sections. `build`, `check` and `serve`
//! must each refuse them, naming the file, and none of them may hang: every run here is bounded,
//! so a regression fails instead of stalling CI.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use candor::build::Site;
use candor::diagnostic::Rejected;
use candor::incremental::LiveSite;
use candor::output::MemorySink;

use crate::support::TestSite;

/// Generous: this bounds a hang, it does not measure speed.
const PATIENCE: Duration = Duration::from_secs(20);

/// What a bounded run printed, and how it ended (`None`: it was killed for hanging).
struct Bounded {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Bounded {
    fn explain(&self) -> String {
        format!(
            "status: {:?}\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// The error blocks of the stderr (a message line and its hint lines) and the final error
    /// line, in order: the warnings a fixture happens to have are not what these tests are about.
    fn errors(&self) -> String {
        let mut blocks: Vec<String> = Vec::new();
        for line in self.stderr.lines() {
            match blocks.last_mut() {
                Some(block) if line.starts_with("  ") => {
                    block.push('\n');
                    block.push_str(line);
                }
                _ => blocks.push(line.to_owned()),
            }
        }
        blocks
            .into_iter()
            .filter(|block| block.contains(": error: ") || block.starts_with("error: "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Asserts a refusal: exit code 1 and exactly `expected` as the errors.
    fn refused(&self, expected: &str) {
        assert_eq!(self.code, Some(1), "{}", self.explain());
        assert_eq!(self.errors(), expected, "{}", self.explain());
    }
}

/// Runs `candor ARGS --root <site>`, killing it after [`PATIENCE`].
fn candor(site: &TestSite, args: &[&str]) -> Bounded {
    let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("candor starts");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Bounded {
        code,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// `build` and `check` both refuse with exactly `expected`; the build publishes nothing.
fn build_and_check_refuse(site: &TestSite, expected: &str) {
    let build = candor(site, &["build"]);
    build.refused(&format!("{expected}\nerror: {}", problems(expected)));
    assert!(!site.path("public").exists(), "nothing is published");
    candor(site, &["check"]).refused(expected);
}

/// The build's last line for the errors in `expected`.
fn problems(expected: &str) -> String {
    let count = expected.matches(": error: ").count();
    let noun = if count == 1 { "problem" } else { "problems" };
    format!("{count} {noun} found; nothing was written")
}

/// Starts `candor serve` on a free port and returns what it printed to stderr by the time it
/// reports `wanted` there and says on stdout where it serves; kills it either way. The two
/// streams are kept apart: their order relative to each other is not defined.
fn serve_until(site: &TestSite, wanted: &str) -> String {
    serve_then(site, None, wanted)
}

/// [`serve_until`], doing `change` once the preview is served and waiting for `wanted` after it.
fn serve_then(site: &TestSite, change: Option<&dyn Fn()>, wanted: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("candor serve starts");
    let (sender, receiver) = channel::<(bool, String)>();
    for (is_stderr, stream) in [
        (
            false,
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        ),
        (true, Box::new(child.stderr.take().unwrap())),
    ] {
        let sender = sender.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = sender.send((is_stderr, line));
            }
        });
    }
    let started = Instant::now();
    let mut stdout = String::new();
    let mut stderr = String::new();
    let mut change = change;
    let mut since_change = 0;
    let done = |stdout: &str, stderr: &str, since_change: usize| {
        stdout.contains("serving http://") && stderr[since_change..].contains(wanted)
    };
    while change.is_some() || !done(&stdout, &stderr, since_change) {
        if stdout.contains("serving http://")
            && let Some(change) = change.take()
        {
            await_first_reply(&stdout);
            since_change = stderr.len();
            change();
            continue;
        }
        let left = PATIENCE.saturating_sub(started.elapsed());
        match receiver.recv_timeout(left) {
            Ok((is_stderr, line)) => {
                let stream = if is_stderr { &mut stderr } else { &mut stdout };
                stream.push_str(&line);
                stream.push('\n');
            }
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        done(&stdout, &stderr, since_change),
        "serve did not report {wanted:?} while serving within {PATIENCE:?}; stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    stderr
}

/// Waits for the server that printed `output` to answer a request: it watches the sources
/// from then on, so a change made earlier could go unseen.
fn await_first_reply(output: &str) {
    let at = output.find("serving http://").unwrap() + "serving http://".len();
    let address = output[at..].split('/').next().unwrap();
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(stream, "GET / HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn link(site: &TestSite, relative: &str, target: &str) {
    let path = site.path(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    symlink(target, path).unwrap();
}

/// What `serve` prints after the problems of a build it could not use.
const SERVE_REFUSED: &str = "error: 1 problem found; still serving the last version that built";
const PIPE_HINT: &str = "  hint: remove it, or move it out of the site's folders";
const OUTSIDE_HINT: &str =
    "  hint: remove the link; to publish a file from elsewhere, copy it into the site";

// Case 13: a named pipe is never opened.

#[test]
fn a_named_pipe_in_content_fails_build_and_check_instead_of_hanging() {
    let site = TestSite::fixture("basic");
    mkfifo(&site.path("content/pipe.txt"));
    build_and_check_refuse(
        &site,
        &format!(
            "content/pipe.txt: error: is a named pipe, not a file; only regular files can be read\n{PIPE_HINT}"
        ),
    );
}

#[test]
fn a_named_pipe_in_any_source_folder_is_refused() {
    for relative in [
        "content/notes/pipe.md",
        "themes/default/static/pipe.css",
        "themes/default/templates/pipe.html",
        "templates/pipe.html",
        "data/pipe.yaml",
    ] {
        let site = TestSite::fixture("basic");
        mkfifo(&site.path(relative));
        build_and_check_refuse(
            &site,
            &format!(
                "{relative}: error: is a named pipe, not a file; only regular files can be read\n{PIPE_HINT}"
            ),
        );
    }
    for relative in ["surveys/pipe.yaml", "surveys/results/pipe.yaml"] {
        let site = TestSite::sample();
        mkfifo(&site.path(relative));
        build_and_check_refuse(
            &site,
            &format!(
                "{relative}: error: is a named pipe, not a file; only regular files can be read\n{PIPE_HINT}"
            ),
        );
    }
}

#[test]
fn a_named_pipe_as_site_yaml_is_refused() {
    let site = TestSite::fixture("basic");
    std::fs::remove_file(site.path("site.yaml")).unwrap();
    mkfifo(&site.path("site.yaml"));
    build_and_check_refuse(
        &site,
        &format!(
            "site.yaml: error: is a named pipe, not a file; only regular files can be read\n{PIPE_HINT}"
        ),
    );
}

#[test]
fn serve_reports_a_named_pipe_and_keeps_serving() {
    let site = TestSite::fixture("basic");
    mkfifo(&site.path("content/pipe.txt"));
    let output = serve_until(&site, SERVE_REFUSED);
    assert!(
        output.contains(&format!(
            "content/pipe.txt: error: is a named pipe, not a file; only regular files can be read\n{PIPE_HINT}\n"
        )),
        "{output}"
    );
}

#[test]
fn a_named_pipe_made_while_serving_is_reported_and_serving_goes_on() {
    let site = TestSite::fixture("basic");
    let pipe = site.path("content/pipe.md");
    let output = serve_then(&site, Some(&|| mkfifo(&pipe)), SERVE_REFUSED);
    assert!(
        output.contains(&format!(
            "content/pipe.md: error: is a named pipe, not a file; only regular files can be read\n{PIPE_HINT}\n"
        )),
        "{output}"
    );
}

// Case 5: symbolic links never lead out of the site or into its private folders.

#[test]
fn links_out_of_the_site_or_into_candor_are_refused() {
    let site = TestSite::fixture("basic");
    site.write(".candor/responses.sqlite", "raw responses");
    link(&site, "content/env.txt", "/proc/self/environ");
    link(
        &site,
        "content/responses.sqlite",
        "../.candor/responses.sqlite",
    );
    build_and_check_refuse(
        &site,
        &format!(
            "content/env.txt: error: is a symbolic link to /proc/self/environ, outside the site folder\n{OUTSIDE_HINT}\n\
             content/responses.sqlite: error: is a symbolic link to ../.candor/responses.sqlite, which is inside .candor/, a hidden folder that is never published\n  hint: remove the link: what it leads to is private"
        ),
    );
}

#[test]
fn a_link_out_of_the_site_is_refused_in_every_source_folder() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "password=hunter2\n").unwrap();
    let secret = secret.to_str().unwrap();
    for relative in [
        "themes/default/static/secret.css",
        "themes/default/templates/secret.html",
        "templates/secret.html",
        "data/secret.yaml",
    ] {
        let site = TestSite::fixture("basic");
        link(&site, relative, secret);
        build_and_check_refuse(
            &site,
            &format!(
                "{relative}: error: is a symbolic link to {secret}, outside the site folder\n{OUTSIDE_HINT}"
            ),
        );
    }
    for relative in ["surveys/secret.yaml", "surveys/results/secret.yaml"] {
        let site = TestSite::sample();
        link(&site, relative, secret);
        build_and_check_refuse(
            &site,
            &format!(
                "{relative}: error: is a symbolic link to {secret}, outside the site folder\n{OUTSIDE_HINT}"
            ),
        );
    }
    let site = TestSite::fixture("basic");
    std::fs::create_dir(outside.path().join("static")).unwrap();
    std::fs::remove_dir_all(site.path("themes/default/static")).unwrap();
    let folder = outside.path().join("static");
    link(&site, "themes/default/static", folder.to_str().unwrap());
    build_and_check_refuse(
        &site,
        &format!(
            "themes/default/static: error: is a symbolic link to {}, outside the site folder\n{OUTSIDE_HINT}",
            folder.display()
        ),
    );
}

#[test]
fn a_link_to_a_file_inside_the_site_is_published_as_that_file() {
    let site = TestSite::fixture("basic");
    site.write("shared/logo.svg", "<svg/>");
    link(&site, "content/logo.svg", "../shared/logo.svg");
    site.build();
    assert_eq!(site.read("public/logo.svg"), "<svg/>");
}

#[test]
fn serve_reports_a_link_out_of_the_site_and_keeps_serving() {
    let site = TestSite::fixture("basic");
    link(&site, "content/env.txt", "/proc/self/environ");
    let output = serve_until(&site, SERVE_REFUSED);
    assert!(
        output.contains(&format!(
            "content/env.txt: error: is a symbolic link to /proc/self/environ, outside the site folder\n{OUTSIDE_HINT}\n"
        )),
        "{output}"
    );
}

// Case 6: databases, secret keys, responses and quarantines are never published, whatever
// their name and wherever they sit.

/// A development secret key, as `candor build` writes one into `.candor/keys/`.
fn secret_key_text() -> String {
    let site = TestSite::fixture("basic");
    site.build();
    site.read(".candor/keys/dev.key")
}

fn write_database(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let connection = rusqlite::Connection::open(path).unwrap();
    connection
        .execute_batch("CREATE TABLE responses (id TEXT, answers TEXT); INSERT INTO responses VALUES ('r1', 'I was bullied');")
        .unwrap();
}

const RESPONSE: &str = r#"{"format":"candor-response/1","survey":"staff-survey","version":1,"response_id":"r1","submitted":"2026-04-10","answers":{}}"#;

const DATABASE_HINT: &str = "  hint: move it out of the site's published folders (content/ and the theme's static/); the collector's response store belongs in .candor/";
const KEY_HINT: &str = "  hint: move the key out of the site's published folders (content/ and the theme's static/), into .candor/keys/ or outside the site";
const RESPONSE_HINT: &str = "  hint: responses are private: ingest them with `candor-collect ingest` and keep the files outside the site's published folders";

#[test]
fn private_files_are_refused_whatever_their_name_and_place() {
    let key = secret_key_text();
    let bare_key_line = key.lines().nth(1).unwrap().to_owned();
    let site = TestSite::fixture("basic");
    write_database(&site.path("content/audits/report.pdf"));
    site.write(
        "themes/default/static/fonts/body.woff2",
        &format!("\u{feff}\n\n{key}"),
    );
    site.write("content/backup.txt", &format!("{bare_key_line}\n"));
    site.write("content/answers/r1.json", RESPONSE);
    build_and_check_refuse(
        &site,
        &format!(
            "content/answers/r1.json: error: is a survey response (candor-response/1); refusing to publish it\n{RESPONSE_HINT}\n\
             content/audits/report.pdf: error: is an SQLite database; refusing to publish it\n{DATABASE_HINT}\n\
             content/backup.txt: error: contains a minisign secret key; refusing to publish it\n{KEY_HINT}\n\
             themes/default/static/fonts/body.woff2: error: contains a minisign secret key; refusing to publish it\n{KEY_HINT}"
        ),
    );
}

#[test]
fn a_collector_quarantine_is_refused() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/inbox/0123456789abcdef-r1.json",
        "{\"answers\": {}}",
    );
    site.write(
        "content/inbox/0123456789abcdef-r1.json.reason.txt",
        "rejected: no format\n",
    );
    build_and_check_refuse(
        &site,
        "content/inbox: error: holds a collector's quarantine (files ending in .reason.txt); refusing to publish it\n  hint: quarantined files are survey submissions, which are private: keep the quarantine in .candor/, outside the site's published folders",
    );
}

#[test]
fn serve_refuses_a_database() {
    let site = TestSite::fixture("basic");
    write_database(&site.path("content/audits/report.pdf"));
    let output = serve_until(&site, SERVE_REFUSED);
    assert!(
        output.contains(&format!(
            "content/audits/report.pdf: error: is an SQLite database; refusing to publish it\n{DATABASE_HINT}\n"
        )),
        "{output}"
    );
}

// Case 8: a draft section keeps everything below it out, and links to drafts say so.

/// The basic site with a draft section holding a dated page, an image and a subsection.
fn site_with_draft_section() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(
        "content/plans/_index.md",
        "---\ntitle: Plans\ndraft: true\n---\nNot decided yet.\n",
    );
    site.write(
        "content/plans/reorg.md",
        "---\ntitle: Reorganisation\ndate: 2026-02-01\n---\nWho goes where.\n",
    );
    site.write("content/plans/chart.svg", "<svg/>");
    site.write(
        "content/plans/next/_index.md",
        "---\ntitle: Next year\n---\n",
    );
    site.write(
        "content/plans/next/budget.md",
        "---\ntitle: Budget\ndate: 2026-03-01\n---\nNumbers.\n",
    );
    site
}

#[test]
fn a_draft_section_keeps_everything_below_it_out_of_the_build() {
    let site = site_with_draft_section();
    site.build();
    assert!(
        !site.path("public/plans").exists(),
        "nothing of a draft section is published"
    );
    for published in ["public/sitemap.xml", "public/atom.xml"] {
        let text = site.read(published);
        assert!(!text.contains("plans"), "{published}: {text}");
    }

    site.candor(&["build", "--drafts"]).success();
    for file in [
        "public/plans/index.html",
        "public/plans/reorg/index.html",
        "public/plans/chart.svg",
        "public/plans/next/budget/index.html",
    ] {
        assert!(site.path(file).is_file(), "--drafts publishes {file}");
    }
    assert!(
        site.read("public/sitemap.xml")
            .contains("/hub/plans/next/budget/")
    );
    assert!(site.read("public/atom.xml").contains("Reorganisation"));
}

#[test]
fn a_link_to_a_draft_says_it_leads_to_a_draft() {
    let site = site_with_draft_section();
    site.write("content/solo.md", "---\ntitle: Solo\ndraft: true\n---\n");
    site.write(
        "content/links.md",
        "---\ntitle: Links\n---\nSee [the plan](/plans/reorg/), [the chart](/plans/chart.svg)\nand [the solo page](/solo/).\n",
    );
    let hint = |marker: &str| {
        format!(
            "  hint: publish it by removing `draft: true` from {marker}, or remove the link; `--drafts` includes drafts in a build"
        )
    };
    build_and_check_refuse(
        &site,
        &format!(
            "content/links.md:4:5: error: the link `/plans/reorg/` leads to a draft, which is not published\n{}\n\
             content/links.md:4:32: error: the link `/plans/chart.svg` leads to a draft, which is not published\n{}\n\
             content/links.md:5:5: error: the link `/solo/` leads to a draft, which is not published\n{}",
            hint("content/plans/_index.md"),
            hint("content/plans/_index.md"),
            hint("content/solo.md"),
        ),
    );
    site.candor(&["build", "--drafts"]).success();
}

/// The files a full build in serve mode publishes, as text, or its problems.
fn full_preview(site: &TestSite) -> Result<BTreeMap<String, String>, String> {
    let loaded = Site::load(site.root(), Some(PREVIEW_URL), false, true)
        .map_err(|Rejected(problems)| format!("{problems:?}"))?;
    let sink = MemorySink::new();
    loaded.write(&sink).map_err(|error| error.to_string())?;
    Ok(sink
        .into_files()
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect())
}

const PREVIEW_URL: &str = "http://127.0.0.1:1111/";

#[test]
fn serve_applies_saves_below_a_draft_section_as_a_full_build_would() {
    let site = site_with_draft_section();
    let (live, first) = LiveSite::build(site.root(), PREVIEW_URL, false);
    let mut live = live.expect("the site can be updated partially");
    first.expect("the site builds");

    site.write("content/plans/extra.md", "---\ntitle: Extra\n---\nMore.\n");
    let partial = live
        .apply_changes(&[PathBuf::from("content/plans/extra.md")])
        .expect("a new page is applied partially")
        .expect("the site still builds");
    let served: BTreeMap<String, String> = partial
        .files
        .iter()
        .map(|(path, bytes)| (path.to_owned(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    assert_eq!(
        Ok(served),
        full_preview(&site),
        "a page below a draft stays out"
    );

    site.write(
        "content/standards.md",
        &format!(
            "{}\n[Extra](/plans/extra/)\n",
            site.read("content/standards.md")
        ),
    );
    let partial = live.apply_changes(&[PathBuf::from("content/standards.md")]);
    let problems = partial
        .expect("applied partially")
        .err()
        .expect("a link to a draft fails");
    assert!(
        problems
            .downcast_ref::<Rejected>()
            .is_some_and(|Rejected(found)| found.iter().any(|d| d.message
                == "the link `/plans/extra/` leads to a draft, which is not published")),
        "{problems:#}"
    );

    site.write(
        "content/plans/_index.md",
        "---\ntitle: Plans\n---\nDecided.\n",
    );
    assert!(
        live.apply_changes(&[PathBuf::from("content/plans/_index.md")])
            .is_none(),
        "publishing a draft section changes everything below it: a full rebuild"
    );
}

/// A secret key pasted into a page's Markdown reaches the rendered page: the build scans what
/// it writes as well as what it copies. Found in review: only copies were scanned, and a page
/// was refused only when it started with a key's comment line.
#[test]
fn a_secret_key_pasted_into_a_page_is_not_published() {
    let key = secret_key_text();
    let bare_key_line = key.lines().nth(1).unwrap().to_owned();
    let site = TestSite::fixture("basic");
    site.build();
    let before = site.read("public/SHA256SUMS");
    site.write(
        "content/notes.md",
        &format!("---\ntitle: Notes\n---\nOur backup, for safekeeping:\n\n    {bare_key_line}\n"),
    );
    let run = site.candor(&["build"]).exit_code(1);
    assert!(
        run.stderr().contains(
            "/notes/index.html: error: contains a minisign secret key; refusing to publish it\n"
        ),
        "{}",
        run.stderr()
    );
    assert_eq!(
        site.read("public/SHA256SUMS"),
        before,
        "the previous build stays"
    );
}

/// A page, template, `site.yaml` or survey definition far larger than any real one (a log
/// pasted by mistake, a disk image renamed `.md`) costs a located error, not the machine's
/// memory, and the earlier build stays.
#[test]
fn an_oversized_page_or_template_is_refused_with_its_file_named() {
    let padding = "padding\n".repeat(16 * 1024 * 1024 / 8 + 1);
    for (file, text) in [
        (
            "content/huge.md",
            format!("---\ntitle: Huge\n---\n{padding}"),
        ),
        ("themes/default/templates/huge.html", padding.clone()),
        (
            "site.yaml",
            format!("title: Huge\n{}", padding.replace("padding", "# padding")),
        ),
        ("surveys/huge.yaml", padding.replace("padding", "# padding")),
    ] {
        let site = TestSite::sample();
        site.build().success();
        let before = site.read("public/index.html");
        site.write(file, &text);
        let run = site.candor(&["build"]).exit_code(1);
        assert_eq!(
            run.stderr(),
            format!(
                "{file}: error: the file is larger than 16 MiB, the most a source file may be\n  \
                 hint: check that this is the file you meant; a real one is far smaller\n\
                 error: 1 problem found; nothing was written\n"
            )
        );
        assert_eq!(site.read("public/index.html"), before, "{file}");
    }
}
