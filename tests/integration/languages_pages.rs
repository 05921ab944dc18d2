//! The default theme's own pages — the guide to verifying the site, the page for unknown
//! addresses, the KPI table — in the language of the reader: a French reader who follows
//! "Vérifier ce site" must land on a guide in French, with the commands left as they are.

use crate::languages::three_language_site;

#[test]
fn the_verify_guide_is_published_in_each_language_with_its_commands_unchanged() {
    let site = three_language_site();
    site.build();
    site.expect_lines(
        "public/fr/verify/index.html",
        &[
            "<html lang=\"fr\" dir=\"ltr\">",
            "<title>Vérifier ce site — Centre de responsabilité</title>",
            "<h1>Vérifier ce site</h1>",
            "<h2 id=\"signature\">3. Vérifier la signature <a class=\"anchor\" href=\"#signature\" aria-label=\"Lien vers cette section\">#</a></h2>",
            "<pre class=\"reader-commands\"><code>minisign -Vm SHA256SUMS -p ../trusted.pub</code></pre>",
            "<pre class=\"reader-commands\"><code>sha256sum --check --strict SHA256SUMS</code></pre>",
            "<pre class=\"candor-command\"><code>candor verify site-copy --pubkey trusted.pub</code></pre>",
            "<p>Téléchargez la clé publique depuis ce site : <a href=\"/minisign.pub\"><code>minisign.pub</code></a>.</p>",
            // Its own footer link is to itself, marked as the current page.
            "<li><a href=\"/fr/verify/\" aria-current=\"page\">Vérifier ce site</a></li>",
            // Its versions, for search engines and the switcher.
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/verify/\">",
            "<link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/ar/verify/\">",
            "<li><a href=\"/verify/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a></li>",
        ],
    );
    // The French pages send their readers to the French guide.
    site.expect_lines(
        "public/fr/index.html",
        &["<li><a href=\"/fr/verify/\">Vérifier ce site</a></li>"],
    );
    site.expect_lines(
        "public/ar/verify/index.html",
        &[
            "<html lang=\"ar\" dir=\"rtl\">",
            "<h1>تحقّق من هذا الموقع</h1>",
            "<pre class=\"reader-commands\"><code>minisign -Vm SHA256SUMS -p ../trusted.pub</code></pre>",
            "<li><a href=\"/ar/verify/\" aria-current=\"page\">تحقّق من هذا الموقع</a></li>",
        ],
    );
    // The default language's guide stays where it was, in English, and names its versions.
    site.expect_lines(
        "public/verify/index.html",
        &[
            "<html lang=\"en\" dir=\"ltr\">",
            "<h1>Verify this site</h1>",
            "<li><a href=\"/verify/\" aria-current=\"page\">Verify this site</a></li>",
            "<link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/verify/\">",
        ],
    );
}

#[test]
fn the_page_for_unknown_addresses_is_in_each_language_and_offers_the_others() {
    let site = three_language_site();
    site.build();
    let root = site.expect_lines(
        "public/404.html",
        &[
            "<html lang=\"en\" dir=\"ltr\">",
            "<h1>Page not found</h1>",
            "<p>This site in another language:</p>",
            "<li><a href=\"/fr/\" hreflang=\"fr\" lang=\"fr\" dir=\"ltr\">Français</a></li>",
            "<li><a href=\"/ar/\" hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</a></li>",
        ],
    );
    assert!(
        !root.contains("hreflang=\"en\" lang=\"en\""),
        "the English page offers English:\n{root}"
    );
    let french = site.expect_lines(
        "public/fr/404.html",
        &[
            "<html lang=\"fr\" dir=\"ltr\">",
            "<title>Page introuvable — Centre de responsabilité</title>",
            "<h1>Page introuvable</h1>",
            "<li><a href=\"/fr/\">Page d&#39;accueil du site «\u{a0}Centre de responsabilité\u{a0}»</a></li>",
            "<li><a href=\"/fr/code-of-conduct/\">Code de conduite</a></li>",
            "<li><a href=\"/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a></li>",
        ],
    );
    // The menu's own link to the home page is not offered a second time.
    assert_eq!(
        french.matches("<li><a href=\"/fr/\">").count(),
        1,
        "the French home page is offered twice:\n{french}"
    );
    site.expect_lines(
        "public/ar/404.html",
        &[
            "<html lang=\"ar\" dir=\"rtl\">",
            "<h1>الصفحة غير موجودة</h1>",
        ],
    );
}

#[test]
fn a_site_in_one_language_publishes_its_theme_pages_once() {
    let site = crate::languages::site_with("title: Hub\nbase_url: https://example.org/\n");
    site.write("content/_index.md", "---\ntitle: Home\n---\n");
    site.build();
    let not_found = site.read("public/404.html");
    assert!(
        !not_found.contains("another language"),
        "a site in one language offers other languages:\n{not_found}"
    );
    site.expect_lines(
        "public/index.html",
        &["<li><a href=\"/verify/\">Verify this site</a></li>"],
    );
    assert!(!site.path("public/en/verify").exists());
}

