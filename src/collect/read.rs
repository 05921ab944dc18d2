//! Reading one response file safely: the first stage every untrusted byte goes through.
//!
//! Response files come from anywhere (a download mailed in, a USB stick, a form POST), so this
//! stage assumes nothing. It reads at most one byte more than the size limit, so a file that is
//! too large (or grows while it is read) cannot make us allocate more, and then screens the bytes
//! in one linear pass: valid UTF-8, a JSON object, nesting no deeper than [`Limits::max_depth`],
//! no array or object with more than [`Limits::max_items`] entries. Only text that passes is
//! handed to `serde_json`, so parsing cost and memory are bounded by the size limit and nothing
//! here can panic or recurse without bound. This module knows nothing about surveys; it only
//! decides "is this plausibly a small JSON document".

use std::fs::File;
use std::io::{self, Read};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::survey::limits;

/// The default largest response file accepted: far above any real response (a few KiB), far below
/// anything that could hurt memory when many are read in parallel. Survey definitions are
/// checked against it (`survey::limits`).
pub const DEFAULT_MAX_BYTES: u64 = limits::MAX_RESPONSE_BYTES;

/// See [`limits::MAX_DEPTH`].
const MAX_DEPTH: usize = limits::MAX_DEPTH;

/// More entries than any survey has questions or any question has choices: a definition that
/// could need more does not build ([`limits::check`]).
const MAX_ITEMS: usize = limits::MAX_ENTRIES;

/// How much untrusted input one file may make us handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are rejected without being read.
    pub max_bytes: u64,
    /// Deepest nesting of arrays and objects.
    pub max_depth: usize,
    /// Most entries in one array or object.
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
            max_depth: MAX_DEPTH,
            max_items: MAX_ITEMS,
        }
    }
}

/// Parses a size such as `262144`, `256K`, `256KiB` or `1MiB` (powers of 1024), for
/// `--max-size`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        _ => {
            return Err(format!(
                "unknown unit {unit:?}: use bytes, KiB or MiB, e.g. 256KiB"
            ));
        }
    };
    let size = number
        .parse::<u64>()
        .ok()
        .and_then(|number| number.checked_mul(multiplier))
        .filter(|&size| size > 0)
        .ok_or_else(|| format!("{text:?} is not a size: write e.g. 262144, 256KiB or 1MiB"))?;
    Ok(size)
}

/// Why a file's bytes could not be had: either the file is unreadable (an environment problem,
/// reported as such) or it is simply too large (a rejection, like any other bad content).
#[derive(Debug)]
pub enum ReadFailure {
    Unreadable(io::Error),
    /// Larger than the limit: `size` bytes in all, of which the buffer holds the first
    /// `max_bytes + 1`.
    TooLarge {
        size: u64,
        problem: Diagnostic,
    },
}

/// Reads the whole of `file` into `bytes` (replacing what it held), refusing a file larger than
/// `limits.max_bytes`. The buffer is the caller's so that one allocation serves every file a
/// thread reads.
///
/// At most `max_bytes + 1` bytes are ever read. The file's metadata is looked at only when that
/// many arrive, to report its real size or that it is not a regular file at all (a device that
/// never ends): the walk hands over only regular files, and one system call less per file is a
/// tenth of the kernel's share of an ingest.
pub fn read_bounded(
    file: &mut File,
    limits: &Limits,
    bytes: &mut Vec<u8>,
) -> Result<(), ReadFailure> {
    bytes.clear();
    file.take(limits.max_bytes + 1)
        .read_to_end(bytes)
        .map_err(ReadFailure::Unreadable)?;
    if bytes.len() as u64 > limits.max_bytes {
        let metadata = file.metadata().map_err(ReadFailure::Unreadable)?;
        if !metadata.is_file() {
            return Err(ReadFailure::Unreadable(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a regular file",
            )));
        }
        let size = metadata.len();
        return Err(ReadFailure::TooLarge {
            size,
            problem: too_large(size, limits),
        });
    }
    Ok(())
}

fn too_large(size: u64, limits: &Limits) -> Diagnostic {
    rejection(
        "too-large",
        format!(
            "the file is {size} bytes; response files are at most {} bytes",
            limits.max_bytes
        ),
    )
    .with_hint("this is not a response file, or raise the limit with --max-size")
}

/// Checks that `bytes` are plausibly one small JSON object and returns them as text, with any
/// byte-order mark removed. Linear in the input and allocation-free.
pub fn screen<'a>(bytes: &'a [u8], limits: &Limits) -> Result<&'a str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        let (line, column) = line_column_of_valid_prefix(bytes, offset);
        rejection(
            "not-utf8",
            format!("the file is not UTF-8 text (invalid byte at offset {offset})"),
        )
        .at(line, column)
        .with_hint("a response file is JSON text saved by the survey form; this looks like a binary or differently encoded file")
    })?;
    let Some(start) = text.find(|c: char| !c.is_ascii_whitespace()) else {
        return Err(rejection("empty", "the file is empty").with_hint(
            "the download or copy may have failed; ask the respondent to send it again",
        ));
    };
    if !text[start..].starts_with('{') {
        return Err(rejection(
            "not-json",
            "the file is not a JSON response: it does not start with `{`",
        )
        .at_offset(text, start)
        .with_hint("only response files saved by a Candor survey form can be ingested"));
    }
    check_structure(text, limits)?;
    Ok(text)
}

