//! Lowercase hexadecimal, the one spelling of bytes Candor writes: digests in `SHA256SUMS` (as
//! `sha256sum` prints them), in the verify state, in a report's input hash and in quarantine
//! names. One helper, so they can never disagree on case or padding.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `bytes` as lowercase hex, two digits each.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    text
}

/// A byte's value as a lowercase hex digit, or [`INVALID`].
const NIBBLES: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut digit = 0;
    while digit < 16 {
        table[DIGITS[digit] as usize] = digit as u8;
        digit += 1;
    }
    table
};
const INVALID: u8 = 0x10;

/// The `N` bytes spelled by exactly `2 * N` lowercase hex digits.
pub(crate) fn decode<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = text.as_bytes();
    if bytes.len() != 2 * N {
        return None;
    }
    let mut decoded = [0u8; N];
    // Checked once for the whole text: history decodes tens of thousands of ids a build.
    let mut invalid = 0;
    for (out, pair) in decoded.iter_mut().zip(bytes.chunks_exact(2)) {
        let (high, low) = (NIBBLES[usize::from(pair[0])], NIBBLES[usize::from(pair[1])]);
        invalid |= (high | low) & INVALID;
        *out = (high << 4) | (low & 0xf);
    }
    (invalid == 0).then_some(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_lowercase_only() {
        let bytes = [0x00, 0x0f, 0xa5, 0xff];
        assert_eq!(encode(&bytes), "000fa5ff");
        assert_eq!(decode::<4>("000fa5ff"), Some(bytes));
        assert_eq!(decode::<4>("000FA5FF"), None);
        assert_eq!(decode::<4>("000fa5f"), None);
        assert_eq!(decode::<2>("0g00"), None);
    }

    #[test]
    fn decodes_every_digit_and_nothing_else() {
        for byte in 0..=u8::MAX {
            let digit = char::from(byte);
            let expected = digit.to_digit(16).filter(|_| !digit.is_ascii_uppercase());
            for text in [format!("{digit}0"), format!("0{digit}")] {
                let decoded = std::str::from_utf8(text.as_bytes())
                    .ok()
                    .and_then(decode::<1>);
                let value = expected.map(|v| if text.starts_with('0') { v } else { v << 4 });
                assert_eq!(decoded.map(|[b]| u32::from(b)), value, "{text:?}");
            }
        }
    }
}
