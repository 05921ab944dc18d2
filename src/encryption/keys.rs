//! Survey secret keys: `candor-collect keygen-survey`, the password-protected key file, and
//! the keyring `ingest` and `receive` open envelopes with.
//!
//! A survey key lives in the user's configuration folder (`survey-keys/<survey>/<key id>.key`
//! under the user's configuration folder), never in a site: writing one refuses any folder a
//! build publishes and any path git would track, as for signing keys, and `build`/`check`
//! refuse a published copy by its bytes ([`crate::private_files`] knows [`KEY_LINE_MARKER`]).
//! The P-256 secret is sealed with AES-256-GCM under a key derived from the password with
//! scrypt, the KDF minisign's own secret keys use. Keys are never overwritten: rotating a
//! survey's key adds a file, and the collector opens envelopes made for any key it holds.

use std::collections::HashMap;
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead as _, KeyInit as _, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{Context as _, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hpke::{Deserializable as _, Serializable as _};
use serde::Serialize;

use super::{PublicKey, SecretKey, key_id, public_key_text, public_of};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit::Summary;
use crate::survey::Survey;

/// The environment variable that holds the password of survey keys (in CI, from a secret).
pub const PASSWORD_VARIABLE: &str = "CANDOR_SURVEY_KEY_PASSWORD";
/// The folder under the user's Candor configuration folder that holds survey keys.
pub const KEYS_FOLDER: &str = "survey-keys";
/// A key file's extension.
const KEY_EXTENSION: &str = "key";
/// The first bytes of a key blob, a version in them.
const MAGIC: &[u8; 9] = b"CandorSK1";
/// `MAGIC` in base64: every key line starts with it, which is how a published copy is caught.
pub const KEY_LINE_MARKER: &[u8] = b"Q2FuZG9yU0sx";
/// scrypt's cost: 2^15 × 8 × 128 bytes = 32 MiB and a fraction of a second per key.
const SCRYPT_LOG_N: u8 = 15;
const SCRYPT_R: u32 = 8;
const SCRYPT_P: u32 = 1;
/// The most memory a key file may make scrypt use when it is read (128 × r × 2^log_n bytes),
/// and the most parallel passes: a damaged or hostile key file cannot exhaust the machine.
const SCRYPT_MAX_BYTES: u64 = 1 << 30;
const SCRYPT_MAX_P: u32 = 4;
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 12;
const SECRET_BYTES: usize = 32;
const TAG_BYTES: usize = 16;
/// Bytes before the sealed secret, all of them authenticated with it.
const HEADER_BYTES: usize = MAGIC.len() + 1 + 4 + 4 + SALT_BYTES + NONCE_BYTES;
const BLOB_BYTES: usize = HEADER_BYTES + SECRET_BYTES + TAG_BYTES;
/// Key files are a few hundred bytes.
const KEY_FILE_LIMIT: u64 = 4096;

/// Where the survey secret keys are and how they are unlocked, as the binary found them: the
/// library reads no environment variable and no home folder itself.
#[derive(Debug, Clone, Default)]
pub struct SurveyKeys {
    /// The folder of survey keys (`--keys`, else `survey-keys/` in the user's Candor
    /// configuration folder); `None` without a home folder.
    pub dir: Option<PathBuf>,
    /// The password from [`PASSWORD_VARIABLE`]; without it a terminal is asked.
    pub password: Option<String>,
}

/// The secret keys the collector holds, by survey and key id.
#[derive(Default)]
pub struct Keyring {
    /// Where the keys were read from, for messages.
    pub dir: PathBuf,
    keys: HashMap<String, Vec<(String, SecretKey)>>,
}

impl Keyring {
    /// An empty keyring that names `dir` in its messages.
    pub fn empty(dir: PathBuf) -> Keyring {
        Keyring {
            dir,
            keys: HashMap::new(),
        }
    }

    /// The secret key of `survey` with id `key_id`.
    pub fn get(&self, survey: &str, key_id: &str) -> Option<&SecretKey> {
        self.keys
            .get(survey)?
            .iter()
            .find(|(id, _)| id == key_id)
            .map(|(_, key)| key)
    }

    /// Adds a key for `survey`.
    pub fn insert(&mut self, survey: &str, secret: SecretKey) {
        let id = key_id(&public_of(&secret));
        self.keys
            .entry(survey.to_owned())
            .or_default()
            .push((id, secret));
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.keys.values().map(Vec::len).sum()
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads the keys in `dir/<survey>/` of every survey that is encrypted, unlocking them with
/// the password from [`PASSWORD_VARIABLE`] or, in a terminal, asked once. A survey whose
/// current public key has no secret key here gets a warning: its envelopes will be quarantined.
pub fn load_keyring(
    dir: &Path,
    given_password: Option<&str>,
    surveys: &[Survey],
) -> anyhow::Result<(Keyring, Diagnostics)> {
    let mut keyring = Keyring::empty(dir.to_path_buf());
    let mut warnings = Diagnostics::new();
    let mut password: Option<String> = None;
    for survey in surveys {
        let Some(encryption) = &survey.encryption else {
            continue;
        };
        let folder = dir.join(&survey.id);
        for path in key_files(&folder)? {
            if password.is_none() {
                password = Some(password_for(dir, given_password)?);
            }
            let secret = read_secret_key(&path, password.as_deref().unwrap_or_default())?;
            keyring.insert(&survey.id, secret);
        }
        if keyring.get(&survey.id, &encryption.key_id).is_none() {
            warnings.push(
                Diagnostic::warning(
                    "survey-key",
                    &survey.file,
                    format!(
                        "no secret key {} for survey `{}` in {}: its encrypted responses cannot be read and will be quarantined",
                        encryption.key_id,
                        survey.id,
                        crate::collect::printable_path(&folder)
                    ),
                )
                .with_hint("copy the survey team's key file there, or name its folder with --keys DIR"),
            );
        }
    }
    Ok((keyring, warnings))
}

/// The `.key` files in `folder`, sorted; none when the folder does not exist.
fn key_files(folder: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read {}", folder.display()));
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == KEY_EXTENSION) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn password_for(dir: &Path, given: Option<&str>) -> anyhow::Result<String> {
    if let Some(password) = given {
        return Ok(password.to_owned());
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "the survey keys in {} are password-protected and no password was given\n  hint: set {PASSWORD_VARIABLE}, or run the command in a terminal",
            dir.display()
        );
    }
    rpassword::prompt_password(format!(
        "Password for the survey keys in {}: ",
        dir.display()
    ))
    .context("cannot read the password from the terminal")
}

/// Reads and unlocks one key file.
pub fn read_secret_key(path: &Path, password: &str) -> anyhow::Result<SecretKey> {
    let file = fs::File::open(path)
        .with_context(|| format!("cannot open the survey key {}", path.display()))?;
    let mut text = String::new();
    file.take(KEY_FILE_LIMIT)
        .read_to_string(&mut text)
        .with_context(|| format!("cannot read the survey key {}", path.display()))?;
    let not_a_key = || {
        anyhow::anyhow!(
            "{} is not a survey secret key\n  hint: survey keys are made by `candor-collect keygen-survey`",
            path.display()
        )
    };
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| line.as_bytes().starts_with(KEY_LINE_MARKER))
        .ok_or_else(not_a_key)?;
    let blob = BASE64.decode(line).map_err(|_| not_a_key())?;
    unseal(&blob, password).map_err(|problem| match problem {
        Unsealed::NotAKey => not_a_key(),
        Unsealed::WrongPassword => anyhow::anyhow!(
            "wrong password for the survey key {}\n  hint: check {PASSWORD_VARIABLE}, or type the password the key was created with",
            path.display()
        ),
    })
}

enum Unsealed {
    NotAKey,
    WrongPassword,
}

/// The key sealed under `password` as the bytes of a key line.
fn seal_secret(secret: &SecretKey, password: &str) -> anyhow::Result<Vec<u8>> {
    let mut salt = [0u8; SALT_BYTES];
    let mut nonce = [0u8; NONCE_BYTES];
    getrandom::fill(&mut salt).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
    getrandom::fill(&mut nonce).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
    let mut blob = Vec::with_capacity(BLOB_BYTES);
    blob.extend_from_slice(MAGIC);
    blob.push(SCRYPT_LOG_N);
    blob.extend_from_slice(&SCRYPT_R.to_be_bytes());
    blob.extend_from_slice(&SCRYPT_P.to_be_bytes());
    blob.extend_from_slice(&salt);
    blob.extend_from_slice(&nonce);
    let cipher = wrapping_cipher(password, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, &salt)
        .ok_or_else(|| anyhow::anyhow!("cannot derive a key from the password"))?;
    let sealed = cipher
        .encrypt(
            &Nonce::from(nonce),
            Payload {
                msg: secret.to_bytes().as_slice(),
                aad: &blob,
            },
        )
        .map_err(|_| anyhow::anyhow!("cannot seal the secret key"))?;
    blob.extend_from_slice(&sealed);
    Ok(blob)
}

fn unseal(blob: &[u8], password: &str) -> Result<SecretKey, Unsealed> {
    if blob.len() != BLOB_BYTES || !blob.starts_with(MAGIC) {
        return Err(Unsealed::NotAKey);
    }
    let (header, sealed) = blob.split_at(HEADER_BYTES);
    let at = MAGIC.len();
    let log_n = header[at];
    let r = u32::from_be_bytes([
        header[at + 1],
        header[at + 2],
        header[at + 3],
        header[at + 4],
    ]);
    let p = u32::from_be_bytes([
        header[at + 5],
        header[at + 6],
        header[at + 7],
        header[at + 8],
    ]);
    // In u128 and below 2^64 before the shift, so it cannot overflow: 2^7 × 2^32 × 2^63 < 2^128.
    let memory = (log_n < 64).then(|| (128 * u128::from(r)) << log_n);
    if memory.is_none_or(|bytes| bytes > u128::from(SCRYPT_MAX_BYTES)) || p > SCRYPT_MAX_P {
        return Err(Unsealed::NotAKey);
    }
    let salt = &header[at + 9..at + 9 + SALT_BYTES];
    let nonce: [u8; NONCE_BYTES] = header[at + 9 + SALT_BYTES..]
        .try_into()
        .map_err(|_| Unsealed::NotAKey)?;
    let cipher = wrapping_cipher(password, log_n, r, p, salt).ok_or(Unsealed::NotAKey)?;
    let secret = cipher
        .decrypt(
            &Nonce::from(nonce),
            Payload {
                msg: sealed,
                aad: header,
            },
        )
        .map_err(|_| Unsealed::WrongPassword)?;
    SecretKey::from_bytes(&secret).map_err(|_| Unsealed::NotAKey)
}

fn wrapping_cipher(password: &str, log_n: u8, r: u32, p: u32, salt: &[u8]) -> Option<Aes256Gcm> {
    let params = scrypt::Params::new(log_n, r, p, 32).ok()?;
    let mut key = [0u8; 32];
    scrypt::scrypt(password.as_bytes(), salt, &params, &mut key).ok()?;
    Aes256Gcm::new_from_slice(&key).ok()
}

/// What `candor-collect keygen-survey` was asked to do.
#[derive(Debug, Clone)]
pub struct SurveyKeygenOptions {
    /// The survey the key is for.
    pub survey: String,
    /// Where the key is written and the password that protects it.
    pub keys: SurveyKeys,
}

/// What `candor-collect keygen-survey` wrote.
#[derive(Debug, Serialize)]
pub struct SurveyKeygenReport {
    pub survey: String,
    pub key_id: String,
    pub public_key: String,
    pub secret_key: PathBuf,
    #[serde(skip)]
    pub warnings: Diagnostics,
}

impl fmt::Display for SurveyKeygenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "created survey key {} for {}", self.key_id, self.survey)?;
        writeln!(
            f,
            "  secret key (password-protected): {}",
            self.secret_key.display()
        )?;
        writeln!(f, "  public key: {}", self.public_key)?;
        writeln!(f, "next:")?;
        writeln!(
            f,
            "  - put the public key in surveys/{}.yaml, replacing any earlier one:",
            self.survey
        )?;
        writeln!(f, "      encryption:")?;
        writeln!(f, "        public_key: {}", self.public_key)?;
        writeln!(
            f,
            "  - keep the secret key and its password with the survey team only; never commit or publish it"
        )?;
        writeln!(
            f,
            "  - back it up offline: without it no encrypted response can ever be read"
        )?;
        write!(
            f,
            "  - keep earlier keys of the survey in the same folder: responses made with them still need them"
        )
    }
}

