//! How a command's result reaches the user: what is printed where, and the exit status.
//!
//! The contract, the same for every Candor command:
//! - 0: the command did what was asked (warnings may have been printed);
//! - 1: it did not, because of a problem in the user's files or environment, each problem
//!   printed on stderr as `file:line:col: error: message`;
//! - 2: the command line itself was wrong (clap prints the usage).

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

use crate::diagnostic::{Diagnostics, Rejected};
use crate::sign::VerificationFailed;

/// The documented exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success = 0,
    Failure = 1,
    Usage = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

/// What a command that ran to its end tells the user. [`finish`] prints it, the same way for
/// every command of both binaries.
pub trait Outcome {
    /// Findings for stderr, one per line, printed before anything goes to stdout.
    fn findings(&self) -> Option<&Diagnostics> {
        None
    }
    /// The text for stdout, printed with a newline unless it is empty.
    fn stdout(&self) -> String;
    /// The exit status of a run that completed: success unless the outcome says otherwise.
    fn status(&self) -> Status {
        Status::Success
    }
}

/// What a successful `candor` command reports: a summary for stdout and warnings for stderr.
pub trait Summary: fmt::Display {
    fn warnings(&self) -> &Diagnostics;
}

impl<S: Summary> Outcome for S {
    fn findings(&self) -> Option<&Diagnostics> {
        Some(self.warnings())
    }

    fn stdout(&self) -> String {
        self.to_string()
    }
}

/// A command line that asks for something Candor will not do; the command exits with status 2.
#[derive(Debug)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// How every command ends: prints its outcome (findings on stderr, then its report on stdout)
/// or its error (every located problem the error carries, then the causal chain once), and
/// turns it into the exit status.
pub fn finish(result: anyhow::Result<impl Outcome>) -> ExitCode {
    match result {
        Ok(outcome) => {
            if let Some(findings) = outcome.findings() {
                print_diagnostics(findings);
            }
            let text = outcome.stdout();
            let written = if text.is_empty() {
                Ok(())
            } else {
                print_stdout(&text)
            };
            end(outcome.status(), written)
        }
        Err(error) => {
            print_error(&error);
            if error.chain().any(|cause| cause.is::<Refused>()) {
                Status::Usage.into()
            } else {
                Status::Failure.into()
            }
        }
    }
}

/// How every command ends once its output is written: with `status`, unless writing the
/// output failed. A closed pipe (`candor check | head`) is the reader's choice and changes
/// nothing; any other failure (a full disk) lost the output, so the command fails.
pub fn end(status: Status, written: io::Result<()>) -> ExitCode {
    match output_lost(written) {
        Ok(()) => status.into(),
        Err(error) => {
            print_error(&error.into());
            Status::Failure.into()
        }
    }
}

/// The outcome of writing to stdout as the command sees it: a closed pipe is not a failure.
pub fn output_lost(written: io::Result<()>) -> Result<(), OutputFailed> {
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(OutputFailed(error)),
        _ => Ok(()),
    }
}

/// Writing a command's output to stdout failed for a reason other than a closed pipe.
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output: {0}")]
pub struct OutputFailed(pub io::Error);

/// Prints an error: every located problem if the error carries them, then the causal chain once.
pub fn print_error(error: &anyhow::Error) {
    if let Some(Rejected(diagnostics)) = error.downcast_ref::<Rejected>() {
        print_diagnostics(diagnostics);
    }
    if let Some(VerificationFailed(problems)) = error.downcast_ref::<VerificationFailed>() {
        print_diagnostics(problems);
    }
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "error: {error:#}");
}

/// Prints findings on stderr, one per entry.
pub fn print_diagnostics(diagnostics: &Diagnostics) {
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics.iter() {
        let _ = writeln!(stderr, "{diagnostic}");
    }
}

/// Writes a line to stdout and flushes it, so that a failure shows here and not after `main`
/// (where Rust would drop it). Pass the result to [`end`].
pub fn print_stdout(text: &str) -> io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")?;
    stdout.flush()
}
