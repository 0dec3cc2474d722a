//! Profiles grouped by country and edition, from their content.
//!
//! A site is organised by what a profile says (its ISO alpha-3 code and its
//! edition year), never by its file name. Two files for the same country and
//! year are an error: the site could show only one of them.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic};
use crate::model::Profile;
use crate::schema::{Catalogue, Catalogues};

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
    /// The catalogue it follows.
    pub catalogue: &'a Catalogue,
}

impl Edition<'_> {
    /// The edition year.
    pub fn year(&self) -> u16 {
        self.profile.edition
    }
}

/// A country and every edition of its profile, oldest first.
#[derive(Debug, Clone)]
pub struct CountryEditions<'a> {
    /// ISO 3166-1 alpha-3 code.
    pub alpha3: &'a str,
    /// The editions, by year, oldest first (never empty).
    pub editions: Vec<Edition<'a>>,
}

impl<'a> CountryEditions<'a> {
    /// The latest edition.
    pub fn latest(&self) -> &Edition<'a> {
        // A group is only made with at least one edition.
        &self.editions[self.editions.len() - 1]
    }

    /// The country's name, as its latest edition prints it.
    pub fn name(&self) -> &'a str {
        &self.latest().profile.country.name
    }
}

/// Groups validated profiles `(file, name, profile)` by country, then edition
/// year (`file` as given, for messages; `name` as pages show it).
/// Countries come sorted by name (then code), editions by year. Two profiles
/// of one country and year are reported together, every such pair at once.
pub fn group<'a>(
    profiles: &[(&'a str, &'a str, &'a Profile)],
    catalogues: &'a Catalogues,
) -> Result<Vec<CountryEditions<'a>>, Vec<Diagnostic>> {
    let mut by_country: BTreeMap<&str, BTreeMap<u16, Vec<Edition<'a>>>> = BTreeMap::new();
    let mut problems = Vec::new();
    for &(file, name, profile) in profiles {
        let Some(catalogue) = catalogues.get(&profile.schema_edition) else {
            problems.push(
                Diagnostic::error(
                    Code::Internal,
                    format!(
                        "a profile of the unknown edition `{}` reached the site",
                        profile.schema_edition
                    ),
                )
                .in_file(file),
            );
            continue;
        };
        by_country
            .entry(profile.country.alpha3.as_str())
            .or_default()
            .entry(profile.edition)
            .or_default()
            .push(Edition {
                file,
                name,
                profile,
                catalogue,
            });
    }
    let mut countries = Vec::new();
    for (alpha3, years) in by_country {
        let mut editions = Vec::new();
        for (year, mut same) in years {
            if same.len() > 1 {
                same.sort_by(|a, b| a.file.cmp(b.file));
                let files: Vec<&str> = same.iter().map(|e| e.file).collect();
                problems.push(
                    Diagnostic::error(
                        Code::DuplicateEdition,
                        format!(
                            "{} files hold the {year} edition of {alpha3} ({}): {}",
                            files.len(),
                            same[0].profile.country.name,
                            files.join(", ")
                        ),
                    )
                    .with_hint("keep one file per country and edition year: remove one, or correct its `edition`")
                    .in_file(files[1]),
                );
            }
            editions.push(same[0]);
        }
        countries.push(CountryEditions { alpha3, editions });
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
