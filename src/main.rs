//! The `candor` command: parses arguments and calls the library. Nothing else lives here.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use candor::build::BuildOptions;
use candor::check::{CheckOptions, Format};
use candor::exit::finish;
use candor::serve::ServeOptions;

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
    /// Preview the site in your browser while you edit: rebuilds on every save, reloads open
    /// pages, and shows mistakes on the page. Never writes to public/.
    Serve(ServeArgs),
    /// Check the site for everything a build would reject, plus missing descriptions and alt
    /// text, malformed web addresses and duplicate titles. Writes nothing.
    Check(CheckArgs),
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

#[derive(Debug, Args)]
struct ServeArgs {
    /// The site's folder: the one holding site.yaml, content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to serve on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. The default only accepts connections from this computer.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Open the preview in your default browser.
    #[arg(long)]
    open: bool,
    /// Show pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The site's folder: the one holding site.yaml, content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// `text` for people, `json` for editors' tools and CI annotations.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Fail on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
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
        Command::Serve(args) => finish(candor::serve::serve(&ServeOptions {
            root: args.root,
            bind: args.bind,
            port: args.port,
            drafts: args.drafts,
            open: args.open,
        })),
        Command::Check(args) => candor::check::run(&CheckOptions {
            root: args.root,
            format: match args.format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
            },
            strict: args.strict,
        }),
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
