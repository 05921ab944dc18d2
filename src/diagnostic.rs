//! Diagnostics: the one way Candor reports a problem in a user's files.
//!
//! Every problem a user can cause is a [`Diagnostic`] that names the file, line and column
//! (in the user's own file coordinates) and, where we know it, a hint that says how to fix it.
//! Stages collect diagnostics instead of stopping at the first one, so a build reports every
//! problem at once; whether a batch of them fails the command is decided by the caller.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a finding is: errors fail a build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in a user's files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, machine-readable name for the kind of problem, e.g. `broken-link`.
    pub code: &'static str,
    /// The file the problem is in, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based line in `file`; 0 when the problem concerns the whole file (`null` in JSON).
    #[serde(serialize_with = "zero_as_null")]
    pub line: usize,
    /// 1-based column in `line`; 0 when unknown (`null` in JSON).
    #[serde(serialize_with = "zero_as_null")]
    pub column: usize,
    pub message: String,
    /// How to fix it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// Lines and columns count from 1: a 0 means "not known", which JSON readers should see as
/// `null` rather than as a position.
fn zero_as_null<S: serde::Serializer>(value: &usize, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        0 => serializer.serialize_none(),
        n => serializer.serialize_some(n),
    }
}

impl Diagnostic {
    /// An error about `file` as a whole.
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: Some(file.into()),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning about `file` as a whole.
    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// A finding that belongs to no file (an empty site, a missing folder).
    pub fn general(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            file: None,
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
        }
    }

    /// Points the finding at a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Points the finding at a byte offset in `source`, the full text of its file.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_column(source, offset);
        self.at(line, column)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if self.line > 0 {
                write!(f, ":{}", self.line)?;
                if self.column > 0 {
                    write!(f, ":{}", self.column)?;
                }
            }
            f.write_str(": ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// 1-based line and column (counted in characters) of byte `offset` in `source`.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut index: usize) -> usize {
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Findings gathered over a whole run, in a stable order for output.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file, then position, so output does not depend on thread scheduling.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// The error a command returns when the user's files have problems: all of them, already
/// located. `main` prints each one and exits with status 1.
#[derive(Debug)]
pub struct Rejected(pub Diagnostics);

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.error_count();
        let noun = if count == 1 { "problem" } else { "problems" };
        write!(f, "{count} {noun} found; nothing was written")
    }
}

impl std::error::Error for Rejected {}

/// One template mistake fails every page that uses the template: report it once, with a count,
/// instead of once per page.
pub fn merge_repeated(failures: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    let mut seen: std::collections::HashMap<(Option<PathBuf>, usize, usize), usize> =
        std::collections::HashMap::new();
    for failure in failures {
        let key = (failure.file.clone(), failure.line, failure.column);
        match seen.get(&key) {
            Some(&at) => merged[at].1 += 1,
            None => {
                seen.insert(key, merged.len());
                merged.push((failure, 0));
            }
        }
    }
    merged
        .into_iter()
        .map(|(mut first, more)| {
            if more > 0 {
                let noun = if more == 1 { "page" } else { "pages" };
                first.message.push_str(&format!(" and {more} more {noun}"));
            }
            first
        })
        .collect()
}

/// `path` relative to `root` when it lies below it, for shorter and stable messages.
pub fn relative_to(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\nçé x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // 'x' is after two 2-byte characters and a space.
        assert_eq!(line_column(text, 8), (2, 4));
    }

    #[test]
    fn display_names_file_line_column_and_hint() {
        let d = Diagnostic::error("missing-title", "content/a.md", "missing `title`")
            .at(2, 1)
            .with_hint("add `title: ...`");
        assert_eq!(
            d.to_string(),
            "content/a.md:2:1: error: missing `title`\n  hint: add `title: ...`"
        );
    }
}
