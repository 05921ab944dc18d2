//! `candor check`: every problem `build` rejects, the reader-facing ones it does not, as JSON
//! findings, and nothing written.

use serde_json::Value;

use crate::support::{Run, TestSite};

/// `(file, line, column, severity, code)` of one finding.
type Finding = (String, u64, u64, String, String);

fn check_json(site: &TestSite, extra: &[&str], expected_code: i32) -> (Value, Run) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let run = site.candor(&args).exit_code(expected_code);
    let report: Value = serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{}", run.stdout()));
    (report, run)
}

fn findings(report: &Value) -> Vec<Finding> {
    report["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_owned(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                f["severity"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn finding(file: &str, line: u64, column: u64, severity: &str, code: &str) -> Finding {
    (
        file.to_owned(),
        line,
        column,
        severity.to_owned(),
        code.to_owned(),
    )
}

fn message_of<'a>(report: &'a Value, code: &str) -> &'a str {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .and_then(|f| f["message"].as_str())
        .unwrap_or_else(|| panic!("no {code} finding in {report}"))
}

/// The fixture with a description on every page, so it has nothing to report.
fn described_site() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(
        "content/_index.md",
        "---\ntitle: Home\ndescription: Start here.\n---\nSee [standards](/standards/#listen).\n",
    );
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\ndescription: How staff behave.\n---\n## Listen {#listen}\nText.\n",
    );
    site.write(
        "content/audits/_index.md",
        "---\ntitle: Audits\ndescription: Independent audits.\n---\n",
    );
    site.write(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\ndescription: The 2026 audit.\n---\nBack to [home](/).\n",
    );
    site
}

/// Every file of the site with its contents, to prove `check` wrote nothing.
fn snapshot(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(site.root())
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| {
            let bytes = if entry.file_type().is_file() {
                std::fs::read(entry.path()).unwrap()
            } else {
                Vec::new()
            };
            (entry.path().display().to_string(), bytes)
        })
        .collect()
}

#[test]
fn clean_site_passes_even_strictly_and_writes_nothing() {
    let site = described_site();
    let before = snapshot(&site);
    let (report, _) = check_json(&site, &["--strict"], 0);
    assert_eq!(findings(&report), [], "{report}");
    assert_eq!(report["passed"], true);
    assert_eq!(report["pages"], 4);
    site.candor(&["check"])
        .success()
        .stdout_contains("checked 4 pages: no problems found");
    assert_eq!(snapshot(&site), before, "check changed the site folder");
    assert!(!site.path("public").exists());
}

#[test]
fn missing_descriptions_warn_and_fail_only_when_strict() {
    let site = TestSite::fixture("basic");
    let (report, _) = check_json(&site, &[], 0);
    assert_eq!(
        findings(&report),
        [
            finding("content/_index.md", 1, 1, "warning", "missing-description"),
            finding(
                "content/audits/_index.md",
                1,
                1,
                "warning",
                "missing-description"
            ),
            finding(
                "content/audits/a2026.md",
                1,
                1,
                "warning",
                "missing-description"
            ),
            finding(
                "content/standards.md",
                1,
                1,
                "warning",
                "missing-description"
            ),
        ]
    );
    assert_eq!(report["passed"], true);
    let (strict, _) = check_json(&site, &["--strict"], 1);
    assert_eq!(strict["passed"], false);
    assert_eq!(strict["warnings"], 4);
}

