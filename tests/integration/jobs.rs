//! The build as jobs (issue 15): every output is planned once and written by one executor, into
//! the staging folder for `candor build` and into the served file map for `candor serve`. These
//! pin what that shape must keep: a file that a page takes over from the theme, and gives back,
//! is served as a full build publishes it; inputs shared by several jobs are reported once, and
//! survey pages are published together or not at all.

use std::collections::BTreeMap;

use candor::build::Site;
use candor::diagnostic::Rejected;
use candor::incremental::LiveSite;
use candor::output::{MemorySink, NullSink};

use crate::support::TestSite;

/// The preview's base URL, as `candor serve --port 1111` would give it.
const BASE_URL: &str = "http://127.0.0.1:1111/";

/// Every file a full build in serve mode makes.
fn full_build(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let loaded = Site::load(site.root(), Some(BASE_URL), false, true)
        .unwrap_or_else(|Rejected(problems)| panic!("the site does not build: {problems:?}"));
    let sink = MemorySink::new();
    loaded.write(&sink).expect("the site writes");
    (sink.into_files().into_iter())
        .map(|(path, bytes)| (path, bytes.to_vec()))
        .collect()
}

/// Every file a preview serves.
fn served(live: &mut LiveSite, changed: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let changed: Vec<std::path::PathBuf> = changed.iter().map(Into::into).collect();
    let built = live
        .apply_changes(&changed)
        .expect("a page save is a partial rebuild")
        .expect("the site builds");
    (built.files.iter())
        .map(|(path, bytes)| (path.to_owned(), bytes.to_vec()))
        .collect()
}

#[test]
fn a_preview_serves_a_page_over_a_theme_file_and_the_theme_file_again_when_the_page_goes() {
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/static/notes/index.html",
        "<p>theme notes</p>",
    );
    let (live, first) = LiveSite::build(site.root(), BASE_URL, false);
    let mut live = live.expect("the site is kept for partial rebuilds");
    let first = first.expect("the site builds");
    assert_eq!(
        first.files.get("notes/index.html").unwrap(),
        "<p>theme notes</p>"
    );

    site.write(
        "content/notes.md",
        "---\ntitle: Notes\n---\nOur own notes.\n",
    );
    let with_page = served(&mut live, &["content/notes.md"]);
    assert!(
        String::from_utf8_lossy(&with_page["notes/index.html"]).contains("Our own notes."),
        "the page replaces the theme's file"
    );
    assert_eq!(with_page, full_build(&site));

    site.remove("content/notes.md");
    let without_page = served(&mut live, &["content/notes.md"]);
    assert_eq!(without_page["notes/index.html"], b"<p>theme notes</p>");
    assert_eq!(without_page, full_build(&site));
}

#[test]
fn survey_pages_are_left_out_with_one_problem_when_the_offline_assets_cannot_be_read() {
    let site = crate::survey::survey_site();
    let feedback = site.read("surveys/feedback.yaml");
    site.write(
        "surveys/second.yaml",
        &feedback.replace("id: feedback", "id: second"),
    );
    site.remove("themes/default/static/survey.js");
    let loaded = Site::load(site.root(), None, false, false)
        .unwrap_or_else(|Rejected(problems)| panic!("the site does not load: {problems:?}"));
    let error = loaded
        .write(&NullSink)
        .expect_err("the site builds without survey.js");
    let Rejected(problems) = error.downcast().expect("the problems are the site's");
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "content/_index.md:4:5: error: the link `/surveys/feedback/` leads to a page that does not exist\n  hint: check the path; pages are published at /file-name/ (content/standards.md is /standards/)",
            "themes/default/static/survey.js: error: cannot read the survey form's survey.js: No such file or directory (os error 2)\n  hint: offline survey forms inline the theme's survey.css and survey.js, and survey-hpke.js when a survey has `encryption:`; copy the missing file from Candor's default theme"
        ]
    );
}
