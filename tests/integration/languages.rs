//! Several languages on one site (issue 17): every script's headings, translations published
//! under their language's prefix and linked both ways, interface strings per language, right to
//! left. Each case builds a small site with the repository's default theme.

use std::path::Path;

use crate::support::{TestSite, copy_tree};

/// An empty site with the repository's default theme and `site_yaml` as its settings.
pub(crate) fn site_with(site_yaml: &str) -> TestSite {
    let site = TestSite::empty();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &site.path("themes"),
    );
    site.write("site.yaml", site_yaml);
    site
}

#[test]
fn a_percent_encoded_link_to_a_hindi_heading_is_not_broken() {
    let site = site_with("title: Hub\nbase_url: https://example.org/\n");
    site.write("content/_index.md", "---\ntitle: Home\n---\n");
    site.write(
        "content/hi.md",
        "---\ntitle: Hindi\n---\n## आचार संहिता\n\n[here](#%E0%A4%86%E0%A4%9A%E0%A4%BE%E0%A4%B0-%E0%A4%B8%E0%A4%82%E0%A4%B9%E0%A4%BF%E0%A4%A4%E0%A4%BE)\n",
    );
    site.build();
    let html = site.read("public/hi/index.html");
    assert!(html.contains("<h2 id=\"आचार-संहिता\">"), "{html}");
}

const THREE_LANGUAGES: &str = "\
title: Hub
base_url: https://example.org/
language: en
languages:
  - code: en
    name: English
  - code: fr
    name: Français
    title: Centre de responsabilité
    navigation:
      /code-of-conduct/: Code de conduite
  - code: ar
    name: العربية
    title: مركز المساءلة
navigation:
  - title: Home
    path: /
  - title: Code of conduct
    path: /code-of-conduct/
  - title: Standards
    path: /standards/
";

