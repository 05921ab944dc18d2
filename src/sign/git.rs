//! The few questions signing asks the site's git repository: is this a repository, how many
//! commits does it have, would git track this file, which files differ from the last commit. Git itself answers them (the `git` command),
//! so the answers match what the user's own git does; without git, every answer is "no".
//! The page history ([`crate::history`]) asks its questions through the same runner.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `git -C dir args…`, its errors thrown away: every caller treats a failure as "no answer".
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(args).stderr(Stdio::null());
    command
}

/// Runs `git -C dir args…`; `None` when git is missing or cannot run.
fn run(dir: &Path, args: &[&str]) -> Option<Output> {
    command(dir, args).stdin(Stdio::null()).output().ok()
}

/// What `git args…` prints in `dir` when given `input` on its standard input, when it
/// succeeds. The input is written from another thread while the output is read, so that
/// neither side waits for the other however large both are (`git cat-file --batch`).
pub(crate) fn stdout_given(dir: &Path, args: &[&str], input: Vec<u8>) -> Option<Vec<u8>> {
    let mut child = command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    // A write error means git stopped reading; its exit status says why.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().ok()?;
    let _ = writer.join();
    output.status.success().then_some(output.stdout)
}

/// Whether `git args…` exits with status 0 in `dir`.
pub(crate) fn succeeds(dir: &Path, args: &[&str]) -> bool {
    run(dir, args).is_some_and(|output| output.status.success())
}

/// What `git args…` prints in `dir`, as printed, when it succeeds.
pub(crate) fn stdout(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
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
