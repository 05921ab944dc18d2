use std::convert::Infallible;

use hpke::rand_core::{TryCryptoRng, TryRng};

use super::*;

/// The test vector of the chosen suite, shared with the browser test of the form's HPKE code.
const VECTOR: &str = include_str!("../../tests/fixtures/hpke/rfc9180-a3-base.json");

fn hex(vector: &serde_json::Value, name: &str) -> Vec<u8> {
    let text = vector[name]
        .as_str()
        .unwrap_or_else(|| panic!("{name} missing"));
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&text[at..at + 2], 16).unwrap())
        .collect()
}

/// Randomness that is the vector's `ikmE`: the ephemeral key of the vector's sender.
struct Fixed(Vec<u8>);

impl TryRng for Fixed {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        unreachable!("HPKE asks for bytes")
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        unreachable!("HPKE asks for bytes")
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        assert_eq!(dst.len(), self.0.len(), "ikmE is the size of a private key");
        dst.copy_from_slice(&self.0);
        Ok(())
    }
}

impl TryCryptoRng for Fixed {}

#[test]
fn rfc9180_vector_of_the_suite_passes() {
    let vector: serde_json::Value = serde_json::from_str(VECTOR).unwrap();
    assert_eq!(
        (
            &vector["mode"],
            &vector["kem_id"],
            &vector["kdf_id"],
            &vector["aead_id"]
        ),
        (
            &serde_json::json!(0),
            &serde_json::json!(16),
            &serde_json::json!(1),
            &serde_json::json!(1)
        )
    );
    let (secret, public) = Kem::derive_keypair(&hex(&vector, "ikmR"));
    assert_eq!(public.to_bytes().as_slice(), hex(&vector, "pkRm"));
    assert_eq!(secret.to_bytes().as_slice(), hex(&vector, "skRm"));
    let info = hex(&vector, "info");
    let mut rng = Fixed(hex(&vector, "ikmE"));
    let (enc, mut sender) =
        hpke::setup_sender_with_rng::<Aead, Kdf, Kem>(&OpModeS::Base, &public, &info, &mut rng)
            .unwrap();
    assert_eq!(enc.to_bytes().as_slice(), hex(&vector, "enc"));
    let mut receiver =
        hpke::setup_receiver::<Aead, Kdf, Kem>(&OpModeR::Base, &secret, &enc, &info).unwrap();
    let encryptions = vector["encryptions"].as_array().unwrap();
    assert!(!encryptions.is_empty());
    for encryption in encryptions {
        let (pt, aad, ct) = (
            hex(encryption, "pt"),
            hex(encryption, "aad"),
            hex(encryption, "ct"),
        );
        assert_eq!(sender.seal(&pt, &aad).unwrap(), ct);
        assert_eq!(receiver.open(&ct, &aad).unwrap(), pt);
    }
}

#[test]
fn an_envelope_opens_only_with_its_key_and_binding() {
    let (secret, public) = generate_key_pair();
    let (other_secret, _) = generate_key_pair();
    let plaintext = br#"{"format":"candor-response/1"}"#;
    let envelope = seal(&public, "s", 2, plaintext).unwrap();
    assert_eq!(envelope.key_id, key_id(&public));
    assert_eq!(open(&envelope, &secret).unwrap(), plaintext);
    assert_eq!(open(&envelope, &other_secret), Err(Unopened::Refused));
    for moved in [
        Envelope {
            survey: "t".into(),
            ..envelope.clone()
        },
        Envelope {
            version: 3,
            ..envelope.clone()
        },
    ] {
        assert_eq!(open(&moved, &secret), Err(Unopened::Refused));
    }
    let garbled = Envelope {
        enc: "not base64!".into(),
        ..envelope.clone()
    };
    assert!(matches!(
        open(&garbled, &secret),
        Err(Unopened::Malformed(_))
    ));
    let text = serde_json::to_string(&envelope).unwrap();
    assert_eq!(Envelope::parse(&text), Some(envelope));
    assert_eq!(Envelope::parse(r#"{"format":"candor-response/1"}"#), None);
}

#[test]
fn public_keys_round_trip_as_text() {
    let (_, public) = generate_key_pair();
    let text = public_key_text(&public);
    assert_eq!(text.len(), 88);
    let parsed = parse_public_key(&text).unwrap();
    assert_eq!(key_id(&parsed), key_id(&public));
    assert!(parse_public_key("AAAA").is_none());
    assert!(parse_public_key(&text[..80]).is_none());
}

proptest::proptest! {
    // Each case does two P-256 operations, slow in a debug build.
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Whatever an envelope's fields hold, opening it is an error or the plaintext, never a
    /// panic, and a changed field never opens.
    #[test]
    fn hostile_envelopes_never_panic_or_open(
        enc in "[A-Za-z0-9+/=!]{0,120}",
        ciphertext in "[A-Za-z0-9+/=]{0,200}",
        flip in 0usize..1000,
    ) {
        let (secret, public) = Kem::derive_keypair(&[7u8; 32]);
        let envelope = seal(&public, "s", 1, b"{}").unwrap();
        let hostile = Envelope { enc: enc.clone(), ciphertext: ciphertext.clone(), ..envelope.clone() };
        proptest::prop_assert!(open(&hostile, &secret).is_err());
        let mut bytes = envelope.ciphertext.clone().into_bytes();
        let at = flip % bytes.len();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let changed = Envelope { ciphertext: String::from_utf8(bytes).unwrap(), ..envelope };
        proptest::prop_assert!(open(&changed, &secret).is_err());
    }
}
