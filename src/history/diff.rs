//! A revision's change, as a reader can follow it: the page's text before and after, compared
//! word by word.
//!
//! What is compared is the text a reader sees — the Markdown body rendered to plain text,
//! one block (paragraph, heading, list item, table row) per line — not the Markdown source:
//! a non-technical reader should see "must" become "should", not `**` markers, link targets
//! or a re-wrapped paragraph. Front matter is left out the same way (a changed title shows
//! on the page itself). Nothing is compared that is not valid UTF-8 or larger than
//! [`MAX_DIFFED_BYTES`]: such a revision is listed without a diff.
//!
//! The diff must be a function of the two texts alone: the site is signed and a release
//! rebuilt elsewhere (a mirror, a slow CI runner) must come out byte for byte the same, so
//! the work is bounded by counting, never by a clock. The changed part is compared word by
//! word (`similar`'s Myers, whose own limits on hard inputs are counts too) when it holds at
//! most [`MAX_COMPARED_WORDS`]; a larger one is compared line by line first, each changed run
//! of lines word by word within the same bound, and a run beyond it shown as its old lines
//! removed and its new lines added.
//!
//! The result is HTML: every word of the text escaped, insertions in `<ins>` and deletions in
//! `<del>`, each starting with visually hidden words ("Added:", "Removed:") because screen
//! readers do not announce the elements themselves.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use similar::{ChangeTag, DiffTag, TextDiff};

use crate::escape::markup;
use crate::interface_strings::Phrasebook;

/// Versions larger than this are listed without a diff: nobody reads a word diff of a
/// megabyte, and comparing it would cost more than the rest of the build.
pub(crate) const MAX_DIFFED_BYTES: usize = 256 * 1024;
/// The version of what [`reader_text`] and [`word_diff_html`] make. Diffs are kept between
/// builds under this number ([`super::cache`]): change it with anything that changes their
/// output, so that no build shows a diff made the old way.
pub(crate) const FORMAT: u32 = 2;
/// The most words (both versions counted) one word-by-word comparison may take. Myers' work
/// grows faster than the text when few words are shared; this keeps one comparison to a few
/// milliseconds, far above any ordinary edit (about 60 kB of changed text).
const MAX_COMPARED_WORDS: usize = 10_000;
/// The most lines (both versions counted) one line-by-line comparison may take: beyond it the
/// changed part is shown as removed and added whole.
const MAX_COMPARED_LINES: usize = 20_000;

/// A revision's diff as HTML: a part of a shared text — the history cache's file, where the
/// diffs an earlier build made are read without a copy each — or a diff made now, whole.
#[derive(Debug, Clone)]
pub(crate) struct DiffHtml {
    text: Arc<String>,
    range: Range<usize>,
}

impl DiffHtml {
    /// The part `range` of `text`; empty when `range` does not fall on characters of it.
    pub(super) fn within(text: Arc<String>, range: Range<usize>) -> DiffHtml {
        let range = if text.get(range.clone()).is_some() {
            range
        } else {
            0..0
        };
        DiffHtml { text, range }
    }
}

impl From<String> for DiffHtml {
    fn from(html: String) -> DiffHtml {
        let range = 0..html.len();
        DiffHtml {
            text: Arc::new(html),
            range,
        }
    }
}

impl std::ops::Deref for DiffHtml {
    type Target = str;

    fn deref(&self) -> &str {
        self.text.get(self.range.clone()).unwrap_or_default()
    }
}

/// The text a reader sees of a Markdown file's body (front matter removed when it parses).
pub(crate) fn reader_text(file: &[u8]) -> Option<String> {
    if file.len() > MAX_DIFFED_BYTES || file.contains(&0) {
        return None;
    }
    let text = std::str::from_utf8(file).ok()?;
    Some(plain_text(crate::content::body_of(text)))
}

/// Markdown rendered to plain text: one line per block, inline markup dropped, images by
/// their alternative text.
fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    let end_line = |text: &mut String| {
        let trimmed = text.trim_end_matches([' ', '\t']).len();
        text.truncate(trimmed);
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
    };
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(&words),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Item) => {
                end_line(&mut text);
                text.push_str("• ");
            }
            Event::Start(Tag::TableCell) if !text.ends_with('\n') && !text.is_empty() => {
                text.push_str(" | ");
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => end_line(&mut text),
            Event::Rule => {
                end_line(&mut text);
                text.push_str("—\n");
            }
            _ => {}
        }
    }
    end_line(&mut text);
    text
}

