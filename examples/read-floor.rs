//! The floor for `candor-collect ingest` benchmarks: walk a folder (in directory order, no
//! sorting) and only open and read every file, on one thread, as fast as the file system allows.
//!
//! ```sh
//! cargo run --release --example read-floor -- FOLDER
//! ```

use std::io::Read;

fn main() -> std::io::Result<()> {
    let Some(folder) = std::env::args().nth(1) else {
        eprintln!("usage: read-floor FOLDER");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let (mut files, mut bytes) = (0u64, 0u64);
    let mut buffer = Vec::with_capacity(64 * 1024);
    for entry in walkdir::WalkDir::new(folder) {
        let entry = entry?;
        if !entry.file_type().is_file() {
            continue;
        }
        buffer.clear();
        std::fs::File::open(entry.path())?.read_to_end(&mut buffer)?;
        files += 1;
        bytes += buffer.len() as u64;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "read {files} files ({bytes} bytes) in {seconds:.3} s: {:.0} files/s",
        files as f64 / seconds
    );
    Ok(())
}
