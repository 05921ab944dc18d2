//! `candor-collect ingest`: walk → judge in parallel → one writer commits in batches.
//!
//! Paths are walked in sorted order and cut into batches. Each batch is read, screened, parsed and
//! validated in parallel (rayon), keeping the walk order, then handed through a rendezvous channel
//! to the single writer thread, which records the whole batch in one transaction while the next
//! batch is being judged. So memory holds at most two batches whatever the number of files,
//! SQLite sees one writer and large batches, and the outcome does not depend on thread
//! scheduling: when two files share a response id, the first in path order is the one stored, in
//! every run.
//!
//! Nothing is lost and nothing is counted twice: every file read is accepted, a duplicate, a
//! conflict or rejected, and the report's numbers add up to the files read. A rejected file is
//! copied into the quarantine as soon as it is judged (in parallel, by content, so repeating it
//! is harmless); a conflict is known only inside the transaction and is quarantined there.
//! `--move` deletes a source file only after the transaction that accounts for it has committed
//! (with `synchronous=FULL`, so after it is on disk). A crash at any point therefore leaves a
//! store that re-running the same ingest completes into exactly the store one run would give.
//! It deletes only response files kept whole, and only if still the file that was read
//! ([`inbox`] decides; it also walks the folders and reports what it does not read).

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};

use indicatif::{HumanCount, ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::collect::decrypt::Decryption;
use crate::collect::inbox::{self, Entry, FileIdentity, Removal, Skip};
use crate::collect::judge::{Accepted, Refusal, judge_document};
use crate::collect::quarantine::{Note, Quarantine};
use crate::collect::read::{self, Limits, ReadFailure};
use crate::collect::store::{
    self, Durability, Insertion, QuarantineKind, QuarantineRecord, Store, StoredResponse,
};
pub use crate::collect::summary::{IngestReport, SurveyCounts};
use crate::collect::{StoreLocation, printable_path};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Rejected, Severity};
use crate::survey::{self, Survey};

/// Files judged in parallel at a time: enough to keep every core busy, few enough that a chunk
/// of the largest files allowed (`--max-size`, 256 KiB by default) stays well under a gigabyte.
const CHUNK_FILES: usize = 1024;

/// Files in the first batch (one transaction): one chunk, so that the first commit (and the
/// first progress a user or the re-run of a killed ingest sees) comes soon.
const FIRST_BATCH_FILES: usize = CHUNK_FILES;

/// Batches double up to this many files. Response ids are random, so a batch of n responses
/// dirties about min(n, pages) pages of the store's b-tree, and every dirty page is written whole
/// to the WAL and again at the checkpoint: the larger the batch, the more of its rows share a page
/// and the fewer page writes each row costs (with batches of 1,024 files, nearly one 4 KiB page
/// per row).
const MAX_BATCH_FILES: usize = 16 * CHUNK_FILES;

/// A batch is also sent once the responses it holds reach this many bytes, so that two batches
/// in memory stay small even when the responses are large.
const MAX_BATCH_BYTES: usize = 16 * 1024 * 1024;

/// What the user asked `candor-collect ingest` to do.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files and folders to ingest; folders are walked recursively, skipping hidden entries.
    pub paths: Vec<PathBuf>,
    pub location: StoreLocation,
    pub limits: Limits,
    /// Delete each response file once its outcome is committed.
    pub move_files: bool,
    /// Follow links in folders to files outside the named paths.
    pub follow_links: bool,
    /// Show a progress bar (only ever on a terminal).
    pub progress: bool,
    /// The folder of survey secret keys (`--keys`); `None` means the user's.
    pub keys: crate::encryption::keys::SurveyKeys,
    /// Accept plain responses to surveys that have a public key (`--allow-plaintext`).
    pub allow_plaintext: bool,
}

