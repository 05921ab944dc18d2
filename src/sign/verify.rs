//! `candor verify`: is this folder exactly a release the key holder signed, and not an old one?
//!
//! The stock tools check the signature (`minisign`) and the listed files (`sha256sum`); this
//! module checks the same and what they cannot: files added after signing, symbolic links,
//! releases older than the caller's minimum or than the last one this verifier accepted
//! (rollback), expired releases and a wrong site. `SHA256SUMS` is read once into memory; the
//! signature is checked over those bytes and the file list comes from the same bytes, so the
//! manifest cannot change between being checked and being used. Every problem is reported,
//! one per line naming the file, and the exit status is 0 only when there are none.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{Cursor, Read as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use minisign::{PublicKey, SignatureBox};
use rayon::prelude::*;
use sha2::{Digest as _, Sha256};

use super::keys::{key_id, key_id_of, load_public_key};
use super::manifest::{self, Manifest, display_path};
use super::release::{ReleaseInfo, format_timestamp};
use super::state::{self, VerifyState};
use super::{MANIFEST_FILE, SIGNATURE_FILE};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit;

/// A manifest for a million files is well under this; larger is not a manifest.
const MANIFEST_LIMIT: u64 = 256 * 1024 * 1024;
/// A minisign signature file is a few hundred bytes.
const SIGNATURE_LIMIT: u64 = 64 * 1024;

/// What `candor verify` was asked to check.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The folder holding the site.
    pub dir: PathBuf,
    /// The publisher's public key, obtained through a second channel.
    pub pubkey: PathBuf,
    /// Refuse releases numbered below this.
    pub min_release: u64,
    /// Refuse a release signed for another site.
    pub base_url: Option<String>,
    /// Where accepted releases are remembered; `None` means `verify-state.json` in
    /// [`VerifyOptions::user_state`].
    pub state: Option<PathBuf>,
    /// Candor's folder in the user's state folder (`$XDG_STATE_HOME/candor`, else
    /// `~/.local/state/candor`), as the command line found it; `None` without a home folder.
    pub user_state: Option<PathBuf>,
    /// The time to judge `valid_until` by, Unix seconds.
    pub now: u64,
}

impl VerifyOptions {
    /// Options for checking `dir` against `pubkey` now, with no other requirements.
    pub fn new(dir: PathBuf, pubkey: PathBuf) -> VerifyOptions {
        VerifyOptions {
            dir,
            pubkey,
            min_release: 0,
            base_url: None,
            state: None,
            user_state: None,
            now: super::unix_now(),
        }
    }
}

/// A folder that passed every check.
#[derive(Debug)]
pub struct Verified {
    pub files: usize,
    pub key_id: String,
    pub release: ReleaseInfo,
    warnings: Diagnostics,
}

impl fmt::Display for Verified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "verified {}: release {} of {} built {}, signed by key {}",
            crate::words::count(self.files, "file", "files"),
            self.release.release,
            self.release.base_url,
            format_timestamp(self.release.built),
            self.key_id
        )?;
        if let Some(valid_until) = self.release.valid_until {
            write!(f, ", valid until {valid_until}")?;
        }
        if self.release.dirty {
            write!(f, ", built from uncommitted changes")?;
        }
        Ok(())
    }
}

impl exit::Summary for Verified {
    fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}

/// The folder is not what was signed: every problem found, each naming its file.
#[derive(Debug)]
pub struct VerificationFailed(pub Diagnostics);

impl fmt::Display for VerificationFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        write!(
            f,
            "verification failed with {count} {noun}: do not trust this copy of the site"
        )
    }
}

impl std::error::Error for VerificationFailed {}

