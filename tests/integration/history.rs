//! Policy history from git: a temporary repository with scripted commits at fixed dates
//! (edits, a rename, a deleted page, a commit touching several pages, a merge, a message with
//! `<script>`), built with the real binary, and what readers see checked exactly; a shallow
//! clone and a folder outside git.

use std::path::Path;
use std::process::Command;

use crate::serve::Server;
use crate::support::{TestSite, require_tool};

/// Runs git in `root` at noon UTC on the day `date`, insisting on success; what it printed.
pub(crate) fn git_at(root: &Path, date: &str, args: &[&str]) -> String {
    crate::support::git_at(root, &format!("{date}T12:00:00Z"), args, None)
}

/// A page's file: its title, a description and its body.
pub(crate) fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: About {title}.\n---\n{body}\n")
}

/// An empty site with the default theme that asks for history and ignores its output, ready
/// to be made a git repository.
pub(crate) fn history_test_site() -> TestSite {
    let site = TestSite::empty();
    crate::support::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &site.path("themes/default"),
    );
    site.write(
        "site.yaml",
        "title: History Test\nbase_url: https://example.org/\nhistory: {}\n",
    );
    site.write(".gitignore", "/public/\n/.candor/\n");
    site
}

/// A site whose history has every kind of change, committed on fixed days; none when git
/// is missing (and not required).
fn site_with_history() -> Option<TestSite> {
    if !require_tool("git") {
        return None;
    }
    let site = history_test_site();
    site.write("content/_index.md", &page("Home", "Welcome."));
    site.write(
        "content/code-of-conduct.md",
        &page("Code of conduct", "Staff must reply within 14 days."),
    );
    site.write(
        "content/old-name.md",
        &page("Complaints", "Write to the Complaints Office."),
    );
    site.write("content/gone.md", &page("Gone page", "Soon removed."));
    let root = site.root();
    git_at(root, "2026-01-10", &["init", "-q"]);
    git_at(root, "2026-01-10", &["add", "-A"]);
    git_at(
        root,
        "2026-01-10",
        &["commit", "-q", "-m", "Add the policies"],
    );

    site.write(
        "content/code-of-conduct.md",
        &page("Code of conduct", "Staff must reply within 7 days."),
    );
    git_at(
        root,
        "2026-02-01",
        &[
            "commit",
            "-qam",
            "Shorten the reply time <script>alert(1)</script>\n\nAsked for by the *community*.",
        ],
    );
    git_at(
        root,
        "2026-03-01",
        &["mv", "content/old-name.md", "content/new-name.md"],
    );
    git_at(
        root,
        "2026-03-01",
        &["commit", "-qm", "Rename the complaints page"],
    );
    git_at(root, "2026-04-01", &["rm", "-q", "content/gone.md"]);
    git_at(
        root,
        "2026-04-01",
        &["commit", "-qm", "Retire the old page"],
    );
    site.write(
        "content/code-of-conduct.md",
        &page("Code of conduct", "Staff must reply within 7 working days."),
    );
    site.write(
        "content/new-name.md",
        &page(
            "Complaints",
            "Write to the Complaints Office or the Ombudsman.",
        ),
    );
    git_at(
        root,
        "2026-05-01",
        &["commit", "-qam", "Update two policies"],
    );
    git_at(root, "2026-06-01", &["checkout", "-qb", "side"]);
    site.write(
        "content/new-name.md",
        &page(
            "Complaints",
            "Write to the Complaints Office, or the Ombudsman.",
        ),
    );
    git_at(
        root,
        "2026-06-01",
        &["commit", "-qam", "Punctuate the complaints page"],
    );
    git_at(root, "2026-06-02", &["checkout", "-q", "main"]);
    site.write("content/_index.md", &page("Home", "Welcome to the hub."));
    git_at(root, "2026-06-02", &["commit", "-qam", "Greet readers"]);
    git_at(
        root,
        "2026-06-03",
        &["merge", "-q", "--no-ff", "-m", "Merge side", "side"],
    );
    Some(site)
}

/// Makes the sample site copied into `site` a git repository with two commits, the second
/// rewording the code of conduct; returns the address of that revision's page.
pub(crate) fn commit_sample_history(site: &TestSite) -> String {
    let root = site.root();
    site.write(".gitignore", "/public/\n/.candor/\n");
    git_at(root, "2026-01-10", &["init", "-q"]);
    git_at(root, "2026-01-10", &["add", "-A"]);
    git_at(
        root,
        "2026-01-10",
        &["commit", "-q", "-m", "Publish the hub"],
    );
    let text = site.read("content/code-of-conduct.md").replacen(
        "We give the same care",
        "We always give the same care",
        1,
    );
    site.write("content/code-of-conduct.md", &text);
    git_at(
        root,
        "2026-02-01",
        &["commit", "-qam", "Code of conduct: firmer wording"],
    );
    format!(
        "/code-of-conduct/changes/{}/",
        short_hash(root, "Code of conduct: firmer wording")
    )
}

