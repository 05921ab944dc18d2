//! The published survey form in real headless Chromium: over a loopback HTTP server and as the
//! offline single file from `file://`. Filled with the keyboard, checked for announced errors
//! and skip logic, and the response files it downloads (or POSTs) are held to the documented
//! format and to the validator the collector uses.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::server::Server;
use super::survey_site;
use super::webdriver::{Driver, Session};
use candor::date::Date;
use candor::survey::response::is_uuid_v4;
use candor::survey::{Response, Survey, validate_response};

const ENTER: &str = "\u{E007}";

/// Chromium and chromedriver, or `None` (with a notice every test run shows) when they are not
/// installed. With `CANDOR_REQUIRE_TOOLS=1`, as in CI, a missing tool fails the test instead.
pub(crate) fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let chromium = find_program(&["chromium", "chromium-browser"]);
    let chromedriver = find_program(&["chromedriver"]);
    if let (Some(chromium), Some(chromedriver)) = (&chromium, &chromedriver) {
        return Some((chromium.clone(), chromedriver.clone()));
    }
    let missing = format!(
        "chromium: {}, chromedriver: {}",
        if chromium.is_some() {
            "found"
        } else {
            "MISSING"
        },
        if chromedriver.is_some() {
            "found"
        } else {
            "MISSING"
        }
    );
    crate::support::skip_test(
        &format!("the browser tests need Chromium and chromedriver ({missing})"),
        "chromium chromium-driver",
    );
    None
}

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A one-question survey whose form POSTs to `url`.
fn posting_survey(id: &str, url: &str) -> String {
    format!(
        "id: {id}\ntitle: Posting {id}\nversion: 1\nanonymity: Nothing identifies you.\n\
         opens: 2020-01-01\ncloses: 2099-12-31\ncollection_url: {url}\nquestions:\n  \
         - {{id: fine, type: single, required: true, label: All fine?, choices: [{{id: 'yes', label: 'Yes'}}]}}\n"
    )
}

/// A survey with a choice that can only be chosen alone, a whole number and a required text.
const ROUTES_SURVEY: &str = r#"id: routes
title: Routes
version: 1
anonymity: Nothing identifies you.
opens: 2020-01-01
closes: 2099-12-31
questions:
  - id: routes
    type: multiple
    label: Which routes did you know of?
    choices:
      - {id: manager, label: Your manager}
      - {id: ombudsman, label: The Ombudsman}
      - {id: none, label: None of these, exclusive: true}
  - {id: years, type: number, label: For how many years?}
  - {id: note, type: text, required: true, label: Anything to add?}
"#;

/// Response files that appear in the download folder, one at a time.
struct Downloads {
    dir: PathBuf,
    seen: HashSet<PathBuf>,
}

