//! Render: turns pages into HTML strings through the theme's Tera templates.
//!
//! Templates are read and parsed once per build — the theme's `templates/`, then the site's own
//! `templates/` over it, so a site can replace any single template — and shared by every
//! rendering thread. Site-wide values (`site`, `data`, `live_reload`) live in Tera's global
//! context, built once, so a page's own context holds only the page. Rendering returns strings;
//! where they are written is the writer's business.

pub(crate) mod alternates;
pub(crate) mod charts;
mod form;
mod form_words;
mod interface_memo;
pub(crate) mod results;
pub(crate) mod results_words;
pub(crate) mod surveys;
mod template_errors;
pub mod theme_pages;
mod views;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent_bundle::{FluentArgs, FluentValue};
use tera::value::ValueKind;
use tera::{Context, Tera, Value};

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, relative_to};
use crate::interface_strings::InterfaceStrings;
use template_errors::{TemplateFiles, data_files_read, template_errors};

pub use views::{PageLanguage, PageSummary, SectionLink, page_value, site_value_in};

/// The theme's templates, parsed and ready for any number of threads.
pub struct Theme {
    tera: Tera,
    /// Template name → the file it was read from, for error messages.
    files: BTreeMap<String, PathBuf>,
    /// Template name → the files under `data/` it reads, named when a render fails.
    data_read: BTreeMap<String, Vec<String>>,
    /// Interface strings some language lacks ([`InterfaceStrings::load`]): warnings.
    pub string_problems: Diagnostics,
    /// The interface strings `t()` reads, also for the survey form's own words.
    pub(crate) strings: std::sync::Arc<InterfaceStrings>,
    /// Which forms of a page's versions some template names, so only those are made.
    pub(crate) versions_read: alternates::VersionsRead,
}

/// What a theme can be asked to render besides Markdown pages.
pub const REQUIRED_TEMPLATES: [&str; 5] = [
    "page.html",
    "section.html",
    "index.html",
    "404.html",
    "verify.html",
];

impl Theme {
    /// Reads the templates of the theme named in `config`, with the site's overrides.
    pub fn load(
        root: &Path,
        config: &SiteConfig,
        data: &BTreeMap<String, serde_json::Value>,
        live_reload: bool,
    ) -> Result<Theme, Diagnostics> {
        let theme_dir = root.join("themes").join(&config.theme);
        if !theme_dir.is_dir() {
            return Err(Diagnostic::error(
                "theme",
                crate::config::CONFIG_FILE,
                format!("the theme {:?} does not exist", config.theme),
            )
            .with_hint(format!(
                "create themes/{}/templates/ or set `theme:` to an existing theme",
                config.theme
            ))
            .into());
        }
        let mut files = BTreeMap::new();
        collect_templates(root, &theme_dir.join("templates"), &mut files)?;
        collect_templates(root, &root.join("templates"), &mut files)?;
        let mut sources = BTreeMap::new();
        for (name, file) in &files {
            let text = crate::source_text::read(&root.join(file), file)?;
            sources.insert(name.clone(), text);
        }
        let data_sources = data_sources(root, data);
        let versions_read = alternates::VersionsRead::by(sources.values().map(String::as_str));
        let data_read = sources
            .iter()
            .map(|(name, text)| (name.clone(), data_files_read(text, &data_sources)))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.register_function("sparkline", sparkline);
        let (strings, string_problems) =
            InterfaceStrings::load(root, &theme_dir, &config.languages);
        if string_problems.has_errors() {
            return Err(string_problems);
        }
        let strings = std::sync::Arc::new(strings);
        let strings_of_t = std::sync::Arc::clone(&strings);
        let formatted = interface_memo::FormattedStrings::default();
        tera.register_function("t", move |kwargs: tera::Kwargs, state: &tera::State| {
            interface_string(&strings_of_t, &formatted, &kwargs, state)
        });
        if let Err(error) = tera.add_raw_templates(&sources) {
            let templates = TemplateFiles {
                files: &files,
                sources: Some(&sources),
            };
            return Err(template_errors(&error, &templates, None, &[])
                .into_iter()
                .collect());
        }
        let missing: Diagnostics = REQUIRED_TEMPLATES
            .iter()
            .filter(|name| !tera.contains_template(name))
            .map(|name| {
                Diagnostic::error(
                    "theme",
                    relative_to(&theme_dir.join("templates"), root),
                    format!("the theme has no `{name}` template"),
                )
                .with_hint("every theme needs page.html, section.html, index.html, 404.html and verify.html")
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let globals = tera.global_context();
        globals.insert("site", &views::site_value(config));
        globals.insert("data", data);
        globals.insert("live_reload", &live_reload);
        Ok(Theme {
            tera,
            files,
            data_read,
            string_problems,
            strings,
            versions_read,
        })
    }

    /// Whether the theme has a template of this name.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` with `context`; `for_file` names the content being rendered.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        for_file: Option<&Path>,
    ) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|error| {
            let templates = TemplateFiles {
                files: &self.files,
                sources: None,
            };
            let failed_in = match error.kind() {
                tera::ErrorKind::RenderingError(report) => report.filename(),
                _ => template,
            };
            let data_files = self.data_read.get(failed_in).map_or(&[][..], Vec::as_slice);
            let mut found = template_errors(&error, &templates, for_file, data_files);
            // A render stops at its first error: there is one.
            found.swap_remove(0)
        })
    }

    /// A context for the page at `current_path` with `key` bound to `value`.
    pub fn context(current_path: &str, key: &'static str, value: Value) -> Context {
        let mut context = Context::new();
        context.insert("current_path", current_path);
        context.insert_value(key, value);
        context
    }
}

