//! `candor build` without its last stage, signing: load, render and write into a staging
//! folder, then swap it in, through the very stages `candor::build::build` runs
//! ([`candor::build::build_then`]) but with a plain [`DirSink`] instead of the hashing sink and
//! no call to `sign::sign_release`. `candor build` has no switch to skip signing (every
//! published build is signed), so `benches/compare.sh` uses this to show what signing adds:
//! the difference between the two is hashing, the manifest and the signature, nothing else.
//!
//! ```sh
//! cargo run --release --example build-unsigned -- ROOT OUTPUT
//! ```

use std::path::PathBuf;

use candor::build::{BuildOptions, build_then};
use candor::output::DirSink;
use candor::staging::Staging;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(root), Some(output)) = (args.next(), args.next()) else {
        eprintln!("usage: build-unsigned ROOT OUTPUT");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let options = BuildOptions {
        root,
        output,
        base_url: None,
        drafts: false,
        allow_dirty: false,
        signing: Default::default(),
    };
    // Not `Staging::for_output`: it replaces only empty folders and signed builds.
    let staging = || Staging::beside(&options.output);
    let (written, (), _warnings) =
        build_then(&options, staging, |dir| DirSink::new(dir), |_, _| Ok(()))?;
    println!(
        "built {} pages ({} files, unsigned) in {} ms",
        written.pages,
        written.files,
        started.elapsed().as_millis()
    );
    Ok(())
}
