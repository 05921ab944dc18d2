//! What a signature says about the release it signs: the trusted comment.
//!
//! minisign signs the trusted comment together with the signature, so anything written here is
//! as trustworthy as the files themselves. Candor records the facts a verifier needs to refuse
//! a replayed or frozen old release, in one line of space-separated `key=value` fields:
//!
//! ```text
//! candor-release format=1 base_url=https://example.org/ release=42 built=2026-11-28T17:00:00Z files=123 valid_until=2027-02-26
//! ```
//!
//! - `format`: this layout's version; a verifier refuses a format it does not know.
//! - `base_url`: where the site is published (printable ASCII, no spaces).
//! - `release`: a number that only ever grows: the commit count of the site's git history
//!   (reproducible), or, outside git, the build time in Unix seconds.
//! - `built`: the build time in UTC, from `SOURCE_DATE_EPOCH` when set (reproducible builds).
//! - `files`: how many files `SHA256SUMS` lists.
//! - `valid_until` (optional, from `signing.valid_for_days`): the last UTC day on which the
//!   release may be accepted, so a mirror cannot keep serving it forever.
//! - `dirty=1` (optional): the files that feed the site had uncommitted changes, so the release
//!   number names a commit that does not hold them. A build signs such a tree with a release key
//!   only when told to (`--allow-dirty`).
//!
//! The line never has leading or trailing whitespace: stock minisign and the minisign crate
//! disagree about such whitespace, and a disagreement would break verification.

use std::path::Path;

use anyhow::bail;

use super::git;
use crate::config::CONFIG_FILE;
use crate::date::Date;
use crate::escape;
use crate::site_layout::SOURCE_DIRS;

/// The fixed first word of every Candor trusted comment.
const MAGIC: &str = "candor-release";
/// The trusted-comment layout this version writes and reads.
const FORMAT: u32 = 1;
/// Far below minisign's 8 KiB limit on trusted comments.
const MAX_COMMENT_BYTES: usize = 1024;
const SECONDS_PER_DAY: u64 = 86_400;
/// How many uncommitted files an error names before it says how many more there are.
const UNCOMMITTED_SHOWN: usize = 5;

/// Whether `line` of a signature file is the trusted comment of a Candor release.
pub(crate) fn is_trusted_comment_line(line: &str) -> bool {
    line.strip_prefix("trusted comment: ")
        .is_some_and(|comment| comment.split(' ').next() == Some(MAGIC))
}

/// The signed facts about one release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseInfo {
    pub base_url: String,
    pub release: u64,
    /// Build time, Unix seconds (UTC).
    pub built: u64,
    pub files: usize,
    pub valid_until: Option<Date>,
    /// Signed from a working tree whose site files differ from the commit `release` counts.
    pub dirty: bool,
}

impl ReleaseInfo {
    /// The trusted comment line, or why these facts cannot be written into one.
    pub(crate) fn to_trusted_comment(&self) -> anyhow::Result<String> {
        if self.base_url.is_empty() || !self.base_url.bytes().all(|b| b.is_ascii_graphic()) {
            bail!(
                "base_url {:?} cannot go into the signature: it must be printable ASCII without spaces\n  hint: percent-encode spaces and non-ASCII characters (e.g. punycode for the host)",
                self.base_url
            );
        }
        let mut line = format!(
            "{MAGIC} format={FORMAT} base_url={} release={} built={} files={}",
            self.base_url,
            self.release,
            format_timestamp(self.built),
            self.files
        );
        if let Some(valid_until) = self.valid_until {
            line.push_str(&format!(" valid_until={valid_until}"));
        }
        if self.dirty {
            line.push_str(" dirty=1");
        }
        if line.len() > MAX_COMMENT_BYTES {
            bail!(
                "the signature's trusted comment would be {} bytes; base_url is too long",
                line.len()
            );
        }
        Ok(line)
    }

