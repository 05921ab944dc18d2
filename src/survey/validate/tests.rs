//! The definition checks, one problem at a time, each located where the user would fix it.

use super::*;
use crate::survey::ConditionTest;

const VALID: &str = "\
id: wave
title: Wave
version: 1
anonymity: Nothing identifies you.
opens: 2026-03-01
closes: 2026-05-31
questions:
  - id: contact
    type: single
    label: Did you contact staff?
    required: true
    choices:
      - {id: 'yes', label: 'Yes'}
      - {id: 'no', label: 'No'}
  - id: courtesy
    type: likert
    points: 7
    label: Staff were courteous.
    show_if: {question: contact, equals: 'yes'}
  - id: topics
    type: multiple
    label: Topics
    min_selected: 1
    max_selected: 2
    choices:
      - {id: policy, label: Policy}
      - {id: billing, label: Billing}
  - id: score
    type: rating
    label: Overall
    show_if: {question: topics, one_of: [policy]}
  - id: years
    type: number
    label: Years
    min: 0
    max: 60
  - id: comment
    type: long_text
    label: Anything else?
    max_length: 500
    show_if: {question: contact, answered: true}
";

fn parse_valid(source: &str) -> Survey {
    parse(source, Path::new("surveys/wave.yaml")).unwrap_or_else(|problems| {
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("{}", shown.join("\n"))
    })
}

