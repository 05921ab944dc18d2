//! The words of a survey form in the language of the page: the hints and skip rules Candor
//! writes beside each question, and the messages the form's script shows (errors, notices,
//! counters), all taken from the theme's interface strings (`i18n/<code>.ftl`) with the usual
//! fallback to the default language.
//!
//! The script cannot read Fluent, so its messages are formatted here once per language and
//! carried by the page as JSON ([`script_messages`]), which the offline copy holds
//! too. A value the script knows only when it runs is left as a `{name}` placeholder; a message
//! whose words depend on a number (`$count`) is given once per plural category of the language
//! (`one`, `few`, …), and the script picks the form with the browser's `Intl.PluralRules`.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use serde_json::Value;

use crate::interface_strings::{Arg, Phrasebook};

/// The messages of the form's script, each with the names of the values the script puts in
/// (without `count`, which every message that has it names first).
const SCRIPT_MESSAGES: &[(&str, &[&str])] = &[
    ("survey-error-required", &[]),
    ("survey-error-not-a-number", &[]),
    ("survey-error-not-whole", &[]),
    ("survey-error-too-large", &[]),
    ("survey-error-number-range", &["min", "max"]),
    ("survey-error-number-at-least", &["min"]),
    ("survey-error-number-at-most", &["max"]),
    ("survey-error-too-few", &["count", "min"]),
    ("survey-error-too-many", &["count", "max"]),
    ("survey-error-exclusive", &["label"]),
    ("survey-error-too-long", &["count", "max"]),
    ("survey-errors-heading", &["count"]),
    ("survey-question", &["number"]),
    ("survey-problem", &["question", "message"]),
    ("survey-error-outside-dates", &["opens", "closes"]),
    ("survey-error-no-random", &[]),
    ("survey-error-cannot-encrypt", &[]),
    ("survey-saved", &["file"]),
    ("survey-sending", &[]),
    ("survey-sent", &[]),
    ("survey-conflict", &["file"]),
    ("survey-refused", &["file"]),
    ("survey-refused-because", &["reason", "file"]),
    ("survey-queued", &["file"]),
    ("survey-not-sent", &["file"]),
    ("survey-waiting", &["count"]),
    ("survey-queued-sent", &["file"]),
    ("survey-queued-conflict", &["file"]),
    ("survey-queued-refused", &["file"]),
    ("survey-queued-refused-because", &["reason", "file"]),
];

/// Numbers tried to find a sample of each plural category of a language: every category of
/// whole numbers in the languages Fluent knows has one among them, or a million (the `many`
/// of some rule sets).
const PLURAL_PROBES: std::ops::RangeInclusive<i64> = 0..=200;
const LARGE_PROBE: i64 = 1_000_000;

/// The six plural categories, as Fluent variant keys and as `Intl.PluralRules` names them.
const PLURAL_PROBE_MESSAGE: &str = "category = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n";

/// The script's messages as JSON, safe inside a `<script type="application/json">`
/// element: `{"survey-sending": "Sending…", "survey-errors-heading": {"one": …, "other":
/// …}, …}`.
pub fn script_messages(words: &Phrasebook<'_>) -> String {
    let samples = plural_samples(words.code());
    let mut messages = serde_json::Map::new();
    for (key, names) in SCRIPT_MESSAGES {
        let value = if names.contains(&"count") {
            per_category(words, key, names, &samples)
        } else {
            let texts = placeholders(names);
            Value::from(words.say(key, &text_args(names, &texts)))
        };
        messages.insert((*key).to_owned(), value);
    }
    json_for_script(&Value::Object(messages))
}