/// A site in English, French and Arabic: the home page and the code of conduct in all three,
/// the standards in English only.
pub(crate) fn three_language_site() -> TestSite {
    let site = site_with(THREE_LANGUAGES);
    site.write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    site.write(
        "content/_index.fr.md",
        "---\ntitle: Accueil\n---\nBienvenue.\n",
    );
    site.write(
        "content/_index.ar.md",
        "---\ntitle: الرئيسية\n---\nمرحبا.\n",
    );
    site.write(
        "content/code-of-conduct.md",
        "---\ntitle: Code of conduct\ndate: 2026-03-01\n---\n## Scope\n",
    );
    site.write(
        "content/code-of-conduct.fr.md",
        "---\ntitle: Code de conduite\ndate: 2026-03-02\n---\n## Portée\n",
    );
    site.write(
        "content/code-of-conduct.ar.md",
        "---\ntitle: مدونة السلوك\ndate: 2026-03-03\n---\n## النطاق\n",
    );
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\n---\nText.\n",
    );
    site.write(
        "content/route.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

/// Every HTML file the build published, relative to `public/`.
fn published_pages(site: &TestSite) -> Vec<String> {
    let public = site.path("public");
    walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
        .map(|entry| {
            let relative = entry.path().strip_prefix(&public).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

/// The opening `<html …>` tag of a page.
fn html_tag(html: &str) -> &str {
    let start = html.find("<html").expect("an html element");
    &html[start..start + html[start..].find('>').unwrap() + 1]
}

#[test]
fn every_page_says_its_language_and_direction() {
    let site = three_language_site();
    site.build();
    let pages = published_pages(&site);
    assert!(
        pages.contains(&"ar/code-of-conduct/index.html".to_owned()),
        "{pages:?}"
    );
    for page in pages {
        let expected = if page.starts_with("fr/") {
            "<html lang=\"fr\" dir=\"ltr\">"
        } else if page.starts_with("ar/") {
            "<html lang=\"ar\" dir=\"rtl\">"
        } else {
            "<html lang=\"en\" dir=\"ltr\">"
        };
        assert_eq!(
            html_tag(&site.read(&format!("public/{page}"))),
            expected,
            "{page}"
        );
    }
    // The shared picture is published once, where it always was.
    assert!(site.path("public/route.svg").is_file());
    assert!(!site.path("public/fr/route.svg").exists());
}

#[test]
fn a_site_in_one_language_says_left_to_right_or_right_to_left() {
    let site = site_with("title: Hub\nbase_url: /\n");
    site.write("content/_index.md", "---\ntitle: Home\n---\n");
    site.build();
    assert_eq!(
        html_tag(&site.read("public/index.html")),
        "<html lang=\"en\" dir=\"ltr\">"
    );
    site.write("site.yaml", "title: Hub\nbase_url: /\nlanguage: fa\n");
    site.build();
    let html = site.read("public/index.html");
    assert_eq!(html_tag(&html), "<html lang=\"fa\" dir=\"rtl\">");
    assert!(!html.contains("hreflang"), "{html}");
}

#[test]
fn a_language_code_that_is_not_bcp_47_is_refused_where_it_is_written() {
    let site = site_with(&THREE_LANGUAGES.replace("code: fr", "code: fr_FR"));
    site.write("content/_index.md", "---\ntitle: Home\n---\n");
    let run = site.candor(&["build"]).exit_code(1);
    assert_eq!(
        run.stderr(),
        "site.yaml:7:11: error: `languages: code` `fr_FR` is not a BCP 47 language code\n  \
         hint: write a code such as `en`, `fr`, `ar`, `pt-BR` or `zh-Hans`, with hyphens, not underscores\n\
         error: 1 problem found; nothing was written\n"
    );
}

#[test]
fn translations_link_to_one_another_both_ways() {
    let site = three_language_site();
    site.build();
    let links = |page: &str| -> Vec<String> {
        site.read(page)
            .lines()
            .map(str::trim)
            .filter(|line| line.starts_with("<link rel=\"alternate\" hreflang"))
            .map(str::to_owned)
            .collect()
    };
    let expected = [
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/code-of-conduct/\">",
        "<link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/code-of-conduct/\">",
        "<link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/ar/code-of-conduct/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/code-of-conduct/\">",
    ];
    for page in [
        "public/code-of-conduct/index.html",
        "public/fr/code-of-conduct/index.html",
        "public/ar/code-of-conduct/index.html",
    ] {
        assert_eq!(links(page), expected, "{page}");
    }
    assert_eq!(links("public/standards/index.html"), Vec::<String>::new());
}

#[test]
fn the_switcher_lists_only_the_languages_a_page_exists_in() {
    let site = three_language_site();
    site.build();
    let french = site.read("public/fr/code-of-conduct/index.html");
    let switcher = &french[french.find("<nav class=\"language-switcher\"").unwrap()..];
    let switcher = &switcher[..switcher.find("</nav>").unwrap()];
    let items: Vec<&str> = switcher
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("<li>"))
        .collect();
    assert_eq!(
        items,
        [
            "<li><a href=\"/code-of-conduct/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a></li>",
            "<li><span aria-current=\"true\" lang=\"fr\" dir=\"ltr\">Français</span></li>",
            "<li><a href=\"/ar/code-of-conduct/\" hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</a></li>",
        ]
    );
    let standards = site.read("public/standards/index.html");
    assert!(!standards.contains("language-switcher"), "{standards}");
    // The French navigation has French labels and leads to French pages where there are some.
    assert!(
        french.contains(
            "<a href=\"/fr/code-of-conduct/\" aria-current=\"page\">Code de conduite</a>"
        ),
        "{french}"
    );
    assert!(
        french.contains("<a href=\"/standards/\">Standards</a>"),
        "{french}"
    );
    assert!(
        french.contains("<p class=\"site-name\"><a href=\"/fr/\">Centre de responsabilité</a></p>"),
        "{french}"
    );
}

#[test]
fn each_language_has_its_own_feed_and_the_sitemap_names_every_version() {
    let site = three_language_site();
    site.build();
    let english = site.read("public/atom.xml");
    let french = site.read("public/fr/atom.xml");
    let arabic = site.read("public/ar/atom.xml");
    assert!(english.contains("xml:lang=\"en\""), "{english}");
    assert!(
        english.contains("<id>https://example.org/code-of-conduct/</id>"),
        "{english}"
    );
    assert!(!english.contains("/fr/"), "{english}");
    assert!(french.contains("xml:lang=\"fr\""), "{french}");
    assert!(
        french.contains("<title>Centre de responsabilité</title>"),
        "{french}"
    );
    assert!(
        french.contains("<link rel=\"self\" href=\"https://example.org/fr/atom.xml\"/>"),
        "{french}"
    );
    assert!(
        french.contains("<id>https://example.org/fr/code-of-conduct/</id>"),
        "{french}"
    );
    assert!(
        !french.contains("<id>https://example.org/code-of-conduct/</id>"),
        "{french}"
    );
    assert!(arabic.contains("<title>مدونة السلوك</title>"), "{arabic}");
    let sitemap = site.read("public/sitemap.xml");
    let line = sitemap
        .lines()
        .find(|line| line.contains("<loc>https://example.org/ar/code-of-conduct/</loc>"))
        .expect("the Arabic page in the sitemap");
    assert_eq!(
        line,
        "  <url><loc>https://example.org/ar/code-of-conduct/</loc><lastmod>2026-03-03</lastmod>\
         <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/code-of-conduct/\"/>\
         <xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/code-of-conduct/\"/>\
         <xhtml:link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/ar/code-of-conduct/\"/>\
         <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/code-of-conduct/\"/></url>"
    );
    // The English home lists its own pages, not the French home.
    let home = site.read("public/index.html");
    assert!(!home.contains("href=\"/fr/\">Accueil"), "{home}");
}

#[test]
fn the_default_theme_lays_out_with_logical_properties_so_arabic_mirrors() {
    let physical = [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        "text-align: left",
        "text-align: right",
        "float: left",
        "float: right",
    ];
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "css") {
            continue;
        }
        let css = std::fs::read_to_string(&path).unwrap();
        for (number, line) in css.lines().enumerate() {
            let property = line.trim();
            let found = physical.iter().find(|p| property.starts_with(*p));
            let placed = property.starts_with("left:") || property.starts_with("right:");
            assert!(
                found.is_none() && !placed,
                "{}:{}: `{property}` does not mirror right to left; use its logical form \
                 (margin-inline-start, inset-inline-start, text-align: start, …)",
                path.display(),
                number + 1
            );
        }
    }
}

#[test]
fn interface_strings_are_in_the_page_language_with_its_plural_rules() {
    let site = three_language_site();
    site.write(
        "templates/plural.html",
        "{% for n in [0, 1, 2, 3, 11, 100] %}{{ t(key=\"responses\", count=n) }}|{% endfor %}\n",
    );
    for (file, title) in [
        ("content/counts.md", "Counts"),
        ("content/counts.fr.md", "Comptes"),
        ("content/counts.ar.md", "أعداد"),
    ] {
        site.write(
            file,
            &format!("---\ntitle: {title}\ntemplate: plural.html\n---\n"),
        );
    }
    site.build();
    assert_eq!(
        site.read("public/counts/index.html"),
        "0 responses|1 response|2 responses|3 responses|11 responses|100 responses|\n"
    );
    assert_eq!(
        site.read("public/fr/counts/index.html"),
        "0 réponse|1 réponse|2 réponses|3 réponses|11 réponses|100 réponses|\n"
    );
    // Arabic has six plural forms; the number is isolated so it keeps its order in the line.
    assert_eq!(
        site.read("public/ar/counts/index.html"),
        "لا توجد ردود|ردّ واحد|ردّان|\u{2068}3\u{2069} ردود|\u{2068}11\u{2069} ردًّا|\u{2068}100\u{2069} ردّ|\n"
    );
    let french = site.read("public/fr/code-of-conduct/index.html");
    assert!(
        french.contains("<a class=\"skip-link\" href=\"#main\">Aller au contenu principal</a>"),
        "{french}"
    );
    let arabic = site.read("public/ar/index.html");
    assert!(
        arabic.contains("<a class=\"skip-link\" href=\"#main\">انتقل إلى المحتوى الرئيسي</a>"),
        "{arabic}"
    );
}

#[test]
fn a_missing_interface_string_falls_back_and_check_lists_it() {
    let site = three_language_site();
    let french = site.read("themes/default/i18n/fr.ftl");
    let without: String = french
        .lines()
        .filter(|line| !line.starts_with("skip-link =") && !line.starts_with("menu ="))
        .map(|line| format!("{line}\n"))
        .collect();
    site.write("themes/default/i18n/fr.ftl", &without);
    site.write(
        "site.yaml",
        &THREE_LANGUAGES.replace(
            "navigation:\n  - title: Home",
            "  - code: de\n    name: Deutsch\nnavigation:\n  - title: Home",
        ),
    );
    site.write(
        "content/code-of-conduct.de.md",
        "---\ntitle: Verhaltenskodex\n---\n",
    );
    let run = site.candor(&["check"]);
    let stderr = run.stderr();
    // Each problem is a line and its hint; those of the interface strings are the theme's.
    let about_strings: String = stderr
        .split_inclusive('\n')
        .collect::<Vec<_>>()
        .chunks(2)
        .filter(|problem| problem[0].starts_with("themes/"))
        .flatten()
        .copied()
        .collect();
    assert_eq!(
        about_strings,
        "themes/default/i18n/de.ftl: warning: the theme has no interface strings in `de`; its pages show them in the default language\n  \
         hint: translate themes/default/i18n/en.ftl into this file\n\
         themes/default/i18n/fr.ftl: warning: 2 interface string(s) are not translated, so pages in `fr` show them in the default language: skip-link, menu\n  \
         hint: add them, translated from themes/default/i18n/en.ftl\n",
        "{}",
        run.explain()
    );
    site.build();
    let page = site.read("public/fr/code-of-conduct/index.html");
    assert!(
        page.contains("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"),
        "{page}"
    );
    let german = site.read("public/de/code-of-conduct/index.html");
    assert!(german.contains("<summary>Menu</summary>"), "{german}");
}

/// The stale-translation notice of a page, if it has one.
fn stale_notice(html: &str) -> Option<&str> {
    let start = html.find("<p class=\"stale-translation\"")?;
    Some(&html[start..start + html[start..].find("</p>")? + 4])
}

/// [`three_language_site`] with `settings` added to its `site.yaml`, in a git repository of one
/// commit ("All three", 2026-03-01); `None` without git (see `require_tool`).
pub(crate) fn three_language_repository(settings: &str) -> Option<TestSite> {
    if !crate::support::require_tool("git") {
        return None;
    }
    let site = three_language_site();
    let yaml = site.read("site.yaml");
    site.write("site.yaml", &format!("{yaml}{settings}"));
    site.write(".gitignore", "public/\n.candor/\n");
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &["commit", "-q", "-m", "All three"],
    ] {
        crate::support::git_at(site.root(), "2026-03-01T10:00:00Z", args, None);
    }
    Some(site)
}

