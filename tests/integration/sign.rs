//! Signed sites: `candor keygen`, `candor verify`, and interoperability with the stock
//! `minisign` and `sha256sum` tools, including every attack listed in the signing issue.
//!
//! Folders are signed through the library's sign stage (the same call the build makes), then
//! checked with the real binaries.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use candor::config::SiteConfig;
use candor::output::Sink as _;
use candor::sign::{HashingSink, SignSummary, SigningInputs, sign_release_with};

use crate::support::{Run, TestSite, require_tool};

const DAY: u64 = 86_400;

/// A `candor` command that inherits no signing settings from the environment running the tests.
fn candor() -> Command {
    let mut command = crate::support::candor_command();
    command.stdin(Stdio::null());
    command
}

/// Runs a command built in place (in `dir` when given).
fn run(command: &mut Command, dir: Option<&Path>) -> Run {
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    // `Run::of` takes the command by value; what is left behind is never run.
    Run::of(std::mem::replace(command, Command::new("unused")))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A site root and its signed output folder.
struct SignedSite {
    temp: tempfile::TempDir,
    root: PathBuf,
    public: PathBuf,
    pubkey: PathBuf,
    state: PathBuf,
}

/// Pages of several kinds (nested, a name with a space, binary content), written as a build
/// writes them.
fn write_pages(public: &Path, home: &str) -> HashingSink {
    let sink = HashingSink::new(public);
    let pages: [(&str, &[u8]); 5] = [
        ("index.html", home.as_bytes()),
        ("code-of-conduct/index.html", b"<h1>Code of conduct</h1>\n"),
        ("reports/2026 survey.csv", b"question,agree\nq1,71\n"),
        ("style.css", b"body { margin: 0 }\n"),
        ("img/logo.bin", &[0, 1, 2, b'\n', 255, 254]),
    ];
    for (path, bytes) in pages {
        sink.write(path, bytes).unwrap();
    }
    sink
}

fn sign(pages: HashingSink, root: &Path, settings: &str, built: u64) -> SignSummary {
    let config = SiteConfig::parse(&format!(
        "title: Hub\nbase_url: https://example.org/hub/\n{settings}"
    ))
    .unwrap();
    let inputs = SigningInputs {
        built,
        ..SigningInputs::default()
    };
    sign_release_with(pages, root, &config, &inputs).unwrap()
}

fn signed_site() -> SignedSite {
    signed_site_with("", now())
}

fn signed_site_with(settings: &str, built: u64) -> SignedSite {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    fs::create_dir_all(&root).unwrap();
    let public = root.join("public");
    sign(
        write_pages(&public, "<h1>Staff accountability</h1>\n"),
        &root,
        settings,
        built,
    );
    SignedSite {
        pubkey: root.join(".candor/keys/dev.pub"),
        state: temp.path().join("state/verify-state.json"),
        temp,
        root,
        public,
    }
}

impl SignedSite {
    fn verify(&self, extra: &[&str]) -> Run {
        let mut command = candor();
        command
            .arg("verify")
            .arg(&self.public)
            .arg("--pubkey")
            .arg(&self.pubkey)
            .arg("--state")
            .arg(&self.state)
            .args(extra);
        run(&mut command, None)
    }

    /// `candor verify` fails, and stderr has one line naming each problem, then the verdict.
    fn rejects(&self, extra: &[&str], expected: &[&str]) -> Run {
        let outcome = self.verify(extra).exit_code(1);
        let stderr = outcome.stderr();
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), expected.len() + 1, "{}", outcome.explain());
        for (line, expected) in lines.iter().zip(expected) {
            assert!(
                line.contains(expected),
                "expected {expected:?} in {line:?}\n{}",
                outcome.explain()
            );
        }
        assert!(
            lines[expected.len()].starts_with("error: verification failed with"),
            "{}",
            outcome.explain()
        );
        outcome
    }

    /// `minisign -Vm SHA256SUMS -p <key>` in the output folder; `None` when not installed.
    fn stock_minisign(&self) -> Option<Run> {
        require_tool("minisign").then(|| {
            let mut command = Command::new("minisign");
            command.args(["-Vm", "SHA256SUMS", "-p"]).arg(&self.pubkey);
            run(&mut command, Some(&self.public))
        })
    }

    /// `sha256sum --check --strict SHA256SUMS` in the output folder; `None` when not installed.
    fn stock_sha256sum(&self) -> Option<Run> {
        require_tool("sha256sum").then(|| {
            let mut command = Command::new("sha256sum");
            command.args(["--check", "--strict", "SHA256SUMS"]);
            run(&mut command, Some(&self.public))
        })
    }

    /// Both stock tools reject the folder (when installed).
    fn stock_tools_reject(&self) {
        let minisign = self.stock_minisign();
        let sha256sum = self.stock_sha256sum();
        let rejected = |run: &Option<Run>| run.as_ref().is_none_or(|run| run.code() != Some(0));
        assert!(
            rejected(&minisign) || rejected(&sha256sum),
            "the stock tools accepted a tampered folder:\n{}\n{}",
            minisign.map(|r| r.explain()).unwrap_or_default(),
            sha256sum.map(|r| r.explain()).unwrap_or_default()
        );
    }

    fn shown(&self, relative: &str) -> String {
        self.public.join(relative).display().to_string()
    }
}

