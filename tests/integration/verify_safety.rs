//! Verification an honest reader can actually do: the commands the published `/verify/` page
//! shows accept a genuine copy and refuse a tampered one; one release number always names one
//! set of files; the verifier's memory survives concurrent runs; and signing refuses inputs that
//! would give a misleading signature.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::sign::git;
use crate::support::{Run, TestSite, copy_tree, require_tool};
use crate::survey::server::Server;

const DAY: u64 = 86_400;

/// `candor ARGS` inheriting no signing settings from the environment running the tests.
fn candor(args: &[&str]) -> Command {
    let mut command = crate::support::candor_command();
    command.args(args).stdin(Stdio::null());
    command
}

/// `candor build --root ROOT EXTRA…`.
fn build(root: &Path, extra: &[&str]) -> Command {
    let mut command = candor(&["build", "--root"]);
    command.arg(root).args(extra);
    command
}

/// `candor verify DIR --pubkey KEY --state STATE`.
fn verify(dir: &Path, pubkey: &Path, state: &Path) -> Command {
    let mut command = candor(&["verify"]);
    command
        .arg(dir)
        .arg("--pubkey")
        .arg(pubkey)
        .arg("--state")
        .arg(state);
    command
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Asserts the whole of stderr.
fn assert_stderr(run: &Run, expected: &str) {
    assert_eq!(run.stderr(), expected, "{}", run.explain());
}

// ---------------------------------------------------------------------------------------------
// Case 9: the reader's path on the published /verify/ page.

/// The text of every `<pre class="CLASS"><code>` block of a page, in order, as a reader would
/// copy it from the browser.
fn command_blocks(page: &str, class: &str) -> Vec<String> {
    let open = format!("<pre class=\"{class}\"><code>");
    page.split(open.as_str())
        .skip(1)
        .map(|rest| unescape_html(rest.split("</code></pre>").next().unwrap()))
        .collect()
}

fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Runs the page's commands in `dir` as one shell session that stops at the first failure, as
/// a reader typing them would.
fn run_as_reader(dir: &Path, script: &str) -> Run {
    let mut command = Command::new("sh");
    command.args(["-e", "-c", script]).current_dir(dir);
    for proxy in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"] {
        command.env_remove(proxy);
    }
    Run::of(command)
}

/// A folder holding only the key the reader trusts, as step 1 of the page leaves it.
fn reader_folder(site: &TestSite) -> tempfile::TempDir {
    let reader = tempfile::tempdir().unwrap();
    fs::copy(
        site.path(".candor/keys/dev.pub"),
        reader.path().join("trusted.pub"),
    )
    .unwrap();
    reader
}

