//! Signing keys: creating them, finding the one a build should use, and reading them safely.
//!
//! Keys are stored in minisign's text ("box") format so the stock `minisign` tool reads them.
//! A secret key must never end up somewhere it could be published or committed, so writing one
//! refuses any folder a build publishes (a site's output or sources) and any path git would
//! track, and a missing key on a fresh machine becomes a development key in the git-ignored
//! `.candor/keys/` instead of an error, announced by a warning that says how to make a release
//! key.

use std::ffi::OsString;
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use minisign::{ErrorKind, KeyPair, PublicKey, PublicKeyBox, SecretKey, SecretKeyBox};

use super::git;
use super::{PUBLIC_KEY_FILE, SigningInputs};
use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit::Summary;
use crate::local_state;
use crate::site_layout::published_area;

/// Where a site's development key lives, relative to the site root. `.candor/` is git-ignored.
pub const DEV_KEY_DIR: &str = ".candor/keys";
const DEV_SECRET_KEY: &str = "dev.key";
const DEV_PUBLIC_KEY: &str = "dev.pub";
/// File names `candor keygen` writes.
const RELEASE_SECRET_KEY: &str = "candor.key";
const RELEASE_PUBLIC_KEY: &str = "candor.pub";
/// The untrusted comment of secret keys Candor writes.
const SECRET_KEY_COMMENT: &str = "candor secret key";
/// Key files are a few hundred bytes; anything much larger is not a key.
const KEY_FILE_LIMIT: u64 = 16 * 1024;
/// The first 6 bytes of a secret key blob (`Ed`, then the KDF: `Sc` or none, then `B2`)
/// base64-encode to exactly these 8 characters, which tells the kinds apart without a password.
const ENCRYPTED_KEY_PREFIX: &str = "RWRTY0Iy";
const UNENCRYPTED_KEY_PREFIX: &str = "RWQAAEIy";
const RELEASE_KEY_HINT: &str = "for a release, create a key once with `candor keygen`, keep the secret key offline or in CI secrets, and name it in site.yaml (signing.secret_key) or in CANDOR_SECRET_KEY";

/// The key pair a build signs with.
pub(crate) struct SigningKey {
    pub secret: SecretKey,
    pub public: PublicKey,
    /// The site's own development key, which proves nothing to readers.
    pub is_development: bool,
}

/// Reads the secret key named by `CANDOR_SECRET_KEY` or `site.yaml`, or else the site's
/// development key, creating it on first use. Returns the key and at most one warning.
pub(crate) fn resolve(
    root: &Path,
    config: &SiteConfig,
    inputs: &SigningInputs,
) -> anyhow::Result<(SigningKey, Diagnostics)> {
    let mut warnings = Diagnostics::new();
    let configured = inputs.secret_key.clone().or_else(|| {
        config
            .signing
            .secret_key
            .as_ref()
            .map(|path| root.join(path))
    });
    if let Some(secret_path) = configured {
        refuse_tracked_secret(&secret_path)?;
        let secret = load_secret_key(&secret_path, inputs.password.as_deref())?;
        let public = public_of(&secret, &secret_path)?;
        if let Some(public_path) = &config.signing.public_key {
            let configured_public = load_public_key(&root.join(public_path))?;
            ensure_pair(
                &configured_public,
                &public,
                &root.join(public_path),
                &secret_path,
            )?;
        }
        let key = SigningKey {
            secret,
            public,
            is_development: false,
        };
        return Ok((key, warnings));
    }

    let dir = root.join(DEV_KEY_DIR);
    let secret_path = dir.join(DEV_SECRET_KEY);
    let shown = Path::new(DEV_KEY_DIR).join(DEV_SECRET_KEY);
    let (secret, message) = if secret_path.exists() {
        let secret = load_secret_key(&secret_path, inputs.password.as_deref())?;
        (
            secret,
            "signed with this site's development key, not a release key".to_owned(),
        )
    } else {
        let pair = KeyPair::generate_unencrypted_keypair().context("cannot generate a key pair")?;
        local_state::ensure_ignored(&root.join(local_state::DIR))?;
        write_key_pair(&dir, DEV_SECRET_KEY, DEV_PUBLIC_KEY, &pair, false)?;
        (pair.sk, "created an unencrypted development key and signed with it; readers cannot tell it from anyone else's key".to_owned())
    };
    let mut message = message;
    if config.signing.public_key.is_some() {
        message.push_str(&format!(
            " (site.yaml names a public_key, but no secret_key is configured, so {PUBLIC_KEY_FILE} is the development key)"
        ));
    }
    warnings.push(Diagnostic::warning("dev-key", shown, message).with_hint(RELEASE_KEY_HINT));
    let public = public_of(&secret, &secret_path)?;
    let key = SigningKey {
        secret,
        public,
        is_development: true,
    };
    Ok((key, warnings))
}

