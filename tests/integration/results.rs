//! Published results: response files ingested with the real `candor-collect ingest`, reported
//! with `candor-collect report`, built with `candor build`; then the YAML and the HTML are
//! read the way a reader would, looking for any way to work a hidden figure back.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{TestSite, copy_tree};

#[path = "../../examples/gen-sample-store.rs"]
pub(crate) mod sample;

/// A survey with a grouping question and every kind of answer the results cover.
const PULSE: &str = r#"
id: pulse
title: Staff pulse
series: pulse
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
      - {id: c, label: Charlie}
      - {id: d, label: Delta}
  - id: q
    type: single
    required: true
    label: Which applies?
    choices:
      - {id: x, label: Ex}
      - {id: y, label: Why}
      - {id: z, label: Zed}
  - id: courtesy
    type: likert
    label: Staff were courteous.
  - id: note
    type: text
    label: Anything to add?
    max_length: 80
"#;

/// A temporary site with the repository's default theme.
fn new_site() -> TestSite {
    let site = TestSite::empty();
    copy_tree(
        &repository().join("themes/default"),
        &site.path("themes/default"),
    );
    site.write(
        "site.yaml",
        "title: Results Test\nbase_url: https://example.org/\norganisation: Example Body\n",
    );
    site.write("content/_index.md", "---\ntitle: Home\n---\nHello.\n");
    site.write(
        "content/audits/_index.md",
        "---\ntitle: Audits\n---\nAudits.\n",
    );
    site
}

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `count` pulse responses from `team` answering `q` and `courtesy`.
fn responses(
    site: &TestSite,
    written: &mut usize,
    count: usize,
    team: &str,
    q: &str,
    courtesy: u8,
) {
    for _ in 0..count {
        *written += 1;
        let id = format!("00000000-0000-4000-8000-{:012}", *written);
        let text = format!(
            r#"{{"format":"candor-response/1","survey":"pulse","version":1,"response_id":"{id}","submitted":"2026-03-04","answers":{{"team":"{team}","q":"{q}","courtesy":{courtesy},"note":"Ask Sam, the only person in Delta."}}}}"#
        );
        site.write(&format!("inbox/pulse-{id}.json"), &text);
    }
}

/// The crafted cases: Delta has 9 people; Alpha has a cell of 3 among larger ones; Bravo has a
/// cell of 4 that the total minus the other cells would give away; everyone in Charlie (20)
/// answered alike.
fn crafted_site() -> TestSite {
    let site = new_site();
    site.write("surveys/pulse.yaml", PULSE);
    let mut n = 0;
    responses(&site, &mut n, 3, "a", "x", 2);
    responses(&site, &mut n, 14, "a", "y", 4);
    responses(&site, &mut n, 22, "a", "z", 5);
    responses(&site, &mut n, 4, "b", "x", 3);
    responses(&site, &mut n, 16, "b", "y", 4);
    responses(&site, &mut n, 21, "b", "z", 5);
    responses(&site, &mut n, 20, "c", "y", 4);
    responses(&site, &mut n, 9, "d", "x", 1);
    site.write(
        "content/audits/pulse.md",
        "---\ntitle: Pulse results\nresults: pulse\n---\nThe pulse survey.\n",
    );
    site
}

/// One results table of a built page: its id and its body rows as cell texts (the row
/// header first).
struct Table {
    id: String,
    /// How many answer categories the table has (columns after "Respondents" and "Answered").
    categories: usize,
    rows: Vec<Vec<String>>,
}

/// Every `results-table` in `html`. The tables are written by our templates as well-formed
/// markup, so each can be read on its own with an XML parser.
fn tables(html: &str) -> Vec<Table> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<table class=\"results-table\">") {
        let end = rest[start..].find("</table>").unwrap() + start + "</table>".len();
        let fragment = &rest[start..end];
        let document =
            roxmltree::Document::parse(fragment).unwrap_or_else(|e| panic!("{e}\n{fragment}"));
        let caption = document
            .descendants()
            .find(|n| n.has_tag_name("caption"))
            .unwrap();
        let id = caption
            .attribute("id")
            .unwrap()
            .trim_end_matches("-caption")
            .to_owned();
        // The table has answers as rows and groups as columns; read it back as one row per
        // group: [group, answered, one cell per answer category, …].
        let text_of = |cell: roxmltree::Node<'_, '_>| {
            cell.descendants()
                .filter(|n| n.is_text())
                .map(|n| n.text().unwrap())
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let groups: Vec<String> = document
            .descendants()
            .filter(|n| n.has_tag_name("th") && n.attribute("scope") == Some("col"))
            .skip(1)
            .map(text_of)
            .collect();
        let body = document
            .descendants()
            .find(|n| n.has_tag_name("tbody"))
            .unwrap();
        let lines: Vec<Vec<String>> = body
            .children()
            .filter(|n| n.has_tag_name("tr"))
            .map(|tr| {
                tr.children()
                    .filter(|n| n.is_element())
                    .map(text_of)
                    .collect()
            })
            .collect();
        let (answer_lines, summary_lines): (Vec<_>, Vec<_>) = lines
            .into_iter()
            .partition(|line| !matches!(line[0].as_str(), "Answered" | "Median" | "Middle half"));
        let answered = summary_lines
            .iter()
            .find(|line| line[0] == "Answered")
            .expect("an Answered row");
        let categories = answer_lines.len();
        let rows = groups
            .iter()
            .enumerate()
            .map(|(column, group)| {
                let mut row = vec![group.clone(), answered[column + 1].clone()];
                row.extend(answer_lines.iter().map(|line| line[column + 1].clone()));
                row
            })
            .collect();
        found.push(Table {
            id,
            categories,
            rows,
        });
        rest = &rest[end..];
    }
    found
}