/// The part of `html` from the first `start` to the end of the following `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in:\n{html}"));
    let to = from + html[from..].find(end).expect("the end") + end.len();
    &html[from..to]
}

/// The short hash of the commit whose subject is `subject`.
fn short_hash(root: &Path, subject: &str) -> String {
    let output = Command::new("git")
        .current_dir(root)
        .args(["log", "--all", "--format=%H %s"])
        .output()
        .unwrap();
    let log = String::from_utf8(output.stdout).unwrap();
    let line = log
        .lines()
        .find(|line| line.split_once(' ').unwrap().1 == subject)
        .unwrap_or_else(|| panic!("no commit {subject}"));
    line[..10].to_owned()
}

#[test]
fn page_shows_last_change_and_every_revision_newest_first() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.build();
    let html = site.read("public/code-of-conduct/index.html");
    let h = |subject| short_hash(site.root(), subject);
    let expected = format!(
        r#"<section class="history" aria-labelledby="history-heading">
    <h2 id="history-heading">History of this page</h2>
    <p class="meta">Last changed <time datetime="2026-05-01">2026-05-01</time>.
      <a href="/what-changed/">What changed across the site</a>
    </p>
    <details>
      <summary>3 revisions</summary>
      <ol reversed>
        <li><time datetime="2026-05-01">2026-05-01</time>: <a href="/code-of-conduct/changes/{a}/">Update two policies</a> <code>{a}</code></li>
        <li><time datetime="2026-02-01">2026-02-01</time>: <a href="/code-of-conduct/changes/{b}/">Shorten the reply time &lt;script&gt;alert(1)&lt;/script&gt;</a> <code>{b}</code></li>
        <li><time datetime="2026-01-10">2026-01-10</time>: Add the policies <code>{c}</code></li>
      </ol>
    </details>
  </section>"#,
        a = h("Update two policies"),
        b = h("Shorten the reply time <script>alert(1)</script>"),
        c = h("Add the policies"),
    );
    assert_eq!(
        between(&html, "<section class=\"history\"", "</section>"),
        expected
    );
    // No author is published unless site.yaml opts in; an address never is.
    assert!(!html.contains("Ana Editor") && !html.contains("ana@example.org"));
}

/// History is published only by a site that asks for it in `site.yaml`: it tells readers when
/// each page was edited, and reading it costs every build a pass over the git history.
#[test]
fn a_site_that_does_not_ask_for_history_publishes_none() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.write(
        "site.yaml",
        "title: History Test\nbase_url: https://example.org/\n",
    );
    git_at(site.root(), "2026-06-04", &["commit", "-qam", "No history"]);
    site.build();
    let html = site.read("public/code-of-conduct/index.html");
    assert!(!html.contains("History of this page"), "{html}");
    assert!(!site.path("public/what-changed").exists());
    assert!(!site.path("public/old-name").exists(), "no redirect either");
}

#[test]
fn revision_page_shows_the_escaped_message_and_a_word_diff() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.build();
    let hash = short_hash(
        site.root(),
        "Shorten the reply time <script>alert(1)</script>",
    );
    let html = site.read(&format!("public/code-of-conduct/changes/{hash}/index.html"));
    assert_eq!(
        between(&html, "<p class=\"commit-message\">", "</p>"),
        "<p class=\"commit-message\">Shorten the reply time &lt;script&gt;alert(1)&lt;/script&gt;\n\nAsked for by the *community*.</p>"
    );
    assert_eq!(
        between(&html, "<div class=\"diff\">", "</div>"),
        "<div class=\"diff\">Staff must reply within <del><span class=\"visually-hidden\">Removed: </span>14</del><ins><span class=\"visually-hidden\">Added: </span>7</ins> days.\n</div>"
    );
    assert!(!html.contains("<script>alert"));
}

