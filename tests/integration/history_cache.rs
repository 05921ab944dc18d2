//! The history cache in `.candor/history/`: a build that finds it publishes exactly what a
//! build without it publishes — after a new commit, after history was rewritten, in a shallow
//! clone, and whatever garbage the cache files hold.

use std::collections::BTreeMap;

use crate::history::{git_at, page};
use crate::serve::Server;
use crate::support::{TestSite, require_tool};

/// A site with edits, a rename, a deletion and a merge in its history; none when git is
/// missing (and not required).
pub(crate) fn site_with_history() -> Option<TestSite> {
    if !require_tool("git") {
        return None;
    }
    let site = crate::history::history_test_site();
    let root = site.root();
    site.write("content/_index.md", &page("Home", "Welcome."));
    site.write(
        "content/rules.md",
        &page("Rules", "Staff must reply within 14 days."),
    );
    site.write(
        "content/old.md",
        &page("Complaints", "Write to the office."),
    );
    site.write("content/gone.md", &page("Gone", "Soon removed."));
    git_at(root, "2026-01-10", &["init", "-q"]);
    git_at(root, "2026-01-10", &["add", "-A"]);
    git_at(root, "2026-01-10", &["commit", "-qm", "Add the policies"]);
    site.write(
        "content/rules.md",
        &page("Rules", "Staff must reply within 7 days."),
    );
    git_at(
        root,
        "2026-02-01",
        &["commit", "-qam", "Shorten the reply time"],
    );
    git_at(
        root,
        "2026-03-01",
        &["mv", "content/old.md", "content/complaints.md"],
    );
    site.write(
        "content/complaints.md",
        &page("Complaints", "Write to the office or the Ombudsman."),
    );
    git_at(root, "2026-03-01", &["add", "-A"]);
    git_at(
        root,
        "2026-03-01",
        &["commit", "-qm", "Rename the complaints page"],
    );
    git_at(root, "2026-04-01", &["checkout", "-qb", "side"]);
    site.write(
        "content/complaints.md",
        &page("Complaints", "Write to the office, or the Ombudsman."),
    );
    git_at(
        root,
        "2026-04-01",
        &["commit", "-qam", "Punctuate the complaints page"],
    );
    git_at(root, "2026-04-02", &["checkout", "-q", "main"]);
    git_at(root, "2026-04-02", &["rm", "-q", "content/gone.md"]);
    git_at(root, "2026-04-02", &["commit", "-qm", "Retire a page"]);
    git_at(
        root,
        "2026-04-03",
        &["merge", "-q", "--no-ff", "-m", "Merge side", "side"],
    );
    Some(site)
}

