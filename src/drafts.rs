//! Drafts: what `draft: true` keeps out of a build, and how links to it are explained.
//!
//! A page marked `draft: true` is left out; a section (`_index.md`) or a page that owns its
//! folder (`index.md`) marked so takes its whole folder with it — pages, subsections, images,
//! files — so a half-written part of the site is never published piecemeal. What was left out
//! is remembered by site path, so that a published link to it can say "leads to a draft"
//! instead of "does not exist", and name the file that holds `draft: true`. With `--drafts`
//! nothing is left out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::{Asset, Page, PageKind};
use crate::output::file_for;

/// One thing left out of the build as a draft.
#[derive(Debug, Clone)]
struct Draft {
    /// The file left out.
    source: PathBuf,
    /// The Markdown file that says `draft: true`: the page itself, or its folder's.
    marked_by: PathBuf,
}

/// What `draft: true` leaves out of a build.
#[derive(Debug, Clone, Default)]
pub struct Drafts {
    /// Whether drafts are left out at all (not with `--drafts`).
    leave_out: bool,
    /// Folders left out whole, each with the file that marks it, outermost first.
    folders: Vec<(PathBuf, PathBuf)>,
    /// What was left out, by the file it would have been published as.
    by_file: HashMap<String, Draft>,
}

impl Drafts {
    /// Takes the drafts out of `pages` and `assets` (all of them read from `content/`), unless
    /// `include_drafts`; remembers what it took.
    pub fn set_aside(
        pages: &mut Vec<Page>,
        assets: &mut Vec<Asset>,
        include_drafts: bool,
    ) -> Drafts {
        let mut drafts = Drafts {
            leave_out: !include_drafts,
            ..Drafts::default()
        };
        if include_drafts {
            return drafts;
        }
        drafts.folders = pages
            .iter()
            .filter(|page| page.front.draft && owns_folder(page))
            .filter_map(|page| Some((page.source.parent()?.to_path_buf(), page.source.clone())))
            .collect();
        drafts.folders.sort();
        pages.retain(|page| match drafts.marker_of(page) {
            Some(marked_by) => {
                drafts.remember(&page.path, &page.source, marked_by);
                false
            }
            None => true,
        });
        assets.retain(|asset| match drafts.folder_marker(&asset.source) {
            Some(marked_by) => {
                drafts.remember(&asset.path, &asset.source, marked_by);
                false
            }
            None => true,
        });
        drafts
    }

    /// Forgets what was left out of the file `source`, before it is read again (a save in
    /// `candor serve`).
    pub fn forget(&mut self, source: &Path) {
        self.by_file.retain(|_, draft| draft.source != source);
    }

    /// Returns `page`, just read again, unless it is a draft to leave out.
    pub fn admit(&mut self, page: Page) -> Option<Page> {
        match self.marker_of(&page) {
            Some(marked_by) => {
                self.remember(&page.path, &page.source, marked_by);
                None
            }
            None => Some(page),
        }
    }

    /// Whether reading `page` again can change which folders are left out: it marks a folder
    /// as a draft now, or did (it is `None` when the file is gone or unreadable).
    pub fn folders_change_with(&self, source: &Path, page: Option<&Page>) -> bool {
        if !self.leave_out {
            return false;
        }
        let marked_now = page.is_some_and(|page| page.front.draft && owns_folder(page));
        let marked_before = self.folders.iter().any(|(_, marker)| marker == source);
        marked_now != marked_before
    }

    /// The file that says `draft: true` for the published site path `path`, when what is
    /// there was left out as a draft. Matches paths as the link check does.
    pub fn marked_by(&self, path: &str) -> Option<&Path> {
        let found = |path: &str| self.by_file.get(&file_for(path));
        found(path)
            .or_else(|| found(&format!("{}/", path.trim_end_matches('/'))))
            .map(|draft| draft.marked_by.as_path())
    }

    fn remember(&mut self, path: &str, source: &Path, marked_by: PathBuf) {
        let draft = Draft {
            source: source.to_path_buf(),
            marked_by,
        };
        self.by_file.insert(file_for(path), draft);
    }