#[test]
fn what_changed_lists_every_change_newest_first_once() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.build();
    let html = site.read("public/what-changed/index.html");
    let headings: Vec<&str> = html
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("<h2><time"))
        .collect();
    assert_eq!(
        headings,
        [
            r#"<h2><time datetime="2026-06-02">2026-06-02</time>: Greet readers</h2>"#,
            r#"<h2><time datetime="2026-06-01">2026-06-01</time>: Punctuate the complaints page</h2>"#,
            r#"<h2><time datetime="2026-05-01">2026-05-01</time>: Update two policies</h2>"#,
            r#"<h2><time datetime="2026-04-01">2026-04-01</time>: Retire the old page</h2>"#,
            r#"<h2><time datetime="2026-03-01">2026-03-01</time>: Rename the complaints page</h2>"#,
            r#"<h2><time datetime="2026-02-01">2026-02-01</time>: Shorten the reply time &lt;script&gt;alert(1)&lt;/script&gt;</h2>"#,
            r#"<h2><time datetime="2026-01-10">2026-01-10</time>: Add the policies</h2>"#,
        ]
    );
    let retired = between(&html, "Retire the old page</h2>", "</ul>");
    assert!(
        retired.contains("<li>Gone page (since removed): removed\n"),
        "{retired}"
    );
    let two = between(&html, "Update two policies</h2>", "</ul>");
    assert_eq!(two.matches("see what changed").count(), 2, "{two}");
    let feed = site.read("public/what-changed.xml");
    assert_eq!(
        between(&feed, "<entry>", "</updated>"),
        "<entry>\n    <title>Greet readers</title>\n    <id>https://example.org/what-changed/#change-".to_owned()
            + &short_hash(site.root(), "Greet readers")
            + "</id>\n    <link rel=\"alternate\" href=\"https://example.org/changes/"
            + &short_hash(site.root(), "Greet readers")
            + "/\"/>\n    <updated>2026-06-02T12:00:00Z</updated>"
    );
}

#[test]
fn renamed_page_keeps_history_and_its_old_address_redirects() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.build();
    let html = site.read("public/new-name/index.html");
    assert_eq!(html.matches("<li><time").count(), 4, "{html}");
    let redirect = site.read("public/old-name/index.html");
    assert!(
        redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/new-name/\">"),
        "{redirect}"
    );
    assert!(!site.read("public/sitemap.xml").contains("old-name"));
    let check = site.candor(&["check"]).success();
    assert_eq!(
        check.stdout(),
        "redirect /old-name/ → /new-name/ (renamed in git)\nchecked 3 pages: no problems found\n"
    );
}

#[test]
fn alias_redirects_and_may_not_shadow_a_page() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.write(
        "content/code-of-conduct.md",
        "---\ntitle: Code of conduct\ndescription: About it.\naliases: [/coc]\n---\nBody.\n",
    );
    site.build();
    assert!(
        site.read("public/coc/index.html")
            .contains("This page has moved to <a href=\"/code-of-conduct/\">Code of conduct</a>.")
    );
    site.write(
        "content/code-of-conduct.md",
        "---\ntitle: Code of conduct\ndescription: About it.\naliases: [/new-name/]\n---\nBody.\n",
    );
    let failed = site.candor(&["build"]).exit_code(1);
    assert_eq!(
        failed.stderr(),
        "content/code-of-conduct.md:4:1: error: the alias /new-name/ is the address of a page or file of the site, which a redirect must not replace\n  hint: remove the alias, or move the page or file that is published there\nerror: 1 problem found; nothing was written\n"
    );
}

#[test]
fn shallow_clone_marks_history_incomplete_and_never_dates_by_the_clone() {
    let Some(origin) = site_with_history() else {
        return;
    };
    // A shallow clone cannot be signed (its release number would be too small), so its
    // history is what the preview shows.
    let clone = TestSite::empty();
    let url = format!("file://{}", origin.root().display());
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "3", &url])
        .arg(clone.root())
        .status()
        .unwrap();
    assert!(status.success());
    let server = Server::start(&clone);
    let coc = server.get("/code-of-conduct/").ok().body;
    // Its last change is in the clone's boundary commit, which git cannot tell apart from
    // the whole site being added then: no date rather than a wrong one.
    assert_eq!(
        between(&coc, "<p class=\"meta\">", "</p>"),
        "<p class=\"meta\"> Older changes are not included in this copy of the history.\n      <a href=\"/what-changed/\">What changed across the site</a>\n    </p>"
    );
    let complaints = server.get("/new-name/").ok().body;
    assert!(complaints.contains("Last changed <time datetime=\"2026-06-01\">"));
    assert_eq!(complaints.matches("<li><time").count(), 1, "{complaints}");
}