#[test]
fn signed_site_verifies_with_candor_and_with_the_stock_tools() {
    let site = signed_site();
    let outcome = site
        .verify(&["--base-url", "https://example.org/hub"])
        .exit_code(0);
    assert!(
        outcome.stdout().starts_with("verified 6 files: release "),
        "{}",
        outcome.explain()
    );
    assert!(outcome.stderr().is_empty(), "{}", outcome.explain());

    if let Some(minisign) = site.stock_minisign() {
        let minisign = minisign.exit_code(0);
        let all = format!("{}{}", minisign.stdout(), minisign.stderr());
        assert!(
            all.contains("Trusted comment: candor-release format=1 base_url=https://example.org/hub/ release="),
            "{}", minisign.explain()
        );
    }
    if let Some(sha256sum) = site.stock_sha256sum() {
        let sha256sum = sha256sum.exit_code(0);
        assert!(
            sha256sum.stdout().contains("reports/2026 survey.csv: OK"),
            "{}",
            sha256sum.explain()
        );
        assert!(
            sha256sum.stdout().contains("minisign.pub: OK"),
            "{}",
            sha256sum.explain()
        );
    }
    // No secret key anywhere in the output.
    for entry in walkdir::WalkDir::new(&site.public) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = fs::read(entry.path()).unwrap();
            assert!(!text.starts_with(b"untrusted comment: minisign secret key"));
            assert!(
                !String::from_utf8_lossy(&text).contains("RWQAAEIy"),
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn one_changed_byte_is_named() {
    let site = signed_site();
    let page = site.public.join("code-of-conduct/index.html");
    let mut bytes = fs::read(&page).unwrap();
    bytes[5] ^= 1;
    fs::write(&page, bytes).unwrap();
    site.rejects(
        &[],
        &[&format!(
            "{}: error: was changed after signing",
            site.shown("code-of-conduct/index.html")
        )],
    );
    site.stock_tools_reject();
}

#[test]
fn deleted_page_is_named() {
    let site = signed_site();
    fs::remove_file(site.public.join("style.css")).unwrap();
    site.rejects(
        &[],
        &[&format!(
            "{}: error: is listed in SHA256SUMS but missing",
            site.shown("style.css")
        )],
    );
    site.stock_tools_reject();
}

#[test]
fn added_file_is_named_although_the_stock_tools_cannot_see_it() {
    let site = signed_site();
    fs::write(site.public.join("code-of-conduct/extra.html"), "<script>").unwrap();
    site.rejects(
        &[],
        &[&format!(
            "{}: error: is not listed in SHA256SUMS: it was added after signing",
            site.shown("code-of-conduct/extra.html")
        )],
    );
    // This is why `candor verify` exists: `sha256sum --check` only reads the list.
    if let Some(sha256sum) = site.stock_sha256sum() {
        sha256sum.exit_code(0);
    }
}

#[test]
fn every_problem_is_listed_one_per_line() {
    let site = signed_site();
    fs::write(site.public.join("index.html"), "<h1>Changed</h1>").unwrap();
    fs::remove_file(site.public.join("style.css")).unwrap();
    fs::write(site.public.join("new.html"), "new").unwrap();
    site.rejects(
        &[],
        &[
            &format!("{}: error: was changed", site.shown("index.html")),
            &format!("{}: error: is not listed", site.shown("new.html")),
            &format!(
                "{}: error: is listed in SHA256SUMS but missing",
                site.shown("style.css")
            ),
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_in_the_folder_is_refused() {
    let site = signed_site();
    fs::remove_file(site.public.join("style.css")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", site.public.join("style.css")).unwrap();
    site.rejects(
        &[],
        &[
            &format!("{}: error: is a symbolic link", site.shown("style.css")),
            &format!(
                "{}: error: is listed in SHA256SUMS but missing",
                site.shown("style.css")
            ),
        ],
    );
}

#[test]
fn signature_of_another_build_is_refused() {
    let site = signed_site();
    let other = site.temp.path().join("other");
    sign(
        write_pages(&other, "<h1>Another build</h1>\n"),
        &site.root,
        "",
        now(),
    );
    fs::copy(
        other.join("SHA256SUMS.minisig"),
        site.public.join("SHA256SUMS.minisig"),
    )
    .unwrap();
    site.rejects(
        &[],
        &[&format!(
            "{}: error: does not match SHA256SUMS",
            site.shown("SHA256SUMS.minisig")
        )],
    );
    site.stock_tools_reject();
}

#[test]
fn signature_by_another_key_is_refused() {
    let site = signed_site();
    let stranger = signed_site();
    fs::copy(
        stranger.public.join("SHA256SUMS.minisig"),
        site.public.join("SHA256SUMS.minisig"),
    )
    .unwrap();
    let outcome = site.rejects(
        &[],
        &[&format!(
            "{}: error: was made with key ",
            site.shown("SHA256SUMS.minisig")
        )],
    );
    assert!(
        outcome.stderr().contains("not with the given public key"),
        "{}",
        outcome.explain()
    );
    site.stock_tools_reject();
}

#[test]
fn truncated_and_garbage_signatures_are_refused() {
    let site = signed_site();
    let signature_path = site.public.join("SHA256SUMS.minisig");
    let signature = fs::read(&signature_path).unwrap();
    let mut garbage: Vec<u8> = (0..=255u8).cycle().take(700).collect();
    garbage.extend_from_slice(b"\n\n\n");
    let cases: Vec<Vec<u8>> = vec![
        signature[..signature.len() / 2].to_vec(),
        signature[..signature.len() - 20].to_vec(),
        Vec::new(),
        garbage,
        b"untrusted comment: x\nRUQ=\ntrusted comment: y\nAAAA\n".to_vec(),
    ];
    for case in cases {
        fs::write(&signature_path, &case).unwrap();
        site.rejects(
            &[],
            &[&format!("{}: error: ", site.shown("SHA256SUMS.minisig"))],
        );
        site.stock_tools_reject();
    }
    fs::remove_file(&signature_path).unwrap();
    site.rejects(
        &[],
        &[&format!(
            "{}: error: is missing",
            site.shown("SHA256SUMS.minisig")
        )],
    );
}

#[test]
fn edited_sha256sums_is_refused() {
    let site = signed_site();
    // The attacker changes a page and updates its line in SHA256SUMS to match.
    fs::write(site.public.join("index.html"), "<h1>Forged</h1>").unwrap();
    let manifest_path = site.public.join("SHA256SUMS");
    let manifest = fs::read_to_string(&manifest_path).unwrap();
    let forged_hash = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";
    let forged: String = manifest
        .lines()
        .map(|line| {
            if line.ends_with("  index.html") {
                format!("{forged_hash}  index.html\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    fs::write(&manifest_path, forged).unwrap();
    site.rejects(
        &[],
        &[&format!(
            "{}: error: does not match SHA256SUMS",
            site.shown("SHA256SUMS.minisig")
        )],
    );
    site.stock_tools_reject();
}

#[test]
fn release_below_the_minimum_is_refused() {
    let site = signed_site();
    let release = now() + 1_000_000;
    site.rejects(
        &["--min-release", &release.to_string()],
        &["is older than the minimum release"],
    );
}

pub(crate) fn git(root: &Path, args: &[&str]) {
    let mut command = Command::new("git");
    command
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args);
    let outcome = run(&mut command, Some(root));
    assert_eq!(outcome.code(), Some(0), "{}", outcome.explain());
}

fn commit(root: &Path, text: &str) {
    fs::write(root.join("site.yaml"), text).unwrap();
    git(root, &["add", "site.yaml"]);
    git(root, &["commit", "-q", "-m", text]);
}

#[test]
fn replayed_older_release_is_refused_as_a_rollback() {
    if !require_tool("git") {
        return;
    }
    let site = signed_site();
    git(&site.root, &["init", "-q"]);
    commit(&site.root, "one");
    commit(&site.root, "two");
    let old = site.temp.path().join("old");
    let pages = write_pages(&old, "<h1>Old policy</h1>\n");
    assert_eq!(sign(pages, &site.root, "", now()).release, 2);
    commit(&site.root, "three");
    let new = site.temp.path().join("new");
    let pages = write_pages(&new, "<h1>New policy</h1>\n");
    assert_eq!(sign(pages, &site.root, "", now()).release, 3);

    let verify = |dir: &Path| {
        let mut command = candor();
        command
            .arg("verify")
            .arg(dir)
            .arg("--pubkey")
            .arg(&site.pubkey)
            .arg("--state")
            .arg(&site.state);
        run(&mut command, None)
    };
    verify(&new).exit_code(0);
    let outcome = verify(&old).exit_code(1);
    assert!(
        outcome.stderr().contains(
            "error: release 2 is older than release 3, which was already accepted for https://example.org/hub/"
        ),
        "{}", outcome.explain()
    );
    // The same release again is fine: rebuilding a commit does not look like a rollback.
    verify(&new).exit_code(0);
}

#[test]
fn expired_release_is_refused() {
    let site = signed_site_with("signing:\n  valid_for_days: 30\n", now() - 100 * DAY);
    site.rejects(&[], &["has expired: this copy may be a frozen old release"]);
    let fresh = signed_site_with("signing:\n  valid_for_days: 30\n", now());
    fresh.verify(&[]).exit_code(0);
}

#[test]
fn release_for_another_site_is_refused() {
    let site = signed_site();
    site.rejects(
        &["--base-url", "https://evil.example/"],
        &["was made for https://example.org/hub/, not for https://evil.example/"],
    );
}

#[test]
fn missing_or_foreign_public_key_is_a_clear_error() {
    let site = signed_site();
    let mut command = candor();
    command
        .arg("verify")
        .arg(&site.public)
        .args(["--pubkey", "/nonexistent/minisign.pub", "--state"])
        .arg(&site.state);
    let outcome = run(&mut command, None).exit_code(1);
    assert!(
        outcome
            .stderr()
            .contains("error: cannot open the public key /nonexistent/minisign.pub"),
        "{}",
        outcome.explain()
    );

    let mut command = candor();
    command
        .arg("verify")
        .arg(&site.public)
        .arg("--pubkey")
        .arg(site.public.join("index.html"))
        .arg("--state")
        .arg(&site.state);
    let outcome = run(&mut command, None).exit_code(1);
    assert!(
        outcome
            .stderr()
            .contains("index.html is not a minisign public key"),
        "{}",
        outcome.explain()
    );
}

#[test]
fn keygen_keys_work_with_the_stock_tool_and_sign_a_site() {
    let temp = tempfile::tempdir().unwrap();
    let keys = temp.path().join("keys");
    let outcome = run(
        candor()
            .args(["keygen", "--output"])
            .arg(&keys)
            .env("CANDOR_KEY_PASSWORD", "correct horse"),
        None,
    )
    .exit_code(0);
    assert!(
        outcome.stdout().contains("secret key (password-protected)"),
        "{}",
        outcome.explain()
    );
    let secret = keys.join("candor.key");

    // Signing with the wrong password fails clearly; the right one signs.
    let root = temp.path().join("site");
    let public = root.join("public");
    let config = SiteConfig::parse("title: Hub\nbase_url: https://example.org/\n").unwrap();
    let inputs = |password: &str| SigningInputs {
        secret_key: Some(secret.clone()),
        password: Some(password.to_owned()),
        built: now(),
        ..SigningInputs::default()
    };
    let error = sign_release_with(
        write_pages(&public, "home"),
        &root,
        &config,
        &inputs("wrong"),
    )
    .unwrap_err();
    assert_eq!(
        format!("{error:#}"),
        format!(
            "wrong password for the secret key {}\n  hint: check CANDOR_KEY_PASSWORD, or type the password the key was created with",
            secret.display()
        )
    );
    let missing = SigningInputs {
        secret_key: Some(temp.path().join("nope.key")),
        ..inputs("x")
    };
    let error =
        sign_release_with(write_pages(&public, "home"), &root, &config, &missing).unwrap_err();
    assert!(
        format!("{error:#}").starts_with("cannot open the secret key"),
        "{error:#}"
    );
    let summary = sign_release_with(
        write_pages(&public, "home"),
        &root,
        &config,
        &inputs("correct horse"),
    )
    .unwrap();
    assert!(summary.warnings.is_empty());
    assert!(
        !root.join(".candor").exists(),
        "no development key when a key is configured"
    );

    let mut verify = candor();
    verify
        .arg("verify")
        .arg(&public)
        .arg("--pubkey")
        .arg(keys.join("candor.pub"))
        .arg("--state")
        .arg(temp.path().join("state.json"));
    run(&mut verify, None).exit_code(0);

    if require_tool("minisign") {
        // The stock tool reads Candor's key files too: it signs with the secret key...
        let mut sign = Command::new("minisign");
        sign.args(["-S", "-m", "SHA256SUMS", "-x", "stock.minisig", "-s"])
            .arg(&secret)
            .stdin(fs::File::open(write_password(temp.path())).unwrap());
        let outcome = run(&mut sign, Some(&public));
        assert_eq!(outcome.code(), Some(0), "{}", outcome.explain());
        // ...and checks Candor's signature with the public key.
        let mut check = Command::new("minisign");
        check
            .args(["-Vm", "SHA256SUMS", "-p"])
            .arg(keys.join("candor.pub"));
        run(&mut check, Some(&public)).exit_code(0);
    }
}

fn write_password(dir: &Path) -> PathBuf {
    let path = dir.join("password.txt");
    fs::write(&path, "correct horse\n").unwrap();
    path
}

#[test]
fn keygen_refuses_to_overwrite_without_force() {
    let temp = tempfile::tempdir().unwrap();
    let keygen = |force: bool| {
        let mut command = candor();
        command
            .args(["keygen", "--unencrypted", "--output"])
            .arg(temp.path());
        if force {
            command.arg("--force");
        }
        run(&mut command, None)
    };
    let first = keygen(false).exit_code(0);
    assert!(
        first
            .stderr()
            .contains("warning: the secret key has no password"),
        "{}",
        first.explain()
    );
    let key = fs::read(temp.path().join("candor.key")).unwrap();
    let second = keygen(false).exit_code(1);
    assert!(
        second
            .stderr()
            .contains("already exists; refusing to overwrite a key"),
        "{}",
        second.explain()
    );
    assert_eq!(fs::read(temp.path().join("candor.key")).unwrap(), key);
    keygen(true).exit_code(0);
    assert_ne!(fs::read(temp.path().join("candor.key")).unwrap(), key);
}

#[test]
fn keygen_without_a_password_source_fails_clearly() {
    let temp = tempfile::tempdir().unwrap();
    let outcome = run(candor().args(["keygen", "--output"]).arg(temp.path()), None).exit_code(1);
    assert!(
        outcome.stderr().contains("no password was given")
            && outcome.stderr().contains("CANDOR_KEY_PASSWORD"),
        "{}",
        outcome.explain()
    );
    assert!(!temp.path().join("candor.key").exists());
}

#[test]
fn keygen_refuses_the_build_output_and_unignored_git_paths() {
    let site = signed_site();
    fs::write(site.root.join("site.yaml"), "title: Hub\n").unwrap();
    let outcome = run(
        candor()
            .args(["keygen", "--unencrypted", "--output"])
            .arg(site.public.join("keys")),
        None,
    )
    .exit_code(1);
    assert!(
        outcome.stderr().contains("inside a site's build output"),
        "{}",
        outcome.explain()
    );

    if !require_tool("git") {
        return;
    }
    git(&site.root, &["init", "-q"]);
    let outcome = run(
        candor()
            .args(["keygen", "--unencrypted", "--output"])
            .arg(site.root.join("keys")),
        None,
    )
    .exit_code(1);
    assert!(
        outcome
            .stderr()
            .contains("inside a git repository and not ignored"),
        "{}",
        outcome.explain()
    );
    fs::write(site.root.join(".gitignore"), "*.key\n").unwrap();
    run(
        candor()
            .args(["keygen", "--unencrypted", "--output"])
            .arg(site.root.join("keys")),
        None,
    )
    .exit_code(0);
}

#[test]
fn built_site_verifies_with_stock_tools_and_tampering_is_rejected() {
    let site = TestSite::fixture("basic");
    site.build();
    let public = site.path("public");
    assert!(
        public.join("SHA256SUMS.minisig").is_file(),
        "candor build signs"
    );
    let signed = SignedSite {
        pubkey: site.path(".candor/keys/dev.pub"),
        state: site.path("verify-state.json"),
        root: site.root().to_owned(),
        public,
        temp: tempfile::tempdir().unwrap(),
    };
    assert_eq!(
        fs::read(signed.public.join("minisign.pub")).unwrap(),
        fs::read(&signed.pubkey).unwrap(),
        "the published key is the signing key"
    );
    signed
        .verify(&["--base-url", "https://example.org/hub/"])
        .exit_code(0);
    if let Some(minisign) = signed.stock_minisign() {
        minisign.exit_code(0);
    }
    if let Some(sha256sum) = signed.stock_sha256sum() {
        sha256sum
            .exit_code(0)
            .stdout_contains("standards/index.html: OK")
            .stdout_contains("verify/index.html: OK");
    }

    let page = signed.public.join("standards/index.html");
    let tampered = fs::read_to_string(&page)
        .unwrap()
        .replace("Standards", "Standardz");
    fs::write(&page, tampered).unwrap();
    signed.rejects(
        &[],
        &[&format!(
            "{}: error: was changed after signing",
            signed.shown("standards/index.html")
        )],
    );
    signed.stock_tools_reject();
}
