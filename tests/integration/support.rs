//! Shared helpers: fixture sites in temp folders, and running the real binaries on them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A copy of a fixture site in a temporary folder, removed when dropped.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn fixture(name: &str) -> TestSite {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_tree(&source, dir.path());
        TestSite { dir }
    }

    /// An empty temporary folder, for tests that write every file themselves.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// Copies the sample site at the repository root (its sources only) into a fresh
    /// temporary folder.
    pub fn sample() -> TestSite {
        let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("temporary folder");
        for part in ["content", "data", "surveys", "themes"] {
            copy_tree(&repository.join(part), &dir.path().join(part));
        }
        std::fs::copy(repository.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path(relative)).unwrap();
    }

    /// Reads a file of the site, panicking with its name if it is missing.
    pub fn read(&self, relative: &str) -> String {
        let path = self.path(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The text of the file `relative`, having asserted that it holds each of `lines` whole;
    /// a failure names the file and the line, and shows the text.
    pub fn expect_lines(&self, relative: &str, lines: &[&str]) -> String {
        let text = self.read(relative);
        for line in lines {
            assert!(text.contains(line), "{relative} lacks\n{line}\nin:\n{text}");
        }
        text
    }

    /// Runs `candor ARGS --root <site>`.
    pub fn candor(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor"));
        command.args(args).arg("--root").arg(self.root());
        Run::of(command)
    }

    /// Runs `candor-collect ARGS` in the site's folder.
    pub fn collect(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command.args(args).current_dir(self.root());
        Run::of(command)
    }

    /// Runs `candor build` and insists that it succeeds.
    pub fn build(&self) -> Run {
        self.candor(&["build"]).success()
    }
}

/// A finished command, with helpers that print everything when an expectation fails.
pub struct Run {
    pub description: String,
    pub output: Output,
}

impl Run {
    pub fn of(mut command: Command) -> Run {
        let description = format!("{command:?}");
        let output = command.output().expect("the binary runs");
        Run {
            description,
            output,
        }
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// The command, its status and everything it printed, for assertion messages.
    pub fn explain(&self) -> String {
        format!(
            "command: {}\nstatus: {:?}\nstdout:\n{}\nstderr:\n{}",
            self.description,
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }

    pub fn success(self) -> Run {
        assert!(
            self.output.status.success(),
            "expected success\n{}",
            self.explain()
        );
        self
    }

    /// Asserts the exit code and returns the run for more checks.
    pub fn exit_code(self, code: i32) -> Run {
        assert_eq!(
            self.code(),
            Some(code),
            "unexpected exit code\n{}",
            self.explain()
        );
        self
    }

    pub fn stderr_contains(self, needle: &str) -> Run {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.explain()
        );
        self
    }

    pub fn stdout_contains(self, needle: &str) -> Run {
        assert!(
            self.stdout().contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.explain()
        );
        self
    }
}

/// Copies the folder `from` with everything in it to `to`.
/// `candor` with none of the signing settings of the environment running the tests and no
/// standard input, as a user's fresh shell would run it.
pub fn candor_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_candor"));
    for name in [
        "CANDOR_SECRET_KEY",
        "CANDOR_KEY_PASSWORD",
        "SOURCE_DATE_EPOCH",
    ] {
        command.env_remove(name);
    }
    command.stdin(Stdio::null());
    command
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Whether a system tool the test needs is installed. When it is not, the test is skipped with
/// a notice that a plain `cargo test` shows — unless `CANDOR_REQUIRE_TOOLS=1` (set by CI), where a
/// missing tool fails the test.
pub fn require_tool(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        skip_test(&format!("`{tool}` is not installed"), &debian_package(tool));
    }
    found
}

/// The Debian package that provides a tool the tests use.
fn debian_package(tool: &str) -> String {
    match tool {
        "sha256sum" => "coreutils",
        "chromedriver" => "chromium-driver",
        other => other,
    }
    .to_string()
}

/// Says that the current test cannot run and did not: fails it under `CANDOR_REQUIRE_TOOLS=1`;
/// otherwise prints a notice straight to the process's standard error. libtest captures what
/// `eprintln!` prints and shows it only for failing tests, so a skipped test would read as a
/// plain `ok`; a direct write is printed in every run, beside the test's `ok`.
pub fn skip_test(why: &str, packages: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    if std::env::var("CANDOR_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!("{test} cannot run ({why}) and CANDOR_REQUIRE_TOOLS=1 makes that a failure");
    }
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {why}; it did not run. Install with `apt-get install {packages}`."
    );
}

/// Runs git in `root` as Ana Editor, author and committer dated `when` (an RFC 3339 time),
/// with `input` on its standard input; insists on success and returns what it printed,
/// trimmed. The one way tests script a repository, so their commits are alike.
pub fn git_at(root: &Path, when: &str, args: &[&str], input: Option<&str>) -> String {
    use std::io::Write as _;
    let mut child = Command::new("git")
        .current_dir(root)
        .args([
            "-c",
            "user.name=Ana Editor",
            "-c",
            "user.email=ana@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("git runs");
    let mut stdin = child.stdin.take().expect("piped");
    if let Some(input) = input {
        stdin.write_all(input.as_bytes()).expect("git reads");
    }
    drop(stdin);
    let output = child.wait_with_output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}
