//! A commit as templates see it in `page.history`: its date, ids, subject, message and author,
//! made into template values once per commit and shared by every page the commit changed.
//!
//! On a large site most commits appear on several pages (the first commit on all of them), and
//! every page is rendered with its whole revision list: made per page, these strings were
//! formatted and copied tens of thousands of times a build. A template value's text is
//! reference-counted, so sharing one is a count, not a copy. The values are exactly what
//! serializing the commit's fields gives (plain strings, escaped by the template as before).

use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use super::CommitRecord;

/// One commit's fields, as template values.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CommitValues {
    pub date: Value,
    pub hash: Value,
    pub short_hash: Value,
    pub subject: Value,
    pub message: Value,
    /// `none` unless `history.authors` is on.
    pub author: Value,
}

impl CommitValues {
    fn of(commit: &CommitRecord) -> CommitValues {
        CommitValues {
            date: Value::from(commit.date.to_string()),
            hash: Value::from(commit.id.as_str()),
            short_hash: Value::from(commit.short_id()),
            subject: Value::from(commit.subject()),
            message: Value::from(commit.message.as_str()),
            author: if commit.author.is_empty() {
                Value::none()
            } else {
                Value::from(commit.author.as_str())
            },
        }
    }
}

/// The values of each commit of a history, made the first time a page shows the commit.
#[derive(Debug, Clone, Default)]
pub(crate) struct SharedCommitValues {
    fields: Vec<OnceLock<CommitValues>>,
    /// The whole revision each commit is in the history of the pages it created: a page's
    /// creation has no page of its own and no earlier address, so nothing in it is the
    /// page's, and every page the commit created shows the same value (a large site's first
    /// commit creates all of them).
    creations: Vec<OnceLock<Value>>,
}

impl SharedCommitValues {
    /// Room for `count` commits, none made yet.
    pub fn for_commits(count: usize) -> SharedCommitValues {
        SharedCommitValues {
            fields: (0..count).map(|_| OnceLock::new()).collect(),
            creations: (0..count).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The values of `commits[index]`.
    pub fn of(&self, commits: &[CommitRecord], index: usize) -> &CommitValues {
        self.fields[index].get_or_init(|| CommitValues::of(&commits[index]))
    }

    /// The revision `commits[index]` is in the history of a page it created, as `make` makes
    /// it from the commit's values the first time.
    pub fn creation(
        &self,
        commits: &[CommitRecord],
        index: usize,
        make: impl FnOnce(&CommitValues) -> Value,
    ) -> &Value {
        self.creations[index].get_or_init(|| make(self.of(commits, index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    /// The shared values are what serializing the commit's own fields gave templates before.
    #[test]
    fn shared_values_are_the_serialized_fields() {
        #[derive(Serialize)]
        struct Fields<'a> {
            date: Date,
            hash: &'a str,
            short_hash: &'a str,
            subject: &'a str,
            message: &'a str,
            author: Option<&'a str>,
        }
        for author in ["", "Ana <b>"] {
            let commit = CommitRecord {
                id: "0123456789abcdef0123456789abcdef01234567".into(),
                date: Date::of_unix_seconds(1_700_000_000),
                time: 1_700_000_000,
                message: "Fix <script> & \"quotes\"\n\nA body\nof two lines".into(),
                author: author.into(),
            };
            let fields = Fields {
                date: commit.date,
                hash: &commit.id,
                short_hash: commit.short_id(),
                subject: commit.subject(),
                message: &commit.message,
                author: (!commit.author.is_empty()).then_some(commit.author.as_str()),
            };
            let shared = SharedCommitValues::for_commits(1);
            let values = shared.of(std::slice::from_ref(&commit), 0);
            let made = Value::from_serializable(values);
            let expected = Value::from_serializable(&fields);
            assert_eq!(made, expected);
            for (key, value) in expected.as_map().unwrap() {
                let found = &made.as_map().unwrap()[key];
                assert_eq!(found.is_safe(), value.is_safe(), "{key:?}");
                assert_eq!(found.is_none(), value.is_none(), "{key:?}");
            }
        }
    }
}
