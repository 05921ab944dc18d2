//! `candor check`: everything `build` would reject, and more, without writing anything.
//!
//! The site is loaded and rendered exactly as `build` does, into a [`NullSink`] that discards
//! the output, so front matter, `site.yaml`, templates, internal links and anchors (and whatever
//! later stages add) are checked by the very code that enforces them at build time. On top,
//! `check` looks for what a build does not need but readers do: web addresses that cannot work,
//! images without alt text, pages without a description, and pages sharing a title. Findings
//! are printed for people or as JSON for editors' tooling and CI annotations.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::build::Site;
use crate::content::{self, Page};
use crate::diagnostic::{Diagnostic, Diagnostics, Rejected};
use crate::exit::{Outcome, Status};
use crate::markdown;
use crate::output::NullSink;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `file:line:col: severity: message` on stderr, a summary on stdout.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// What the user asked `candor check` to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub format: Format,
    /// Whether warnings fail the check too.
    pub strict: bool,
    /// `CANDOR_SECRET_KEY`, as the command line received it: the key a release build would use
    /// instead of `site.yaml`'s.
    pub secret_key: Option<PathBuf>,
}

/// Everything `check` found.
#[derive(Debug)]
pub struct Findings {
    /// Sorted by file and position.
    pub diagnostics: Diagnostics,
    /// How many Markdown pages were checked.
    pub pages: usize,
    /// The redirects the build publishes: old address, new address, whether from `aliases:`.
    pub redirects: Vec<crate::history::redirects::Redirect>,
}

impl Findings {
    fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.diagnostics.error_count()
    }

    /// Whether the check fails: any error, or with `strict` any finding at all.
    pub fn fails(&self, strict: bool) -> bool {
        self.diagnostics.has_errors() || (strict && !self.diagnostics.is_empty())
    }
}

/// What `check` found, as the user asked to see it; [`crate::exit::finish`] prints it.
#[derive(Debug)]
pub struct CheckReport {
    pub findings: Findings,
    pub format: Format,
    pub strict: bool,
}

impl Outcome for CheckReport {
    /// As text, every finding on stderr; as JSON, they are in the document on stdout.
    fn findings(&self) -> Option<&Diagnostics> {
        (self.format == Format::Text).then_some(&self.findings.diagnostics)
    }

    fn stdout(&self) -> String {
        match self.format {
            Format::Text => {
                let mut text = String::new();
                for redirect in &self.findings.redirects {
                    let why = if redirect.alias {
                        "aliases:"
                    } else {
                        "renamed in git"
                    };
                    text.push_str(&format!(
                        "redirect {} → {} ({why})\n",
                        redirect.from, redirect.to
                    ));
                }
                text + &summary(&self.findings, self.strict)
            }
            Format::Json => json(&self.findings, self.strict),
        }
    }

    fn status(&self) -> Status {
        if self.findings.fails(self.strict) {
            Status::Failure
        } else {
            Status::Success
        }
    }
}

/// Runs `check` as `options` ask.
pub fn run(options: &CheckOptions) -> anyhow::Result<CheckReport> {
    Ok(CheckReport {
        findings: check(&options.root, options.secret_key.as_deref())?,
        format: options.format,
        strict: options.strict,
    })
}

/// Checks the site at `root`, with `secret_key` overriding the signing key `site.yaml` names.
/// Fails only when the check itself cannot run (an unreadable asset); problems in the site are
/// findings.
pub fn check(root: &Path, secret_key: Option<&Path>) -> anyhow::Result<Findings> {
    let mut diagnostics = Diagnostics::new();
    let mut redirects = Vec::new();
    let pages = match Site::load(root, None, false, false) {
        Ok(mut site) => {
            diagnostics.extend(std::mem::take(&mut site.warnings));
            let (found, listed) = site.history_findings();
            diagnostics.extend(found);
            redirects = listed;
            let secret_override = secret_key.filter(|path| !path.as_os_str().is_empty());
            diagnostics.extend(crate::sign::check_configured_keys(
                root,
                &site.config,
                secret_override,
            ));
            if let Err(error) = site.write(&NullSink) {
                let Rejected(found) = error.downcast::<Rejected>()?;
                diagnostics.extend(found);
            }
            diagnostics.extend(reader_checks(site.pages_read()));
            site.pages_read().len()
        }
        Err(Rejected(found)) => {
            diagnostics.extend(found);
            // The build stops at the first stage with errors; the reader-facing checks look at
            // every page that parses, whatever else is wrong.
            let languages = crate::config::SiteConfig::load(root)
                .ok()
                .map(|c| c.languages);
            let (content, _reported_above) = content::load(root, false, languages.as_ref());
            diagnostics.extend(reader_checks(&content.pages));
            content.pages.len()
        }
    };
    diagnostics.sort();
    Ok(Findings {
        diagnostics,
        pages,
        redirects,
    })
}

