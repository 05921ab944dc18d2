//! Template errors in the theme author's coordinates: `file:line:col: error: message`, like
//! every other problem Candor reports.
//!
//! Tera hands back three shapes of error: a located report (syntax and rendering errors), a
//! plain message that joins several located reports (unknown filters, tests, functions and
//! includes, found when templates are put together), and a few kinds that name templates but no
//! place. Each becomes a [`Diagnostic`] pointing into the template file. Tera notices an unclosed
//! block only where the next unexpected tag or the end of the file is; the author needs the
//! opening tag, so that is found here by scanning the template's tags. This module only reads
//! errors: it never decides whether a build fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Template name → the file it was read from, and its text when it is at hand.
pub(super) struct TemplateFiles<'a> {
    pub files: &'a BTreeMap<String, PathBuf>,
    pub sources: Option<&'a BTreeMap<String, String>>,
}

impl TemplateFiles<'_> {
    fn file(&self, name: &str) -> PathBuf {
        self.files
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    }

    fn source(&self, name: &str) -> Option<&str> {
        self.sources?.get(name).map(String::as_str)
    }
}

/// Every problem in a Tera error, each located in its template where Tera or the template's
/// text says where. `for_file` names the content being rendered, `data_files` the files under
/// `data/` the failing template reads (see [`data_files_read`]).
pub(super) fn template_errors(
    error: &tera::Error,
    templates: &TemplateFiles<'_>,
    for_file: Option<&Path>,
    data_files: &[String],
) -> Vec<Diagnostic> {
    let while_rendering = for_file
        .map(|file| format!(" (while rendering {})", file.display()))
        .unwrap_or_default();
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) => {
            let span = report.span();
            let name = report.filename();
            let unclosed = templates
                .source(name)
                .and_then(|text| unclosed_block(text, span.range.start));
            if let Some(block) = unclosed {
                return vec![unclosed_diagnostic(
                    templates,
                    name,
                    &block,
                    span.start_line,
                )];
            }
            vec![
                Diagnostic::error("template", templates.file(name), report.message())
                    .at(span.start_line, span.start_col + 1),
            ]
        }
        tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let mut found = Diagnostic::error(
                "template",
                templates.file(report.filename()),
                format!("{}{while_rendering}", report.message()),
            )
            .at(span.start_line, span.start_col + 1);
            if !data_files.is_empty() {
                found = found.with_hint(format!(
                    "this template uses values from {}: if one of them is of the wrong kind (text where a number belongs, a single value where a list belongs), fix it there",
                    data_files.join(", ")
                ));
            }
            vec![found]
        }
        tera::ErrorKind::Msg(text) => {
            let reports = located_reports(text, templates);
            if reports.is_empty() {
                vec![general(templates, for_file, text)]
            } else {
                reports
            }
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            let found = Diagnostic::error(
                "template",
                templates.file(current),
                format!("extends `{parent}`, which is not a template of the theme or the site"),
            )
            .with_hint("check the name in `{% extends \"...\" %}`; templates are named by their path under templates/");
            let offset = templates
                .source(current)
                .and_then(|text| text.find(&format!("\"{parent}\"")));
            match (offset, templates.source(current)) {
                (Some(offset), Some(text)) => vec![found.at_offset(text, offset + 1)],
                _ => vec![found],
            }
        }
        _ => vec![general(templates, for_file, &error.to_string())],
    }
}

/// A problem Tera could not place: about the page being rendered, or about the templates.
fn general(templates: &TemplateFiles<'_>, for_file: Option<&Path>, message: &str) -> Diagnostic {
    let file = for_file.map(Path::to_path_buf).unwrap_or_else(|| {
        templates
            .files
            .values()
            .next()
            .and_then(|file| file.parent())
            .map_or_else(|| PathBuf::from("templates"), Path::to_path_buf)
    });
    Diagnostic::error("template", file, message)
}

/// The reports Tera joins into one message (`error: …\n  --> name:line:col\n …`), each as a
/// diagnostic.
fn located_reports(text: &str, templates: &TemplateFiles<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .peek()
            .and_then(|next| next.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(column), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(line), Ok(column)) = (line.parse(), column.parse()) else {
            continue;
        };
        found.push(Diagnostic::error("template", templates.file(name), message).at(line, column));
    }
    found
}