const KPIS: &str = "\
- id: replies
  name: Replies within 14 days
  description: Share of requests answered in time.
  unit: \"%\"
  target: 95
  direction: at_least
  periods:
    - {period: \"2025-H2\", actual: 91}
    - {period: \"2026-H1\", actual: 97}
- id: complaints
  name: Days to close a complaint
  description: Median days from a complaint to its answer.
  unit: days
  target: 30
  direction: at_most
  periods:
    - {period: \"2025-H2\", actual: 41}
    - {period: \"2026-H1\", actual: 35}
";

#[test]
fn the_kpi_table_of_a_translated_kpi_page_is_in_its_language() {
    let site = three_language_site();
    site.write("data/kpis.yaml", KPIS);
    site.write(
        "content/kpis.md",
        "---\ntitle: KPIs\ntemplate: kpis.html\n---\n",
    );
    site.write(
        "content/kpis.fr.md",
        "---\ntitle: Indicateurs\ntemplate: kpis.html\n---\n",
    );
    site.build();
    site.expect_lines(
        "public/fr/kpis/index.html",
        &[
            "<h2 id=\"kpi-latest\">Derniers résultats</h2>",
            "<p class=\"kpi-summary\"><strong>1 indicateur sur 2</strong> a atteint sa cible sur sa période la plus récente.</p>",
            "<caption id=\"kpi-latest-caption\">Le dernier semestre de chaque indicateur, comparé à sa cible</caption>",
            "<th scope=\"col\">Indicateur</th>",
            "<th scope=\"col\">Cible</th>",
            "<th scope=\"col\" class=\"num\">Dernière valeur</th>",
            "<th scope=\"col\">Résultat</th>",
            "<th scope=\"col\">Tendance</th>",
            "<td>au moins 95%</td>",
            "<td>au plus 30 days</td>",
            "<span class=\"status-met\"><span aria-hidden=\"true\">✓ </span>Atteint</span>",
            "<span class=\"status-missed\"><span aria-hidden=\"true\">✗ </span>Non atteint</span>",
            "<title>Replies within 14 days, de 2025-H2 à 2026-H1 ; la ligne pointillée est la cible</title>",
            "<h2 id=\"kpi-history\">Historique par indicateur</h2>",
            "<p class=\"meta\">Cible : au plus 30 days.</p>",
            "aria-label=\"Historique : Days to close a complaint\"",
            "<caption class=\"visually-hidden\">Days to close a complaint, par semestre</caption>",
            "<th scope=\"row\">Période</th>",
            "<th scope=\"row\">Réalisé</th>",
        ],
    );
    site.expect_lines(
        "public/kpis/index.html",
        &[
            "<p class=\"kpi-summary\"><strong>1 of 2</strong> indicators met their target in their most recent period.</p>",
            "<td>at most 30 days</td>",
            "<th scope=\"row\">Actual</th>",
        ],
    );
}

#[test]
fn a_french_kpi_page_without_indicators_says_so_in_french() {
    let site = three_language_site();
    site.write(
        "content/kpis.fr.md",
        "---\ntitle: Indicateurs\ntemplate: kpis.html\n---\n",
    );
    site.build();
    site.expect_lines(
        "public/fr/kpis/index.html",
        &[
            "<p>Aucun indicateur n&#39;a encore été publié. Ajoutez-les à <code>data/kpis.yaml</code>.</p>",
        ],
    );
}

#[test]
fn a_translated_string_with_markup_is_escaped_in_the_theme_pages() {
    let site = three_language_site();
    let strings = site.read("themes/default/i18n/fr.ftl");
    let hostile = strings
        .replace(
            "verify-heading = Vérifier ce site",
            "verify-heading = Vérifier <b>ce</b> \"site\"",
        )
        .replace(
            "verify-key-download = Téléchargez",
            "verify-key-download = <script>x</script> Téléchargez",
        )
        .replace(
            "not-found-heading = Page introuvable",
            "not-found-heading = Page <i>introuvable</i>",
        );
    assert_ne!(hostile, strings, "the French strings were not found");
    site.write("themes/default/i18n/fr.ftl", &hostile);
    site.build();
    site.expect_lines(
        "public/fr/verify/index.html",
        &[
            "<h1>Vérifier &lt;b&gt;ce&lt;/b&gt; &quot;site&quot;</h1>",
            "<p>&lt;script&gt;x&lt;/script&gt; Téléchargez la clé publique depuis ce site : <a href=\"/minisign.pub\"><code>minisign.pub</code></a>.</p>",
        ],
    );
    site.expect_lines(
        "public/fr/404.html",
        &["<h1>Page &lt;i&gt;introuvable&lt;/i&gt;</h1>"],
    );
}

#[test]
fn the_preview_answers_an_unknown_address_with_the_not_found_page_of_its_language() {
    let site = crate::support::TestSite::sample();
    let server = crate::serve::Server::start(&site);
    for (path, lang) in [
        ("/fr/no-such-page/", "<html lang=\"fr\" dir=\"ltr\">"),
        ("/ar/audits/no-such-page/", "<html lang=\"ar\" dir=\"rtl\">"),
        ("/no-such-page/", "<html lang=\"en\" dir=\"ltr\">"),
        ("/french/", "<html lang=\"en\" dir=\"ltr\">"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply.body.contains(lang), "{path}: {}", reply.body);
    }
}

/// A translation's earlier address leads on in the translation's language: a French reader of
/// an old French link reads French, in a page marked French.
#[test]
fn a_redirect_to_a_translation_is_in_its_language() {
    let site = three_language_site();
    site.write(
        "content/code-of-conduct.fr.md",
        "---\ntitle: Code de conduite\ndate: 2026-03-02\naliases: [/fr/ancien-code/]\n---\n## Portée\n",
    );
    site.build();
    let redirect = site.expect_lines(
        "public/fr/ancien-code/index.html",
        &[
            "<html lang=\"fr\" dir=\"ltr\">",
            "<a href=\"/fr/code-of-conduct/\">Code de conduite</a>",
        ],
    );
    assert!(!redirect.contains("moved"), "{redirect}");
}
