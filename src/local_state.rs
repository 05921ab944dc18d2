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

/// Creates `dir` and any missing parents readable by the owner only (0700), whatever the umask:
/// the folders that hold responses, the quarantine or keys. A folder that exists is left as it is.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(0o700).create(dir)?;
        // The umask can only take bits away from 0700, but it can take the owner's too.
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

/// Creates the empty file `path` readable and writable by the owner only (0600), whatever the
/// umask, unless it exists. Returns whether it was created.
pub fn create_private_file(path: &Path) -> std::io::Result<bool> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(file) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                file.set_permissions(fs::Permissions::from_mode(0o600))?;
            }
            drop(file);
            Ok(true)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error),
    }
}
