//! Property tests: every parser an author or an attacker can reach, fed random input and
//! mutations of real files, must return (never panic), and every problem it reports must point
//! into the file it read, with a message safe to print on a terminal.
//!
//! Examples test what we thought of; these test what we did not (a soft hyphen in a title once
//! panicked the build). Each property runs a few hundred cases so the suite stays fast in
//! debug builds; failures are not persisted, the printed minimal input is the regression test.

use std::io::Cursor;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::config::SiteConfig;
use crate::content::{self, PageKind};
use crate::diagnostic::Diagnostic;
use crate::sign::manifest::Manifest;
use crate::sign::release::ReleaseInfo;
use crate::survey::results::Results;
use crate::survey::{Response, Survey, validate_response};

const PAGE: &str = include_str!("../tests/fixtures/basic/content/standards.md");
const HOME: &str = include_str!("../content/_index.md");
const SITE: &str = include_str!("../site.yaml");
const DATA: &str = include_str!("../data/kpis.yaml");
const SURVEY: &str = include_str!("../tests/fixtures/survey/surveys/feedback.yaml");
const RESULTS: &str = include_str!("../surveys/results/community-2026.yaml");
const MANIFEST: &str = "\
0f343b0931126a20f133d67c2b018a3b5e4f3f1e1b6b1c6b9b1e6b7b0e3b0c4b  404.html
1f343b0931126a20f133d67c2b018a3b5e4f3f1e1b6b1c6b9b1e6b7b0e3b0c4b  index.html
2f343b0931126a20f133d67c2b018a3b5e4f3f1e1b6b1c6b9b1e6b7b0e3b0c4b  standards/index.html
";
const RESPONSE: &str = r#"{"format": "candor-response/1", "survey": "feedback", "version": 2,
  "response_id": "00000000-0000-4000-8000-000000000001", "submitted": "2026-03-10",
  "answers": {"contacted": "yes", "courtesy": 4, "channels": ["email"], "comments": "fine"}}"#;
const TRUSTED_COMMENT: &str = "candor-release format=1 base_url=https://example.org/hub/ release=7 built=2026-03-01T10:00:00Z files=12 valid_until=2026-06-01";

/// Text that means something to YAML, Markdown, JSON, paths or terminals, and characters that
/// are more than one byte, invisible, or not allowed where they end up.
const TOKENS: &[&str] = &[
    "---",
    "\n",
    "\r\n",
    "\r",
    ": ",
    ":",
    "- ",
    "  ",
    "\t",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "!!binary ",
    "? ",
    "#",
    "|",
    ">-",
    "%YAML 1.2\n",
    "~",
    "null",
    "yes",
    "\u{feff}",
    "\u{ad}",
    "\u{0}",
    "\u{1b}[31m",
    "\u{7f}",
    "é",
    "𝕏",
    "\u{202e}",
    "\u{85}",
    "\u{2028}",
    "\u{fffd}",
    "..",
    "/",
    "\\",
    "%2e",
    "<script>",
    "&amp;",
    "`",
    "*",
    "_",
    "[x](",
    ")",
    "![a](",
    "[^1]",
    "{#id}",
    "<!--",
    "```",
    "| a |\n|---|",
    "\\u0000",
    "\\ud800",
    "1e999",
    "-1",
    "99999999999999999999",
    "0x",
    "=",
];

/// One edit of a text, at a position given as a fraction of its length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(u16, String),
    Delete(u16, u8),
    Repeat(u16, u8, u8),
}

fn insertion() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        2 => any::<char>().prop_map(String::from),
        1 => "[ -~]{0,12}",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<u16>(), insertion()).prop_map(|(at, text)| Edit::Insert(at, text)),
        2 => (any::<u16>(), any::<u8>()).prop_map(|(at, length)| Edit::Delete(at, length % 24)),
        1 => (any::<u16>(), any::<u8>(), 2..40u8)
            .prop_map(|(at, length, times)| Edit::Repeat(at, length % 24, times)),
    ]
}

