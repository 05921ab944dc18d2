//! Errors that teach editors: every problem of a run at once, template errors located in the
//! template (or the data file behind them) in the same `file:line:col: error:` form as the rest,
//! no follow-on errors from a page that failed, and `site.yaml` errors at the right place.

use serde_json::Value;

use crate::support::TestSite;

/// `candor build`'s whole stderr when it fails.
fn build_errors(site: &TestSite) -> String {
    let out = site.path("public");
    let run = site
        .candor(&["build", "--output", out.to_str().unwrap()])
        .exit_code(1);
    assert!(
        !out.exists(),
        "a failed build wrote output\n{}",
        run.explain()
    );
    run.stderr()
}

#[test]
fn link_errors_are_reported_beside_a_broken_front_matter() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/report.md",
        "---\ntitle: [unclosed\n---\nBack to [home](/).\n",
    );
    // A link to the page that failed to parse is not "does not exist": the page is there.
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\n---\n## Listen {#listen}\nSee [the audit](/report/#method) and [nothing](/nowhere/).\n",
    );
    assert_eq!(
        build_errors(&site),
        "content/report.md:2:8: error: `title` must be text\n  \
         hint: for example `title: some text`\n\
         content/standards.md:5:38: error: the link `/nowhere/` leads to a page that does not exist\n  \
         hint: check the path; pages are published at /file-name/ (content/standards.md is /standards/)\n\
         error: 2 problems found; nothing was written\n"
    );
}

#[test]
fn a_page_with_an_unknown_template_is_reported_once_beside_other_link_errors() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\ntemplate: audit.html\n---\nSee [nothing](/nowhere/).\n",
    );
    assert_eq!(
        build_errors(&site),
        "content/audits/a2026.md:3:1: error: the template `audit.html` does not exist\n  \
         hint: use a template from the theme's templates/ folder or the site's templates/ folder\n\
         content/audits/a2026.md:5:5: error: the link `/nowhere/` leads to a page that does not exist\n  \
         hint: check the path; pages are published at /file-name/ (content/standards.md is /standards/)\n\
         error: 2 problems found; nothing was written\n"
    );
}

#[test]
fn a_section_whose_only_page_is_broken_is_not_called_empty() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\nauthor: Someone\n---\n",
    );
    assert_eq!(
        build_errors(&site),
        "content/audits/a2026.md:3:1: error: unknown key `author`\n  \
         hint: the keys allowed here are title, description, date, updated, weight, template, draft, tags, summary, sort_by, results, history, aliases, extra; put values of your own under `extra:`\n\
         error: 1 problem found; nothing was written\n"
    );
}

/// A KPI template as themes write them: values from `data/kpis.yaml`, compared with a target,
/// each row carrying an `id` that other pages link to.
const KPI_TEMPLATE: &str = "{% extends \"base.html\" %}{% block content %}\n{% for kpi in data.kpis %}\n<p id=\"kpi-{{ kpi.id }}\">{% if kpi.actual >= kpi.target %}met{% endif %}</p>\n{% endfor %}{% endblock content %}";

#[test]
fn a_wrong_value_in_a_data_file_is_named_and_causes_no_follow_on_errors() {
    let site = TestSite::fixture("basic");
    site.write("themes/default/templates/kpis.html", KPI_TEMPLATE);
    site.write(
        "data/kpis.yaml",
        "- {id: reply, target: 95, actual: \"ninety\"}\n",
    );
    site.write(
        "content/kpis.md",
        "---\ntitle: KPIs\ntemplate: kpis.html\n---\n",
    );
    site.write(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\n---\nSee [replies](/kpis/#kpi-reply).\n",
    );
    assert_eq!(
        build_errors(&site),
        "themes/default/templates/kpis.html:3:32: error: Cannot compare `string` with `u64` (while rendering content/kpis.md)\n  \
         hint: this template uses values from data/kpis.yaml: if one of them is of the wrong kind (text where a number belongs, a single value where a list belongs), fix it there\n\
         error: 1 problem found; nothing was written\n"
    );
}

#[test]
fn an_unknown_filter_is_located_in_the_template() {
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title | shout }}</h1>{% endblock content %}",
    );
    assert_eq!(
        build_errors(&site),
        "themes/default/templates/page.html:2:40: error: Unknown filter `shout`\n\
         error: 1 problem found; nothing was written\n"
    );
}

