//! The `candor` command: parses arguments and calls the library. Nothing else lives here.

use std::ffi::OsString;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use candor::build::BuildOptions;
use candor::check::{CheckOptions, Format};
use candor::exit::finish;
use candor::serve::{Limits, ServeOptions};
use candor::sign::{KeygenOptions, SigningEnvironment, VerifyOptions};
use user_folder::{Folder, user_folder};

#[path = "bin/edge/user_folder.rs"]
mod user_folder;

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
    /// Create a minisign key pair for signing releases. Run it once per site; keep the secret
    /// key offline or in CI secrets and publish the public key through a second channel.
    Keygen(KeygenArgs),
    /// Check that a folder is exactly a release signed with the given public key: every file
    /// present and unchanged, nothing added, not an older release than already seen.
    Verify(VerifyArgs),
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
    /// Sign with a release key although files that feed the site (site.yaml, content/, themes/,
    /// templates/, data/, surveys/) have uncommitted changes. The signature then says dirty=1.
    #[arg(long)]
    allow_dirty: bool,
    #[command(flatten)]
    signing: SigningArgs,
}

/// What signing takes from the environment. Hidden: the variables are the documented way.
#[derive(Debug, Args)]
struct SigningArgs {
    /// The secret key to sign with instead of the one site.yaml names.
    #[arg(long, env = "CANDOR_SECRET_KEY", hide = true, value_name = "FILE")]
    secret_key: Option<OsString>,
    /// The build time, Unix seconds, for reproducible builds.
    #[arg(long, env = "SOURCE_DATE_EPOCH", hide = true, value_name = "SECONDS")]
    source_date_epoch: Option<OsString>,
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
    /// For tests: milliseconds a client has to send a request's headers.
    #[arg(long, hide = true, value_name = "MS")]
    header_timeout_ms: Option<u64>,
    /// For tests: how many connections are served at once.
    #[arg(long, hide = true, value_name = "N")]
    max_connections: Option<usize>,
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
    /// The secret key a release build would sign with instead of the one site.yaml names.
    #[arg(long, env = "CANDOR_SECRET_KEY", hide = true, value_name = "FILE")]
    secret_key: Option<OsString>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

#[derive(Debug, Args)]
struct KeygenArgs {
    /// The folder to write candor.key and candor.pub into. Defaults to
    /// $XDG_CONFIG_HOME/candor/keys (or ~/.config/candor/keys), outside every site.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Do not protect the secret key with a password. Only for throwaway and test keys. Without
    /// this flag the password comes from CANDOR_KEY_PASSWORD or is asked for twice.
    #[arg(long)]
    unencrypted: bool,
    /// Replace an existing key pair in DIR. Signatures made with the old key will no longer
    /// verify with the new public key.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// The folder holding the site, with SHA256SUMS and SHA256SUMS.minisig at its root.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The publisher's public key file (minisign.pub), obtained through a channel other than
    /// the site itself.
    #[arg(long, value_name = "FILE")]
    pubkey: PathBuf,
    /// Refuse releases numbered below N (the number is in the signature's trusted comment).
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_release: u64,
    /// Refuse a release signed for a site other than URL.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Where to remember the newest release accepted per site and key, to refuse replayed old
    /// releases. Defaults to $XDG_STATE_HOME/candor/verify-state.json (or
    /// ~/.local/state/candor/verify-state.json).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
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
                allow_dirty: args.allow_dirty,
                signing: SigningEnvironment {
                    secret_key: args.signing.secret_key.map(PathBuf::from),
                    password: key_password(),
                    source_date_epoch: args.signing.source_date_epoch,
                },
            };
            finish(candor::build::build(&options))
        }
        Command::Serve(args) => {
            let defaults = Limits::default();
            let limits = Limits {
                header_timeout: args
                    .header_timeout_ms
                    .map_or(defaults.header_timeout, Duration::from_millis),
                max_connections: args.max_connections.unwrap_or(defaults.max_connections),
            };
            finish(candor::serve::serve(&ServeOptions {
                root: args.root,
                bind: args.bind,
                port: args.port,
                drafts: args.drafts,
                open: args.open,
                limits,
            }))
        }
        Command::Check(args) => finish(candor::check::run(&CheckOptions {
            root: args.root,
            format: match args.format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
            },
            strict: args.strict,
            secret_key: args.secret_key.map(PathBuf::from),
        })),
        Command::Keygen(args) => finish(candor::sign::keygen(&KeygenOptions {
            output: args.output,
            user_config: user_folder(Folder::Config),
            password: key_password(),
            unencrypted: args.unencrypted,
            force: args.force,
        })),
        Command::Verify(args) => {
            let options = VerifyOptions {
                min_release: args.min_release,
                base_url: args.base_url,
                state: args.state,
                user_state: user_folder(Folder::State),
                ..VerifyOptions::new(args.dir, args.pubkey)
            };
            finish(candor::sign::verify_site(&options))
        }
    }
}

/// `CANDOR_KEY_PASSWORD`, read here rather than through a (hidden) option so that no command
/// line, which every user of the machine can list, ever carries a password.
fn key_password() -> Option<OsString> {
    std::env::var_os("CANDOR_KEY_PASSWORD")
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
