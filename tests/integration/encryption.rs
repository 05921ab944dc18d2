//! Encrypted responses (issue 19): `candor-collect keygen-survey` makes the key pair, envelopes
//! sealed to the survey's public key are opened by `ingest` and `receive` and then judged
//! exactly like plain responses, and whatever does not open — a tampered byte, a wrong key, an
//! envelope moved to another survey — is quarantined as the ciphertext it came as. The form's
//! side, in Chromium, is `survey/encryption_browser.rs`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use candor::encryption::{self, Envelope};

use crate::collect::PULSE_SURVEY;
use crate::support::{Run, TestSite};

/// The password every test key is made with.
const PASSWORD: &str = "correct horse battery staple";

/// A site with the pulse survey, a folder of survey keys beside it (outside the site) and the
/// public key of one key pair for `pulse` in its definition.
struct Site {
    site: TestSite,
    keys: tempfile::TempDir,
    public_key: String,
}

impl Site {
    fn new() -> Site {
        let site = TestSite::empty();
        let keys = tempfile::tempdir().unwrap();
        let mut this = Site {
            site,
            keys,
            public_key: String::new(),
        };
        this.public_key = this.keygen("pulse");
        this.site.write(
            "surveys/pulse.yaml",
            &encrypted_definition(PULSE_SURVEY, &this.public_key),
        );
        this
    }

    /// Runs `keygen-survey SURVEY` into the key folder and returns the public key it printed.
    fn keygen(&self, survey: &str) -> String {
        let keys = self.keys.path().to_str().unwrap();
        let run = self
            .collect(&["keygen-survey", survey, "--keys", keys])
            .success();
        let stdout = run.stdout();
        stdout
            .lines()
            .find_map(|line| line.strip_prefix("  public key: "))
            .unwrap_or_else(|| panic!("no public key printed\n{}", run.explain()))
            .to_owned()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(args)
            .current_dir(self.site.root())
            .env("CANDOR_SURVEY_KEY_PASSWORD", PASSWORD);
        command
    }

    fn collect(&self, args: &[&str]) -> Run {
        Run::of(self.command(args))
    }

    fn write(&self, relative: &str, bytes: &[u8]) -> PathBuf {
        let path = self.site.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// `ingest --json --store STORE FOLDER` (plus `extra`), parsed.
    fn ingest(&self, store: &str, folder: &str, extra: &[&str]) -> (serde_json::Value, Run) {
        let store = format!(".candor/{store}/responses.sqlite");
        let keys = self.keys.path().to_str().unwrap();
        let mut args = vec![
            "ingest", "--json", "--keys", keys, "--store", &store, folder,
        ];
        args.extend(extra);
        let run = self.collect(&args);
        let json = serde_json::from_str(&run.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", run.explain()));
        (json, run)
    }

    /// `export pulse --format jsonl` of a store.
    fn export(&self, store: &str) -> String {
        let store = format!(".candor/{store}/responses.sqlite");
        self.collect(&["export", "pulse", "--format", "jsonl", "--store", &store])
            .success()
            .stdout()
    }

    fn quarantine(&self, store: &str) -> PathBuf {
        self.site.path(&format!(".candor/{store}/quarantine"))
    }

    fn seal(&self, plaintext: &str) -> String {
        seal_to(&self.public_key, "pulse", 2, plaintext)
    }
}

fn encrypted_definition(definition: &str, public_key: &str) -> String {
    definition.replacen(
        "anonymity:",
        &format!("encryption:\n  public_key: {public_key}\nanonymity:"),
        1,
    )
}

fn seal_to(public_key: &str, survey: &str, version: u32, plaintext: &str) -> String {
    let key = encryption::parse_public_key(public_key).expect("a public key");
    let envelope = encryption::seal(&key, survey, version, plaintext.as_bytes()).unwrap();
    serde_json::to_string(&envelope).unwrap()
}

fn uuid(n: u64) -> String {
    format!("{:08x}-{:04x}-4000-8000-{n:012x}", n >> 16, n & 0xffff)
}

/// A valid response to the pulse survey, with a free-text answer no quarantine may show.
fn response(n: u64, courtesy: u8) -> String {
    format!(
        r#"{{"format":"candor-response/1","survey":"pulse","version":2,"response_id":"{}","submitted":"2026-0{}-1{}","answers":{{"contacted":"yes","courtesy":{courtesy},"note":"secret words {n}"}}}}"#,
        uuid(n),
        3 + n % 3,
        n % 10
    )
}

/// Every file in a quarantine folder that is not a reason file, with its bytes.
fn quarantined_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| !path.to_string_lossy().ends_with(".reason.txt"))
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                bytes,
            )
        })
        .collect();
    files.sort();
    files
}

