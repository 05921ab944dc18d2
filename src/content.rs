//! Load: reads `content/` into pages, sections and assets, and `data/` into template data.
//!
//! A Markdown file becomes a [`Page`]: its front matter is parsed and checked here, with every
//! error located in the Markdown file itself; its body is kept as text for the Markdown stage.
//! A folder with an `_index.md` is a section; `name/index.md` is a page that owns its folder's
//! other files. Every other file under `content/` is an asset, published at the same path.
//! Files are read in parallel; the result is sorted so the build does not depend on the order
//! the file system or the threads happen to produce.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, relative_to};
use crate::drafts::Drafts;
use crate::languages::Languages;
use crate::output::file_for;
use crate::sources::{self, Entry, SiteFolder};
use crate::yaml;

pub const CONTENT_DIR: &str = "content";
pub const DATA_DIR: &str = "data";

/// Front matter as written. Keys outside this list belong under `extra:`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    description: Option<String>,
    date: Option<Date>,
    updated: Option<Date>,
    weight: Option<i64>,
    template: Option<String>,
    draft: bool,
    tags: Vec<String>,
    summary: Option<String>,
    sort_by: Option<SortBy>,
    results: Option<String>,
    history: Option<bool>,
    aliases: Vec<String>,
    extra: Option<serde_json::Value>,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Lightest first, then by title.
    #[default]
    Weight,
    /// Newest first, then by title.
    Date,
    /// Alphabetical.
    Title,
}

/// A page's settings after checking.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FrontMatter {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub weight: i64,
    pub template: Option<String>,
    pub draft: bool,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub sort_by: SortBy,
    /// The survey whose published results this page shows.
    pub results: Option<String>,
    /// Whether the page shows its history from git (`history: false` hides it).
    pub history: bool,
    /// Earlier addresses of the page (`aliases:`), each published as a redirect to it.
    pub aliases: Vec<String>,
    pub extra: serde_json::Value,
}

impl FrontMatter {
    /// The settings of a page that gives only its title.
    pub fn titled(title: String) -> FrontMatter {
        FrontMatter {
            title,
            description: None,
            date: None,
            updated: None,
            weight: 0,
            template: None,
            draft: false,
            tags: Vec::new(),
            summary: None,
            sort_by: SortBy::default(),
            results: None,
            history: true,
            aliases: Vec::new(),
            extra: serde_json::Value::Object(Default::default()),
        }
    }
}

/// Whether a Markdown file is an ordinary page or a section's own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Page,
    Section,
}

/// One Markdown file, parsed as far as this stage goes.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file, relative to the site root (`content/standards.md`).
    pub source: PathBuf,
    pub kind: PageKind,
    /// The site path it is published at: `/`, `/audits/`, `/standards/`.
    pub path: String,
    pub front: FrontMatter,
    /// The whole file, so positions in the body can be reported as file lines and columns.
    pub text: String,
    /// Where the Markdown body starts in `text`.
    pub body_start: usize,
    /// Index of its language in `site.yaml`'s languages: 0, the default, unless its file name
    /// says otherwise (`page.fr.md`, see [`address_of`]).
    pub language: usize,
}

impl AsRef<Page> for Page {
    fn as_ref(&self) -> &Page {
        self
    }
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The site path of the section this page is listed in (`None` for the home page).
    pub fn parent_path(&self) -> Option<String> {
        if self.path == "/" {
            return None;
        }
        let trimmed = self.path.trim_end_matches('/');
        let cut = trimmed.rfind('/').unwrap_or(0);
        Some(trimmed[..=cut].to_owned())
    }

    /// The last modification date shown to readers: `updated`, else `date`.
    pub fn last_changed(&self) -> Option<Date> {
        self.front.updated.or(self.front.date)
    }
}

/// A non-Markdown file under `content/`, published as is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    /// The site path, e.g. `/escalation-route.svg`.
    pub path: String,
}

