//! Survey translations: `surveys/<id>.<code>.yaml` holds a survey's words in another language,
//! keyed by question and choice ids, and nothing else.
//!
//! The structure (questions, types, choices, skip rules, dates, version) stays in the one
//! definition, so a translation cannot change what is asked or what a response contains: the
//! response file of a French form is the English one's, choice ids and all, and records no
//! language, so ingest and results are the same whatever the language a respondent read.
//! A translation naming an id the survey lacks is an error (it would be silently lost); an id
//! it leaves out is a warning, and the form shows the original words there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, relative_to};
use crate::languages::Languages;
use crate::sources::{Entry, SiteFolder};
use crate::survey::{Survey, definition::QuestionKind};
use crate::yaml;

/// A translation file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawSurveyText {
    title: Option<String>,
    intro: Option<String>,
    anonymity: Option<String>,
    #[serde(rename = "return")]
    return_instructions: Option<String>,
    /// By question id.
    questions: BTreeMap<String, RawQuestionText>,
}

/// One question's words.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawQuestionText {
    label: Option<String>,
    help: Option<String>,
    /// The labels of a scale's two ends (likert and rating questions).
    low: Option<String>,
    high: Option<String>,
    /// Choice labels by choice id.
    choices: BTreeMap<String, String>,
}

/// A survey in another language: the definition with its words replaced.
pub struct SurveyTranslation {
    /// Index of the language in the site's languages.
    pub language: usize,
    /// Index of the survey translated, in the site's surveys.
    pub original: usize,
    /// The translated survey; `file` is the translation's file.
    pub survey: Survey,
}

/// Reads every translation of `surveys` into the site's other languages, with its problems;
/// also warns about `surveys/<id>.<code>.yaml` files that no survey or language matches.
pub fn load<S: AsRef<Survey>>(
    root: &Path,
    surveys: &[S],
    languages: &Languages,
) -> (Vec<SurveyTranslation>, Diagnostics) {
    let mut translations = Vec::new();
    let mut problems = Diagnostics::new();
    if !languages.is_multilingual() || surveys.is_empty() {
        return (translations, problems);
    }
    let folder = root.join(crate::survey::SURVEYS_DIR);
    let site = SiteFolder::new(root);
    for (original, survey) in surveys.iter().map(AsRef::as_ref).enumerate() {
        for (language, spoken) in languages.all().iter().enumerate().skip(1) {
            let file = folder.join(format!("{}.{}.yaml", survey.id, spoken.code));
            // Survey definitions skip these files, so they are checked here: a link may lead
            // out of the site, and what a translation holds is published.
            let Ok(metadata) = std::fs::symlink_metadata(&file) else {
                continue;
            };
            match site.classify(&file, metadata.file_type()) {
                Ok(Entry::File) => {}
                Ok(Entry::Folder) => continue,
                Err(refused) => {
                    problems.push(refused);
                    continue;
                }
            }
            let shown = relative_to(&file, root);
            match read(&file, &shown).and_then(|raw| translate(survey, raw, &shown)) {
                Ok((translated, missing)) => {
                    problems.extend(missing);
                    translations.push(SurveyTranslation {
                        language,
                        original,
                        survey: translated,
                    });
                }
                Err(found) => problems.extend(found),
            }
        }
    }
    (translations, problems)
}

fn read(file: &Path, shown: &Path) -> Result<RawSurveyText, Diagnostics> {
    let text = crate::source_text::read(file, shown)?;
    yaml::parse_all(&text, shown, 1)
}

/// `survey` in the words of `raw`, and a warning for each id `raw` lacks; an error for each id
/// it names that the survey does not have.
fn translate(
    survey: &Survey,
    raw: RawSurveyText,
    shown: &Path,
) -> Result<(Survey, Diagnostics), Diagnostics> {
    let mut translated = survey.clone();
    translated.file = PathBuf::from(shown);
    let mut extra = Vec::new();
    let mut missing = Vec::new();
    for id in raw.questions.keys() {
        if survey.question(id).is_none() {
            extra.push(format!("question `{id}`"));
        }
    }
    let mut texts = raw.questions;
    for question in &mut translated.questions {
        let Some(text) = texts.remove(&question.id) else {
            missing.push(format!("question `{}`", question.id));
            continue;
        };
        if let Some(label) = text.label {
            question.label = label;
        } else {
            missing.push(format!("the label of question `{}`", question.id));
        }
        if question.help.is_some() {
            match text.help {
                Some(help) => question.help = Some(help),
                None => missing.push(format!("the help of question `{}`", question.id)),
            }
        }
        let mut choices = text.choices;
        match &mut question.kind {
            QuestionKind::Single { choices: own } | QuestionKind::Multiple { choices: own, .. } => {
                for choice in own.iter_mut() {
                    match choices.remove(&choice.id) {
                        Some(label) => choice.label = label,
                        None => missing.push(format!(
                            "choice `{}` of question `{}`",
                            choice.id, question.id
                        )),
                    }
                }
            }
            QuestionKind::Likert { low, high, .. } | QuestionKind::Rating { low, high } => {
                for (end, written, name) in [(low, text.low, "low"), (high, text.high, "high")] {
                    match written {
                        Some(words) => *end = words,
                        None => missing.push(format!("`{name}` of question `{}`", question.id)),
                    }
                }
            }
            _ => {}
        }
        extra.extend(
            choices
                .into_keys()
                .map(|id| format!("choice `{id}` of question `{}`", question.id)),
        );
    }
    if !extra.is_empty() {
        return Err(Diagnostic::error(
            "survey-translation",
            shown,
            format!(
                "the survey {} has no {}",
                survey.file.display(),
                extra.join(", ")
            ),
        )
        .with_hint("a translation holds words for the survey's own question and choice ids; fix or remove these")
        .into());
    }
    for (field, written) in [
        ("title", raw.title),
        ("intro", raw.intro),
        ("anonymity", raw.anonymity),
    ] {
        match (field, written) {
            ("title", Some(text)) => translated.title = text,
            ("intro", Some(text)) => translated.intro = text,
            ("anonymity", Some(text)) => translated.anonymity = text,
            (field, None) => missing.push(format!("`{field}`")),
            _ => {}
        }
    }
    if let Some(text) = raw.return_instructions {
        translated.return_instructions = Some(text);
    }
    let mut problems = Diagnostics::new();
    if !missing.is_empty() {
        problems.push(
            Diagnostic::warning(
                "survey-translation",
                shown,
                format!(
                    "{} text(s) are not translated, so the form shows the original words: {}",
                    missing.len(),
                    missing.join(", ")
                ),
            )
            .with_hint(format!("translate them from {}", survey.file.display())),
        );
    }
    Ok((translated, problems))
}

/// Whether a file in `surveys/` is a translation (`community-2026.fr.yaml`) rather than a
/// definition: survey ids have no dots.
pub fn is_translation_file(path: &Path) -> bool {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .is_some_and(|stem| stem.contains('.'))
}
