//! How much signing adds to a large build: writing 10,000 pages of about 2 KB through the
//! [`HashingSink`] and signing them (hash as written, write SHA256SUMS, sign), against writing
//! the same pages through a plain [`DirSink`]; and `verify_site` on the signed folder.
//!
//! Run with `TMPDIR=/dev/shm cargo bench --bench sign` (tmpfs keeps disk noise out).

use std::fs;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use candor::config::SiteConfig;
use candor::output::{DirSink, Sink};
use candor::sign::{HashingSink, SigningInputs, VerifyOptions, sign_release_with, verify_site};
use rayon::prelude::*;

const FILES: usize = 10_000;
const FILE_BYTES: usize = 2_048;
const ROUNDS: usize = 7;

fn main() -> anyhow::Result<()> {
    let temp = tempfile::tempdir()?;
    let root = temp.path().join("site");
    fs::create_dir_all(&root)?;
    let config = SiteConfig::parse("title: Bench\nbase_url: https://example.org/\n")
        .map_err(|problem| anyhow::anyhow!("{problem}"))?;
    let built = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let inputs = SigningInputs {
        built,
        ..SigningInputs::default()
    };
    let pages = pages();

    let mut plain = Vec::new();
    let mut signing = Vec::new();
    let mut verifying = Vec::new();
    for round in 0..ROUNDS {
        let unsigned = temp.path().join(format!("unsigned-{round}"));
        let started = Instant::now();
        write_pages(&DirSink::new(&unsigned), &pages)?;
        plain.push(started.elapsed());

        let signed = temp.path().join(format!("signed-{round}"));
        let started = Instant::now();
        let sink = HashingSink::new(&signed);
        write_pages(&sink, &pages)?;
        let summary = sign_release_with(sink, &root, &config, &inputs)?;
        signing.push(started.elapsed());
        assert_eq!(summary.files, FILES + 1);

        let options = VerifyOptions {
            state: Some(temp.path().join("state.json")),
            ..VerifyOptions::new(signed.clone(), root.join(".candor/keys/dev.pub"))
        };
        let started = Instant::now();
        verify_site(&options)?;
        verifying.push(started.elapsed());
        fs::remove_dir_all(&unsigned)?;
        fs::remove_dir_all(&signed)?;
    }
    println!(
        "{FILES} files of {FILE_BYTES} bytes, {ROUNDS} rounds, {} threads",
        rayon::current_num_threads()
    );
    report("write, unsigned      ", &mut plain);
    report("write, hash and sign ", &mut signing);
    report("verify_site          ", &mut verifying);
    Ok(())
}

/// Each page's path and text, made before timing starts.
fn pages() -> Vec<(String, String)> {
    let body: String = "Staff are expected to answer within ten working days. "
        .chars()
        .cycle()
        .take(FILE_BYTES)
        .collect();
    (0..FILES)
        .map(|index| {
            (
                format!("section-{:03}/page-{index:05}/index.html", index % 100),
                format!("{index}{body}"),
            )
        })
        .collect()
}

/// Writes in parallel, as a build does.
fn write_pages(sink: &dyn Sink, pages: &[(String, String)]) -> anyhow::Result<()> {
    pages
        .par_iter()
        .try_for_each(|(path, text)| sink.write(path, text.as_bytes()))
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    println!(
        "{what}: median {:.1} ms, min {:.1} ms, max {:.1} ms (the first signing round also creates the dev key)",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0
    );
}