/// Checks `options.dir` against the signature and the rules in `options`.
pub fn verify_site(options: &VerifyOptions) -> anyhow::Result<Verified> {
    let key = load_public_key(&options.pubkey)?;
    let state_path = match &options.state {
        Some(path) => path.clone(),
        None => state::default_path(options.user_state.as_deref())?,
    };
    // Locked until this function returns, so no other verifier updates the state between the
    // checks below and the record of this release.
    let mut state = VerifyState::lock_and_load(&state_path)?;
    let dir = &options.dir;
    if !dir.is_dir() {
        anyhow::bail!("{} is not a folder", dir.display());
    }

    let mut problems = Diagnostics::new();
    let signed = check_signature(dir, &key, &mut problems)?;
    let Some((manifest_bytes, comment)) = signed else {
        return Err(failed(problems));
    };
    let shown_manifest = dir.join(MANIFEST_FILE);
    let (manifest, manifest_problems) = Manifest::parse(&manifest_bytes, &shown_manifest);
    let manifest_sha256 = manifest::hex(&Sha256::digest(&manifest_bytes));
    problems.extend(manifest_problems);

    let release = match ReleaseInfo::parse(&comment) {
        Ok(release) => Some(release),
        Err(message) => {
            problems.push(Diagnostic::error(
                "release",
                dir.join(SIGNATURE_FILE),
                message,
            ));
            None
        }
    };
    let key_id = key_id(&key);
    if let Some(release) = &release {
        let signed = SignedRelease {
            release,
            manifest: &manifest,
            manifest_sha256: &manifest_sha256,
            key_id: &key_id,
        };
        check_release(&signed, options, &state, &mut problems);
    }
    check_files(dir, &manifest, &mut problems)?;

    let release = match release {
        Some(release) if problems.is_empty() => release,
        _ => return Err(failed(problems)),
    };
    state.record(
        &release.base_url,
        &key_id,
        release.release,
        format_timestamp(release.built),
        &manifest_sha256,
    )?;
    Ok(Verified {
        files: manifest.len(),
        key_id,
        release,
        warnings: Diagnostics::new(),
    })
}

fn failed(problems: Diagnostics) -> anyhow::Error {
    // One problem per line: hints are for authors, not for someone checking a download.
    let mut problems: Diagnostics = problems
        .into_iter()
        .map(|problem| Diagnostic {
            hint: None,
            ..problem
        })
        .collect();
    problems.sort();
    VerificationFailed(problems).into()
}

/// Reads `SHA256SUMS` and its signature and checks one against the other. Returns the manifest
/// bytes and the trusted comment when the signature is good, `None` (with the problems) when
/// nothing in the folder can be trusted.
fn check_signature(
    dir: &Path,
    key: &PublicKey,
    problems: &mut Diagnostics,
) -> anyhow::Result<Option<(Vec<u8>, String)>> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let signature_path = dir.join(SIGNATURE_FILE);
    let manifest = read_signed_file(&manifest_path, MANIFEST_LIMIT, problems)?;
    let signature = read_signed_file(&signature_path, SIGNATURE_LIMIT, problems)?;
    let (Some(manifest), Some(signature)) = (manifest, signature) else {
        return Ok(None);
    };
    let bad_signature = |message: String| Diagnostic::error("signature", &signature_path, message);
    let signature_box = match std::str::from_utf8(&signature)
        .map_err(|_| "not text".to_owned())
        .and_then(parse_signature)
    {
        Ok(signature_box) => signature_box,
        Err(reason) => {
            problems.push(bad_signature(format!(
                "is not a minisign signature ({reason})"
            )));
            return Ok(None);
        }
    };
    if signature_box.keynum() != key.keynum() {
        problems.push(bad_signature(format!(
            "was made with key {}, not with the given public key {}",
            key_id_of(signature_box.keynum()),
            key_id(key)
        )));
        return Ok(None);
    }
    if minisign::verify(
        key,
        &signature_box,
        Cursor::new(&manifest),
        true,
        false,
        false,
    )
    .is_err()
    {
        problems.push(bad_signature(format!(
            "does not match {MANIFEST_FILE}: the file list was changed after signing, or the signature belongs to another build"
        )));
        return Ok(None);
    }
    match signature_box.trusted_comment() {
        Ok(comment) => Ok(Some((manifest, comment))),
        Err(error) => {
            problems.push(bad_signature(format!(
                "has an unreadable trusted comment: {error}"
            )));
            Ok(None)
        }
    }
}

/// Reads the text of a minisign signature file, or says why it is not one. The signature of
/// the trusted comment (the fourth line) must be a whole Ed25519 signature: minisign 0.10 reads
/// 64 bytes from it without checking, and panics verifying a shorter one.
pub(crate) fn parse_signature(text: &str) -> Result<SignatureBox, String> {
    let signature_box = SignatureBox::from_string(text).map_err(|error| error.to_string())?;
    // `from_string` has decoded the line as base64, so its length without padding gives the
    // number of bytes: 64 bytes are 86 characters.
    let line = text.lines().nth(3).unwrap_or_default();
    if line.trim().trim_end_matches('=').len() * 6 / 8 != 64 {
        return Err("the signature of the trusted comment is not 64 bytes long".to_owned());
    }
    Ok(signature_box)
}

