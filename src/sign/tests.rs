//! Signing a staging folder: keys, refusals and what the signature records. Attacks on a signed
//! folder are tested through the real binary in `tests/integration/sign.rs`.

use std::fs;
use std::path::Path;

use super::*;
use crate::config::SiteConfig;
use crate::private_files::{PrivateFile, PrivateKind};

/// 2026-11-28T17:00:00Z.
const BUILT: u64 = 1_795_885_200;

fn config(extra: &str) -> SiteConfig {
    SiteConfig::parse(&format!(
        "title: T\nbase_url: https://example.org/hub/\n{extra}"
    ))
    .unwrap()
}

fn inputs() -> SigningInputs {
    SigningInputs {
        built: BUILT,
        ..SigningInputs::default()
    }
}

/// A site root and a staging folder.
fn fixture() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    let staging = temp.path().join("staging");
    fs::create_dir_all(&root).unwrap();
    (temp, root, staging)
}

/// A sink that has written a few pages into `staging`, as a build would.
fn pages(staging: &Path) -> HashingSink {
    let sink = HashingSink::new(staging);
    for (path, text) in [
        ("index.html", "<h1>Home</h1>"),
        ("code-of-conduct/index.html", "<h1>Code</h1>"),
        ("style.css", "body{}"),
    ] {
        sink.write(path, text.as_bytes()).unwrap();
    }
    sink
}

fn verify(staging: &Path, pubkey: &Path, state: &Path) -> anyhow::Result<Verified> {
    verify_site(&VerifyOptions {
        state: Some(state.to_owned()),
        now: BUILT,
        ..VerifyOptions::new(staging.to_owned(), pubkey.to_owned())
    })
}