/// Every file `candor build` published, by path, but the signature (new with every build).
pub(crate) fn published(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let public = site.path("public");
    walkdir::WalkDir::new(&public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| !entry.file_name().to_string_lossy().ends_with(".minisig"))
        .map(|entry| {
            let path = entry.path().strip_prefix(&public).unwrap();
            (
                path.to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

/// What a build without any cache publishes now (the cache it leaves is removed again).
/// A commit after [`site_with_history`]'s: `rules.md` asks for a reply within 5 days ("Reply
/// sooner", 2026-05-01).
pub(crate) fn commit_reply_sooner(site: &TestSite) {
    site.write(
        "content/rules.md",
        &page("Rules", "Staff must reply within 5 days."),
    );
    git_at(
        site.root(),
        "2026-05-01",
        &["commit", "-qam", "Reply sooner"],
    );
}

pub(crate) fn published_without_cache(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let kept = site.path(".candor/history");
    let aside = site.path("history-cache-aside");
    let had_cache = kept.exists();
    if had_cache {
        std::fs::rename(&kept, &aside).unwrap();
    }
    site.build();
    let files = published(site);
    std::fs::remove_dir_all(&kept).unwrap();
    if had_cache {
        std::fs::rename(&aside, &kept).unwrap();
    }
    files
}

/// Asserts that a build now publishes byte for byte what a build without the cache does.
pub(crate) fn assert_same_as_without_cache(site: &TestSite) {
    let run = site.build();
    assert!(!run.stderr().contains("panicked"), "{}", run.explain());
    let with_cache = published(site);
    let without = published_without_cache(site);
    assert_eq!(
        with_cache.keys().collect::<Vec<_>>(),
        without.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &without {
        assert!(with_cache[path] == *bytes, "{path} differs with the cache");
    }
}

/// The page of the revision whose subject is `subject`, on the page published at `page`.
fn revision_page(site: &TestSite, page: &str, subject: &str) -> String {
    let hash = git_at(
        site.root(),
        "2026-01-01",
        &["log", "--all", "--format=%H %s"],
    )
    .lines()
    .find(|line| line.split_once(' ').unwrap().1 == subject)
    .unwrap_or_else(|| panic!("no commit {subject}"))[..10]
        .to_owned();
    site.read(&format!("public/{page}/changes/{hash}/index.html"))
}

#[test]
fn a_build_keeps_its_history_reading_and_the_next_uses_it_unchanged() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.build();
    assert!(site.path(".candor/history/log").is_file());
    assert!(site.path(".candor/history/diffs").is_file());
    assert!(
        !site.read(".candor/.gitignore").is_empty(),
        "git ignores the cache"
    );
    assert_same_as_without_cache(&site);
    // A new commit after the kept one: its changes are read, the rest is kept.
    commit_reply_sooner(&site);
    assert_same_as_without_cache(&site);
    assert!(
        revision_page(&site, "rules", "Reply sooner")
            .contains("<ins><span class=\"visually-hidden\">Added: </span>5</ins>")
    );
}

#[test]
fn a_kept_diff_is_shown_without_being_made_again() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.build();
    // Proof that the diff comes from the cache: the kept one, changed here, is what is shown.
    let kept = std::fs::read(site.path(".candor/history/diffs")).unwrap();
    let text = String::from_utf8(kept).unwrap();
    assert!(text.contains("within <del>"), "{text}");
    std::fs::write(
        site.path(".candor/history/diffs"),
        text.replace("within <del>", "WITHIN <del>"),
    )
    .unwrap();
    site.build();
    assert!(revision_page(&site, "rules", "Shorten the reply time").contains("WITHIN <del>"));
}

#[test]
fn a_cache_from_rewritten_history_is_not_used() {
    let Some(site) = site_with_history() else {
        return;
    };
    let root = site.root();
    site.build();
    site.write(
        "content/rules.md",
        &page("Rules", "Staff must reply within 3 days."),
    );
    git_at(
        root,
        "2026-05-01",
        &[
            "commit",
            "-q",
            "--amend",
            "-am",
            "Merge side, then reply sooner",
        ],
    );
    assert_same_as_without_cache(&site);
    // Back to an older commit, then on along another line.
    git_at(root, "2026-05-02", &["reset", "-q", "--hard", "HEAD~1"]);
    site.write(
        "content/rules.md",
        &page("Rules", "Staff must reply within 2 days."),
    );
    git_at(root, "2026-05-02", &["commit", "-qam", "Reply at once"]);
    assert_same_as_without_cache(&site);
    assert!(revision_page(&site, "rules", "Reply at once").contains("Added: </span>2</ins>"));
    // A merge after the kept commit, of a line that started before it.
    git_at(root, "2026-05-03", &["checkout", "-qb", "late", "HEAD~2"]);
    site.write("content/complaints.md", &page("Complaints", "Write to us."));
    git_at(
        root,
        "2026-05-03",
        &["commit", "-qam", "Simplify the complaints page"],
    );
    git_at(root, "2026-05-04", &["checkout", "-q", "main"]);
    git_at(
        root,
        "2026-05-04",
        &["merge", "-q", "--no-ff", "-m", "Merge late", "late"],
    );
    assert_same_as_without_cache(&site);
    // And one where the older line is the merge's first parent.
    git_at(root, "2026-05-05", &["checkout", "-qb", "older", "HEAD~3"]);
    site.write(
        "content/rules.md",
        &page("Rules", "Staff reply within a day."),
    );
    git_at(root, "2026-05-05", &["commit", "-qam", "Reword the rules"]);
    git_at(
        root,
        "2026-05-06",
        &[
            "merge",
            "-q",
            "--no-ff",
            "-X",
            "ours",
            "-m",
            "Merge main",
            "main",
        ],
    );
    git_at(root, "2026-05-06", &["checkout", "-q", "main"]);
    git_at(root, "2026-05-06", &["merge", "-q", "--ff-only", "older"]);
    assert_same_as_without_cache(&site);
}

/// The "What changed" page and every revision page it links to, as the preview shows them
/// (a shallow clone cannot be signed, so the preview is where its history is seen).
pub(crate) fn previewed_history(site: &TestSite) -> Vec<String> {
    history_shown_by(&Server::start(site))
}

/// The "What changed" page and every revision page it links to, as `server` shows them.
pub(crate) fn history_shown_by(server: &Server) -> Vec<String> {
    // Without the line that names the preview's address, new with each preview.
    let get = |path: &str| -> String {
        let body = server.get(path).ok().body;
        (body.lines().filter(|line| !line.contains(server.address())))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let what_changed = get("/what-changed/");
    let mut pages = vec![what_changed.clone()];
    for link in what_changed.split("href=\"").skip(1) {
        let link = &link[..link.find('"').unwrap()];
        if link.contains("/changes/") {
            pages.push(get(link));
        }
    }
    pages
}

/// Asserts that the preview shows the history a preview without the cache does.
fn assert_preview_same_as_without_cache(site: &TestSite) -> Vec<String> {
    let with_cache = previewed_history(site);
    assert_eq!(with_cache, previewed_history_without_cache(site));
    with_cache
}

/// [`previewed_history`] of a preview that starts with no kept history, which is then put
/// back as it was.
pub(crate) fn previewed_history_without_cache(site: &TestSite) -> Vec<String> {
    let kept = site.path(".candor/history");
    let aside = site.path("history-cache-aside");
    std::fs::rename(&kept, &aside).unwrap();
    let shown = previewed_history(site);
    std::fs::remove_dir_all(&kept).unwrap();
    std::fs::rename(&aside, &kept).unwrap();
    shown
}

#[test]
fn a_shallow_clone_and_a_deeper_history_never_share_a_cache() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.build();
    let clone = TestSite::empty();
    let url = format!("file://{}", site.root().display());
    let into = clone.root().to_str().unwrap();
    git_at(
        site.root(),
        "2026-05-01",
        &["clone", "-q", "--depth", "3", &url, into],
    );
    // The commit checked out is the one the deeper history's cache was kept at.
    crate::support::copy_tree(
        &site.path(".candor/history"),
        &clone.path(".candor/history"),
    );
    let shallow = assert_preview_same_as_without_cache(&clone);
    assert!(shallow[0].contains("history is incomplete"));
    // The cache is now the shallow clone's; deepened, the clone must not use it.
    git_at(clone.root(), "2026-05-01", &["fetch", "-q", "--unshallow"]);
    let deep = assert_preview_same_as_without_cache(&clone);
    assert!(!deep[0].contains("history is incomplete"));
    assert!(
        deep.len() > shallow.len(),
        "the deepened history shows more revisions"
    );
}

#[test]
fn a_cache_that_cannot_be_written_only_warns() {
    let Some(site) = site_with_history() else {
        return;
    };
    std::fs::create_dir_all(site.path(".candor")).unwrap();
    site.write(".candor/history", "a file where the cache folder goes");
    let run = site.build();
    let stderr = run.stderr();
    let at = (stderr.find(".candor/history:")).unwrap_or_else(|| panic!("{}", run.explain()));
    let lines: Vec<&str> = stderr[at..].lines().take(2).collect();
    assert_eq!(
        lines,
        [
            ".candor/history: warning: cannot keep the history cache for the next build: cannot create the folder: File exists (os error 17)",
            "  hint: the next build reads the history from git again; check that .candor/ is a folder Candor can write in",
        ]
    );
    site.remove(".candor/history");
    assert_same_as_without_cache(&site);
}

#[test]
fn a_garbled_cache_is_ignored_and_history_read_from_git() {
    let Some(site) = site_with_history() else {
        return;
    };
    site.build();
    let log = std::fs::read(site.path(".candor/history/log")).unwrap();
    let diffs = std::fs::read(site.path(".candor/history/diffs")).unwrap();
    let head = git_at(site.root(), "2026-05-01", &["rev-parse", "HEAD"]);
    let garbage: Vec<(Vec<u8>, Vec<u8>)> = vec![
        (b"\xff\x00garbage".to_vec(), b"\xff\x00garbage".to_vec()),
        (Vec::new(), Vec::new()),
        (
            log[..log.len() / 2].to_vec(),
            diffs[..diffs.len() / 2].to_vec(),
        ),
        (
            log[..log.len() - 4].to_vec(),
            diffs[..diffs.len() - 4].to_vec(),
        ),
        (
            b"candor history log 1\nx head 99999999999999999999\n".to_vec(),
            b"candor history diffs 1 1\nx diff 18446744073709551615\n".to_vec(),
        ),
        (
            // An id no git argument may be made of.
            String::from_utf8(log.clone())
                .unwrap()
                .replacen(&head, "--output=/tmp/x-candor-test-", 1)
                .into_bytes(),
            [diffs.clone(), b"x unknown 0\n\n".to_vec()].concat(),
        ),
    ];
    for (log, diffs) in garbage {
        std::fs::write(site.path(".candor/history/log"), log).unwrap();
        std::fs::write(site.path(".candor/history/diffs"), diffs).unwrap();
        assert_same_as_without_cache(&site);
    }
}