/// What a screen reader hears before a removed passage, as diffs are made and kept: in English,
/// the built-in language. A page in another language puts its own words in ([`in_words`]).
const REMOVED: &str = "<span class=\"visually-hidden\">Removed: </span>";
/// What a screen reader hears before an added passage; see [`REMOVED`].
const ADDED: &str = "<span class=\"visually-hidden\">Added: </span>";

/// The word diff `html` with the words read before each passage in the language of `words`
/// (`diff-removed`, `diff-added`). The diff's own text is escaped, so the two markers can only
/// be the ones [`word_diff_html`] wrote.
pub(crate) fn in_words<'h>(html: &'h str, words: &Phrasebook<'_>) -> Cow<'h, str> {
    let marker = |key| {
        format!(
            "<span class=\"visually-hidden\">{} </span>",
            words.say_html(key)
        )
    };
    let (removed, added) = (marker("diff-removed"), marker("diff-added"));
    if removed == REMOVED && added == ADDED {
        return Cow::Borrowed(html);
    }
    Cow::Owned(html.replace(REMOVED, &removed).replace(ADDED, &added))
}

/// The word diff of `old` to `new` as HTML (see the module documentation).
///
/// Whole lines the two versions share at either end are written as they are and only what
/// lies between is compared word by word: most revisions change a sentence of a long page,
/// and cutting words up and hashing them is most of the cost of comparing.
pub(crate) fn word_diff_html(old: &str, new: &str) -> String {
    let prefix = shared_prefix_lines(old, new);
    let (old_rest, new_rest) = (&old[prefix..], &new[prefix..]);
    let suffix = shared_suffix_lines(old_rest, new_rest);
    let mut html = String::with_capacity(new.len() + new.len() / 4);
    html.push_str(&markup(&old[..prefix]));
    compare_changed(
        &old_rest[..old_rest.len() - suffix],
        &new_rest[..new_rest.len() - suffix],
        &mut html,
    );
    html.push_str(&markup(&old_rest[old_rest.len() - suffix..]));
    html
}

/// The length of the whole lines `a` and `b` start with alike, cut where a word starts on
/// both sides (white space runs are one token to the comparison, so a cut inside one would
/// compare differently).
fn shared_prefix_lines(a: &str, b: &str) -> usize {
    let mut same = (a.bytes().zip(b.bytes()))
        .take_while(|(x, y)| x == y)
        .count();
    // Two characters may share their first bytes.
    while !a.is_char_boundary(same) {
        same -= 1;
    }
    let starts_a_word = |text: &str, at: usize| {
        (text[at..].chars().next()).is_none_or(|first| !first.is_whitespace())
    };
    (a[..same].match_indices('\n').rev())
        .map(|(newline, _)| newline + 1)
        .find(|&at| starts_a_word(a, at) && starts_a_word(b, at))
        .unwrap_or(0)
}

/// The length of the whole lines `a` and `b` end with alike, starting with a word.
fn shared_suffix_lines(a: &str, b: &str) -> usize {
    let mut same = (a.bytes().rev().zip(b.bytes().rev()))
        .take_while(|(x, y)| x == y)
        .count();
    // Two characters may share their last bytes.
    while !a.is_char_boundary(a.len() - same) {
        same -= 1;
    }
    let shared = &a[a.len() - same..];
    // A suffix starts a line only after a newline both versions share.
    (shared.match_indices('\n'))
        .map(|(newline, _)| newline + 1)
        .find(|&at| (shared[at..].chars().next()).is_none_or(|first| !first.is_whitespace()))
        .map_or(0, |at| same - at)
}

/// Compares the changed part of two versions within the bounds on work (see the module
/// documentation), writing the HTML of the result to `html`.
fn compare_changed(old: &str, new: &str, html: &mut String) {
    if has_at_most_words(old, new, MAX_COMPARED_WORDS) {
        return compare_words(old, new, html);
    }
    if old.lines().count() + new.lines().count() > MAX_COMPARED_LINES {
        return write_replaced(old, new, html);
    }
    let diff = TextDiff::configure().diff_lines(old, new);
    // The changed lines not yet written: a run of removed and added lines between shared ones.
    let (mut removed, mut added) = (String::new(), String::new());
    for op in diff.ops() {
        if op.tag() == DiffTag::Equal {
            compare_changed_lines(&removed, &added, html);
            removed.clear();
            added.clear();
        }
        for line in diff.iter_changes(op) {
            match line.tag() {
                ChangeTag::Equal => html.push_str(&markup(line.value())),
                ChangeTag::Delete => removed.push_str(line.value()),
                ChangeTag::Insert => added.push_str(line.value()),
            }
        }
    }
    compare_changed_lines(&removed, &added, html);
}

