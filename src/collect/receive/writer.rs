//! The single writer of `receive`: group commit of concurrently arriving responses.
//!
//! Request handlers never touch SQLite. Each sends its judged response (or the bookkeeping row
//! of a rejected body it has quarantined) here with a one-shot channel for the answer. This
//! thread takes whatever has queued up (at most [`MAX_BATCH`]), records it in one transaction
//! with `synchronous=FULL`, and only after `COMMIT` has returned answers each handler. So a 2xx
//! always means "on disk", and the cost of one fsync is shared by every request that arrived
//! while the previous one ran: the busier the server, the larger the batches. Duplicate and
//! conflict semantics are the store's own ([`store::insert_response`]), as in `ingest`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};

use crate::collect::ingest::{conflict_problem, record_conflict};
use crate::collect::quarantine::{Note, Quarantine};
use crate::collect::store::{
    self, Insertion, QuarantineKind, QuarantineRecord, Store, StoredResponse,
};
use crate::date::Date;

/// Most requests recorded in one transaction.
const MAX_BATCH: usize = 4096;

/// Requests waiting for the writer, beyond which handlers wait to enqueue.
pub(crate) const QUEUE: usize = 8192;

/// What `receive` names as the source of a body it keeps in the quarantine: there is no file,
/// and nothing about the sender is recorded.
pub(crate) const RECEIVED_SOURCE: &str = "received-over-http.json";

/// One thing for the writer to record.
pub(crate) enum Job {
    /// A valid response, with the body it came in (kept in the quarantine if it conflicts).
    Store {
        response: StoredResponse,
        body: Bytes,
    },
    /// A rejected body already kept in the quarantine as `kept_as`.
    Book {
        kept_as: String,
        reason: &'static str,
        survey: Option<String>,
    },
}

/// The committed fate of one job.
pub(crate) enum Recorded {
    Stored,
    Duplicate,
    /// Not stored; the body is kept in the quarantine.
    Conflict {
        message: String,
    },
    Booked,
}

/// A job and where to send its fate once committed.
pub(crate) struct Request {
    pub job: Job,
    pub reply: oneshot::Sender<Result<Recorded, ()>>,
}

/// Responses stored per survey, kept up to date by the writer for `GET /health`.
pub(crate) type Counts = Arc<Mutex<BTreeMap<String, u64>>>;

/// Starts the writer thread on an open store; it ends when every sender is dropped.
pub(crate) fn spawn(
    mut store: Store,
    quarantine: Quarantine,
) -> anyhow::Result<(mpsc::Sender<Request>, Counts, std::thread::JoinHandle<()>)> {
    let counts: Counts = Arc::new(Mutex::new(stored_per_survey(&store)?));
    let (sender, mut receiver) = mpsc::channel::<Request>(QUEUE);
    let shared = counts.clone();
    let thread = std::thread::Builder::new()
        .name("store-writer".to_owned())
        .spawn(move || {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            while let Some(first) = receiver.blocking_recv() {
                batch.push(first);
                while batch.len() < MAX_BATCH {
                    match receiver.try_recv() {
                        Ok(request) => batch.push(request),
                        Err(_) => break,
                    }
                }
                commit(&mut store, &quarantine, &shared, &mut batch);
            }
        })?;
    Ok((sender, counts, thread))
}

fn stored_per_survey(store: &Store) -> anyhow::Result<BTreeMap<String, u64>> {
    let mut statement = store
        .connection()
        .prepare("SELECT survey, COUNT(*) FROM responses GROUP BY survey")?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, i64>(1)?.unsigned_abs(),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records `batch` in one transaction and, once it has committed, answers every request. If
/// the transaction fails nothing of it is stored and every request is told so (they may be
/// sent again).
fn commit(store: &mut Store, quarantine: &Quarantine, counts: &Counts, batch: &mut Vec<Request>) {
    let today = Date::today();
    let first_seen = today.to_string();
    let result = store.write(|connection| {
        batch
            .iter()
            .map(|request| record(connection, quarantine, today, &first_seen, &request.job))
            .collect::<anyhow::Result<Vec<Recorded>>>()
    });
    match result {
        Ok(outcomes) => {
            let mut counts = counts.lock().unwrap_or_else(PoisonError::into_inner);
            for (request, outcome) in batch.drain(..).zip(outcomes) {
                if let (Recorded::Stored, Job::Store { response, .. }) = (&outcome, &request.job) {
                    *counts.entry(response.survey.clone()).or_default() += 1;
                }
                let _ = request.reply.send(Ok(outcome));
            }
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            for request in batch.drain(..) {
                let _ = request.reply.send(Err(()));
            }
        }
    }
}

fn record(
    connection: &rusqlite::Connection,
    quarantine: &Quarantine,
    today: Date,
    first_seen: &str,
    job: &Job,
) -> anyhow::Result<Recorded> {
    Ok(match job {
        Job::Store { response, body } => match store::insert_response(connection, response)? {
            Insertion::Stored => Recorded::Stored,
            Insertion::Duplicate => Recorded::Duplicate,
            Insertion::Conflict => {
                let problem = conflict_problem(response);
                let note = Note {
                    outcome: "conflict",
                    problem: &problem,
                    source: Path::new(RECEIVED_SOURCE),
                    seen: today,
                };
                let kept_as = quarantine.keep_bytes(body, &note)?;
                record_conflict(connection, &kept_as, &problem, &response.survey, first_seen)?;
                Recorded::Conflict {
                    message: problem.message,
                }
            }
        },
        Job::Book {
            kept_as,
            reason,
            survey,
        } => {
            store::record_quarantine(
                connection,
                &QuarantineRecord {
                    file_name: kept_as,
                    kind: QuarantineKind::Rejected,
                    reason,
                    survey: survey.as_deref(),
                    first_seen,
                },
            )?;
            Recorded::Booked
        }
    })
}
