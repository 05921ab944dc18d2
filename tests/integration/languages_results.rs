//! Results pages in every language of the site: a French reader of the French results page
//! reads French around the figures (headings, table headers, "not shown", the charts'
//! descriptions for screen readers, the methods note) and the survey's own French labels,
//! from the one results file the English page shows.

use crate::support::TestSite;

#[test]
fn a_translated_results_page_is_in_its_language_with_the_survey_s_translated_labels() {
    let site = TestSite::sample();
    site.build().success();
    site.expect_lines(
        "public/fr/audits/community-2026/index.html",
        &[
            "<html lang=\"fr\" dir=\"ltr\">",
            "<p class=\"meta\">Enquête communautaire 2026 : vos échanges avec le personnel · 187 réponses · novembre 2026</p>",
            "<li><a href=\"#results-methods\">Comment ces chiffres ont été produits</a></li>",
            "<h2 id=\"q-stakeholder_group-label\">À quel groupe participez-vous principalement ?</h2>",
            "<p class=\"meta\">180 ont répondu.</p>",
            "<caption id=\"q-stakeholder_group-all-caption\"><span class=\"caption-text\">À quel groupe participez-vous principalement ? — tous les répondants</span></caption>",
            "<th scope=\"col\">Réponse</th>",
            "<th scope=\"col\" class=\"num\">Tous les répondants</th>",
            "<th scope=\"row\">Registres et bureaux d&#39;enregistrement</th>",
            "<td class=\"num hidden-figure\">non affiché</td>",
            "<th scope=\"row\">Ont répondu</th>",
            "<p class=\"meta\">Le nombre de répondants n&#39;est pas affiché.</p>",
            "Chaque barre montre la part des répondants qui ont donné chaque réponse. Les mêmes chiffres figurent dans le tableau ci-dessous.",
            "<summary>Selon la réponse à « À quel groupe participez-vous principalement ? »</summary>",
            "<li>Aucun chiffre n&#39;est publié pour l&#39;enquête, une question ou un groupe de moins de 10 répondants.</li>",
            "Chaque chiffre masqué porte la mention « non affiché », quelle que soit la règle qui l&#39;a masqué.",
            "<p>Enquête <code>community-2026</code>, version 1 ; 187 réponses, novembre 2026. Produit par candor-collect 0.1.0 à partir de données dont l&#39;empreinte SHA-256 est <code class=\"hash\">",
        ],
    );
    let french = site.read("public/fr/audits/community-2026/index.html");
    for english in [
        "not shown",
        "All respondents",
        "How these figures were produced",
        "Which group do you mainly take part in?",
    ] {
        assert!(!french.contains(english), "French page says {english:?}");
    }
    site.expect_lines(
        "public/ar/audits/community-2026/index.html",
        &[
            "<html lang=\"ar\" dir=\"rtl\">",
            "<h2 id=\"q-stakeholder_group-label\">في أي مجموعة تشارك أساسًا؟</h2>",
            "<h2 id=\"results-methods\">كيف أُعدّت هذه الأرقام</h2>",
        ],
    );
    // The English page, from the same file, is as it was.
    site.expect_lines(
        "public/audits/community-2026/index.html",
        &[
            "<h2 id=\"q-stakeholder_group-label\">Which group do you mainly take part in?</h2>",
            "<td class=\"num hidden-figure\">not shown</td>",
            "<h2 id=\"results-methods\">How these figures were produced</h2>",
        ],
    );
}

#[test]
fn a_survey_translation_s_markup_stays_text_on_the_results_page() {
    let site = TestSite::sample();
    let translation = site
        .read("surveys/community-2026.fr.yaml")
        .replace(
            "label: Où êtes-vous basé ?",
            "label: \"<b>Où</b> êtes-vous \\\"basé\\\" ?\"",
        )
        .replace("europe: Europe", "europe: \"<i>Europe</i>\"");
    site.write("surveys/community-2026.fr.yaml", &translation);
    site.build().success();
    let html = site.read("public/fr/audits/community-2026/index.html");
    assert!(!html.contains("<b>Où"), "{html}");
    assert!(!html.contains("<i>Europe"), "{html}");
    site.expect_lines(
        "public/fr/audits/community-2026/index.html",
        &[
            "<h2 id=\"q-region-label\">&lt;b&gt;Où&lt;/b&gt; êtes-vous &quot;basé&quot; ?</h2>",
            "<span class=\"chart-label\">&lt;i&gt;Europe&lt;/i&gt;</span>",
        ],
    );
}

#[test]
fn a_translated_trend_page_names_its_waves_in_its_language() {
    let site = TestSite::sample();
    site.write(
        "content/audits/community-trend.fr.md",
        "---\ntitle: Tendances\nresults: community\n---\nChaque vague.\n",
    );
    site.build().success();
    site.expect_lines(
        "public/fr/audits/community-trend/index.html",
        &[
            "<h2 id=\"trend-waves\">Vagues comparées</h2>",
            "réponses, novembre 2026</li>",
            "Une barre par vague, de la plus ancienne à la plus récente ; chacune montre comment les réponses se répartissent.",
        ],
    );
}
