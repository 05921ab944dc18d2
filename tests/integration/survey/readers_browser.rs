//! Results pages and survey forms as readers and respondents see them, in real headless
//! Chromium: at 390 px (a phone) and 1,280 px (a laptop) nothing scrolls sideways, chart text is
//! at least 12 CSS px as rendered (font size times the scale of any SVG it is drawn in), and no
//! chart label is cut. Set `CANDOR_SCREENSHOTS` to a folder to keep full-page screenshots.
//! The form renumbers the questions it shows and refuses a survey that closed by the
//! respondent's own calendar, even on a page built while it was open.

use std::path::Path;

use serde_json::{Value, json};

use super::browser::browser_tools;
use super::server::Server;
use super::survey_site;
use super::webdriver::{Driver, Session};
use crate::support::TestSite;

/// Smallest chart text a reader must be able to read, in CSS pixels.
const MIN_CHART_TEXT_PX: f64 = 12.0;

/// The smallest rendered chart text of the page, and what it says, as JSON
/// `{"size": px, "text": "…"}`. Text hidden for assistive technology only is skipped.
const SMALLEST_CHART_TEXT: &str = r#"
  var smallest = { size: 1e9, text: "", count: 0 };
  document.querySelectorAll(".chart *").forEach(function (element) {
    var own = Array.prototype.some.call(element.childNodes, function (node) {
      return node.nodeType === 3 && node.textContent.trim() !== "";
    });
    if (!own || element.closest("title") || element.closest(".visually-hidden")) {
      return;
    }
    var box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) {
      return;
    }
    var size = parseFloat(getComputedStyle(element).fontSize);
    var svg = element.ownerSVGElement;
    if (svg) {
      size = size * svg.getScreenCTM().a;
    }
    smallest.count += 1;
    if (size < smallest.size) {
      smallest.size = size;
      smallest.text = element.textContent.trim();
    }
  });
  return smallest;
"#;

/// Chart labels whose text does not fit their box (cut, or running out of it).
const CUT_LABELS: &str = r#"
  return Array.prototype.filter.call(document.querySelectorAll(".chart-label"), function (label) {
    return label.scrollWidth > label.clientWidth + 1;
  }).map(function (label) { return label.textContent; });
"#;

/// Table captions running past the right edge of the window (cut off on a phone).
const CUT_CAPTIONS: &str = r#"
  return Array.prototype.filter.call(document.querySelectorAll(".results-table .caption-text"), function (caption) {
    var box = caption.getBoundingClientRect();
    return box.width > 0 && box.right > document.documentElement.clientWidth;
  }).map(function (caption) { return caption.textContent; });
"#;

/// The captions of tables wider than their box, which would scroll sideways.
const SCROLLING_TABLES: &str = r#"
  return Array.prototype.filter.call(document.querySelectorAll(".table-scroll"), function (box) {
    return box.scrollWidth > box.clientWidth + 1;
  }).map(function (box) { return box.querySelector("caption").textContent; });
"#;

pub(crate) fn set_viewport(browser: &Session, width: u32) {
    browser.devtools(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
    );
}