/// Reads one of the two signature files, refusing links and oversized files.
fn read_signed_file(
    path: &Path,
    limit: u64,
    problems: &mut Diagnostics,
) -> anyhow::Result<Option<Vec<u8>>> {
    let problem = |message: &str| Diagnostic::error("signature", path, message);
    match std::fs::symlink_metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            problems.push(problem(
                "is missing: this folder is not a signed Candor site, or the file was deleted",
            ));
            return Ok(None);
        }
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", path.display())),
        Ok(metadata) if !metadata.file_type().is_file() => {
            problems.push(problem("is not a regular file (a symbolic link or folder)"));
            return Ok(None);
        }
        Ok(_) => {}
    }
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > limit {
        problems.push(problem("is far too large to be what Candor writes"));
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// What a good signature vouches for.
struct SignedRelease<'a> {
    release: &'a ReleaseInfo,
    manifest: &'a Manifest,
    /// The SHA-256 of `SHA256SUMS`, in hex.
    manifest_sha256: &'a str,
    key_id: &'a str,
}

/// The checks on the signed release description.
fn check_release(
    signed: &SignedRelease<'_>,
    options: &VerifyOptions,
    state: &VerifyState,
    problems: &mut Diagnostics,
) {
    let SignedRelease {
        release,
        manifest,
        manifest_sha256,
        key_id,
    } = *signed;
    let signature = options.dir.join(SIGNATURE_FILE);
    let mut problem = |message: String| {
        problems.push(Diagnostic::error("release", &signature, message));
    };
    if release.files != manifest.len() {
        problem(format!(
            "the signature says the release has {}, but {MANIFEST_FILE} lists {}",
            crate::words::count(release.files, "file", "files"),
            manifest.len()
        ));
    }
    if release.release < options.min_release {
        problem(format!(
            "release {} is older than the minimum release {} you asked for",
            release.release, options.min_release
        ));
    }
    if let Some(accepted) = state.accepted(&release.base_url, key_id) {
        if release.release < accepted.release {
            problem(format!(
                "release {} is older than release {}, which was already accepted for {}: an old release is being replayed (rollback)",
                release.release, accepted.release, release.base_url
            ));
        } else if release.release == accepted.release
            && accepted
                .manifest_sha256
                .as_deref()
                .is_some_and(|known| known != manifest_sha256)
        {
            problem(format!(
                "release {} was already accepted for {} with a different {MANIFEST_FILE}: the same release number was signed for different files",
                release.release, release.base_url
            ));
        }
    }
    if let Some(valid_until) = release.valid_until
        && release.is_expired(options.now)
    {
        problem(format!(
            "release {} was valid until {valid_until} and has expired: this copy may be a frozen old release",
            release.release
        ));
    }
    if let Some(expected) = &options.base_url {
        let expected = normalise_url(expected);
        if normalise_url(&release.base_url) != expected {
            problem(format!(
                "was made for {}, not for {expected}",
                release.base_url
            ));
        }
    }
}

fn normalise_url(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

/// Compares the folder with the signed list: missing, changed and unlisted files, links.
fn check_files(dir: &Path, manifest: &Manifest, problems: &mut Diagnostics) -> anyhow::Result<()> {
    let scan = manifest::scan(dir)?;
    problems.extend(scan.unverifiable.into_iter().map(|problem| Diagnostic {
        message: format!("{} (not part of a signed site)", problem.message),
        ..problem
    }));
    let mut on_disk: BTreeMap<&str, bool> =
        scan.files.iter().map(|f| (f.as_str(), false)).collect();
    let mut to_hash = Vec::new();
    for entry in &manifest.entries {
        match on_disk.get_mut(entry.path.as_str()) {
            Some(listed) => {
                *listed = true;
                to_hash.push(entry);
            }
            None => problems.push(Diagnostic::error(
                "missing",
                display_path(dir, Path::new(&entry.path)),
                format!(
                    "is listed in {MANIFEST_FILE} but missing (deleted, or replaced by a link)"
                ),
            )),
        }
    }
    for (path, listed) in on_disk {
        if !listed {
            problems.push(Diagnostic::error(
                "unlisted",
                display_path(dir, Path::new(path)),
                format!("is not listed in {MANIFEST_FILE}: it was added after signing"),
            ));
        }
    }
    let changed: Vec<anyhow::Result<Option<Diagnostic>>> = to_hash
        .into_par_iter()
        .map(|entry| {
            let sha256 = manifest::hash_file(&dir.join(&entry.path), None)?;
            Ok((sha256 != entry.sha256).then(|| {
                Diagnostic::error(
                    "changed",
                    display_path(dir, Path::new(&entry.path)),
                    format!("was changed after signing: its SHA-256 differs from {MANIFEST_FILE}"),
                )
            }))
        })
        .collect();
    for result in changed {
        problems.extend(result?);
    }
    Ok(())
}
