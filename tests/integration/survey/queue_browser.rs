//! The form queues when offline, in real headless Chromium against a real
//! `candor-collect receive` on loopback: a response sent while the server is up is stored; one
//! submitted while it is down is kept on the device, said to be saved and counted as waiting;
//! when the server is back and the browser comes online it is sent once and the queue empties.
//! The offline copy opened from disk cannot reach the collector (its origin is `null`), so it
//! only downloads.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::browser::browser_tools;
use super::server::Server;
use super::survey_site;
use super::webdriver::{Driver, PATIENCE, free_port};

const ENTER: &str = "\u{E007}";

/// A running `candor-collect receive`, killed and reaped when dropped.
struct Receiver(Child);

impl Receiver {
    /// Starts the server in `site` on `127.0.0.1:port` and waits (bounded) for its start-up line.
    fn start(site: &Path, port: u16, origin: &str, logs: &Path) -> Receiver {
        let stdout = tempfile::NamedTempFile::new_in(logs)
            .unwrap()
            .into_temp_path()
            .keep()
            .unwrap();
        let stderr = stdout.with_extension("stderr");
        let mut receiver = Receiver(
            Command::new(env!("CARGO_BIN_EXE_candor-collect"))
                .args(["receive", "--bind", &format!("127.0.0.1:{port}")])
                .args(["--allow-origin", origin])
                .current_dir(site)
                .stdout(std::fs::File::create(&stdout).unwrap())
                .stderr(std::fs::File::create(&stderr).unwrap())
                .stdin(Stdio::null())
                .spawn()
                .expect("candor-collect receive"),
        );
        let started = Instant::now();
        while !std::fs::read_to_string(&stdout)
            .unwrap_or_default()
            .contains("receiving responses at http://")
        {
            // A receiver that could not start (its port taken meanwhile) says why at once.
            let exited = receiver.0.try_wait().unwrap();
            assert!(
                exited.is_none() && started.elapsed() < PATIENCE,
                "candor-collect receive did not start ({exited:?}): {}",
                std::fs::read_to_string(&stderr).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        receiver
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The response ids in the store, each with how many times it is stored.
fn stored(site: &Path) -> Vec<(String, i64)> {
    let store = rusqlite::Connection::open(site.join(".candor/responses.sqlite")).unwrap();
    let mut statement = store
        .prepare(
            "SELECT response_id, COUNT(*) FROM responses GROUP BY response_id ORDER BY response_id",
        )
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_response_submitted_while_the_server_is_down_is_queued_and_sent_once_it_returns() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let site = survey_site();
    let pages = Server::start(&site.path("public"), "/hub/");
    let receive_port = free_port();
    site.write(
        "surveys/kiosk.yaml",
        &format!(
            "id: kiosk\ntitle: Kiosk\nversion: 1\nanonymity: Nothing identifies you.\n\
             opens: 2020-01-01\ncloses: 2099-12-31\n\
             collection_url: http://127.0.0.1:{receive_port}/responses\nquestions:\n  \
             - {{id: fine, type: single, required: true, label: All fine?, choices: [{{id: 'yes', label: 'Yes'}}]}}\n"
        ),
    );
    site.build();
    let origin = pages.url("");
    let logs = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let driver = Driver::start(&chromedriver);
    let browser = driver.session(&chromium, profile.path(), downloads.path());
    let status = "return document.getElementById('survey-status').innerText";
    let waiting =
        "var w = document.getElementById('survey-waiting'); return w.hidden ? '' : w.innerText";
    let submit = || {
        browser.wait_for(
            "the form script",
            "return !document.getElementById('survey-submit').disabled",
        );
        browser.send_keys("#q-fine-yes", " ");
        browser.send_keys("#survey-submit", ENTER);
        browser.wait_for(
            "the outcome",
            "return !document.getElementById('survey-done').hidden",
        );
    };

    let receiver = Receiver::start(site.root(), receive_port, &origin, logs.path());
    browser.goto(&pages.url("/hub/surveys/kiosk/"));
    submit();
    assert_eq!(
        browser.run_string(status),
        "Thank you. Your response was sent to the survey team. You can also save a copy of it as a file."
    );
    let first = stored(site.root());
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].1, 1);
    assert_eq!(browser.run_string(waiting), "");

    drop(receiver);
    browser.send_keys("#survey-new", ENTER);
    submit();
    let status_text = browser.run_string(status);
    let file_name = status_text
        .rsplit("saved as the file ")
        .next()
        .unwrap()
        .trim_end_matches('.')
        .to_owned();
    assert!(file_name.starts_with("kiosk-"), "{status_text}");
    assert_eq!(
        status_text,
        format!(
            "Your response could not be sent yet. It is saved on this device and will be sent \
             when the connection returns. A copy was also saved as the file {file_name}."
        )
    );
    assert_eq!(
        browser.run_string(waiting),
        "1 response is waiting on this device to be sent."
    );
    assert_eq!(stored(site.root()), first, "nothing was stored while down");

    let _receiver = Receiver::start(site.root(), receive_port, &origin, logs.path());
    browser.run("window.dispatchEvent(new Event('online')); return null");
    browser.wait_for(
        "the queue to be sent",
        "return window.localStorage.getItem('candor-survey-queue') === null",
    );
    assert_eq!(
        browser.run_string(waiting),
        format!("A saved response ({file_name}) was sent.")
    );
    // A later visit finds nothing waiting and sends nothing again.
    browser.goto(&pages.url("/hub/surveys/kiosk/"));
    browser.wait_for(
        "the form script",
        "return !document.getElementById('survey-submit').disabled",
    );
    assert_eq!(browser.run_string(waiting), "");
    let both = stored(site.root());
    let queued_id = file_name
        .trim_start_matches("kiosk-")
        .trim_end_matches(".json");
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(both.iter().all(|(_, count)| *count == 1), "{both:?}");
    assert!(both.iter().any(|(id, _)| id == queued_id), "{both:?}");
    assert!(both.contains(&first[0]));

    // The offline copy opened from disk has the origin `null`, which the collector refuses: it
    // cannot queue there, so it downloads the file and says so, and nothing waits.
    let offline = site.path("public/surveys/kiosk/offline.html");
    browser.goto(&format!("file://{}", offline.display()));
    submit();
    let status_text = browser.run_string(status);
    let file_name = status_text
        .rsplit("saved as the file ")
        .next()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        status_text,
        format!(
            "Your response could not be sent, so it was saved as the file {file_name} instead. \
             Please hand this file to the survey team."
        )
    );
    assert_eq!(browser.run_string(waiting), "");
    assert_eq!(
        stored(site.root()),
        both,
        "the page from disk stored nothing"
    );
}
