//! How much signing adds to a large build: `sign_release` (hash 10,000 files of about 2 KB,
//! write SHA256SUMS, sign) and `verify_site` on the same folder.
//!
//! Run with `cargo bench --bench sign`. Files are freshly written, so they are in the page
//! cache, as they are right after a build renders them.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use candor::config::SiteConfig;
use candor::sign::{
    MANIFEST_FILE, SIGNATURE_FILE, SigningInputs, VerifyOptions, sign_release_with, verify_site,
};

const FILES: usize = 10_000;
const FILE_BYTES: usize = 2_048;
const ROUNDS: usize = 7;

fn main() -> anyhow::Result<()> {
    let temp = tempfile::tempdir()?;
    let root = temp.path().join("site");
    let staging = temp.path().join("public");
    fs::create_dir_all(&root)?;
    write_pages(&staging)?;
    let config = SiteConfig::parse("title: Bench\nbase_url: https://example.org/\n")
        .map_err(|problem| anyhow::anyhow!("{problem}"))?;
    let built = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let inputs = SigningInputs {
        built,
        ..SigningInputs::default()
    };

    let mut signing = Vec::new();
    let mut verifying = Vec::new();
    for _ in 0..ROUNDS {
        for name in [MANIFEST_FILE, SIGNATURE_FILE] {
            let _ = fs::remove_file(staging.join(name));
        }
        let started = Instant::now();
        let summary = sign_release_with(&staging, &root, &config, &inputs)?;
        signing.push(started.elapsed());
        assert_eq!(summary.files, FILES + 1);

        let options = VerifyOptions {
            state: Some(temp.path().join("state.json")),
            ..VerifyOptions::new(staging.clone(), root.join(".candor/keys/dev.pub"))
        };
        let started = Instant::now();
        verify_site(&options)?;
        verifying.push(started.elapsed());
    }
    println!(
        "{FILES} files of {FILE_BYTES} bytes, {ROUNDS} rounds, {} threads",
        rayon::current_num_threads()
    );
    report("sign_release", &mut signing);
    report("verify_site ", &mut verifying);
    Ok(())
}

fn write_pages(staging: &Path) -> anyhow::Result<()> {
    let body: String = "Staff are expected to answer within ten working days. "
        .chars()
        .cycle()
        .take(FILE_BYTES)
        .collect();
    for index in 0..FILES {
        let dir = staging.join(format!("section-{:03}/page-{index:05}", index % 100));
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("index.html"), format!("{index}{body}"))?;
    }
    Ok(())
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    println!(
        "{what}: median {:.1} ms, min {:.1} ms, max {:.1} ms (first round includes creating the dev key)",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0
    );
}
