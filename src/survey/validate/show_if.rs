//! `show_if` checks: a condition may only look back, at a question that exists, and test choices
//! that question has, so that the form, the validator and the report agree on who saw what.

use std::collections::HashMap;

use super::{Checker, Earlier, RawCondition};
use crate::survey::definition::{Condition, ConditionTest, Question, QuestionKind};
use crate::yaml::Spanned;

impl Checker<'_> {
    /// Checks a `show_if`: it must name an earlier question, test exactly one thing, and only
    /// test choices the named question has.
    pub(super) fn condition(
        &mut self,
        raw: &Spanned<RawCondition>,
        index: usize,
        own_id: &str,
        earlier: &HashMap<&str, Earlier<'_>>,
    ) -> Option<Condition> {
        let condition = &raw.value;
        let target_id = &condition.question;
        let target = match earlier.get(target_id.value.as_str()) {
            None => {
                self.error(
                    "survey-show-if",
                    target_id,
                    format!(
                        "`show_if` names `{}`, which is not a question of this survey",
                        target_id.value
                    ),
                    "use the `id` of an earlier question",
                );
                return None;
            }
            Some(target) if target.index >= index => {
                let message = if target_id.value == own_id {
                    format!("`show_if` of `{own_id}` names the question itself")
                } else {
                    format!(
                        "`show_if` of `{own_id}` names `{}`, which comes later (line {})",
                        target_id.value, target.line
                    )
                };
                self.error(
                    "survey-show-if",
                    target_id,
                    message,
                    "a question can only depend on questions asked before it; move one of them",
                );
                return None;
            }
            Some(target) => target.question?,
        };
        if matches!(
            target.kind,
            QuestionKind::Text { .. } | QuestionKind::LongText { .. }
        ) {
            // Who sees the question would publish how many wrote text, group by group.
            self.error(
                "survey-show-if",
                target_id,
                format!("`show_if` of `{own_id}` depends on `{}`, a free-text question", target.id),
                "free text is never published, not even how many answered it; depend on a choice question instead",
            );
            return None;
        }
        let test = self.condition_test(raw, target)?;
        Some(Condition {
            question: target.id.clone(),
            test,
        })
    }

    fn condition_test(
        &mut self,
        raw: &Spanned<RawCondition>,
        target: &Question,
    ) -> Option<ConditionTest> {
        let condition = &raw.value;
        let given = usize::from(condition.equals.is_some())
            + usize::from(condition.one_of.is_some())
            + usize::from(condition.answered.is_some());
        if given != 1 {
            self.error(
                "survey-show-if",
                raw,
                "`show_if` needs exactly one of `equals`, `one_of` or `answered`",
                "e.g. `show_if: {question: contact, equals: yes}`",
            );
            return None;
        }
        if let Some(answered) = &condition.answered {
            if !answered.value {
                self.error(
                    "survey-show-if",
                    answered,
                    "`answered: false` is not supported",
                    "write `answered: true`, or test the answer with `equals` or `one_of`",
                );
                return None;
            }
            return Some(ConditionTest::Answered);
        }
        let values: Vec<&Spanned<String>> = match (&condition.equals, &condition.one_of) {
            (Some(equals), _) => vec![equals],
            (_, Some(one_of)) => {
                if one_of.value.is_empty() {
                    self.error(
                        "survey-show-if",
                        one_of,
                        "`one_of` is empty",
                        "list at least one choice id",
                    );
                    return None;
                }
                one_of.value.iter().collect()
            }
            _ => return None,
        };
        if target.choices().is_empty() {
            self.error(
                "survey-show-if",
                values[0],
                format!(
                    "`show_if` compares with `{}`, a `{}` question, which has no choices",
                    target.id,
                    target.type_name()
                ),
                "`equals` and `one_of` test single or multiple choice questions; use `answered: true` otherwise",
            );
            return None;
        }
        let mut all_known = true;
        for value in &values {
            if !target
                .choices()
                .iter()
                .any(|choice| choice.id == value.value)
            {
                all_known = false;
                let ids: Vec<&str> = target.choices().iter().map(|c| c.id.as_str()).collect();
                self.error(
                    "survey-show-if",
                    *value,
                    format!("`{}` is not a choice of `{}`", value.value, target.id),
                    format!("its choices are: {}", ids.join(", ")),
                );
            }
        }
        if !all_known {
            return None;
        }
        Some(match &condition.equals {
            Some(equals) => ConditionTest::Equals(equals.value.clone()),
            None => ConditionTest::OneOf(values.iter().map(|value| value.value.clone()).collect()),
        })
    }
}