#[test]
fn an_unclosed_block_points_at_its_opening_tag() {
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n  {% if page.title %}<h1>{{ page.title }}</h1>\n{{ page.content }}\n{% endblock content %}",
    );
    assert_eq!(
        build_errors(&site),
        "themes/default/templates/page.html:3:3: error: this `{% if %}` is never closed\n  \
         hint: add `{% endif %}` where the block ends (the template went on as if it were still open until line 5)\n\
         error: 1 problem found; nothing was written\n"
    );
}

#[test]
fn a_template_extending_a_missing_one_is_located() {
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"layout.html\" %}{% block content %}{% endblock content %}",
    );
    assert_eq!(
        build_errors(&site),
        "themes/default/templates/page.html:1:13: error: extends `layout.html`, which is not a template of the theme or the site\n  \
         hint: check the name in `{% extends \"...\" %}`; templates are named by their path under templates/\n\
         error: 1 problem found; nothing was written\n"
    );
}

#[test]
fn a_navigation_error_points_at_its_own_path_not_at_the_same_text_elsewhere() {
    let site = TestSite::fixture("basic");
    site.write(
        "site.yaml",
        "title: Test Hub\nbase_url: https://example.org/hub/\ndescription: The old /gone/ pages have moved.\nnavigation:\n  - title: Standards\n    path: /standards/\n  - title: Archive\n    path: /gone/\n",
    );
    assert_eq!(
        build_errors(&site),
        "site.yaml:8:11: error: the navigation entry `Archive` leads to /gone/, which does not exist\n  \
         hint: fix `path:` under `navigation:` in site.yaml\n\
         error: 1 problem found; nothing was written\n"
    );
}

#[test]
fn check_json_gives_template_locations_and_null_where_there_is_none() {
    let site = TestSite::fixture("basic");
    site.remove("content/_index.md");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title | shout }}{% endblock content %}",
    );
    let run = site.candor(&["check", "--format", "json"]).exit_code(1);
    let report: Value = serde_json::from_str(&run.stdout()).unwrap();
    let errors: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["severity"] == "error")
        .collect();
    assert_eq!(
        serde_json::json!(errors),
        serde_json::json!([
            {
                "code": "template",
                "column": 36,
                "file": "themes/default/templates/page.html",
                "line": 2,
                "message": "Unknown filter `shout`",
                "severity": "error"
            }
        ]),
        "{}",
        run.explain()
    );
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}",
    );
    let run = site.candor(&["check", "--format", "json"]).success();
    let report: Value = serde_json::from_str(&run.stdout()).unwrap();
    let no_home = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|finding| finding["code"] == "no-home-page")
        .unwrap_or_else(|| panic!("{}", run.explain()));
    assert_eq!(
        *no_home,
        serde_json::json!({
            "code": "no-home-page",
            "column": null,
            "file": "content",
            "line": null,
            "message": "there is no content/_index.md, so the home page is empty",
            "severity": "warning",
            "hint": "create content/_index.md with a `title` and some text"
        })
    );
}