/// A table cell read back: `Some(count)` for "23% (12)" or "12", `None` for a hidden figure.
fn count_in(text: &str) -> Option<u64> {
    if text == "not shown" {
        return None;
    }
    let inner = text
        .rsplit_once('(')
        .map_or(text, |(_, c)| c.trim_end_matches(')'));
    Some(
        inner
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("unreadable figure {text:?}")),
    )
}

/// Plays the reader on the rendered tables of one page: in each row of a question whose
/// answers add up, a single hidden cell would be the total minus the others, and a hidden part
/// smaller than 5 would be a small count; in each column, the overall figure minus the shown
/// groups must not leave a single hidden group cell either.
fn assert_html_hides(html: &str, additive: &BTreeMap<String, bool>) {
    let tables = tables(html);
    assert!(!tables.is_empty(), "no results tables");
    let mut overall_rows: BTreeMap<String, (Option<u64>, Vec<Option<u64>>)> = BTreeMap::new();
    for table in &tables {
        let question = table
            .id
            .strip_prefix("q-")
            .and_then(|rest| rest.split("-all").next())
            .and_then(|rest| rest.split("-by-").next())
            .unwrap_or_default()
            .to_owned();
        let is_additive = additive.get(&question).copied().unwrap_or(false);
        for row in &table.rows {
            let answered = count_in(&row[1]);
            let cells: Vec<Option<u64>> = row[2..2 + table.categories]
                .iter()
                .map(|t| count_in(t))
                .collect();
            if table.id.ends_with("-all") {
                overall_rows.insert(question.clone(), (answered, cells.clone()));
            }
            let (Some(total), true) = (answered, is_additive) else {
                continue;
            };
            let hidden = cells.iter().filter(|c| c.is_none()).count();
            let shown: u64 = cells.iter().flatten().sum();
            assert_ne!(hidden, 1, "{}: {row:?}: total minus the others", table.id);
            if hidden > 0 {
                assert!(
                    total - shown >= 5,
                    "{}: {row:?}: hidden part is small",
                    table.id
                );
            }
        }
    }
    for table in tables.iter().filter(|t| t.id.contains("-by-")) {
        let question = table.id["q-".len()..].split("-by-").next().unwrap();
        let Some((answered, overall)) = overall_rows.get(question) else {
            continue;
        };
        let sizes: Vec<Option<u64>> = table.rows.iter().map(|r| count_in(&r[1])).collect();
        // Respondents who skipped the grouping question are in no row; the reader knows there
        // are none only when the group sizes add up to everyone.
        let everyone_placed = sizes.iter().all(Option::is_some)
            && Some(sizes.iter().flatten().sum::<u64>()) == *answered;
        for (column, total) in overall.iter().enumerate() {
            let Some(total) = total else { continue };
            let column_cells: Vec<Option<u64>> = table
                .rows
                .iter()
                .map(|r| count_in(&r[2 + column]))
                .collect();
            let hidden = column_cells.iter().filter(|c| c.is_none()).count();
            let shown: u64 = column_cells.iter().flatten().sum();
            if everyone_placed && hidden == 1 {
                assert_eq!(
                    total - shown,
                    0,
                    "{}: column {column} gives a group away",
                    table.id
                );
            }
        }
    }
}

fn additivity(results_yaml: &str) -> BTreeMap<String, bool> {
    let mut kinds = BTreeMap::new();
    let mut current = None;
    for line in results_yaml.lines() {
        if let Some(id) = line.strip_prefix("- id: ") {
            current = Some(id.trim().to_owned());
        } else if let (Some(kind), Some(id)) = (line.strip_prefix("  type: "), &current) {
            kinds.insert(id.clone(), kind.trim() != "multiple");
        }
    }
    kinds
}

