//! Signing a build, and checking a signed one: the last stage of the pipeline and `candor
//! verify`.
//!
//! A signed site holds, at its root, `minisign.pub` (the public key), `SHA256SUMS` (every other
//! published file with its SHA-256, as `sha256sum` writes it) and `SHA256SUMS.minisig` (a
//! minisign signature of that list whose trusted comment describes the release; see
//! [`release`]). A reader needs only the stock tools: `minisign -Vm SHA256SUMS -p KEY` and
//! `sha256sum --check --strict SHA256SUMS`. This stage signs the staging folder the build wrote
//! through a [`HashingSink`]; it never writes outside it, and it refuses to sign what could not
//! be verified unambiguously.

pub(crate) mod git;
pub(crate) mod keys;
pub(crate) mod manifest;
pub(crate) mod release;
mod sink;
mod state;
pub(crate) mod verify;

use std::ffi::OsString;
use std::fmt;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, bail};

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostic::Diagnostics;
use crate::output::Sink as _;
pub use keys::{DEV_KEY_DIR, KeygenOptions, KeygenReport, check_configured_keys, keygen};
use release::ReleaseInfo;
pub use sink::HashingSink;
pub use verify::{VerificationFailed, Verified, VerifyOptions, verify_site};

/// The file list, at the root of a signed site.
pub const MANIFEST_FILE: &str = "SHA256SUMS";
/// The minisign signature of [`MANIFEST_FILE`].
pub const SIGNATURE_FILE: &str = "SHA256SUMS.minisig";
/// The public key, published so readers can compare it with the one they got elsewhere.
pub const PUBLIC_KEY_FILE: &str = "minisign.pub";
/// What signing adds at the root of a site: no site file may take these names.
pub const SIGNATURE_FILES: [&str; 3] = [PUBLIC_KEY_FILE, MANIFEST_FILE, SIGNATURE_FILE];
/// The signature's untrusted comment: not covered by the signature, so only a pointer.
const UNTRUSTED_COMMENT: &str = "candor release signature: minisign -Vm SHA256SUMS -p minisign.pub";
/// How far ahead of this machine's clock `SOURCE_DATE_EPOCH` may be: another machine's clock
/// may run a little fast, but a later time would mint a release number (outside git) that
/// locks verifiers out of every real release until then.
const CLOCK_SKEW_ALLOWED: u64 = 86_400;

/// What signing takes from outside the site, as the command line received it: the `candor`
/// binary reads `CANDOR_SECRET_KEY`, `CANDOR_KEY_PASSWORD` and `SOURCE_DATE_EPOCH`; the library
/// reads no environment variable. An empty value counts as unset.
#[derive(Clone, Default)]
pub struct SigningEnvironment {
    /// `CANDOR_SECRET_KEY`: a secret key path that overrides `site.yaml`.
    pub secret_key: Option<PathBuf>,
    /// `CANDOR_KEY_PASSWORD`: the password of an encrypted secret key.
    pub password: Option<OsString>,
    /// `SOURCE_DATE_EPOCH`: the build time, Unix seconds, for reproducible builds.
    pub source_date_epoch: Option<OsString>,
}

impl fmt::Debug for SigningEnvironment {
    /// Never prints the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningEnvironment")
            .field("secret_key", &self.secret_key)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("source_date_epoch", &self.source_date_epoch)
            .finish()
    }
}

/// What signing takes from outside the site, checked, so it can be given explicitly (tests, or
/// a build that already read it).
#[derive(Clone, Default)]
pub struct SigningInputs {
    /// `CANDOR_SECRET_KEY`: a secret key path that overrides `site.yaml`.
    pub secret_key: Option<PathBuf>,
    /// `CANDOR_KEY_PASSWORD`: the password of an encrypted secret key.
    pub password: Option<String>,
    /// The build time, Unix seconds: `SOURCE_DATE_EPOCH` when set, else now.
    pub built: u64,
    /// Now, Unix seconds: signing refuses a release that would already have expired then.
    /// The default, 0, is before any release expires.
    pub now: u64,
    /// `--allow-dirty`: sign with a release key although the site's files have uncommitted
    /// changes (the signature then says `dirty=1`).
    pub allow_dirty: bool,
}

impl SigningInputs {
    /// Checks what the command line passed from `CANDOR_SECRET_KEY`, `CANDOR_KEY_PASSWORD` and
    /// `SOURCE_DATE_EPOCH`.
    pub fn new(
        environment: &SigningEnvironment,
        allow_dirty: bool,
    ) -> anyhow::Result<SigningInputs> {
        let non_empty = |value: &Option<OsString>| value.clone().filter(|v| !v.is_empty());
        let now = unix_now();
        let built = match non_empty(&environment.source_date_epoch) {
            Some(text) => source_date_epoch(&text.to_string_lossy(), now)?,
            None => now,
        };
        let password = match non_empty(&environment.password) {
            Some(value) => Some(
                value
                    .into_string()
                    .map_err(|_| anyhow::anyhow!("CANDOR_KEY_PASSWORD is not valid UTF-8"))?,
            ),
            None => None,
        };
        Ok(SigningInputs {
            secret_key: environment
                .secret_key
                .clone()
                .filter(|path| !path.as_os_str().is_empty()),
            password,
            built,
            now,
            allow_dirty,
        })
    }
}