/// Every error, as printed, for a definition that must be rejected.
fn errors(source: &str) -> Vec<String> {
    match parse(source, Path::new("surveys/wave.yaml")) {
        Ok(_) => panic!("accepted:\n{source}"),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

fn with(find: &str, replace: &str) -> String {
    assert!(VALID.contains(find), "{find}");
    VALID.replacen(find, replace, 1)
}

fn assert_one_error(source: &str, starts: &str, contains: &str) {
    let errors = errors(source);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with(starts), "{}", errors[0]);
    assert!(errors[0].contains(contains), "{}", errors[0]);
}

#[test]
fn a_valid_definition_resolves_every_question_type() {
    let survey = parse_valid(VALID);
    assert_eq!(survey.id, "wave");
    assert_eq!(survey.opens, "2026-03-01".parse::<Date>().unwrap());
    let kinds: Vec<&str> = survey.questions.iter().map(Question::type_name).collect();
    assert_eq!(
        kinds,
        [
            "single",
            "likert",
            "multiple",
            "rating",
            "number",
            "long_text"
        ]
    );
    assert_eq!(
        survey.questions[1].show_if,
        Some(Condition {
            question: "contact".into(),
            test: ConditionTest::Equals("yes".into())
        })
    );
    assert_eq!(
        survey.questions[1].kind,
        QuestionKind::Likert {
            points: 7,
            low: "Strongly disagree".into(),
            high: "Strongly agree".into()
        }
    );
    assert_eq!(
        survey.questions[4].kind,
        QuestionKind::Number {
            min: Some(0.0),
            max: Some(60.0),
            integer: true
        }
    );
    assert_eq!(
        survey.questions[5].show_if.as_ref().map(|c| &c.test),
        Some(&ConditionTest::Answered)
    );
}

#[test]
fn unknown_key_is_located() {
    let source = with(
        "    label: Topics\n",
        "    label: Topics\n    colour: red\n",
    );
    assert_one_error(&source, "surveys/wave.yaml:23:5: error:", "colour");
}

#[test]
fn unknown_type_is_located() {
    let source = with("    type: rating\n", "    type: stars\n");
    assert_one_error(&source, "surveys/wave.yaml:29:11: error:", "stars");
}

#[test]
fn duplicate_question_id_names_both_lines() {
    let source = with("  - id: score\n", "  - id: topics\n");
    assert_one_error(
        &source,
        "surveys/wave.yaml:28:9: error: question id `topics` is used twice",
        "first use is on line 20",
    );
}

#[test]
fn duplicate_choice_id() {
    let source = with("{id: billing,", "{id: policy,");
    assert_one_error(
        &source,
        "surveys/wave.yaml:27:14: error: choice id `policy` is used twice in `topics`",
        "line 26",
    );
}

#[test]
fn show_if_naming_an_unknown_question() {
    let source = with("{question: topics,", "{question: topic,");
    assert_one_error(
        &source,
        "surveys/wave.yaml:31:25: error: `show_if` names `topic`, which is not a question",
        "earlier question",
    );
}

#[test]
fn show_if_naming_a_later_question() {
    let source = with(
        "{question: contact, equals: 'yes'}",
        "{question: years, answered: true}",
    );
    assert_one_error(
        &source,
        "surveys/wave.yaml:19:25: error: `show_if` of `courtesy` names `years`, which comes later (line 32)",
        "asked before it",
    );
}

#[test]
fn show_if_naming_itself() {
    let source = with(
        "{question: topics, one_of: [policy]}",
        "{question: score, answered: true}",
    );
    assert_one_error(
        &source,
        "surveys/wave.yaml:31:25: error:",
        "names the question itself",
    );
}

#[test]
fn show_if_with_an_unknown_choice_lists_the_choices() {
    let source = with("equals: 'yes'}", "equals: maybe}");
    assert_one_error(
        &source,
        "surveys/wave.yaml:19:42: error: `maybe` is not a choice of `contact`",
        "its choices are: yes, no",
    );
}

#[test]
fn show_if_equals_on_a_question_without_choices() {
    let source = with(
        "{question: contact, answered: true}",
        "{question: years, equals: '3'}",
    );
    assert_one_error(&source, "surveys/wave.yaml:41:40: error:", "has no choices");
}

#[test]
fn show_if_needs_exactly_one_test() {
    let source = with("equals: 'yes'}", "equals: 'yes', answered: true}");
    assert_one_error(&source, "surveys/wave.yaml:19:14: error:", "exactly one of");
}

#[test]
fn empty_choice_list() {
    let source = with(
        "    choices:\n      - {id: policy, label: Policy}\n      - {id: billing, label: Billing}\n",
        "    choices: []\n",
    );
    assert_one_error(
        &source,
        "surveys/wave.yaml:25:14: error:",
        "choice list of `topics` is empty",
    );
}

#[test]
fn missing_choices() {
    let source = with(
        "    choices:\n      - {id: policy, label: Policy}\n      - {id: billing, label: Billing}\n",
        "",
    );
    assert_one_error(
        &source,
        "surveys/wave.yaml:21:11: error:",
        "has no `choices`",
    );
}

#[test]
fn number_min_greater_than_max() {
    let source = with("    min: 0\n    max: 60\n", "    min: 61\n    max: 60\n");
    assert_one_error(
        &source,
        "surveys/wave.yaml:35:10: error: `min` (61) is greater than `max` (60)",
        "",
    );
}

#[test]
fn whole_number_bounds_must_be_whole() {
    let source = with("    min: 0\n", "    min: 0.5\n");
    assert_one_error(&source, "surveys/wave.yaml:35:10: error:", "integer: false");
}

#[test]
fn selection_bounds_are_checked() {
    let source = with(
        "    min_selected: 1\n    max_selected: 2\n",
        "    min_selected: 2\n    max_selected: 1\n",
    );
    assert_one_error(
        &source,
        "surveys/wave.yaml:23:19: error:",
        "greater than `max_selected`",
    );
    let source = with("    max_selected: 2\n", "    max_selected: 3\n");
    assert_one_error(&source, "surveys/wave.yaml:24:19: error:", "only 2 choices");
}

#[test]
fn likert_has_five_or_seven_points() {
    let source = with("    points: 7\n", "    points: 4\n");
    assert_one_error(
        &source,
        "surveys/wave.yaml:17:13: error: a likert scale has 5 or 7 points, not 4",
        "",
    );
}

#[test]
fn keys_of_another_type_are_errors() {
    let source = with("    type: rating\n", "    type: rating\n    min: 1\n");
    assert_one_error(
        &source,
        "surveys/wave.yaml:30:10: error: `min` does not apply to a `rating` question",
        "`min` is for number questions",
    );
}

#[test]
fn text_length_is_bounded() {
    let source = with("    max_length: 500\n", "    max_length: 100000\n");
    assert_one_error(
        &source,
        "surveys/wave.yaml:40:17: error:",
        "between 1 and 10000",
    );
}

#[test]
fn group_only_on_single_choice() {
    let source = with("    points: 7\n", "    points: 7\n    group: true\n");
    assert_one_error(
        &source,
        "surveys/wave.yaml:18:12: error:",
        "only for single choice",
    );
}

#[test]
fn dates_must_be_real_and_ordered() {
    let source = with("opens: 2026-03-01", "opens: 2026-02-30");
    assert_one_error(
        &source,
        "surveys/wave.yaml:5:8: error: `opens` \"2026-02-30\" is not a real date",
        "YYYY-MM-DD",
    );
    let source = with("closes: 2026-05-31", "closes: 2026-01-31");
    assert_one_error(
        &source,
        "surveys/wave.yaml:6:9: error: the survey closes (2026-01-31) before it opens",
        "",
    );
}

#[test]
fn survey_id_must_match_the_file() {
    let source = with("id: wave", "id: other");
    assert_one_error(
        &source,
        "surveys/wave.yaml:1:5: error:",
        "rename the file to `other.yaml`",
    );
    let source = with("id: wave", "id: Wave 2026");
    assert_one_error(&source, "surveys/wave.yaml:1:5: error:", "not a valid id");
}

#[test]
fn question_ids_must_be_usable_as_keys() {
    let source = with("  - id: years\n", "  - id: \"years?\"\n");
    assert_one_error(&source, "surveys/wave.yaml:32:9: error:", "not a valid id");
}

#[test]
fn plain_http_collection_url_is_refused() {
    let source = with(
        "questions:\n",
        "collection_url: http://example.org/collect\nquestions:\n",
    );
    assert_one_error(&source, "surveys/wave.yaml:7:17: error:", "https://");
    let source = with(
        "questions:\n",
        "collection_url: http://127.0.0.1:8080/collect\nquestions:\n",
    );
    assert_eq!(
        parse_valid(&source).collection_url.as_deref(),
        Some("http://127.0.0.1:8080/collect")
    );
}

#[test]
fn disclosure_rules_default_and_may_only_be_tightened() {
    assert_eq!(parse_valid(VALID).disclosure, DisclosureRules::default());
    let stricter = with(
        "questions:\n",
        "disclosure: {min_group_size: 20, number_min: 40}\nquestions:\n",
    );
    let rules = parse_valid(&stricter).disclosure;
    assert_eq!((rules.min_group_size, rules.min_count), (20, 5));
    assert_eq!(rules.number_min, 40);
    assert_one_error(
        &with("questions:\n", "disclosure: {min_count: 2}\nquestions:\n"),
        "surveys/wave.yaml:7:13: error: `disclosure: min_count` is 2, below the safe minimum of 3",
        "use 3 or more",
    );
    assert_one_error(
        &with(
            "questions:\n",
            "disclosure: {min_group_size: 40}\nquestions:\n",
        ),
        "surveys/wave.yaml:7:13: error: `disclosure: number_min` (30) is smaller than `min_group_size` (40)",
        "raise `number_min` to at least 40",
    );
    assert_one_error(
        &with("questions:\n", "disclosure: {min_groups: 30}\nquestions:\n"),
        "surveys/wave.yaml:7",
        "min_groups",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let source = with("    points: 7\n", "    points: 3\n")
        .replace("{question: topics,", "{question: nothing,");
    assert_eq!(errors(&source).len(), 2, "{:#?}", errors(&source));
}
