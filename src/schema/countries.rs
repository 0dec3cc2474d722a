//! The ISO 3166-1 country table (`schema/countries.tsv`, embedded): codes and
//! the names a country goes by, for checking codes and for finding a country
//! from the name a document prints.
//!
//! Names come from two files: Debian's ISO table, and a short hand-made list
//! of other spellings (`schema/country-names.tsv`: former names, the UN's and
//! the ITU's short forms). [`country_by_name`] matches loosely — case,
//! accents, apostrophes, a leading "The" and the inverted ISO forms ("Korea,
//! Republic of") do not matter — because legacy documents print names in
//! many ways, and a near miss should still find the country.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One country of ISO 3166-1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Alpha-2 code, `BE`.
    pub alpha2: &'static str,
    /// Alpha-3 code, `BEL`.
    pub alpha3: &'static str,
    /// The ISO short name first, then other names (official, common, and
    /// the spellings of `country-names.tsv`).
    pub names: Vec<&'static str>,
}

impl Country {
    /// The ISO short name.
    pub fn name(&self) -> &'static str {
        self.names.first().copied().unwrap_or(self.alpha2)
    }

    /// The name in reading order, as a document prints it in running text:
    /// the ISO short name, turned around where ISO inverts it ("Korea,
    /// Republic of" → "Republic of Korea", "Congo, The Democratic Republic
    /// of the" → "The Democratic Republic of the Congo").
    pub fn reading_name(&self) -> String {
        let name = self.name();
        match name.split_once(", ") {
            Some((head, tail)) => format!("{tail} {head}"),
            None => name.to_owned(),
        }
    }
}

const TABLE: &str = include_str!("../../schema/countries.tsv");
const MORE_NAMES: &str = include_str!("../../schema/country-names.tsv");

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').collect())
}

/// Every country, ordered by alpha-2 code.
pub fn countries() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let mut countries: Vec<Country> = rows(TABLE)
            .filter_map(|fields| {
                let (alpha2, alpha3) = (*fields.first()?, *fields.get(1)?);
                Some(Country {
                    alpha2,
                    alpha3,
                    names: fields[2..].to_vec(),
                })
            })
            .collect();
        for fields in rows(MORE_NAMES) {
            if let Some(country) = countries
                .iter_mut()
                .find(|c| Some(&c.alpha2) == fields.first())
            {
                country.names.extend(fields[1..].iter().copied());
            }
        }
        countries
    })
}

/// The country with this alpha-2 code.
pub fn country_by_alpha2(code: &str) -> Option<&'static Country> {
    countries().iter().find(|c| c.alpha2 == code)
}

/// The country with this alpha-3 code.
pub fn country_by_alpha3(code: &str) -> Option<&'static Country> {
    countries().iter().find(|c| c.alpha3 == code)
}

/// The country a document calls `name`, however it spells it: "BELGIUM",
/// "The Netherlands", "Côte d’Ivoire", "Cote d'Ivoire", "Viet Nam",
/// "Republic of Korea", "Bolivia (Plurinational State of)", "Turkey".
pub fn country_by_name(name: &str) -> Option<&'static Country> {
    static INDEX: OnceLock<HashMap<String, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        // Names as written first, so that a rewording of one country's name
        // never takes the place of another country's own name ("Congo").
        for (i, country) in countries().iter().enumerate() {
            for name in &country.names {
                index.entry(name_key(name)).or_insert(i);
            }
        }
        for (i, country) in countries().iter().enumerate() {
            for name in &country.names {
                for variant in rewordings(name) {
                    index.entry(name_key(&variant)).or_insert(i);
                }
            }
        }
        index
    });
    std::iter::once(name.to_owned())
        .chain(rewordings(name))
        .find_map(|candidate| index.get(&name_key(&candidate)))
        .map(|&i| &countries()[i])
}

