//! What issue 17 left in English or in the default language only: the survey form's own
//! messages (hints written by Candor, the script's errors and notices), the sample's data files,
//! the survey list, links between translations, and the size of the translation files read.

use serde_json::{Value, json};

use crate::support::TestSite;

/// The strings the form's script shows, as the page carries them for it.
fn script_messages(html: &str) -> Value {
    let start_tag = "<script type=\"application/json\" id=\"survey-messages\">";
    let start = html
        .find(start_tag)
        .unwrap_or_else(|| panic!("no messages for the script in:\n{html}"))
        + start_tag.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// The hint under a question of the sample's 2026 survey.
fn hint<'a>(html: &'a str, question: &str) -> &'a str {
    let start_tag = format!("<p class=\"question-hint\" id=\"q-{question}-hint\">");
    let start = html.find(&start_tag).unwrap() + start_tag.len();
    let end = start + html[start..].find("</p>").unwrap();
    &html[start..end]
}

#[test]
fn a_translated_form_writes_its_hints_and_script_messages_in_its_language() {
    let site = TestSite::sample();
    site.build().success();
    let english = site.read("public/surveys/community-2026/index.html");
    let french = site.read("public/fr/surveys/community-2026/index.html");
    let arabic = site.read("public/ar/surveys/community-2026/index.html");

    assert_eq!(hint(&english, "contacted_staff"), "Choose one.");
    assert_eq!(hint(&french, "contacted_staff"), "Choisissez une réponse.");
    assert_eq!(
        hint(&french, "channels"),
        "Choisissez toutes les réponses qui conviennent."
    );
    assert_eq!(hint(&arabic, "contacted_staff"), "اختر إجابة واحدة.");
    assert_eq!(
        hint(&french, "responsiveness"),
        "Choisissez un point de 1 à 5."
    );

    // The form's own sentences too, links kept.
    assert!(french.contains(
        "<p class=\"survey-required-note\">Les questions marquées « obligatoire » demandent une réponse ; toutes les autres sont facultatives.</p>"
    ));
    assert!(french.contains(
        "<p class=\"survey-offline-link\">Pas de connexion fiable là où vous êtes ? <a href=\"/fr/surveys/community-2026/offline.html\" download=\"community-2026-offline.html\">Enregistrez ce formulaire en un seul fichier</a> ; il fonctionne ouvert depuis le disque, sans réseau.</p>"
    ));

    let english = script_messages(&english);
    let french = script_messages(&french);
    let arabic = script_messages(&arabic);
    assert_eq!(
        english["survey-error-required"],
        "Answer this question; it is required."
    );
    assert_eq!(
        french["survey-error-required"],
        "Répondez à cette question : elle est obligatoire."
    );
    assert_eq!(
        french["survey-error-too-long"],
        json!({
            "one": "Écrivez au plus {max} caractères (vous en avez écrit {count}).",
            "other": "Écrivez au plus {max} caractères (vous en avez écrit {count})."
        })
    );
    // A message with a number has a form per plural category of the language: English two,
    // Arabic six.
    assert_eq!(
        english["survey-errors-heading"],
        json!({
            "one": "There is a problem with your answers",
            "other": "There are {count} problems with your answers"
        })
    );
    let arabic_heading = arabic["survey-errors-heading"].as_object().unwrap();
    let categories: Vec<&str> = arabic_heading.keys().map(String::as_str).collect();
    assert_eq!(categories, ["few", "many", "one", "other", "two", "zero"]);
    assert_eq!(
        arabic["survey-errors-heading"]["one"],
        "في إجابتك مشكلة واحدة"
    );
}

/// In Chromium, the French form, submitted without its one required answer, says what is wrong
/// in French: the summary's heading, the question's name and the error under the question.
#[test]
fn the_french_form_shows_its_validation_message_in_french_in_chromium() {
    use crate::survey::readers_browser::browse;
    let Some(browsing) = browse(TestSite::sample(), "/") else {
        return;
    };
    let (server, browser) = (&browsing.server, &browsing.browser);
    browser.goto(&server.url("/fr/surveys/community-2026/"));
    browser.wait_for(
        "the form script",
        "return !document.getElementById('survey-submit').disabled",
    );
    browser.run("document.getElementById('survey-submit').click()");
    browser.wait_for(
        "the error summary",
        "return !document.getElementById('survey-errors').hidden",
    );
    assert_eq!(
        browser.run_string("return document.getElementById('survey-errors').innerText"),
        "Une de vos réponses pose problème\n\
         Question 4 : Répondez à cette question : elle est obligatoire."
    );
    assert_eq!(
        browser.run_string("return document.getElementById('q-contacted_staff-error').innerText"),
        "Répondez à cette question : elle est obligatoire."
    );
}

