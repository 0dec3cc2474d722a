//! Calendar dates as profiles write them: full dates (`2015-02-02`) and dates
//! known only to the month or year (`2012-12`, `2012`), as data sources often are.
//!
//! Both parse and check the calendar through `jiff`, serialize back to the
//! same text, and order chronologically. Whether a date lies in the future is
//! not their business: that needs a clock, and the validator is given today.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not shaped like `YYYY-MM-DD` (or `YYYY-MM`, `YYYY` where allowed).
    #[error("`{0}` is not a date in the form {1}")]
    Shape(String, &'static str),
    /// The text is shaped like a date but no such day exists.
    #[error("`{0}` is not a real calendar date")]
    Calendar(String),
}

/// A full calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// Builds a date, checking the calendar.
    pub fn new(year: i16, month: i8, day: i8) -> Result<Self, DateError> {
        jiff::civil::Date::new(year, month, day)
            .map(Date)
            .map_err(|_| DateError::Calendar(format!("{year:04}-{month:02}-{day:02}")))
    }

    /// Today's date in UTC, from the system clock. Only the command line
    /// calls this; pure stages are handed the date.
    pub fn today() -> Self {
        Date::from_unix_days(jiff::Timestamp::now().as_second().div_euclid(86_400))
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> i8 {
        self.0.month()
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// The same day `years` years earlier (29 February → 28 February),
    /// saturating at the start of the supported range.
    pub fn years_before(self, years: u16) -> Self {
        jiff::Span::new()
            .try_years(i64::from(years))
            .ok()
            .and_then(|span| self.0.checked_sub(span).ok())
            .map_or(Date(jiff::civil::Date::MIN), Date)
    }

    /// Days from the Unix epoch (1970-01-01) to this date (negative before).
    pub fn unix_days(self) -> i64 {
        let epoch = jiff::civil::date(1970, 1, 1);
        self.0
            .since(epoch)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// The date `days` days after the Unix epoch (1970-01-01), saturating at
    /// the ends of the supported range.
    pub fn from_unix_days(days: i64) -> Self {
        let epoch = jiff::civil::date(1970, 1, 1);
        let span = jiff::Span::new().days(days.clamp(-2_000_000, 2_000_000));
        Date(epoch.checked_add(span).unwrap_or(epoch))
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let parts =
            split_numeric(text, 3).ok_or_else(|| DateError::Shape(text.into(), "YYYY-MM-DD"))?;
        Date::new(parts[0], parts[1] as i8, parts[2] as i8)
            .map_err(|_| DateError::Calendar(text.into()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

impl PartialDate {
    /// The year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The month, where known.
    pub fn month(self) -> Option<i8> {
        self.month
    }

    /// The day, where known.
    pub fn day(self) -> Option<i8> {
        self.day
    }

    /// The first day the date can mean (`2012-12` → 2012-12-01), for
    /// comparisons with full dates.
    pub fn earliest(self) -> Date {
        // The fields were checked against the calendar when parsed.
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(Date(jiff::civil::date(self.year, 1, 1)))
    }
}

impl PartialDate {
    /// The last day the date can mean (`2012-12` → 2012-12-31, `2012` →
    /// 2012-12-31), for judging whether all of it lies before a day.
    pub fn latest(self) -> Date {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| {
            jiff::civil::Date::new(self.year, month, 1).map_or(28, |first| first.days_in_month())
        });
        Date::new(self.year, month, day).unwrap_or_else(|_| self.earliest())
    }

    /// The same date to the month at most (`2015-02-02` → `2015-02`), as
    /// documents give the age of a statement.
    pub fn to_month(self) -> PartialDate {
        PartialDate { day: None, ..self }
    }
}

impl From<Date> for PartialDate {
    fn from(date: Date) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        const SHAPE: &str = "YYYY, YYYY-MM or YYYY-MM-DD";
        let shape = || DateError::Shape(text.into(), SHAPE);
        let count = text.split('-').count();
        if !(1..=3).contains(&count) {
            return Err(shape());
        }
        let parts = split_numeric(text, count).ok_or_else(shape)?;
        let month = parts.get(1).map(|&m| m as i8);
        let day = parts.get(2).map(|&d| d as i8);
        Date::new(parts[0], month.unwrap_or(1), day.unwrap_or(1))
            .map_err(|_| DateError::Calendar(text.into()))?;
        Ok(PartialDate {
            year: parts[0],
            month,
            day,
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

/// Splits `YYYY-MM-DD`-shaped text into `count` numbers: a four-digit year,
/// then two-digit fields. `None` when the shape is wrong.
fn split_numeric(text: &str, count: usize) -> Option<Vec<i16>> {
    let fields: Vec<&str> = text.split('-').collect();
    if fields.len() != count {
        return None;
    }
    fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let width = if i == 0 { 4 } else { 2 };
            (field.len() == width && field.bytes().all(|b| b.is_ascii_digit()))
                .then(|| field.parse().ok())
                .flatten()
        })
        .collect()
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// A bare year is written as a number in YAML (`as_of: 2012`).
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = PartialDate;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2012, 2012-12 or 2012-12-31")
            }

            fn visit_u64<E: de::Error>(self, year: u64) -> Result<PartialDate, E> {
                self.visit_str(&year.to_string())
            }

            fn visit_i64<E: de::Error>(self, year: i64) -> Result<PartialDate, E> {
                self.visit_str(&year.to_string())
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<PartialDate, E> {
                text.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$"
        })
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date known to the year (2012), the month (2012-12) or the day (2012-12-31).",
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "minimum": 1000,
            "maximum": 9999
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_count_from_1970_and_back_again() {
        for (text, days) in [
            ("1970-01-01", 0),
            ("2015-02-02", 16_468),
            ("2000-03-01", 11_017),
            ("1969-12-31", -1),
        ] {
            let date: Date = text.parse().unwrap();
            assert_eq!(date.unix_days(), days, "{text}");
            assert_eq!(Date::from_unix_days(days), date, "{text}");
        }
    }

    #[test]
    fn full_dates_check_the_calendar() {
        assert_eq!(
            "2015-02-02".parse::<Date>().map(|d| d.to_string()),
            Ok("2015-02-02".into())
        );
        assert!(matches!(
            "2015-02-30".parse::<Date>(),
            Err(DateError::Calendar(_))
        ));
        assert!(matches!(
            "2015-13-01".parse::<Date>(),
            Err(DateError::Calendar(_))
        ));
        assert!(matches!(
            "2015-2-2".parse::<Date>(),
            Err(DateError::Shape(..))
        ));
        assert!(matches!(
            "2 February 2015".parse::<Date>(),
            Err(DateError::Shape(..))
        ));
        assert!("2016-02-29".parse::<Date>().is_ok());
        assert!("2015-02-29".parse::<Date>().is_err());
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        for text in ["2012", "2012-12", "2012-12-31"] {
            assert_eq!(
                text.parse::<PartialDate>().map(|d| d.to_string()),
                Ok(text.into())
            );
        }
        assert!("2012-13".parse::<PartialDate>().is_err());
        assert!("12-2012".parse::<PartialDate>().is_err());
        assert!("2012-12-31-1".parse::<PartialDate>().is_err());
        assert_eq!(
            "2012-12".parse::<PartialDate>().map(PartialDate::earliest),
            "2012-12-01".parse::<Date>()
        );
    }

    #[test]
    fn partial_dates_order_chronologically() {
        let a: PartialDate = "2012".parse().unwrap();
        let b: PartialDate = "2012-03".parse().unwrap();
        let c: PartialDate = "2013-01".parse().unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn partial_dates_span_from_their_earliest_to_their_latest_day() {
        let day = |t: &str| t.parse::<Date>().unwrap();
        let partial = |t: &str| t.parse::<PartialDate>().unwrap();
        assert_eq!(partial("2012").latest(), day("2012-12-31"));
        assert_eq!(partial("2016-02").latest(), day("2016-02-29"));
        assert_eq!(partial("2015-02").latest(), day("2015-02-28"));
        assert_eq!(partial("2015-02-02").latest(), day("2015-02-02"));
        assert_eq!(partial("2015-02-02").to_month(), partial("2015-02"));
        assert_eq!(partial("2015").to_month(), partial("2015"));
    }

    #[test]
    fn years_before_keeps_the_day_where_it_exists() {
        let day = |t: &str| t.parse::<Date>().unwrap();
        assert_eq!(day("2026-11-23").years_before(5), day("2021-11-23"));
        assert_eq!(day("2024-02-29").years_before(1), day("2023-02-28"));
        assert!(day("2024-02-29").years_before(u16::MAX) < day("0001-01-01"));
    }

    #[test]
    fn unix_days_map_to_civil_dates() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(16_468).to_string(), "2015-02-02");
    }
}