/// The checks `build` does not need: web addresses, alt text, descriptions, duplicate titles.
fn reader_checks<P: AsRef<Page> + Sync>(pages: &[P]) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = pages
        .par_iter()
        .flat_map_iter(|page| page_checks(page.as_ref()))
        .collect();
    found.extend(duplicate_titles(pages));
    found
}

fn page_checks(page: &Page) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if page
        .front
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        found.push(
            Diagnostic::warning(
                "missing-description",
                &page.source,
                "the page has no `description`",
            )
            .at(1, 1)
            .with_hint("add `description: ...` to the front matter: one sentence saying what the page is for, shown in search results and link previews"),
        );
    }
    let mut alt_text: Option<(String, usize, String)> = None;
    for (event, span) in Parser::new_ext(page.body(), markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                found.extend(web_address_finding(page, &dest_url, span.start));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                found.extend(web_address_finding(page, &dest_url, span.start));
                alt_text = Some((dest_url.to_string(), span.start, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, alt)) = &mut alt_text {
                    alt.push_str(&text);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((image, offset, alt)) = alt_text.take()
                    && alt.trim().is_empty()
                {
                    found.push(
                        Diagnostic::warning(
                            "missing-alt",
                            &page.source,
                            format!("the image `{image}` has no alt text"),
                        )
                        .at_offset(&page.text, page.body_start + offset)
                        .with_hint("describe the image between the brackets, e.g. `![Escalation route: manager, then Complaints Officer, then Ombudsman](route.svg)`"),
                    );
                }
            }
            _ => {}
        }
    }
    found
}

fn web_address_finding(page: &Page, address: &str, offset: usize) -> Option<Diagnostic> {
    let problem = web_address_problem(address)?;
    Some(
        Diagnostic::error(
            "external-link",
            &page.source,
            format!("the link `{address}` is not a valid web address: {problem}"),
        )
        .at_offset(&page.text, page.body_start + offset)
        .with_hint("write web addresses in full, like `https://example.org/path`"),
    )
}

/// What is wrong with `address` if it is a malformed `http:` or `https:` URL. Other links
/// (site paths, `mailto:`) are not this check's business.
fn web_address_problem(address: &str) -> Option<String> {
    let scheme_end = address.find(':')?;
    let scheme = address[..scheme_end].to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let Some(after_scheme) = address[scheme_end + 1..].strip_prefix("//") else {
        return Some(format!("`{scheme}:` must be followed by `//`"));
    };
    if let Some(bad) = address
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '"' | '<' | '>' | '`'))
    {
        return Some(format!(
            "it contains {bad:?}, which cannot appear in a web address"
        ));
    }
    if let Some(problem) = percent_escape_problem(address) {
        return Some(problem);
    }
    let authority_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let authority = &after_scheme[..authority_end];
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, rest)| rest);
    let (host, port) = split_port(host_and_port)?;
    if let Some(port) = port
        && port.parse::<u16>().is_err()
    {
        return Some(format!("the port `{port}` is not a number from 0 to 65535"));
    }
    host_problem(host)
}

/// Splits `host:port`; an IPv6 literal is kept in its brackets. `None` means the address is an
/// IPv6 literal that is fine as far as this check goes.
fn split_port(host_and_port: &str) -> Option<(&str, Option<&str>)> {
    if host_and_port.starts_with('[') {
        let close = host_and_port.find(']')?;
        let port = host_and_port[close + 1..].strip_prefix(':');
        return Some((&host_and_port[..=close], port));
    }
    Some(match host_and_port.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_and_port, None),
    })
}

