//! The background block: total population and Internet users, each with its
//! data source and date, in one column or two, in either order.

use regex::Regex;

use super::dates::partial_date;
use super::text::Line;
use crate::model::{InternetUsers, PartialDate, Population};

/// A figure found in the text, and where.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Found<T> {
    value: T,
    line: usize,
    column: usize,
}

/// A data source found in the text: `(data source: Publisher, December 2012)`.
#[derive(Debug, Clone, PartialEq)]
struct SourceFound {
    publisher: String,
    as_of: Option<PartialDate>,
    line: usize,
    column: usize,
}

/// A data source as read: who published the figure, and when if it says.
pub type DataSource = (String, Option<PartialDate>);

/// What the background block gives, each part on its own: the caller
/// reports what is missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Background {
    /// The population figure, with its source if one was found.
    pub population: Option<(u64, Option<DataSource>)>,
    /// The Internet users figure, with its source if one was found.
    pub internet_users: Option<(f64, Option<DataSource>)>,
    /// The index (in the lines read) of the line of each figure found.
    pub lines: (Option<usize>, Option<usize>),
}

impl Background {
    /// The population, when figure, source and date are all there.
    pub fn population(&self) -> Option<Population> {
        let (value, source) = self.population.as_ref()?;
        let (source, as_of) = source.as_ref()?;
        Some(Population {
            value: *value,
            source: source.clone(),
            as_of: (*as_of)?,
        })
    }

    /// The Internet users, when figure, source and date are all there.
    pub fn internet_users(&self) -> Option<InternetUsers> {
        let (percent, source) = self.internet_users.as_ref()?;
        let (source, as_of) = source.as_ref()?;
        Some(InternetUsers {
            percent: *percent,
            source: source.clone(),
            as_of: (*as_of)?,
        })
    }
}

/// Reads the background figures from `lines` (the part of the document
/// outside the indicators). The labels are the catalogue's.
pub fn read(
    lines: &[Line],
    population_label: &str,
    internet_label: &str,
    source_label: &str,
) -> Background {
    // Lines joined with `\n`, so that a label or a source may wrap, with the
    // start of each line kept to turn offsets back into line and column.
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(lines.len());
    for line in lines {
        starts.push(joined.len());
        joined.push_str(&line.text);
        joined.push('\n');
    }
    let position = |offset: usize| {
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let column = joined[starts.get(line).copied().unwrap_or(0)..offset]
            .chars()
            .count();
        (line, column)
    };

    let population_re = Regex::new(&format!(
        r"(?i){}\s*:?\s*(?P<value>\d{{1,3}}(?:[ ,.'’]\d{{3}})+|\d+(?:[.,]\d+)?\s*million|\d+)",
        flexible(population_label)
    ));
    let internet_re = Regex::new(&format!(
        r"(?i){}\s*:?\s*(?P<value>\d{{1,3}}(?:[.,]\d+)?)\s*%",
        flexible(internet_label)
    ));
    let source_re = Regex::new(&format!(
        r"(?i)\(\s*{}\s*:\s*(?P<body>[^()]*?)\s*\)",
        flexible(source_label)
    ));
    let (Ok(population_re), Ok(internet_re), Ok(source_re)) =
        (population_re, internet_re, source_re)
    else {
        return Background::default();
    };

    let population = population_re.captures(&joined).and_then(|c| {
        let m = c.name("value")?;
        let (line, column) = position(c.get(0)?.start());
        Some(Found {
            value: population_value(m.as_str())?,
            line,
            column,
        })
    });
    let internet = internet_re.captures(&joined).and_then(|c| {
        let m = c.name("value")?;
        let (line, column) = position(c.get(0)?.start());
        let value: f64 = m.as_str().replace(',', ".").parse().ok()?;
        (0.0..=100.0).contains(&value).then_some(Found {
            value,
            line,
            column,
        })
    });
    let sources: Vec<SourceFound> = source_re
        .captures_iter(&joined)
        .filter_map(|c| {
            let body = super::text::collapse(c.name("body")?.as_str());
            let (line, column) = position(c.get(0)?.start());
            let (publisher, as_of) = publisher_and_date(&body);
            Some(SourceFound {
                publisher,
                as_of,
                line,
                column,
            })
        })
        .collect();

    let (population_source, internet_source) = pair_sources(
        population.as_ref().map(|f| (f.line, f.column)),
        internet.as_ref().map(|f| (f.line, f.column)),
        &sources,
    );
    let take = |i: Option<usize>| {
        i.and_then(|i| sources.get(i))
            .map(|s| (s.publisher.clone(), s.as_of))
    };
    Background {
        population: population.map(|f| (f.value, take(population_source))),
        internet_users: internet.map(|f| (f.value, take(internet_source))),
        lines: (population.map(|f| f.line), internet.map(|f| f.line)),
    }
}