/// Everything under `content/` and `data/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Sorted by site path.
    pub pages: Vec<Page>,
    /// Sorted by site path.
    pub assets: Vec<Asset>,
    /// `data/kpis.yaml` is `data["kpis"]`.
    pub data: BTreeMap<String, serde_json::Value>,
    /// What `draft: true` left out of `pages` and `assets`.
    pub drafts: Drafts,
}

/// Reads the site's content and data files, reporting every problem found.
pub fn load(
    root: &Path,
    include_drafts: bool,
    languages: Option<&Languages>,
) -> (Content, Diagnostics) {
    let read = read(root, include_drafts, languages);
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(read.unreadable.into_values().flatten());
    diagnostics.extend(path_collisions(&read.content.pages, &read.content.assets));
    diagnostics.extend(read.problems);
    (read.content, diagnostics)
}

/// What [`read`] found, with the problems kept apart by cause, so that a later re-read of a few
/// pages can replace exactly the problems those pages had.
pub struct Read {
    pub content: Content,
    /// Markdown files that could not be read or whose front matter is wrong, by file.
    pub unreadable: BTreeMap<PathBuf, Diagnostics>,
    /// Problems listing `content/` or reading `data/`: no Markdown page can cause or fix them.
    pub problems: Diagnostics,
}

/// Reads the site's content and data files without checking how the pages fit together
/// (see [`path_collisions`]). The pages are in [`publishing_order`], each translation under
/// its language's prefix ([`address_of`]); with no `languages` (`site.yaml` unreadable),
/// every file is read as the default language's.
pub fn read(root: &Path, include_drafts: bool, languages: Option<&Languages>) -> Read {
    let mut problems = Diagnostics::new();
    let content_dir = root.join(CONTENT_DIR);
    let (markdown, mut assets, listing) = list_files(&content_dir, root);
    problems.extend(listing);

    // A file's address follows from its name, so the files are put in publishing order before
    // they are read and each page is read into its place: sorting the pages read, then placing
    // the translations and sorting again, moved every page twice (25 ms of waiting on one core
    // for a site of 20,000 pages).
    let mut addressed: Vec<(Address, PathBuf)> = markdown
        .into_par_iter()
        .map(|source| (address_of(&source, languages), source))
        .collect();
    addressed.sort_unstable_by(|(a, a_source), (b, b_source)| {
        a.path.cmp(&b.path).then_with(|| a_source.cmp(b_source))
    });
    let parsed: Vec<(PathBuf, Result<Page, Diagnostics>)> = addressed
        .into_par_iter()
        .map(|(address, source)| {
            let page = read_page_at(root, &source, address);
            (source, page)
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    let mut unreadable = BTreeMap::new();
    for (source, result) in parsed {
        match result {
            Ok(page) => pages.push(page),
            Err(found) => {
                unreadable.insert(source, found);
            }
        }
    }
    let drafts = Drafts::set_aside(&mut pages, &mut assets, include_drafts);

    let (data, data_problems) = load_data(root);
    problems.extend(data_problems);
    Read {
        content: Content {
            pages,
            assets,
            data,
            drafts,
        },
        unreadable,
        problems,
    }
}

/// The order pages are kept and published in: by site path, and for two files that claim the
/// same path (a collision, reported as an error) by file, as the folder walk finds them.
pub fn publishing_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    a.path.cmp(&b.path).then_with(|| a.source.cmp(&b.source))
}

/// Whether `relative` (to the site root) is a file that [`read`] would read as a page: a
/// visible `.md` file under `content/`.
pub fn is_page_source(relative: &Path) -> bool {
    relative.starts_with(CONTENT_DIR)
        && relative.extension().is_some_and(|ext| ext == "md")
        && !is_hidden(relative, Path::new(CONTENT_DIR))
}

/// Markdown files and assets under `dir`, as paths relative to `root`, in a stable order, and
/// the entries that must not be read ([`sources::walk_files`]).
fn list_files(dir: &Path, root: &Path) -> (Vec<PathBuf>, Vec<Asset>, Diagnostics) {
    let (files, problems) = sources::walk_files(root, dir, true);
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    for file in files {
        let source = relative_to(&file, root);
        if file.extension().is_some_and(|ext| ext == "md") {
            markdown.push(source);
        } else {
            let path = site_path_of_asset(&file, dir);
            assets.push(Asset { source, path });
        }
    }
    (markdown, assets, problems)
}

/// Editors' swap and backup files (`.page.md.swp`, `.DS_Store`) are never published.
fn is_hidden(path: &Path, dir: &Path) -> bool {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .components()
        .any(|c| sources::is_hidden_name(c.as_os_str()))
}

fn site_path_of_asset(path: &Path, content_dir: &Path) -> String {
    let relative = path.strip_prefix(content_dir).unwrap_or(path);
    format!("/{}", slash_path(relative))
}

/// A relative path with `/` separators whatever the platform.
pub fn slash_path(path: &Path) -> String {
    slash_str(path).into_owned()
}

/// [`slash_path`], borrowed from `path` when it already is one: on Unix, a path whose every
/// part is a name (no empty part, no `.`) reads the same joined by `/` as it is. Looked up
/// for each page of a build, a path then costs no allocation.
pub fn slash_str(path: &Path) -> Cow<'_, str> {
    if cfg!(unix)
        && let Some(text) = path.to_str()
        && text.split('/').all(|part| !part.is_empty() && part != ".")
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        path.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The site path a Markdown file is published at, and whether it is a section.
pub fn site_path_of_markdown(relative: &Path) -> (String, PageKind) {
    let stem = relative
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let parent = relative.parent().map(slash_path).unwrap_or_default();
    let folder = if parent.is_empty() {
        "/".to_owned()
    } else {
        format!("/{parent}/")
    };
    match stem.as_deref() {
        Some("_index") => (folder, PageKind::Section),
        Some("index") => (folder, PageKind::Page),
        Some(name) => (format!("{folder}{name}/"), PageKind::Page),
        None => (folder, PageKind::Page),
    }
}

/// Where a Markdown file is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub path: String,
    pub kind: PageKind,
    /// An index into `site.yaml`'s languages: 0, the default, unless the file name says
    /// otherwise.
    pub language: usize,
}