/// `key` formatted with a sample number of each plural category, the number then turned
/// back into the `{count}` placeholder.
fn per_category(
    words: &Phrasebook<'_>,
    key: &str,
    names: &[&str],
    samples: &[(&'static str, i64)],
) -> Value {
    let mut forms = serde_json::Map::new();
    for (category, sample) in samples {
        let count = usize::try_from(*sample).unwrap_or_default();
        let texts = placeholders(names);
        let mut args = text_args(names, &texts);
        args.retain(|(name, _)| *name != "count");
        args.push(("count", Arg::Count(count)));
        let text = words.say(key, &args);
        forms.insert(
            (*category).to_owned(),
            Value::from(text.replace(&sample.to_string(), "{count}")),
        );
    }
    Value::Object(forms)
}
/// `value` as JSON to put inside a `<script>` element: a translator's `</script>` or `<!--`
/// cannot end it, since every `<` is written as its escape, which JSON reads the same.
fn json_for_script(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// Each name as the text `{name}`, for the script to replace.
fn placeholders(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| format!("{{{name}}}")).collect()
}

/// `names` paired with their `texts`, as message arguments.
fn text_args<'n>(names: &[&'n str], texts: &'n [String]) -> Vec<(&'n str, Arg<'n>)> {
    names
        .iter()
        .zip(texts)
        .map(|(name, text)| (*name, Arg::Text(text)))
        .collect()
}

/// One number of each plural category of the language `code`, found by asking Fluent's own
/// rules; the largest of the probes, so that it is unlikely to appear in a message as digits
/// of its own.
fn plural_samples(code: &str) -> Vec<(&'static str, i64)> {
    let mut bundle = FluentBundle::new_concurrent(vec![code.parse().unwrap_or_default()]);
    bundle.set_use_isolating(false);
    if let Ok(resource) = FluentResource::try_new(PLURAL_PROBE_MESSAGE.to_owned()) {
        let _ = bundle.add_resource(resource);
    }
    let Some(pattern) = bundle.get_message("category").and_then(|m| m.value()) else {
        return vec![("other", 2)];
    };
    let mut samples: BTreeMap<&'static str, i64> = BTreeMap::new();
    for n in PLURAL_PROBES.chain([LARGE_PROBE]) {
        let mut args = FluentArgs::new();
        args.set("n", n);
        let mut errors = Vec::new();
        let category = bundle.format_pattern(pattern, Some(&args), &mut errors);
        let category = match category.as_ref() {
            "zero" => "zero",
            "one" => "one",
            "two" => "two",
            "few" => "few",
            "many" => "many",
            _ => "other",
        };
        if n != LARGE_PROBE || !samples.contains_key(category) {
            samples.insert(category, n);
        }
    }
    samples.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_samples_cover_each_category_of_the_language() {
        let categories = |code| -> Vec<&str> {
            plural_samples(code)
                .into_iter()
                .map(|(category, _)| category)
                .collect()
        };
        assert_eq!(categories("en"), ["one", "other"]);
        assert_eq!(categories("zh"), ["other"]);
        // Russian whole numbers are never `other` (only fractions are): the script counts.
        assert_eq!(categories("ru"), ["few", "many", "one"]);
        assert_eq!(
            categories("ar"),
            ["few", "many", "one", "other", "two", "zero"]
        );
        assert_eq!(categories("fr"), ["one", "other"]);
    }

    #[test]
    fn script_messages_cannot_end_their_script_element() {
        let value = serde_json::json!({"a": "</script><script>alert(1)</script><!--"});
        let json = json_for_script(&value);
        assert!(!json.contains('<'), "{json}");
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), value);
    }

    #[test]
    fn script_messages_keep_placeholders_and_give_each_plural_form() {
        let strings = crate::interface_strings::InterfaceStrings::built_in_english();
        let words = Phrasebook::new(&strings, None);
        let messages: Value = serde_json::from_str(&script_messages(&words)).unwrap();
        assert_eq!(
            messages["survey-error-number-range"],
            "Enter a number from {min} to {max}."
        );
        assert_eq!(
            messages["survey-waiting"],
            serde_json::json!({
                "one": "{count} response is waiting on this device to be sent.",
                "other": "{count} responses are waiting on this device to be sent."
            })
        );
    }
}
