//! The response store: one SQLite database that holds every accepted response exactly once.
//!
//! Why SQLite: transactions make a batch of responses appear all at once or not at all, so a
//! crash or a SIGKILL mid-ingest leaves a store that a re-run completes without counting anything
//! twice, and its locking lets two ingests share one store safely. Every write happens inside
//! `BEGIN IMMEDIATE`, which takes the write lock up front (waiting up to [`BUSY_TIMEOUT`], then
//! retrying) instead of failing halfway through a batch.
//!
//! What is stored is only what a response file holds: survey, version, response id, the day it
//! was submitted, and the whole response as canonical JSON (keys in a fixed order) with its
//! SHA-256, which is how a re-sent file (a duplicate) is told from a different response reusing
//! an id (a conflict). No ingest time is kept for responses: the day they were collected says
//! nothing an analyst needs and could tie a response to the person who handed it in. The table
//! has no rowid either, so not even the order of arrival survives; rows are ordered by the random
//! response id. Quarantined files get one bookkeeping row each, with the day they were first seen.
//!
//! Durability: the journal is a write-ahead log with `synchronous=NORMAL`. A commit survives a
//! crash of the process (the log is in the OS page cache) but a power cut may lose the last
//! commits; that is safe because source files are left in place, and ingesting them again
//! restores the same store. When source files are to be removed (`--move`), the store switches
//! to `synchronous=FULL`, so a file is deleted only after its commit is on disk.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use crate::collect::printable_path;

/// How long one attempt to take the write lock waits for another ingest to finish its batch.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long in total a batch keeps retrying before the run gives up on a locked store.
const LOCK_PATIENCE: Duration = Duration::from_secs(120);

/// Page size of new stores, in bytes.
const PAGE_SIZE: i64 = 4 * 1024;

/// The schema this code writes. Stored as `PRAGMA user_version`.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS responses (
    survey       TEXT    NOT NULL,
    response_id  TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    submitted    TEXT    NOT NULL,  -- YYYY-MM-DD, as in the response file
    document     TEXT    NOT NULL,  -- the whole response, canonical JSON
    content_hash BLOB    NOT NULL,  -- SHA-256 of document
    PRIMARY KEY (survey, response_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quarantine (
    file_name  TEXT PRIMARY KEY,    -- the copy's name in the quarantine folder
    kind       TEXT NOT NULL CHECK (kind IN ('rejected', 'conflict')),
    reason     TEXT NOT NULL,       -- a stable reason code
    survey     TEXT,                -- the defined survey the file named, if any
    first_seen TEXT NOT NULL        -- YYYY-MM-DD
) WITHOUT ROWID;
";

/// How hard a commit tries to reach the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Survives a process crash; the last commits may be lost on power failure.
    Normal,
    /// Survives power failure; needed before source files are deleted.
    Full,
}

/// One accepted response, ready to store.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub survey: String,
    pub response_id: String,
    pub version: u32,
    pub submitted: String,
    pub document: String,
    pub content_hash: [u8; 32],
}

/// What happened when a response was offered to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Insertion {
    /// New: now stored.
    Stored,
    /// The same response is already stored; nothing changed.
    Duplicate,
    /// Another response with this id is stored; it was kept and this one was not stored.
    Conflict,
}

/// Whether a quarantined file was rejected or conflicted with a stored response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuarantineKind {
    Rejected,
    Conflict,
}

impl QuarantineKind {
    fn as_str(self) -> &'static str {
        match self {
            QuarantineKind::Rejected => "rejected",
            QuarantineKind::Conflict => "conflict",
        }
    }
}

/// The bookkeeping row of one quarantined file.
#[derive(Debug, Clone)]
pub struct QuarantineRecord<'a> {
    pub file_name: &'a str,
    pub kind: QuarantineKind,
    pub reason: &'a str,
    pub survey: Option<&'a str>,
    pub first_seen: &'a str,
}