/// Where the Markdown file `source` (relative to the root) is published: a translation
/// (`standards.fr.md`) at its original's address under its language's prefix
/// (`/fr/standards/`), any other file where its name puts it. A name whose last dotted part is
/// no language of the site (`v1.2.md`) is an ordinary page; with no `languages`, so is every
/// name.
pub fn address_of(source: &Path, languages: Option<&Languages>) -> Address {
    let relative = source.strip_prefix(CONTENT_DIR).unwrap_or(source);
    let translated = languages
        .and_then(|languages| crate::translations::translation_address(relative, languages));
    if let Some((path, kind, language)) = translated {
        return Address {
            path,
            kind,
            language,
        };
    }
    let (path, kind) = site_path_of_markdown(relative);
    Address {
        path,
        kind,
        language: 0,
    }
}

/// Reads and parses the page at `source` (relative to `root`), draft or not ([`Drafts`]),
/// placed by [`address_of`].
pub fn read_page(
    root: &Path,
    source: &Path,
    languages: Option<&Languages>,
) -> Result<Page, Diagnostics> {
    read_page_at(root, source, address_of(source, languages))
}

/// Reads and parses the page at `source`, published at `address`.
fn read_page_at(root: &Path, source: &Path, address: Address) -> Result<Page, Diagnostics> {
    let text = crate::source_text::read(&root.join(source), source)?;
    let mut page = parse_page(source, text, address.path, address.kind)?;
    page.language = address.language;
    Ok(page)
}