#[test]
fn the_verify_pages_commands_accept_a_genuine_copy_and_refuse_a_tampered_one() {
    if !["wget", "minisign", "sha256sum", "cut"]
        .iter()
        .all(|tool| require_tool(tool))
    {
        return;
    }
    let site = TestSite::sample();
    // Published, but linked from no page; and a name with a space.
    site.write("content/files/annual report.txt", "The annual report.\n");
    let server = Server::start(&site.path("public"), "/hub/");
    Run::of(build(site.root(), &["--base-url", &server.url("/hub/")])).success();

    let page = site.read("public/verify/index.html");
    let script = command_blocks(&page, "reader-commands").join("\n");
    for tool in ["wget ", "minisign ", "sha256sum ", "cut "] {
        assert!(
            script.contains(tool),
            "the page shows no {tool}command:\n{script}"
        );
    }
    let candor_command = command_blocks(&page, "candor-command");
    assert_eq!(candor_command.len(), 1, "{page}");
    let run_candor = |reader: &Path| {
        let mut command = Command::new("sh");
        let bin = Path::new(env!("CARGO_BIN_EXE_candor")).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        command
            .args(["-c", &candor_command[0]])
            .current_dir(reader)
            .env("PATH", path)
            .env("XDG_STATE_HOME", reader.join("state"));
        Run::of(command)
    };

    // A genuine copy: every step succeeds, including the files no page links to.
    let reader = reader_folder(&site);
    let genuine = run_as_reader(reader.path(), &script).exit_code(0);
    for listed in [
        "404.html: OK",
        "sitemap.xml: OK",
        "robots.txt: OK",
        "files/annual report.txt: OK",
    ] {
        assert!(
            genuine.stdout().lines().any(|line| line == listed),
            "{listed}\n{}",
            genuine.explain()
        );
    }
    assert!(
        !genuine.stdout().contains("FAILED"),
        "{}",
        genuine.explain()
    );
    let accepted = run_candor(reader.path()).exit_code(0);
    assert!(
        accepted.stdout().starts_with("verified "),
        "{}",
        accepted.explain()
    );
    assert_stderr(&accepted, "");

    // A page changed on the server: the file check fails, naming it.
    let page_path = site.path("public/standards/index.html");
    let original = fs::read_to_string(&page_path).unwrap();
    fs::write(&page_path, original.replacen("Standards", "Standardz", 1)).unwrap();
    let reader = reader_folder(&site);
    let tampered = run_as_reader(reader.path(), &script);
    assert_ne!(tampered.code(), Some(0), "{}", tampered.explain());
    assert!(
        tampered
            .stdout()
            .lines()
            .any(|line| line == "standards/index.html: FAILED"),
        "{}",
        tampered.explain()
    );
    assert!(
        tampered
            .stderr()
            .contains("sha256sum: WARNING: 1 computed checksum did NOT match"),
        "{}",
        tampered.explain()
    );
    let refused = run_candor(reader.path()).exit_code(1);
    assert_stderr(
        &refused,
        "site-copy/standards/index.html: error: was changed after signing: its SHA-256 differs from SHA256SUMS\n\
         error: verification failed with 1 problem: do not trust this copy of the site\n",
    );

    // The list changed to match: the signature check fails and nothing more is downloaded.
    let sums_path = site.path("public/SHA256SUMS");
    let sums = fs::read_to_string(&sums_path).unwrap();
    let tampered_line = {
        let mut command = Command::new("sha256sum");
        command
            .arg("standards/index.html")
            .current_dir(site.path("public"));
        Run::of(command).success().stdout()
    };
    let forged: String = sums
        .lines()
        .map(|line| {
            if line.ends_with("  standards/index.html") {
                tampered_line.trim_end().to_owned()
            } else {
                line.to_owned()
            }
        })
        .map(|line| line + "\n")
        .collect();
    assert_ne!(forged, sums);
    fs::write(&sums_path, forged).unwrap();
    let reader = reader_folder(&site);
    let forged_run = run_as_reader(reader.path(), &script);
    assert_ne!(forged_run.code(), Some(0), "{}", forged_run.explain());
    assert!(
        format!("{}{}", forged_run.stdout(), forged_run.stderr())
            .contains("Signature verification failed"),
        "{}",
        forged_run.explain()
    );
    assert!(
        !reader.path().join("site-copy/standards").exists(),
        "the reader stops at the failed signature\n{}",
        forged_run.explain()
    );
}

// ---------------------------------------------------------------------------------------------
// Case 10: one release number, one set of files.

/// The basic fixture site as the first commit of a fresh git repository.
fn site_in_git() -> TestSite {
    let site = TestSite::fixture("basic");
    git(site.root(), &["init", "-q"]);
    fs::write(site.path(".gitignore"), "/public\n").unwrap();
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "first"]);
    site
}

fn append(site: &TestSite, relative: &str, text: &str) {
    let before = site.read(relative);
    site.write(relative, &format!("{before}\n{text}"));
}

/// A password-less release key made with `candor keygen`, outside the site.
fn release_key() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let keys = tempfile::tempdir().unwrap();
    let mut command = candor(&["keygen", "--unencrypted", "--output"]);
    command.arg(keys.path());
    Run::of(command).success();
    let secret = keys.path().join("candor.key");
    let public = keys.path().join("candor.pub");
    (keys, secret, public)
}

fn trusted_comment(site: &TestSite) -> String {
    let signature = site.read("public/SHA256SUMS.minisig");
    signature
        .lines()
        .find_map(|line| line.strip_prefix("trusted comment: "))
        .unwrap()
        .to_owned()
}