/// A theme that styles `code`, lists and buttons the way the overlay must not inherit: dark
/// text on a dark background, the cause of the unreadable file:line badge.
const HOSTILE_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page</title>\
<style>body{background:#fff;color:#000}code{color:#222 !important;background:#333 !important;font-size:8px}\
*{opacity:.9}li{color:#444}</style></head><body><h1>The page under the overlay</h1>\
<script>window.EventSource=function(){var self=this;self.listeners={};\
self.addEventListener=function(name,fn){self.listeners[name]=fn;};\
setTimeout(function(){self.listeners.problems({data:JSON.stringify({problems:[{severity:'error',\
location:'content/kpis.md:3:1',message:'the template failed',hint:'fix it'}]})});},10);};</script>\
<script src=\"live-reload.js\"></script><script src=\"axe.min.js\"></script></body></html>";

/// The contrast ratio of two `rgb(…)`/`rgba(…)` colours, as WCAG defines it.
const CONTRAST_SCRIPT: &str = "function lum(c){var p=c.match(/[\\d.]+/g).map(Number);\
return p.slice(0,3).map(function(v){v/=255;return v<=0.03928?v/12.92:Math.pow((v+0.055)/1.055,2.4);})\
.reduce(function(s,v,i){return s+v*[0.2126,0.7152,0.0722][i];},0);}\
var host=document.getElementById('candor-problems');var root=host.shadowRoot||host;var badge=root.querySelector('code');\
var panel=host.shadowRoot?root.querySelector('section'):host;var b=getComputedStyle(badge),s=getComputedStyle(panel);\
var back=b.backgroundColor==='rgba(0, 0, 0, 0)'?s.backgroundColor:b.backgroundColor;\
var a=lum(b.color),z=lum(back);return {ratio:(Math.max(a,z)+0.05)/(Math.min(a,z)+0.05),\
badgeOpacity:b.opacity,panel:s.backgroundColor,hostOpacity:getComputedStyle(host).opacity};";

#[test]
fn the_serve_overlay_badge_is_readable_whatever_the_theme_styles() {
    use crate::survey::browser::browser_tools;
    use crate::survey::webdriver::Driver;
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let site = TestSite::empty();
    site.write("page.html", HOSTILE_PAGE);
    site.write(
        "live-reload.js",
        include_str!("../../src/serve/live-reload.js"),
    );
    site.write(
        "axe.min.js",
        include_str!("../fixtures/axe-core/axe.min.js"),
    );
    let profile = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let driver = Driver::start(&chromedriver);
    let browser = driver.session(&chromium, profile.path(), downloads.path());
    browser.goto(&format!("file://{}", site.path("page.html").display()));
    browser.wait_for(
        "the overlay",
        "return !!document.getElementById('candor-problems');",
    );
    let measured = browser.run(CONTRAST_SCRIPT);
    let ratio = measured["ratio"].as_f64().unwrap();
    assert!(
        ratio >= 4.5,
        "badge contrast {ratio:.2}:1 is below WCAG AA: {measured}"
    );
    // Opaque: the page must not show through the overlay.
    assert_eq!(measured["panel"], "rgb(20, 20, 20)", "{measured}");
    assert_eq!(measured["hostOpacity"], "1", "{measured}");
    assert_eq!(measured["badgeOpacity"], "1", "{measured}");
    browser.run(AXE_SCRIPT);
    browser.wait_for("axe-core", "return window.axeDone === true;");
    let violations = browser.run("return window.axeViolations;");
    assert_eq!(violations, serde_json::json!([]), "axe-core on the overlay");
}

/// Runs axe-core's WCAG 2 A and AA rules on the overlay (its shadow root included) and leaves
/// the violations, as `rule: target` strings, in `window.axeViolations`.
const AXE_SCRIPT: &str = "window.axeDone=false;axe.run(document.getElementById('candor-problems'),\
{runOnly:{type:'tag',values:['wcag2a','wcag2aa']}}).then(function(r){window.axeViolations=\
r.violations.map(function(v){return v.id+': '+v.nodes.map(function(n){return JSON.stringify(n.target);}).join(' ');});\
window.axeDone=true;},function(e){window.axeViolations=['axe failed: '+e];window.axeDone=true;});";

#[test]
fn site_yaml_value_errors_point_at_the_value() {
    let site = TestSite::fixture("basic");
    site.write(
        "site.yaml",
        "title: Test Hub\n\nbase_url: example.org/hub\n",
    );
    assert_eq!(
        build_errors(&site),
        "site.yaml:3:11: error: `base_url` `example.org/hub` is not an http(s) URL or a path\n  \
         hint: write it like `https://example.org/` or `https://example.org/hub/`\n\
         error: 1 problem found; nothing was written\n"
    );
    site.write("site.yaml", "base_url: /\ntitle: \"  \"\n");
    assert_eq!(
        build_errors(&site),
        "site.yaml:2:8: error: `title` is missing or empty\n  \
         hint: add a line such as `title: Staff Accountability Hub`\n\
         error: 1 problem found; nothing was written\n"
    );
}

#[test]
fn serve_shows_link_errors_beside_a_broken_front_matter() {
    use crate::serve::{Server, preview_site};
    let site = preview_site();
    let server = Server::start(&site);
    let events = server.events();
    site.write(
        "content/audits/a2026.md",
        "---\ntitle: Audit 2026\n---\nSee [nothing](/nowhere/).\n",
    );
    // `expect_where`: a write in place may reach the preview in two parts, each with a build.
    events.expect_where("problems", &server, |data| {
        data.contains("content/audits/a2026.md:4:5")
    });
    site.write(
        "content/standards.md",
        "---\ntitle: Standards\nauthor: Someone\n---\n## Listen {#listen}\n",
    );
    let problems = events.expect_where("problems", &server, |data| {
        data.contains("content/standards.md:3:1")
    });
    let report: Value = serde_json::from_str(&problems).expect("problems are JSON");
    let locations: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| problem["location"].as_str().unwrap())
        .collect();
    assert_eq!(
        locations,
        ["content/audits/a2026.md:4:5", "content/standards.md:3:1"],
        "{problems}"
    );
}