/// Parses a Markdown file's text: splits and checks its front matter.
pub fn parse_page(
    source: &Path,
    text: String,
    path: String,
    kind: PageKind,
) -> Result<Page, Diagnostics> {
    let split = split_front_matter(&text).map_err(|problem| problem.into_diagnostic(source))?;
    let raw: RawFrontMatter = yaml::parse_all(split.yaml(&text), source, split.yaml_line)?;
    let front = resolve_front_matter(raw, source, &text, &split)?;
    Ok(Page {
        source: source.to_path_buf(),
        kind,
        path,
        front,
        body_start: split.body_start,
        text,
        language: 0,
    })
}

/// The Markdown body of a file's text: what follows its front matter (all of it when the
/// front matter is missing or not closed). Reads no YAML.
pub fn body_of(text: &str) -> &str {
    split_front_matter(text).map_or(text, |split| &text[split.body_start..])
}

/// Where the front matter and the body are in a file.
struct Split {
    yaml_start: usize,
    yaml_end: usize,
    /// 1-based line of the first YAML line.
    yaml_line: usize,
    body_start: usize,
}

impl Split {
    fn yaml<'t>(&self, text: &'t str) -> &'t str {
        &text[self.yaml_start..self.yaml_end]
    }
}

enum SplitProblem {
    NoOpening,
    NotClosed,
    /// TOML between `+++` lines, as Hugo and Zola write it; carries the YAML to write instead.
    Toml(String),
}

impl SplitProblem {
    fn into_diagnostic(self, source: &Path) -> Diagnostic {
        match self {
            SplitProblem::NoOpening => Diagnostic::error(
                "front-matter",
                source,
                "the file does not start with front matter",
            )
            .at(1, 1)
            .with_hint(
                "begin the file with a `---` line, then `title: ...`, then another `---` line",
            ),
            SplitProblem::Toml(yaml) => Diagnostic::error(
                "front-matter",
                source,
                "the front matter is TOML between `+++` lines (as Hugo and Zola write it); \
                 Candor reads YAML between `---` lines",
            )
            .at(1, 1)
            .with_hint(format!("write it as:\n---\n{yaml}---")),
            SplitProblem::NotClosed => {
                Diagnostic::error("front-matter", source, "the front matter is never closed")
                    .at(1, 1)
                    .with_hint("did you forget the closing `---` line after the front matter?")
            }
        }
    }
}

/// The YAML equivalent of simple TOML front matter (`key = value` lines and `[table]` headers,
/// up to the closing `+++`), for the hint that shows a Hugo or Zola user what to write. Values
/// are kept as written: TOML strings, numbers, dates, booleans and arrays read the same in YAML.
fn toml_as_yaml(after_opening: &str) -> String {
    let mut yaml = String::new();
    let mut indent = "";
    for line in after_opening.lines().take(40) {
        let line = crate::escape::terminal(line.trim(), 200);
        let line = line.as_str();
        if line == "+++" {
            break;
        }
        if let Some(table) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            yaml.push_str(&format!("{}:\n", table.trim()));
            indent = "  ";
        } else if let Some((key, value)) = line.split_once('=') {
            yaml.push_str(&format!("{indent}{}: {}\n", key.trim(), value.trim()));
        } else if !line.is_empty() {
            yaml.push_str(&format!("{indent}{line}\n"));
        }
    }
    yaml
}

fn split_front_matter(text: &str) -> Result<Split, SplitProblem> {
    let after_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - after_bom.len();
    let first_line_end = after_bom.find('\n').map_or(after_bom.len(), |i| i + 1);
    match after_bom[..first_line_end].trim_end() {
        "---" => {}
        "+++" => {
            return Err(SplitProblem::Toml(toml_as_yaml(
                &after_bom[first_line_end..],
            )));
        }
        _ => return Err(SplitProblem::NoOpening),
    }
    let yaml_start = bom + first_line_end;
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        if text[line_start..line_end].trim_end() == "---" {
            return Ok(Split {
                yaml_start,
                yaml_end: line_start,
                yaml_line: 2,
                body_start: line_end,
            });
        }
        line_start = line_end;
    }
    Err(SplitProblem::NotClosed)
}