/// A name reduced to what tells countries apart: lower case, no accents, one
/// kind of apostrophe, no dots, single spaces, no leading "the".
fn name_key(name: &str) -> String {
    let folded: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' => '\'',
            '.' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// The natural orders of the ISO inverted forms: "Korea, Republic of" →
/// "Republic of Korea"; "Bolivia (Plurinational State of)" → "Plurinational
/// State of Bolivia". Other parentheses ("Korea (Rep.)") are left alone: the
/// part before them may name more than one country.
fn rewordings(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((head, tail)) = name.split_once(", ") {
        out.push(format!("{} {}", tail.trim(), head.trim()));
    }
    if let Some((head, rest)) = name.split_once(" (")
        && let Some(inner) = rest.strip_suffix(')')
    {
        let inner = inner.trim();
        if inner.ends_with(" of") || inner.ends_with(" of the") {
            out.push(format!("{inner} {}", head.trim()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_names_turn_inverted_iso_names_around() {
        let name = |code: &str| country_by_alpha3(code).unwrap().reading_name();
        assert_eq!(name("KOR"), "Republic of Korea");
        assert_eq!(name("COD"), "The Democratic Republic of the Congo");
        assert_eq!(name("BOL"), "Plurinational State of Bolivia");
        assert_eq!(name("BEL"), "Belgium");
        assert_eq!(name("CIV"), "Côte d'Ivoire");
    }

    #[test]
    fn the_table_has_every_iso_country() {
        assert_eq!(countries().len(), 249);
        assert!(
            countries()
                .iter()
                .all(|c| c.alpha2.len() == 2 && c.alpha3.len() == 3 && !c.names.is_empty())
        );
    }

    #[test]
    fn codes_find_countries() {
        assert_eq!(country_by_alpha2("BE").map(Country::name), Some("Belgium"));
        assert_eq!(country_by_alpha3("CIV").map(|c| c.alpha2), Some("CI"));
        assert!(country_by_alpha2("XX").is_none());
    }

    #[test]
    fn every_extra_name_belongs_to_a_country() {
        for fields in rows(MORE_NAMES) {
            assert!(
                country_by_alpha2(fields[0]).is_some(),
                "{} in country-names.tsv is no ISO code",
                fields[0]
            );
            assert!(fields.len() > 1, "{} has no name", fields[0]);
        }
    }

    #[test]
    fn the_itu_spellings_find_their_country() {
        for (name, alpha2) in [
            ("BELGIUM", "BE"),
            ("The Netherlands", "NL"),
            ("THE NETHERLANDS", "NL"),
            ("Netherlands", "NL"),
            ("Côte d'Ivoire", "CI"),
            ("Côte d’Ivoire", "CI"),
            ("COTE D'IVOIRE", "CI"),
            ("CÔTE D’IVOIRE", "CI"),
            ("Viet Nam", "VN"),
            ("VIET NAM", "VN"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("Republic of Korea", "KR"),
            ("Korea (Rep.)", "KR"),
            ("Democratic People's Republic of Korea", "KP"),
            ("United Kingdom", "GB"),
            ("United States", "US"),
            ("United States of America", "US"),
            ("Bolivia (Plurinational State of)", "BO"),
            ("Iran (Islamic Republic of)", "IR"),
            ("Venezuela (Bolivarian Republic of)", "VE"),
            ("Micronesia (Federated States of)", "FM"),
            ("Democratic Republic of the Congo", "CD"),
            ("Congo", "CG"),
            ("Republic of Moldova", "MD"),
            ("United Republic of Tanzania", "TZ"),
            ("Lao P.D.R.", "LA"),
            ("Holy See", "VA"),
            ("  Gambia  ", "GM"),
            ("The Gambia", "GM"),
        ] {
            assert_eq!(
                country_by_name(name).map(|c| c.alpha2),
                Some(alpha2),
                "{name}"
            );
        }
    }

    #[test]
    fn unknown_names_find_nothing() {
        for name in [
            "",
            "Atlantis",
            "Republic of",
            "Cyberwellness Profile",
            "Korea",
        ] {
            assert_eq!(country_by_name(name).map(|c| c.alpha2), None, "{name}");
        }
    }
}
