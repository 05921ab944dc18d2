//! Earlier releases of a survey's results: what readers already have.
//!
//! A results file stays in git history and in readers' copies after it is replaced, so a new
//! release is audited together with every earlier one of the same survey version: each is
//! added to the linked system with its published figures, every figure at most the same
//! figure now (the store only grows; equal when both count the same responses), and each row
//! that an earlier release published in full protected as the group of people who responded
//! since. A release fewer than `min_group_size` responses after the last one is refused:
//! the difference would be those few people's answers.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::linked::{Layout, System};
use super::tally::{Counts, Tally};
use crate::survey::Survey;
use crate::survey::results::{RESULTS_DIR, Results};

/// An earlier release, and where it was read from (for messages).
#[derive(Debug, Clone)]
pub struct Earlier {
    pub results: Results,
    /// "surveys/results/x.yaml" or "surveys/results/x.yaml in commit 1a2b3c4d".
    pub source: String,
}

/// Every earlier release of `survey` a reader may have: the file at `out`, and each version in
/// git history of the survey's results file under `root` and of `out` (when either is in a
/// git work tree). Files of another survey version are left out; one that does not parse, or
/// whose figures have no place in the definition, or a history that is there but cannot be
/// read, is an error: an earlier release left out of the audit is one the attacker has.
pub fn earlier_releases(root: &Path, out: &Path, survey: &Survey) -> anyhow::Result<Vec<Earlier>> {
    let mut found: Vec<(String, String)> = Vec::new();
    if let Ok(text) = std::fs::read_to_string(out) {
        found.push((text, crate::collect::printable_path(out)));
    }
    let file = format!("{RESULTS_DIR}/{}.yaml", survey.id);
    found.extend(history(root, &file, &file)?);
    let default = root.join(&file);
    if out.components().ne(default.components()) {
        let (folder, name) = nearest_folder(out);
        found.extend(history(
            &folder,
            &name,
            &crate::collect::printable_path(out),
        )?);
    }
    let mut seen = std::collections::HashSet::new();
    let mut earlier = Vec::new();
    for (text, source) in found {
        if !seen.insert(text.clone()) {
            continue;
        }
        // An earlier release that cannot be read cannot be audited against: refuse rather
        // than publish as if it did not exist.
        let results = Results::parse(&text, Path::new(&source)).map_err(|problem| {
            anyhow::anyhow!(
                "{source} cannot be read, so this release cannot be audited with it: {}",
                problem.message
            )
        })?;
        if results.survey.id == survey.id && results.survey.version == survey.version {
            if let Some(what) = super::matching::unmatched(survey, &results) {
                anyhow::bail!(
                    "{source} cannot be audited with this release: {what}\n  hint: restore the definition of survey `{}` that {source} was written from, or raise its `version` if the survey has changed",
                    survey.id
                );
            }
            earlier.push(Earlier { results, source });
        }
    }
    Ok(earlier)
}

