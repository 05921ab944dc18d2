//! Verification an honest reader can actually do: the commands the published `/verify/` page
//! shows accept a genuine copy and refuse a tampered one; one release number always names one
//! set of files; the verifier's memory survives concurrent runs; and signing refuses inputs that
//! would give a misleading signature.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{Run, TestSite, require_tool};
use crate::survey::server::Server;

/// `candor ARGS` inheriting no signing settings from the environment running the tests.
fn candor(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_candor"));
    for name in [
        "CANDOR_SECRET_KEY",
        "CANDOR_KEY_PASSWORD",
        "SOURCE_DATE_EPOCH",
    ] {
        command.env_remove(name);
    }
    command.args(args).stdin(Stdio::null());
    command
}

/// `candor build --root ROOT EXTRA…`.
fn build(root: &Path, extra: &[&str]) -> Command {
    let mut command = candor(&["build", "--root"]);
    command.arg(root).args(extra);
    command
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
