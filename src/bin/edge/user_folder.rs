//! The user's own folders, found where the binaries read the environment (the library reads
//! none): both `candor` and `candor-collect` include this file as a module of their own.

use std::path::PathBuf;

use etcetera::BaseStrategy as _;
use etcetera::base_strategy::Xdg;

/// Which per-user folder.
pub enum Folder {
    Config,
    // Only `candor` keeps state (the releases `verify` accepted).
    #[allow(dead_code)]
    State,
}

/// `candor/` in the user's configuration or state folder (the XDG base directories:
/// `$XDG_CONFIG_HOME` else `~/.config`, `$XDG_STATE_HOME` else `~/.local/state`), decided
/// by `etcetera`; `None` without a home folder.
pub fn user_folder(folder: Folder) -> Option<PathBuf> {
    let base = Xdg::new().ok()?;
    let folder = match folder {
        Folder::Config => base.config_dir(),
        Folder::State => base.state_dir()?,
    };
    Some(folder.join("candor"))
}