/// The byte offset a fraction stands for in `text`, moved back to a character boundary.
fn offset(text: &str, at: u16) -> usize {
    let mut offset = text.len() * usize::from(at) / usize::from(u16::MAX);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut text = seed.to_owned();
    for edit in edits {
        match edit {
            Edit::Insert(at, inserted) => text.insert_str(offset(&text, *at), inserted),
            Edit::Delete(at, length) | Edit::Repeat(at, length, _) => {
                let start = offset(&text, *at);
                let mut end = (start + usize::from(*length)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                if let Edit::Repeat(_, _, times) = edit {
                    let stretch = text[start..end].repeat(usize::from(*times));
                    text.insert_str(start, &stretch);
                } else {
                    text.replace_range(start..end, "");
                }
            }
        }
    }
    text
}

/// `seed` with a few edits, or (one case in eight) any text at all.
fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        7 => proptest::collection::vec(edit(), 1..8).prop_map(move |edits| apply(seed, &edits)),
        1 => any::<String>(),
    ]
}

/// `seed`'s bytes mutated as text, then a few bytes overwritten with any value (invalid UTF-8).
fn mutated_bytes(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    (
        mutated(seed),
        proptest::collection::vec((any::<u16>(), any::<u8>()), 0..3),
    )
        .prop_map(|(text, overwrites)| {
            let mut bytes = text.into_bytes();
            for (at, byte) in overwrites {
                if !bytes.is_empty() {
                    let index = bytes.len() * usize::from(at) / (usize::from(u16::MAX) + 1);
                    bytes[index] = byte;
                }
            }
            bytes
        })
}

/// A few hundred cases each, unless `PROPTEST_CASES` asks for a longer search.
fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            256
        },
        failure_persistence: None,
        ..default
    }
}

/// A message is safe to print when no character in it can drive a terminal (line breaks and
/// tabs only move the cursor on).
fn printable(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !message.trim().is_empty()
            && !message
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "not a printable message: {}",
        message.escape_debug()
    );
    Ok(())
}

