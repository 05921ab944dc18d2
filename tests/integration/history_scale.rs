//! Policy history on a long history: what a site with many commits publishes, checked on a
//! repository made with one `git fast-import`. A page's creation has no revision page (there
//! is nothing to compare its first version with), and "What changed" is split into pages of
//! 100 commits, newest first, linked to each other.

use std::path::Path;

use crate::support::{TestSite, require_tool};

/// How many edits follow the page's creation: with it, 105 commits, so two "What changed"
/// pages of 100 and 5.
const EDITS: usize = 104;

fn git(root: &Path, args: &[&str], input: Option<&str>) -> String {
    crate::support::git_at(root, "2026-01-01T12:00:00Z", args, input)
}

fn policy(edit: usize) -> String {
    format!("---\ntitle: Policy\ndescription: The policy.\n---\nStaff reply within {edit} days.\n")
}

/// A site with one policy page, created on 2026-01-01 and edited once a day after.
fn site_with_long_history() -> TestSite {
    let site = crate::history::history_test_site();
    site.write("content/policy.md", &policy(0));
    let root = site.root();
    git(root, &["init", "-q"], None);
    git(root, &["add", "-A"], None);
    git(root, &["commit", "-qm", "Add the policy"], None);
    let mut stream = String::new();
    for edit in 1..=EDITS {
        let (message, text) = (format!("Edit {edit}"), policy(edit));
        let time = 1_767_268_800 + edit * 86_400; // 2026-01-01T12:00:00Z, a day per edit
        stream += &format!(
            "commit refs/heads/main\ncommitter Ana Editor <ana@example.org> {time} +0000\ndata {}\n{message}\n",
            message.len()
        );
        if edit == 1 {
            stream += "from refs/heads/main^0\n";
        }
        stream += &format!(
            "M 100644 inline content/policy.md\ndata {}\n{text}\n\n",
            text.len()
        );
    }
    git(root, &["fast-import", "--quiet"], Some(&stream));
    git(root, &["reset", "-q", "--hard"], None);
    site
}

fn short(hash: &str) -> &str {
    &hash[..10]
}

/// The `<h2>` headings of a "What changed" page, one per commit.
fn headings(html: &str) -> Vec<String> {
    (html.lines().map(str::trim))
        .filter(|line| line.starts_with("<h2><time"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_page_creation_has_no_revision_page_of_its_own() {
    if !require_tool("git") {
        return;
    }
    let site = site_with_long_history();
    site.build().success();
    let created = git(site.root(), &["rev-list", "--max-parents=0", "HEAD"], None);
    let first_edit = git(site.root(), &["rev-parse", "HEAD~103"], None);
    assert!(
        !site
            .path(&format!("public/policy/changes/{}", short(&created)))
            .exists(),
        "no page compares the first version with nothing"
    );
    let html = site.read("public/policy/index.html");
    let listed: Vec<&str> = (html.lines().map(str::trim))
        .filter(|line| line.starts_with("<li><time"))
        .collect();
    assert_eq!(listed.len(), EDITS + 1);
    assert_eq!(
        listed[EDITS],
        format!(
            r#"<li><time datetime="2026-01-01">2026-01-01</time>: Add the policy <code>{}</code></li>"#,
            short(&created)
        )
    );
    assert_eq!(
        listed[EDITS - 1],
        format!(
            r#"<li><time datetime="2026-01-02">2026-01-02</time>: <a href="/policy/changes/{0}/">Edit 1</a> <code>{0}</code></li>"#,
            short(&first_edit)
        )
    );
    // The first edit's page has no "previous change": the creation has no page to link to.
    let revision = site.read(&format!(
        "public/policy/changes/{}/index.html",
        short(&first_edit)
    ));
    assert!(revision.contains("Next change"), "{revision}");
    assert!(!revision.contains("Previous change"), "{revision}");
}

#[test]
fn what_changed_lists_a_hundred_commits_a_page_newest_first() {
    if !require_tool("git") {
        return;
    }
    let site = site_with_long_history();
    site.build().success();
    let first = site.read("public/what-changed/index.html");
    let newest = headings(&first);
    assert_eq!(newest.len(), 100);
    assert_eq!(
        newest[0],
        r#"<h2><time datetime="2026-04-15">2026-04-15</time>: Edit 104</h2>"#
    );
    assert!(first.contains(r#"<ol class="changes" reversed start="105">"#));
    assert!(first.contains("<title>What changed — History Test</title>"));
    let nav = |html: &str| {
        let start = html
            .find("<nav aria-label=\"Older and newer changes\">")
            .expect("nav");
        html[start..start + html[start..].find("</nav>").expect("end") + 6].to_owned()
    };
    assert_eq!(
        nav(&first),
        "<nav aria-label=\"Older and newer changes\">\n    <p class=\"meta\">Page 1 of 2.</p>\n    <ul>\n      <li><a href=\"/what-changed/page/2/\">Older changes</a></li>\n    </ul>\n  </nav>"
    );
    let second = site.read("public/what-changed/page/2/index.html");
    assert_eq!(
        headings(&second),
        [
            r#"<h2><time datetime="2026-01-05">2026-01-05</time>: Edit 4</h2>"#,
            r#"<h2><time datetime="2026-01-04">2026-01-04</time>: Edit 3</h2>"#,
            r#"<h2><time datetime="2026-01-03">2026-01-03</time>: Edit 2</h2>"#,
            r#"<h2><time datetime="2026-01-02">2026-01-02</time>: Edit 1</h2>"#,
            r#"<h2><time datetime="2026-01-01">2026-01-01</time>: Add the policy</h2>"#,
        ]
    );
    assert!(second.contains(r#"<ol class="changes" reversed start="5">"#));
    assert!(second.contains("<title>What changed (page 2 of 2) — History Test</title>"));
    assert_eq!(
        nav(&second),
        "<nav aria-label=\"Older and newer changes\">\n    <p class=\"meta\">Page 2 of 2.</p>\n    <ul>\n      <li><a href=\"/what-changed/\">Newer changes</a></li>\n    </ul>\n  </nav>"
    );
    assert!(!site.path("public/what-changed/page/3").exists());
}
