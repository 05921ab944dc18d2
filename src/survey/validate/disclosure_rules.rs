//! `disclosure:` in a definition may only tighten the rules that protect small groups in
//! published results, never loosen them below [`DisclosureRules::FLOOR`].

use super::Checker;
use crate::survey::definition::DisclosureRules;
use crate::yaml::Spanned;

impl Checker<'_> {
    /// Checks that `disclosure:` only tightens the rules: a lower threshold would publish
    /// figures about groups small enough to point at people.
    pub(super) fn disclosure(&mut self, rules: &Spanned<DisclosureRules>) -> DisclosureRules {
        let value = rules.value;
        let floor = DisclosureRules::FLOOR;
        let checks = [
            ("min_group_size", value.min_group_size, floor.min_group_size),
            ("min_count", value.min_count, floor.min_count),
            (
                "unanimous_min_group",
                value.unanimous_min_group,
                floor.unanimous_min_group,
            ),
            ("number_min", value.number_min, floor.number_min),
        ];
        for (key, chosen, least) in checks {
            if chosen < least {
                self.error(
                    "survey-disclosure",
                    rules,
                    format!("`disclosure: {key}` is {chosen}, below the safe minimum of {least}"),
                    format!("use {least} or more, or leave `{key}` out to use the default"),
                );
            }
        }
        let related = [
            (
                "min_group_size",
                value.min_group_size,
                "min_count",
                value.min_count,
            ),
            (
                "unanimous_min_group",
                value.unanimous_min_group,
                "min_group_size",
                value.min_group_size,
            ),
            (
                "number_min",
                value.number_min,
                "min_group_size",
                value.min_group_size,
            ),
        ];
        for (key, chosen, other, least) in related {
            if chosen < least {
                self.error(
                    "survey-disclosure",
                    rules,
                    format!("`disclosure: {key}` ({chosen}) is smaller than `{other}` ({least})"),
                    format!("raise `{key}` to at least {least}"),
                );
            }
        }
        value
    }
}
