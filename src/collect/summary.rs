//! What an ingest run reports: every file read counted exactly once as accepted, duplicate,
//! conflict or rejected, and every entry not read or not removed counted with its reason, so
//! nothing an operator put in an inbox goes unmentioned. Text for people, JSON for scripts.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::collect::printable_path;

/// Counts for one survey.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SurveyCounts {
    pub accepted: u64,
    pub duplicates: u64,
    pub conflicts: u64,
    pub rejected: u64,
}

/// What an ingest run did. Every file read is counted exactly once in the four totals;
/// `unreadable` counts paths that could not be read at all.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    pub accepted: u64,
    pub duplicates: u64,
    pub conflicts: u64,
    pub rejected: u64,
    pub unreadable: u64,
    /// Per defined survey. Files that name no defined survey count only in the totals.
    pub by_survey: BTreeMap<String, SurveyCounts>,
    /// Rejected files by reason code.
    pub reasons: BTreeMap<&'static str, u64>,
    /// Entries that were not read (special files, links not followed) by reason code.
    pub skipped: BTreeMap<&'static str, u64>,
    /// With `--move`: files read but not deleted, by reason code.
    pub left_in_place: BTreeMap<&'static str, u64>,
    #[serde(skip)]
    pub store: PathBuf,
    #[serde(skip)]
    pub quarantine: PathBuf,
}

impl IngestReport {
    /// How many files were read (and so accounted for).
    pub fn files(&self) -> u64 {
        self.accepted + self.duplicates + self.conflicts + self.rejected
    }
}

impl fmt::Display for IngestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "ingested {} into {}: {}",
            crate::words::count(self.files(), "file", "files"),
            printable_path(&self.store),
            counts_text(&SurveyCounts {
                accepted: self.accepted,
                duplicates: self.duplicates,
                conflicts: self.conflicts,
                rejected: self.rejected,
            })
        )?;
        for (survey, counts) in &self.by_survey {
            writeln!(f, "  {survey}: {}", counts_text(counts))?;
        }
        if !self.reasons.is_empty() {
            writeln!(f, "rejected by reason:")?;
            for (reason, count) in &self.reasons {
                writeln!(f, "  {reason}: {count}")?;
            }
        }
        if self.conflicts + self.rejected > 0 {
            writeln!(
                f,
                "conflicting and rejected files are kept in {} with a reason file beside each",
                printable_path(&self.quarantine)
            )?;
        }
        let skipped: u64 = self.skipped.values().sum();
        if skipped > 0 {
            writeln!(
                f,
                "skipped {} that are not files to read (listed above):",
                crate::words::count(skipped, "entry", "entries")
            )?;
            for (reason, count) in &self.skipped {
                writeln!(f, "  {reason}: {count}")?;
            }
        }
        if !self.left_in_place.is_empty() {
            writeln!(f, "left in place by --move:")?;
            for (reason, count) in &self.left_in_place {
                writeln!(f, "  {reason}: {count}")?;
            }
        }
        if self.unreadable > 0 {
            writeln!(
                f,
                "{} could not be read (listed above); {} not ingested",
                crate::words::count(self.unreadable, "path", "paths"),
                if self.unreadable == 1 {
                    "it was"
                } else {
                    "they were"
                }
            )?;
        }
        Ok(())
    }
}

fn counts_text(counts: &SurveyCounts) -> String {
    format!(
        "{} accepted, {}, {}, {} rejected",
        counts.accepted,
        crate::words::count(counts.duplicates, "duplicate", "duplicates"),
        crate::words::count(counts.conflicts, "conflict", "conflicts"),
        counts.rejected
    )
}
