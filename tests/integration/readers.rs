//! What readers of results and respondents read: the sentences Candor generates around the
//! figures and the form, and every count it prints with a noun. Each is asserted whole, as a
//! reader sees it; the browser checks of the same pages are in `survey/readers_browser.rs`.

use std::path::Path;

use crate::support::{TestSite, copy_tree};
use crate::survey::survey_site;

/// The text of every element of `html` that opens with `open` (up to its `close`), with tags
/// removed and entities of the sample's text decoded.
fn texts(html: &str, open: &str, close: &str) -> Vec<String> {
    html.match_indices(open)
        .map(|(at, _)| {
            let rest = &html[at..];
            let start = rest.find('>').expect("a complete tag") + 1;
            let end = rest.find(close).expect("a closing tag");
            plain(&rest[start..end])
        })
        .collect()
}

/// `markup` without its tags, its whitespace collapsed.
fn plain(markup: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sample site, built, and its 2026 community survey results page.
fn built_sample_wave() -> (TestSite, String) {
    let site = TestSite::sample();
    site.build();
    let wave = site.read("public/audits/community-2026/index.html");
    (site, wave)
}

#[test]
fn results_pages_read_naturally() {
    let (site, wave) = built_sample_wave();
    let captions = texts(&wave, "<caption", "</caption>");
    assert_eq!(
        captions[..2],
        [
            "Which group do you mainly take part in? — all respondents",
            "Where are you based? — all respondents",
        ]
    );
    assert!(captions.contains(
        &"Staff answered me within a reasonable time. — by answer to “For how long have you taken part?”"
            .to_owned()
    ));
    let summaries: Vec<String> = texts(&wave, "<summary>", "</summary>")
        .into_iter()
        .filter(|summary| summary != "Menu")
        .collect();
    assert_eq!(
        summaries[..3],
        [
            "By answer to “Which group do you mainly take part in?”",
            "By answer to “Where are you based?”",
            "By answer to “For how long have you taken part?”",
        ]
    );
    assert_eq!(
        texts(&wave, "<p class=\"meta\">Community survey", "</p>"),
        ["Community survey 2026: your dealings with staff · 187 responses · November 2026"]
    );
    let trend = site.read("public/audits/community-trend/index.html");
    assert_eq!(
        texts(&trend, "<ul class=\"meta\">", "</ul>"),
        ["Did the staff you dealt with meet the standards of expected behaviour?"]
    );
    for (page, html) in [("wave", &wave), ("trend", &trend)] {
        let text = plain(html);
        for glued in ["?:", "?.", "?,", "By for ", "By which ", "1 responses"] {
            assert!(!text.contains(glued), "{page} page: {glued}");
        }
    }
}

#[test]
fn charts_keep_every_label_whole_and_every_stacked_chart_has_a_legend() {
    let (_site, wave) = built_sample_wave();
    let labels = texts(&wave, "<span class=\"chart-label\"", "</span>");
    assert_eq!(
        labels[..7],
        [
            "Registries and registrars",
            "Business and intellectual property",
            "Civil society and non-commercial users",
            "Governments and intergovernmental bodies",
            "Technical and academic community",
            "Individual Internet users",
            "Another group or none",
        ]
    );
    assert!(labels.iter().all(|label| !label.contains('…')));
    let stacked = wave.matches("class=\"chart chart-stacked\"").count();
    assert!(stacked > 0);
    assert_eq!(wave.matches("<ul class=\"chart-legend\">").count(), stacked);
    let chart = &wave[wave
        .find("aria-labelledby=\"chart-responsiveness-title")
        .unwrap()..];
    let legend = &chart[..chart.find("</ul>").unwrap()];
    assert_eq!(
        texts(legend, "<li>", "</li>"),
        [
            "Strongly disagree",
            "2",
            "3",
            "4",
            "Strongly agree",
            "not shown, to protect small groups"
        ]
    );
    assert_eq!(
        texts(
            chart,
            "<span class=\"visually-hidden\" id=\"chart-responsiveness-title\"",
            "</span>"
        ),
        ["Staff answered me within a reasonable time."]
    );
    assert!(
        !wave.contains("viewBox=\"0 0 640"),
        "no scaled chart remains"
    );
}

#[test]
fn tables_put_answers_in_rows_and_groups_in_columns() {
    let (_site, wave) = built_sample_wave();
    let at = wave.find("id=\"q-overall-all-caption\"").unwrap();
    let table = &wave[at..at + wave[at..].find("</table>").unwrap()];
    assert_eq!(
        texts(table, "<th scope=\"col\"", "</th>"),
        ["Answer", "All respondents"]
    );
    let rows = texts(table, "<th scope=\"row\"", "</th>");
    assert_eq!(rows.len(), 11 + 2, "{rows:?}");
    assert_eq!(rows[11..], ["Answered", "Median"]);
}

/// One page, one survey with one response: every count reads "1 <noun>".
#[test]
fn counts_of_one_are_singular_in_every_summary() {
    let site = TestSite::empty();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &site.path("themes/default"),
    );
    site.write("site.yaml", "title: One\nbase_url: https://example.org/\n");
    site.write(
        "content/_index.md",
        "---\ntitle: Home\ndescription: The only page.\n---\nHello.\n",
    );
    let check = site.candor(&["check"]).success();
    assert_eq!(
        check.stdout(),
        "checked 1 page: 0 errors, 1 warning\n",
        "{}",
        check.explain()
    );
    let build = site.build();
    let line = build.stdout();
    let (head, tail) = line.trim_end().rsplit_once(" in ").unwrap();
    assert!(head.starts_with("built 1 page ("), "{line}");
    assert!(tail.ends_with(" ms"), "{line}");

    site.write(
        "surveys/pulse.yaml",
        "id: pulse\ntitle: Pulse\nversion: 1\nopens: 2026-01-01\ncloses: 2026-12-31\n\
         anonymity: Nothing identifies you.\nquestions:\n  - id: ok\n    type: single\n    \
         label: All right?\n    choices:\n      - {id: 'yes', label: 'Yes'}\n      - {id: 'no', label: 'No'}\n",
    );
    site.write(
        "inbox/one.json",
        r#"{"format": "candor-response/1", "survey": "pulse", "version": 1, "response_id": "00000000-0000-4000-8000-000000000001", "submitted": "2026-03-10", "answers": {"ok": "yes"}}"#,
    );
    let ingest = site.collect(&["ingest", "inbox"]).success();
    assert_eq!(
        ingest.stdout(),
        "ingested 1 file into ./.candor/responses.sqlite: 1 accepted, 0 duplicates, 0 conflicts, 0 rejected\n\
         \x20 pulse: 1 accepted, 0 duplicates, 0 conflicts, 0 rejected\n"
    );
    let status = site.collect(&["status"]).success();
    assert_eq!(
        status.stdout().lines().take(2).collect::<Vec<_>>(),
        [
            "./.candor/responses.sqlite: 1 response in 1 survey; quarantined: 0 rejected, 0 conflicts",
            "  pulse: 1 response submitted in 2026-03; quarantined: 0 rejected, 0 conflicts",
        ]
    );
    let export = site
        .collect(&["export", "pulse", "--format", "csv"])
        .success();
    assert_eq!(
        export.stderr().lines().last(),
        Some("exported 1 response of survey `pulse`")
    );
}

