//! `candor-collect export`: raw answers for analysts, as CSV or JSON Lines.
//!
//! This is the one way individual responses leave the store, so it always says on stderr that
//! the output is not anonymised. JSON Lines gives each stored response exactly as a response file
//! (one per line); CSV gives one row per response and one column per question, in the order of
//! the survey's definition when it is available. Respondents' text is hostile: CSV cells that a
//! spreadsheet would run as a formula are prefixed with `'`. Rows are streamed, never collected.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use anyhow::Context;
use serde::Serialize;

use crate::collect::store::Store;
use crate::collect::{StoreLocation, printable_path};
use crate::exit::output_lost;
use crate::survey::{self, Answer, Response};

/// The warning printed before every export.
pub const NOT_ANONYMISED: &str = "warning: this export holds raw, individual responses and is NOT anonymised: \
free-text answers and combinations of answers can identify people. Keep it private; never \
publish it or put it under public/ or into git.";

/// How to write the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" => Ok(ExportFormat::Jsonl),
            _ => Err("expected `csv` or `jsonl`".to_owned()),
        }
    }
}

/// What the user asked `candor-collect export` to do.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub location: StoreLocation,
    pub survey: String,
    pub format: ExportFormat,
}

/// What an export wrote. Its summary goes to stderr, so stdout stays pure data.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub survey: String,
    pub responses: u64,
}

impl fmt::Display for ExportReport {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

/// Writes every stored response of `options.survey` to `out`, the command's stdout. A closed
/// pipe ends the export quietly, any other write failure is [`crate::exit::OutputFailed`]; a
/// survey with no stored responses is an error naming the surveys that have some.
pub fn export(options: &ExportOptions, out: &mut impl Write) -> anyhow::Result<ExportReport> {
    let store = Store::open_existing(&options.location.store)?;
    let available = surveys_in_store(&store)?;
    if !available.contains(&options.survey) {
        let known: Vec<&str> = available.iter().map(String::as_str).collect();
        anyhow::bail!(
            "the store {} has no responses to survey `{}`\n  hint: surveys with responses: {}",
            printable_path(store.path()),
            crate::escape::terminal(&options.survey, 80),
            if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            }
        );
    }
    eprintln!("{NOT_ANONYMISED}");
    let responses = match options.format {
        ExportFormat::Jsonl => write_jsonl(&store, &options.survey, out),
        ExportFormat::Csv => {
            let columns = columns(&store, &options.location, &options.survey)?;
            write_csv(&store, &options.survey, &columns, out)
        }
    };
    // Only writing fails with a bare IO error; reading the store carries its context.
    let responses = match responses {
        Ok(responses) => responses,
        Err(error) => {
            let written = error.downcast::<io::Error>()?;
            output_lost(Err(written))?;
            0
        }
    };
    if responses > 0 {
        eprintln!(
            "exported {} of survey `{}`",
            crate::words::count(responses, "response", "responses"),
            options.survey
        );
    }
    Ok(ExportReport {
        survey: options.survey.clone(),
        responses,
    })
}

fn surveys_in_store(store: &Store) -> anyhow::Result<BTreeSet<String>> {
    let mut statement = store
        .connection()
        .prepare("SELECT DISTINCT survey FROM responses")?;
    let surveys = statement
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(surveys)
}

/// Calls `each` with every stored document of `survey`, oldest submission first.
fn for_each_document(
    store: &Store,
    survey: &str,
    mut each: impl FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    let context = || format!("cannot read the store {}", printable_path(store.path()));
    let mut statement = store
        .connection()
        .prepare("SELECT document FROM responses WHERE survey = ?1 ORDER BY submitted, response_id")
        .with_context(context)?;
    let mut rows = statement.query([survey]).with_context(context)?;
    let mut count = 0;
    while let Some(row) = rows.next().with_context(context)? {
        let document = row.get_ref(0)?.as_str()?;
        each(document)?;
        count += 1;
    }
    Ok(count)
}

