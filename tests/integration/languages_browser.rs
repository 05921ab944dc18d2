//! Right to left in a real browser (issue 17): the sample site's Arabic pages, laid out by
//! headless Chromium, start their headings, navigation and table cells on the right, where the
//! English and French ones start on the left, and axe-core finds no violation in them.

use crate::support::TestSite;

/// Where the page heading's text lies in its box, how far a table header's text is from the
/// start of its cell, and where the first two main navigation links are, as JSON numbers.
const LAYOUT: &str = r#"
  var direction = getComputedStyle(document.body).direction;
  var heading = document.querySelector("main h1");
  var range = document.createRange();
  range.selectNodeContents(heading);
  var text = range.getBoundingClientRect();
  var box = heading.getBoundingClientRect();
  var links = document.querySelectorAll(".nav-list a");
  var cell = document.querySelector(".prose th");
  var cell_start = null;
  if (cell) {
    var words = document.createRange();
    words.selectNodeContents(cell);
    var inner = words.getBoundingClientRect();
    var outer = cell.getBoundingClientRect();
    cell_start = direction === "rtl" ? outer.right - inner.right : inner.left - outer.left;
  }
  return {
    cell_start: cell_start,
    text_left: text.left - box.left,
    text_right: box.right - text.right,
    one_line: range.getClientRects().length === 1,
    first_link: links[0].getBoundingClientRect().left,
    second_link: links[1].getBoundingClientRect().left,
    direction: getComputedStyle(document.body).direction
  };
"#;

#[test]
fn arabic_pages_read_right_to_left_in_chromium_and_pass_axe() {
    use crate::survey::readers_browser::{
        axe_violations, browse, horizontal_overflow, set_viewport,
    };
    let Some(browsing) = browse(TestSite::sample(), "/") else {
        return;
    };
    let (server, browser) = (&browsing.server, &browsing.browser);
    let number = |layout: &serde_json::Value, key: &str| layout[key].as_f64().unwrap();
    for (path, right_to_left) in [
        ("/code-of-conduct/", false),
        ("/ar/", true),
        ("/ar/code-of-conduct/", true),
        ("/ar/escalation/", true),
        ("/ar/audits/community-2026/", true),
        ("/fr/code-of-conduct/", false),
    ] {
        set_viewport(browser, 1280);
        browser.goto(&server.url(path));
        let layout = browser.run(LAYOUT);
        let at = format!("{path}: {layout}");
        assert_eq!(
            layout["direction"],
            if right_to_left { "rtl" } else { "ltr" },
            "{at}"
        );
        // The heading starts at the start of its line: the right in Arabic, the left in French;
        // a heading that wraps fills its first line, so only its start tells.
        let (start, end) = if right_to_left {
            (number(&layout, "text_right"), number(&layout, "text_left"))
        } else {
            (number(&layout, "text_left"), number(&layout, "text_right"))
        };
        let one_line = layout["one_line"].as_bool().unwrap();
        assert!(start < 2.0 && (end > 100.0 || !one_line), "{at}");
        // The navigation runs from the start too: its first link is right of the second.
        let first_is_right = number(&layout, "first_link") > number(&layout, "second_link");
        assert_eq!(first_is_right, right_to_left, "{at}");
        // A table's header cells start at the start of the line too (the code of conduct has a
        // table of its versions).
        if path.ends_with("code-of-conduct/") {
            assert!(number(&layout, "cell_start") < 12.0, "{at}");
        }
        for width in [390, 1280] {
            set_viewport(browser, width);
            browser.goto(&server.url(path));
            assert_eq!(
                horizontal_overflow(browser),
                0,
                "{path} at {width} px scrolls sideways"
            );
            assert_eq!(
                axe_violations(browser),
                Vec::<String>::new(),
                "{path} at {width} px: axe-core"
            );
        }
    }
    browser.goto(&server.url("/ar/surveys/community-2026/"));
    assert_eq!(
        axe_violations(browser),
        Vec::<String>::new(),
        "the Arabic form: axe-core"
    );
}
