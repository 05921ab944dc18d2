//! `candor-collect status`: what the store holds, per survey, without showing any response.
//!
//! Dates are shown to the month: the range is for planning ("responses came in from March to
//! May"), and a day-precise first or last response could point at a person.

use std::collections::BTreeMap;
use std::fmt;

use anyhow::Context;
use serde::Serialize;

use crate::collect::store::Store;
use crate::collect::{StoreLocation, printable_path};

/// One survey in the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SurveyStatus {
    /// Responses stored.
    pub responses: u64,
    /// The month of the earliest `submitted` day, `YYYY-MM`.
    pub first_month: Option<String>,
    /// The month of the latest `submitted` day, `YYYY-MM`.
    pub last_month: Option<String>,
    /// Files naming this survey kept in the quarantine as rejected.
    pub rejected: u64,
    /// Files kept in the quarantine because their response id was already stored.
    pub conflicts: u64,
}

/// The whole store.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusReport {
    #[serde(skip)]
    pub store: std::path::PathBuf,
    pub responses: u64,
    /// Every quarantined rejected file, including those naming no defined survey.
    pub rejected: u64,
    pub conflicts: u64,
    pub surveys: BTreeMap<String, SurveyStatus>,
}

/// Reads the counts from the store at `location`.
pub fn status(location: &StoreLocation) -> anyhow::Result<StatusReport> {
    let store = Store::open_existing(&location.store)?;
    let context = || format!("cannot read the store {}", printable_path(store.path()));
    let mut report = StatusReport {
        store: location.store.clone(),
        ..StatusReport::default()
    };
    let connection = store.connection();
    let mut responses = connection
        .prepare(
            "SELECT survey, COUNT(*), MIN(substr(submitted, 1, 7)), MAX(substr(submitted, 1, 7))
             FROM responses GROUP BY survey",
        )
        .with_context(context)?;
    let rows = responses
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)? as u64,
                row.get(2)?,
                row.get(3)?,
            ))
        })
        .with_context(context)?;
    for row in rows {
        let (survey, count, first_month, last_month) = row.with_context(context)?;
        report.responses += count;
        let entry = report.surveys.entry(survey).or_default();
        entry.responses = count;
        entry.first_month = first_month;
        entry.last_month = last_month;
    }
    let mut quarantined = connection
        .prepare("SELECT survey, kind, COUNT(*) FROM quarantine GROUP BY survey, kind")
        .with_context(context)?;
    let rows = quarantined
        .query_map([], |row| {
            Ok((
                row.get::<_, Option<String>>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)? as u64,
            ))
        })
        .with_context(context)?;
    for row in rows {
        let (survey, kind, count) = row.with_context(context)?;
        let is_conflict = kind == "conflict";
        if is_conflict {
            report.conflicts += count;
        } else {
            report.rejected += count;
        }
        if let Some(survey) = survey {
            let entry = report.surveys.entry(survey).or_default();
            if is_conflict {
                entry.conflicts += count;
            } else {
                entry.rejected += count;
            }
        }
    }
    Ok(report)
}

impl fmt::Display for StatusReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} in {}; quarantined: {} rejected, {}",
            printable_path(&self.store),
            crate::words::count(self.responses, "response", "responses"),
            crate::words::count(self.surveys.len(), "survey", "surveys"),
            self.rejected,
            crate::words::count(self.conflicts, "conflict", "conflicts")
        )?;
        for (survey, status) in &self.surveys {
            write!(
                f,
                "  {survey}: {}",
                crate::words::count(status.responses, "response", "responses")
            )?;
            if let (Some(first), Some(last)) = (&status.first_month, &status.last_month) {
                if first == last {
                    write!(f, " submitted in {first}")?;
                } else {
                    write!(f, " submitted {first} to {last}")?;
                }
            }
            writeln!(
                f,
                "; quarantined: {} rejected, {}",
                status.rejected,
                crate::words::count(status.conflicts, "conflict", "conflicts")
            )?;
        }
        Ok(())
    }
}
