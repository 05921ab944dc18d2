//! The build's one touch point with policy history ([`crate::history`]) beside the plan's
//! history jobs ([`super::plan`]): what `check` says about it.

use std::collections::HashSet;

use super::site::Site;
use crate::diagnostic::Diagnostics;
use crate::history::redirects::{Redirect, redirect_list};
use crate::output::file_for;

impl Site {
    /// What `check` says about history: a warning for each hand-written `updated:` date git
    /// disagrees with, and every redirect the build publishes.
    pub(crate) fn history_findings(&self) -> (Diagnostics, Vec<Redirect>) {
        let pages = self.pages_read();
        let found = crate::history::updated_disagreements(&self.history, pages);
        let taken: HashSet<String> = (self.pages.iter())
            .map(|record| file_for(&record.page.path))
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
}
