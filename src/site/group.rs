//! Profiles grouped by country and edition, from their content.
//!
//! A site is organised by what a profile says (its ISO alpha-3 code and its
//! edition year), never by its file name. Two files for the same country and
//! year are an error: the site could show only one of them.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic};
use crate::model::{AnyProfile, Profile, ScoredProfile};
use crate::schema::{AnyEdition, Catalogue, Catalogues, ScoredEdition};

/// One edition of a country's profile: the profile, its catalogue and the file
/// it came from.
#[derive(Debug, Clone, Copy)]
pub struct Edition<'a> {
    /// The file, as found under the profiles folder (for messages).
    pub file: &'a str,
    /// The file relative to the profiles folder, as pages name it.
    pub name: &'a str,
    /// The validated profile.
    pub profile: &'a Profile,
    /// The same, as a profile of any kind (for the renderers).
    pub any: &'a AnyProfile,
    /// The catalogue it follows.
    pub catalogue: &'a Catalogue,
}

impl Edition<'_> {
    /// The edition year.
    pub fn year(&self) -> u16 {
        self.profile.edition
    }
}

/// One GCI profile of a country: the profile, its edition and its file.
#[derive(Debug, Clone, Copy)]
pub struct Scorecard<'a> {
    /// The file, as found under the profiles folder (for messages).
    pub file: &'a str,
    /// The file relative to the profiles folder, as pages name it.
    pub name: &'a str,
    /// The validated profile.
    pub profile: &'a ScoredProfile,
    /// The same, as a profile of any kind (for the renderers).
    pub any: &'a AnyProfile,
    /// The GCI edition it follows.
    pub edition: &'a ScoredEdition,
}

impl Scorecard<'_> {
    /// The edition's year.
    pub fn year(&self) -> u16 {
        self.profile.edition
    }
}

/// A country, every edition of its Cyberwellness Profile and every GCI
/// profile of it, oldest first.
#[derive(Debug, Clone)]
pub struct CountryEditions<'a> {
    /// ISO 3166-1 alpha-3 code.
    pub alpha3: &'a str,
    /// The Cyberwellness editions, by year, oldest first (may be empty).
    pub editions: Vec<Edition<'a>>,
    /// The GCI profiles, by edition year, oldest first (may be empty).
    pub scorecards: Vec<Scorecard<'a>>,
}

impl<'a> CountryEditions<'a> {
    /// The latest Cyberwellness edition, if the country has one.
    pub fn latest(&self) -> Option<&Edition<'a>> {
        self.editions.last()
    }

    /// The latest GCI profile, if the country has one.
    pub fn latest_scorecard(&self) -> Option<&Scorecard<'a>> {
        self.scorecards.last()
    }

    /// The country's name, as its latest Cyberwellness edition prints it,
    /// or else its latest GCI profile.
    pub fn name(&self) -> &'a str {
        match (self.editions.last(), self.scorecards.last()) {
            (Some(edition), _) => &edition.profile.country.name,
            (None, Some(scorecard)) => &scorecard.profile.country.name,
            (None, None) => self.alpha3,
        }
    }
}

/// Groups validated profiles `(file, name, profile)` by country, then edition
/// year (`file` as given, for messages; `name` as pages show it), each kind
/// of profile apart. Countries come sorted by name (then code), editions by
/// year. Two profiles of one country and edition are reported together,
/// every such pair at once.
pub fn group<'a>(
    profiles: &[(&'a str, &'a str, &'a AnyProfile)],
    catalogues: &'a Catalogues,
) -> Result<Vec<CountryEditions<'a>>, Vec<Diagnostic>> {
    type Years<T> = BTreeMap<u16, Vec<T>>;
    let mut by_country: BTreeMap<&str, (Years<Edition<'a>>, Years<Scorecard<'a>>)> =
        BTreeMap::new();
    let mut problems = Vec::new();
    for &(file, name, any) in profiles {
        let entry = by_country.entry(any.country().alpha3.as_str()).or_default();
        match (any, catalogues.edition(any.schema_edition())) {
            (AnyProfile::Cyberwellness(profile), Some(AnyEdition::Cyberwellness(catalogue))) => {
                entry.0.entry(profile.edition).or_default().push(Edition {
                    file,
                    name,
                    profile,
                    any,
                    catalogue,
                });
            }
            (AnyProfile::Scored(profile), Some(AnyEdition::Scored(edition))) => {
                entry.1.entry(profile.edition).or_default().push(Scorecard {
                    file,
                    name,
                    profile,
                    any,
                    edition,
                });
            }
            _ => problems.push(
                Diagnostic::error(
                    Code::Internal,
                    format!(
                        "a profile of the unknown edition `{}` reached the site",
                        any.schema_edition()
                    ),
                )
                .in_file(file),
            ),
        }
    }
    let mut countries = Vec::new();
    for (alpha3, (years, scored_years)) in by_country {
        let editions = one_per_year(
            alpha3,
            years,
            |e| (e.file, &e.profile.country.name),
            &mut problems,
        );
        let scorecards = one_per_year(
            alpha3,
            scored_years,
            |s| (s.file, &s.profile.country.name),
            &mut problems,
        );
        countries.push(CountryEditions {
            alpha3,
            editions,
            scorecards,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    countries.sort_by(|a, b| {
        sort_key(a.name())
            .cmp(&sort_key(b.name()))
            .then(a.alpha3.cmp(b.alpha3))
    });
    Ok(countries)
}

/// One entry per year, each year's first by file name; two or more files
/// for one year are a `duplicate-edition` problem.
fn one_per_year<'a, T: Copy>(
    alpha3: &str,
    years: BTreeMap<u16, Vec<T>>,
    describe: impl Fn(&T) -> (&'a str, &'a String),
    problems: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut kept = Vec::new();
    for (year, mut same) in years {
        same.sort_by(|a, b| describe(a).0.cmp(describe(b).0));
        if same.len() > 1 {
            let files: Vec<&str> = same.iter().map(|e| describe(e).0).collect();
            problems.push(
                Diagnostic::error(
                    Code::DuplicateEdition,
                    format!(
                        "{} files hold the {year} edition of {alpha3} ({}): {}",
                        files.len(),
                        describe(&same[0]).1,
                        files.join(", ")
                    ),
                )
                .with_hint("keep one file per country and edition year: remove one, or correct its `edition`")
                .in_file(files[1]),
            );
        }
        kept.push(same[0]);
    }
    kept
}

/// A key that sorts names as a reader expects: case and the common Latin
/// accents ignored (`Côte d’Ivoire` between `Costa Rica` and `Croatia`).
pub fn sort_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        key.push(match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ř' => 'r',
            'ł' => 'l',
            '’' | '\'' => '\'',
            other => other,
        });
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_do_not_decide_the_order() {
        let mut names = ["Croatia", "Côte d’Ivoire", "costa rica", "Åland Islands"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["Åland Islands", "costa rica", "Côte d’Ivoire", "Croatia"]
        );
    }
}
