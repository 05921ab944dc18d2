//! The few questions signing asks the site's git repository: is this a repository, how many
//! commits does it have, would git track this file, which files differ from the last commit. Git itself answers them (the `git` command),
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

/// What `git args…` prints in `dir`, as printed, when it succeeds.
fn stdout(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = run(dir, args)?;
    output.status.success().then_some(output.stdout)
}

/// What `git args…` prints in `dir`, trimmed, when it succeeds.
pub(crate) fn answer(dir: &Path, args: &[&str]) -> Option<String> {
    stdout(dir, args).map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
}

/// The files under `paths` (relative to `dir`) that differ from the last commit: changed,
/// staged, deleted, or new and not ignored. Named as `git status` names them (relative to the
/// repository's top folder), sorted; `None` when git cannot say.
pub(crate) fn uncommitted(dir: &Path, paths: &[&str]) -> Option<Vec<String>> {
    // No optional locks: asking must not rewrite the repository's index.
    let mut args = vec![
        "--no-optional-locks",
        "status",
        "--porcelain",
        "-z",
        "--untracked-files=all",
        "--",
    ];
    args.extend_from_slice(paths);
    let listing = stdout(dir, &args)?;
    let mut entries = listing.split(|&byte| byte == 0).filter(|e| !e.is_empty());
    let mut files = Vec::new();
    while let Some(entry) = entries.next() {
        // `XY path`; a rename or copy is followed by the path it came from, as its own entry.
        let (status, path) = (entry.get(..2)?, entry.get(3..)?);
        if status.iter().any(|&code| code == b'R' || code == b'C') {
            entries.next();
        }
        files.push(String::from_utf8_lossy(path).into_owned());
    }
    files.sort();
    files.dedup();
    Some(files)
}

/// Whether `dir` is inside a git working tree.
pub(crate) fn is_work_tree(dir: &Path) -> bool {
    answer(dir, &["rev-parse", "--is-inside-work-tree"]).as_deref() == Some("true")
}
