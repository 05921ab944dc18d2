//! Findings of the review of the new modules: each case is a user's mistake or a hostile input
//! that must be reported where it is, not at a byte offset or with a panic.

use crate::support::TestSite;

/// `site.yaml` of a site in English and French.
pub(crate) const TWO_LANGUAGES: &str = "\
title: Hub
base_url: https://example.org/
language: en
languages:
  - code: en
    name: English
  - code: fr
    name: Français
";

#[test]
fn a_broken_interface_strings_file_is_reported_at_its_line_and_column() {
    let site = crate::languages::site_with(TWO_LANGUAGES);
    site.write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    site.write(
        "content/_index.fr.md",
        "---\ntitle: Accueil\n---\nBienvenue.\n",
    );
    site.write("themes/default/i18n/fr.ftl", "menu = Menu\nété sans clé\n");
    let run = site.candor(&["check"]);
    let broken: String = run
        .stderr()
        .split_inclusive('\n')
        .collect::<Vec<_>>()
        .chunks(2)
        .filter(|problem| problem[0].starts_with("themes/") && problem[0].contains(": error: "))
        .flatten()
        .copied()
        .collect();
    assert_eq!(
        broken,
        "themes/default/i18n/fr.ftl:2:1: error: 1 line(s) are not Fluent messages\n  \
         hint: each string is written `key = text` (https://projectfluent.org)\n",
        "{}",
        run.explain()
    );
}

#[test]
fn a_survey_translation_linked_from_outside_the_site_is_refused_and_not_published() {
    let site = TestSite::sample();
    let french = site.read("surveys/community-2026.fr.yaml");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(
        &secret,
        french.replace("      europe: Europe\n", "      europe: SECRET-FROM-HOME\n"),
    )
    .unwrap();
    let secret = secret.to_str().unwrap();
    std::fs::remove_file(site.path("surveys/community-2026.fr.yaml")).unwrap();
    std::os::unix::fs::symlink(secret, site.path("surveys/community-2026.fr.yaml")).unwrap();
    let run = site.candor(&["build"]).exit_code(1);
    assert_eq!(
        run.stderr(),
        format!(
            "surveys/community-2026.fr.yaml: error: is a symbolic link to {secret}, outside the site folder\n  \
             hint: remove the link; to publish a file from elsewhere, copy it into the site\n\
             error: 1 problem found; nothing was written\n"
        ),
        "{}",
        run.explain()
    );
    assert!(!site.path("public").exists());
}

#[test]
fn interface_strings_linked_from_outside_the_site_are_refused_and_not_published() {
    let site = TestSite::sample();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.ftl");
    std::fs::write(&secret, "menu = SECRET-FROM-HOME\n").unwrap();
    let secret = secret.to_str().unwrap();
    std::fs::remove_file(site.path("themes/default/i18n/fr.ftl")).unwrap();
    std::os::unix::fs::symlink(secret, site.path("themes/default/i18n/fr.ftl")).unwrap();
    let run = site.candor(&["build"]).exit_code(1);
    assert_eq!(
        run.stderr(),
        format!(
            "themes/default/i18n/fr.ftl: error: is a symbolic link to {secret}, outside the site folder\n  \
             hint: remove the link; to publish a file from elsewhere, copy it into the site\n\
             error: 1 problem found; nothing was written\n"
        ),
        "{}",
        run.explain()
    );
    assert!(!site.path("public").exists());
}
