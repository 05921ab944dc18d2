//! Links: resolving what editors write to what readers follow, and checking every internal one.
//!
//! Editors write internal links as site paths (`/standards/#listen`), or as relative paths to
//! files (`standards.md#listen`, `diagram.svg`) so that links also work when the Markdown is read
//! on a code-hosting site. Either way the published link is root-relative under the site's base
//! path, and the build fails if it names a page, file or heading that does not exist. The check
//! is a set lookup per link: linear in the number of links, whatever the number of pages.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::content::{PageKind, site_path_of_markdown, slash_path};

/// What a link in a page points at, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Another site, an email address, a phone number: published as written, not checked.
    External,
    /// Somewhere in this site.
    Internal {
        /// The site path of the target, or `None` for a `#fragment` on the same page.
        path: Option<String>,
        fragment: Option<String>,
        /// The link as published.
        href: String,
    },
    /// A relative link that climbs out of `content/`.
    OutsideSite,
}

/// Resolves `dest` as written in the Markdown file `source` (relative to the site root).
pub fn resolve(dest: &str, source: &Path, base_path: &str) -> Resolved {
    if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
        return Resolved::External;
    }
    let (without_fragment, fragment) = match dest.split_once('#') {
        Some((before, after)) => (before, Some(after.to_owned())),
        None => (dest, None),
    };
    let path_part = without_fragment
        .split_once('?')
        .map_or(without_fragment, |(before, _)| before);
    if path_part.is_empty() {
        return Resolved::Internal {
            path: None,
            href: dest.to_owned(),
            fragment,
        };
    }
    let site_path = if let Some(absolute) = path_part.strip_prefix('/') {
        format!("/{absolute}")
    } else {
        match resolve_relative(path_part, source) {
            Some(path) => path,
            None => return Resolved::OutsideSite,
        }
    };
    let mut href = format!("{}{}", base_path, site_path.trim_start_matches('/'));
    if let Some(fragment) = &fragment {
        href.push('#');
        href.push_str(fragment);
    }
    Resolved::Internal {
        path: Some(site_path),
        fragment,
        href,
    }
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Resolves a relative file link against the folder of `source`, within `content/`.
fn resolve_relative(link: &str, source: &Path) -> Option<String> {
    let content_relative = source.strip_prefix(crate::content::CONTENT_DIR).ok()?;
    let mut resolved = PathBuf::new();
    let folder = content_relative.parent().unwrap_or(Path::new(""));
    for component in folder.join(link).components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::ParentDir => {
                if !resolved.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if resolved.extension().is_some_and(|ext| ext == "md") {
        let (path, _kind): (String, PageKind) = site_path_of_markdown(&resolved);
        Some(path)
    } else {
        let mut path = format!("/{}", slash_path(&resolved));
        if link.ends_with('/') && !path.ends_with('/') {
            path.push('/');
        }
        Some(path)
    }
}

/// Every path the build publishes and every `id` each page carries. It borrows what it can
/// from the build, so that making one for 10,000 pages copies no strings, and a link costs one
/// lookup with a fast hash (site paths are the editors' own, not hostile input).
#[derive(Debug, Default)]
pub struct SiteMap<'a> {
    entries: HashMap<Cow<'a, str>, Entry<'a>, foldhash::fast::RandomState>,
}

/// What the site map knows of one path.
#[derive(Debug, Default)]
struct Entry<'a> {
    published: bool,
    /// A page that exists but failed to read or render: any `#fragment` on it is accepted.
    unverifiable: bool,
    anchors: Vec<Cow<'a, Anchors>>,
}

/// The `id`s one page carries, sorted so that a lookup is a binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors(Vec<String>);

impl Anchors {
    /// The `id`s in rendered HTML (see [`collect_ids`]).
    pub fn of_html(html: &str) -> Anchors {
        Anchors::from_ids(collect_ids(html))
    }

    pub fn from_ids(ids: impl IntoIterator<Item = String>) -> Anchors {
        let mut ids: Vec<String> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        Anchors(ids)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.0
            .binary_search_by(|known| known.as_str().cmp(id))
            .is_ok()
    }
}

