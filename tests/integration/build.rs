//! `candor build`: what it publishes, and how it refuses bad input.

use crate::support::TestSite;

#[test]
fn builds_pretty_urls_sections_and_heading_ids() {
    let site = TestSite::fixture("basic");
    site.build().stdout_contains("built 4 pages");

    let standards = site.read("public/standards/index.html");
    assert!(standards.contains("<h1>Standards</h1>"), "{standards}");
    assert!(
        standards.contains(r##"<h2 id="listen">Listen <a class="anchor" href="#listen""##),
        "{standards}"
    );

    let audits = site.read("public/audits/index.html");
    assert!(
        audits.contains(r#"<a href="/hub/audits/a2026/">Audit 2026</a>"#),
        "{audits}"
    );

    let home = site.read("public/index.html");
    assert!(
        home.contains(r#"href="/hub/standards/#listen""#),
        "links honour the base path: {home}"
    );
    assert_eq!(
        site.read("public/style.css"),
        "body{}\n",
        "theme static files are copied"
    );
    assert!(site.path("public/404.html").is_file());
    assert!(site.path("public/verify/index.html").is_file());
}

#[test]
fn sitemap_lists_every_page_and_feed_is_xml() {
    let site = TestSite::fixture("basic");
    site.build();
    let sitemap = site.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap is XML");
    let mut locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    locs.sort();
    assert_eq!(
        locs,
        [
            "https://example.org/hub/",
            "https://example.org/hub/audits/",
            "https://example.org/hub/audits/a2026/",
            "https://example.org/hub/standards/",
        ]
    );

    let feed = site.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("feed is XML");
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 1, "only dated pages are in the feed: {feed}");
    assert!(
        feed.contains("<updated>2026-01-05T00:00:00Z</updated>"),
        "{feed}"
    );
    assert!(
        site.read("public/robots.txt")
            .contains("Sitemap: https://example.org/hub/sitemap.xml")
    );
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = TestSite::fixture("basic");
    site.candor(&["build", "--base-url", "https://staging.example.net/preview"])
        .success();
    let home = site.read("public/index.html");
    assert!(
        home.contains(r#"href="/preview/standards/#listen""#),
        "{home}"
    );
    assert!(
        site.read("public/sitemap.xml")
            .contains("https://staging.example.net/preview/standards/")
    );
}

#[test]
fn drafts_are_published_only_when_asked() {
    let site = TestSite::fixture("basic");
    site.write("content/draft.md", "---\ntitle: Draft\ndraft: true\n---\n");
    site.build();
    assert!(!site.path("public/draft/index.html").exists());
    site.candor(&["build", "--drafts"]).success();
    assert!(site.path("public/draft/index.html").exists());
}

#[test]
fn assets_are_copied_beside_their_pages() {
    let site = TestSite::fixture("basic");
    site.write("content/audits/chart.svg", "<svg/>");
    site.write(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\n---\n![Chart](chart.svg)\n",
    );
    site.build();
    assert_eq!(site.read("public/audits/chart.svg"), "<svg/>");
    assert!(
        site.read("public/audits/a2026/index.html")
            .contains(r#"src="/hub/audits/chart.svg""#)
    );
}

#[test]
fn a_site_file_replaces_the_theme_file_of_the_same_path() {
    let site = TestSite::fixture("basic");
    site.write("content/style.css", "body { color: navy }\n");
    site.build();
    assert_eq!(site.read("public/style.css"), "body { color: navy }\n");
    assert!(
        site.read("public/SHA256SUMS").contains("  style.css\n"),
        "the site's copy is the one signed"
    );
}

#[test]
fn site_files_replace_nested_theme_files_whatever_their_order() {
    let site = TestSite::fixture("basic");
    site.write("themes/default/static/style/print.css", "theme print\n");
    for (file, text) in [
        ("content/logo.svg", "<svg/>"),
        ("content/style/print.css", "site print\n"),
        ("content/style.css", "site screen\n"),
        ("content/z.txt", "z"),
    ] {
        site.write(file, text);
    }
    site.build();
    assert_eq!(site.read("public/style/print.css"), "site print\n");
    assert_eq!(site.read("public/style.css"), "site screen\n");
}

#[test]
fn a_page_and_a_file_cannot_publish_the_same_file() {
    assert_rejected(
        "content/standards/index.html",
        "<p>Stale export</p>",
        "content/standards/index.html: error: publishes at /standards/index.html, which content/standards.md already does",
    );
}

#[test]
fn a_content_file_cannot_take_the_place_of_a_generated_folder_or_file() {
    assert_rejected(
        "content/verify/index.html",
        "<p>Our own guide</p>",
        "content/verify/index.html: error: publishes at /verify/index.html, where Candor publishes a file it generates",
    );
    assert_rejected(
        "content/robots.txt/notes.txt",
        "x",
        "content/robots.txt/notes.txt: error: publishes at /robots.txt/notes.txt, where Candor publishes a file it generates",
    );
}

#[test]
fn a_content_file_cannot_replace_a_generated_file() {
    assert_rejected(
        "content/robots.txt",
        "User-agent: *\n",
        "content/robots.txt: error: publishes at /robots.txt, where Candor publishes a file it generates",
    );
}

#[test]
fn a_theme_file_cannot_replace_a_generated_file() {
    assert_rejected(
        "themes/default/static/sitemap.xml",
        "<urlset/>",
        "themes/default/static/sitemap.xml: error: publishes at /sitemap.xml, where Candor publishes a file it generates",
    );
}

/// Builds once, breaks the site with `file` = `text`, and checks the error and that the
/// previous build is exactly as it was.
fn assert_rejected(file: &str, text: &str, expected: &str) {
    let site = TestSite::fixture("basic");
    site.build();
    let before = site.read("public/standards/index.html");
    site.write(file, text);
    site.candor(&["build"])
        .exit_code(1)
        .stderr_contains(expected)
        .stderr_contains("nothing was written");
    assert_eq!(site.read("public/standards/index.html"), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn unclosed_front_matter_is_rejected() {
    assert_rejected(
        "content/standards.md",
        "---\ntitle: Standards\n\n## Listen\n",
        "content/standards.md:1:1: error: the front matter is never closed\n  hint: did you forget the closing `---` line after the front matter?",
    );
}

#[test]
fn missing_title_is_rejected() {
    assert_rejected(
        "content/standards.md",
        "---\nweight: 1\n---\n",
        "content/standards.md:1:1: error: the front matter has no `title`",
    );
}

#[test]
fn unknown_front_matter_key_is_rejected_at_its_line() {
    assert_rejected(
        "content/standards.md",
        "---\ntitle: Standards\nauthor: Someone\n---\n",
        "content/standards.md:3:1: error: unknown key `author`",
    );
}

#[test]
fn unknown_site_yaml_key_is_rejected_at_its_line() {
    assert_rejected(
        "site.yaml",
        "title: Test Hub\nbase_url: https://example.org/hub/\ncolour: blue\n",
        "site.yaml:3:1: error: unknown key `colour`",
    );
}

#[test]
fn unknown_template_is_rejected() {
    assert_rejected(
        "content/standards.md",
        "---\ntitle: Standards\n\ntemplate: fancy.html\n---\n",
        "content/standards.md:4:1: error: the template `fancy.html` does not exist",
    );
}

#[test]
fn template_error_names_the_template_and_the_page() {
    assert_rejected(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.author }}{% endblock content %}",
        "themes/default/templates/page.html:1:53: error: Field `author` is not defined",
    );
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.author }}{% endblock content %}",
    );
    let stderr = site.candor(&["build"]).exit_code(1).stderr();
    assert_eq!(
        stderr.matches("error: Field `author`").count(),
        1,
        "reported once: {stderr}"
    );
    assert!(stderr.contains("and 1 more page"), "{stderr}");
    assert!(
        stderr.contains("1 problem found"),
        "no knock-on link errors: {stderr}"
    );
}

#[test]
fn template_syntax_error_is_located() {
    assert_rejected(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title }{% endblock content %}",
        "themes/default/templates/page.html:2:",
    );
}