/// The versions of `file` (a path relative to `folder`) in the git history of the repository
/// `folder` is in, each with where it is from ("`shown` in commit 1a2b3c4d"); none outside a
/// repository. A commit that deleted the file published nothing.
fn history(folder: &Path, file: &str, shown: &str) -> anyhow::Result<Vec<(String, String)>> {
    if !in_repository(folder) {
        return Ok(Vec::new());
    }
    let folder_shown = crate::collect::printable_path(folder);
    let git = |args: &[&str]| -> Result<String, String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(folder)
            .args(args)
            .output()
            .map_err(|error| format!("git cannot be run: {error}"))?;
        if !output.status.success() {
            let said = String::from_utf8_lossy(&output.stderr);
            return Err(crate::escape::terminal(said.trim(), 400));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    // `./`: the path from `folder`, which need not be the repository's top.
    let path = format!("./{file}");
    // A repository without a commit yet has no history; `git log` fails in it.
    if git(&["rev-list", "-n", "1", "--all"]).is_ok_and(|commits| commits.trim().is_empty()) {
        return Ok(Vec::new());
    }
    let log = git(&["log", "--format=%H", "--diff-filter=ACMRT", "--", &path]).map_err(|why| {
        anyhow::anyhow!(
            "cannot read the git history of {shown}, so the results published there cannot be audited with this release: {why}\n  hint: {folder_shown} is in a git repository: run `git -C {folder_shown} log -- {file}` to see why its history cannot be read"
        )
    })?;
    let mut found = Vec::new();
    for commit in log.lines().filter(|line| !line.is_empty()) {
        let short = commit.get(..8).unwrap_or(commit);
        // A release the history lists but git cannot show would escape the audit: stop.
        let text = git(&["show", &format!("{commit}:{path}")]).map_err(|why| {
            anyhow::anyhow!(
                "cannot read {shown} as published in commit {short}, so this release cannot be audited with it: {why}\n  hint: run `git show {short}:{path}` in {folder_shown} to see why"
            )
        })?;
        found.push((text, format!("{shown} in commit {short}")));
    }
    Ok(found)
}

/// Whether `folder` is inside a git work tree: it or a folder above it holds `.git`.
fn in_repository(folder: &Path) -> bool {
    let Ok(absolute) = std::fs::canonicalize(folder) else {
        return false;
    };
    absolute
        .ancestors()
        .any(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok())
}

/// The nearest existing folder that holds `path` (its own may not exist yet), and the path
/// from there.
fn nearest_folder(path: &Path) -> (PathBuf, String) {
    let mut folder = path.parent();
    while let Some(dir) = folder
        && !dir.as_os_str().is_empty()
        && !dir.is_dir()
    {
        folder = dir.parent();
    }
    let folder = match folder {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let from_folder = path.strip_prefix(&folder).unwrap_or(path);
    (folder, from_folder.to_string_lossy().into_owned())
}

/// Adds the earlier releases to the system, linked to release 0 (laid out as `now`). An
/// earlier release of the same responses adds no unknowns: what it published is simply known.
/// `false` when an earlier release contradicts the store.
pub(crate) fn link(
    system: &mut System,
    survey: &Survey,
    now: &Layout,
    tally: &Tally,
    earlier: &[Results],
) -> bool {
    let mut consistent = true;
    for results in earlier {
        let responses = results.provenance.responses.count;
        if results.provenance.input_sha256 == tally.input_sha256 {
            consistent &=
                super::linked::already_public(system, survey, now, &results.questions, responses);
            continue;
        }
        let release = 1 + system.figures.iter().map(|f| f.release).max().unwrap_or(0);
        let before = system.add_release(survey, release);
        // `earlier_releases` refused what cannot be placed, naming it; a caller that did not
        // check gets a refusal too, never a release left out of the audit.
        if super::linked::publish(system, survey, &before, &results.questions, responses).is_err() {
            return false;
        }
        system.relate_releases(now, &before, false);
        protect_changes(system, survey, now, &before, tally);
    }
    consistent
}

/// Each row an earlier release published in full, against the same row now.
fn protect_changes(
    system: &mut System,
    survey: &Survey,
    now: &Layout,
    before: &Layout,
    tally: &Tally,
) {
    for (index, question) in survey.questions.iter().enumerate() {
        let (Some(a), Some(b)) = (&now.questions[index], &before.questions[index]) else {
            continue;
        };
        let counts = &tally.questions[index];
        let rows_a = std::iter::once(&a.overall).chain(a.breakdowns.iter().flatten());
        let rows_b = std::iter::once(&b.overall).chain(b.breakdowns.iter().flatten());
        let truths = std::iter::once(&counts.overall).chain(counts.groups.iter().flatten());
        for ((row_a, row_b), truth) in rows_a.zip(rows_b).zip(truths) {
            let known = |f: usize| system.figures[f].known;
            let Some(size) = known(row_b.size) else {
                continue;
            };
            let cells: Option<Vec<i64>> = row_b.cells.iter().map(|&c| known(c)).collect();
            let Some(cells) = cells else { continue };
            let change = Counts {
                respondents: (truth.respondents as i64 - size).max(0) as u64,
                cells: truth
                    .cells
                    .iter()
                    .zip(&cells)
                    .map(|(&now, &then)| (now as i64 - then).max(0) as u64)
                    .collect(),
                values: Vec::new(),
            };
            system.protect_change(question, index, (row_a, row_b), &change, &survey.disclosure);
        }
    }
}

/// How many responses the release being written adds to the most recent earlier one that
/// counted different responses (its published response count), and where that one is from:
/// `None` when there is no such release. A release that hides its count (fewer than
/// `min_group_size`, or one written by a version that could hide it) counted at least its
/// largest published figure: the added responses are at most the difference, so a small
/// difference is still refused.
pub fn responses_since(earlier: &[Earlier], tally: &Tally) -> Option<(u64, String)> {
    earlier
        .iter()
        .filter(|e| e.results.provenance.input_sha256 != tally.input_sha256)
        .filter_map(|e| Some((counted_at_least(&e.results)?, &e.source)))
        .map(|(count, source)| (tally.responses.saturating_sub(count), source.clone()))
        .min_by_key(|(added, _)| *added)
}

/// The response count a release published, or the largest figure it published when it hides
/// that count; `None` when it published no figure at all.
fn counted_at_least(results: &Results) -> Option<u64> {
    results.provenance.responses.count.or_else(|| {
        let rows = results.questions.iter().flat_map(|question| {
            let groups = question.breakdowns.iter().flat_map(|b| &b.groups);
            question.overall.iter().chain(groups)
        });
        rows.flat_map(|row| std::iter::once(&row.respondents).chain(&row.cells))
            .filter_map(|figure| figure.count)
            .max()
    })
}