/// Ingests `options.paths` into the store. Rejects are reported on stderr as they are
/// committed; paths that cannot be read are reported and counted, and the run goes on.
pub fn ingest(options: &IngestOptions) -> anyhow::Result<IngestReport> {
    inbox::refuse_site_folders(&options.paths, &options.location)?;
    let surveys = load_surveys(&options.location.root)?;
    crate::exit::print_diagnostics(&survey::limits::check_max_size(
        &surveys,
        options.limits.max_bytes,
    ));
    let decryption = open_keyring(&surveys, &options.keys, options.allow_plaintext)?;
    let by_id: HashMap<&str, &Survey> = surveys.iter().map(|s| (s.id.as_str(), s)).collect();
    let durability = if options.move_files {
        Durability::Full
    } else {
        Durability::Normal
    };
    let mut store = Store::open(&options.location.store, durability)?;
    let quarantine = Quarantine::new(&options.location.quarantine, options.move_files);
    quarantine.sweep_partial_files();
    let context = Judge {
        surveys: &by_id,
        decryption: &decryption,
        limits: options.limits,
        today: Date::today(),
        quarantine: &quarantine,
        move_files: options.move_files,
    };
    let progress = progress_bar(options.progress);
    // A rendezvous: the next batch is judged while the writer records this one, and no third
    // batch waits in between.
    let (sender, receiver) = sync_channel::<Vec<Judged>>(0);

    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut writer = Writer {
                store: &mut store,
                quarantine: &quarantine,
                today: context.today,
                move_files: options.move_files,
                max_bytes: options.limits.max_bytes,
                progress: &progress,
                report: IngestReport::default(),
            };
            writer.run(receiver).map(|()| writer.report)
        });
        let mut walk = inbox::walk(&options.paths, options.follow_links);
        let mut batch = Batch::new(FIRST_BATCH_FILES);
        loop {
            let chunk: Vec<Entry> = walk.by_ref().take(CHUNK_FILES).collect();
            let walked_all = chunk.is_empty();
            batch.extend(
                chunk
                    .into_par_iter()
                    .map_init(Vec::new, |buffer, walked| context.judge(walked, buffer))
                    .collect(),
            );
            let is_ready = batch.is_full() || (walked_all && !batch.judged.is_empty());
            if is_ready && sender.send(batch.take_and_grow()).is_err() {
                break; // The writer stopped on an error; join() returns it.
            }
            if walked_all {
                break;
            }
        }
        drop(sender);
        let result = writer
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the store writer stopped unexpectedly")));
        progress.finish_and_clear();
        result.map(|mut report| {
            report.store = options.location.store.clone();
            report.quarantine = options.location.quarantine.clone();
            report
        })
    })
}

/// Every definition under `root/surveys/`; a broken definition stops the run, because every
/// response to it would otherwise be quarantined.
pub(crate) fn load_surveys(root: &Path) -> anyhow::Result<Vec<Survey>> {
    let (surveys, diagnostics) = survey::load_all(root);
    if diagnostics.has_errors() {
        return Err(anyhow::Error::new(Rejected(diagnostics))
            .context("the survey definitions have problems; fix them before ingesting responses"));
    }
    if surveys.is_empty() {
        anyhow::bail!(
            "no survey definitions found in {}\n  hint: run candor-collect from the site's folder, or pass --root DIR",
            printable_path(&root.join(survey::SURVEYS_DIR))
        );
    }
    Ok(surveys)
}

/// The keys of the encrypted surveys among `surveys`, read from `keys` (default: the user's
/// survey key folder), with a warning for each such survey whose current key is missing.
pub(crate) fn open_keyring(
    surveys: &[Survey],
    keys: &crate::encryption::keys::SurveyKeys,
    allow_plaintext: bool,
) -> anyhow::Result<Decryption> {
    let dir = keys.dir.clone().unwrap_or_default();
    let (keyring, warnings) =
        crate::encryption::keys::load_keyring(&dir, keys.password.as_deref(), surveys)?;
    crate::exit::print_diagnostics(&warnings);
    Ok(Decryption {
        keyring,
        allow_plaintext,
    })
}

/// Judged files waiting to be sent to the writer as one transaction.
struct Batch {
    judged: Vec<Judged>,
    /// Bytes of the accepted responses in `judged`.
    bytes: usize,
    /// Files at which the batch is sent.
    files: usize,
}

impl Batch {
    fn new(files: usize) -> Batch {
        Batch {
            judged: Vec::with_capacity(files),
            bytes: 0,
            files,
        }
    }

    fn extend(&mut self, judged: Vec<Judged>) {
        self.bytes += judged.iter().map(Judged::bytes).sum::<usize>();
        self.judged.extend(judged);
    }

