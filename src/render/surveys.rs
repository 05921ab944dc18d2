//! Survey pages: the list at `/surveys/`, each form at `/surveys/<id>/`, and its single-file
//! offline copy at `/surveys/<id>/offline.html`.
//!
//! The offline copy must work when saved and opened from disk with no network, so it may make
//! no request of any kind: the theme's `survey.css` and `survey.js` are read here and inlined
//! into it, and its links are absolute. Survey data reaches templates only through
//! [`SurveyForm`], a plain view; the rendered Markdown is added here as safe HTML.

use std::path::Path;

use serde::Serialize;
use tera::Value;

use super::Theme;
use super::form::{Status, SurveyForm};
use super::form_words::script_messages;
use crate::config::SiteConfig;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, relative_to};
use crate::interface_strings::Phrasebook;
use crate::survey::Survey;

/// The templates a theme needs once a site has surveys.
pub const SURVEY_TEMPLATES: [&str; 4] = [
    "surveys.html",
    "survey.html",
    "survey-offline.html",
    "survey-form.html",
];

/// The theme's static files inlined into every offline form.
const INLINED_ASSETS: [&str; 2] = ["survey.css", "survey.js"];

/// The theme's HPKE code, inlined (before `survey.js`) into the offline copy of a survey that
/// has a public key, and needed only when one has.
const ENCRYPTION_ASSET: &str = "survey-hpke.js";

/// A survey with its Markdown already rendered to HTML.
pub struct SurveyText<'a> {
    pub survey: &'a Survey,
    pub intro_html: &'a str,
    pub anonymity_html: &'a str,
}

/// The site path of the survey list.
pub const LIST_PATH: &str = "/surveys/";

/// The site path of a survey's form.
pub fn form_path(survey_id: &str) -> String {
    format!("{LIST_PATH}{survey_id}/")
}

/// The site path of a survey's offline copy.
pub fn offline_path(survey_id: &str) -> String {
    format!("{LIST_PATH}{survey_id}/offline.html")
}

/// Reports the survey templates the theme lacks; only asked when the site has surveys.
pub fn missing_templates(theme: &Theme, theme_name: &str) -> Diagnostics {
    SURVEY_TEMPLATES
        .iter()
        .filter(|name| !theme.has(name))
        .map(|name| {
            Diagnostic::error(
                "theme",
                format!("themes/{theme_name}/templates"),
                format!("the site has surveys but the theme has no `{name}` template"),
            )
            .with_hint("copy it from Candor's default theme, or remove the files in surveys/")
        })
        .collect()
}

/// Renders the survey list as of `today`, published under a language's `prefix` (empty for
/// the default language). `surveys` are each survey in that language when translated, with
/// the prefix its form is published under and, when it is shown in another language than the
/// list's, that language's code; `language` as for [`render_form`].
pub fn render_list<'a>(
    theme: &Theme,
    config: &'a SiteConfig,
    surveys: &[(SurveyText<'a>, &str, Option<&str>)],
    today: Date,
    prefix: &str,
    language: &dyn Fn(&mut tera::Context),
) -> Result<String, Diagnostic> {
    let mut context = Theme::context(&format!("{prefix}{LIST_PATH}"), "surveys", Value::none());
    language(&mut context);
    let words = Phrasebook::new(&theme.strings, language_of(&context));
    let forms: Vec<Listed<'_>> = surveys
        .iter()
        .map(|(text, prefix, lang)| Listed {
            form: form_of(text, config, today, &words),
            prefix,
            lang: *lang,
        })
        .collect();
    context.insert_value("surveys", survey_list(config, &forms));
    theme.render("surveys.html", &context, None)
}

/// Renders a survey's form as of `today`, published under a language's `prefix` (empty for
/// the default language); `language` adds that language's values (`lang`, `site`, the form's
/// versions in other languages) to its context.
pub fn render_form(
    theme: &Theme,
    config: &SiteConfig,
    text: &SurveyText<'_>,
    today: Date,
    prefix: &str,
    language: &dyn Fn(&mut tera::Context),
) -> Result<String, Diagnostic> {
    let path = format!("{prefix}{}", form_path(&text.survey.id));
    let mut context = Theme::context(&path, "survey", Value::none());
    language(&mut context);
    let words = Phrasebook::new(&theme.strings, language_of(&context));
    let form = form_of(text, config, today, &words);
    let online = survey_value(text, &form, config, None, prefix, &words);
    context.insert_value("survey", online);
    theme.render("survey.html", &context, Some(text.survey.file.as_path()))
}

/// Renders a survey's offline copy as of `today`, with the theme's assets `inline`; `prefix`
/// and `language` as for [`render_form`].
pub fn render_offline(
    theme: &Theme,
    config: &SiteConfig,
    text: &SurveyText<'_>,
    today: Date,
    inline: &Inline,
    prefix: &str,
    language: &dyn Fn(&mut tera::Context),
) -> Result<String, Diagnostic> {
    let path = format!("{prefix}{}", offline_path(&text.survey.id));
    let mut context = Theme::context(&path, "survey", Value::none());
    language(&mut context);
    let words = Phrasebook::new(&theme.strings, language_of(&context));
    let form = form_of(text, config, today, &words);
    let offline = survey_value(text, &form, config, Some(inline), prefix, &words);
    context.insert_value("survey", offline);
    theme.render(
        "survey-offline.html",
        &context,
        Some(text.survey.file.as_path()),
    )
}

fn form_of<'a>(
    text: &SurveyText<'a>,
    config: &'a SiteConfig,
    today: Date,
    words: &Phrasebook<'_>,
) -> SurveyForm<'a> {
    SurveyForm::new(
        text.survey,
        today,
        config.surveys.collection_url.as_deref(),
        words,
    )
}

