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

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::collect::quarantine::{Note, Quarantine};
use crate::collect::read::{self, Limits, ReadFailure};
use crate::collect::store::{
    self, Durability, Insertion, QuarantineKind, QuarantineRecord, Store, StoredResponse,
};
use crate::collect::{StoreLocation, printable_path};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Rejected, Severity};
use crate::survey::{self, Response, ResponseProblem, Survey, validate_received};

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

/// At most this many problems of one response are spelled out.
const PROBLEMS_SHOWN: usize = 5;

/// What the user asked `candor-collect ingest` to do.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files and folders to ingest; folders are walked recursively, skipping hidden entries.
    pub paths: Vec<PathBuf>,
    pub location: StoreLocation,
    pub limits: Limits,
    /// Delete each source file once its outcome is committed.
    pub move_files: bool,
    /// Show a progress bar (only ever on a terminal).
    pub progress: bool,
}

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

/// Ingests `options.paths` into the store. Rejects are reported on stderr as they are
/// committed; paths that cannot be read are reported and counted, and the run goes on.
pub fn ingest(options: &IngestOptions) -> anyhow::Result<IngestReport> {
    let surveys = load_surveys(&options.location.root)?;
    crate::exit::print_diagnostics(&survey::limits::check_max_size(
        &surveys,
        options.limits.max_bytes,
    ));
    let by_id: HashMap<&str, &Survey> = surveys.iter().map(|s| (s.id.as_str(), s)).collect();
    let durability = if options.move_files {
        Durability::Full
    } else {
        Durability::Normal
    };
    let mut store = Store::open(&options.location.store, durability)?;
    let quarantine = Quarantine::new(&options.location.quarantine, options.move_files);
    quarantine.sweep_partial_files();
    let excluded = Excluded::new(&options.location);
    let context = Judge {
        surveys: &by_id,
        limits: options.limits,
        today: Date::today(),
        quarantine: &quarantine,
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
                progress: &progress,
                report: IngestReport::default(),
            };
            writer.run(receiver).map(|()| writer.report)
        });
        let mut walk = walk(&options.paths, &excluded);
        let mut batch = Batch::new(FIRST_BATCH_FILES);
        loop {
            let chunk: Vec<Walked> = walk.by_ref().take(CHUNK_FILES).collect();
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
fn load_surveys(root: &Path) -> anyhow::Result<Vec<Survey>> {
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

// ---------------------------------------------------------------------------------------------
// Walk

/// One path found by the walk, or the reason a path could not be walked.
type Walked = Result<PathBuf, (PathBuf, String)>;

/// Files under `paths`, in sorted order within each folder, hidden entries and the store's own
/// files skipped.
fn walk<'a>(paths: &'a [PathBuf], excluded: &'a Excluded) -> impl Iterator<Item = Walked> + 'a {
    paths
        .iter()
        .flat_map(move |path| -> Box<dyn Iterator<Item = Walked>> {
            match std::fs::metadata(path) {
                Err(error) => Box::new(std::iter::once(Err((path.clone(), error.to_string())))),
                Ok(metadata) if metadata.is_file() => Box::new(std::iter::once(Ok(path.clone()))),
                Ok(metadata) if metadata.is_dir() => Box::new(walk_folder(path, excluded)),
                Ok(_) => Box::new(std::iter::once(Err((
                    path.clone(),
                    "not a regular file or folder".to_owned(),
                )))),
            }
        })
}

fn walk_folder<'a>(folder: &Path, excluded: &'a Excluded) -> impl Iterator<Item = Walked> + 'a {
    WalkDir::new(folder)
        // Siblings share their parent's path, so comparing whole paths as bytes orders them by
        // name, without parsing path components in every comparison (a tenth of the run time
        // for a folder of 100,000 files).
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(move |entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            !hidden && !excluded.contains(entry)
        })
        .filter_map(|entry| match entry {
            Ok(entry) if entry.file_type().is_file() => Some(Ok(entry.into_path())),
            // A link to a file is ingested like the file; links to folders are not followed,
            // so a walk can neither loop nor leave the folder it was given.
            Ok(entry) if entry.path_is_symlink() && entry.path().is_file() => {
                Some(Ok(entry.into_path()))
            }
            Ok(_) => None,
            Err(error) => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                let message = error
                    .io_error()
                    .map_or_else(|| error.to_string(), ToString::to_string);
                Some(Err((path, message)))
            }
        })
}