fn public_of(secret: &SecretKey, path: &Path) -> anyhow::Result<PublicKey> {
    PublicKey::from_secret_key(secret).map_err(|error| {
        anyhow::anyhow!("{}: cannot derive the public key: {error}", path.display())
    })
}

fn ensure_pair(
    configured: &PublicKey,
    derived: &PublicKey,
    public_path: &Path,
    secret_path: &Path,
) -> anyhow::Result<()> {
    if configured.keynum() != derived.keynum() || configured != derived {
        bail!(
            "{}: this public key ({}) does not belong to the secret key {} ({})\n  hint: set signing.public_key in {CONFIG_FILE} to the .pub file created with that secret key",
            public_path.display(),
            key_id(configured),
            secret_path.display(),
            key_id(derived)
        );
    }
    Ok(())
}

/// The key id minisign prints: the 8-byte key number as 16 uppercase hex digits.
pub(crate) fn key_id(key: &PublicKey) -> String {
    key_id_of(key.keynum())
}

/// The same for a raw key number, as found in a signature.
pub(crate) fn key_id_of(keynum: &[u8]) -> String {
    let mut bytes = [0u8; 8];
    for (out, byte) in bytes.iter_mut().zip(keynum) {
        *out = *byte;
    }
    format!("{:016X}", u64::from_le_bytes(bytes))
}

/// Checks, without decrypting anything or creating a development key, that the keys a build
/// would sign with are readable minisign keys: what `candor check` can know before a release.
pub fn check_configured_keys(
    root: &Path,
    config: &SiteConfig,
    secret_override: Option<&Path>,
) -> Diagnostics {
    let mut problems = Diagnostics::new();
    let secret = secret_override.map(Path::to_path_buf).or_else(|| {
        config
            .signing
            .secret_key
            .as_ref()
            .map(|path| root.join(path))
    });
    if let Some(path) = secret {
        let readable = read_key_file(&path, "secret key").and_then(|text| {
            if looks_like_secret_key(text.as_bytes()) {
                Ok(())
            } else {
                bail!("{} is not a minisign secret key", path.display())
            }
        });
        if let Err(error) = readable {
            problems.push(key_problem(error));
        }
    }
    if let Some(public) = &config.signing.public_key
        && let Err(error) = load_public_key(&root.join(public))
    {
        problems.push(key_problem(error));
    }
    problems
}

fn key_problem(error: anyhow::Error) -> Diagnostic {
    let text = format!("{error:#}");
    let (message, hint) = text
        .split_once("\n  hint: ")
        .unwrap_or((&text, RELEASE_KEY_HINT));
    Diagnostic::error("signing-key", CONFIG_FILE, message).with_hint(hint)
}

/// Whether `start`, the first bytes of a file, look like a minisign secret key.
pub(crate) fn looks_like_secret_key(start: &[u8]) -> bool {
    let Some(rest) = start.strip_prefix(b"untrusted comment:") else {
        return false;
    };
    let Some(newline) = rest.iter().position(|&b| b == b'\n') else {
        return false;
    };
    let key_line = &rest[newline + 1..];
    key_line.starts_with(ENCRYPTED_KEY_PREFIX.as_bytes())
        || key_line.starts_with(UNENCRYPTED_KEY_PREFIX.as_bytes())
}

/// Reads a small key file as text, naming it in every error.
fn read_key_file(path: &Path, what: &str) -> anyhow::Result<String> {
    let file = fs::File::open(path).with_context(|| {
        format!(
            "cannot open the {what} {}\n  hint: check the path; create keys with `candor keygen`",
            path.display()
        )
    })?;
    let mut bytes = Vec::new();
    file.take(KEY_FILE_LIMIT + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the {what} {}", path.display()))?;
    if bytes.len() as u64 > KEY_FILE_LIMIT {
        bail!(
            "{} is not a minisign {what}: it is far too large",
            path.display()
        );
    }
    String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "{} is not a minisign {what}: it is not text",
            path.display()
        )
    })
}

