//! The build's one touch point with policy history ([`crate::history`]): publishing what it
//! renders — revision pages, "What changed" and its feed, redirects — beside the other
//! generated files, never over a page or file of the site.

use std::borrow::Cow;
use std::collections::HashSet;

use super::checks::generated_files;
use super::{Document, Site};
use crate::diagnostic::Diagnostics;
use crate::history::pages::{Redirect, redirect_list};
use crate::links::SiteMap;
use crate::output::{Sink, file_for};

impl Site {
    /// What `check` says about history: a warning for each hand-written `updated:` date git
    /// disagrees with, and every redirect the build publishes.
    pub(crate) fn history_findings(&self) -> (Diagnostics, Vec<Redirect>) {
        let pages = self.pages_read();
        let found = crate::history::updated_disagreements(&self.history, pages);
        let taken: HashSet<String> = (self.content.pages.iter())
            .map(|page| file_for(&page.path))
            .collect();
        // Problems with aliases are the build's to report; `check` runs it too.
        let mut reported_by_the_build = Diagnostics::new();
        let redirects = redirect_list(
            &self.history,
            pages,
            &|file| taken.contains(file),
            &mut reported_by_the_build,
        );
        (found.into_iter().collect(), redirects)
    }

    /// Writes every file history publishes; returns how many. `copies` are the assets and
    /// theme files published, which no history page may replace.
    pub(super) fn write_history(
        &self,
        sink: &dyn Sink,
        site_map: &mut SiteMap<'_>,
        diagnostics: &mut Diagnostics,
        copies: &[(String, std::path::PathBuf)],
    ) -> anyhow::Result<usize> {
        let taken: HashSet<String> = (self.content.pages.iter())
            .map(|page| file_for(&page.path))
            .chain(copies.iter().map(|(path, _)| file_for(path)))
            .chain(generated_files(&self.surveys))
            .collect();
        let (outputs, problems) = crate::history::pages::outputs(
            &self.history,
            &self.theme,
            &self.config,
            &self.content.pages,
            &|file| taken.contains(file),
        );
        diagnostics.extend(problems);
        for output in &outputs {
            let document = Document::of_html(output.text.clone());
            sink.write_shared(&file_for(&output.path), document.bytes)?;
            site_map.add_path(output.path.clone());
            site_map.add_anchors(output.path.clone(), Cow::Owned(document.anchors));
        }
        Ok(outputs.len())
    }
}