#[test]
fn preview_marks_a_page_saved_since_the_last_commit() {
    let Some(site) = site_with_history() else {
        return;
    };
    let server = Server::start(&site);
    let uncommitted = "<strong>This page has changes not yet committed.</strong>";
    assert!(
        !server
            .get("/code-of-conduct/")
            .ok()
            .body
            .contains(uncommitted)
    );
    let events = server.events();
    site.write(
        "content/code-of-conduct.md",
        &page("Code of conduct", "Staff must reply within 5 working days."),
    );
    events.expect("reload", &server);
    let body = server.get("/code-of-conduct/").ok().body;
    assert!(body.contains(uncommitted), "{body}");
    assert!(!server.get("/new-name/").ok().body.contains(uncommitted));
}

#[test]
fn folder_outside_git_builds_without_history() {
    let site = TestSite::empty();
    crate::support::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &site.path("themes/default"),
    );
    site.write(
        "site.yaml",
        "title: No Git\nbase_url: https://example.org/\n",
    );
    site.write("content/_index.md", &page("Home", "Welcome."));
    site.write("content/policy.md", &page("Policy", "Text."));
    let built = site.build();
    assert!(
        !site
            .read("public/policy/index.html")
            .contains("class=\"history\"")
    );
    assert!(!site.path("public/what-changed").exists());
    assert!(!built.stderr().contains("history"), "{}", built.explain());
    site.write(
        "site.yaml",
        "title: No Git\nbase_url: https://example.org/\nhistory:\n  enabled: true\n",
    );
    let built = site.build();
    assert!(
        built.stderr().starts_with("site.yaml: warning: `history.enabled` is on, but the site is not in a git repository (or git is not installed), so no page shows its history\n  hint: commit the site to git (`git init`, `git add .`, `git commit`), or remove `enabled: true`\n"),
        "{}",
        built.explain()
    );
}

#[test]
fn preview_does_not_read_history_again_on_a_save() {
    let Some(site) = site_with_history() else {
        return;
    };
    let server = Server::start(&site);
    let revisions = |body: &str| body.matches("<li><time").count();
    assert_eq!(revisions(&server.get("/new-name/").ok().body), 4);
    // Were history read again on this save, git would now find no repository.
    std::fs::rename(site.path(".git"), site.path("git-moved-away")).unwrap();
    let events = server.events();
    site.write("content/_index.md", &page("Home", "Saved again."));
    events.expect("reload", &server);
    assert!(server.get("/").ok().body.contains("Saved again."));
    assert_eq!(revisions(&server.get("/new-name/").ok().body), 4);
}

#[test]
fn huge_version_is_listed_without_a_diff_and_authors_only_by_opt_in() {
    let Some(site) = site_with_history() else {
        return;
    };
    let huge = "Every word counts. ".repeat(20_000);
    site.write(
        "content/code-of-conduct.md",
        &page("Code of conduct", &huge),
    );
    site.write(
        "site.yaml",
        "title: History Test\nbase_url: https://example.org/\nhistory:\n  authors: true\n",
    );
    git_at(
        site.root(),
        "2026-07-01",
        &["commit", "-qam", "Paste the long version"],
    );
    site.build();
    let hash = short_hash(site.root(), "Paste the long version");
    let html = site.read(&format!("public/code-of-conduct/changes/{hash}/index.html"));
    assert_eq!(
        between(&html, "<h2>What changed</h2>", "</p>"),
        "<h2>What changed</h2>\n  <p>This version cannot be compared word by word (it is not text, or it is too large).</p>"
    );
    assert!(html.contains(&format!("Revision <code>{hash}</code> by Ana Editor ·")));
    let everything = [
        html,
        site.read("public/what-changed/index.html"),
        site.read("public/what-changed.xml"),
    ]
    .concat();
    assert!(!everything.contains("ana@example.org"));
}

#[test]
fn theme_without_history_templates_is_told_how_to_get_them() {
    if !require_tool("git") {
        return;
    }
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}history: {{}}\n"));
    site.write(".gitignore", "/public/\n/.candor/\n");
    git_at(site.root(), "2026-01-10", &["init", "-q"]);
    git_at(site.root(), "2026-01-10", &["add", "-A"]);
    git_at(site.root(), "2026-01-10", &["commit", "-qm", "Start"]);
    let built = site.build();
    assert!(
        built.stderr().starts_with("themes/default/templates: warning: the theme has no `revision.html` or `changes.html` template, so the pages showing what changed are not published\n  hint: copy revision.html and changes.html from Candor's default theme into the theme's templates/, or remove `history:` from site.yaml to publish no history\n"),
        "{}",
        built.explain()
    );
    assert!(!site.path("public/what-changed").exists());
}
