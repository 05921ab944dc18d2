//! The `candor` command: parses arguments and calls the library. Nothing else lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use candor::build::BuildOptions;
use candor::exit::finish;

/// Candor builds a signed transparency site from Markdown and YAML: a staff code of conduct,
/// standards of behaviour, escalation routes, KPIs, surveys and their anonymised results.
#[derive(Debug, Parser)]
#[command(name = "candor", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into public/ (or --output), signed, replacing the previous build only if
    /// everything succeeds.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// The site's folder: the one holding site.yaml, content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site. Defaults to ROOT/public.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Publish under this URL instead of site.yaml's base_url (e.g. for a staging host).
    #[arg(long)]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                output: args.output.unwrap_or_else(|| args.root.join("public")),
                root: args.root,
                base_url: args.base_url,
                drafts: args.drafts,
            };
            finish(candor::build::build(&options))
        }
    }
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
