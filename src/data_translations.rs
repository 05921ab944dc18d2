//! Translated data files: `data/escalation.fr.yaml` beside `data/escalation.yaml` holds the
//! French version of `data.escalation`, as `page.fr.md` beside `page.md` holds a page's.
//!
//! Templates keep asking for `data.escalation`; a page in French gets the French file when
//! there is one and the default language's otherwise. The translations are taken out of the
//! data every page sees, so that `data["escalation.fr"]` is no name of its own. This module
//! only sorts the files already read; it reads nothing.

use std::collections::BTreeMap;

use crate::languages::Languages;

/// The data of each language other than the default, when it translates at least one file:
/// `None` for a language with no translated data file (its pages see the default data).
pub type DataByLanguage = Vec<Option<tera::Value>>;

/// Takes the translations (`name.<code>` for a language of the site other than the default)
/// out of `data` and returns each language's data: `data` with its translations put over it.
pub fn split(
    data: &mut BTreeMap<String, serde_json::Value>,
    languages: &Languages,
) -> DataByLanguage {
    let others = languages.all().get(1..).unwrap_or_default();
    let mut translated: Vec<BTreeMap<String, serde_json::Value>> =
        vec![BTreeMap::new(); others.len()];
    let keys: Vec<String> = data.keys().cloned().collect();
    for key in keys {
        let Some((name, code)) = key.rsplit_once('.') else {
            continue;
        };
        let Some(language) = others.iter().position(|l| l.code == code) else {
            continue;
        };
        if let Some(value) = data.remove(&key) {
            translated[language].insert(name.to_owned(), value);
        }
    }
    translated
        .into_iter()
        .map(|own| {
            if own.is_empty() {
                return None;
            }
            let mut merged = data.clone();
            merged.extend(own);
            Some(tera::Value::from_serializable(&merged))
        })
        .collect()
}
