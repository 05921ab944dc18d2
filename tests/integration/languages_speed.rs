//! A page's versions in other languages reach templates in two forms: maps (`alternates`,
//! `x_default`, `page.translations`) for a theme that loops over them, and ready-made markup
//! (`alternate_links`, `language_links`) that the default theme prints. Each form is made only
//! when some template names it, to spare a 10,000-page site in two languages the cost of the
//! form it never prints; these cases check that a theme naming a form still gets it, whichever
//! template names it.

use crate::languages::site_with;
use crate::support::TestSite;
use crate::theme_and_translation_safety::TWO_LANGUAGES;

/// A site in English and French with the default theme, whose rules page (in both) is
/// rendered by the site's own template `versions.html`, printing `body`.
fn site_with_page_template(body: &str) -> TestSite {
    let site = site_with(TWO_LANGUAGES);
    site.write("content/_index.md", "---\ntitle: Home\n---\n");
    let front = "template: versions.html\n---\n";
    site.write("content/rules.md", &format!("---\ntitle: Rules\n{front}"));
    site.write(
        "content/rules.fr.md",
        &format!("---\ntitle: Règles\n{front}"),
    );
    site.write("templates/versions.html", body);
    site
}

#[test]
fn a_theme_that_loops_over_the_versions_maps_gets_them() {
    let site = site_with_page_template(concat!(
        "{% for v in alternates %}[{{ v.code }} {{ v.name }} {{ v.url }} {{ v.permalink }}",
        " {{ v.direction }} {{ v.current }}]{% endfor %}\n",
        "x-default {{ x_default }}\n",
        "{% for v in page.translations %}({{ v.code }} {{ v.url }}){% endfor %}\n",
    ));
    site.build().success();
    assert_eq!(
        site.read("public/fr/rules/index.html"),
        concat!(
            "[en English /rules/ https://example.org/rules/ ltr false]",
            "[fr Français /fr/rules/ https://example.org/fr/rules/ ltr true]\n",
            "x-default https://example.org/rules/\n",
            "(en /rules/)\n",
        )
    );
}

#[test]
fn a_theme_that_prints_only_the_ready_made_markup_gets_it() {
    let site = site_with_page_template("{{ alternate_links }}|{{ language_links }}\n");
    site.build().success();
    assert_eq!(
        site.read("public/rules/index.html"),
        concat!(
            "\n  <link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/rules/\">",
            "\n  <link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/rules/\">",
            "\n  <link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/rules/\">|",
            "\n          <li><span aria-current=\"true\" lang=\"en\" dir=\"ltr\">English</span></li>",
            "\n          <li><a href=\"/fr/rules/\" hreflang=\"fr\" lang=\"fr\" dir=\"ltr\">Français</a></li>\n",
        )
    );
}