/// The arguments of the `sparkline` template function.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SparklineArgs {
    /// The values, oldest first: numbers, or maps holding the number under `key`.
    points: Vec<serde_json::Value>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    target: Option<f64>,
    /// The chart's accessible name.
    title: String,
}

/// `{{ sparkline(points=kpi.periods, key="actual", target=kpi.target, title=kpi.name) }}`: an
/// inline SVG line of the values with the target dashed, safe to print as is.
fn sparkline(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Value> {
    let args: SparklineArgs = kwargs.deserialize()?;
    let values: Vec<f64> = args
        .points
        .iter()
        .filter_map(|point| match &args.key {
            Some(key) => point.get(key)?.as_f64(),
            None => point.as_f64(),
        })
        .collect();
    Ok(Value::safe_string(&charts::sparkline(
        &args.title,
        &values,
        args.target,
    )))
}

/// `{{ t(key="on-this-page") }}`, `{{ t(key="responses", count=3) }}`: an interface string in
/// the language of the page being rendered (`lang` in its context), else the default one.
fn interface_string(
    strings: &InterfaceStrings,
    formatted: &interface_memo::FormattedStrings,
    kwargs: &tera::Kwargs,
    state: &tera::State,
) -> tera::TeraResult<Value> {
    // Read as the value it is: taking it as a `String` formats it anew at every call, a dozen
    // times a page on a site in several languages.
    let lang: Option<Value> = state.get("lang")?;
    let language = match &lang {
        Some(value) if value.as_str().is_none() => state.get::<String>("lang")?.map(Cow::Owned),
        Some(value) => value.as_str().map(Cow::Borrowed),
        None => None,
    };
    // A template passes one to three arguments: scanning them costs less than hashing "key".
    let key = match kwargs.iter().find(|(name, _)| name.as_str() == Some("key")) {
        Some((_, value)) if value.as_str().is_some() => value.as_str().unwrap_or_default(),
        _ => kwargs.must_get("key")?,
    };
    if let Some(html) = strings.plain_html(language.as_deref(), key) {
        return Ok(html.clone());
    }
    let memo_key = interface_memo::key(language.as_deref(), key, kwargs);
    if let Some(made) = memo_key.as_deref().and_then(|name| formatted.get(name)) {
        return Ok(made);
    }
    let made = format_interface_string(strings, language.as_deref(), key, kwargs)?;
    if let Some(name) = memo_key {
        formatted.keep(name, &made);
    }
    Ok(made)
}

/// `t()` with arguments: the string `key` in `language`, formatted by Fluent.
fn format_interface_string(
    strings: &InterfaceStrings,
    language: Option<&str>,
    key: &str,
    kwargs: &tera::Kwargs,
) -> tera::TeraResult<Value> {
    // Arguments marked safe (a link the template built) go into the string as HTML; the
    // rest of it is escaped here, as the template would have escaped it.
    let mut html_args: Vec<&str> = Vec::new();
    let mut args = FluentArgs::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str().filter(|name| *name != "key") else {
            continue;
        };
        let fluent = match value.kind() {
            ValueKind::String if value.is_safe() => {
                html_args.push(value.as_str().unwrap_or_default());
                FluentValue::from(html_mark(html_args.len() - 1))
            }
            ValueKind::String => FluentValue::from(value.as_str().unwrap_or_default()),
            // Tera's sums of whole numbers are 128-bit.
            ValueKind::U64 | ValueKind::I64 | ValueKind::U128 | ValueKind::I128
                if value.as_i64().is_some() =>
            {
                FluentValue::from(value.as_i64().unwrap_or_default())
            }
            ValueKind::F64 if value.as_f64().is_some_and(f64::is_finite) => {
                FluentValue::from(value.as_f64().unwrap_or_default())
            }
            // Anything else (a whole number past i64, a float that is not finite, yes or no,
            // none, a list, a map) goes through JSON, as every argument once did.
            _ => through_json(value)?,
        };
        args.set(name, fluent);
    }
    let text = strings.format(language, key, &args).ok_or_else(|| {
        tera::Error::message(format!(
            "there is no interface string `{key}` in the theme's i18n/ files"
        ))
    })?;
    if html_args.is_empty() {
        return Ok(Value::from(text));
    }
    let mut html = crate::escape::markup(&text);
    for (index, value) in html_args.iter().enumerate() {
        html = html.replace(&html_mark(index), value);
    }
    Ok(Value::safe_string(&html))
}