/// The first step's title in an escalation page.
fn first_step_title(html: &str) -> &str {
    let marker = "<li class=\"step\" id=\"step-talk\">";
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no first step in:\n{html}"));
    let after_number =
        start + html[start..].find("</span></span> ").unwrap() + "</span></span> ".len();
    let end = after_number + html[after_number..].find("</h3>").unwrap();
    &html[after_number..end]
}

#[test]
fn a_data_file_translation_is_what_pages_in_its_language_read() {
    let site = TestSite::sample();
    site.build().success();
    let title = |path: &str| first_step_title(&site.read(path)).to_owned();
    assert_eq!(
        title("public/escalation/index.html"),
        "Talk to the staff member or their manager"
    );
    assert_eq!(
        title("public/fr/escalation/index.html"),
        "Parler au membre du personnel ou à son responsable"
    );
    assert_eq!(
        title("public/ar/escalation/index.html"),
        "تحدّث إلى الموظف أو إلى مديره"
    );
    // The translation is not a data file of its own.
    assert!(
        !site
            .read("public/escalation/index.html")
            .contains("escalation.fr")
    );

    // Without its Arabic translation, the Arabic page shows the default language's steps.
    site.remove("data/escalation.ar.yaml");
    site.build().success();
    assert_eq!(
        title("public/ar/escalation/index.html"),
        "Talk to the staff member or their manager"
    );
}

#[test]
fn the_survey_list_is_published_in_each_language_and_links_its_forms() {
    let site = TestSite::sample();
    site.build().success();
    let french = site.read("public/fr/surveys/index.html");
    let english = site.read("public/surveys/index.html");
    assert!(
        french.starts_with("<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">"),
        "{french}"
    );
    assert!(
        site.read("public/ar/surveys/index.html")
            .starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">")
    );
    // The 2026 survey is translated: the French list links its French form, by its French
    // title; the 2025 survey is not, and keeps its original.
    assert!(
        french.contains(
            "<a href=\"/fr/surveys/community-2026/\">Enquête communautaire 2026 : vos échanges avec le personnel</a>"
        ),
        "{french}"
    );
    // Its English title reads left to right on the Arabic list too.
    for html in [&french, &site.read("public/ar/surveys/index.html")] {
        assert!(
            html.contains(
                "<a href=\"/surveys/community-2025/\" hreflang=\"en\" lang=\"en\" dir=\"auto\">"
            ),
            "{html}"
        );
    }
    assert!(
        english.contains("<a href=\"/surveys/community-2026/\">"),
        "{english}"
    );
    // Each list names the others as its versions.
    for html in [&english, &french] {
        for (code, url) in [
            ("en", "https://accountability.example.org/surveys/"),
            ("fr", "https://accountability.example.org/fr/surveys/"),
            ("ar", "https://accountability.example.org/ar/surveys/"),
        ] {
            let link = format!("<link rel=\"alternate\" hreflang=\"{code}\" href=\"{url}\">");
            assert!(html.contains(&link), "{link} missing in:\n{html}");
        }
    }
    // The French menu leads to the French list.
    assert!(french.contains("href=\"/fr/surveys/\""), "{french}");
}

/// A site in English and French with the repository's default theme.
fn english_and_french_site() -> TestSite {
    let site = TestSite::empty();
    crate::support::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &site.path("themes"),
    );
    site.write(
        "site.yaml",
        "title: Hub\nbase_url: https://example.org/\nlanguage: en\nlanguages:\n  - code: en\n    name: English\n  - code: fr\n    name: Français\n",
    );
    site.write("content/_index.md", "---\ntitle: Home\n---\n");
    site
}

/// The `href` of the link whose text is `text` in `html`.
fn href_of<'a>(html: &'a str, text: &str) -> &'a str {
    let end = html
        .find(&format!("\">{text}</a>"))
        .unwrap_or_else(|| panic!("no link {text} in:\n{html}"));
    let start = html[..end].rfind("href=\"").unwrap() + "href=\"".len();
    &html[start..end]
}

#[test]
fn links_to_and_inside_translations_lead_to_the_translation() {
    let site = english_and_french_site();
    site.write(
        "content/code-of-conduct.md",
        "---\ntitle: Code\n---\n[in French](code-of-conduct.fr.md) [section in French](guide/_index.fr.md#steps)\n",
    );
    site.write(
        "content/code-of-conduct.fr.md",
        "---\ntitle: Code FR\n---\n[relative](escalation.md) [absolute](/escalation/#top) \
         [section](guide/_index.md) [untranslated](standards.md)\n",
    );
    site.write(
        "content/escalation.md",
        "---\ntitle: Escalation\n---\n# Top\n",
    );
    site.write(
        "content/escalation.fr.md",
        "---\ntitle: Escalade\n---\n# Top\n",
    );
    site.write(
        "content/guide/_index.md",
        "---\ntitle: Guide\n---\n## Steps\n",
    );
    site.write(
        "content/guide/_index.fr.md",
        "---\ntitle: Guide FR\n---\n## Steps\n",
    );
    site.write("content/standards.md", "---\ntitle: Standards\n---\n");
    site.build().success();

    let english = site.read("public/code-of-conduct/index.html");
    assert_eq!(href_of(&english, "in French"), "/fr/code-of-conduct/");
    assert_eq!(href_of(&english, "section in French"), "/fr/guide/#steps");
    let french = site.read("public/fr/code-of-conduct/index.html");
    assert_eq!(href_of(&french, "relative"), "/fr/escalation/");
    assert_eq!(href_of(&french, "absolute"), "/fr/escalation/#top");
    assert_eq!(href_of(&french, "section"), "/fr/guide/");
    assert_eq!(href_of(&french, "untranslated"), "/standards/");
}

