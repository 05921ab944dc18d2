//! Disclosure control against the attacker of issue 12 (docs/disclosure.md): the survey
//! definition checks that keep free text out of every published figure, and `report` runs on
//! real stores. The figure-level audit has unit tests in `src/report/audit_tests.rs`.

use std::path::Path;

use crate::support::{TestSite, copy_tree};

/// A survey whose follow-up is shown only to those who wrote free text.
const TEXT_FOLLOW_UP: &str = "id: pulse
title: Staff pulse
version: 1
opens: 2026-01-01
closes: 2026-12-31
anonymity: Nothing you send identifies you.
questions:
  - id: note
    type: text
    label: Anything to add?
    max_length: 80
  - id: follow
    type: single
    label: May we follow up?
    show_if: {question: note, answered: true}
    choices:
      - {id: 'yes', label: 'Yes'}
      - {id: 'no', label: 'No'}
";

pub(crate) fn site_with(survey: &str) -> TestSite {
    let site = TestSite::empty();
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(
        &repository.join("themes/default"),
        &site.path("themes/default"),
    );
    site.write(
        "site.yaml",
        "title: Audit Test\nbase_url: https://example.org/\norganisation: Example Body\n",
    );
    site.write(
        "content/_index.md",
        "---\ntitle: Home\ndescription: Home.\n---\nHello.\n",
    );
    site.write(
        "content/about.md",
        "---\ntitle: About\ndescription: About.\n---\nAbout.\n",
    );
    site.write("surveys/pulse.yaml", survey);
    site
}

/// Gap 9: a question shown only to those who wrote free text published, group by group, how
/// many wrote it.
#[test]
fn regression_show_if_on_a_free_text_question_is_a_located_error() {
    let site = site_with(TEXT_FOLLOW_UP);
    let run = site.candor(&["check"]).exit_code(1);
    assert_eq!(
        run.stderr(),
        "surveys/pulse.yaml:15:25: error: `show_if` of `follow` depends on `note`, a free-text question\n  \
         hint: free text is never published, not even how many answered it; depend on a choice question instead\n"
    );
}

/// A survey with a grouping question and one question everyone answers.
pub(crate) const PULSE: &str = "id: pulse
title: Staff pulse
version: 1
opens: 2026-01-01
closes: 2026-12-31
anonymity: Nothing you send identifies you.
questions:
  - id: team
    type: single
    group: true
    label: Your team
    choices:
      - {id: a, label: Alpha}
      - {id: b, label: Bravo}
  - id: q
    type: single
    required: true
    label: Which applies?
    choices:
      - {id: x, label: Ex}
      - {id: y, label: Why}
";

/// Writes `count` response files from `team` answering `q`.
pub(crate) fn responses(site: &TestSite, written: &mut usize, count: usize, team: &str, q: &str) {
    for _ in 0..count {
        *written += 1;
        let id = format!("00000000-0000-4000-8000-{:012}", *written);
        let text = format!(
            r#"{{"format":"candor-response/1","survey":"pulse","version":1,"response_id":"{id}","submitted":"2026-03-04","answers":{{"team":"{team}","q":"{q}"}}}}"#
        );
        site.write(&format!("inbox/pulse-{id}.json"), &text);
    }
}

/// Gap 6: two releases a response apart give that person's answers by subtraction. The
/// second is refused, saying how many more responses it needs; the first stays as it was.
#[test]
fn regression_a_release_one_response_after_the_last_is_refused() {
    let site = site_with(PULSE);
    let mut n = 0;
    responses(&site, &mut n, 30, "a", "x");
    responses(&site, &mut n, 25, "b", "y");
    site.collect(&["ingest", "inbox"]).success();
    site.collect(&["report", "pulse"]).success();
    let first = site.read("surveys/results/pulse.yaml");
    // Reporting the same store again is the same release.
    site.collect(&["report", "pulse"]).success();
    assert_eq!(site.read("surveys/results/pulse.yaml"), first);
    responses(&site, &mut n, 1, "a", "y");
    site.collect(&["ingest", "inbox"]).success();
    let run = site.collect(&["report", "pulse"]).exit_code(1);
    assert_eq!(
        run.stderr(),
        "error: survey `pulse` has only 1 response more than the results already published in ./surveys/results/pulse.yaml; a reader could subtract the two releases and read the answers of whoever responded since\n  \
         hint: wait for at least 9 more responses, then run `candor-collect report` again\n"
    );
    assert_eq!(site.read("surveys/results/pulse.yaml"), first);
}

/// Gap 6 with the site in a folder of a larger repository: the earlier release is found in
/// git history even when its file is gone from the working tree. `git show COMMIT:PATH`
/// resolves PATH from the repository's top, not from the site, so the history used to be
/// skipped without a word and the second release went out.
#[test]
fn regression_an_earlier_release_in_the_history_of_a_site_in_a_subfolder_is_found() {
    if !crate::support::require_tool("git") {
        return;
    }
    let site = site_with(PULSE);
    let mut n = 0;
    responses(&site, &mut n, 30, "a", "x");
    responses(&site, &mut n, 25, "b", "y");
    std::fs::create_dir(site.path("site")).unwrap();
    for name in ["site.yaml", "content", "themes", "surveys", "inbox"] {
        std::fs::rename(site.path(name), site.path(&format!("site/{name}"))).unwrap();
    }
    let git = |args: &[&str]| crate::sign::git(site.root(), args);
    git(&["init", "-q"]);
    site.collect(&["ingest", "--root", "site", "site/inbox"])
        .success();
    site.collect(&["report", "pulse", "--root", "site"])
        .success();
    git(&["add", "site/site.yaml", "site/surveys"]);
    git(&["commit", "-q", "-m", "First results"]);
    std::fs::remove_file(site.path("site/surveys/results/pulse.yaml")).unwrap();
    let text = format!(
        r#"{{"format":"candor-response/1","survey":"pulse","version":1,"response_id":"00000000-0000-4000-8000-{:012}","submitted":"2026-03-04","answers":{{"team":"a","q":"y"}}}}"#,
        n + 1
    );
    site.write("site/inbox/one-more.json", &text);
    site.collect(&["ingest", "--root", "site", "site/inbox"])
        .success();
    let run = site
        .collect(&["report", "pulse", "--root", "site"])
        .exit_code(1);
    let stderr = run.stderr();
    assert!(
        stderr.starts_with(
            "error: survey `pulse` has only 1 response more than the results already published in surveys/results/pulse.yaml in commit "
        ),
        "{stderr}"
    );
    assert!(!site.path("site/surveys/results/pulse.yaml").exists());
}