#[test]
fn a_dirty_tree_is_not_signed_with_a_release_key_unless_allowed() {
    if !require_tool("git") {
        return;
    }
    let site = site_in_git();
    let (_keys, secret, public) = release_key();
    let release_build = |extra: &[&str]| {
        let mut command = build(site.root(), extra);
        command.env("CANDOR_SECRET_KEY", &secret);
        Run::of(command)
    };
    release_build(&[]).success();
    assert!(!trusted_comment(&site).contains("dirty"));
    let clean = site.read("public/SHA256SUMS");

    // A change outside what feeds the site does not matter.
    fs::write(site.path("NOTES.txt"), "not published\n").unwrap();
    release_build(&[]).success();

    append(&site, "content/standards.md", "Changed.\n");
    site.write("content/new.md", "---\ntitle: New\n---\nNot committed.\n");
    let refused = release_build(&[]).exit_code(1);
    assert_stderr(
        &refused,
        "error: the site has uncommitted changes (content/new.md, content/standards.md), so signing it as release 1 would give that number to files no commit holds\n  \
         hint: commit the changes and build again, or pass --allow-dirty to sign them anyway (the signature then says dirty=1)\n",
    );
    assert_eq!(
        site.read("public/SHA256SUMS"),
        clean,
        "the previous build is untouched"
    );

    release_build(&["--allow-dirty"]).success();
    let comment = trusted_comment(&site);
    assert!(
        comment.starts_with(
            "candor-release format=1 base_url=https://example.org/hub/ release=1 built="
        ) && comment.ends_with(" dirty=1"),
        "{comment}"
    );
    let state = site.path("verify-state.json");
    let accepted = Run::of(verify(&site.path("public"), &public, &state)).exit_code(0);
    assert!(
        accepted
            .stdout()
            .trim_end()
            .ends_with(", built from uncommitted changes"),
        "{}",
        accepted.explain()
    );

    // The development key proves nothing anyway: it signs, and says so.
    Run::of(build(site.root(), &[])).success();
    assert!(trusted_comment(&site).ends_with(" dirty=1"));
}

#[test]
fn a_release_number_already_accepted_with_other_files_is_refused() {
    if !require_tool("git") {
        return;
    }
    let site = site_in_git();
    Run::of(build(site.root(), &[])).success();
    let pubkey = site.path(".candor/keys/dev.pub");
    let state = site.path("verify-state.json");
    let first = site.path("first");
    copy_tree(&site.path("public"), &first);
    Run::of(verify(&first, &pubkey, &state)).exit_code(0);

    // `git commit --amend`: other files, the same commit count, so the same release number.
    append(&site, "content/standards.md", "Amended.\n");
    git(site.root(), &["commit", "-q", "-a", "--amend", "--no-edit"]);
    Run::of(build(site.root(), &[])).success();
    assert!(trusted_comment(&site).contains(" release=1 "));
    let refused = Run::of(verify(&site.path("public"), &pubkey, &state)).exit_code(1);
    assert_stderr(
        &refused,
        &format!(
            "{}: error: release 1 was already accepted for https://example.org/hub/ with a different SHA256SUMS: the same release number was signed for different files\n\
             error: verification failed with 1 problem: do not trust this copy of the site\n",
            site.path("public/SHA256SUMS.minisig").display()
        ),
    );
    // The copy accepted first still is.
    Run::of(verify(&first, &pubkey, &state)).exit_code(0);
}

#[test]
fn a_state_file_written_before_manifests_were_remembered_still_works() {
    let site = TestSite::fixture("basic");
    Run::of(build(site.root(), &[])).success();
    let pubkey = site.path(".candor/keys/dev.pub");
    let state = site.path("verify-state.json");
    let accepted = Run::of(verify(&site.path("public"), &pubkey, &state)).exit_code(0);
    let release: u64 = trusted_comment(&site)
        .split(' ')
        .find_map(|field| field.strip_prefix("release="))
        .unwrap()
        .parse()
        .unwrap();
    let key_id = accepted
        .stdout()
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned();
    // The layout of earlier versions: no manifest hash.
    let old = format!(
        "{{\n  \"accepted\": {{\n    \"https://example.org/hub/ {key_id}\": {{\n      \"release\": {release},\n      \"built\": \"2026-01-01T00:00:00Z\"\n    }}\n  }}\n}}\n"
    );
    fs::write(&state, &old).unwrap();
    Run::of(verify(&site.path("public"), &pubkey, &state)).exit_code(0);
    let older = format!(
        "{{\"accepted\": {{\"https://example.org/hub/ {key_id}\": {{\"release\": {}, \"built\": \"x\"}}}}}}",
        release + 1
    );
    fs::write(&state, older).unwrap();
    let refused = Run::of(verify(&site.path("public"), &pubkey, &state)).exit_code(1);
    assert!(
        refused.stderr().contains(&format!(
            "error: release {release} is older than release {}, which was already accepted",
            release + 1
        )),
        "{}",
        refused.explain()
    );
}

// ---------------------------------------------------------------------------------------------
// Case 11: concurrent verifiers.