#[test]
fn a_translation_older_than_its_original_says_so_in_its_language() {
    let Some(site) = three_language_repository("") else {
        return;
    };
    let git = |when: &str, args: &[&str]| crate::support::git_at(site.root(), when, args, None);
    site.build();
    assert_eq!(
        stale_notice(&site.read("public/fr/code-of-conduct/index.html")),
        None
    );

    site.write(
        "content/code-of-conduct.md",
        "---\ntitle: Code of conduct\ndate: 2026-03-01\n---\n## Scope\n\nA new rule.\n",
    );
    git(
        "2026-03-05T10:00:00Z",
        &["commit", "-q", "-am", "A new rule"],
    );
    let commit = git("2026-03-05T10:00:00Z", &["rev-parse", "--short", "HEAD"]);
    let run = site.candor(&["check"]);
    let stale: Vec<String> = run
        .stderr()
        .lines()
        .filter(|line| line.contains("stale") || line.contains("changed on"))
        .map(str::to_owned)
        .collect();
    let warning = |file: &str| {
        format!(
            "{file}: warning: the original, content/code-of-conduct.md, changed on 2026-03-05 \
             (commit {commit}) after this translation last changed"
        )
    };
    assert_eq!(
        stale,
        [
            warning("content/code-of-conduct.ar.md"),
            warning("content/code-of-conduct.fr.md")
        ],
        "{}",
        run.explain()
    );
    site.build();
    assert_eq!(
        stale_notice(&site.read("public/fr/code-of-conduct/index.html")),
        Some(
            "<p class=\"stale-translation\" role=\"note\">L&#39;original de cette page a changé depuis sa traduction (2026-03-05). \
             Cette traduction n&#39;est peut-être plus à jour : lisez l&#39;original actuel. \
             <a href=\"/code-of-conduct/\" hreflang=\"en\" lang=\"en\">Code of conduct</a></p>"
        )
    );
    assert_eq!(
        stale_notice(&site.read("public/code-of-conduct/index.html")),
        None
    );

    // Bringing the French version up to date clears its notice, not the Arabic one's.
    site.write(
        "content/code-of-conduct.fr.md",
        "---\ntitle: Code de conduite\ndate: 2026-03-02\n---\n## Portée\n\nUne nouvelle règle.\n",
    );
    git(
        "2026-03-06T10:00:00Z",
        &["commit", "-q", "-am", "Traduction"],
    );
    site.build();
    assert_eq!(
        stale_notice(&site.read("public/fr/code-of-conduct/index.html")),
        None
    );
    assert!(stale_notice(&site.read("public/ar/code-of-conduct/index.html")).is_some());
}

