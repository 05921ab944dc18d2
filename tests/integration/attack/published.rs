//! What the intruder reads: a results file exactly as the site publishes it.
//!
//! This is a reader of its own, deliberately not `candor::survey::results`: the attacker must
//! not share a line with the code it attacks. It is also tolerant — unknown keys are ignored and
//! a hidden figure's label is kept as plain text — so that it keeps reading the file when the
//! report's format grows, and only what the file says is believed.

use std::path::Path;

use serde::Deserialize;

/// One published results file: one release of a survey's results.
#[derive(Debug, Clone, Deserialize)]
pub struct Release {
    pub provenance: Provenance,
    pub disclosure: Disclosure,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Provenance {
    /// How many responses the release aggregates.
    pub responses: Figure,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Disclosure {
    pub rules: Rules,
    /// The methods note's count of figures per rule, where the file has one.
    #[serde(default)]
    pub suppressed: Vec<RuleCount>,
}

/// The thresholds the release states it applied.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Rules {
    pub min_group_size: u64,
    pub min_count: u64,
    pub unanimous_min_group: u64,
}

/// A rule the release applied, with how many figures it hid where the file says so.
#[derive(Debug, Clone, Deserialize)]
pub struct RuleCount {
    pub rule: String,
    #[serde(default)]
    pub figures: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    pub id: String,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub overall: Option<Row>,
    #[serde(default)]
    pub breakdowns: Vec<Breakdown>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Category {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Breakdown {
    pub by: String,
    pub groups: Vec<Row>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Row {
    #[serde(default)]
    pub group: Option<String>,
    pub respondents: Figure,
    #[serde(default)]
    pub cells: Vec<Figure>,
}

/// A count as published: its value, or the label a hidden one carries.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Figure {
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub percent: Option<u64>,
    #[serde(default)]
    pub hidden: Option<String>,
}

impl Figure {
    pub fn label(&self) -> Option<&str> {
        self.hidden.as_deref()
    }
}

impl Release {
    /// Reads a published results file (`name` is only for messages).
    pub fn parse(text: &str, name: &str) -> Release {
        candor::yaml::parse(text, Path::new(name), 1)
            .unwrap_or_else(|problem| panic!("the attacker cannot read {name}: {problem}"))
    }

    /// Whether hidden figures say which rule hid them: only while some are labelled "fewer
    /// than 5" does "withheld" also tell the reader "not a small count", and only then are the
    /// methods note's per-rule counts read as the documented ones.
    pub fn labels_name_rules(&self) -> bool {
        self.rows()
            .flat_map(|row| std::iter::once(&row.respondents).chain(&row.cells))
            .any(|figure| figure.label() == Some("small_count"))
    }

    /// How many figures the methods note says `rule` hid, when it says so.
    pub fn suppressed_by(&self, rule: &str) -> Option<u64> {
        self.disclosure
            .suppressed
            .iter()
            .find(|count| count.rule == rule)
            .and_then(|count| count.figures)
    }

    fn rows(&self) -> impl Iterator<Item = &Row> {
        self.questions.iter().flat_map(|question| {
            question
                .overall
                .iter()
                .chain(question.breakdowns.iter().flat_map(|b| &b.groups))
        })
    }
}