/// Asserts that nothing under `dir` (files and reason files) holds a byte of plaintext.
fn assert_no_plaintext(dir: &Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        for plain in ["secret words", "courtesy", "contacted", "candor-response/1"] {
            assert!(
                !text.contains(plain),
                "{} shows {plain:?}:\n{text}",
                path.display()
            );
        }
    }
}

#[test]
fn keygen_survey_writes_a_protected_key_outside_the_site() {
    let site = Site::new();
    let folder = site.keys.path().join("pulse");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let key = encryption::parse_public_key(&site.public_key).unwrap();
    let id = encryption::key_id(&key);
    assert_eq!(files[0], folder.join(format!("{id}.key")));
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        format!("untrusted comment: candor survey secret key {id} for pulse; keep it secret")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The password is needed: the key does not open with another.
    let Err(error) = candor::encryption::keys::read_secret_key(&files[0], "wrong") else {
        panic!("the key opened with a wrong password");
    };
    assert_eq!(
        error.to_string(),
        format!(
            "wrong password for the survey key {}\n  hint: check CANDOR_SURVEY_KEY_PASSWORD, or type the password the key was created with",
            files[0].display()
        )
    );

    // Never into a site's published folders.
    std::fs::create_dir_all(site.site.path("content")).unwrap();
    site.write("site.yaml", b"title: T\nbase_url: https://example.org/\n");
    let inside = site.site.path("content/keys");
    let run = Run::of({
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(["keygen-survey", "pulse", "--keys"])
            .arg(&inside)
            .env("CANDOR_SURVEY_KEY_PASSWORD", PASSWORD);
        command
    })
    .exit_code(1);
    assert!(
        run.stderr().starts_with(&format!(
            "error: refusing to write a survey secret key into {}: it is inside",
            inside.join("pulse").display()
        )),
        "{}",
        run.explain()
    );
    assert!(!inside.exists());
}

#[test]
fn encrypted_responses_give_the_same_store_and_results_as_plain_ones() {
    let site = Site::new();
    for n in 1..=12 {
        let plain = response(n, (n % 5 + 1) as u8);
        site.write(&format!("plain/r{n}.json"), plain.as_bytes());
        site.write(&format!("sealed/r{n}.json"), site.seal(&plain).as_bytes());
    }
    let (sealed, run) = site.ingest("sealed", "sealed", &[]);
    assert_eq!(sealed["accepted"], 12, "{}", run.explain());
    let (plain, run) = site.ingest("plain", "plain", &["--allow-plaintext"]);
    assert_eq!(plain["accepted"], 12, "{}", run.explain());
    assert_eq!(sealed["by_survey"], plain["by_survey"]);
    assert_eq!(site.export("sealed"), site.export("plain"));
    let report = |store: &str| {
        let out = format!("out-{store}.yaml");
        site.collect(&[
            "report",
            "pulse",
            "--store",
            &format!(".candor/{store}/responses.sqlite"),
            "--out",
            &out,
        ])
        .success();
        std::fs::read_to_string(site.site.path(&out)).unwrap()
    };
    assert_eq!(report("sealed"), report("plain"));

    // The same responses sealed again (new envelopes, same content) are duplicates; one with
    // other answers under a stored id is a conflict, kept as the envelope it came as.
    for n in 1..=3 {
        site.write(
            &format!("again/r{n}.json"),
            site.seal(&response(n, (n % 5 + 1) as u8)).as_bytes(),
        );
    }
    let conflicting = site.seal(&response(4, 1));
    site.write("again/r4.json", conflicting.as_bytes());
    let (again, run) = site.ingest("sealed", "again", &[]);
    assert_eq!(
        (
            &again["accepted"],
            &again["duplicates"],
            &again["conflicts"]
        ),
        (
            &serde_json::json!(0),
            &serde_json::json!(3),
            &serde_json::json!(1)
        ),
        "{}",
        run.explain()
    );
    let kept = quarantined_files(&site.quarantine("sealed"));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].1, conflicting.as_bytes());
    assert_no_plaintext(&site.quarantine("sealed"));
}

