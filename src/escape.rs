//! Escaping for the places Candor writes text without a template: markup it builds itself
//! (heading anchors, feeds, the sitemap) and untrusted text it echoes to a terminal or a file
//! (names and values from response files). Templates escape through Tera's autoescape instead.

/// Escapes text for an HTML or XML attribute value or text node: the five characters Tera's
/// autoescape replaces, replaced the same way, so markup built here reads as a template's.
pub fn markup(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    markup_into(&mut escaped, text);
    escaped
}

/// [`markup`], appended to `out`. The text between two of the five characters is copied
/// whole: the sitemap, the feeds and each page's language links escape tens of thousands of
/// addresses on a large site, and copying them a character at a time cost ten times more.
pub fn markup_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|byte| matches!(byte, b'&' | b'"' | b'\'' | b'<' | b'>'))
    {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        // The five are ASCII, so the next character starts right after.
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// At most `limit` characters of untrusted `text`, control characters escaped, so that a
/// hostile file name or answer can never drive the terminal it is printed on.
pub fn terminal(text: &str, limit: usize) -> String {
    let mut shown = String::with_capacity(text.len().min(limit));
    for (index, character) in text.chars().enumerate() {
        if index == limit {
            shown.push('…');
            break;
        }
        if character.is_control() {
            shown.extend(character.escape_default());
        } else {
            shown.push(character);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    #[test]
    fn terminal_text_escapes_control_characters_and_shortens() {
        assert_eq!(super::terminal("a\u{1b}[31mb\n", 100), "a\\u{1b}[31mb\\n");
        assert_eq!(super::terminal("abcdef", 3), "abc…");
    }

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            super::markup(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            super::markup("« é » <b>ا&ل</b>' end"),
            "« é » &lt;b&gt;ا&amp;ل&lt;/b&gt;&#39; end"
        );
        assert_eq!(super::markup(""), "");
        assert_eq!(super::markup("no escapes"), "no escapes");
    }
}