fn resolve_front_matter(
    raw: RawFrontMatter,
    source: &Path,
    text: &str,
    split: &Split,
) -> Result<FrontMatter, Diagnostics> {
    let title = match raw.title {
        Some(title) if !title.trim().is_empty() => title,
        Some(_) => {
            let line = key_line(text, split, "title").unwrap_or(1);
            return Err(
                Diagnostic::error("missing-title", source, "`title` is empty")
                    .at(line, 1)
                    .with_hint("give the page a title: `title: Code of conduct`")
                    .into(),
            );
        }
        None => {
            return Err(Diagnostic::error(
                "missing-title",
                source,
                "the front matter has no `title`",
            )
            .at(1, 1)
            .with_hint("add a line such as `title: Code of conduct` between the `---` lines")
            .into());
        }
    };
    Ok(FrontMatter {
        title,
        description: raw.description,
        date: raw.date,
        updated: raw.updated,
        weight: raw.weight.unwrap_or(0),
        template: raw.template,
        draft: raw.draft,
        tags: raw.tags,
        summary: raw.summary,
        sort_by: raw.sort_by.unwrap_or_default(),
        results: raw.results,
        history: raw.history.unwrap_or(true),
        aliases: raw.aliases,
        extra: raw
            .extra
            .unwrap_or_else(|| serde_json::Value::Object(Default::default())),
    })
}

/// The 1-based file line on which top-level front-matter `key` is set, for locating problems
/// that are found after parsing (an unknown template, an empty title).
pub fn front_matter_key_line(page: &Page, key: &str) -> usize {
    split_front_matter(&page.text)
        .ok()
        .and_then(|split| key_line(&page.text, &split, key))
        .unwrap_or(1)
}

fn key_line(text: &str, split: &Split, key: &str) -> Option<usize> {
    split
        .yaml(text)
        .lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|index| split.yaml_line + index)
}

/// Two files published as the same file (`/a/` and `/a/index.html` are one): the second one
/// found is reported.
pub fn path_collisions<P: AsRef<Page>>(pages: &[P], assets: &[Asset]) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let mut owners: HashMap<String, &Path, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(pages.len() + assets.len(), Default::default());
    let sources = pages
        .iter()
        .map(AsRef::as_ref)
        .map(|p| (p.path.as_str(), p.source.as_path()))
        .chain(assets.iter().map(|a| (a.path.as_str(), a.source.as_path())));
    for (path, source) in sources {
        if let Some(first) = owners.insert(file_for(path), source) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-path",
                    source,
                    format!(
                        "publishes at {path}, which {} already does",
                        first.display()
                    ),
                )
                .with_hint("rename or move one of the two files"),
            );
        }
    }
    diagnostics
}