impl Summary for SurveyKeygenReport {
    fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }
}

impl crate::collect::Report for SurveyKeygenReport {}

/// Creates a key pair for a survey and writes the password-protected secret key.
pub fn keygen(options: &SurveyKeygenOptions) -> anyhow::Result<SurveyKeygenReport> {
    if options.survey.is_empty()
        || options.survey.len() > 64
        || !options
            .survey
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        bail!(crate::exit::Refused(format!(
            "{} is not a survey id: use the `id` of a survey definition, e.g. community-2026",
            crate::escape::terminal(&options.survey, 100)
        )));
    }
    let Some(dir) = &options.keys.dir else {
        bail!("cannot find your home folder to keep the key in\n  hint: pass --keys DIR");
    };
    let dir =
        std::path::absolute(dir).with_context(|| format!("cannot resolve {}", dir.display()))?;
    let folder = dir.join(&options.survey);
    if let Some(area) = crate::site_layout::published_area(&folder, None) {
        bail!(
            "refusing to write a survey secret key into {}: it is inside {area}\n  hint: pass --keys with a folder outside the site, e.g. ~/.config/candor/survey-keys",
            folder.display()
        );
    }
    let password = new_password(options.keys.password.clone())?;
    let (secret, public) = super::generate_key_pair();
    let id = key_id(&public);
    let secret_path = folder.join(format!("{id}.{KEY_EXTENSION}"));
    crate::sign::keys::refuse_tracked_secret(&secret_path)?;
    let blob = seal_secret(&secret, &password)?;
    let text = format!(
        "untrusted comment: candor survey secret key {id} for {}; keep it secret\n{}\n",
        options.survey,
        BASE64.encode(&blob)
    );
    crate::local_state::create_private_dir(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    write_new_private(&secret_path, text.as_bytes())?;
    Ok(SurveyKeygenReport {
        survey: options.survey.clone(),
        key_id: id,
        public_key: public_key_text(&public),
        secret_key: secret_path,
        warnings: Diagnostics::new(),
    })
}