#[test]
fn fresh_site_gets_a_dev_key_with_one_warning_and_verifies() {
    let (temp, root, staging) = fixture();
    let summary = sign_release_with(pages(&staging), &root, &config(""), &inputs()).unwrap();
    assert_eq!(summary.files, 4, "three pages and minisign.pub");
    assert_eq!(
        summary.release, BUILT,
        "outside git the release is the build time"
    );
    assert_eq!(summary.warnings.len(), 1);
    let warning = summary.warnings.iter().next().unwrap().to_string();
    assert!(
        warning
            .starts_with(".candor/keys/dev.key: warning: created an unencrypted development key"),
        "{warning}"
    );
    assert!(warning.contains("candor keygen"), "{warning}");

    let dev_public = root.join(DEV_KEY_DIR).join("dev.pub");
    assert_eq!(
        fs::read_to_string(&dev_public).unwrap(),
        fs::read_to_string(staging.join(PUBLIC_KEY_FILE)).unwrap()
    );
    assert_eq!(
        fs::read_to_string(root.join(".candor/.gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
    let manifest = fs::read_to_string(staging.join(MANIFEST_FILE)).unwrap();
    let paths: Vec<&str> = manifest.lines().map(|l| &l[66..]).collect();
    assert_eq!(
        paths,
        [
            "code-of-conduct/index.html",
            "index.html",
            "minisign.pub",
            "style.css"
        ]
    );

    let verified = verify(&staging, &dev_public, &temp.path().join("state.json")).unwrap();
    assert_eq!(verified.files, 4);
    assert_eq!(verified.release.base_url, "https://example.org/hub/");

    // The second build reuses the key and still says it is a development key.
    let (_second, _, second_staging) = fixture();
    let again = sign_release_with(pages(&second_staging), &root, &config(""), &inputs()).unwrap();
    assert_eq!(again.key_id, summary.key_id);
    let warning = again.warnings.iter().next().unwrap().to_string();
    assert!(
        warning.contains("signed with this site's development key"),
        "{warning}"
    );
}

#[test]
fn trusted_comment_records_the_release() {
    let (_temp, root, staging) = fixture();
    let summary = sign_release_with(
        pages(&staging),
        &root,
        &config("signing:\n  valid_for_days: 90\n"),
        &inputs(),
    )
    .unwrap();
    assert_eq!(
        summary.trusted_comment,
        format!(
            "candor-release format=1 base_url=https://example.org/hub/ release={BUILT} built=2026-11-28T17:00:00Z files=4 valid_until=2027-02-26"
        )
    );
    let signature = fs::read_to_string(staging.join(SIGNATURE_FILE)).unwrap();
    assert!(signature.contains(&format!("trusted comment: {}\n", summary.trusted_comment)));
}

/// The problems a refused signing reported, as displayed.
fn problems_of(error: &anyhow::Error) -> Vec<String> {
    let Some(crate::diagnostic::Rejected(problems)) = error.downcast_ref() else {
        panic!("expected located problems, got {error:#}");
    };
    problems.iter().map(|d| d.to_string()).collect()
}

#[test]
fn unescapable_and_doubly_published_names_are_refused_by_name() {
    let (_temp, root, staging) = fixture();
    let sink = pages(&staging);
    sink.write("a\\b.html", b"x").unwrap();
    sink.write("style.css", b"body{color:red}").unwrap();
    sink.write("STYLE.css", b"body{}").unwrap();
    let error = sign_release_with(sink, &root, &config(""), &inputs()).unwrap_err();
    let shown = problems_of(&error);
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(
        shown
            .iter()
            .any(|s| s.starts_with("/a\\\\b.html: error: has a name containing \\\\")),
        "{shown:#?}"
    );
    assert_eq!(
        shown
            .iter()
            .filter(|s| s.contains(
                "css: error: is published twice, or beside a name that differs only in case"
            ))
            .count(),
        2,
        "{shown:#?}"
    );
    assert!(!staging.join(MANIFEST_FILE).exists(), "nothing is signed");
}

#[test]
fn reserved_and_foreign_signature_files_are_refused() {
    let (_temp, root, staging) = fixture();
    let sink = pages(&staging);
    sink.write(MANIFEST_FILE, b"x").unwrap();
    let error = sign_release_with(sink, &root, &config(""), &inputs()).unwrap_err();
    assert!(
        error.to_string().contains("reserves for the signature"),
        "{error}"
    );

    let (_temp, root, staging) = fixture();
    let sink = pages(&staging);
    sink.write(PUBLIC_KEY_FILE, b"untrusted comment: x\nRWQ\n")
        .unwrap();
    let error = sign_release_with(sink, &root, &config(""), &inputs()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("its own /minisign.pub, a name Candor reserves"),
        "{error}"
    );
}

#[test]
fn a_secret_key_in_the_output_is_never_published() {
    let (_temp, root, staging) = fixture();
    sign_release_with(pages(&staging), &root, &config(""), &inputs()).unwrap();
    let (_temp2, _, staging2) = fixture();
    let sink = pages(&staging2);
    let key = root.join(DEV_KEY_DIR).join("dev.key");
    // A copy is refused as it is made, so the build can name its source file.
    let refused = sink.copy("leak.txt", &key).unwrap_err();
    assert_eq!(
        refused.downcast_ref::<PrivateFile>(),
        Some(&PrivateFile(PrivateKind::SecretKey))
    );
    // Written bytes are refused when the release is signed: the last line of defence.
    sink.write("leak.txt", &fs::read(&key).unwrap()).unwrap();
    let error = sign_release_with(sink, &root, &config(""), &inputs()).unwrap_err();
    assert_eq!(
        problems_of(&error),
        [
            "/leak.txt: error: contains a minisign secret key; refusing to publish it\n  hint: move the key out of the site's published folders (content/ and the theme's static/), into .candor/keys/ or outside the site"
        ]
    );
    assert!(!staging2.join(SIGNATURE_FILE).exists());
}

#[test]
fn configured_encrypted_key_needs_its_password_and_matching_public_key() {
    let (temp, root, staging) = fixture();
    let keys = temp.path().join("keys");
    let report = keys::keygen(&KeygenOptions {
        output: Some(keys.clone()),
        user_config: None,
        password: None,
        unencrypted: true,
        force: false,
    })
    .unwrap();
    // An encrypted pair, written the way `candor keygen` does with a password.
    let encrypted = temp.path().join("encrypted");
    let pair = minisign::KeyPair::generate_encrypted_keypair(Some("s3cret".into())).unwrap();
    fs::create_dir_all(&encrypted).unwrap();
    fs::write(
        encrypted.join("k.key"),
        pair.sk.to_box(None).unwrap().to_string(),
    )
    .unwrap();

    let with_key = |password: Option<&str>| SigningInputs {
        secret_key: Some(encrypted.join("k.key")),
        password: password.map(str::to_owned),
        ..inputs()
    };
    let error = sign_release_with(pages(&staging), &root, &config(""), &with_key(Some("nope")))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("wrong password for the secret key"),
        "{error}"
    );
    let summary = sign_release_with(
        pages(&staging),
        &root,
        &config(""),
        &with_key(Some("s3cret")),
    )
    .unwrap();
    let (_again, _, staging) = fixture();
    assert!(
        summary.warnings.is_empty(),
        "a release key gives no warning"
    );
    assert_eq!(summary.key_id, keys::key_id(&pair.pk));

    // site.yaml's public key must belong to the secret key in use.
    let mismatched = config(&format!(
        "signing:\n  public_key: {}\n",
        report.public_key.display()
    ));
    let error = sign_release_with(
        pages(&staging),
        &root,
        &mismatched,
        &with_key(Some("s3cret")),
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("does not belong to the secret key"),
        "{error}"
    );

    let error = sign_release_with(
        pages(&staging),
        &root,
        &config(""),
        &SigningInputs {
            secret_key: Some(temp.path().join("missing.key")),
            ..inputs()
        },
    )
    .unwrap_err();
    assert!(
        error.to_string().starts_with("cannot open the secret key"),
        "{error}"
    );
}

#[test]
fn release_number_is_the_git_commit_count() {
    let (_temp, root, staging) = fixture();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}: {status:?}");
    };
    git(&["init", "-q"]);
    for n in 0..3 {
        fs::write(root.join("f"), n.to_string()).unwrap();
        git(&["add", "f"]);
        git(&["commit", "-q", "-m", "c"]);
    }
    let summary = sign_release_with(pages(&staging), &root, &config(""), &inputs()).unwrap();
    assert_eq!(summary.release, 3);
}

