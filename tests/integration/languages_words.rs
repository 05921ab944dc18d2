//! Words Candor itself writes into a page's Markdown (a heading's anchor link, a task box) and
//! the default theme's labels around it are in the page's language: a French reader's screen
//! reader must not announce "Link to this section" in English on every heading.

use crate::languages::three_language_site;

#[test]
fn words_written_into_a_page_s_markdown_are_in_its_language() {
    let site = three_language_site();
    let body = "## {heading}\n\n- [x] {done}\n- [ ] {todo}\n";
    for (file, title, heading, tags) in [
        ("content/rules.md", "Rules", "Rules", "[fairness, respect]"),
        (
            "content/rules.fr.md",
            "Règles",
            "Règles",
            "[équité, respect]",
        ),
        ("content/rules.ar.md", "قواعد", "قواعد", "[إنصاف]"),
    ] {
        let text = body
            .replace("{heading}", heading)
            .replace("{done}", "one")
            .replace("{todo}", "two");
        site.write(
            file,
            &format!("---\ntitle: {title}\ntags: {tags}\n---\n{text}"),
        );
    }
    site.build();
    let expect = |file: &str, lines: &[&str]| {
        let html = site.read(file);
        for line in lines {
            assert!(html.contains(line), "{file} lacks {line}:\n{html}");
        }
    };
    expect(
        "public/rules/index.html",
        &[
            "<h2 id=\"rules\">Rules <a class=\"anchor\" href=\"#rules\" aria-label=\"Link to this section\">#</a></h2>",
            "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> one",
            "<input type=\"checkbox\" disabled aria-label=\"Not done\"> two",
            "<p class=\"meta tags\">Topics: fairness, respect</p>",
        ],
    );
    expect(
        "public/fr/rules/index.html",
        &[
            "<h2 id=\"règles\">Règles <a class=\"anchor\" href=\"#règles\" aria-label=\"Lien vers cette section\">#</a></h2>",
            "<input type=\"checkbox\" disabled checked aria-label=\"Fait\"> one",
            "<input type=\"checkbox\" disabled aria-label=\"À faire\"> two",
            "<p class=\"meta tags\">Thèmes : équité, respect</p>",
        ],
    );
    expect(
        "public/ar/rules/index.html",
        &[
            "aria-label=\"رابط إلى هذا القسم\">#</a></h2>",
            "<input type=\"checkbox\" disabled checked aria-label=\"تم\"> one",
            "<input type=\"checkbox\" disabled aria-label=\"لم يتم\"> two",
            // Arabic isolates the topics, which may be in another script.
            "<p class=\"meta tags\">المواضيع: \u{2068}إنصاف\u{2069}</p>",
        ],
    );
}
