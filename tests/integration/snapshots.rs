//! Exact output, reviewed: every message `candor check` and `candor build` print for the
//! fixture sites and for each mistake the other tests make in them, the `check --format json`
//! findings included, held as `insta` snapshots in `snapshots/`. A change of wording shows as a
//! diff there and fails the test (`insta` never accepts a changed or new snapshot by itself:
//! it writes `.snap.new` beside it, or nothing when `CI` is set) until someone reads it and
//! accepts it (`INSTA_UPDATE=always cargo test --test integration snapshots`, then review the
//! `.snap` files in git).
//!
//! What varies from run to run is replaced before comparing: the temporary site folder by
//! `[SITE]`, durations by `[N] ms`, the release number (the build time outside git) by
//! `release [N]`, a random development key's id by `[KEY]`.

use std::path::Path;

use crate::support::{Run, TestSite, candor_command};
use crate::survey::survey_site;

/// One mistake in a fixture: files written over it (or removed) before the commands run.
struct Mistake<'a> {
    fixture: &'a str,
    write: &'a [(&'a str, &'a str)],
    remove: &'a [&'a str],
}

impl<'a> Mistake<'a> {
    fn basic(write: &'a [(&'a str, &'a str)]) -> Mistake<'a> {
        Mistake {
            fixture: "basic",
            write,
            remove: &[],
        }
    }

    fn site(&self) -> TestSite {
        let site = TestSite::fixture(self.fixture);
        for (file, text) in self.write {
            site.write(file, text);
        }
        for file in self.remove {
            site.remove(file);
        }
        site
    }
}

/// Runs `candor ARGS --root SITE` as a user's fresh shell would (no signing settings from the
/// environment running the tests).
fn candor(site: &TestSite, args: &[&str]) -> Run {
    let mut command = candor_command();
    command.args(args).arg("--root").arg(site.root());
    Run::of(command)
}

/// The text of a run as a snapshot holds it: the command, the exit status, stdout and stderr,
/// with what varies between runs replaced.
fn transcript(site: &TestSite, args: &[&str], run: &Run) -> String {
    let redact = |text: String| redact(&text, site.root());
    format!(
        "$ candor {}\nexit status: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        run.code()
            .map_or("none".to_owned(), |code| code.to_string()),
        redact(run.stdout()),
        redact(run.stderr()),
    )
}

/// Replaces the site's folder, durations and development key ids in `text`.
fn redact(text: &str, root: &Path) -> String {
    let mut text = text.to_owned();
    if let Ok(canonical) = root.canonicalize() {
        text = text.replace(&canonical.display().to_string(), "[SITE]");
    }
    text = text.replace(&root.display().to_string(), "[SITE]");
    let text = replace_after(&text, " in ", |word| {
        word.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| "[N]".to_owned())
    });
    let text = replace_after(&text, "release ", |word| {
        word.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| "[N]".to_owned())
    });
    replace_after(&text, "key ", |word| {
        (word.len() == 16 && word.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| "[KEY]".to_owned())
    })
}