/// A block tag that opens a body, with where it starts.
#[derive(Debug, PartialEq, Eq)]
struct OpenBlock {
    tag: String,
    offset: usize,
}

/// The innermost block still open where Tera stopped (`stop`, a byte offset): the one whose
/// `{% end… %}` is missing.
fn unclosed_block(source: &str, stop: usize) -> Option<OpenBlock> {
    let mut open: Vec<OpenBlock> = Vec::new();
    let mut rest = 0;
    while let Some(start) = source[rest..].find("{%").map(|i| rest + i) {
        // A tag never closed runs to the end of the template; its text ends there too, not two
        // bytes before it (which may be inside a character).
        let closing = source[start + 2..].find("%}").map(|i| start + 2 + i);
        let end = closing.map_or(source.len(), |at| at + 2);
        let inside = source[start + 2..closing.unwrap_or(source.len())]
            .trim_matches(|c: char| c == '-' || c.is_whitespace());
        let word = inside
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("");
        if start >= stop && !word.starts_with("end") {
            break;
        }
        rest = end;
        if word == "raw" {
            rest = source[end..]
                .find("endraw")
                .map_or(source.len(), |i| end + i);
            continue;
        }
        let opens_body = matches!(
            word,
            "if" | "for" | "block" | "macro" | "filter" | "component"
        ) || (matches!(word, "set" | "set_global") && !inside.contains('='));
        if opens_body {
            open.push(OpenBlock {
                tag: word.to_owned(),
                offset: start,
            });
        } else if let Some(closed) = word.strip_prefix("end") {
            match open.last() {
                Some(top) if top.tag == closed => {
                    open.pop();
                }
                _ => return open.pop(),
            }
        }
        if start >= stop {
            break;
        }
    }
    open.pop()
}

fn unclosed_diagnostic(
    templates: &TemplateFiles<'_>,
    name: &str,
    block: &OpenBlock,
    noticed_line: usize,
) -> Diagnostic {
    let text = templates.source(name).unwrap_or_default();
    Diagnostic::error(
        "template",
        templates.file(name),
        format!("this `{{% {} %}}` is never closed", block.tag),
    )
    .at_offset(text, block.offset)
    .with_hint(format!(
        "add `{{% end{} %}}` where the block ends (the template went on as if it were still open until line {noticed_line})",
        block.tag
    ))
}

/// The files under `data/` that `template` reads as `data.NAME`, `data?.NAME` or
/// `data["NAME"]`, named as the user knows them (`data/kpis.yaml`).
pub(super) fn data_files_read(
    template: &str,
    data_sources: &BTreeMap<String, PathBuf>,
) -> Vec<String> {
    data_sources
        .iter()
        .filter(|(name, _)| {
            [
                format!("data.{name}"),
                format!("data?.{name}"),
                format!("data[\"{name}\"]"),
            ]
            .iter()
            .any(|written| template.contains(written.as_str()))
        })
        .map(|(_, file)| crate::content::slash_path(file))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_never_closed_before_a_multibyte_character_does_not_panic() {
        let open = |source| unclosed_block(source, 100).map(|b| (b.tag, b.offset));
        assert_eq!(open("<p>{% if price > 5€"), Some(("if".to_owned(), 3)));
        assert_eq!(
            open("{% if a %}<p>{% for p in €"),
            Some(("for".to_owned(), 13))
        );
    }

    #[test]
    fn an_unclosed_if_is_found_at_its_opening_tag() {
        let text = "{% block a %}\n{% if x %}\n<p>\n{% endblock a %}\n";
        let stop = text.find("{% endblock").unwrap();
        assert_eq!(
            unclosed_block(text, stop),
            Some(OpenBlock {
                tag: "if".into(),
                offset: 14
            })
        );
    }

    #[test]
    fn closed_blocks_and_assignments_are_not_unclosed() {
        let text = "{% set a = 1 %}{% for x in y %}{% if x %}{% else %}{% endif %}{% endfor %}{% raw %}{% if %}{% endraw %}";
        assert_eq!(unclosed_block(text, text.len()), None);
    }

    #[test]
    fn a_block_open_at_the_end_is_unclosed() {
        let text = "{% for x in y %}\n{{ x }}\n";
        assert_eq!(
            unclosed_block(text, text.len()),
            Some(OpenBlock {
                tag: "for".into(),
                offset: 0
            })
        );
    }
}