/// Reads every `data/**/*.yaml` file into a value templates can use.
fn load_data(root: &Path) -> (BTreeMap<String, serde_json::Value>, Diagnostics) {
    let mut data = BTreeMap::new();
    let mut diagnostics = Diagnostics::new();
    let dir = root.join(DATA_DIR);
    let site = SiteFolder::new(root);
    if let Err(refused) = site.check_folder(&dir) {
        diagnostics.push(refused);
        return (data, diagnostics);
    }
    if !dir.is_dir() {
        return (data, diagnostics);
    }
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .min_depth(1)
        .max_depth(1)
    {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let is_yaml = path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml");
        if !is_yaml {
            continue;
        }
        match site.classify(path, entry.file_type()) {
            Ok(Entry::File) => {}
            Ok(Entry::Folder) => continue,
            Err(refused) => {
                diagnostics.push(refused);
                continue;
            }
        }
        let source = relative_to(path, root);
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed = crate::source_text::read(path, &source)
            .and_then(|text| yaml::parse::<serde_json::Value>(&text, &source, 1));
        match parsed {
            Ok(value) => {
                data.insert(name, value);
            }
            Err(problem) => diagnostics.push(problem),
        }
    }
    (data, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slash_path_is_borrowed_only_when_it_reads_the_same_as_its_parts_joined() {
        let joined = |path: &str| {
            (Path::new(path).components())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        };
        for path in [
            "content/a.md",
            "content//a.md",
            "content/./a.md",
            "./content/a.md",
            "content/a/",
            "/content/a.md",
            "content/../a.md",
            ".",
            "",
            "..",
            "a/.",
            "dossier été/ü.fr.md",
        ] {
            assert_eq!(slash_str(Path::new(path)), joined(path), "{path}");
        }
        if cfg!(unix) {
            assert!(matches!(
                slash_str(Path::new("content/s00/p1.fr.md")),
                Cow::Borrowed(_)
            ));
            assert!(matches!(
                slash_str(Path::new("content//a.md")),
                Cow::Owned(_)
            ));
        }
    }

    fn parse(text: &str) -> Result<Page, Diagnostics> {
        parse_page(
            Path::new("content/a.md"),
            text.to_owned(),
            "/a/".to_owned(),
            PageKind::Page,
        )
    }

    fn first_error(text: &str) -> Diagnostic {
        parse(text).unwrap_err().into_vec().remove(0)
    }

    #[test]
    fn markdown_paths_are_pretty_urls() {
        let cases = [
            ("_index.md", "/", PageKind::Section),
            ("audits/_index.md", "/audits/", PageKind::Section),
            ("code-of-conduct.md", "/code-of-conduct/", PageKind::Page),
            ("audits/2026.md", "/audits/2026/", PageKind::Page),
            ("guide/index.md", "/guide/", PageKind::Page),
        ];
        for (file, path, kind) in cases {
            assert_eq!(
                site_path_of_markdown(Path::new(file)),
                (path.to_owned(), kind)
            );
        }
    }

    #[test]
    fn body_follows_front_matter() {
        let page = parse("---\ntitle: A\nweight: 3\n---\n# Hello\n").unwrap();
        assert_eq!(page.front.title, "A");
        assert_eq!(page.front.weight, 3);
        assert_eq!(page.body(), "# Hello\n");
    }

    #[test]
    fn toml_front_matter_is_recognised_and_shown_as_yaml() {
        let error = first_error(
            "+++\ntitle = \"Training\"\ndate = 2026-03-01\ntags = [\"a\", \"b\"]\n[extra]\nowner = \"HR\"\n+++\nText\n",
        );
        assert_eq!(
            error.to_string(),
            "content/a.md:1:1: error: the front matter is TOML between `+++` lines (as Hugo and \
             Zola write it); Candor reads YAML between `---` lines\n  hint: write it as:\n---\n\
             title: \"Training\"\ndate: 2026-03-01\ntags: [\"a\", \"b\"]\nextra:\n  owner: \"HR\"\n---"
        );
    }

    #[test]
    fn unknown_key_is_reported_at_its_line_in_the_markdown_file() {
        let error = first_error("---\ntitle: A\nauthor: B\n---\n");
        assert_eq!((error.line, error.column), (3, 1), "{error}");
        assert!(error.message.contains("author"), "{error}");
    }

    #[test]
    fn missing_title_and_unclosed_front_matter_teach_the_fix() {
        let error = first_error("---\nweight: 1\n---\n");
        assert_eq!(error.code, "missing-title");
        let error = first_error("---\ntitle: A\n# Body\n");
        assert!(error.hint.unwrap().contains("closing `---`"));
        let error = first_error("# No front matter\n");
        assert_eq!(error.line, 1);
    }

    #[test]
    fn bad_date_is_located() {
        let error = first_error("---\ntitle: A\ndate: 2026-02-30\n---\n");
        assert_eq!(error.line, 3, "{error}");
        assert!(error.message.contains("YYYY-MM-DD"), "{error}");
    }

    #[test]
    fn parent_path_of_nested_pages() {
        let page = parse("---\ntitle: A\n---\n").unwrap();
        assert_eq!(page.parent_path().as_deref(), Some("/"));
    }
}
