//! What the jobs shape adds to several languages (issues 15 and 17): each other language's
//! feed and each survey translation is a generated job of the one plan, so a page or file of
//! the site, or of its theme, published in its place is refused at load with the file that
//! does it, like any generated file — not only when the second write reaches the output
//! (`/fr/atom.xml: error: is published twice`, which named no file of the site).

use std::path::Path;

use crate::support::{TestSite, copy_tree};

/// A site in English and French with the repository's default theme.
fn two_language_site() -> TestSite {
    let site = TestSite::empty();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &site.path("themes"),
    );
    site.write(
        "site.yaml",
        "title: Hub\nbase_url: https://example.org/\nlanguage: en\nlanguages:\n  - code: en\n    name: English\n  - code: fr\n    name: Français\n",
    );
    site.write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    site.write(
        "content/_index.fr.md",
        "---\ntitle: Accueil\n---\nBienvenue.\n",
    );
    site
}

#[test]
fn a_content_file_cannot_replace_another_languages_feed() {
    let site = two_language_site();
    site.build();
    let feed = site.read("public/fr/atom.xml");
    site.write("content/fr/atom.xml", "<feed/>");
    site.candor(&["build"])
        .exit_code(1)
        .stderr_contains("content/fr/atom.xml: error: publishes at /fr/atom.xml, where Candor publishes a file it generates\n  hint: move or rename this file; the generated one cannot be replaced\n");
    assert_eq!(site.read("public/fr/atom.xml"), feed);
}

#[test]
fn a_theme_file_cannot_replace_another_languages_feed() {
    let site = two_language_site();
    site.write("themes/default/static/fr/atom.xml", "<feed/>");
    site.candor(&["build"])
        .exit_code(1)
        .stderr_contains("themes/default/static/fr/atom.xml: error: publishes at /fr/atom.xml, where Candor publishes a file it generates\n  hint: remove it from the theme's static/ folder\n");
}
