//! Never destroy what is not a build, never put private data where it gets published: where
//! `candor build` may write, how it replaces the previous build, and where `candor-collect`
//! and `candor keygen` may keep responses and keys (issue 13, cases 1–4 and 7).
//!
//! Every site here sits one folder down in its own temporary folder, and every command runs
//! inside it with relative paths, so a regression can only ever destroy that temporary folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::support::{Run, copy_tree};

/// `tests/fixtures/basic` copied to `<temp>/site`, with room beside it for outputs.
struct Nest {
    dir: tempfile::TempDir,
}

impl Nest {
    fn new() -> Nest {
        let nest = Nest {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        copy_tree(&fixture, &nest.site());
        nest
    }

    fn outer(&self) -> &Path {
        self.dir.path()
    }

    fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Runs `candor ARGS` inside the site folder, with no signing settings from the
    /// environment running the tests.
    fn candor(&self, args: &[&str]) -> Run {
        Run::of(candor_in(&self.site(), args))
    }

    fn collect(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command.args(args).current_dir(self.site());
        Run::of(command)
    }
}

fn candor_in(dir: &Path, args: &[&str]) -> Command {
    let mut command = crate::support::candor_command();
    command.args(args).current_dir(dir).stdin(Stdio::null());
    command
}

/// Every file, folder and link under `dir` with its contents or target: what "nothing
/// touched" compares.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let relative = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            let what = if entry.path_is_symlink() {
                format!("link to {}", fs::read_link(entry.path()).unwrap().display())
            } else if entry.file_type().is_dir() {
                "folder".to_owned()
            } else {
                String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned()
            };
            (relative, what)
        })
        .collect()
}

/// The names in `dir` that start with `prefix`.
fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(prefix))
        .collect();
    names.sort();
    names
}

fn assert_stderr(run: &Run, expected: &str) {
    assert_eq!(run.stderr(), expected, "{}", run.explain());
}

const REPLACE_HINT: &str = "  hint: leave out --output to build into ./public, or name an empty folder that is not part of the site's sources\n";

#[test]
fn build_refuses_an_output_that_is_the_site_or_its_sources() {
    let nest = Nest::new();
    nest.write("site/.candor/responses.sqlite", "private\n");
    let before = snapshot(nest.outer());
    let tail = ", and a build replaces everything in the folder it builds into\n";
    let absolute_site = nest.site().display().to_string();
    for (output, reason) in [
        (
            "content",
            "it is the site's source folder ./content".to_owned(),
        ),
        (&absolute_site, "it is the site folder itself".to_owned()),
        (".", "it is the site folder itself".to_owned()),
        (
            "content/out",
            "it is inside the site's source folder ./content".to_owned(),
        ),
        (
            "themes",
            "it is the site's source folder ./themes".to_owned(),
        ),
        (
            "templates/x",
            "it is inside the site's source folder ./templates".to_owned(),
        ),
        (
            "data/new/out",
            "it is inside the site's source folder ./data".to_owned(),
        ),
        (
            "surveys",
            "it is the site's source folder ./surveys".to_owned(),
        ),
        (
            ".candor/out",
            "it is inside ./.candor, the site's private folder (keys, survey responses)".to_owned(),
        ),
        (
            "../site/content/..",
            "it is the site folder itself".to_owned(),
        ),
        ("site.yaml", "it is a file, not a folder".to_owned()),
        ("..", "the site is inside it".to_owned()),
    ] {
        let run = nest.candor(&["build", "--output", output]).exit_code(1);
        assert_stderr(
            &run,
            &format!("error: refusing to build into {output}: {reason}{tail}{REPLACE_HINT}"),
        );
        assert_eq!(
            snapshot(nest.outer()),
            before,
            "--output {output} touched files"
        );
    }
}

#[test]
fn build_refuses_a_folder_that_holds_files_and_is_not_a_previous_build() {
    let nest = Nest::new();
    nest.write("deploy/notes.txt", "mine\n");
    // Another tool's signed list is not a Candor build either.
    nest.write("other/SHA256SUMS", "0000  notes.txt\n");
    nest.write(
        "other/SHA256SUMS.minisig",
        "untrusted comment: signature from minisign secret key\nRWQ=\ntrusted comment: timestamp:1\nAA==\n",
    );
    // Another generator's output where Candor's would go by default.
    nest.write("site/public/index.html", "hand-written\n");
    let before = snapshot(nest.outer());
    for output in ["../deploy", "../other", "./public"] {
        let run = if output == "./public" {
            nest.candor(&["build"])
        } else {
            nest.candor(&["build", "--output", output])
        }
        .exit_code(1);
        assert_stderr(
            &run,
            &format!(
                "error: refusing to build into {output}: it already holds files and is not a previous Candor build (it has no SHA256SUMS signed by Candor), and a build replaces everything in the folder it builds into\n  hint: empty it first if none of its files are needed, or name another folder with --output\n"
            ),
        );
    }
    assert_eq!(snapshot(nest.outer()), before);

    // An empty folder, and then the Candor build in it, are fine to build into.
    fs::create_dir(nest.path("empty")).unwrap();
    nest.candor(&["build", "--output", "../empty"]).success();
    assert!(nest.path("empty/index.html").is_file());
    nest.write(
        "site/content/standards.md",
        "---\ntitle: New standards\n---\n## Listen {#listen}\nNew.\n",
    );
    nest.candor(&["build", "--output", "../empty"]).success();
    assert!(
        fs::read_to_string(nest.path("empty/standards/index.html"))
            .unwrap()
            .contains("New standards")
    );
}