fn write_jsonl(store: &Store, survey: &str, out: &mut impl Write) -> anyhow::Result<u64> {
    let count = for_each_document(store, survey, |document| {
        out.write_all(document.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(count)
}

/// The answer columns: the definition's questions in order, then any other question ids found
/// in stored answers (from an older version of the survey), sorted.
fn columns(store: &Store, location: &StoreLocation, survey: &str) -> anyhow::Result<Vec<String>> {
    let mut found = BTreeSet::new();
    for_each_document(store, survey, |document| {
        let response: Response = serde_json::from_str(document)?;
        found.extend(response.answers.into_keys().map(Cow::into_owned));
        Ok(())
    })?;
    let (definitions, _) = survey::load_all(&location.root);
    let mut columns: Vec<String> = definitions
        .iter()
        .find(|definition| definition.id == survey)
        .map(|definition| definition.questions.iter().map(|q| q.id.clone()).collect())
        .unwrap_or_default();
    for id in &columns {
        found.remove(id);
    }
    columns.extend(found);
    Ok(columns)
}

fn write_csv(
    store: &Store,
    survey: &str,
    columns: &[String],
    out: &mut impl Write,
) -> anyhow::Result<u64> {
    let mut csv = csv_writer(out);
    let fixed = ["response_id", "version", "submitted"];
    csv.write_record(
        fixed
            .iter()
            .copied()
            .chain(columns.iter().map(String::as_str)),
    )
    .map_err(io::Error::from)?;
    let count = for_each_document(store, survey, |document| {
        let response: Response = serde_json::from_str(document)?;
        let version = response.version.to_string();
        for cell in [&*response.response_id, &version, &*response.submitted] {
            csv.write_field(cell).map_err(io::Error::from)?;
        }
        for column in columns {
            let answer = response.answers.get(column.as_str());
            let cell = answer.map(answer_cell).unwrap_or_default();
            csv.write_field(&*cell).map_err(io::Error::from)?;
        }
        csv.write_record(None::<&[u8]>).map_err(io::Error::from)?;
        Ok(())
    })?;
    csv.flush()?;
    Ok(count)
}

/// RFC 4180: CRLF line ends, cells quoted only when they hold a comma, a quote or a line break.
fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

fn answer_cell<'a>(answer: &'a Answer<'_>) -> Cow<'a, str> {
    match answer {
        Answer::Text(text) => defuse_formula(text),
        Answer::Choices(choices) => Cow::Owned(choices.join(";")),
        Answer::Number(number) => Cow::Owned(number.to_string()),
    }
}

/// A spreadsheet runs a cell starting with one of these as a formula; respondents' text must
/// never be run.
fn defuse_formula(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One CSV line as the export writes it.
    fn line(cells: &[&str]) -> String {
        let mut out = Vec::new();
        let mut csv = csv_writer(&mut out);
        csv.write_record(cells).unwrap();
        csv.flush().unwrap();
        drop(csv);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(line(&["plain", "a,b", ""]), "plain,\"a,b\",\r\n");
        assert_eq!(
            line(&["say \"hi\"\n", "cr\r", "#x"]),
            "\"say \"\"hi\"\"\n\",\"cr\r\",#x\r\n"
        );
        let text = Answer::Text("=HYPERLINK(\"x\")".into());
        assert_eq!(
            line(&[&answer_cell(&text), "a"]),
            "\"'=HYPERLINK(\"\"x\"\")\",a\r\n"
        );
        for formula in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(
                answer_cell(&Answer::Text(formula.into())),
                format!("'{formula}")
            );
        }
        assert_eq!(answer_cell(&Answer::Number((-3).into())), "-3");
        assert_eq!(
            answer_cell(&Answer::Choices(vec!["a".into(), "b".into()])),
            "a;b"
        );
    }

    #[test]
    fn format_names_are_checked() {
        assert_eq!("csv".parse(), Ok(ExportFormat::Csv));
        assert_eq!("jsonl".parse(), Ok(ExportFormat::Jsonl));
        assert!("xml".parse::<ExportFormat>().is_err());
    }
}
