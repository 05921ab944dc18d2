//! Judging one response document: screen → parse → validate → canonical form.
//!
//! This is the only place that decides whether some bytes are a response worth storing, so that
//! `ingest` (files on disk) and `receive` (bodies of HTTP POSTs) accept exactly the same
//! responses, store them in the same canonical form, and refuse the rest with the same reason
//! codes (docs/response-format.md). Encrypted responses are opened here ([`decrypt`]) and then
//! judged exactly like plain ones. It reads nothing and writes nothing: the callers own where
//! the bytes came from and where a refusal is kept.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

use sha2::{Digest, Sha256};

use crate::collect::decrypt::{self, Decryption};
use crate::collect::inbox;
use crate::collect::read::{self, Limits};
use crate::collect::store::StoredResponse;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::encryption::Envelope;
use crate::survey::{self, Response, ResponseProblem, Survey, validate_received};

/// At most this many problems of one response are spelled out.
const PROBLEMS_SHOWN: usize = 5;

/// Why a document is not stored, and whether it is a response file at all.
pub struct Refusal {
    pub problem: Diagnostic,
    /// The defined survey the document names, if any.
    pub survey: Option<String>,
    /// It declares `candor-response/1`: a response file, however broken.
    pub is_response_file: bool,
}

fn refusal(problem: Diagnostic, survey: Option<String>, is_response_file: bool) -> Box<Refusal> {
    Box::new(Refusal {
        problem,
        survey,
        is_response_file,
    })
}

/// A document worth storing.
pub struct Accepted {
    pub response: StoredResponse,
    /// It came as an envelope: its bytes are ciphertext, and only they may be kept anywhere
    /// but the store.
    pub encrypted: bool,
}

/// Screens, parses and validates one document's bytes (already bounded by `limits.max_bytes`)
/// against the survey definitions, opening it first if it is an encrypted envelope, and
/// returns the response in its stored form. A refusal names the survey when the document is
/// for a defined one.
pub fn judge_document<K, S>(
    bytes: &[u8],
    surveys: &HashMap<K, S>,
    decryption: &Decryption,
    limits: &Limits,
    today: Date,
) -> Result<Accepted, Box<Refusal>>
where
    K: Borrow<str> + Hash + Eq,
    S: Borrow<Survey>,
{
    let text = read::screen(bytes, limits).map_err(|problem| refusal(problem, None, false))?;
    // A plain response parses at once; only what does not is looked at as an envelope, so
    // plain responses pay nothing for encryption.
    let problem = match read::parse_json::<Response>(text) {
        Ok(response) => {
            let response = judge_response(response, text.len(), surveys, today, |survey| {
                decryption.refuse_plaintext(survey)
            })?;
            return Ok(Accepted {
                response,
                encrypted: false,
            });
        }
        Err(problem) => problem,
    };
    let Some(envelope) = Envelope::parse(text) else {
        return Err(refusal(
            problem,
            None,
            inbox::declares_response_format(text),
        ));
    };
    let Some(survey) = surveys.get(envelope.survey.as_str()) else {
        let problem = ResponseProblem::unknown_survey(&envelope.survey);
        return Err(refusal(from_problems(&[problem]), None, true));
    };
    let survey: &Survey = survey.borrow();
    let plaintext = decryption
        .open(&envelope, survey)
        .map_err(|problem| refusal(problem, Some(survey.id.clone()), true))?;
    let withheld =
        |problem: Diagnostic| refusal(decrypt::withheld(&problem), Some(survey.id.clone()), true);
    let text = read::screen(&plaintext, limits).map_err(withheld)?;
    let response: Response = read::parse_json(text).map_err(withheld)?;
    if response.survey != envelope.survey || response.version != envelope.version {
        return Err(withheld(read::rejection(
            "malformed",
            "the encrypted response names another survey or version than its envelope",
        )));
    }
    let response = judge_response(response, text.len(), surveys, today, |_| None)
        .map_err(|refused| withheld(refused.problem))?;
    Ok(Accepted {
        response,
        encrypted: true,
    })
}

/// Validates a parsed response against its survey and returns its stored form; `refuse` may
/// refuse it once its survey is known.
fn judge_response<K, S>(
    response: Response<'_>,
    file_len: usize,
    surveys: &HashMap<K, S>,
    today: Date,
    refuse: impl FnOnce(&Survey) -> Option<Diagnostic>,
) -> Result<StoredResponse, Box<Refusal>>
where
    K: Borrow<str> + Hash + Eq,
    S: Borrow<Survey>,
{
    let is_response_file = response.format == survey::FORMAT;
    let Some(survey) = surveys.get(response.survey.as_ref()) else {
        let problem = ResponseProblem::unknown_survey(&response.survey);
        return Err(refusal(from_problems(&[problem]), None, is_response_file));
    };
    let survey: &Survey = survey.borrow();
    // Only a refusal names the survey: an accepted response copies no id for it.
    let survey_id = || Some(survey.id.clone());
    if let Some(problem) = refuse(survey) {
        return Err(refusal(problem, survey_id(), is_response_file));
    }
    validate_received(survey, &response, today)
        .map_err(|problems| refusal(from_problems(&problems), survey_id(), is_response_file))?;
    let document = canonical(&response, file_len).map_err(|error| {
        let problem = read::rejection("malformed", error.to_string());
        refusal(problem, survey_id(), is_response_file)
    })?;
    Ok(StoredResponse {
        content_hash: Sha256::digest(document.as_bytes()).into(),
        survey: response.survey.into_owned(),
        response_id: response.response_id.into_owned(),
        version: response.version,
        submitted: response.submitted.into_owned(),
        document,
    })
}

/// The response as stored: compact JSON with keys in a fixed order (answers sorted by question
/// id), so the same response sent twice, however formatted, hashes the same. Written into a
/// buffer the size of the file it came from, which the compact form almost never outgrows.
fn canonical(response: &Response, file_len: usize) -> anyhow::Result<String> {
    let mut document = Vec::with_capacity(file_len);
    serde_json::to_writer(&mut document, response)?;
    Ok(String::from_utf8(document)?)
}

/// One rejection from all the validator's problems, coded by the first.
fn from_problems(problems: &[ResponseProblem]) -> Diagnostic {
    let code = problems.first().map_or("malformed", |p| p.reason.code());
    let mut message: Vec<String> = problems
        .iter()
        .take(PROBLEMS_SHOWN)
        .map(|problem| problem.message.clone())
        .collect();
    if problems.len() > PROBLEMS_SHOWN {
        message.push(format!(
            "and {} more problems",
            problems.len() - PROBLEMS_SHOWN
        ));
    }
    read::rejection(code, message.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_problems_are_summarised() {
        let problems: Vec<ResponseProblem> = (0..7)
            .map(|i| ResponseProblem::unknown_survey(&format!("s{i}")))
            .collect();
        let diagnostic = from_problems(&problems);
        assert_eq!(diagnostic.code, "unknown-survey");
        assert!(
            diagnostic.message.ends_with("and 2 more problems"),
            "{}",
            diagnostic.message
        );
    }
}
