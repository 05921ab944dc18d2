//! Surveys: definitions in `surveys/*.yaml`, the response files respondents hand back, and a
//! plain view of a survey for the form templates.
//!
//! `candor` reads definitions to publish forms; `candor-collect` reads the same definitions to
//! validate responses — one parser, one validator. Nothing here renders HTML or touches the
//! response store. Results files under `surveys/results/` are not definitions and are never
//! read here.

mod answers;
pub(crate) mod blank;
pub(crate) mod definition;
pub(crate) mod limits;
pub mod response;
pub mod results;
mod validate;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use definition::{
    Choice, Condition, ConditionTest, DisclosureRules, Question, QuestionKind, Survey,
};
pub use response::{
    Answer, FORMAT, Reason, Response, ResponseProblem, validate_received, validate_response,
};
pub use validate::MAX_TEXT_LENGTH;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::sources::{Entry, SiteFolder};

/// The folder of survey definitions, at the site root.
pub const SURVEYS_DIR: &str = "surveys";

/// Reads every `surveys/*.yaml` under `root`, in file-name order. Each definition with a problem
/// is left out and its problems are returned, located; a site without `surveys/` has none.
pub fn load_all(root: &Path) -> (Vec<Survey>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let files = match definition_files(root, &mut diagnostics) {
        Some(files) => files,
        None => return (Vec::new(), diagnostics),
    };
    let parsed: Vec<Result<Survey, Diagnostics>> = files
        .par_iter()
        .map(|path| Survey::from_file(path, root))
        .collect();
    let mut surveys = Vec::with_capacity(parsed.len());
    for result in parsed {
        match result {
            Ok(survey) => surveys.push(survey),
            Err(problems) => diagnostics.extend(problems),
        }
    }
    diagnostics.sort();
    (surveys, diagnostics)
}

/// The definition files in `root/surveys/`, sorted; warns about files that look like
/// definitions but would be ignored.
fn definition_files(root: &Path, diagnostics: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let folder = root.join(SURVEYS_DIR);
    let site = SiteFolder::new(root);
    if let Err(refused) = site.check_folder(&folder) {
        diagnostics.push(refused);
        return None;
    }
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                "survey",
                SURVEYS_DIR,
                format!("cannot list the survey folder: {error}"),
            ));
            return None;
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let (path, file_type) = match entry.and_then(|e| Ok((e.path(), e.file_type()?))) {
            Ok(found) => found,
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    "survey",
                    SURVEYS_DIR,
                    format!("cannot list the survey folder: {error}"),
                ));
                continue;
            }
        };
        // `community-2026.fr.yaml` holds words for a definition, read with the site's
        // languages (crate::survey_translations).
        if file_type.is_dir() || crate::survey_translations::is_translation_file(&path) {
            continue;
        }
        match path.extension().and_then(|extension| extension.to_str()) {
            Some("yaml") => match site.classify(&path, file_type) {
                Ok(Entry::File) => files.push(path),
                Ok(Entry::Folder) => {}
                Err(refused) => diagnostics.push(refused),
            },
            Some("yml") => diagnostics.push(
                Diagnostic::warning(
                    "survey",
                    crate::diagnostic::relative_to(&path, root),
                    "this file is ignored: survey definitions end in `.yaml`",
                )
                .with_hint("rename it to end in `.yaml`"),
            ),
            _ => {}
        }
    }
    files.sort();
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_survey_loads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (surveys, diagnostics) = load_all(root);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let sample = surveys
            .iter()
            .find(|survey| survey.id == "community-2026")
            .expect("the sample survey is shipped");
        let groups: Vec<&str> = sample.grouping_questions().map(|q| q.id.as_str()).collect();
        assert_eq!(groups, ["stakeholder_group", "region", "years"]);
    }

    #[test]
    fn load_all_reads_sorted_definitions_and_skips_results() {
        let site = tempfile::tempdir().unwrap();
        let folder = site.path().join(SURVEYS_DIR);
        std::fs::create_dir_all(folder.join("results")).unwrap();
        let definition = |id: &str| {
            format!(
                "id: {id}\ntitle: T\nversion: 1\nanonymity: A\nopens: 2026-01-01\ncloses: 2026-02-01\n\
                 questions:\n  - {{id: q, type: text, label: Q}}\n"
            )
        };
        std::fs::write(folder.join("b.yaml"), definition("b")).unwrap();
        std::fs::write(folder.join("a.yaml"), definition("a")).unwrap();
        std::fs::write(folder.join("bad.yaml"), definition("bad") + "extra: 1\n").unwrap();
        std::fs::write(folder.join("results/a.yaml"), "not: a definition\n").unwrap();
        std::fs::write(folder.join("c.yml"), definition("c")).unwrap();
        let (surveys, diagnostics) = load_all(site.path());
        let ids: Vec<&str> = surveys.iter().map(|survey| survey.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:#?}");
        assert!(
            shown[0].starts_with("surveys/bad.yaml:9:1: error: unknown key `extra`"),
            "{shown:#?}"
        );
        assert!(
            shown[1].starts_with("surveys/c.yml: warning:"),
            "{shown:#?}"
        );
    }

    #[test]
    fn a_site_without_surveys_has_none() {
        let site = tempfile::tempdir().unwrap();
        let (surveys, diagnostics) = load_all(site.path());
        assert!(surveys.is_empty() && diagnostics.is_empty());
    }
}