/// The attributes that make up a response in a form's HTML: every control's `name`, `value`,
/// `type` and `data-*` attribute, in order, without the words around them.
fn response_shape(html: &str) -> Vec<String> {
    let mut shape = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if !(tag.starts_with("input") || tag.starts_with("textarea") || tag.starts_with("form")) {
            continue;
        }
        for attribute in tag.split_whitespace() {
            let keep = [
                "name=", "value=", "type=", "data-", "id=", "required", "min=", "max=",
            ]
            .iter()
            .any(|start| attribute.starts_with(start));
            if keep {
                shape.push(attribute.to_owned());
            }
        }
    }
    shape
}

#[test]
fn a_translated_survey_form_asks_the_same_questions_and_makes_the_same_response() {
    let site = TestSite::sample();
    site.build();
    for (page, lang) in [
        ("index.html", "fr"),
        ("offline.html", "fr"),
        ("index.html", "ar"),
        ("offline.html", "ar"),
    ] {
        let english = site.read(&format!("public/surveys/community-2026/{page}"));
        let translated = site.read(&format!("public/{lang}/surveys/community-2026/{page}"));
        assert_eq!(
            response_shape(&translated),
            response_shape(&english),
            "{lang}/{page}"
        );
        assert!(!response_shape(&english).is_empty());
        let direction = if lang == "ar" { "rtl" } else { "ltr" };
        assert_eq!(
            html_tag(&translated),
            format!("<html lang=\"{lang}\" dir=\"{direction}\">")
        );
    }
    let arabic = site.read("public/ar/surveys/community-2026/index.html");
    assert!(
        arabic.contains("<label for=\"q-region-europe\">أوروبا</label>"),
        "{arabic}"
    );
    // The form's own words are in Arabic too; the dates keep their order inside the line.
    assert!(
        arabic.contains("<button type=\"submit\" id=\"survey-submit\" disabled hidden>أرسل إجابتي واحفظها</button>"),
        "{arabic}"
    );
    assert!(
        arabic.contains("<p class=\"survey-dates\" id=\"survey-dates\">مفتوح من \u{2068}2026-11-02\u{2069} إلى \u{2068}2027-01-29\u{2069}.</p>"),
        "{arabic}"
    );
    // The forms name one another, both ways.
    let english = site.read("public/surveys/community-2026/index.html");
    for (html, other) in [(&english, "ar"), (&arabic, "en")] {
        let path = if other == "en" { "" } else { "ar/" };
        let link = format!(
            "<link rel=\"alternate\" hreflang=\"{other}\" href=\"https://accountability.example.org/{path}surveys/community-2026/\">"
        );
        assert!(html.contains(&link), "{link} in {html}");
    }
    // The script that writes the response file is the same, so the file is the same: choice
    // ids and no language.
    let script = |html: &str| html[html.find("<script>").unwrap()..].to_owned();
    assert_eq!(
        script(&site.read("public/ar/surveys/community-2026/offline.html")),
        script(&site.read("public/surveys/community-2026/offline.html"))
    );
}

