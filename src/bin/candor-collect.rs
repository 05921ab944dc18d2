//! The `candor-collect` command: parses arguments and calls the collector library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use candor::collect::export::{ExportFormat, ExportOptions};
use candor::collect::ingest::IngestOptions;
use candor::collect::read::{Limits, parse_size};
use candor::collect::receive::{ReceiveOptions, parse_bind, parse_origin};
use candor::collect::{Printed, Report, StoreLocation};
use candor::encryption::keys::{KEYS_FOLDER, PASSWORD_VARIABLE, SurveyKeygenOptions, SurveyKeys};
use candor::report::ReportOptions;
use user_folder::{Folder, user_folder};

#[path = "edge/user_folder.rs"]
mod user_folder;

/// Candor's survey collector: ingests the response files that survey forms produce into a
/// private database, keeping every file it cannot accept in a quarantine with the reason.
#[derive(Debug, Parser)]
#[command(name = "candor-collect", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate response files and store each valid response once; quarantine the rest.
    Ingest(IngestArgs),
    /// Show how many responses each survey has and over which months they were submitted.
    Status(StatusArgs),
    /// Write one survey's raw responses to stdout for analysis (NOT anonymised).
    Export(ExportArgs),
    /// Receive response files that forms POST, over HTTP, into the same store as `ingest`.
    Receive(ReceiveArgs),
    /// Write a survey's anonymised, disclosure-controlled results as YAML for publishing.
    Report(ReportArgs),
    /// Create a key pair for a survey's encrypted responses: the public key goes in the survey's
    /// definition, the password-protected secret key stays with the survey team.
    KeygenSurvey(KeygenSurveyArgs),
}

/// How encrypted responses are opened; the same for `ingest` and `receive`.
#[derive(Debug, Args)]
struct DecryptArgs {
    /// The folder of survey secret keys (SURVEY/KEY-ID.key files). Defaults to
    /// ~/.config/candor/survey-keys. Their password comes from CANDOR_SURVEY_KEY_PASSWORD or is
    /// asked for in a terminal.
    #[arg(long, value_name = "DIR")]
    keys: Option<PathBuf>,
    /// Accept plain (unencrypted) responses to surveys that have a public key; without it they
    /// are quarantined.
    #[arg(long)]
    allow_plaintext: bool,
}

#[derive(Debug, Args)]
struct KeygenSurveyArgs {
    /// The survey's id, e.g. community-2026.
    survey: String,
    /// The folder of survey secret keys; the key is written to SURVEY/KEY-ID.key in it.
    /// Defaults to ~/.config/candor/survey-keys. Never inside a site.
    #[arg(long, value_name = "DIR")]
    keys: Option<PathBuf>,
}

/// Where the site and the response store are; the same for every subcommand.
#[derive(Debug, Args)]
struct StoreArgs {
    /// The site's folder: the one holding surveys/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The response database. Defaults to ROOT/.candor/responses.sqlite; the quarantine is the
    /// `quarantine` folder beside it. Never under ROOT/public/ or a source folder (content/,
    /// themes/, templates/, data/, surveys/): their files get published.
    #[arg(long)]
    store: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct IngestArgs {
    /// Response files, or folders to search recursively (hidden files and folders are reported
    /// and skipped).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    /// Print the summary as one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Delete each response file once it is safely stored or quarantined (other files, and
    /// files changed since they were read, are left in place).
    #[arg(long = "move")]
    move_files: bool,
    /// Also read files that links inside the folders point to outside them (links to folders
    /// are never followed).
    #[arg(long)]
    follow_links: bool,
    /// Reject files larger than this without reading them (e.g. 256KiB, 1MiB).
    #[arg(long, default_value = "256KiB", value_parser = parse_size, value_name = "SIZE")]
    max_size: u64,
    #[command(flatten)]
    decrypt: DecryptArgs,
}

#[derive(Debug, Args)]
struct ReceiveArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// The address and port to listen on. Loopback by default; a LAN address sends responses
    /// across that network unencrypted unless a TLS reverse proxy is in front.
    #[arg(long, default_value = "127.0.0.1:8750", value_name = "ADDR:PORT")]
    bind: String,
    /// Also accept responses from pages of this origin (scheme://host[:port]); the site's own,
    /// from base_url in site.yaml, is always accepted. Repeatable.
    #[arg(long = "allow-origin", value_name = "ORIGIN", value_parser = parse_origin)]
    allow_origin: Vec<String>,
    /// Answer 413 to bodies larger than this (the same limit as ingest's --max-size).
    #[arg(long, default_value = "256KiB", value_parser = parse_size, value_name = "SIZE")]
    max_size: u64,
    #[command(flatten)]
    decrypt: DecryptArgs,
}

