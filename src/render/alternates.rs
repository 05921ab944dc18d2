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

use std::collections::BTreeMap;

use tera::{Context, Value};

use crate::escape::markup_into;
use crate::translations::Version;

/// Which forms of a page's versions the theme's templates name: each is made only then.
/// Found in the templates' text, as [`super::template_errors`] finds the data files a template
/// reads; a name in a comment makes its values for nothing, which is harmless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionsRead {
    /// `alternates` or `page.translations`: a map for each version.
    pub maps: bool,
    /// `x_default`.
    pub x_default: bool,
    /// `alternate_links`.
    pub links: bool,
    /// `language_links`.
    pub switcher: bool,
}

impl VersionsRead {
    /// What `templates` (their text) name.
    pub fn by<'t>(templates: impl IntoIterator<Item = &'t str>) -> VersionsRead {
        let mut read = VersionsRead {
            maps: false,
            x_default: false,
            links: false,
            switcher: false,
        };
        for text in templates {
            read.maps |= text.contains("alternates") || text.contains("translations");
            read.x_default |= text.contains("x_default");
            read.links |= text.contains("alternate_links");
            read.switcher |= text.contains("language_links");
        }
        read
    }
}

/// Puts `versions` (the current one marked) into `context`, in the forms `read` says some
/// template names: `alternates`, `x_default` (the permalink of the default language's
/// version, when there is one), `alternate_links` and, when there are several versions,
/// `language_links`. Returns them as `page.translations` lists them, when templates name it.
pub fn insert_versions(
    context: &mut Context,
    versions: &[Version<'_>],
    x_default: Option<&str>,
    read: VersionsRead,
) -> Option<Value> {
    if let Some(x_default) = x_default.filter(|_| read.x_default) {
        context.insert_value("x_default", Value::from(x_default));
    }
    if read.links {
        let links = alternate_links(versions, x_default);
        context.insert_value("alternate_links", Value::safe_string(&links));
    }
    if read.switcher && versions.len() > 1 {
        let links = language_links(versions);
        context.insert_value("language_links", Value::safe_string(&links));
    }
    if !read.maps {
        return None;
    }
    let maps: Vec<Value> = versions.iter().map(version_value).collect();
    let translations: Vec<Value> = (versions.iter().zip(&maps))
        .filter(|(version, _)| !version.current)
        .map(|(_, map)| map.clone())
        .collect();
    context.insert_value("alternates", Value::from(maps));
    Some(Value::from(translations))
}

/// One version as a template map: `{code, name, direction, url, permalink, current}`, made
/// directly rather than through serde. Tera makes a map `Value` only by copying another map
/// into its own; a `BTreeMap` of six entries is the cheapest to copy from.
fn version_value(version: &Version<'_>) -> Value {
    let fields = BTreeMap::from([
        ("code", Value::from(version.code)),
        ("name", Value::from(version.name)),
        ("direction", Value::from(version.direction)),
        ("url", Value::from(version.url.as_str())),
        ("permalink", Value::from(version.permalink.as_str())),
        ("current", Value::from(version.current)),
    ]);
    Value::from(fields)
}

/// `<link rel="alternate" hreflang="…" href="…">` for each version and `x_default`, each on
/// its own line indented as in the default theme's `<head>`.
fn alternate_links(versions: &[Version<'_>], x_default: Option<&str>) -> String {
    let mut html = String::with_capacity(96 * (versions.len() + 1));
    let links = (versions.iter())
        .map(|version| (version.code, version.permalink.as_str()))
        .chain(x_default.map(|permalink| ("x-default", permalink)));
    for (code, permalink) in links {
        html.push_str("\n  <link rel=\"alternate\" hreflang=\"");
        markup_into(&mut html, code);
        html.push_str("\" href=\"");
        markup_into(&mut html, permalink);
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
            markup_into(&mut html, &version.url);
            html.push_str("\" hreflang=\"");
            markup_into(&mut html, version.code);
            html.push_str("\" lang=\"");
        }
        markup_into(&mut html, version.code);
        html.push_str("\" dir=\"");
        markup_into(&mut html, version.direction);
        html.push_str("\">");
        markup_into(&mut html, version.name);
        html.push_str(if version.current {
            "</span></li>"
        } else {
            "</a></li>"
        });
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default theme prints the ready-made markup and names neither the maps nor
    /// `x_default`: were a template or a comment of it to name one, every page of a site in
    /// several languages would make values nothing prints, and no test of output would notice.
    #[test]
    fn the_default_theme_makes_only_the_markup_it_prints() {
        let templates =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let texts: Vec<String> = walkdir::WalkDir::new(&templates)
            .into_iter()
            .map(Result::unwrap)
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| std::fs::read_to_string(entry.path()).unwrap())
            .collect();
        assert!(texts.len() > 10, "{}", templates.display());
        assert_eq!(
            VersionsRead::by(texts.iter().map(String::as_str)),
            VersionsRead {
                maps: false,
                x_default: false,
                links: true,
                switcher: true,
            }
        );
    }

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

    const EVERY_FORM: VersionsRead = VersionsRead {
        maps: true,
        x_default: true,
        links: true,
        switcher: true,
    };

    fn text<'c>(context: &'c Context, name: &str) -> Option<&'c str> {
        context.get(name).and_then(Value::as_str)
    }

    #[test]
    fn the_markup_is_what_the_default_themes_loops_made_escaped_alike() {
        let versions = [
            version("en", "English", "/a/", false),
            version("ar", "العربية", "/ar/a/", true),
            version("fr", "Fran<ç>ais \"&'", "/fr/a?b=1&c=2/", false),
        ];
        let mut context = Context::new();
        let x_default = Some("https://example.org/a/");
        let translations = insert_versions(&mut context, &versions, x_default, EVERY_FORM);
        assert_eq!(
            text(&context, "alternate_links"),
            Some(concat!(
                "\n  <link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/a/\">",
                "\n  <link rel=\"alternate\" hreflang=\"ar\" href=\"https://example.org/ar/a/\">",
                "\n  <link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/a?b=1&amp;c=2/\">",
                "\n  <link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/a/\">",
            ))
        );
        assert_eq!(
            text(&context, "language_links"),
            Some(concat!(
                "\n          <li><a href=\"/a/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a></li>",
                "\n          <li><span aria-current=\"true\" lang=\"ar\" dir=\"rtl\">العربية</span></li>",
                "\n          <li><a href=\"/fr/a?b=1&amp;c=2/\" hreflang=\"fr\" lang=\"fr\" dir=\"ltr\">Fran&lt;ç&gt;ais &quot;&amp;&#39;</a></li>",
            ))
        );
        assert!(context.get("alternate_links").is_some_and(Value::is_safe));
        let alternates = context.get("alternates").and_then(Value::as_array);
        assert_eq!(alternates.map(<[Value]>::len), Some(3));
        let code = |version: &Value| -> Option<String> {
            let map = version.as_map()?;
            let (_, code) = map.iter().find(|(key, _)| key.as_str() == Some("code"))?;
            code.as_str().map(str::to_owned)
        };
        let others: Vec<String> = (translations.as_ref().and_then(Value::as_array))
            .unwrap_or_default()
            .iter()
            .filter_map(code)
            .collect();
        assert_eq!(others, ["en", "fr"]);
    }

    #[test]
    fn only_the_forms_the_templates_name_are_made() {
        let read = VersionsRead::by(["{{ alternate_links }}", "<p>{{ page.title }}</p>"]);
        assert_eq!(
            read,
            VersionsRead {
                maps: false,
                x_default: false,
                links: true,
                switcher: false
            }
        );
        let read = VersionsRead::by(["{% for v in page.translations %}{% endfor %}"]);
        assert!(read.maps && !read.links && !read.switcher);
        let versions = [
            version("en", "English", "/a/", true),
            version("fr", "Français", "/fr/a/", false),
        ];
        let mut context = Context::new();
        let x_default = Some("https://example.org/a/");
        let translations =
            insert_versions(&mut context, &versions, x_default, VersionsRead::by([""]));
        assert!(translations.is_none());
        for name in [
            "alternates",
            "x_default",
            "alternate_links",
            "language_links",
        ] {
            assert!(context.get(name).is_none(), "{name}");
        }
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
                insert_versions(&mut context, versions, x_default, EVERY_FORM);
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
        let mut context = Context::new();
        insert_versions(&mut context, &versions, None, EVERY_FORM);
        assert!(context.get("language_links").is_none());
        assert_eq!(
            text(&context, "alternate_links"),
            Some("\n  <link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/a/\">")
        );
    }
}
