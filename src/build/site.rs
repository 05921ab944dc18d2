//! What the load stage hands to the later stages: the site as records, one per page and one per
//! survey, each holding everything derived from its file.
//!
//! A page's parsed file, its rendered Markdown and its revision used to be three vectors kept in
//! step by hand (`pages[i]`, `markdown[i]`, `revisions[i]`); inserting or removing a page in one
//! and not the others would have published one page's HTML under another's name. A record
//! cannot drift.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bytes::Bytes;

use super::languages::{LanguageViews, TranslatedSurvey};
use crate::config::SiteConfig;
use crate::content::{Asset, Page};
use crate::diagnostic::Diagnostics;
use crate::drafts::Drafts;
use crate::links::Anchors;
use crate::markdown::Rendered;
use crate::render::Theme;
use crate::sections::SectionTree;
use crate::survey::Survey;
use crate::survey::results::Results;

/// A site loaded, parsed and checked, ready to be written to any [`crate::output::Sink`].
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub(super) theme: Theme,
    /// Every page, in [`crate::content::publishing_order`].
    pub(super) pages: Vec<SitePage>,
    /// Sorted by site path.
    pub(super) assets: Vec<Asset>,
    /// What `draft: true` left out of `pages` and `assets`.
    pub(super) drafts: Drafts,
    /// The revision the next page read gets.
    pub(super) next_revision: u64,
    /// Whether `pages[0]` stands in for a missing `content/_index.md`.
    pub(super) placeholder_home: bool,
    /// Each section's listed pages and subsections, as indexes into `pages`.
    pub(super) sections: Vec<SectionTree>,
    /// Each page's translations, and `site` in each language.
    pub(super) languages: LanguageViews,
    /// Survey definitions from `surveys/*.yaml`, published as forms.
    pub(super) surveys: Vec<SiteSurvey>,
    /// The surveys' translations into the site's other languages.
    pub(super) translated_surveys: Vec<TranslatedSurvey>,
    /// Every published results file (`surveys/results/*.yaml`), for pages with `results:`.
    pub(super) results: Vec<Results>,
    /// The pages' history from git, read once per load.
    pub(super) history: crate::history::SiteHistory,
    /// Markdown files that could not be read or whose front matter is wrong, with why.
    pub(super) unreadable: BTreeMap<PathBuf, Diagnostics>,
    /// Load problems that no Markdown page can cause or fix: listing `content/`, `data/`,
    /// `surveys/`.
    pub(super) site_wide: Diagnostics,
    pub warnings: Diagnostics,
}

/// One Markdown page and what the build derived from it.
pub(crate) struct SitePage {
    pub(crate) page: Page,
    /// Its Markdown, rendered.
    pub(crate) markdown: Rendered,
    /// A number given to the page when it was read, never given to another read: the same
    /// number means the same page, which is what lets a [`super::RenderCache`] skip it.
    pub(crate) revision: u64,
}

impl AsRef<Page> for SitePage {
    fn as_ref(&self) -> &Page {
        &self.page
    }
}

/// One survey definition and its Markdown (intro and anonymity notice), rendered.
pub(crate) struct SiteSurvey {
    pub(crate) survey: Survey,
    pub(crate) intro: Rendered,
    pub(crate) anonymity: Rendered,
}

/// A survey's Markdown (its introduction and anonymity statement) rendered, in whichever
/// language `survey` holds them: the original's or a translation's.
pub(crate) fn render_survey_words(survey: &Survey, config: &SiteConfig) -> (Rendered, Rendered) {
    let render = |text: &str| crate::markdown::render(text, &survey.file, &config.base_path);
    (render(&survey.intro), render(&survey.anonymity))
}

impl AsRef<Survey> for SiteSurvey {
    fn as_ref(&self) -> &Survey {
        &self.survey
    }
}

/// What [`Site::write`] produced.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    /// Pages rendered, as opposed to taken unchanged from a cache.
    pub rendered: usize,
    pub files: usize,
}

/// A file made whole in memory, with the `id`s in it for the link check.
#[derive(Clone)]
pub(crate) struct Document {
    pub bytes: Bytes,
    pub anchors: Anchors,
}

impl Document {
    pub(crate) fn of_html(text: String) -> Document {
        Document {
            anchors: Anchors::of_html(&text),
            bytes: Bytes::from(text),
        }
    }

    /// A file that is not HTML (a feed, the sitemap, `robots.txt`): no link can point into
    /// it, so it is not searched for `id`s. The sitemap of a 10,000-page site in two languages
    /// is 7.5 MB.
    pub(crate) fn of_text(text: String) -> Document {
        Document {
            anchors: Anchors::default(),
            bytes: Bytes::from(text),
        }
    }

    /// `text`, published as `file`.
    pub(crate) fn published_as(file: &str, text: String) -> Document {
        match file.ends_with(".html") {
            true => Document::of_html(text),
            false => Document::of_text(text),
        }
    }
}

impl Site {
    /// Whether some load problem is not about any page: only a full load can clear it.
    pub(crate) fn has_site_wide_errors(&self) -> bool {
        self.site_wide.has_errors()
    }

    /// The site's base path (`/` or `/hub/`).
    pub(crate) fn base_path(&self) -> &str {
        &self.config.base_path
    }

    /// The pages read from `content/`, without the stand-in for a missing home page.
    pub(crate) fn pages_read(&self) -> &[SitePage] {
        &self.pages[usize::from(self.placeholder_home)..]
    }

    /// The source file of every page and of every Markdown file that could not be read.
    pub(crate) fn page_sources(&self) -> impl Iterator<Item = &Path> {
        self.pages_read()
            .iter()
            .map(|page| page.page.source.as_path())
            .chain(self.unreadable.keys().map(PathBuf::as_path))
    }

    /// What `draft: true` left out, to judge whether a save changes a whole folder.
    pub(crate) fn drafts(&self) -> &Drafts {
        &self.drafts
    }
}