#[derive(Debug, Args)]
struct StatusArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Print the status as one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The survey's id, e.g. community-2026.
    survey: String,
    /// `csv` (one row per response, one column per question) or `jsonl` (one response file
    /// per line).
    #[arg(long, value_parser = ["csv", "jsonl"])]
    format: String,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The survey's id, e.g. community-2026.
    survey: String,
    #[command(flatten)]
    store: StoreArgs,
    /// Where to write the results. Defaults to ROOT/surveys/results/SURVEY.yaml, the file
    /// `candor build` publishes; commit it.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Print the summary as one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Ingest(args) => {
            let result = locate(&args.store).map(|location| IngestOptions {
                paths: args.paths,
                location,
                limits: Limits {
                    max_bytes: args.max_size,
                    ..Limits::default()
                },
                move_files: args.move_files,
                follow_links: args.follow_links,
                progress: !args.json,
                keys: survey_keys(args.decrypt.keys),
                allow_plaintext: args.decrypt.allow_plaintext,
            });
            finish(
                result.and_then(|options| candor::collect::ingest::ingest(&options)),
                args.json,
            )
        }
        Command::Receive(args) => {
            let result = locate(&args.store).and_then(|location| {
                let options = ReceiveOptions {
                    location,
                    bind: parse_bind(&args.bind)?,
                    limits: Limits {
                        max_bytes: args.max_size,
                        ..Limits::default()
                    },
                    extra_origins: args.allow_origin,
                    keys: survey_keys(args.decrypt.keys),
                    allow_plaintext: args.decrypt.allow_plaintext,
                };
                candor::collect::receive::receive(&options)
            });
            finish(result, false)
        }
        Command::Status(args) => finish(
            locate(&args.store).and_then(|location| candor::collect::status::status(&location)),
            args.json,
        ),
        Command::Export(args) => {
            let result = locate(&args.store).and_then(|location| {
                let options = ExportOptions {
                    location,
                    survey: args.survey,
                    format: args
                        .format
                        .parse::<ExportFormat>()
                        .map_err(anyhow::Error::msg)?,
                };
                candor::collect::export::export(&options, &mut std::io::stdout().lock())
            });
            finish(result, false)
        }
        Command::KeygenSurvey(args) => finish(
            candor::encryption::keys::keygen(&SurveyKeygenOptions {
                survey: args.survey,
                keys: survey_keys(args.keys),
            }),
            false,
        ),
        Command::Report(args) => {
            let result = locate(&args.store).and_then(|location| {
                candor::report::report(&ReportOptions {
                    location,
                    survey: args.survey,
                    out: args.out,
                })
            });
            finish(result, args.json)
        }
    }
}

/// The survey keys' folder (`--keys`, else `candor/survey-keys` in the user's configuration
/// folder, found by `etcetera` here, at the edge) and the password from the environment, read
/// here rather than through an option so that no command line, which every user of the
/// machine can list, ever carries it.
fn survey_keys(keys: Option<PathBuf>) -> SurveyKeys {
    let keys_folder = || Some(user_folder(Folder::Config)?.join(KEYS_FOLDER));
    SurveyKeys {
        dir: keys.or_else(keys_folder),
        password: std::env::var(PASSWORD_VARIABLE).ok(),
    }
}

/// Ends the command with `result`, its report printed as text or as JSON.
fn finish<R: Report>(result: anyhow::Result<R>, json: bool) -> ExitCode {
    candor::exit::finish(result.map(|report| Printed { report, json }))
}

fn locate(args: &StoreArgs) -> anyhow::Result<StoreLocation> {
    Ok(StoreLocation::resolve(&args.root, args.store.as_deref())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