/// A template value as `t()` gave it to Fluent before it handed its arguments over itself:
/// turned into JSON (a number out of range is an error, a float that is not finite is null),
/// then a number as a number and anything else as its JSON text.
fn through_json(value: &Value) -> tera::TeraResult<FluentValue<'static>> {
    let json = tera::Kwargs::from([("v", value.clone())])
        .deserialize::<BTreeMap<String, serde_json::Value>>()?
        .remove("v")
        .unwrap_or_default();
    Ok(crate::interface_strings::fluent_value(json))
}

/// Stands for HTML argument `index` while a string is formatted and escaped (private-use
/// characters, which escaping leaves alone).
fn html_mark(index: usize) -> String {
    format!("\u{E000}{index}\u{E001}")
}

/// Adds every file under `dir` to `files`, named by its path relative to `dir`; hidden files
/// are left out, and entries that must not be read are errors ([`crate::sources`]).
fn collect_templates(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, PathBuf>,
) -> Result<(), Diagnostics> {
    let (found, problems) = crate::sources::walk_files(root, dir, true);
    if !problems.is_empty() {
        return Err(problems);
    }
    for file in found {
        let name = crate::content::slash_path(file.strip_prefix(dir).unwrap_or(&file));
        files.insert(name, relative_to(&file, root));
    }
    Ok(())
}

/// Each name under `data/` and the file it was read from (`kpis` → `data/kpis.yaml`).
fn data_sources(
    root: &Path,
    data: &BTreeMap<String, serde_json::Value>,
) -> BTreeMap<String, PathBuf> {
    let dir = Path::new(crate::content::DATA_DIR);
    data.keys()
        .map(|name| {
            let yaml = dir.join(format!("{name}.yaml"));
            let file = if root.join(&yaml).is_file() {
                yaml
            } else {
                dir.join(format!("{name}.yml"))
            };
            (name.clone(), file)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `t()` made of its arguments before it handed them to Fluent itself: every
    /// argument through serde into JSON, then into Fluent.
    fn as_before(strings: &InterfaceStrings, key: &str, kwargs: &tera::Kwargs) -> String {
        let mut args: BTreeMap<String, serde_json::Value> = kwargs.deserialize().unwrap();
        args.remove("key");
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(name, crate::interface_strings::fluent_value(value));
        }
        strings.format(None, key, &fluent).unwrap()
    }

    #[test]
    fn arguments_reach_fluent_as_they_did_through_json() {
        let strings = InterfaceStrings::built_in_english();
        let mut sums = Tera::new();
        let strings_of_t = std::sync::Arc::new(InterfaceStrings::built_in_english());
        let memo = std::sync::Arc::new(interface_memo::FormattedStrings::default());
        sums.register_function("t", move |kwargs: tera::Kwargs, state: &tera::State| {
            interface_string(&strings_of_t, &memo, &kwargs, state)
        });
        sums.add_raw_template(
            "sum",
            "{% set n = 0 + 1 %}{{ t(key=\"responses\", count=n) }}",
        )
        .unwrap();
        // A sum in a template is a 128-bit whole number: it still chooses the plural form.
        assert_eq!(sums.render("sum", &Context::new()).unwrap(), "1 response");
        // One past what JSON holds is refused, as it was, rather than shown as another number.
        sums.add_raw_template(
            "huge",
            "{% set n = -9223372036854775807 - 10 %}{{ t(key=\"responses\", count=n) }}",
        )
        .unwrap();
        assert!(sums.render("huge", &Context::new()).is_err());
        let values: Vec<Value> = vec![
            Value::from(1u64),
            Value::from(21i64),
            Value::from(-3i64),
            Value::from(2.5f64),
            Value::from(u64::MAX),
            Value::from(f64::NAN),
            Value::from(f64::INFINITY),
            Value::from(true),
            Value::from("12"),
            Value::from("<b>"),
            Value::none(),
            Value::from(vec![Value::from(1u64), Value::from("a")]),
        ];
        for value in values {
            for key in ["responses", "survey-hint-choose-range"] {
                let kwargs = tera::Kwargs::from([
                    ("key", Value::from(key)),
                    ("count", value.clone()),
                    ("min", value.clone()),
                    ("max", Value::from(7u64)),
                ]);
                let made = format_interface_string(&strings, None, key, &kwargs).unwrap();
                assert_eq!(
                    made.as_str().unwrap(),
                    as_before(&strings, key, &kwargs),
                    "{key} with {value:?}"
                );
            }
        }
    }
}