#[test]
fn tampering_with_any_byte_of_an_envelope_is_refused() {
    let site = Site::new();
    let envelope = site.seal(&response(1, 4));
    let mut tampered = BTreeSet::new();
    for at in 0..envelope.len() {
        let mut bytes = envelope.clone().into_bytes();
        bytes[at] ^= 0x01;
        site.write(&format!("inbox/t{at:04}.json"), &bytes);
        tampered.insert(bytes);
    }
    let (summary, run) = site.ingest("s", "inbox", &[]);
    assert_eq!(summary["accepted"], 0, "{}", run.explain());
    assert_eq!(
        summary["rejected"],
        envelope.len() as u64,
        "{}",
        run.explain()
    );
    // The quarantine holds exactly the tampered files as they came, and nothing opened.
    let kept: BTreeSet<Vec<u8>> = quarantined_files(&site.quarantine("s"))
        .into_iter()
        .map(|(_, bytes)| bytes)
        .collect();
    assert_eq!(kept, tampered);
    assert_no_plaintext(&site.quarantine("s"));
    // The untouched envelope is still accepted.
    site.write("good/r.json", envelope.as_bytes());
    let (summary, run) = site.ingest("s", "good", &[]);
    assert_eq!(summary["accepted"], 1, "{}", run.explain());
}

#[test]
fn wrong_key_and_moved_envelopes_are_quarantined_encrypted_with_their_reason() {
    let site = Site::new();
    // A second survey with the same key pair, to move an envelope into.
    let other = PULSE_SURVEY.replacen("id: pulse", "id: other", 1);
    site.write(
        "surveys/other.yaml",
        encrypted_definition(&other, &site.public_key).as_bytes(),
    );
    let folder = site.keys.path().join("pulse");
    let key_file = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::create_dir_all(site.keys.path().join("other")).unwrap();
    std::fs::copy(
        &key_file,
        site.keys
            .path()
            .join("other")
            .join(key_file.file_name().unwrap()),
    )
    .unwrap();

    let (_, stranger) = encryption::generate_key_pair();
    let stranger_id = encryption::key_id(&stranger);
    let to_stranger = seal_to(
        &encryption::public_key_text(&stranger),
        "pulse",
        2,
        &response(1, 4),
    );
    site.write("inbox/a-wrong-key.json", to_stranger.as_bytes());
    let mut moved: Envelope = serde_json::from_str(&site.seal(&response(2, 4))).unwrap();
    moved.survey = "other".into();
    site.write(
        "inbox/b-moved.json",
        serde_json::to_string(&moved).unwrap().as_bytes(),
    );
    let mut older: Envelope = serde_json::from_str(&site.seal(&response(3, 4))).unwrap();
    older.version = 1;
    site.write(
        "inbox/c-version.json",
        serde_json::to_string(&older).unwrap().as_bytes(),
    );
    site.write("inbox/d-plain.json", response(4, 4).as_bytes());

    let (summary, run) = site.ingest("s", "inbox", &[]);
    assert_eq!(summary["accepted"], 0, "{}", run.explain());
    assert_eq!(
        summary["reasons"],
        serde_json::json!({"unknown-key": 1, "undecryptable": 2, "not-encrypted": 1}),
        "{}",
        run.explain()
    );
    let id = &site.keys.path().join("pulse");
    let quarantine = site.quarantine("s");
    let stderr = run.stderr();
    let line = |file: &str| {
        stderr
            .lines()
            .find(|line| line.starts_with(&format!("inbox/{file}")))
            .unwrap_or_else(|| panic!("nothing about {file}\n{}", run.explain()))
            .to_owned()
    };
    let kept_as = |line: &str| line.rsplit_once("; kept as ").unwrap().1.to_owned();
    let wrong_key = line("a-wrong-key.json");
    assert_eq!(
        wrong_key,
        format!(
            "inbox/a-wrong-key.json: warning: rejected (unknown-key): the response is encrypted to key {stranger_id}, and this collector holds no secret key of survey `pulse` with that id; kept as {}",
            kept_as(&wrong_key)
        )
    );
    assert!(kept_as(&wrong_key).starts_with(".candor/s/quarantine/"));
    assert!(
        stderr.contains(&format!(
            "  hint: put the survey team's key file in {}, or name the folder with --keys DIR; the file is kept encrypted in the quarantine",
            id.display()
        )),
        "{stderr}"
    );
    let pulse_id = encryption::key_id(&encryption::parse_public_key(&site.public_key).unwrap());
    for file in ["b-moved.json", "c-version.json"] {
        let moved = line(file);
        assert_eq!(
            moved,
            format!(
                "inbox/{file}: warning: rejected (undecryptable): the encrypted response does not open with key {pulse_id}: it was altered, or made for another survey or version; kept as {}",
                kept_as(&moved)
            )
        );
    }
    let plain = line("d-plain.json");
    assert_eq!(
        plain,
        format!(
            "inbox/d-plain.json: warning: rejected (not-encrypted): survey `pulse` takes encrypted responses only, and this one is plain text; kept as {}",
            kept_as(&plain)
        )
    );
    // Only what came encrypted is in the quarantine, byte for byte, besides the plain file.
    let kept: Vec<Vec<u8>> = quarantined_files(&quarantine)
        .into_iter()
        .map(|(_, bytes)| bytes)
        .collect();
    assert_eq!(kept.len(), 4);
    assert!(kept.contains(&to_stranger.into_bytes()));

    // The operator may accept plain responses.
    site.write("plain/d-plain.json", response(4, 4).as_bytes());
    let (summary, run) = site.ingest("s", "plain", &["--allow-plaintext"]);
    assert_eq!(summary["accepted"], 1, "{}", run.explain());
}