impl Downloads {
    fn next(&mut self) -> (String, String) {
        let started = Instant::now();
        loop {
            let fresh = std::fs::read_dir(&self.dir)
                .expect("download folder")
                .flatten()
                .map(|entry| entry.path())
                .find(|path| {
                    path.extension().is_some_and(|e| e == "json") && !self.seen.contains(path)
                });
            // Chromium can show the final name before the last byte is written: a file counts
            // as downloaded once it holds a whole JSON document.
            if let Some(path) = fresh {
                let text = std::fs::read_to_string(&path).expect("downloaded file");
                if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
                    self.seen.insert(path.clone());
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    return (name, text);
                }
            }
            assert!(
                started.elapsed() < super::webdriver::PATIENCE,
                "no complete response file (a whole JSON document) was downloaded"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn assert_none_new(&self) {
        let count = std::fs::read_dir(&self.dir)
            .expect("download folder")
            .count();
        assert_eq!(count, self.seen.len(), "an unexpected file was downloaded");
    }
}

#[test]
fn survey_forms_work_in_a_real_browser() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let site = survey_site();
    let public = site.path("public");
    let server = Server::start(&public, "/hub/");
    site.write(
        "surveys/sent.yaml",
        &posting_survey("sent", &server.url("/collect")),
    );
    site.write(
        "surveys/refused.yaml",
        &posting_survey("refused", &server.url("/refuse")),
    );
    site.write("surveys/routes.yaml", ROUTES_SURVEY);
    site.build();
    let survey = Survey::from_file(&site.path("surveys/feedback.yaml"), site.root())
        .unwrap_or_else(|problems| panic!("{problems:?}"));

    let profile = tempfile::tempdir().unwrap();
    let download_dir = tempfile::tempdir().unwrap();
    let mut downloads = Downloads {
        dir: download_dir.path().to_path_buf(),
        seen: HashSet::new(),
    };
    let driver = Driver::start(&chromedriver);
    let browser = driver.session(&chromium, profile.path(), download_dir.path());

    let offline = public.join("surveys/feedback/offline.html");
    let pages = [
        ("online", server.url("/hub/surveys/feedback/")),
        ("offline", format!("file://{}", offline.display())),
    ];
    let mut response_ids = HashSet::new();
    for (how, url) in pages {
        browser.goto(&url);
        wait_until_ready(&browser);
        if how == "offline" {
            assert_eq!(
                browser.run("return performance.getEntriesByType('resource').length"),
                json!(0),
                "the offline file requested something"
            );
        }
        if how == "offline" {
            reflows_on_a_phone_and_prints_as_paper(&browser);
        }
        required_answer_error_is_shown_and_announced(&browser, &downloads);
        let skipped = hidden_answers_are_left_out(&browser, &mut downloads, &survey);
        let complete = every_question_type_round_trips(&browser, &mut downloads, &survey);
        assert!(response_ids.insert(skipped), "{how}: response ids repeat");
        assert!(response_ids.insert(complete), "{how}: response ids repeat");
    }

    let routes = Survey::from_file(&site.path("surveys/routes.yaml"), site.root())
        .unwrap_or_else(|problems| panic!("{problems:?}"));
    exclusive_choices_invisible_text_and_whole_numbers(&browser, &server, &mut downloads, &routes);
    collection_url_receives_the_same_file(&browser, &server, &downloads);
    failed_post_falls_back_to_a_download(&browser, &server, &mut downloads);
}

/// A 320 px viewport is a small phone, and also a 640 px window at 200 % zoom: nothing may
/// need horizontal scrolling. On paper every question shows, with its skip rule in words,
/// and the buttons do not.
fn reflows_on_a_phone_and_prints_as_paper(browser: &Session) {
    let overflow =
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth";
    browser.resize(320, 800);
    let viewport = browser.run("return window.innerWidth");
    assert_eq!(
        browser.run(overflow),
        json!(0),
        "horizontal scroll at {viewport} px"
    );
    browser.resize(1000, 1400);

    browser.devtools("Emulation.setEmulatedMedia", json!({"media": "print"}));
    let display = |css: &str| {
        browser.run_string(&format!(
            "return getComputedStyle(document.querySelector('{css}')).display"
        ))
    };
    assert_ne!(
        display("#question-courtesy"),
        "none",
        "hidden questions print"
    );
    assert_ne!(display("#q-courtesy-rule"), "none", "skip rules print");
    assert_ne!(display(".survey-paper-note"), "none");
    assert_eq!(display(".survey-actions"), "none", "buttons do not print");
    browser.devtools("Emulation.setEmulatedMedia", json!({"media": ""}));
    assert_eq!(display("#question-courtesy"), "none");
}

fn wait_until_ready(browser: &Session) {
    browser.wait_for(
        "the form script",
        "return !document.getElementById('survey-submit').disabled",
    );
}

/// Submits the form by keyboard and returns the text of the error summary it must show.
fn submit_expecting_errors(browser: &Session) -> String {
    browser.send_keys("#survey-submit", ENTER);
    browser.wait_for(
        "the error summary",
        "return !document.getElementById('survey-errors').hidden",
    );
    browser.run_string("return document.getElementById('survey-errors').innerText")
}

fn required_answer_error_is_shown_and_announced(browser: &Session, downloads: &Downloads) {
    let summary = submit_expecting_errors(browser);
    assert!(
        summary.contains("There is a problem with your answers")
            && summary.contains("Question 2: Answer this question; it is required."),
        "{summary}"
    );
    assert_eq!(
        browser.run_string("return document.getElementById('survey-errors').getAttribute('role')"),
        "alert",
        "the summary is announced"
    );
    assert_eq!(
        browser.run_string("return document.activeElement.id"),
        "survey-errors",
        "focus moves to the summary"
    );
    assert_eq!(
        browser.run("return document.querySelectorAll('#survey-errors li').length"),
        json!(1),
        "a hidden required question (3) is not required"
    );
    assert_eq!(
        browser.run_string(
            "return document.getElementById('q-contacted-yes').getAttribute('aria-invalid')"
        ),
        "true"
    );
    assert_eq!(
        browser.run_string(
            "return document.getElementById('q-contacted-no').getAttribute('aria-describedby')"
        ),
        "q-contacted-error",
        "the error is tied to the field"
    );
    assert_eq!(
        browser.run_string("return document.getElementById('q-contacted-error').innerText"),
        "Answer this question; it is required."
    );
    downloads.assert_none_new();
}

fn is_hidden(browser: &Session, question: &str) -> bool {
    browser.run_bool(&format!(
        "return document.getElementById('question-{question}').hidden"
    ))
}

/// Answers questions that a later answer hides, then checks they are hidden and absent from
/// the file. Returns the response id.
fn hidden_answers_are_left_out(
    browser: &Session,
    downloads: &mut Downloads,
    survey: &Survey,
) -> String {
    assert!(is_hidden(browser, "courtesy") && is_hidden(browser, "channels"));
    browser.send_keys("#q-region-north", " ");
    browser.send_keys("#q-contacted-yes", " ");
    assert!(
        !is_hidden(browser, "courtesy") && !is_hidden(browser, "channels"),
        "choosing Yes shows the follow-up questions"
    );
    assert!(
        browser.run_bool(
            "return !document.getElementById('q-contacted-yes').hasAttribute('aria-invalid')"
        ),
        "answering clears the error"
    );
    assert!(
        is_hidden(browser, "overall"),
        "overall waits for an answer to 3"
    );
    browser.send_keys("#q-courtesy-4", " ");
    assert!(!is_hidden(browser, "overall"));
    browser.send_keys("#q-overall-8", " ");
    browser.send_keys("#q-channels-email", " ");
    browser.send_keys("#q-meetings", "3");
    browser.send_keys("#q-hours", "2.5");
    browser.send_keys("#q-improve", "Reply sooner");

    browser.send_keys("#q-contacted-no", " ");
    for question in ["courtesy", "channels", "overall"] {
        assert!(
            is_hidden(browser, question),
            "{question} is hidden after No"
        );
    }
    browser.send_keys("#survey-submit", ENTER);
    let (name, text) = downloads.next();
    let response = check_response_file(&name, &text, survey, browser);
    assert_eq!(
        response["answers"],
        json!({"region": "north", "contacted": "no", "meetings": 3, "hours": 2.5,
               "improve": "Reply sooner"}),
        "answers to hidden questions are removed"
    );
    assert!(
        browser
            .run_string("return document.getElementById('survey-status').innerText")
            .contains(&name),
        "the confirmation names the file"
    );
    response["response_id"].as_str().unwrap().to_owned()
}

/// Starts a new response, trips the range checks, fixes them, answers every question type
/// and checks the file. Returns the response id.
fn every_question_type_round_trips(
    browser: &Session,
    downloads: &mut Downloads,
    survey: &Survey,
) -> String {
    browser.send_keys("#survey-new", ENTER);
    assert!(browser.run_bool(
        "return document.getElementById('survey-done').hidden && !document.getElementById('q-region-north').checked"
    ));
    browser.send_keys("#q-region-south", " ");
    browser.send_keys("#q-contacted-yes", " ");
    browser.send_keys("#q-courtesy-5", " ");
    for channel in ["email", "meeting", "phone"] {
        browser.send_keys(&format!("#q-channels-{channel}"), " ");
    }
    browser.send_keys("#q-meetings", "41");
    let summary = submit_expecting_errors(browser);
    assert!(
        summary.contains("There are 2 problems")
            && summary.contains("Question 4: Choose no more than 2 (you chose 3).")
            && summary.contains("Question 6: Enter a number from 0 to 40."),
        "{summary}"
    );

    browser.send_keys("#q-channels-phone", " ");
    browser.run("document.getElementById('q-meetings').value = ''");
    browser.send_keys("#q-meetings", "40");
    assert!(
        browser.run_bool("return document.getElementById('q-meetings-error').hidden"),
        "a fixed answer loses its error"
    );
    browser.send_keys("#q-overall-0", " ");
    browser.send_keys("#q-hours", "0.25");
    browser.send_keys("#q-improve", "Ça va — “quotes” <b>&");
    browser.send_keys("#q-comments", "Line one\nLine two");
    browser.send_keys("#survey-submit", ENTER);
    let (name, text) = downloads.next();
    let response = check_response_file(&name, &text, survey, browser);
    assert_eq!(
        response["answers"],
        json!({"region": "south", "contacted": "yes", "courtesy": 5,
               "channels": ["email", "meeting"], "overall": 0, "meetings": 40, "hours": 0.25,
               "improve": "Ça va — “quotes” <b>&", "comments": "Line one\nLine two"})
    );
    response["response_id"].as_str().unwrap().to_owned()
}

fn is_checked(browser: &Session, id: &str) -> bool {
    browser.run_bool(&format!("return document.getElementById('{id}').checked"))
}

/// The form applies the collector's rules: a choice that can only be chosen alone unticks the
/// others (and is unticked by them), text of invisible characters is no answer, and a whole
/// number typed with a decimal point or an exponent is written with digits only.
fn exclusive_choices_invisible_text_and_whole_numbers(
    browser: &Session,
    server: &Server,
    downloads: &mut Downloads,
    survey: &Survey,
) {
    browser.goto(&server.url("/hub/surveys/routes/"));
    wait_until_ready(browser);
    browser.send_keys("#q-routes-manager", " ");
    browser.send_keys("#q-routes-ombudsman", " ");
    browser.send_keys("#q-routes-none", " ");
    assert_eq!(
        (
            is_checked(browser, "q-routes-manager"),
            is_checked(browser, "q-routes-ombudsman"),
            is_checked(browser, "q-routes-none")
        ),
        (false, false, true),
        "ticking “None of these” unticks the others"
    );
    browser.send_keys("#q-routes-manager", " ");
    assert_eq!(
        (
            is_checked(browser, "q-routes-manager"),
            is_checked(browser, "q-routes-none")
        ),
        (true, false),
        "ticking another choice unticks “None of these”"
    );
    browser.send_keys("#q-note", "\u{200B}\u{2060}\u{FEFF}\u{AD}");
    browser.send_keys("#q-years", "1e1");
    assert_eq!(
        submit_expecting_errors(browser),
        "There is a problem with your answers\nQuestion 3: Answer this question; it is required.",
        "invisible text is no answer"
    );
    browser.send_keys("#q-note", "Fine");
    browser.send_keys("#survey-submit", ENTER);
    let (name, text) = downloads.next();
    let response = check_response_file(&name, &text, survey, browser);
    assert_eq!(
        response["answers"],
        json!({"routes": ["manager"], "years": 10, "note": "\u{200B}\u{2060}\u{FEFF}\u{AD}Fine"})
    );
    assert!(
        text.contains(r#""years":10,"#),
        "a whole number is written with digits only: {text}"
    );
}

/// Holds a downloaded file to the documented format and to the collector's validator.
fn check_response_file(name: &str, text: &str, survey: &Survey, browser: &Session) -> Value {
    let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}: {text}"));
    let object = value.as_object().expect("a JSON object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "answers",
            "format",
            "response_id",
            "submitted",
            "survey",
            "version"
        ],
        "exactly the documented keys: {text}"
    );
    assert_eq!(value["format"], "candor-response/1");
    assert_eq!(value["survey"], json!(survey.id));
    assert!(value["version"].is_u64(), "version is an integer: {text}");
    assert_eq!(value["version"], json!(survey.version));
    let id = value["response_id"]
        .as_str()
        .expect("response_id is a string");
    assert!(is_uuid_v4(id), "{id} is a lowercase UUID v4");
    assert_eq!(name, format!("{}-{id}.json", survey.id));
    let submitted = value["submitted"].as_str().expect("submitted is a string");
    let browser_today = browser.run_string(
        "const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0')",
    );
    assert_eq!(
        submitted, browser_today,
        "the day, in the respondent's calendar"
    );
    let day: Date = submitted.parse().expect("a real date");
    let response = Response::parse(text).unwrap_or_else(|p| panic!("{p}"));
    if let Err(problems) = validate_response(survey, &response, day) {
        panic!("the collector would reject {name}: {problems:?}");
    }
    value
}