/// The store's own files, which an ingest of a folder holding the store must not read back.
struct Excluded {
    quarantine: Option<PathBuf>,
    store_dir: Option<PathBuf>,
    store_name: String,
}

impl Excluded {
    fn new(location: &StoreLocation) -> Excluded {
        Excluded {
            quarantine: location.quarantine.canonicalize().ok(),
            store_dir: location
                .store
                .parent()
                .and_then(|dir| std::path::absolute(dir).ok())
                .and_then(|dir| dir.canonicalize().ok()),
            store_name: location
                .store
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    fn contains(&self, entry: &walkdir::DirEntry) -> bool {
        if entry.file_type().is_dir() {
            let Some(quarantine) = &self.quarantine else {
                return false;
            };
            return entry.path().canonicalize().ok().as_ref() == Some(quarantine);
        }
        // The database and its -wal, -shm and -journal files. Cheap name test first.
        let name = entry.file_name().to_string_lossy();
        if self.store_name.is_empty() || !name.starts_with(self.store_name.as_str()) {
            return false;
        }
        let parent = entry.path().parent().and_then(|p| p.canonicalize().ok());
        parent.is_some() && parent == self.store_dir
    }
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

/// One walked file and what the parallel stage made of it.
struct Judged {
    path: PathBuf,
    verdict: Verdict,
}

impl Judged {
    /// Where an accepted response goes in the store; everything else sorts first.
    fn key(&self) -> Option<(&str, &str)> {
        match &self.verdict {
            Verdict::Accepted(response) => Some((&response.survey, &response.response_id)),
            _ => None,
        }
    }

    /// The bytes this verdict keeps in memory until it is committed.
    fn bytes(&self) -> usize {
        match &self.verdict {
            Verdict::Accepted(response) => response.document.len(),
            _ => 0,
        }
    }
}

enum Verdict {
    Accepted(StoredResponse),
    /// Already copied into the quarantine under `kept_as`.
    Rejected {
        problem: Diagnostic,
        survey: Option<String>,
        kept_as: String,
    },
    Unreadable(String),
    /// The quarantine could not be written: the run must stop, or the file would be lost.
    Failed(anyhow::Error),
}

/// What the parallel stage needs to judge a file.
struct Judge<'a> {
    surveys: &'a HashMap<&'a str, &'a Survey>,
    limits: Limits,
    today: Date,
    quarantine: &'a Quarantine,
}

impl Judge<'_> {
    /// Judges one walked file, reading it into `buffer` (reused from file to file).
    fn judge(&self, walked: Walked, buffer: &mut Vec<u8>) -> Judged {
        let path = match walked {
            Ok(path) => path,
            Err((path, message)) => {
                return Judged {
                    path,
                    verdict: Verdict::Unreadable(message),
                };
            }
        };
        let verdict = match read::read_bounded(&path, &self.limits, buffer) {
            Err(ReadFailure::Unreadable(error)) => Verdict::Unreadable(error.to_string()),
            Err(ReadFailure::Rejected(problem)) => {
                let kept = self.quarantine.keep_file(&self.note(&problem, &path));
                self.rejected(problem, None, kept)
            }
            Ok(()) => match self.check(buffer) {
                Ok(response) => Verdict::Accepted(response),
                Err(refusal) => {
                    let (problem, survey) = *refusal;
                    let kept = self
                        .quarantine
                        .keep_bytes(buffer, &self.note(&problem, &path));
                    self.rejected(problem, survey, kept)
                }
            },
        };
        Judged { path, verdict }
    }

    /// Screens, parses and validates one file's bytes. A rejection names the survey when the
    /// file is for a defined one.
    fn check(&self, bytes: &[u8]) -> Result<StoredResponse, Box<(Diagnostic, Option<String>)>> {
        let text =
            read::screen(bytes, &self.limits).map_err(|problem| Box::new((problem, None)))?;
        let response: Response =
            read::parse_json(text).map_err(|problem| Box::new((problem, None)))?;
        let Some(survey) = self.surveys.get(response.survey.as_ref()) else {
            let problem = ResponseProblem::unknown_survey(&response.survey);
            return Err(Box::new((from_problems(&[problem]), None)));
        };
        let survey_id = Some(survey.id.clone());
        validate_received(survey, &response, self.today)
            .map_err(|problems| Box::new((from_problems(&problems), survey_id.clone())))?;
        let document = canonical(&response, text.len()).map_err(|error| {
            let problem = read::rejection("malformed", error.to_string());
            Box::new((problem, survey_id))
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
        kept: anyhow::Result<String>,
    ) -> Verdict {
        match kept {
            Ok(kept_as) => Verdict::Rejected {
                problem,
                survey,
                kept_as,
            },
            Err(error) => Verdict::Failed(error),
        }
    }
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

// ---------------------------------------------------------------------------------------------
// Write (one thread)

/// The single writer: records batches in order, one transaction each.
struct Writer<'a> {
    store: &'a mut Store,
    quarantine: &'a Quarantine,
    today: Date,
    move_files: bool,
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
    },
    Unreadable(String),
}

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
    fn commit(&mut self, batch: Vec<Judged>) -> anyhow::Result<Vec<(PathBuf, Outcome)>> {
        let mut in_key_order: Vec<(usize, Judged)> = batch.into_iter().enumerate().collect();
        in_key_order.sort_by(|(_, a), (_, b)| a.key().cmp(&b.key()));
        let quarantine = self.quarantine;
        let first_seen = self.today.to_string();
        let seen = Seen {
            today: self.today,
            first_seen: &first_seen,
        };
        self.store.write(|connection| {
            let mut outcomes: Vec<Option<(PathBuf, Outcome)>> = std::iter::repeat_with(|| None)
                .take(in_key_order.len())
                .collect();
            for (index, Judged { path, verdict }) in in_key_order {
                let outcome = record(connection, quarantine, &seen, &path, verdict)?;
                outcomes[index] = Some((path, outcome));
            }
            Ok(outcomes.into_iter().flatten().collect())
        })
    }

    /// Counts, reports and (with `--move`) removes the files of a committed batch.
    fn account(&mut self, outcomes: Vec<(PathBuf, Outcome)>) {
        for (path, outcome) in outcomes {
            let report = &mut self.report;
            let is_readable = !matches!(outcome, Outcome::Unreadable(_));
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
                    self.tell(&path, "conflict", &problem, &kept_as);
                }
                Outcome::Rejected {
                    survey,
                    problem,
                    kept_as,
                } => {
                    report.rejected += 1;
                    *report.reasons.entry(problem.code).or_default() += 1;
                    if let Some(survey) = survey {
                        report.by_survey.entry(survey).or_default().rejected += 1;
                    }
                    self.tell(&path, "rejected", &problem, &kept_as);
                }
                Outcome::Unreadable(message) => {
                    self.report.unreadable += 1;
                    self.say(&format!(
                        "error: cannot read {}: {message}",
                        printable_path(&path)
                    ));
                }
            }
            if is_readable && self.move_files {
                self.remove_source(&path);
            }
            self.progress.inc(1);
        }
    }

    /// Reports a quarantined file on stderr, located in the file where possible.
    fn tell(&self, path: &Path, outcome: &str, problem: &Diagnostic, kept_as: &str) {
        let mut shown = problem.clone();
        shown.severity = Severity::Warning;
        shown.file = Some(PathBuf::from(printable_path(path)));
        shown.message = format!(
            "{outcome} ({}): {}; kept as {}",
            problem.code,
            problem.message,
            printable_path(&self.quarantine.dir().join(kept_as))
        );
        self.say(&shown.to_string());
    }

    fn say(&self, line: &str) {
        self.progress.suspend(|| {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        });
    }

    /// `--move`: the file's outcome is committed and durable, so the source can go.
    fn remove_source(&self, path: &Path) {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => self.say(&format!(
                "warning: {} is stored but could not be removed: {error}",
                printable_path(path)
            )),
        }
    }
}

