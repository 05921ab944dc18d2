//! Reading a source file an editor wrote (`site.yaml`, a page, a template, a survey
//! definition, a translation, the theme's interface strings, a data file) as text, within a
//! size limit.
//!
//! These files are parsed whole and some are published in every page, so a file far larger
//! than any real one (a log pasted by mistake, a disk image renamed) must cost a line of error,
//! not the machine's memory: at most one byte beyond the limit is ever read.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// The largest source file read: far beyond any real translation or strings file.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// The text of `file`, shown in messages as `shown`; an error naming it when it cannot be
/// read, is larger than [`MAX_SOURCE_BYTES`] or is not UTF-8.
pub fn read(file: &Path, shown: &Path) -> Result<String, Diagnostic> {
    read_within(file, shown, MAX_SOURCE_BYTES, &|error| {
        Diagnostic::error("io", shown, format!("cannot read: {error}"))
    })
}

/// As [`read`], with the reader's own message when the file cannot be read (`site.yaml` and
/// survey definitions say what to do about it in their words).
pub fn read_or(
    file: &Path,
    shown: &Path,
    cannot_read: &dyn Fn(std::io::Error) -> Diagnostic,
) -> Result<String, Diagnostic> {
    read_within(file, shown, MAX_SOURCE_BYTES, cannot_read)
}

fn read_within(
    file: &Path,
    shown: &Path,
    max_bytes: u64,
    cannot_read: &dyn Fn(std::io::Error) -> Diagnostic,
) -> Result<String, Diagnostic> {
    let opened = std::fs::File::open(file).map_err(cannot_read)?;
    // Sized from the file's length, as `fs::read_to_string` does, so that a page takes one
    // read and not a series of growing ones: this is on the build's path for every page.
    let expected = opened.metadata().map_or(0, |metadata| metadata.len());
    let mut bytes = Vec::with_capacity(expected.min(max_bytes) as usize + 1);
    opened
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Diagnostic::error(
            "too-large",
            shown,
            format!(
                "the file is larger than {} MiB, the most a source file may be",
                max_bytes / (1024 * 1024)
            ),
        )
        .with_hint("check that this is the file you meant; a real one is far smaller"));
    }
    String::from_utf8(bytes).map_err(|_| {
        cannot_read(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io_error(error: std::io::Error) -> Diagnostic {
        Diagnostic::error("io", "x", error.to_string())
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_it_is_read() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("fr.ftl");
        std::fs::write(&file, "a".repeat(2 * 1024 * 1024)).unwrap();
        let shown = Path::new("themes/x/i18n/fr.ftl");
        assert_eq!(
            read_within(&file, shown, 2 * 1024 * 1024, &io_error)
                .unwrap()
                .len(),
            2 * 1024 * 1024
        );
        let refused = read_within(&file, shown, 1024 * 1024, &io_error).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "themes/x/i18n/fr.ftl: error: the file is larger than 1 MiB, the most a source file may be\n  hint: check that this is the file you meant; a real one is far smaller"
        );
    }
}
