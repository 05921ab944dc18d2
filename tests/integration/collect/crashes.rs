//! `candor-collect ingest` interrupted or run twice at once: a store killed mid-ingest and
//! ingested again equals one clean run, and overlapping ingests count each response once. The
//! sites, responses and store readers are [`super`]'s.

use super::*;

/// A folder of valid responses, a few bad files and a conflicting pair, for the crash and
/// concurrency tests.
fn many_responses(site: &Site, folder: &str, range: std::ops::Range<u64>) {
    for n in range {
        site.write(
            &format!("{folder}/{n:05}.json"),
            response(n, (n % 5 + 1) as u8).as_bytes(),
        );
        if n % 97 == 0 {
            site.write(&format!("{folder}/{n:05}-bad.json"), b"{\"answers\": [[");
        }
        if n % 211 == 0 {
            site.write(
                &format!("{folder}/{n:05}-conflict.json"),
                response(n, 0)
                    .replace("\"courtesy\": 0", "\"courtesy\": 3, \"note\": \"x\"")
                    .as_bytes(),
            );
        }
    }
}

/// Everything a store holds that a re-run could get wrong.
type StoreState = (
    Vec<(String, String, i64, String, String)>,
    Vec<(String, String, String, Option<String>)>,
    Vec<String>,
    String,
);

fn store_state(site: &Site) -> StoreState {
    let status = site.collect(&["status", "--json"]).exit_code(0).stdout();
    (
        site.rows(),
        quarantine_rows(&site.store()),
        site.quarantined(),
        status,
    )
}

/// How many responses the store holds right now (0 before it exists).
fn stored_count(store: &Path) -> i64 {
    rusqlite::Connection::open_with_flags(store, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT COUNT(*) FROM responses", [], |row| row.get(0)))
        .unwrap_or(0)
}

#[test]
fn a_store_killed_mid_ingest_and_ingested_again_equals_one_clean_run() {
    const FILES: u64 = 3500;
    let reference = Site::new();
    many_responses(&reference, "inbox", 0..FILES);
    let clean = reference.ingest(&["inbox"]);
    let expected = store_state(&reference);
    let total = reference.rows().len();

    let site = Site::new();
    many_responses(&site, "inbox", 0..FILES);
    // Kill -9 at several points: once after a random short delay (likely before any commit),
    // then each time soon after the run has committed one more batch, so kills land in the
    // middle of later batches. Only progress decides when to kill; nothing asserts on time.
    let mut seed = u64::from(std::process::id());
    let mut random_millis = |limit: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        Duration::from_millis((seed >> 33) % limit)
    };
    let mut partial_stores = 0;
    for round in 0..4 {
        let before = stored_count(&site.store());
        let mut child = site
            .command(&["ingest", "inbox"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if round == 0 {
            std::thread::sleep(random_millis(50));
        } else {
            while stored_count(&site.store()) == before && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(2));
            }
            std::thread::sleep(random_millis(20));
        }
        child.kill().unwrap(); // SIGKILL on Unix.
        child.wait().unwrap();
        let stored = stored_count(&site.store());
        if stored > 0 && (stored as usize) < total {
            partial_stores += 1;
        }
    }
    assert!(partial_stores > 0, "no kill interrupted an ingest");

    let rerun = site.ingest(&["inbox"]);
    assert_eq!(
        rerun.files(),
        clean.files(),
        "the re-run sees every file once"
    );
    assert_eq!(
        rerun.accepted + rerun.duplicates,
        clean.accepted + clean.duplicates,
        "nothing counted twice"
    );
    assert_eq!(store_state(&site), expected);
    assert_eq!(integrity(&site.store()), "ok");
}

fn integrity(store: &Path) -> String {
    rusqlite::Connection::open(store)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn two_ingests_of_overlapping_folders_at_once_count_each_response_once() {
    let site = Site::new();
    many_responses(&site, "a", 0..1200);
    many_responses(&site, "b", 800..2000);
    let spawn = |folder: &str| {
        site.command(&["ingest", "--json", folder])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn("a"), spawn("b"));
    let runs = [first, second].map(|child| Run {
        description: "concurrent ingest".to_owned(),
        output: child.wait_with_output().unwrap(),
    });
    let summaries = runs.map(|run| Summary::of(&run.exit_code(0)));
    let accepted: u64 = summaries.iter().map(|s| s.accepted).sum();
    let duplicates: u64 = summaries.iter().map(|s| s.duplicates).sum();
    assert_eq!(accepted, 2000, "{summaries:?}");
    // Each id is stored by exactly one run; the 400 ids in both folders are duplicates in the
    // other. Of each conflicting pair, one file is stored or a duplicate, the other a conflict.
    assert_eq!(accepted + duplicates, 2400, "{summaries:?}");
    assert_eq!(site.rows().len(), 2000);
    assert_eq!(integrity(&site.store()), "ok");
}
