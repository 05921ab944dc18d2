//! The per-user folders Candor keeps things in outside every site: release keys in the user's
//! configuration folder, the releases `verify` accepted in the state folder. Where those are
//! (the XDG base directories, `$XDG_CONFIG_HOME` else `~/.config`, `$XDG_STATE_HOME` else
//! `~/.local/state`) is `etcetera`'s business, decided here once.

use std::path::PathBuf;

use etcetera::BaseStrategy as _;
use etcetera::base_strategy::Xdg;

/// `candor/` in the user's configuration folder; `None` without a home folder.
pub(crate) fn config() -> Option<PathBuf> {
    Some(Xdg::new().ok()?.config_dir().join("candor"))
}

/// `candor/` in the user's state folder; `None` without a home folder.
pub(crate) fn state() -> Option<PathBuf> {
    Some(Xdg::new().ok()?.state_dir()?.join("candor"))
}
