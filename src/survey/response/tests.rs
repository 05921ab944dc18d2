//! Response files parsed and checked against a small survey: every reason a response is refused.

use super::*;
use std::path::Path;

const SURVEY: &str = "\
id: wave
title: Wave
version: 2
anonymity: Nothing identifies you.
opens: 2026-03-01
closes: 2026-05-31
questions:
  - {id: contact, type: single, label: Contact?, required: true,
     choices: [{id: 'yes', label: 'Yes'}, {id: 'no', label: 'No'}]}
  - {id: courtesy, type: likert, label: Courteous, required: true,
     show_if: {question: contact, equals: 'yes'}}
  - {id: why, type: text, label: Why, max_length: 5, show_if: {question: courtesy, answered: true}}
  - {id: topics, type: multiple, label: Topics, max_selected: 2,
     choices: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]}
  - {id: score, type: rating, label: Score}
  - {id: years, type: number, label: Years, min: 0, max: 60}
  - {id: hours, type: number, label: Hours, integer: false, max: 7.5}
";

const ID: &str = "0b8e6f7a-3c1d-4e2f-9a8b-7c6d5e4f3a2b";

fn survey() -> Survey {
    Survey::parse(SURVEY, Path::new("surveys/wave.yaml")).unwrap()
}

fn today() -> Date {
    "2026-04-10".parse::<Date>().unwrap()
}

/// A response with these answers, borrowing from text that lives as long as the test.
fn response(answers: &str) -> Response<'static> {
    let text = format!(
        r#"{{"format":"candor-response/1","survey":"wave","version":2,"response_id":"{ID}","submitted":"2026-04-10","answers":{answers}}}"#
    );
    Response::parse(Box::leak(text.into_boxed_str())).unwrap()
}

fn reasons(response: &Response) -> Vec<(Reason, Option<String>)> {
    match validate_response(&survey(), response, today()) {
        Ok(()) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .map(|p| (p.reason, p.question))
            .collect(),
    }
}

fn one(reason: Reason, question: &str) -> Vec<(Reason, Option<String>)> {
    vec![(reason, Some(question.to_owned()))]
}