/// Writes a file that must not exist yet, readable only by its owner.
fn write_new_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

fn new_password(given: Option<String>) -> anyhow::Result<String> {
    let password = match given {
        Some(password) => password,
        None => {
            if !std::io::stdin().is_terminal() {
                bail!(
                    "no password for the new survey key\n  hint: set {PASSWORD_VARIABLE}, or run the command in a terminal"
                );
            }
            let first = rpassword::prompt_password("Password for the new survey key: ")
                .context("cannot read the password from the terminal")?;
            let second = rpassword::prompt_password("The same password again: ")
                .context("cannot read the password from the terminal")?;
            if first != second {
                bail!("the two passwords differ; nothing was written");
            }
            first
        }
    };
    if password.is_empty() {
        bail!("the password is empty\n  hint: choose a password; the key protects every response");
    }
    Ok(password)
}

/// The public key of a key file, for tests and tools.
pub fn public_key_of_file(path: &Path, password: &str) -> anyhow::Result<PublicKey> {
    read_secret_key(path, password).map(|secret| public_of(&secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_opens_with_its_password_only() {
        let (secret, public) = super::super::generate_key_pair();
        let blob = seal_secret(&secret, "correct horse").unwrap();
        assert_eq!(blob.len(), BLOB_BYTES);
        assert!(BASE64.encode(&blob).as_bytes().starts_with(KEY_LINE_MARKER));
        let opened = unseal(&blob, "correct horse").ok().unwrap();
        assert_eq!(key_id(&public_of(&opened)), key_id(&public));
        assert!(matches!(
            unseal(&blob, "wrong"),
            Err(Unsealed::WrongPassword)
        ));
        // A cost beyond the bound is refused before scrypt runs.
        let mut costly = blob.clone();
        costly[MAGIC.len()] = 24;
        assert!(matches!(
            unseal(&costly, "correct horse"),
            Err(Unsealed::NotAKey)
        ));
        // Each part of the blob: magic, cost, salt, nonce, sealed secret, tag.
        for at in [0, 9, 14, 20, 40, 50, 70, BLOB_BYTES - 1] {
            let mut changed = blob.clone();
            changed[at] ^= 1;
            assert!(unseal(&changed, "correct horse").is_err(), "byte {at}");
        }
    }
}
