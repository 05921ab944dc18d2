//! Markdown → HTML for one page, with the links and headings the rest of the build needs.
//!
//! pulldown-cmark does the parsing; this module adds what a policy site needs on top: a stable
//! `id` on every heading (so each standard of behaviour can be linked to), a small anchor link
//! beside it, a table of contents, and link resolution (see [`crate::links`]). Raw HTML is
//! passed through: editors are trusted, respondents never write Markdown.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::escape;
use crate::links::{self, Resolved};

/// A heading, as listed in a page's table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// An internal link found in the page, for the link check.
#[derive(Debug, Clone)]
pub struct InternalLink {
    pub path: Option<String>,
    pub fragment: Option<String>,
    /// Byte range of the link in the Markdown body.
    pub span: Range<usize>,
    pub written: String,
}

/// One page's rendered Markdown.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    pub links: Vec<InternalLink>,
    /// Relative links that climb out of `content/`, with where they are.
    pub outside: Vec<(String, Range<usize>)>,
}

/// The Markdown extensions every page is parsed with; `check` parses with the same ones so its
/// positions match the build's.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The words Candor writes into a page's HTML itself, in the page's language (the theme's
/// `heading-anchor`, `task-done` and `task-not-done`), escaped for an attribute. The default
/// is [`Words::english`].
#[derive(Debug, Clone)]
pub struct Words {
    pub heading_anchor: String,
    pub task_done: String,
    pub task_not_done: String,
}

impl Words {
    /// The words in English: what a page gets when the theme has none in its language, and
    /// what Markdown that belongs to no page gets (a survey's introduction).
    pub fn english() -> &'static Words {
        static ENGLISH: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
        ENGLISH.get_or_init(|| Words {
            heading_anchor: "Link to this section".into(),
            task_done: "Done".into(),
            task_not_done: "Not done".into(),
        })
    }
}

/// Renders `body`, the Markdown of the file `source`, for a site served under `base_path`.
pub fn render(body: &str, source: &Path, base_path: &str) -> Rendered {
    render_with(body, source, base_path, &|_| None, Words::english())
}

/// [`render`], each internal link's site path passed to `retarget`, which may name another
/// page to lead to ([`crate::translation_links`]).
pub fn render_with(
    body: &str,
    source: &Path,
    base_path: &str,
    retarget: &dyn Fn(&str) -> Option<String>,
    words: &Words,
) -> Rendered {
    let mut rendered = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    for (mut event, span) in Parser::new_ext(body, options()).into_offset_iter() {
        // A checkbox needs an accessible name; the item's text follows it.
        if let Event::TaskListMarker(done) = event {
            event = Event::InlineHtml(CowStr::from(if done {
                format!(
                    "<input type=\"checkbox\" disabled checked aria-label=\"{}\"> ",
                    words.task_done
                )
            } else {
                format!(
                    "<input type=\"checkbox\" disabled aria-label=\"{}\"> ",
                    words.task_not_done
                )
            }));
        }
        // `<someone@example.org>` is left alone: the HTML writer adds `mailto:` itself.
        if let Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                ..
            }
            | Tag::Image {
                link_type,
                dest_url,
                ..
            },
        ) = &mut event
            && *link_type != LinkType::Email
        {
            let to = Target {
                source,
                base_path,
                retarget,
            };
            *dest_url = resolve(dest_url, &to, span, &mut rendered);
        }
        events.push(event);
    }
    join_cjk_lines(&mut events);
    let events = add_heading_anchors(events, &mut rendered.toc, &words.heading_anchor);
    rendered.html.reserve(body.len() * 3 / 2);
    html::push_html(&mut rendered.html, events.into_iter());
    rendered
}

/// What a link is resolved against: the file it is written in, the site's base path, and
/// where links lead instead ([`render_with`]).
struct Target<'t> {
    source: &'t Path,
    base_path: &'t str,
    retarget: &'t dyn Fn(&str) -> Option<String>,
}

fn resolve<'a>(
    dest: &CowStr<'a>,
    to: &Target<'_>,
    span: Range<usize>,
    rendered: &mut Rendered,
) -> CowStr<'a> {
    match links::resolve(dest, to.source, to.base_path) {
        Resolved::External => dest.clone(),
        Resolved::OutsideSite => {
            rendered.outside.push((dest.to_string(), span));
            dest.clone()
        }
        Resolved::Internal {
            mut path,
            fragment,
            mut href,
        } => {
            if let Some(other) = path.as_deref().and_then(to.retarget) {
                href = format!("{}{}", to.base_path, other.trim_start_matches('/'));
                if let Some(fragment) = &fragment {
                    href.push('#');
                    href.push_str(fragment);
                }
                path = Some(other);
            }
            rendered.links.push(InternalLink {
                path,
                fragment,
                span,
                written: dest.to_string(),
            });
            CowStr::from(href)
        }
    }
}

