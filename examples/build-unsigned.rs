//! `candor build` without its last stage, signing: load, render and write into a staging
//! folder, then swap it in, exactly as `candor::build::build` does but with no call to
//! `sign::sign_release`. `candor build` has no switch to skip signing (every published build
//! is signed), so `benches/compare.sh` uses this to show what signing adds.
//!
//! ```sh
//! cargo run --release --example build-unsigned -- ROOT OUTPUT
//! ```

use std::path::PathBuf;

use candor::build::Site;
use candor::output::DirSink;
use candor::staging::Staging;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(root), Some(output)) = (args.next(), args.next()) else {
        eprintln!("usage: build-unsigned ROOT OUTPUT");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let site = Site::load(&root, None, false, false)?;
    let staging = Staging::beside(&output)?;
    let written = site.write(&DirSink::new(staging.path()))?;
    staging.commit()?;
    println!(
        "built {} pages ({} files, unsigned) in {} ms",
        written.pages,
        written.files,
        started.elapsed().as_millis()
    );
    Ok(())
}
