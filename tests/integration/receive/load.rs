//! `candor-collect receive` under load: thousands of requests from hundreds of clients, with
//! duplicates, conflicts and hostile bodies, and a kill in the middle — every response stored
//! once, none acknowledged and lost, nothing identifying left behind. The server, the sites and
//! the client are [`super`]'s.

use super::*;

/// One request of a load and what it must be answered.
#[derive(Clone)]
struct Planned {
    body: Vec<u8>,
    content_type: &'static str,
    /// `Some(n)` for a valid response with id number `n`.
    id: Option<usize>,
    /// For a hostile body: the status and reason it must get.
    refusal: Option<(u16, &'static str)>,
}

/// `unique` valid responses, a fifth of them sent twice, a tenth contradicted by a conflicting
/// one, and one hostile body for every ten, in a shuffled order.
fn plan(unique: usize, with_conflicts: bool) -> Vec<Planned> {
    let valid = |n: usize, variant: u8| Planned {
        body: response(n, variant).into_bytes(),
        content_type: "application/json",
        id: Some(n),
        refusal: None,
    };
    let mut requests = Vec::new();
    for n in 0..unique {
        requests.push(valid(n, 0));
        if n % 5 == 0 {
            requests.push(valid(n, 0));
        }
        if with_conflicts && n % 10 == 3 {
            requests.push(valid(n, 1));
        }
        if n % 7 == 0 {
            let hostile = |body: Vec<u8>, content_type, refusal| Planned {
                body,
                content_type,
                id: None,
                refusal: Some(refusal),
            };
            requests.push(match n % 5 {
                0 => hostile(
                    b"not json at all".to_vec(),
                    "application/json",
                    (400, "not-json"),
                ),
                1 => hostile(
                    format!("{{\"a\":{}", "[".repeat(50)).into_bytes(),
                    "application/json",
                    (400, "too-deep"),
                ),
                2 => hostile(
                    vec![b' '; 300 * 1024],
                    "application/json",
                    (413, "too-large"),
                ),
                3 => hostile(
                    response(n, 0).into_bytes(),
                    "text/plain",
                    (415, "content-type"),
                ),
                _ => hostile(
                    response(n, 0).replace("pulse", "nope").into_bytes(),
                    "application/json",
                    (400, "unknown-survey"),
                ),
            });
        }
    }
    // A fixed shuffle (an LCG), so that a failure can be replayed.
    let mut state: u64 = 0x9e37_79b9;
    for i in (1..requests.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        requests.swap(i, (state >> 33) as usize % (i + 1));
    }
    requests
}

/// How far a load has come.
#[derive(Default)]
struct Progress {
    answered: AtomicUsize,
    /// Sends that failed (connection refused or broken, or 503) and were tried again.
    retries: AtomicUsize,
    /// What each failed send was and why it failed.
    failures: Mutex<Vec<String>>,
}

/// Sends `requests` from `threads` clients, retrying any request whose connection broke or
/// that the server could not take (503) until it is answered; returns every final answer.
fn run_load(
    address: SocketAddr,
    requests: &[Planned],
    threads: usize,
    progress: &Progress,
) -> Vec<(usize, u16, String)> {
    let answers = Mutex::new(Vec::with_capacity(requests.len()));
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let answers = &answers;
            scope.spawn(move || {
                let mut client = Client::new(address);
                for index in (thread..requests.len()).step_by(threads) {
                    let planned = &requests[index];
                    let started = Instant::now();
                    let answer = loop {
                        assert!(
                            started.elapsed() < Duration::from_secs(120),
                            "request {index} never answered"
                        );
                        match client.send(
                            "POST",
                            "/responses",
                            &[("Content-Type", planned.content_type)],
                            &planned.body,
                        ) {
                            Ok(answer) if answer.status != 503 => break answer,
                            failed => {
                                let why = match failed {
                                    Ok(answer) => format!("{} {}", answer.status, answer.body),
                                    Err(error) => error.to_string(),
                                };
                                let kind = planned.refusal.map_or("valid", |(_, reason)| reason);
                                progress
                                    .failures
                                    .lock()
                                    .unwrap()
                                    .push(format!("{kind}: {why}"));
                                progress.retries.fetch_add(1, Ordering::Relaxed);
                                std::thread::sleep(Duration::from_millis(20));
                            }
                        }
                    };
                    progress.answered.fetch_add(1, Ordering::Relaxed);
                    answers
                        .lock()
                        .unwrap()
                        .push((index, answer.status, answer.body));
                }
            });
        }
    });
    answers.into_inner().unwrap()
}

