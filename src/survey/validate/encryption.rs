//! `encryption:` in a definition: the public key the survey's forms encrypt responses to. A key
//! that is not a P-256 point would make every form fail at the moment a respondent submits, so
//! it is refused here, when the site is built.

use serde::Deserialize;

use super::Checker;
use crate::survey::definition::Encryption;
use crate::yaml::Spanned;

/// `encryption:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEncryption {
    /// Base64 of the 65-byte uncompressed P-256 point, as `candor-collect keygen-survey` prints.
    public_key: Spanned<String>,
    /// The key's id, as a cross-check of the key: it must be the one the key has.
    #[serde(default)]
    key_id: Option<Spanned<String>>,
}

impl Checker<'_> {
    pub(super) fn encryption(&mut self, raw: &Spanned<RawEncryption>) -> Option<Encryption> {
        let raw = &raw.value;
        let written = raw.public_key.value.trim();
        if written
            .as_bytes()
            .starts_with(crate::encryption::keys::KEY_LINE_MARKER)
        {
            self.error(
                "survey-encryption",
                &raw.public_key,
                "`encryption: public_key` holds a survey's SECRET key, which must never be in a site",
                "remove it now and treat that key as leaked: make a new pair with `candor-collect keygen-survey` and paste the public key it prints",
            );
            return None;
        }
        let Some(public_key) = crate::encryption::parse_public_key(&raw.public_key.value) else {
            self.error(
                "survey-encryption",
                &raw.public_key,
                "`encryption: public_key` is not a P-256 public key",
                "paste the public key `candor-collect keygen-survey` printed (88 base64 characters)",
            );
            return None;
        };
        let key_id = crate::encryption::key_id(&public_key);
        if let Some(written) = &raw.key_id
            && written.value != key_id
        {
            self.error(
                "survey-encryption",
                written,
                format!(
                    "`encryption: key_id` is {}, but the public key's id is {key_id}",
                    written.value
                ),
                "the key id and the public key must come from the same `candor-collect keygen-survey` run; or leave key_id out",
            );
            return None;
        }
        Some(Encryption {
            public_key: raw.public_key.value.trim().to_owned(),
            key_id,
        })
    }
}