#[test]
fn a_survey_translation_that_adds_or_misses_ids_is_reported() {
    let site = TestSite::sample();
    let french = site.read("surveys/community-2026.fr.yaml");
    site.write(
        "surveys/community-2026.fr.yaml",
        &french.replace("      europe: Europe\n", ""),
    );
    let run = site.candor(&["check"]);
    let stderr = run.stderr();
    let warning: Vec<&str> = stderr
        .lines()
        .skip_while(|line| !line.starts_with("surveys/community-2026.fr.yaml"))
        .take(2)
        .collect();
    assert_eq!(
        warning,
        [
            "surveys/community-2026.fr.yaml: warning: 1 text(s) are not translated, so the form shows the original words: choice `europe` of question `region`",
            "  hint: translate them from surveys/community-2026.yaml",
        ],
        "{}",
        run.explain()
    );
    site.write(
        "surveys/community-2026.fr.yaml",
        &french.replace(
            "      europe: Europe\n",
            "      europe: Europe\n      antarctica: Antarctique\n",
        ),
    );
    let run = site.candor(&["build"]).exit_code(1);
    assert_eq!(
        run.stderr(),
        "surveys/community-2026.fr.yaml: error: the survey surveys/community-2026.yaml has no choice `antarctica` of question `region`\n  \
         hint: a translation holds words for the survey's own question and choice ids; fix or remove these\n\
         error: 1 problem found; nothing was written\n"
    );
}

