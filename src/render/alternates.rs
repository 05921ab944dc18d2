//! A page's versions in the site's languages, as its template sees them: `alternates` and
//! `page.translations` (one map per version, for any theme to loop over), and the same
//! versions as ready-made markup — `alternate_links` (the `<link rel="alternate" hreflang>`
//! elements of the head) and `language_links` (the items of the language switcher) — which
//! the default theme prints.
//!
//! Why markup made here: on a 10,000-page site in two languages, the default theme's two Tera
//! loops over `alternates` were 42 M of the 98 M instructions (1,000 pages, callgrind) the
//! second language cost beyond twice the first, more than everything else a translation adds.
//! Writing the same bytes from Rust costs a few string pushes. Each element is escaped as
//! Tera's autoescape would, and laid out (one element a line, indented) as the default theme's
//! `base.html` had it, so its pages stay byte for byte what the loops made. This module makes
//! values; it decides nothing about which versions a page has.

use tera::{Context, Map, Value};

use crate::translations::Version;

/// What a page with versions in several languages adds to its template context.
struct AlternateValues {
    /// Every version, the current one marked (`alternates`).
    alternates: Value,
    /// The versions other than the current one (`page.translations`).
    translations: Value,
    /// The head's `<link rel="alternate" hreflang>` elements, `x-default` last.
    alternate_links: Value,
    /// The language switcher's list items; `None` when the page exists in one language only.
    language_links: Option<Value>,
}