    /// Reads a trusted comment written by [`ReleaseInfo::to_trusted_comment`].
    pub(crate) fn parse(comment: &str) -> Result<ReleaseInfo, String> {
        // Candor writes printable text only; the messages below may quote the comment.
        if comment.chars().any(char::is_control) {
            return Err(format!(
                "the trusted comment \"{}\" has control characters, which Candor never writes",
                crate::escape::terminal(comment, 200)
            ));
        }
        let mut words = comment.split(' ');
        if words.next() != Some(MAGIC) {
            return Err(format!(
                "the trusted comment {:?} is not a Candor release description",
                comment.escape_debug().to_string()
            ));
        }
        let mut fields = std::collections::BTreeMap::new();
        for word in words {
            let (key, value) = word
                .split_once('=')
                .ok_or_else(|| format!("trusted comment field {word:?} is not key=value"))?;
            if fields.insert(key, value).is_some() {
                return Err(format!("trusted comment field `{key}` appears twice"));
            }
        }
        let mut take = |key: &str| {
            fields
                .remove(key)
                .ok_or_else(|| format!("the trusted comment has no `{key}` field"))
        };
        let format = take("format")?;
        if format != FORMAT.to_string() {
            return Err(format!(
                "the trusted comment uses format {format}, which this candor does not know; update candor"
            ));
        }
        let number = |key: &str, value: &str| {
            value
                .parse::<u64>()
                .map_err(|_| format!("trusted comment field `{key}={value}` is not a number"))
        };
        let base_url = take("base_url")?.to_owned();
        let release = number("release", take("release")?)?;
        let built_text = take("built")?;
        let built = parse_timestamp(built_text).ok_or_else(|| {
            format!("trusted comment field `built={built_text}` is not a UTC time")
        })?;
        let files = number("files", take("files")?)? as usize;
        let valid_until = match fields.remove("valid_until") {
            Some(text) => Some(
                text.parse::<Date>()
                    .map_err(|e| format!("valid_until: {e}"))?,
            ),
            None => None,
        };
        let dirty = match fields.remove("dirty") {
            None => false,
            Some("1") => true,
            Some(other) => {
                return Err(format!(
                    "trusted comment field `dirty={other}` is not `dirty=1`"
                ));
            }
        };
        if let Some(unknown) = fields.keys().next() {
            return Err(format!(
                "the trusted comment has an unknown field `{unknown}`"
            ));
        }
        Ok(ReleaseInfo {
            base_url,
            release,
            built,
            files,
            valid_until,
            dirty,
        })
    }

    /// Whether the release may no longer be accepted on the UTC day containing `now`.
    pub(crate) fn is_expired(&self, now: u64) -> bool {
        self.valid_until
            .is_some_and(|last_day| day_of(now) > last_day)
    }
}

/// The last day a release built at `built` may be accepted, `days` days later.
pub(crate) fn valid_until(built: u64, days: u32) -> Date {
    Date::from_unix_days(day_of(built).unix_days() + i64::from(days))
}

