//! `SHA256SUMS`: the list of every published file and its SHA-256, in exactly the format
//! `sha256sum --check --strict` reads.
//!
//! The verifier looks at a folder through [`scan`], which names everything that cannot be
//! verified unambiguously (symbolic links, special files, names that `sha256sum` would have to
//! escape). The signer never needs to look: it lists what its [`super::HashingSink`] wrote, and
//! refuses names by the same rule, [`check_name`]. Hashing a file streams it; no file is ever
//! read whole into memory.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest as _, Sha256};
use walkdir::WalkDir;

use super::{MANIFEST_FILE, SIGNATURE_FILE};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::read_pieces;
use crate::private_files::Scan as PrivateScan;

/// A SHA-256 digest.
pub(crate) type Sha256Digest = [u8; 32];

/// One line of `SHA256SUMS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ManifestEntry {
    /// Relative to the site root, `/`-separated, valid UTF-8.
    pub path: String,
    pub sha256: Sha256Digest,
}

/// The parsed or computed contents of `SHA256SUMS`, sorted bytewise by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Manifest {
    pub entries: Vec<ManifestEntry>,
}

/// What a folder holds, as far as signing is concerned.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Regular files other than the two signature files, bytewise-sorted relative paths.
    pub files: Vec<String>,
    /// Entries that cannot be published or verified unambiguously.
    pub unverifiable: Diagnostics,
}

/// Lists the regular files under `dir` and everything that makes the folder unverifiable.
/// The two signature files at the top level are left out: they cannot list themselves.
pub(crate) fn scan(dir: &Path) -> anyhow::Result<Scan> {
    let mut scan = Scan::default();
    for entry in WalkDir::new(dir).follow_links(false).min_depth(1) {
        let entry = entry.with_context(|| format!("cannot list the files in {}", dir.display()))?;
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        // Only a problem names the file; formatting the name for every file cost a tenth of
        // the scan.
        let shown = || display_path(dir, relative);
        if file_type.is_symlink() {
            scan.unverifiable.push(
                Diagnostic::error(
                    "symlink",
                    shown(),
                    "is a symbolic link; a signed site holds only regular files",
                )
                .with_hint("replace the link with a copy of the file it points to"),
            );
            continue;
        }
        if !file_type.is_file() {
            scan.unverifiable.push(Diagnostic::error(
                "special-file",
                shown(),
                "is not a regular file (a device, socket or pipe); it cannot be signed",
            ));
            continue;
        }
        match manifest_path(relative) {
            Ok(path) if path == MANIFEST_FILE || path == SIGNATURE_FILE => {}
            Ok(path) => scan.files.push(path),
            Err(reason) => scan.unverifiable.push(
                Diagnostic::error("unverifiable-name", shown(), reason)
                    .with_hint("rename the file: sha256sum escapes such names, so they cannot be checked unambiguously"),
            ),
        }
    }
    scan.files.sort_unstable();
    Ok(scan)
}

/// `relative` as it appears in `SHA256SUMS`, or why it cannot appear there.
fn manifest_path(relative: &Path) -> Result<String, String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        let Component::Normal(part) = component else {
            return Err("has an unexpected path component".to_owned());
        };
        let part = part
            .to_str()
            .ok_or_else(|| "has a name that is not valid UTF-8".to_owned())?;
        parts.push(part);
    }
    let path = parts.join("/");
    check_name(&path)?;
    Ok(path)
}

/// Why a `/`-separated path cannot be listed in `SHA256SUMS` as it is, if it cannot.
pub(crate) fn check_name(path: &str) -> Result<(), String> {
    match path.chars().find(|c| matches!(c, '\\' | '\n' | '\r')) {
        Some(bad) => Err(format!(
            "has a name containing {}, which sha256sum escapes",
            bad.escape_debug()
        )),
        None => Ok(()),
    }
}

/// A path under `dir` for messages, with control characters escaped so that a hostile file
/// name cannot forge extra lines of output.
pub(crate) fn display_path(dir: &Path, relative: &Path) -> PathBuf {
    let joined = dir.join(relative);
    PathBuf::from(joined.to_string_lossy().escape_debug().to_string())
}

/// Streams `path` through SHA-256, and through `scan` when one is given, in one read.
pub(crate) fn hash_file(
    path: &Path,
    mut scan: Option<&mut PrivateScan>,
) -> anyhow::Result<Sha256Digest> {
    let mut hasher = Sha256::new();
    read_pieces(path, |piece| {
        if let Some(scan) = scan.as_deref_mut() {
            scan.feed(piece);
        }
        hasher.update(piece);
    })?;
    Ok(hasher.finalize().into())
}

impl Manifest {
    /// The text of `SHA256SUMS`: `<hex>  <path>\n` per file, as `sha256sum` writes it.
    pub(crate) fn render(&self) -> String {
        let mut text = String::with_capacity(self.entries.len() * 100);
        for entry in &self.entries {
            text.push_str(&hex(&entry.sha256));
            text.push_str("  ");
            text.push_str(&entry.path);
            text.push('\n');
        }
        text
    }