/// Puts `versions` (the current one marked) into `context` as `alternates`, `x_default` (the
/// permalink of the default language's version, when there is one), `alternate_links` and,
/// when there are several, `language_links`; returns them as `page.translations` lists them.
pub fn insert_versions(
    context: &mut Context,
    versions: &[Version<'_>],
    x_default: Option<&str>,
) -> Value {
    let values = alternate_values(versions, x_default);
    if let Some(x_default) = x_default {
        context.insert_value("x_default", Value::from(x_default));
    }
    context.insert_value("alternates", values.alternates);
    context.insert_value("alternate_links", values.alternate_links);
    if let Some(links) = values.language_links {
        context.insert_value("language_links", links);
    }
    values.translations
}

/// The values of `versions` (the current one marked), with `x_default` (the permalink of the
/// default language's version, when there is one) as the head's last link.
fn alternate_values(versions: &[Version<'_>], x_default: Option<&str>) -> AlternateValues {
    let maps: Vec<Value> = versions.iter().map(version_value).collect();
    let translations: Vec<Value> = (versions.iter().zip(&maps))
        .filter(|(version, _)| !version.current)
        .map(|(_, map)| map.clone())
        .collect();
    AlternateValues {
        alternates: Value::from(maps),
        translations: Value::from(translations),
        alternate_links: Value::safe_string(&alternate_links(versions, x_default)),
        language_links: (versions.len() > 1).then(|| Value::safe_string(&language_links(versions))),
    }
}

/// One version as a template map: `{code, name, direction, url, permalink, current}`, made
/// directly rather than through serde.
fn version_value(version: &Version<'_>) -> Value {
    let mut map = Map::with_capacity(6);
    map.insert("code".into(), Value::from(version.code));
    map.insert("name".into(), Value::from(version.name));
    map.insert("direction".into(), Value::from(version.direction));
    map.insert("url".into(), Value::from(version.url.as_str()));
    map.insert("permalink".into(), Value::from(version.permalink.as_str()));
    map.insert("current".into(), Value::from(version.current));
    Value::from(map)
}

/// `<link rel="alternate" hreflang="…" href="…">` for each version and `x_default`, each on
/// its own line indented as in the default theme's `<head>`.
fn alternate_links(versions: &[Version<'_>], x_default: Option<&str>) -> String {
    let mut html = String::with_capacity(64 * (versions.len() + 1));
    let links = (versions.iter())
        .map(|version| (version.code, version.permalink.as_str()))
        .chain(x_default.map(|permalink| ("x-default", permalink)));
    for (code, permalink) in links {
        html.push_str("\n  <link rel=\"alternate\" hreflang=\"");
        push_escaped(&mut html, code);
        html.push_str("\" href=\"");
        push_escaped(&mut html, permalink);
        html.push_str("\">");
    }
    html
}

/// The switcher's `<li>` for each version: the current one a `<span aria-current>`, the
/// others links, each named in its own language and direction; one a line, indented as in the
/// default theme's switcher.
fn language_links(versions: &[Version<'_>]) -> String {
    let mut html = String::with_capacity(160 * versions.len());
    for version in versions {
        if version.current {
            html.push_str("\n          <li><span aria-current=\"true\" lang=\"");
        } else {
            html.push_str("\n          <li><a href=\"");
            push_escaped(&mut html, &version.url);
            html.push_str("\" hreflang=\"");
            push_escaped(&mut html, version.code);
            html.push_str("\" lang=\"");
        }
        push_escaped(&mut html, version.code);
        html.push_str("\" dir=\"");
        push_escaped(&mut html, version.direction);
        html.push_str("\">");
        push_escaped(&mut html, version.name);
        html.push_str(if version.current {
            "</span></li>"
        } else {
            "</a></li>"
        });
    }
    html
}

/// Appends `text` escaped exactly as Tera's autoescape escapes a value.
fn push_escaped(html: &mut String, text: &str) {
    let mut escaped = Vec::with_capacity(text.len());
    // Writing into a `Vec` cannot fail, and escaping keeps UTF-8 valid.
    if tera::escape_html(text, &mut escaped).is_ok()
        && let Ok(escaped) = std::str::from_utf8(&escaped)
    {
        html.push_str(escaped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version<'a>(code: &'a str, name: &'a str, url: &str, current: bool) -> Version<'a> {
        Version {
            code,
            name,
            direction: if code == "ar" { "rtl" } else { "ltr" },
            url: url.to_owned(),
            permalink: format!("https://example.org{url}"),
            current,
        }
    }

    #[test]
    fn the_markup_is_what_the_default_themes_loops_made_escaped_alike() {
        let versions = [
            version("en", "English", "/a/", false),
            version("ar", "العربية", "/ar/a/", true),
            version("fr", "Fran<ç>ais \"&'", "/fr/a?b=1&c=2/", false),
        ];
        let values = alternate_values(&versions, Some("https://example.org/a/"));
        assert_eq!(
            values.alternate_links.as_str(),
            Some(concat!(
                "\n  <link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/a/\">",
                "\n  <link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/ar/a/\">",
                "\n  <link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/a?b=1&amp;c=2/\">",
                "\n  <link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/a/\">",
            ))
        );
        assert_eq!(
            values.language_links.as_ref().and_then(Value::as_str),
            Some(concat!(
                "\n          <li><a href=\"/a/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a></li>",
                "\n          <li><span aria-current=\"true\" lang=\"ar\" dir=\"rtl\">العربية</span></li>",
                "\n          <li><a href=\"/fr/a?b=1&amp;c=2/\" hreflang=\"fr\" lang=\"fr\" dir=\"ltr\">Fran&lt;ç&gt;ais &quot;&amp;&#39;</a></li>",
            ))
        );
        assert!(values.alternate_links.is_safe());
        assert_eq!(values.alternates.as_array().map(<[Value]>::len), Some(3));
        let code = |version: &Value| -> Option<String> {
            let map = version.as_map()?;
            let (_, code) = map.iter().find(|(key, _)| key.as_str() == Some("code"))?;
            code.as_str().map(str::to_owned)
        };
        let others: Vec<String> = (values.translations.as_array().unwrap_or_default().iter())
            .filter_map(code)
            .collect();
        assert_eq!(others, ["en", "fr"]);
    }

    /// The default theme's loops over `alternates` before this module made their markup.
    const LOOPS: &str = concat!(
        "{%- if alternates is defined %}\n",
        "  {%- for version in alternates %}\n",
        "  <link rel=\"alternate\" hreflang=\"{{ version.code }}\" href=\"{{ version.permalink }}\">\n",
        "  {%- endfor %}\n",
        "  {%- if x_default is defined %}\n",
        "  <link rel=\"alternate\" hreflang=\"x-default\" href=\"{{ x_default }}\">\n",
        "  {%- endif %}\n",
        "  {%- endif %}|",
        "{%- if alternates is defined and alternates | length > 1 %}",
        "{%- for version in alternates %}\n",
        "          <li>{% if version.current %}<span aria-current=\"true\" lang=\"{{ version.code }}\" dir=\"{{ version.direction }}\">{{ version.name }}</span>",
        "{% else %}<a href=\"{{ version.url }}\" hreflang=\"{{ version.code }}\" lang=\"{{ version.code }}\" dir=\"{{ version.direction }}\">{{ version.name }}</a>{% endif %}</li>\n",
        "          {%- endfor %}",
        "{%- endif %}",
    );

    #[test]
    fn the_markup_is_byte_for_byte_what_tera_loops_over_alternates_make() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        let made =
            "{{ alternate_links | default(value='') }}|{{ language_links | default(value='') }}";
        tera.add_raw_templates([("loops.html", LOOPS), ("made.html", made)])
            .unwrap();
        let cases = [
            vec![
                version("en", "English", "/a/", true),
                version("fr", "Fran<ç>ais \"&'/", "/fr/a?b=1&c=2/", false),
            ],
            vec![
                version("en", "English", "/a/", false),
                version("ar", "العربية", "/ar/a/", true),
                version("fr", "Français", "/fr/a/", false),
            ],
            vec![version("fr", "Français", "/fr/a/", true)],
        ];
        for versions in &cases {
            for x_default in [None, Some("https://example.org/a/?x=<1>")] {
                let mut context = tera::Context::new();
                insert_versions(&mut context, versions, x_default);
                assert_eq!(
                    tera.render("made.html", &context).unwrap(),
                    tera.render("loops.html", &context).unwrap()
                );
            }
        }
    }

    #[test]
    fn a_page_in_one_language_has_no_switcher_and_no_default_link_without_a_default_version() {
        let versions = [version("fr", "Français", "/fr/a/", true)];
        let values = alternate_values(&versions, None);
        assert!(values.language_links.is_none());
        assert_eq!(
            values.alternate_links.as_str(),
            Some("\n  <link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/a/\">")
        );
    }
}