pub(crate) fn horizontal_overflow(browser: &Session) -> i64 {
    browser
        .run("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .as_i64()
        .expect("a number")
}

/// Keeps a full-page screenshot when `CANDOR_SCREENSHOTS` names a folder.
fn keep_screenshot(browser: &Session, name: &str) {
    let Some(folder) = std::env::var_os("CANDOR_SCREENSHOTS") else {
        return;
    };
    let shot = browser.devtools(
        "Page.captureScreenshot",
        json!({"format": "png", "captureBeyondViewport": true}),
    );
    let data = shot["data"].as_str().expect("screenshot data");
    let path = Path::new(&folder).join(format!("{name}.png"));
    std::fs::write(&path, base64_decode(data))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Standard base64 (the screenshot's encoding), without a dependency for one test.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut buffer, mut bits) = (0u32, 0);
    for c in text.bytes().filter_map(value) {
        buffer = (buffer << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

/// A built site served on loopback with a Chromium session on it, or `None` (with the skip
/// notice) when the browser tools are missing. Keep the whole value (borrow `server` and
/// `browser` from it, never destructure it with `..`): the driver, folders and site must live
/// as long as the session.
pub(crate) struct Browsing {
    pub(crate) browser: Session,
    pub(crate) server: Server,
    pub(crate) _driver: Driver,
    pub(crate) _profile: tempfile::TempDir,
    pub(crate) _downloads: tempfile::TempDir,
    pub(crate) _site: TestSite,
}

pub(crate) fn browse(site: TestSite, base: &str) -> Option<Browsing> {
    let (chromium, chromedriver) = browser_tools()?;
    site.build();
    let server = Server::start(&site.path("public"), base);
    let profile = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let driver = Driver::start(&chromedriver);
    let browser = driver.session(&chromium, profile.path(), downloads.path());
    Some(Browsing {
        browser,
        server,
        _driver: driver,
        _profile: profile,
        _downloads: downloads,
        _site: site,
    })
}

#[test]
fn results_pages_fit_a_phone_and_a_laptop_with_readable_charts() {
    let Some(browsing) = browse(TestSite::sample(), "/") else {
        return;
    };
    let (server, browser) = (&browsing.server, &browsing.browser);

    for page in ["community-2026", "community-trend"] {
        for width in [390, 1280] {
            set_viewport(browser, width);
            browser.goto(&server.url(&format!("/audits/{page}/")));
            browser.run(
                "document.querySelectorAll('details.breakdown').forEach(function (d) { d.open = true; })",
            );
            let at = format!("{page} at {width} px");
            assert_eq!(horizontal_overflow(browser), 0, "{at}: scrolls sideways");
            let smallest = browser.run(SMALLEST_CHART_TEXT);
            assert!(
                smallest["count"].as_u64().unwrap_or(0) > 10,
                "{at}: no chart text found: {smallest}"
            );
            let size = smallest["size"].as_f64().unwrap();
            assert!(
                size >= MIN_CHART_TEXT_PX,
                "{at}: chart text {:?} renders at {size:.1} px",
                smallest["text"]
            );
            assert_eq!(browser.run(CUT_LABELS), json!([]), "{at}: cut labels");
            assert_eq!(browser.run(CUT_CAPTIONS), json!([]), "{at}: cut captions");
            if width >= 1280 {
                assert_eq!(
                    browser.run(SCROLLING_TABLES),
                    json!([]),
                    "{at}: tables scroll"
                );
            }
            keep_screenshot(browser, &format!("results-{page}-{width}"));
            if width == 390 {
                assert_eq!(
                    axe_violations(browser),
                    Vec::<String>::new(),
                    "{at}: axe-core"
                );
            }
        }
    }
}

/// Every kind of page the default theme makes, on the sample site: none scrolls sideways on a
/// phone or a laptop, and axe-core finds no accessibility violation in any (its WCAG 2 A and AA
/// rules; results pages and forms are checked in their own tests above and below). With git,
/// the sample has a history, so a revision's diff page and "What changed" are checked too.
#[test]
fn every_page_type_fits_and_passes_axe() {
    let site = TestSite::sample();
    let revision =
        crate::support::require_tool("git").then(|| crate::history::commit_sample_history(&site));
    let Some(browsing) = browse(site, "/") else {
        return;
    };
    let (server, browser) = (&browsing.server, &browsing.browser);
    let mut pages = vec![
        ("home", "/"),
        ("page", "/code-of-conduct/"),
        ("page with anchors", "/standards/"),
        ("section", "/audits/"),
        ("KPIs", "/kpis/"),
        ("escalation guide", "/escalation/"),
        ("verification guide", "/verify/"),
        ("survey list", "/surveys/"),
        ("not found", "/404.html"),
    ];
    if let Some(revision) = &revision {
        pages.push(("revision with its diff", revision));
        pages.push(("what changed", "/what-changed/"));
    }
    for (kind, path) in pages {
        for width in [390, 1280] {
            set_viewport(browser, width);
            browser.goto(&server.url(path));
            let at = format!("{kind} ({path}) at {width} px");
            assert_eq!(horizontal_overflow(browser), 0, "{at}: scrolls sideways");
            assert_eq!(
                axe_violations(browser),
                Vec::<String>::new(),
                "{at}: axe-core"
            );
        }
    }
}

/// Runs axe-core (vendored in `tests/fixtures/axe-core`) on the current page and returns its
/// violations as "rule: target, target" lines.
pub(crate) fn axe_violations(browser: &Session) -> Vec<String> {
    let axe = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/axe-core/axe.min.js"),
    )
    .expect("the vendored axe-core");
    browser.run(&format!(
        "{axe}\nwindow.__axeResult = null; axe.run(document).then(function (r) {{ window.__axeResult = r; }}); return null;"
    ));
    browser.wait_for("axe-core", "return window.__axeResult !== null");
    let violations = browser.run(
        "return window.__axeResult.violations.map(function (v) { return v.id + ': ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); })",
    );
    violations
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The form's visible question numbers, in order.
fn visible_numbers(browser: &Session) -> Value {
    browser.run(
        "return Array.prototype.filter.call(document.querySelectorAll('[data-question]'), function (q) { return !q.hidden; })\
         .map(function (q) { return q.querySelector('.question-number').textContent; })",
    )
}

fn consecutive(count: usize) -> Value {
    json!((1..=count).map(|n| format!("{n}.")).collect::<Vec<_>>())
}

#[test]
fn the_form_numbers_what_it_shows_and_refuses_after_closing_by_the_respondents_clock() {
    let Some(browsing) = browse(survey_site(), "/hub/") else {
        return;
    };
    let (server, browser) = (&browsing.server, &browsing.browser);

    set_viewport(browser, 390);
    browser.goto(&server.url("/hub/surveys/feedback/"));
    browser.wait_for(
        "the form script",
        "return !document.getElementById('survey-submit').disabled",
    );
    assert_eq!(horizontal_overflow(browser), 0, "the form scrolls sideways");
    keep_screenshot(browser, "form-390");
    assert_eq!(
        axe_violations(browser),
        Vec::<String>::new(),
        "the form: axe-core"
    );
    // axe-core does find problems: an image without a text alternative is one.
    browser.run("var i = document.createElement('img'); i.id = 'no-alt'; i.src = 'data:,'; document.body.appendChild(i); return null;");
    assert_eq!(
        axe_violations(browser),
        ["image-alt: #no-alt", "region: #no-alt"]
    );
    browser.run("document.getElementById('no-alt').remove(); return null;");
    let before = visible_numbers(browser);
    let shown = before.as_array().unwrap().len();
    assert_eq!(before, consecutive(shown), "numbers jump: {before}");
    browser.run("document.getElementById('q-contacted-yes').click()");
    let after = visible_numbers(browser);
    let shown_after = after.as_array().unwrap().len();
    assert!(shown_after > shown, "answering Yes shows more questions");
    assert_eq!(after, consecutive(shown_after), "numbers jump: {after}");
    assert_eq!(
        browser.run_string(
            "return document.querySelector('#q-courtesy-rule .question-ref').textContent"
        ),
        browser.run_string(
            "return document.querySelector('#question-contacted .question-number').textContent.replace('.', '')"
        ),
        "the skip rule names its question's new number"
    );
    // On paper every question prints, so every question gets back its own number.
    let all = browser.run("return document.querySelectorAll('[data-question]').length");
    let all = usize::try_from(all.as_u64().unwrap()).unwrap();
    browser.run("window.dispatchEvent(new Event('beforeprint')); return null;");
    assert_eq!(
        browser.run("return Array.prototype.map.call(document.querySelectorAll('.question-number'), function (n) { return n.textContent; })"),
        consecutive(all),
        "printed numbers"
    );
    browser.run("window.dispatchEvent(new Event('afterprint')); return null;");
    assert_eq!(visible_numbers(browser), after);
    assert!(browser.run_bool("return document.getElementById('survey-closed').hidden"));

    // The respondent's calendar says 2100: the page, built while the survey was open, refuses.
    browser.devtools(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "(function () { var Real = Date; var fixed = new Real(2100, 0, 2).getTime(); \
            function Fake() { return arguments.length ? new (Function.prototype.bind.apply(Real, [null].concat(Array.prototype.slice.call(arguments))))() : new Real(fixed); } \
            Fake.now = function () { return fixed; }; Fake.prototype = Real.prototype; window.Date = Fake; })();"}),
    );
    browser.goto(&server.url("/hub/surveys/feedback/"));
    browser.wait_for(
        "the closed notice",
        "return !document.getElementById('survey-closed').hidden",
    );
    assert_eq!(
        browser.run_string("return document.getElementById('survey-closed').textContent"),
        "This survey is closed: it took responses from 2020-01-01 to 2099-12-31. You can read the questions, but this form can no longer be submitted."
    );
    assert!(browser.run_bool(
        "var b = document.getElementById('survey-submit'); return b.hidden && b.disabled \
         && document.getElementById('survey-actions').hidden && document.getElementById('survey-dates').hidden"
    ));
}