#[cfg(unix)]
#[test]
fn a_public_link_is_kept_and_the_build_lands_in_its_target() {
    use std::os::unix::fs::symlink;
    let nest = Nest::new();
    fs::create_dir_all(nest.path("www/site")).unwrap();
    nest.write("www/other.txt", "another site's file\n");
    symlink("../www/site", nest.path("site/public")).unwrap();

    for round in 0..2 {
        nest.candor(&["build"]).success();
        let link = fs::symlink_metadata(nest.path("site/public")).unwrap();
        assert!(
            link.file_type().is_symlink(),
            "round {round}: link replaced"
        );
        assert_eq!(
            fs::read_link(nest.path("site/public")).unwrap(),
            Path::new("../www/site")
        );
        assert!(nest.path("www/site/index.html").is_file(), "round {round}");
        assert_eq!(
            names_starting(&nest.path("www"), ""),
            ["other.txt", "site"],
            "round {round}: nothing else beside the target"
        );
        assert_eq!(
            fs::read_to_string(nest.path("www/other.txt")).unwrap(),
            "another site's file\n"
        );
    }
    Run::of({
        let mut verify = candor_in(
            &nest.site(),
            &[
                "verify",
                "public",
                "--pubkey",
                ".candor/keys/dev.pub",
                "--state",
            ],
        );
        verify.arg(nest.path("verify-state.json"));
        verify
    })
    .success();

    // A link to a folder of someone else's files is refused, the link and files left alone.
    nest.write("www/mine/notes.txt", "mine\n");
    symlink("../www/mine", nest.path("site/elsewhere")).unwrap();
    let before = snapshot(nest.outer());
    let target = nest.path("www/mine").canonicalize().unwrap();
    let run = nest
        .candor(&["build", "--output", "elsewhere"])
        .exit_code(1);
    assert_stderr(
        &run,
        &format!(
            "error: refusing to build into elsewhere (a link to {}): it already holds files and is not a previous Candor build (it has no SHA256SUMS signed by Candor), and a build replaces everything in the folder it builds into\n  hint: empty it first if none of its files are needed, or name another folder with --output\n",
            target.display()
        ),
    );
    assert_eq!(snapshot(nest.outer()), before);
}

/// The folder every build stages in holds this file, locked while the build runs.
const STAGING_MARKER: &str = "candor-build-in-progress";