    fn is_full(&self) -> bool {
        self.judged.len() >= self.files || self.bytes >= MAX_BATCH_BYTES
    }

    /// The judged files, leaving an empty batch twice as large (up to [`MAX_BATCH_FILES`]).
    fn take_and_grow(&mut self) -> Vec<Judged> {
        let next = Batch::new((self.files * 2).min(MAX_BATCH_FILES));
        std::mem::replace(self, next).judged
    }
}

// ---------------------------------------------------------------------------------------------
// Judge (parallel)

/// One walked entry and what the parallel stage made of it.
struct Judged {
    source: Source,
    verdict: Verdict,
}

/// Where a judged entry was found and, with `--move`, which file was read there.
struct Source {
    path: PathBuf,
    /// Opened following links: see [`Entry::File`].
    follow: bool,
    identity: Option<FileIdentity>,
}

impl Judged {
    fn unread(path: PathBuf, verdict: Verdict) -> Judged {
        let source = Source {
            path,
            follow: false,
            identity: None,
        };
        Judged { source, verdict }
    }

    /// Where an accepted response goes in the store; everything else sorts first.
    fn key(&self) -> Option<(&str, &str)> {
        match &self.verdict {
            Verdict::Accepted { response, .. } => Some((&response.survey, &response.response_id)),
            _ => None,
        }
    }

    /// The bytes this verdict keeps in memory until it is committed.
    fn bytes(&self) -> usize {
        match &self.verdict {
            Verdict::Accepted { response, envelope } => {
                response.document.len() + envelope.as_ref().map_or(0, |bytes| bytes.len())
            }
            _ => 0,
        }
    }
}

enum Verdict {
    /// With the envelope's bytes when it came encrypted: the only form of it that may be
    /// quarantined if it conflicts.
    Accepted {
        response: StoredResponse,
        envelope: Option<Box<[u8]>>,
    },
    /// Already copied into the quarantine under `kept_as`; `removable` when it is a response
    /// file kept whole, which `--move` may delete.
    Rejected {
        problem: Diagnostic,
        survey: Option<String>,
        kept_as: String,
        removable: bool,
    },
    Skipped(Skip),
    Unreadable(String),
    /// The quarantine could not be written: the run must stop, or the file would be lost.
    Failed(anyhow::Error),
}

/// What the parallel stage needs to judge a file.
struct Judge<'a> {
    surveys: &'a HashMap<&'a str, &'a Survey>,
    decryption: &'a Decryption,
    limits: Limits,
    today: Date,
    quarantine: &'a Quarantine,
    move_files: bool,
}

