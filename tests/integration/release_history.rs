//! `candor-collect report --out FILE`: the earlier releases a reader has are found wherever
//! they were published — the file at the output path and its versions in the git history of
//! the repository it is in, as for the default path — and a history that is there but cannot
//! be read stops the report instead of being skipped.

use std::process::Command;

use crate::disclosure_audit::{PULSE, responses, site_with};
use crate::support::{Run, TestSite};

/// A site whose first release was written to `deploy/pulse.yaml`, a git repository of its own,
/// committed there and then deleted in a second commit; then one response more. Returns the
/// first commit's short hash.
fn published_once_to_deploy() -> (TestSite, String) {
    let site = site_with(PULSE);
    let mut n = 0;
    responses(&site, &mut n, 30, "a", "x");
    responses(&site, &mut n, 25, "b", "y");
    site.collect(&["ingest", "inbox"]).success();
    std::fs::create_dir(site.path("deploy")).unwrap();
    let git = |args: &[&str]| crate::sign::git(&site.path("deploy"), args);
    git(&["init", "-q"]);
    site.collect(&["report", "pulse", "--out", "deploy/pulse.yaml"])
        .success();
    git(&["add", "pulse.yaml"]);
    git(&["commit", "-q", "-m", "First results"]);
    let head = Command::new("git")
        .args(["rev-parse", "--short=8", "HEAD"])
        .current_dir(site.path("deploy"))
        .output()
        .unwrap();
    let commit = String::from_utf8(head.stdout).unwrap().trim().to_owned();
    // Taken down again: the commit that deleted it published nothing, and is no error.
    git(&["rm", "-q", "pulse.yaml"]);
    git(&["commit", "-q", "-m", "Withdrawn"]);
    responses(&site, &mut n, 1, "a", "y");
    site.collect(&["ingest", "inbox"]).success();
    (site, commit)
}

/// The history searched was only the default path's: the release committed at the custom path
/// was not found, and one a single response later went out (exit 0 on the old code).
#[test]
fn an_earlier_release_committed_at_a_custom_output_path_is_found() {
    if !crate::support::require_tool("git") {
        return;
    }
    let (site, commit) = published_once_to_deploy();
    let run = site
        .collect(&["report", "pulse", "--out", "deploy/pulse.yaml"])
        .exit_code(1);
    assert_eq!(
        run.stderr(),
        format!(
            "error: survey `pulse` has only 1 response more than the results already published in deploy/pulse.yaml in commit {commit}; a reader could subtract the two releases and read the answers of whoever responded since\n  \
             hint: wait for at least 9 more responses, then run `candor-collect report` again\n"
        )
    );
    assert!(!site.path("deploy/pulse.yaml").exists());
}

/// The output path is in a git repository whose history cannot be read (here: git cannot be
/// run at all). The old code took that as "no history" and published.
#[test]
fn an_output_path_in_a_repository_whose_history_cannot_be_read_is_refused() {
    if !crate::support::require_tool("git") {
        return;
    }
    let (site, _) = published_once_to_deploy();
    let no_programs = site.path("no-programs");
    std::fs::create_dir(&no_programs).unwrap();
    let report = |out: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(["report", "pulse", "--out", out])
            .current_dir(site.root())
            .env("PATH", &no_programs);
        Run::of(command).exit_code(1)
    };
    let expected = |shown: &str, folder: &str, file: &str| {
        format!(
            "error: cannot read the git history of {shown}, so the results published there cannot be audited with this release: git cannot be run: No such file or directory (os error 2)\n  \
             hint: {folder} is in a git repository: run `git -C {folder} log -- {file}` to see why its history cannot be read\n"
        )
    };
    let run = report("deploy/pulse.yaml");
    assert_eq!(
        run.stderr(),
        expected("deploy/pulse.yaml", "deploy", "pulse.yaml")
    );
    assert!(!site.path("deploy/pulse.yaml").exists());
    // The default path, in a site that is a repository.
    std::fs::create_dir(site.path(".git")).unwrap();
    let run = report("surveys/results/pulse.yaml");
    assert_eq!(
        run.stderr(),
        expected(
            "surveys/results/pulse.yaml",
            ".",
            "surveys/results/pulse.yaml"
        )
    );
    assert!(!site.path("surveys/results/pulse.yaml").exists());
}