    /// Parses signed `SHA256SUMS` bytes strictly: every line well-formed, paths safe and sorted
    /// without duplicates. Returns the entries it could read and a problem per bad line.
    pub(crate) fn parse(bytes: &[u8], shown: &Path) -> (Manifest, Diagnostics) {
        let mut manifest = Manifest::default();
        let mut problems = Diagnostics::new();
        let mut seen = BTreeSet::new();
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            let line = bytes.split(|&b| b == b'\n').count();
            problems.push(
                Diagnostic::error("manifest", shown, "the last line has no line ending")
                    .at(line, 0),
            );
        }
        let mut previous: Option<String> = None;
        let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let lines = body
            .split(|&b| b == b'\n')
            .take_while(|_| !bytes.is_empty());
        for (index, line) in lines.enumerate() {
            let at =
                |message: String| Diagnostic::error("manifest", shown, message).at(index + 1, 1);
            let entry = match parse_line(line) {
                Ok(entry) => entry,
                Err(message) => {
                    problems.push(at(message));
                    continue;
                }
            };
            if !seen.insert(entry.path.clone()) {
                problems.push(at(format!("{:?} is listed twice", entry.path)));
                continue;
            }
            if previous.as_ref().is_some_and(|p| *p > entry.path) {
                problems.push(at(format!("{:?} is out of bytewise order", entry.path)));
            }
            previous = Some(entry.path.clone());
            manifest.entries.push(entry);
        }
        (manifest, problems)
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

fn parse_line(line: &[u8]) -> Result<ManifestEntry, String> {
    let line = std::str::from_utf8(line).map_err(|_| "the line is not valid UTF-8".to_owned())?;
    let (digest, path) = line
        .split_once("  ")
        .ok_or_else(|| "expected `<64 hex digits>  <path>`".to_owned())?;
    let sha256 =
        parse_hex(digest).ok_or_else(|| format!("{digest:?} is not 64 lowercase hex digits"))?;
    let safe = !path.is_empty()
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && !path.contains(['\\', '\r']);
    if !safe {
        return Err(format!(
            "{:?} is not a safe relative path",
            path.escape_debug().to_string()
        ));
    }
    Ok(ManifestEntry {
        path: path.to_owned(),
        sha256,
    })
}

/// Lowercase hex, as `sha256sum` prints it.
pub(crate) fn hex(bytes: &[u8]) -> String {
    crate::hex::encode(bytes)
}

fn parse_hex(text: &str) -> Option<Sha256Digest> {
    crate::hex::decode(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest_of(text: &[u8]) -> Sha256Digest {
        Sha256::digest(text).into()
    }

    #[test]
    fn render_matches_sha256sum_format_and_parses_back() {
        let manifest = Manifest {
            entries: vec![
                ManifestEntry {
                    path: "a b/index.html".into(),
                    sha256: digest_of(b""),
                },
                ManifestEntry {
                    path: "z.css".into(),
                    sha256: digest_of(b"abc"),
                },
            ],
        };
        let text = manifest.render();
        assert_eq!(
            text,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a b/index.html\n\
             ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  z.css\n"
        );
        let (parsed, problems) = Manifest::parse(text.as_bytes(), Path::new("SHA256SUMS"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(parsed, manifest);
    }

    #[test]
    fn parse_reports_each_bad_line_with_its_number() {
        let ok = hex(&digest_of(b"x"));
        let text = format!(
            "{ok}  b\n{ok}  a\n{ok} single-space\n{ok}  ../escape\n{ok}  b\n{}  upper\n{ok}  /abs\n",
            ok.to_uppercase()
        );
        let (manifest, problems) = Manifest::parse(text.as_bytes(), Path::new("SHA256SUMS"));
        let lines: Vec<(usize, String)> = problems
            .iter()
            .map(|d| (d.line, d.message.clone()))
            .collect();
        assert_eq!(manifest.len(), 2, "{lines:?}");
        assert_eq!(
            lines.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![2, 3, 4, 5, 6, 7],
            "{lines:?}"
        );
        assert!(lines[0].1.contains("out of bytewise order"));
        assert!(lines[3].1.contains("listed twice"));
    }

    #[test]
    fn parse_rejects_missing_final_newline() {
        let text = format!("{}  a", hex(&digest_of(b"x")));
        let (_, problems) = Manifest::parse(text.as_bytes(), Path::new("SHA256SUMS"));
        assert!(
            problems
                .iter()
                .any(|d| d.message.contains("no line ending"))
        );
    }

    #[test]
    fn scan_sorts_bytewise_and_skips_signature_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.html",
            "B.html",
            "a/z.txt",
            "a/Z.txt",
            MANIFEST_FILE,
            SIGNATURE_FILE,
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, name).unwrap();
        }
        let scan = scan(dir.path()).unwrap();
        assert!(scan.unverifiable.is_empty());
        assert_eq!(scan.files, ["B.html", "a/Z.txt", "a/z.txt", "b.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn scan_names_symlinks_and_unescapable_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.html"), "x").unwrap();
        std::os::unix::fs::symlink("real.html", dir.path().join("link.html")).unwrap();
        std::fs::write(dir.path().join("back\\slash"), "x").unwrap();
        std::fs::write(dir.path().join("new\nline"), "x").unwrap();
        std::fs::write(dir.path().join("carriage\rreturn"), "x").unwrap();
        let scan = scan(dir.path()).unwrap();
        assert_eq!(scan.files, ["real.html"]);
        let shown: Vec<String> = scan.unverifiable.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 4, "{shown:#?}");
        assert!(
            shown
                .iter()
                .any(|s| s.contains("link.html") && s.contains("symbolic link"))
        );
        // Control characters are escaped, so each problem stays on its own line.
        assert!(
            shown
                .iter()
                .any(|s| s.contains("new\\nline") && s.contains("\\n"))
        );
        assert!(
            shown
                .iter()
                .all(|s| s.lines().next().unwrap().contains("error"))
        );
    }
}