#[test]
fn the_sample_site_is_in_english_french_and_arabic_with_arabic_right_to_left() {
    let site = TestSite::sample();
    site.build();
    let pages = published_pages(&site);
    for expected in [
        "fr/index.html",
        "ar/index.html",
        "fr/code-of-conduct/index.html",
        "ar/code-of-conduct/index.html",
        "fr/escalation/index.html",
        "ar/escalation/index.html",
        "ar/surveys/community-2026/index.html",
    ] {
        assert!(
            pages.contains(&expected.to_owned()),
            "{expected} in {pages:?}"
        );
    }
    for page in pages {
        let html = site.read(&format!("public/{page}"));
        let expected = if page.starts_with("fr/") {
            "<html lang=\"fr\" dir=\"ltr\">"
        } else if page.starts_with("ar/") {
            "<html lang=\"ar\" dir=\"rtl\">"
        } else {
            "<html lang=\"en\" dir=\"ltr\">"
        };
        assert_eq!(html_tag(&html), expected, "{page}");
    }
    // Sample translations say they are samples.
    for file in [
        "content/_index.fr.md",
        "content/code-of-conduct.ar.md",
        "content/escalation.fr.md",
    ] {
        assert!(
            site.read(file).contains("\n  sample_translation: true\n"),
            "{file}"
        );
    }
}

#[test]
fn a_preview_after_adding_editing_or_removing_a_translation_serves_what_a_full_build_does() {
    use crate::incremental::{checked_preview, save_each_and_compare};
    let site = TestSite::sample();
    let mut live = checked_preview(&site);
    let standards = "---\ntitle: Normes\n---\n## Écouter {#listen}\n";
    let steps: [(&str, &str, Option<&str>); 4] = [
        // A translation of a navigation target: every French page's navigation changes.
        (
            "translate the standards",
            "content/standards.fr.md",
            Some(standards),
        ),
        (
            "edit the translation",
            "content/standards.fr.md",
            Some("---\ntitle: Les normes\n---\nTexte.\n"),
        ),
        ("remove the translation", "content/standards.fr.md", None),
        (
            "remove an Arabic page",
            "content/code-of-conduct.ar.md",
            None,
        ),
    ];
    save_each_and_compare(&mut live, &site, &steps);
}