#[test]
fn crafted_groups_publish_no_recoverable_figure_in_yaml_or_html() {
    let site = crafted_site();
    site.collect(&["ingest", "inbox"]).success();
    site.collect(&["report", "pulse"])
        .success()
        .stdout_contains("wrote")
        .stdout_contains("figures not shown");
    let first = site.read("surveys/results/pulse.yaml");
    site.collect(&["report", "pulse"]).success();
    assert_eq!(
        first,
        site.read("surveys/results/pulse.yaml"),
        "reports are deterministic"
    );
    assert!(!first.contains("Sam"), "free text is never published");
    assert!(first.contains("input_sha256: "));

    site.candor(&["build"]).success();
    let html = site.read("public/audits/pulse/index.html");
    assert!(!html.contains("Sam"));
    assert!(html.contains("<svg") && html.contains("role=\"img\""));
    assert!(html.contains("How these figures were produced"));
    assert_html_hides(&html, &additivity(&first));

    let tables = tables(&html);
    let by_team = tables.iter().find(|t| t.id == "q-q-by-team").unwrap();
    let delta = by_team.rows.iter().find(|r| r[0] == "Delta").unwrap();
    assert!(delta[1..].iter().all(|c| c == "not shown"), "{delta:?}");
    let charlie = by_team.rows.iter().find(|r| r[0] == "Charlie").unwrap();
    assert!(
        charlie[2..].iter().all(|c| count_in(c).is_none()),
        "100% of Charlie said Why: {charlie:?}"
    );
    let alpha = by_team.rows.iter().find(|r| r[0] == "Alpha").unwrap();
    assert_eq!(alpha[2], "not shown");
    assert_eq!(
        alpha[3], "not shown",
        "the complement of Alpha's 3: {alpha:?}"
    );
    let bravo = by_team.rows.iter().find(|r| r[0] == "Bravo").unwrap();
    assert_eq!(bravo[2], "not shown");
    assert_eq!(
        bravo[1..].iter().filter(|c| count_in(c).is_none()).count(),
        2,
        "{bravo:?}"
    );
    let team = tables.iter().find(|t| t.id == "q-team-all").unwrap();
    assert!(
        !team.rows[0].iter().any(|c| c.ends_with("(9)")),
        "Delta's size: {:?}",
        team.rows
    );
}

#[test]
fn a_page_naming_results_that_do_not_exist_is_a_located_error() {
    let site = new_site();
    site.write(
        "content/audits/missing.md",
        "---\ntitle: Missing\ndescription: x\nresults: nowhere\n---\nText.\n",
    );
    site.candor(&["build"])
        .exit_code(1)
        .stderr_contains(
            "content/audits/missing.md:4:1: error: there are no published results for `nowhere`",
        )
        .stderr_contains("candor-collect report nowhere");
}

#[test]
fn report_needs_responses_and_a_known_survey() {
    let site = new_site();
    site.write("surveys/pulse.yaml", PULSE);
    site.write("inbox/.keep", "");
    site.collect(&["report", "nosuch", "--store", "s.sqlite"])
        .exit_code(1)
        .stderr_contains("there is no survey `nosuch`");
    let mut n = 0;
    responses(&site, &mut n, 1, "a", "x", 3);
    site.collect(&["ingest", "inbox", "--store", "s.sqlite"])
        .success();
    site.collect(&[
        "report",
        "pulse",
        "--store",
        "s.sqlite",
        "--out",
        "out/pulse.yaml",
    ])
    .success();
    let text = site.read("out/pulse.yaml");
    assert!(
        text.contains("hidden: not_shown"),
        "one response publishes nothing:\n{text}"
    );
}

/// The committed sample results are exactly what the sample generator, `ingest` and `report`
/// produce, so anyone can reproduce them; and the sample site shows them with charts, the trend
/// and the KPI sparklines, never a hidden figure.
#[test]
fn the_sample_results_are_reproducible_and_render_safely() {
    let site = new_site();
    for folder in ["content", "data", "surveys"] {
        copy_tree(&repository().join(folder), &site.path(folder));
    }
    std::fs::copy(repository().join("site.yaml"), site.path("site.yaml")).unwrap();
    let committed: Vec<(String, String)> = sample::WAVES
        .iter()
        .map(|wave| {
            let file = format!("surveys/results/{}.yaml", wave.survey);
            (wave.survey.to_owned(), site.read(&file))
        })
        .collect();
    std::fs::remove_dir_all(site.path("surveys/results")).unwrap();
    for wave in &sample::WAVES {
        sample::write_wave(&site.path("inbox").join(wave.survey), wave).unwrap();
    }
    // The sample responses are plain; the 2026 survey has a public key.
    site.collect(&["ingest", "inbox", "--allow-plaintext"])
        .success();
    for (survey, expected) in &committed {
        site.collect(&["report", survey]).success();
        let produced = site.read(&format!("surveys/results/{survey}.yaml"));
        assert!(
            produced == *expected,
            "surveys/results/{survey}.yaml is not what the sample store gives; regenerate it (README: Publishing results)"
        );
    }
    site.candor(&["build"]).success();
    for (survey, yaml) in &committed {
        let html = site.read(&format!("public/audits/{survey}/index.html"));
        assert!(html.matches("<svg").count() > 10, "{survey}: charts");
        assert_html_hides(&html, &additivity(yaml));
    }
    let trend = site.read("public/audits/community-trend/index.html");
    assert!(trend.contains("Waves compared") && trend.contains("<svg"));
    assert!(
        trend.contains("Not compared"),
        "a changed question is left out of the trend"
    );
    let kpis = site.read("public/kpis/index.html");
    assert!(kpis.contains("class=\"sparkline\""));
}