/// One pass over the text tracking nesting outside strings, so `serde_json` never sees a
/// nesting bomb or a million-entry array. Syntax errors are left for the parser to report.
fn check_structure(text: &str, limits: &Limits) -> Result<(), Diagnostic> {
    let bytes = text.as_bytes();
    // Entries seen so far at each open level; depth is bounded, so is this.
    let mut entries = Vec::with_capacity(limits.max_depth);
    let mut offset = 0;
    while let Some(&byte) = bytes.get(offset) {
        match byte {
            b'"' => {
                // Most of a response is inside strings: jump over them.
                let Some(end) = string_end(bytes, offset) else {
                    return Ok(()); // Never closed: the parser reports it.
                };
                offset = end;
                continue;
            }
            b'{' | b'[' => {
                if entries.len() == limits.max_depth {
                    return Err(rejection(
                        "too-deep",
                        format!(
                            "the JSON is nested more than {} levels deep",
                            limits.max_depth
                        ),
                    )
                    .at_offset(text, offset)
                    .with_hint("a response file has answers at most three levels deep"));
                }
                entries.push(1usize);
            }
            b'}' | b']' => {
                let closed = entries.pop();
                if closed.is_none() {
                    return Ok(()); // Unbalanced: the parser reports it with its position.
                }
            }
            b',' => {
                if let Some(count) = entries.last_mut() {
                    *count += 1;
                    if *count > limits.max_items {
                        return Err(rejection(
                            "too-many-items",
                            format!(
                                "an array or object has more than {} entries",
                                limits.max_items
                            ),
                        )
                        .at_offset(text, offset)
                        .with_hint("no survey has that many questions or choices"));
                    }
                }
            }
            _ => {}
        }
        offset += 1;
    }
    Ok(())
}

/// The offset just past the closing quote of the string that opens at `start`, or `None` if the
/// string is never closed. A backslash escapes the byte after it, whatever that is.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut offset = start + 1;
    loop {
        let found = offset + memchr::memchr2(b'"', b'\\', bytes.get(offset..)?)?;
        if bytes[found] == b'"' {
            return Some(found + 1);
        }
        offset = found + 2;
    }
}

/// A problem with a file's content; the ingest stage adds the file's path.
pub fn rejection(code: &'static str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::general(Severity::Error, code, message)
}

/// Parses screened text, naming what went wrong in terms a survey owner understands. What is
/// parsed may borrow from `text`.
pub fn parse_json<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, Diagnostic> {
    serde_json::from_str(text).map_err(|error| {
        use serde_json::error::Category;
        let (code, what, hint) = match error.classify() {
            Category::Eof => (
                "truncated",
                "the file ends before the JSON is complete".to_owned(),
                "the download or copy was probably cut short; ask for the file again",
            ),
            Category::Syntax | Category::Io => (
                "malformed",
                format!("the file is not valid JSON: {}", strip_position(&error)),
                "the file was probably edited by hand or damaged",
            ),
            Category::Data => (
                "malformed",
                format!(
                    "the file is JSON but not a response file: {}",
                    strip_position(&error)
                ),
                "a response file has format, survey, version, response_id, submitted and answers, as written by the survey form",
            ),
        };
        rejection(code, what)
            .at(error.line(), error.column())
            .with_hint(hint)
    })
}

/// serde_json's message without its " at line L column C" (reported separately), shortened
/// and with control characters escaped, since it may quote the hostile file.
fn strip_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = match message.rfind(" at line ") {
        Some(cut) => &message[..cut],
        None => &message,
    };
    crate::escape::terminal(message, 300)
}