fn host_problem(host: &str) -> Option<String> {
    if host.is_empty() {
        return Some("it has no host name".to_owned());
    }
    if host.starts_with('[') {
        let inner = &host[1..host.len() - 1];
        let valid = !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        return (!valid).then(|| format!("`{host}` is not an IPv6 address"));
    }
    let valid_label = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    if !host.split('.').all(valid_label) {
        return Some(format!("`{host}` is not a valid host name"));
    }
    if !host.contains('.') && host != "localhost" {
        return Some(format!(
            "the host name `{host}` has no domain, like `{host}.org`"
        ));
    }
    None
}

fn percent_escape_problem(address: &str) -> Option<String> {
    let bytes = address.as_bytes();
    let bad = bytes.iter().enumerate().find(|&(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    bad.map(|_| {
        "`%` must be followed by two hexadecimal digits (write a literal `%` as `%25`)".to_owned()
    })
}

/// Pages sharing a title (ignoring case) are hard to tell apart in navigation, tabs and search
/// results: every page after the first with a given title gets a warning.
fn duplicate_titles<P: AsRef<Page>>(pages: &[P]) -> Vec<Diagnostic> {
    let mut first_with: HashMap<String, &Page> = HashMap::new();
    let mut found = Vec::new();
    for page in pages.iter().map(AsRef::as_ref) {
        let key = page.front.title.trim().to_lowercase();
        match first_with.get(&key) {
            Some(first) => found.push(
                Diagnostic::warning(
                    "duplicate-title",
                    &page.source,
                    format!(
                        "the title `{}` is also the title of {}",
                        page.front.title,
                        first.source.display()
                    ),
                )
                .at(content::front_matter_key_line(page, "title"), 1)
                .with_hint("give each page its own title, so readers can tell them apart"),
            ),
            None => {
                first_with.insert(key, page);
            }
        }
    }
    found
}

fn summary(findings: &Findings, strict: bool) -> String {
    let errors = findings.diagnostics.error_count();
    let warnings = findings.warning_count();
    let mut text = format!(
        "checked {}: ",
        crate::words::count(findings.pages, "page", "pages")
    );
    if errors == 0 && warnings == 0 {
        text.push_str("no problems found");
        return text;
    }
    let _ = write!(
        text,
        "{}, {}",
        crate::words::count(errors, "error", "errors"),
        crate::words::count(warnings, "warning", "warnings")
    );
    if errors == 0 && strict {
        text.push_str(" (warnings fail the check with --strict)");
    }
    text
}

fn json(findings: &Findings, strict: bool) -> String {
    serde_json::json!({
        "passed": !findings.fails(strict),
        "pages": findings.pages,
        "errors": findings.diagnostics.error_count(),
        "warnings": findings.warning_count(),
        "findings": findings.diagnostics.iter().collect::<Vec<_>>(),
        "redirects": findings.redirects.iter().map(|redirect| serde_json::json!({
            "from": redirect.from,
            "to": redirect.to,
            "alias": redirect.alias,
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_web_addresses_pass() {
        for address in [
            "https://example.org",
            "https://example.org/a/b?c=d#e",
            "http://user@example.org:8080/x%20y",
            "https://[2001:db8::1]:443/",
            "http://localhost:1111/",
            "https://bücher.example/",
            "mailto:ombudsman@example.org",
            "/standards/",
            "standards.md#listen",
        ] {
            assert_eq!(web_address_problem(address), None, "{address}");
        }
    }

    #[test]
    fn malformed_web_addresses_say_what_is_wrong() {
        let cases = [
            ("http:/example.org", "must be followed by `//`"),
            ("https:example.org", "must be followed by `//`"),
            ("https://", "no host name"),
            ("https:///path", "no host name"),
            ("https://exa mple.org", "' '"),
            ("https://example..org", "not a valid host name"),
            ("https://-example.org", "not a valid host name"),
            ("https://example.org:80a/", "port `80a`"),
            ("https://www/", "has no domain"),
            ("https://example.org/100%", "`%` must be followed"),
            ("HTTPS://example.org\\x", "'\\\\'"),
        ];
        for (address, expected) in cases {
            let problem = web_address_problem(address).unwrap_or_default();
            assert!(problem.contains(expected), "{address}: {problem:?}");
        }
    }
}
