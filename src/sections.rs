//! Sections: which pages each section lists, in which order, and which sections are empty.
//!
//! A folder with an `_index.md` is a section; a page belongs to the nearest section above it
//! (a folder without `_index.md` is transparent). Computed from the page list alone, in time
//! linear in the number of pages, so a preview can recompute it after every save.

use crate::content::{Page, PageKind, SortBy};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};

/// A section's children, as indexes into `content.pages`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SectionTree {
    pub(crate) page: usize,
    pub(crate) pages: Vec<usize>,
    pub(crate) subsections: Vec<usize>,
}

/// Finds each section's pages and subsections: a page belongs to the nearest section above it.
pub(crate) fn section_trees<P: AsRef<Page>>(pages: &[P]) -> Vec<SectionTree> {
    let section_index: std::collections::HashMap<&str, usize, foldhash::fast::RandomState> = pages
        .iter()
        .map(AsRef::as_ref)
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Section)
        .map(|(i, p)| (p.path.as_str(), i))
        .collect();
    let mut trees: std::collections::BTreeMap<usize, SectionTree> = section_index
        .values()
        .map(|&i| {
            (
                i,
                SectionTree {
                    page: i,
                    ..SectionTree::default()
                },
            )
        })
        .collect();
    for (index, page) in pages.iter().map(AsRef::as_ref).enumerate() {
        let mut parent = parent_of_path(&page.path);
        while let Some(path) = parent {
            // A page is listed only by a section of its own language (`/fr/` does not list
            // under `/`); on a site in one language every page is in language 0.
            if let Some(&section) = section_index.get(path)
                && pages[section].as_ref().language == page.language
            {
                let tree = trees
                    .get_mut(&section)
                    .expect("every section index has a tree");
                match page.kind {
                    PageKind::Page => tree.pages.push(index),
                    PageKind::Section => tree.subsections.push(index),
                }
                break;
            }
            parent = parent_of_path(path);
        }
    }
    let mut trees: Vec<SectionTree> = trees.into_values().collect();
    for tree in &mut trees {
        let sort_by = pages[tree.page].as_ref().front.sort_by;
        sort_pages(&mut tree.pages, pages, sort_by);
        sort_pages(&mut tree.subsections, pages, SortBy::Weight);
    }
    trees
}

/// The folder above a site path: `/a/b/` → `/a/`, `/a/` → `/`, `/` → none.
fn parent_of_path(path: &str) -> Option<&str> {
    if path == "/" {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    Some(&trimmed[..=trimmed.rfind('/')?])
}

fn sort_pages<P: AsRef<Page>>(indexes: &mut [usize], pages: &[P], sort_by: SortBy) {
    indexes.sort_by(|&a, &b| {
        let (a, b) = (pages[a].as_ref(), pages[b].as_ref());
        let primary = match sort_by {
            SortBy::Weight => a.front.weight.cmp(&b.front.weight),
            SortBy::Date => b.front.date.cmp(&a.front.date),
            SortBy::Title => std::cmp::Ordering::Equal,
        };
        primary
            .then_with(|| a.front.title.cmp(&b.front.title))
            .then_with(|| a.path.cmp(&b.path))
    });
}

/// An empty site or an empty section is probably a mistake: say so, but build.
/// `found` without the warnings that a section (or the site) is empty when Markdown files that
/// could not be read lie there: it has pages, only broken ones, whose own errors say so.
pub(crate) fn not_empty_when_unread(
    found: Diagnostics,
    unreadable: &std::collections::BTreeMap<std::path::PathBuf, Diagnostics>,
) -> Vec<Diagnostic> {
    if unreadable.is_empty() {
        return found.into_vec();
    }
    let holds_unread = |section: &std::path::Path| {
        let folder = section.parent();
        unreadable.keys().any(|source| source.parent() == folder)
    };
    found
        .into_iter()
        .filter(|problem| match (problem.code, &problem.file) {
            ("empty-site", _) => false,
            ("empty-section", Some(section)) => !holds_unread(section),
            _ => true,
        })
        .collect()
}

pub(crate) fn empty_warnings<P: AsRef<Page>>(pages: &[P], sections: &[SectionTree]) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    if !pages
        .iter()
        .any(|page| page.as_ref().kind == PageKind::Page)
    {
        warnings.push(
            Diagnostic::general(
                Severity::Warning,
                "empty-site",
                "the site has no pages, only sections",
            )
            .with_hint("add Markdown files under content/, e.g. content/code-of-conduct.md"),
        );
    }
    for tree in sections {
        let section = pages[tree.page].as_ref();
        if section.path != "/" && tree.pages.is_empty() && tree.subsections.is_empty() {
            warnings.push(
                Diagnostic::warning(
                    "empty-section",
                    &section.source,
                    "this section has no pages",
                )
                .with_hint("add Markdown files beside it, or remove the folder"),
            );
        }
    }
    warnings
}