/// The UTC day containing Unix time `seconds`.
pub(crate) fn day_of(seconds: u64) -> Date {
    Date::from_unix_days((seconds / SECONDS_PER_DAY) as i64)
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn format_timestamp(seconds: u64) -> String {
    let of_day = seconds % SECONDS_PER_DAY;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day_of(seconds),
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

fn parse_timestamp(text: &str) -> Option<u64> {
    let (date, time) = text.split_once('T')?;
    let days = u64::try_from(date.parse::<Date>().ok()?.unix_days()).ok()?;
    let time = time.strip_suffix('Z')?;
    let parts: Vec<u64> = time
        .split(':')
        .map(|part| (part.len() == 2).then(|| part.parse().ok()).flatten())
        .collect::<Option<_>>()?;
    let [hours, minutes, seconds] = parts[..] else {
        return None;
    };
    (hours < 24 && minutes < 60 && seconds < 60)
        .then_some(days * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds)
}

/// Where a build's release number comes from.
#[derive(Debug)]
pub(crate) struct ReleaseSource {
    /// The git commit count, or the build time outside git.
    pub number: u64,
    /// Files that feed the site and differ from the commit `number` counts (as `git status`
    /// names them); always empty outside git.
    pub uncommitted: Vec<String>,
}

/// The release number of a build of the site at `root`: its git commit count, or the build
/// time outside git; and which of the site's files are not committed. A shallow clone is
/// refused: its count is too small, and verifiers that saw a full count would reject every
/// later release as a rollback.
pub(crate) fn release_source(root: &Path, built: u64) -> anyhow::Result<ReleaseSource> {
    if !git::is_work_tree(root) {
        return Ok(ReleaseSource {
            number: built,
            uncommitted: Vec::new(),
        });
    }
    if git::answer(root, &["rev-parse", "--is-shallow-repository"]).as_deref() == Some("true") {
        bail!(
            "{} is a shallow git clone, so its commit count (the release number) is too small and verifiers would reject the release as a rollback\n  hint: fetch the whole history with `git fetch --unshallow` (in CI: a checkout with full depth)",
            root.display()
        );
    }
    // A repository without commits has release 0, which the first commit then exceeds.
    let count = git::answer(root, &["rev-list", "--count", "HEAD"]);
    let mut sources = vec![CONFIG_FILE];
    sources.extend(SOURCE_DIRS);
    let Some(uncommitted) = git::uncommitted(root, &sources) else {
        bail!(
            "cannot ask git whether the files of {} have uncommitted changes\n  hint: run `git status` there to see what is wrong",
            root.display()
        );
    };
    Ok(ReleaseSource {
        number: count.and_then(|count| count.parse().ok()).unwrap_or(0),
        uncommitted,
    })
}

/// Why a release key does not sign uncommitted files without `--allow-dirty`.
pub(crate) fn uncommitted_error(source: &ReleaseSource) -> anyhow::Error {
    let files = &source.uncommitted;
    let mut named: Vec<String> = files
        .iter()
        .take(UNCOMMITTED_SHOWN)
        .map(|file| escape::terminal(file, 200))
        .collect();
    if files.len() > UNCOMMITTED_SHOWN {
        named.push(format!("and {} more", files.len() - UNCOMMITTED_SHOWN));
    }
    anyhow::anyhow!(
        "the site has uncommitted changes ({}), so signing it as release {} would give that number to files no commit holds\n  hint: commit the changes and build again, or pass --allow-dirty to sign them anyway (the signature then says dirty=1)",
        named.join(", "),
        source.number
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ReleaseInfo {
        ReleaseInfo {
            base_url: "https://example.org/hub/".into(),
            release: 42,
            built: 1_795_885_200, // 2026-11-28T17:00:00Z
            files: 123,
            valid_until: Some("2027-02-26".parse().unwrap()),
            dirty: false,
        }
    }

    #[test]
    fn trusted_comment_has_the_documented_shape_and_round_trips() {
        let line = sample().to_trusted_comment().unwrap();
        assert_eq!(
            line,
            "candor-release format=1 base_url=https://example.org/hub/ release=42 built=2026-11-28T17:00:00Z files=123 valid_until=2027-02-26"
        );
        assert_eq!(line.trim(), line);
        assert_eq!(ReleaseInfo::parse(&line).unwrap(), sample());
        let without = ReleaseInfo {
            valid_until: None,
            ..sample()
        };
        let line = without.to_trusted_comment().unwrap();
        assert_eq!(ReleaseInfo::parse(&line).unwrap(), without);
        let dirty = ReleaseInfo {
            dirty: true,
            ..sample()
        };
        let line = dirty.to_trusted_comment().unwrap();
        assert!(line.ends_with(" valid_until=2027-02-26 dirty=1"), "{line}");
        assert_eq!(ReleaseInfo::parse(&line).unwrap(), dirty);
    }

    #[test]
    fn base_url_with_space_is_refused() {
        let info = ReleaseInfo {
            base_url: "https://example.org/a b/".into(),
            ..sample()
        };
        assert!(info.to_trusted_comment().is_err());
    }

    #[test]
    fn foreign_or_broken_comments_are_rejected() {
        for bad in [
            "timestamp:1700000000",
            "candor-release format=2 base_url=/ release=1 built=2026-11-28T17:00:00Z files=1",
            "candor-release format=1 base_url=/ release=x built=2026-11-28T17:00:00Z files=1",
            "candor-release format=1 base_url=/ release=1 built=2026-11-28 files=1",
            "candor-release format=1 base_url=/ release=1 release=2 built=2026-11-28T17:00:00Z files=1",
            "candor-release format=1 base_url=/ release=1 built=2026-11-28T17:00:00Z files=1 extra=1",
            "candor-release format=1 base_url=/ built=2026-11-28T17:00:00Z files=1",
            "candor-release format=1 base_url=/ release=1 built=2026-11-28T17:00:00Z files=1 dirty=0",
        ] {
            assert!(ReleaseInfo::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn expiry_is_after_the_last_valid_day() {
        let info = sample();
        let last_day = "2027-02-26".parse::<Date>().unwrap().unix_days() as u64 * SECONDS_PER_DAY;
        assert!(!info.is_expired(last_day + SECONDS_PER_DAY - 1));
        assert!(info.is_expired(last_day + SECONDS_PER_DAY));
        assert_eq!(valid_until(info.built, 90).to_string(), "2027-02-26");
    }

    #[test]
    fn release_number_outside_git_is_the_build_time() {
        let dir = tempfile::tempdir().unwrap();
        let source = release_source(dir.path(), 1234).unwrap();
        assert_eq!(source.number, 1234);
        assert!(source.uncommitted.is_empty());
    }

    #[test]
    fn an_error_about_uncommitted_files_names_a_few() {
        let source = ReleaseSource {
            number: 7,
            uncommitted: (1..=7).map(|n| format!("content/{n}.md")).collect(),
        };
        assert_eq!(
            uncommitted_error(&source).to_string(),
            "the site has uncommitted changes (content/1.md, content/2.md, content/3.md, content/4.md, content/5.md, and 2 more), so signing it as release 7 would give that number to files no commit holds\n  hint: commit the changes and build again, or pass --allow-dirty to sign them anyway (the signature then says dirty=1)"
        );
    }
}
