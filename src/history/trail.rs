//! Following each page back through git history: which commits changed it, under which names.
//!
//! `git log` lists every commit of the content folder once, newest first (children before
//! parents); this module walks that list once, following each page's file backwards through
//! its renames (what `git log --follow` does for one file, done here for all of them), so a
//! moved policy keeps its history and leaves its old addresses behind. A file deleted since
//! gets its own trail, so its changes stay on the "What changed" page.

use std::collections::HashSet;

use super::log::{ChangeKind, Commit};

/// One commit's change to one file: indexes into the commit list and its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    pub commit: usize,
    pub change: usize,
}

/// Every change to one page, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Trail {
    /// The page's source today (`content/x.md`); `None` for a file deleted since.
    pub current: Option<String>,
    pub steps: Vec<Step>,
}

/// Follows every file of `current` (page sources, relative to the site) and every Markdown
/// file deleted since, through `commits` (newest first). Commits in `skipped` (a shallow
/// clone's boundary, whose listed changes are not real) are passed over.
pub(crate) fn follow(
    commits: &[Commit],
    current: &[String],
    skipped: &HashSet<String>,
) -> Vec<Trail> {
    let mut trails: Vec<Trail> = current
        .iter()
        .map(|source| Trail {
            current: Some(source.clone()),
            steps: Vec::new(),
        })
        .collect();
    // The name each followed file had at the point of history reached so far.
    let mut following: super::FastMap<String, usize> = current
        .iter()
        .enumerate()
        .map(|(index, source)| (source.clone(), index))
        .collect();
    for (commit_index, commit) in commits.iter().enumerate() {
        if skipped.contains(&commit.id) {
            continue;
        }
        for (change_index, change) in commit.changes.iter().enumerate() {
            if !is_page_source(&change.path) {
                continue;
            }
            let step = Step {
                commit: commit_index,
                change: change_index,
            };
            let trail = match &change.kind {
                ChangeKind::Edited => following.get(&change.path).copied(),
                // Before it was added, a file of the same name was another page.
                ChangeKind::Added => following.remove(&change.path),
                ChangeKind::Renamed { from } => {
                    let trail = following.remove(&change.path);
                    if let Some(trail) = trail {
                        following.insert(from.clone(), trail);
                    }
                    trail
                }
                ChangeKind::Deleted => {
                    Some(*following.entry(change.path.clone()).or_insert_with(|| {
                        trails.push(Trail::default());
                        trails.len() - 1
                    }))
                }
            };
            if let Some(trail) = trail {
                trails[trail].steps.push(step);
            }
        }
    }
    trails
}

/// Whether `path`, a file as `git log` names it (relative to the site, `/`-separated, no
/// `.` or `..` and no empty parts), is one [`crate::content::read`] would read as a page:
/// what [`crate::content::is_page_source`] says, without taking the path apart as a `Path`
/// (asked for every change of every commit).
pub(super) fn is_page_source(path: &str) -> bool {
    path.strip_prefix(crate::content::CONTENT_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| {
            rest.ends_with(".md") && !rest.split('/').any(|part| part.starts_with('.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn page_sources_are_those_the_content_reader_reads() {
        for path in [
            "content/a.md",
            "content/a/b/c.md",
            "content/a..md",
            "content/.md",
            "content/a/.md",
            "content/.drafts/a.md",
            "content/a/.b/c.md",
            "content/.a.md.swp",
            "content/a.md.swp",
            "content/a.MD",
            "content/a.markdown",
            "contents/a.md",
            "content.md",
            "content",
            "content/",
            "a.md",
            "themes/x/content/a.md",
            "content/é/ü.md",
            "content/a b.md",
        ] {
            assert_eq!(
                is_page_source(path),
                crate::content::is_page_source(Path::new(path)),
                "{path}"
            );
        }
    }
    use crate::history::log::Change;

    fn commit(id: char, changes: Vec<(ChangeKind, &str)>) -> Commit {
        Commit {
            id: id.to_string().repeat(40),
            time: 0,
            parents: 1,
            changes: changes
                .into_iter()
                .map(|(kind, path)| Change {
                    kind,
                    old_blob: None,
                    new_blob: None,
                    path: path.to_owned(),
                    diff_key: None,
                })
                .collect(),
        }
    }

    #[test]
    fn a_renamed_page_keeps_its_history_and_a_deleted_one_gets_a_trail() {
        use ChangeKind::*;
        let commits = vec![
            commit('4', vec![(Deleted, "content/gone.md")]),
            commit(
                '3',
                vec![(
                    Renamed {
                        from: "content/old.md".into(),
                    },
                    "content/new.md",
                )],
            ),
            commit(
                '2',
                vec![(Edited, "content/old.md"), (Edited, "content/gone.md")],
            ),
            commit(
                '1',
                vec![(Added, "content/old.md"), (Added, "content/gone.md")],
            ),
        ];
        let trails = follow(&commits, &["content/new.md".to_owned()], &HashSet::new());
        let commits_of = |trail: &Trail| trail.steps.iter().map(|s| s.commit).collect::<Vec<_>>();
        assert_eq!(commits_of(&trails[0]), [1, 2, 3]);
        assert_eq!(trails[1].current, None);
        assert_eq!(commits_of(&trails[1]), [0, 2, 3]);
    }

    #[test]
    fn skipped_commits_give_no_steps() {
        let commits = vec![commit('1', vec![(ChangeKind::Added, "content/a.md")])];
        let skipped = HashSet::from(["1".repeat(40)]);
        let trails = follow(&commits, &["content/a.md".to_owned()], &skipped);
        assert!(trails[0].steps.is_empty());
    }
}
