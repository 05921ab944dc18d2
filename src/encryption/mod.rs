//! End-to-end encrypted responses: the `candor-encrypted-response/1` envelope and HPKE.
//!
//! A survey that names a public key (`encryption: { public_key: … }`) gets forms that encrypt
//! each response in the respondent's browser with HPKE (RFC 9180) in base mode, with
//! DHKEM(P-256, HKDF-SHA256), HKDF-SHA256 and AES-128-GCM — every primitive WebCrypto has, so
//! the form needs no library (`themes/default/static/survey-hpke.js`). What travels is a small
//! JSON [`Envelope`]: the survey id and version, the key id, the encapsulated key and the
//! ciphertext, and nothing else. The survey id and version are the HPKE `info` and the AEAD's
//! associated data ([`binding`]), so an envelope moved into another survey does not open.
//!
//! This module only seals and opens; the collector decides what an opened response is worth
//! (`collect::judge`), and [`keys`] keeps the secret keys. It must never write or print a
//! plaintext it opened.

pub mod keys;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hpke::aead::AesGcm128;
use hpke::kdf::HkdfSha256;
use hpke::kem::DhP256HkdfSha256;
use hpke::{Deserializable as _, Kem as _, OpModeR, OpModeS, Serializable as _};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// The `format` of an encrypted response file.
pub const ENVELOPE_FORMAT: &str = "candor-encrypted-response/1";

/// Bytes of a P-256 public key in uncompressed SEC1 form: what `enc` and `public_key` hold.
pub const PUBLIC_KEY_BYTES: usize = 65;

/// The HPKE suite: KEM, KDF and AEAD as RFC 9180 types.
pub(crate) type Kem = DhP256HkdfSha256;
type Kdf = HkdfSha256;
type Aead = AesGcm128;

/// A survey's secret key, as the collector holds it once unlocked.
pub type SecretKey = <Kem as hpke::Kem>::PrivateKey;
/// A survey's public key, as published in its definition.
pub type PublicKey = <Kem as hpke::Kem>::PublicKey;

/// An encrypted response file, exactly as the form writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub format: String,
    pub survey: String,
    pub version: u32,
    /// [`key_id`] of the public key the response was encrypted to.
    pub key_id: String,
    /// The encapsulated key (the sender's ephemeral P-256 public key), base64.
    pub enc: String,
    /// The sealed response file with its 16-byte tag, base64.
    pub ciphertext: String,
}

impl Envelope {
    /// The envelope in `text`, if `text` is one (however broken its contents).
    pub fn parse(text: &str) -> Option<Envelope> {
        serde_json::from_str::<Envelope>(text)
            .ok()
            .filter(|envelope| envelope.format == ENVELOPE_FORMAT)
    }
}

/// Why an envelope does not open. None of these says anything about the plaintext.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unopened {
    /// `enc` or `ciphertext` is not base64, or `enc` is not a P-256 point.
    Malformed(&'static str),
    /// The key schedule or the AEAD refused it: altered, or sealed for another survey,
    /// version or key.
    Refused,
}

/// The bytes bound into every envelope of one survey version: HPKE `info` and AEAD `aad`.
pub fn binding(survey: &str, version: u32) -> Vec<u8> {
    format!("{ENVELOPE_FORMAT}\n{survey}\n{version}").into_bytes()
}

/// The id of a public key: the first 8 bytes of the SHA-256 of its uncompressed form, in hex.
pub fn key_id(public_key: &PublicKey) -> String {
    let digest = Sha256::digest(public_key.to_bytes().as_slice());
    crate::hex::encode(&digest[..8])
}

/// Reads a public key written as base64 of its 65-byte uncompressed form.
pub fn parse_public_key(text: &str) -> Option<PublicKey> {
    let bytes = BASE64.decode(text.trim()).ok()?;
    if bytes.len() != PUBLIC_KEY_BYTES {
        return None;
    }
    PublicKey::from_bytes(&bytes).ok()
}

/// A public key as the definition and the form carry it.
pub fn public_key_text(public_key: &PublicKey) -> String {
    BASE64.encode(public_key.to_bytes().as_slice())
}

/// A fresh key pair from the system's random source.
pub fn generate_key_pair() -> (SecretKey, PublicKey) {
    Kem::gen_keypair()
}

/// The public half of a secret key.
pub fn public_of(secret: &SecretKey) -> PublicKey {
    Kem::sk_to_pk(secret)
}

/// Opens `envelope` with `secret`, returning the response file it holds.
pub fn open(envelope: &Envelope, secret: &SecretKey) -> Result<Vec<u8>, Unopened> {
    let enc = BASE64
        .decode(&envelope.enc)
        .map_err(|_| Unopened::Malformed("`enc` is not base64"))?;
    let ciphertext = BASE64
        .decode(&envelope.ciphertext)
        .map_err(|_| Unopened::Malformed("`ciphertext` is not base64"))?;
    let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(&enc)
        .map_err(|_| Unopened::Malformed("`enc` is not a P-256 public key"))?;
    let binding = binding(&envelope.survey, envelope.version);
    let mut context =
        hpke::setup_receiver::<Aead, Kdf, Kem>(&OpModeR::Base, secret, &enc, &binding)
            .map_err(|_| Unopened::Refused)?;
    context
        .open(&ciphertext, &binding)
        .map_err(|_| Unopened::Refused)
}

/// Seals `plaintext` for `survey` version `version` to `public_key`: what the form does, for
/// tests and tools. `rng` is the randomness of the ephemeral key.
pub fn seal_with_rng(
    public_key: &PublicKey,
    survey: &str,
    version: u32,
    plaintext: &[u8],
    rng: &mut impl hpke::rand_core::CryptoRng,
) -> anyhow::Result<Envelope> {
    let binding = binding(survey, version);
    let (enc, mut context) =
        hpke::setup_sender_with_rng::<Aead, Kdf, Kem>(&OpModeS::Base, public_key, &binding, rng)
            .map_err(|error| anyhow::anyhow!("cannot encrypt: {error}"))?;
    let ciphertext = context
        .seal(plaintext, &binding)
        .map_err(|error| anyhow::anyhow!("cannot encrypt: {error}"))?;
    Ok(Envelope {
        format: ENVELOPE_FORMAT.to_owned(),
        survey: survey.to_owned(),
        version,
        key_id: key_id(public_key),
        enc: BASE64.encode(enc.to_bytes().as_slice()),
        ciphertext: BASE64.encode(ciphertext),
    })
}

/// [`seal_with_rng`] with the system's random source.
pub fn seal(
    public_key: &PublicKey,
    survey: &str,
    version: u32,
    plaintext: &[u8],
) -> anyhow::Result<Envelope> {
    seal_with_rng(
        public_key,
        survey,
        version,
        plaintext,
        &mut hpke::rand_core::UnwrapErr(getrandom::SysRng),
    )
}

#[cfg(test)]
mod tests;
