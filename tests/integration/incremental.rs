//! Partial rebuilds (`candor serve` after saving pages) against full rebuilds: after every edit
//! in a sequence, the partial rebuild must serve exactly the files a fresh full build in serve
//! mode serves, byte for byte, or fail with exactly the same problems.

use std::collections::BTreeMap;
use std::path::PathBuf;

use candor::build::Site;
use candor::diagnostic::{Diagnostics, Rejected};
use candor::file_map::FileMap;
use candor::incremental::{LiveSite, PreviewFiles};
use candor::output::MemorySink;

use crate::support::TestSite;

/// The preview's base URL, as `candor serve --port 1111` would give it.
pub(crate) const BASE_URL: &str = "http://127.0.0.1:1111/";

/// What a build in serve mode ends with.
#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    /// Every file served, and the warnings printed.
    Served {
        files: BTreeMap<String, Vec<u8>>,
        warnings: Vec<String>,
    },
    /// The problems reported; the preview keeps the last good site.
    Rejected(Vec<String>),
}

impl Outcome {
    fn of(result: anyhow::Result<(BTreeMap<String, bytes::Bytes>, Diagnostics)>) -> Outcome {
        match result {
            Ok((files, warnings)) => Outcome::Served {
                files: files.into_iter().map(|(k, v)| (k, v.to_vec())).collect(),
                warnings: described(&warnings),
            },
            Err(error) => match error.downcast::<Rejected>() {
                Ok(Rejected(problems)) => Outcome::Rejected(described(&problems)),
                Err(other) => panic!("the build failed outside the site: {other:#}"),
            },
        }
    }

    /// What a partial rebuild ended with.
    pub(crate) fn of_preview(result: anyhow::Result<PreviewFiles>) -> Outcome {
        Outcome::of(result.map(|built| (sorted(&built.files), built.warnings)))
    }

    fn problems(&self) -> String {
        match self {
            Outcome::Served { .. } => String::new(),
            Outcome::Rejected(problems) => problems.join("\n"),
        }
    }
}

fn sorted(files: &FileMap) -> BTreeMap<String, bytes::Bytes> {
    files
        .iter()
        .map(|(path, bytes)| (path.to_owned(), bytes.clone()))
        .collect()
}

/// Every field of every diagnostic, so that two lists compare completely.
fn described(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics.iter().map(|d| format!("{d:?}")).collect()
}

/// What `candor serve` served before partial rebuilds: load everything, render everything.
pub(crate) fn full_rebuild(site: &TestSite) -> Outcome {
    let result = Site::load(site.root(), Some(BASE_URL), false, true)
        .map_err(anyhow::Error::from)
        .and_then(|mut loaded| {
            let sink = MemorySink::new();
            loaded.write(&sink)?;
            Ok((sink.into_files(), std::mem::take(&mut loaded.warnings)))
        });
    Outcome::of(result)
}

/// Starts a preview of `site` and checks that its first build serves what a full one does.
pub(crate) fn checked_preview(site: &TestSite) -> candor::incremental::LiveSite {
    let (live, first) = candor::incremental::LiveSite::build(site.root(), BASE_URL, false);
    let live = live.expect("the site can be updated partially");
    assert_same(
        "first build",
        &Outcome::of_preview(first),
        &full_rebuild(site),
    );
    live
}

/// Applies each step — `(what, file, new text or None to remove it)` — to `site` as a save
/// in `live`, and checks after each that the preview serves what a full rebuild makes.
pub(crate) fn save_each_and_compare(
    live: &mut candor::incremental::LiveSite,
    site: &TestSite,
    steps: &[(&str, &str, Option<&str>)],
) {
    for &(what, path, text) in steps {
        match text {
            Some(text) => site.write(path, text),
            None => site.remove(path),
        }
        let partial = live
            .apply_changes(&[std::path::PathBuf::from(path)])
            .unwrap_or_else(|| panic!("{what}: a save of pages is applied partially"));
        assert_same(what, &Outcome::of_preview(partial), &full_rebuild(site));
    }
}

/// Fails with the first file that differs, readably.
pub(crate) fn assert_same(step: &str, partial: &Outcome, full: &Outcome) {
    if partial == full {
        return;
    }
    let (
        Outcome::Served {
            files: partial_files,
            warnings: partial_warnings,
        },
        Outcome::Served {
            files: full_files,
            warnings: full_warnings,
        },
    ) = (partial, full)
    else {
        panic!(
            "{step}: the partial rebuild ended as\n{}\nbut the full rebuild as\n{}",
            describe(partial),
            describe(full)
        );
    };
    assert_eq!(partial_warnings, full_warnings, "{step}: warnings differ");
    let partial_names: Vec<&String> = partial_files.keys().collect();
    let full_names: Vec<&String> = full_files.keys().collect();
    assert_eq!(partial_names, full_names, "{step}: different files served");
    for (name, bytes) in full_files {
        assert_eq!(
            String::from_utf8_lossy(&partial_files[name]),
            String::from_utf8_lossy(bytes),
            "{step}: {name} differs (left: partial, right: full)"
        );
    }
}

fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Served { files, .. } => format!("{} files served", files.len()),
        Outcome::Rejected(problems) => problems.join("\n"),
    }
}

/// One save in the editing session: files written (`Some`) or deleted (`None`).
struct Step {
    what: &'static str,
    files: Vec<(&'static str, Option<String>)>,
    /// Whether the site still builds after it.
    builds: bool,
}

fn save(what: &'static str, files: Vec<(&'static str, Option<String>)>) -> Step {
    Step {
        what,
        files,
        builds: true,
    }
}

fn breaking(what: &'static str, files: Vec<(&'static str, Option<String>)>) -> Step {
    Step {
        what,
        files,
        builds: false,
    }
}

/// `text` with `from` replaced by `to` (which must be there).
fn edited(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "no {from:?} in\n{text}");
    text.replacen(from, to, 1)
}

fn page(title: &str, front: &str, body: &str) -> Option<String> {
    Some(format!("---\ntitle: {title}\n{front}---\n{body}\n"))
}

#[test]
fn partial_rebuilds_serve_exactly_what_full_rebuilds_serve() {
    let site = TestSite::sample();
    let (live, first) = LiveSite::build(site.root(), BASE_URL, false);
    let mut live = live.expect("the sample site can be updated partially");
    let first = Outcome::of_preview(first);
    assert_same("first build", &first, &full_rebuild(&site));

    let standards = site.read("content/standards.md");
    let training = site.read("content/training.md");
    let home = site.read("content/_index.md");
    let kpis = site.read("content/kpis.md");
    let retitled = edited(
        &site.read("content/audits/methodology.md"),
        "title: How results are kept anonymous",
        "title: Keeping results anonymous",
    );
    let steps = vec![
        save(
            "change a page's text",
            vec![(
                "content/standards.md",
                Some(edited(
                    &standards,
                    "## Listen to every stakeholder",
                    "## Listen to every single stakeholder",
                )),
            )],
        ),
        save(
            "change the title a section lists",
            vec![("content/audits/methodology.md", Some(retitled.clone()))],
        ),
        save(
            "change a weight, so the section's order changes",
            vec![(
                "content/audits/methodology.md",
                Some(edited(&retitled, "weight: 20", "weight: 5")),
            )],
        ),
        save(
            "add a section sorted by date, with its pages, in one save",
            vec![
                (
                    "content/news/_index.md",
                    page("News", "sort_by: date\n", "What changed."),
                ),
                (
                    "content/news/first.md",
                    page("First", "date: 2026-01-10\n", "One."),
                ),
                (
                    "content/news/second.md",
                    page(
                        "Second",
                        "date: 2026-02-10\n",
                        "Two, see [the first](first.md).",
                    ),
                ),
                (
                    "content/news/third.md",
                    page("Third", "date: 2026-03-10\n", "Three."),
                ),
            ],
        ),
        save(
            "change a date, so the listing and the feed reorder",
            vec![(
                "content/news/first.md",
                page("First", "date: 2026-04-01\n", "One, later."),
            )],
        ),
        save(
            "rename the section in its own page, which its parent lists",
            vec![(
                "content/news/_index.md",
                page("Newsroom", "sort_by: date\n", "What changed."),
            )],
        ),
        breaking(
            "change a heading id that the home page links to",
            vec![(
                "content/standards.md",
                Some(edited(&standards, "{#listen}", "{#hear}")),
            )],
        ),
        save(
            "put the heading id back",
            vec![("content/standards.md", Some(standards.clone()))],
        ),
        breaking(
            "change a page's date in the same save as breaking a link on another page",
            vec![
                (
                    "content/training.md",
                    Some(edited(
                        &training,
                        "updated: 2026-12-01",
                        "updated: 2026-09-01",
                    )),
                ),
                (
                    "content/standards.md",
                    Some(edited(&standards, "{#listen}", "{#hear}")),
                ),
            ],
        ),
        save(
            "mend the link: the page changed in the failed save is served as changed",
            vec![("content/standards.md", Some(standards.clone()))],
        ),
        breaking(
            "add a page published where the verification guide is",
            vec![("content/verify.md", page("Verify", "", "Not the guide."))],
        ),
        save("remove it", vec![("content/verify.md", None)]),
        save(
            "add a page that links to a heading",
            vec![(
                "content/audits/plan-2027.md",
                page(
                    "Plan for 2027",
                    "weight: 30\n",
                    "See [listening](/standards/#listen).\n\n## Scope",
                ),
            )],
        ),
        save(
            "link to the new page's heading",
            vec![(
                "content/news/third.md",
                page(
                    "Third",
                    "date: 2026-03-10\n",
                    "See [the scope](/audits/plan-2027/#scope).",
                ),
            )],
        ),
        breaking(
            "delete a page another page links to",
            vec![("content/audits/plan-2027.md", None)],
        ),
        save(
            "delete the link too",
            vec![(
                "content/news/third.md",
                page("Third", "date: 2026-03-10\n", "Three."),
            )],
        ),
        breaking(
            "delete a page the navigation leads to",
            vec![("content/training.md", None)],
        ),
        save("restore it", vec![("content/training.md", Some(training))]),
        breaking(
            "break a page's front matter",
            vec![(
                "content/kpis.md",
                Some(edited(&kpis, "weight: 50", "weight: 50\nauthor: Someone")),
            )],
        ),
        save("fix it", vec![("content/kpis.md", Some(kpis.clone()))]),
        save(
            "mark a page as a draft",
            vec![(
                "content/news/second.md",
                page("Second", "date: 2026-02-10\ndraft: true\n", "Two."),
            )],
        ),
        save(
            "publish it again",
            vec![(
                "content/news/second.md",
                page("Second", "date: 2026-02-10\n", "Two."),
            )],
        ),
        save(
            "add a page in a folder that is not a section",
            vec![("content/notes/one.md", page("One note", "", "A note."))],
        ),
        breaking(
            "add a second file published at the same path",
            vec![(
                "content/notes/one/index.md",
                page("Same path", "", "Clash."),
            )],
        ),
        save("remove it", vec![("content/notes/one/index.md", None)]),
        save(
            "delete the home page: a placeholder stands in",
            vec![("content/_index.md", None)],
        ),
        save(
            "restore the home page",
            vec![("content/_index.md", Some(home))],
        ),
        save(
            "delete a whole section's pages",
            vec![
                ("content/news/_index.md", None),
                ("content/news/first.md", None),
                ("content/news/second.md", None),
                ("content/news/third.md", None),
            ],
        ),
    ];

    for step in steps {
        let mut changed = Vec::new();
        for (path, text) in &step.files {
            match text {
                Some(text) => site.write(path, text),
                None => site.remove(path),
            }
            changed.push(PathBuf::from(path));
        }
        let partial = live
            .apply_changes(&changed)
            .unwrap_or_else(|| panic!("{}: a save of pages is applied partially", step.what));
        let partial = Outcome::of_preview(partial);
        let full = full_rebuild(&site);
        assert_same(step.what, &partial, &full);
        assert_eq!(
            matches!(full, Outcome::Served { .. }),
            step.builds,
            "{}: {}",
            step.what,
            full.problems()
        );
    }
}