#[test]
fn link_to_missing_page_is_rejected() {
    assert_rejected(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\n---\nSee [the code](/code-of-conduct/).\n",
        "content/audits/a2026.md:4:5: error: the link `/code-of-conduct/` leads to a page that does not exist",
    );
}

#[test]
fn link_to_missing_heading_is_rejected() {
    assert_rejected(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\n---\nSee\n[listening](../standards.md#listening).\n",
        "content/audits/a2026.md:5:1: error: the link `../standards.md#listening` names a heading that does not exist on that page",
    );
}

#[test]
fn navigation_to_a_missing_page_is_rejected_at_its_line() {
    assert_rejected(
        "site.yaml",
        "title: Test Hub\nnavigation:\n  - title: Rules\n    path: /rules/\n",
        "site.yaml:4:11: error: the navigation entry `Rules` leads to /rules/, which does not exist",
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let site = TestSite::fixture("basic");
    site.write("content/one.md", "---\ntitle: One\nauthor: x\n---\n");
    site.write("content/two.md", "---\nweight: 2\n---\n");
    let run = site.candor(&["build"]).exit_code(1);
    let stderr = run.stderr();
    assert!(stderr.contains("content/one.md:3:1"), "{stderr}");
    assert!(stderr.contains("content/two.md:1:1"), "{stderr}");
    assert!(stderr.contains("2 problems found"), "{stderr}");
    assert!(
        !site.path("public").exists(),
        "a failed first build publishes nothing"
    );
}

#[test]
fn empty_site_and_empty_section_warn_but_build() {
    let site = TestSite::fixture("basic");
    for page in [
        "content/standards.md",
        "content/audits/a2026.md",
        "content/_index.md",
    ] {
        site.remove(page);
    }
    site.write("site.yaml", "title: Empty\n");
    site.candor(&["build"])
        .success()
        .stderr_contains("warning: the site has no pages, only sections")
        .stderr_contains("content/audits/_index.md: warning: this section has no pages")
        .stderr_contains("warning: there is no content/_index.md");
}

#[test]
fn output_is_reproducible() {
    let site = TestSite::fixture("basic");
    site.build();
    let first = site.read("public/atom.xml") + &site.read("public/index.html");
    site.build();
    assert_eq!(
        first,
        site.read("public/atom.xml") + &site.read("public/index.html")
    );
}