fn collection_url_receives_the_same_file(
    browser: &Session,
    server: &Server,
    downloads: &Downloads,
) {
    browser.goto(&server.url("/hub/surveys/sent/"));
    wait_until_ready(browser);
    browser.send_keys("#q-fine-yes", " ");
    browser.send_keys("#survey-submit", ENTER);
    browser.wait_for(
        "the sent confirmation",
        "return document.getElementById('survey-status').innerText.includes('was sent')",
    );
    let collected = server.collected.lock().unwrap().clone();
    assert_eq!(collected.len(), 1, "{collected:?}");
    let response = Response::parse(&collected[0]).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(response.survey, "sent");
    assert_eq!(
        serde_json::from_str::<Value>(&collected[0]).unwrap()["answers"],
        json!({"fine": "yes"})
    );
    downloads.assert_none_new();
}

fn failed_post_falls_back_to_a_download(
    browser: &Session,
    server: &Server,
    downloads: &mut Downloads,
) {
    browser.goto(&server.url("/hub/surveys/refused/"));
    wait_until_ready(browser);
    browser.send_keys("#q-fine-yes", " ");
    browser.send_keys("#survey-submit", ENTER);
    let (name, text) = downloads.next();
    assert!(name.starts_with("refused-"), "{name}");
    let response = Response::parse(&text).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(response.survey, "refused");
    assert!(
        browser
            .run_string("return document.getElementById('survey-status').innerText")
            .contains("could not be sent"),
    );
    assert_eq!(
        server.collected.lock().unwrap().len(),
        1,
        "nothing more was stored"
    );
}
