//! Surveys: `candor build` publishes every definition as a form, an offline single file and a
//! list, and refuses malformed definitions with located errors. The browser tests drive the
//! published forms in real headless Chromium.

pub(crate) mod browser;
mod encryption_browser;
mod queue_browser;
pub(crate) mod readers_browser;
pub mod server;
pub(crate) mod webdriver;

use std::path::Path;

use crate::support::TestSite;

/// The fixture site with the repository's own survey templates and assets in its theme, so the
/// tests exercise the files that ship.
pub fn survey_site() -> TestSite {
    let site = TestSite::fixture("survey");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for (folder, names) in [
        (
            "templates",
            &[
                "surveys.html",
                "survey.html",
                "survey-offline.html",
                "survey-form.html",
                "survey-return.html",
            ][..],
        ),
        ("static", &["survey.css", "survey.js", "survey-hpke.js"][..]),
    ] {
        for name in names {
            let text = std::fs::read_to_string(theme.join(folder).join(name))
                .unwrap_or_else(|e| panic!("themes/default/{folder}/{name}: {e}"));
            site.write(&format!("themes/default/{folder}/{name}"), &text);
        }
    }
    site
}

#[test]
fn build_publishes_the_list_each_form_and_its_offline_copy() {
    let site = survey_site();
    site.build();
    let list = site.read("public/surveys/index.html");
    assert!(
        list.contains(r#"<a href="/hub/surveys/feedback/">Feedback &lt;on&gt; staff &amp; &quot;courtesy&quot;</a>"#),
        "the list links the form and escapes its title: {list}"
    );
    let form = site.read("public/surveys/feedback/index.html");
    for expected in [
        r#"data-survey="feedback" data-version="2""#,
        r#"<legend><span class="question-number">2.</span> Did you deal with staff? <span class="question-required">(required)</span></legend>"#,
        r#"<label class="question-label" for="q-meetings"><span class="question-number">6.</span> How many meetings did you attend?</label>"#,
        r#"<input type="number" id="q-meetings" name="meetings" step="1" min="0" max="40" inputmode="numeric" aria-describedby="q-meetings-hint">"#,
        r#"data-show-if-question="contacted" data-show-if-test="one_of" data-show-if-values="yes""#,
        r#"<p class="question-rule" id="q-courtesy-rule">Answer only if you chose “Yes” in question <span class="question-ref" data-question-ref="contacted">2</span>.</p>"#,
        r#"<a href="/hub/standards/#listen">standards</a>"#,
        r#"<script src="/hub/survey.js" defer></script>"#,
        "<noscript>",
        "Nothing you send identifies you.",
    ] {
        assert!(form.contains(expected), "form lacks {expected}:\n{form}");
    }
    assert!(
        form.contains(r#"<button type="submit" id="survey-submit" disabled hidden>"#),
        "without JavaScript nothing can be submitted"
    );
}

#[test]
fn offline_copy_is_one_file_that_requests_nothing() {
    let site = survey_site();
    site.build();
    let offline = site.read("public/surveys/feedback/offline.html");
    let script = site.read("themes/default/static/survey.js");
    let first_line = script.lines().nth(1).unwrap();
    assert!(offline.contains(first_line), "the script is inlined");
    assert!(
        offline.contains("@media print"),
        "the stylesheet is inlined"
    );
    assert!(
        offline.contains("default-src 'none'") && offline.contains("connect-src 'none'"),
        "a content security policy forbids every request"
    );
    for external in [
        "<script src",
        "<link rel=\"stylesheet\"",
        "<img",
        "@import",
        "url(",
    ] {
        assert!(
            !offline.contains(external),
            "offline.html must not load anything ({external})"
        );
    }
    assert!(
        offline.contains(r#"<a href="https://example.org/hub/surveys/feedback/">"#),
        "links in a saved file are absolute"
    );
}

/// Writes into `site` survey definitions with mistakes of several kinds: `definition` (the
/// feedback survey's text) with its condition on the `hours` question and an unknown `colour`
/// key, and a second survey with a question without choices and a repeated question id.
pub(crate) fn write_malformed_definitions(site: &TestSite, definition: String) {
    site.write(
        "surveys/feedback.yaml",
        &definition
            .replace(
                "{question: courtesy, answered: true}",
                "{question: hours, answered: true}",
            )
            .replace(
                "    max_length: 40\n",
                "    max_length: 40\n    colour: red\n",
            ),
    );
    site.write(
        "surveys/second.yaml",
        "id: second\ntitle: T\nversion: 1\nanonymity: A\nopens: 2026-01-01\ncloses: 2026-02-01\n\
         questions:\n  - {id: a, type: single, label: A, choices: []}\n  - {id: a, type: likert, points: 4, label: B}\n",
    );
}

#[test]
fn malformed_definitions_fail_the_build_with_located_errors() {
    let site = survey_site();
    let definition = site.read("surveys/feedback.yaml");
    write_malformed_definitions(&site, definition.clone());
    let run = site.candor(&["build"]).exit_code(1);
    let stderr = run.stderr();
    for expected in [
        "surveys/feedback.yaml:59:5: error: unknown key `colour`",
        "surveys/second.yaml:8:46: error: the choice list of `a` is empty",
        "surveys/second.yaml:9:10: error: question id `a` is used twice",
        "surveys/second.yaml:9:35: error: a likert scale has 5 or 7 points, not 4",
    ] {
        assert!(
            stderr.contains(expected),
            "stderr lacks {expected:?}:\n{stderr}"
        );
    }
    assert!(!site.path("public").exists(), "nothing is published");

    site.write(
        "surveys/feedback.yaml",
        &definition.replace(
            "{question: courtesy, answered: true}",
            "{question: hours, answered: true}",
        ),
    );
    site.remove("surveys/second.yaml");
    site.candor(&["build"]).exit_code(1).stderr_contains(
        "surveys/feedback.yaml:43:25: error: `show_if` of `overall` names `hours`, which comes later (line 49)",
    );
}

#[test]
fn a_broken_link_in_a_survey_intro_is_reported() {
    let site = survey_site();
    let definition = site.read("surveys/feedback.yaml");
    site.write(
        "surveys/feedback.yaml",
        &definition.replace("/standards/#listen", "/standards/#talk"),
    );
    site.candor(&["build"])
        .exit_code(1)
        .stderr_contains("surveys/feedback.yaml:8: error: the link `/standards/#talk`");
}

#[test]
fn the_shipped_sample_survey_builds() {
    let site = survey_site();
    site.remove("surveys/feedback.yaml");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("surveys/community-2026.yaml");
    site.write(
        "surveys/community-2026.yaml",
        &std::fs::read_to_string(sample).unwrap(),
    );
    site.write("content/_index.md", "---\ntitle: Home\n---\nHello.\n");
    site.build();
    let form = site.read("public/surveys/community-2026/index.html");
    assert!(form.contains("The Complaints Officer"), "{form}");
    assert!(
        site.path("public/surveys/community-2026/offline.html")
            .is_file()
    );
}