#[test]
fn concurrent_verifications_never_lower_the_remembered_release() {
    if !require_tool("git") {
        return;
    }
    let site = site_in_git();
    Run::of(build(site.root(), &[])).success();
    let old = site.path("old");
    copy_tree(&site.path("public"), &old);
    append(&site, "content/standards.md", "New.\n");
    git(site.root(), &["commit", "-q", "-a", "-m", "second"]);
    Run::of(build(site.root(), &[])).success();
    let new = site.path("public");
    let pubkey = site.path(".candor/keys/dev.pub");

    for trial in 0..8 {
        let state = site.path(&format!("state-{trial}.json"));
        let spawn = |dir: &Path| -> Child {
            let mut command = verify(dir, &pubkey, &state);
            command.stdout(Stdio::null()).stderr(Stdio::null());
            command.spawn().unwrap()
        };
        // The new release and several replays of the old one, all at once.
        let mut children = vec![spawn(&old), spawn(&new), spawn(&old), spawn(&old)];
        for child in &mut children {
            child.wait().unwrap();
        }
        // Whatever order they ran in, release 2 is remembered, so the old one is refused.
        let replay = Run::of(verify(&old, &pubkey, &state)).exit_code(1);
        assert_stderr(
            &replay,
            &format!(
                "{}: error: release 1 is older than release 2, which was already accepted for https://example.org/hub/: an old release is being replayed (rollback)\n\
                 error: verification failed with 1 problem: do not trust this copy of the site\n",
                old.join("SHA256SUMS.minisig").display()
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Case 12: out-of-range signing inputs.

const EPOCH_HINT: &str = "  hint: set it to the last commit's time (`git log -1 --format=%ct`), or unset it to use the current time\n";

#[test]
fn implausible_source_date_epoch_is_refused() {
    let site = TestSite::fixture("basic");
    let far_future = (now() + 30 * DAY).to_string();
    for value in [
        "1764590400000",           // milliseconds
        "99999999999999999999999", // overflow
        "-1",                      // negative
        "soon",
        "4102444800", // 2100: would outrank every later real release outside git
        far_future.as_str(),
    ] {
        let mut command = build(site.root(), &[]);
        command.env("SOURCE_DATE_EPOCH", value);
        let refused = Run::of(command).exit_code(1);
        assert_stderr(
            &refused,
            &format!(
                "error: SOURCE_DATE_EPOCH={value} is not a Unix time in seconds between 1970 and now\n{EPOCH_HINT}"
            ),
        );
        assert!(!site.path("public").exists(), "nothing is published");
    }

    // A clock a few hours ahead is tolerated; a time in the past is what reproducible builds use.
    for value in [now() + 3600, now() - 10 * DAY] {
        let mut command = build(site.root(), &[]);
        command.env("SOURCE_DATE_EPOCH", value.to_string());
        Run::of(command).success();
        assert!(
            trusted_comment(&site).contains(&format!(" release={value} ")),
            "{}",
            trusted_comment(&site)
        );
    }
}

#[test]
fn validity_beyond_ten_years_is_refused() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}signing:\n  valid_for_days: 3661\n"),
    );
    let refused = Run::of(build(site.root(), &[])).exit_code(1);
    let line = config.lines().count() + 2;
    assert_stderr(
        &refused,
        &format!(
            "site.yaml:{line}:19: error: `signing.valid_for_days` is 3661, but a release may be valid for at most 3660 days (ten years): e.g. `valid_for_days: 365`, and publish a new build before then\n\
             error: 1 problem found; nothing was written\n"
        ),
    );
    site.write(
        "site.yaml",
        &format!("{config}signing:\n  valid_for_days: 3660\n"),
    );
    Run::of(build(site.root(), &[])).success();
}

#[test]
fn a_release_that_would_already_have_expired_is_refused() {
    let site = TestSite::fixture("basic");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}signing:\n  valid_for_days: 30\n"),
    );
    let mut command = build(site.root(), &[]);
    command.env("SOURCE_DATE_EPOCH", "1700000000"); // 2023-11-14T22:13:20Z
    let refused = Run::of(command).exit_code(1);
    assert_stderr(
        &refused,
        "error: this release would be valid until 2023-12-14 (30 days after it was built, 2023-11-14T22:13:20Z), a day that has already passed: verifiers would refuse it at once\n  \
         hint: unset SOURCE_DATE_EPOCH, set it to a recent time, or raise signing.valid_for_days in site.yaml\n",
    );
    assert!(!site.path("public").exists(), "nothing is published");
}
