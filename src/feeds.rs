//! Machine-readable files: `sitemap.xml`, the Atom feed of recently changed pages, and
//! `robots.txt`. They are small and fully determined by the pages, so they are written here
//! directly rather than through theme templates a site could break.

use std::fmt::Write as _;

use crate::config::SiteConfig;
use crate::content::Page;
use crate::date::Date;
use crate::escape::markup;

/// Where the sitemap is published.
pub const SITEMAP_PATH: &str = "/sitemap.xml";
/// Where the Atom feed is published.
pub const FEED_PATH: &str = "/atom.xml";
/// Where `robots.txt` is published.
pub const ROBOTS_PATH: &str = "/robots.txt";

/// Lists every page with its last change, for search engines. Reads nothing of a page but its
/// path and [`Page::last_changed`]: the preview keeps a sitemap for as long as those stay the
/// same (`RenderCache::sitemap`).
pub fn sitemap(config: &SiteConfig, pages: &[&Page]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        open_sitemap_url(&mut xml, config, page);
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Writes the start of `page`'s sitemap entry, its address and the day it last changed,
/// leaving the `<url>` open for what a sitemap with translations adds.
pub(crate) fn open_sitemap_url(xml: &mut String, config: &SiteConfig, page: &Page) {
    open_sitemap_url_at(xml, &markup(&config.absolute_url(&page.path)), page);
}

/// [`open_sitemap_url`] with the page's address already made absolute and escaped.
pub(crate) fn open_sitemap_url_at(xml: &mut String, escaped_location: &str, page: &Page) {
    xml.push_str("  <url><loc>");
    xml.push_str(escaped_location);
    xml.push_str("</loc>");
    if let Some(changed) = page.last_changed() {
        let _ = write!(xml, "<lastmod>{changed}</lastmod>");
    }
}

/// The start of an Atom feed, up to its first entry: the feed of the page at `page_url`
/// (absolute), titled `title`, published at `feed_path`, last `updated` (an RFC 3339
/// timestamp), written in the site's language and by its organisation (else its title).
pub(crate) fn open_atom_feed(
    config: &SiteConfig,
    title: &str,
    page_url: &str,
    feed_path: &str,
    updated: &str,
) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        markup(&config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", markup(title));
    let _ = writeln!(xml, "  <id>{}</id>", markup(page_url));
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" href=\"{}\"/>",
        markup(page_url)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" href=\"{}\"/>",
        markup(&config.absolute_url(feed_path))
    );
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    let author = if config.organisation.is_empty() {
        &config.title
    } else {
        &config.organisation
    };
    let _ = writeln!(xml, "  <author><name>{}</name></author>", markup(author));
    xml
}

/// The most recently changed dated pages, newest first. The feed's own `updated` is the newest
/// page's date, not the build time, so that rebuilding unchanged content changes nothing.
pub fn atom(config: &SiteConfig, pages: &[&Page]) -> String {
    atom_at(config, pages, "/", FEED_PATH)
}

/// [`atom`], for the feed published at `feed_path` of the pages under `home_path` (a
/// language's prefix, see [`crate::translations`]).
pub fn atom_at(config: &SiteConfig, pages: &[&Page], home_path: &str, feed_path: &str) -> String {
    let mut dated: Vec<(&Page, Date)> = pages
        .iter()
        .filter_map(|page| page.last_changed().map(|date| (*page, date)))
        .collect();
    let newest_first = |(a, a_date): &(&Page, Date), (b, b_date): &(&Page, Date)| {
        b_date.cmp(a_date).then_with(|| a.path.cmp(&b.path))
    };
    // Only the first `feed_limit` are published: find them without sorting every page.
    if dated.len() > config.feed_limit {
        dated.select_nth_unstable_by(config.feed_limit, newest_first);
        dated.truncate(config.feed_limit);
    }
    dated.sort_by(newest_first);
    let updated = dated
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |(_, d)| d.to_string());

    let mut xml = open_atom_feed(
        config,
        &config.title,
        &config.absolute_url(home_path),
        feed_path,
        &format!("{updated}T00:00:00Z"),
    );
    for (page, changed) in dated {
        let url = markup(&config.absolute_url(&page.path));
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", markup(&page.front.title));
        let _ = writeln!(xml, "    <id>{url}</id>");
        let _ = writeln!(xml, "    <link rel=\"alternate\" href=\"{url}\"/>");
        let _ = writeln!(xml, "    <updated>{changed}T00:00:00Z</updated>");
        if let Some(summary) = page
            .front
            .summary
            .as_ref()
            .or(page.front.description.as_ref())
        {
            let _ = writeln!(xml, "    <summary>{}</summary>", markup(summary));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Allows everything and points crawlers at the sitemap.
pub fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        config.absolute_url(SITEMAP_PATH)
    )
}
