//! Where a link leads on a site in several languages ([`crate::translations`]).
//!
//! A relative link to a translation's file (`[fr](code-of-conduct.fr.md)`) leads to the
//! translation's address (`/fr/code-of-conduct/`), not to a page named `code-of-conduct.fr`.
//! And a link inside a translation to a page of the site, as a file (`../escalation.md`) or
//! as an address (`/escalation/`), leads to that page's translation in the same language when
//! there is one, else to the page itself: a French reader stays in French as far as the site
//! goes. The links are then checked like any other, so a link to a translation that does not
//! exist is reported broken. This module decides addresses only; it reads and renders nothing.

use std::collections::HashSet;

use crate::content::Page;
use crate::languages::Languages;

/// The addresses of every translation of a site, to retarget links with.
#[derive(Debug, Default)]
pub struct TranslationLinks {
    /// Each language's code and prefix (`fr`, `/fr`), the default's (empty prefix) first;
    /// empty on a site in one language.
    languages: Vec<(String, String)>,
    /// The site paths of the pages in a language other than the default: one for each
    /// translation, looked up for each link of each translation, so foldhash, not SipHash.
    pub(crate) translated: HashSet<String, foldhash::fast::RandomState>,
}

impl TranslationLinks {
    /// The links of `pages` (placed under their language's prefix already); nothing to do on
    /// a site in one language.
    pub fn of<'p>(pages: impl IntoIterator<Item = &'p Page>, languages: &Languages) -> Self {
        if !languages.is_multilingual() {
            return TranslationLinks::default();
        }
        TranslationLinks {
            languages: (languages.all().iter())
                .map(|l| (l.code.clone(), l.prefix.clone()))
                .collect(),
            translated: (pages.into_iter())
                .filter(|page| page.language > 0)
                .map(|page| page.path.clone())
                .collect(),
        }
    }

    /// Where a link to the site path `path`, written in a page in `language` (0 for the
    /// default), leads instead; `None` when it leads where it says.
    pub fn retarget(&self, path: &str, language: usize) -> Option<String> {
        if self.languages.is_empty() {
            return None;
        }
        if let Some(translation) = self.translation_file_path(path) {
            return Some(translation);
        }
        let (_, prefix) = self
            .languages
            .get(language)
            .filter(|(_, p)| !p.is_empty())?;
        let is_in_a_language = (self.languages.iter().skip(1)).any(|(_, other)| {
            (path.strip_prefix(other.as_str())).is_some_and(|rest| rest.starts_with('/'))
        });
        if is_in_a_language {
            return None;
        }
        let candidate = format!("{prefix}{path}");
        self.translated.contains(&candidate).then_some(candidate)
    }

    /// The address of a translation linked to by its file: `/dir/name.fr/` (which is what
    /// `dir/name.fr.md` reads as) is `/fr/dir/name/`, and `/dir/_index.fr/` is `/fr/dir/`.
    /// Codes match as [`Languages::other_by_code`] matches them, whatever their case.
    fn translation_file_path(&self, path: &str) -> Option<String> {
        let inner = path.strip_suffix('/')?;
        let (folder, last) = inner.rsplit_once('/')?;
        let (name, code) = last.rsplit_once('.')?;
        let (_, prefix) =
            (self.languages.iter().skip(1)).find(|(other, _)| other.eq_ignore_ascii_case(code))?;
        Some(match name {
            "_index" | "index" => format!("{prefix}{folder}/"),
            _ => format!("{prefix}{folder}/{name}/"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(translated: &[&str]) -> TranslationLinks {
        TranslationLinks {
            languages: vec![
                ("en".into(), String::new()),
                ("fr".into(), "/fr".into()),
                ("ar".into(), "/ar".into()),
            ],
            translated: translated.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    #[test]
    fn a_translation_file_leads_to_the_translation_address() {
        let links = links(&[]);
        assert_eq!(links.retarget("/a/b.fr/", 0).as_deref(), Some("/fr/a/b/"));
        assert_eq!(
            links.retarget("/a/_index.AR/", 0).as_deref(),
            Some("/ar/a/")
        );
        assert_eq!(links.retarget("/b.en/", 0), None);
        assert_eq!(links.retarget("/v1.2/", 0), None);
        assert_eq!(links.retarget("/report.fr.pdf", 0), None);
    }

    #[test]
    fn a_translation_links_to_translations_in_its_own_language_when_they_exist() {
        let links = links(&["/fr/a/", "/ar/b/"]);
        assert_eq!(links.retarget("/a/", 1).as_deref(), Some("/fr/a/"));
        assert_eq!(links.retarget("/b/", 1), None);
        assert_eq!(links.retarget("/a/", 0), None);
        assert_eq!(links.retarget("/ar/b/", 1), None);
        assert_eq!(links.retarget("/b/", 2).as_deref(), Some("/ar/b/"));
    }
}
