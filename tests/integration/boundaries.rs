//! The crate's boundaries, checked on its source: the library reads no environment variable
//! (the binaries read them and pass values in), and rendering never imports the collector's
//! report code (which holds the SQLite store). Both drifted before; a reviewer cannot see an
//! import that is not in the diff.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, relative to the crate.
fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    walkdir::WalkDir::new(root.join("src"))
        .into_iter()
        .map(|entry| entry.expect("src/ is readable"))
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "rs"))
        .map(|entry| {
            let text = std::fs::read_to_string(entry.path()).expect("a source file is text");
            let relative = entry.path().strip_prefix(root).unwrap().to_owned();
            (relative, text)
        })
        .collect()
}

/// `file:line: text` of every line of `files` that contains one of `needles`.
fn lines_with(files: &[(PathBuf, String)], needles: &[&str]) -> Vec<String> {
    files
        .iter()
        .flat_map(|(file, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| needles.iter().any(|needle| line.contains(needle)))
                .map(move |(index, line)| {
                    format!("{}:{}: {}", file.display(), index + 1, line.trim())
                })
        })
        .collect()
}

#[test]
fn the_library_reads_no_environment_variable() {
    let library: Vec<_> = sources()
        .into_iter()
        .filter(|(file, _)| {
            // The binaries' command lines, and the property tests' own PROPTEST_CASES knob.
            file != Path::new("src/main.rs")
                && !file.starts_with("src/bin")
                && file != Path::new("src/properties.rs")
        })
        .collect();
    let reads = lines_with(&library, &["env::var", "var_os(", "etcetera::"]);
    assert!(
        reads.is_empty(),
        "the library must take these values as options from the binaries:\n{}",
        reads.join("\n")
    );
}

#[test]
fn rendering_never_imports_the_report() {
    let render: Vec<_> = sources()
        .into_iter()
        .filter(|(file, _)| file.starts_with("src/render"))
        .collect();
    let imports = lines_with(&render, &["crate::report", "super::super::report"]);
    assert!(
        imports.is_empty(),
        "render reads the results format from crate::survey::results, never through report:\n{}",
        imports.join("\n")
    );
}