/// Reads a secret key, decrypting it when it is password-protected.
pub(crate) fn load_secret_key(path: &Path, password: Option<&str>) -> anyhow::Result<SecretKey> {
    let text = read_key_file(path, "secret key")?;
    let key_line = text.lines().nth(1).unwrap_or("").trim();
    let not_a_key = || {
        let hint = if key_line.len() == 56 {
            "this looks like a public key; name the secret key (the .key file) instead"
        } else {
            "a minisign secret key has an `untrusted comment:` line and a base64 key line; create one with `candor keygen`"
        };
        anyhow::anyhow!(
            "{} is not a minisign secret key\n  hint: {hint}",
            path.display()
        )
    };
    if !text.starts_with("untrusted comment:") {
        return Err(not_a_key());
    }
    let key_box = SecretKeyBox::from(text.clone());
    if key_line.starts_with(UNENCRYPTED_KEY_PREFIX) {
        return SecretKey::from_unencrypted_box(key_box).map_err(|error| {
            anyhow::anyhow!(
                "{} is a damaged minisign secret key: {error}",
                path.display()
            )
        });
    }
    if !key_line.starts_with(ENCRYPTED_KEY_PREFIX) {
        return Err(not_a_key());
    }
    let password = match password {
        Some(password) => password.to_owned(),
        None => prompt_password(&format!("Password for {}: ", path.display()))?,
    };
    SecretKey::from_box(key_box, Some(password)).map_err(|error| match error.kind() {
        ErrorKind::Verify => anyhow::anyhow!(
            "wrong password for the secret key {}\n  hint: check CANDOR_KEY_PASSWORD, or type the password the key was created with",
            path.display()
        ),
        _ => anyhow::anyhow!("{} is a damaged minisign secret key: {error}", path.display()),
    })
}

/// Asks for a password on the terminal, never when nobody is there to answer.
fn prompt_password(prompt: &str) -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "the secret key is password-protected and no password was given\n  hint: set CANDOR_KEY_PASSWORD (in CI, from a secret), or run the command in a terminal"
        );
    }
    rpassword::prompt_password(prompt).context("cannot read the password from the terminal")
}

/// Reads a public key: minisign's two-line `.pub` file, or its bare base64 line.
pub(crate) fn load_public_key(path: &Path) -> anyhow::Result<PublicKey> {
    let text = read_key_file(path, "public key")?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let parsed = match lines.as_slice() {
        [only] => PublicKey::from_base64(only.trim()),
        [comment, key, ..] if comment.starts_with("untrusted comment:") => {
            PublicKey::from_box(PublicKeyBox::from(format!("{comment}\n{}\n", key.trim())))
        }
        _ => {
            bail!(
                "{} is not a minisign public key\n  hint: a public key file has an `untrusted comment:` line and a 56-character base64 line",
                path.display()
            )
        }
    };
    parsed.map_err(|error| {
        anyhow::anyhow!(
            "{} is not a minisign public key: {error}\n  hint: a public key file has an `untrusted comment:` line and a 56-character base64 line",
            path.display()
        )
    })
}

/// Writes a key pair in minisign's box format: the secret key readable only by its owner.
fn write_key_pair(
    dir: &Path,
    secret_name: &str,
    public_name: &str,
    pair: &KeyPair,
    force: bool,
) -> anyhow::Result<(PathBuf, PathBuf)> {
    crate::local_state::create_private_dir(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let secret_path = dir.join(secret_name);
    let public_path = dir.join(public_name);
    if !force {
        for path in [&secret_path, &public_path] {
            if path.exists() {
                bail!(
                    "{} already exists; refusing to overwrite a key\n  hint: choose another --output folder, or pass --force if you really mean to replace it (signatures made with the old key will no longer verify with the new one)",
                    path.display()
                );
            }
        }
    }
    let secret_box = pair
        .sk
        .to_box(Some(SECRET_KEY_COMMENT))
        .context("cannot encode the secret key")?;
    let public_box = pair.pk.to_box().context("cannot encode the public key")?;
    write_file(&secret_path, secret_box.to_string().as_bytes(), 0o600)?;
    write_file(&public_path, public_box.to_string().as_bytes(), 0o644)?;
    Ok((secret_path, public_path))
}

fn write_file(path: &Path, bytes: &[u8], mode: u32) -> anyhow::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    // The mode above applies only to a file this call creates; one replaced with --force keeps
    // its old mode unless it is set again, before the key is written into it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot make {} private", path.display()))?;
    }
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// What `candor keygen` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct KeygenOptions {
    /// Where to write the pair; `None` means `keys/` in [`KeygenOptions::user_config`].
    pub output: Option<PathBuf>,
    /// Candor's folder in the user's configuration folder (`$XDG_CONFIG_HOME/candor`, else
    /// `~/.config/candor`), as the command line found it; `None` without a home folder.
    pub user_config: Option<PathBuf>,
    /// `CANDOR_KEY_PASSWORD`, as the command line received it: the new key's password, asked
    /// for twice in a terminal when unset (or not UTF-8).
    pub password: Option<OsString>,
    /// Write the secret key without a password (throwaway and test keys only).
    pub unencrypted: bool,
    /// Replace an existing key pair.
    pub force: bool,
}

