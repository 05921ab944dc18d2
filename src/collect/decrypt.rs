//! Opening encrypted responses before they are judged, and the collector's rules about them.
//!
//! An envelope (`candor-encrypted-response/1`, see [`crate::encryption`]) is opened with the
//! secret key of its survey that has its key id; what comes out is a response file that then
//! goes through exactly the checks a plain one gets ([`super::judge`]). What does not open —
//! a key the collector does not hold, an altered byte, an envelope moved to another survey or
//! version — is refused with a reason that says nothing of the plaintext, and the caller keeps
//! the envelope's bytes, never anything opened. A plain response to a survey that has a public
//! key is refused unless the operator allows plain responses (`--allow-plaintext`).

use std::path::PathBuf;

use crate::collect::printable_path;
use crate::collect::read;
use crate::diagnostic::Diagnostic;
use crate::encryption::keys::Keyring;
use crate::encryption::{self, Envelope, Unopened};
use crate::survey::Survey;

/// What the collector knows about encryption: the keys it holds and what the operator allows.
#[derive(Default)]
pub struct Decryption {
    pub keyring: Keyring,
    /// Accept plain responses to surveys that have a public key.
    pub allow_plaintext: bool,
}

impl Decryption {
    /// No keys, plain responses refused where a survey has a key: what a test or a site
    /// without encrypted surveys needs.
    pub fn none(dir: PathBuf) -> Decryption {
        Decryption {
            keyring: Keyring::empty(dir),
            allow_plaintext: false,
        }
    }

    /// Opens `envelope`, already matched to its defined `survey`, returning the response file
    /// it holds.
    pub fn open(&self, envelope: &Envelope, survey: &Survey) -> Result<Vec<u8>, Diagnostic> {
        let Some(secret) = self.keyring.get(&survey.id, &envelope.key_id) else {
            return Err(read::rejection(
                "unknown-key",
                format!(
                    "the response is encrypted to key {}, and this collector holds no secret key of survey `{}` with that id",
                    crate::escape::terminal(&envelope.key_id, 40),
                    survey.id
                ),
            )
            .with_hint(format!(
                "put the survey team's key file in {}, or name the folder with --keys DIR; the file is kept encrypted in the quarantine",
                printable_path(&self.keyring.dir.join(&survey.id))
            )));
        };
        encryption::open(envelope, secret).map_err(|unopened| match unopened {
            Unopened::Malformed(what) => read::rejection(
                "malformed",
                format!("the file is an encrypted response, but {what}"),
            )
            .with_hint("the file was damaged or edited; ask for it again"),
            Unopened::Refused => read::rejection(
                "undecryptable",
                format!(
                    "the encrypted response does not open with key {}: it was altered, or made for another survey or version",
                    envelope.key_id
                ),
            )
            .with_hint("the file is kept encrypted in the quarantine; ask for it again if it was damaged in transit"),
        })
    }

    /// The refusal of a plain response to `survey`, if the survey wants encrypted ones.
    pub fn refuse_plaintext(&self, survey: &Survey) -> Option<Diagnostic> {
        if survey.encryption.is_none() || self.allow_plaintext {
            return None;
        }
        Some(
            read::rejection(
                "not-encrypted",
                format!(
                    "survey `{}` takes encrypted responses only, and this one is plain text",
                    survey.id
                ),
            )
            .with_hint("it was not made by the survey's current form (an old saved copy?); to accept plain responses to this survey, run again with --allow-plaintext"),
        )
    }
}

/// The refusal of an opened response whose contents are refused: the code of the first
/// problem, but not the validator's words, which may quote answers.
pub fn withheld(problem: &Diagnostic) -> Diagnostic {
    read::rejection(
        problem.code,
        format!(
            "the encrypted response opened, but its content is refused ({}); the details are withheld because they may quote answers",
            problem.code
        ),
    )
    .with_hint("the file is kept encrypted in the quarantine; the form that made it may be out of date")
}