#[test]
fn the_form_says_where_to_send_the_file_beside_the_button() {
    let site = survey_site();
    site.build();
    let form = site.read("public/surveys/feedback/index.html");
    assert_eq!(
        texts(&form, "<div class=\"survey-return\"", "</div>"),
        ["Sending your response Email the response file to surveys@example.org as an attachment."]
    );
    let actions = &form[form.find("id=\"survey-actions\"").unwrap()..];
    assert!(
        actions.find("id=\"survey-return\"").unwrap() < actions.find("</form>").unwrap(),
        "the instructions are beside the button, inside the form's actions"
    );

    let survey = site.read("surveys/feedback.yaml").replace(
        "anonymity:",
        "return: Put the file on the USB stick at the front desk.\nanonymity:",
    );
    site.write("surveys/feedback.yaml", &survey);
    site.build();
    let form = site.read("public/surveys/feedback/index.html");
    assert_eq!(
        texts(&form, "<div class=\"survey-return\"", "</div>"),
        ["Sending your response Put the file on the USB stick at the front desk."]
    );
    let offline = site.read("public/surveys/feedback/offline.html");
    assert!(offline.contains("<p>Put the file on the USB stick at the front desk.</p>"));
}

#[test]
fn a_closed_survey_says_so_with_its_dates_and_has_no_submit_button() {
    let site = survey_site();
    let survey = site
        .read("surveys/feedback.yaml")
        .replace("opens: 2020-01-01", "opens: 2021-03-01")
        .replace("closes: 2099-12-31", "closes: 2021-05-31");
    site.write("surveys/feedback.yaml", &survey);
    site.build();
    let form = site.read("public/surveys/feedback/index.html");
    assert_eq!(
        texts(
            &form,
            "<p class=\"survey-notice\" id=\"survey-closed\">",
            "</p>"
        ),
        [
            "This survey is closed: it took responses from 2021-03-01 to 2021-05-31. You can read the questions, but this form can no longer be submitted."
        ]
    );
    assert!(!form.contains("id=\"survey-submit\""));
    assert!(form.contains("data-status=\"closed\""));
}