#[test]
fn a_link_to_a_missing_translation_file_is_reported_broken() {
    let site = english_and_french_site();
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\n[in French](about.fr.md)\n",
    );
    let run = site.candor(&["build"]).exit_code(1);
    insta::assert_snapshot!(run.stderr());
}

/// A file just over the size a source file may have: comment lines, valid in YAML and Fluent.
fn oversized_text() -> String {
    "# padding\n".repeat(16 * 1024 * 1024 / 10 + 1)
}

#[test]
fn an_oversized_survey_translation_is_refused_with_its_file_named() {
    let site = TestSite::sample();
    site.write("surveys/community-2026.fr.yaml", &oversized_text());
    let run = site.candor(&["build"]).exit_code(1);
    insta::assert_snapshot!(run.stderr());
}

#[test]
fn oversized_interface_strings_are_refused_with_their_file_named() {
    let site = TestSite::sample();
    site.write("themes/default/i18n/fr.ftl", &oversized_text());
    let run = site.candor(&["build"]).exit_code(1);
    insta::assert_snapshot!(run.stderr());
}

/// When a translation comes or goes, the links of the other translations of its language lead
/// elsewhere: the preview renders them again, so it serves what a full build makes.
#[test]
fn a_preview_retargets_translated_links_when_a_translation_comes_or_goes() {
    use crate::incremental::{checked_preview, save_each_and_compare};
    let site = TestSite::sample();
    site.write(
        "content/training.fr.md",
        "---\ntitle: Formation\n---\nVoir les [normes](/standards/) et [le code](code-of-conduct.md).\n",
    );
    let mut live = checked_preview(&site);
    let steps: [(&str, &str, Option<&str>); 2] = [
        (
            "translate the standards",
            "content/standards.fr.md",
            Some("---\ntitle: Normes\n---\nTexte.\n"),
        ),
        ("remove the translation", "content/standards.fr.md", None),
    ];
    save_each_and_compare(&mut live, &site, &steps);
    site.build();
    let french = site.read("public/fr/training/index.html");
    assert_eq!(href_of(&french, "normes"), "/standards/");
    assert_eq!(href_of(&french, "le code"), "/fr/code-of-conduct/");
}

/// `t()` puts an argument marked safe in as HTML and escapes everything else: the string's own
/// words and the arguments that are not marked.
#[test]
fn interface_strings_take_safe_arguments_as_html_and_escape_the_rest() {
    let site = english_and_french_site();
    site.write(
        "templates/t.html",
        "{% set link = \"<a href='x'>x</a>\" | safe %}{{ t(key=\"survey-return-email\", email=link) }}|\
         {{ t(key=\"survey-paper-return\", email=\"<i>x</i>\") }}\n",
    );
    site.write("content/t.md", "---\ntitle: T\ntemplate: t.html\n---\n");
    site.build();
    assert_eq!(
        site.read("public/t/index.html"),
        "Email the response file to <a href='x'>x</a> as an attachment.|Return it to &lt;i&gt;x&lt;/i&gt;.\n"
    );
}

/// The pages this work translated pass axe-core in Chromium, right to left included, and the
/// list marks a survey shown in another language as such.
#[test]
fn translated_survey_pages_and_escalation_guides_pass_axe_in_chromium() {
    use crate::survey::readers_browser::{
        axe_violations, browse, horizontal_overflow, set_viewport,
    };
    let Some(browsing) = browse(TestSite::sample(), "/") else {
        return;
    };
    let (server, browser) = (&browsing.server, &browsing.browser);
    for path in [
        "/fr/surveys/",
        "/ar/surveys/",
        "/ar/surveys/community-2026/",
        "/fr/escalation/",
        "/ar/escalation/",
    ] {
        for width in [390, 1280] {
            set_viewport(browser, width);
            browser.goto(&server.url(path));
            let at = format!("{path} at {width} px");
            assert_eq!(horizontal_overflow(browser), 0, "{at}: scrolls sideways");
            assert_eq!(
                axe_violations(browser),
                Vec::<String>::new(),
                "{at}: axe-core"
            );
        }
    }
    browser.goto(&server.url("/fr/surveys/"));
    assert_eq!(
        browser.run_string(
            "return document.querySelector('a[href=\"/surveys/community-2025/\"]').getAttribute('lang')"
        ),
        "en"
    );
}