/// Compares a run of changed lines word by word when it is small enough, else shows it whole.
fn compare_changed_lines(removed: &str, added: &str, html: &mut String) {
    if has_at_most_words(removed, added, MAX_COMPARED_WORDS) {
        compare_words(removed, added, html);
    } else {
        write_replaced(removed, added, html);
    }
}

/// Whether `old` and `new` hold at most `max` words together.
fn has_at_most_words(old: &str, new: &str, max: usize) -> bool {
    // A word is at least one byte: most comparisons are decided without counting.
    old.len() + new.len() <= max
        || (old.split_whitespace().chain(new.split_whitespace()))
            .nth(max)
            .is_none()
}

/// Writes `old` as removed and `new` as added, as a word diff of two texts without a word in
/// common reads: the line break both end with is no change.
fn write_replaced(old: &str, new: &str, html: &mut String) {
    let (removed, added, gap) = match (old.strip_suffix('\n'), new.strip_suffix('\n')) {
        (Some(old), Some(new)) => (old, new, "\n"),
        _ => (old, new, ""),
    };
    let mut group = Group {
        removed: removed.to_owned(),
        added: added.to_owned(),
        gap: gap.to_owned(),
    };
    group.flush(html);
}

/// Compares `old` and `new` word by word, writing the HTML of the result to `html`. Callers
/// bound the words compared ([`MAX_COMPARED_WORDS`]).
fn compare_words(old: &str, new: &str, html: &mut String) {
    let diff = TextDiff::configure().diff_words(old, new);
    let mut group = Group::default();
    for change in diff.iter_all_changes() {
        let token = change.value();
        match change.tag() {
            ChangeTag::Equal if group.is_open() && token.trim().is_empty() => {
                group.gap.push_str(token)
            }
            ChangeTag::Equal => {
                group.flush(html);
                html.push_str(&markup(token));
            }
            ChangeTag::Delete => group.add(token, true),
            ChangeTag::Insert => group.add(token, false),
        }
    }
    group.flush(html);
}

/// Changed words not yet written: the removed and the added text of one place, so that
/// "must be" → "should always be" reads as one deletion and one insertion, not a word salad.
#[derive(Default)]
struct Group {
    removed: String,
    added: String,
    /// Unchanged white space since the last changed word, which belongs to both sides if
    /// more changes follow, and is written as is otherwise.
    gap: String,
}

impl Group {
    fn is_open(&self) -> bool {
        !self.removed.is_empty() || !self.added.is_empty()
    }

    fn add(&mut self, token: &str, removed: bool) {
        if self.is_open() {
            self.removed.push_str(&self.gap);
            self.added.push_str(&self.gap);
            self.gap.clear();
        }
        if removed {
            self.removed.push_str(token);
        } else {
            self.added.push_str(token);
        }
    }

