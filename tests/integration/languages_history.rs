//! A translated policy page shows its own history: `history.sections` names sections by their
//! address in the default language, and a section covers its translations, so the French code
//! of conduct says when the French text changed, links to its own revisions, and its changes
//! are on the "What changed" page.

use crate::languages::three_language_site;

#[test]
fn a_translation_in_a_policy_section_shows_its_own_history() {
    if !crate::support::require_tool("git") {
        return;
    }
    let site = three_language_site();
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}history:\n  sections: [/code-of-conduct/]\n"),
    );
    site.write(".gitignore", "public/\n.candor/\n");
    let git = |when: &str, args: &[&str]| crate::support::git_at(site.root(), when, args, None);
    git("2026-03-01T10:00:00Z", &["init", "-q"]);
    git("2026-03-01T10:00:00Z", &["add", "."]);
    git("2026-03-01T10:00:00Z", &["commit", "-q", "-m", "All three"]);
    site.write(
        "content/code-of-conduct.fr.md",
        "---\ntitle: Code de conduite\ndate: 2026-03-02\n---\n## Portée\n\nUne règle.\n",
    );
    git(
        "2026-03-04T10:00:00Z",
        &["commit", "-q", "-am", "Une règle de plus"],
    );
    let short = git("2026-03-04T10:00:00Z", &["rev-parse", "--short=10", "HEAD"]);
    site.build().success();

    let french = site.read("public/fr/code-of-conduct/index.html");
    for line in [
        "<h2 id=\"history-heading\">Historique de cette page</h2>",
        "Dernière modification le <time datetime=\"2026-03-04\">2026-03-04</time>.",
        "<summary>2 versions</summary>",
        &format!(
            "<a href=\"/fr/code-of-conduct/changes/{short}/\">Une règle de plus</a> <code>{short}</code>"
        ),
    ] {
        assert!(
            french.contains(line),
            "the French page lacks {line}:\n{french}"
        );
    }
    let revision = site.read(&format!(
        "public/fr/code-of-conduct/changes/{short}/index.html"
    ));
    assert!(
        revision.contains("<html lang=\"fr\" dir=\"ltr\">"),
        "{revision}"
    );
    for line in [
        "<h2>Pourquoi</h2>",
        "<ins><span class=\"visually-hidden\">Ajouté : </span>Une règle.\n</ins>",
    ] {
        assert!(
            revision.contains(line),
            "the revision lacks {line}:\n{revision}"
        );
    }
    let changes = site.read("public/what-changed/index.html");
    assert!(
        changes.contains(&format!("/fr/code-of-conduct/changes/{short}/")),
        "{changes}"
    );
    // The English page keeps its own, shorter history, and a page outside the section none.
    let english = site.read("public/code-of-conduct/index.html");
    assert!(
        english.contains("<summary>1 revision</summary>"),
        "{english}"
    );
    let standards = site.read("public/standards/index.html");
    assert!(!standards.contains("history-heading"), "{standards}");
}