/// The day of an ingest, as a date and as the text stored for quarantined files.
struct Seen<'a> {
    today: Date,
    first_seen: &'a str,
}

/// Records one file's verdict inside the current transaction: stores an accepted response (or
/// finds it a duplicate or a conflict) and books a quarantined file.
fn record(
    connection: &rusqlite::Connection,
    quarantine: &Quarantine,
    seen: &Seen<'_>,
    path: &Path,
    verdict: Verdict,
) -> anyhow::Result<Outcome> {
    Ok(match verdict {
        Verdict::Failed(error) => return Err(error),
        Verdict::Unreadable(message) => Outcome::Unreadable(message),
        Verdict::Accepted(response) => match store::insert_response(connection, &response)? {
            Insertion::Stored => Outcome::Accepted(response.survey),
            Insertion::Duplicate => Outcome::Duplicate(response.survey),
            Insertion::Conflict => {
                let (problem, kept_as) =
                    quarantine_conflict(quarantine, path, &response, seen.today)?;
                store::record_quarantine(
                    connection,
                    &QuarantineRecord {
                        file_name: &kept_as,
                        kind: QuarantineKind::Conflict,
                        reason: problem.code,
                        survey: Some(&response.survey),
                        first_seen: seen.first_seen,
                    },
                )?;
                Outcome::Conflict {
                    survey: response.survey,
                    problem,
                    kept_as,
                }
            }
        },
        Verdict::Rejected {
            problem,
            survey,
            kept_as,
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
            }
        }
    })
}