    fn flush(&mut self, html: &mut String) {
        // A side that is only white space shared with the other side changed nothing.
        if !self.removed.trim().is_empty() {
            let _ = write!(html, "<del>{REMOVED}{}</del>", markup(&self.removed));
        }
        if !self.added.trim().is_empty() {
            let _ = write!(html, "<ins>{ADDED}{}</ins>", markup(&self.added));
        }
        html.push_str(&markup(&self.gap));
        self.removed.clear();
        self.added.clear();
        self.gap.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_compared_as_the_text_readers_see() {
        let text = reader_text(
            b"---\ntitle: T\n---\n# Rules\n\nStaff **must** reply\nwithin [14 days](/x/).\n\n- one\n- two\n",
        )
        .unwrap();
        assert_eq!(
            text,
            "Rules\nStaff must reply within 14 days.\n• one\n• two\n"
        );
    }

    #[test]
    fn neighbouring_changed_words_read_as_one_change() {
        let html = word_diff_html(
            "Staff must reply soon.\n",
            "Staff should always reply soon.\n",
        );
        assert_eq!(
            html,
            "Staff <del><span class=\"visually-hidden\">Removed: </span>must</del><ins><span class=\"visually-hidden\">Added: </span>should always</ins> reply soon.\n"
        );
    }

    #[test]
    fn shared_lines_at_either_end_change_nothing_in_the_result() {
        let versions = [
            "",
            "One.\n",
            "One.\nTwo words.\nThree.\n",
            "One.\nTwo other words.\nThree.\n",
            "Zero.\nOne.\nTwo words.\nThree.\n",
            "One.\nTwo words.\nThree.\nFour.\n",
            "One.\nThree.\n",
            "One.\nTwo words.\nThree.",
            "Onе.\nTwo words.\nThree.\n", // a Cyrillic е: bytes differ inside a character
            "Onж.\nTwo words.\nThree.\n", // shares its first byte with е
            "One.\nTwo words.\nThreе",
            "One.\nTwo words.\nThreԵ", // shares its last byte with е
            "One.\n\n  indented\nThree.\n",
            "One.\n  indented\nThree.\n",
        ];
        for old in versions {
            for new in versions {
                let mut whole = String::new();
                compare_words(old, new, &mut whole);
                assert_eq!(word_diff_html(old, new), whole, "{old:?} → {new:?}");
            }
        }
    }

    #[test]
    fn text_is_escaped_in_every_part() {
        let html = word_diff_html("<b> a\n", "<b> <script>\n");
        assert_eq!(
            html,
            "&lt;b&gt; <del><span class=\"visually-hidden\">Removed: </span>a</del><ins><span class=\"visually-hidden\">Added: </span>&lt;script&gt;</ins>\n"
        );
    }

    /// `count` words, each unlike any word of another `version`.
    fn words(version: &str, count: usize) -> String {
        (0..count)
            .map(|i| format!("{version}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_change_too_large_to_compare_word_by_word_is_shown_as_removed_and_added_lines() {
        // Every other word is shared, so a word diff would be a long chain of small changes;
        // more words than one comparison may take (a bound on work, not on time: the diff of
        // two texts must not depend on how busy the machine was) show as whole lines instead.
        let half = MAX_COMPARED_WORDS / 4 + 1;
        let interleave = |version: &str| {
            (0..half)
                .map(|i| format!("{version}{i} same{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (old, new) = (interleave("old"), interleave("new"));
        let html = word_diff_html(&format!("Kept.\n{old}\n"), &format!("Kept.\n{new}\n"));
        assert_eq!(
            html,
            format!(
                "Kept.\n<del><span class=\"visually-hidden\">Removed: </span>{old}</del><ins><span class=\"visually-hidden\">Added: </span>{new}</ins>\n"
            )
        );
    }

    #[test]
    fn a_change_within_the_bound_is_compared_word_by_word() {
        // Exactly as many words as one comparison may take.
        let half = MAX_COMPARED_WORDS / 2 - 1;
        let old = words("same", half) + " old\n";
        let new = words("same", half) + " new\n";
        assert_eq!(
            word_diff_html(&old, &new),
            words("same", half)
                + " <del><span class=\"visually-hidden\">Removed: </span>old</del><ins><span class=\"visually-hidden\">Added: </span>new</ins>\n"
        );
    }

    #[test]
    fn a_large_rewrite_is_compared_line_by_line_then_each_changed_line_word_by_word() {
        // Far more words than one comparison may take, in lines that each fit: the shared
        // lines stay shared, and each rewritten line reads as its own word diff.
        let (mut old, mut new, mut expected) = (String::new(), String::new(), String::new());
        for line in 0..(MAX_COMPARED_WORDS / 20) {
            let shared = format!("Section {line} stays.\n");
            let before = format!("{} kept {line}\n", words("was", 20));
            let after = format!("{} kept {line}\n", words("is", 20));
            expected.push_str(&shared);
            expected.push_str(&word_diff_html(&before, &after));
            old.push_str(&shared);
            old.push_str(&before);
            new.push_str(&shared);
            new.push_str(&after);
        }
        assert!(old.len() + new.len() < MAX_DIFFED_BYTES);
        assert_eq!(word_diff_html(&old, &new), expected);
    }

    #[test]
    fn more_lines_than_one_comparison_may_take_are_shown_as_removed_and_added_whole() {
        let version = |changed: &str| {
            (0..MAX_COMPARED_LINES / 4 + 1)
                .map(|line| format!("{changed}{line}\nsame{line}\n"))
                .collect::<String>()
                + changed
                + "\n"
        };
        let (old, new) = (version("old"), version("new"));
        let mut expected = String::new();
        write_replaced(&old, &new, &mut expected);
        assert!(
            expected
                .starts_with("<del><span class=\"visually-hidden\">Removed: </span>old0\nsame0\n")
        );
        assert_eq!(word_diff_html(&old, &new), expected);
    }

    #[test]
    fn binary_and_huge_files_are_not_compared() {
        assert_eq!(reader_text(b"a\0b"), None);
        assert_eq!(reader_text(&vec![b'a'; MAX_DIFFED_BYTES + 1]), None);
        assert_eq!(reader_text(&[0xff, 0xfe]), None);
    }
}
