//! Redirects: a small page at every address a page was published at before, renamed in git or
//! listed by hand in `aliases:` (as Hugo and Zola sites have them), so that links to a moved
//! policy keep working. A redirect never takes the place of a page or file of the site.

use std::collections::{HashMap, HashSet};

use super::SiteHistory;
use crate::config::SiteConfig;
use crate::content::{self, Page};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::escape::markup;
use crate::interface_strings::{Arg, Phrasebook};
use crate::output::file_for;

/// A page at an old address that sends readers on to where the page is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
    /// Written in `aliases:` (as opposed to found in git).
    pub alias: bool,
}

/// Every redirect of the site: each page's `aliases:` and each address a page had before a
/// rename in git. An alias where a page or file is published, or claimed by two pages, is an
/// error; a renamed page's old address now used by another page is simply not redirected.
pub(crate) fn redirect_list<P: AsRef<Page>>(
    history: &SiteHistory,
    pages: &[P],
    taken: &dyn Fn(&str) -> bool,
    problems: &mut Diagnostics,
) -> Vec<Redirect> {
    let mut redirects = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for page in pages.iter().map(AsRef::as_ref) {
        for alias in &page.front.aliases {
            let line = content::front_matter_key_line(page, "aliases");
            let error = |message: String, hint: &str| {
                Diagnostic::error("alias", &page.source, message)
                    .at(line, 1)
                    .with_hint(hint.to_owned())
            };
            let Some(from) = alias_path(alias) else {
                problems.push(error(
                    format!(
                        "the alias `{}` is not an address on this site",
                        crate::escape::terminal(alias, 80)
                    ),
                    "write an address of this site starting with `/`, such as `/old-policy/`",
                ));
                continue;
            };
            if taken(&file_for(&from)) {
                problems.push(error(
                    format!("the alias {from} is the address of a page or file of the site, which a redirect must not replace"),
                    "remove the alias, or move the page or file that is published there",
                ));
                continue;
            }
            if let Some(other) = seen.get(&from) {
                problems.push(error(
                    format!("the alias {from} is also an alias of {other}"),
                    "keep the alias on one page only",
                ));
                continue;
            }
            seen.insert(from.clone(), page.path.clone());
            redirects.push(Redirect {
                from,
                to: page.path.clone(),
                alias: true,
            });
        }
    }
    for page in pages.iter().map(AsRef::as_ref) {
        let source = content::slash_path(&page.source);
        let Some(page_history) =
            (history.by_source.get(&source)).and_then(|&i| history.pages.get(i))
        else {
            continue;
        };
        let old: HashSet<&str> = (page_history.revisions.iter())
            .filter_map(|revision| revision.moved_from.as_deref())
            .collect();
        let mut old: Vec<&str> = old.into_iter().collect();
        old.sort_unstable();
        for from in old {
            if from == page.path || taken(&file_for(from)) || seen.contains_key(from) {
                continue;
            }
            seen.insert(from.to_owned(), page.path.clone());
            redirects.push(Redirect {
                from: from.to_owned(),
                to: page.path.clone(),
                alias: false,
            });
        }
    }
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    redirects
}

/// An `aliases:` entry as a site path: `/old/` (a folder), or `/old.html` (a file). `None`
/// for anything that is not a plain path of this site.
fn alias_path(alias: &str) -> Option<String> {
    let path = alias.trim();
    let fine = path.starts_with('/')
        && !path.contains("//")
        && !path.contains('\\')
        && !path
            .chars()
            .any(|c| c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>'))
        && path.split('/').all(|part| part != ".." && part != ".");
    if !fine || path == "/" {
        return None;
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    Some(if path.ends_with('/') || last.contains('.') {
        path.to_owned()
    } else {
        format!("{path}/")
    })
}

/// A small page that sends browsers on at once and tells everyone else where to go, in the
/// language (`language`, with its `words`) of the page it leads to.
pub(crate) fn redirect_page(
    config: &SiteConfig,
    language: usize,
    words: &Phrasebook<'_>,
    to: &str,
    title: &str,
) -> String {
    // The sentence is the language's; the link goes where it names the page.
    const PAGE: &str = "\u{E000}";
    let language = &config.languages.all()[language];
    let link = markup(&config.link(to));
    let moved = markup(&words.say("redirect-moved", &[("page", Arg::Text(PAGE))]))
        .replace(PAGE, &format!("<a href=\"{link}\">{}</a>", markup(title)));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{heading} — {site}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={link}\">\n</head>\n<body>\n<main>\n<p>{moved}</p>\n</main>\n</body>\n</html>\n",
        lang = markup(&language.code),
        dir = language.direction.as_str(),
        heading = markup(&words.say("redirect-title", &[("page", Arg::Text(title))])),
        site = markup(&language.title),
        canonical = markup(&config.absolute_url(to)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_plain_site_paths() {
        assert_eq!(alias_path("/old"), Some("/old/".into()));
        assert_eq!(alias_path("/old/page.html"), Some("/old/page.html".into()));
        assert_eq!(alias_path("/a/b/"), Some("/a/b/".into()));
        for bad in [
            "old/",
            "/",
            "//evil.example/",
            "/../x/",
            "/a?b",
            "https://x/",
            "/a\\b",
        ] {
            assert_eq!(alias_path(bad), None, "{bad}");
        }
    }
}