/// Replaces each heading's events by one HTML event carrying its id and anchor link.
fn add_heading_anchors<'a>(
    events: Vec<Event<'a>>,
    toc: &mut Vec<Heading>,
    anchor_label: &str,
) -> Vec<Event<'a>> {
    let mut ids = UniqueIds::default();
    let mut output = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = event
        else {
            output.push(event);
            continue;
        };
        let inner: Vec<Event<'a>> = iter
            .by_ref()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .collect();
        let title = plain_text(&inner);
        let id = ids.claim(id.map_or_else(|| slugify(&title), |id| id.to_string()));
        let mut inner_html = String::new();
        html::push_html(&mut inner_html, inner.into_iter());
        output.push(Event::Html(
            heading_html(level, &id, &classes, &inner_html, anchor_label).into(),
        ));
        toc.push(Heading {
            level: level as u8,
            id,
            title,
        });
    }
    output
}

fn heading_html(
    level: HeadingLevel,
    id: &str,
    classes: &[CowStr<'_>],
    inner: &str,
    anchor_label: &str,
) -> String {
    let id = escape::markup(id);
    let mut html = format!("<{level} id=\"{id}\"");
    if !classes.is_empty() {
        let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
        let _ = write!(html, " class=\"{}\"", escape::markup(&classes.join(" ")));
    }
    let _ = writeln!(
        html,
        ">{inner} <a class=\"anchor\" href=\"#{id}\" aria-label=\"{anchor_label}\">#</a></{level}>"
    );
    html
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

/// A URL fragment made from heading text: lower case letters and digits joined by hyphens,
/// with the combining marks (a virama, a nukta, Arabic vowel marks) and the zero-width
/// joiners of the letters they belong to: without them a Hindi or Persian id spells
/// another word.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    // Whether the last character read was kept: a mark belongs to it, and only then is kept.
    let mut after_kept = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
            after_kept = true;
        } else if after_kept && !c.is_ascii() && is_part_of_a_letter(c) {
            slug.push(c);
        } else {
            after_kept = false;
            if c.is_whitespace() || c == '-' || c == '_' {
                pending_hyphen = true;
            }
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// A combining mark, or a zero-width (non-)joiner, which shape the letter before them. Emoji
/// variation selectors are marks too, but belong to symbols, which ids leave out.
fn is_part_of_a_letter(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    matches!(c, '\u{200c}' | '\u{200d}')
        || (c.general_category_group() == GeneralCategoryGroup::Mark
            && !matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}'))
}

/// Removes each soft line break between two CJK characters: Chinese and Japanese are written
/// without spaces, and a browser shows a line break as one (CSS Text 3, segment breaks).
fn join_cjk_lines(events: &mut Vec<Event<'_>>) {
    let joins = |before: &Event<'_>, after: &Event<'_>| match (before, after) {
        (Event::Text(before), Event::Text(after)) => {
            before.chars().next_back().is_some_and(is_cjk)
                && after.chars().next().is_some_and(is_cjk)
        }
        _ => false,
    };
    let dropped: Vec<bool> = (0..events.len())
        .map(|i| {
            matches!(events[i], Event::SoftBreak)
                && i > 0
                && i + 1 < events.len()
                && joins(&events[i - 1], &events[i + 1])
        })
        .collect();
    if dropped.contains(&true) {
        let mut index = 0;
        events.retain(|_| {
            index += 1;
            !dropped[index - 1]
        });
    }
}

/// Han, kana, Bopomofo and the full-width forms and punctuation written with them. Hangul is
/// left out: Korean puts spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{2fdf}'   // radicals
        | '\u{3000}'..='\u{303f}' // CJK symbols and punctuation
        | '\u{3040}'..='\u{30ff}' // hiragana, katakana
        | '\u{3100}'..='\u{312f}' // bopomofo
        | '\u{31c0}'..='\u{31ff}' // strokes, katakana extensions
        | '\u{3200}'..='\u{4dbf}' // enclosed, compatibility, extension A
        | '\u{4e00}'..='\u{9fff}' // unified ideographs
        | '\u{f900}'..='\u{faff}' // compatibility ideographs
        | '\u{fe30}'..='\u{fe4f}' // compatibility forms
        | '\u{ff00}'..='\u{ff60}' // full-width forms
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{20000}'..='\u{3ffff}')
}

/// Hands out ids that are unique within a page: the second "Scope" becomes `scope-1`.
#[derive(Default)]
struct UniqueIds {
    used: HashMap<String, usize>,
}

impl UniqueIds {
    fn claim(&mut self, wanted: String) -> String {
        if !self.used.contains_key(&wanted) {
            self.used.insert(wanted.clone(), 0);
            return wanted;
        }
        let mut count = self.used[&wanted];
        let unique = loop {
            count += 1;
            let candidate = format!("{wanted}-{count}");
            if !self.used.contains_key(&candidate) {
                break candidate;
            }
        };
        self.used.insert(wanted, count);
        self.used.insert(unique.clone(), 0);
        unique
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_page(body: &str) -> Rendered {
        render(body, Path::new("content/page.md"), "/")
    }

    #[test]
    fn headings_get_stable_unique_ids_and_anchor_links() {
        let out =
            render_page("## Act with *care*\n\n## Scope\n\n## Scope\n\n## Listen {#listen}\n");
        let ids: Vec<&str> = out.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["act-with-care", "scope", "scope-1", "listen"]);
        assert!(out.html.contains(
            "<h2 id=\"act-with-care\">Act with <em>care</em> <a class=\"anchor\" href=\"#act-with-care\""
        ), "{}", out.html);
        assert_eq!(out.toc[0].title, "Act with care");
    }

    #[test]
    fn slugs_keep_letters_and_digits_only() {
        assert_eq!(
            slugify("1. Treat everyone — equally!"),
            "1-treat-everyone-equally"
        );
        assert_eq!(slugify("Über Ombuds"), "über-ombuds");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn slugs_keep_every_letter_and_combining_mark_of_every_script() {
        // Devanagari: the virama (U+094D) and the nukta (U+093C) are combining marks.
        assert_eq!(slugify("आचार संहिता"), "आचार-संहिता");
        assert_eq!(slugify("ज़िम्मेदारी"), "ज़िम्मेदारी");
        // Persian: the zero-width non-joiner (U+200C) changes how the word is written.
        assert_eq!(slugify("می\u{200c}خواهم"), "می\u{200c}خواهم");
        // Arabic with its vowel marks, and Chinese.
        assert_eq!(slugify("مُدَوَّنَة السلوك"), "مُدَوَّنَة-السلوك");
        assert_eq!(slugify("行为准则"), "行为准则");
    }

    #[test]
    fn a_soft_break_between_two_cjk_characters_is_no_space() {
        let out = render_page("行为\n准则。\n\nWord\nword 行\nword\n");
        assert!(out.html.contains("<p>行为准则。</p>"), "{}", out.html);
        assert!(
            out.html.contains("<p>Word\nword 行\nword</p>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn internal_links_are_rewritten_and_recorded() {
        let out = render(
            "See [the standards](/standards/#listen).",
            Path::new("content/a.md"),
            "/hub/",
        );
        assert!(
            out.html.contains("href=\"/hub/standards/#listen\""),
            "{}",
            out.html
        );
        assert_eq!(out.links.len(), 1);
        assert_eq!(out.links[0].span, 4..39);
    }

    #[test]
    fn email_autolinks_are_external_and_task_boxes_are_labelled() {
        let out = render_page("Write to <a@example.org>.\n\n- [x] done\n- [ ] open\n");
        assert!(out.links.is_empty());
        assert!(
            out.html.contains("href=\"mailto:a@example.org\""),
            "{}",
            out.html
        );
        assert!(out.html.contains("aria-label=\"Done\""), "{}", out.html);
        assert!(out.html.contains("aria-label=\"Not done\""), "{}", out.html);
    }

    #[test]
    fn extensions_are_on() {
        let out = render_page("| a |\n|---|\n| b |\n\n~~x~~ - [x] \"q\"[^1]\n\n[^1]: note\n");
        for needle in [
            "<table>",
            "<del>",
            "\u{201c}q\u{201d}",
            "footnote-definition",
        ] {
            assert!(out.html.contains(needle), "{needle} in {}", out.html);
        }
    }
}
