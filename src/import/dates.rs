//! Dates as legacy documents print them: "2nd February 2015", "February 2,
//! 2015", "December 2012", "2012", "2015-02-02".

use crate::model::{Date, PartialDate};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(&word) && word.len() <= 4))
        .and_then(|i| i8::try_from(i + 1).ok())
}

fn day(word: &str) -> Option<i8> {
    let digits = word
        .trim_end_matches(',')
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word.trim_end_matches(',')[digits.len()..];
    if !matches!(
        suffix.to_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    ) {
        return None;
    }
    digits.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i16> {
    let word = word.trim_end_matches(['.', ',', ')']);
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// Reads a date known to the year, month or day from the start of `text`
/// (words after it are ignored). `None` if it is not a date.
pub fn partial_date(text: &str) -> Option<PartialDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(first) = words.first() {
        let iso = first.trim_end_matches(['.', ',', ')']);
        if iso.len() >= 7 && iso.contains('-') {
            return iso.parse().ok();
        }
    }
    let text = match words.as_slice() {
        [d, m, y, ..] if day(d).is_some() && month(m).is_some() && year(y).is_some() => {
            format!("{:04}-{:02}-{:02}", year(y)?, month(m)?, day(d)?)
        }
        [m, d, y, ..] if month(m).is_some() && day(d).is_some() && year(y).is_some() => {
            format!("{:04}-{:02}-{:02}", year(y)?, month(m)?, day(d)?)
        }
        [m, y, ..] if month(m).is_some() && year(y).is_some() => {
            format!("{:04}-{:02}", year(y)?, month(m)?)
        }
        [mm, y, ..] if mm.len() <= 2 && year(y).is_some() => {
            let m: i8 = mm.parse().ok().filter(|m| (1..=12).contains(m))?;
            format!("{:04}-{m:02}", year(y)?)
        }
        [y, ..] if year(y).is_some() => format!("{:04}", year(y)?),
        _ => return None,
    };
    text.parse().ok()
}

/// Reads a full date (day, month and year) from the start of `text`.
pub fn full_date(text: &str) -> Option<Date> {
    let partial = partial_date(text)?;
    Date::new(partial.year(), partial.month()?, partial.day()?).ok()
}

/// The date in words, as the document prints it: "2 February 2015".
pub fn in_words(date: Date) -> String {
    let month = MONTHS[(date.month() as usize).saturating_sub(1) % 12];
    let mut chars = month.chars();
    let month: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{} {month} {}", date.day(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<String> {
        partial_date(text).map(|d| d.to_string())
    }

    #[test]
    fn the_forms_of_legacy_documents_are_read() {
        assert_eq!(p("2nd February 2015").as_deref(), Some("2015-02-02"));
        assert_eq!(p("2 February 2015").as_deref(), Some("2015-02-02"));
        assert_eq!(
            p("21st  March 2014 and more").as_deref(),
            Some("2014-03-21")
        );
        assert_eq!(p("February 2, 2015").as_deref(), Some("2015-02-02"));
        assert_eq!(p("December 2012").as_deref(), Some("2012-12"));
        assert_eq!(p("Dec. 2012").as_deref(), Some("2012-12"));
        assert_eq!(p("12/2012").as_deref(), Some("2012-12"));
        assert_eq!(p("2012").as_deref(), Some("2012"));
        assert_eq!(p("2015-02-02").as_deref(), Some("2015-02-02"));
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for text in [
            "",
            "soon",
            "31st February 2015",
            "13/2012",
            "Maybe 2015",
            "2nd Febtober 2015",
        ] {
            assert_eq!(p(text), None, "{text}");
        }
        assert_eq!(full_date("December 2012"), None);
    }

    #[test]
    fn dates_are_written_in_words() {
        assert_eq!(in_words(Date::new(2015, 2, 2).unwrap()), "2 February 2015");
    }
}
