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
            "<p class=\"meta tags\">المواضيع: إنصاف</p>",
        ],
    );
}

/// The "History of this page" section, as the page at `file` shows it.
fn history_section(html: &str) -> &str {
    let start = html
        .find("<section class=\"history\"")
        .expect("a history section");
    let end = start + html[start..].find("</section>").expect("its end") + "</section>".len();
    &html[start..end]
}

#[test]
fn a_page_s_history_is_told_in_its_language() {
    if !crate::support::require_tool("git") {
        return;
    }
    let site = three_language_site();
    let settings = site.read("site.yaml");
    site.write("site.yaml", &format!("{settings}history: {{}}\n"));
    site.write(".gitignore", "/public/\n/.candor/\n");
    let root = site.root();
    let git = |day: &str, args: &[&str]| {
        crate::support::git_at(root, &format!("{day}T12:00:00Z"), args, None);
    };
    git("2026-01-10", &["init", "-q"]);
    git("2026-01-10", &["add", "-A"]);
    git("2026-01-10", &["commit", "-q", "-m", "Publish the site"]);
    site.write(
        "content/code-of-conduct.fr.md",
        "---\ntitle: Code de conduite\ndate: 2026-03-02\n---\n## Portée\n\nRéponse en 14 jours.\n",
    );
    git("2026-02-03", &["commit", "-q", "-am", "Préciser le délai"]);
    site.build();
    assert_eq!(
        history_section(&site.read("public/fr/code-of-conduct/index.html")),
        "<section class=\"history\" aria-labelledby=\"history-heading\">
    <h2 id=\"history-heading\">Historique de cette page</h2>
    <p class=\"meta\">Dernière modification le <time datetime=\"2026-02-03\">2026-02-03</time>.
      <a href=\"/what-changed/\">Ce qui a changé sur le site</a>
    </p>
    <details>
      <summary>2 versions</summary>
      <ol reversed>
        <li><time datetime=\"2026-02-03\">2026-02-03</time> : <a href=\"/fr/code-of-conduct/changes/SHORT2/\">Préciser le délai</a> <code>SHORT2</code></li>
        <li><time datetime=\"2026-01-10\">2026-01-10</time> : Publish the site <code>SHORT1</code></li>
      </ol>
    </details>
  </section>"
            .replace("SHORT2", &short_hash(root, "HEAD"))
            .replace("SHORT1", &short_hash(root, "HEAD~1"))
    );
    let arabic = site.read("public/ar/code-of-conduct/index.html");
    let arabic = history_section(&arabic);
    for words in [
        "سجل هذه الصفحة",
        "آخر تعديل في",
        "ما الذي تغيّر في الموقع",
        "<summary>نسخة واحدة</summary>",
    ] {
        assert!(arabic.contains(words), "{words} not in {arabic}");
    }
    let english = site.read("public/code-of-conduct/index.html");
    assert!(
        history_section(&english).contains("<summary>1 revision</summary>"),
        "{english}"
    );
}

/// The first ten digits of a commit's id, as history shows it.
fn short_hash(root: &std::path::Path, commit: &str) -> String {
    let id = crate::support::git_at(root, "2026-01-01T00:00:00Z", &["rev-parse", commit], None);
    id.trim()[..10].to_owned()
}

#[test]
fn a_translated_word_cannot_leave_the_attribute_it_is_written_in() {
    let site = three_language_site();
    let strings = site.read("themes/default/i18n/fr.ftl").replace(
        "heading-anchor = Lien vers cette section",
        "heading-anchor = Lien \"vers\" <b>cette</b> section",
    );
    site.write("themes/default/i18n/fr.ftl", &strings);
    site.write(
        "content/rules.fr.md",
        "---\ntitle: Règles\n---\n## Règles\n",
    );
    site.build();
    let html = site.read("public/fr/rules/index.html");
    assert!(
        html.contains(
            "aria-label=\"Lien &quot;vers&quot; &lt;b&gt;cette&lt;/b&gt; section\">#</a></h2>"
        ),
        "{html}"
    );
}