#[test]
fn reader_problems_build_accepts_are_found() {
    let site = described_site();
    site.write("content/chart.svg", "<svg/>");
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\ndescription: How staff behave.\n---\n## Listen {#listen}\nSee [the guide](http:/example.org/guide) and ![](chart.svg).\n",
    );
    site.write(
        "content/conduct.md",
        "---\ndescription: The code.\ntitle: standards\n---\nSee [x](https://example.org/ok) and ![A chart](chart.svg).\n",
    );
    site.candor(&["build"]).success();
    let (report, _) = check_json(&site, &[], 1);
    assert_eq!(
        findings(&report),
        [
            finding("content/standards.md", 2, 1, "warning", "duplicate-title"),
            finding("content/standards.md", 6, 5, "error", "external-link"),
            finding("content/standards.md", 6, 46, "warning", "missing-alt"),
        ],
        "{report}"
    );
    assert_eq!(
        message_of(&report, "external-link"),
        "the link `http:/example.org/guide` is not a valid web address: `http:` must be followed by `//`"
    );
    assert_eq!(
        message_of(&report, "missing-alt"),
        "the image `chart.svg` has no alt text"
    );
    assert_eq!(
        message_of(&report, "duplicate-title"),
        "the title `Standards` is also the title of content/conduct.md"
    );
    assert_eq!(
        (report["errors"].clone(), report["warnings"].clone()),
        (1.into(), 2.into())
    );
}

/// Writes `text` to `file` in a clean site and expects `check` to report exactly `expected`.
fn assert_build_problem(file: &str, text: &str, expected: Finding, message: &str) {
    let site = described_site();
    site.write(file, text);
    let (report, _) = check_json(&site, &[], 1);
    assert_eq!(
        findings(&report),
        std::slice::from_ref(&expected),
        "{report}"
    );
    assert!(
        message_of(&report, &expected.4).contains(message),
        "{report}"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn front_matter_errors_are_found() {
    assert_build_problem(
        "content/standards.md",
        "---\ntitle: Standards\nauthor: Someone\n---\n## Listen {#listen}\n",
        finding("content/standards.md", 3, 1, "error", "yaml"),
        "unknown key `author`",
    );
}

#[test]
fn site_yaml_errors_are_found() {
    assert_build_problem(
        "site.yaml",
        "title: Test Hub\nbase_url: https://example.org/hub/\ncolour: blue\n",
        finding("site.yaml", 3, 1, "error", "yaml"),
        "unknown key `colour`",
    );
}

#[test]
fn signing_keys_that_build_could_not_use_are_found() {
    let site = described_site();
    site.write("keys/not-a-key.key", "hello\n");
    site.write(
        "site.yaml",
        "title: Test Hub\nbase_url: https://example.org/hub/\nsigning:\n  secret_key: keys/not-a-key.key\n  public_key: keys/missing.pub\n",
    );
    let (report, _) = check_json(&site, &[], 1);
    assert_eq!(
        findings(&report),
        [
            finding("site.yaml", 0, 0, "error", "signing-key"),
            finding("site.yaml", 0, 0, "error", "signing-key"),
        ],
        "{report}"
    );
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("not-a-key.key is not a minisign secret key")),
        "{report}"
    );
    assert!(
        messages.iter().any(|m| m.contains("missing.pub")),
        "{report}"
    );
    assert!(
        !site.path(".candor").exists(),
        "check creates no development key"
    );
}

#[test]
fn broken_internal_links_and_anchors_are_found() {
    assert_build_problem(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\ndescription: The 2026 audit.\n---\nSee [the code](/code-of-conduct/).\n",
        finding("content/audits/a2026.md", 5, 5, "error", "broken-link"),
        "the link `/code-of-conduct/` leads to a page that does not exist",
    );
    assert_build_problem(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\ndescription: The 2026 audit.\n---\nSee [listening](../standards.md#listening).\n",
        finding("content/audits/a2026.md", 5, 5, "error", "broken-link"),
        "names a heading that does not exist",
    );
}

#[test]
fn template_errors_are_found() {
    let site = described_site();
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.author }}{% endblock content %}",
    );
    let (report, _) = check_json(&site, &[], 1);
    assert_eq!(
        findings(&report),
        [finding(
            "themes/default/templates/page.html",
            1,
            53,
            "error",
            "template"
        )],
        "{report}"
    );
}

#[test]
fn text_format_names_file_line_and_column() {
    let site = described_site();
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\nauthor: Someone\n---\n",
    );
    site.candor(&["check"])
        .exit_code(1)
        .stderr_contains("content/standards.md:3:1: error: unknown key `author`")
        .stdout_contains("1 error, 0 warnings");
}
