//! `.candor/`: each site's private working folder — development signing keys, the response
//! store and its quarantine. Nothing in it may ever be committed or published, so the folder
//! ignores itself in git from the inside, whatever the enclosing repository's rules say.

use std::fs;
use std::path::Path;

use anyhow::Context as _;

/// The folder's name, at the site root.
pub const DIR: &str = ".candor";

/// Creates `dir` if needed and makes git ignore everything in it.
pub fn ensure_ignored(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        fs::write(
            &ignore,
            "# Candor's local state (development keys, survey responses): never commit it.\n*\n",
        )
        .with_context(|| format!("cannot write {}", ignore.display()))?;
    }
    Ok(())
}

/// Whether `dir` is a site's local-state folder.
pub fn is_local_state(dir: &Path) -> bool {
    dir.file_name().is_some_and(|name| name == DIR)
}