/// Checks a load's answers against the store: exactly the unique valid responses stored, one
/// 201 per id, and every other copy answered 200 if identical and 409 if not.
fn check_load(
    site: &Site,
    requests: &[Planned],
    answers: &[(usize, u16, String)],
    unique: usize,
    retried: bool,
) {
    assert_eq!(answers.len(), requests.len());
    let stored = site.stored();
    assert_eq!(stored.len(), unique, "stored responses");
    let mut created: HashMap<usize, usize> = HashMap::new();
    for (index, status, body) in answers {
        let planned = &requests[*index];
        assert!(*status < 500, "5xx for request {index}: {status} {body}");
        match (planned.id, planned.refusal) {
            (Some(n), _) => {
                let document = &stored[&id(n)];
                let is_stored_one = document.as_bytes() == planned.body.as_slice();
                match status {
                    201 => {
                        assert!(is_stored_one, "a 201 for a response not stored: {index}");
                        *created.entry(n).or_default() += 1;
                    }
                    200 => assert!(is_stored_one, "a duplicate that differs: {index}"),
                    409 => assert!(!is_stored_one, "a conflict with itself: {index}"),
                    other => panic!("request {index} answered {other}: {body}"),
                }
            }
            (None, Some((expected, reason))) => {
                assert_eq!(*status, expected, "{body}");
                assert!(body.contains(&format!("\"reason\":\"{reason}\"")), "{body}");
            }
            (None, None) => unreachable!(),
        }
    }
    if !retried {
        // Without faults every id was created by exactly one request.
        assert_eq!(created.len(), unique);
        assert!(
            created.values().all(|&count| count == 1),
            "an id stored twice"
        );
    }
}

/// Nothing the server wrote (the store, the quarantine, every run's stdout and stderr) names
/// the clients' address or user agent.
fn check_nothing_identifying(site: &Site) {
    let files: Vec<PathBuf> = [
        site.dir.path().join(".candor"),
        site.logs.path().to_path_buf(),
    ]
    .iter()
    .flat_map(walkdir::WalkDir::new)
    .map(|e| e.unwrap().into_path())
    .filter(|p| p.is_file())
    .collect();
    assert!(files.len() > 3, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        for needle in [CLIENT_ADDRESS, USER_AGENT] {
            assert!(
                memchr::memmem::find(&bytes, needle.as_bytes()).is_none(),
                "{} holds {needle}",
                file.display()
            );
        }
    }
}

/// The load: 15,000 distinct responses among 21,643 requests (duplicates, conflicts
/// and hostile bodies), from 200 clients at once; about 10 s in a debug build.
#[test]
fn a_load_of_20000_requests_from_200_clients_stores_each_response_once() {
    let site = Site::new();
    let server = site.start("127.0.0.2:0", &[]);
    let unique = 15_000;
    let requests = plan(unique, true);
    let progress = Progress::default();
    let answers = run_load(server.address, &requests, 200, &progress);
    let failures = progress.failures.into_inner().unwrap();
    assert!(failures.is_empty(), "sends that failed: {failures:#?}");
    check_load(&site, &requests, &answers, unique, false);
    check_nothing_identifying(&site);
}

#[test]
fn sigkill_during_a_load_loses_no_acknowledged_response() {
    let site = Site::new();
    let mut server = site.start("127.0.0.2:0", &[]);
    let bind = server.address.to_string();
    let address = server.address;
    let unique = 1_500;
    let requests = plan(unique, false);
    let progress = Progress::default();
    let answers = std::thread::scope(|scope| {
        let load = scope.spawn(|| run_load(address, &requests, 200, &progress));
        // Killed at a fifth, two fifths and three fifths of the load, mid-stream.
        for fifth in 1..=3 {
            while progress.answered.load(Ordering::Relaxed) < requests.len() * fifth / 5 {
                std::thread::sleep(Duration::from_millis(1));
            }
            server.child.kill().unwrap(); // SIGKILL
            server.child.wait().unwrap();
            server = site.start(&bind, &[]);
        }
        load.join().unwrap()
    });
    assert!(
        progress.retries.load(Ordering::Relaxed) > 0,
        "no request had to be retried: the kills missed the load"
    );
    check_load(&site, &requests, &answers, unique, true);
    let connection = rusqlite::Connection::open(site.store()).unwrap();
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    check_nothing_identifying(&site);
    drop(server);
}