/// The problem names `file` and a line that exists in `text` (0: the whole file).
fn located(diagnostic: &Diagnostic, file: &Path, text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(diagnostic.file.as_deref(), Some(file));
    let lines = text.split('\n').count();
    prop_assert!(
        diagnostic.line <= lines,
        "line {} of a {lines}-line file: {diagnostic}",
        diagnostic.line
    );
    printable(&diagnostic.message)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn pages_and_their_front_matter(text in prop_oneof![mutated(PAGE), mutated(HOME)]) {
        let source = Path::new("content/page.md");
        match content::parse_page(source, text.clone(), "/page/".to_owned(), PageKind::Page) {
            Ok(page) => {
                let body = page.body();
                let rendered = crate::markdown::render(body, source, "/hub/");
                for link in &rendered.links {
                    prop_assert!(link.span.end <= body.len());
                }
                for (_, span) in &rendered.outside {
                    prop_assert!(span.end <= body.len());
                }
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for problem in problems.iter() {
                    located(problem, source, &text)?;
                }
            }
        }
    }

    #[test]
    fn site_configuration(text in mutated(SITE)) {
        if let Err(problem) = SiteConfig::parse(&text) {
            located(&problem, Path::new("site.yaml"), &text)?;
        }
    }

    #[test]
    fn data_files(text in mutated(DATA)) {
        let file = Path::new("data/kpis.yaml");
        if let Err(problem) = crate::yaml::parse::<serde_json::Value>(&text, file, 1) {
            located(&problem, file, &text)?;
        }
    }

    #[test]
    fn survey_definitions(text in mutated(SURVEY)) {
        let file = Path::new("surveys/feedback.yaml");
        if let Err(problems) = Survey::parse(&text, file) {
            prop_assert!(!problems.is_empty());
            for problem in problems.iter() {
                located(problem, file, &text)?;
            }
        }
    }

    #[test]
    fn published_results(text in mutated(RESULTS)) {
        let file = Path::new("surveys/results/community-2026.yaml");
        if let Err(problem) = Results::parse(&text, file) {
            located(&problem, file, &text)?;
        }
    }

    #[test]
    fn response_files(bytes in mutated_bytes(RESPONSE)) {
        let survey = Survey::parse(SURVEY, Path::new("surveys/feedback.yaml"))
            .expect("the fixture survey parses");
        let limits = crate::collect::read::Limits::default();
        let text = match crate::collect::read::screen(&bytes, &limits) {
            Ok(text) => text,
            Err(problem) => return printable(&problem.message),
        };
        let response: Response = match crate::collect::read::parse_json(text) {
            Ok(response) => response,
            Err(problem) => return printable(&problem.message),
        };
        let today = "2026-06-01".parse().expect("a date");
        if let Err(problems) = validate_response(&survey, &response, today) {
            for problem in problems {
                printable(&problem.message)?;
            }
        }
    }

    #[test]
    fn file_lists(bytes in mutated_bytes(MANIFEST)) {
        let shown = Path::new("site/SHA256SUMS");
        let (_, problems) = Manifest::parse(&bytes, shown);
        for problem in problems.iter() {
            located(problem, shown, &String::from_utf8_lossy(&bytes))?;
        }
    }

    #[test]
    fn trusted_comments(text in mutated(TRUSTED_COMMENT)) {
        if let Err(message) = ReleaseInfo::parse(&text) {
            printable(&message)?;
        }
    }

    #[test]
    fn signatures(text in mutated(signature_text())) {
        let (_, public) = signing_key();
        if let Ok(signature) = crate::sign::verify::parse_signature(&text) {
            let _ = signature.keynum();
            if let Ok(comment) = signature.trusted_comment()
                && let Err(message) = ReleaseInfo::parse(&comment)
            {
                printable(&message)?;
            }
            let _ = minisign::verify(public, &signature, Cursor::new(MANIFEST), true, false, false);
        }
    }
}

/// A key pair made once for the signature properties.
fn signing_key() -> &'static (minisign::SecretKey, minisign::PublicKey) {
    static KEY: std::sync::OnceLock<(minisign::SecretKey, minisign::PublicKey)> =
        std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair");
        (pair.sk, pair.pk)
    })
}

/// A genuine signature of [`MANIFEST`], as `SHA256SUMS.minisig` holds it.
fn signature_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let (secret, public) = signing_key();
        minisign::sign(
            Some(public),
            secret,
            Cursor::new(MANIFEST),
            Some(TRUSTED_COMMENT),
            Some("candor release signature"),
        )
        .expect("signing works")
        .into_string()
    })
}

/// What the properties found, kept as examples so they are checked on every run.
mod found {
    use super::*;

    #[test]
    fn a_control_character_in_a_survey_name_is_escaped_in_the_message() {
        let text = SURVEY.replacen(
            "{question: courtesy, answered: true}",
            "{question: \"\\e[2J\\u0085courtesy\", answered: true}",
            1,
        );
        let problems = Survey::parse(&text, Path::new("surveys/feedback.yaml")).unwrap_err();
        let messages: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(
            messages,
            ["`show_if` names `\\u{1b}[2J\\u{85}courtesy`, which is not a question of this survey"]
        );
    }

    #[test]
    fn a_control_character_in_a_trusted_comment_is_escaped_in_the_message() {
        let text = TRUSTED_COMMENT.replace("release=7", "release=\t7\u{1b}[2J");
        assert_eq!(
            ReleaseInfo::parse(&text),
            Err(format!(
                "the trusted comment \"{}\" has control characters, which Candor never writes",
                text.replace('\t', "\\t").replace('\u{1b}', "\\u{1b}")
            ))
        );
    }
}
