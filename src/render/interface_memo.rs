//! Interface strings with arguments (`t(key="history-revisions", count=3)`), each formatted
//! once per theme for each language and set of arguments, then reused.
//!
//! Strings without arguments are formatted when the theme is loaded
//! ([`crate::interface_strings`]); those with arguments went through Fluent on every call: a
//! few times on every page of a 10,000-page build, though most take one of a handful of
//! values (the site's name, a page's revision count). Formatting is a pure function of the
//! language, the key and the arguments, so a string made once is the string made again. Only
//! arguments whose text is exact are remembered (strings, whole numbers, yes/no); any other
//! call is formatted as before. The memo is bounded: past [`MAX_KEPT`] strings it stops
//! growing, and the rest are simply formatted each time.

use std::collections::HashMap;
use std::sync::Mutex;

use tera::value::ValueKind;
use tera::{Kwargs, Value};

/// How many formatted strings one theme keeps.
const MAX_KEPT: usize = 4096;

/// The strings formatted so far, by [`key`].
#[derive(Default)]
pub(super) struct FormattedStrings {
    kept: Mutex<HashMap<Vec<u8>, Value, foldhash::fast::RandomState>>,
}

impl FormattedStrings {
    /// The string formatted before under `key`.
    pub fn get(&self, key: &[u8]) -> Option<Value> {
        self.kept.lock().ok()?.get(key).cloned()
    }

    /// Keeps `value`, the string formatted for `key`.
    pub fn keep(&self, key: Vec<u8>, value: &Value) {
        if let Ok(mut kept) = self.kept.lock()
            && kept.len() < MAX_KEPT
        {
            kept.insert(key, value.clone());
        }
    }
}

/// What names one formatted string: the language, the key and each argument with its kind
/// (a string the template marked safe goes in as HTML), every part a kind byte and its length
/// before its text, so that no two calls share a name. (Written without `format!`: this runs
/// for every such call of every page.) `None` when an argument's text is not exact (a
/// fraction, a list): such a call is not remembered.
pub(super) fn key(language: Option<&str>, key: &str, kwargs: &Kwargs) -> Option<Vec<u8>> {
    let mut arguments: Vec<(&str, &Value)> = (kwargs.iter())
        .filter_map(|(name, value)| Some((name.as_str()?, value)))
        .filter(|(name, _)| *name != "key")
        .collect();
    arguments.sort_unstable_by_key(|(name, _)| *name);
    let mut name = Vec::with_capacity(64);
    let mut part = |kind: u8, text: &[u8]| -> Option<()> {
        name.push(kind);
        name.extend_from_slice(&u32::try_from(text.len()).ok()?.to_le_bytes());
        name.extend_from_slice(text);
        Some(())
    };
    match language {
        Some(language) => part(b'l', language.as_bytes())?,
        None => part(b'-', b"")?,
    }
    part(b'k', key.as_bytes())?;
    for (argument, value) in arguments {
        part(b'a', argument.as_bytes())?;
        match value.kind() {
            ValueKind::String if value.is_safe() => part(b'h', value.as_str()?.as_bytes())?,
            ValueKind::String => part(b's', value.as_str()?.as_bytes())?,
            ValueKind::U64 => part(b'u', &value.as_u64()?.to_le_bytes())?,
            ValueKind::I64 => part(b'i', &value.as_i64()?.to_le_bytes())?,
            ValueKind::Bool => part(b'b', &[u8::from(value.as_bool()?)])?,
            _ => return None,
        }
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kwargs<const N: usize>(pairs: [(&'static str, Value); N]) -> Kwargs {
        Kwargs::from(pairs)
    }

    #[test]
    fn calls_that_may_format_differently_have_different_names() {
        let name = |language, pairs: Kwargs| key(language, "history-revisions", &pairs);
        let three = name(
            Some("en"),
            kwargs([("key", "x".into()), ("count", 3.into())]),
        );
        assert!(three.is_some());
        let different = [
            name(
                Some("en"),
                kwargs([("key", "x".into()), ("count", 4.into())]),
            ),
            name(
                Some("fr"),
                kwargs([("key", "x".into()), ("count", 3.into())]),
            ),
            name(None, kwargs([("key", "x".into()), ("count", 3.into())])),
            name(
                Some("en"),
                kwargs([("key", "x".into()), ("count", "3".into())]),
            ),
            name(
                Some("en"),
                kwargs([("key", "x".into()), ("number", 3.into())]),
            ),
            name(
                Some("en"),
                kwargs([("key", "x".into()), ("count", 3.into()), ("b", true.into())]),
            ),
        ];
        for (index, other) in different.iter().enumerate() {
            assert!(other.is_some() && *other != three, "{index}");
        }
        let text = |value: Value| name(Some("en"), kwargs([("key", "x".into()), ("site", value)]));
        assert_ne!(text(Value::from("<b>")), text(Value::safe_string("<b>")));
        // One argument's text cannot pass for two arguments.
        assert_ne!(
            name(Some("en"), kwargs([("a", "1".into()), ("b", "2".into())])),
            name(Some("en"), kwargs([("a", "1\u{1}b2".into())])),
        );
    }

    #[test]
    fn the_same_call_has_the_same_name_and_inexact_arguments_none() {
        let first = key(
            Some("en"),
            "k",
            &kwargs([("a", 1.into()), ("b", "x".into())]),
        );
        let again = key(
            Some("en"),
            "k",
            &kwargs([("b", "x".into()), ("a", 1.into())]),
        );
        assert_eq!(first, again);
        assert_eq!(key(Some("en"), "k", &kwargs([("a", 1.5.into())])), None);
        assert_eq!(key(Some("en"), "k", &kwargs([("a", vec![1].into())])), None);
    }

    #[test]
    fn a_kept_string_is_found_by_its_name_and_the_memo_stops_growing() {
        let formatted = FormattedStrings::default();
        for number in 0..MAX_KEPT + 10 {
            formatted.keep(number.to_le_bytes().to_vec(), &Value::from(number));
        }
        assert_eq!(formatted.get(&7usize.to_le_bytes()), Some(Value::from(7)));
        assert_eq!(formatted.get(&(MAX_KEPT + 1).to_le_bytes()), None);
    }
}