#[test]
fn a_complete_response_is_accepted_and_round_trips() {
    let response = response(
        r#"{"contact":"yes","courtesy":4,"why":"kind","topics":["a","c"],"score":0,"years":12,"hours":2.5}"#,
    );
    assert_eq!(reasons(&response), []);
    let written = serde_json::to_string(&response).unwrap();
    assert_eq!(Response::parse(&written).unwrap(), response);
    assert!(written.contains(r#""hours":2.5"#), "{written}");
    assert!(written.contains(r#""years":12}"#), "{written}");
    assert_eq!(response.file_name(), format!("wave-{ID}.json"));
}

#[test]
fn text_is_borrowed_from_the_file_unless_it_has_escapes() {
    let text = r#"{"format":"candor-response/1","survey":"wave","version":2,"response_id":"x",
            "submitted":"2026-04-10","answers":{"contact":"yes","wh\u0079":"caf\u00e9","topics":["a","\u0062"]}}"#;
    let response = Response::parse(text).unwrap();
    assert!(matches!(response.survey, Cow::Borrowed("wave")));
    assert!(matches!(
        response.answers.get("contact"),
        Some(Answer::Text(Cow::Borrowed("yes")))
    ));
    assert_eq!(response.answers["why"], Answer::Text("café".into()));
    assert_eq!(
        response.answers["topics"],
        Answer::Choices(vec!["a".into(), "b".into()])
    );
}

#[test]
fn header_problems_stop_the_check() {
    let mut wrong = response(r#"{}"#);
    wrong.version = 1;
    let problems = validate_response(&survey(), &wrong, today()).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].reason, Reason::Version);
    assert_eq!(
        problems[0].message,
        "the response is for version 1 of survey `wave`, but the definition is version 2"
    );
    let mut wrong = response(r#"{}"#);
    wrong.format = "candor-response/9".into();
    assert_eq!(reasons(&wrong), [(Reason::Format, None)]);
    let mut wrong = response(r#"{}"#);
    wrong.survey = "other".into();
    assert_eq!(reasons(&wrong), [(Reason::UnknownSurvey, None)]);
}

#[test]
fn response_id_must_be_a_lowercase_uuid_v4() {
    for bad in [
        "not-a-uuid",
        "0B8E6F7A-3C1D-4E2F-9A8B-7C6D5E4F3A2B",
        "0b8e6f7a3c1d4e2f9a8b7c6d5e4f3a2b",
        "0b8e6f7a-3c1d-1e2f-9a8b-7c6d5e4f3a2b",
        "0b8e6f7a-3c1d-4e2f-1a8b-7c6d5e4f3a2b",
        "{0b8e6f7a-3c1d-4e2f-9a8b-7c6d5e4f3a2b}",
    ] {
        let mut wrong = response(r#"{"contact":"no"}"#);
        wrong.response_id = bad.into();
        assert_eq!(reasons(&wrong), [(Reason::ResponseId, None)], "{bad}");
    }
    assert!(is_uuid_v4(&uuid::Uuid::new_v4().to_string()));
}

#[test]
fn submitted_must_be_a_real_day_not_in_the_future() {
    let mut wrong = response(r#"{"contact":"no"}"#);
    wrong.submitted = "2026-04-31".into();
    assert_eq!(reasons(&wrong), [(Reason::Date, None)]);
    wrong.submitted = "2026-04-10T12:00:00Z".into();
    assert_eq!(reasons(&wrong), [(Reason::Date, None)]);
    wrong.submitted = "2026-04-11".into();
    assert_eq!(reasons(&wrong), [(Reason::FutureDate, None)]);
}

#[test]
fn required_questions_unless_hidden() {
    assert_eq!(
        reasons(&response(r#"{}"#)),
        one(Reason::Required, "contact")
    );
    assert_eq!(
        reasons(&response(r#"{"contact":"yes"}"#)),
        one(Reason::Required, "courtesy")
    );
    assert_eq!(reasons(&response(r#"{"contact":"no"}"#)), []);
}

#[test]
fn answers_to_hidden_questions_are_rejected_and_hiding_cascades() {
    assert_eq!(
        reasons(&response(r#"{"contact":"no","courtesy":3}"#)),
        one(Reason::HiddenAnswer, "courtesy")
    );
    // `why` depends on `courtesy`, which is hidden, so `why` is hidden too.
    let problems = reasons(&response(r#"{"contact":"no","courtesy":3,"why":"x"}"#));
    assert_eq!(
        problems,
        [
            (Reason::HiddenAnswer, Some("courtesy".into())),
            (Reason::HiddenAnswer, Some("why".into()))
        ]
    );
}

#[test]
fn unknown_question_ids_are_rejected() {
    assert_eq!(
        reasons(&response(r#"{"contact":"no","ip":"10.0.0.1"}"#)),
        one(Reason::UnknownQuestion, "ip")
    );
}

#[test]
fn each_answer_is_checked_against_its_type() {
    let cases = [
        (r#""contact":"maybe""#, Reason::UnknownChoice, "contact"),
        (r#""contact":["no"]"#, Reason::WrongType, "contact"),
        (
            r#""contact":"yes","courtesy":6"#,
            Reason::OutOfRange,
            "courtesy",
        ),
        (
            r#""contact":"yes","courtesy":0"#,
            Reason::OutOfRange,
            "courtesy",
        ),
        (
            r#""contact":"yes","courtesy":2.5"#,
            Reason::OutOfRange,
            "courtesy",
        ),
        (
            r#""contact":"yes","courtesy":"4""#,
            Reason::WrongType,
            "courtesy",
        ),
        (
            r#""contact":"yes","courtesy":4,"why":"toolong""#,
            Reason::TooLong,
            "why",
        ),
        (
            r#""contact":"yes","courtesy":4,"why":"  ""#,
            Reason::WrongType,
            "why",
        ),
        (r#""topics":["a","z"]"#, Reason::UnknownChoice, "topics"),
        (r#""topics":["a","a"]"#, Reason::Selections, "topics"),
        (r#""topics":["a","b","c"]"#, Reason::Selections, "topics"),
        (r#""topics":[]"#, Reason::Selections, "topics"),
        (r#""topics":"a""#, Reason::WrongType, "topics"),
        (r#""score":11"#, Reason::OutOfRange, "score"),
        (r#""score":-1"#, Reason::OutOfRange, "score"),
        (r#""years":61"#, Reason::OutOfRange, "years"),
        (r#""years":1.5"#, Reason::OutOfRange, "years"),
        (r#""years":"12""#, Reason::WrongType, "years"),
        (r#""hours":7.6"#, Reason::OutOfRange, "hours"),
    ];
    for (answers, reason, question) in cases {
        let answers = if answers.starts_with(r#""contact""#) {
            format!("{{{answers}}}")
        } else {
            format!(r#"{{"contact":"no",{answers}}}"#)
        };
        assert_eq!(
            reasons(&response(&answers)),
            one(reason, question),
            "{answers}"
        );
    }
    // Multi-byte characters count once each.
    assert_eq!(
        reasons(&response(r#"{"contact":"yes","courtesy":4,"why":"ééééé"}"#)),
        []
    );
}

#[test]
fn malformed_files_are_refused_with_a_reason() {
    let valid = format!(
        r#"{{"format":"candor-response/1","survey":"wave","version":2,"response_id":"{ID}","submitted":"2026-04-10","answers":{{}}}}"#
    );
    assert!(Response::parse(&valid).is_ok());
    let extra = valid.replace(r#""answers""#, r#""ip":"1.2.3.4","answers""#);
    let nested = valid.replace(r#""answers":{}"#, r#""answers":{"a":{"b":1}}"#);
    let boolean = valid.replace(r#""answers":{}"#, r#""answers":{"a":true}"#);
    let numbers = valid.replace(r#""answers":{}"#, r#""answers":{"a":[1,2]}"#);
    let huge = valid.replace(
        r#""answers":{}"#,
        &format!(
            r#""answers":{{"a":[{}"x"]}}"#,
            "\"x\",".repeat(MAX_SELECTIONS)
        ),
    );
    for bad in [
        &extra,
        &nested,
        &boolean,
        &numbers,
        &huge,
        "",
        "[]",
        &valid[..40],
    ] {
        let problem = Response::parse(bad).unwrap_err();
        assert_eq!(problem.reason, Reason::Malformed, "{bad}");
    }
}

#[test]
fn untrusted_text_is_escaped_and_shortened_in_messages() {
    let long = format!("\u{1b}[31m{}", "x".repeat(500));
    let wrong = response(&format!(
        r#"{{"contact":"no","{}":1}}"#,
        long.replace('\u{1b}', "\\u001b")
    ));
    let problems = validate_response(&survey(), &wrong, today()).unwrap_err();
    let message = &problems[0].message;
    assert!(!message.contains('\u{1b}'), "{message}");
    assert!(message.contains("\\u{1b}"), "{message}");
    assert!(message.len() < 150, "{message}");
}

#[test]
fn a_response_received_may_be_dated_tomorrow_but_not_outside_the_survey_dates() {
    let dated = |day: &str| {
        let mut response = response(r#"{"contact":"no"}"#);
        response.submitted = day.to_owned().into();
        response
    };
    let received = |day: &str, today: &str| {
        validate_received(&survey(), &dated(day), today.parse().unwrap())
            .map_err(|problems| problems.into_iter().map(|p| p.reason).collect::<Vec<_>>())
    };
    // Tomorrow, for a respondent ahead of UTC, across the end of a month.
    assert_eq!(received("2026-05-01", "2026-04-30"), Ok(()));
    assert_eq!(
        received("2026-05-02", "2026-04-30"),
        Err(vec![Reason::FutureDate])
    );
    // A day either side of the survey's dates (2026-03-01 to 2026-05-31), not two.
    assert_eq!(received("2026-02-28", "2026-04-30"), Ok(()));
    assert_eq!(
        received("2026-02-27", "2026-04-30"),
        Err(vec![Reason::OutsideDates])
    );
    assert_eq!(received("2026-06-01", "2026-06-30"), Ok(()));
    assert_eq!(
        received("2026-06-02", "2026-06-01"),
        Err(vec![Reason::FutureDate, Reason::OutsideDates]),
        "dated tomorrow is allowed only inside the survey's dates"
    );
}