#[cfg(unix)]
#[test]
fn a_killed_builds_staging_folder_is_removed_by_the_next_build_and_nothing_else() {
    let nest = Nest::new();
    let site = nest.site();
    nest.candor(&["build"]).success();
    // A build that died: its marker is there and nobody holds its lock.
    nest.write(
        "site/.public.staging-dead01/site/index.html",
        "half a build\n",
    );
    nest.write(&format!("site/.public.staging-dead01/{STAGING_MARKER}"), "");
    // A build still running: its marker is locked.
    nest.write(
        "site/.public.staging-live01/site/index.html",
        "in progress\n",
    );
    let live_marker = nest.path(&format!("site/.public.staging-live01/{STAGING_MARKER}"));
    fs::write(&live_marker, "").unwrap();
    let lock = fs::File::open(&live_marker).unwrap();
    lock.lock().unwrap();
    // Same kind of name, but not Candor's: no marker, or the marker is a link.
    nest.write("site/.public.staging-notours/keep.txt", "mine\n");
    nest.write("site/.public.staging-linked/keep.txt", "mine\n");
    std::os::unix::fs::symlink(
        nest.path("site/content/_index.md"),
        nest.path(&format!("site/.public.staging-linked/{STAGING_MARKER}")),
    )
    .unwrap();
    nest.write("site/.public.staging-file", "mine\n");

    nest.candor(&["build"]).success();
    assert_eq!(
        names_starting(&site, ".public."),
        [
            ".public.staging-file",
            ".public.staging-linked",
            ".public.staging-live01",
            ".public.staging-notours",
        ]
    );
    assert!(nest.path("site/.public.staging-notours/keep.txt").is_file());
    assert!(
        nest.path("site/.public.staging-live01/site/index.html")
            .is_file()
    );

    // A real build, really killed halfway.
    for page in 0..1000 {
        nest.write(
            &format!("site/content/many/p{page}.md"),
            &format!("---\ntitle: Page {page}\n---\nText of page {page}.\n"),
        );
    }
    let mut killed = false;
    for _attempt in 0..5 {
        let mut child = candor_in(&site, &["build"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Killed while it writes pages: the staging folder has them (in its tree, or, before
        // the fix, directly).
        let writing = |name: &String| {
            let folder = site.join(name);
            folder.join("site/many").exists() || folder.join("many").exists()
        };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) && child.try_wait().unwrap().is_none() {
            if names_starting(&site, ".public.staging-")
                .iter()
                .any(writing)
            {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if !status.success() {
            killed = true;
            break;
        }
    }
    assert!(killed, "every build finished before it could be killed");
    assert_eq!(
        names_starting(&site, ".public.staging-").len(),
        5,
        "the killed build left its staging folder"
    );
    nest.candor(&["build"]).success();
    assert_eq!(
        names_starting(&site, ".public."),
        [
            ".public.staging-file",
            ".public.staging-linked",
            ".public.staging-live01",
            ".public.staging-notours",
        ]
    );
    drop(lock);
}

/// Only Linux can trade two folders in one step; elsewhere there is a moment between renames.
#[cfg(target_os = "linux")]
#[test]
fn public_never_disappears_while_a_build_replaces_it() {
    let nest = Nest::new();
    nest.candor(&["build"]).success();
    let page = nest.path("site/public/index.html");
    let stop = Arc::new(AtomicBool::new(false));
    let missed = Arc::new(AtomicUsize::new(0));
    let watcher = {
        let (stop, missed) = (Arc::clone(&stop), Arc::clone(&missed));
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if fs::symlink_metadata(&page).is_err() {
                    missed.fetch_add(1, Ordering::Relaxed);
                }
            }
        })
    };
    for _ in 0..40 {
        nest.candor(&["build"]).success();
    }
    stop.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    assert_eq!(
        missed.load(Ordering::Relaxed),
        0,
        "public/index.html was missing while a build replaced public/"
    );
}

#[test]
fn collector_refuses_a_store_under_any_source_folder() {
    let nest = Nest::new();
    nest.write("site/inbox/a.json", "{}\n");
    nest.write(
        "site/surveys/pulse.yaml",
        "id: pulse\ntitle: Pulse\nversion: 1\nopens: 2026-01-01\ncloses: 2026-12-31\nanonymity: Nothing identifies you.\nquestions:\n  - id: note\n    type: text\n    label: Anything to add?\n",
    );
    let before = snapshot(nest.outer());
    for (args, store, folder) in [
        (
            &["ingest", "inbox", "--store", "surveys/r.sqlite"][..],
            "surveys/r.sqlite",
            "surveys",
        ),
        (
            &["status", "--store", "content/private/r.sqlite"],
            "content/private/r.sqlite",
            "content",
        ),
        (
            &[
                "export",
                "pulse",
                "--format",
                "csv",
                "--store",
                "data/r.sqlite",
            ],
            "data/r.sqlite",
            "data",
        ),
        (
            &["report", "pulse", "--store", "themes/default/r.sqlite"],
            "themes/default/r.sqlite",
            "themes",
        ),
        (
            &["status", "--store", "templates/r.sqlite"],
            "templates/r.sqlite",
            "templates",
        ),
    ] {
        let run = nest.collect(args).exit_code(2);
        assert_stderr(
            &run,
            &format!(
                "error: the store {store} would be inside a site's source folder (./{folder}), which the build publishes from: raw responses must never be put there\n"
            ),
        );
    }
    let run = nest
        .collect(&["status", "--store", "public/r.sqlite"])
        .exit_code(2);
    assert_stderr(
        &run,
        "error: the store public/r.sqlite would be inside a site's build output (./public), which is published: raw responses must never be put there\n",
    );
    assert_eq!(snapshot(nest.outer()), before, "nothing was created");
}

#[test]
fn keygen_refuses_any_folder_whose_files_get_published() {
    let nest = Nest::new();
    let before = snapshot(nest.outer());
    let real_site = nest.site().canonicalize().unwrap();
    for (relative, folder) in [
        ("content/keys", "content"),
        ("surveys/keys", "surveys"),
        ("data", "data"),
        ("themes/default/static/keys", "themes"),
        ("templates/keys", "templates"),
    ] {
        let dir = nest.site().join(relative);
        let run = Run::of(candor_in(
            nest.outer(),
            &["keygen", "--unencrypted", "--output", dir.to_str().unwrap()],
        ))
        .exit_code(1);
        assert_stderr(
            &run,
            &format!(
                "error: refusing to write a secret key into {}: it is inside a site's source folder ({}), which the build publishes from\n  hint: pass --output with a folder outside the site, e.g. ~/.config/candor/keys\n",
                dir.display(),
                real_site.join(folder).display()
            ),
        );
    }
    assert_eq!(snapshot(nest.outer()), before, "no key was written");
}