/// Line and column of `offset` when only `bytes[..offset]` is known to be valid UTF-8.
fn line_column_of_valid_prefix(bytes: &[u8], offset: usize) -> (usize, usize) {
    let prefix = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    crate::diagnostic::line_column(prefix, prefix.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen_str(text: &str) -> Result<&str, Diagnostic> {
        screen(text.as_bytes(), &Limits::default())
    }

    #[test]
    fn a_small_object_passes() {
        assert_eq!(screen_str(" {\"a\": [1, 2]}").unwrap(), " {\"a\": [1, 2]}");
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let text = screen(b"\xEF\xBB\xBF{}", &Limits::default()).unwrap();
        assert_eq!(text, "{}");
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        assert_eq!(screen_str("").unwrap_err().code, "empty");
        assert_eq!(screen_str(" \n\t").unwrap_err().code, "empty");
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let rejection = screen(b"{\n\"a\": \"\xFF\"}", &Limits::default()).unwrap_err();
        assert_eq!(rejection.code, "not-utf8");
        assert_eq!((rejection.line, rejection.column), (2, 7));
    }

    #[test]
    fn text_that_is_not_an_object_is_not_json() {
        for text in ["<html>", "[1]", "hello", "42"] {
            assert_eq!(screen_str(text).unwrap_err().code, "not-json", "{text}");
        }
    }

    #[test]
    fn nesting_beyond_the_limit_is_rejected_where_it_happens() {
        let text = format!("{{\"a\":{}", "[".repeat(100));
        let rejection = screen_str(&text).unwrap_err();
        assert_eq!(rejection.code, "too-deep");
        assert_eq!(rejection.column, 6 + MAX_DEPTH - 1);
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let text = format!("{{\"a\": \"{}\\\"{}\"}}", "[".repeat(100), "{".repeat(100));
        assert!(screen_str(&text).is_ok());
    }

    #[test]
    fn escaped_quotes_and_backslashes_do_not_end_a_string() {
        assert_eq!(string_end(br#""a\"b" x"#, 0), Some(6));
        assert_eq!(string_end(br#""a\\" x"#, 0), Some(5));
        assert_eq!(string_end(br#""a\"#, 0), None);
        assert_eq!(string_end(br#""a\\"#, 0), None);
        assert_eq!(string_end(b"\"", 0), None);
        // A bracket after an escaped backslash is outside the string.
        let text = format!("{{\"a\": \"\\\\\", \"b\": {}}}", "[".repeat(100));
        assert_eq!(screen_str(&text).unwrap_err().code, "too-deep");
    }

    #[test]
    fn huge_arrays_are_rejected() {
        let text = format!("{{\"a\": [{}0]}}", "0,".repeat(MAX_ITEMS));
        assert_eq!(screen_str(&text).unwrap_err().code, "too-many-items");
        let fits = format!("{{\"a\": [{}0]}}", "0,".repeat(MAX_ITEMS - 1));
        assert!(screen_str(&fits).is_ok());
    }

    #[test]
    fn parse_errors_are_classified() {
        let truncated = parse_json::<serde_json::Value>("{\"a\": [1,").unwrap_err();
        assert_eq!(truncated.code, "truncated");
        let invalid = parse_json::<serde_json::Value>("{\"a\": tru }").unwrap_err();
        assert_eq!(invalid.code, "malformed");
        assert_eq!(invalid.line, 1);
        let wrong =
            parse_json::<std::collections::BTreeMap<String, u8>>("{\"a\": \"x\"}").unwrap_err();
        assert_eq!(wrong.code, "malformed");
        assert!(!wrong.message.contains(" at line "), "{}", wrong.message);
        let hostile = parse_json::<crate::survey::Response>("{\"\\u001b[2J\": 1}").unwrap_err();
        assert!(
            hostile.message.contains("unknown field"),
            "{}",
            hostile.message
        );
        assert!(!hostile.message.contains('\u{1b}'), "{}", hostile.message);
    }

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("256KiB"), Ok(DEFAULT_MAX_BYTES));
        assert_eq!(parse_size("256k"), Ok(DEFAULT_MAX_BYTES));
        assert_eq!(parse_size("2MiB"), Ok(2 * 1024 * 1024));
        for bad in ["", "0", "KiB", "12GiB", "-5", "99999999999999999999"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn oversize_files_are_rejected_with_their_whole_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 2048]).unwrap();
        let limits = Limits {
            max_bytes: 1024,
            ..Limits::default()
        };
        let mut bytes = Vec::new();
        match read_bounded(&mut File::open(&path).unwrap(), &limits, &mut bytes) {
            Err(ReadFailure::TooLarge { size, problem }) => {
                assert_eq!(size, 2048);
                assert_eq!(problem.code, "too-large");
                assert!(problem.message.starts_with("the file is 2048 bytes"));
            }
            other => panic!("expected too-large, got {other:?}"),
        }
        assert!(bytes.len() <= 1025, "read past the limit");
        assert!(matches!(
            read_bounded(&mut File::open(dir.path()).unwrap(), &limits, &mut bytes),
            Err(ReadFailure::Unreadable(_))
        ));
    }

    #[test]
    fn a_reused_buffer_holds_only_the_last_file() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join("long.json");
        let short = dir.path().join("short.json");
        std::fs::write(&long, b"{\"a\": \"a long first file\"}").unwrap();
        std::fs::write(&short, b"{}").unwrap();
        let mut bytes = Vec::new();
        read_bounded(
            &mut File::open(&long).unwrap(),
            &Limits::default(),
            &mut bytes,
        )
        .unwrap();
        read_bounded(
            &mut File::open(&short).unwrap(),
            &Limits::default(),
            &mut bytes,
        )
        .unwrap();
        assert_eq!(bytes, b"{}");
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_is_not_a_file() {
        let limits = Limits {
            max_bytes: 1024,
            ..Limits::default()
        };
        let mut bytes = Vec::new();
        assert!(matches!(
            read_bounded(&mut File::open("/dev/zero").unwrap(), &limits, &mut bytes),
            Err(ReadFailure::Unreadable(_))
        ));
    }
}