/// An open response store.
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path` for writing, creating it (and its folder) if needed. A new
    /// store and folder are private to the owner (0600 and 0700, whatever the umask); SQLite
    /// gives the `-wal` and `-shm` files the database's permissions.
    pub fn open(path: &Path, durability: Durability) -> anyhow::Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::local_state::create_private_dir(parent).with_context(|| {
                format!(
                    "cannot create the store's folder {}",
                    printable_path(parent)
                )
            })?;
            if crate::local_state::is_local_state(parent) {
                crate::local_state::ensure_ignored(parent)?;
            }
        }
        crate::local_state::create_private_file(path)
            .with_context(|| format!("cannot create the store {}", printable_path(path)))?;
        let connection = Connection::open(path)
            .with_context(|| format!("cannot open the store {}", printable_path(path)))?;
        let mut store = Store {
            connection,
            path: path.to_path_buf(),
        };
        store.configure(durability)?;
        // Only a new or older store is written to here, so opening never waits for the write
        // lock another ingest holds.
        if store.schema_version()? < SCHEMA_VERSION {
            store.write(|tx| {
                tx.execute_batch(SCHEMA)?;
                tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
                Ok(())
            })?;
        }
        Ok(store)
    }

    /// Opens an existing store for reading only; a missing store is an error that says how to
    /// make one.
    pub fn open_existing(path: &Path) -> anyhow::Result<Store> {
        if !path.is_file() {
            bail!(
                "there is no response store at {}\n  hint: run `candor-collect ingest` first, or pass the right --root or --store",
                printable_path(path)
            );
        }
        let connection = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open the store {}", printable_path(path)))?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        let store = Store {
            connection,
            path: path.to_path_buf(),
        };
        store.check_schema_version()?;
        Ok(store)
    }

    fn configure(&mut self, durability: Durability) -> anyhow::Result<()> {
        let context = || format!("cannot configure the store {}", printable_path(&self.path));
        self.connection
            .busy_timeout(BUSY_TIMEOUT)
            .with_context(context)?;
        // Rows hold whole responses (a few hundred bytes) in the key's b-tree. Random keys make
        // every row of a batch dirty a different page, and each dirty page is written whole to
        // the WAL and again at the checkpoint, so small pages write less: 16 KB pages wrote
        // about four times the bytes. Only takes effect when the database is new.
        self.connection
            .pragma_update(None, "page_size", PAGE_SIZE)
            .with_context(context)?;
        // Switching to WAL needs a lock too; retry like any write if another ingest holds it.
        retry_while_busy(&self.path, || {
            self.connection
                .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
                .map(drop)
        })?;
        let synchronous = match durability {
            Durability::Normal => "NORMAL",
            Durability::Full => "FULL",
        };
        self.connection
            .pragma_update(None, "synchronous", synchronous)
            .with_context(context)?;
        // Response ids are random, so each batch dirties pages all over the b-tree. With the
        // defaults (a 2 MB page cache, a checkpoint every 1,000 WAL pages) SQLite re-read and
        // re-copied the same pages batch after batch: most of an ingest's time was the kernel
        // copying pages between the WAL, the database and the page cache. A bounded cache and a
        // checkpoint every 64 MB of WAL copy each page far fewer times; memory stays flat in the
        // number of files. Ingest inserts each batch in key order, one sweep over the b-tree, so
        // the cache needs to hold less than when rows came in random order: 24 MiB costs a few
        // per cent of CPU against 32 MiB and keeps an ingest's peak memory (two batches of
        // judged files plus this cache) near 60 MB.
        self.connection
            .pragma_update(None, "cache_size", -24 * 1024)
            .with_context(context)?;
        self.connection
            .pragma_update(None, "wal_autocheckpoint", 16 * 1024)
            .with_context(context)?;
        self.connection.set_prepared_statement_cache_capacity(16);
        self.check_schema_version()
    }

    fn check_schema_version(&self) -> anyhow::Result<()> {
        let version = self.schema_version()?;
        if version > SCHEMA_VERSION {
            bail!(
                "the store {} was written by a newer candor-collect (schema {version}); upgrade candor-collect",
                printable_path(&self.path)
            );
        }
        Ok(())
    }

    fn schema_version(&self) -> anyhow::Result<i64> {
        self.connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .with_context(|| format!("{} is not a response store", printable_path(&self.path)))
    }

    /// Runs `work` in one write transaction and commits it; rolls back if `work` fails. The
    /// write lock is taken before `work` runs, waiting and retrying while another process holds
    /// it, so `work` runs exactly once.
    pub fn write<T>(
        &mut self,
        work: impl FnOnce(&Connection) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        retry_while_busy(&self.path, || {
            self.connection.execute_batch("BEGIN IMMEDIATE")
        })?;
        match work(&self.connection) {
            Ok(value) => {
                if let Err(error) = self.connection.execute_batch("COMMIT") {
                    let _ = self.connection.execute_batch("ROLLBACK");
                    return Err(error).with_context(|| {
                        format!("cannot commit to the store {}", printable_path(&self.path))
                    });
                }
                Ok(value)
            }
            Err(error) => {
                // The original error matters more than a failed rollback.
                let _ = self.connection.execute_batch("ROLLBACK");
                Err(error).with_context(|| {
                    format!("cannot write to the store {}", printable_path(&self.path))
                })
            }
        }
    }

    /// The read-only connection, for status and export queries.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Retries `attempt` while SQLite reports the store busy or locked, up to [`LOCK_PATIENCE`].
fn retry_while_busy<T>(
    path: &Path,
    mut attempt: impl FnMut() -> rusqlite::Result<T>,
) -> anyhow::Result<T> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        match attempt() {
            Ok(value) => return Ok(value),
            Err(error) if is_busy(&error) && started.elapsed() < LOCK_PATIENCE => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(500));
            }
            Err(error) if is_busy(&error) => {
                return Err(error).with_context(|| {
                    format!(
                        "the store {} stayed locked by another process for {} s; is another ingest stuck?",
                        printable_path(path),
                        LOCK_PATIENCE.as_secs()
                    )
                });
            }
            Err(error) => {
                return Err(error)
                    .with_context(|| format!("cannot use the store {}", printable_path(path)));
            }
        }
    }
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Offers `response` to the store inside the current transaction: stores it if its id is new, otherwise
/// says whether the stored one is the same response or a different one. Never overwrites.
pub fn insert_response(
    connection: &Connection,
    response: &StoredResponse,
) -> rusqlite::Result<Insertion> {
    let inserted = connection
        .prepare_cached(
            "INSERT INTO responses (survey, response_id, version, submitted, document, content_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (survey, response_id) DO NOTHING",
        )?
        .execute(params![
            response.survey,
            response.response_id,
            response.version,
            response.submitted,
            response.document,
            &response.content_hash[..],
        ])?;
    if inserted == 1 {
        return Ok(Insertion::Stored);
    }
    let stored_hash: Option<Vec<u8>> = connection
        .prepare_cached(
            "SELECT content_hash FROM responses WHERE survey = ?1 AND response_id = ?2",
        )?
        .query_row(params![response.survey, response.response_id], |row| {
            row.get(0)
        })
        .optional()?;
    Ok(match stored_hash {
        Some(hash) if hash == response.content_hash => Insertion::Duplicate,
        _ => Insertion::Conflict,
    })
}

/// Records a quarantined file once; the same file quarantined again keeps its first record.
pub fn record_quarantine(
    connection: &Connection,
    record: &QuarantineRecord<'_>,
) -> rusqlite::Result<()> {
    connection
        .prepare_cached(
            "INSERT INTO quarantine (file_name, kind, reason, survey, first_seen)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (file_name) DO NOTHING",
        )?
        .execute(params![
            record.file_name,
            record.kind.as_str(),
            record.reason,
            record.survey,
            record.first_seen,
        ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(id: &str, document: &str) -> StoredResponse {
        use sha2::{Digest, Sha256};
        StoredResponse {
            survey: "s".to_owned(),
            response_id: id.to_owned(),
            version: 1,
            submitted: "2026-01-02".to_owned(),
            document: document.to_owned(),
            content_hash: Sha256::digest(document.as_bytes()).into(),
        }
    }

    #[test]
    fn same_id_is_duplicate_or_conflict_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db/r.sqlite"), Durability::Normal).unwrap();
        let outcomes = store
            .write(|tx| {
                Ok([
                    insert_response(tx, &response("a", "{1}"))?,
                    insert_response(tx, &response("a", "{1}"))?,
                    insert_response(tx, &response("a", "{2}"))?,
                    insert_response(tx, &response("b", "{2}"))?,
                ])
            })
            .unwrap();
        use Insertion::*;
        assert_eq!(outcomes, [Stored, Duplicate, Conflict, Stored]);
        let kept: String = store
            .connection()
            .query_row(
                "SELECT document FROM responses WHERE response_id = 'a'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(kept, "{1}", "a conflict never overwrites");
    }

    #[test]
    fn reopening_keeps_data_and_a_missing_store_is_explained() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.sqlite");
        let error = Store::open_existing(&path).err().unwrap();
        assert!(format!("{error:#}").contains("candor-collect ingest"));
        let mut store = Store::open(&path, Durability::Full).unwrap();
        store
            .write(|tx| Ok(insert_response(tx, &response("a", "{}"))?))
            .unwrap();
        drop(store);
        let store = Store::open_existing(&path).unwrap();
        let count: i64 = store
            .connection()
            .query_row("SELECT COUNT(*) FROM responses", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 1);
    }
}