#[test]
fn source_date_epoch_must_be_seconds_up_to_a_day_ahead() {
    let now = BUILT;
    assert_eq!(
        source_date_epoch(" 1700000000 ", now).unwrap(),
        1_700_000_000
    );
    assert_eq!(
        source_date_epoch(&(now + 86_400).to_string(), now).unwrap(),
        now + 86_400
    );
    for bad in [
        (now + 86_401).to_string(),
        (now * 1000).to_string(),
        "-1".to_owned(),
        "18446744073709551616".to_owned(),
        "1.5".to_owned(),
        "\u{1b}[2J".to_owned(),
    ] {
        let error = source_date_epoch(&bad, now).unwrap_err().to_string();
        assert!(
            error.contains("is not a Unix time in seconds between 1970 and now"),
            "{error}"
        );
        assert!(
            !error.contains('\u{1b}'),
            "control characters are escaped: {error}"
        );
    }
}

#[test]
fn a_release_already_expired_when_signed_is_refused() {
    let (_temp, root, staging) = fixture();
    let signing = "signing:\n  valid_for_days: 30\n";
    let at = |now: u64| SigningInputs { now, ..inputs() };
    let error = sign_release_with(
        pages(&staging),
        &root,
        &config(signing),
        &at(BUILT + 31 * 86_400),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "this release would be valid until 2026-12-28 (30 days after it was built, 2026-11-28T17:00:00Z), a day that has already passed: verifiers would refuse it at once\n  hint: unset SOURCE_DATE_EPOCH, set it to a recent time, or raise signing.valid_for_days in site.yaml"
    );
    let summary = sign_release_with(
        pages(&staging),
        &root,
        &config(signing),
        &at(BUILT + 30 * 86_400),
    );
    assert!(summary.is_ok(), "the last valid day is still fine");
}
