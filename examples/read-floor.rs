//! The floor for `candor-collect ingest`: list every file under the given folders and read it
//! whole, on every core (as the collector does), doing nothing else. No ingest of the same
//! files can be faster, so `benches/compare.sh` reports the collector's time as a multiple of it.
//!
//! ```sh
//! cargo run --release --example read-floor -- FOLDER...
//! ```

use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> std::io::Result<()> {
    let folders: Vec<String> = std::env::args().skip(1).collect();
    if folders.is_empty() {
        eprintln!("usage: read-floor FOLDER...");
        std::process::exit(2);
    }
    let started = std::time::Instant::now();
    let mut files = Vec::new();
    for folder in &folders {
        for entry in WalkDir::new(folder) {
            let entry = entry?;
            if entry.file_type().is_file() {
                files.push(entry.into_path());
            }
        }
    }
    let bytes: u64 = files
        .par_iter()
        .map(|path| std::fs::read(path).map(|bytes| bytes.len() as u64))
        .sum::<std::io::Result<u64>>()?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "read {} files ({bytes} bytes) in {seconds:.3} s: {:.0} files/s",
        files.len(),
        files.len() as f64 / seconds
    );
    Ok(())
}
