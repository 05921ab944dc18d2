//! The form of a survey with a public key, in real headless Chromium: its HPKE code passes the
//! RFC 9180 test vector of the suite, and the response it saves — from the offline single file
//! opened from `file://` and from the online page — is an envelope with no readable answer,
//! named without the response id, that `candor-collect ingest` opens and stores.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::browser::browser_tools;
use super::server::Server;
use super::survey_site;
use super::webdriver::{Driver, Session};
use crate::support::Run;

const PASSWORD: &str = "correct horse battery staple";

const VECTOR: &str = include_str!("../../fixtures/hpke/rfc9180-a3-base.json");

/// A survey with a choice and a free-text answer; `encryption:` is added with the test's key.
fn sealed_survey(public_key: &str) -> String {
    format!(
        "id: sealed\ntitle: Sealed\nversion: 3\nanonymity: Nothing identifies you.\n\
         opens: 2020-01-01\ncloses: 2099-12-31\nencryption:\n  public_key: {public_key}\nquestions:\n  \
         - {{id: fine, type: single, required: true, label: All fine?, choices: [{{id: 'yes', label: 'Yes'}}, {{id: 'no', label: 'No'}}]}}\n  \
         - {{id: note, type: text, label: Anything to add?}}\n"
    )
}

/// The next new `.json` file in `dir` that holds a whole JSON document.
fn next_download(dir: &Path, seen: &mut HashSet<PathBuf>) -> (String, String) {
    let started = Instant::now();
    loop {
        let fresh = std::fs::read_dir(dir)
            .expect("download folder")
            .flatten()
            .map(|entry| entry.path())
            .find(|path| path.extension().is_some_and(|e| e == "json") && !seen.contains(path));
        if let Some(path) = fresh {
            let text = std::fs::read_to_string(&path).expect("downloaded file");
            if serde_json::from_str::<Value>(&text).is_ok() {
                seen.insert(path.clone());
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                return (name, text);
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no complete response file was downloaded"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs the RFC 9180 vector through the page's `CandorHpke` and returns what it computed.
fn run_vector(browser: &Session, vector: &Value) -> Value {
    let script = format!(
        r#"
        var v = {vector};
        var H = CandorHpke;
        function bytes(hex) {{ var out = new Uint8Array(hex.length / 2); for (var i = 0; i < out.length; i++) {{ out[i] = parseInt(hex.substr(2 * i, 2), 16); }} return out; }}
        window.__vector = undefined;
        Promise.all([H.deriveKeyPair(bytes(v.ikmR)), H.deriveKeyPair(bytes(v.ikmE))]).then(function (pairs) {{
          var messages = v.encryptions.map(function (e) {{ return {{ pt: bytes(e.pt), aad: bytes(e.aad) }}; }});
          return H.sealWith(pairs[0].publicBytes, bytes(v.info), messages, pairs[1]).then(function (sealed) {{
            window.__vector = {{
              pkRm: H.hex(pairs[0].publicBytes), pkEm: H.hex(pairs[1].publicBytes), enc: H.hex(sealed.enc),
              shared_secret: H.hex(sealed.sharedSecret), key: H.hex(sealed.key), base_nonce: H.hex(sealed.baseNonce),
              ct: sealed.ciphertexts.map(H.hex)
            }};
          }});
        }}).catch(function (error) {{ window.__vector = {{ error: String(error) }}; }});
        "#
    );
    browser.run(&script);
    browser.wait_for("the test vector", "return window.__vector !== undefined");
    browser.run("return window.__vector")
}

#[test]
fn the_encrypting_form_passes_the_rfc_vector_and_saves_envelopes_the_collector_opens() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let site = survey_site();
    let keys = tempfile::tempdir().unwrap();
    let keygen = Run::of({
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(["keygen-survey", "sealed", "--keys"])
            .arg(keys.path())
            .env("CANDOR_SURVEY_KEY_PASSWORD", PASSWORD);
        command
    })
    .success();
    let public_key = keygen
        .stdout()
        .lines()
        .find_map(|line| line.strip_prefix("  public key: "))
        .unwrap()
        .to_owned();
    site.write("surveys/sealed.yaml", &sealed_survey(&public_key));
    site.build();
    let key_id =
        candor::encryption::key_id(&candor::encryption::parse_public_key(&public_key).unwrap());

    let public = site.path("public");
    let server = Server::start(&public, "/hub/");
    let profile = tempfile::tempdir().unwrap();
    let download_dir = tempfile::tempdir().unwrap();
    let mut seen = HashSet::new();
    let driver = Driver::start(&chromedriver);
    let browser = driver.session(&chromium, profile.path(), download_dir.path());
    let vector: Value = serde_json::from_str(VECTOR).unwrap();
    let offline = public.join("surveys/sealed/offline.html");
    let pages = [
        ("offline", format!("file://{}", offline.display())),
        ("online", server.url("/hub/surveys/sealed/")),
    ];
    for (n, (how, url)) in pages.iter().enumerate() {
        browser.goto(url);
        browser.wait_for(
            "the form script",
            "return !document.getElementById('survey-submit').disabled",
        );
        assert!(
            browser.run_bool("return window.isSecureContext === true && !!window.crypto.subtle"),
            "{how}: WebCrypto is not available"
        );
        if *how == "offline" {
            assert_eq!(
                browser.run("return performance.getEntriesByType('resource').length"),
                json!(0),
                "the offline file requested something"
            );
        }

        let computed = run_vector(&browser, &vector);
        assert_eq!(computed.get("error"), None, "{how}: {computed}");
        for name in ["pkRm", "pkEm", "enc", "shared_secret", "key", "base_nonce"] {
            assert_eq!(computed[name], vector[name], "{how}: {name}");
        }
        let expected: Vec<&Value> = vector["encryptions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["ct"])
            .collect();
        let cts: Vec<&Value> = computed["ct"].as_array().unwrap().iter().collect();
        assert_eq!(cts, expected, "{how}: ciphertexts");

        let words = format!("secret words {n}");
        browser.send_keys("#q-fine-no", " ");
        browser.send_keys("#q-note", &words);
        browser.send_keys("#survey-submit", "\u{E007}");
        let (name, text) = next_download(download_dir.path(), &mut seen);
        let stem = name
            .strip_prefix("sealed-")
            .and_then(|rest| rest.strip_suffix(".json"))
            .unwrap_or_else(|| panic!("{how}: file name {name}"));
        assert!(
            stem.len() == 16 && stem.chars().all(|c| c.is_ascii_hexdigit()),
            "{how}: {name} is not the survey id and 16 random hex digits"
        );
        let envelope: Value = serde_json::from_str(&text).unwrap();
        let fields: Vec<&String> = envelope.as_object().unwrap().keys().collect();
        assert_eq!(
            fields,
            ["ciphertext", "enc", "format", "key_id", "survey", "version"],
            "{how}: nothing else is in the envelope: {text}"
        );
        assert_eq!(
            (
                &envelope["format"],
                &envelope["survey"],
                &envelope["version"],
                &envelope["key_id"]
            ),
            (
                &json!("candor-encrypted-response/1"),
                &json!("sealed"),
                &json!(3),
                &json!(key_id)
            )
        );
        for readable in ["secret words", "fine", "note", "response_id", "submitted"] {
            assert!(!text.contains(readable), "{how}: {readable} in {text}");
        }
        let status =
            browser.run_string("return document.getElementById('survey-status').innerText");
        assert_eq!(
            status,
            format!(
                "Thank you. Your response was saved as the file {name}. Please hand this file to the survey team."
            )
        );

        // The collector opens it and stores exactly what was answered.
        site.write(&format!("inbox/{name}"), &text);
        browser.send_keys("#survey-new", "\u{E007}");
    }

    // A page that cannot encrypt (plain http:// from another machine has no WebCrypto) saves
    // nothing rather than the plain answers.
    browser.run("Object.defineProperty(window, 'isSecureContext', { value: false })");
    browser.send_keys("#q-fine-yes", " ");
    browser.send_keys("#survey-submit", "\u{E007}");
    browser.wait_for(
        "the refusal",
        "return !document.getElementById('survey-errors').hidden",
    );
    assert_eq!(
        browser.run_string("return document.getElementById('survey-errors').innerText"),
        "This page cannot encrypt your response, so nothing was saved. Open the survey at its https:// address, or save the offline form to your device and open it from there, or use the paper questionnaire."
    );
    assert!(browser.run_bool("return !document.getElementById('survey-submit').disabled"));
    let files = std::fs::read_dir(download_dir.path()).unwrap().count();
    assert_eq!(
        files,
        seen.len(),
        "a file was saved by a page that cannot encrypt"
    );
    let run = Run::of({
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(["ingest", "--json", "inbox", "--keys"])
            .arg(keys.path())
            .current_dir(site.root())
            .env("CANDOR_SURVEY_KEY_PASSWORD", PASSWORD);
        command
    })
    .success();
    let summary: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(summary["accepted"], 2, "{}", run.explain());
    let export = site
        .collect(&["export", "sealed", "--format", "jsonl"])
        .success()
        .stdout();
    let mut answers: Vec<Value> = export
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap()["answers"].clone())
        .collect();
    answers.sort_by_key(|answers| answers["note"].as_str().unwrap_or_default().to_owned());
    assert_eq!(
        answers,
        [
            json!({"fine": "no", "note": "secret words 0"}),
            json!({"fine": "no", "note": "secret words 1"})
        ]
    );
}
