//! Hostile files and servers: input that used to panic a command, output that used to vanish
//! without an error, and clients that used to hold the preview server's connections forever.

use crate::support::TestSite;

/// A site title with a soft hyphen (U+00AD) and no `content/_index.md`: the placeholder home
/// page used to be made by printing the title as a Rust string literal into YAML, which
/// `\u{ad}` is not, and `build` and `check` panicked (exit 101).
#[test]
fn soft_hyphen_in_the_title_of_a_site_without_a_home_page_does_not_panic() {
    let site = TestSite::fixture("basic");
    site.remove("content/_index.md");
    site.write(
        "site.yaml",
        "title: \"Test\u{ad}Hub \\\"quoted\\\" \\\\\"\nbase_url: https://example.org/hub/\n",
    );
    site.build();
    let home = site.read("public/index.html");
    assert!(
        home.contains("<title>Test\u{ad}Hub &quot;quoted&quot; \\</title>"),
        "{home}"
    );
    let check = site.candor(&["check"]).success();
    assert_eq!(check.stdout(), "checked 3 pages: 0 errors, 4 warnings\n");
}
