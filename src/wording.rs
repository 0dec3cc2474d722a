//! Shared wording helpers: how numbers, dates and lists read in English.
//!
//! | owns | must not |
//! | --- | --- |
//! | month names, dates in words, figures grouped by thousands, decimals, "a, b and c", plurals, sentence case | know profiles, catalogues or templates; read any file, clock or environment |
//!
//! Every stage that writes words for people (the document view, the diff,
//! the site, the diagnostics' summary) takes them from here, so a date or a
//! list reads the same wherever it is printed, and the next language has
//! one place to start from.

use crate::model::{Date, PartialDate};

/// The English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of month `month` (1–12); empty outside that range.
pub fn month_name(month: i8) -> &'static str {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

/// `2015-02-02` → `2 February 2015`.
pub fn date_text(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// `2015-02-02` → `2nd February 2015`, as the ITU writes its update dates.
pub fn ordinal_date_text(date: Date) -> String {
    let day = date.day();
    let suffix = match (day % 10, day) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix} {} {}", month_name(date.month()), date.year())
}

/// `2012-12` → `December 2012`; `2012` → `2012`; `2012-12-31` → `31 December 2012`.
pub fn partial_date_text(date: PartialDate) -> String {
    match (date.month(), date.day()) {
        (Some(month), Some(day)) => format!("{day} {} {}", month_name(month), date.year()),
        (Some(month), None) => format!("{} {}", month_name(month), date.year()),
        _ => date.year().to_string(),
    }
}

/// "CYBERWELLNESS PROFILE" → "Cyberwellness Profile": a printed title as
/// running text and citations name it.
pub fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| {
                    c.to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `10788000` → `10 788 000`, as the ITU prints figures.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

/// `value` rounded to `places` decimals, never `-0`.
pub fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    let rounded = (value * factor).round() / factor;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A number with at most two decimals and no trailing zeros: `82.17`, `85`.
pub fn decimal(value: f64) -> String {
    let text = format!("{:.2}", round(value, 2));
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A number with exactly two decimals: `96.25`, `20.00`, as score tables print them.
pub fn two_decimals(value: f64) -> String {
    format!("{:.2}", round(value, 2))
}

/// `+1.5`, `-2`, `0`: a change, signed.
pub fn signed_decimal(value: f64) -> String {
    let text = decimal(value);
    if text.starts_with('-') || text == "0" {
        text
    } else {
        format!("+{text}")
    }
}

/// `["A", "B", "C"]` → `A, B and C`.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// `s` unless there is exactly one.
pub fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `1 country`, `2 countries`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Words printed in capitals that stay in capitals in sentence case.
const ACRONYMS: [&str; 8] = ["CIRT", "CERT", "CSIRT", "UN", "ITU", "ICT", "GCI", "CIS"];

/// `LEGAL MEASURES` → `Legal measures`, keeping acronyms (`CIRT`, `UN`).
pub fn sentence_case(heading: &str) -> String {
    heading
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            if ACRONYMS.contains(&word) {
                word.to_owned()
            } else if i == 0 {
                let lower = word.to_lowercase();
                let mut chars = lower.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A stable anchor for a heading: `1.2.1 CIRT` → `1-2-1-cirt`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn figures_are_grouped_by_thousands_with_spaces() {
        assert_eq!(group_thousands(10_788_000), "10 788 000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1 000");
        assert_eq!(group_thousands(1), "1");
    }

    #[test]
    fn dates_read_the_itu_way() {
        assert_eq!(ordinal_date_text(date("2015-02-02")), "2nd February 2015");
        assert_eq!(ordinal_date_text(date("2015-02-01")), "1st February 2015");
        assert_eq!(ordinal_date_text(date("2015-02-11")), "11th February 2015");
        assert_eq!(ordinal_date_text(date("2015-02-23")), "23rd February 2015");
        assert_eq!(ordinal_date_text(date("2015-02-13")), "13th February 2015");
        assert_eq!(date_text(date("2015-02-02")), "2 February 2015");
        let partial = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(partial_date_text(partial("2012-12")), "December 2012");
        assert_eq!(partial_date_text(partial("2012")), "2012");
        assert_eq!(partial_date_text(partial("2018-07-30")), "30 July 2018");
    }

    #[test]
    fn month_names_outside_the_year_are_empty() {
        assert_eq!(month_name(1), "January");
        assert_eq!(month_name(12), "December");
        assert_eq!(month_name(0), "");
        assert_eq!(month_name(13), "");
        assert_eq!(month_name(-1), "");
    }

    #[test]
    fn lists_join_with_and() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "country", "countries"), "1 country");
        assert_eq!(count(0, "country", "countries"), "0 countries");
        assert_eq!(count(196, "country", "countries"), "196 countries");
        assert_eq!(plural_s(1), "");
        assert_eq!(plural_s(2), "s");
    }

    #[test]
    fn decimals_drop_trailing_zeros_and_never_read_minus_zero() {
        assert_eq!(decimal(82.170), "82.17");
        assert_eq!(decimal(85.0), "85");
        assert_eq!(decimal(-0.001), "0");
        assert_eq!(signed_decimal(1.5), "+1.5");
        assert_eq!(signed_decimal(-2.0), "-2");
        assert_eq!(signed_decimal(0.0), "0");
        assert_eq!(two_decimals(96.2499999), "96.25");
        assert_eq!(two_decimals(20.0), "20.00");
    }

    #[test]
    fn headings_read_in_sentence_case_with_acronyms_kept() {
        assert_eq!(sentence_case("LEGAL MEASURES"), "Legal measures");
        assert_eq!(sentence_case("CIRT"), "CIRT");
        assert_eq!(
            sentence_case("UN CONVENTION AND PROTOCOL"),
            "UN convention and protocol"
        );
        assert_eq!(
            sentence_case("INTRA-STATE COOPERATION"),
            "Intra-state cooperation"
        );
    }

    #[test]
    fn slugs_are_stable_and_readable() {
        assert_eq!(slug("1.2.1 CIRT"), "1-2-1-cirt");
        assert_eq!(slug("1. CYBERSECURITY"), "1-cybersecurity");
        assert_eq!(
            slug("2.2 UN CONVENTION AND PROTOCOL"),
            "2-2-un-convention-and-protocol"
        );
        assert_eq!(slug("Côte d’Ivoire"), "côte-d-ivoire");
    }
}