impl Judge<'_> {
    /// Judges one walked entry, reading a file into `buffer` (reused from file to file).
    fn judge(&self, entry: Entry, buffer: &mut Vec<u8>) -> Judged {
        let (path, follow) = match entry {
            Entry::File { path, follow } => (path, follow),
            Entry::Skipped { path, skip } => return Judged::unread(path, Verdict::Skipped(skip)),
            Entry::Unreadable { path, message } => {
                return Judged::unread(path, Verdict::Unreadable(message));
            }
        };
        let mut source = Source {
            path,
            follow,
            identity: None,
        };
        let verdict = match self.read(&mut source, buffer) {
            Err(ReadFailure::Unreadable(error)) => Verdict::Unreadable(error.to_string()),
            Err(ReadFailure::TooLarge { size, problem }) => {
                let head = &buffer[..buffer.len().min(self.limits.max_bytes as usize)];
                let note = self.note(&problem, &source.path);
                let kept = self.quarantine.keep_head(head, size, &note);
                self.rejected(problem, None, false, kept)
            }
            Ok(()) => match judge_document(
                buffer,
                self.surveys,
                self.decryption,
                &self.limits,
                self.today,
            ) {
                Ok(Accepted {
                    response,
                    encrypted,
                }) => Verdict::Accepted {
                    response,
                    envelope: encrypted.then(|| buffer.as_slice().into()),
                },
                Err(refusal) => {
                    let Refusal {
                        problem,
                        survey,
                        is_response_file,
                    } = *refusal;
                    let note = self.note(&problem, &source.path);
                    let kept = self.quarantine.keep_bytes(buffer, &note);
                    self.rejected(problem, survey, is_response_file, kept)
                }
            },
        };
        Judged { source, verdict }
    }

    /// Reads the file into `buffer`; with `--move`, first notes which file it is.
    fn read(&self, source: &mut Source, buffer: &mut Vec<u8>) -> Result<(), ReadFailure> {
        let mut file = inbox::open(&source.path, source.follow).map_err(ReadFailure::Unreadable)?;
        if self.move_files {
            let metadata = file.metadata().map_err(ReadFailure::Unreadable)?;
            source.identity = Some(FileIdentity::of(&metadata));
        }
        read::read_bounded(&mut file, &self.limits, buffer)
    }

    fn note<'a>(&self, problem: &'a Diagnostic, path: &'a Path) -> Note<'a> {
        Note {
            outcome: "rejected",
            problem,
            source: path,
            seen: self.today,
        }
    }

    fn rejected(
        &self,
        problem: Diagnostic,
        survey: Option<String>,
        removable: bool,
        kept: anyhow::Result<String>,
    ) -> Verdict {
        match kept {
            Ok(kept_as) => Verdict::Rejected {
                problem,
                survey,
                kept_as,
                removable,
            },
            Err(error) => Verdict::Failed(error),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Write (one thread)

/// The single writer: records batches in order, one transaction each.
struct Writer<'a> {
    store: &'a mut Store,
    quarantine: &'a Quarantine,
    today: Date,
    move_files: bool,
    /// The size limit, for copying a conflicting file into the quarantine.
    max_bytes: u64,
    progress: &'a ProgressBar,
    report: IngestReport,
}

/// The committed fate of one file.
enum Outcome {
    Accepted(String),
    Duplicate(String),
    Conflict {
        survey: String,
        problem: Diagnostic,
        kept_as: String,
    },
    Rejected {
        survey: Option<String>,
        problem: Diagnostic,
        kept_as: String,
        removable: bool,
    },
    Skipped(Skip),
    Unreadable(String),
}

/// Why `--move` left a file that was read: it is not a response file kept whole.
const NOT_A_RESPONSE_FILE: &str = "not-a-response-file";

impl Writer<'_> {
    fn run(&mut self, batches: Receiver<Vec<Judged>>) -> anyhow::Result<()> {
        for batch in batches {
            let outcomes = self.commit(batch)?;
            self.account(outcomes);
        }
        Ok(())
    }

    /// Records one batch in one transaction and returns what happened to each file, in walk
    /// order. Nothing is counted or printed until the transaction has committed.
    ///
    /// Responses are inserted in key order, so the transaction walks the store's b-tree once from
    /// start to end instead of jumping to a random page per row: each page is fetched once and,
    /// if SQLite must write dirty pages out before the commit, it never dirties them again. The
    /// sort is stable, so of two files with the same response id the first in walk order is still
    /// the one stored.
    fn commit(&mut self, batch: Vec<Judged>) -> anyhow::Result<Vec<(Source, Outcome)>> {
        let mut in_key_order: Vec<(usize, Judged)> = batch.into_iter().enumerate().collect();
        in_key_order.sort_by(|(_, a), (_, b)| a.key().cmp(&b.key()));
        let quarantine = self.quarantine;
        let first_seen = self.today.to_string();
        let seen = Seen {
            today: self.today,
            first_seen: &first_seen,
            max_bytes: self.max_bytes,
        };
        self.store.write(|connection| {
            let mut outcomes: Vec<Option<(Source, Outcome)>> = std::iter::repeat_with(|| None)
                .take(in_key_order.len())
                .collect();
            for (index, Judged { source, verdict }) in in_key_order {
                let outcome = record(connection, quarantine, &seen, &source, verdict)?;
                outcomes[index] = Some((source, outcome));
            }
            Ok(outcomes.into_iter().flatten().collect())
        })
    }

    /// Counts, reports and (with `--move`) removes the files of a committed batch.
    fn account(&mut self, outcomes: Vec<(Source, Outcome)>) {
        for (source, outcome) in outcomes {
            let path = source.path.as_path();
            // Read, and so either removed or left in place by --move.
            let (is_read, removable) = match &outcome {
                Outcome::Rejected { removable, .. } => (true, *removable),
                Outcome::Unreadable(_) | Outcome::Skipped(_) => (false, false),
                _ => (true, true),
            };
            let is_left = self.move_files && is_read && !removable;
            let report = &mut self.report;
            match outcome {
                Outcome::Accepted(survey) => {
                    report.accepted += 1;
                    report.by_survey.entry(survey).or_default().accepted += 1;
                }
                Outcome::Duplicate(survey) => {
                    report.duplicates += 1;
                    report.by_survey.entry(survey).or_default().duplicates += 1;
                }
                Outcome::Conflict {
                    survey,
                    problem,
                    kept_as,
                } => {
                    report.conflicts += 1;
                    report.by_survey.entry(survey).or_default().conflicts += 1;
                    self.tell(path, "conflict", &problem, &kept_as, false);
                }
                Outcome::Rejected {
                    survey,
                    problem,
                    kept_as,
                    removable: _,
                } => {
                    report.rejected += 1;
                    *report.reasons.entry(problem.code).or_default() += 1;
                    if let Some(survey) = survey {
                        report.by_survey.entry(survey).or_default().rejected += 1;
                    }
                    self.tell(path, "rejected", &problem, &kept_as, is_left);
                }
                Outcome::Skipped(skip) => {
                    *report.skipped.entry(skip.code()).or_default() += 1;
                    let mut shown = Diagnostic::general(
                        Severity::Warning,
                        skip.code(),
                        format!("skipped ({}): {}", skip.code(), skip.explanation()),
                    );
                    shown.file = Some(PathBuf::from(printable_path(path)));
                    shown.hint = skip.hint().map(str::to_owned);
                    self.say(&shown.to_string());
                }
                Outcome::Unreadable(message) => {
                    report.unreadable += 1;
                    self.say(&format!(
                        "error: cannot read {}: {message}",
                        printable_path(path)
                    ));
                }
            }
            if is_left {
                *self
                    .report
                    .left_in_place
                    .entry(NOT_A_RESPONSE_FILE)
                    .or_default() += 1;
            } else if self.move_files && is_read {
                self.remove_source(&source);
            }
            self.progress.inc(1);
        }
    }

    /// Reports a quarantined file on stderr, located in the file where possible.
    fn tell(&self, path: &Path, outcome: &str, problem: &Diagnostic, kept_as: &str, left: bool) {
        let mut shown = problem.clone();
        shown.severity = Severity::Warning;
        shown.file = Some(PathBuf::from(printable_path(path)));
        shown.message = format!(
            "{outcome} ({}): {}; kept as {}{}",
            problem.code,
            problem.message,
            printable_path(&self.quarantine.dir().join(kept_as)),
            if left {
                "; left in place: --move deletes only response files"
            } else {
                ""
            }
        );
        self.say(&shown.to_string());
    }

    fn say(&self, line: &str) {
        self.progress.suspend(|| {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        });
    }

    /// `--move`: the file's outcome is committed and durable, so the source can go, if it is
    /// still the file that was read.
    fn remove_source(&mut self, source: &Source) {
        let Some(identity) = &source.identity else {
            return;
        };
        let path = printable_path(&source.path);
        let reason = match inbox::remove_if_unchanged(&source.path, identity, source.follow) {
            Removal::Removed | Removal::Gone => return,
            Removal::Changed => {
                self.say(&format!(
                    "warning: {path} changed after it was read; left in place: ingest it again"
                ));
                "changed-after-reading"
            }
            Removal::Failed(error) => {
                self.say(&format!(
                    "warning: {path} is stored but could not be removed: {error}"
                ));
                "cannot-remove"
            }
        };
        *self.report.left_in_place.entry(reason).or_default() += 1;
    }
}

