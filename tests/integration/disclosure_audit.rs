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

fn site_with(survey: &str) -> TestSite {
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
