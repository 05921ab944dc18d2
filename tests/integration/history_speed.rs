//! History made only where it is published: a theme without revision pages gets no diffs
//! (none made, none read, none kept), and a theme that gains them — in a later build or in a
//! running preview — publishes exactly what a build that always had them publishes.

use crate::history_cache::{
    assert_same_as_without_cache, commit_reply_sooner, history_shown_by,
    previewed_history_without_cache, published, site_with_history,
};
use crate::serve::Server;
use crate::support::TestSite;

/// The templates history needs to publish revision and "What changed" pages.
const CHANGE_TEMPLATES: [&str; 2] = ["revision.html", "changes.html"];

fn template_path(name: &str) -> String {
    format!("themes/default/templates/{name}")
}

/// Takes the change templates out of the site's theme; returns their text.
fn remove_change_templates(site: &TestSite) -> Vec<(String, String)> {
    CHANGE_TEMPLATES
        .iter()
        .map(|name| {
            let path = template_path(name);
            let text = site.read(&path);
            std::fs::remove_file(site.path(&path)).unwrap();
            (path, text)
        })
        .collect()
}

fn restore(site: &TestSite, templates: &[(String, String)]) {
    for (path, text) in templates {
        site.write(path, text);
    }
}

#[test]
fn a_theme_without_revision_pages_gets_no_diffs_made_or_kept() {
    let Some(site) = site_with_history() else {
        return;
    };
    remove_change_templates(&site);
    let run = site.build();
    assert!(!run.stderr().contains("panicked"), "{}", run.explain());
    // Every page still shows its history.
    let rules = site.read("public/rules/index.html");
    assert!(rules.contains("Shorten the reply time"), "{rules}");
    // The log is kept for the next build; no diff was made, so none is kept.
    assert!(site.path(".candor/history/log").is_file());
    assert!(
        !site.path(".candor/history/diffs").exists(),
        "a diff was made for a theme that publishes none"
    );
    // The next build, which finds the log kept, publishes what a build without it does.
    assert_same_as_without_cache(&site);
}

#[test]
fn revision_pages_after_builds_without_them_are_those_of_a_fresh_build() {
    let Some(site) = site_with_history() else {
        return;
    };
    // Diffs kept by a build with revision pages, then builds without them, one after a
    // new commit (its log is read, its versions are not).
    site.build();
    let kept_diffs = site.read(".candor/history/diffs");
    let templates = remove_change_templates(&site);
    site.build();
    commit_reply_sooner(&site);
    site.build();
    assert_eq!(
        site.read(".candor/history/diffs"),
        kept_diffs,
        "builds without revision pages leave the kept diffs as they were"
    );
    restore(&site, &templates);
    assert_same_as_without_cache(&site);
    let published_now = published(&site);
    assert!(
        published_now
            .keys()
            .any(|path| path.starts_with("rules/changes/")),
        "{:?}",
        published_now.keys()
    );
}

#[test]
fn the_preview_publishes_revision_pages_once_its_theme_has_them() {
    let Some(site) = site_with_history() else {
        return;
    };
    let templates = remove_change_templates(&site);
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(server.get("/what-changed/").status, 404);
    restore(&site, &templates);
    // Reloads follow each saved template; wait until the second has been seen.
    events.expect_where("reload", &server, |_| {
        server.get("/what-changed/").status == 200
    });
    let shown = history_shown_by(&server);
    drop(server);
    assert!(shown.len() > 3, "{shown:?}");
    // Against a preview that starts without the history kept meanwhile, so that anything
    // wrongly kept while the theme had no change templates shows.
    assert_eq!(shown, previewed_history_without_cache(&site));
}