/// The day of an ingest, as a date and as the text stored for quarantined files, and the size
/// limit for copying a conflicting file.
struct Seen<'a> {
    today: Date,
    first_seen: &'a str,
    max_bytes: u64,
}

/// Records one file's verdict inside the current transaction: stores an accepted response (or
/// finds it a duplicate or a conflict) and books a quarantined file.
fn record(
    connection: &rusqlite::Connection,
    quarantine: &Quarantine,
    seen: &Seen<'_>,
    source: &Source,
    verdict: Verdict,
) -> anyhow::Result<Outcome> {
    Ok(match verdict {
        Verdict::Failed(error) => return Err(error),
        Verdict::Unreadable(message) => Outcome::Unreadable(message),
        Verdict::Skipped(skip) => Outcome::Skipped(skip),
        Verdict::Accepted { response, envelope } => {
            match store::insert_response(connection, &response)? {
                Insertion::Stored => Outcome::Accepted(response.survey),
                Insertion::Duplicate => Outcome::Duplicate(response.survey),
                Insertion::Conflict => {
                    let (problem, kept_as) = quarantine_conflict(
                        quarantine,
                        source,
                        &response,
                        envelope.as_deref(),
                        seen,
                    )?;
                    record_conflict(
                        connection,
                        &kept_as,
                        &problem,
                        &response.survey,
                        seen.first_seen,
                    )?;
                    Outcome::Conflict {
                        survey: response.survey,
                        problem,
                        kept_as,
                    }
                }
            }
        }
        Verdict::Rejected {
            problem,
            survey,
            kept_as,
            removable,
        } => {
            store::record_quarantine(
                connection,
                &QuarantineRecord {
                    file_name: &kept_as,
                    kind: QuarantineKind::Rejected,
                    reason: problem.code,
                    survey: survey.as_deref(),
                    first_seen: seen.first_seen,
                },
            )?;
            Outcome::Rejected {
                survey,
                problem,
                kept_as,
                removable,
            }
        }
    })
}