/// Why an internal link does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    NoSuchPath,
    NoSuchAnchor,
}

impl<'a> SiteMap<'a> {
    /// A map with room for `paths` paths without growing: a 10,000-page site would otherwise
    /// copy its table a dozen times while it is made, on every save in `candor serve`.
    pub fn with_capacity(paths: usize) -> SiteMap<'a> {
        SiteMap {
            entries: HashMap::with_capacity_and_hasher(paths, Default::default()),
        }
    }

    /// Records a published path (`/standards/`, `/style.css`).
    pub fn add_path(&mut self, path: impl Into<Cow<'a, str>>) {
        self.entries.entry(path.into()).or_default().published = true;
    }

    /// Records a page that exists but whose content is unknown (it could not be read or
    /// rendered): links to it, with any fragment, are not reported.
    pub fn add_unverifiable(&mut self, path: impl Into<Cow<'a, str>>) {
        let entry = self.entries.entry(path.into()).or_default();
        entry.published = true;
        entry.unverifiable = true;
    }

    /// Records `id`s the page at `path` carries, for `#fragment` checks.
    pub fn add_anchors(&mut self, path: impl Into<Cow<'a, str>>, anchors: Cow<'a, Anchors>) {
        self.entries
            .entry(path.into())
            .or_default()
            .anchors
            .push(anchors);
    }

    /// Checks a resolved internal link found on the page at `from`.
    pub fn check(
        &self,
        from: &str,
        path: Option<&str>,
        fragment: Option<&str>,
    ) -> Result<(), Broken> {
        let target = match path {
            None => self.entries.get(from),
            Some(path) => Some(self.find(path).ok_or(Broken::NoSuchPath)?),
        };
        match fragment {
            None | Some("") | Some("top") => Ok(()),
            Some(id) => {
                // Browsers percent-encode a non-ASCII fragment when it is copied from the
                // address bar: `#%E0%A4%86…` names the heading `#आ…`.
                let decoded = id
                    .contains('%')
                    .then(|| percent_encoding::percent_decode_str(id).decode_utf8().ok())
                    .flatten();
                let known = target.is_some_and(|entry| {
                    entry.unverifiable
                        || entry.anchors.iter().any(|anchors| {
                            anchors.contains(id)
                                || decoded.as_deref().is_some_and(|id| anchors.contains(id))
                        })
                });
                if known {
                    Ok(())
                } else {
                    Err(Broken::NoSuchAnchor)
                }
            }
        }
    }

    /// The published path a link lands on: exact, a folder without its trailing slash, or a
    /// folder's `index.html` spelled out.
    fn find(&self, path: &str) -> Option<&Entry<'a>> {
        let published = |path: &str| self.entries.get(path).filter(|entry| entry.published);
        if let Some(entry) = published(path) {
            return Some(entry);
        }
        let as_folder = format!("{}/", path.trim_end_matches('/'));
        if let Some(entry) = published(&as_folder) {
            return Some(entry);
        }
        published(path.strip_suffix("index.html")?)
    }
}