/// Rewrites each word that follows `marker` in `text` as `rewrite` says (`None` keeps it).
fn replace_after(text: &str, marker: &str, rewrite: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        let (before, after) = rest.split_at(at + marker.len());
        out.push_str(before);
        let end = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        let (word, tail) = after.split_at(end);
        match rewrite(word) {
            Some(replacement) => out.push_str(&replacement),
            None => out.push_str(word),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// `candor build`, `candor check` and `candor check --format json` on `mistake`'s site, each
/// on a fresh copy (so that no run sees what another wrote), in one snapshot named `name`.
fn assert_messages(name: &str, mistake: &Mistake<'_>) {
    assert_messages_of(name, || mistake.site());
}

/// [`assert_messages`] on the sites `make_site` makes.
fn assert_messages_of(name: &str, make_site: impl Fn() -> TestSite) {
    let runs: Vec<String> = [&["build"][..], &["check"], &["check", "--format", "json"]]
        .iter()
        .map(|args| {
            let site = make_site();
            let run = candor(&site, args);
            transcript(&site, args, &run)
        })
        .collect();
    insta::assert_snapshot!(name, runs.join("\n"));
}

#[test]
fn the_fixtures_as_they_are() {
    assert_messages("basic", &Mistake::basic(&[]));
    assert_messages(
        "survey",
        &Mistake {
            fixture: "survey",
            write: &[],
            remove: &[],
        },
    );
}

#[test]
fn files_that_would_publish_at_the_same_address() {
    assert_messages(
        "page_and_file_publish_the_same_file",
        &Mistake::basic(&[("content/standards/index.html", "<p>Stale export</p>")]),
    );
    assert_messages(
        "content_file_in_a_generated_folder",
        &Mistake::basic(&[
            ("content/verify/index.html", "<p>Our own guide</p>"),
            ("content/robots.txt/notes.txt", "x"),
        ]),
    );
    assert_messages(
        "content_file_replaces_a_generated_file",
        &Mistake::basic(&[("content/robots.txt", "User-agent: *\n")]),
    );
    assert_messages(
        "theme_file_replaces_a_generated_file",
        &Mistake::basic(&[("themes/default/static/sitemap.xml", "<urlset/>")]),
    );
}

#[test]
fn front_matter_and_site_yaml_mistakes() {
    assert_messages(
        "front_matter_never_closed",
        &Mistake::basic(&[(
            "content/standards.md",
            "---\ntitle: Standards\n\n## Listen\n",
        )]),
    );
    assert_messages(
        "front_matter_without_title",
        &Mistake::basic(&[("content/standards.md", "---\nweight: 1\n---\n")]),
    );
    assert_messages(
        "front_matter_unknown_key",
        &Mistake::basic(&[(
            "content/standards.md",
            "---\ntitle: Standards\nauthor: Someone\n---\n",
        )]),
    );
    assert_messages(
        "site_yaml_unknown_key",
        &Mistake::basic(&[(
            "site.yaml",
            "title: Test Hub\nbase_url: https://example.org/hub/\ncolour: blue\n",
        )]),
    );
    assert_messages(
        "navigation_to_a_missing_page",
        &Mistake::basic(&[(
            "site.yaml",
            "title: Test Hub\nnavigation:\n  - title: Rules\n    path: /rules/\n",
        )]),
    );
    assert_messages(
        "two_pages_with_mistakes",
        &Mistake::basic(&[
            ("content/one.md", "---\ntitle: One\nauthor: x\n---\n"),
            ("content/two.md", "---\nweight: 2\n---\n"),
        ]),
    );
}

#[test]
fn template_mistakes() {
    assert_messages(
        "template_that_does_not_exist",
        &Mistake::basic(&[(
            "content/standards.md",
            "---\ntitle: Standards\n\ntemplate: fancy.html\n---\n",
        )]),
    );
    assert_messages(
        "template_field_not_defined",
        &Mistake::basic(&[(
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}{% block content %}{{ page.author }}{% endblock content %}",
        )]),
    );
    assert_messages(
        "template_syntax_error",
        &Mistake::basic(&[(
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}{{ page.title }{% endblock content %}",
        )]),
    );
}

#[test]
fn link_mistakes() {
    assert_messages(
        "link_to_a_missing_page",
        &Mistake::basic(&[(
            "content/audits/a2026.md",
            "---\ntitle: Audit 2026\n---\nSee [the code](/code-of-conduct/).\n",
        )]),
    );
    assert_messages(
        "link_to_a_missing_heading",
        &Mistake::basic(&[(
            "content/audits/a2026.md",
            "---\ntitle: Audit 2026\n---\nSee\n[listening](../standards.md#listening).\n",
        )]),
    );
}

#[test]
fn what_only_check_reports() {
    assert_messages(
        "reader_problems",
        &Mistake::basic(&[
            ("content/chart.svg", "<svg/>"),
            (
                "content/standards.md",
                "---\ntitle: Standards\ndescription: How staff behave.\n---\n## Listen {#listen}\nSee [the guide](http:/example.org/guide) and ![](chart.svg).\n",
            ),
            (
                "content/conduct.md",
                "---\ndescription: The code.\ntitle: standards\n---\nSee [x](https://example.org/ok) and ![A chart](chart.svg).\n",
            ),
        ]),
    );
    assert_messages(
        "signing_keys_that_cannot_be_used",
        &Mistake::basic(&[
            ("keys/not-a-key.key", "hello\n"),
            (
                "site.yaml",
                "title: Test Hub\nbase_url: https://example.org/hub/\nsigning:\n  secret_key: keys/not-a-key.key\n  public_key: keys/missing.pub\n",
            ),
        ]),
    );
}

#[test]
fn a_site_without_pages() {
    assert_messages(
        "no_pages_only_sections",
        &Mistake {
            fixture: "basic",
            write: &[("site.yaml", "title: Empty\n")],
            remove: &[
                "content/standards.md",
                "content/audits/a2026.md",
                "content/_index.md",
            ],
        },
    );
}

/// The survey fixture with the shipped survey templates, its definition edited by `edit`.
fn survey_with(edit: impl Fn(&TestSite, String)) -> impl Fn() -> TestSite {
    move || {
        let site = survey_site();
        let definition = site.read("surveys/feedback.yaml");
        edit(&site, definition);
        site
    }
}

#[test]
fn survey_definition_mistakes() {
    assert_messages_of("survey_with_the_shipped_templates", survey_site);
    assert_messages_of(
        "survey_definitions_malformed",
        survey_with(crate::survey::write_malformed_definitions),
    );
    assert_messages_of(
        "survey_show_if_names_a_later_question",
        survey_with(|site, definition| {
            site.write(
                "surveys/feedback.yaml",
                &definition.replace(
                    "{question: courtesy, answered: true}",
                    "{question: hours, answered: true}",
                ),
            );
        }),
    );
    assert_messages_of(
        "survey_intro_links_to_a_missing_heading",
        survey_with(|site, definition| {
            site.write(
                "surveys/feedback.yaml",
                &definition.replace("/standards/#listen", "/standards/#talk"),
            );
        }),
    );
}