/// What `candor keygen` wrote.
#[derive(Debug)]
pub struct KeygenReport {
    pub secret_key: PathBuf,
    pub public_key: PathBuf,
    pub key_id: String,
    pub encrypted: bool,
    pub warnings: Diagnostics,
}

impl fmt::Display for KeygenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let protection = if self.encrypted {
            "password-protected"
        } else {
            "UNENCRYPTED"
        };
        writeln!(f, "created key pair {}", self.key_id)?;
        writeln!(
            f,
            "  secret key ({protection}): {}",
            self.secret_key.display()
        )?;
        writeln!(f, "  public key: {}", self.public_key.display())?;
        writeln!(f, "next:")?;
        writeln!(
            f,
            "  - keep the secret key offline or in your CI's secrets; never commit or publish it"
        )?;
        writeln!(
            f,
            "  - copy the public key into the site's folder and name both in {CONFIG_FILE}:"
        )?;
        writeln!(
            f,
            "      signing: {{ secret_key: {}, public_key: {RELEASE_PUBLIC_KEY} }}",
            self.secret_key.display()
        )?;
        writeln!(
            f,
            "    or point CANDOR_SECRET_KEY at the secret key (CANDOR_KEY_PASSWORD for its password)"
        )?;
        write!(
            f,
            "  - publish the public key through a second channel (annual report, social profile) so readers can check it"
        )
    }
}

impl Summary for KeygenReport {
    fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}

/// Creates a key pair for signing releases. The password comes from `CANDOR_KEY_PASSWORD` or,
/// in a terminal, from a prompt asked twice.
pub fn keygen(options: &KeygenOptions) -> anyhow::Result<KeygenReport> {
    let dir = match &options.output {
        Some(dir) => dir.clone(),
        None => default_key_dir(options.user_config.as_deref())?,
    };
    // Absolute, so the printed paths work from any folder (site.yaml, CANDOR_SECRET_KEY).
    let dir =
        std::path::absolute(&dir).with_context(|| format!("cannot resolve {}", dir.display()))?;
    let secret_path = dir.join(RELEASE_SECRET_KEY);
    refuse_public_location(&dir)?;
    refuse_tracked_secret(&secret_path)?;
    let password = if options.unencrypted {
        None
    } else {
        Some(new_password(options.password.as_ref())?)
    };
    generate_into(&dir, password, options.force)
}

/// Generates and writes a pair; `password` `None` means unencrypted.
fn generate_into(
    dir: &Path,
    password: Option<String>,
    force: bool,
) -> anyhow::Result<KeygenReport> {
    let encrypted = password.is_some();
    let pair = match password {
        Some(password) => KeyPair::generate_encrypted_keypair(Some(password)),
        None => KeyPair::generate_unencrypted_keypair(),
    }
    .context("cannot generate a key pair")?;
    let (secret_key, public_key) =
        write_key_pair(dir, RELEASE_SECRET_KEY, RELEASE_PUBLIC_KEY, &pair, force)?;
    let mut warnings = Diagnostics::new();
    if !encrypted {
        warnings.push(Diagnostic::warning(
            "unencrypted-key",
            &secret_key,
            "the secret key has no password: anyone who can read this file can sign as you; use it only for tests",
        ));
    }
    Ok(KeygenReport {
        secret_key,
        public_key,
        key_id: key_id(&pair.pk),
        encrypted,
        warnings,
    })
}

/// `given` (from `CANDOR_KEY_PASSWORD`) if it is text, else asked for twice.
fn new_password(given: Option<&OsString>) -> anyhow::Result<String> {
    let password = match given.and_then(|password| password.to_str()) {
        Some(password) => password.to_owned(),
        None => {
            let first = prompt_password("Password for the new secret key: ")?;
            let second = prompt_password("The same password again: ")?;
            if first != second {
                bail!("the two passwords differ; nothing was written");
            }
            first
        }
    };
    if password.is_empty() {
        bail!(
            "the password is empty\n  hint: choose a password, or pass --unencrypted for a throwaway key"
        );
    }
    Ok(password)
}

/// `keys/` in Candor's configuration folder (`$XDG_CONFIG_HOME/candor/keys`, else
/// `~/.config/candor/keys`): outside every site folder.
fn default_key_dir(user_config: Option<&Path>) -> anyhow::Result<PathBuf> {
    match user_config {
        Some(folder) => Ok(folder.join("keys")),
        None => bail!("cannot find your home folder to keep the key in\n  hint: pass --output DIR"),
    }
}