#[test]
fn a_missing_key_is_announced_and_a_missing_password_stops_the_run() {
    let site = Site::new();
    site.write("inbox/r.json", site.seal(&response(1, 4)).as_bytes());
    let empty = tempfile::tempdir().unwrap();
    let run = Run::of({
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(["ingest", "inbox", "--keys"])
            .arg(empty.path())
            .current_dir(site.site.root())
            .env_remove("CANDOR_SURVEY_KEY_PASSWORD");
        command
    })
    .exit_code(0);
    let id = encryption::key_id(&encryption::parse_public_key(&site.public_key).unwrap());
    let stderr = run.stderr();
    assert!(
        stderr.starts_with(&format!(
            "surveys/pulse.yaml: warning: no secret key {id} for survey `pulse` in {}: its encrypted responses cannot be read and will be quarantined\n  hint: copy the survey team's key file there, or name its folder with --keys DIR\n",
            empty.path().join("pulse").display()
        )),
        "{}",
        run.explain()
    );
    let run = Run::of({
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(["ingest", "inbox", "--keys"])
            .arg(site.keys.path())
            .current_dir(site.site.root())
            .env_remove("CANDOR_SURVEY_KEY_PASSWORD")
            .stdin(std::process::Stdio::null());
        command
    })
    .exit_code(1);
    assert_eq!(
        run.stderr(),
        format!(
            "error: the survey keys in {} are password-protected and no password was given\n  hint: set CANDOR_SURVEY_KEY_PASSWORD, or run the command in a terminal\n",
            site.keys.path().display()
        )
    );
}

