//! The verifier's memory: the newest release it accepted for each site and key.
//!
//! A valid signature on an old release is still a valid signature, so the only defence against
//! a mirror replaying an older release (one from before a policy changed) is to remember what
//! was already seen and refuse to go back. The state is keyed by the signed base URL and the
//! key id, lives in the user's state folder, and is replaced atomically. A damaged state file
//! is an error rather than a reset: silently forgetting would switch the protection off.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

/// State files are tiny; a huge one is not ours.
const STATE_FILE_LIMIT: u64 = 16 * 1024 * 1024;

/// The newest release accepted for one site and key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Accepted {
    release: u64,
    /// The accepted release's build time, for people reading the file.
    built: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateData {
    /// Keyed by `<base_url> <key id>`.
    accepted: BTreeMap<String, Accepted>,
}

/// The state file, loaded.
#[derive(Debug)]
pub(crate) struct VerifyState {
    path: PathBuf,
    data: StateData,
}

/// `$XDG_STATE_HOME/candor/verify-state.json`, else `~/.local/state/candor/verify-state.json`.
pub(crate) fn default_path() -> anyhow::Result<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local").join("state"))
        });
    match base {
        Some(base) => Ok(base.join("candor").join("verify-state.json")),
        None => bail!(
            "cannot find a folder to remember accepted releases in (neither XDG_STATE_HOME nor HOME is set)\n  hint: pass --state FILE"
        ),
    }
}

fn site_key(base_url: &str, key_id: &str) -> String {
    format!("{base_url} {key_id}")
}

impl VerifyState {
    /// Reads the state at `path`; a missing file is an empty state.
    pub(crate) fn load(path: &Path) -> anyhow::Result<VerifyState> {
        let damaged = || {
            format!(
                "{} is not a Candor verifier state file\n  hint: fix or delete it; deleting it forgets every accepted release, so rollback protection restarts from the next release you verify",
                path.display()
            )
        };
        let data = match std::fs::metadata(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => StateData::default(),
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", path.display()));
            }
            Ok(metadata) if metadata.len() > STATE_FILE_LIMIT => bail!(damaged()),
            Ok(_) => {
                let text = std::fs::read(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                serde_json::from_slice(&text).with_context(damaged)?
            }
        };
        Ok(VerifyState {
            path: path.to_owned(),
            data,
        })
    }

    /// The newest release accepted before for this site and key.
    pub(crate) fn last_accepted(&self, base_url: &str, key_id: &str) -> Option<u64> {
        self.data
            .accepted
            .get(&site_key(base_url, key_id))
            .map(|accepted| accepted.release)
    }

    /// Remembers an accepted release (never lowering what is remembered) and saves the file.
    pub(crate) fn record(
        &mut self,
        base_url: &str,
        key_id: &str,
        release: u64,
        built: String,
    ) -> anyhow::Result<()> {
        if self
            .last_accepted(base_url, key_id)
            .is_some_and(|known| known >= release)
        {
            return Ok(());
        }
        self.data
            .accepted
            .insert(site_key(base_url, key_id), Accepted { release, built });
        self.save()
    }

    fn save(&self) -> anyhow::Result<()> {
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut text = serde_json::to_vec_pretty(&self.data)?;
        text.push(b'\n');
        let mut temporary = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        temporary
            .write_all(&text)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        temporary
            .persist(&self.path)
            .with_context(|| format!("cannot replace {}", self.path.display()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_the_highest_release_per_site_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/state.json");
        let mut state = VerifyState::load(&path).unwrap();
        assert_eq!(state.last_accepted("https://a/", "K1"), None);
        state.record("https://a/", "K1", 5, "t".into()).unwrap();
        state.record("https://a/", "K1", 3, "t".into()).unwrap();
        state.record("https://b/", "K1", 9, "t".into()).unwrap();
        let state = VerifyState::load(&path).unwrap();
        assert_eq!(state.last_accepted("https://a/", "K1"), Some(5));
        assert_eq!(state.last_accepted("https://a/", "K2"), None);
        assert_eq!(state.last_accepted("https://b/", "K1"), Some(9));
    }

    #[test]
    fn damaged_state_is_an_error_not_a_reset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "{ not json").unwrap();
        let error = VerifyState::load(&path).unwrap_err();
        assert!(format!("{error:#}").contains("not a Candor verifier state file"));
    }
}
