//! The few questions signing asks the site's git repository: is this a repository, how many
//! commits does it have, would git track this file. Git itself answers them (the `git` command),
//! so the answers match what the user's own git does; without git, every answer is "no".

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `git -C dir args…`; `None` when git is missing or cannot run.
fn run(dir: &Path, args: &[&str]) -> Option<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
}

/// Whether `git args…` exits with status 0 in `dir`.
pub(crate) fn succeeds(dir: &Path, args: &[&str]) -> bool {
    run(dir, args).is_some_and(|output| output.status.success())
}

/// What `git args…` prints in `dir`, trimmed, when it succeeds.
pub(crate) fn answer(dir: &Path, args: &[&str]) -> Option<String> {
    let output = run(dir, args)?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Whether `dir` is inside a git working tree.
pub(crate) fn is_work_tree(dir: &Path) -> bool {
    answer(dir, &["rev-parse", "--is-inside-work-tree"]).as_deref() == Some("true")
}