/// Copies a conflicting file into the quarantine (from disk, since only its canonical form was
/// kept in memory; from that form if the file has meanwhile gone).
fn quarantine_conflict(
    quarantine: &Quarantine,
    path: &Path,
    response: &StoredResponse,
    today: Date,
) -> anyhow::Result<(Diagnostic, String)> {
    let problem = read::rejection(
        "conflict",
        format!(
            "response {} of survey `{}` is already stored with different answers; the stored one is kept",
            response.response_id, response.survey
        ),
    )
    .with_hint("compare the two files; if the stored one is wrong, fix the store by hand with an analyst");
    let note = Note {
        outcome: "conflict",
        problem: &problem,
        source: path,
        seen: today,
    };
    let kept_as = quarantine
        .keep_file(&note)
        .or_else(|_| quarantine.keep_bytes(response.document.as_bytes(), &note))?;
    Ok((problem, kept_as))
}

fn progress_bar(wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} files ingested ({per_sec}, {elapsed})")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

// ---------------------------------------------------------------------------------------------
// Report

impl fmt::Display for IngestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "ingested {} files into {}: {}",
            self.files(),
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
        if self.unreadable > 0 {
            writeln!(
                f,
                "{} paths could not be read (listed above); they were not ingested",
                self.unreadable
            )?;
        }
        Ok(())
    }
}

fn counts_text(counts: &SurveyCounts) -> String {
    format!(
        "{} accepted, {} duplicates, {} conflicts, {} rejected",
        counts.accepted, counts.duplicates, counts.conflicts, counts.rejected
    )
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
