//! Helpers shared by every integration test: running the binaries and finding system tools.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The outcome of one run of a binary, printed in full when an assertion about it fails.
pub struct Run {
    pub command: String,
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "command: {}\nstatus: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.status, self.stdout, self.stderr
        )
    }
}

impl Run {
    /// Asserts the exit status and that nothing panicked.
    pub fn expect_status(self, status: i32) -> Run {
        assert_eq!(self.status, Some(status), "{self}");
        assert!(!self.stderr.contains("panicked"), "{self}");
        self
    }
}

/// A `candor` command with no signing settings inherited from the environment.
pub fn candor() -> Command {
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

/// Runs `command` (in `dir` when given) and captures everything it printed.
pub fn run(command: &mut Command, dir: Option<&Path>) -> Run {
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let shown = format!("{command:?}");
    let Output {
        status,
        stdout,
        stderr,
    } = command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {shown}: {error}"));
    Run {
        command: shown,
        status: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Whether system tool `name` is installed. When it is not, says so loudly; under
/// `CANDOR_REQUIRE_TOOLS=1` (CI) a missing tool fails the test instead.
pub fn tool_available(name: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()));
    if found {
        return true;
    }
    if std::env::var("CANDOR_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!("`{name}` is not installed, and CANDOR_REQUIRE_TOOLS=1 requires it");
    }
    eprintln!(
        "\n!!!!!!!! SKIPPED: `{name}` is not installed, so this test did not run. !!!!!!!!\n\
         !!!!!!!! Install it (Debian: apt-get install {name}) or set CANDOR_REQUIRE_TOOLS=1 to fail. !!!!!!!!\n"
    );
    false
}
