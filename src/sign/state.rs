//! The verifier's memory: the newest release it accepted for each site and key, and the
//! SHA-256 of that release's `SHA256SUMS`.
//!
//! A valid signature on an old release is still a valid signature, so the only defence against
//! a mirror replaying an older release (one from before a policy changed) is to remember what
//! was already seen and refuse to go back; remembering the file list too catches one release
//! number signed twice for different files. The state is keyed by the signed base URL and the
//! key id and lives in the user's state folder. Each `candor verify` holds an exclusive lock on
//! `<state>.lock` from reading the state to writing it, so concurrent verifiers cannot undo
//! each other's updates, and the file is replaced atomically (a temporary file renamed over
//! it), so it is never seen half-written. The lock file is never deleted: deleting it would let
//! two verifiers hold different locks. A damaged state file is an error rather than a reset:
//! silently forgetting would switch the protection off.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

use crate::atomic_file::AtomicWrite;

/// State files are tiny; a huge one is not ours.
const STATE_FILE_LIMIT: u64 = 16 * 1024 * 1024;

/// The newest release accepted for one site and key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Accepted {
    pub release: u64,
    /// The accepted release's build time, for people reading the file.
    built: String,
    /// The SHA-256 of the accepted release's `SHA256SUMS`, in hex. Absent in state files
    /// written before Candor remembered it; the next accepted release fills it in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_sha256: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateData {
    /// Keyed by `<base_url> <key id>`.
    accepted: BTreeMap<String, Accepted>,
}

/// The state file, loaded and locked against other verifiers until dropped.
#[derive(Debug)]
pub(crate) struct VerifyState {
    path: PathBuf,
    data: StateData,
    /// Holds the exclusive lock on `<path>.lock`; closing it releases the lock.
    _lock: File,
}

/// `verify-state.json` in Candor's state folder `user_state` (`$XDG_STATE_HOME/candor`, else
/// `~/.local/state/candor`), which the command line found, or `None` without a home folder.
pub(crate) fn default_path(user_state: Option<&Path>) -> anyhow::Result<PathBuf> {
    match user_state {
        Some(folder) => Ok(folder.join("verify-state.json")),
        None => bail!(
            "cannot find a folder to remember accepted releases in (neither XDG_STATE_HOME nor HOME is set)\n  hint: pass --state FILE"
        ),
    }
}

fn site_key(base_url: &str, key_id: &str) -> String {
    format!("{base_url} {key_id}")
}

/// Takes the exclusive lock beside the state file `path`, waiting for any other verifier that
/// holds it, and creates the folder the state lives in.
fn lock(path: &Path) -> anyhow::Result<File> {
    std::fs::create_dir_all(parent_of(path))
        .with_context(|| format!("cannot create {}", parent_of(path).display()))?;
    let mut lock_path = OsString::from(path.as_os_str());
    lock_path.push(".lock");
    let lock_path = PathBuf::from(lock_path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    Ok(file)
}

/// The folder holding `path`, `.` for a bare file name.
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

impl VerifyState {
    /// Locks the state at `path` (see [`lock`]), then reads it; a missing file is an empty
    /// state. The lock lasts until the returned state is dropped.
    pub(crate) fn lock_and_load(path: &Path) -> anyhow::Result<VerifyState> {
        let lock = lock(path)?;
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
            _lock: lock,
        })
    }

    /// The newest release accepted before for this site and key.
    pub(crate) fn accepted(&self, base_url: &str, key_id: &str) -> Option<&Accepted> {
        self.data.accepted.get(&site_key(base_url, key_id))
    }

    /// Remembers an accepted release and the SHA-256 of its `SHA256SUMS` (never lowering the
    /// remembered release) and saves the file.
    pub(crate) fn record(
        &mut self,
        base_url: &str,
        key_id: &str,
        release: u64,
        built: String,
        manifest_sha256: &str,
    ) -> anyhow::Result<()> {
        if let Some(known) = self.accepted(base_url, key_id)
            && (known.release > release
                || known.release == release && known.manifest_sha256.is_some())
        {
            return Ok(());
        }
        let accepted = Accepted {
            release,
            built,
            manifest_sha256: Some(manifest_sha256.to_owned()),
        };
        self.data
            .accepted
            .insert(site_key(base_url, key_id), accepted);
        self.save()
    }

    fn save(&self) -> anyhow::Result<()> {
        let mut text = serde_json::to_vec_pretty(&self.data)?;
        text.push(b'\n');
        AtomicWrite::default().write(&self.path, |file| file.write_all(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_the_highest_release_per_site_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/state.json");
        let mut state = VerifyState::lock_and_load(&path).unwrap();
        assert!(state.accepted("https://a/", "K1").is_none());
        state
            .record("https://a/", "K1", 5, "t".into(), "h5")
            .unwrap();
        state
            .record("https://a/", "K1", 3, "t".into(), "h3")
            .unwrap();
        state
            .record("https://b/", "K1", 9, "t".into(), "h9")
            .unwrap();
        drop(state);
        let state = VerifyState::lock_and_load(&path).unwrap();
        let release = |site, key| state.accepted(site, key).map(|a| a.release);
        assert_eq!(release("https://a/", "K1"), Some(5));
        assert_eq!(release("https://a/", "K2"), None);
        assert_eq!(release("https://b/", "K1"), Some(9));
        let manifest = state
            .accepted("https://a/", "K1")
            .unwrap()
            .manifest_sha256
            .as_deref();
        assert_eq!(manifest, Some("h5"));
    }

    #[test]
    fn an_old_state_file_is_read_and_its_release_gains_a_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(
            &path,
            r#"{"accepted": {"https://a/ K1": {"release": 5, "built": "t"}}}"#,
        )
        .unwrap();
        let mut state = VerifyState::lock_and_load(&path).unwrap();
        let accepted = state.accepted("https://a/", "K1").unwrap();
        assert_eq!(
            (accepted.release, accepted.manifest_sha256.as_deref()),
            (5, None)
        );
        state
            .record("https://a/", "K1", 5, "t".into(), "h5")
            .unwrap();
        drop(state);
        let state = VerifyState::lock_and_load(&path).unwrap();
        let manifest = state
            .accepted("https://a/", "K1")
            .unwrap()
            .manifest_sha256
            .as_deref();
        assert_eq!(manifest, Some("h5"));
    }

    #[test]
    fn a_second_verifier_waits_for_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let first = VerifyState::lock_and_load(&path).unwrap();
        let lock_file = File::open(dir.path().join("state.json.lock")).unwrap();
        assert!(lock_file.try_lock().is_err(), "the lock is held");
        drop(first);
        assert!(
            lock_file.try_lock().is_ok(),
            "dropping the state releases it"
        );
    }

    #[test]
    fn damaged_state_is_an_error_not_a_reset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "{ not json").unwrap();
        let error = VerifyState::lock_and_load(&path).unwrap_err();
        assert!(format!("{error:#}").contains("not a Candor verifier state file"));
    }
}