#[test]
fn an_open_survey_carries_its_closed_notice_hidden_for_the_script() {
    let site = survey_site();
    site.build();
    let form = site.read("public/surveys/feedback/index.html");
    assert_eq!(
        texts(
            &form,
            "<p class=\"survey-notice\" id=\"survey-closed\" hidden>",
            "</p>"
        ),
        [
            "This survey is closed: it took responses from 2020-01-01 to 2099-12-31. You can read the questions, but this form can no longer be submitted."
        ]
    );
    assert_eq!(
        texts(
            &form,
            "<p class=\"survey-dates\" id=\"survey-dates\">",
            "</p>"
        ),
        ["Open from 2020-01-01 to 2099-12-31."]
    );
    assert!(form.contains("data-closes=\"2099-12-31\""));
}

#[test]
fn skip_rules_mark_the_number_they_refer_to_and_scale_ends_do_not_repeat_it() {
    let site = survey_site();
    let survey = site.read("surveys/feedback.yaml")
        + "  - id: score\n    type: rating\n    label: Overall?\n    labels: {low: 0 – very poor, high: 10 – excellent}\n";
    site.write("surveys/feedback.yaml", &survey);
    site.build();
    let form = site.read("public/surveys/feedback/index.html");
    assert_eq!(
        texts(
            &form,
            "<p class=\"question-rule\" id=\"q-courtesy-rule\"",
            "</p>"
        ),
        ["Answer only if you chose “Yes” in question 2."]
    );
    assert!(form.contains(
        "in question <span class=\"question-ref\" data-question-ref=\"contacted\">2</span>."
    ));
    assert_eq!(
        texts(&form, "<label for=\"q-score-0\"", "</label>"),
        ["0 very poor"]
    );
    assert_eq!(
        texts(&form, "<label for=\"q-score-10\"", "</label>"),
        ["10 excellent"]
    );
}

#[test]
fn the_survey_list_counts_one_question_as_one() {
    let site = survey_site();
    site.write(
        "surveys/one.yaml",
        "id: one\ntitle: One question\nversion: 1\nopens: 2020-01-01\ncloses: 2099-12-31\n\
         anonymity: Nothing identifies you.\nquestions:\n  - id: ok\n    type: single\n    \
         label: All right?\n    choices:\n      - {id: 'yes', label: 'Yes'}\n      - {id: 'no', label: 'No'}\n",
    );
    site.build();
    let list = site.read("public/surveys/index.html");
    let dates = texts(&list, "<span class=\"survey-dates\">", "</span>");
    assert!(
        dates.contains(&"open until 2099-12-31 · 1 question".to_owned()),
        "{dates:?}"
    );
}