/// A data source's publisher and date: "ITU Statistics, December 2013",
/// and as real profiles also print it, "ITU Statistics 2013", "ITU
/// Statistics, December, 2013". The date is the longest run of the last
/// words (up to three: "2 February 2013") that reads as one and ends in its
/// year; the publisher is what comes before it.
fn publisher_and_date(body: &str) -> (String, Option<PartialDate>) {
    let words: Vec<&str> = body.split_whitespace().collect();
    let ends_in_year = |word: &str| {
        let word = word.trim_end_matches(['.', ',']);
        (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
            || (word.len() >= 7 && word.contains('-'))
    };
    if words.last().is_some_and(|w| ends_in_year(w)) {
        for k in (1..=3.min(words.len().saturating_sub(1))).rev() {
            let tail = words[words.len() - k..]
                .iter()
                .map(|w| w.trim_end_matches(','))
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(date) = partial_date(&tail) {
                let publisher = words[..words.len() - k]
                    .join(" ")
                    .trim_end_matches([',', ';', ' '])
                    .to_owned();
                if !publisher.is_empty() {
                    return (publisher, Some(date));
                }
            }
        }
    }
    (body.to_owned(), None)
}

/// A label as a pattern that allows any spacing and line breaks between
/// its words, and a missing comma.
fn flexible(label: &str) -> String {
    label
        .split_whitespace()
        .map(|word| {
            regex::escape(word.trim_end_matches(',')) + if word.ends_with(',') { ",?" } else { "" }
        })
        .collect::<Vec<_>>()
        .join(r"\s+")
}

fn population_value(text: &str) -> Option<u64> {
    let lower = text.to_lowercase();
    if let Some(number) = lower.strip_suffix("million") {
        let number: f64 = number.trim().replace(',', ".").parse().ok()?;
        let value = (number * 1_000_000.0).round();
        return (1.0..1e13).contains(&value).then_some(value as u64);
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|&v| v > 0)
}

/// Which source belongs to which figure. Side by side (two columns on one
/// line), a source belongs to the figure above it: the nearest column.
/// One above the other, a figure takes the first free source after it.
fn pair_sources(
    population: Option<(usize, usize)>,
    internet: Option<(usize, usize)>,
    sources: &[SourceFound],
) -> (Option<usize>, Option<usize>) {
    let at: Vec<(usize, usize)> = sources.iter().map(|s| (s.line, s.column)).collect();
    if let (Some(p), Some(i)) = (population, internet)
        && p.0 == i.0
        && at.len() >= 2
    {
        let nearest = |column: usize, avoid: Option<usize>| {
            (0..at.len())
                .filter(|&k| Some(k) != avoid && at[k].0 >= p.0)
                .min_by_key(|&k| (at[k].1.abs_diff(column), at[k]))
        };
        let by_column = (nearest(p.1, None), nearest(i.1, None));
        if by_column.0 != by_column.1 {
            return by_column;
        }
        // Both nearest the same source: the columns were not kept, so the
        // sources come in the order of the figures, left to right.
        let mut in_order: Vec<usize> = (0..at.len()).filter(|&k| at[k].0 >= p.0).collect();
        in_order.sort_by_key(|&k| at[k]);
        let (first, second) = (in_order.first().copied(), in_order.get(1).copied());
        return if p.1 <= i.1 {
            (first, second)
        } else {
            (second, first)
        };
    }
    // One above the other: each figure, in reading order, takes the nearest
    // free source below it (fewest lines down, then nearest column).
    let mut taken: Vec<usize> = Vec::new();
    let mut figures: Vec<(usize, (usize, usize))> = [population, internet]
        .into_iter()
        .enumerate()
        .filter_map(|(k, f)| f.map(|f| (k, f)))
        .collect();
    figures.sort_by_key(|&(_, f)| f);
    let mut out = [None, None];
    for (k, figure) in figures {
        let below = (0..at.len())
            .filter(|s| !taken.contains(s) && at[*s] >= figure)
            .min_by_key(|&s| (at[s].0 - figure.0, at[s].1.abs_diff(figure.1)));
        let choice = below.or_else(|| (0..at.len()).rev().find(|s| !taken.contains(s)));
        if let Some(s) = choice {
            taken.push(s);
            out[k] = Some(s);
        }
    }
    (out[0], out[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    const POP: &str = "Total Population";
    const NET: &str = "Internet users, percentage of population";
    const SRC: &str = "data source";

    fn read_text(text: &str) -> Background {
        read(&lines(text), POP, NET, SRC)
    }

    fn expect_belgium(background: &Background) {
        let population = background.population().expect("population");
        assert_eq!(population.value, 10_788_000);
        assert_eq!(population.source, "United Nations Statistics Division");
        assert_eq!(population.as_of.to_string(), "2012-12");
        let internet = background.internet_users().expect("internet users");
        assert_eq!(internet.percent, 82.17);
        assert_eq!(internet.source, "ITU Statistics");
        assert_eq!(internet.as_of.to_string(), "2013-12");
    }

    #[test]
    fn two_columns_side_by_side() {
        expect_belgium(&read_text(
            "Total Population:  10 788 000                     Internet users, percentage of population: 82.17%\n\
             (data source: United Nations Statistics Division, December 2012)      (data source: ITU Statistics, December 2013)",
        ));
    }

    #[test]
    fn two_columns_in_the_other_order() {
        expect_belgium(&read_text(
            "Internet users, percentage of population: 82.17%              Total Population:  10 788 000\n\
             (data source: ITU Statistics, December 2013)      (data source: United Nations Statistics Division, December 2012)",
        ));
    }

    #[test]
    fn two_columns_with_the_second_source_lower() {
        expect_belgium(&read_text(
            "Total Population: 10 788 000                                  Internet users, percentage of population: 82.17%\n\
             (data source: United Nations Statistics Division, December 2012)\n\
             \x20                                                             (data source: ITU Statistics, December 2013)",
        ));
    }

    #[test]
    fn two_columns_run_together() {
        expect_belgium(&read_text(
            "Total Population:  10 788 000 Internet users, percentage of population: 82.17%\n\
             (data source: United Nations Statistics Division, December 2012)(data source: ITU Statistics, December 2013)",
        ));
        expect_belgium(&read_text(
            "Internet users, percentage of population: 82.17% Total Population:  10 788 000\n\
             (data source: ITU Statistics, December 2013)(data source: United Nations Statistics Division, December 2012)",
        ));
    }

    #[test]
    fn one_column_each_source_under_its_figure() {
        expect_belgium(&read_text(
            "Internet users, percentage of\npopulation: 82.17%\n(data source: ITU Statistics,\nDecember 2013)\n\
             Total Population:\n10,788,000\n(data source: United Nations Statistics Division, December 2012)",
        ));
    }

    #[test]
    fn one_column_figures_first_then_sources() {
        expect_belgium(&read_text(
            "Total Population: 10 788 000\nInternet users, percentage of population: 82.17%\n\
             (data source: United Nations Statistics Division, December 2012)\n(data source: ITU Statistics, December 2013)",
        ));
    }

    #[test]
    fn missing_parts_stay_missing() {
        let background = read_text("Total Population: 10 788 000\n(data source: UNSD)");
        assert_eq!(
            background.population,
            Some((10_788_000, Some(("UNSD".into(), None))))
        );
        assert!(background.population().is_none(), "no date, no population");
        assert!(background.internet_users.is_none());
        assert_eq!(read_text("nothing here"), Background::default());
        let one = read_text(
            "Total Population: unknown                    Internet users, percentage of population: 82.17%\n\
             (data source: UNSD, December 2012)           (data source: ITU Statistics)",
        );
        assert_eq!(
            one.internet_users,
            Some((82.17, Some(("ITU Statistics".into(), None)))),
            "a lone figure takes the source under it, not the one to the left"
        );
    }

    #[test]
    fn data_sources_as_real_profiles_punctuate_them() {
        for (body, publisher, date) in [
            ("ITU Statistics, December 2013", "ITU Statistics", "2013-12"),
            ("ITU Statistics 2013", "ITU Statistics", "2013"),
            ("ITU Statistics, 2013", "ITU Statistics", "2013"),
            (
                "ITU Statistics, December, 2013",
                "ITU Statistics",
                "2013-12",
            ),
            ("ITU Statistics December 2013", "ITU Statistics", "2013-12"),
            ("UNSD, 2 February 2013", "UNSD", "2013-02-02"),
            ("UNSD, February 2, 2013", "UNSD", "2013-02-02"),
            ("UNSD 2013-12", "UNSD", "2013-12"),
        ] {
            let (p, d) = publisher_and_date(body);
            assert_eq!(
                (p.as_str(), d.map(|d| d.to_string())),
                (publisher, Some(date.to_owned())),
                "{body}"
            );
        }
        for body in ["ITU Statistics", "2013", "ITU Statistics, soon", ""] {
            assert_eq!(publisher_and_date(body).1, None, "{body}");
        }
        for text in [
            "Internet users, percentage of population: 82.17% (data source: ITU Statistics 2013)",
            "Internet users, percentage of population: 82.17% (data source: ITU Statistics, 2013 )",
            "Internet users, percentage of population: 82.17% (Data source: ITU Statistics, 2013)",
            "Internet users, percentage of population: 82.17% ( DATA SOURCE : ITU Statistics,\n2013)",
        ] {
            let internet = read_text(text).internet_users().expect(text);
            assert_eq!(
                (internet.source.as_str(), internet.as_of.to_string()),
                ("ITU Statistics", "2013".to_owned()),
                "{text}"
            );
        }
    }

    #[test]
    fn populations_in_millions_and_odd_percentages() {
        let background = read_text(
            "Total Population: 10.8 million (data source: X, 2012)\nInternet users, percentage of population: 82,17 % (data source: Y, 2013)",
        );
        assert_eq!(background.population().map(|p| p.value), Some(10_800_000));
        assert_eq!(background.internet_users().map(|i| i.percent), Some(82.17));
        assert!(
            read_text("Internet users, percentage of population: 182 %")
                .internet_users
                .is_none()
        );
    }
}