/// Refuses a folder whose files a build would publish: a site's output or sources, or a signed
/// build anywhere.
fn refuse_public_location(dir: &Path) -> anyhow::Result<()> {
    if let Some(area) = published_area(dir, None) {
        bail!(
            "refusing to write a secret key into {}: it is inside {area}\n  hint: pass --output with a folder outside the site, e.g. ~/.config/candor/keys",
            dir.display()
        );
    }
    Ok(())
}

/// Refuses a secret key path that git tracks, or would track with the next `git add`.
pub(crate) fn refuse_tracked_secret(path: &Path) -> anyhow::Result<()> {
    let absolute =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    let Some(existing) = absolute.ancestors().skip(1).find(|dir| dir.is_dir()) else {
        return Ok(());
    };
    if !git::is_work_tree(existing) {
        return Ok(());
    }
    let text = absolute.to_string_lossy();
    if git::succeeds(existing, &["ls-files", "--error-unmatch", "--", &text]) {
        bail!(
            "the secret key {} is tracked by git: it is in the repository's history\n  hint: remove it (`git rm --cached`), treat the key as leaked, and create a new one with `candor keygen --output` outside the repository",
            path.display()
        );
    }
    if !git::succeeds(existing, &["check-ignore", "-q", "--no-index", "--", &text]) {
        bail!(
            "refusing to use {} for a secret key: it is inside a git repository and not ignored, so it could be committed\n  hint: add it to .gitignore, or keep the key outside the repository (e.g. ~/.config/candor/keys)",
            path.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_prefixes_tell_encrypted_from_unencrypted() {
        let plain = KeyPair::generate_unencrypted_keypair().unwrap();
        let text = plain.sk.to_box(None).unwrap().to_string();
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .starts_with(UNENCRYPTED_KEY_PREFIX)
        );
        assert!(looks_like_secret_key(text.as_bytes()));
        let public = plain.pk.to_box().unwrap().to_string();
        assert!(!looks_like_secret_key(public.as_bytes()));
    }

    #[test]
    fn encrypted_key_round_trips_and_wrong_password_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let report = generate_into(dir.path(), Some("correct horse".into()), false).unwrap();
        let text = fs::read_to_string(&report.secret_key).unwrap();
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .starts_with(ENCRYPTED_KEY_PREFIX)
        );
        let secret = load_secret_key(&report.secret_key, Some("correct horse")).unwrap();
        let public = load_public_key(&report.public_key).unwrap();
        assert_eq!(public_of(&secret, &report.secret_key).unwrap(), public);
        let error = load_secret_key(&report.secret_key, Some("wrong")).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("wrong password for the secret key"),
            "{error}"
        );
    }

    #[test]
    fn keygen_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let first = generate_into(dir.path(), None, false).unwrap();
        let error = generate_into(dir.path(), None, false).unwrap_err();
        assert!(
            error.to_string().contains("refusing to overwrite"),
            "{error}"
        );
        let second = generate_into(dir.path(), None, true).unwrap();
        assert_ne!(first.key_id, second.key_id);
    }

    #[cfg(unix)]
    #[test]
    fn secret_key_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let report = generate_into(dir.path(), None, false).unwrap();
        let mode = fs::metadata(&report.secret_key)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn garbage_key_files_give_errors_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [&[u8]; 7] = [
            b"",
            b"hello\n",
            b"untrusted comment: x\n",
            b"untrusted comment: x\nRWQAAEIy\n",
            b"untrusted comment: x\nRWRTY0Iy!!!!\n",
            b"untrusted comment: x\nRWQ==\n",
            &[0xff, 0xfe, 0x00],
        ];
        for (index, bytes) in cases.iter().enumerate() {
            let path = dir.path().join(format!("k{index}"));
            fs::write(&path, bytes).unwrap();
            let secret = load_secret_key(&path, Some("pw")).unwrap_err().to_string();
            assert!(secret.contains(&path.display().to_string()), "{secret}");
            let public = load_public_key(&path).unwrap_err().to_string();
            assert!(public.contains("not a minisign public key"), "{public}");
        }
    }

    #[test]
    fn public_key_in_place_of_secret_key_gets_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let report = generate_into(dir.path(), None, false).unwrap();
        let error = load_secret_key(&report.public_key, None).unwrap_err();
        assert!(
            error.to_string().contains("looks like a public key"),
            "{error}"
        );
    }
}