#[test]
fn a_survey_key_or_an_envelope_inside_the_site_is_never_published() {
    let site = TestSite::fixture("basic");
    let keys = tempfile::tempdir().unwrap();
    Run::of({
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor-collect"));
        command
            .args(["keygen-survey", "pulse", "--keys"])
            .arg(keys.path())
            .env("CANDOR_SURVEY_KEY_PASSWORD", PASSWORD);
        command
    })
    .success();
    let key_file = std::fs::read_dir(keys.path().join("pulse"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    site.write(
        "content/notes.txt",
        &std::fs::read_to_string(&key_file).unwrap(),
    );
    let run = site.candor(&["check"]).exit_code(1);
    assert!(
        run.stderr().contains(
            "content/notes.txt: error: contains a survey secret key, which opens every encrypted response; refusing to publish it\n"
        ),
        "{}",
        run.explain()
    );
    site.remove("content/notes.txt");
    let (_, public) = encryption::generate_key_pair();
    site.write(
        "content/answers.json",
        &seal_to(
            &encryption::public_key_text(&public),
            "pulse",
            2,
            &response(1, 4),
        ),
    );
    let run = site.candor(&["check"]).exit_code(1);
    assert!(
        run.stderr().contains(
            "content/answers.json: error: is an encrypted survey response (candor-encrypted-response/1); refusing to publish it\n"
        ),
        "{}",
        run.explain()
    );
}

#[test]
fn a_definition_refuses_a_secret_key_or_a_wrong_key_id() {
    let site = Site::new();
    let key_file = std::fs::read_dir(site.keys.path().join("pulse"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let secret_line = std::fs::read_to_string(&key_file)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_owned();
    site.write(
        "surveys/pulse.yaml",
        encrypted_definition(PULSE_SURVEY, &secret_line).as_bytes(),
    );
    site.write("inbox/r.json", response(1, 4).as_bytes());
    let keys = site.keys.path().to_str().unwrap();
    let run = site
        .collect(&["ingest", "inbox", "--keys", keys])
        .exit_code(1);
    assert!(
        run.stderr().contains(
            "surveys/pulse.yaml:8:15: error: `encryption: public_key` holds a survey's SECRET key, which must never be in a site\n"
        ),
        "{}",
        run.explain()
    );
    site.write(
        "surveys/pulse.yaml",
        encrypted_definition(
            PULSE_SURVEY,
            &format!("{}\n  key_id: 0000000000000000", site.public_key),
        )
        .as_bytes(),
    );
    let id = encryption::key_id(&encryption::parse_public_key(&site.public_key).unwrap());
    let run = site
        .collect(&["ingest", "inbox", "--keys", keys])
        .exit_code(1);
    assert!(
        run.stderr().contains(&format!(
            "surveys/pulse.yaml:9:11: error: `encryption: key_id` is 0000000000000000, but the public key's id is {id}\n"
        )),
        "{}",
        run.explain()
    );
}

/// One POST to `receive` on a fresh connection: the status and the body of the answer.
fn post(address: &str, body: &[u8]) -> (u16, String) {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST /responses HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not HTTP: {answer}"));
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn receive_opens_envelopes_and_refuses_what_does_not_open() {
    let site = Site::new();
    site.write("site.yaml", b"title: T\nbase_url: https://example.org/\n");
    let logs = tempfile::tempdir().unwrap();
    let stdout = logs.path().join("stdout");
    let mut command = site.command(&["receive", "--bind", "127.0.0.1:0", "--keys"]);
    command
        .arg(site.keys.path())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(logs.path().join("stderr")).unwrap())
        .stdin(std::process::Stdio::null());
    struct Killed(std::process::Child);
    impl Drop for Killed {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _server = Killed(command.spawn().unwrap());
    let started = std::time::Instant::now();
    let address = loop {
        let text = std::fs::read_to_string(&stdout).unwrap_or_default();
        if let Some(rest) = text.strip_prefix("receiving responses at http://") {
            break rest.split('/').next().unwrap().to_owned();
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "receive did not start: {text}{}",
            std::fs::read_to_string(logs.path().join("stderr")).unwrap_or_default()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let envelope = site.seal(&response(1, 4));
    assert_eq!(
        post(&address, envelope.as_bytes()),
        (201, r#"{"outcome":"stored"}"#.to_owned())
    );
    assert_eq!(
        post(&address, site.seal(&response(1, 4)).as_bytes()),
        (200, r#"{"outcome":"duplicate"}"#.to_owned()),
        "the same response sealed again is a duplicate"
    );
    let mut tampered = envelope.clone().into_bytes();
    let at = tampered.len() - 10;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    let (status, body) = post(&address, &tampered);
    assert_eq!(status, 400, "{body}");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["reason"], "undecryptable", "{body}");
    assert_no_plaintext(&site.site.path(".candor/quarantine"));
    // A plain response is kept as it came: plain.
    let (status, body) = post(&address, response(2, 4).as_bytes());
    assert_eq!(status, 400, "{body}");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["reason"], "not-encrypted", "{body}");
    drop(_server);
    let export = site
        .collect(&["export", "pulse", "--format", "jsonl"])
        .success()
        .stdout();
    assert_eq!(export.lines().count(), 1, "{export}");
    assert!(export.contains("secret words 1"), "{export}");
}

#[test]
fn an_opened_response_that_is_refused_shows_no_answer_in_the_quarantine_or_the_terminal() {
    let site = Site::new();
    // A choice the survey does not offer: the validator's own message would quote it.
    let invalid = response(1, 4).replace(r#""contacted":"yes""#, r#""contacted":"secret words""#);
    let envelope = site.seal(&invalid);
    site.write("inbox/r.json", envelope.as_bytes());
    let (summary, run) = site.ingest("s", "inbox", &[]);
    assert_eq!(
        summary["reasons"],
        serde_json::json!({"unknown-choice": 1}),
        "{}",
        run.explain()
    );
    let stderr = run.stderr();
    let line = stderr.lines().next().unwrap();
    let kept_as = line.rsplit_once("; kept as ").unwrap().1;
    assert_eq!(
        line,
        format!(
            "inbox/r.json: warning: rejected (unknown-choice): the encrypted response opened, but its content is refused (unknown-choice); the details are withheld because they may quote answers; kept as {kept_as}"
        )
    );
    assert!(!stderr.contains("secret words"), "{stderr}");
    let kept = quarantined_files(&site.quarantine("s"));
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].1, envelope.as_bytes());
    assert_no_plaintext(&site.quarantine("s"));
}
