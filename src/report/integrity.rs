//! A report is computed only from a whole store.
//!
//! SQLite reads past some kinds of damage without an error: one damaged byte in a key leaves a
//! b-tree whose ordered scan stops early, and a report computed from it published figures from
//! under half of the stored responses, with exit status 0. So before anything is counted the
//! store must pass `PRAGMA integrity_check` (every page, every cell, keys in order; on a store
//! with no secondary index it costs hardly more than `quick_check`, which does not check key
//! order), and after counting, a full scan of the table must find as many responses to the
//! survey as the ordered read counted. A store that fails either is refused as damaged, before
//! anything is written.

use anyhow::{Context, bail};

use crate::collect::printable_path;
use crate::collect::store::Store;
use crate::survey::Survey;

/// How many of SQLite's findings the refusal shows.
const FINDINGS_SHOWN: usize = 3;

/// The hint every refusal of a damaged store ends with.
const RESTORE_HINT: &str = "  hint: restore the store from a backup, or ingest the response files again into a new store (--store NEW.sqlite)";

/// Refuses a store whose pages or keys are damaged.
pub fn check_store(store: &Store) -> anyhow::Result<()> {
    let context = || format!("cannot check the store {}", printable_path(store.path()));
    let mut statement = store
        .connection()
        .prepare("PRAGMA integrity_check")
        .with_context(context)?;
    let findings: Vec<String> = statement
        .query_map([], |row| row.get::<_, String>(0))
        .and_then(|rows| rows.take(FINDINGS_SHOWN + 1).collect())
        .or_else(|error| match error.sqlite_error_code() {
            // Damage bad enough that the check itself cannot read the store.
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Ok(vec![error.to_string()])
            }
            _ => Err(error),
        })
        .with_context(context)?;
    if findings.first().is_some_and(|first| first == "ok") {
        return Ok(());
    }
    let shown: Vec<String> = findings
        .iter()
        .take(FINDINGS_SHOWN)
        .map(|finding| format!("  sqlite: {}", crate::escape::terminal(finding, 200)))
        .collect();
    bail!(
        "the store {} is damaged, so no results were written\n{}\n{RESTORE_HINT}",
        printable_path(store.path()),
        shown.join("\n")
    )
}

/// Refuses a store in which a full scan finds a different number of responses to `survey` than
/// the ordered read that was counted (`counted`, all versions).
pub fn check_count(store: &Store, survey: &Survey, counted: u64) -> anyhow::Result<()> {
    // `+survey` keeps SQLite from using the key: every row of the table is visited.
    let scanned: i64 = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM responses WHERE +survey = ?1",
            [&survey.id],
            |row| row.get(0),
        )
        .with_context(|| format!("cannot read the store {}", printable_path(store.path())))?;
    if scanned as u64 != counted {
        bail!(
            "the store {} is damaged, so no results were written\n  \
             a full scan finds {scanned} responses to survey `{}`, but reading them in order found {counted}\n{RESTORE_HINT}",
            printable_path(store.path()),
            survey.id
        );
    }
    Ok(())
}