/// Records in the store that the response of `survey` kept in the quarantine as `kept_as`
/// conflicts with the stored one, for `problem`: the same row whether the response came from
/// a file (`ingest`) or over HTTP (`receive`).
pub(crate) fn record_conflict(
    connection: &rusqlite::Connection,
    kept_as: &str,
    problem: &Diagnostic,
    survey: &str,
    first_seen: &str,
) -> rusqlite::Result<()> {
    store::record_quarantine(
        connection,
        &QuarantineRecord {
            file_name: kept_as,
            kind: QuarantineKind::Conflict,
            reason: problem.code,
            survey: Some(survey),
            first_seen,
        },
    )
}

/// Why a valid response reusing a stored id is not stored: said the same way by `ingest` and
/// `receive`.
pub(crate) fn conflict_problem(response: &StoredResponse) -> Diagnostic {
    read::rejection(
        "conflict",
        format!(
            "response {} of survey `{}` is already stored with different answers; the stored one is kept",
            response.response_id, response.survey
        ),
    )
    .with_hint(format!(
        "the file is kept in the quarantine; see the stored answers with \
         `candor-collect export {} --format jsonl | grep {}` and compare",
        response.survey, response.response_id
    ))
}

/// Copies a conflicting file into the quarantine (from disk, since only its canonical form was
/// kept in memory; from that form if the file has meanwhile gone or grown past the limit, or
/// from its `envelope` if it came encrypted: an opened response is never quarantined).
fn quarantine_conflict(
    quarantine: &Quarantine,
    source: &Source,
    response: &StoredResponse,
    envelope: Option<&[u8]>,
    seen: &Seen<'_>,
) -> anyhow::Result<(Diagnostic, String)> {
    let problem = conflict_problem(response);
    let note = Note {
        outcome: "conflict",
        problem: &problem,
        source: &source.path,
        seen: seen.today,
    };
    // With --move, a file replaced since it was read is not what conflicted: keep the response.
    let is_unchanged = |file: &std::fs::File| {
        source.identity.is_none_or(|read| {
            file.metadata()
                .is_ok_and(|now| FileIdentity::of(&now) == read)
        })
    };
    let kept_as = inbox::open(&source.path, source.follow)
        .map_err(anyhow::Error::from)
        .and_then(|file| {
            anyhow::ensure!(is_unchanged(&file), "changed since it was read");
            quarantine.keep_file(file, seen.max_bytes, &note)
        })
        .or_else(|_| {
            let kept = envelope.unwrap_or(response.document.as_bytes());
            quarantine.keep_bytes(kept, &note)
        })?;
    Ok((problem, kept_as))
}

fn progress_bar(wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    // indicatif's own {per_sec} prints "17366.2901/s"; people read "17,366 files/s".
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {human_pos} files ingested ({rate}, {elapsed})")
    {
        bar.set_style(style.with_key(
            "rate",
            |state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = write!(out, "{} files/s", HumanCount(state.per_sec() as u64));
            },
        ));
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