#[test]
fn a_partial_rebuild_renders_only_what_the_saved_page_can_change() {
    let site = TestSite::sample();
    let (live, first) = LiveSite::build(site.root(), BASE_URL, false);
    let mut live = live.expect("the sample site can be updated partially");
    let first = first.expect("the sample site builds");
    assert_eq!(
        first.rendered, first.pages,
        "a first build renders everything"
    );

    site.write(
        "content/audits/methodology.md",
        &site
            .read("content/audits/methodology.md")
            .replacen("## ", "## Revised: ", 1),
    );
    let changed = [PathBuf::from("content/audits/methodology.md")];
    let updated = live.apply_changes(&changed).unwrap().expect("still builds");
    assert_eq!(
        updated.rendered, 2,
        "the page and the section listing it, of {}",
        updated.pages
    );

    let unchanged = live.apply_changes(&[]).unwrap().expect("still builds");
    assert_eq!(unchanged.rendered, 0, "nothing changed, nothing rendered");
}

#[test]
fn changes_other_than_pages_are_left_to_a_full_rebuild() {
    let site = TestSite::sample();
    let (live, _) = LiveSite::build(site.root(), BASE_URL, false);
    let mut live = live.expect("the sample site can be updated partially");
    for other in [
        "site.yaml",
        "themes/default/templates/page.html",
        "data/kpis.yaml",
        "surveys/community-2026.yaml",
        "content/escalation-route.svg",
        "content/audits",
    ] {
        let changed = [PathBuf::from("content/standards.md"), PathBuf::from(other)];
        assert!(live.apply_changes(&changed).is_none(), "{other}");
    }
    std::fs::create_dir(site.path("content/folder.md")).unwrap();
    assert!(
        live.apply_changes(&[PathBuf::from("content/folder.md")])
            .is_none(),
        "a folder named like a page"
    );
}