/// The values of every `id="…"` attribute in rendered HTML, so that links can target anchors
/// made by templates (a KPI row, an escalation step) as well as Markdown headings. This reads
/// the HTML; it never rewrites it.
///
/// Every page's whole HTML passes through here, so the search uses memchr's vectorised
/// substring finder: `str::find` with a string pattern cost a tenth of the build's CPU time.
pub fn collect_ids(html: &str) -> Vec<String> {
    const ATTRIBUTE: &[u8] = b" id=\"";
    let bytes = html.as_bytes();
    let mut ids = Vec::new();
    let mut from = 0;
    for at in memchr::memmem::find_iter(bytes, ATTRIBUTE) {
        if at < from {
            // Inside the value of the previous attribute.
            continue;
        }
        let start = at + ATTRIBUTE.len();
        let Some(length) = memchr::memchr(b'"', &bytes[start..]) else {
            break;
        };
        ids.push(html[start..start + length].to_owned());
        from = start + length;
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(dest: &str, source: &str) -> (Option<String>, Option<String>, String) {
        match resolve(dest, Path::new(source), "/hub/") {
            Resolved::Internal {
                path,
                fragment,
                href,
            } => (path, fragment, href),
            other => panic!("{dest}: {other:?}"),
        }
    }

    #[test]
    fn external_links_are_left_alone() {
        for dest in [
            "https://example.org/",
            "mailto:a@b.org",
            "tel:+100",
            "//cdn.example",
        ] {
            assert_eq!(
                resolve(dest, Path::new("content/a.md"), "/"),
                Resolved::External
            );
        }
    }

    #[test]
    fn site_paths_get_the_base_path() {
        let (path, fragment, href) = internal("/standards/#listen", "content/a.md");
        assert_eq!(path.as_deref(), Some("/standards/"));
        assert_eq!(fragment.as_deref(), Some("listen"));
        assert_eq!(href, "/hub/standards/#listen");
    }

    #[test]
    fn relative_markdown_links_become_pretty_urls() {
        let (path, _, href) = internal("../standards.md#act", "content/audits/x.md");
        assert_eq!(path.as_deref(), Some("/standards/"));
        assert_eq!(href, "/hub/standards/#act");
        let (path, _, _) = internal("_index.md", "content/audits/x.md");
        assert_eq!(path.as_deref(), Some("/audits/"));
        let (path, _, _) = internal("route.svg", "content/escalation.md");
        assert_eq!(path.as_deref(), Some("/route.svg"));
    }

    #[test]
    fn climbing_out_of_content_is_reported() {
        assert_eq!(
            resolve("../../secret.md", Path::new("content/a.md"), "/"),
            Resolved::OutsideSite
        );
    }

    #[test]
    fn site_map_checks_paths_and_anchors() {
        let mut map = SiteMap::default();
        map.add_path("/standards/");
        map.add_anchors(
            "/standards/",
            Cow::Owned(Anchors::from_ids(["listen".to_owned()])),
        );
        assert_eq!(map.check("/a/", Some("/standards"), Some("listen")), Ok(()));
        assert_eq!(
            map.check("/a/", Some("/standards/index.html"), None),
            Ok(())
        );
        assert_eq!(
            map.check("/a/", Some("/nope/"), None),
            Err(Broken::NoSuchPath)
        );
        assert_eq!(
            map.check("/a/", Some("/standards/"), Some("speak")),
            Err(Broken::NoSuchAnchor)
        );
        assert_eq!(map.check("/standards/", None, Some("listen")), Ok(()));
    }

    #[test]
    fn a_percent_encoded_fragment_matches_the_id_it_decodes_to() {
        let mut map = SiteMap::default();
        map.add_path("/hi/");
        map.add_anchors(
            "/hi/",
            Cow::Owned(Anchors::from_ids(["आचार-संहिता".to_owned()])),
        );
        let encoded = "%E0%A4%86%E0%A4%9A%E0%A4%BE%E0%A4%B0-%E0%A4%B8%E0%A4%82%E0%A4%B9%E0%A4%BF%E0%A4%A4%E0%A4%BE";
        assert_eq!(map.check("/a/", Some("/hi/"), Some(encoded)), Ok(()));
        assert_eq!(
            map.check("/a/", Some("/hi/"), Some("%E0%A4%86")),
            Err(Broken::NoSuchAnchor)
        );
        // Not valid UTF-8 once decoded: no id can match it.
        assert_eq!(
            map.check("/a/", Some("/hi/"), Some("%FF")),
            Err(Broken::NoSuchAnchor)
        );
    }

    #[test]
    fn ids_are_collected_from_html() {
        let html = r#"<h2 id="a">A</h2><p>x</p><tr id="kpi-1"><div class="x" id="">"#;
        assert_eq!(collect_ids(html), ["a", "kpi-1", ""]);
        // A value is read up to its closing quote; an unclosed one at the end is ignored.
        assert_eq!(collect_ids(r#"<a id="b id="c"> <b id="open"#), ["b id="]);
    }
}