    /// The file that makes `page` a draft, if it is one to leave out.
    fn marker_of(&self, page: &Page) -> Option<PathBuf> {
        if !self.leave_out {
            return None;
        }
        if page.front.draft {
            return Some(page.source.clone());
        }
        self.folder_marker(&page.source)
    }

    /// The marking file of the outermost draft folder `source` is in.
    fn folder_marker(&self, source: &Path) -> Option<PathBuf> {
        self.folders
            .iter()
            .find(|(folder, marker)| source != marker && source.starts_with(folder))
            .map(|(_, marker)| marker.clone())
    }
}

/// Whether `page` speaks for its whole folder: a section's `_index.md`, or a page's `index.md`.
/// A translation never does (`_index.fr.md` with `draft: true` keeps the French section page
/// out, not the English pages beside it).
fn owns_folder(page: &Page) -> bool {
    page.language == 0
        && (page.kind == PageKind::Section
            || page.source.file_stem().is_some_and(|stem| stem == "index"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{parse_page, site_path_of_markdown};

    fn page(source: &str, draft: bool) -> Page {
        let relative = Path::new(source).strip_prefix("content").unwrap();
        let (path, kind) = site_path_of_markdown(relative);
        let text = format!("---\ntitle: T\ndraft: {draft}\n---\n");
        parse_page(Path::new(source), text, path, kind).unwrap()
    }

    fn asset(source: &str) -> Asset {
        Asset {
            source: source.into(),
            path: source.trim_start_matches("content").to_owned(),
        }
    }

    #[test]
    fn a_draft_section_takes_everything_below_it() {
        let mut pages = vec![
            page("content/_index.md", false),
            page("content/plans/_index.md", true),
            page("content/plans/a.md", false),
            page("content/plans/sub/_index.md", false),
            page("content/plans/sub/b.md", false),
            page("content/plansb.md", false),
            page("content/solo.md", true),
        ];
        let mut assets = vec![asset("content/plans/chart.png"), asset("content/logo.png")];
        let drafts = Drafts::set_aside(&mut pages, &mut assets, false);
        let kept: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(kept, ["/", "/plansb/"]);
        assert_eq!(assets.len(), 1);
        let marker = Some(Path::new("content/plans/_index.md"));
        assert_eq!(drafts.marked_by("/plans/sub/b/"), marker);
        assert_eq!(drafts.marked_by("/plans/sub"), marker);
        assert_eq!(drafts.marked_by("/plans/chart.png"), marker);
        assert_eq!(drafts.marked_by("/plans/"), marker);
        assert_eq!(
            drafts.marked_by("/solo/"),
            Some(Path::new("content/solo.md"))
        );
        assert_eq!(drafts.marked_by("/plansb/"), None);
    }

    #[test]
    fn a_draft_translation_of_a_section_leaves_out_only_itself() {
        let mut french = page("content/plans/_index.fr.md", true);
        (french.path, french.kind, french.language) = ("/fr/plans/".into(), PageKind::Section, 1);
        let mut pages = vec![
            page("content/plans/_index.md", false),
            page("content/plans/a.md", false),
            french,
        ];
        let drafts = Drafts::set_aside(&mut pages, &mut Vec::new(), false);
        let kept: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(kept, ["/plans/", "/plans/a/"]);
        assert_eq!(
            drafts.marked_by("/fr/plans/"),
            Some(Path::new("content/plans/_index.fr.md"))
        );
        assert_eq!(drafts.marked_by("/plans/a/"), None);
    }

    #[test]
    fn with_drafts_nothing_is_left_out() {
        let mut pages = vec![
            page("content/plans/_index.md", true),
            page("content/plans/a.md", false),
        ];
        let mut assets = vec![asset("content/plans/chart.png")];
        let drafts = Drafts::set_aside(&mut pages, &mut assets, true);
        assert_eq!((pages.len(), assets.len()), (2, 1));
        assert_eq!(drafts.marked_by("/plans/a/"), None);
    }
}
