//! Calendar dates (`YYYY-MM-DD`), the only precision Candor ever stores or publishes.
//!
//! Pages carry dates; responses carry the day they were submitted and nothing finer, so that a
//! timestamp can never help to identify a respondent. The calendar itself (which days exist,
//! the day after, the day a Unix time falls on) is `jiff`'s; this type keeps Candor's rules in
//! one place: exactly `YYYY-MM-DD`, years 1 to 9999, no time of day.

use std::fmt;
use std::str::FromStr;

use jiff::tz::Offset;

/// A day in the proleptic Gregorian calendar, year 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{}` is not a date in the form YYYY-MM-DD, such as 2026-03-01", crate::escape::terminal(.0, 40))]
pub struct DateError(String);

/// The first and last days a [`Date`] can name; arithmetic past them stops there.
const FIRST: Date = Date(jiff::civil::Date::constant(1, 1, 1));
const LAST: Date = Date(jiff::civil::Date::constant(9999, 12, 31));

impl Date {
    /// A date from its parts, when they name a real day.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let year = i16::try_from(year).ok().filter(|year| *year >= 1)?;
        let month = i8::try_from(month).ok()?;
        let day = i8::try_from(day).ok()?;
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// Today in UTC.
    pub fn today() -> Date {
        Date::of_timestamp(jiff::Timestamp::now())
    }

    /// The UTC day containing Unix time `seconds` (the last day Candor knows, past year 9999).
    pub fn of_unix_seconds(seconds: u64) -> Date {
        i64::try_from(seconds)
            .ok()
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .map_or(LAST, Date::of_timestamp)
    }

    fn of_timestamp(timestamp: jiff::Timestamp) -> Date {
        let day = Offset::UTC.to_datetime(timestamp).date();
        // Timestamps before year 1 exist only for clocks set absurdly wrong.
        Date(day).max(FIRST)
    }

    /// The day `days` days later (the last day Candor knows, past year 9999).
    pub fn plus_days(self, days: u32) -> Date {
        jiff::Span::new()
            .try_days(i64::from(days))
            .and_then(|span| self.0.checked_add(span))
            .map_or(LAST, Date)
    }

    /// The day after (itself, on the last day Candor knows).
    pub fn tomorrow(self) -> Date {
        self.plus_days(1)
    }

    /// The day before (itself, on 0001-01-01).
    pub fn yesterday(self) -> Date {
        if self == FIRST {
            return self;
        }
        self.0.yesterday().map_or(self, Date)
    }

    pub fn year(self) -> i32 {
        i32::from(self.0.year())
    }

    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    /// `YYYY-MM`, the precision at which collected data is described.
    pub fn month_string(self) -> String {
        format!("{:04}-{:02}", self.0.year(), self.0.month())
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Exactly `YYYY-MM-DD`: jiff's own parser also takes other ISO 8601 shapes (`20260301`,
    /// `+002026-03-01`), which Candor refuses; and this runs for every page and every response,
    /// so the digits are read here and jiff only says whether the day exists.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let invalid = || DateError(text.to_owned());
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| {
            bytes[range]
                .iter()
                .fold(0u16, |value, digit| value * 10 + u16::from(digit - b'0'))
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        u8::try_from(month)
            .ok()
            .zip(u8::try_from(day).ok())
            .and_then(|(month, day)| Date::new(i32::from(year), month, day))
            .ok_or_else(invalid)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // jiff prints years 1 to 9999 with four digits: `YYYY-MM-DD`.
        fmt::Display::fmt(&self.0, f)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(
            "2024-02-29".parse::<Date>().unwrap().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            "0001-01-01".parse::<Date>().unwrap().to_string(),
            "0001-01-01"
        );
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "0000-01-01",
            "2026-1-01",
            "26-01-01",
            "20260101",
            "+002026-01-01",
            "2026-01-01T00:00",
            "２０２６-01-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert_eq!(
            "2026-3-1".parse::<Date>().unwrap_err().to_string(),
            "`2026-3-1` is not a date in the form YYYY-MM-DD, such as 2026-03-01"
        );
    }

    #[test]
    fn days_of_unix_time() {
        assert_eq!(Date::of_unix_seconds(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::of_unix_seconds(20_513 * 86_400 + 86_399).to_string(),
            "2026-03-01"
        );
        assert_eq!(Date::of_unix_seconds(u64::MAX), LAST);
    }

    #[test]
    fn neighbouring_days() {
        let day = |text: &str| text.parse::<Date>().unwrap();
        assert_eq!(day("2024-02-28").tomorrow(), day("2024-02-29"));
        assert_eq!(day("2024-03-01").yesterday(), day("2024-02-29"));
        assert_eq!(day("2026-12-01").plus_days(90), day("2027-03-01"));
        assert_eq!(LAST.tomorrow(), LAST);
        assert_eq!(FIRST.yesterday(), FIRST);
        assert_eq!(day("9999-12-01").plus_days(u32::MAX), LAST);
    }
}