/// Reads `SOURCE_DATE_EPOCH`: whole seconds since 1970, not later than [`CLOCK_SKEW_ALLOWED`]
/// after `now`. That refuses milliseconds, negative and overflowing numbers alike.
fn source_date_epoch(text: &str, now: u64) -> anyhow::Result<u64> {
    match text.trim().parse::<u64>() {
        Ok(seconds) if seconds <= now.saturating_add(CLOCK_SKEW_ALLOWED) => Ok(seconds),
        _ => bail!(
            "SOURCE_DATE_EPOCH={} is not a Unix time in seconds between 1970 and now\n  hint: set it to the last commit's time (`git log -1 --format=%ct`), or unset it to use the current time",
            crate::escape::terminal(text, 40)
        ),
    }
}

/// What signing did.
#[derive(Debug, Clone)]
pub struct SignSummary {
    /// How many files `SHA256SUMS` lists (everything published but the two signature files).
    pub files: usize,
    /// The release number in the signature.
    pub release: u64,
    /// The signing key's id, as `minisign` prints it.
    pub key_id: String,
    /// The signed description of the release.
    pub trusted_comment: String,
    /// E.g. that a development key was created or used.
    pub warnings: Diagnostics,
}

/// Publishes the public key as `minisign.pub` through `sink`, refuses names that cannot be
/// verified unambiguously, and writes `SHA256SUMS` (from the digests the sink kept as it wrote)
/// and `SHA256SUMS.minisig` into the sink's folder. Keys and the build time come from
/// `environment` (see [`SigningInputs::new`]) and `site.yaml`; `allow_dirty` is
/// [`SigningInputs::allow_dirty`].
pub fn sign_release(
    sink: HashingSink,
    root: &Path,
    config: &SiteConfig,
    environment: &SigningEnvironment,
    allow_dirty: bool,
) -> anyhow::Result<SignSummary> {
    let inputs = SigningInputs::new(environment, allow_dirty)?;
    sign_release_with(sink, root, config, &inputs)
}

/// [`sign_release`] with the environment given explicitly.
pub fn sign_release_with(
    sink: HashingSink,
    root: &Path,
    config: &SiteConfig,
    inputs: &SigningInputs,
) -> anyhow::Result<SignSummary> {
    for reserved in SIGNATURE_FILES {
        if sink.wrote(reserved) {
            bail!(
                "the site would publish its own /{reserved}, a name Candor reserves for the signature\n  hint: remove or rename that file in static/ or content/"
            );
        }
    }
    let (key, warnings) = keys::resolve(root, config, inputs)?;
    let source = release::release_source(root, inputs.built)?;
    if !source.uncommitted.is_empty() && !key.is_development && !inputs.allow_dirty {
        return Err(release::uncommitted_error(&source));
    }
    publish_public_key(&sink, &key.public)?;

    let staging = sink.path().to_owned();
    let manifest = sink.into_manifest()?;
    let info = ReleaseInfo {
        base_url: config.base_url.clone(),
        release: source.number,
        built: inputs.built,
        files: manifest.len(),
        valid_until: config
            .signing
            .valid_for_days
            .map(|days| release::valid_until(inputs.built, days)),
        dirty: !source.uncommitted.is_empty(),
    };
    if let Some(valid_until) = info.valid_until
        && info.is_expired(inputs.now)
    {
        bail!(
            "this release would be valid until {valid_until} ({} days after it was built, {}), a day that has already passed: verifiers would refuse it at once\n  hint: unset SOURCE_DATE_EPOCH, set it to a recent time, or raise signing.valid_for_days in {CONFIG_FILE}",
            config.signing.valid_for_days.unwrap_or_default(),
            release::format_timestamp(info.built)
        );
    }
    let trusted_comment = info.to_trusted_comment()?;
    let text = manifest.render();
    let signature = minisign::sign(
        Some(&key.public),
        &key.secret,
        Cursor::new(text.as_bytes()),
        Some(&trusted_comment),
        Some(UNTRUSTED_COMMENT),
    )
    .context("cannot sign SHA256SUMS")?;
    write(&staging.join(MANIFEST_FILE), text.as_bytes())?;
    write(
        &staging.join(SIGNATURE_FILE),
        signature.into_string().as_bytes(),
    )?;
    Ok(SignSummary {
        files: info.files,
        release: info.release,
        key_id: keys::key_id(&key.public),
        trusted_comment,
        warnings,
    })
}

/// Publishes the public key as `minisign.pub`, so readers can compare it with the one they
/// got elsewhere.
fn publish_public_key(sink: &HashingSink, public: &minisign::PublicKey) -> anyhow::Result<()> {
    let text = public
        .to_box()
        .context("cannot encode the public key")?
        .to_string();
    sink.write(PUBLIC_KEY_FILE, text.as_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// Whether `dir` holds a build Candor signed: `SHA256SUMS` beside a signature whose trusted
/// comment describes a Candor release (both regular files, not links). Reads only the
/// signature, a few hundred bytes; the signature itself is not checked.
pub fn is_signed_build(dir: &Path) -> bool {
    use std::io::Read as _;
    let is_file = |name: &str| std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.is_file());
    if !is_file(MANIFEST_FILE) || !is_file(SIGNATURE_FILE) {
        return false;
    }
    let mut text = String::new();
    let read = std::fs::File::open(dir.join(SIGNATURE_FILE))
        .and_then(|file| file.take(16 * 1024).read_to_string(&mut text));
    read.is_ok() && text.lines().any(release::is_trusted_comment_line)
}

/// Now, in Unix seconds.
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

#[cfg(test)]
mod tests;
