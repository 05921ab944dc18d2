//! Several languages on one site (issue 17): every script's headings, translations published
//! under their language's prefix and linked both ways, interface strings per language, right to
//! left. Each case builds a small site with the repository's default theme.

use std::path::Path;

use crate::support::{TestSite, copy_tree};

/// An empty site with the repository's default theme and `site_yaml` as its settings.
fn site_with(site_yaml: &str) -> TestSite {
    let site = TestSite::empty();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &site.path("themes"),
    );
    site.write("site.yaml", site_yaml);
    site
}

#[test]
fn a_percent_encoded_link_to_a_hindi_heading_is_not_broken() {
    let site = site_with("title: Hub\nbase_url: https://example.org/\n");
    site.write("content/_index.md", "---\ntitle: Home\n---\n");
    site.write(
        "content/hi.md",
        "---\ntitle: Hindi\n---\n## आचार संहिता\n\n[here](#%E0%A4%86%E0%A4%9A%E0%A4%BE%E0%A4%B0-%E0%A4%B8%E0%A4%82%E0%A4%B9%E0%A4%BF%E0%A4%A4%E0%A4%BE)\n",
    );
    site.build();
    let html = site.read("public/hi/index.html");
    assert!(html.contains("<h2 id=\"आचार-संहिता\">"), "{html}");
}