/// The language a page's context is in (`lang`), `None` for the default one.
fn language_of(context: &tera::Context) -> Option<&str> {
    context.get("lang").and_then(Value::as_str)
}

/// The inlined CSS and JavaScript, read once per build.
pub struct Inline {
    css: String,
    js: String,
    /// The HPKE code and `survey.js`, for encrypted surveys; empty when none is.
    encrypting_js: String,
}

/// Reads the theme's assets that offline forms inline; `root` is the site root. The HPKE code
/// is read only when a survey `is_encrypted`.
pub fn inline_assets(
    root: &Path,
    theme_name: &str,
    is_encrypted: bool,
) -> Result<Inline, Diagnostics> {
    let static_dir = root.join("themes").join(theme_name).join("static");
    let mut texts = Vec::with_capacity(INLINED_ASSETS.len() + 1);
    let mut problems = Diagnostics::new();
    let names = INLINED_ASSETS
        .iter()
        .chain(is_encrypted.then_some(&ENCRYPTION_ASSET));
    for name in names {
        let path = static_dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => texts.push(text),
            Err(error) => problems.push(
                Diagnostic::error(
                    "theme",
                    relative_to(&path, root),
                    format!("cannot read the survey form's {name}: {error}"),
                )
                .with_hint("offline survey forms inline the theme's survey.css and survey.js, and survey-hpke.js when a survey has `encryption:`; copy the missing file from Candor's default theme"),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let hpke = if is_encrypted {
        texts.pop().unwrap_or_default()
    } else {
        String::new()
    };
    let js = texts.pop().unwrap_or_default();
    let css = texts.pop().unwrap_or_default();
    let encrypting_js = if is_encrypted {
        format!("{hpke}\n{js}")
    } else {
        String::new()
    };
    Ok(Inline {
        // A closing tag inside inlined code would end the element early.
        css: css.replace("</", "<\\/"),
        js: js.replace("</", "<\\/"),
        encrypting_js: encrypting_js.replace("</", "<\\/"),
    })
}

/// The `survey` value of a form template: the form, its Markdown and its URLs, plus the
/// inlined assets for the offline copy.
fn survey_value(
    text: &SurveyText<'_>,
    form: &SurveyForm<'_>,
    config: &SiteConfig,
    inline: Option<&Inline>,
    prefix: &str,
    words: &Phrasebook<'_>,
) -> Value {
    let mut map = Value::from_serializable(form)
        .into_map()
        .unwrap_or_default();
    let form_path = format!("{prefix}{}", form_path(form.id));
    let offline_path = format!("{prefix}{}", offline_path(form.id));
    let strings = [
        ("url", config.link(&form_path)),
        ("permalink", config.absolute_url(&form_path)),
        ("offline_url", config.link(&offline_path)),
        ("offline_permalink", config.absolute_url(&offline_path)),
        ("list_url", config.link(LIST_PATH)),
        ("list_permalink", config.absolute_url(LIST_PATH)),
    ];
    for (key, value) in strings {
        map.insert(key.into(), Value::from(value));
    }
    map.insert("intro".into(), Value::safe_string(text.intro_html));
    map.insert("anonymity".into(), Value::safe_string(text.anonymity_html));
    map.insert("offline".into(), Value::from(inline.is_some()));
    map.insert(
        "script_messages".into(),
        Value::safe_string(&script_messages(words)),
    );
    if let Some(inline) = inline {
        map.insert("inline_css".into(), Value::safe_string(&inline.css));
        let js = if text.survey.encryption.is_some() {
            &inline.encrypting_js
        } else {
            &inline.js
        };
        map.insert("inline_js".into(), Value::safe_string(js));
    }
    Value::from(map)
}

/// One survey in the list.
#[derive(Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    title: &'a str,
    status: Status,
    opens: Date,
    closes: Date,
    questions: usize,
    url: String,
    offline_url: String,
    /// The language of the survey's words when it is not the list's (a survey not translated
    /// into it), for `lang` and `hreflang` on its link.
    lang: Option<&'a str>,
}

/// The survey list, split by status so a theme can show open surveys first.
#[derive(Serialize)]
struct SurveyList<'a> {
    all: Vec<ListEntry<'a>>,
    open: Vec<ListEntry<'a>>,
    upcoming: Vec<ListEntry<'a>>,
    closed: Vec<ListEntry<'a>>,
}

/// A survey in a list, as published under `prefix`, in the language `lang` when that is not
/// the list's.
struct Listed<'a> {
    form: SurveyForm<'a>,
    prefix: &'a str,
    lang: Option<&'a str>,
}

/// The `surveys` value of the list template.
fn survey_list(config: &SiteConfig, forms: &[Listed<'_>]) -> Value {
    let with_status = |status: Status| -> Vec<ListEntry<'_>> {
        forms
            .iter()
            .filter(|listed| listed.form.status == status)
            .map(|listed| list_entry(listed, config))
            .collect()
    };
    let list = SurveyList {
        all: (forms.iter())
            .map(|listed| list_entry(listed, config))
            .collect(),
        open: with_status(Status::Open),
        upcoming: with_status(Status::Upcoming),
        closed: with_status(Status::Closed),
    };
    Value::from_serializable(&list)
}

fn list_entry<'a>(listed: &Listed<'a>, config: &SiteConfig) -> ListEntry<'a> {
    let (form, prefix) = (&listed.form, listed.prefix);
    ListEntry {
        lang: listed.lang,
        id: form.id,
        title: form.title,
        status: form.status,
        opens: form.opens,
        closes: form.closes,
        questions: form.questions.len(),
        url: config.link(&format!("{prefix}{}", form_path(form.id))),
        offline_url: config.link(&format!("{prefix}{}", offline_path(form.id))),
    }
}
