//! Blank text: an answer made only of characters nobody can see is no answer.
//!
//! Spaces are not the only way to send nothing: a zero-width space, a joiner, a byte-order mark,
//! a soft hyphen or a direction mark pasted into a text box all look empty, and counted as an
//! answer they would publish "1 answered" for a question nobody answered. The collector and the
//! form must draw the line in the same place, so the line is one table, [`INVISIBLE`]: the
//! collector reads it here, and the form's script gets it as a regular-expression class
//! ([`pattern`]) in the page, never a second copy typed by hand.

/// Every character that shows nothing, as inclusive ranges of code points in ascending order:
/// Unicode's `White_Space`, the controls, `Default_Ignorable_Code_Point`, the format characters
/// (`Cf`) and the characters that render as an empty cell (Hangul fillers, the blank Braille
/// pattern).
const INVISIBLE: &[(u32, u32)] = &[
    (0x0000, 0x0020),   // controls and space
    (0x007F, 0x00A0),   // delete, C1 controls, no-break space
    (0x00AD, 0x00AD),   // soft hyphen
    (0x034F, 0x034F),   // combining grapheme joiner
    (0x0600, 0x0605),   // Arabic number signs (format)
    (0x061C, 0x061C),   // Arabic letter mark
    (0x06DD, 0x06DD),   // Arabic end of ayah (format)
    (0x070F, 0x070F),   // Syriac abbreviation mark (format)
    (0x0890, 0x0891),   // Arabic pound and piastre marks above (format)
    (0x08E2, 0x08E2),   // Arabic disputed end of ayah (format)
    (0x115F, 0x1160),   // Hangul choseong and jungseong fillers
    (0x1680, 0x1680),   // Ogham space mark
    (0x17B4, 0x17B5),   // Khmer inherent vowels
    (0x180B, 0x180F),   // Mongolian variation selectors and vowel separator
    (0x2000, 0x200F),   // spaces, zero-width space, joiners, direction marks
    (0x2028, 0x202F),   // line and paragraph separators, embeddings, narrow no-break space
    (0x205F, 0x206F),   // medium space, word joiner, invisible operators, isolates
    (0x2800, 0x2800),   // Braille pattern blank
    (0x3000, 0x3000),   // ideographic space
    (0x3164, 0x3164),   // Hangul filler
    (0xFE00, 0xFE0F),   // variation selectors
    (0xFEFF, 0xFEFF),   // byte-order mark, zero-width no-break space
    (0xFFA0, 0xFFA0),   // halfwidth Hangul filler
    (0xFFF0, 0xFFFB),   // unassigned specials, interlinear annotation
    (0x110BD, 0x110BD), // Kaithi number sign (format)
    (0x110CD, 0x110CD), // Kaithi number sign above (format)
    (0x13430, 0x1343F), // Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3), // shorthand format controls
    (0x1D173, 0x1D17A), // musical symbol format controls
    (0xE0000, 0xE0FFF), // tags and variation selectors supplement
];

/// Whether `c` shows nothing.
pub fn is_invisible(c: char) -> bool {
    let code = u32::from(c);
    if c.is_ascii_graphic() {
        return false;
    }
    INVISIBLE
        .binary_search_by(|&(first, last)| {
            if last < code {
                std::cmp::Ordering::Less
            } else if first > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether `text` is blank: empty, or only characters that show nothing.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// [`INVISIBLE`] as the inside of a JavaScript regular-expression class for the `u` flag
/// (`\u{0}-\u{20}\u{7f}-…`), for the form's script to test answers with the same table.
pub fn pattern() -> String {
    INVISIBLE
        .iter()
        .map(|&(first, last)| {
            if first == last {
                format!("\\u{{{first:x}}}")
            } else {
                format!("\\u{{{first:x}}}-\\u{{{last:x}}}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_covers_unicode_white_space() {
        assert!(INVISIBLE.windows(2).all(|pair| pair[0].1 < pair[1].0));
        assert!(INVISIBLE.iter().all(|&(first, last)| first <= last));
        for code in 0..=0x10FFFF {
            if let Some(c) = char::from_u32(code)
                && (c.is_whitespace() || c.is_control())
            {
                assert!(is_invisible(c), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn invisible_text_is_blank_and_visible_text_is_not() {
        for blank in [
            "",
            " \t\n",
            "\u{200B}",
            "\u{200C}\u{200D}",
            "\u{2060}",
            "\u{FEFF}",
            "\u{AD}",
            "\u{202E}\u{2066}",
            "\u{3164}",
            "\u{E0020}",
            "\u{2800}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for visible in [
            "a",
            "\u{200B}x",
            "é",
            "\u{1F469}\u{200D}\u{1F4BB}",
            "-",
            "0",
        ] {
            assert!(!is_blank(visible), "{visible:?}");
        }
    }

    #[test]
    fn the_pattern_is_a_javascript_class_of_the_same_ranges() {
        let pattern = pattern();
        assert!(pattern.starts_with("\\u{0}-\\u{20}\\u{7f}-\\u{a0}\\u{ad}\\u{34f}"));
        assert!(pattern.ends_with("\\u{e0000}-\\u{e0fff}"));
        let bounds: usize = INVISIBLE
            .iter()
            .map(|(first, last)| if first == last { 1 } else { 2 })
            .sum();
        assert_eq!(pattern.matches("\\u{").count(), bounds);
    }
}
