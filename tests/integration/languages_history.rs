//! A translated policy page shows its own history: `history.sections` names sections by their
//! address in the default language, and a section covers its translations, so the French code
//! of conduct says when the French text changed, links to its own revisions, and its changes
//! are on the "What changed" page.

use crate::languages::three_language_repository;

#[test]
fn a_translation_in_a_policy_section_shows_its_own_history() {
    let Some(site) = three_language_repository("history:\n  sections: [/code-of-conduct/]\n")
    else {
        return;
    };
    let git = |when: &str, args: &[&str]| crate::support::git_at(site.root(), when, args, None);
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

    let link = format!(
        "<a href=\"/fr/code-of-conduct/changes/{short}/\">Une règle de plus</a> <code>{short}</code>"
    );
    site.expect_lines(
        "public/fr/code-of-conduct/index.html",
        &[
            "<h2 id=\"history-heading\">Historique de cette page</h2>",
            "Dernière modification le <time datetime=\"2026-03-04\">2026-03-04</time>.",
            "<summary>2 versions</summary>",
            &link,
        ],
    );
    site.expect_lines(
        &format!("public/fr/code-of-conduct/changes/{short}/index.html"),
        &[
            "<html lang=\"fr\" dir=\"ltr\">",
            "<h2>Pourquoi</h2>",
            "<ins><span class=\"visually-hidden\">Ajouté : </span>Une règle.\n</ins>",
        ],
    );
    site.expect_lines(
        "public/what-changed/index.html",
        &[&format!("/fr/code-of-conduct/changes/{short}/")],
    );
    // The English page keeps its own, shorter history, and a page outside the section none.
    site.expect_lines(
        "public/code-of-conduct/index.html",
        &["<summary>1 revision</summary>"],
    );
    let standards = site.read("public/standards/index.html");
    assert!(!standards.contains("history-heading"), "{standards}");
}
